/* ens-window.c
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

#include "ens-error-dialog.h"
#include "ens-message-dialog.h"
#include "ens-window-private.h"

G_DEFINE_FINAL_TYPE (EnsWindow, ens_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_AUTO_SIGN_IN,
  PROP_CHANGING,
  N_PROPS
};

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
ens_window_is_disposed (EnsWindow *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

void
_ens_window_add_toast (EnsWindow *self,
                       AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/*
 * Shows one of the pages of the window's stack.  All but "starting" are
 * hidden in ens-window.ui until they are first shown: a hidden stack page
 * is still styled, and its icons looked up and loaded (the status page's
 * 128-pixel SVG app icon, through librsvg), before the first frame, which
 * shows none of them.
 */
void
_ens_window_show_page (EnsWindow  *self,
                       const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  g_return_if_fail (page != NULL);

  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->stack, page);
}

/* What the editor reports (toasts, errors) and the profile menu {{{ */

static void
editor_toast_cb (EnsWindow      *self,
                 const char     *title,
                 guint           undo_number,
                 EnsShareEditor *editor)
{
  AdwToast *toast = adw_toast_new (title);

  /* Undo runs exactly the inverse of what was reported. */
  if (undo_number != 0)
    {
      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_set_action_target (toast, "u", undo_number);
    }

  _ens_window_add_toast (self, toast);
}

static void
editor_failed_cb (EnsWindow      *self,
                  const GError   *error,
                  EnsSharePlan   *plan,
                  EnsShareEditor *editor)
{
  ens_error_dialog_present_named (GTK_WINDOW (self), error, plan,
                                  ens_session_get_recipients (self->session));
}

static void
editor_busy_cb (EnsWindow *self)
{
  /* The change ended while "Changes Are Being Sent" was asked: nothing is
   * being sent any more, so the question goes and the window shows how
   * it ended (closing again asks only what is still true). */
  if (!ens_share_editor_get_busy (self->editor) && self->stop_question != NULL)
    g_cancellable_cancel (self->stop_question);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGING]);
}

/* The profile menu is only filled when it is about to open. */
static void
profile_menu_popup_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  EnsWindow *self = ENS_WINDOW (user_data);

  ens_profile_menu_update (self->profile_menu);
}

/* }}} */

/* Signing in {{{ */

static void
session_signed_in_cb (EnsWindow           *self,
                      const char          *profile,
                      EnsCredentialSource  source,
                      EnsSession          *session)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "history") != 0 && g_strcmp0 (page, "recipients") != 0)
    _ens_window_show_page (self, "main");

  /* What an earlier run with this AccessKey left unfinished. */
  ens_change_runner_recover (ens_share_editor_get_runner (self->editor));
}

static void
runner_notice_cb (EnsWindow       *self,
                  const char      *message,
                  EnsChangeRunner *runner)
{
  _ens_window_add_toast (self, adw_toast_new (message));
}

static void
session_notify_signed_in_cb (EnsWindow  *self,
                             GParamSpec *pspec,
                             EnsSession *session)
{
  if (!ens_session_get_signed_in (session))
    _ens_window_show_page (self, "signed-out");
}

static void
session_notify_demo_cb (EnsWindow  *self,
                        GParamSpec *pspec,
                        EnsSession *session)
{
  gboolean demo = ens_session_get_demo (session);

  gtk_widget_set_visible (self->demo_banner, demo);
  _ens_window_update_title (self);
}

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  ens_session_resolve_finish (ENS_SESSION (object), result, &error);

  if (ens_window_is_disposed (self) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Found: the session said so through "signed-in" already. */
  if (!ens_session_get_signed_in (self->session))
    _ens_window_show_page (self, "signed-out");

  /* For the profile menu. */
  ens_session_refresh_profiles (self->session);

  if (error == NULL)
    return;

  toast = adw_toast_new (_("Could not read the saved profiles"));
  adw_toast_set_button_label (toast, _("Details"));
  adw_toast_set_action_name (toast, "win.show-credential-error");
  adw_toast_set_timeout (toast, 0);
  _ens_window_add_toast (self, toast);
}

static gboolean
resolve_idle_cb (gpointer user_data)
{
  EnsWindow *self = user_data;

  self->resolve_idle_id = 0;

  if (!ens_session_get_signed_in (self->session))
    ens_session_resolve_async (self->session, NULL, self->cancellable,
                               resolve_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* }}} */

/* Life cycle {{{ */

