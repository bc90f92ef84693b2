/* ens-window-multi.c
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
 * The two dialogs that start a change across images (see
 * ens-window-plans.c for what happens after them):
 *   win.share-selected    one account list for every image checked on the
 *                         home page, with the editor's validation;
 *   win.copy-sharing-from another image's accounts onto the open one,
 *                         optionally matching exactly and stopping the
 *                         source afterwards.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ens-error-dialog.h"
#include "ens-message-dialog.h"
#include "ens-window-private.h"

static char *
dup_image_label (EnsWindow  *self,
                 const char *image_id)
{
  EnsImage *image = ens_image_catalog_lookup (ens_session_get_images (self->session), image_id);

  return ens_text_sanitize (image != NULL ? ens_image_get_display_name (image) : image_id, -1);
}

static void
say_nothing_sent (EnsWindow  *self,
                  const char *body)
{
  GtkWidget *message = ens_message_dialog_new (GTK_WINDOW (self), _("Nothing Was Shared"), body);

  ens_message_dialog_add_response (message, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ens_message_dialog_set_close_response (message, "close");
  ens_message_dialog_present (message, GTK_WINDOW (self));
}

/* Share Selected Images… {{{ */

static void
share_selected_response_cb (GtkWidget  *dialog,
                            const char *response,
                            EnsWindow  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "accounts-entry");
  g_autoptr(EnsAccountList) list = NULL;
  g_auto(GStrv) image_ids = NULL;
  g_autoptr(GStrvBuilder) accounts = g_strv_builder_new ();
  g_auto(GStrv) add = NULL;
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  if (g_strcmp0 (response, "preview") != 0)
    return;

  list = ens_account_list_parse (gtk_editable_get_text (entry));
  image_ids = ens_images_page_dup_selected_ids (self->images_page);

  /* The editor's rules: every error is named, and nothing is sent. */
  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->is_error)
        g_string_append_printf (problems, "%s\n", issue->message);
    }
  for (guint i = 0; i < list->accounts->len; i++)
    {
      const char *account = g_ptr_array_index (list->accounts, i);

      if (ens_session_is_own_account (self->session, account))
        /* Translators: %s is an Alibaba Cloud account ID. */
        g_string_append_printf (problems, _("Account %s is your own: the AccessKey in use belongs to it.\n"),
                                account);
      g_strv_builder_add (accounts, account);
    }
  if (problems->len == 0 && list->accounts->len == 0)
    g_string_append (problems, _("Type at least one Alibaba Cloud account ID."));

  if (problems->len > 0)
    {
      say_nothing_sent (self, problems->str);
      return;
    }
  if (image_ids[0] == NULL)
    return;

  add = g_strv_builder_end (accounts);
  plan = ens_share_plan_new_for_images ((const char * const *) image_ids, (const char * const *) add, NULL);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Share %u Image?", "Share %u Images?",
                                          g_strv_length (image_ids)),
                             g_strv_length (image_ids));
  _ens_window_review_plan (self, plan, heading, TRUE);
}

static void
share_selected_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EnsWindow *self = user_data;
  g_auto(GStrv) image_ids = ens_images_page_dup_selected_ids (self->images_page);
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (image_ids[0] == NULL)
    return;

  for (guint i = 0; image_ids[i] != NULL; i++)
    {
      g_autofree char *name = dup_image_label (self, image_ids[i]);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }

  dialog = ens_message_dialog_new (GTK_WINDOW (self), _("Share Selected Images"), names->str);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Alibaba Cloud account IDs"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Accounts to share with"),
                                  -1);
  ens_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "accounts-entry", entry);
  ens_message_dialog_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ens_message_dialog_add_response (dialog, "preview", _("_Preview…"), ADW_RESPONSE_SUGGESTED);
  ens_message_dialog_set_default_response (dialog, "preview");
  ens_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (share_selected_response_cb), self, 0);
  ens_message_dialog_present (dialog, GTK_WINDOW (self));
}

/* }}} */

/* Copy Sharing From… {{{ */

/* The source's list is read, then the target's; then the plan. */
typedef struct
{
  EnsWindow *self;
  char      *source;
  char      *target;
  GStrv      source_shares;
  guint      exact : 1;
  guint      stop_source : 1;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_clear_object (&job->self);
  g_free (job->source);
  g_free (job->target);
  g_strfreev (job->source_shares);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyJob, copy_job_free)

/* A whole list, or NULL with an error (an incomplete list is no base for
 * a copy, least of all an exact one). */
static GStrv
finish_list (GObject       *client,
             GAsyncResult  *result,
             GError       **error)
{
  gboolean complete = TRUE;
  g_auto(GStrv) shares = ens_client_describe_image_share_permission_finish_full (ENS_CLIENT (client), result,
                                                                                  &complete, error);

  if (shares != NULL && !complete)
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE,
                           _("The server’s pages of the share list did not add up, so the list may be incomplete."));
      return NULL;
    }

  return g_steal_pointer (&shares);
}

static void
copy_target_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CopyJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) target_shares = finish_list (object, result, &error);
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (target_shares == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ens_error_dialog_present (GTK_WINDOW (job->self), error, NULL);
      return;
    }

  plan = ens_share_plan_new_copy (job->source, (const char * const *) job->source_shares,
                                  job->target, (const char * const *) target_shares,
                                  job->exact, job->stop_source);
  name = dup_image_label (job->self, job->target);
  /* Translators: the heading of the copy preview; %s is the target image's name. */
  heading = g_strdup_printf (_("Copy Sharing to “%s”?"), name);
  _ens_window_review_plan (job->self, plan, heading, TRUE);
}

