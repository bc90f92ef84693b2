#!/bin/sh
# test-cli-history.sh — the command line's history on a real database file,
# against the ens-emulator executable over loopback HTTP.  Prints TAP.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs ENS_TEST_TOP_BUILDDIR (set by tests/meson.build).

set -u

. "$(dirname "$0")/tap.sh"

unset DISPLAY WAYLAND_DISPLAY

top_builddir=${ENS_TEST_TOP_BUILDDIR:?ENS_TEST_TOP_BUILDDIR is not set}
app=${ENS_TEST_CLI_APP:-$top_builddir/src/ens-image-share}
emulator=$top_builddir/src/emulator/ens-emulator
python=/usr/bin/python3

image=m-5s7qotzavwbrnzaqh4unmhist01
image2=m-5s7qotzavwbrnzaqh4unmhist02
key_id=LTAI5tHistTestHistTest01
key_secret=HistSecretHistSecretHistSecre

require_executables "$app" "$emulator" "$python"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-test-cli-history.XXXXXX")
chmod 755 "$tmp"
emulator_pid=
app_pid=
cleanup ()
{
  for pid in $app_pid $emulator_pid; do
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  chmod -R u+w "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

mkdir -p "$tmp/home"
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_DATA_HOME="$tmp/home/.local/share"
export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus"
export GSETTINGS_BACKEND=memory
export LC_ALL=C.UTF-8
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN
db="$XDG_DATA_HOME/ens-image-share/history.db"

# 200 accounts shared: 3000000000000000 .. 3000000000000199
accounts=$("$python" -c 'print(",".join(str(3000000000000000 + i) for i in range(200)))')
"$python" - "$tmp/seed.json" "$key_id" "$key_secret" "$image" "$image2" <<'PY'
import json, sys
path, key, secret, image, image2 = sys.argv[1:]
json.dump({
  "keys": [{"id": key, "secret": secret, "account_id": "1666666666666666", "user": "release-bot"}],
  "images": [{"ImageId": image, "ImageName": "history", "ImageOwnerAlias": "self",
              "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z"},
             {"ImageId": image2, "ImageName": "history-2", "ImageOwnerAlias": "self",
              "Platform": "ubuntu", "CreationTime": "2024-01-02T00:00:00Z"}],
  "shares": {image: [str(3000000000000000 + i) for i in range(200)]},
}, open(path, "w"))
PY

: > "$tmp/log.jsonl"
# Slow enough for a 200-account removal to be killed half-way, even on a
# loaded machine (200 requests two at a time take 4 s or more).
start_emulator "$emulator" --seed="$tmp/seed.json" --log="$tmp/log.jsonl" --latency=40
if [ -z "$url" ]; then
  echo "Bail out! the emulator did not start: $(cat "$tmp/emulator.err")"
  exit 1
fi

modify_requests ()
{
  grep -c '"action":"ModifyImageSharePermission"' "$tmp/log.jsonl"
}

requests ()
{
  wc -l < "$tmp/log.jsonl" | tr -d ' '
}

run ()
{
  env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
    "$app" --endpoint="$url" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  status=$?
}

echo "1..10"

# 1. a change is recorded, one row per account, with its RequestId
run --image="$image" --remove=3000000000000000,3000000000000001
run --history --json
if [ "$status" -eq 0 ] && "$python" - "$tmp/out" "$key_secret" <<'PY' 2> "$tmp/py"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2, rows
for r in rows:
    assert r["state"] == "done" and r["change"] == "remove" and r["request_id"], r
    assert r["origin"] == "cli" and r["access_key_id"] == "LTAI5tHistTestHistTest01", r
    # STS is asked before every change, removals too: whose key it is is recorded
    assert r["caller_account_id"] == "1666666666666666" and r["caller_user"] == "release-bot", r
    assert sys.argv[2] not in json.dumps(r)
PY
then
  ok "a change is recorded with its outcome and RequestId"
else
  not_ok "a change is recorded" "$(cat "$tmp/py")"
fi

# 2. the secret is nowhere in the history file
if grep -q -F -e "$key_secret" "$db" "$db-wal" 2>/dev/null; then
  not_ok "no secret in the history file"
else
  ok "no secret in the history file"
fi

# 3-4. a 200-account removal killed with kill -9 half-way: the next run
# settles every account left unsettled against the emulator, and the
# history agrees with the emulator's share list
env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
  "$app" --endpoint="$url" --image="$image" --concurrency=2 --remove="$accounts" \
  > "$tmp/out" 2> "$tmp/err" < /dev/null &
app_pid=$!
before=$(modify_requests)
i=0
while [ $(($(modify_requests) - before)) -lt 100 ] && [ $i -lt 300 ]; do
  sleep 0.05
  i=$((i + 1))
done
kill -KILL "$app_pid"
wait "$app_pid" 2>/dev/null
app_pid=
sent=$(($(modify_requests) - before))
sleep 0.3   # let the emulator finish what was in flight

"$python" - "$db" > "$tmp/left" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM entries WHERE state IN ('planned', 'sending')").fetchone()[0])
PY
left=$(cat "$tmp/left")
run --image="$image" --list --json
recovered_err=$(cat "$tmp/err")
run --history --json --since=2000-01-01
if [ "$sent" -ge 50 ] && [ "$sent" -lt 200 ] && [ "$left" -gt 0 ]; then
  ok "killed half-way: $sent of 200 requests sent, $left accounts left unsettled"
else
  not_ok "killed half-way" "sent $sent, unsettled $left"
fi
run2_status=$status
env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
  "$app" --endpoint="$url" --image="$image" --list --json > "$tmp/list" 2>/dev/null < /dev/null
if [ "$run2_status" -eq 0 ] && printf '%s\n' "$recovered_err" | grep -q "earlier run left unfinished" &&
   "$python" - "$tmp/out" "$tmp/list" <<'PY' 2> "$tmp/py"
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["account_id"].startswith("3") and r["operation"] == max(
    x["operation"] for x in json.load(open(sys.argv[1])))]
