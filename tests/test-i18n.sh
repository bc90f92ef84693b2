#!/bin/sh
# test-i18n.sh — the Simplified Chinese translation in the installed
# program: the command line (input errors, --help, an API error from the
# ENS emulator) and the window (title and "Sign In" button, read through
# AT-SPI).  Prints TAP; exits 77 when a tool is missing.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by `meson test --suite ui` (test 'i18n').  By hand:
#
#   ENS_TEST_TOP_BUILDDIR=$PWD/_build ENS_TEST_TOP_SRCDIR=$PWD sh tests/test-i18n.sh
#
# The expected texts are never written here: each one is looked up in
# po/zh_CN.po (compiled on the fly, independently of the installed
# catalogue) by its English msgid, and must differ from the English.
#
# Where the program finds its catalogue: LOCALEDIR is fixed when it is
# built (PREFIX/share/locale).  When the executable honours ENS_LOCALEDIR
# (main.c: bindtextdomain (GETTEXT_PACKAGE, $ENS_LOCALEDIR or LOCALEDIR)),
# the build under test is installed into a DESTDIR and run from there with
# ENS_LOCALEDIR pointing into it.  Otherwise a second, test-only build is
# configured with its prefix in a temporary directory and installed there,
# so that its baked-in LOCALEDIR is right (about 15 s more).
#
# The window part needs xvfb-run (or a DISPLAY), dbus-run-session,
# gnome-keyring-daemon and /usr/bin/python3 with gi.repository.Atspi.  It
# runs the app on its own X display and its own session bus
# (tests/keyring-session.sh), even inside build-aux/test.sh: on a shared
# display, libatspi finds the accessibility bus of whichever session set
# the root window's AT_SPI_BUS last (another test's app), and key presses
# synthesized by another test could reach this window.

set -u

. "$(dirname "$0")/tap.sh"

top_builddir=${ENS_TEST_TOP_BUILDDIR:?ENS_TEST_TOP_BUILDDIR is not set}
top_srcdir=${ENS_TEST_TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
python=/usr/bin/python3
domain=ens-image-share
lang=zh_CN
po=$top_srcdir/po/$lang.po
emulator=$top_builddir/src/emulator/ens-emulator

skip ()
{
  echo "1..0 # SKIP $1"
  exit 77
}

[ -f "$po" ] || skip "po/$lang.po does not exist"
for program in msgfmt gettext ngettext meson ninja "$python"; do
  command -v "$program" >/dev/null 2>&1 || skip "$program is not installed"
done
require_executables "$top_builddir/src/ens-image-share" "$emulator"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-test-i18n.XXXXXX")
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
export XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-$top_builddir/data}"
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN
unset ENS_LOCALEDIR

# The locale the program runs in.  Debian's minimal systems have no
# zh_CN.UTF-8 locale, and setlocale() then falls back to "C", where
# gettext ignores LANGUAGE.  C.UTF-8 is always there and honours LANGUAGE.
if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\{0,1\}8'; then
  run_locale=zh_CN.UTF-8
else
  run_locale=C.UTF-8
fi


finish ()
{
  echo "1..$n"
  [ "$failures" -eq 0 ]
  exit $?
}

# --- The reference: po/zh_CN.po, compiled here --------------------------

mkdir -p "$tmp/ref/$lang/LC_MESSAGES"
if msgfmt --check -o "$tmp/ref/$lang/LC_MESSAGES/$domain.mo" "$po" 2>"$tmp/err"; then
  ok "po/$lang.po compiles with msgfmt --check"
else
  not_ok "po/$lang.po compiles with msgfmt --check"
  finish
fi
: > "$tmp/err"

