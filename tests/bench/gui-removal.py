#!/usr/bin/python3
# tests/bench/gui-removal.py — main-loop responsiveness while the real app
# removes 200 accounts through its GUI.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gui-removal.py BUILDDIR      (run by tests/bench/run-bench.py)
#
# Needs a DISPLAY and a session bus that had it (build-aux/bench.sh).  Runs
# the app with ENS_MAX_LOOP_GAP=1, which makes it print the largest gap
# between main loop iterations at exit ("max-loop-gap-us N" over the whole
# run, "change-max-loop-gap-us N" while a change of sharing ran), twice
# against an ens-emulator with 50 ms latency and 200 accounts shared on one
# image (GSK_RENDERER, if set, passes on to the app):
#   0. warm-up (not measured): open, wait 1 s, Ctrl+Q; then the whole
#      removal below once, against a second emulator;
#   1. idle: open, wait 3 s, Ctrl+Q;
#   2. the image loaded, Select All, Stop Sharing, confirm, wait for the
#      toast; then twice more (ENS_BENCH_ROUNDS, default 3, in all) the app's
#      command line shares the 200 accounts again, Refresh, the same
#      removal; Ctrl+Q.
# Prints exactly four lines on stdout:
#   idle-max-loop-gap-us N        (1: the whole run)
#   session-max-loop-gap-us N     (2: the whole run: load, select, confirm, removal)
#   max-loop-gap-us N             (2: from each confirmation to its outcome)
#   rss-kib N N N                 (2: the app's RSS after each removal)
# Everything else goes to stderr.  Exits non-zero when a run fails.
#
# The accessibility queries are served by the app's main loop too, so the
# driver keeps them few and small while the removal runs: the buttons are
# found before the 200 rows exist, and the toast is looked for one level
# under the window.

import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))

from ensui import (App, Emulator, Failure, click, dialog_button, dialog_named,  # noqa: E402
                   find, hold_display, is_sensitive, make_workdir, on_screen, print_app_logs, set_text,
                   skip_lists, wait_until)

KEY = ("LTAI5tBenchGuiBenchGui01", "BenchGuiBenchGuiBenchGuiBench1")
IMAGE = "m-5s7qotzavwbrnzaqh4unmbench1"
N_ACCOUNTS = 200
ROUNDS = int(os.environ.get("ENS_BENCH_ROUNDS", "3"))


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def loop_gap(app, name="max-loop-gap-us"):
    m = re.search(rf"^{name} (\d+)$", app.output(), re.M)
    if m is None:
        raise Failure(f"{app.name}: the app printed no '{name}' line "
                      "(is ENS_MAX_LOOP_GAP implemented in src/ens-application.c?)")
    return int(m.group(1))


def start(builddir, workdir, name, emulator):
    return App(builddir, workdir, name, args=[f"--endpoint={emulator.url}"], credentials=KEY,
               env_extra={"ENS_MAX_LOOP_GAP": "1", "GSETTINGS_BACKEND": "memory"})


def finish(app):
    status = app.quit()
    if status != 0:
        raise Failure(f"{app.name}: the app exited with status {status}")
    return loop_gap(app), loop_gap(app, "change-max-loop-gap-us")


def idle_run(builddir, workdir, emulator, wait=3):
    app = start(builddir, workdir, "idle", emulator)
    try:
        time.sleep(wait)
        return finish(app)
    finally:
        app.kill()


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise Failure(f"no VmRSS for process {pid}")


