#!/bin/sh
# tests/e2e/run-e2e.sh — end-to-end test of the real ens-image-share
# executable: real ens-emulator processes, a real unlocked gnome-keyring on a
# private session bus, the app driven through AT-SPI (tests/e2e/e2e.py).
# Prints TAP lines; exits non-zero on any failure, 77 when a tool is missing.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by `meson test --suite ui` (test 'e2e'; ENS_TEST_TOP_BUILDDIR and
# ENS_TEST_TOP_SRCDIR come from tests/meson.build).  By hand:
#
#   ENS_TEST_TOP_BUILDDIR=$PWD/_build ENS_TEST_TOP_SRCDIR=$PWD sh tests/e2e/run-e2e.sh
#
# It starts its own Xvfb (ENS_E2E_USE_DISPLAY=1 uses $DISPLAY instead) and starts its own
# session bus and keyring (under a throw-away HOME), even inside
# build-aux/test.sh, so that it never shares a keyring with the keyring
# tests that run next to it.  Screenshots and logs of a failed run go to
# ENS_E2E_OUT (default BUILDDIR/meson-logs/e2e).  ENS_E2E_APP may name
# another executable or a wrapper command (for example valgrind ... APP).

set -u

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
top_srcdir=${ENS_TEST_TOP_SRCDIR:-$srcdir}
top_builddir=${ENS_TEST_TOP_BUILDDIR:-$srcdir/_build}
python=/usr/bin/python3
out=${ENS_E2E_OUT:-$top_builddir/meson-logs/e2e}

skip ()
{
  echo "1..0 # SKIP $1"
  exit 77
}

for program in dbus-run-session gnome-keyring-daemon secret-tool; do
  command -v "$program" >/dev/null 2>&1 || skip "$program is not installed"
done
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run is not installed"
"$python" -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null ||
  skip "$python cannot import gi.repository.Atspi (apt install python3-gi gir1.2-atspi-2.0)"
for f in "$top_builddir/src/ens-image-share" "$top_builddir/src/emulator/ens-emulator"; do
  if [ ! -x "$f" ]; then
    echo "Bail out! $f is missing (build it first)"
    exit 1
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-e2e-home.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# A private home and runtime dir (testing-recipes P2): the keyring, dconf,
# caches and the accessibility bus socket all live under $tmp.
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
export XDG_CACHE_HOME="$HOME/.cache" XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/gtk-4.0" "$out"
chmod 700 "$XDG_RUNTIME_DIR"
printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$top_builddir/data"
export LC_ALL=C.UTF-8
unset LANGUAGE DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN
# meson's test environment hides GTK from AT-SPI; this test needs it.
export GTK_A11Y=atspi
unset NO_AT_BRIDGE
export ENS_E2E_BUILDDIR="$top_builddir" ENS_E2E_SRCDIR="$top_srcdir" ENS_E2E_OUTDIR="$out"
export ENS_E2E_DRIVER="$srcdir/tests/e2e/e2e.py" ENS_E2E_PYTHON="$python"

# Inside the bus: unlock a fresh keyring (the password on stdin must not be
# empty, testing-recipes §5), then drive the app.  `timeout` keeps a hung
# run well below meson's limit (ENS_E2E_TIMEOUT seconds, 300 unless a
# slower build, such as build-aux/sanitize.sh's, asks for more); e2e.py
# stops its children on SIGTERM.
export ENS_E2E_TIMEOUT="${ENS_E2E_TIMEOUT:-300}"
inner='echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
exec timeout -k 10 "$ENS_E2E_TIMEOUT" "$ENS_E2E_PYTHON" "$ENS_E2E_DRIVER" "$ENS_E2E_BUILDDIR" "$ENS_E2E_SRCDIR" "$ENS_E2E_OUTDIR"'

rc=0
if [ -n "${DISPLAY:-}" ] && [ -n "${ENS_E2E_USE_DISPLAY:-}" ]; then
  # DISPLAY is already in the environment the bus starts with (P1).
  dbus-run-session -- sh -c "$inner" || rc=$?
else
  # Its own X server even when there is a DISPLAY: the test clicks check
  # boxes with the pointer (GTK 4.8 gives them no AT-SPI action), and a
  # window of a test running beside it on a shared display could be on top.
  # -n: start the search for a free display away from :99, where every
  # other `xvfb-run -a` on a shared machine starts.
  unset DISPLAY
  xvfb-run -a -n $((200 + $$ % 500)) -s '-screen 0 1280x800x24 -nolisten tcp -noreset' \
    dbus-run-session -- sh -c "$inner" || rc=$?
fi
exit $rc
