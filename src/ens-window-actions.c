/* ens-window-actions.c
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
#include "ens-image-chooser.h"
#include "ens-message-dialog.h"
#include "ens-shared-account.h"
#include "ens-sign-in-dialog.h"
#include "ens-window-private.h"

/* How many account IDs a confirmation names before saying "and N more". */
#define MAX_NAMED_ACCOUNTS 5

/* Pages {{{ */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);

  _ens_window_show_page (self, ens_session_get_signed_in (self->session) ? "main" : "signed-out");
  adw_window_title_set_title (self->window_title, _("ENS Image Share"));
  _ens_window_update_state (self);
}

static void
show_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);

  _ens_window_show_page (self, "activity");
  adw_window_title_set_title (self->window_title, _("Recent Activity"));
  _ens_window_update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

/* }}} */

/* Signing in and profiles {{{ */

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);

  /* The session tells the window once the dialog signed in. */
  gtk_window_present (ens_sign_in_dialog_new (GTK_WINDOW (self), self->session));
}

static void
try_demo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ens_session_start_demo (self->session, &error))
    ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
}

static void
leave_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ens_session_stop_demo (ENS_WINDOW (widget)->session);
}

typedef struct
{
  EnsWindow *self;
  char      *profile;
} ProfileOp;

static void
profile_op_free (ProfileOp *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->profile, g_free);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProfileOp, profile_op_free)

static ProfileOp *
profile_op_new (EnsWindow  *self,
                const char *profile)
{
  ProfileOp *op = g_new0 (ProfileOp, 1);

  op->self = g_object_ref (self);
  op->profile = g_strdup (profile);

  return op;
}

static void
switch_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ens_session_switch_profile_finish (ENS_SESSION (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS))
    _ens_window_add_toast (self, adw_toast_new (error->message));
  else
    ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
}

static void
switch_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  const char *profile = g_variant_get_string (parameter, NULL);

  ens_session_switch_profile_async (self->session, profile, self->cancellable,
                                    switch_profile_cb, g_object_ref (self));
}

static void
remove_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ProfileOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!ens_session_remove_profile_finish (ENS_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ens_error_dialog_present (GTK_WINDOW (op->self), error, NULL);
      return;
    }

  /* Translators: %s is the name of a saved profile */
  title = g_strdup_printf (_("Profile “%s” removed"), op->profile);
  _ens_window_add_toast (op->self, adw_toast_new (title));
}

static void
confirm_remove_profile_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(ProfileOp) op = user_data;
  EnsWindow *self = op->self;

  if (!ens_message_dialog_confirm_finish (result, NULL) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  ens_session_remove_profile_async (self->session, op->profile, self->cancellable,
                                    remove_profile_cb, g_steal_pointer (&op));
}

static void
remove_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  const char *profile = ens_session_get_profile (self->session);
  g_autofree char *heading = NULL;

  if (ens_session_get_source (self->session) != ENS_CREDENTIAL_SOURCE_KEYRING || profile == NULL)
    return;

  /* Translators: %s is the name of a saved profile */
  heading = g_strdup_printf (_("Remove Profile “%s”?"), profile);
  ens_message_dialog_confirm_async (GTK_WINDOW (self),
                                    heading,
                                    _("Its AccessKey is deleted from this computer’s keyring. "
                                      "The AccessKey itself keeps working: you can add it again with Sign In."),
                                    _("Remove"),
                                    TRUE,
                                    self->cancellable,
                                    confirm_remove_profile_cb,
                                    profile_op_new (self, profile));
}

static void
profile_info_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  /* A line of text in the profile menu, never enabled. */
}

static void
show_credential_error_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  const GError *error = ens_session_get_credential_error (self->session);

  if (error != NULL)
    ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
}

/* }}} */

/* The image and its share list {{{ */

static void
image_chosen_cb (EnsWindow  *self,
                 const char *image_id,
                 GtkWindow  *chooser)
{
  gtk_editable_set_text (GTK_EDITABLE (self->image_row), image_id);
  /* No need to wait for more typing. */
  if (self->image_id != NULL)
    _ens_window_load_shared (self);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  GtkWindow *chooser;

  chooser = ens_image_chooser_new (GTK_WINDOW (self), ens_session_get_client (self->session));
  g_signal_connect_object (chooser, "image-chosen",
                           G_CALLBACK (image_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (chooser);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _ens_window_reload_shared (ENS_WINDOW (widget));
}

static void
load_error_details_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);

  if (self->load_error != NULL)
    ens_error_dialog_present (GTK_WINDOW (self), self->load_error, NULL);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  GListModel *model = G_LIST_MODEL (self->shared_model);
  guint n = g_list_model_get_n_items (model);
  gboolean select = self->n_selected < n;

  /* One state update for the lot, not one per account. */
  self->selecting_all = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (model, i);

      ens_shared_account_set_selected (item, select);
    }
  self->selecting_all = FALSE;

  _ens_window_update_state (self);
}

