/* ens-bench-probe.h
 *
 * Copyright 2026 The ENS Image Share authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ENS_TYPE_BENCH_PROBE (ens_bench_probe_get_type ())

G_DECLARE_FINAL_TYPE (EnsBenchProbe, ens_bench_probe, ENS, BENCH_PROBE, GObject)

/*
 * What build-aux/bench.sh reads from a running app, asked for through the
 * environment, so that the app measured is the one that ships:
 *
 *   ENS_EXIT_AFTER_FIRST_FRAME=1  prints "first-frame <monotonic µs>" and
 *                                 "rss-kib <VmRSS>" once the window has
 *                                 painted its first frame, then quits
 *   ENS_MAX_LOOP_GAP=1            prints "max-loop-gap-us" (the whole run)
 *                                 "change-max-loop-gap-us" (while a
 *                                 change of sharing ran) and
 *                                 "typing-max-loop-gap-us" (within half a
 *                                 second of a key press) at exit; SIGINT
 *                                 and SIGTERM quit cleanly
 *
 * Returns NULL when neither is asked for.
 */
EnsBenchProbe *ens_bench_probe_new_from_environment (GApplication  *application);
void           ens_bench_probe_watch_window         (EnsBenchProbe *self,
                                                     GtkWindow     *window);
void           ens_bench_probe_report               (EnsBenchProbe *self);

G_END_DECLS
