/* ens-history-view.h
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

#include <adwaita.h>

#include "ens-history-list.h"

G_BEGIN_DECLS

#define ENS_TYPE_HISTORY_VIEW (ens_history_view_get_type ())

G_DECLARE_FINAL_TYPE (EnsHistoryView, ens_history_view, ENS, HISTORY_VIEW, GtkWidget)

/*
 * The History page: the changes of an EnsHistoryList, newest first, one
 * expandable row per change with its accounts (outcome, tries, error code
 * and RequestId with a copy button, win.copy-text).  Search as you type,
 * an image and a date range filter the list; more rows are read as the
 * list is scrolled to its end.
 */
GtkWidget      *ens_history_view_new       (void);
EnsHistoryList *ens_history_view_get_model (EnsHistoryView *self);
void            ens_history_view_set_model (EnsHistoryView *self,
                                            EnsHistoryList *model);

G_END_DECLS
