#!/usr/bin/env python3
"""Symbolic icon: a two-tier drive stack with a share glyph cut into its corner."""
# Usage: data/icons/gen-symbolic-icon.py > data/icons/hicolor/symbolic/apps/io.github.ensimageshare.EnsImageShare-symbolic.svg
import math

CX, RX, RY = 6.5, 6.0, 2.5
# share glyph
R_NODE = 1.6
A, B, C = (10.4, 12.4), (14.4, 10.2), (14.4, 14.4)
W_LINE = 1.4
GAP = 1.0
KX, KY = 12.6, 12.3     # cut-out centre
KR = max(math.hypot(p[0] - KX, p[1] - KY) for p in (A, B, C)) + R_NODE + GAP

def ell(cy, t):
    return (CX + RX * math.cos(t), cy + RY * math.sin(t))

def inside_cut(p):
    return math.hypot(p[0] - KX, p[1] - KY) < KR

def band(c, h):
    """Outline as sampled points: top arc (front half) at c, right side, bottom arc at c+h back, left side."""
    pts = []
    n = 400
    for i in range(n + 1):                    # from left (pi) to right (0) through the front (pi/2)
        t = math.pi - math.pi * i / n
        pts.append(ell(c, t))
    for i in range(1, n):
        pts.append((CX + RX, c + h * i / n))
    for i in range(n + 1):                    # right to left through the front
        t = math.pi * i / n
        pts.append(ell(c + h, t))
    for i in range(1, n):
        pts.append((CX - RX, c + h - h * i / n))
    return pts

def cap(cy):
    n = 800
    return [ell(cy, 2 * math.pi * i / n) for i in range(n)]

def fmt(v):
    s = '%.2f' % v
    s = s.rstrip('0').rstrip('.')
    return s

def simplify(pts, tol=0.01):
    """Ramer-Douglas-Peucker on the closed outline."""
    def rdp(seg):
        if len(seg) < 3:
            return seg
        (x0, y0), (x2, y2) = seg[0], seg[-1]
        l = max(math.hypot(x2 - x0, y2 - y0), 1e-9)
        best, idx = -1.0, 0
        for i in range(1, len(seg) - 1):
            x1, y1 = seg[i]
            dist = abs((x2 - x0) * (y0 - y1) - (x0 - x1) * (y2 - y0)) / l
            if dist > best:
                best, idx = dist, i
        if best <= tol:
            return [seg[0], seg[-1]]
        return rdp(seg[:idx + 1])[:-1] + rdp(seg[idx:])
    half = len(pts) // 2
    return rdp(pts[:half + 1])[:-1] + rdp(pts[half:] + [pts[0]])[:-1]

def cut(pts):
    """Remove the part inside the cut-out circle; the gap follows the circle."""
    n = len(pts)
    flags = [inside_cut(p) for p in pts]
    if not any(flags):
        return pts
    start = flags.index(False)
    order = pts[start:] + pts[:start]
    fl = flags[start:] + flags[:start]
    out = []
    i = 0
    while i < n:
        if not fl[i]:
            out.append(order[i]); i += 1; continue
        p_in = order[i - 1]
        j = i
        while j < n and fl[j]:
            j += 1
        p_out = order[j % n]
        a0 = math.atan2(p_in[1] - KY, p_in[0] - KX)
        a1 = math.atan2(p_out[1] - KY, p_out[0] - KX)
        # walk the circle the short way round, which lies inside the shape here
        d = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
        steps = 60
        for k in range(1, steps):
            a = a0 + d * k / steps
            out.append((KX + KR * math.cos(a), KY + KR * math.sin(a)))
        i = j
    return out

def path(pts):
    pts = simplify(pts)
    d = 'M ' + ' '.join('%s,%s' % (fmt(x), fmt(y)) for x, y in pts) + ' Z'
    return d

def circle(p, r):
    x, y = p
    return ('M %s,%s A %s,%s 0 1 0 %s,%s A %s,%s 0 1 0 %s,%s Z'
            % (fmt(x - r), fmt(y), fmt(r), fmt(r), fmt(x + r), fmt(y), fmt(r), fmt(r), fmt(x - r), fmt(y)))

def bar(p, q, w):
    dx, dy = q[0] - p[0], q[1] - p[1]
    l = math.hypot(dx, dy)
    nx, ny = -dy / l * w / 2, dx / l * w / 2
    c = [(p[0] + nx, p[1] + ny), (q[0] + nx, q[1] + ny), (q[0] - nx, q[1] - ny), (p[0] - nx, p[1] - ny)]
    return 'M ' + ' '.join('%s,%s' % (fmt(x), fmt(y)) for x, y in c) + ' Z'

shapes = [cut(cap(3.0)), cut(band(4.0, 3.0)), cut(band(8.0, 3.0))]
print('<?xml version="1.0" encoding="UTF-8"?>')
print('<!-- ENS Image Share symbolic icon. Copyright 2026 The ENS Image Share authors.')
print('     SPDX-License-Identifier: CC-BY-SA-4.0 OR GPL-3.0-or-later -->')
print('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">')
print('  <g fill="#2e3436">')
for s in shapes:
    print('    <path d="%s"/>' % path(s))
for p in (A, B, C):
    print('    <path d="%s"/>' % circle(p, R_NODE))
print('    <path d="%s"/>' % bar(A, B, W_LINE))
print('    <path d="%s"/>' % bar(A, C, W_LINE))
print('  </g>')
print('</svg>')
