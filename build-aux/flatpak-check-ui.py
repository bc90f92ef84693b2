#!/usr/bin/python3
# build-aux/flatpak-check-ui.py — drives the sandboxed app's real window
# through AT-SPI for build-aux/flatpak-check.sh.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   flatpak-check-ui.py MODE APP_ID ENDPOINT PROFILE OUTDIR WORKDIR
#
# OUTDIR keeps the screenshots, WORKDIR the app's output.
#
# MODE portal    the window opens (screenshot OUTDIR/window.png), then a
#                sign-in with "Save in Keyring" ticked goes through and the
#                main page shows (screenshot OUTDIR/main.png); the app
#                quits through Ctrl+Q.
# MODE noportal  the same sign-in, with no Secret portal on the bus: the
#                dialog must say that the key can be used for this session
#                only, keep everything that was typed, and sign in for the
#                session when asked (screenshot OUTDIR/no-portal.png).
#
# The AccessKey comes from ENS_FC_KEY_ID and ENS_FC_KEY_SECRET and is never
# printed; ENS_FC_KEYRING_FILE is the sandbox's keyring file (noportal).  Results are TAP lines through build-aux/flatpak-check-lib.sh's
# results file ($ENS_FC_RESULTS), so that the shell numbers them.
#
# The app runs as `flatpak run --user APP_ID`: inside the sandbox it reaches
# the accessibility bus through flatpak's proxy, so it is found by its name
# (the program name) rather than its process id, which the proxy hides.

import os
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))

from ensui import (App, Atspi, Failure, Fatal, Process, children, clean_env,  # noqa: E402
                   click, find, find_all, find_now, find_toplevel, hold_display,
                   is_checked, is_sensitive, name_of, on_screen, role_of, set_text,
                   text_of, wait_until, window_gone)

PROGRAM = "ens-image-share"
TITLE = "ENS Image Share"


def report(ok, description, why=""):
    """Appends one result; build-aux/flatpak-check-lib.sh prints it as TAP."""
    with open(os.environ["ENS_FC_RESULTS"], "a") as f:
        f.write(("ok" if ok else "not ok") + "\t" + description + "\n")
        for line in str(why).splitlines():
            f.write("#\t" + line + "\n")


class SandboxedApp(Process):
    """`flatpak run` of the installed app; the window through AT-SPI."""

    quit = App.quit
    toasts = App.toasts

    def __init__(self, app_id, endpoint, workdir, name):
        self.name = name
        self.title = TITLE
        env = clean_env()
        argv = ["flatpak", "run", "--user", app_id, f"--endpoint={endpoint}"]
        super().__init__(argv, env, os.path.join(workdir, f"{name}-app.log"))

        def look():
            if not self.alive():
                raise Fatal(f"flatpak run exited with status {self.proc.returncode}:\n"
                            + self.output()[-2000:])
            for a in children(Atspi.get_desktop(0)):
                if name_of(a) == PROGRAM:
                    return a
            return None
        try:
            self.app = wait_until(look, 60, f"{PROGRAM} in the accessibility tree")
            self.window = find_toplevel(self.app, role="frame", name=TITLE, timeout=30)
        except Failure as e:
            self.kill()
            raise Failure(f"{e}\napp output:\n{self.output()[-2000:]}") from None


def visible(root, role=None, name=None, pred=None, timeout=10, what=None):
    def shown(o):
        return on_screen(o) and (pred is None or pred(o))
    return find(root, role=role, name=name, pred=shown, timeout=timeout, what=what)


