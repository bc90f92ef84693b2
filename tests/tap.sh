# tests/tap.sh — sourced by the script tests: TAP lines and their count,
# and starting the emulator.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# not_ok prints its reasons and, when the script keeps them there, the
# last command's output in $tmp/out and $tmp/err.

n=0
failures=0

ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok ()
{
  n=$((n + 1))
  failures=$((failures + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
  for f in "${tmp:-/nonexistent}/out" "${tmp:-/nonexistent}/err"; do
    if [ -s "$f" ]; then
      sed "s/^/# $(basename "$f"): /" "$f"
    fi
  done
}

# Bails out unless every argument is an executable file.
require_executables ()
{
  for f in "$@"; do
    if [ ! -x "$f" ]; then
      echo "Bail out! $f is missing (build it first)"
      exit 1
    fi
  done
}

# start_emulator EMULATOR ARGS...: starts the ens-emulator executable in the
# background on a free loopback port (output in $tmp/emulator.out and
# $tmp/emulator.err) and waits up to 10 s for its "Listening on URL" line.
# Sets emulator_pid, and url to the URL (empty when it did not start).
start_emulator ()
{
  "$@" --port=0 > "$tmp/emulator.out" 2> "$tmp/emulator.err" &
  emulator_pid=$!
  url=
  i=0
  while [ $i -lt 100 ]; do
    url=$(sed -n 's/^Listening on //p' "$tmp/emulator.out")
    [ -n "$url" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
}
