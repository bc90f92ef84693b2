#!/bin/sh
# build-aux/flatpak-check.sh — builds both Flatpak manifests with the real
# flatpak-builder and checks the sandboxed app, offline, with stand-in
# runtimes made from Debian 13 "trixie" packages (libadwaita 1.7, GTK 4.18:
# nearer GNOME 49 than the Debian 12 floor that the host suite tests, so
# the code behind ADW_CHECK_VERSION (1, 4, 0) and newer is built and run
# here).  .ci/run runs it after the test suite; README's "Flatpak" section
# says what it proves and what not.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/flatpak-check.sh
#
#  1. installs flatpak, flatpak-builder, mmdebstrap, eatmydata, elfutils,
#     xdg-desktop-portal, gnome-keyring, … with apt, and builds the
#     ens-emulator on the host (in _build, as build-aux/test.sh does);
#  2. makes org.gnome.Platform//49 and org.gnome.Sdk//49 from Debian
#     packages of $ENS_DEBIAN_SUITE (default trixie) and installs them in a
#     private Flatpak installation (build-aux/flatpak-runtime.sh);
#  3. builds both manifests unchanged with flatpak-builder --user --install
#     --force-clean, from a fresh copy of the checkout's files (what
#     `git ls-files` lists, so no _build* folder comes along);
#  4. checks the sandboxed app in a private session: Xvfb, dbus-daemon,
#     an unlocked gnome-keyring, xdg-desktop-portal, and the ens-emulator
#     on 127.0.0.1 (build-aux/flatpak-check-session.sh and
#     build-aux/flatpak-check-ui.py);
#  5. prints TAP lines and "N passed, N failed", and exits non-zero on any
#     failure.
#
# Kept between runs, in _flatpak-check/ (ignored by git): the .deb cache,
# the runtimes' OSTree repository, the private Flatpak installation, and
# artifacts/ with the window screenshot and the logs of this run.
# Everything else lives in a scratch folder that is removed at the end.
#
# Environment: ENS_FLATPAK_STATE (instead of _flatpak-check),
# ENS_FLATPAK_REBUILD=1 (make the runtimes again), ENS_DEBIAN_SUITE (the
# Debian release of the runtimes, default trixie), ENS_BUILDDIR (the host
# build with the emulator, default _build).
set -u
cd "$(dirname "$0")/.."
srcdir=$(pwd)
. build-aux/deps.sh

app_id=io.github.ensimageshare.EnsImageShare
devel_id=$app_id.Devel
state=${ENS_FLATPAK_STATE:-$srcdir/_flatpak-check}
builddir=${ENS_BUILDDIR:-_build}
artifacts=$state/artifacts
started=$(date +%s)

