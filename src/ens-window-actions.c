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

/* The window's win.* actions.  Each one's "enabled" follows a property of
 * the models (the share editor, the session) or of the window's stack. */

#include "config.h"

#include <glib/gi18n.h>

#include "ens-error-dialog.h"
#include "ens-message-dialog.h"
#include "ens-sign-in-dialog.h"
#include "ens-window-private.h"

/* How many account IDs a confirmation names before saying "and N more". */
#define MAX_NAMED_ACCOUNTS 5

/* Pages {{{ */

static void
back_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EnsWindow *self = user_data;

  /* On the home page of a narrow window: from the image to the list. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0)
    {
      _ens_window_show_images (self);
      return;
    }

  _ens_window_show_page (self, ens_session_get_signed_in (self->session) ? "main" : "signed-out");
  _ens_window_update_title (self);
}

static void
export_history_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  _ens_window_export_history (user_data);
}

static void
show_history_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  EnsWindow *self = user_data;

  _ens_window_show_page (self, "history");
  adw_window_title_set_title (self->window_title, _("History"));
  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

/* }}} */

/* Signing in and profiles {{{ */

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EnsWindow *self = user_data;

  /* The session tells the window once the dialog signed in. */
  gtk_window_present (ens_sign_in_dialog_new (GTK_WINDOW (self), self->session));
}

static void
try_demo_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  EnsWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ens_session_start_demo (self->session, &error))
    ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
}

static void
leave_demo_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_session_stop_demo (self->session);
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
switch_profile_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_session_switch_profile_async (self->session, g_variant_get_string (parameter, NULL),
                                    self->cancellable, switch_profile_cb, g_object_ref (self));
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
remove_profile_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EnsWindow *self = user_data;
  const char *profile = ens_session_get_profile (self->session);
  g_autofree char *heading = NULL;
  ProfileOp *op;

  if (ens_session_get_source (self->session) != ENS_CREDENTIAL_SOURCE_KEYRING || profile == NULL)
    return;

  op = g_new0 (ProfileOp, 1);
  op->self = g_object_ref (self);
  op->profile = g_strdup (profile);

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
                                    op);
}

static void
show_credential_error_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  EnsWindow *self = user_data;
  const GError *error = ens_session_get_credential_error (self->session);

  if (error != NULL)
    ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
}

/* }}} */

/* The image and its share list {{{ */

static void
choose_image_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  _ens_window_show_images (user_data);
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_share_editor_refresh (self->editor);
}

static void
load_error_details_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  EnsWindow *self = user_data;
  const GError *error = ens_share_list_get_error (ens_share_editor_get_share_list (self->editor));

  if (error != NULL)
    ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
}

static void
select_all_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_share_editor_toggle_select_all (self->editor);
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
  EnsWindow *self = op->self;

  if (!ens_message_dialog_confirm_finish (result, NULL) ||
      g_cancellable_is_cancelled (self->cancellable) ||
      ens_share_editor_get_busy (self->editor) ||
      g_strcmp0 (op->image_id, ens_share_editor_get_image_id (self->editor)) != 0)
    return;

  ens_share_editor_stop_sharing (self->editor, (const char * const *)op->accounts);
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
stop_sharing_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  EnsWindow *self = user_data;
  const char *image_id = ens_share_editor_get_image_id (self->editor);
  g_auto(GStrv) accounts = ens_share_list_dup_selected (ens_share_editor_get_share_list (self->editor));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *names = NULL;
  StopOp *op;
  guint n = g_strv_length (accounts);

  if (n == 0 || image_id == NULL)
    return;

  heading = g_strdup_printf (ngettext ("Stop Sharing With %u Account?",
                                       "Stop Sharing With %u Accounts?", n),
                             n);
  names = format_account_names (accounts);
  /* Translators: the first %s is a list of account IDs, the second an image ID */
  body = g_strdup_printf (ngettext ("%s will no longer be able to use image %s.",
                                    "%s will no longer be able to use image %s.", n),
                          names, image_id);

  op = g_new0 (StopOp, 1);
  op->self = g_object_ref (self);
  op->image_id = g_strdup (image_id);
  op->accounts = g_steal_pointer (&accounts);

  ens_message_dialog_confirm_async (GTK_WINDOW (self), heading, body, _("Stop Sharing"), TRUE,
                                    self->cancellable, confirm_stop_cb, op);
}

/* }}} */

/* Sharing {{{ */

static void
add_accounts_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_share_editor_add_draft (self->editor);
  ens_sharing_page_focus_accounts (self->share_page);
}

static void
share_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EnsWindow *self = user_data;

  /* Ctrl+Return also takes what is still in the entry; the account of
   * the key in use is refused before anything is sent. */
  if (_ens_window_refuse_own_account (self))
    return;
  ens_share_editor_share (self->editor);
}

static void
cancel_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_share_editor_cancel (self->editor);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EnsWindow *self = user_data;

  ens_share_editor_undo (self->editor, g_variant_get_uint32 (parameter));
}

static void
copy_text_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  EnsWindow *self = user_data;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          g_variant_get_string (parameter, NULL));
  _ens_window_add_toast (self, adw_toast_new (_("Copied")));
}

/* }}} */

/* Enabling {{{ */

