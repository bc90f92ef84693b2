#!/usr/bin/python3
# tests/e2e/screenshots.py — renders the documentation screenshots.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: screenshots.py BUILDDIR APP OUTDIR [SHOT...]
#   BUILDDIR  where src/emulator/ens-emulator is
#   APP       the ens-image-share to run (the installed one, for translations)
#   SHOT      main, image-with-accounts, error-dialog, zh_CN (default: all)
#
# Run through build-aux/screenshots.sh, which provides Xvfb (no window
# manager), a session bus, a keyring, a fixed window size and no animations.
# Each picture is taken once two captures in a row are identical, so a
# half-drawn frame is never kept.

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ensui import (Atspi, App, Emulator, Failure, click, dialog_button, find, find_all,  # noqa: E402
                   hold_display, is_sensitive, make_workdir, name_of, on_screen,
                   role_of, set_text, toplevels, wait_until, window_gone)

GOOD_KEY = ("LTAI5tShotGoodGoodGood01", "ShotGoodShotGoodShotGoodShotGo")
READ_ONLY_KEY = ("LTAI5tShotReadOnlyRead01", "ShotReadOnlyShotReadOnlyShotRe")
# The demo image shared with one account: with two accounts to add (one
# refused), the whole page fits in 900×700.
DEMO_IMAGE = "m-6kf2d9a0tzd5ipwx5fiqdemo2"
DEMO_IMAGE_NAME = "postgres-16-primary"
SHOT_IMAGE = "m-5s7qotzavwbrnzaqh4unmshot1"
PENDING = "1111222233334444, 12ab"


def visible(root, role=None, name=None, pred=None, timeout=15):
    def shown(o):
        return on_screen(o) and (pred is None or pred(o))
    return find(root, role=role, name=name, pred=shown, timeout=timeout,
                what=f"{role} {name!r} on screen")


def xdotool(*args):
    out = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=20)
    return out.stdout.split() if out.returncode == 0 else []


def windows_of(pid):
    """The visible X windows of pid, largest first, as (id, x, y, w, h)."""
    result = []
    for wid in xdotool("search", "--onlyvisible", "--pid", str(pid)):
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                                  capture_output=True, text=True).stdout
        values = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
        try:
            result.append((wid, int(values["X"]), int(values["Y"]),
                           int(values["WIDTH"]), int(values["HEIGHT"])))
        except (KeyError, ValueError):
            continue
    result.sort(key=lambda w: w[3] * w[4], reverse=True)
    return result


def capture(path, x, y, w, h):
    subprocess.run(["import", "-window", "root", "-crop", f"{w}x{h}+{x}+{y}", "+repage", path],
                   check=True, capture_output=True, timeout=30)


def stable_capture(path, x, y, w, h, timeout=10):
    """Captures until two captures in a row are the same picture."""
    previous = None
    end = time.monotonic() + timeout
    tmp = path + ".tmp.png"
    while True:
        capture(tmp, x, y, w, h)
        with open(tmp, "rb") as f:
            data = f.read()
        if data == previous or time.monotonic() > end:
            os.replace(tmp, path)
            return
        previous = data
        time.sleep(0.3)


def shoot_window(app, path, expected_windows=1):
    """The main window, with any dialog moved to its centre first (there is
    no window manager to place it)."""
    wins = wait_until(lambda: (w := windows_of(app.pid)) and len(w) >= expected_windows and w,
                      10, f"{expected_windows} window(s) of the app")
    main = wins[0]
    for wid, _, _, w, h in wins[1:]:
        x = main[1] + (main[3] - w) // 2
        y = main[2] + (main[4] - h) // 3
        xdotool("windowmove", wid, str(max(x, 0)), str(max(y, 0)))
    # The move is asynchronous; stable_capture waits for the result.
    stable_capture(path, main[1], main[2], main[3], main[4])
    print(f"wrote {path} ({main[3]}×{main[4]})", flush=True)


def dismiss_toasts(app):
    try:
        app.dismiss_toasts(timeout=5)
    except Failure:
        pass


