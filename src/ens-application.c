/* ens-application.c
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

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "ens-application.h"
#include "ens-client.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-preferences-window.h"
#include "ens-window.h"

struct _EnsApplication
{
  AdwApplication      parent_instance;

  /* Owned references */
  GSettings          *settings;
  EnsClient          *client;
  EnsCredentialStore *credential_store;
  EnsEmulator        *emulator;           /* the demo simulator, while it runs */
  char               *endpoint_override;  /* --endpoint, for this run only */

  /* ENS_MAX_LOOP_GAP=1: the largest gap between main loop iterations,
   * over the whole run and while a change of sharing runs */
  gint64              loop_last_tick;
  gint64              loop_max_gap;
  gint64              change_max_gap;
  guint               loop_probe_id;
  guint               change_ticks;       /* ticks left to count as the change's */

  guint               demo_requested : 1;
  guint               loop_probe_wanted : 1;
  guint               exit_after_first_frame : 1;
};

G_DEFINE_FINAL_TYPE (EnsApplication, ens_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Try the app with made-up images on a local simulator"), NULL },
  { "endpoint", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Use this API endpoint for this run, without saving it"), N_("URL") },
  { NULL }
};

/* Settings {{{ */

static void
ens_application_apply_endpoint (EnsApplication *self)
{
  g_autofree char *endpoint = NULL;
  g_autoptr(GError) error = NULL;

  /* The demo simulator's address wins while the demo runs. */
  if (self->emulator != NULL)
    return;

  if (self->endpoint_override != NULL)
    endpoint = g_strdup (self->endpoint_override);
  else
    endpoint = g_settings_get_string (self->settings, "endpoint");

  if (!ens_client_set_endpoint (self->client, endpoint, &error))
    g_warning ("Ignoring the endpoint setting “%s”: %s", endpoint, error->message);
}

static void
settings_changed_cb (EnsApplication *self,
                     const char     *key,
                     GSettings      *settings)
{
  if (key == NULL || g_str_equal (key, "endpoint"))
    ens_application_apply_endpoint (self);

  if (key == NULL || g_str_equal (key, "signature-version"))
    ens_client_set_signature_version (self->client,
                                      g_settings_get_enum (settings, "signature-version"));

  if (key == NULL || g_str_equal (key, "connect-timeout") || g_str_equal (key, "timeout"))
    ens_client_set_timeouts (self->client,
                             g_settings_get_uint (settings, "connect-timeout"),
                             g_settings_get_uint (settings, "timeout"));

  if (key == NULL || g_str_equal (key, "concurrency"))
    ens_client_set_concurrency (self->client, g_settings_get_uint (settings, "concurrency"));

  if (key == NULL || g_str_equal (key, "batch-size"))
    ens_client_set_batch_size (self->client, g_settings_get_uint (settings, "batch-size"));
}

/* }}} */

/* Demo {{{ */

static void
ens_application_set_windows_demo (EnsApplication *self,
                                  gboolean        demo)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ENS_IS_WINDOW (l->data))
      ens_window_set_demo (ENS_WINDOW (l->data), demo);
}

/**
 * ens_application_start_demo:
 *
 * Starts the ENS simulator in this process with its demo images, points
 * the client at it and signs in with the simulator's public demo key, for
 * this session only.  Nothing goes to Alibaba Cloud until the demo stops.
 */
gboolean
ens_application_start_demo (EnsApplication  *self,
                            GError         **error)
{
  g_autoptr(EnsEmulator) emulator = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (ENS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->emulator != NULL)
    return TRUE;

  emulator = ens_emulator_new ();
  ens_emulator_load_demo (emulator);
  if (!ens_emulator_listen (emulator, 0, error))
    return FALSE;

  url = ens_emulator_dup_url (emulator);
  if (!ens_client_set_endpoint (self->client, url, error))
    {
      ens_emulator_stop (emulator);
      return FALSE;
    }

  g_debug ("Demo simulator listening at %s", url);

  credentials = ens_credentials_new (ENS_EMULATOR_DEMO_KEY_ID, ENS_EMULATOR_DEMO_KEY_SECRET, NULL);
  ens_client_set_credentials (self->client, credentials);
  ens_credential_store_set_session_credentials (self->credential_store, "demo", credentials);
  self->emulator = g_steal_pointer (&emulator);

  ens_application_set_windows_demo (self, TRUE);

  return TRUE;
}

