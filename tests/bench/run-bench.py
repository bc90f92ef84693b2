#!/usr/bin/python3
# tests/bench/run-bench.py — ENS Image Share benchmarks.
#
# Copyright 2026 The ENS Image Share authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-bench.py BUILDDIR [--runs N] [--only SECTION,…]
#
# Sections: plan, adapt, images, recipients, complete, history, startup, gui, sign (default: all).
#
# Every figure is printed next to a baseline measured in the same run, with
# the ratio and the target, because absolute times drift on shared machines.
# Exits non-zero only when a benchmark could not run, never for a missed
# target.  The GUI parts need a display and a session bus: run it through
# build-aux/bench.sh, which provides both.

import os
import statistics
import subprocess
import sys
import time

def run(cmd, env=None, timeout=300):
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"benchmark could not run: {' '.join(cmd)} exited {out.returncode}")
    return out.stdout

def parse_lines(text):
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            values[parts[0]] = parts[1:]
    return values

rows = []

def row(name, value, baseline, ratio, target, ok, status=None):
    if status is None:
        status = "info" if target == "—" else "met" if ok else "MISSED"
    rows.append((name, value, baseline, ratio, target, status))

def first_frame(cmd, env):
    """Microseconds from exec to the first frame, and the RSS then (KiB)."""
    start = time.monotonic_ns() // 1000
    values = parse_lines(run(cmd, env=env, timeout=60))
    return int(values["first-frame"][0]) - start, int(values["rss-kib"][0])

def main():
    builddir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "_build")
    runs = 20
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    wanted = lambda section: only is None or section in only
    bench = os.path.join(builddir, "tests", "bench")
    app = os.path.join(builddir, "src", "ens-image-share")

    if wanted("plan"):
        bench_plan(bench)
    if wanted("adapt"):
        bench_adapt(bench)
    if wanted("images"):
        bench_images(bench)
        bench_home(bench)
    if wanted("recipients"):
        bench_recipients(bench)
    if wanted("complete"):
        bench_complete(builddir)
    if wanted("history"):
        bench_history(bench)
    if wanted("startup") or wanted("gui"):
        bench_gui(bench, app, builddir, runs, wanted)
    if wanted("sign"):
        bench_sign(bench)

    print_table()

def bench_plan(bench):
    # 1. Bulk speed against the emulator with 50 ms latency per request,
    # with a fixed concurrency.
    v = parse_lines(run([os.path.join(bench, "bench-plan"), "50"]))
    conc = int(v["concurrency"][0])
    c1 = float(v["remove-200-c1"][0])
    cn = float(v["remove-200-default"][0])
    limit = float(v["remove-200-default"][3])
    row("200 removals, concurrency 1", f"{c1:.0f} ms", f"{float(v['remove-200-c1'][3]):.0f} ms limit",
        f"{c1 / float(v['remove-200-c1'][3]):.2f}×", "—", True)
    row(f"200 removals, concurrency {conc}", f"{cn:.0f} ms", f"{limit:.0f} ms limit",
        f"{cn / limit:.2f}×", "≤ 1.2× limit", cn / limit <= 1.2)
    row(f"speed-up, concurrency {conc} vs 1", f"{c1 / cn:.2f}×", "concurrency 1", f"{c1 / cn:.2f}×",
        "≥ 3.5×", c1 / cn >= 3.5)
    add, add_limit = float(v["add-200-default"][0]), float(v["add-200-default"][3])
    row("200 additions (batches)", f"{add:.0f} ms", f"{add_limit:.0f} ms limit", f"{add / add_limit:.2f}×",
        "≤ 1.2× limit", add / add_limit <= 1.2)
    hist, plain = float(v["remove-200-history"][0]), float(v["remove-200-history"][3])
    row(f"200 removals recorded in the history, concurrency {conc}", f"{hist:.0f} ms",
        f"{plain:.0f} ms without", f"{hist / plain:.3f}×", "≤ 1.05×", hist / plain <= 1.05)
    lst, lst_limit = float(v["list-1000"][0]), float(v["list-1000"][3])
    row("1,000-account list, 10 pages", f"{lst:.0f} ms", f"{lst_limit:.0f} ms limit",
        f"{lst / lst_limit:.2f}×", "≤ 1.2× limit", lst / lst_limit <= 1.2)
    before, after = int(v["rss-before-kib"][0]), int(v["rss-after-kib"][0])
    row("RSS growth over the runs", f"{after - before} KiB", f"{before} KiB before",
        f"{after / before:.2f}×", "no leak growth", after / before <= 1.2)