static void
after_paint_cb (EnsWindow     *self,
                GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->after_paint_id, clock);

  if (self->first_frame_done)
    return;
  self->first_frame_done = TRUE;

  /* The keyring is only touched once the window is on screen, and not
   * even in this frame's main loop iteration. */
  if (self->auto_sign_in && !ens_session_get_signed_in (self->session))
    self->resolve_idle_id = g_idle_add (resolve_idle_cb, self);

  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
ens_window_realize (GtkWidget *widget)
{
  EnsWindow *self = (EnsWindow *)widget;
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (ens_window_parent_class)->realize (widget);

  clock = gtk_widget_get_frame_clock (widget);
  if (!self->first_frame_done && clock != NULL && self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect_object (clock, "after-paint",
                                                    G_CALLBACK (after_paint_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
ens_window_unrealize (GtkWidget *widget)
{
  EnsWindow *self = (EnsWindow *)widget;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, clock);
  self->after_paint_id = 0;

  GTK_WIDGET_CLASS (ens_window_parent_class)->unrealize (widget);
}

static void
ens_window_save_size (EnsWindow *self)
{
  GSettings *settings = ens_session_get_settings (self->session);
  int width = 0;
  int height = 0;

  if (settings == NULL)
    return;

  /* Not through g_settings_delay(): these settings are the session's, and
   * a GSettings once delayed stays so, which would hold back every later
   * write (what is kept when a stopped change ends, below). */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", CLAMP (width, 360, 10000));
      g_settings_set_int (settings, "window-height", CLAMP (height, 294, 10000));
    }
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
close_confirmed_idle_cb (gpointer user_data)
{
  g_autoptr(EnsWindow) self = user_data;

  if (!ens_window_is_disposed (self))
    gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
confirm_discard_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;

  if (!ens_message_dialog_confirm_finish (result, NULL) || ens_window_is_disposed (self))
    return;

  /* Not right away: the answer may come while the dialog, transient for
   * this window, is still being taken down, and GTK 4.8 would then touch
   * the freed window when the dialog goes. */
  self->close_confirmed = TRUE;
  g_idle_add (close_confirmed_idle_cb, g_steal_pointer (&self));
}

/* After "Stop and Close": the requests under way have ended (their
 * outcomes recorded in the plan and the activity), so what was not shared
 * is kept for the next start and the application may go. */
static void
stopped_run_finished_cb (EnsShareEditor *editor,
                         EnsSharePlan   *plan,
                         GApplication   *application)
{
  g_signal_handlers_disconnect_by_func (editor, stopped_run_finished_cb, application);
  ens_share_editor_keep_unsent (editor, TRUE);
  g_debug ("The stopped change ended: %u of %u accounts have an outcome",
           ens_share_plan_get_done (plan), ens_share_plan_get_total (plan));
  g_application_release (application);
}

static void
confirm_stop_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  GtkApplication *application;

  g_clear_object (&self->stop_question);
  if (!ens_message_dialog_confirm_finish (result, NULL) || ens_window_is_disposed (self))
    return;

  /* Nothing new is sent; what is under way finishes and is recorded.
   * The application stays until then, without a window. */
  ens_share_editor_cancel (self->editor);
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (ens_share_editor_get_busy (self->editor) && application != NULL)
    {
      g_application_hold (G_APPLICATION (application));
      g_signal_connect_object (self->editor, "finished",
                               G_CALLBACK (stopped_run_finished_cb), application, 0);
    }
  else
    {
      ens_share_editor_keep_unsent (self->editor, TRUE);
    }

  self->stop_confirmed = TRUE;
  g_idle_add (close_confirmed_idle_cb, g_steal_pointer (&self));
}

static gboolean
ens_window_close_request (GtkWindow *window)
{
  EnsWindow *self = (EnsWindow *)window;
  guint n_pending = g_list_model_get_n_items (G_LIST_MODEL (ens_share_editor_get_pending (self->editor)));

  if (ens_share_editor_get_busy (self->editor) && !self->stop_confirmed)
    {
      EnsChangeRunner *runner = ens_share_editor_get_runner (self->editor);
      g_autofree char *body = NULL;

      if (self->stop_question != NULL)
        return TRUE;

      /* Translators: %s is the progress, e.g. "40 of 50" */
      body = g_strdup_printf (_("%s done. If you stop now, nothing more is sent: the requests "
                                "under way finish and are recorded before the app quits. "
                                "Accounts not shared yet come back in “Accounts to add” next time."),
                              ens_change_runner_get_progress_text (runner));
      /* Goes with the window too (ens_window_dispose()). */
      self->stop_question = g_cancellable_new ();
      ens_message_dialog_confirm_full_async (window,
                                             _("Changes Are Being Sent"),
                                             body,
                                             _("_Keep Open"),
                                             _("_Stop and Close"),
                                             TRUE,
                                             self->stop_question,
                                             confirm_stop_cb,
                                             g_object_ref (self));
      return TRUE;
    }

  if (n_pending > 0 && !self->close_confirmed && !self->stop_confirmed)
    {
      g_autofree char *body = NULL;

      body = g_strdup_printf (ngettext ("%u account you entered has not been shared with yet. "
                                        "If you close the window, it is forgotten.",
                                        "%u accounts you entered have not been shared with yet. "
                                        "If you close the window, they are forgotten.",
                                        n_pending),
                              n_pending);
      ens_message_dialog_confirm_async (window,
                                        _("Discard pending accounts?"),
                                        body,
                                        _("Discard"),
                                        TRUE,
                                        self->cancellable,
                                        confirm_discard_cb,
                                        g_object_ref (self));
      return TRUE;
    }

  ens_window_save_size (self);

  /* What is typed but not added is never lost: it comes back next time.
   * (After "Stop and Close" the end of the run keeps it, pending
   * accounts included.) */
  if (!self->stop_confirmed)
    ens_share_editor_keep_unsent (self->editor, FALSE);

  /* Requests that have not started yet are not sent. */
  ens_share_editor_cancel (self->editor);

  return GTK_WINDOW_CLASS (ens_window_parent_class)->close_request (window);
}

static void
ens_window_constructed (GObject *object)
{
  EnsWindow *self = (EnsWindow *)object;
  GSettings *settings;

  G_OBJECT_CLASS (ens_window_parent_class)->constructed (object);

  g_assert (ENS_IS_SESSION (self->session));
  settings = ens_session_get_settings (self->session);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  self->editor = ens_share_editor_new (self->session);
  g_signal_connect_object (self->editor, "toast", G_CALLBACK (editor_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "failed", G_CALLBACK (editor_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "disagrees", G_CALLBACK (_ens_window_show_disagreement), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::busy", G_CALLBACK (editor_busy_cb), self, G_CONNECT_SWAPPED);
  ens_sharing_page_set_editor (self->share_page, self->editor);
  ens_progress_bar_set_runner (self->progress_bar, ens_share_editor_get_runner (self->editor));
  g_signal_connect_object (ens_share_editor_get_runner (self->editor), "notice",
                           G_CALLBACK (runner_notice_cb), self, G_CONNECT_SWAPPED);
  /* A change ended (its entry is added): the History page reads it. */
  g_signal_connect_object (ens_change_runner_get_activity (ens_share_editor_get_runner (self->editor)),
                           "items-changed", G_CALLBACK (_ens_window_history_changed), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "signed-in",
                           G_CALLBACK (session_signed_in_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::signed-in",
                           G_CALLBACK (session_notify_signed_in_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::demo",
                           G_CALLBACK (session_notify_demo_cb), self, G_CONNECT_SWAPPED);
  session_notify_demo_cb (self, NULL, self->session);

  self->profile_menu = ens_profile_menu_new (self->session);
  gtk_menu_button_set_menu_model (self->profile_button, ens_profile_menu_get_menu_model (self->profile_menu));
  gtk_menu_button_set_create_popup_func (self->profile_button, profile_menu_popup_cb, self, NULL);
  g_object_bind_property (self->profile_menu, "tooltip",
                          self->profile_button, "tooltip-text", G_BINDING_SYNC_CREATE);

  _ens_window_actions_init (self);
  _ens_window_home_init (self);
  _ens_window_recipients_init (self);

  if (ens_share_editor_restore_unsent (self->editor))
    _ens_window_add_toast (self, adw_toast_new (_("What you typed last time is back in “Accounts to add”")));

  if (ens_session_get_signed_in (self->session))
    _ens_window_show_page (self, "main");
  else if (!self->auto_sign_in)
    _ens_window_show_page (self, "signed-out");
}

static void
ens_window_dispose (GObject *object)
{
  EnsWindow *self = (EnsWindow *)object;

  /* Marks the window as gone for the callbacks still to come. */
  g_cancellable_cancel (self->cancellable);
  if (self->editor != NULL)
    ens_share_editor_cancel (self->editor);
  g_clear_handle_id (&self->resolve_idle_id, g_source_remove);
  if (self->stop_question != NULL)
    g_cancellable_cancel (self->stop_question);
  _ens_window_actions_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_WINDOW);

  g_clear_object (&self->editor);
  g_clear_object (&self->profile_menu);
  g_clear_object (&self->history_list);

  G_OBJECT_CLASS (ens_window_parent_class)->dispose (object);
}

static void
ens_window_finalize (GObject *object)
{
  EnsWindow *self = (EnsWindow *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ens_window_parent_class)->finalize (object);
}

static void
ens_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EnsWindow *self = ENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_AUTO_SIGN_IN:
      g_value_set_boolean (value, self->auto_sign_in);
      break;

    case PROP_CHANGING:
      g_value_set_boolean (value, ens_window_get_changing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EnsWindow *self = ENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_AUTO_SIGN_IN:
      self->auto_sign_in = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_window_class_init (EnsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ens_window_constructed;
  object_class->dispose = ens_window_dispose;
  object_class->finalize = ens_window_finalize;
  object_class->get_property = ens_window_get_property;
  object_class->set_property = ens_window_set_property;

  widget_class->realize = ens_window_realize;
  widget_class->unrealize = ens_window_unrealize;

  window_class->close_request = ens_window_close_request;

  /**
   * EnsWindow:session:
   *
   * The signed-in session: its client, profiles, settings and demo.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ENS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsWindow:auto-sign-in:
   *
   * Whether to look for credentials (environment, keyring) after the
   * first frame when the session is signed out.
   */
  properties[PROP_AUTO_SIGN_IN] =
    g_param_spec_boolean ("auto-sign-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsWindow:changing:
   *
   * Whether a change of sharing is running: from the press of Share or
   * Stop Sharing until the change has finished and the window shows what
   * it did.
   */
  properties[PROP_CHANGING] =
    g_param_spec_boolean ("changing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsWindow::first-frame:
   *
   * Emitted once, after the window painted its first frame.
   */
  signals[FIRST_FRAME] =
    g_signal_new ("first-frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (ENS_TYPE_HISTORY_VIEW);
  g_type_ensure (ENS_TYPE_SHARING_PAGE);
  g_type_ensure (ENS_TYPE_IMAGE_SPLIT);
  g_type_ensure (ENS_TYPE_IMAGES_PAGE);
  g_type_ensure (ENS_TYPE_PROGRESS_BAR);
  g_type_ensure (ENS_TYPE_RECIPIENTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ens-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, signed_out_page);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, image_split);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, images_page);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, share_page);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, recipients_page);

  _ens_window_class_actions_init (widget_class);
  _ens_window_class_home_init (widget_class);
}

static void
ens_window_init (EnsWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* }}} */

/**
 * ens_window_new:
 * @application: (nullable): the application
 * @session: the signed-in session
 * @auto_sign_in: whether to look for credentials after the first frame
 *
 * Returns: (transfer full): a new window
 */
EnsWindow *
ens_window_new (GtkApplication *application,
                EnsSession     *session,
                gboolean        auto_sign_in)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);

  return g_object_new (ENS_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "auto-sign-in", auto_sign_in,
                       NULL);
}

/**
 * ens_window_set_history:
 * @history: (nullable): where changes are recorded before they are sent
 *
 * Records every change of this window in @history (and refuses to send
 * one that cannot be recorded), and checks what an earlier run left
 * unfinished.
 */
void
ens_window_set_history (EnsWindow  *self,
                        EnsHistory *history)
{
  EnsChangeRunner *runner;

  g_return_if_fail (ENS_IS_WINDOW (self));
  g_return_if_fail (history == NULL || ENS_IS_HISTORY (history));

  runner = ens_share_editor_get_runner (self->editor);
  ens_change_runner_set_history (runner, history, self->session);
  g_clear_object (&self->history_list);
  if (history != NULL)
    self->history_list = ens_history_list_new (history);
  ens_history_view_set_model (self->history_view, self->history_list);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "export-history")),
                               history != NULL);
  if (history != NULL && ens_session_get_signed_in (self->session))
    ens_change_runner_recover (runner);
}

gboolean
ens_window_get_changing (EnsWindow *self)
{
  g_return_val_if_fail (ENS_IS_WINDOW (self), FALSE);

  return self->editor != NULL && ens_share_editor_get_busy (self->editor);
}