/**
 * ens_application_stop_demo:
 *
 * Stops the simulator, forgets the demo key and points the client back at
 * the configured endpoint.  Windows show "Sign In" again.
 */
void
ens_application_stop_demo (EnsApplication *self)
{
  g_return_if_fail (ENS_IS_APPLICATION (self));

  if (self->emulator == NULL)
    return;

  ens_emulator_stop (self->emulator);
  g_clear_object (&self->emulator);

  ens_client_set_credentials (self->client, NULL);
  ens_credential_store_clear_session_credentials (self->credential_store);
  ens_application_apply_endpoint (self);

  ens_application_set_windows_demo (self, FALSE);
}

gboolean
ens_application_get_demo (EnsApplication *self)
{
  g_return_val_if_fail (ENS_IS_APPLICATION (self), FALSE);

  return self->emulator != NULL;
}

/* }}} */

/* Probes for the benchmarks {{{ */

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
first_frame_cb (EnsApplication *self)
{
  /* The same clock as the benchmark's start time (CLOCK_MONOTONIC). */
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("rss-kib %ld\n", rss_kib ());
  g_application_quit (G_APPLICATION (self));
}

static gboolean
loop_probe_cb (gpointer user_data)
{
  EnsApplication *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->loop_last_tick != 0)
    {
      self->loop_max_gap = MAX (self->loop_max_gap, now - self->loop_last_tick);
      if (self->change_ticks > 0)
        self->change_max_gap = MAX (self->change_max_gap, now - self->loop_last_tick);
    }
  self->loop_last_tick = now;

  /* G_MAXUINT while the change runs; the tick after its end still counts,
   * for the gap that holds the showing of its outcome. */
  if (self->change_ticks == 1)
    self->change_ticks = 0;

  return G_SOURCE_CONTINUE;
}

static void
changing_cb (EnsApplication *self,
             GParamSpec     *pspec,
             EnsWindow      *window)
{
  self->change_ticks = ens_window_get_changing (window) ? G_MAXUINT : 1;
}

/* The probe measures the app at work, not its start-up: it begins once
 * the window is on screen. */
static void
start_loop_probe_cb (EnsApplication *self,
                     EnsWindow      *window)
{
  if (self->loop_probe_id == 0)
    self->loop_probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, loop_probe_cb, self, NULL);
  g_signal_connect_object (window, "notify::changing",
                           G_CALLBACK (changing_cb), self,
                           G_CONNECT_SWAPPED);
}

/* }}} */

/* Actions {{{ */

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EnsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (ens_preferences_window_new (parent, self->settings));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  EnsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  /* Built when asked and destroyed when closed: a hidden window kept from
   * start-up would cost time and memory, and GTK 4.8's AT-SPI bridge can
   * trip over a toplevel that was never realized. */
  builder = gtk_builder_new_from_resource (APP_PATH "/ens-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = {
    "The ENS Image Share authors",
    NULL
  };
  EnsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("ENS Image Share"),
                        "application-icon", BASE_APP_ID,
                        "developer-name", _("The ENS Image Share authors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The ENS Image Share authors",
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EnsApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close each window, so that one with accounts still waiting can ask
   * first; the app quits when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  if (windows == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* }}} */

/* GApplication {{{ */

static int
ens_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  EnsApplication *self = ENS_APPLICATION (app);
  const char *endpoint = NULL;

  if (g_variant_dict_lookup (options, "endpoint", "&s", &endpoint))
    {
      g_autoptr(GError) error = NULL;

      if (!ens_client_check_endpoint (endpoint, &error))
        {
          /* Translators: %s explains why the URL cannot be used */
          g_printerr (_("Cannot use that endpoint: %s\n"), error->message);
          return 2;
        }
      self->endpoint_override = g_strdup (endpoint);
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo_requested = TRUE;

  /* A run with its own endpoint or the demo must not hand its work to an
   * instance that is already running with other settings. */
  if (self->endpoint_override != NULL || self->demo_requested)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (ens_application_parent_class)->handle_local_options (app, options);
}