typedef struct
{
  EnsWindow *self;
  char      *image_id;
  GStrv      accounts;
} StopOp;

static void
stop_op_free (StopOp *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->image_id, g_free);
  g_clear_pointer (&op->accounts, g_strfreev);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StopOp, stop_op_free)

static void
confirm_stop_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StopOp) op = user_data;
  g_autoptr(EnsSharePlan) plan = NULL;
  EnsWindow *self = op->self;

  if (!ens_message_dialog_confirm_finish (result, NULL) ||
      g_cancellable_is_cancelled (self->cancellable) ||
      _ens_window_is_busy (self))
    return;

  plan = ens_share_plan_new (op->image_id, NULL, (const char * const *)op->accounts);
  _ens_window_run_plan (self, plan);
}

static char *
format_account_names (char **accounts)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = g_strv_length (accounts);

  for (guint i = 0; i < n && i < MAX_NAMED_ACCOUNTS; i++)
    {
      if (i > 0)
        /* Translators: the separator between account IDs in a list */
        g_string_append (names, _(", "));
      g_string_append (names, accounts[i]);
    }

  if (n > MAX_NAMED_ACCOUNTS)
    {
      guint more = n - MAX_NAMED_ACCOUNTS;

      g_string_append (names, " ");
      /* Translators: follows a list of account IDs */
      g_string_append_printf (names, ngettext ("and %u more", "and %u more", more), more);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
stop_sharing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  g_auto(GStrv) accounts = _ens_window_dup_selected (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *names = NULL;
  StopOp *op;
  guint n = g_strv_length (accounts);

  if (n == 0 || self->image_id == NULL || _ens_window_is_busy (self))
    return;

  heading = g_strdup_printf (ngettext ("Stop Sharing With %u Account?",
                                       "Stop Sharing With %u Accounts?", n),
                             n);
  names = format_account_names (accounts);
  /* Translators: the first %s is a list of account IDs, the second an image ID */
  body = g_strdup_printf (ngettext ("%s will no longer be able to use image %s.",
                                    "%s will no longer be able to use image %s.", n),
                          names, self->image_id);

  op = g_new0 (StopOp, 1);
  op->self = g_object_ref (self);
  op->image_id = g_strdup (self->image_id);
  op->accounts = g_steal_pointer (&accounts);

  ens_message_dialog_confirm_async (GTK_WINDOW (self),
                                    heading,
                                    body,
                                    _("Stop Sharing"),
                                    TRUE,
                                    self->cancellable,
                                    confirm_stop_cb,
                                    op);
}

/* }}} */

/* Sharing {{{ */

static void
add_accounts_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);

  _ens_window_add_accounts (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->accounts_row));
}

static void
share_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  g_autoptr(EnsSharePlan) plan = NULL;
  g_auto(GStrv) accounts = NULL;

  /* Ctrl+Return also takes what is still in the entry. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->accounts_row))[0] != '\0')
    _ens_window_add_accounts (self);

  if (self->image_id == NULL || _ens_window_is_busy (self))
    return;

  accounts = _ens_window_dup_ready_accounts (self);
  if (accounts[0] == NULL)
    return;

  plan = ens_share_plan_new (self->image_id, (const char * const *)accounts, NULL);
  _ens_window_run_plan (self, plan);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);

  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  guint number = g_variant_get_uint32 (parameter);
  g_autoptr(EnsSharePlan) plan = NULL;

  if (_ens_window_is_busy (self))
    return;

  if (!g_hash_table_steal_extended (self->undo_plans, GUINT_TO_POINTER (number),
                                    NULL, (gpointer *)&plan))
    return;

  _ens_window_run_plan (self, plan);
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EnsWindow *self = ENS_WINDOW (widget);
  const char *text = g_variant_get_string (parameter, NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  _ens_window_add_toast (self, adw_toast_new (_("Copied")));
}

/* }}} */

void
_ens_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-activity", NULL, show_activity_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.leave-demo", NULL, leave_demo_action);
  gtk_widget_class_install_action (widget_class, "win.switch-profile", "s", switch_profile_action);
  gtk_widget_class_install_action (widget_class, "win.remove-profile", NULL, remove_profile_action);
  gtk_widget_class_install_action (widget_class, "win.profile-info", NULL, profile_info_action);
  gtk_widget_class_install_action (widget_class, "win.show-credential-error", NULL, show_credential_error_action);
  gtk_widget_class_install_action (widget_class, "win.choose-image", NULL, choose_image_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.load-error-details", NULL, load_error_details_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.stop-sharing", NULL, stop_sharing_action);
  gtk_widget_class_install_action (widget_class, "win.add-accounts", NULL, add_accounts_action);
  gtk_widget_class_install_action (widget_class, "win.share", NULL, share_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.undo", "u", undo_action);
  gtk_widget_class_install_action (widget_class, "win.copy-text", "s", copy_text_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.share", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.share", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.stop-sharing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.stop-sharing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}
