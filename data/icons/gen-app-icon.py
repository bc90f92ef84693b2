#!/usr/bin/env python3
"""Generates the ENS Image Share app icons (normal + Devel)."""
# Usage: data/icons/gen-app-icon.py [devel] > data/icons/hicolor/scalable/apps/io.github.ensimageshare.EnsImageShare[.Devel].svg
import sys

CX, RX, RY = 56, 42, 13      # cylinder centre x, radii
TOP = 30                     # y of the top face centre
TIER = 22                    # height of one tier
TIERS = 3
BOT = TOP + TIER * TIERS     # y of the bottom face centre
BX, BY, BR = 95, 93, 23      # badge centre and radius
X0, X1 = CX - RX, CX + RX

def band(y0, y1):
    """Cylinder side between two ellipse levels (front half)."""
    return (f"M {X0} {y0} A {RX} {RY} 0 0 0 {X1} {y0} V {y1} "
            f"A {RX} {RY} 0 0 1 {X0} {y1} Z")

def icon(devel):
    out = []
    a = out.append
    a('<?xml version="1.0" encoding="UTF-8"?>')
    a('<!-- ENS Image Share app icon%s. Copyright 2026 The ENS Image Share authors.'
      % (' (development build)' if devel else ''))
    a('     SPDX-License-Identifier: CC-BY-SA-4.0 OR GPL-3.0-or-later -->')
    a('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">')
    a('  <defs>')
    a('    <linearGradient id="side" x1="%d" y1="0" x2="%d" y2="0" gradientUnits="userSpaceOnUse">' % (X0, X1))
    a('      <stop offset="0" stop-color="#1a5fb4"/>')
    a('      <stop offset="0.3" stop-color="#3584e4"/>')
    a('      <stop offset="0.55" stop-color="#62a0ea"/>')
    a('      <stop offset="1" stop-color="#1c71d8"/>')
    a('    </linearGradient>')
    a('    <linearGradient id="top" x1="0" y1="%d" x2="0" y2="%d" gradientUnits="userSpaceOnUse">' % (TOP - RY, TOP + RY))
    a('      <stop offset="0" stop-color="#ffffff"/>')
    a('      <stop offset="1" stop-color="#c0d9f6"/>')
    a('    </linearGradient>')
    a('    <linearGradient id="badge" x1="0" y1="%d" x2="0" y2="%d" gradientUnits="userSpaceOnUse">' % (BY - BR, BY + BR))
    a('      <stop offset="0" stop-color="#57e389"/>')
    a('      <stop offset="1" stop-color="#2ec27e"/>')
    a('    </linearGradient>')
    a('    <filter id="shadow" x="-20%" y="-20%" width="140%" height="140%">')
    a('      <feGaussianBlur stdDeviation="2.5"/>')
    a('    </filter>')
    # cut a gap around the badge out of the drive stack
    a('    <mask id="gap" maskUnits="userSpaceOnUse" x="0" y="0" width="128" height="128">')
    a('      <rect width="128" height="128" fill="#fff"/>')
    a('      <circle cx="%d" cy="%d" r="%d" fill="#000"/>' % (BX, BY + 1, BR + 4))
    a('    </mask>')
    if devel:
        a('    <pattern id="stripes" patternUnits="userSpaceOnUse" width="16" height="16" patternTransform="rotate(45)">')
        a('      <rect width="16" height="16" fill="#f6d32d"/>')
        a('      <rect width="8" height="16" fill="#241f31"/>')
        a('    </pattern>')
        a('    <clipPath id="body">')
        a('      <path d="%s"/>' % band(TOP, BOT))
        a('    </clipPath>')
    a('  </defs>')
    # soft shadow under the whole drawing
    a('  <g opacity="0.35" filter="url(#shadow)">')
    a('    <ellipse cx="%d" cy="%d" rx="%d" ry="%d" fill="#241f31" mask="url(#gap)"/>' % (CX, BOT + 3, RX, RY))
    a('    <circle cx="%d" cy="%d" r="%d" fill="#241f31"/>' % (BX, BY + 3, BR))
    a('  </g>')
    a('  <g mask="url(#gap)">')
    # body: bottom lip first, then the shaded side, then the tier seams
    a('    <path d="%s" fill="#1a5fb4"/>' % band(TOP, BOT + 4))
    a('    <path d="%s" fill="url(#side)"/>' % band(TOP, BOT))
    for i in range(1, TIERS):
        y = TOP + TIER * i
        a('    <path d="%s" fill="#1a5fb4"/>' % band(y - 3, y))
        a('    <path d="M %d %d A %d %d 0 0 0 %d %d" fill="none" stroke="#99c1f1" stroke-width="2" stroke-opacity="0.8"/>' % (X0, y - 3, RX, RY, X1, y - 3))
    if devel:
        a('    <g clip-path="url(#body)">')
        a('      <path d="%s" fill="url(#stripes)"/>' % band(BOT - TIER + 2, BOT + 4))
        a('    </g>')
    # activity lights on each tier
    for i in range(TIERS - 1 if devel else TIERS):
        y = TOP + TIER * i + TIER // 2 + RY - 2
        a('    <circle cx="%d" cy="%d" r="3" fill="#8ff0a4"/>' % (X0 + 16, y - 5))
        a('    <rect x="%d" y="%d" width="20" height="3" rx="1.5" fill="#1a5fb4" opacity="0.6"/>' % (X0 + 24, y - 6.5))
    # top face
    a('    <ellipse cx="%d" cy="%d" rx="%d" ry="%d" fill="url(#top)"/>' % (CX, TOP, RX, RY))
    a('    <ellipse cx="%d" cy="%d" rx="%d" ry="%d" fill="none" stroke="#99c1f1" stroke-width="2"/>' % (CX, TOP, RX - 14, RY - 5))
    a('    <ellipse cx="%d" cy="%d" rx="4" ry="1.6" fill="#62a0ea"/>' % (CX, TOP))
    a('  </g>')
    # share badge: lip, face, connected nodes
    a('  <circle cx="%d" cy="%d" r="%d" fill="#26a269"/>' % (BX, BY + 3, BR))
    a('  <circle cx="%d" cy="%d" r="%d" fill="url(#badge)"/>' % (BX, BY, BR))
    n1 = (BX - 9, BY)
    n2 = (BX + 8, BY - 9)
    n3 = (BX + 8, BY + 9)
    a('  <path d="M %d %d L %d %d M %d %d L %d %d" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round"/>'
      % (n2 + n1 + n1 + n3))
    for (x, y) in (n1, n2, n3):
        a('  <circle cx="%d" cy="%d" r="5.5" fill="#ffffff"/>' % (x, y))
    a('</svg>')
    return '\n'.join(out) + '\n'

if __name__ == '__main__':
    sys.stdout.write(icon(sys.argv[1:] == ['devel']))
