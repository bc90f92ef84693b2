#!/bin/sh
# ASan + UBSan (+ LeakSanitizer) build and the WHOLE meson test suite.
#
# Runs inside the session that build-aux/test-session.sh expects (Xvfb,
# private D-Bus, unlocked gnome-keyring); it only builds and runs
# `meson test`, writes <builddir>/meson-logs/testlog.json like a plain
# `meson test` does, and exits non-zero when a test failed.  Counting
# passes and failures is the caller's job.  On its own:
#
#   xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' dbus-run-session -- \
#     sh -c 'echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
#            sh build-aux/sanitize.sh'
#
# ENS_ASAN_BUILDDIR picks the build directory (default _build-asan).
# Extra arguments go to `meson test` (e.g. --suite core); with extra
# arguments only the first pass below runs, unless ENS_SANITIZE_UI=1.
#
# Two passes, because the thorough settings are too slow for GTK:
#   1. every test that opens no window: full malloc stacks and
#      G_SLICE=always-malloc, so that leaked GObjects and GLists are seen
#      and tests/lsan.supp can name the exact third-party function;
#   2. the tests that open a window (the ui suite, and secrets-canary,
#      which checks the window's output too), one at a time: fast stacks,
#      GSlice as usual, and GL off (GDK_DEBUG=gl-disable) — Mesa's driver
#      is dlclose()d before the leak check, so its leaks could be neither
#      attributed nor suppressed.
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

builddir=${ENS_ASAN_BUILDDIR:-_build-asan}
ens_build "$builddir" -Db_sanitize=address,undefined -Dbuildtype=debug

# meson 1.0 sets none of these itself (testing-recipes §7).  UBSan only
# prints and exits 0 unless told to halt.
#
# intercept_tls_get_addr=0: with glibc 2.36, gcc 12's LeakSanitizer reads
# a bogus dynamic-TLS range for modules dlopen()ed at run time (GIO's
# gnutls and dconf modules) and dies with "Tracer caught signal 11" at
# exit, before reporting anything.  Without the __tls_get_addr hook it
# does not track dynamic TLS; static TLS and every thread's stack are
# still scanned.
asan_options=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

logdir=$builddir/meson-logs
rm -f "$logdir"/testlog-asan*.json "$logdir/testlog.json"
rc=0

# The tests of each pass, by name: a test opens a window when it is in
# the ui suite or listed here.
window_tests="secrets-canary"
list_tests ()
{
  meson introspect --tests "$builddir" | WINDOW_TESTS="$window_tests" WANT="$1" /usr/bin/python3 -c '
import json, os, sys
window = set(os.environ["WINDOW_TESTS"].split())
for t in json.load(sys.stdin):
    suites = {s.split(":")[-1] for s in t["suite"]}
    opens_window = "ui" in suites or t["name"] in window
    if opens_window == (os.environ["WANT"] == "window"):
        print(t["name"])
'
}

# Pass 1.  Debian's libraries have no frame pointers: the fast unwinder
# stops at the first library frame, fast_unwind_on_malloc=0 gives full
# stacks (3-4x slower).  GLib 2.74 still has the GSlice magazine
# allocator, whose big reachable chunks would hide leaked objects.
user_args=$#
if [ "$user_args" -eq 0 ]; then
  # shellcheck disable=SC2046 # one test name per word
  set -- $(list_tests plain)
fi
ASAN_OPTIONS=$asan_options:fast_unwind_on_malloc=0 G_SLICE=always-malloc \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 \
  --timeout-multiplier 3 --logbase testlog-asan "$@" || rc=$?

# Pass 2.  The wrapper adds gl-disable to the GDK_DEBUG the test sets.
# One test at a time: the UI tests share the X display, and with it the
# accessibility bus, so two AT-SPI drivers can find each other's window.
# The end-to-end run starts the app many times: with full stacks, so that
# a leak at its exit is matched against tests/lsan.supp by its function,
# but only 10 frames deep (enough for the deepest entry it needs, the
# quark block under _dl_init): the depth is what the slow unwinder costs,
# and 30 frames made the run take over 7 minutes instead of about 4.5.
if [ "$user_args" -eq 0 ] || [ "${ENS_SANITIZE_UI:-}" = 1 ]; then
  for unwind in fast full; do
    if [ $unwind = fast ]; then
      tests=$(list_tests window | grep -v '^e2e$') options=$asan_options
    else
      tests=$(list_tests window | grep '^e2e$')
      options=$asan_options:fast_unwind_on_malloc=0:malloc_context_size=10
    fi
    [ -n "$tests" ] || continue
    # shellcheck disable=SC2086 # one test name per word
    ASAN_OPTIONS=$options ENS_E2E_TIMEOUT=900 \
      meson test -C "$builddir" --print-errorlogs --num-processes 1 \
      --timeout-multiplier 3 --logbase testlog-asan-ui-$unwind \
      --wrapper "sh -c 'export GDK_DEBUG=\${GDK_DEBUG:+\$GDK_DEBUG,}gl-disable; exec \"\$@\"' gl-off" \
      $tests || rc=$?
  done
fi

# One testlog.json for the caller, as a single `meson test` would write.
# (With a wrapper, meson adds the wrapper's name: testlog-asan-ui-sh.json.)
cat "$logdir"/testlog-asan*.json > "$logdir/testlog.json" 2>/dev/null || :
exit $rc
