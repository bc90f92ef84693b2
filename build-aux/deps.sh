# build-aux/deps.sh — sourced by run.sh and test.sh.
#
# Installs the Debian 12 packages that are missing, and nothing else: when
# everything is present it says nothing and touches no network.

ENS_BUILD_PACKAGES="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev desktop-file-utils appstream gnome-keyring"

ENS_TEST_PACKAGES="xvfb xauth dbus-daemon at-spi2-core libsecret-tools
  python3 python3-gi gir1.2-atspi-2.0 imagemagick librsvg2-bin valgrind openssl
  fonts-dejavu-core fonts-noto-cjk flatpak-builder clang libclang-rt-14-dev"

ens_install_packages ()
{
  missing=""
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "installed" ]; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0

  echo "Installing missing packages:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  else
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  if ! { $SUDO apt-get update -q && \
         $SUDO apt-get install -y -q --no-install-recommends $missing; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "Could not install:$missing" >&2
    return 1
  fi
  rm -f "$log"
}

# Configures (once) and builds quietly; prints the build log only on failure.
ens_build ()
{
  builddir=$1
  shift
  log="$builddir.log"
  if [ ! -f "$builddir/build.ninja" ]; then
    if ! meson setup "$builddir" "$@" >"$log" 2>&1; then
      cat "$log" >&2
      return 1
    fi
  fi
  if ! ninja -C "$builddir" >"$log" 2>&1; then
    cat "$log" >&2
    return 1
  fi
  rm -f "$log"
}
