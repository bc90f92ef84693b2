#!/bin/sh
# check-install.sh
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR and checks that every file the
# desktop needs lands where it looks for it, then starts the installed
# executable with --version against the installed, compiled schema.
#
# Usage: check-install.sh BUILD_DIR PREFIX DATADIR BINDIR LOCALEDIR APP_ID EXECUTABLE [SOURCE_ROOT]
#   PREFIX is absolute; DATADIR, BINDIR and LOCALEDIR are prefix-relative
#   (as in get_option()) or absolute.

set -u

if [ $# -lt 7 ]; then
  echo "Usage: $0 BUILD_DIR PREFIX DATADIR BINDIR LOCALEDIR APP_ID EXECUTABLE [SOURCE_ROOT]" >&2
  exit 2
fi

build_dir=$1
prefix=$2
datadir=$3
bindir=$4
localedir=$5
app_id=$6
exe_name=$7
source_root=${8:-$(dirname "$0")/..}

# Options may be absolute (under the prefix) or relative to it.
under_prefix ()
{
  case $1 in
    /*) echo "$1" ;;
    *)  echo "$prefix/$1" ;;
  esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-install-check.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
destdir=$tmp/root

echo "# meson install --destdir $destdir"
if ! meson install -C "$build_dir" --no-rebuild --quiet --destdir "$destdir" \
     >"$tmp/install.log" 2>&1; then
  echo "not ok 1 - meson install failed:"
  sed 's/^/#   /' "$tmp/install.log"
  echo "1..1"
  exit 1
fi

root=$destdir$prefix
bin=$destdir$(under_prefix "$bindir")
share=$destdir$(under_prefix "$datadir")
locale=$destdir$(under_prefix "$localedir")
schema_id=$(echo "$app_id" | sed 's/\.Devel$//')

failures=0
count=0

check_file ()
{
  count=$((count + 1))
  if [ -f "$2" ]; then
    echo "ok $count - $1: ${2#"$destdir"}"
  else
    echo "not ok $count - $1: ${2#"$destdir"} is missing"
    failures=$((failures + 1))
  fi
}

check_exec ()
{
  count=$((count + 1))
  if [ -f "$2" ] && [ -x "$2" ]; then
    echo "ok $count - $1: ${2#"$destdir"}"
  else
    echo "not ok $count - $1: ${2#"$destdir"} is missing or not executable"
    failures=$((failures + 1))
  fi
}

check_exec "executable" "$bin/$exe_name"
check_file "desktop file" "$share/applications/$app_id.desktop"
check_file "metainfo" "$share/metainfo/$app_id.metainfo.xml"
check_file "scalable icon" "$share/icons/hicolor/scalable/apps/$app_id.svg"
check_file "symbolic icon" "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
check_file "GSettings schema" "$share/glib-2.0/schemas/$schema_id.gschema.xml"
check_file "D-Bus service" "$share/dbus-1/services/$app_id.service"

if [ -f "$source_root/po/zh_CN.po" ]; then
  check_file "zh_CN translation" "$locale/zh_CN/LC_MESSAGES/$exe_name.mo"
else
  echo "# po/zh_CN.po does not exist yet: not checking the zh_CN catalogue"
fi

# The desktop file must name what was installed (the icon, the program).
desktop=$share/applications/$app_id.desktop
if [ -f "$desktop" ]; then
  count=$((count + 1))
  icon=$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)
  exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)
  if [ "$icon" = "$app_id" ] && [ "${exec_line%% *}" = "$exe_name" ]; then
    echo "ok $count - desktop file names icon $icon and program $exe_name"
  else
    echo "not ok $count - desktop file has Icon=$icon Exec=$exec_line, expected $app_id and $exe_name"
    failures=$((failures + 1))
  fi
fi

# The D-Bus service must start the installed program.
service=$share/dbus-1/services/$app_id.service
if [ -f "$service" ]; then
  count=$((count + 1))
  svc_exec=$(sed -n 's/^Exec=//p' "$service" | head -n 1)
  if [ "${svc_exec%% *}" = "$(under_prefix "$bindir")/$exe_name" ]; then
    echo "ok $count - D-Bus service starts ${svc_exec%% *}"
  else
    echo "not ok $count - D-Bus service Exec=$svc_exec does not start $(under_prefix "$bindir")/$exe_name"
    failures=$((failures + 1))
  fi
fi

# Run the installed program with the installed schema.
count=$((count + 1))
schemas=$share/glib-2.0/schemas
if ! glib-compile-schemas --strict "$schemas" >"$tmp/schemas.log" 2>&1; then
  echo "not ok $count - glib-compile-schemas failed on the installed schemas:"
  cat "$tmp/schemas.log"
  failures=$((failures + 1))
else
  echo "ok $count - installed schemas compile"
fi

count=$((count + 1))
version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$source_root/meson.build" | head -n 1)
if [ -x "$bin/$exe_name" ]; then
  out=$(env GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory \
            XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
            LC_ALL=C.UTF-8 \
            timeout 30 "$bin/$exe_name" --version 2>"$tmp/version.err")
  rc=$?
  if [ $rc -eq 0 ] && echo "$out" | grep -q -F "$version"; then
    echo "ok $count - installed $exe_name --version: $out"
  else
    echo "not ok $count - installed $exe_name --version exited with $rc, printed \"$out\" (expected the version $version)"
    sed 's/^/#   /' "$tmp/version.err"
    failures=$((failures + 1))
  fi
else
  echo "not ok $count - cannot run $exe_name: it was not installed"
  failures=$((failures + 1))
fi

echo "1..$count"
if [ $failures -ne 0 ]; then
  echo "# $failures of $count checks failed"
  exit 1
fi
exit 0
