#!/usr/bin/python3
# tests/data-tests/check-template-types.py — every type of ours that a
# widget template (src/**/*.ui) names is registered by the template's class
# before the template is built: g_type_ensure (ENS_TYPE_…) in the .c file
# beside the .ui.  GtkBuilder can find an unregistered type by its
# *_get_type symbol only when the executable exports it, which the Flatpak
# build does not: the window then fails to build ("Invalid object type").
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-template-types.py SRCDIR

import pathlib
import re
import sys


def type_macro(name):
    return "ENS_TYPE_" + re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name[len("Ens"):]).upper()


def main():
    src = pathlib.Path(sys.argv[1]) / "src"
    missing = []
    checked = 0
    for ui in sorted(src.rglob("*.ui")):
        text = ui.read_text(encoding="utf-8")
        template = re.search(r'<template class="(\w+)"', text)
        if template is None:
            continue
        code = ui.with_suffix(".c").read_text(encoding="utf-8")
        for name in sorted(set(re.findall(r'<object class="(Ens\w+)"', text))):
            checked += 1
            if f"g_type_ensure ({type_macro(name)})" not in code:
                missing.append(f"{ui.relative_to(src.parent)}: {name} has no "
                               f"g_type_ensure ({type_macro(name)}) in {ui.with_suffix('.c').name}")
    for line in missing:
        print(line)
    print(f"{checked} types of ours in templates, {len(missing)} not registered first")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
