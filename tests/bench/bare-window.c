/* bare-window.c
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
 * The start-up and memory baseline: a bare AdwApplicationWindow, built with
 * the same flags and libraries as the app, that reports its first frame
 * the same way the app does under ENS_EXIT_AFTER_FIRST_FRAME=1.  It has
 * what any usable libadwaita window has, a header bar with the window's
 * title and buttons (an AdwApplicationWindow has none of its own), over an
 * empty status page; BARE_NO_HEADER_BAR=1 leaves the header bar out.
 *
 * With BARE_PROGRESS_FRAMES=N it is the responsiveness baseline instead:
 * the window shows a progress bar that moves on each of N frames, the
 * least a window showing progress redraws, and prints the largest gap
 * between main loop iterations the way the app does under
 * ENS_MAX_LOOP_GAP=1.
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

typedef struct
{
  GApplication *app;
  GtkWidget    *progress;
  guint         frames_left;
  guint         n_frames;
  gint64        last_tick;
  gint64        max_gap;
} Progress;

static Progress progress;

static gboolean
probe_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (progress.last_tick != 0)
    progress.max_gap = MAX (progress.max_gap, now - progress.last_tick);
  progress.last_tick = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
progress_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  guint done = progress.n_frames - progress.frames_left;
  g_autofree char *text = g_strdup_printf ("%u of %u", done, progress.n_frames);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress.progress), (double)done / progress.n_frames);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (progress.progress), text);

  if (progress.frames_left-- > 0)
    return G_SOURCE_CONTINUE;

  g_print ("max-loop-gap-us %" G_GINT64_FORMAT "\n", progress.max_gap);
  g_application_quit (progress.app);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);

  if (progress.n_frames > 0)
    {
      g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_cb, NULL, NULL);
      gtk_widget_add_tick_callback (progress.progress, progress_tick_cb, NULL, NULL);
      return;
    }

  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("rss-kib %ld\n", rss_kib ());
  g_application_quit (app);
}

static void
realize_cb (GtkWidget    *window,
            GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Bare Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 680);
  gtk_widget_set_vexpand (page, TRUE);

  if (g_getenv ("BARE_NO_HEADER_BAR") == NULL)
    gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);

  if (progress.n_frames > 0)
    {
      progress.app = app;
      progress.progress = gtk_progress_bar_new ();
      gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (progress.progress), TRUE);
      gtk_box_append (GTK_BOX (box), progress.progress);
    }

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.ensimageshare.BareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  const char *frames = g_getenv ("BARE_PROGRESS_FRAMES");

  if (frames != NULL)
    progress.frames_left = progress.n_frames = (guint) g_ascii_strtoull (frames, NULL, 10);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
