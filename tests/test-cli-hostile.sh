#!/bin/sh
# test-cli-hostile.sh — the ens-image-share command line against a server
# that lies (issue 18): pages that repeat or stop early, account IDs that
# are not IDs, and text that would drive the terminal.  The server is a
# small Python http.server on 127.0.0.1; the checks compare the exact
# bytes the command line prints.  Prints TAP.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/tap.sh"

unset DISPLAY WAYLAND_DISPLAY

top_builddir=${ENS_TEST_TOP_BUILDDIR:?ENS_TEST_TOP_BUILDDIR is not set}
app=${ENS_TEST_CLI_APP:-$top_builddir/src/ens-image-share}
python=/usr/bin/python3
image=m-5s7qotzavwbrnzaqh4unmliar1

require_executables "$app" "$python"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-test-cli-hostile.XXXXXX")
emulator_pid=
cleanup ()
{
  if [ -n "$emulator_pid" ]; then
    kill -TERM "$emulator_pid" 2>/dev/null
    wait "$emulator_pid" 2>/dev/null
  fi
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

# The liar: answers by scenario (the first argument), whatever was asked.
cat > "$tmp/liar.py" <<'PY'
import http.server, json, sys, urllib.parse

scenario = sys.argv[1]
ESC = "\x1b"
shared = []

def listing(page, total, accounts):
    return 200, {"RequestId": "LIAR-%d" % page, "TotalCount": total, "PageNumber": page,
                 "PageSize": 100, "Accounts": {"Account": [{"AliyunUid": a} for a in accounts]}}

def answer(params):
    page = int(params.get("PageNumber", ["1"])[0])
    action = params.get("Action", [""])[0]
    if scenario == "repeat":
        # The same page forever, announcing 50,000 accounts.
        return listing(page, 50000, ["%016d" % (1000 + i) for i in range(100)])
    if scenario == "short":
        # 300 announced, 3 served, then empty pages.
        return listing(page, 300, ["1111222233334444", "5555666677778888", "9999000011112222"] if page == 1 else [])
    if scenario == "bidi":
        return 200, {"RequestId": "R", "TotalCount": 2,
                     "Accounts": {"Account": [{"AliyunUid": "1111222233334444"},
                                              {"AliyunUid": "\u202e4444333322221111"}]}}
    if scenario == "escape-error":
        return 400, {"RequestId": "R-" + ESC + "[2J\nshared     1111222233334444  RequestId FAKE",
                     "Code": "Evil" + ESC + "]0;pwned\x07",
                     "Message": "line one\nshared     9999  RequestId FAKE\u202e"}
    if scenario == "sts-lies" and action == "GetCallerIdentity":
        # Whose key it is: no AccountId, and texts that would forge a line.
        return 200, {"RequestId": "STS" + ESC + "[2J\nWarning: forged", "Arn": ESC + "]0;pwned\x07"}
    if scenario == "sts-lies" and action == "DescribeImageSharePermission":
        return listing(page, len(shared), shared)
    if scenario == "sts-lies" and action == "ModifyImageSharePermission":
        for a in params.get("AddAccounts", [""])[0].split(","):
            if a and a not in shared:
                shared.append(a)
        for a in params.get("RemoveAccounts", [""])[0].split(","):
            if a in shared:
                shared.remove(a)
        return 200, {"RequestId": "STS-OK"}
    if scenario in ("escape-ok", "body-error") and action == "GetCallerIdentity":
        # Whose key it is, asked before an addition.
        return 200, {"RequestId": "LIAR-STS", "AccountId": "5123456789012345",
                     "Arn": "acs:ram::5123456789012345:root", "IdentityType": "Account",
                     "PrincipalId": "5123456789012345", "UserId": "5123456789012345"}
    if scenario in ("escape-ok", "body-error") and action == "DescribeImageSharePermission":
        # The list a change is previewed against, and read again after it.
        return listing(page, len(shared), shared)
    if scenario == "escape-ok":
        if action == "ModifyImageSharePermission":
            shared[:] = ["1234567890123456"]  # the one account the test adds
        return 200, {"RequestId": "OK" + ESC + "[2J\nshared     9999999999999999  RequestId FAKE"}
    if scenario == "body-error":
        return 200, {"RequestId": "R-BODY", "Code": "Throttling.User", "Message": "Request was denied."}
    return 500, {"Code": "InternalError"}

class Handler(http.server.BaseHTTPRequestHandler):
    def reply(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        params = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        params.update(urllib.parse.parse_qs(body))
        if self.headers.get("x-acs-action"):  # signature V3
            params["Action"] = [self.headers["x-acs-action"]]
        status, body = answer(params)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        with open(sys.argv[2], "a") as log:
            log.write("request\n")
    do_GET = reply
    do_POST = reply
    def log_message(self, *args):
        pass

server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print("Listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
PY

# serve SCENARIO: (re)starts the liar; sets $url.
serve ()
{
  if [ -n "$emulator_pid" ]; then
    kill -TERM "$emulator_pid" 2>/dev/null
    wait "$emulator_pid" 2>/dev/null
    emulator_pid=
  fi
  : > "$tmp/requests"
  start_emulator "$python" "$tmp/liar.py" "$1" "$tmp/requests"
  if [ -z "$url" ]; then
    echo "Bail out! the test server did not start: $(cat "$tmp/emulator.err")"
    exit 1
  fi
}

# The liar ignores the --port=0 that start_emulator adds.
sed -i 's/^scenario = sys.argv\[1\]$/scenario = sys.argv[1]\nsys.argv = [a for a in sys.argv if not a.startswith("--port")]/' "$tmp/liar.py"

run ()
{
  env ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tLiarLiarLiarLiar01 \
      ALIBABA_CLOUD_ACCESS_KEY_SECRET=LiarSecretLiarSecretLiarSecre \
      "$app" --endpoint="$url" --image="$image" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  status=$?
}

requests ()
{
  wc -l < "$tmp/requests" | tr -d ' '
}

# same FILE EXPECTED-FILE DESCRIPTION: byte for byte
same ()
{
  if cmp -s "$1" "$2"; then
    ok "$3"
  else
    not_ok "$3" "expected: $(od -c "$2" | head -20)" "got: $(od -c "$1" | head -20)"
  fi
}

no_escape ()
{
  # no ESC, no BEL, no U+202E anywhere in what was printed
  if LC_ALL=C grep -q "$(printf '\033')\|$(printf '\007')\|$(printf '\342\200\256')" "$tmp/out" "$tmp/err"; then
    not_ok "$1" "a raw control character or bidi override was printed"
  else
    ok "$1"
  fi
}

echo "1..15"

# 1-2. pages that repeat: stops after the repeat, says so, JSON complete false
serve repeat
run --list
{
  printf 'Image %s: the server listed 100 accounts, but the list may be incomplete:\n' "$image"
  i=1000; while [ $i -lt 1100 ]; do printf '%016d\n' $i; i=$((i + 1)); done
} > "$tmp/expected"
if [ $status -eq 0 ] && [ "$(requests)" -eq 2 ] &&
   grep -q -F "may be incomplete" "$tmp/err"; then
  same "$tmp/out" "$tmp/expected" "repeating pages: 100 accounts, may be incomplete, two requests"
else
  not_ok "repeating pages" "status $status, requests $(requests)"
fi
run --list --json
if "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["complete"] is False and d["share_count"] == 100 else 1)' "$tmp/out"; then
  ok "repeating pages: --json says \"complete\": false"
else
  not_ok "repeating pages --json" "complete is not false"
fi

# 3-4. 300 announced, 3 served, then an empty page
serve short
run --list
printf 'Image %s: the server listed 3 accounts, but the list may be incomplete:\n1111222233334444\n5555666677778888\n9999000011112222\n' "$image" > "$tmp/expected"
same "$tmp/out" "$tmp/expected" "empty page before TotalCount: not \"shared with 3\""
run --list --json
if "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["complete"] is False and d["share_count"] == 3 else 1)' "$tmp/out"; then
  ok "empty page before TotalCount: --json \"complete\": false"
else
  not_ok "short pages --json" "complete is not false"
fi

# 5-6. a hostile account ID (U+202E) is no row: the answer is unexpected
serve bidi
run --list
if [ $status -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q -F "Unexpected Answer From the Server" "$tmp/err" &&
   ! grep -q "1111222233334444" "$tmp/err"; then
  ok "bidi override in an account ID: unexpected answer, exit 1, no list"
else
  not_ok "bidi account" "status $status"
fi
no_escape "bidi account: nothing raw printed"

# 7-9. an error whose code, message and RequestId carry escapes and newlines
serve escape-error
run --list
if [ $status -eq 1 ] &&
   grep -q -F 'RequestId R-\x1B[2J\x0Ashared     1111222233334444  RequestId FAKE' "$tmp/err" &&
   ! grep -q '^shared' "$tmp/err" && ! grep -q '^shared' "$tmp/out"; then
  ok "escapes in an error: RequestId printed escaped on one line, no forged line"
else
  not_ok "escapes in an error" "status $status"
fi
no_escape "escapes in an error: no ESC, BEL or U+202E printed"
run --list --json
if "$python" - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
e = d["list_error"]
ok = (e["code"] == "Evil\\x1B]0;pwned\\x07" and
      e["request_id"] == "R-\\x1B[2J\\x0Ashared     1111222233334444  RequestId FAKE" and
      "\x1b" not in json.dumps(d, ensure_ascii=False) and "\u202e" not in json.dumps(d, ensure_ascii=False))
sys.exit(0 if ok else 1)
PY
then
  ok "escapes in an error: --json is valid JSON with the values escaped"
else
  not_ok "escapes --json" "$(cat "$tmp/out")"
fi

# 10-11. a success whose RequestId would forge a line: exact bytes
serve escape-ok
run --add=1234567890123456
printf 'shared     1234567890123456  RequestId OK\\x1B[2J\\x0Ashared     9999999999999999  RequestId FAKE  (verified)\n1 of 1 change succeeded.\n1 account verified by reading the list again.\n' > "$tmp/expected"
same "$tmp/out" "$tmp/expected" "escapes in a RequestId: exact bytes, one line per account"
no_escape "escapes in a RequestId: no ESC printed"

# 12. a 200 whose body carries an error is that error, not a success
serve body-error
run --add=1234567890123456
if [ $status -eq 1 ] && grep -q '^failed     1234567890123456' "$tmp/out" &&
   grep -q -F "0 of 1 change succeeded." "$tmp/out"; then
  ok "200 with an error Code: failed, not succeeded"
else
  not_ok "200 with an error Code" "status $status"
fi

# 13-15. whose key it is cannot be told (STS answers without AccountId,
# with texts that would forge a line): the change goes on; an addition
# says that your own account was not checked, a removal has nothing to
# warn about; nothing of the answer is printed raw, and the history
# records no caller
serve sts-lies
run --add=1234567890123456
s1=$status
if [ $s1 -eq 0 ] && grep -q '^shared     1234567890123456' "$tmp/out" &&
   grep -q -F "sharing with your own account is not checked" "$tmp/err"; then
  run --remove=1234567890123456
  if [ $status -eq 0 ] && grep -q '^unshared   1234567890123456' "$tmp/out" &&
     ! grep -q -F "not checked" "$tmp/err"; then
    ok "STS cannot tell: the addition warns and goes on, the removal goes on without a warning"
  else
    not_ok "STS cannot tell, removal" "status $status: $(cat "$tmp/out" "$tmp/err")"
  fi
else
  not_ok "STS cannot tell, addition" "status $s1: $(cat "$tmp/out" "$tmp/err")"
fi
no_escape "STS cannot tell: no ESC printed"
run --history --json
if [ $status -eq 0 ] && "$python" - "$tmp/out" <<'PY'
import json, sys
# (the earlier scenarios' changes of the same account had a caller)
rows = [r for r in json.load(open(sys.argv[1])) if r["request_id"] == "STS-OK"]
assert {r["change"] for r in rows} == {"add", "remove"}, rows
assert all(r["caller_account_id"] is None and r["caller_user"] is None for r in rows), rows
PY
then
  ok "STS cannot tell: both changes are recorded, with no caller"
else
  not_ok "STS cannot tell, history" "status $status: $(cat "$tmp/out")"
fi

if [ $failures -gt 0 ]; then
  echo "# $failures of $n checks failed" >&2
  exit 1
fi
exit 0
