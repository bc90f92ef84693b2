/* ens-share-list-selection.c
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

#include "ens-share-list.h"
#include "ens-share-list-private.h"
#include "ens-shared-account.h"

/**
 * ens_share_list_dup_selected:
 * @self: a #EnsShareList
 *
 * Returns: (transfer full): the selected accounts, in list order
 */
GStrv
ens_share_list_dup_selected (EnsShareList *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n;

  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  builder = g_strv_builder_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (ens_shared_account_get_selected (item))
        g_strv_builder_add (builder, ens_shared_account_get_account (item));
    }

  return g_strv_builder_end (builder);
}

/**
 * ens_share_list_select_all:
 * @self: a #EnsShareList
 * @selected: whether to select or unselect
 *
 * Selects (or unselects) every account, with one notification of
 * #EnsShareList:n-selected for the lot.
 */
void
ens_share_list_select_all (EnsShareList *self,
                           gboolean      selected)
{
  guint n_selected;
  guint n;

  g_return_if_fail (ENS_IS_SHARE_LIST (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  n_selected = self->n_selected;

  self->selecting_all = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      ens_shared_account_set_selected (item, selected);
    }
  self->selecting_all = FALSE;

  /* item_selected_cb() counted in silence; now the one notification. */
  if (self->n_selected != n_selected)
    {
      guint now = self->n_selected;

      self->n_selected = n_selected;
      _ens_share_list_set_n_selected (self, now);
    }
}
