/* ens-history-private.h
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

#include "ens-history.h"

G_BEGIN_DECLS

/*
 * Between the parts of EnsHistory:
 *   ens-history.c          the statements, opening (the store's)
 *   ens-history-write.c    the write-ahead record and its updates
 *   ens-history-query.c    reading (its own statements), export
 *   ens-history-format.c   rows as CSV and JSON
 *   ens-history-recover.c  settling what a run left unfinished
 *   ens-history-recorder.c following a running plan (EnsHistoryRecorder)
 * The connection is the store's (ens-store-private.h): every use holds its
 * lock and runs on a worker thread.
 */

typedef enum
{
  STMT_INSERT_OPERATION,
  STMT_INSERT_ENTRY,
  STMT_UPDATE_ENTRY,
  STMT_FINISH_OPERATION,
  STMT_UNSETTLED,
  N_STMTS
} EnsHistoryStmt;

/* One change of state of one account, queued by the recorder. */
typedef struct
{
  guint            position;
  EnsHistoryState  state;
  char            *request_id;
  char            *error_code;
  guint            tries;
  gint64           time;
} EnsHistoryUpdate;

struct _EnsHistory
{
  GObject        parent_instance;

  EnsStore      *store;
};

sqlite3_stmt *_ens_history_stmt         (EnsHistory      *self,
                                         EnsHistoryStmt   which,
                                         GError         **error);
EnsHistoryRow *_ens_history_row_from_stmt (sqlite3_stmt *stmt);
void      _ens_history_row_read_names   (EnsHistoryRow   *row,
                                         sqlite3_stmt    *stmt,
                                         int              first);
void      _ens_history_update_clear     (gpointer         data);
char     *_ens_history_like_pattern     (const char      *text);

/* Writes @updates (of EnsHistoryUpdate) of operation @operation_id in one
 * transaction, and closes the operation when @finished. */
void      _ens_history_write_async      (EnsHistory      *self,
                                         gint64           operation_id,
                                         GArray          *updates,
                                         gboolean         finished,
                                         GCancellable    *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer         user_data);
gboolean  _ens_history_write_finish     (EnsHistory      *self,
                                         GAsyncResult    *result,
                                         GError         **error);
gboolean  _ens_history_write_updates    (EnsHistory      *self,
                                         GPtrArray       *settle,
                                         GError         **error);

G_END_DECLS
