/* ens-pacer.c
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
 * The controller behind a plan's speed.  Alibaba's flow control limits
 * requests per second per account, not connections, and the limit is not
 * documented, so the pacer finds it:
 *
 *  - Until the server first asks it to slow down, the window grows by one
 *    request for every answer that comes back without the latency rising
 *    (from the configured concurrency up to 16), and nothing is paced.
 *  - When the server asks to slow down (Throttling.*, 429, 503), both the
 *    pace (requests started per second) and the window drop to 3/4 of the
 *    rate the server accepted (to 1/2 when most recent answers were
 *    refusals): a multiplicative decrease, at most once per round trip,
 *    because the answers to requests sent before the decrease say nothing
 *    new.  A
 *    server's x-acs-retry-after pauses every start until it has passed.
 *  - Then the pace climbs back in a straight line to just under that limit
 *    within about 1.5 s, and above it only slowly (3 % of it per second),
 *    so a long plan spends its time just under the limit instead of
 *    oscillating around it; the window grows additively, by one per round
 *    trip.  Neither grows while the latency is rising.
 */

#include "config.h"

#include "ens-pacer.h"

#define DECREASE           0.75
#define MAX_DECREASE       0.5
#define RECOVER_SECONDS    1.5
#define RECOVER_TO         0.95
#define PROBE_PER_SECOND   0.03
#define MIN_PACE           0.5
#define LATENCY_FACTOR     1.5
#define LATENCY_SLACK_US   (20 * 1000)
#define DEFAULT_RTT_US     (100 * 1000)
#define RATE_SPAN_US       (5 * G_USEC_PER_SEC)
#define RATE_MIN_SPAN_US   (1 * G_USEC_PER_SEC)
#define ANSWER_SPAN_US     (2 * G_USEC_PER_SEC)

typedef struct
{
  gint64 time;
  guint  n;
} Done;

struct _EnsPacer
{
  GObject   parent_instance;

  guint     concurrency;
  gboolean  adapt;

  double    cwnd;
  guint     window;
  double    pace;            /* starts per second; 0: not paced */
  double    last_max;        /* the rate when last told to slow down */
  double    climb;           /* pace per second, back up to just under last_max */
  gboolean  probing;         /* not told to slow down yet */

  double    srtt;            /* smoothed latency, µs; 0 until known */
  double    base_rtt;        /* lowest latency seen, µs */

  gint64    last_slow_down;  /* 0: never */
  gint64    last_update;
  gint64    pause_until;
  gint64    next_start;

  gint64    first_start;     /* 0: nothing started yet */
  GArray   *done;            /* of Done, the last RATE_SPAN_US */
  GArray   *answers;         /* of gint64: times of the good answers of the last 2 s */
  GArray   *refusals;        /* of gint64: times of the slow-downs of the last 2 s */
};

G_DEFINE_FINAL_TYPE (EnsPacer, ens_pacer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONCURRENCY,
  PROP_ADAPT,
  PROP_WINDOW,
  PROP_PACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ens_pacer_finalize (GObject *object)
{
  EnsPacer *self = (EnsPacer *)object;

  g_clear_pointer (&self->done, g_array_unref);
  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->refusals, g_array_unref);

  G_OBJECT_CLASS (ens_pacer_parent_class)->finalize (object);
}

static void
ens_pacer_constructed (GObject *object)
{
  EnsPacer *self = (EnsPacer *)object;

  G_OBJECT_CLASS (ens_pacer_parent_class)->constructed (object);

  self->cwnd = self->concurrency;
  self->window = self->concurrency;
}

