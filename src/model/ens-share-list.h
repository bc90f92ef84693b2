/* ens-share-list.h
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

#include <gio/gio.h>

#include "ens-client.h"

G_BEGIN_DECLS

/**
 * EnsShareListState:
 * @ENS_SHARE_LIST_HINT: no image, or signed out: nothing to show
 * @ENS_SHARE_LIST_LOADING: the list is being read (or will be, after a
 *   pause in typing)
 * @ENS_SHARE_LIST_LIST: the image is shared with the accounts of the model
 * @ENS_SHARE_LIST_EMPTY: the image is shared with no one
 * @ENS_SHARE_LIST_ERROR: the list could not be read; see "error"
 */
typedef enum
{
  ENS_SHARE_LIST_HINT,
  ENS_SHARE_LIST_LOADING,
  ENS_SHARE_LIST_LIST,
  ENS_SHARE_LIST_EMPTY,
  ENS_SHARE_LIST_ERROR,
} EnsShareListState;

#define ENS_TYPE_SHARE_LIST (ens_share_list_get_type ())

G_DECLARE_FINAL_TYPE (EnsShareList, ens_share_list, ENS, SHARE_LIST, GObject)

/*
 * One image's share list, as the server last said it: a GListStore of
 * EnsSharedAccount, deduplicated, in the server's order, with which of
 * them are selected for "Stop Sharing".  It loads by itself: 400 ms after
 * the image ID last changed, at once on ens_share_list_load().  Loading
 * never blocks, a newer load replaces one in flight, and disposing
 * cancels it.
 *
 * Properties:
 *   "client"        construct-only
 *   "image-id"      the image, or NULL
 *   "enabled"       FALSE while signed out: nothing loads (default TRUE)
 *   "state"         EnsShareListState
 *   "error"         why the last load failed (boxed GError), or NULL
 *   "error-text"    "title. explanation" of it, translated, or NULL
 *   "loaded"        the model is image-id's list (state LIST or EMPTY)
 *   "n-items"       accounts in the model
 *   "n-selected"    of them, selected
 *   "all-selected"  n-selected > 0 && n-selected == n-items
 *   "complete"      FALSE when the server's pages did not add up: the
 *                   list shown may be incomplete (see ens-listing.h)
 *
 * Signals:
 *   "loaded" ():  a load finished, with the list or an error.
 */
EnsShareList      *ens_share_list_new              (EnsClient          *client);
EnsClient         *ens_share_list_get_client       (EnsShareList       *self);
void               ens_share_list_set_image_id     (EnsShareList       *self,
                                                    const char         *image_id);
const char        *ens_share_list_get_image_id     (EnsShareList       *self);
void               ens_share_list_set_enabled      (EnsShareList       *self,
                                                    gboolean            enabled);
gboolean           ens_share_list_get_enabled      (EnsShareList       *self);
void               ens_share_list_load             (EnsShareList       *self);
EnsShareListState  ens_share_list_get_state        (EnsShareList       *self);
GListModel        *ens_share_list_get_model        (EnsShareList       *self);
const GError      *ens_share_list_get_error        (EnsShareList       *self);
const char        *ens_share_list_get_error_text   (EnsShareList       *self);
gboolean           ens_share_list_get_loaded       (EnsShareList       *self);
gboolean           ens_share_list_contains         (EnsShareList       *self,
                                                    const char         *account);
GHashTable        *ens_share_list_get_accounts     (EnsShareList       *self);
GStrv              ens_share_list_dup_accounts     (EnsShareList       *self);
gboolean           ens_share_list_get_complete     (EnsShareList       *self);
guint              ens_share_list_get_n_items      (EnsShareList       *self);
guint              ens_share_list_get_n_selected   (EnsShareList       *self);
gboolean           ens_share_list_get_all_selected (EnsShareList       *self);
GStrv              ens_share_list_dup_selected     (EnsShareList       *self);
void               ens_share_list_select_all       (EnsShareList       *self,
                                                    gboolean            selected);

G_END_DECLS
