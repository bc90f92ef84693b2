#!/usr/bin/python3
# tests/e2e/ensui.py — drive the real ENS Image Share executable through
# AT-SPI, next to a real ens-emulator process.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by tests/e2e/e2e.py, tests/e2e/screenshots.py and
# tests/bench/gui-removal.py.  Needs /usr/bin/python3 (python3-gi with
# gir1.2-atspi-2.0), a DISPLAY and a session bus that had DISPLAY in its
# environment when it started (testing-recipes P1).
#
# Every wait polls with a deadline and raises Failure with a message that
# says what was awaited; nothing sleeps a fixed time except the short pause
# inside a poll loop.  The accessibility tree is live (P6): every walk
# tolerates objects that vanish under it.

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

POLL = 0.1


class Failure(Exception):
    """A step did not happen; the message says what was expected."""


class Fatal(Failure):
    """Waiting longer cannot help (a process died): wait_until() stops."""


# Time {{{

def wait_until(predicate, timeout, what):
    """Polls predicate() until it returns something true; returns that."""
    end = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Fatal:
            raise
        except (GLib.Error, Failure) as e:
            last_error = e
        if time.monotonic() > end:
            extra = f" (last error: {last_error})" if last_error else ""
            raise Failure(f"timed out after {timeout:g} s waiting for {what}{extra}")
        time.sleep(POLL)

# }}}

# The accessibility tree {{{

def safe(fn, default=None):
    try:
        return fn()
    except GLib.Error:
        return default


def name_of(o):
    return safe(o.get_name, "") or ""


def role_of(o):
    return safe(o.get_role_name, "") or ""


def children(o):
    n = safe(o.get_child_count, 0) or 0
    out = []
    for i in range(n):
        c = safe(lambda: o.get_child_at_index(i))
        if c is not None:
            out.append(c)
    return out


def walk(o, depth=0, max_depth=60, prune=None):
    """Every object under o, depth first.  Vanishing objects are skipped,
    and so is what is under an object for which prune(object) is true."""
    yield o
    if depth >= max_depth or (prune is not None and depth > 0 and prune(o)):
        return
    for c in children(o):
        yield from walk(c, depth + 1, max_depth, prune)


def skip_lists(o):
    """A prune for walk(): lists (of maybe hundreds of rows) stay closed."""
    return role_of(o) == "list"


def strip_mnemonic(text):
    """'_Cancel Cancel' (P5) and '_Cancel' both become 'Cancel'."""
    text = text.replace("_", "")
    half = len(text) // 2
    if len(text) % 2 == 1 and text[:half] == text[half + 1:] and text[half] == " ":
        return text[:half]
    return text


def matches(o, role=None, name=None, pred=None):
    try:
        if role is not None:
            roles = (role,) if isinstance(role, str) else role
            if o.get_role_name() not in roles:
                return False
        if name is not None:
            n = o.get_name() or ""
            if n != name and strip_mnemonic(n) != name:
                return False
        if pred is not None and not pred(o):
            return False
        return True
    except GLib.Error:
        return False


def find_all(root, role=None, name=None, pred=None, prune=None):
    return [o for o in walk(root, prune=prune) if matches(o, role, name, pred)]


def find_now(root, role=None, name=None, pred=None, prune=None):
    for o in walk(root, prune=prune):
        if matches(o, role, name, pred):
            return o
    return None


def describe(role, name, pred):
    parts = []
    if role:
        parts.append(f"role {role!r}")
    if name is not None:
        parts.append(f"name {name!r}")
    if pred is not None:
        parts.append(getattr(pred, "__doc__", None) or "a condition")
    return " ".join(parts) or "anything"


def find(root, role=None, name=None, pred=None, timeout=10, what=None, prune=None):
    """The first object under root that matches, waiting for it to appear."""
    return wait_until(lambda: find_now(root, role, name, pred, prune), timeout,
                      what or describe(role, name, pred))


def gone(root, role=None, name=None, pred=None, timeout=10, what=None):
    wait_until(lambda: find_now(root, role, name, pred) is None, timeout,
               f"{what or describe(role, name, pred)} to go away")


def interfaces(o):
    return safe(o.get_interfaces, []) or []


