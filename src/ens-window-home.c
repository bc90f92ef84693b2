/* ens-window-home.c
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
 * The window's home: the account's own images (EnsImagesPage, from the
 * session's EnsImageCatalog) beside the image page (EnsSharingPage) in an
 * EnsImageSplit.  Choosing an image opens its page with the image's name
 * as the window title and its ID below.  On a narrow window the list and
 * the page come one after the other, and Back returns to the list.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ens-message-dialog.h"
#include "ens-recipient-message.h"
#include "ens-window-private.h"

void
_ens_window_update_title (EnsWindow *self)
{
  const char *image_id = self->editor != NULL ? ens_share_editor_get_image_id (self->editor) : NULL;
  gboolean demo = ens_session_get_demo (self->session);
  EnsImage *image = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Other pages name themselves. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "history") == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "recipients") == 0)
    return;

  if (image_id != NULL)
    image = ens_image_catalog_lookup (ens_session_get_images (self->session), image_id);

  if (image_id == NULL)
    {
      title = g_strdup (_("ENS Image Share"));
      subtitle = g_strdup (demo ? _("Demo") : NULL);
    }
  else
    {
      title = ens_text_sanitize (image != NULL ? ens_image_get_display_name (image) : image_id, -1);
      subtitle = ens_text_sanitize (image_id, -1);
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Back: from another page to the home, or on a narrow window from the
 * image page to the list. */
static void
update_back (EnsWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean back = g_strcmp0 (page, "history") == 0 ||
                  g_strcmp0 (page, "recipients") == 0 ||
                  (g_strcmp0 (page, "main") == 0 &&
                   ens_image_split_get_folded (self->image_split) &&
                   ens_image_split_get_show_content (self->image_split));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "back")),
                               back);
}

static void
image_activated_cb (EnsWindow     *self,
                    const char    *image_id,
                    EnsImagesPage *page)
{
  /* While a change runs, what it is about stays put. */
  if (!ens_share_editor_get_can_choose_image (self->editor))
    return;

  ens_share_editor_choose_image (self->editor, image_id);
  ens_image_split_set_show_content (self->image_split, TRUE);
  _ens_window_update_title (self);
}

/*
 * Sharing an image with the account that owns it (the caller identity's
 * AccountId) cannot work: the app refuses before anything is sent, and
 * says so.  Returns TRUE when it refused.  While STS has not said whose
 * key it is, nothing is refused here.
 */
gboolean
_ens_window_refuse_own_account (EnsWindow *self)
{
  EnsShareEditor *editor = self->editor;
  g_auto(GStrv) ready = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (ens_share_editor_get_busy (editor))
    return FALSE;

  /* What is still in the entry is shared too (Ctrl+Return). */
  if (ens_share_editor_get_draft (editor)[0] != '\0')
    ens_share_editor_add_draft (editor);

  ready = ens_pending_list_dup_ready (ens_share_editor_get_pending (editor));
  for (guint i = 0; ready[i] != NULL; i++)
    {
      if (!ens_session_is_own_account (self->session, ready[i]))
        continue;

      /* Translators: %s is an Alibaba Cloud account ID. */
      body = g_strdup_printf (_("Account %s is your own: the AccessKey in use belongs to it, and so does "
                                "the image. Remove it from “Accounts to add” and share again."),
                              ready[i]);
      dialog = ens_message_dialog_new (GTK_WINDOW (self), _("You Cannot Share With Your Own Account"), body);
      ens_message_dialog_add_response (dialog, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
      ens_message_dialog_set_default_response (dialog, "close");
      ens_message_dialog_set_close_response (dialog, "close");
      ens_message_dialog_present (dialog, GTK_WINDOW (self));
      return TRUE;
    }

  return FALSE;
}

/* win.choose-image: back to the list of images, its search focused. */
void
_ens_window_show_images (EnsWindow *self)
{
  _ens_window_show_page (self, "main");
  ens_image_split_set_show_content (self->image_split, FALSE);
  _ens_window_update_title (self);
  ens_images_page_focus_search (self->images_page);
}

/* Whenever the open image's list is read (opening it, after a change,
 * Refresh), its count on the home page follows, without a request of its
 * own.  (Changes across images read their images' counts again in
 * ens-window-plans.c.) */
static void
share_list_loaded_cb (EnsWindow    *self,
                      EnsShareList *list)
{
  EnsImage *image;

  if (!ens_share_list_get_loaded (list) || !ens_share_list_get_complete (list))
    return;

  image = ens_image_catalog_lookup (ens_session_get_images (self->session),
                                    ens_share_list_get_image_id (list));
  if (image != NULL)
    ens_image_set_share_count (image, (int) MIN (ens_share_list_get_n_items (list), G_MAXINT));
}

/* Which account and RAM user the key belongs to, above the list, from
 * the moment STS says so after each sign-in. */
static void
caller_identity_cb (EnsWindow *self)
{
  g_autofree char *text = ens_session_dup_identity_text (self->session);

  ens_images_page_set_identity_text (self->images_page, text);
}

/* win.copy-recipient-message: the text for the accounts the image is
 * shared with, on the clipboard; enabled while an image is open. */
static void
copy_recipient_message_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  EnsWindow *self = user_data;
  const char *image_id = ens_share_editor_get_image_id (self->editor);
  EnsCallerIdentity *identity = ens_session_get_caller_identity (self->session);
  EnsImage *image;
  g_autofree char *message = NULL;

  if (image_id == NULL)
    return;

  image = ens_image_catalog_lookup (ens_session_get_images (self->session), image_id);
  message = ens_recipient_message_new (image != NULL ? ens_image_get_image_name (image) : NULL,
                                       image_id,
                                       identity != NULL ? ens_caller_identity_get_account_id (identity) : NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), message);
  _ens_window_add_toast (self, adw_toast_new (_("Message for recipients copied")));
}

static void
update_copy_message (EnsWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "copy-recipient-message");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               ens_share_editor_get_image_id (self->editor) != NULL);
}

void
_ens_window_class_home_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, image_activated_cb);
}

static const GActionEntry home_actions[] = {
  { "copy-recipient-message", copy_recipient_message_action },
};

void
_ens_window_home_init (EnsWindow *self)
{
  EnsImageCatalog *catalog = ens_session_get_images (self->session);

  g_action_map_add_action_entries (G_ACTION_MAP (self), home_actions, G_N_ELEMENTS (home_actions), self);
  ens_images_page_set_catalog (self->images_page, catalog);
  /* The window shows the own images and whose key it is. */
  ens_session_set_load_account (self->session, TRUE);

  g_signal_connect_object (self->editor, "notify::image-id",
                           G_CALLBACK (_ens_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::image-id",
                           G_CALLBACK (update_copy_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (catalog, "items-changed",
                           G_CALLBACK (_ens_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ens_share_editor_get_share_list (self->editor), "loaded",
                           G_CALLBACK (share_list_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::caller-identity",
                           G_CALLBACK (caller_identity_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (update_back), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_split, "notify::folded",
                           G_CALLBACK (update_back), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_split, "notify::show-content",
                           G_CALLBACK (update_back), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->action_bindings,
                   g_object_ref (g_object_bind_property (self->editor, "can-choose-image",
                                                         self->images_page, "sensitive",
                                                         G_BINDING_SYNC_CREATE)));
  _ens_window_multi_init (self);
  update_back (self);
  update_copy_message (self);
  caller_identity_cb (self);
  _ens_window_update_title (self);
}
