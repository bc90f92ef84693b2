#!/bin/sh
# build-aux/flatpak-runtime.sh — makes stand-ins for org.gnome.Platform//49
# and org.gnome.Sdk//49 from Debian packages (13 "trixie" unless
# ENS_DEBIAN_SUITE says otherwise) and installs them into the Flatpak
# installation $FLATPAK_USER_DIR (see build-aux/flatpak-check.sh).
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   flatpak-runtime.sh STATEDIR
#
# STATEDIR keeps the .deb cache (shared by both root file systems, and by
# later runs), the OSTree repository and a stamp.  When the stamp matches
# this script, the repository is reused; ENS_FLATPAK_REBUILD=1 forces a
# rebuild.  The root file systems themselves are made under STATEDIR/tmp
# and removed once exported.
#
# The packages come from the machine's own apt sources: a copy of its
# deb822 file, with the machine's release name replaced by $suite in the
# Suites fields (bookworm-updates -> trixie-updates, …; URIs, components
# and keyrings kept), is written to STATEDIR and passed to mmdebstrap as
# its mirror, so no archive address is written here.
# Variant "essential", no Recommends, no documentation, man pages or
# translations, and dpkg under eatmydata (mmdebstrap's own hook: no fsync
# for files that are thrown away after the export).
#
# These are not the GNOME runtimes: they hold Debian 13's GTK 4.18,
# libadwaita 1.7, libsoup 3.6 and libsecret 0.21 (GNOME 49 has GTK 4.20
# and libadwaita 1.8) under the names the manifests ask for, so the app's
# code for libadwaita >= 1.4 is built and run here, while the host suite
# keeps testing the Debian 12 floor (GTK 4.8, libadwaita 1.2).
set -eu

state=$1
host_sources=${ENS_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}
suite=${ENS_DEBIAN_SUITE:-trixie}
branch=49
arch=$(flatpak --default-arch)

# The Platform: what the app links against and needs at run time, plus
# gdbus (libglib2.0-bin) for the sandbox's D-Bus checks.  GLib itself
# comes with them (libglib2.0-0, libglib2.0-0t64 since trixie).
platform_packages="libgtk-4-1 libadwaita-1-0 libsoup-3.0-0 libjson-glib-1.0-0
  libsecret-1-0 libglib2.0-bin glib-networking gsettings-desktop-schemas
  adwaita-icon-theme hicolor-icon-theme shared-mime-info librsvg2-common
  fonts-dejavu-core fonts-cantarell fontconfig libgl1-mesa-dri libegl-mesa0 libegl1
  libgles2 libgl1 ca-certificates"

# The Sdk: the Platform, a toolchain, meson and the -dev packages, and the
# tools flatpak-builder runs inside it (appstream-compose from
# appstream-util, eu-strip from elfutils, debugedit).
sdk_packages="$platform_packages build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libglib2.0-dev libglib2.0-dev-bin gettext desktop-file-utils appstream
  appstream-util elfutils debugedit"

# The Sdk's mmdebstrap runs in the background for a while: stop it by its
# process id if this script is interrupted.
sdk_pid=""
trap 'if [ -n "$sdk_pid" ]; then kill "$sdk_pid" 2>/dev/null || true; fi' EXIT
trap 'exit 130' INT TERM

mkdir -p "$state"
host_codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
sources=$state/apt-$suite.sources
sed "/^Suites:/ s/\\<$host_codename\\>/$suite/g" "$host_sources" > "$sources"

stamp_text="$(cat "$0") $host_sources $suite $(cat "$sources" 2>/dev/null)"
stamp=$(printf '%s' "$stamp_text" | sha256sum | cut -d' ' -f1)
repo=$state/runtime-repo

mkdir -p "$state/debs"
if [ "${ENS_FLATPAK_REBUILD:-0}" != 1 ] && [ -f "$state/runtime.stamp" ] && \
   [ "$(cat "$state/runtime.stamp")" = "$stamp" ] && [ -d "$repo/refs" ]; then
  echo "# runtimes: reusing $repo (same packages as last time)"