def text_of(o):
    """The text of a Text object (P4: never (0, -1) on GTK 4.8)."""
    if "Text" not in interfaces(o):
        return name_of(o)
    n = Atspi.Text.get_character_count(o)
    return Atspi.Text.get_text(o, 0, n)


def states(o):
    s = safe(o.get_state_set)
    return s


def has_state(o, state):
    s = states(o)
    return bool(s and s.contains(state))


def is_sensitive(o):
    """GTK 4.8 sets SENSITIVE (never ENABLED) on widgets that take input."""
    return has_state(o, Atspi.StateType.SENSITIVE)


def is_checked(o):
    return has_state(o, Atspi.StateType.CHECKED)


def extents(o, coord=Atspi.CoordType.SCREEN):
    return Atspi.Component.get_extents(o, coord)


def on_screen(o):
    """Has a non-empty area (P7: the hidden copy of a dialog button has none)."""
    if "Component" not in interfaces(o):
        return True
    e = safe(lambda: extents(o, Atspi.CoordType.WINDOW))
    return e is not None and e.width > 0 and e.height > 0


def click(o):
    """Runs the first action (GTK 4.8 buttons: 'click'; checks: 'toggle')."""
    if "Action" not in interfaces(o):
        raise Failure(f"{role_of(o)} {name_of(o)!r} has no action to click")
    if not Atspi.Action.do_action(o, 0):
        raise Failure(f"clicking {role_of(o)} {name_of(o)!r} was refused")


def set_text(o, text):
    if "EditableText" not in interfaces(o):
        raise Failure(f"{role_of(o)} {name_of(o)!r} is not editable")
    if not Atspi.EditableText.set_text_contents(o, text):
        raise Failure(f"could not type into {name_of(o)!r}")


def dump(root, out=sys.stderr, max_depth=40):
    """Prints the tree under root (roles, names, texts) for debugging."""
    def rec(o, depth):
        r, n = role_of(o), name_of(o)
        extra = ""
        if "Text" in interfaces(o) and r != "label":
            extra = f" text={safe(lambda: text_of(o), '')!r}"
        print("  " * depth + f"{r} {n!r}{extra}", file=out)
        if depth < max_depth:
            for c in children(o):
                rec(c, depth + 1)
    rec(root, 0)

# }}}

# Applications {{{

def application(pid, timeout=20, process=None):
    """The accessible application of process pid, once it is on the bus."""
    def look():
        if process is not None and not process.alive():
            raise Fatal(f"process {pid} exited with status {process.proc.returncode}")
        desktop = Atspi.get_desktop(0)
        for a in children(desktop):
            if safe(a.get_process_id) == pid:
                return a
        return None
    return wait_until(look, timeout, f"process {pid} in the accessibility tree")


# TOPLEVELS: GTK 4.8 crashes (SIGSEGV in its AT-SPI code, after
# "g_variant_new_object_path: assertion ... failed") when a client lists the
# application's windows while one of them is being destroyed: the dying
# window is still listed but has no object path any more.  So toplevels()
# is only called while no window closes: to find a window that opens, or
# when nothing was closed.  That a dialog went away is seen on the dialog
# itself (gone()) or in the main window, never by listing windows.

def toplevels(app):
    return children(app)


def window_gone(window):
    """True once a window is closed: its own object no longer answers, or
    has no area.  Asks nothing of the application's list of windows."""
    return not on_screen(window)


def main_window(app, title="ENS Image Share", timeout=15):
    """The window titled title; with title None, the first window (for a
    translated run)."""
    return find_toplevel(app, role="frame", name=title, timeout=timeout)


def find_toplevel(app, role=None, name=None, pred=None, timeout=10, what=None):
    def look():
        for w in toplevels(app):
            if matches(w, role, name, pred):
                return w
        return None
    return wait_until(look, timeout, what or f"window {describe(role, name, pred)}")


def dialog_named(app, heading, timeout=10):
    """An AdwMessageDialog: a top-level 'dialog' named after its heading."""
    return find_toplevel(app, role="dialog", name=heading, timeout=timeout,
                         what=f"dialog {heading!r}")


def dialog_button(dialog, label, timeout=5):
    """A response button: of the two copies (P7), the one on screen."""
    def look():
        buttons = find_all(dialog, role="push button", name=label)
        shown = [b for b in buttons if on_screen(b)]
        return (shown or buttons or [None])[0]
    return wait_until(look, timeout, f"button {label!r} in dialog {name_of(dialog)!r}")


