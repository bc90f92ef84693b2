# build-aux/deps.sh — sourced by run.sh and test.sh.
#
# Installs the Debian 12 packages that are missing, and nothing else: when
# everything is present it says nothing and touches no network.

ENS_BUILD_PACKAGES="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libsqlite3-dev desktop-file-utils appstream gnome-keyring"

ENS_TEST_PACKAGES="xvfb xauth dbus-daemon at-spi2-core libsecret-tools
  python3 python3-gi gir1.2-atspi-2.0 imagemagick librsvg2-bin valgrind openssl xdotool
  libglib2.0-bin
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

# Points HOME, XDG_RUNTIME_DIR and the XDG dirs at a fresh directory
# ($ENS_SCRATCH, which the caller removes), turns animations off and
# forgets any session bus or display, so that tests and benchmarks never
# touch the user's own keyring, settings or caches.
ens_private_home ()
{
  ENS_SCRATCH=$(mktemp -d "/tmp/ens-$1.XXXXXX")
  export HOME="$ENS_SCRATCH/home" XDG_RUNTIME_DIR="$ENS_SCRATCH/run"
  export XDG_CACHE_HOME="$HOME/.cache" XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
  mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/gtk-4.0"
  chmod 700 "$XDG_RUNTIME_DIR"
  printf '[Settings]\ngtk-enable-animations=false\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
  unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY
}

# Runs a command inside Xvfb and a private D-Bus session.  xvfb-run must
# wrap dbus-run-session so that DISPLAY is in the bus's environment
# (testing-recipes P1).
ens_in_session ()
{
  xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' dbus-run-session -- "$@"
}