def times(value, baseline):
    """value / baseline as "N.NN×", or "—" when the baseline rounds to 0."""
    return f"{value / baseline:.2f}×" if baseline > 0 else "—"

def bench_history(bench):
    # The History page's model on a history of 100,000 entries, each beside
    # the same work on an empty history (or plain stdio for the export).
    v = parse_lines(run([os.path.join(bench, "bench-history"), "100000"], timeout=600))
    full, empty = float(v["history-first-page"][0]), float(v["history-first-page"][2])
    row("History: first rows after opening, 100,000 entries", f"{full:.1f} ms",
        f"{empty:.2f} ms empty history", times(full, empty), "≤ 100 ms", full <= 100)
    key, key_empty = float(v["history-keystroke"][0]), float(v["history-keystroke"][2])
    row("History: filtering per keystroke, 100,000 entries", f"{key:.1f} ms",
        f"{key_empty:.2f} ms empty history", times(key, key_empty), "≤ 50 ms", key <= 50)
    export, stdio = float(v["history-export"][0]), float(v["history-export"][2])
    row("History: export 100,000 rows (CSV)", f"{export:.0f} ms", f"{stdio:.0f} ms plain fprintf",
        f"{export / stdio:.2f}×", "≤ 1 s", export <= 1000)

def bench_images(bench):
    # 1c. Issue 13 at 50 ms a request and a fixed concurrency: the share
    # counts of 200 images (one request each), and 10 images shared with
    # 20 accounts each as one plan (additions batched per image); each
    # beside its limit ceil(requests / concurrency) × 50 ms.
    v = parse_lines(run([os.path.join(bench, "bench-images"), "50"]))
    conc = int(v["concurrency"][0])
    for name, label in (("counts-200", f"share counts, 200 images, concurrency {conc}"),
                        ("share-10x20", f"10 images × 20 accounts, one plan, concurrency {conc}")):
        ms, limit, requests = float(v[name][0]), float(v[name][3]), int(v[name][8])
        row(label, f"{ms:.0f} ms", f"{limit:.0f} ms limit ({requests} requests)",
            f"{ms / limit:.2f}×", "≤ 1.2× limit", ms / limit <= 1.2)

def bench_recipients(bench):
    # 1d. Issue 14: the address book.  Importing 10,000 CSV rows (one
    # transaction) beside reading and parsing the same file without the
    # store; the completion query for a typed prefix over 10,000 recipients
    # beside an empty book (the core query: the window's part comes with
    # the Recipients page); one account's images across 200 images at 50 ms
    # a request beside ceil(200 / concurrency) × 50 ms.
    v = parse_lines(run([os.path.join(bench, "bench-recipients"), "50"]))
    ms, base = float(v["import-10000"][0]), float(v["import-10000"][3])
    row("import a 10,000-row CSV", f"{ms:.0f} ms", f"{base:.0f} ms reading it, no store",
        f"{ms / base:.2f}×", "≤ 1000 ms", ms <= 1000)
    us, base = float(v["complete-10000"][0]), float(v["complete-10000"][3])
    row("completion of a typed prefix, 10,000 recipients (core)", f"{us / 1000:.2f} ms",
        f"{base / 1000:.2f} ms empty book", f"{us / base:.2f}×", "≤ 16 ms a keystroke", us <= 16000)
    ms, limit, requests = float(v["find-200"][0]), float(v["find-200"][3]), int(v["find-200"][8])
    conc = int(v["find-200"][10])
    row(f"one account's images across 200 images, concurrency {conc}", f"{ms:.0f} ms",
        f"{limit:.0f} ms limit ({requests} requests)", f"{ms / limit:.2f}×", "≤ 1.2× limit",
        ms / limit <= 1.2)


def bench_complete(builddir):
    # 1d. Issue 14 in the window: a prefix typed into "Accounts to add" with
    # 10,000 recipients, beside the same typing with an empty book, with
    # the cairo renderer; the largest main-loop gap within half a second of
    # a key press (tests/bench/gui-complete.py).
    env = dict(os.environ)
    env["GSK_RENDERER"] = "cairo"
    gui = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gui-complete.py")
    v = parse_lines(run(["/usr/bin/python3", gui, builddir], env=env, timeout=600))
    book, empty = int(v["book-typing-max-loop-gap-us"][0]), int(v["empty-typing-max-loop-gap-us"][0])
    row("completion per keystroke in the window, 10,000 recipients, cairo", f"{book / 1000:.1f} ms",
        f"{empty / 1000:.1f} ms empty book", f"{book / max(empty, 1):.2f}×", "≤ 16 ms a keystroke",
        book <= 16000)