def removal_run(builddir, workdir, emulator, accounts, rounds=1):
    """Removes the 200 accounts `rounds` times in one app; between rounds
    the app's command line shares them again and the window's Refresh
    button reloads the list.  Returns the app's loop gaps and its RSS after
    each round (KiB)."""
    app = start(builddir, workdir, "removal", emulator)
    rss = []
    try:
        w = app.window
        image = find(w, role="text", name="Image ID", pred=on_screen, timeout=15)
        set_text(image, IMAGE)
        # The buttons under the list show with it; the searches leave the
        # list of 200 rows closed.
        select_all = find(w, role="push button", name="Select All", pred=is_sensitive,
                          prune=skip_lists, timeout=60, what="Select All, once the list loaded")
        stop = find(w, role="push button", name="Stop Sharing", prune=skip_lists, timeout=5)
        refresh = find(w, role="push button", name="Refresh", prune=skip_lists, timeout=5)
        for n in range(rounds):
            if n > 0:
                # The last round's toast goes first, so that this round's is
                # the one seen; then the list comes back with 200 rows.
                wait_until(lambda: safe_toast(app) is None, 60, "the last toast to go")
                emulator.cli(f"--image={IMAGE}", "--add=" + ",".join(accounts))
                click(refresh)
            # Select All selects what the list has loaded: nothing, until it
            # has (GTK 4.8 keeps a hidden button's VISIBLE state, so that
            # cannot tell).
            wait_until(lambda: select_all_took(select_all, stop), 60, "Select All to select the list")
            click(stop)
            # The question names the count: all 200 are selected.  (Reading
            # the 200 check boxes would load the main loop being measured.)
            dialog = dialog_named(app.app, f"Stop Sharing With {N_ACCOUNTS} Accounts?", timeout=10)
            started = time.monotonic()
            click(dialog_button(dialog, "Stop Sharing"))
            text = wait_until(lambda: safe_toast(app), 120, "the 'Stopped sharing' toast")
            log(f"removal {n + 1}: {text!r} after {time.monotonic() - started:.1f} s")
            if text != f"Stopped sharing with {N_ACCOUNTS} accounts":
                raise Failure(f"unexpected toast {text!r}")
            left = emulator.shares(IMAGE)
            if left:
                raise Failure(f"{len(left)} accounts are still shared")
            # The list reloads, empty, once the change is over.
            time.sleep(1.5)
            rss.append(rss_kib(app.pid))
        return finish(app) + (rss,)
    finally:
        app.kill()


def select_all_took(select_all, stop):
    click(select_all)
    try:
        return wait_until(lambda: is_sensitive(stop), 1, "Stop Sharing to be enabled")
    except Failure:
        return False


def safe_toast(app):
    time.sleep(0.2)  # a poll every 0.3 s or so: few queries while measuring
    try:
        return app.toast("Stopped sharing", timeout=0)
    except Failure:
        return None


def main():
    if len(sys.argv) != 2:
        log("usage: gui-removal.py BUILDDIR")
        return 2
    builddir = os.path.abspath(sys.argv[1])
    if not hold_display():
        log("gui-removal: cannot open the display")
        return 1
    workdir = make_workdir("ens-bench-gui.")
    accounts = [str(8000000000000000 + i) for i in range(N_ACCOUNTS)]
    processes = []
    try:
        emulator = Emulator(builddir, workdir, "bench", keys=[KEY], images=[IMAGE],
                            shares={IMAGE: accounts}, latency=50)
        processes.append(emulator)
        # A first run of each flow fills the caches (Mesa's shaders for the
        # list, dialog and toast, fonts, the keyring and accessibility buses)
        # against an emulator of its own; a cold start is not what is
        # measured, the removal is.
        warm = Emulator(builddir, workdir, "warm", keys=[KEY], images=[IMAGE],
                        shares={IMAGE: accounts}, latency=50)
        processes.append(warm)
        idle_run(builddir, workdir, emulator, wait=1)
        removal_run(builddir, workdir, warm, accounts)
        idle, _ = idle_run(builddir, workdir, emulator)
        session, change, rss = removal_run(builddir, workdir, emulator, accounts, rounds=ROUNDS)
        if change == 0:
            raise Failure("the app measured no gap while the change ran")
    except Failure as e:
        log(f"gui-removal: {e}")
        print_app_logs(workdir)
        return 1
    finally:
        for p in processes:
            p.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"idle-max-loop-gap-us {idle}")
    print(f"session-max-loop-gap-us {session}")
    print(f"max-loop-gap-us {change}")
    print("rss-kib " + " ".join(str(r) for r in rss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
