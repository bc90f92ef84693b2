#!/bin/sh
# build-aux/screenshots.sh — renders the screenshots in data/screenshots/:
#   main.png                 first run: the "Sign In" status page
#   image-with-accounts.png  the demo (--demo): an image, its shared accounts,
#                            accounts waiting to be added (one refused)
#   error-dialog.png         the NoPermission error dialog (read-only key on
#                            the ENS emulator)
#   zh_CN.png                image-with-accounts with LANGUAGE=zh_CN
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/screenshots.sh [SHOT...]     (run by hand, not in CI)
#
# Builds and installs into its own build directory (default
# _build-screenshots, prefix _build-screenshots/root), so that the app runs
# with its installed translations and icons, then renders each state under
# Xvfb with no window manager, no animations, a 900×700 window and a private
# home, keyring and session bus.  ENS_SCREENSHOTS_BUILDDIR picks another
# build directory, ENS_SCREENSHOTS_OUT another output directory.
set -eu
cd "$(dirname "$0")/.."
top=$PWD

builddir=${ENS_SCREENSHOTS_BUILDDIR:-_build-screenshots}
out=${ENS_SCREENSHOTS_OUT:-$top/data/screenshots}
case $builddir in /*) ;; *) builddir=$top/$builddir ;; esac
prefix=$builddir/root
width=900
height=700

for program in meson ninja xvfb-run dbus-run-session gnome-keyring-daemon import xdotool gsettings; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "$0: $program is not installed" >&2
    exit 1
  fi
done

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --prefix="$prefix" -Dbuildtype=debugoptimized
fi
ninja -C "$builddir" -j2
meson install -C "$builddir" --no-rebuild --quiet >/dev/null
app=$prefix/bin/ens-image-share
[ -x "$app" ] || { echo "$0: $app was not installed" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ens-screenshots.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
export XDG_CACHE_HOME="$HOME/.cache" XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/gtk-4.0" "$out"
chmod 700 "$XDG_RUNTIME_DIR"
printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"

# The installed schema, compiled into a directory of its own; the window
# size comes from the app's own keys, in a keyfile under the private home.
mkdir -p "$tmp/schemas"
cp "$prefix"/share/glib-2.0/schemas/*.gschema.xml "$tmp/schemas/"
glib-compile-schemas "$tmp/schemas"
export GSETTINGS_SCHEMA_DIR="$tmp/schemas" GSETTINGS_BACKEND=keyfile
schema=$(sed -n 's/.*<schema id="\([^"]*\)".*/\1/p' "$tmp"/schemas/*.gschema.xml | head -n 1)
gsettings set "$schema" window-width $width
gsettings set "$schema" window-height $height
gsettings set "$schema" window-maximized false

export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export LC_ALL=C.UTF-8
unset LANGUAGE DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN
export GTK_A11Y=atspi
export ENS_SHOTS_BUILDDIR="$builddir" ENS_SHOTS_APP="$app" ENS_SHOTS_OUT="$out"

# -noreset: the X server must not reset between two apps (see
# tests/e2e/ensui.py hold_display()).
xvfb-run -a -n $((300 + $$ % 500)) -s "-screen 0 1280x800x24 -nolisten tcp -noreset" \
  dbus-run-session -- sh -c '
    echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    exec /usr/bin/python3 tests/e2e/screenshots.py "$ENS_SHOTS_BUILDDIR" "$ENS_SHOTS_APP" "$ENS_SHOTS_OUT" "$@"' sh "$@"