static void
ens_pacer_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EnsPacer *self = ENS_PACER (object);

  switch (prop_id)
    {
    case PROP_CONCURRENCY:
      g_value_set_uint (value, self->concurrency);
      break;

    case PROP_ADAPT:
      g_value_set_boolean (value, self->adapt);
      break;

    case PROP_WINDOW:
      g_value_set_uint (value, self->window);
      break;

    case PROP_PACE:
      g_value_set_double (value, self->pace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_pacer_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EnsPacer *self = ENS_PACER (object);

  switch (prop_id)
    {
    case PROP_CONCURRENCY:
      self->concurrency = g_value_get_uint (value);
      break;

    case PROP_ADAPT:
      self->adapt = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_pacer_class_init (EnsPacerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_pacer_finalize;
  object_class->constructed = ens_pacer_constructed;
  object_class->get_property = ens_pacer_get_property;
  object_class->set_property = ens_pacer_set_property;

  /**
   * EnsPacer:concurrency:
   *
   * The window to start with; with #EnsPacer:adapt off, the window.
   */
  properties[PROP_CONCURRENCY] =
    g_param_spec_uint ("concurrency", NULL, NULL,
                       1, ENS_PACER_MAX_WINDOW, 4,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsPacer:adapt:
   *
   * Whether the window and the pace follow the server's answers.
   */
  properties[PROP_ADAPT] =
    g_param_spec_boolean ("adapt", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * EnsPacer:window:
   *
   * How many requests may be in flight now (1 to 16).
   */
  properties[PROP_WINDOW] =
    g_param_spec_uint ("window", NULL, NULL,
                       1, ENS_PACER_MAX_WINDOW, 4,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsPacer:pace:
   *
   * How many requests may start per second; 0 when not paced.
   */
  properties[PROP_PACE] =
    g_param_spec_double ("pace", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_pacer_init (EnsPacer *self)
{
  self->concurrency = 4;
  self->adapt = TRUE;
  self->probing = TRUE;
  self->done = g_array_new (FALSE, FALSE, sizeof (Done));
  self->answers = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->refusals = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
drop_older (GArray *times,
            gint64  now)
{
  guint n_old = 0;

  while (n_old < times->len && g_array_index (times, gint64, n_old) <= now - ANSWER_SPAN_US)
    n_old++;

  if (n_old > 0)
    g_array_remove_range (times, 0, n_old);
}

static void
drop_old_answers (EnsPacer *self,
                  gint64    now)
{
  drop_older (self->answers, now);
  drop_older (self->refusals, now);
}

/* Good answers per second over the last two seconds (or since the start). */
static double
answer_rate (EnsPacer *self,
             gint64    now,
             double    rtt)
{
  double span;

  drop_old_answers (self, now);
  span = MIN (ANSWER_SPAN_US, now - self->first_start);
  span = MAX (span, rtt);

  return self->answers->len * (double)G_USEC_PER_SEC / span;
}

/**
 * ens_pacer_new:
 * @concurrency: the window to start with (1 to 16)
 * @adapt: whether to follow the server; otherwise @concurrency is fixed
 *
 * Returns: (transfer full): a new pacer
 */
EnsPacer *
ens_pacer_new (guint    concurrency,
               gboolean adapt)
{
  return g_object_new (ENS_TYPE_PACER,
                       "concurrency", CLAMP (concurrency, 1, ENS_PACER_MAX_WINDOW),
                       "adapt", adapt,
                       NULL);
}

gboolean
ens_pacer_get_adapt (EnsPacer *self)
{
  g_return_val_if_fail (ENS_IS_PACER (self), FALSE);

  return self->adapt;
}

guint
ens_pacer_get_window (EnsPacer *self)
{
  g_return_val_if_fail (ENS_IS_PACER (self), 1);

  return self->window;
}

double
ens_pacer_get_pace (EnsPacer *self)
{
  g_return_val_if_fail (ENS_IS_PACER (self), 0);

  return self->pace;
}

static void
set_cwnd (EnsPacer *self,
          double    cwnd)
{
  guint window;

  self->cwnd = CLAMP (cwnd, 1.0, (double)ENS_PACER_MAX_WINDOW);
  window = (guint)self->cwnd;

  if (window != self->window)
    {
      self->window = window;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW]);
    }
}

static void
set_pace (EnsPacer *self,
          double    pace)
{
  if (pace != self->pace)
    {
      self->pace = pace;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACE]);
    }
}

static void
note_latency (EnsPacer *self,
              gint64    latency)
{
  latency = MAX (latency, 1);

  if (self->srtt == 0)
    self->srtt = latency;
  else
    self->srtt += (latency - self->srtt) / 8;

  if (self->base_rtt == 0 || latency < self->base_rtt)
    self->base_rtt = latency;
}

gint64
ens_pacer_get_next_start (EnsPacer *self,
                          gint64    now)
{
  gint64 next = now;

  g_return_val_if_fail (ENS_IS_PACER (self), now);

  if (!self->adapt)
    return now;

  next = MAX (next, self->pause_until);
  if (self->pace > 0)
    next = MAX (next, self->next_start);

  return next;
}

void
ens_pacer_started (EnsPacer *self,
                   gint64    now)
{
  g_return_if_fail (ENS_IS_PACER (self));

  if (self->first_start == 0)
    self->first_start = now;

  /* Idle time is not saved up: the pacer never sends a burst. */
  if (self->pace > 0)
    self->next_start = MAX (self->next_start, now) + (gint64)(G_USEC_PER_SEC / self->pace);
}

void
ens_pacer_answered (EnsPacer *self,
                    gint64    now,
                    gint64    latency)
{
  gboolean rising;

  g_return_if_fail (ENS_IS_PACER (self));

  note_latency (self, latency);

  drop_old_answers (self, now);
  g_array_append_val (self->answers, now);

  if (!self->adapt || now < self->pause_until)
    {
      self->last_update = now;
      return;
    }

  rising = self->srtt > self->base_rtt * LATENCY_FACTOR + LATENCY_SLACK_US;

  if (!rising)
    set_cwnd (self, self->probing ? self->cwnd + 1 : self->cwnd + 1 / self->cwnd);

  /* The pace grows only from one round trip after a decrease: the answers
   * before that were to requests sent at the old pace. */
  if (self->pace > 0 && !rising && self->last_update > 0 &&
      now - self->last_slow_down > self->srtt)
    {
      double dt = MIN (now - self->last_update, G_USEC_PER_SEC) / (double)G_USEC_PER_SEC;
      double target = self->last_max * RECOVER_TO;
      double pace = self->pace;
      /* More than the whole window could send: the pace no longer limits. */
      double most = ENS_PACER_MAX_WINDOW * G_USEC_PER_SEC / self->base_rtt;

      if (pace < target)
        pace = MIN (target, pace + self->climb * dt);
      else
        pace += self->last_max * PROBE_PER_SECOND * dt;

      set_pace (self, MIN (pace, most));
    }

  self->last_update = now;
}

void
ens_pacer_slow_down (EnsPacer *self,
                     gint64    now,
                     gint64    latency,
                     guint     retry_after_ms)
{
  double rtt;
  double current;
  double factor;
  double pace;

  g_return_if_fail (ENS_IS_PACER (self));

  note_latency (self, latency);

  if (!self->adapt)
    return;

  if (retry_after_ms > 0)
    self->pause_until = MAX (self->pause_until, now + (gint64)retry_after_ms * 1000);

  self->probing = FALSE;

  drop_old_answers (self, now);
  g_array_append_val (self->refusals, now);

  rtt = self->srtt > 0 ? self->srtt : DEFAULT_RTT_US;
  if (self->last_slow_down > 0 && now - self->last_slow_down < rtt)
    return;

  /* What it was sending at: the pace, or before any pace the window's
   * worth every round trip; but no more than what the server accepted
   * lately, which matters when the window grew fast at first. */
  current = self->pace > 0 ? self->pace : self->cwnd * G_USEC_PER_SEC / rtt;
  current = MIN (current, MAX (answer_rate (self, now, rtt), MIN_PACE));

  /* Down to 3/4; further (down to 1/2) when most answers of the last
   * two seconds were refusals, as at the very start against a low limit. */
  drop_old_answers (self, now);
  factor = (double)self->answers->len / (self->answers->len + self->refusals->len);
  factor = CLAMP (factor, MAX_DECREASE, DECREASE);
  pace = MAX (MIN_PACE, current * factor);

  /* The limit found: what the server accepted over the last 2 s, when
   * that is between the new pace and what was sent. */
  self->last_max = CLAMP (answer_rate (self, now, rtt), pace, current);
  self->climb = MAX (0, (self->last_max * RECOVER_TO - pace) / RECOVER_SECONDS);
  self->last_slow_down = now;
  self->last_update = now;

  g_debug ("Slowing down: %.1f → %.1f requests per second, window %u → %u",
           current, pace, self->window, (guint)MAX (1, self->cwnd * factor));

  set_pace (self, pace);
  set_cwnd (self, self->cwnd * factor);
}

static void
drop_old (EnsPacer *self,
          gint64    now)
{
  guint n_old = 0;

  while (n_old < self->done->len &&
         g_array_index (self->done, Done, n_old).time <= now - RATE_SPAN_US)
    n_old++;

  if (n_old > 0)
    g_array_remove_range (self->done, 0, n_old);
}

void
ens_pacer_count_done (EnsPacer *self,
                      gint64    now,
                      guint     n)
{
  Done done = { now, n };

  g_return_if_fail (ENS_IS_PACER (self));

  drop_old (self, now);
  g_array_append_val (self->done, done);
}

double
ens_pacer_get_rate (EnsPacer *self,
                    gint64    now)
{
  gint64 span;
  guint64 total = 0;

  g_return_val_if_fail (ENS_IS_PACER (self), 0);

  if (self->first_start == 0 || now - self->first_start < RATE_MIN_SPAN_US)
    return 0;

  drop_old (self, now);
  for (guint i = 0; i < self->done->len; i++)
    total += g_array_index (self->done, Done, i).n;

  span = MIN (RATE_SPAN_US, now - self->first_start);

  return total * (double)G_USEC_PER_SEC / span;
}