else
  rm -rf "$repo" "$state/tmp" "$state/runtime.stamp"
  # A private installation under STATEDIR starts again with the new repository.
  case ${FLATPAK_USER_DIR:-} in
    "$state"/?*) rm -rf "$FLATPAK_USER_DIR" && mkdir -p "$FLATPAK_USER_DIR" ;;
  esac
  mkdir -p "$state/tmp"

  # make_runtime NAME PACKAGES
  make_runtime ()
  {
    name=$1 packages=$(echo $2 | tr ' ' ',')
    root=$state/tmp/$name-rootfs
    dir=$state/tmp/$name
    echo "# runtimes: mmdebstrap $name"
    start=$(date +%s)
    # The .deb cache is synced in before and out after, as the mmdebstrap
    # manual shows; --skip=download/empty keeps the .debs in the root.
    mmdebstrap --quiet --mode=root --variant=essential \
      --hook-dir=/usr/share/mmdebstrap/hooks/eatmydata \
      --aptopt='APT::Install-Recommends "false"' \
      --aptopt='APT::Install-Suggests "false"' \
      --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --dpkgopt='path-exclude=/usr/share/gtk-doc/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/lintian/*' \
      --include="$packages" \
      --skip=download/empty \
      --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
      --setup-hook="sync-in '$state/debs' /var/cache/apt/archives/" \
      --customize-hook="sync-out /var/cache/apt/archives '$state/debs'" \
      "$suite" "$root" "$sources"
    echo "# runtimes: $name root file system in $(( $(date +%s) - start )) s"

    # The runtime: /usr as files/, /etc under files/etc, without the
    # files that belong to a host (flatpak binds the host's passwd,
    # group, machine-id, resolv.conf … into the sandbox).
    mkdir -p "$dir"
    mv "$root/usr" "$dir/usr"
    mv "$root/etc" "$dir/usr/etc"
    rm -f "$dir/usr/etc/shadow" "$dir/usr/etc/shadow-" "$dir/usr/etc/gshadow" \
          "$dir/usr/etc/gshadow-" "$dir/usr/etc/passwd-" "$dir/usr/etc/group-" \
          "$dir/usr/etc/machine-id" "$dir/usr/etc/hostname" "$dir/usr/etc/hosts" \
          "$dir/usr/etc/resolv.conf" "$dir/usr/etc/mtab" "$dir/usr/etc/localtime" \
          "$dir/usr/etc/ld.so.cache"
    rm -rf "$dir/usr/etc/apt" "$dir/usr/share/doc" "$dir/usr/share/man"
    # flatpak regenerates ld.so.cache with the runtime's /usr/bin/ldconfig;
    # Debian keeps it in /usr/sbin.
    [ -e "$dir/usr/bin/ldconfig" ] || ln -s ../sbin/ldconfig "$dir/usr/bin/ldconfig"
    rm -rf "$root"
  }

  write_metadata ()
  {
    cat > "$1/metadata" <<EOF
[Runtime]
name=$2
runtime=org.gnome.Platform/$arch/$branch
sdk=org.gnome.Sdk/$arch/$branch
EOF
  }

  # An uncompressed repository: nothing is compressed on export, and the
  # installation below hard-links its files instead of unpacking them.
  ostree init --repo="$repo" --mode=bare-user-only

  make_runtime platform "$platform_packages"
  write_metadata "$state/tmp/platform" org.gnome.Platform
  # The Sdk's root file system is made while the Platform is exported
  # (the .deb cache is complete for the Platform's packages by then).
  make_runtime sdk "$sdk_packages" > "$state/tmp/sdk.log" 2>&1 &
  sdk_pid=$!
  flatpak build-export --runtime --files=usr --subject="Debian $suite stand-in for org.gnome.Platform" \
    "$repo" "$state/tmp/platform" "$branch"
  rm -rf "$state/tmp/platform"
  sdk_status=0
  wait $sdk_pid || sdk_status=$?
  sdk_pid=""
  cat "$state/tmp/sdk.log"
  [ $sdk_status -eq 0 ] || exit $sdk_status

  write_metadata "$state/tmp/sdk" org.gnome.Sdk
  flatpak build-export --runtime --files=usr --subject="Debian $suite stand-in for org.gnome.Sdk" \
    "$repo" "$state/tmp/sdk" "$branch"
  rm -rf "$state/tmp"
  printf '%s\n' "$stamp" > "$state/runtime.stamp"
fi

# Install both into the private installation, from scratch when the
# repository was rebuilt.
flatpak --user remote-add --if-not-exists --no-gpg-verify ens-standin "$repo"
for ref in org.gnome.Platform org.gnome.Sdk; do
  if ! flatpak --user info "$ref//$branch" >/dev/null 2>&1; then
    flatpak --user install --noninteractive -y ens-standin "runtime/$ref/$arch/$branch" >/dev/null
  else
    flatpak --user update --noninteractive -y "runtime/$ref/$arch/$branch" >/dev/null
  fi
done
