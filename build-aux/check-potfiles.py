#!/usr/bin/env python3
# check-potfiles.py
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file under src/ or data/ has translatable strings but is not
# listed in po/POTFILES.in, when POTFILES.in lists a file that does not exist,
# or when POTFILES.in is not sorted.  Files named in po/POTFILES.skip are
# ignored.  Plain Python, no gi.
#
# Usage: check-potfiles.py [SOURCE_ROOT]

import os
import re
import subprocess
import sys

SCAN_DIRS = ('src', 'data')
SCAN_SUFFIXES = ('.c', '.h', '.ui', '.blp', '.in', '.xml', '.py', '.js', '.vala')

# _("…"), N_("…"), C_("ctx", "…"), NC_, Q_, with the GNU space before "(".
MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dgettext|'
    r'g_dpgettext2|g_dcgettext)\s*\('
    r'|translatable\s*=\s*["\']yes["\']')

# Files translated as a whole (every name/summary/description is extracted).
ALWAYS = re.compile(r'(\.desktop\.in(\.in)?|\.metainfo\.xml\.in(\.in)?|'
                    r'\.appdata\.xml\.in(\.in)?|\.gschema\.xml(\.in)?)$')


C_TOKENS = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*',
                      re.S)
XML_COMMENT = re.compile(r'<!--.*?-->', re.S)


def strip_comments(rel, text):
    """Drop comments so that documentation mentioning _() does not count."""
    if rel.endswith(('.c', '.h', '.vala', '.js')):
        return C_TOKENS.sub(lambda m: m.group(0) if m.group(0)[0] in '"\'' else ' ',
                            text)
    if rel.endswith(('.ui', '.xml', '.in')):
        return XML_COMMENT.sub(' ', text)
    return text


def read_list(path):
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#') or line.startswith('['):
                continue
            entries.append(line)
    return entries


def list_files(root):
    try:
        out = subprocess.run(
            ['git', '-C', root, 'ls-files', '--cached', '--others',
             '--exclude-standard', '-z', '--'] + list(SCAN_DIRS),
            check=True, capture_output=True).stdout
        files = [f for f in out.decode('utf-8').split('\0') if f]
        if files:
            return sorted(set(files))
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            for name in filenames:
                full = os.path.join(dirpath, name)
                files.append(os.path.relpath(full, root).replace(os.sep, '/'))
    return sorted(files)


def needs_translation(root, rel):
    if not rel.endswith(SCAN_SUFFIXES):
        return False
    full = os.path.join(root, rel)
    if not os.path.isfile(full):
        return False
    if ALWAYS.search(rel):
        return True
    try:
        with open(full, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False
    return MARKERS.search(strip_comments(rel, text)) is not None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), '..'))
    potfiles_path = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.exists(potfiles_path):
        print(f'FAIL: {potfiles_path} does not exist')
        return 1

    listed = read_list(potfiles_path)
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))
    failed = False

    missing_files = [f for f in listed if not os.path.isfile(os.path.join(root, f))]
    for f in missing_files:
        print(f'FAIL: po/POTFILES.in lists {f}, which does not exist')
        failed = True

    dupes = sorted({f for f in listed if listed.count(f) > 1})
    for f in dupes:
        print(f'FAIL: po/POTFILES.in lists {f} more than once')
        failed = True

    if listed != sorted(listed):
        print('FAIL: po/POTFILES.in is not sorted; expected order:')
        for f in sorted(set(listed)):
            print(f'  {f}')
        failed = True

    listed_set = set(listed)
    scanned = list_files(root)
    unlisted = [f for f in scanned
                if f not in listed_set and f not in skipped
                and needs_translation(root, f)]
    for f in unlisted:
        print(f'FAIL: {f} has translatable strings but is not in po/POTFILES.in')
        failed = True

    if failed:
        print('Add or remove the lines above in po/POTFILES.in (keep it sorted), '
              'or list a file in po/POTFILES.skip to ignore it.')
        return 1

    print(f'OK: {len(listed)} files in po/POTFILES.in, '
          f'{len(scanned)} files scanned under {", ".join(SCAN_DIRS)}/')
    return 0


if __name__ == '__main__':
    sys.exit(main())