# po_tr MSGID [CONTEXT]: the msgstr of MSGID (escapes such as \n expanded).
po_tr ()
{
  if [ $# -gt 1 ]; then
    LC_ALL=C.UTF-8 LANGUAGE=$lang TEXTDOMAINDIR="$tmp/ref" gettext -e -d "$domain" -c "$2" "$1"
  else
    LC_ALL=C.UTF-8 LANGUAGE=$lang TEXTDOMAINDIR="$tmp/ref" gettext -e -d "$domain" "$1"
  fi
}

# po_trn MSGID MSGID_PLURAL N: the msgstr for the count N.
po_trn ()
{
  LC_ALL=C.UTF-8 LANGUAGE=$lang TEXTDOMAINDIR="$tmp/ref" ngettext -e -d "$domain" "$1" "$2" "$3"
}

# expect_translated VAR MSGID [CONTEXT]: sets VAR to the translation, and
# fails the test when there is none (gettext then returns the English).
expect_translated ()
{
  _var=$1
  shift
  _text=$(po_tr "$@")
  _english=$(printf '%b' "$1")
  if [ -z "$_text" ] || [ "$_text" = "$_english" ]; then
    not_ok "po/$lang.po translates “$1”" "gettext returned: $_text"
  fi
  eval "$_var=\$_text"
}

# subst TEMPLATE VALUE...: replaces the printf conversions of TEMPLATE in
# order (%s, %u and %N$s/%N$u), without interpreting anything else.
subst ()
{
  "$python" - "$@" <<'PY'
import re, sys
template, values = sys.argv[1], sys.argv[2:]
it = iter(values)
def repl(m):
    if m.group(0) == '%%':
        return '%'
    if m.group(1):
        return values[int(m.group(1)) - 1]
    return next(it)
sys.stdout.write(re.sub(r'%%|%(?:(\d+)\$)?[-0-9.]*l?[sud]', repl, template))
PY
}

# contains FILE TEXT
contains ()
{
  grep -qF -- "$2" "$1"
}

# --- The program under test, with its catalogue -------------------------

config_h=$top_builddir/config.h
app_build=$top_builddir/src/ens-image-share
if grep -aq ENS_LOCALEDIR "$app_build"; then
  how="the build under test, installed into a DESTDIR, with ENS_LOCALEDIR"
  dest=$tmp/dest
  if ! meson install -C "$top_builddir" --destdir "$dest" --no-rebuild --quiet \
         >"$tmp/out" 2>"$tmp/err"; then
    not_ok "meson install --destdir"
    finish
  fi
  localedir=$dest$(sed -n 's/^#define LOCALEDIR "\(.*\)"$/\1/p' "$config_h")
  app=$(find "$dest" -type f -path '*/bin/ens-image-share' | head -n 1)
  export ENS_LOCALEDIR="$localedir"
else
  how="a test-only build installed into a temporary prefix (the executable ignores ENS_LOCALEDIR)"
  prefix=$tmp/prefix
  if ! { meson setup "$tmp/build" "$top_srcdir" -Dprefix="$prefix" -Dtests=false &&
         ninja -C "$tmp/build" -j2 &&
         meson install -C "$tmp/build" --no-rebuild --quiet; } >"$tmp/out" 2>"$tmp/err"; then
    tail -n 40 "$tmp/out" > "$tmp/out.tail"; mv "$tmp/out.tail" "$tmp/out"
    not_ok "configure, build and install a copy with prefix=$prefix"
    finish
  fi
  config_h=$tmp/build/config.h
  localedir=$(sed -n 's/^#define LOCALEDIR "\(.*\)"$/\1/p' "$config_h")
  app=$prefix/bin/ens-image-share
fi
: > "$tmp/out"; : > "$tmp/err"
echo "# running $how; locale $run_locale, LANGUAGE=$lang"
app_id=$(sed -n 's/^#define APP_ID "\(.*\)"$/\1/p' "$config_h")

if [ -n "$app" ] && [ -x "$app" ]; then
  ok "the executable is installed ($app)"
else
  not_ok "the executable is installed" "nothing at */bin/ens-image-share"
  finish
fi
if [ -f "$localedir/$lang/LC_MESSAGES/$domain.mo" ]; then
  ok "the catalogue is installed where LOCALEDIR points ($localedir/$lang/LC_MESSAGES/$domain.mo)"
else
  not_ok "the catalogue is installed where LOCALEDIR points" "missing: $localedir/$lang/LC_MESSAGES/$domain.mo"
  finish
fi

# run_cli KEY_ID KEY_SECRET ARG...: the installed program in Chinese, with
# that AccessKey in the environment and without a display or a session
# bus; stdout and stderr go to $tmp/out and $tmp/err, the exit status to
# $status.
run_cli ()
{
  _id=$1
  _secret=$2
  shift 2
  status=0
  env -u DISPLAY -u WAYLAND_DISPLAY -u LANG -u LC_MESSAGES \
    LC_ALL="$run_locale" LANGUAGE="$lang" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
    ALIBABA_CLOUD_ACCESS_KEY_ID="$_id" ALIBABA_CLOUD_ACCESS_KEY_SECRET="$_secret" \
    "$app" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
}

# --- (a) The command line ------------------------------------------------

# An image ID with a character that image IDs cannot have: refused before
# anything is sent, with the translated explanation.
expect_translated fmt 'The image ID cannot contain %s. Image IDs are made of letters, digits, “-”, “_” and “.” only.'
expected=$(subst "$fmt" '“!”')
run_cli LTAI5tI18nTestI18nTest01 I18nSecretI18nSecretI18nSecre --image='bad!id' --list
if [ "$status" -eq 2 ] && contains "$tmp/err" "$expected"; then
  ok "--image=bad!id: exit 2 and “$expected”"
else
  not_ok "--image=bad!id: exit 2 and the translated message" "exit status $status" "expected: $expected"
fi

# --help: the translated summary and option descriptions.
run_cli LTAI5tI18nTestI18nTest01 I18nSecretI18nSecretI18nSecre --help
help_ok=1
help_missing=
for msgid in \
  'Shares a custom ENS (Edge Node Service) image with other accounts, stops sharing it, or lists who it is shared with. Without these options the window opens.' \
  'Share the image with these accounts' \
  'Stop sharing the image with these accounts' \
  'Print the version and exit'
do
  expect_translated text "$msgid"
  if ! contains "$tmp/out" "$text"; then
    help_ok=0
    help_missing="$help_missing $text"
  fi
done
if [ "$status" -eq 0 ] && [ "$help_ok" -eq 1 ]; then
  ok "--help shows the translated summary and option descriptions"
else
  not_ok "--help shows the translated summary and option descriptions" "exit status $status" "missing:$help_missing"
fi

# An API error from the emulator: the read-only key may list but not share.
image=m-5s7qotzavwbrnzaqh4uni18n01
key_id=LTAI5tI18nFullAccessKey1
key_secret=I18nFullSecretI18nFullSecretI1
ro_key_id=LTAI5tI18nReadOnlyKey002
ro_key_secret=I18nReadOnlySecretI18nReadOnly
cat > "$tmp/seed.json" <<SEED
{
  "images": [
    { "ImageId": "$image", "ImageName": "i18n-test", "ImageOwnerAlias": "self",
      "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z" }
  ],
  "shares": { "$image": [ "1111111111111111", "2222222222222222" ] }
}
SEED
start_emulator "$emulator" --seed="$tmp/seed.json" --key="$key_id:$key_secret" \
  --read-only-key="$ro_key_id:$ro_key_secret"
if [ -z "$url" ]; then
  not_ok "the emulator starts" "$(cat "$tmp/emulator.err")"
else
  ok "the emulator listens on $url"

  expect_translated title 'You Don’t Have Permission'
  expect_translated failed 'failed' result
  run_cli "$ro_key_id" "$ro_key_secret" --image="$image" --add=3333333333333333 --endpoint="$url"
  # The result line: "<failed>   3333333333333333  <title>  <RequestId> …".
  if [ "$status" -eq 1 ] && contains "$tmp/err" "$title" &&
     grep -F -- 3333333333333333 "$tmp/out" | grep -qF -- "$failed"; then
    ok "--add with a read-only key: exit 1, “$failed” and “$title”"
  else
    not_ok "--add with a read-only key: exit 1 and the translated NoPermission title" \
      "exit status $status" "expected: $failed … / $title"
  fi

  # A count: the plural form comes from ngettext.
  fmt=$(po_trn 'Image %s is shared with %u account:\n' 'Image %s is shared with %u accounts:\n' 2)
  expected=$(subst "$fmt" "$image" 2)
  run_cli "$key_id" "$key_secret" --image="$image" --list --endpoint="$url"
  if [ "$status" -eq 0 ] && [ "$expected" != "Image $image is shared with 2 accounts:" ] &&
     contains "$tmp/out" "$expected"; then
    ok "--list: “$expected”"
  else
    not_ok "--list: the translated count" "exit status $status" "expected: $expected"
  fi

  kill -TERM "$emulator_pid" 2>/dev/null
  wait "$emulator_pid" 2>/dev/null
  emulator_pid=
fi
: > "$tmp/out"; : > "$tmp/err"

# --- (b) The window --------------------------------------------------------

window_skip=
for program in dbus-run-session gnome-keyring-daemon; do
  command -v "$program" >/dev/null 2>&1 || window_skip="$program is not installed"
done
if ! command -v xvfb-run >/dev/null 2>&1; then
  if [ -n "${DISPLAY:-}" ]; then
    echo "# xvfb-run is not installed: using DISPLAY=$DISPLAY"
  else
    window_skip="no DISPLAY and xvfb-run is not installed"
  fi
fi
"$python" -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null ||
  window_skip="$python cannot import gi.repository.Atspi"

if [ -n "$window_skip" ]; then
  n=$((n + 1))
  echo "ok $n # SKIP the window: $window_skip"
  finish
fi

expect_translated window_title 'ENS Image Share'
expect_translated sign_in 'Sign In'

cat > "$tmp/driver.py" <<'PY'
# Finds the window title and the Sign In button in the running app through
# AT-SPI, then quits the app through its app.quit action.
import os, sys
sys.path.insert(0, os.environ['I18N_E2E_DIR'])
from ensui import Failure, children, find, find_all, safe, wait_until
from gi.repository import Atspi, Gio, GLib

title, sign_in, app_id = sys.argv[1], sys.argv[2], sys.argv[3]

def application():
    for a in children(Atspi.get_desktop(0)):
        if safe(a.get_name) == 'ens-image-share':
            return a
    return None

def names(root, role):
    return [f'{role} {safe(o.get_name)!r}' for o in find_all(root, role=role)]

def check(what, role, name):
    try:
        find(app, role=role, pred=lambda o: o.get_name() == name, timeout=20)
        print(f'PASS {what}')
    except Failure:
        print(f'FAIL {what} | seen: {names(app, role)}')

try:
    app = wait_until(application, 30, 'the app in the AT-SPI tree')
except Failure:
    print('FAIL the app appears in the AT-SPI tree')
    sys.exit(1)

check(f'the window is titled “{title}”', 'frame', title)
check(f'the window has a “{sign_in}” button', 'push button', sign_in)

# Quit as Ctrl+Q would: the app.quit action, over the private session bus.
bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
path = '/' + app_id.replace('.', '/').replace('-', '_')
try:
    bus.call_sync(app_id, path, 'org.gtk.Actions', 'Activate',
                  GLib.Variant('(sava{sv})', ('quit', [], {})),
                  None, Gio.DBusCallFlags.NONE, 10000, None)
    print('PASS app.quit is activated')
except GLib.Error as e:
    print(f'FAIL app.quit is activated | {e.message}')
PY

cat > "$tmp/window.sh" <<'SH'
# Runs inside tests/keyring-session.sh: a private session bus with an
# unlocked keyring, and its own HOME.
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
# The accessibility bus of this session, for the app and the driver alike
# (libatspi would otherwise prefer the display's AT_SPI_BUS property).
address=$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
            --method org.a11y.Bus.GetAddress 2>/dev/null | sed -n "s/^('\(.*\)',)\$/\1/p")