def bench_home(bench):
    # 1d. Issue 13: the home page's first rows for 200 own images at 50 ms a
    # request, beside one page of DescribeSelfImages (50 images, one request) measured
    # in the same run.
    v = parse_lines(run([os.path.join(bench, "bench-home"), "50"]))
    ms, limit = float(v["home-first-rows-200"][0]), float(v["home-first-rows-200"][3])
    row("home page first rows, 200 images", f"{ms:.0f} ms", f"{limit:.0f} ms one page",
        f"{ms / limit:.2f}×", "≤ 1.2× one page", ms / limit <= 1.2)

def bench_adapt(bench):
    # 1b. The adaptive controller, each run beside its limit: no rate limit
    # at 150 ms (the limit is 16 in flight), and 20 requests a second at
    # 50 ms (the limit is 240 / 20 s); a fixed 4 in flight beside each.
    v = parse_lines(run([os.path.join(bench, "bench-plan"), "adapt"], timeout=600))
    def fields(name):
        f = v[name]
        return {"ms": float(f[0]), "limit": float(f[3]), "failed": int(f[8]),
                "requests": int(f[10]), "throttled": int(f[12]), "max": int(f[14])}
    a, f = fields("adapt-remove-240-150ms"), fields("fixed4-remove-240-150ms")
    row("240 removals, 150 ms, no limit, adapting", f"{a['ms']:.0f} ms",
        f"{a['limit']:.0f} ms limit (16 in flight)", f"{a['ms'] / a['limit']:.2f}×", "≤ 1.5× limit",
        a["ms"] / a["limit"] <= 1.5 and a["failed"] == 0)
    row(f"  same, reached in flight", f"{a['max']}", "16", f"{a['max'] / 16:.2f}×", "16", a["max"] == 16)
    row("  same, fixed concurrency 4", f"{f['ms']:.0f} ms", f"{f['limit']:.0f} ms limit (4 in flight)",
        f"{f['ms'] / f['limit']:.2f}×", "—", True)
    row("  speed-up, adapting vs fixed 4", f"{f['ms'] / a['ms']:.2f}×", "fixed 4", f"{f['ms'] / a['ms']:.2f}×",
        "—", True)
    a, f = fields("adapt-remove-240-50ms-20qps"), fields("fixed4-remove-240-50ms-20qps")
    ok = a["ms"] / a["limit"] <= 1.25 and a["failed"] == 0 and a["throttled"] < 0.1 * a["requests"]
    row("240 removals, 50 ms, 20/s limit, adapting", f"{a['ms']:.0f} ms", f"{a['limit']:.0f} ms limit (20/s)",
        f"{a['ms'] / a['limit']:.2f}×", "≤ 1.25× limit", a["ms"] / a["limit"] <= 1.25)
    row("  same, failed accounts / throttled requests", f"{a['failed']} / {a['throttled']}",
        f"{a['requests']} requests", f"{a['throttled'] / a['requests'] * 100:.1f} % throttled",
        "0 failed, < 10 % throttled", a["failed"] == 0 and a["throttled"] < 0.1 * a["requests"])
    row("  same, fixed concurrency 4", f"{f['ms']:.0f} ms", f"{a['limit']:.0f} ms limit (20/s)",
        f"{f['ms'] / a['limit']:.2f}×", "—", True)
    row("  same, fixed 4: failed / throttled", f"{f['failed']} / {f['throttled']}",
        f"{f['requests']} requests", f"{f['throttled'] / f['requests'] * 100:.1f} % throttled", "—", True)

