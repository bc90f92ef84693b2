/* ens-store-private.h
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

#include <sqlite3.h>

#include "ens-store.h"

G_BEGIN_DECLS

/*
 * Between EnsStore and the objects that keep their data in it (EnsHistory,
 * EnsRecipients).  Every use of the connection holds the store's lock and
 * runs on a worker thread (g_task_run_in_thread()), never on the main loop.
 */

void           _ens_store_lock            (EnsStore     *self);
void           _ens_store_unlock          (EnsStore     *self);
sqlite3       *_ens_store_get_db          (EnsStore     *self);
const char    *_ens_store_get_owner       (EnsStore     *self);
gboolean       _ens_store_owner_is_gone   (EnsStore     *self,
                                           const char   *owner);
GError        *_ens_store_error           (EnsStore     *self,
                                           int           rc,
                                           const char   *what);
gboolean       _ens_store_exec            (EnsStore     *self,
                                           const char   *sql,
                                           GError      **error);
/* @sql must be a static string: the statement is prepared once, kept for
 * the life of the connection (by the string's address) and reset before
 * it is handed out again. */
sqlite3_stmt  *_ens_store_stmt            (EnsStore     *self,
                                           const char   *sql,
                                           GError      **error);
/* Opens the store in the worker thread of a task that is already there. */
gboolean       _ens_store_open_sync       (EnsStore     *self,
                                           GError      **error);

G_END_DECLS