def mouse_click(o):
    e = Atspi.Component.get_extents(o, Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")


def screenshot(path):
    """The root window as PNG; a failure to take it is a failure."""
    subprocess.run(["import", "-window", "root", path], check=True, capture_output=True, timeout=30)


def fill_sign_in(a, profile, key_id, secret):
    """Opens the sign-in dialog, types the profile and key, ticks "Save in
    Keyring" and presses Sign In.  Returns the dialog."""
    visible(a.window, role="label", name="Share Your ENS Images", timeout=20,
            what="the 'Sign In' status page")
    click(visible(a.window, role="push button", name="Sign In"))
    dialog = find_toplevel(a.app, role="frame", name="Sign In", timeout=15)
    set_text(find(dialog, role="text", name="Profile name"), profile)
    set_text(find(dialog, role="text", name="AccessKey ID"), key_id)
    set_text(find(dialog, role="text", name="AccessKey secret"), secret)
    # GTK 4.14 and later give a grouped GtkCheckButton the radio button
    # role (the stand-in runtimes have 4.18); 4.8 says check box.
    keyring = find(dialog, role=("check box", "radio button"), name="Save in Keyring")
    if not is_checked(keyring):
        mouse_click(keyring)
        wait_until(lambda: is_checked(keyring), 5, "'Save in Keyring' to be ticked")
    button = find(dialog, role="push button", name="Sign In", pred=is_sensitive,
                  what="a sensitive 'Sign In' button in the dialog")
    click(button)
    return dialog


def main_page(a):
    visible(a.window, role="text", name="Image ID", timeout=20, what="the main page")


def portal(args, workdir):
    app_id, endpoint, profile, out = args
    key_id, secret = os.environ["ENS_FC_KEY_ID"], os.environ["ENS_FC_KEY_SECRET"]
    a = None
    try:
        a = SandboxedApp(app_id, endpoint, workdir, "portal")
        visible(a.window, role="label", name="Share Your ENS Images", timeout=20,
                what="the 'Sign In' status page")
        visible(a.window, role="push button", name="Sign In", pred=is_sensitive,
                what="a sensitive 'Sign In' button")
        shot = os.path.join(out, "window.png")
        screenshot(shot)
        report(True, f"the sandboxed window opens (screenshot {shot})")
    except Exception as e:  # noqa: BLE001
        report(False, "the sandboxed window opens", e if isinstance(e, Failure) else traceback.format_exc())
        if a is not None:
            a.kill()
        return

    try:
        dialog = fill_sign_in(a, profile, key_id, secret)
        wait_until(lambda: window_gone(dialog), 30, "the sign-in dialog to close")
        main_page(a)
        # The main page is the image split view (AdwNavigationSplitView on
        # libadwaita 1.4 and later): a picture of it once the seeded
        # image is listed, or after 10 s without it.
        try:
            visible(a.window, name="flatpak-check", timeout=10, what="the seeded image in the list")
        except Failure:
            pass
        shot = os.path.join(out, "main.png")
        screenshot(shot)
        report(True, "signing in through the sandboxed window with 'Save in Keyring' succeeds"
               f" (screenshot {shot})")
    except Exception as e:  # noqa: BLE001
        screenshot(os.path.join(out, "portal-failure.png"))
        report(False, "signing in through the sandboxed window with 'Save in Keyring' succeeds",
               f"{e}\napp output:\n{a.output()[-2000:]}")
    quit_app(a, "the sandboxed app (portal) exits normally through Ctrl+Q")


def noportal(args, workdir):
    app_id, endpoint, profile, out = args
    key_id, secret = os.environ["ENS_FC_KEY_ID"], os.environ["ENS_FC_KEY_SECRET"]
    a = None
    what = "without a Secret portal the sign-in dialog says the key can be used for this session only"
    try:
        a = SandboxedApp(app_id, endpoint, workdir, "noportal")
        dialog = fill_sign_in(a, profile, key_id, secret)

        def message():
            """A message that says so: not the label of the button or of
            the "Use for This Session Only" choice."""
            for label in find_all(dialog, role="label"):
                text = name_of(label)
                # The sandbox's own wording: no advice to install a
                # keyring, which nobody can do inside a Flatpak.
                if ("this session only" in text.lower() and "sandboxed apps" in text
                        and on_screen(label) and text.lower() != "use for this session only"):
                    return text
            return None
        text = wait_until(message, 30, "a message that mentions 'this session only'")
        session_button = visible(dialog, role="push button", name="Use for This Session Only",
                                 what="the 'Use for This Session Only' button")
        screenshot(os.path.join(out, "no-portal.png"))
        report(True, f"{what} ({text!r})")
    except Exception as e:  # noqa: BLE001
        report(False, what, f"{e}\napp output:\n{a.output()[-2000:] if a else ''}")
        if a is not None:
            screenshot(os.path.join(out, "no-portal-failure.png"))
            a.kill()
        return

    what = "nothing typed is lost: profile, AccessKey ID and secret are still in the dialog"
    try:
        typed = {"Profile name": profile, "AccessKey ID": key_id, "AccessKey secret": secret}
        lost, hidden = [], ""
        for field, value in typed.items():
            text = text_of(find(dialog, role="text", name=field))
            if text == value:
                continue
            # GTK 4.14 and later give AT-SPI a hidden entry's text as
            # invisible characters (the stand-in runtimes have 4.18; 4.8
            # gave the text): as many of them as were typed is the secret
            # kept.  Neither text is ever printed, only lengths.
            if (field == "AccessKey secret" and len(text) == len(value)
                    and len(set(text)) == 1 and not text.isascii()):
                hidden = f" (the secret as {len(text)} invisible characters, as typed)"
                continue
            lost.append(f"{field} ({len(text)} characters, {len(value)} typed)")
        if lost:
            raise Failure("these fields no longer hold what was typed: " + ", ".join(lost))
        report(True, what + hidden)
    except Exception as e:  # noqa: BLE001
        report(False, what, e)

    what = "'Use for This Session Only' then signs in to the main page"
    try:
        click(session_button)
        wait_until(lambda: window_gone(dialog), 30, "the sign-in dialog to close")
        main_page(a)
        report(True, what)
    except Exception as e:  # noqa: BLE001
        report(False, what, f"{e}\napp output:\n{a.output()[-2000:]}")

    what = "without a portal no keyring file was written in the sandbox"
    keyring_file = os.environ["ENS_FC_KEYRING_FILE"]
    if os.path.exists(keyring_file):
        report(False, what, f"{keyring_file} exists")
    else:
        report(True, what)
    quit_app(a, "the sandboxed app (no portal) exits normally through Ctrl+Q")


def quit_app(a, what):
    try:
        status = a.quit(timeout=30)
        if status != 0:
            raise Failure(f"exit status {status}\napp output:\n{a.output()[-2000:]}")
        report(True, what)
    except Exception as e:  # noqa: BLE001
        report(False, what, e)
    finally:
        a.kill()


def main():
    if len(sys.argv) != 7 or sys.argv[1] not in ("portal", "noportal"):
        print("usage: flatpak-check-ui.py portal|noportal APP_ID ENDPOINT PROFILE OUTDIR WORKDIR",
              file=sys.stderr)
        return 2
    if not hold_display():
        report(False, f"the X display {os.environ.get('DISPLAY')} can be opened")
        return 1
    mode, *rest = sys.argv[1:]
    args, workdir = rest[:4], rest[4]
    os.makedirs(args[3], exist_ok=True)
    (portal if mode == "portal" else noportal)(args, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