static void
copy_source_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CopyJob) job = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  const char *target;

  job->source_shares = finish_list (object, result, &error);
  if (job->source_shares == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ens_error_dialog_present (GTK_WINDOW (job->self), error, NULL);
      return;
    }

  target = job->target;
  cancellable = job->self->cancellable;
  ens_client_describe_image_share_permission_async (ENS_CLIENT (object), target, cancellable,
                                                    copy_target_cb, g_steal_pointer (&job));
}

static void
copy_response_cb (GtkWidget  *dialog,
                  const char *response,
                  EnsWindow  *self)
{
  GtkDropDown *sources = g_object_get_data (G_OBJECT (dialog), "sources");
  GtkSwitch *exact = g_object_get_data (G_OBJECT (dialog), "exact");
  GtkSwitch *stop_source = g_object_get_data (G_OBJECT (dialog), "stop-source");
  GPtrArray *source_ids = g_object_get_data (G_OBJECT (dialog), "source-ids");
  guint selected = gtk_drop_down_get_selected (sources);
  const char *target = ens_share_editor_get_image_id (self->editor);
  CopyJob *job;

  if (g_strcmp0 (response, "preview") != 0 || target == NULL ||
      selected == GTK_INVALID_LIST_POSITION || selected >= source_ids->len)
    return;

  job = g_new0 (CopyJob, 1);
  job->self = g_object_ref (self);
  job->source = g_strdup (g_ptr_array_index (source_ids, selected));
  job->target = g_strdup (target);
  job->exact = gtk_switch_get_active (exact);
  job->stop_source = gtk_switch_get_active (stop_source);

  ens_client_describe_image_share_permission_async (ens_session_get_client (self->session), job->source,
                                                    self->cancellable, copy_source_cb, job);
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            GtkWidget **switch_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  *switch_out = toggle;

  return row;
}

static void
copy_sharing_from_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  EnsWindow *self = user_data;
  EnsImageCatalog *catalog = ens_session_get_images (self->session);
  const char *target = ens_share_editor_get_image_id (self->editor);
  g_autoptr(GPtrArray) source_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *target_name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *sources;
  GtkWidget *exact;
  GtkWidget *stop_source;

  if (target == NULL)
    return;

  /* Any other listed image can be the source (even one that cannot be
   * shared itself any more: its list is what counts). */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      g_autofree char *name = NULL;

      if (g_strcmp0 (ens_image_get_image_id (image), target) == 0)
        continue;
      name = ens_text_sanitize (ens_image_get_display_name (image), -1);
      gtk_string_list_append (names, name);
      g_ptr_array_add (source_ids, g_strdup (ens_image_get_image_id (image)));
    }

  target_name = dup_image_label (self, target);
  if (source_ids->len == 0)
    {
      say_nothing_sent (self, _("There is no other image of this account to copy sharing from."));
      return;
    }

  /* Translators: %s is the name of the open image. */
  body = g_strdup_printf (_("Share “%s” with the accounts another image is shared with. You will see what "
                            "changes before anything is sent."), target_name);
  dialog = ens_message_dialog_new (GTK_WINDOW (self), _("Copy Sharing From…"), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  sources = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (sources), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sources),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Source image"),
                                  -1);
  gtk_box_append (GTK_BOX (box), sources);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list),
                       switch_row (_("Match exactly"),
                                   _("Also stop sharing with the accounts the source does not have"), &exact));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       switch_row (_("Stop sharing the source afterwards"),
                                   _("For retiring the old version"), &stop_source));
  gtk_box_append (GTK_BOX (box), list);
  ens_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "sources", sources);
  g_object_set_data (G_OBJECT (dialog), "exact", exact);
  g_object_set_data (G_OBJECT (dialog), "stop-source", stop_source);
  g_object_set_data_full (G_OBJECT (dialog), "source-ids", g_steal_pointer (&source_ids),
                          (GDestroyNotify) g_ptr_array_unref);

  ens_message_dialog_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ens_message_dialog_add_response (dialog, "preview", _("_Preview…"), ADW_RESPONSE_SUGGESTED);
  ens_message_dialog_set_default_response (dialog, "preview");
  ens_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (copy_response_cb), self, 0);
  ens_message_dialog_present (dialog, GTK_WINDOW (self));
}

/* }}} */

static const GActionEntry multi_actions[] = {
  { "share-selected", share_selected_action },
  { "copy-sharing-from", copy_sharing_from_action },
};

static void
update_enabled (EnsWindow *self)
{
  gboolean idle = ens_share_editor_get_can_choose_image (self->editor);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "share-selected")),
                               idle && ens_images_page_get_n_selected (self->images_page) > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "copy-sharing-from")),
                               idle && ens_share_editor_get_image_id (self->editor) != NULL);
}

void
_ens_window_multi_init (EnsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), multi_actions, G_N_ELEMENTS (multi_actions), self);

  g_signal_connect_object (self->images_page, "notify::n-selected",
                           G_CALLBACK (update_enabled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::image-id",
                           G_CALLBACK (update_enabled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::can-choose-image",
                           G_CALLBACK (update_enabled), self, G_CONNECT_SWAPPED);
  update_enabled (self);
}
