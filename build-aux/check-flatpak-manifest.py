#!/usr/bin/env python3
# check-flatpak-manifest.py
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Offline lint for a Flatpak manifest of ENS Image Share:
#   - valid JSON, id (or app-id) equals the expected app ID,
#   - command equals the installed executable name,
#   - runtime org.gnome.Platform with sdk org.gnome.Sdk and a pinned version,
#   - finish-args exactly the allowed set (no filesystem, no secrets
#     talk-name, no x11 or session-bus socket, ...),
#   - the last module is the app, built with meson in a separate build dir
#     from a "dir" source, with tests off,
#   - a cleanup list,
# and, when flatpak-builder is installed, runs
#   G_DEBUG=fatal-warnings flatpak-builder --show-manifest MANIFEST
# in a temporary directory (it creates .flatpak-builder/ in its cwd), which
# turns unknown keys and wrong value types into failures.
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND [--devel]

import json
import os
import shutil
import subprocess
import sys
import tempfile

ALLOWED_FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
]

# Why each broader permission is refused; any other argument is refused too.
FORBIDDEN_HINTS = {
    '--talk-name=org.freedesktop.secrets':
        'exposes every secret of the user; libsecret uses the Secret portal in a sandbox',
    '--filesystem=host': 'the app reads no files outside its sandbox',
    '--filesystem=home': 'the app reads no files outside its sandbox',
    '--socket=x11': 'use --socket=fallback-x11',
    '--socket=session-bus': 'the app needs no direct session bus access',
    '--socket=system-bus': 'the app needs no system bus access',
    '--device=all': 'only --device=dri is needed',
}


class Lint:
    def __init__(self, path):
        self.path = path
        self.failures = 0

    def fail(self, msg):
        print(f'FAIL: {os.path.basename(self.path)}: {msg}')
        self.failures += 1

    def ok(self, msg):
        print(f'ok: {msg}')


def check(path, app_id, command, devel):
    lint = Lint(path)
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        lint.fail(f'cannot be read as JSON: {e}')
        return lint.failures
    if not isinstance(manifest, dict):
        lint.fail('the top level is not a JSON object')
        return lint.failures

    # Identity
    ids = [manifest.get(k) for k in ('id', 'app-id') if k in manifest]
    if not ids:
        lint.fail('has neither "id" nor "app-id"')
    elif any(i != app_id for i in ids):
        lint.fail(f'id is {ids[0]!r}, expected {app_id!r}')
    else:
        lint.ok(f'id {app_id}')

    if manifest.get('command') != command:
        lint.fail(f'command is {manifest.get("command")!r}, expected {command!r}')
    else:
        lint.ok(f'command {command}')

    # Runtime
    if manifest.get('runtime') != 'org.gnome.Platform':
        lint.fail(f'runtime is {manifest.get("runtime")!r}, expected "org.gnome.Platform"')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        lint.fail(f'sdk is {manifest.get("sdk")!r}, expected "org.gnome.Sdk"')
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not version:
        lint.fail('runtime-version is missing')
    elif not devel and version == 'master':
        lint.fail('the stable manifest must pin a runtime-version, not "master"')
    else:
        lint.ok(f'runtime org.gnome.Platform//{version}')

    # Sandbox permissions
    finish_args = manifest.get('finish-args', [])
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        lint.fail('finish-args is not a list of strings')
        finish_args = []
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            hint = FORBIDDEN_HINTS.get(arg)
            if hint is None and arg.startswith('--filesystem='):
                hint = 'the app reads no files outside its sandbox'
            if hint is None and arg.startswith(('--talk-name=', '--own-name=',
                                                '--system-talk-name=')):
                hint = 'no D-Bus names beyond what the portals give'
            lint.fail(f'finish-arg {arg} is not allowed'
                      + (f' ({hint})' if hint else ''))
    for arg in ALLOWED_FINISH_ARGS:
        if arg not in finish_args:
            lint.fail(f'finish-arg {arg} is missing')
    if len(finish_args) != len(set(finish_args)):
        lint.fail('finish-args has duplicates')
    if sorted(finish_args) == sorted(ALLOWED_FINISH_ARGS):
        lint.ok('finish-args are exactly ' + ' '.join(ALLOWED_FINISH_ARGS))

    # Cleanup
    cleanup = manifest.get('cleanup')
    if not isinstance(cleanup, list) or not cleanup:
        lint.fail('has no cleanup list')
    else:
        for needed in ('/include', '/lib/pkgconfig', '*.la', '*.a'):
            if needed not in cleanup:
                lint.fail(f'cleanup does not remove {needed}')

    # The app module
    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        lint.fail('has no modules')
        return lint.failures
    app = modules[-1]
    if not isinstance(app, dict):
        lint.fail('the last module is not an object (a file include cannot be the app)')
        return lint.failures
    if app.get('name') != 'ens-image-share':
        lint.fail(f'the last module is {app.get("name")!r}, expected the app "ens-image-share"')
    if app.get('buildsystem') != 'meson':
        lint.fail(f'the app module builds with {app.get("buildsystem")!r}, expected "meson"')
    if app.get('builddir') is not True:
        lint.fail('the app module must set "builddir": true')
    sources = app.get('sources', [])
    dir_sources = [s for s in sources if isinstance(s, dict) and s.get('type') == 'dir']
    if not dir_sources:
        lint.fail('the app module has no "dir" source pointing at the checkout')
    else:
        src_path = dir_sources[0].get('path')
        if not isinstance(src_path, str):
            lint.fail('the app "dir" source has no path')
        else:
            top = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), src_path))
            if not os.path.isfile(os.path.join(top, 'meson.build')):
                lint.fail(f'the app "dir" source {src_path!r} is not the checkout '
                          f'(no meson.build in {top})')
            else:
                lint.ok(f'app module built with meson from {src_path!r}')
    opts = app.get('config-opts', [])
    if '-Dtests=false' not in opts:
        lint.fail('the app module must pass -Dtests=false (tests need Xvfb and a keyring)')
    if devel and '-Ddevelopment=true' not in opts:
        lint.fail('the Devel manifest must pass -Ddevelopment=true')
    if not devel and '-Ddevelopment=true' in opts:
        lint.fail('the stable manifest must not pass -Ddevelopment=true')

    return lint.failures


def show_manifest(path):
    builder = shutil.which('flatpak-builder')
    if builder is None:
        print('note: flatpak-builder is not installed; skipped --show-manifest')
        return 0
    env = dict(os.environ, G_DEBUG='fatal-warnings')
    with tempfile.TemporaryDirectory(prefix='ens-flatpak-lint-') as tmp:
        proc = subprocess.run([builder, '--show-manifest', os.path.abspath(path)],
                              cwd=tmp, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f'FAIL: flatpak-builder --show-manifest exited with {proc.returncode} '
              '(with G_DEBUG=fatal-warnings a warning is fatal):')
        sys.stdout.write(proc.stderr)
        return 1
    if 'WARNING' in proc.stderr:
        print('FAIL: flatpak-builder --show-manifest printed warnings:')
        sys.stdout.write(proc.stderr)
        return 1
    print('ok: flatpak-builder --show-manifest accepts it without warnings')
    return 0


def main(argv):
    args = [a for a in argv[1:] if not a.startswith('--')]
    devel = '--devel' in argv[1:]
    if len(args) != 3:
        print(__doc__ or '', 'Usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND [--devel]',
              file=sys.stderr)
        return 2
    path, app_id, command = args
    failures = check(path, app_id, command, devel)
    if failures == 0:
        failures += show_manifest(path)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
