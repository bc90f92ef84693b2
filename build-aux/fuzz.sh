#!/bin/sh
# Builds the libFuzzer harnesses (clang, ASan+UBSan) and runs each one.
#
#   build-aux/fuzz.sh            smoke: 15 s per harness (what CI runs)
#   FUZZ_SECONDS=3600 build-aux/fuzz.sh
#   FUZZ_RUNS=10000000 build-aux/fuzz.sh   the long run: 10 million executions each
#
# New inputs found go to a scratch corpus, never into tests/fuzz/corpus/;
# a crash leaves its reproducer in tests/fuzz/ (crash-*) and fails.
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh
ens_install_packages $ENS_BUILD_PACKAGES clang libclang-rt-14-dev

builddir=${ENS_FUZZ_BUILDDIR:-_build-fuzz}
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debug >"$builddir.log" 2>&1 || { cat "$builddir.log"; exit 1; }
fi
ninja -C "$builddir" $(cd tests/fuzz && ls fuzz-*.c | sed 's/\.c$//; s|^|tests/fuzz/|') \
  >"$builddir.log" 2>&1 || { cat "$builddir.log"; exit 1; }
rm -f "$builddir.log"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM

passed=0 failed=0
for src in tests/fuzz/fuzz-*.c; do
  name=$(basename "$src" .c)
  corpus=tests/fuzz/corpus/${name#fuzz-}
  mkdir -p "$scratch/$name"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    limit="-runs=$FUZZ_RUNS"
  else
    limit="-max_total_time=${FUZZ_SECONDS:-15}"
  fi
  log="$scratch/$name.log"
  if "$builddir/tests/fuzz/$name" $limit -max_len=8192 -timeout=10 \
       -artifact_prefix=tests/fuzz/ "$scratch/$name" "$corpus" >"$log" 2>&1; then
    execs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 || true)
    echo "ok $name: ${execs:-done}"
    passed=$((passed + 1))
  else
    tail -40 "$log"
    echo "not ok $name"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
