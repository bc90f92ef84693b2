# tests/tap.sh — sourced by the script tests: TAP lines and their count.
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
