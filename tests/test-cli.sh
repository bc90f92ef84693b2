#!/bin/sh
# test-cli.sh — the ens-image-share command line against the ens-emulator
# executable, over real loopback HTTP.  Prints TAP.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs ENS_TEST_TOP_BUILDDIR (set by tests/meson.build).  ENS_TEST_CLI_APP
# may point at another build of the executable.

set -u

. "$(dirname "$0")/tap.sh"

# The command line must never need a display.
unset DISPLAY WAYLAND_DISPLAY

top_builddir=${ENS_TEST_TOP_BUILDDIR:?ENS_TEST_TOP_BUILDDIR is not set}
app=${ENS_TEST_CLI_APP:-$top_builddir/src/ens-image-share}
emulator=$top_builddir/src/emulator/ens-emulator
python=/usr/bin/python3

image=m-5s7qotzavwbrnzaqh4unmcli01
image2=m-5s7qotzavwbrnzaqh4unmcli02
own_account=5123456789012345
key_id=LTAI5tCliTestCliTestCli1
key_secret=CliSecretCliSecretCliSecretCl
ro_key_id=LTAI5tCliReadOnlyReadOn2
ro_key_secret=CliReadOnlyCliReadOnlyCliRead

require_executables "$app" "$emulator"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-test-cli.XXXXXX")
emulator_pid=
fault_pid=
app_pid=
cleanup ()
{
  for pid in $app_pid $fault_pid $emulator_pid; do
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A private home, no session bus: nothing here may reach the user's real
# keyring or configuration.
mkdir -p "$tmp/home"
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_DATA_HOME="$tmp/home/.local/share"
export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus"
export GSETTINGS_BACKEND=memory
export LC_ALL=C.UTF-8
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN

cat > "$tmp/seed.json" <<SEED
{
  "keys": [
    { "id": "$key_id", "secret": "$key_secret" },
    { "id": "$ro_key_id", "secret": "$ro_key_secret", "read_only": true }
  ],
  "images": [
    { "ImageId": "$image", "ImageName": "cli-test", "ImageOwnerAlias": "self",
      "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z" },
    { "ImageId": "$image2", "ImageName": "cli-test-v2", "ImageOwnerAlias": "self",
      "Platform": "ubuntu", "CreationTime": "2025-01-01T00:00:00Z" }
  ],
  "shares": { "$image": [ "1111111111111111", "2222222222222222" ] }
}
SEED

: > "$tmp/log.jsonl"
start_emulator "$emulator" --seed="$tmp/seed.json" --log="$tmp/log.jsonl"
if [ -z "$url" ]; then
  echo "Bail out! the emulator did not start: $(cat "$tmp/emulator.err")"
  exit 1
fi


requests ()
{
  wc -l < "$tmp/log.jsonl" | tr -d ' '
}

# The changes sent since line $1 of the log (adding accounts also asks STS
# whose key it is first: see 4 and 35).
modifications_since ()
{
  tail -n +"$(($1 + 1))" "$tmp/log.jsonl" | grep -c '"action" : "ModifyImageSharePermission"\|"action":"ModifyImageSharePermission"'
}

# The share lists read since line $1: a change reads its image's list
# before (the preview) and after (the verification).
lists_since ()
{
  tail -n +"$(($1 + 1))" "$tmp/log.jsonl" | grep -c '"action" : "DescribeImageSharePermission"\|"action":"DescribeImageSharePermission"'
}

identity_asked_since ()
{
  tail -n +"$(($1 + 1))" "$tmp/log.jsonl" | grep -c '"action" : "GetCallerIdentity"\|"action":"GetCallerIdentity"'
}

# run [ENV=VALUE ...] -- ARGS: runs the app with the given environment
# (plus the write key unless told otherwise); sets $status.
run ()
{
  env_args=
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    env_args="$env_args $1"
    shift
  done
  shift
  # shellcheck disable=SC2086
  env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
    $env_args "$app" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  status=$?
}

expect_status ()
{
  if [ "$status" -eq "$1" ]; then
    return 0
  fi
  not_ok "$2" "exit status $status, expected $1"
  return 1
}

expect_output ()
{
  # expect_output FILE TEXT DESCRIPTION
  if grep -q -F -e "$2" "$1"; then
    return 0
  fi
  not_ok "$3" "“$2” not found"
  return 1
}

echo "1..43"

# 1. --help documents every option, the list syntax, credentials and exit codes
run -- --help
if expect_status 0 "--help"; then
  missing=
  for word in --image --add --remove --list --endpoint --signature --profile --json \
              --concurrency --timeout --no-adapt --progress --version --help \
              --images --whoami --copy-shares-from --exact --stop-sharing-source --dry-run \
              ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET \
              ALIBABA_CLOUD_SECURITY_TOKEN "Exit status" "commas"; do
    grep -q -F -e "$word" "$tmp/out" || missing="$missing $word"
  done
  if [ -z "$missing" ]; then ok "--help mentions every option"; else not_ok "--help" "missing:$missing"; fi
fi

# 2. --version
run -- --version
if expect_status 0 "--version" && expect_output "$tmp/out" "ens-image-share " "--version"; then
  ok "--version"
fi

# 3. --list
before=$(requests)
run -- --endpoint="$url" --image="$image" --list
if expect_status 0 "--list" &&
   expect_output "$tmp/out" "1111111111111111" "--list" &&
   expect_output "$tmp/out" "2222222222222222" "--list" &&
   expect_output "$tmp/out" "2 accounts" "--list count"; then
  if [ "$(requests)" -eq $((before + 1)) ]; then ok "--list"; else not_ok "--list" "expected one request"; fi
fi

# 4. --add with three accounts, in one request (batch of 10), previewed
# against the list and verified against it read again
before=$(requests)
run -- --endpoint="$url" --image="$image" --add="3333333333333333, 4444444444444444;5555555555555555"
if expect_status 0 "--add" &&
   expect_output "$tmp/out" "3333333333333333" "--add" &&
   expect_output "$tmp/out" "5555555555555555" "--add" &&
   expect_output "$tmp/out" "RequestId" "--add" &&
   expect_output "$tmp/out" "3 accounts verified by reading the list again." "--add verified"; then
  shared=$(grep -c "^shared .*(verified)$" "$tmp/out")
  if [ "$shared" -eq 3 ] && [ "$(modifications_since "$before")" -eq 1 ] &&
     [ "$(identity_asked_since "$before")" -eq 1 ] && [ "$(lists_since "$before")" -eq 2 ] &&
     [ "$(requests)" -eq $((before + 4)) ]; then
    ok "--add three accounts (one change, after asking whose key it is; each verified)"
  else
    not_ok "--add three accounts" "shared lines: $shared, requests: $(($(requests) - before))"
  fi
fi

# 5. the additions are visible through --list
run -- --endpoint="$url" --image="$image" --list
if expect_status 0 "--list after --add" &&
   expect_output "$tmp/out" "5 accounts" "--list after --add" &&
   expect_output "$tmp/out" "4444444444444444" "--list after --add"; then
  ok "--list shows the additions"
fi

# 6. --remove (one request per account, after asking whose key it is, for
# the record), then --list in the same run
before=$(requests)
run -- --endpoint="$url" --image="$image" --remove=1111111111111111,3333333333333333 --list --signature=v1
if expect_status 0 "--remove" && expect_output "$tmp/out" "3 accounts" "--remove then --list"; then
  unshared=$(grep -c "^unshared" "$tmp/out")
  # whose key, the list before, two changes, the list after, and --list
  if [ "$unshared" -eq 2 ] && ! grep -q "^1111111111111111" "$tmp/out" &&
     [ "$(modifications_since "$before")" -eq 2 ] && [ "$(identity_asked_since "$before")" -eq 1 ] &&
     [ "$(requests)" -eq $((before + 6)) ]; then
    ok "--remove with signature v1"
  else
    not_ok "--remove" "unshared lines: $unshared, requests: $(($(requests) - before))"
  fi
fi

# 7. an invalid account: exit 2, the issue named, nothing sent
before=$(requests)
run -- --endpoint="$url" --image="$image" --add="6666666666666666,12a4"
if expect_status 2 "invalid account" && expect_output "$tmp/err" "12a4" "invalid account"; then
  if [ "$(requests)" -eq "$before" ]; then ok "invalid account: exit 2, nothing sent"; else not_ok "invalid account" "a request was sent"; fi
fi

# 8. an invalid image ID: exit 2, nothing sent
before=$(requests)
run -- --endpoint="$url" --image="m-bad/image" --list
if expect_status 2 "invalid image" && [ "$(requests)" -eq "$before" ]; then
  ok "invalid image ID: exit 2"
fi

# 9. no credentials at all: exit 2 with a clear message, nothing sent
before=$(requests)
env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET \
  "$app" --endpoint="$url" --image="$image" --list > "$tmp/out" 2> "$tmp/err" < /dev/null
status=$?
if expect_status 2 "no credentials" &&
   expect_output "$tmp/err" "ALIBABA_CLOUD_ACCESS_KEY_ID" "no credentials message"; then
  if [ "$(requests)" -eq "$before" ]; then ok "no credentials: exit 2"; else not_ok "no credentials" "a request was sent"; fi
fi

# 10. a read-only key: exit 1 with the permission title and a RequestId
run ALIBABA_CLOUD_ACCESS_KEY_ID="$ro_key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$ro_key_secret" -- \
  --endpoint="$url" --image="$image" --add=7777777777777777
if expect_status 1 "read-only key" &&
   expect_output "$tmp/out" "failed" "read-only key" &&
   expect_output "$tmp/out" "Have Permission" "read-only key title" &&
   expect_output "$tmp/err" "RequestId" "read-only key RequestId"; then
  ok "read-only key: exit 1 with the permission title"
fi

# 11. --json: one document that parses, with per-account results and the
# list; 9999999999999999 never had access: skipped, not sent
before=$(requests)
run -- --endpoint="$url" --image="$image" --add=8888888888888888 --remove=9999999999999999 --list --json
if expect_status 0 "--json" && [ "$(modifications_since "$before")" -eq 1 ]; then
  if "$python" - "$tmp/out" "$image" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["image"] == sys.argv[2], doc
results = {r["account"]: r for r in doc["results"]}
assert results["8888888888888888"]["change"] == "add", results
assert results["8888888888888888"]["status"] == "done", results
assert results["8888888888888888"]["request_id"], results
assert results["8888888888888888"]["verification"] == "verified", results
assert results["8888888888888888"]["skip_reason"] is None, results
assert results["9999999999999999"]["change"] == "remove", results
assert results["9999999999999999"]["status"] == "skipped", results
assert results["9999999999999999"]["skip_reason"] == "not-shared", results
assert results["9999999999999999"]["tries"] == 0, results
assert results["9999999999999999"]["request_id"] is None, results
assert results["9999999999999999"]["error"] is None, results
assert doc["summary"] == {"total": 2, "done": 1, "failed": 0, "not_attempted": 0, "unknown": 0}, doc
assert doc["review"]["skipped"] == 1 and doc["review"]["disagrees"] == 0, doc
assert doc["review"]["verified"] >= 1, doc
assert "8888888888888888" in doc["shares"], doc
assert doc["share_count"] == len(doc["shares"]) == 4, doc
assert doc["list_error"] is None, doc
PY
  then ok "--json parses and has the results"; else not_ok "--json" "$(cat "$tmp/py")"; fi
fi

# 12. --json for a failure carries the error code and title
run ALIBABA_CLOUD_ACCESS_KEY_ID="$ro_key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$ro_key_secret" -- \
  --endpoint="$url" --image="$image" --add=7777777777777777 --json
if expect_status 1 "--json failure"; then
  if "$python" - "$tmp/out" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
r = doc["results"][0]
assert r["status"] == "failed", r
assert r["error"]["code"] == "NoPermission", r
assert r["error"]["category"] == "permission", r
assert "Permission" in r["error"]["title"], r
assert r["error"]["request_id"], r
PY
  then ok "--json failure has the error"; else not_ok "--json failure" "$(cat "$tmp/py")"; fi
fi

# 13. plain http to a host that is not this computer: refused, nothing sent
before=$(requests)
run -- --endpoint=http://example.com --image="$image" --list
if expect_status 2 "insecure endpoint" &&
   expect_output "$tmp/err" "Would Not Be Secure" "insecure endpoint message"; then
  ok "http://example.com refused"
fi

# 14. a bad signature version and a bad concurrency: exit 2
run -- --endpoint="$url" --image="$image" --list --signature=v2
s1=$status
run -- --endpoint="$url" --image="$image" --list --concurrency=0
s2=$status
run -- --endpoint="$url" --image="$image"
s3=$status
if [ $s1 -eq 2 ] && [ $s2 -eq 2 ] && [ $s3 -eq 2 ]; then
  ok "bad options: exit 2"
else
  not_ok "bad options" "statuses $s1 $s2 $s3"
fi

# 15. a change to an unknown image: its list cannot be read, so nothing is
# sent; exit 1 with the API title
before=$(requests)
run -- --endpoint="$url" --image=m-000000000000000000000unknown --add=1234567890123456
if expect_status 1 "unknown image" &&
   expect_output "$tmp/err" "Could not read the list of accounts: Image Not Found" "unknown image" &&
   expect_output "$tmp/err" "Nothing was sent." "unknown image nothing sent"; then
  if [ "$(modifications_since "$before")" -eq 0 ]; then ok "unknown image: exit 1, nothing sent"
  else not_ok "unknown image" "a change was sent"; fi
fi

# 16. the secret never appears in any output or in the emulator log
run -- --endpoint="$url" --image="$image" --list --json
if grep -q -F -e "$key_secret" "$tmp/out" "$tmp/err" "$tmp/log.jsonl"; then
  not_ok "secret never printed"
else
  ok "secret never printed"
fi

# 17. --endpoint alone is for the window, --image is for the command line:
# the command line never initialises GTK (no display here) and answers.
run -- --endpoint="$url" --image="$image" --list --timeout=5 --concurrency=2
if expect_status 0 "command line without a display"; then
  ok "runs without a display"
fi

# 18. the short options --help shows: -i, -l, -a, -r (and -p, below)
before=$(requests)
run -- --endpoint="$url" -i "$image" -l
s1=$status
run -- --endpoint="$url" -i "$image" -a 7777777777777777
s2=$status
run -- --endpoint="$url" -i "$image" -r 7777777777777777 -l
s3=$status
if [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $s3 -eq 0 ] &&
   expect_output "$tmp/out" "2222222222222222" "-l lists"; then
  # -l; -a (whose key, the list, the change, the list); -r (whose key,
  # the list, the change, the list) and -l
  if [ "$(requests)" -eq $((before + 10)) ] && [ "$(modifications_since "$before")" -eq 2 ]; then
    ok "short options -i -l -a -r"
  else
    not_ok "short options" "expected 10 requests, got $(($(requests) - before))"
  fi
else
  not_ok "short options" "statuses $s1 $s2 $s3: $(cat "$tmp/err")"
fi
run -- --endpoint="$url" -p ens-test-no-such-profile -i "$image" -l
if grep -q -F -e "Unknown option" "$tmp/err"; then
  not_ok "-p" "$(cat "$tmp/err")"
else
  ok "-p is an option of the command line"
fi

# 19. negative, non-numeric or out-of-range --timeout and --concurrency:
# exit 2 with the option's own message, nothing sent
before=$(requests)
bad=
for arg in --timeout=-1 --timeout=0 --timeout=601 --timeout=abc --timeout=5s; do
  run -- --endpoint="$url" --image="$image" --list "$arg"
  if [ $status -ne 2 ] || ! grep -q -F -e "--timeout must be between 1 and 600 seconds." "$tmp/err"; then
    bad="$bad $arg($status)"
  fi
done
for arg in --concurrency=-1 --concurrency=0 --concurrency=17 --concurrency=x; do
  run -- --endpoint="$url" --image="$image" --list "$arg"
  if [ $status -ne 2 ] || ! grep -q -F -e "--concurrency must be between 1 and 16." "$tmp/err"; then
    bad="$bad $arg($status)"
  fi
done
if [ -z "$bad" ] && [ "$(requests)" -eq "$before" ]; then
  ok "bad --timeout and --concurrency: exit 2, nothing sent"
else
  not_ok "bad --timeout and --concurrency" "failed:$bad; requests sent: $(($(requests) - before))"
fi

# 20. --no-adapt and --progress, not on a terminal: the changes are made
# (4444444444444444 already has access: skipped), stdout is the JSON
# document alone and stderr carries no progress line
before=$(requests)
run -- --endpoint="$url" --image="$image" --add=3333333333333333,4444444444444444 \
  --no-adapt --concurrency=1 --progress --json
if expect_status 0 "--no-adapt --progress --json"; then
  if ! $python -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["summary"]["done"] == 1 and d["review"]["skipped"] == 1' "$tmp/out"; then
    not_ok "--progress --json" "stdout is not the JSON document alone: $(head -c 200 "$tmp/out")"
  elif grep -q -e "per second" -e "of 2 accounts" -e "$(printf '\r')" "$tmp/err"; then
    not_ok "--progress off a terminal" "progress on stderr: $(cat "$tmp/err")"
  elif [ "$(modifications_since "$before")" -ne 1 ]; then
    not_ok "--no-adapt" "$(modifications_since "$before") changes for 1 addition"
  else
    ok "--no-adapt and --progress off a terminal: JSON alone, no progress line"
  fi
fi

# 21. --progress on a terminal (a pseudo-terminal from script(1)) shows
# how far the change is
if command -v script >/dev/null 2>&1; then
  env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
    script -q -e -c "'$app' --endpoint='$url' --image='$image' --remove=3333333333333333,4444444444444444 --progress" \
    /dev/null > "$tmp/tty" 2>&1 < /dev/null
  status=$?
  if expect_status 0 "--progress on a terminal" && \
     expect_output "$tmp/tty" "2 of 2 accounts" "--progress on a terminal"; then
    ok "--progress on a terminal shows the progress"
  fi
else
  ok "# SKIP script(1) is not installed"
fi

# 22. --no-adapt does not make a bad --concurrency acceptable: it
# still exits 2 with nothing sent
before=$(requests)
run -- --endpoint="$url" --image="$image" --list --no-adapt --concurrency=17
if expect_status 2 "--no-adapt --concurrency=17" && [ "$(requests)" -eq "$before" ]; then
  ok "--no-adapt with a bad --concurrency: exit 2, nothing sent"
fi

# A second emulator with faults, the same seed: sets fault_url and
# fault_pid; its log is $tmp/fault.jsonl.
start_fault_emulator ()
{
  main_url=$url
  main_pid=$emulator_pid
  : > "$tmp/fault.jsonl"
  start_emulator "$emulator" --seed="$tmp/seed.json" --log="$tmp/fault.jsonl" "$@"
  fault_url=$url
  fault_pid=$emulator_pid
  url=$main_url
  emulator_pid=$main_pid
}

stop_fault_emulator ()
{
  kill -TERM "$fault_pid" 2>/dev/null
  wait "$fault_pid" 2>/dev/null
  fault_pid=
}

fault_requests ()
{
  wc -l < "$tmp/fault.jsonl" | tr -d ' '
}

# run_background ARGS: the app in the background, as run does; sets app_pid.
run_background ()
{
  env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
    "$app" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null &
  app_pid=$!
}

# wait_for_requests N: until the fault emulator has logged N requests (10 s at most).
wait_for_requests ()
{
  i=0
  while [ "$(fault_requests)" -lt "$1" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
}

# wait_app SECONDS: waits for the background app to end; sets $status, or
# kills it and sets status 999 when it is still running after SECONDS.
wait_app ()
{
  i=0
  while kill -0 "$app_pid" 2>/dev/null && [ $i -lt $(($1 * 10)) ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$app_pid" 2>/dev/null; then
    kill -KILL "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
    status=999
  else
    wait "$app_pid"
    status=$?
  fi
  app_pid=
}

# 21. the server makes the change and the answer is lost: never "failed";
# the list is read again and settles it (the first two requests, whose
# key it is and the list the change is previewed against, are answered)
start_fault_emulator --fault=apply-reset --fault-count=8 --fault-skip=2
run -- --endpoint="$fault_url" --image="$image" --concurrency=1 \
  --remove=1111111111111111,2222222222222222 --json
if expect_status 0 "answer lost, then checked"; then
  if "$python" - "$tmp/out" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
assert [r["status"] for r in doc["results"]] == ["done", "done"], doc
assert any(r["checked"] for r in doc["results"]), doc
assert doc["summary"]["unknown"] == 0 and doc["summary"]["failed"] == 0, doc
assert doc["check_error"] is None, doc
PY
  then
    run -- --endpoint="$fault_url" --image="$image" --list
    if grep -q -e 1111111111111111 -e 2222222222222222 "$tmp/out"; then
      not_ok "answer lost, then checked" "the accounts are still shared"
    else
      ok "a lost answer is checked against the list, never reported as failed"
    fi
  else
    not_ok "answer lost, then checked" "$(cat "$tmp/py")"
  fi
fi
stop_fault_emulator

# 22. the answer is lost and the list cannot be read again either: "unknown"
start_fault_emulator --fault=apply-reset --fault-skip=2
run -- --endpoint="$fault_url" --image="$image" --remove=1111111111111111 --timeout=5
if expect_status 1 "answer lost, list unreadable" &&
   expect_output "$tmp/out" "Its answer was lost: it may or may not have changed. Run --list to check." "unknown line" &&
   expect_output "$tmp/err" "Could not read the list to check the lost answers" "check error"; then
  if grep -q "^failed" "$tmp/out"; then
    not_ok "answer lost, list unreadable" "reported as failed"
  else
    ok "a lost answer that cannot be checked is reported as unknown"
  fi
fi
stop_fault_emulator

# 23. SIGINT during retries against a 503 server (past whose key it is
# and the list, read first; once the first failed request is tried
# again): nothing is sent after it
start_fault_emulator --fail-every=1 --fail-status=503 --fault-skip=2
run_background --endpoint="$fault_url" --image="$image" --concurrency=1 \
  --remove=1111111111111111,2222222222222222,3333333333333333
wait_for_requests 4
kill -INT "$app_pid"
at_signal=$(fault_requests)
wait_app 10
after=$(fault_requests)
sleep 1
if [ "$status" -ne 1 ]; then
  not_ok "SIGINT during retries" "exit status $status, expected 1"
elif [ $((after - at_signal)) -gt 1 ] || [ "$(fault_requests)" -ne "$after" ]; then
  not_ok "SIGINT during retries" "$at_signal requests at the signal, $after at the end"
elif [ "$(grep -c -e 1111111111111111 -e 2222222222222222 -e 3333333333333333 "$tmp/out")" -ne 3 ]; then
  not_ok "SIGINT during retries" "not every account is reported"
else
  ok "SIGINT stops retries and backoff at once; every account reported"
fi
stop_fault_emulator

# The tests below count the requests the server sees, and the ones above
# leave changes unfinished on purpose, which the next run would check
# first: each gets a history of its own.
fresh_history ()
{
  export XDG_DATA_HOME="$tmp/history-$1"
}

# 24. a second SIGINT ends the process at once (a change stalled in flight)
fresh_history 24
start_fault_emulator --fault=stall --fault-skip=2
run_background --endpoint="$fault_url" --image="$image" --remove=1111111111111111 --timeout=60
wait_for_requests 3
kill -INT "$app_pid"
sleep 0.3
kill -INT "$app_pid"
wait_app 5
if [ "$status" -eq 130 ]; then
  ok "a second SIGINT ends the process at once (status 130)"
else
  not_ok "second SIGINT" "exit status $status, expected 130"
fi

# 25. SIGTERM against a stalled server: the request in flight gets at most
# its timeout, then the account is reported as unknown (a fresh emulator:
# its first two requests, whose key it is and the list, are answered)
fresh_history 25
stop_fault_emulator
start_fault_emulator --fault=stall --fault-skip=2
run_background --endpoint="$fault_url" --image="$image" --remove=1111111111111111 --timeout=2
wait_for_requests 3
kill -TERM "$app_pid"
wait_app 15
if [ "$status" -eq 1 ] &&
   expect_output "$tmp/out" "Its answer was lost: it may or may not have changed." "SIGTERM unknown"; then
  ok "SIGTERM: the request in flight ends by its timeout and is reported as unknown"
else
  not_ok "SIGTERM" "exit status $status, expected 1"
fi
stop_fault_emulator

# 20. http_proxy and friends name a proxy: the request to the emulator on
# 127.0.0.1 does not go through it (it would read the Authorization header)
fresh_history 20
"$python" - "$tmp/proxy.log" > "$tmp/proxy.port" 2> "$tmp/proxy.err" <<'PY' &
import socket, sys
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(8)
print(server.getsockname()[1], flush=True)
while True:
    conn, _ = server.accept()
    with open(sys.argv[1], "a") as log:
        log.write("connection\n")
    conn.close()
PY
proxy_pid=$!
i=0
while [ ! -s "$tmp/proxy.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
proxy="http://127.0.0.1:$(cat "$tmp/proxy.port")"
: > "$tmp/proxy.log"
before=$(requests)
run http_proxy="$proxy" HTTP_PROXY="$proxy" https_proxy="$proxy" all_proxy="$proxy" \
    ALL_PROXY="$proxy" no_proxy= NO_PROXY= XDG_CURRENT_DESKTOP= -- \
  --endpoint="$url" --image="$image" --list
kill "$proxy_pid" 2>/dev/null
wait "$proxy_pid" 2>/dev/null
if expect_status 0 "--list with http_proxy set" &&
   expect_output "$tmp/out" "2222222222222222" "--list with http_proxy set"; then
  if [ -s "$tmp/proxy.log" ] || [ "$(requests)" -ne $((before + 1)) ]; then
    not_ok "loopback request never goes through http_proxy" \
      "proxy connections: $(wc -l < "$tmp/proxy.log"), emulator requests: $(($(requests) - before))"
  else
    ok "loopback request never goes through http_proxy"
  fi
fi

# 21-22. a 403 that names the missing action (emulator fault access-denied):
# the command line names it and prints a RAM policy to copy, also in --json
main_pid=$emulator_pid
main_url=$url
start_emulator "$emulator" --seed="$tmp/seed.json" --fault=access-denied
denied_pid=$emulator_pid
denied_url=$url
emulator_pid=$main_pid
url=$main_url
if [ -z "$denied_url" ]; then
  not_ok "access denied: the second emulator did not start"
  not_ok "access denied --json: the second emulator did not start"
else
  # The list a change is previewed against is refused first: nothing is sent.
  run -- --endpoint="$denied_url" --image="$image" --add=7777777777777777
  if expect_status 1 "access denied" &&
     expect_output "$tmp/err" "Nothing was sent." "access denied" &&
     expect_output "$tmp/err" "The permission that is missing is “ens:DescribeImageSharePermission”." "access denied names the action" &&
     expect_output "$tmp/err" "RAM policy for the administrator:" "access denied policy"; then
    if "$python" - "$tmp/err" "$image" <<'PY' > "$tmp/py" 2>&1
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
# the policy, then "Nothing was sent."
policy = json.JSONDecoder().raw_decode(text.split("RAM policy for the administrator:\n", 1)[1])[0]
assert policy["Version"] == "1", policy
modify, describe = policy["Statement"]
assert modify == {"Effect": "Allow", "Action": ["ens:ModifyImageSharePermission"],
                  "Resource": ["acs:ens::1234567890123456:image/" + sys.argv[2]]}, modify
assert describe == {"Effect": "Allow",
                    "Action": ["ens:DescribeImageSharePermission", "ens:DescribeImages"],
                    "Resource": ["*"]}, describe
PY
    then ok "access denied: the missing action and a RAM policy"; else not_ok "access denied policy" "$(cat "$tmp/py")"; fi
  fi

  run -- --endpoint="$denied_url" --image="$image" --list --json
  if expect_status 1 "access denied --json"; then
    if "$python" - "$tmp/out" "$image" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
e = doc["list_error"]
assert e["category"] == "permission", e
assert e["code"] == "Forbidden.RAM", e
assert e["http_status"] == 403, e
assert e["missing_permission"] == "ens:DescribeImageSharePermission", e
policy = e["ram_policy"]
assert policy["Version"] == "1", policy
assert policy["Statement"][0]["Resource"] == ["acs:ens::1234567890123456:image/" + sys.argv[2]], policy
assert "ens:DescribeImageSharePermission" in policy["Statement"][1]["Action"], policy
PY
    then ok "access denied --json: missing_permission and ram_policy"; else not_ok "access denied --json" "$(cat "$tmp/py")"; fi
  fi
  kill -TERM "$denied_pid" 2>/dev/null
  wait "$denied_pid" 2>/dev/null
fi

# Issue 13 ------------------------------------------------------------------

# modifications_since N: ModifyImageSharePermission lines in the emulator log after line N
# 32. --whoami: the account, the RAM user, the identity type (STS GetCallerIdentity)
run -- --endpoint="$url" --whoami
if expect_status 0 "--whoami" && expect_output "$tmp/out" "$own_account" "--whoami account" &&
   expect_output "$tmp/out" "Identity type:  Account" "--whoami type" &&
   grep -q '"action" : "GetCallerIdentity"\|"action":"GetCallerIdentity"' "$tmp/log.jsonl"; then
  ok "--whoami prints the account and identity type"
fi

# 33. --images --json: own images with names, status and share counts
run -- --endpoint="$url" --images --json
if expect_status 0 "--images"; then
  if "$python" - "$tmp/out" "$image" "$image2" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
images = {i["id"]: i for i in doc["images"]}
assert set(images) == {sys.argv[2], sys.argv[3]}, images
assert images[sys.argv[2]]["name"] == "cli-test", images
assert images[sys.argv[3]]["status"] == "Available", images
assert images[sys.argv[3]]["share_count"] == 0, images
assert isinstance(images[sys.argv[2]]["share_count"], int), images
PY
  then ok "--images --json lists own images with counts"; else not_ok "--images --json" "$(cat "$tmp/py")"; fi
fi

# 34. --dry-run over two images: the plan with skipped accounts, and nothing sent (emulator log)
run -- --endpoint="$url" --image="$image2" --add=3434343434343434 --list
before=$(requests)
run -- --endpoint="$url" --image="$image" --image="$image2" --add=3434343434343434 --remove=5656565656565656 --dry-run
if expect_status 0 "--dry-run" && expect_output "$tmp/out" "skipped" "--dry-run skipped" &&
   expect_output "$tmp/out" "Already shared" "--dry-run already shared" &&
   expect_output "$tmp/out" "Was not shared" "--dry-run was not shared" &&
   expect_output "$tmp/out" "Dry run: nothing was sent." "--dry-run says so"; then
  if [ "$(modifications_since "$before")" -eq 0 ]; then ok "--dry-run prints the plan and sends no change"
  else not_ok "--dry-run" "a change was sent"; fi
fi

# 35. sharing with your own account: refused before sending, exit 2, for
# several images and for one
before=$(requests)
run -- --endpoint="$url" --image="$image" --image="$image2" --add="$own_account"
if expect_status 2 "own account" && expect_output "$tmp/err" "your own account" "own account message"; then
  run -- --endpoint="$url" --image="$image" --add="1212121212121212,$own_account"
  if expect_status 2 "own account, one image" &&
     expect_output "$tmp/err" "your own account" "own account message, one image"; then
    if [ "$(modifications_since "$before")" -eq 0 ]; then ok "own account refused, nothing sent (several images and one)"
    else not_ok "own account" "a change was sent"; fi
  fi
fi

# 36. the same change to two images: skipped named, the rest verified
run -- --endpoint="$url" --image="$image" --image="$image2" --add=3434343434343434,7878787878787878 --json
if expect_status 0 "two images"; then
  if "$python" - "$tmp/out" "$image" "$image2" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
r = {(x["image"], x["account"]): x for x in doc["results"]}
assert len(r) == 4, r
skipped = r[(sys.argv[3], "3434343434343434")]
assert skipped["status"] == "skipped" and skipped["skip_reason"] == "already-shared", skipped
assert r[(sys.argv[2], "7878787878787878")]["status"] == "done", r
assert all(x["verification"] == "verified" for x in doc["results"]), r
assert doc["review"]["skipped"] >= 1 and doc["review"]["disagrees"] == 0, doc
PY
  then ok "two images: one plan, skipped named, accounts verified"; else not_ok "two images" "$(cat "$tmp/py")"; fi
fi

# 37. lines: skipped and verified are said
run -- --endpoint="$url" --image="$image" --image="$image2" --add=7878787878787878,9090909090909090
if expect_status 0 "two images lines" && expect_output "$tmp/out" "skipped" "lines skipped" &&
   expect_output "$tmp/out" "(verified)" "lines verified"; then
  ok "output names skipped accounts and marks verified ones"
fi

# 38. --copy-shares-from --exact: the new image's list equals the old one's
run -- --endpoint="$url" --image="$image2" --copy-shares-from="$image" --exact
if expect_status 0 "copy"; then
  run -- --endpoint="$url" --image="$image" --list --json
  cp "$tmp/out" "$tmp/old.json"
  run -- --endpoint="$url" --image="$image2" --list --json
  if "$python" - "$tmp/old.json" "$tmp/out" <<'PY' > "$tmp/py" 2>&1
import json, sys
old = json.load(open(sys.argv[1]))["shares"]
new = json.load(open(sys.argv[2]))["shares"]
assert sorted(old) == sorted(new), (old, new)
PY
  then ok "--copy-shares-from --exact: the lists match"; else not_ok "copy" "$(cat "$tmp/py")"; fi
fi

# 39. copying and retiring the source, as a dry run: the source's removals are in the plan, nothing sent
before=$(requests)
run -- --endpoint="$url" --image="$image2" --copy-shares-from="$image" --stop-sharing-source --dry-run --json
if expect_status 0 "copy dry run"; then
  if "$python" - "$tmp/out" "$image" <<'PY' > "$tmp/py" 2>&1
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["dry_run"] is True, doc
source = [r for r in doc["results"] if r["image"] == sys.argv[2]]
assert source and all(r["change"] == "remove" and r["status"] == "pending" for r in source), source
PY
  then
    if [ "$(modifications_since "$before")" -eq 0 ]; then ok "copy --stop-sharing-source --dry-run: planned, nothing sent"
    else not_ok "copy dry run" "a change was sent"; fi
  else not_ok "copy dry run" "$(cat "$tmp/py")"; fi
fi

# 40. copying and retiring the source: the new image has every account, the old one none
run -- --endpoint="$url" --image="$image2" --copy-shares-from="$image" --stop-sharing-source
if expect_status 0 "copy and retire" && expect_output "$tmp/out" "(verified)" "copy and retire verified"; then
  run -- --endpoint="$url" --image="$image" --list
  if expect_output "$tmp/out" "is not shared with any account" "old image retired"; then
    ok "--stop-sharing-source: the old image is no longer shared"
  fi
fi

# first_result_check: the Python asserts on stdin, about doc (the --json
# document in $tmp/out) and r (its first result); what failed in $tmp/py
first_result_check ()
{
  { printf 'import json, sys\ndoc = json.load(open(sys.argv[1]))\nr = doc["results"][0]\n'; cat; } |
    "$python" - "$tmp/out" > "$tmp/py" 2>&1
}

# 41. one image: --add of an account that already has access is named
# skipped ("Already shared") and not sent (emulator log)
run -- --endpoint="$url" --image="$image" --add=4141414141414141
before=$(requests)
run -- --endpoint="$url" --image="$image" --add=4141414141414141
if expect_status 0 "one image, already shared" &&
   expect_output "$tmp/out" "Already shared: nothing sent." "one image, already shared" &&
   grep -q "^skipped  *4141414141414141" "$tmp/out" &&
   expect_output "$tmp/out" "Nothing was sent." "one image, already shared: nothing sent" &&
   ! grep -q "0 of 0" "$tmp/out"; then
  # the list before and after: nothing sent in between
  if [ "$(modifications_since "$before")" -eq 0 ] && [ "$(lists_since "$before")" -eq 2 ]; then
    ok "one image: --add of an account already shared is skipped, nothing sent"
  else
    not_ok "one image, already shared" "$(modifications_since "$before") changes, $(lists_since "$before") lists"
  fi
else
  not_ok "one image, already shared" "$(cat "$tmp/out")"
fi

# 42. one image: --remove of an account that never had access is named
# skipped ("Was not shared") and not sent; in --json too
before=$(requests)
run -- --endpoint="$url" --image="$image" --remove=4242424242424242 --json
if expect_status 0 "one image, not shared"; then
  if first_result_check <<'PY'
assert r["status"] == "skipped" and r["skip_reason"] == "not-shared", r
assert r["tries"] == 0 and r["request_id"] is None, r
assert doc["review"]["skipped"] == 1, doc
PY
  then
    run -- --endpoint="$url" --image="$image" --remove=4242424242424242
    if expect_output "$tmp/out" "Was not shared: nothing sent." "one image, not shared text" &&
       [ "$(modifications_since "$before")" -eq 0 ]; then
      ok "one image: --remove of an account never shared is skipped, nothing sent"
    else
      not_ok "one image, not shared" "$(modifications_since "$before") changes: $(cat "$tmp/out")"
    fi
  else
    not_ok "one image, not shared" "$(cat "$tmp/py")"
  fi
fi

# 43. one image: what was sent is verified in the text and in --json
run -- --endpoint="$url" --image="$image" --remove=4141414141414141 --json
if expect_status 0 "one image, verified --json"; then
  if first_result_check <<'PY'
assert r["status"] == "done" and r["verification"] == "verified", r
assert doc["review"] == {"skipped": 0, "verified": 1, "disagrees": 0}, doc
PY
  then
    run -- --endpoint="$url" --image="$image" --add=4141414141414141
    if expect_output "$tmp/out" "  (verified)" "one image, verified text" &&
       expect_output "$tmp/out" "1 account verified by reading the list again." "one image, verified count"; then
      ok "one image: the change is verified against the list read again (text and --json)"
    fi
  else
    not_ok "one image, verified --json" "$(cat "$tmp/py")"
  fi
fi

if [ $failures -gt 0 ]; then
  echo "# $failures of $n checks failed" >&2
  exit 1
fi
exit 0
