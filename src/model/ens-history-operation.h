/* ens-history-operation.h
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

G_BEGIN_DECLS

#define ENS_TYPE_HISTORY_OPERATION (ens_history_operation_get_type ())

G_DECLARE_FINAL_TYPE (EnsHistoryOperation, ens_history_operation, ENS, HISTORY_OPERATION, GObject)

/*
 * One change in the history, as the History page lists it: one row per
 * operation, its accounts read when it is expanded
 * (ens_history_list_load_entries_async()).
 *
 * Properties (read-only):
 *   "title"     what it did, translated: "Shared with 3 accounts" …
 *   "subtitle"  when (local time), the image (name and ID), the counts per
 *               outcome, where from (window or command line) and the profile
 *   "success"   every account done (or confirmed)
 */
EnsHistoryOperation          *ens_history_operation_new          (const EnsHistoryOperationRow *row);
const EnsHistoryOperationRow *ens_history_operation_get_row      (EnsHistoryOperation *self);
gint64                        ens_history_operation_get_id       (EnsHistoryOperation *self);
const char                   *ens_history_operation_get_title    (EnsHistoryOperation *self);
const char                   *ens_history_operation_get_subtitle (EnsHistoryOperation *self);
gboolean                      ens_history_operation_get_success  (EnsHistoryOperation *self);
char                         *ens_history_operation_dup_counts   (const EnsHistoryOperationRow *row);
const char                   *ens_history_describe_state         (EnsHistoryState      state);

G_END_DECLS