def bench_gui(bench, app, builddir, runs, wanted):
    # 2./3. Start-up and memory against a bare AdwApplicationWindow.
    env = dict(os.environ)
    env.update({"ENS_EXIT_AFTER_FIRST_FRAME": "1", "GSETTINGS_BACKEND": "memory",
                "GSETTINGS_SCHEMA_DIR": os.path.join(builddir, "data"), "NO_AT_BRIDGE": "1"})
    for k in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"):
        env.pop(k, None)
    bare = os.path.join(bench, "bare-window")
    headerless_env = dict(env)
    headerless_env["BARE_NO_HEADER_BAR"] = "1"
    programs = (("app", [app], env), ("bare", [bare], env), ("headerless", [bare], headerless_env))
    for _, cmd, penv in programs:  # warm the caches
        first_frame(cmd, penv)
    times = {name: [] for name, _, _ in programs}
    rss = {name: [] for name, _, _ in programs}
    for _ in range(runs):
        for name, cmd, penv in programs:
            t, r = first_frame(cmd, penv)
            times[name].append(t)
            rss[name].append(r)
    at, bt, ht = (statistics.median(times[n]) for n in ("app", "bare", "headerless"))
    row(f"start-up to first frame (median of {runs})", f"{at / 1000:.0f} ms", f"{bt / 1000:.0f} ms bare",
        f"{at / bt:.2f}×", "≤ 1.15×", at / bt <= 1.15)
    row("  same, against a window with no header bar", f"{at / 1000:.0f} ms", f"{ht / 1000:.0f} ms headerless",
        f"{at / ht:.2f}×", "—", True)
    ar, br, hr = (statistics.median(rss[n]) for n in ("app", "bare", "headerless"))
    row("RSS after first frame, idle", f"{ar / 1024:.1f} MiB", f"{br / 1024:.1f} MiB bare",
        f"{ar / br:.2f}×", "≤ 1.2×", ar / br <= 1.2)
    row("  same, against a window with no header bar", f"{ar / 1024:.1f} MiB", f"{hr / 1024:.1f} MiB headerless",
        f"{ar / hr:.2f}×", "—", True)

    # 4. Responsiveness while the GUI removes 200 accounts, with GTK's
    # default renderer (OpenGL; without a GPU that is Mesa's llvmpipe) and
    # with its cairo renderer, each against the bare window moving a
    # progress bar with the same renderer.
    gui = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gui-removal.py")
    for renderer, label in (("gl", "OpenGL"), ("cairo", "cairo")):
        renv = dict(os.environ)
        renv["GSK_RENDERER"] = renderer
        bare_env = dict(env)
        bare_env.update({"GSK_RENDERER": renderer, "BARE_PROGRESS_FRAMES": "120"})
        bare_gap = int(parse_lines(run([bare], env=bare_env, timeout=60))["max-loop-gap-us"][0])
        v = parse_lines(run(["/usr/bin/python3", gui, builddir], env=renv, timeout=300))
        gap = int(v["max-loop-gap-us"][0])
        session = int(v["session-max-loop-gap-us"][0])
        idle = int(v["idle-max-loop-gap-us"][0])
        # Where the bare window misses the target too, the renderer's own
        # frames do: the machine cannot judge the target with it.
        row(f"largest main-loop gap, GUI 200 removals, {label}", f"{gap / 1000:.1f} ms",
            f"{bare_gap / 1000:.1f} ms bare window", f"{gap / max(bare_gap, 1):.2f}×", "≤ 16 ms",
            gap <= 16000, None if gap <= 16000 or bare_gap <= 16000 else "MISSED, bare too")
        row(f"  same, whole GUI session, {label}", f"{session / 1000:.1f} ms", f"{idle / 1000:.1f} ms idle",
            f"{session / max(idle, 1):.2f}×", "—", True)
        if renderer == "gl":
            rss = [int(r) for r in v["rss-kib"]]
            row(f"app RSS after GUI removal {len(rss)} of {len(rss)}", f"{rss[-1] / 1024:.1f} MiB",
                f"{rss[0] / 1024:.1f} MiB after the 1st", f"{rss[-1] / rss[0]:.2f}×", "no leak growth",
                rss[-1] <= rss[0] * 1.05)

def bench_sign(bench):
    # 5. Signing speed, against a bare HMAC of the same length.
    v = parse_lines(run([os.path.join(bench, "bench-sign")]))
    for name, label in (("sign-v1", "V1 (HMAC-SHA1)"), ("sign-v3", "V3 (ACS3-HMAC-SHA256)")):
        rate, base = float(v[name][0]), float(v[name][2])
        row(f"signatures/s, {label}", f"{rate:,.0f}/s", f"{base:,.0f}/s bare HMAC",
            f"{base / rate:.2f}× slower", "—", True)

def print_table():
    widths = [max(len(str(r[i])) for r in rows + [("figure", "value", "baseline", "ratio", "target", "")])
              for i in range(6)]
    header = ("figure", "value", "baseline", "ratio", "target", "")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")

if __name__ == "__main__":
    main()
