#!/bin/sh
# test-canary.sh — secret hygiene: a canary AccessKey secret goes through
# the command line (from the environment), the keyring (the app's own
# EnsCredentialStore, tests/canary-keyring.c) and the ENS emulator, with
# G_MESSAGES_DEBUG=all everywhere.  Afterwards the canary must be in none
# of: any step's stdout or stderr, the emulator's request log and output,
# `gsettings list-recursively`, any file under the test's $HOME except the
# keyring's own ~/.local/share/keyrings/*.keyring, and the command lines
# (/proc/*/cmdline) of every process sampled while the steps ran.  The
# canary itself is never put on a command line: only in the environment
# and in files this script writes with shell built-ins.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs ENS_TEST_TOP_BUILDDIR (set by tests/meson.build).  It starts its
# own D-Bus session bus and gnome-keyring under a throw-away HOME, so it
# runs the same inside or outside build-aux/test.sh.  Prints TAP.

set -u

. "$(dirname "$0")/tap.sh"

top_builddir=${ENS_TEST_TOP_BUILDDIR:?ENS_TEST_TOP_BUILDDIR is not set}
app=${ENS_TEST_CLI_APP:-$top_builddir/src/ens-image-share}
emulator=$top_builddir/src/emulator/ens-emulator
helper=$top_builddir/tests/canary-keyring

# Outer part: a private HOME and a private session bus, then this script
# again inside it.
if [ -z "${ENS_CANARY_INNER:-}" ]; then
  for program in dbus-run-session gnome-keyring-daemon gdbus gsettings; do
    if ! command -v "$program" >/dev/null 2>&1; then
      echo "1..0 # SKIP $program is not installed"
      exit 77
    fi
  done
  for f in "$app" "$emulator" "$helper"; do
    if [ ! -x "$f" ]; then
      echo "Bail out! $f is missing (build it first)"
      exit 1
    fi
  done

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-test-canary.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 1' INT TERM
  mkdir -p "$tmp/home" "$tmp/run"
  chmod 700 "$tmp/run"
  export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
  export XDG_CACHE_HOME="$HOME/.cache" XDG_CONFIG_HOME="$HOME/.config"
  export XDG_DATA_HOME="$HOME/.local/share"
  unset DBUS_SESSION_BUS_ADDRESS
  export ENS_CANARY_INNER=1 ENS_CANARY_TMP="$tmp"
  rc=0
  dbus-run-session -- sh "$0" || rc=$?
  exit $rc
fi

# Inner part, on the private bus.
tmp=$ENS_CANARY_TMP

# The canaries: the key's secret (also the read-only key's) and the wrong
# secret of the failing call.  Only in variables, the environment and
# files written by the shell itself.
canary=CanarySecret0123456789abcdef
canary_wrong=CanaryWrongSecret9876543210
printf '%s\n%s\n' "$canary" "$canary_wrong" > "$tmp/canaries"

key_id=LTAI5tCanaryCanaryCanar1
ro_key_id=LTAI5tCanaryReadOnlyRO02
image=m-5s7qotzavwbrnzaqh4ucanary

export G_MESSAGES_DEBUG=all
export LC_ALL=C.UTF-8
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN
# The real settings backend (dconf, when installed), so that anything the
# app stores would land in $HOME where the file check below looks.
unset GSETTINGS_BACKEND


keyring_pid=
emulator_pid=
sampler_pid=
cleanup ()
{
  rm -f "$tmp/sampling"
  for pid in $sampler_pid $emulator_pid $keyring_pid; do
    kill "$pid" 2>/dev/null
  done
  wait 2>/dev/null
}
trap cleanup EXIT

echo "1..18"

# The keyring: unlocked with a password from stdin (must not be empty).
echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1 || :
keyring_pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
                --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets 2>/dev/null |
              sed -n 's/^(uint32 \([0-9]*\),)$/\1/p')

# The emulator knows the canary as the keys' secret (from a seed file
# outside $HOME, named on its command line by path only).
cat > "$tmp/seed.json" <<SEED
{
  "keys": [
    { "id": "$key_id", "secret": "$canary" },
    { "id": "$ro_key_id", "secret": "$canary", "read_only": true }
  ],
  "images": [
    { "ImageId": "$image", "ImageName": "canary", "ImageOwnerAlias": "self",
      "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z" }
  ],
  "shares": { "$image": [ "1111111111111111" ] }
}
SEED

# 1. sanity: the search finds the canary where it is meant to be
if grep -q -F -f "$tmp/canaries" "$tmp/seed.json"; then
  ok "the search finds the canary in the seed file (control)"
else
  not_ok "the search finds the canary in the seed file (control)"
fi

# Every process's command line, sampled every 50 ms while the steps run.
: > "$tmp/cmdlines"
: > "$tmp/sampling"
(
  while [ -f "$tmp/sampling" ]; do
    for f in /proc/[0-9]*/cmdline; do
      { tr '\0' ' ' < "$f"; echo; } 2>/dev/null
    done >> "$tmp/cmdlines"
    sleep 0.05
  done
) &
sampler_pid=$!

