/* ens-bench-probe.c
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

#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "ens-bench-probe.h"

struct _EnsBenchProbe
{
  GObject       parent_instance;

  GApplication *application;          /* weak */

  /* The largest gap between main loop iterations, over the whole run
   * and while a change of sharing runs. */
  gint64        loop_last_tick;
  gint64        loop_max_gap;
  gint64        change_max_gap;
  gint64        typing_max_gap;
  gint64        typing_until;         /* the ticks before it follow a key press */
  guint         loop_probe_id;
  guint         change_ticks;          /* ticks left to count as the change's */
  guint         signal_ids[2];

  guint         exit_after_first_frame : 1;
  guint         loop_probe_wanted : 1;
};

G_DEFINE_FINAL_TYPE (EnsBenchProbe, ens_bench_probe, G_TYPE_OBJECT)

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmRSS:");

  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
first_frame_cb (EnsBenchProbe *self)
{
  /* The same clock as the benchmark's start time (CLOCK_MONOTONIC). */
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("rss-kib %ld\n", rss_kib ());
  if (self->application != NULL)
    g_application_quit (self->application);
}

static gboolean
loop_probe_cb (gpointer user_data)
{
  EnsBenchProbe *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->loop_last_tick != 0)
    {
      self->loop_max_gap = MAX (self->loop_max_gap, now - self->loop_last_tick);
      if (self->change_ticks > 0)
        self->change_max_gap = MAX (self->change_max_gap, now - self->loop_last_tick);
      if (now <= self->typing_until)
        self->typing_max_gap = MAX (self->typing_max_gap, now - self->loop_last_tick);
    }
  self->loop_last_tick = now;

  /* G_MAXUINT while the change runs; the tick after its end still counts,
   * for the gap that holds the showing of its outcome. */
  if (self->change_ticks == 1)
    self->change_ticks = 0;

  return G_SOURCE_CONTINUE;
}

static void
changing_cb (EnsBenchProbe *self,
             GParamSpec    *pspec,
             GObject       *window)
{
  gboolean changing = FALSE;

  g_object_get (window, "changing", &changing, NULL);
  self->change_ticks = changing ? G_MAXUINT : 1;
}

/* A key pressed in the window: the half second after it (the keystroke
 * handled, the completion asked, its answer shown) counts as typing. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EnsBenchProbe         *self)
{
  /* Shortcuts (Ctrl+Q at the end of a run) are not typing. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  self->typing_until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  return GDK_EVENT_PROPAGATE;
}

/* The probe measures the app at work, not its start-up: it begins once
 * the window is on screen. */
static void
start_loop_probe_cb (EnsBenchProbe *self,
                     GtkWindow     *window)
{
  if (self->loop_probe_id == 0)
    self->loop_probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, loop_probe_cb, self, NULL);
  g_signal_connect_object (window, "notify::changing",
                           G_CALLBACK (changing_cb), self,
                           G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (window), keys);
  }
}

static gboolean
quit_signal_cb (gpointer user_data)
{
  EnsBenchProbe *self = user_data;

  /* A clean exit, so that shutdown can report the figures. */
  if (self->application != NULL)
    g_application_quit (self->application);

  return G_SOURCE_CONTINUE;
}

static void
ens_bench_probe_dispose (GObject *object)
{
  EnsBenchProbe *self = (EnsBenchProbe *)object;

  g_clear_handle_id (&self->loop_probe_id, g_source_remove);
  g_clear_handle_id (&self->signal_ids[0], g_source_remove);
  g_clear_handle_id (&self->signal_ids[1], g_source_remove);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (ens_bench_probe_parent_class)->dispose (object);
}

static void
ens_bench_probe_class_init (EnsBenchProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ens_bench_probe_dispose;
}

static void
ens_bench_probe_init (EnsBenchProbe *self)
{
}

/**
 * ens_bench_probe_new_from_environment:
 * @application: the app to quit when a probe is done
 *
 * Returns: (transfer full) (nullable): a probe, or %NULL when no
 *   benchmark asked for one
 */
EnsBenchProbe *
ens_bench_probe_new_from_environment (GApplication *application)
{
  EnsBenchProbe *self;
  gboolean first_frame = g_strcmp0 (g_getenv ("ENS_EXIT_AFTER_FIRST_FRAME"), "1") == 0;
  gboolean loop_gap = g_strcmp0 (g_getenv ("ENS_MAX_LOOP_GAP"), "1") == 0;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  if (!first_frame && !loop_gap)
    return NULL;

  self = g_object_new (ENS_TYPE_BENCH_PROBE, NULL);
  g_set_weak_pointer (&self->application, application);
  self->exit_after_first_frame = first_frame;
  self->loop_probe_wanted = loop_gap;

  if (loop_gap)
    {
      self->signal_ids[0] = g_unix_signal_add (SIGINT, quit_signal_cb, self);
      self->signal_ids[1] = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
    }

  return self;
}

/**
 * ens_bench_probe_watch_window:
 * @window: a window with a "first-frame" signal and a "changing" property
 */
void
ens_bench_probe_watch_window (EnsBenchProbe *self,
                              GtkWindow     *window)
{
  g_return_if_fail (ENS_IS_BENCH_PROBE (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (self->loop_probe_wanted)
    g_signal_connect_object (window, "first-frame",
                             G_CALLBACK (start_loop_probe_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->exit_after_first_frame)
    g_signal_connect_object (window, "first-frame",
                             G_CALLBACK (first_frame_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Prints the loop figures, at exit. */
void
ens_bench_probe_report (EnsBenchProbe *self)
{
  g_return_if_fail (ENS_IS_BENCH_PROBE (self));

  if (!self->loop_probe_wanted)
    return;

  g_print ("max-loop-gap-us %" G_GINT64_FORMAT "\n", self->loop_max_gap);
  g_print ("change-max-loop-gap-us %" G_GINT64_FORMAT "\n", self->change_max_gap);
  g_print ("typing-max-loop-gap-us %" G_GINT64_FORMAT "\n", self->typing_max_gap);
  g_clear_handle_id (&self->loop_probe_id, g_source_remove);
}