listing = json.load(open(sys.argv[2]))
shared = set(listing["shares"] if "shares" in listing else listing.get("accounts", []))
# 3000000000000000 and 3000000000000001 were removed in 1: the preview
# skips them (never sent, so not in the history)
assert len(rows) == 198, len(rows)
assert not any(r["account_id"] in ("3000000000000000", "3000000000000001") for r in rows), rows
for r in rows:
    assert r["state"] in ("done", "not-attempted", "confirmed", "did-not-happen", "failed"), r
    gone = r["account_id"] not in shared
    if r["state"] in ("done", "confirmed"):
        assert gone, r
    else:
        assert not gone, r
PY
then
  ok "the next run settled every account, and the history agrees with the emulator"
else
  not_ok "settled after kill -9" "stderr: $recovered_err" "$(cat "$tmp/py")"
fi

# 5. said once: the run after that has nothing to check
run --image="$image" --list
if grep -q "earlier run" "$tmp/err"; then
  not_ok "recovery is reported once"
else
  ok "recovery is reported once"
fi

# 6. a read-only data directory: the change is refused before any request
ro_home="$tmp/ro"
mkdir -p "$ro_home/data/ens-image-share" "$ro_home/config"
chmod -R 555 "$ro_home/data"
chmod 755 "$ro_home" "$ro_home/config"
chmod 777 "$ro_home/config"
before=$(requests)
if [ "$(id -u)" -eq 0 ]; then
  as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
  as_user=
fi
# shellcheck disable=SC2086
env HOME="$ro_home" XDG_DATA_HOME="$ro_home/data" XDG_CONFIG_HOME="$ro_home/config" \
  ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
  $as_user "$app" --endpoint="$url" --image="$image" --add=4000000000000001 \
  > "$tmp/out" 2> "$tmp/err" < /dev/null
status=$?
sleep 0.2
if [ "$status" -eq 1 ] && [ "$(requests)" -eq "$before" ] && grep -q "no-history" "$tmp/err"; then
  ok "read-only data directory: exit 1, no request sent"
else
  not_ok "read-only data directory" "status $status, requests $(($(requests) - before))"
fi

# 7. --no-history sends anyway, and says so
# shellcheck disable=SC2086
env HOME="$ro_home" XDG_DATA_HOME="$ro_home/data" XDG_CONFIG_HOME="$ro_home/config" \
  ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
  $as_user "$app" --endpoint="$url" --image="$image" --add=4000000000000001 --no-history \
  > "$tmp/out" 2> "$tmp/err" < /dev/null
