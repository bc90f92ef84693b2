/* ens-pending-row.c
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

#include "ens-account-names.h"
#include "ens-pending-row.h"

struct _EnsPendingRow
{
  AdwActionRow       parent_instance;

  GtkWidget         *status_icon;
  GtkWidget         *remove_button;

  EnsPendingAccount *item;
};

G_DEFINE_FINAL_TYPE (EnsPendingRow, ens_pending_row, ADW_TYPE_ACTION_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Shows the item's status: its subtitle, and an icon and a colour when
 * there is something to say. */
static void
ens_pending_row_update (EnsPendingRow *self)
{
  const char *subtitle = ens_pending_account_get_subtitle (self->item);
  const char *icon_name = NULL;
  gboolean error = FALSE;
  gboolean warning = FALSE;

  switch (ens_pending_account_get_status (self->item))
    {
    case ENS_PENDING_STATUS_INVALID:
      icon_name = "emblem-important-symbolic";
      error = TRUE;
      break;

    case ENS_PENDING_STATUS_DUPLICATE:
      icon_name = "dialog-warning-symbolic";
      warning = TRUE;
      break;

    case ENS_PENDING_STATUS_ALREADY_SHARED:
      icon_name = "emblem-ok-symbolic";
      break;

    case ENS_PENDING_STATUS_READY:
    default:
      if (ens_pending_account_get_failure (self->item) != NULL)
        {
          icon_name = "emblem-important-symbolic";
          error = TRUE;
        }
      else if (ens_pending_account_get_message (self->item) != NULL)
        {
          icon_name = "dialog-warning-symbolic";
          warning = TRUE;
        }
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");

  /* In the row only while there is something to say, so that plain rows
   * keep their titles in line with the entry above them. */
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), icon_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle,
                                      -1);
      if (gtk_widget_get_parent (self->status_icon) == NULL)
        adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->status_icon);
    }
  else if (gtk_widget_get_parent (self->status_icon) != NULL)
    {
      adw_action_row_remove (ADW_ACTION_ROW (self), self->status_icon);
    }
}

static void
remove_clicked_cb (EnsPendingRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
ens_pending_row_dispose (GObject *object)
{
  EnsPendingRow *self = (EnsPendingRow *)object;

  g_clear_object (&self->status_icon);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (ens_pending_row_parent_class)->dispose (object);
}

static void
ens_pending_row_class_init (EnsPendingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_pending_row_dispose;

  /**
   * EnsPendingRow::remove:
   *
   * The user asked to take this account off the list.
   */
  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ens_pending_row_init (EnsPendingRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "pending-row");

  /* A prefix, before the title and far from the remove button: a red
   * icon next to the "−" read as two ways to remove the row.  Owned: it
   * is only in the row while it has something to show. */
  self->status_icon = g_object_ref_sink (gtk_image_new ());
  gtk_widget_add_css_class (self->status_icon, "status-icon");

  self->remove_button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove_button, "flat");
  gtk_widget_add_css_class (self->remove_button, "remove-button");
  g_signal_connect_object (self->remove_button, "clicked",
                           G_CALLBACK (remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->remove_button);
}

/**
 * ens_pending_row_new:
 * @item: the account to show
 * @session: (nullable): the session, whose address book names the account
 *
 * Returns: (transfer floating): a new row, following @item
 */
GtkWidget *
ens_pending_row_new (EnsPendingAccount *item,
                     EnsSession        *session)
{
  EnsPendingRow *self;
  g_autofree char *tooltip = NULL;
  const char *account;

  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (item), NULL);

  self = g_object_new (ENS_TYPE_PENDING_ROW, NULL);
  self->item = g_object_ref (item);
  account = ens_pending_account_get_account (item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), account);
  if (session != NULL)
    ens_account_names_attach (ADW_ACTION_ROW (self), session, account);

  /* Translators: tooltip and accessible name of a button; %s is an account ID */
  tooltip = g_strdup_printf (_("Remove %s"), account);
  gtk_widget_set_tooltip_text (self->remove_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  g_signal_connect_object (item, "notify::subtitle",
                           G_CALLBACK (ens_pending_row_update), self,
                           G_CONNECT_SWAPPED);
  ens_pending_row_update (self);

  return GTK_WIDGET (self);
}

EnsPendingAccount *
ens_pending_row_get_item (EnsPendingRow *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ROW (self), NULL);

  return self->item;
}
