#!/usr/bin/python3
# tests/bench/gui-complete.py — main-loop responsiveness while a name is
# typed in "Accounts to add" with 10,000 recipients in the address book,
# beside the same typing with an empty book, in the real window.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gui-complete.py BUILDDIR      (run by tests/bench/run-bench.py)
#
# Needs a DISPLAY and a session bus that had it (build-aux/bench.sh).  Each
# run has a data directory of its own (XDG_DATA_HOME): the book is filled
# by the app's command line (--import-recipients, 10,000 rows "Partner
# 00000" …) or left empty.  The app runs with ENS_MAX_LOOP_GAP=1 (GSK_RENDERER,
# if set, passes on to it); an image is opened, the pointer clicks into
# "Accounts to add", and PREFIX is typed one key at a time, 150 ms apart,
# as keyboard events; with the book, until its completions show.  The app
# reports the largest main-loop gap within half a second of a key press.
# Prints on stdout:
#   empty-typing-max-loop-gap-us N
#   book-typing-max-loop-gap-us N
# Everything else goes to stderr.  Exits non-zero when a run fails.

import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))

from ensui import (App, Atspi, Emulator, Failure, clean_env, extents, find,  # noqa: E402
                   hold_display, make_workdir, on_screen, print_app_logs, set_text,
                   wait_until)

KEY = ("LTAI5tBenchCompleteBen01", "BenchCompleteBenchCompleteBenc")
IMAGE = "m-5s7qotzavwbrnzaqh4unmbench2"
N_RECIPIENTS = 10000
PREFIX = "partner 01"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def fill_book(builddir, data_home, workdir, emulator):
    csv = os.path.join(workdir, "book.csv")
    with open(csv, "w") as f:
        f.write("name,account id,group,note\n")
        for i in range(N_RECIPIENTS):
            f.write(f"Partner {i:05d},{9100000000000000 + i},,\n")
    env = clean_env()
    env.update({"XDG_DATA_HOME": data_home, "GSETTINGS_BACKEND": "memory", "LC_ALL": "C.UTF-8"})
    env.pop("DISPLAY", None)
    out = subprocess.run([os.path.join(builddir, "src", "ens-image-share"), f"--import-recipients={csv}",
                          f"--endpoint={emulator.url}"], env=env, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise Failure(f"--import-recipients exited {out.returncode}: {out.stderr.strip()}")


def mouse_click(o):
    e = extents(o)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")


def typing_run(builddir, workdir, name, emulator, data_home, expect_suggestions):
    app = App(builddir, workdir, name, args=[f"--endpoint={emulator.url}"], credentials=KEY,
              env_extra={"ENS_MAX_LOOP_GAP": "1", "GSETTINGS_BACKEND": "memory",
                         "XDG_DATA_HOME": data_home})
    try:
        w = app.window
        image = find(w, role="text", name="Image ID", pred=on_screen, timeout=15)
        set_text(image, IMAGE)
        entry = find(w, role="text", name="Accounts to add", pred=on_screen, timeout=15)
        time.sleep(1.5)  # the image's list loads; typing starts on a quiet window
        mouse_click(entry)
        time.sleep(0.5)
        for c in PREFIX:
            Atspi.generate_keyboard_event(0, c, Atspi.KeySynthType.STRING)
            time.sleep(0.15)
        if expect_suggestions:
            wait_until(lambda: find(w, role="label", name="Partner 01000", timeout=0), 10,
                       "the completions of the prefix")
        time.sleep(0.6)
        status = app.quit()
        if status != 0:
            raise Failure(f"{name}: the app exited with status {status}")
        m = re.search(r"^typing-max-loop-gap-us (\d+)$", app.output(), re.M)
        if m is None:
            raise Failure(f"{name}: the app printed no 'typing-max-loop-gap-us' line")
        gap = int(m.group(1))
        if gap == 0:
            raise Failure(f"{name}: no key press reached the window")
        return gap
    finally:
        app.kill()


def main():
    if len(sys.argv) != 2:
        log("usage: gui-complete.py BUILDDIR")
        return 2
    builddir = os.path.abspath(sys.argv[1])
    if not hold_display():
        log("gui-complete: cannot open the display")
        return 1
    workdir = make_workdir("ens-bench-complete.")
    processes = []
    try:
        emulator = Emulator(builddir, workdir, "bench", keys=[KEY], images=[IMAGE],
                            shares={IMAGE: ["8100000000000001"]})
        processes.append(emulator)
        empty_home = os.path.join(workdir, "empty-data")
        book_home = os.path.join(workdir, "book-data")
        os.makedirs(empty_home)
        os.makedirs(book_home)
        fill_book(builddir, book_home, workdir, emulator)
        # Warm-up (caches, fonts, the accessibility bus): not measured.
        typing_run(builddir, workdir, "warm", emulator, book_home, True)
        empty = typing_run(builddir, workdir, "empty", emulator, empty_home, False)
        book = typing_run(builddir, workdir, "book", emulator, book_home, True)
    except Failure as e:
        log(f"gui-complete: {e}")
        print_app_logs(workdir)
        return 1
    finally:
        for p in processes:
            p.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"empty-typing-max-loop-gap-us {empty}")
    print(f"book-typing-max-loop-gap-us {book}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
