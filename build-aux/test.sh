#!/bin/sh
# Quick start, command 2: install what is missing, build, and run the whole
# test suite inside Xvfb and a private D-Bus session with an unlocked
# gnome-keyring.  Extra arguments go to `meson test` (e.g. --suite core).
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ens_install_packages $ENS_BUILD_PACKAGES $ENS_TEST_PACKAGES
builddir=${ENS_BUILDDIR:-_build}
ens_build "$builddir"

# A private home and runtime dir: nothing the tests do (keyring, dconf,
# caches, the accessibility bus) touches the user's own.
ENS_TEST_HOME=$(mktemp -d /tmp/ens-test-home.XXXXXX)
trap 'rm -rf "$ENS_TEST_HOME"' EXIT INT TERM
export HOME="$ENS_TEST_HOME/home" XDG_RUNTIME_DIR="$ENS_TEST_HOME/run"
export XDG_CACHE_HOME="$HOME/.cache" XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/gtk-4.0"
chmod 700 "$XDG_RUNTIME_DIR"
printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY

# xvfb-run must wrap dbus-run-session so that DISPLAY is in the bus's
# environment (testing-recipes P1).
rc=0
xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' \
  dbus-run-session -- sh build-aux/test-session.sh "$builddir" "$@" || rc=$?
exit $rc
