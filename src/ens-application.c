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

#include "ens-application.h"
#include "ens-bench-probe.h"
#include "ens-preferences-window.h"
#include "ens-image-catalog.h"
#include "ens-session.h"
#include "ens-window.h"

struct _EnsApplication
{
  AdwApplication      parent_instance;

  /* Owned references */
  GSettings          *settings;
  EnsSession         *session;
  EnsBenchProbe      *bench_probe;        /* only when a benchmark asks */
  EnsHistory         *history;            /* the lasting record of changes */
  char               *endpoint_override;  /* --endpoint, for this run only */

  guint               demo_requested : 1;
};

G_DEFINE_FINAL_TYPE (EnsApplication, ens_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Try the app with made-up images on a local simulator"), NULL },
  { "endpoint", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Use this API endpoint for this run, without saving it"), N_("URL") },
  { NULL }
};

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

static void
ens_application_startup (GApplication *app)
{
  EnsApplication *self = ENS_APPLICATION (app);
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *history_accels[] = { "<Control>h", NULL };
  static const char *recipients_accels[] = { "<Control>r", NULL };
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(EnsCredentialStore) credential_store = NULL;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (ens_application_parent_class)->startup (app);

  self->settings = g_settings_new (BASE_APP_ID);
  client = ens_client_new ();
  credential_store = ens_credential_store_new ();
  self->session = ens_session_new (client, credential_store, self->settings);
  if (self->endpoint_override != NULL &&
      !ens_session_set_endpoint_override (self->session, self->endpoint_override, &error))
    g_warning ("Ignoring --endpoint: %s", error->message);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-history", history_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-recipients", recipients_accels);

  self->bench_probe = ens_bench_probe_new_from_environment (G_APPLICATION (self));

  /* One store per process, opened on a worker thread when first needed:
   * the history and the address book share it. */
  self->history = ens_history_new (NULL);
  ens_session_set_store (self->session, ens_history_get_store (self->history));
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

      if (self->demo_requested && !ens_session_get_demo (self->session) &&
          !ens_session_start_demo (self->session, &error))
        {
          g_printerr (_("Could not start the demo: %s\n"), error->message);
          g_application_quit (app);
          return;
        }

      window = GTK_WINDOW (ens_window_new (GTK_APPLICATION (app),
                                           self->session,
                                           !ens_session_get_demo (self->session)));
      ens_window_set_history (ENS_WINDOW (window), self->history);
      if (self->bench_probe != NULL)
        ens_bench_probe_watch_window (self->bench_probe, window);
    }

  gtk_window_present (window);
}

static void
ens_application_shutdown (GApplication *app)
{
  EnsApplication *self = ENS_APPLICATION (app);

  if (self->bench_probe != NULL)
    ens_bench_probe_report (self->bench_probe);

  if (self->session != NULL)
    {
      EnsClient *client = ens_session_get_client (self->session);
      gint64 end = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;

      /* Nothing new is read for the image list (share counts), and the
       * requests still on their way (each bounded by its timeout) are let
       * end, at most 2 s: none is left half-read when the process exits.
       * Changes under way are not concerned: the application holds
       * itself until they end (see ens-window.c). */
      ens_image_catalog_clear (ens_session_get_images (self->session));
      while (ens_client_get_n_calls (client) > 0 && g_get_monotonic_time () < end)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (2 * G_TIME_SPAN_MILLISECOND);

      /* Stops the demo's simulator, if it runs. */
      ens_session_stop_demo (self->session);
    }

  G_APPLICATION_CLASS (ens_application_parent_class)->shutdown (app);
}

static void
ens_application_dispose (GObject *object)
{
  EnsApplication *self = (EnsApplication *)object;

  g_clear_object (&self->bench_probe);
  g_clear_object (&self->session);
  g_clear_object (&self->history);
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

EnsSession *
ens_application_get_session (EnsApplication *self)
{
  g_return_val_if_fail (ENS_IS_APPLICATION (self), NULL);

  return self->session;
}
