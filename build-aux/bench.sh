#!/bin/sh
# Runs the benchmarks (tests/bench/run-bench.py) inside Xvfb and a private
# D-Bus session, after installing what is missing and building.  Prints a
# table of figures, baselines, ratios and targets.  The build measured is a
# release build, as the Flatpak ships (_build-release, or $ENS_BUILDDIR).
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ens_install_packages $ENS_BUILD_PACKAGES $ENS_TEST_PACKAGES
builddir=${ENS_BUILDDIR:-_build-release}
ens_build "$builddir" --buildtype=release

ens_private_home bench-home
trap 'rm -rf "$ENS_SCRATCH"' EXIT INT TERM

ens_in_session sh -c 'echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
    exec /usr/bin/python3 tests/bench/run-bench.py "$0" "$@"' "$builddir" "$@"
