#!/bin/sh
# Runs inside xvfb-run + dbus-run-session (see test.sh): unlocks a fresh
# keyring, then runs the test phases and prints one "N passed, N failed"
# line for all of them.
#
#   main      meson test, every suite, ordinary build (_build)
#   asan      the whole suite again in an ASan+UBSan build (build-aux/sanitize.sh)
#   valgrind  the core and client suites under memcheck (build-aux/valgrind.sh)
#   fuzz      a short smoke run of every libFuzzer harness (build-aux/fuzz.sh)
#
# With extra arguments (e.g. --suite core) only the main phase runs, with
# those arguments; ENS_TEST_PHASES="main asan" picks phases by name.
set -u
builddir=$1
shift

# The password comes from stdin and must not be empty (testing-recipes §5).
echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null

if [ $# -gt 0 ]; then
  phases=${ENS_TEST_PHASES:-main}
else
  phases=${ENS_TEST_PHASES:-main asan valgrind fuzz}
fi

passed=0 failed=0 skipped=0 rc=0

# Each failed test's name and the end of its output, printed again after
# the last phase so that the end of a long log says what failed.
failures=$(mktemp)
trap 'rm -f "$failures"' EXIT

# count PHASE TESTLOG STATUS: adds meson's results for one phase.
count ()
{
  set -- $(/usr/bin/python3 - "$1" "$2" "$3" "$failures" <<'PY'
import json, sys
phase, testlog, status, failures = sys.argv[1:5]
passed = failed = skipped = 0
report = []
try:
    with open(testlog) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                test = json.loads(line)
            except ValueError:
                failed += 1
                report.append("# FAILED in phase %s: an unreadable line in %s" % (phase, testlog))
                continue
            result = test.get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
                tail = (test.get("stdout") or "").splitlines()[-25:]
                report.append("# FAILED in phase %s: %s (%s)" % (phase, test.get("name"), result))
                report.extend("# FAILED | " + l for l in tail)
except OSError:
    pass
if failed == 0 and status != "0":
    failed = 1
    report.append("# FAILED in phase %s: exit status %s" % (phase, status))
with open(failures, "a") as f:
    f.writelines(l + "\n" for l in report)
print(passed, failed, skipped)
PY
)
  passed=$((passed + $1)) failed=$((failed + $2)) skipped=$((skipped + $3))
}

for phase in $phases; do
  echo "=== $phase"
  status=0 phase_start=$(date +%s)
  case $phase in
    main)
      meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
      count main "$builddir/meson-logs/testlog.json" $status
      ;;
    asan)
      asandir=${ENS_ASAN_BUILDDIR:-_build-asan}
      rm -f "$asandir/meson-logs/testlog.json"
      ENS_ASAN_BUILDDIR=$asandir sh build-aux/sanitize.sh || status=$?
      count asan "$asandir/meson-logs/testlog.json" $status
      ;;
    valgrind)
      rm -f "$builddir/meson-logs/testlog.json"
      ENS_VALGRIND_BUILDDIR=$builddir sh build-aux/valgrind.sh || status=$?
      count valgrind "$builddir/meson-logs/testlog.json" $status
      ;;
    fuzz)
      out=$(mktemp)
      sh build-aux/fuzz.sh 2>&1 | tee "$out" || true
      line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
      if [ -n "$line" ]; then
        set -- $line
        passed=$((passed + $1)) failed=$((failed + $3))
        [ "$3" -eq 0 ] || status=1
      else
        failed=$((failed + 1)) status=1
      fi
      [ $status -eq 0 ] || grep -v '^ok ' "$out" | tail -n 25 | sed 's/^/# FAILED in phase fuzz: /' >> "$failures"
      rm -f "$out"
      set --
      ;;
    *)
      echo "unknown test phase: $phase" >&2
      failed=$((failed + 1)) status=1
      ;;
  esac
  echo "# phase $phase: $(( $(date +%s) - phase_start )) s"
  [ $status -eq 0 ] || rc=1
done

cat "$failures"
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
