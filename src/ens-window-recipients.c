/* ens-window-recipients.c
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

#include "ens-change-runner.h"
#include "ens-recipient-dialog.h"
#include "ens-recipient-images.h"
#include "ens-window-private.h"

/*
 * The window and the address book: the Recipients page (win.show-recipients),
 * naming an account from any row (win.name-account), and the names the
 * history records with each change from this window.
 */

/* The history records the names of the images (the catalog's) and of the
 * accounts (the book's) as they are when a change starts. */
static void
update_runner_names (EnsWindow *self)
{
  EnsRecipients *book = ens_session_get_recipients (self->session);
  GListModel *images = G_LIST_MODEL (ens_session_get_images (self->session));
  g_autoptr(GHashTable) image_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; book != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (book)); i++)
    {
      g_autoptr(EnsRecipient) recipient = g_list_model_get_item (G_LIST_MODEL (book), i);

      g_hash_table_insert (names, g_strdup (ens_recipient_get_account_id (recipient)),
                           g_strdup (ens_recipient_get_name (recipient)));
    }

  for (guint i = 0; images != NULL && i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (images, i);
      const char *name = ens_image_get_image_name (image);

      if (name != NULL && name[0] != '\0')
        g_hash_table_insert (image_names, g_strdup (ens_image_get_image_id (image)), g_strdup (name));
    }

  ens_change_runner_set_names (ens_share_editor_get_runner (self->editor), image_names, names);
}

static void
session_recipients_cb (EnsWindow  *self,
                       GParamSpec *pspec,
                       EnsSession *session)
{
  EnsRecipients *book = ens_session_get_recipients (session);

  ens_recipients_page_set_recipients (self->recipients_page, book);
  ens_pending_list_set_recipients (ens_share_editor_get_pending (self->editor), book);
  if (book != NULL)
    g_signal_connect_object (book, "items-changed", G_CALLBACK (update_runner_names), self,
                             G_CONNECT_SWAPPED);
  update_runner_names (self);
}

static void
show_recipients_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  EnsWindow *self = user_data;

  _ens_window_show_page (self, "recipients");
  adw_window_title_set_title (self->window_title, _("Recipients"));
  gtk_widget_grab_focus (GTK_WIDGET (self->recipients_page));
}

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = ens_recipient_dialog_run_finish (result, &error);
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why */
      title = g_strdup_printf (_("Could not save the name: %s"), error->message);
    }
  else if (label != NULL)
    /* Translators: %s is "Name · account ID" */
    title = g_strdup_printf (_("Saved %s"), label);
  else
    return;

  _ens_window_add_toast (self, adw_toast_new (title));
}

/* "Name This Account…" / "Edit Name…" of an account row (target: its ID). */
static void
name_account_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  EnsWindow *self = user_data;
  EnsRecipients *book = ens_session_get_recipients (self->session);

  if (book == NULL)
    return;

  ens_recipient_dialog_run_async (GTK_WINDOW (self), book, g_variant_get_string (parameter, NULL),
                                  self->cancellable, named_cb, g_object_ref (self));
}

/* One partner, all images {{{ */

static void
stop_sharing_cb (EnsWindow    *self,
                 EnsSharePlan *plan,
                 const char   *heading)
{
  _ens_window_review_plan (self, plan, heading, TRUE);
}

static void
show_images (EnsWindow          *self,
             const char         *title,
             const char * const *account_ids)
{
  GtkWidget *window = ens_recipient_images_new (GTK_WINDOW (self), self->session, title, account_ids);

  g_signal_connect_object (window, "stop-sharing", G_CALLBACK (stop_sharing_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* A recipient's images (target: the account ID). */
static void
show_recipient_images_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  EnsWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  const char *ids[] = { id, NULL };
  g_autofree char *name = ens_session_dup_account_name (self->session, id);

  show_images (self, name != NULL ? name : id, ids);
}

/* A group's images (target: the group's name). */
static void
show_group_images_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  EnsWindow *self = user_data;
  EnsRecipients *book = ens_session_get_recipients (self->session);
  const char *group = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) members = NULL;

  if (book == NULL || (members = ens_recipients_dup_group_members (book, group)) == NULL ||
      members[0] == NULL)
    return;

  show_images (self, group, (const char * const *)members);
}

/* }}} */

static const GActionEntry recipients_actions[] = {
  { "show-recipients", show_recipients_action },
  { "name-account", name_account_action, "s" },
  { "show-recipient-images", show_recipient_images_action, "s" },
  { "show-group-images", show_group_images_action, "s" },
};

void
_ens_window_recipients_init (EnsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), recipients_actions,
                                   G_N_ELEMENTS (recipients_actions), self);
  g_signal_connect_object (self->session, "notify::recipients",
                           G_CALLBACK (session_recipients_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ens_session_get_images (self->session), "items-changed",
                           G_CALLBACK (update_runner_names), self, G_CONNECT_SWAPPED);
  session_recipients_cb (self, NULL, self->session);
}
