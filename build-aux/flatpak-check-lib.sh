# build-aux/flatpak-check-lib.sh — sourced by flatpak-check.sh and
# flatpak-check-session.sh: TAP results shared by several processes.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every result is one line "ok<TAB>description" or "not ok<TAB>description"
# in $ENS_FC_RESULTS, followed by "#<TAB>reason" lines.  The shell scripts
# and build-aux/flatpak-check-ui.py append to it; fc_print_new prints what
# was appended since it last ran, as numbered TAP lines.

# fc_ok DESCRIPTION
fc_ok ()
{
  printf 'ok\t%s\n' "$1" >> "$ENS_FC_RESULTS"
  fc_print_new
}

# fc_not_ok DESCRIPTION [REASON...]  (a REASON may hold several lines)
fc_not_ok ()
{
  printf 'not ok\t%s\n' "$1" >> "$ENS_FC_RESULTS"
  shift
  for reason in "$@"; do
    printf '%s\n' "$reason" | sed 's/^/#\t/' >> "$ENS_FC_RESULTS"
  done
  fc_print_new
}

# fc_check DESCRIPTION COMMAND...: ok when COMMAND exits 0; otherwise not
# ok with COMMAND's last output lines (COMMAND's output goes to
# $ENS_FC_LOG, which the caller keeps).
fc_check ()
{
  description=$1
  shift
  if "$@" >"$ENS_FC_LOG" 2>&1; then
    fc_ok "$description"
  else
    fc_not_ok "$description" "exit status $? from: $*" "$(tail -n 25 "$ENS_FC_LOG")"
  fi
}

# Prints nothing while ENS_FC_QUIET is 1 (in the private session, whose
# services' output goes to a log): the caller prints those results later.
fc_print_new ()
{
  [ "${ENS_FC_QUIET:-0}" = 1 ] && return 0
  printed=$(cat "$ENS_FC_RESULTS.printed" 2>/dev/null || echo 0)
  awk -F '\t' -v start="$printed" '
    /^(ok|not ok)\t/ { n++; if (NR > start) { desc = $0; sub(/^[^\t]*\t/, "", desc); print $1 " " n " - " desc } next }
    NR > start { line = $0; sub(/^#\t?/, "", line); print "# " line }
    END { print NR > "/dev/stderr" }' "$ENS_FC_RESULTS" 2>"$ENS_FC_RESULTS.printed"
}

fc_count ()
{
  grep -c "^$1	" "$ENS_FC_RESULTS" || true
}