# Latency keeps each command running long enough to be sampled.
: > "$tmp/emulator.log"
start_emulator "$emulator" --seed="$tmp/seed.json" --log="$tmp/emulator.log" --latency=300
if [ -z "$url" ]; then
  echo "Bail out! the emulator did not start: $(cat "$tmp/emulator.err")"
  exit 1
fi

# step NAME EXPECTED-STATUS [ENV=VALUE ...] -- COMMAND ARGS: output in
# $tmp/step-NAME.out and .err
step ()
{
  name=$1
  expected=$2
  shift 2
  env_args=
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    env_args="$env_args $1"
    shift
  done
  shift
  # shellcheck disable=SC2086 # env_args holds NAME=VALUE words without spaces
  env $env_args "$@" > "$tmp/step-$name.out" 2> "$tmp/step-$name.err" < /dev/null
  status=$?
  if [ "$status" -eq "$expected" ]; then
    ok "$name (exit $status)"
  else
    not_ok "$name" "exit status $status, expected $expected" \
      "$(sed 's/^/stderr: /' "$tmp/step-$name.err" | grep -v -F -f "$tmp/canaries" | tail -5)"
  fi
}

# The environment of the command-line steps: the canary as the secret.
with_key ()
{
  ALIBABA_CLOUD_ACCESS_KEY_ID=$1
  ALIBABA_CLOUD_ACCESS_KEY_SECRET=$2
  export ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
}

with_key "$key_id" "$canary"
step cli-list 0 -- "$app" --endpoint="$url" --image="$image" --list
step cli-add 0 -- "$app" --endpoint="$url" --image="$image" --add=2222222222222222,3333333333333333
step cli-remove 0 -- "$app" --endpoint="$url" --image="$image" --remove=1111111111111111 --list --json
step cli-add-v1 0 -- "$app" --endpoint="$url" --image="$image" --signature=v1 --add=4444444444444444
with_key "$ro_key_id" "$canary"
step cli-read-only-key 1 -- "$app" --endpoint="$url" --image="$image" --add=5555555555555555
with_key "$key_id" "$canary_wrong"
step cli-wrong-secret 1 -- "$app" --endpoint="$url" --image="$image" --list
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET

# The keyring: saved, looked up, resolved and verified by the app's own
# code; kept for the command line's --profile step.
ENS_CANARY_SECRET=$canary
export ENS_CANARY_SECRET
step keyring-save-lookup-verify 0 ENS_CANARY_KEY_ID="$key_id" ENS_CANARY_ENDPOINT="$url" \
  ENS_CANARY_PROFILE=canary ENS_CANARY_KEEP=1 ENS_CANARY_IN_SESSION=1 -- "$helper"
unset ENS_CANARY_SECRET
step cli-keyring-profile 0 -- "$app" --endpoint="$url" --image="$image" --profile=canary --list

# The window: started with the canary in the environment, it loads the
# image's share list (typed in through AT-SPI), then closes through the
# header bar's Close button and must exit by itself.  (With --endpoint the
# app is not unique, so there is no app.quit on the bus to call.)
# It gets an X server of its own when xvfb-run is there: on a display
# shared with other UI tests, the accessibility bus published on the
# display can belong to another test's session (and vanish with it).
gui_skip=
if command -v xvfb-run >/dev/null 2>&1; then
  gui_display="xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp'"
elif [ -n "${DISPLAY:-}" ]; then
  gui_display=
else
  gui_skip="neither xvfb-run nor a DISPLAY"
fi
if [ -n "$gui_skip" ]; then
  :
elif ! /usr/bin/python3 -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null; then
  gui_skip="/usr/bin/python3 cannot import gi.repository.Atspi"
fi
if [ -n "$gui_skip" ]; then
  n=$((n + 1))
  echo "ok $n - window # SKIP $gui_skip"
else
  cat > "$tmp/gui.py" <<'PY'
import os, sys
sys.path.insert(0, os.environ['GUI_E2E_DIR'])
from ensui import application, click, find, set_text

pid, image, account = int(sys.argv[1]), sys.argv[2], sys.argv[3]

app = application(pid, timeout=30)
entry = find(app, role='text', pred=lambda o: 'Image ID' in (o.get_name() or ''),
             timeout=30, what='the Image ID entry')
set_text(entry, image)
find(app, role='label', pred=lambda o: account in (o.get_name() or ''),
     timeout=30, what=f'the shared account {account}')
print('gui: the share list is shown')

click(find(app, role='push button', pred=lambda o: o.get_name() == 'Close', timeout=30,
           what='the Close button'))
print('gui: Close clicked')
PY
  cat > "$tmp/gui.sh" <<'SH'
