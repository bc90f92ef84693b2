/* test-pacer.c
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

/*
 * EnsPacer on a fake clock: its decisions against a simulated server with
 * a token-bucket limit (like the gateway's flow control), without any
 * network, so the bounds here are exact and never depend on the machine.
 */

#include "config.h"

#include <string.h>

#include "ens-pacer.h"

#define MS 1000

typedef struct
{
  gint64   finish;
  gboolean accepted;
} Flight;

typedef struct
{
  guint  sent;
  guint  accepted;
  guint  throttled;
  guint  max_in_flight;
  double pace_at_end;
} Sim;

/* Runs @pacer for @duration_ms against a server that accepts @qps requests
 * a second (0: any) with a bucket of max(1, qps / 5) and answers after
 * @latency_ms.  @qps_after, from @change_ms on, changes the limit. */
static void
simulate (EnsPacer *pacer,
          guint     qps,
          guint     latency_ms,
          guint     duration_ms,
          guint     change_ms,
          guint     qps_after,
          Sim      *sim)
{
  g_autoptr(GArray) flights = g_array_new (FALSE, FALSE, sizeof (Flight));
  double tokens = MAX (1, qps / 5);
  gint64 start = 1000 * G_USEC_PER_SEC;  /* any time but 0 */

  memset (sim, 0, sizeof *sim);

  for (guint t = 0; t < duration_ms; t++)
    {
      gint64 now = start + (gint64)t * MS;
      guint limit = t >= change_ms ? qps_after : qps;

      if (limit > 0)
        tokens = MIN ((double)MAX (1, limit / 5), tokens + limit / 1000.0);

      for (guint i = 0; i < flights->len;)
        {
          Flight *flight = &g_array_index (flights, Flight, i);

          if (flight->finish > now)
            {
              i++;
              continue;
            }

          if (flight->accepted)
            {
              ens_pacer_answered (pacer, now, latency_ms * MS);
              ens_pacer_count_done (pacer, now, 1);
            }
          else
            {
              ens_pacer_slow_down (pacer, now, latency_ms * MS, 0);
            }
          g_array_remove_index_fast (flights, i);
        }

      while (flights->len < ens_pacer_get_window (pacer) &&
             ens_pacer_get_next_start (pacer, now) <= now)
        {
          Flight flight = { now + latency_ms * MS, TRUE };

          if (limit > 0)
            {
              if (tokens >= 1)
                tokens -= 1;
              else
                flight.accepted = FALSE;
            }

          ens_pacer_started (pacer, now);
          g_array_append_val (flights, flight);
          sim->sent++;
          if (flight.accepted)
            sim->accepted++;
          else
            sim->throttled++;
          sim->max_in_flight = MAX (sim->max_in_flight, flights->len);
        }
    }

  sim->pace_at_end = ens_pacer_get_pace (pacer);
}

static void
test_new (void)
{
  EnsPacer *pacer = ens_pacer_new (4, TRUE);

  g_assert_true (ens_pacer_get_adapt (pacer));
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 4);
  g_assert_cmpfloat (ens_pacer_get_pace (pacer), ==, 0);
  g_assert_cmpint (ens_pacer_get_next_start (pacer, 5), ==, 5);
  g_assert_finalize_object (pacer);

  pacer = ens_pacer_new (99, FALSE);
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 16);
  g_assert_finalize_object (pacer);
}

/* No limit: the window grows to 16 and nothing is ever paced. */
static void
test_no_limit (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, TRUE);
  Sim sim;

  simulate (pacer, 0, 150, 3000, G_MAXUINT, 0, &sim);
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 16);
  g_assert_cmpuint (sim.max_in_flight, ==, 16);
  g_assert_cmpuint (sim.throttled, ==, 0);
  g_assert_cmpfloat (sim.pace_at_end, ==, 0);
  /* 3 s at 150 ms: 20 round trips, all but the first two or so at 16. */
  g_assert_cmpuint (sim.sent, >=, 16 * 17);
}

/* Fixed: the window never moves, whatever the server says. */
static void
test_fixed (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, FALSE);
  Sim sim;

  simulate (pacer, 20, 50, 5000, G_MAXUINT, 0, &sim);
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 4);
  g_assert_cmpuint (sim.max_in_flight, ==, 4);
  g_assert_cmpfloat (sim.pace_at_end, ==, 0);
  /* 80 a second against 20: three in four are throttled. */
  g_assert_cmpuint (sim.throttled, >, sim.sent / 2);
}

/* 20 a second at 50 ms: settles just under the limit, with few throttled
 * answers, and sends nearly as much as the limit allows. */
static void
test_converges (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, TRUE);
  Sim sim;

  simulate (pacer, 20, 50, 30000, G_MAXUINT, 0, &sim);
  g_test_message ("sent %u, accepted %u, throttled %u, pace %.1f",
                  sim.sent, sim.accepted, sim.throttled, sim.pace_at_end);
  g_assert_cmpfloat (sim.throttled, <, 0.05 * sim.sent);
  g_assert_cmpfloat (sim.accepted, >=, 0.85 * 20 * 30);
  g_assert_cmpfloat (sim.pace_at_end, <=, 20 * 1.1);
  g_assert_cmpfloat (sim.pace_at_end, >=, 20 * 0.6);
}

