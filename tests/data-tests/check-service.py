#!/usr/bin/env python3
# check-service.py
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the D-Bus activation file against the desktop file: the service Name=
# is the app ID, Exec= starts the installed executable as a GApplication
# service, and the desktop file (DBusActivatable=true) is named after the same
# ID so D-Bus activation finds it.
#
# Usage: check-service.py SERVICE_FILE DESKTOP_FILE APP_ID BINDIR EXECUTABLE

import configparser
import os
import shlex
import sys


def load(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    return parser


def main(argv):
    if len(argv) != 6:
        print('Usage: check-service.py SERVICE DESKTOP APP_ID BINDIR EXECUTABLE', file=sys.stderr)
        return 2
    service_path, desktop_path, app_id, bindir, exe = argv[1:]
    results = []

    def check(ok, what):
        results.append((ok, what))

    service = load(service_path)
    check(service.has_section('D-BUS Service'), 'service file has a [D-BUS Service] group')
    sect = service['D-BUS Service'] if service.has_section('D-BUS Service') else {}
    check(os.path.basename(service_path) == app_id + '.service',
          f'service file is named {app_id}.service (got {os.path.basename(service_path)})')
    check(sect.get('Name') == app_id, f'Name={sect.get("Name")} equals the app ID {app_id}')
    argv_exec = shlex.split(sect.get('Exec', ''))
    want = os.path.join(bindir, exe)
    check(bool(argv_exec) and argv_exec[0] == want,
          f'Exec starts {argv_exec[0] if argv_exec else None}, expected {want}')
    check('--gapplication-service' in argv_exec[1:],
          'Exec passes --gapplication-service')

    desktop = load(desktop_path)
    entry = desktop['Desktop Entry'] if desktop.has_section('Desktop Entry') else {}
    check(os.path.basename(desktop_path) == app_id + '.desktop',
          f'desktop file is named {app_id}.desktop (got {os.path.basename(desktop_path)})')
    check(entry.get('DBusActivatable') == 'true', 'desktop file sets DBusActivatable=true')
    check(entry.get('Icon') == app_id, f'desktop Icon={entry.get("Icon")} equals the app ID')
    check(shlex.split(entry.get('Exec', ''))[:1] == [exe],
          f'desktop Exec={entry.get("Exec")} starts {exe}')

    for n, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {n} - {what}')
    print(f'1..{len(results)}')
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