# The app and the driver, on the display xvfb-run (or the caller) gives.
env -u NO_AT_BRIDGE GTK_A11Y=atspi "$GUI_APP" --endpoint="$GUI_URL" \
  > "$GUI_TMP/step-gui-app.out" 2> "$GUI_TMP/step-gui-app.err" < /dev/null &
pid=$!
rc=0
timeout -k 5 90 /usr/bin/python3 "$GUI_TMP/gui.py" "$pid" "$GUI_IMAGE" 2222222222222222 \
  > "$GUI_TMP/step-gui-driver.out" 2> "$GUI_TMP/step-gui-driver.err" || rc=$?
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 150 ]; do
  sleep 0.1
  i=$((i + 1))
done
app_rc=0
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid" 2>/dev/null
  app_rc=timeout
fi
wait "$pid" 2>/dev/null || [ "$app_rc" = timeout ] || app_rc=$?
echo "$rc $app_rc" > "$GUI_TMP/gui.status"
SH
  mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
  printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
  echo "1 not-run" > "$tmp/gui.status"
  with_key "$key_id" "$canary"
  GUI_APP=$app GUI_URL=$url GUI_IMAGE=$image GUI_TMP=$tmp GUI_E2E_DIR=$(cd "$(dirname "$0")" && pwd)/e2e
  export GUI_APP GUI_URL GUI_IMAGE GUI_TMP GUI_E2E_DIR
  eval "$gui_display sh \"\$tmp/gui.sh\"" > "$tmp/step-gui-display.out" 2> "$tmp/step-gui-display.err"
  unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
  read -r gui_rc app_rc < "$tmp/gui.status"
  if [ "$gui_rc" -eq 0 ] && [ "$app_rc" = 0 ]; then
    ok "window: loaded the share list and quit"
  else
    not_ok "window: loaded the share list and quit" "driver exit $gui_rc, app exit $app_rc" \
      "$(cat "$tmp/step-gui-driver.out" "$tmp/step-gui-driver.err" | tail -5)"
  fi
fi

# What the app keeps in its settings.
gsettings list-recursively > "$tmp/step-gsettings.out" 2> "$tmp/step-gsettings.err" || :

rm -f "$tmp/sampling"
wait "$sampler_pid" 2>/dev/null
sampler_pid=
kill -TERM "$emulator_pid" 2>/dev/null
wait "$emulator_pid" 2>/dev/null
emulator_pid=

# 10. the sampler really saw the commands while they ran
if grep -q -e "ens-image-share --endpoint=" "$tmp/cmdlines"; then
  ok "command lines were sampled while the steps ran ($(wc -l < "$tmp/cmdlines" | tr -d ' ') lines)"
else
  not_ok "command lines were sampled while the steps ran"
fi

# check DESCRIPTION FILE...: the canary is in none of the files
check ()
{
  description=$1
  shift
  found=
  for f in "$@"; do
    [ -f "$f" ] || continue
    if grep -q -a -F -f "$tmp/canaries" "$f"; then
      found="$found ${f#"$tmp"/}"
    fi
  done
  if [ -z "$found" ]; then
    ok "$description"
  else
    not_ok "$description" "the canary is in:$found"
  fi
}

# The debug messages really were on (so they were checked too).
if grep -q -e "-DEBUG" "$tmp/step-cli-list.err" "$tmp/step-keyring-save-lookup-verify.out" \
     "$tmp/step-keyring-save-lookup-verify.err" 2>/dev/null; then
  ok "G_MESSAGES_DEBUG=all output was captured"
else
  not_ok "G_MESSAGES_DEBUG=all output was captured"
fi
check "no canary in any step's stdout or stderr" "$tmp"/step-*.out "$tmp"/step-*.err
check "no canary in the emulator's log or output" \
  "$tmp/emulator.log" "$tmp/emulator.out" "$tmp/emulator.err"
check "no canary in any process's command line" "$tmp/cmdlines"
check "no canary in gsettings list-recursively" "$tmp/step-gsettings.out"

# Every file under $HOME but the keyring files themselves.
find "$HOME" -type f ! -path "$HOME/.local/share/keyrings/*.keyring" > "$tmp/home-files"
home_files=$(wc -l < "$tmp/home-files" | tr -d ' ')
found=
while IFS= read -r f; do
  if grep -q -a -F -f "$tmp/canaries" "$f"; then
    found="$found ${f#"$HOME"/}"
  fi
done < "$tmp/home-files"
if [ -z "$found" ]; then
  ok "no canary in the $home_files files under \$HOME (keyring files excepted)"
else
  not_ok "no canary in files under \$HOME" "the canary is in:$found"
fi

if ls "$HOME"/.local/share/keyrings/*.keyring >/dev/null 2>&1; then
  ok "the keyring file exists (the secret went there)"
else
  not_ok "the keyring file exists (the secret went there)"
fi

echo "# $n checks, $failures failed"
[ "$failures" -eq 0 ]