/* The limit drops from 40 to 10 half way: the pace follows it down. */
static void
test_limit_drops (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, TRUE);
  Sim sim;

  simulate (pacer, 40, 50, 20000, 10000, 10, &sim);
  g_test_message ("sent %u, accepted %u, throttled %u, pace %.1f",
                  sim.sent, sim.accepted, sim.throttled, sim.pace_at_end);
  g_assert_cmpfloat (sim.pace_at_end, <=, 10 * 1.2);
  g_assert_cmpfloat (sim.pace_at_end, >=, 10 * 0.5);
  g_assert_cmpfloat (sim.throttled, <, 0.1 * sim.sent);
  g_assert_cmpfloat (sim.accepted, >=, 0.8 * (40 * 10 + 10 * 10));
}

/* A lower limit than one request per round trip: the pace goes below one
 * request in flight. */
static void
test_slow_server (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, TRUE);
  Sim sim;

  simulate (pacer, 2, 200, 30000, G_MAXUINT, 0, &sim);
  g_test_message ("sent %u, accepted %u, throttled %u, pace %.1f",
                  sim.sent, sim.accepted, sim.throttled, sim.pace_at_end);
  g_assert_cmpfloat (sim.pace_at_end, <=, 2 * 1.2);
  /* Only 60 requests in all, so the first round trips, sent before the
   * pacer knows anything, weigh more than against a faster server. */
  g_assert_cmpfloat (sim.throttled, <, 0.25 * sim.sent);
  g_assert_cmpfloat (sim.accepted, >=, 0.7 * 2 * 30);
}

/* One decrease per round trip; x-acs-retry-after holds every start. */
static void
test_slow_down_rules (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (8, TRUE);
  gint64 now = 10 * G_USEC_PER_SEC;
  double pace;

  ens_pacer_started (pacer, now - G_USEC_PER_SEC);
  for (guint i = 1; i <= 30; i++)
    ens_pacer_answered (pacer, now - G_USEC_PER_SEC + i * 33 * MS, 100 * MS);
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 16);

  ens_pacer_slow_down (pacer, now, 100 * MS, 0);
  /* 16 per 100 ms would be 160 a second, but the server accepted only 30
   * in the second since the start: that, to three quarters. */
  pace = ens_pacer_get_pace (pacer);
  g_assert_cmpfloat_with_epsilon (pace, 22.5, 0.01);
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 12);

  /* Within the same round trip: no second decrease. */
  ens_pacer_slow_down (pacer, now + 50 * MS, 100 * MS, 0);
  g_assert_cmpfloat (ens_pacer_get_pace (pacer), ==, pace);

  /* The next round trip, with a retry-after of 2 s. */
  ens_pacer_slow_down (pacer, now + 150 * MS, 100 * MS, 2000);
  g_assert_cmpfloat (ens_pacer_get_pace (pacer), <, pace);
  g_assert_cmpint (ens_pacer_get_next_start (pacer, now + 200 * MS), ==, now + 2150 * MS);

  /* Answers during the pause change nothing. */
  pace = ens_pacer_get_pace (pacer);
  ens_pacer_answered (pacer, now + 1000 * MS, 100 * MS);
  g_assert_cmpfloat (ens_pacer_get_pace (pacer), ==, pace);

  /* Paced: starts are 1/pace apart, and idle time is not saved up. */
  ens_pacer_started (pacer, now + 3000 * MS);
  g_assert_cmpint (ens_pacer_get_next_start (pacer, now + 3000 * MS), ==,
                   now + 3000 * MS + (gint64)(G_USEC_PER_SEC / pace));
}

/* Answers whose latency keeps rising do not grow the window. */
static void
test_latency_rising (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, TRUE);
  gint64 now = G_USEC_PER_SEC;

  ens_pacer_answered (pacer, now, 100 * MS);
  g_assert_cmpuint (ens_pacer_get_window (pacer), ==, 5);
  for (guint i = 1; i <= 30; i++)
    ens_pacer_answered (pacer, now + i * 10 * MS, 400 * MS);
  g_assert_cmpuint (ens_pacer_get_window (pacer), <, 10);
}

static void
test_rate (void)
{
  g_autoptr(EnsPacer) pacer = ens_pacer_new (4, FALSE);
  gint64 now = 100 * G_USEC_PER_SEC;

  g_assert_cmpfloat (ens_pacer_get_rate (pacer, now), ==, 0);
  ens_pacer_started (pacer, now);
  ens_pacer_count_done (pacer, now + 100 * MS, 10);
  /* Under a second: not known yet. */
  g_assert_cmpfloat (ens_pacer_get_rate (pacer, now + 500 * MS), ==, 0);
  for (guint i = 1; i <= 20; i++)
    ens_pacer_count_done (pacer, now + i * 100 * MS, 2);
  /* 10 + 40 in 2 s */
  g_assert_cmpfloat_with_epsilon (ens_pacer_get_rate (pacer, now + 2000 * MS), 25, 0.01);
  /* 10 s on: the last 5 s only, nothing in them. */
  g_assert_cmpfloat (ens_pacer_get_rate (pacer, now + 10000 * MS), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pacer/new", test_new);
  g_test_add_func ("/pacer/no-limit", test_no_limit);
  g_test_add_func ("/pacer/fixed", test_fixed);
  g_test_add_func ("/pacer/converges", test_converges);
  g_test_add_func ("/pacer/limit-drops", test_limit_drops);
  g_test_add_func ("/pacer/slow-server", test_slow_server);
  g_test_add_func ("/pacer/slow-down-rules", test_slow_down_rules);
  g_test_add_func ("/pacer/latency-rising", test_latency_rising);
  g_test_add_func ("/pacer/rate", test_rate);

  return g_test_run ();
}
