#!/bin/sh
# Prints the license header for a new source file: build-aux/new-file.sh src/core/ens-foo.c
sed "s|FILENAME|$(basename "$1")|" "$(dirname "$0")/license-header.txt"
