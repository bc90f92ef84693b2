#!/usr/bin/env python3
# check-icons.py
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the app icons: well-formed SVG, the size their hicolor folder
# promises (scalable: 128x128, symbolic: 16x16), and for symbolic icons a
# single foreground colour (#2e3436) so GTK can recolour them.
#
# Usage: check-icons.py ICON.svg...

import os
import re
import sys
import xml.etree.ElementTree as ET

SVG_NS = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOUR = '#2e3436'
COLOUR_ATTRS = ('fill', 'stroke', 'stop-color', 'color')


def number(value):
    m = re.fullmatch(r'\s*([0-9.]+)\s*(px)?\s*', value or '')
    return float(m.group(1)) if m else None


def colours(elem):
    found = []
    for attr in COLOUR_ATTRS:
        if attr in elem.attrib:
            found.append(elem.attrib[attr])
    for decl in elem.attrib.get('style', '').split(';'):
        if ':' in decl:
            key, value = decl.split(':', 1)
            if key.strip() in COLOUR_ATTRS:
                found.append(value.strip())
    return [c.lower() for c in found if c.lower() not in ('none', 'currentcolor')]


def check(path):
    errors = []
    symbolic = path.endswith('-symbolic.svg')
    size = 16 if symbolic else 128
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return [f'is not well-formed XML: {e}']
    if root.tag != SVG_NS + 'svg':
        errors.append(f'root element is {root.tag}, not an SVG <svg>')
    w, h = number(root.get('width')), number(root.get('height'))
    if (w, h) != (size, size):
        errors.append(f'is {root.get("width")}x{root.get("height")}, expected {size}x{size}')
    vb = root.get('viewBox')
    if vb is not None:
        parts = [float(p) for p in re.split(r'[\s,]+', vb.strip())]
        if parts != [0, 0, size, size]:
            errors.append(f'viewBox is "{vb}", expected "0 0 {size} {size}"')
    drawn = [e for e in root.iter() if e.tag.replace(SVG_NS, '') in
             ('path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line')]
    if not drawn:
        errors.append('draws nothing')
    if symbolic:
        for elem in root.iter():
            for c in colours(elem):
                if c != SYMBOLIC_COLOUR:
                    errors.append(f'uses colour {c}; symbolic icons use only {SYMBOLIC_COLOUR}')
        for elem in root.iter():
            tag = elem.tag.replace(SVG_NS, '')
            if tag in ('image', 'text', 'filter', 'mask', 'pattern', 'linearGradient',
                       'radialGradient'):
                errors.append(f'contains <{tag}>, which symbolic icons cannot use')
    return errors


def main(paths):
    if not paths:
        print('Usage: check-icons.py ICON.svg...', file=sys.stderr)
        return 2
    failed = 0
    for n, path in enumerate(paths, 1):
        errors = check(path)
        name = os.path.basename(path)
        if errors:
            failed += 1
            print(f'not ok {n} - {name}')
            for e in errors:
                print(f'#   {name} {e}')
        else:
            print(f'ok {n} - {name}')
    print(f'1..{len(paths)}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
