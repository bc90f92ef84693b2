/* ens-history-list.h
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

#include "ens-history.h"
#include "ens-history-operation.h"

G_BEGIN_DECLS

#define ENS_TYPE_HISTORY_LIST (ens_history_list_get_type ())

G_DECLARE_FINAL_TYPE (EnsHistoryList, ens_history_list, ENS, HISTORY_LIST, GObject)

/*
 * The History page without its widgets: a GListModel of
 * EnsHistoryOperation, newest first, read from an EnsHistory one page at a
 * time (never every row at once).  The first page is read when the list
 * is made and whenever a filter changes; ens_history_list_load_more()
 * appends the next one.  A filter that changes while a page is read
 * cancels that read.
 *
 * Properties:
 *   "search" (rw)    part of an image ID or name, an account ID or a
 *                    recipient name; "" for all
 *   "image-id" (rw)  only this image; NULL for all
 *   "since", "until" (rw)  started from / before, µs since 1970 UTC; 0: no bound
 *   "loading"        a page is being read
 *   "has-more"       the last page read was full: there may be more
 *   "error"          why the last page could not be read, or NULL
 */
#define ENS_HISTORY_LIST_PAGE_SIZE 50

EnsHistoryList  *ens_history_list_new              (EnsHistory          *history);
EnsHistory      *ens_history_list_get_history      (EnsHistoryList      *self);
void             ens_history_list_set_search       (EnsHistoryList      *self,
                                                    const char          *search);
const char      *ens_history_list_get_search       (EnsHistoryList      *self);
void             ens_history_list_set_image_id     (EnsHistoryList      *self,
                                                    const char          *image_id);
void             ens_history_list_set_range        (EnsHistoryList      *self,
                                                    gint64               since,
                                                    gint64               until);
void             ens_history_list_get_filter       (EnsHistoryList      *self,
                                                    EnsHistoryFilter    *filter);
gboolean         ens_history_list_get_loading      (EnsHistoryList      *self);
gboolean         ens_history_list_get_has_more     (EnsHistoryList      *self);
const char      *ens_history_list_get_error        (EnsHistoryList      *self);
void             ens_history_list_reload           (EnsHistoryList      *self);
void             ens_history_list_load_more        (EnsHistoryList      *self);
void             ens_history_list_load_entries_async  (EnsHistoryList      *self,
                                                       EnsHistoryOperation *operation,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray       *ens_history_list_load_entries_finish (EnsHistoryList      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
