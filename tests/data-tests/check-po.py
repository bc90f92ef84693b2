#!/usr/bin/env python3
# check-po.py
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks one translation, when it exists (exit 77 = skipped otherwise):
#   1. the language is listed in po/LINGUAS (or it is never built/installed),
#   2. msgfmt --check accepts it (format strings, headers, plural forms),
#   3. msgfmt --statistics reports 0 fuzzy and 0 untranslated messages,
#   4. when xgettext and msgmerge exist: merged with a template freshly
#      extracted from po/POTFILES.in, it still has 0 fuzzy and 0 untranslated
#      messages, i.e. no string was added or changed after translating.
#
# Usage: check-po.py SOURCE_ROOT LANG

import os
import re
import shutil
import subprocess
import sys
import tempfile

# Same keywords as meson's i18n.gettext(preset: 'glib').
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
]

STATS = re.compile(r'(\d+) (translated|fuzzy|untranslated)')


def statistics(po, label):
    """Returns (ok, text) for msgfmt --check --statistics on po."""
    proc = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                          capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
    text = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        return False, f'msgfmt --check rejects {label}:\n{text}'
    counts = {kind: int(n) for n, kind in STATS.findall(text)}
    fuzzy, untranslated = counts.get('fuzzy', 0), counts.get('untranslated', 0)
    if fuzzy or untranslated:
        return False, f'{label}: {text} (expected 0 fuzzy and 0 untranslated)'
    return True, f'{label}: {text}'


def unfinished(po):
    """Lists the msgids that are fuzzy or untranslated."""
    if shutil.which('msgattrib') is None:
        return []
    proc = subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete', po],
                          capture_output=True, text=True)
    proc2 = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', po],
                           capture_output=True, text=True)
    ids = []
    for out in (proc.stdout, proc2.stdout):
        for m in re.finditer(r'^msgid ((?:".*"\n?)+)', out, re.M):
            s = ''.join(re.findall(r'"(.*)"', m.group(1)))
            if s:
                ids.append(s)
    return ids


def main(argv):
    if len(argv) != 3:
        print('Usage: check-po.py SOURCE_ROOT LANG', file=sys.stderr)
        return 2
    root, lang = argv[1], argv[2]
    po = os.path.join(root, 'po', lang + '.po')
    if not os.path.exists(po):
        print(f'SKIP: po/{lang}.po does not exist yet (the translation is added when '
              f'the UI strings are final)')
        return 77
    if shutil.which('msgfmt') is None:
        print('SKIP: msgfmt is not installed')
        return 77

    results = []

    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        linguas = [w for line in f if not line.lstrip().startswith('#')
                   for w in line.split()]
    results.append((lang in linguas,
                    f'{lang} is listed in po/LINGUAS' if lang in linguas else
                    f'{lang} is missing from po/LINGUAS, so it is neither built nor installed'))

    results.append(statistics(po, f'po/{lang}.po'))

    if shutil.which('xgettext') and shutil.which('msgmerge'):
        with tempfile.TemporaryDirectory(prefix='ens-po-check-') as tmp:
            pot = os.path.join(tmp, 'template.pot')
            merged = os.path.join(tmp, lang + '.po')
            proc = subprocess.run(
                ['xgettext'] + XGETTEXT_ARGS +
                ['--directory', root, '--files-from', os.path.join(root, 'po', 'POTFILES.in'),
                 '--output', pot],
                capture_output=True, text=True)
            if proc.returncode != 0:
                results.append((False, 'xgettext could not extract the template:\n' + proc.stderr))
            else:
                proc = subprocess.run(['msgmerge', '--quiet', '--output-file', merged, po, pot],
                                      capture_output=True, text=True)
                if proc.returncode != 0:
                    results.append((False, 'msgmerge failed:\n' + proc.stderr))
                else:
                    ok, text = statistics(merged, f'po/{lang}.po merged with the current sources')
                    if not ok:
                        missing = unfinished(merged)
                        text += '\n' + '\n'.join(f'    needs translating: "{m}"' for m in missing)
                    results.append((ok, text))
    else:
        print('# xgettext or msgmerge is not installed: not comparing with the sources')

    for n, (ok, text) in enumerate(results, 1):
        lines = text.splitlines()
        print(f'{"ok" if ok else "not ok"} {n} - {lines[0]}')
        for line in lines[1:]:
            print(f'#  {line}')
    print(f'1..{len(results)}')
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
