/* ens-pacer.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define ENS_PACER_MAX_WINDOW 16

#define ENS_TYPE_PACER (ens_pacer_get_type ())

G_DECLARE_FINAL_TYPE (EnsPacer, ens_pacer, ENS, PACER, GObject)

/*
 * How fast a plan sends: how many requests may be in flight ("window") and
 * how many may start per second ("pace", 0 when not paced), adapted from
 * the answers as they come back.  GTK-free and clock-free: every call
 * takes the time (g_get_monotonic_time() microseconds, or a fake clock in
 * tests), so the same answers always give the same decisions.
 *
 * With "adapt" FALSE the window stays at "concurrency" and nothing is
 * paced; only the rate of finished work is measured.
 */
EnsPacer *ens_pacer_new            (guint     concurrency,
                                    gboolean  adapt);
gboolean  ens_pacer_get_adapt      (EnsPacer *self);
guint     ens_pacer_get_window     (EnsPacer *self);
double    ens_pacer_get_pace       (EnsPacer *self);
/* The earliest time the next request may start (a pause asked for by the
 * server, or the pace); at most @now when it may start at once. */
gint64    ens_pacer_get_next_start (EnsPacer *self,
                                    gint64    now);
void      ens_pacer_started        (EnsPacer *self,
                                    gint64    now);
/* An answer that was not a request to slow down, with its latency. */
void      ens_pacer_answered       (EnsPacer *self,
                                    gint64    now,
                                    gint64    latency);
/* Throttling.*, 429 or 503, with its latency; @retry_after_ms is what
 * the server asked for (x-acs-retry-after), 0 when nothing. */
void      ens_pacer_slow_down      (EnsPacer *self,
                                    gint64    now,
                                    gint64    latency,
                                    guint     retry_after_ms);
/* Finished work (accounts), for the rate shown to people. */
void      ens_pacer_count_done     (EnsPacer *self,
                                    gint64    now,
                                    guint     n);
/* Finished work per second over the last few seconds; 0 until known. */
double    ens_pacer_get_rate       (EnsPacer *self,
                                    gint64    now);

G_END_DECLS