_held_display = None


def hold_display():
    """Keeps one X connection open for the life of this process.  An X
    server without -noreset (xvfb-run's default) resets when its last client
    disconnects, and refuses connections while it does: an app started just
    then fails with "cannot open display".  Returns False without an X
    server."""
    global _held_display
    if _held_display:
        return True
    import ctypes
    import ctypes.util
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        xlib = ctypes.CDLL(name)
    except OSError:
        return False
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    _held_display = xlib.XOpenDisplay(None)
    return bool(_held_display)


# Keysyms (X11) for the keyboard synthesis.
KEY_Q = 0x71
KEY_W = 0x77
KEY_ESCAPE = 0xff1b
MOD_CONTROL = 1 << 2


def point_at(window):
    """Moves the pointer into window: with no window manager, the keyboard
    focus follows the pointer, and every toplevel sits at (0, 0), so window
    coordinates are screen coordinates (GTK 4.8 knows no others on X11)."""
    e = extents(window, Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + max(e.width // 2, 1), e.y + min(max(e.height // 2, 1), 20), "abs")


def press_ctrl(keysym):
    Atspi.generate_keyboard_event(MOD_CONTROL, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    finally:
        Atspi.generate_keyboard_event(MOD_CONTROL, None, Atspi.KeySynthType.UNLOCKMODIFIERS)

# }}}

# Processes {{{

def _die_with_parent():
    """In the child: SIGTERM when the driver dies, even by SIGKILL, so that
    no emulator or app outlives a killed test."""
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Process:
    """A child process with its output in a file; stopped at the end."""

    def __init__(self, argv, env, log_path):
        self.argv = argv
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=_die_with_parent)
        self.pid = self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def output(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        """Stops the process if it still runs (SIGTERM, then SIGKILL)."""
        if self.alive():
            try:
                self.proc.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
            if self.wait_exit(3) is None:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class Emulator(Process):
    """A real ens-emulator process on 127.0.0.1 with a port of its own."""

    def __init__(self, builddir, workdir, name, keys=(), read_only_keys=(), images=(),
                 shares=None, latency=0, throttle_every=0, extra=()):
        self.builddir = builddir
        self.workdir = workdir
        self.keys = list(keys)
        seed = {
            "keys": [{"id": k, "secret": s, "read_only": False} for k, s in keys] +
                    [{"id": k, "secret": s, "read_only": True} for k, s in read_only_keys],
            "images": [{"ImageId": i, "ImageName": f"e2e-{n}", "ImageOwnerAlias": "self",
                        "Platform": "ubuntu", "CreationTime": "2024-03-01T08:00:00Z"}
                       for n, i in enumerate(images)],
            "shares": shares or {},
        }
        self.seed_path = os.path.join(workdir, f"{name}-seed.json")
        with open(self.seed_path, "w") as f:
            json.dump(seed, f)
        self.request_log = os.path.join(workdir, f"{name}-requests.jsonl")
        argv = [os.path.join(builddir, "src", "emulator", "ens-emulator"), "--port=0",
                f"--seed={self.seed_path}", f"--log={self.request_log}"]
        if latency:
            argv.append(f"--latency={latency}")
        if throttle_every:
            argv.append(f"--throttle-every={throttle_every}")
        argv += list(extra)
        env = dict(os.environ)
        env.pop("ENS_EMULATOR_KEYS", None)
        super().__init__(argv, env, os.path.join(workdir, f"{name}-emulator.log"))

        def listening():
            if not self.alive():
                raise Fatal(f"the emulator exited: {self.output().strip()}")
            for line in self.output().splitlines():
                if line.startswith("Listening on "):
                    return line[len("Listening on "):].strip()
            return None
        try:
            self.url = wait_until(listening, 15, "the emulator to print 'Listening on'")
        except Failure:
            self.kill()
            raise

    def requests(self):
        """The JSON lines of the request log (no secrets are in it)."""
        try:
            with open(self.request_log) as f:
                return [json.loads(line) for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def cli(self, *args, timeout=60):
        """Runs the app's own command line against this emulator with its
        first key; returns what it printed.  Raises Failure when it fails."""
        key_id, secret = self.keys[0]
        env = clean_env()
        env.update({"ALIBABA_CLOUD_ACCESS_KEY_ID": key_id,
                    "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret,
                    "GSETTINGS_BACKEND": "memory", "LC_ALL": "C.UTF-8"})
        env.pop("DISPLAY", None)
        out = subprocess.run([os.path.join(self.builddir, "src", "ens-image-share"),
                              *args, f"--endpoint={self.url}"],
                             env=env, capture_output=True, text=True, timeout=timeout)
        if out.returncode != 0:
            raise Failure(f"ens-image-share {' '.join(args)} exited {out.returncode}: "
                          f"{out.stderr.strip()}")
        return out.stdout

    def shares(self, image_id, timeout=60):
        """Who image_id is shared with, from the server, through the app's
        own command line (`ens-image-share --image=ID --list`)."""
        out = self.cli(f"--image={image_id}", "--list", timeout=timeout)
        # An account named in the address book is printed "Name · ID".
        ids = [line.strip().split(" · ")[-1] for line in out.splitlines()]
        return [i for i in ids if i.isdigit()]


def clean_env():
    """The environment without credentials or test-only GTK settings."""
    env = dict(os.environ)
    for k in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
              "ALIBABA_CLOUD_SECURITY_TOKEN", "NO_AT_BRIDGE", "ENS_MAX_LOOP_GAP",
              "ENS_EXIT_AFTER_FIRST_FRAME"):
        env.pop(k, None)
    # meson's test environment sets GTK_A11Y=test, which hides the app
    # from AT-SPI.
    env["GTK_A11Y"] = "atspi"
    return env


class App(Process):
    """The real ens-image-share executable, and its accessible tree."""

    def __init__(self, builddir, workdir, name, args=(), credentials=None, env_extra=None,
                 executable=None, title="ENS Image Share"):
        self.title = title
        env = clean_env()
        if credentials is not None:
            env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = credentials[0]
            env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = credentials[1]
        env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(builddir, "data"))
        if os.environ.get("ENS_E2E_GDB") == "1":
            env["G_DEBUG"] = "fatal-criticals"
        if env_extra:
            env.update(env_extra)
        exe = executable or os.environ.get("ENS_E2E_APP") or os.path.join(builddir, "src", "ens-image-share")
        argv = exe.split() + list(args)
        self.name = name
        for attempt in (1, 2):
            super().__init__(argv, env, os.path.join(workdir, f"{name}-app.log"))
            try:
                self.app = application(self.pid, process=self)
                if os.environ.get("ENS_E2E_GDB") == "1":
                    self.attach_gdb(workdir)
                self.window = main_window(self.app, self.title)
                return
            except Failure as e:
                self.kill()
                output = self.output()
                # A display shared with other Xvfb users can refuse one
                # connection; that is not the app's fault.  Once only.
                if attempt == 1 and "cannot open display" in output:
                    print(f"# {name}: the X server refused the app ({output.strip()}); trying again",
                          flush=True)
                    continue
                tail = "\n".join(output.strip().splitlines()[-10:])
                raise Failure(f"{e}\napp output:\n{tail}") from None

    def attach_gdb(self, workdir):
        """ENS_E2E_GDB=1: a backtrace of the first critical (the app then
        runs with G_DEBUG=fatal-criticals) goes to NAME-gdb.log."""
        self.gdb = subprocess.Popen(["gdb", "-p", str(self.pid), "-batch", "-ex", "continue",
                                     "-ex", "bt 40"],
                                    stdout=open(os.path.join(workdir, f"{self.name}-gdb.log"), "w"),
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        time.sleep(2)

    def quit(self, timeout=20, answer=None):
        """Ctrl+Q as a user would press it.  answer: None when the app
        should just quit; the label of the button to press in the question
        Ctrl+Q brings up ("Discard", with accounts still pending); True to
        press the last button of that question (a translated run).  Falls
        back to the window's Close button.  Returns the exit status; raises
        Failure if the app does not exit or asks something unexpected.

        While windows close, nothing is asked of the accessibility tree
        (see TOPLEVELS)."""
        point_at(self.window)
        press_ctrl(KEY_Q)
        if answer is not None:
            # Close was refused until the question is answered, so the
            # windows are all alive while they are listed.
            dialog = find_toplevel(self.app, role="dialog", timeout=10,
                                   what="the question Ctrl+Q asks")
            if answer is True:
                buttons = wait_until(lambda: [b for b in find_all(dialog, role="push button")
                                              if on_screen(b)], 5, "the buttons of the question")
                click(buttons[-1])
            else:
                click(dialog_button(dialog, answer))
        status = self.wait_exit(timeout / 2)
        if status is None and self.alive():
            # Still open after Ctrl+Q: nothing is closing, the tree is safe.
            dialogs = [name_of(w) for w in toplevels(self.app) if role_of(w) == "dialog"]
            if dialogs:
                raise Failure(f"{self.name}: Ctrl+Q asked {dialogs!r}")
            close = find_now(self.window, role="push button", name="Close")
            if close is not None:
                click(close)
            status = self.wait_exit(timeout / 2)
        if status is None:
            raise Failure(f"{self.name}: the app did not exit after Ctrl+Q")
        return status

    def toasts(self):
        """The toasts on screen.  They sit just under the window's toast
        overlay, so a shallow search finds them fast even when the page
        below holds hundreds of rows (a toast lasts 5 s)."""
        found = []
        level = [self.window]
        for _ in range(5):
            nxt = []
            for o in level:
                for c in children(o):
                    if role_of(c) == "filler" and name_of(c) == "AdwToastWidget":
                        found.append(c)
                    else:
                        nxt.append(c)
            level = nxt
        return found

    def toast(self, prefix, timeout=15):
        """The text of a toast that starts with prefix."""
        def look():
            for t in self.toasts():
                for label in find_all(t, role="label"):
                    if name_of(label).startswith(prefix):
                        return name_of(label)
            return None
        return wait_until(look, timeout, f"a toast starting with {prefix!r}")

    def toast_button(self, label, timeout=10):
        def look():
            for t in self.toasts():
                b = find_now(t, role="push button", name=label)
                if b is not None:
                    return b
            return None
        return wait_until(look, timeout, f"the toast button {label!r}")

    def dismiss_toasts(self, timeout=10):
        """Closes the toasts on screen (P8: a new toast waits for the old)."""
        def close_one():
            shown = self.toasts()
            if not shown:
                return True
            toast = shown[0]
            buttons = [b for b in find_all(toast, role="push button") if name_of(b) != "Undo"]
            if buttons:
                safe(lambda: click(buttons[-1]))
            return False
        wait_until(close_one, timeout, "the toasts to close")


def row_of(o):
    """The list item (a list box row) that holds o, or None."""
    p = o
    for _ in range(8):
        if p is None:
            return None
        if role_of(p) == "list item":
            return p
        p = safe(p.get_parent)
    return None

# }}}

# Output {{{

class Tap:
    """TAP lines; a failed step records why and where the log files are."""

    def __init__(self, out_dir):
        self.n = 0
        self.failed = 0
        self.out_dir = out_dir

    def ok(self, description):
        self.n += 1
        print(f"ok {self.n} - {description}", flush=True)

    def not_ok(self, description, why):
        self.n += 1
        self.failed += 1
        print(f"not ok {self.n} - {description}", flush=True)
        for line in str(why).splitlines():
            print(f"# {line}", flush=True)

    def skip(self, description, why):
        self.n += 1
        print(f"ok {self.n} - {description} # SKIP {why}", flush=True)

    def plan(self):
        print(f"1..{self.n}", flush=True)


def screenshot(path, window_id=None):
    """The root window (or one X window) as PNG; never fails the caller."""
    argv = ["import", "-window", window_id or "root", path]
    try:
        subprocess.run(argv, capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        pass


def print_app_logs(workdir, out=sys.stderr, tail=2000):
    """The end of each app's log in workdir, after a failed run."""
    for f in sorted(os.listdir(workdir)):
        if f.endswith("-app.log"):
            print(f"--- {f}", file=out, flush=True)
            with open(os.path.join(workdir, f), errors="replace") as fh:
                print(fh.read()[-tail:], file=out, flush=True)


def make_workdir(prefix="ens-e2e."):
    return tempfile.mkdtemp(prefix=prefix)

# }}}