status=$?
if [ "$status" -eq 0 ] && [ "$(modify_requests)" -gt 0 ] && grep -q -e "--no-history" "$tmp/err"; then
  ok "--no-history sends and says so"
else
  not_ok "--no-history" "status $status"
fi

# 8. the CSV export, reopened by Python's csv module, gives back the same
# rows as --history --json; formula cells are escaped
"$python" - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO operations (started_at, origin, owner, profile, access_key_id, image_id, finished_at)"
           " VALUES (1700000000000000, 'cli', 'x', '=HYPERLINK(\"http://evil\")', '+SUM(1)', 'm-5s7qotzavwbrnzaqh4unmhist01', 1)")
op = db.execute("SELECT last_insert_rowid()").fetchone()[0]
db.execute("INSERT INTO entries (operation_id, position, account_id, change, state, updated_at, request_id, error_code,"
           " image_name, recipient_name)"
           " VALUES (?, 0, '5000000000000001', 'add', 'failed', 1700000000000000, '@cmd', '-2+3, \"quoted\"\nline',"
           " 'Release, \"2026\"', '=Contoso 中文')", (op,))
db.commit()
PY
run --export-history="$tmp/out.csv"
run --history --json
if "$python" - "$tmp/out.csv" "$tmp/out" <<'PY' 2> "$tmp/py"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
ref = json.load(open(sys.argv[2]))
assert len(rows) == len(ref) and len(rows) > 200, (len(rows), len(ref))
def unescape(v):
    return v[1:] if v[:1] == "'" and v[1:2] in ("=", "+", "-", "@", "\t", "\r") else v
for c, j in zip(rows, ref):
    for k, v in j.items():
        want = "" if v is None else str(v)
        assert unescape(c[k]) == want, (k, c[k], want)
evil = [r for r in rows if r["account_id"] == "5000000000000001"][0]
assert evil["profile"] == "'=HYPERLINK(\"http://evil\")", evil
assert evil["access_key_id"] == "'+SUM(1)" and evil["request_id"] == "'@cmd", evil
assert evil["error_code"] == "'-2+3, \"quoted\"\nline", evil
assert evil["time"] == "2023-11-14T22:13:20Z", evil
assert evil["image_name"] == 'Release, "2026"' and evil["recipient_name"] == "'=Contoso 中文", evil
PY
then
  ok "CSV export reopened by Python's csv module: the same rows, formulas escaped"
else
  not_ok "CSV export" "$(cat "$tmp/py")"
fi

# 9. one change across two images: each account is recorded under its own
# image, and --history --image finds it there
run --image="$image" --image="$image2" --add=4100000000000001
s1=$status
run --history --image="$image2" --json
if [ "$s1" -eq 0 ] && [ "$status" -eq 0 ] && "$python" - "$tmp/out" "$image2" <<'PY' 2> "$tmp/py"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 1, rows
r = rows[0]
assert r["image_id"] == sys.argv[2] and r["account_id"] == "4100000000000001", r
assert r["state"] == "done" and r["change"] == "add" and r["request_id"], r
# several images: STS was asked before the change, and whose key it is recorded
assert r["caller_account_id"] == "1666666666666666" and r["caller_user"] == "release-bot", r
PY
then
  ok "a change across two images is recorded under each image"
else
  not_ok "a change across two images" "exit $s1/$status" "$(cat "$tmp/py")"
fi

# 10. --account=@NAME: the accounts recorded under that recipient name,
# ignoring case; the names are in the text output too
run --history --account=@=contoso\ 中文
if [ "$status" -eq 0 ] && grep -q "5000000000000001" "$tmp/out" && grep -q "=Contoso 中文" "$tmp/out" &&
   grep -q 'Release, "2026"' "$tmp/out" && [ "$(grep -c '^  [+-] ' "$tmp/out")" -eq 1 ]; then
  ok "--history --account=@NAME finds the accounts by recipient name"
else
  not_ok "--account=@NAME" "status $status: $(cat "$tmp/out" "$tmp/err")"
fi

if [ $failures -gt 0 ]; then
  echo "# $failures of $n checks failed" >&2
  exit 1
fi
exit 0