static gboolean
quit_signal_cb (gpointer user_data)
{
  /* A clean exit, so that shutdown can report the probe's figure. */
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
ens_application_startup (GApplication *app)
{
  EnsApplication *self = ENS_APPLICATION (app);
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ens_application_parent_class)->startup (app);

  self->settings = g_settings_new (BASE_APP_ID);
  self->client = ens_client_new ();
  self->credential_store = ens_credential_store_new ();
  settings_changed_cb (self, NULL, self->settings);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  self->exit_after_first_frame = g_strcmp0 (g_getenv ("ENS_EXIT_AFTER_FIRST_FRAME"), "1") == 0;

  self->loop_probe_wanted = g_strcmp0 (g_getenv ("ENS_MAX_LOOP_GAP"), "1") == 0;
  if (self->loop_probe_wanted)
    {
      g_unix_signal_add (SIGINT, quit_signal_cb, self);
      g_unix_signal_add (SIGTERM, quit_signal_cb, self);
    }
}

static void
ens_application_activate (GApplication *app)
{
  EnsApplication *self = ENS_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->demo_requested && self->emulator == NULL &&
          !ens_application_start_demo (self, &error))
        {
          g_printerr (_("Could not start the demo: %s\n"), error->message);
          g_application_quit (app);
          return;
        }

      window = GTK_WINDOW (ens_window_new (GTK_APPLICATION (app),
                                           self->client,
                                           self->credential_store,
                                           self->settings,
                                           self->emulator == NULL));
      if (self->emulator != NULL)
        ens_window_set_demo (ENS_WINDOW (window), TRUE);

      if (self->loop_probe_wanted)
        g_signal_connect_object (window, "first-frame",
                                 G_CALLBACK (start_loop_probe_cb), self,
                                 G_CONNECT_SWAPPED);
      if (self->exit_after_first_frame)
        g_signal_connect_object (window, "first-frame",
                                 G_CALLBACK (first_frame_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  gtk_window_present (window);
}

static void
ens_application_shutdown (GApplication *app)
{
  EnsApplication *self = ENS_APPLICATION (app);

  if (self->loop_probe_wanted)
    {
      g_print ("max-loop-gap-us %" G_GINT64_FORMAT "\n", self->loop_max_gap);
      g_print ("change-max-loop-gap-us %" G_GINT64_FORMAT "\n", self->change_max_gap);
      g_clear_handle_id (&self->loop_probe_id, g_source_remove);
    }

  if (self->emulator != NULL)
    ens_emulator_stop (self->emulator);

  G_APPLICATION_CLASS (ens_application_parent_class)->shutdown (app);
}

static void
ens_application_dispose (GObject *object)
{
  EnsApplication *self = (EnsApplication *)object;

  g_clear_object (&self->emulator);
  g_clear_object (&self->client);
  g_clear_object (&self->credential_store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ens_application_parent_class)->dispose (object);
}

static void
ens_application_finalize (GObject *object)
{
  EnsApplication *self = (EnsApplication *)object;

  g_clear_pointer (&self->endpoint_override, g_free);

  G_OBJECT_CLASS (ens_application_parent_class)->finalize (object);
}

static void
ens_application_class_init (EnsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ens_application_dispose;
  object_class->finalize = ens_application_finalize;

  app_class->handle_local_options = ens_application_handle_local_options;
  app_class->startup = ens_application_startup;
  app_class->activate = ens_application_activate;
  app_class->shutdown = ens_application_shutdown;
}

static void
ens_application_init (EnsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Share Alibaba Cloud ENS images with other accounts."));
}

/* }}} */

EnsApplication *
ens_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (ENS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", APP_PATH,
                       NULL);
}

GSettings *
ens_application_get_settings (EnsApplication *self)
{
  g_return_val_if_fail (ENS_IS_APPLICATION (self), NULL);

  return self->settings;
}

EnsClient *
ens_application_get_client (EnsApplication *self)
{
  g_return_val_if_fail (ENS_IS_APPLICATION (self), NULL);

  return self->client;
}

EnsCredentialStore *
ens_application_get_credential_store (EnsApplication *self)
{
  g_return_val_if_fail (ENS_IS_APPLICATION (self), NULL);

  return self->credential_store;
}
