#!/bin/sh
# test-cli-recipients.sh — the command line's address book on a real
# database file, against the ens-emulator executable over loopback HTTP:
# @names and groups in account lists, --recipients, CSV import and export,
# --account --images and --revoke-all.  Prints TAP.
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

image=m-5s7qotzavwbrnzaqh4unmrcpt01
image2=m-5s7qotzavwbrnzaqh4unmrcpt02
image3=m-5s7qotzavwbrnzaqh4unmrcpt03
key_id=LTAI5tRcptTestRcptTest01
key_secret=RcptSecretRcptSecretRcptSecre

require_executables "$app" "$emulator" "$python"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-test-cli-recipients.XXXXXX")
emulator_pid=
cleanup ()
{
  for pid in $emulator_pid; do
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
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

"$python" - "$tmp/seed.json" "$key_id" "$key_secret" "$image" "$image2" "$image3" <<'PY'
import json, sys
path, key, secret, image, image2, image3 = sys.argv[1:]
def img(i, n): return {"ImageId": i, "ImageName": n, "ImageOwnerAlias": "self",
                       "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z"}
json.dump({
  "keys": [{"id": key, "secret": secret}],
  "images": [img(image, "release-1"), img(image2, "release-2"), img(image3, "release-3")],
  "shares": {image: ["1999999999999999"], image2: ["1999999999999999"], image3: []},
}, open(path, "w"))
PY

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

modify_requests ()
{
  grep -c '"action":"ModifyImageSharePermission"' "$tmp/log.jsonl"
}

run ()
{
  env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$key_secret" \
    "$app" --endpoint="$url" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  status=$?
}

shares_of ()
{
  run --image="$1" --list --json
  "$python" -c 'import json,sys; print(" ".join(sorted(json.load(open(sys.argv[1]))["shares"])))' "$tmp/out"
}

echo "1..13"

# 1. a file with a bad row: every bad row named with its line, nothing imported
printf '\357\273\277Name;Account ID;Group;Note\r\n"Partner A";１００００００００００００００１;Distributors;"first\r\nsecond"\r\nPartner B;1000000000000002;Distributors;\r\nBroken;12a4;;\r\nPartner C;1000000000000003;;\r\n' > "$tmp/bad.csv"
run --import-recipients="$tmp/bad.csv"
refused=$status
cp "$tmp/err" "$tmp/refused"
run --recipients
if [ "$refused" -eq 2 ] && grep -q "^Line 5: .*letters" "$tmp/refused" \
   && grep -q "nothing was imported" "$tmp/refused" && grep -q "The address book is empty" "$tmp/out"; then
  ok "a bad row: reported with its line, exit 2, nothing imported"
else
  not_ok "a bad row is reported and nothing imported" "status $status: $(cat "$tmp/err")"
fi

# 2. --import-valid: the valid rows, in one go
run --import-recipients="$tmp/bad.csv" --import-valid
if [ "$status" -eq 0 ] && grep -q "Imported 3 rows" "$tmp/out" && grep -q "^Line 5:" "$tmp/err"; then
  ok "--import-valid imports the valid rows"
else
  not_ok "--import-valid" "status $status: $(cat "$tmp/out" "$tmp/err")"
fi

# 3. --recipients and --recipients --json
run --recipients
listing_ok=$(grep -c "Partner A *1000000000000001 *Distributors" "$tmp/out")
run --recipients --json
if [ "$listing_ok" -eq 1 ] && [ "$status" -eq 0 ] && "$python" - "$tmp/out" <<'PY' 2> "$tmp/py"
import json, sys
book = json.load(open(sys.argv[1]))["recipients"]
names = {r["name"]: r for r in book}
assert sorted(names) == ["Partner A", "Partner B", "Partner C"], names
assert names["Partner A"]["account_id"] == "1000000000000001"
assert names["Partner A"]["groups"] == ["Distributors"]
assert names["Partner A"]["note"] == "first\r\nsecond"
assert names["Partner C"]["groups"] == [] and names["Partner C"]["note"] is None
PY
then
  ok "--recipients lists the book, --json too"
else
  not_ok "--recipients" "$(cat "$tmp/out" "$tmp/py")"
fi

# 4. an unknown name is an input error: exit 2, nothing sent
before=$(requests)
run --image="$image" --add=@Distributors,@Nobody
if [ "$status" -eq 2 ] && [ "$(requests)" -eq "$before" ] && grep -q "no recipient or group named “Nobody”" "$tmp/err"; then
  ok "an unknown @name: exit 2, nothing sent"
else
  not_ok "an unknown @name" "status $status, requests $(($(requests) - before)): $(cat "$tmp/err")"
fi

# 5. a group in --add: its members, shown with their names
before=$(modify_requests)
run --image="$image" --add=@Distributors
added=$status
cp "$tmp/out" "$tmp/added"
if [ "$added" -eq 0 ] && [ "$(modify_requests)" -gt "$before" ] \
   && grep -q "Partner A · 1000000000000001" "$tmp/added" && grep -q "Partner B · 1000000000000002" "$tmp/added" \
   && [ "$(shares_of "$image")" = "1000000000000001 1000000000000002 1999999999999999" ]; then
  ok "--add=@Distributors shares with every member, names shown"
else
  not_ok "--add=@Group" "status $status: $(cat "$tmp/out" "$tmp/err")"
fi

# 6. a name with a space in --remove, and --list shows names
run --image="$image" --remove='@partner b'
removed=$status
run --image="$image" --list
if [ "$removed" -eq 0 ] && grep -q "Partner A · 1000000000000001" "$tmp/out" \
   && ! grep -q 1000000000000002 "$tmp/out" && grep -q "^1999999999999999$" "$tmp/out"; then
  ok "--remove='@Partner B' (any case); --list names the accounts"
else
  not_ok "--remove=@name" "$(cat "$tmp/out" "$tmp/err")"
fi

# 7. --export-recipients: a CSV a spreadsheet reads, no formula cell
env ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" "$app" --import-recipients=/dev/stdin > /dev/null 2>&1 <<'CSV'
name,account id,group,note
"=HYPERLINK(""http://x"")",1000000000000004,,+1
CSV
run --export-recipients="$tmp/book.csv"
if [ "$status" -eq 0 ] && "$python" - "$tmp/book.csv" <<'PY' 2> "$tmp/py"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["name", "account_id", "group", "note"], rows[0]
by_id = {r[1]: r for r in rows[1:]}
assert by_id["1000000000000001"] == ["Partner A", "1000000000000001", "Distributors", "first\r\nsecond"], by_id
assert by_id["1000000000000004"][0] == "'=HYPERLINK(\"http://x\")", by_id["1000000000000004"]
assert by_id["1000000000000004"][3] == "'+1"
for r in rows:
    for cell in r:
        assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), cell
