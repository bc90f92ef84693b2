#!/bin/sh
# Quick start, command 1: install what is missing, build, and start ENS Image Share.
# Extra arguments go to the app (for example --demo).
set -eu
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ens_install_packages $ENS_BUILD_PACKAGES
ens_build _build

# The settings schema is compiled into the build directory; point GSettings at it.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec ./_build/src/ens-image-share "$@"
