#!/bin/sh
# The core and client suites under valgrind memcheck: 0 errors and 0
# definite leaks, or the test fails (exit 3 from valgrind).
#
# Runs inside the session that build-aux/test-session.sh expects, like
# build-aux/sanitize.sh: it builds, runs `meson test` (which writes
# <builddir>/meson-logs/testlog.json) and exits with meson's status; the
# caller counts.  Only compiled tests are wrapped: a script test would put
# valgrind around `sh`, so they are left out by name.
#
# ENS_VALGRIND_BUILDDIR picks the build directory (default: $ENS_BUILDDIR
# or _build, the ordinary build); extra arguments go to `meson test`.
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

builddir=${ENS_VALGRIND_BUILDDIR:-${ENS_BUILDDIR:-_build}}
ens_build "$builddir"

# The compiled tests of the core and client suites (not `sh` script tests).
tests=$(meson introspect --tests "$builddir" | /usr/bin/python3 -c '
import json, os, sys
for t in json.load(sys.stdin):
    suites = {s.split(":")[-1] for s in t["suite"]}
    if suites & {"core", "client"} and os.path.basename(t["cmd"][0]) != "sh":
        print(t["name"])
')
if [ -z "$tests" ]; then
  echo "valgrind.sh: no compiled core/client tests in $builddir" >&2
  exit 1
fi

# GSlice would hide glib allocations from memcheck on GLib < 2.76.
export G_SLICE=always-malloc
wrapper="valgrind --quiet --error-exitcode=3 --leak-check=full"
wrapper="$wrapper --errors-for-leak-kinds=definite --show-leak-kinds=definite"
wrapper="$wrapper --num-callers=30"
wrapper="$wrapper --suppressions=/usr/share/glib-2.0/valgrind/glib.supp"
wrapper="$wrapper --suppressions=$PWD/tests/valgrind.supp"

# With a wrapper, meson names its log testlog-valgrind.json; callers read
# the usual testlog.json, so it is copied there.
logdir=$builddir/meson-logs
rm -f "$logdir/testlog-valgrind.json" "$logdir/testlog.json"
rc=0
# shellcheck disable=SC2086 # $tests is a list of test names
meson test -C "$builddir" --print-errorlogs --num-processes 2 \
  --timeout-multiplier 10 --wrapper "$wrapper" "$@" $tests || rc=$?
cp "$logdir/testlog-valgrind.json" "$logdir/testlog.json" 2>/dev/null || :
exit $rc