class Shots:
    def __init__(self, builddir, app_path, out_dir):
        self.builddir = builddir
        self.app_path = app_path
        self.out_dir = out_dir
        self.workdir = make_workdir("ens-shots.")
        self.processes = []

    def app(self, name, args, credentials=None, env=None):
        saved = dict(os.environ)
        os.environ.update(env or {})
        try:
            a = App(self.builddir, self.workdir, name, args=args, credentials=credentials,
                    executable=self.app_path, title=None)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        self.processes.append(a)
        return a

    def close(self, app, answer=None):
        app.quit(answer=answer)

    def main_page(self):
        a = self.app("main", ["--endpoint=http://127.0.0.1:9"])
        visible(a.window, role="push button", name="Sign In")
        shoot_window(a, os.path.join(self.out_dir, "main.png"))
        self.close(a)

    def with_accounts(self, file_name, env=None):
        a = self.app(file_name, ["--demo"], env=env)
        # The home page lists the demo's images by name; the image is picked
        # there, with the mouse, as a user would.
        row = visible(a.window, name=DEMO_IMAGE_NAME, pred=lambda o: role_of(o) == "list item")
        e = row.get_extents(Atspi.CoordType.WINDOW)
        Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
        visible(a.window, role="label", name=DEMO_IMAGE)
        # The entries' accessible names are translated too: find them by role.
        entries = wait_until(lambda: [o for o in find_all(a.window, role="text") if on_screen(o)],
                             15, "the entries of the image page")
        accounts_entry = entries[-1]
        boxes = wait_until(lambda: [o for o in find_all(a.window, role="check box")
                                    if on_screen(o) and not name_of(o).startswith(("Choose ", "勾选镜像"))],
                           15, "the shared accounts")
        set_text(accounts_entry, PENDING)
        add = [o for o in find_all(accounts_entry, role="push button") if is_sensitive(o)]
        if not add:
            raise Failure("no Add button next to the accounts entry")
        click(add[-1])
        wait_until(lambda: any(name_of(o) == "12ab" and on_screen(o) for o in find_all(a.window, role="label")),
                   10, "the pending rows")
        if not boxes:
            raise Failure("the demo image lists no account")
        park_pointer()
        shoot_window(a, os.path.join(self.out_dir, f"{file_name}.png"))
        self.close(a, answer=True)

    def error_dialog(self):
        emu = Emulator(self.builddir, self.workdir, "shots", keys=[GOOD_KEY],
                       read_only_keys=[READ_ONLY_KEY], images=[SHOT_IMAGE],
                       shares={SHOT_IMAGE: ["1234567890123456", "6543210987654321"]})
        self.processes.append(emu)
        a = self.app("error-dialog", [f"--endpoint={emu.url}"], credentials=READ_ONLY_KEY)
        set_text(visible(a.window, role="text", name="Image ID"), SHOT_IMAGE)
        wait_until(lambda: [o for o in find_all(a.window, role="check box") if on_screen(o)],
                   15, "the shared accounts")
        set_text(visible(a.window, role="text", name="Accounts to add"), "9999888877776666")
        click(visible(a.window, role="push button", name="Add", pred=is_sensitive))
        click(visible(a.window, role="push button", name="Share", pred=is_sensitive))
        dialog = wait_until(lambda: [w for w in toplevels(a.app) if role_of(w) == "dialog"],
                            20, "the error dialog")[0]
        dialog_button(dialog, "Close")
        park_pointer()
        shoot_window(a, os.path.join(self.out_dir, "error-dialog.png"), expected_windows=2)
        click(dialog_button(dialog, "Close"))
        wait_until(lambda: window_gone(dialog), 10, "the error dialog to close")
        self.close(a, answer=True)
        emu.kill()

    def run(self, shots):
        try:
            for shot in shots:
                if shot == "main":
                    self.main_page()
                elif shot == "image-with-accounts":
                    self.with_accounts("image-with-accounts")
                elif shot == "error-dialog":
                    self.error_dialog()
                elif shot == "zh_CN":
                    # LC_ALL stays C.UTF-8 (the only locale a minimal system
                    # has); gettext honours LANGUAGE with it.
                    self.with_accounts("zh_CN", env={"LANGUAGE": "zh_CN"})
                else:
                    raise Failure(f"unknown screenshot {shot!r}")
        finally:
            for p in reversed(self.processes):
                p.kill()


def park_pointer():
    """Moves the pointer off the window, where it highlights nothing."""
    Atspi.generate_mouse_event(1279, 799, "abs")


def main():
    if len(sys.argv) < 4:
        print(__doc__ or "usage: screenshots.py BUILDDIR APP OUTDIR [SHOT...]", file=sys.stderr)
        return 2
    builddir, app_path, out_dir = sys.argv[1:4]
    shots = sys.argv[4:] or ["main", "image-with-accounts", "error-dialog", "zh_CN"]
    os.makedirs(out_dir, exist_ok=True)
    if not hold_display():
        print("cannot open the display", file=sys.stderr)
        return 1
    try:
        Shots(os.path.abspath(builddir), app_path, os.path.abspath(out_dir)).run(shots)
    except Failure as e:
        print(f"screenshots: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