static const GActionEntry window_actions[] = {
  { "back", back_action },
  { "show-history", show_history_action },
  { "export-history", export_history_action },
  { "sign-in", sign_in_action },
  { "try-demo", try_demo_action },
  { "leave-demo", leave_demo_action },
  { "switch-profile", switch_profile_action, "s" },
  { "remove-profile", remove_profile_action },
  /* A line of text in the profile menu, never enabled. */
  { "profile-info", NULL },
  { "show-credential-error", show_credential_error_action },
  { "choose-image", choose_image_action },
  { "refresh", refresh_action },
  { "load-error-details", load_error_details_action },
  { "select-all", select_all_action },
  { "stop-sharing", stop_sharing_action },
  { "add-accounts", add_accounts_action },
  { "share", share_action },
  { "cancel", cancel_action },
  { "undo", undo_action, "u" },
  { "copy-text", copy_text_action, "s" },
};

/* Actions whose "enabled" is one of the editor's properties. */
static const struct {
  const char *action;
  const char *property;
  GBindingFlags flags;
} editor_enabled[] = {
  { "share", "can-share", 0 },
  { "stop-sharing", "can-stop-sharing", 0 },
  { "cancel", "can-cancel", 0 },
  { "refresh", "can-refresh", 0 },
  { "choose-image", "can-choose-image", 0 },
  { "add-accounts", "can-add", 0 },
  { "undo", "can-undo", 0 },
  { "select-all", "can-select-all", 0 },
  { "load-error-details", "can-load-error-details", 0 },
  { "sign-in", "busy", G_BINDING_INVERT_BOOLEAN },
  { "switch-profile", "busy", G_BINDING_INVERT_BOOLEAN },
};

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_boxed (from) != NULL);
  return TRUE;
}

static gboolean
is_history (GBinding     *binding,
            const GValue *from,
            GValue       *to,
            gpointer      user_data)
{
  g_value_set_boolean (to, g_strcmp0 (g_value_get_string (from), "history") == 0);
  return TRUE;
}

static gboolean
can_remove_profile (gpointer            this,
                    gboolean            busy,
                    EnsCredentialSource source)
{
  return !busy && source == ENS_CREDENTIAL_SOURCE_KEYRING;
}

static gboolean
can_try_demo (gpointer this,
              gboolean busy,
              gboolean demo)
{
  return !busy && !demo;
}

static gboolean
can_leave_demo (gpointer this,
                gboolean busy,
                gboolean demo)
{
  return !busy && demo;
}

/* @action is enabled when @func (the editor's "busy", @property of the
 * session) says so. */
static void
bind_busy_and (EnsWindow  *self,
               const char *action,
               const char *property,
               GCallback   func)
{
  GtkExpression *params[2];
  GtkExpression *expression;

  params[0] = gtk_property_expression_new (ENS_TYPE_SHARE_EDITOR,
                                           gtk_object_expression_new (G_OBJECT (self->editor)),
                                           "busy");
  params[1] = gtk_property_expression_new (ENS_TYPE_SESSION,
                                           gtk_object_expression_new (G_OBJECT (self->session)),
                                           property);
  expression = gtk_cclosure_expression_new (G_TYPE_BOOLEAN, NULL, 2, params, func, NULL, NULL);
  g_ptr_array_add (self->action_watches,
                   gtk_expression_watch_ref (gtk_expression_bind (expression,
                                                                  g_action_map_lookup_action (G_ACTION_MAP (self), action),
                                                                  "enabled", NULL)));
}

void
_ens_window_actions_init (EnsWindow *self)
{
  GActionMap *map = G_ACTION_MAP (self);

  g_action_map_add_action_entries (map, window_actions, G_N_ELEMENTS (window_actions), self);

  self->action_bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->action_watches = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_expression_watch_unref);

  for (guint i = 0; i < G_N_ELEMENTS (editor_enabled); i++)
    g_ptr_array_add (self->action_bindings,
                     g_object_ref (g_object_bind_property (self->editor, editor_enabled[i].property,
                                                           g_action_map_lookup_action (map, editor_enabled[i].action),
                                                           "enabled",
                                                           G_BINDING_SYNC_CREATE | editor_enabled[i].flags)));

  g_ptr_array_add (self->action_bindings,
                   g_object_ref (g_object_bind_property_full (self->session, "credential-error",
                                                              g_action_map_lookup_action (map, "show-credential-error"),
                                                              "enabled", G_BINDING_SYNC_CREATE, is_set,
                                                              NULL, NULL, NULL)));
  /* "back" and the Back button follow the page: see ens-window-home.c. */
  g_object_bind_property_full (self->stack, "visible-child-name",
                               self->export_button, "visible",
                               G_BINDING_SYNC_CREATE, is_history, NULL, NULL, NULL);
  /* Until the window has a history to export (ens_window_set_history()). */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "export-history")), FALSE);
  bind_busy_and (self, "remove-profile", "source", G_CALLBACK (can_remove_profile));
  bind_busy_and (self, "try-demo", "demo", G_CALLBACK (can_try_demo));
  bind_busy_and (self, "leave-demo", "demo", G_CALLBACK (can_leave_demo));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "profile-info")), FALSE);
}

void
_ens_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.share", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.share", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.stop-sharing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.stop-sharing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

/* }}} */

/* Undoes what ties the actions to the editor and the session. */
void
_ens_window_actions_dispose (EnsWindow *self)
{
  if (self->action_bindings != NULL)
    for (guint i = 0; i < self->action_bindings->len; i++)
      g_binding_unbind (g_ptr_array_index (self->action_bindings, i));
  if (self->action_watches != NULL)
    for (guint i = 0; i < self->action_watches->len; i++)
      gtk_expression_watch_unwatch (g_ptr_array_index (self->action_watches, i));

  g_clear_pointer (&self->action_bindings, g_ptr_array_unref);
  g_clear_pointer (&self->action_watches, g_ptr_array_unref);
}
