#!/bin/sh
# Runs the benchmarks (tests/bench/run-bench.py) inside Xvfb and a private
# D-Bus session, after installing what is missing and building.  Prints a
# table of figures, baselines, ratios and targets.
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ens_install_packages $ENS_BUILD_PACKAGES $ENS_TEST_PACKAGES
builddir=${ENS_BUILDDIR:-_build}
ens_build "$builddir"

ENS_BENCH_HOME=$(mktemp -d /tmp/ens-bench-home.XXXXXX)
trap 'rm -rf "$ENS_BENCH_HOME"' EXIT INT TERM
export HOME="$ENS_BENCH_HOME/home" XDG_RUNTIME_DIR="$ENS_BENCH_HOME/run"
export XDG_CACHE_HOME="$HOME/.cache" XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/gtk-4.0"
chmod 700 "$XDG_RUNTIME_DIR"
printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY

xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' \
  dbus-run-session -- sh -c 'echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
    exec /usr/bin/python3 tests/bench/run-bench.py "$0" "$@"' "$builddir" "$@"