if [ -n "$address" ]; then
  export AT_SPI_BUS_ADDRESS="$address"
fi
# meson's test environment hides GTK from AT-SPI; this part needs it.
env -u NO_AT_BRIDGE -u LANG -u LC_MESSAGES GTK_A11Y=atspi \
  LC_ALL="$I18N_LOCALE" LANGUAGE="$I18N_LANG" \
  "$I18N_APP" >"$I18N_TMP/app.log" 2>&1 &
pid=$!
rc=0
timeout -k 5 90 "$I18N_PYTHON" "$I18N_TMP/driver.py" "$I18N_TITLE" "$I18N_SIGN_IN" "$I18N_APP_ID" \
  >"$I18N_TMP/driver.out" 2>"$I18N_TMP/driver.err" || rc=$?
i=0
while [ $i -lt 150 ] && kill -0 $pid 2>/dev/null; do
  sleep 0.1
  i=$((i + 1))
done
if kill -0 $pid 2>/dev/null; then
  echo "FAIL the app exits after app.quit | still running after 15 s" >>"$I18N_TMP/driver.out"
  kill $pid 2>/dev/null
  wait $pid 2>/dev/null
else
  app_rc=0
  wait $pid || app_rc=$?
  if [ $app_rc -eq 0 ]; then
    echo "PASS the app exits with status 0" >>"$I18N_TMP/driver.out"
  else
    echo "FAIL the app exits with status 0 | exit status $app_rc" >>"$I18N_TMP/driver.out"
  fi
