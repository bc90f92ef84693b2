#!/bin/sh
# Quick start, command 2: install what is missing, build, and run the whole
# test suite inside Xvfb and a private D-Bus session with an unlocked
# gnome-keyring: every suite, then the same suite under ASan+UBSan, the core
# and client suites under valgrind, and a smoke run of the fuzzers (see
# build-aux/test-session.sh).  Extra arguments go to `meson test` and run
# only the first of those (e.g. --suite core).  Ends with
# "N passed, N failed"; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ens_install_packages $ENS_BUILD_PACKAGES $ENS_TEST_PACKAGES
builddir=${ENS_BUILDDIR:-_build}
ens_build "$builddir"

ens_private_home test-home
trap 'rm -rf "$ENS_SCRATCH"' EXIT INT TERM

rc=0
ens_in_session sh build-aux/test-session.sh "$builddir" "$@" || rc=$?
exit $rc