mkdir -p "$state"
rm -rf "$artifacts"
mkdir -p "$artifacts"
scratch=$(mktemp -d /tmp/ens-flatpak-check.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

export ENS_FC_RESULTS=$scratch/results ENS_FC_LOG=$scratch/last.log
: > "$ENS_FC_RESULTS"
echo 0 > "$ENS_FC_RESULTS.printed"
. build-aux/flatpak-check-lib.sh

export FLATPAK_USER_DIR=$state/flatpak-user
# Neither the user's nor the machine's installations take part.
export FLATPAK_SYSTEM_DIR=$scratch/flatpak-system
mkdir -p "$FLATPAK_USER_DIR" "$FLATPAK_SYSTEM_DIR"

elapsed ()
{
  echo "$(( $(date +%s) - $1 )) s"
}

summary ()
{
  passed=$(fc_count ok)
  failed=$(fc_count "not ok")
  echo "# flatpak check: $(elapsed "$started") in all; artifacts in $artifacts"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# 1. Packages and the host emulator.
t=$(date +%s)
if ens_install_packages $ENS_BUILD_PACKAGES flatpak flatpak-builder ostree mmdebstrap eatmydata elfutils \
     xdg-desktop-portal gnome-keyring libsecret-tools xvfb xauth dbus-daemon at-spi2-core \
     python3 python3-gi gir1.2-atspi-2.0 imagemagick libglib2.0-bin git >"$ENS_FC_LOG" 2>&1; then
  fc_ok "host packages installed ($(elapsed $t))"
else
  fc_not_ok "host packages installed" "$(tail -n 25 "$ENS_FC_LOG")"
  summary
  exit 1
fi

case $builddir in
  /*) emulator=$builddir/src/emulator/ens-emulator ;;
  *) emulator=$srcdir/$builddir/src/emulator/ens-emulator ;;
esac
t=$(date +%s)
build_emulator ()
{
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" || return 1
  fi
  ninja -C "$builddir" src/emulator/ens-emulator
}
fc_check "ens-emulator built on the host ($builddir)" build_emulator

# 2. The stand-in runtimes.
t=$(date +%s)
if sh build-aux/flatpak-runtime.sh "$state" >"$artifacts/runtime.log" 2>&1 &&
   flatpak --user info org.gnome.Platform//49 >/dev/null 2>&1 &&
   flatpak --user info org.gnome.Sdk//49 >/dev/null 2>&1; then
  fc_ok "stand-in org.gnome.Platform//49 and org.gnome.Sdk//49 from Debian ${ENS_DEBIAN_SUITE:-trixie} installed ($(elapsed $t))"
else
  fc_not_ok "stand-in org.gnome.Platform//49 and org.gnome.Sdk//49 installed" \
    "$(tail -n 25 "$artifacts/runtime.log")"
  summary
  exit 1
fi
grep '^# runtimes' "$artifacts/runtime.log"

# 3. Both manifests, unchanged, from a fresh copy of the checkout.
src=$scratch/src
mkdir -p "$src"
if git -C "$srcdir" ls-files -z --cached --others --exclude-standard |
     (cd "$srcdir" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -x -C "$src" &&
   [ -f "$src/meson.build" ] && [ ! -e "$src/_build" ]; then
  fc_ok "fresh copy of the checkout's files (no _build*)"
else
  fc_not_ok "fresh copy of the checkout's files" "is $srcdir a git checkout?"
fi

# An app left installed by an earlier run must not stand in for one that
# fails to build now.
for id in $app_id $devel_id; do
  flatpak --user uninstall --noninteractive -y "$id" >/dev/null 2>&1 || true
  if flatpak --user info "$id" >/dev/null 2>&1; then
    fc_not_ok "the $id installed by an earlier run is removed first"
  fi
done
for id in $app_id $devel_id; do
  t=$(date +%s)
  log=$artifacts/flatpak-builder-$id.log
  if (cd "$scratch" && flatpak-builder --user --install --force-clean --disable-rofiles-fuse \
        --state-dir="$scratch/flatpak-builder-state" "$scratch/build-$id" "$src/flatpak/$id.json") \
        >"$log" 2>&1 &&
     flatpak --user info "$id" >/dev/null 2>&1; then
    fc_ok "flatpak-builder builds and installs flatpak/$id.json ($(elapsed $t))"
  else
    fc_not_ok "flatpak-builder builds and installs flatpak/$id.json" "$(tail -n 25 "$log")"
  fi
  rm -rf "$scratch/build-$id"
done

# 4. The sandbox, in a private session.  The bus can activate only the
# accessibility bus, flatpak's session helper and the permission store:
# the session script starts gnome-keyring and xdg-desktop-portal itself.
services=$scratch/dbus-services
mkdir -p "$services"
for s in org.a11y.Bus org.freedesktop.Flatpak org.freedesktop.impl.portal.PermissionStore; do
  cp "/usr/share/dbus-1/services/$s.service" "$services/"
done
cat > "$scratch/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=$scratch</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

export HOME=$scratch/home XDG_RUNTIME_DIR=$scratch/run
export XDG_CACHE_HOME=$HOME/.cache XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$scratch/work"
chmod 700 "$XDG_RUNTIME_DIR"
# No animations, here and in the sandboxes (whose configuration folder is
# ~/.var/app/ID/config), so that no screenshot catches a crossfade.
for dir in "$XDG_CONFIG_HOME" "$HOME/.var/app/$app_id/config" "$HOME/.var/app/$devel_id/config"; do
  mkdir -p "$dir/gtk-4.0"
  printf '[Settings]\ngtk-enable-animations=false\n' > "$dir/gtk-4.0/settings.ini"
done
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY XDG_CURRENT_DESKTOP

t=$(date +%s)
echo "# sandbox checks in a private session (Xvfb, D-Bus, gnome-keyring, xdg-desktop-portal) …"
ENS_FC_QUIET=1 xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' \
  dbus-run-session --config-file="$scratch/session.conf" -- \
  sh build-aux/flatpak-check-session.sh "$app_id" "$devel_id" "$emulator" "$scratch/work" "$artifacts" \
  >"$artifacts/session.log" 2>&1
status=$?
fc_print_new
echo "# sandbox checks: $(elapsed $t)"
if [ $status -ne 0 ]; then
  fc_not_ok "the session script finished (exit $status)" "$(tail -n 25 "$artifacts/session.log")"
fi
for f in "$scratch"/work/*.log "$scratch"/work/*.jsonl; do
  [ -f "$f" ] && cp "$f" "$artifacts/"
done

summary
