#!/bin/sh
# Runs inside xvfb-run + dbus-run-session (see test.sh): unlocks a fresh
# keyring, runs meson test, prints the "N passed, N failed" line.
set -u
builddir=$1
shift

# The password comes from stdin and must not be empty (testing-recipes §5).
echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null

rc=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || rc=$?

/usr/bin/python3 - "$builddir/meson-logs/testlog.json" "$rc" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except OSError:
    pass
if failed == 0 and sys.argv[2] != "0":
    failed = 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $rc