PY
then
  ok "--export-recipients writes CSV without formula cells"
else
  not_ok "--export-recipients" "$(cat "$tmp/err" "$tmp/py")"
fi

# 8. exporting and importing again changes nothing
run --import-recipients="$tmp/book.csv"
if [ "$status" -eq 0 ] && grep -q "Imported 4 rows" "$tmp/out"; then
  ok "an exported book imports again as it is"
else
  not_ok "export then import" "status $status: $(cat "$tmp/out" "$tmp/err")"
fi

# 9. --account=@Group --images: the own images its members can use
run --image="$image2" --add=1000000000000002
run --account=@Distributors --images
if [ "$status" -eq 0 ] && grep -q "^$image .*Partner A · 1000000000000001" "$tmp/out" \
   && grep -q "^$image2 .*Partner B · 1000000000000002" "$tmp/out" && ! grep -q "^$image3" "$tmp/out" \
   && grep -q "2 images can be used" "$tmp/out"; then
  ok "--account=@Group --images lists what the members can use"
else
  not_ok "--account --images" "status $status: $(cat "$tmp/out" "$tmp/err")"
fi

# 10. --revoke-all --dry-run previews and sends nothing
before=$(modify_requests)
run --account=@Distributors --images --revoke-all --dry-run
if [ "$status" -eq 0 ] && [ "$(modify_requests)" -eq "$before" ] \
   && grep -q "would stop sharing $image with Partner A · 1000000000000001" "$tmp/out" \
   && grep -q "would stop sharing $image2 with Partner B · 1000000000000002" "$tmp/out"; then
  ok "--revoke-all --dry-run previews, nothing sent"
else
  not_ok "--revoke-all --dry-run" "status $status: $(cat "$tmp/out" "$tmp/err")"
fi

# 11. --revoke-all stops sharing every one of them, recorded in the history
run --account=1000000000000001 --images --revoke-all
revoked=$status
a=$(shares_of "$image")
b=$(shares_of "$image2")
run --history --account=1000000000000001 --json
if [ "$revoked" -eq 0 ] && [ "$a" = "1999999999999999" ] \
   && [ "$b" = "1000000000000002 1999999999999999" ] && grep -q '"change" *: *"remove"' "$tmp/out" \
   && grep -q '"recipient_name" *: *"Partner A"' "$tmp/out"; then
  ok "--revoke-all stops sharing with the account, recorded in the history with the recipient's name"
else
  not_ok "--revoke-all" "status $revoked, $a / $b: $(cat "$tmp/out")"
fi

# 13. --json names the accounts the book knows ("names"), the others not
run --image="$image2" --list --json
if [ "$status" -eq 0 ] && "$python" - "$tmp/out" <<'PY' 2> "$tmp/py"
import json, sys
d = json.load(open(sys.argv[1]))
assert "1000000000000002" in d["shares"], d
assert d["names"].get("1000000000000002") == "Partner B", d["names"]
assert "1999999999999999" not in d["names"], d["names"]
PY
then
  ok "--json names the accounts from the book"
else
  not_ok "--json names" "status $status: $(cat "$tmp/py" "$tmp/err")"
fi

# 12. --revoke-all without --account --images is a usage error
before=$(requests)
run --revoke-all --image="$image"
if [ "$status" -eq 2 ] && [ "$(requests)" -eq "$before" ] && grep -q -e "--revoke-all goes with" "$tmp/err"; then
  ok "--revoke-all alone: exit 2, nothing sent"
else
  not_ok "--revoke-all alone" "status $status: $(cat "$tmp/err")"
fi

if [ $failures -gt 0 ]; then
  echo "# $failures of $n checks failed" >&2
  exit 1
fi
exit 0
