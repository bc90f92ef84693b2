/* ens-shared-row.c
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
#include "ens-shared-row.h"

struct _EnsSharedRow
{
  AdwActionRow      parent_instance;

  GtkWidget        *check;
  EnsSharedAccount *item;
};

G_DEFINE_FINAL_TYPE (EnsSharedRow, ens_shared_row, ADW_TYPE_ACTION_ROW)

static void
row_activated_cb (EnsSharedRow *self)
{
  ens_shared_account_set_selected (self->item, !ens_shared_account_get_selected (self->item));
}

static void
ens_shared_row_dispose (GObject *object)
{
  EnsSharedRow *self = (EnsSharedRow *)object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (ens_shared_row_parent_class)->dispose (object);
}

static void
ens_shared_row_class_init (EnsSharedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_shared_row_dispose;
}

static void
ens_shared_row_init (EnsSharedRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->check = gtk_check_button_new ();
  gtk_widget_set_valign (self->check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->check);

  /* Not adw_action_row_set_activatable_widget(): it also labels the check
   * button with the title, and with our own label GTK 4.8 would then read
   * "Select 123 123". */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  g_signal_connect (self, "activated", G_CALLBACK (row_activated_cb), NULL);
}

/**
 * ens_shared_row_new:
 * @item: the account
 * @session: (nullable): the session, whose address book names the account
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
ens_shared_row_new (EnsSharedAccount *item,
                    EnsSession       *session)
{
  EnsSharedRow *self;
  g_autofree char *label = NULL;
  const char *account;

  g_return_val_if_fail (ENS_IS_SHARED_ACCOUNT (item), NULL);

  self = g_object_new (ENS_TYPE_SHARED_ROW, NULL);
  self->item = g_object_ref (item);
  account = ens_shared_account_get_account (item);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), account);
  if (session != NULL)
    ens_account_names_attach (ADW_ACTION_ROW (self), session, account);

  /* Translators: accessible name of a check button; %s is an account ID */
  label = g_strdup_printf (_("Select %s"), account);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* The binding goes when either end does. */
  g_object_bind_property (item, "selected",
                          self->check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  return GTK_WIDGET (self);
}

EnsSharedAccount *
ens_shared_row_get_item (EnsSharedRow *self)
{
  g_return_val_if_fail (ENS_IS_SHARED_ROW (self), NULL);

  return self->item;
}
