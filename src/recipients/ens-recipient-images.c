/* ens-recipient-images.c
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

#include "ens-image-catalog.h"
#include "ens-recipient-images.h"

struct _EnsRecipientImages
{
  AdwWindow       parent_instance;

  /* Widgets, built in code */
  GtkProgressBar *progress;
  GtkLabel       *status;
  GtkListBox     *list;
  GtkButton      *stop_button;

  /* Owned references */
  EnsSession     *session;
  GCancellable   *cancellable;
  GStrv           account_ids;
  char           *title;
  GPtrArray      *access;        /* (EnsImageAccess *) once found */
};

G_DEFINE_FINAL_TYPE (EnsRecipientImages, ens_recipient_images, ADW_TYPE_WINDOW)

enum {
  STOP_SHARING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  EnsRecipientImages *self = user_data;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double)done / total : 1.0);
  /* Translators: while the images a recipient can use are being found */
  text = g_strdup_printf (_("Checked %u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EnsRecipientImages) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) access = NULL;
  g_autofree char *status = NULL;
  guint n_failed = 0;
  guint n = 0;

  access = ens_client_find_account_images_finish (ENS_CLIENT (object), result, &n_failed, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  if (access == NULL)
    {
      gtk_label_set_text (self->status, error->message);
      return;
    }

  for (guint i = 0; i < access->len; i++)
    {
      EnsImageAccess *item = g_ptr_array_index (access, i);
      g_autofree char *name = NULL;
      g_autoptr(GString) accounts = g_string_new (NULL);
      GtkWidget *row;

      if (item->accounts[0] == NULL)
        continue;

      name = ens_text_sanitize (item->image_name != NULL && item->image_name[0] != '\0'
                                ? item->image_name : item->image_id, -1);
      for (guint a = 0; item->accounts[a] != NULL; a++)
        {
          g_autofree char *label = ens_session_dup_account_label (self->session, item->accounts[a]);

          g_string_append_printf (accounts, "%s%s", a > 0 ? ", " : "", label);
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), accounts->str);
      gtk_widget_set_tooltip_text (row, item->image_id);
      gtk_list_box_append (self->list, row);
      n++;
    }

  if (n_failed > 0)
    /* Translators: %u images whose lists could not be read */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u image can be used; the list of %u image could not be read.",
                                           "%u images can be used; the lists of %u images could not be read.",
                                           n_failed), n, n_failed);
  else if (n == 0)
    status = g_strdup (_("None of your images is shared with it."));
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image can be used.", "%u images can be used.", n), n);

  gtk_label_set_text (self->status, status);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  self->access = g_steal_pointer (&access);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), n > 0);
}

static void
find_images (EnsRecipientImages *self)
{
  EnsImageCatalog *catalog = ens_session_get_images (self->session);

  ens_client_find_account_images_async (ens_session_get_client (self->session),
                                        G_LIST_MODEL (catalog),
                                        (const char * const *)self->account_ids,
                                        progress_cb, self, self->cancellable,
                                        found_cb, g_object_ref (self));
}

/* The own images are listed at sign-in; this waits for them if needed. */
static void
catalog_state_cb (EnsRecipientImages *self,
                  GParamSpec         *pspec,
                  EnsImageCatalog    *catalog)
{
  switch (ens_image_catalog_get_state (catalog))
    {
    case ENS_IMAGE_CATALOG_COMPLETE:
      g_signal_handlers_disconnect_by_func (catalog, catalog_state_cb, self);
      find_images (self);
      break;

    case ENS_IMAGE_CATALOG_ERROR:
      gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
      gtk_label_set_text (self->status, ens_image_catalog_get_error (catalog)->message);
      break;

    case ENS_IMAGE_CATALOG_IDLE:
      ens_image_catalog_reload (catalog);
      break;

    case ENS_IMAGE_CATALOG_LOADING:
    default:
      break;
    }
}

static void
stop_clicked_cb (EnsRecipientImages *self)
{
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autofree char *heading = NULL;

  if (self->access == NULL)
    return;

  plan = ens_share_plan_new_offboarding (self->access);
  if (plan == NULL)
    return;

  /* Translators: %s is a recipient's or a group's name */
  heading = g_strdup_printf (_("Stop Sharing Everything with %s?"), self->title);
  g_signal_emit (self, signals[STOP_SHARING], 0, plan, heading);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ens_recipient_images_dispose (GObject *object)
{
  EnsRecipientImages *self = (EnsRecipientImages *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->access, g_ptr_array_unref);

  G_OBJECT_CLASS (ens_recipient_images_parent_class)->dispose (object);
}

static void
ens_recipient_images_finalize (GObject *object)
{
  EnsRecipientImages *self = (EnsRecipientImages *)object;

  g_strfreev (self->account_ids);
  g_free (self->title);

  G_OBJECT_CLASS (ens_recipient_images_parent_class)->finalize (object);
}

static void
ens_recipient_images_class_init (EnsRecipientImagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_recipient_images_dispose;
  object_class->finalize = ens_recipient_images_finalize;

  /**
   * EnsRecipientImages::stop-sharing:
   * @plan: the offboarding plan, not yet previewed
   * @heading: the title of its dialogs
   */
  signals[STOP_SHARING] =
    g_signal_new ("stop-sharing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ENS_TYPE_SHARE_PLAN, G_TYPE_STRING);
}

static void
ens_recipient_images_init (EnsRecipientImages *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->cancellable = g_cancellable_new ();

  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_vexpand (content, TRUE);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->progress));

  self->status = GTK_LABEL (gtk_label_new (_("Finding the images it can use…")));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Images it can use"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);

  self->stop_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Stop Sharing Everything…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->stop_button), "destructive-action");
  gtk_widget_set_halign (GTK_WIDGET (self->stop_button), GTK_ALIGN_END);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
  g_signal_connect_object (self->stop_button, "clicked", G_CALLBACK (stop_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stop_button));

  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 420);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/**
 * ens_recipient_images_new:
 * @parent: the window it belongs to
 * @session: the session (its client and its list of own images)
 * @title: the recipient's or the group's name, as shown
 * @account_ids: the accounts
 *
 * Returns: (transfer floating): the window, finding the images at once
 */
GtkWidget *
ens_recipient_images_new (GtkWindow          *parent,
                          EnsSession         *session,
                          const char         *title,
                          const char * const *account_ids)
{
  EnsRecipientImages *self;
  g_autofree char *window_title = NULL;
  EnsImageCatalog *catalog;

  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (account_ids != NULL, NULL);

  self = g_object_new (ENS_TYPE_RECIPIENT_IMAGES, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->account_ids = g_strdupv ((char **)account_ids);
  self->title = ens_text_sanitize (title, -1);
  /* Translators: a window's title; %s is a recipient's or a group's name */
  window_title = g_strdup_printf (_("Images %s Can Use"), self->title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);

  catalog = ens_session_get_images (session);
  g_signal_connect_object (catalog, "notify::state", G_CALLBACK (catalog_state_cb), self, G_CONNECT_SWAPPED);
  catalog_state_cb (self, NULL, catalog);

  return GTK_WIDGET (self);
}