fi
exit $rc
SH

export I18N_LOCALE="$run_locale" I18N_LANG="$lang" I18N_APP="$app" I18N_TMP="$tmp"
export I18N_E2E_DIR="$(cd "$(dirname "$0")" && pwd)/e2e"
export I18N_PYTHON="$python" I18N_TITLE="$window_title" I18N_SIGN_IN="$sign_in" I18N_APP_ID="$app_id"
session_rc=0
if command -v xvfb-run >/dev/null 2>&1; then
  # xvfb-run outside dbus-run-session: DISPLAY must be in the bus's
  # environment (testing-recipes P1).  The first display number tried is
  # spread out, so that xvfb-run -a started at the same moment elsewhere
  # does not pick the same one.
  env -u DISPLAY -u WAYLAND_DISPLAY \
    xvfb-run -a -n $((700 + $$ % 200)) -s '-screen 0 1280x800x24 -nolisten tcp' \
    sh "$top_srcdir/tests/keyring-session.sh" sh "$tmp/window.sh" >"$tmp/session.out" 2>&1 || session_rc=$?
else
  sh "$top_srcdir/tests/keyring-session.sh" sh "$tmp/window.sh" >"$tmp/session.out" 2>&1 || session_rc=$?
fi

if [ ! -s "$tmp/driver.out" ]; then
  : > "$tmp/out"
  cp "$tmp/session.out" "$tmp/err" 2>/dev/null
  not_ok "the window checks ran" "session exit status $session_rc"
else
  while IFS= read -r line; do
    case $line in
      PASS\ *) ok "${line#PASS }" ;;
      FAIL\ *)
        : > "$tmp/out"
        tail -n 20 "$tmp/app.log" > "$tmp/err" 2>/dev/null
        not_ok "${line#FAIL }" "driver stderr: $(tail -n 5 "$tmp/driver.err" 2>/dev/null)" ;;
    esac
  done < "$tmp/driver.out"
fi

finish
