/* ens-share-list-private.h
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

#pragma once

#include "ens-share-list.h"

G_BEGIN_DECLS

/*
 * Between the parts of EnsShareList:
 *   ens-share-list.c            the object, loading, the state
 *   ens-share-list-selection.c  which accounts are selected
 */

struct _EnsShareList
{
  GObject            parent_instance;

  /* Owned references */
  EnsClient         *client;
  GListStore        *model;            /* of EnsSharedAccount */
  GCancellable      *load_cancellable; /* the load in flight */
  GHashTable        *accounts;         /* of the model, while loaded */
  GError            *error;
  char              *error_text;
  char              *image_id;

  EnsShareListState  state;
  gboolean           complete;         /* the server's pages added up */
  guint              load_timeout_id;
  guint              n_selected;
  guint              enabled : 1;
  guint              selecting_all : 1;
};

void _ens_share_list_set_n_selected (EnsShareList *self,
                                     guint         n_selected);

G_END_DECLS
