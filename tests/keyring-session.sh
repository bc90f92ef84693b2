#!/bin/sh
# keyring-session.sh
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command inside a private D-Bus session bus with an unlocked
# gnome-keyring (secrets component only), under a throw-away HOME and
# XDG_RUNTIME_DIR, so that your own keyring is never touched:
#
#   tests/keyring-session.sh meson test -C _build --suite keyring --print-errorlogs
#   tests/keyring-session.sh _build/tests/test-credential-store
#   tests/keyring-session.sh secret-tool search --all xdg:schema io.github.ensimageshare.EnsImageShare
#
# The full test command (build-aux/test.sh) sets this up by itself.
# Set ENS_KEEP_KEYRING_DIR=1 to keep the temporary directory for a look.

set -eu

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGUMENT…]" >&2
  exit 2
fi

for program in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "$0: $program is not installed (apt install dbus gnome-keyring)" >&2
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-keyring.XXXXXX")
cleanup () {
  if [ "${ENS_KEEP_KEYRING_DIR:-}" = 1 ]; then
    echo "$0: keyring kept in $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp/home" "$tmp/runtime" "$tmp/cache" "$tmp/config" "$tmp/data"
chmod 700 "$tmp/runtime"

HOME="$tmp/home"
XDG_RUNTIME_DIR="$tmp/runtime"
XDG_CACHE_HOME="$tmp/cache"
XDG_CONFIG_HOME="$tmp/config"
XDG_DATA_HOME="$tmp/data"
export HOME XDG_RUNTIME_DIR XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME
# Never reach the real session bus, nor autolaunch one.
unset DBUS_SESSION_BUS_ADDRESS

# The password comes from stdin and must not be empty (an empty stdin
# creates no login keyring, and every store then fails).
rc=0
dbus-run-session -- sh -c '
  echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 ||
    { echo "keyring-session.sh: gnome-keyring-daemon --unlock failed" >&2; exit 1; }
  # Put the daemon on the bus now (through activation, which hands over to
  # the running daemon), so that it can be found and stopped afterwards.
  gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1 || :
  rc=0
  "$@" || rc=$?
  # The daemon usually quits with the bus, but not always: stop it by its PID.
  pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets 2>/dev/null |
        sed -n "s/^(uint32 \([0-9]*\),)$/\1/p")
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || :; fi
  exit "$rc"
' keyring-session "$@" || rc=$?
exit "$rc"
