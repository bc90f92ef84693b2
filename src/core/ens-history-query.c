/* ens-history-query.c
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

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "ens-error.h"
#include "ens-history-private.h"
#include "ens-store-private.h"

/*
 * Reading the history: pages of rows for a view or the command line,
 * export (CSV, JSON) and the recovery of what a run that did not finish
 * left behind.
 */

/* States {{{ */

static const char * const state_names[] = {
  [ENS_HISTORY_PLANNED] = "planned",
  [ENS_HISTORY_SENDING] = "sending",
  [ENS_HISTORY_DONE] = "done",
  [ENS_HISTORY_FAILED] = "failed",
  [ENS_HISTORY_NOT_ATTEMPTED] = "not-attempted",
  [ENS_HISTORY_UNKNOWN] = "unknown",
  [ENS_HISTORY_CONFIRMED] = "confirmed",
  [ENS_HISTORY_DID_NOT_HAPPEN] = "did-not-happen",
};

/**
 * ens_history_state_to_string:
 *
 * Returns: the name stored in the "state" column and exported, e.g. "sending"
 */
const char *
ens_history_state_to_string (EnsHistoryState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), "unknown");

  return state_names[state];
}

gboolean
ens_history_state_from_string (const char      *text,
                               EnsHistoryState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }

  return FALSE;
}

EnsHistoryState
ens_history_state_from_outcome (EnsOutcomeState outcome)
{
  switch (outcome)
    {
    case ENS_OUTCOME_DONE:
      return ENS_HISTORY_DONE;
    case ENS_OUTCOME_FAILED:
      return ENS_HISTORY_FAILED;
    case ENS_OUTCOME_NOT_ATTEMPTED:
    case ENS_OUTCOME_SKIPPED:        /* never sent (and never written, see begin) */
      return ENS_HISTORY_NOT_ATTEMPTED;
    case ENS_OUTCOME_UNKNOWN:
      return ENS_HISTORY_UNKNOWN;
    case ENS_OUTCOME_PENDING:
    default:
      return ENS_HISTORY_PLANNED;
    }
}

void
ens_history_row_free (EnsHistoryRow *row)
{
  if (row == NULL)
    return;

  g_free (row->origin);
  g_free (row->profile);
  g_free (row->access_key_id);
  g_free (row->image_id);
  g_free (row->account_id);
  g_free (row->request_id);
  g_free (row->error_code);
  g_free (row->caller_account_id);
  g_free (row->caller_user);
  g_free (row->image_name);
  g_free (row->recipient_name);
  g_free (row);
}

EnsHistoryRow *
_ens_history_row_from_stmt (sqlite3_stmt *stmt)
{
  EnsHistoryRow *row = g_new0 (EnsHistoryRow, 1);

  row->operation_id = sqlite3_column_int64 (stmt, 0);
  row->started_at = sqlite3_column_int64 (stmt, 1);
  row->origin = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  row->profile = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  row->access_key_id = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  row->image_id = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  row->position = sqlite3_column_int (stmt, 6);
  row->account_id = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
  row->change = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 8), "add") == 0
    ? ENS_SHARE_CHANGE_ADD : ENS_SHARE_CHANGE_REMOVE;
  if (!ens_history_state_from_string ((const char *)sqlite3_column_text (stmt, 9), &row->state))
    row->state = ENS_HISTORY_UNKNOWN;
  row->updated_at = sqlite3_column_int64 (stmt, 10);
  row->request_id = g_strdup ((const char *)sqlite3_column_text (stmt, 11));
  row->error_code = g_strdup ((const char *)sqlite3_column_text (stmt, 12));
  row->tries = sqlite3_column_int (stmt, 13);

  return row;
}

/* The columns of schema 3, from column @first on: caller account, caller
 * user, image name, recipient name. */
void
_ens_history_row_read_names (EnsHistoryRow *row,
                             sqlite3_stmt  *stmt,
                             int            first)
{
  row->caller_account_id = g_strdup ((const char *)sqlite3_column_text (stmt, first));
  row->caller_user = g_strdup ((const char *)sqlite3_column_text (stmt, first + 1));
  row->image_name = g_strdup ((const char *)sqlite3_column_text (stmt, first + 2));
  row->recipient_name = g_strdup ((const char *)sqlite3_column_text (stmt, first + 3));
}

/**
 * ens_history_parse_day:
 * @text: a day, exactly YYYY-MM-DD
 * @usec: (out): its start, 00:00 UTC, in microseconds since 1970
 *
 * Returns: whether @text is such a day
 */
gboolean
ens_history_parse_day (const char *text,
                       gint64     *usec)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (usec != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  date = g_date_time_new_utc (atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
  if (date == NULL)
    return FALSE;

  *usec = g_date_time_to_unix (date) * G_USEC_PER_SEC;

  return TRUE;
}

/* }}} */

/* Queries {{{ */

typedef struct
{
  gint64            since;
  gint64            until;
  char             *image_id;
  char             *account_id;
  char             *recipient_name;
  char             *search;         /* a LIKE pattern, escaped */
  char             *phrase;         /* an FTS5 phrase, or NULL when too short */
  gint64            operation_id;
  guint             offset;
  int               limit;
  GFile            *file;
  EnsHistoryFormat  format;
} QueryData;

static void
query_data_free (gpointer data)
{
  QueryData *query = data;

  g_free (query->image_id);
  g_free (query->account_id);
  g_free (query->recipient_name);
  g_free (query->search);
  g_free (query->phrase);
  g_clear_object (&query->file);
  g_free (query);
}

static QueryData *
query_data_new (const EnsHistoryFilter *filter)
{
  QueryData *query = g_new0 (QueryData, 1);

  if (filter != NULL)
    {
      query->since = filter->since;
      query->until = filter->until;
      query->image_id = g_strdup (filter->image_id);
      query->account_id = g_strdup (filter->account_id);
      query->recipient_name = g_strdup (filter->recipient_name);
      query->operation_id = filter->operation_id;
      if (filter->search != NULL && filter->search[0] != '\0')
        query->search = _ens_history_like_pattern (filter->search);
      /* Trigrams: shorter text cannot be looked up, and is only matched by LIKE. */
      if (filter->search != NULL && g_utf8_validate (filter->search, -1, NULL) &&
          g_utf8_strlen (filter->search, -1) >= 3)
        {
          GString *phrase = g_string_new (filter->search);

          g_string_replace (phrase, "\"", "\"\"", 0);
          g_string_prepend_c (phrase, '"');
          g_string_append_c (phrase, '"');
          query->phrase = g_string_free (phrase, FALSE);
        }
    }

  return query;
}

/* The filter as SQL: ?1 since, ?2 until, ?9 operation on "o"; ?3 image,
 * ?4 account, ?5 recipient name, ?6 search (a LIKE pattern) on "e".  NULL
 * and 0 match anything.  ?7 and ?8 are LIMIT and OFFSET.  ?10, the search
 * as a trigram phrase (3 characters or more), narrows the operations first
 * through entries_search, so that a search does not read every entry; the
 * LIKE on the entries then decides. */
#define OPERATION_FILTER \
  " (?1 = 0 OR o.started_at >= ?1) AND (?2 = 0 OR o.started_at < ?2)" \
  " AND (?9 = 0 OR o.id = ?9)" \
  " AND (?10 IS NULL OR o.id IN" \
  "  (SELECT rowid >> 20 FROM entries_search WHERE entries_search MATCH ?10))"
#define ENTRY_FILTER \
  " (?3 IS NULL OR coalesce (e.image_id, o.image_id) = ?3)" \
  " AND (?4 IS NULL OR e.account_id = ?4)" \
  " AND (?5 IS NULL OR e.recipient_name = ?5 COLLATE NOCASE)" \
  " AND (?6 IS NULL OR coalesce (e.image_id, o.image_id) LIKE ?6 ESCAPE '\\'" \
  "  OR e.image_name LIKE ?6 ESCAPE '\\' OR e.account_id LIKE ?6 ESCAPE '\\'" \
  "  OR e.recipient_name LIKE ?6 ESCAPE '\\')"

/* One row per account. */
static const char query_sql[] =
  "SELECT o.id, o.started_at, o.origin, o.profile, o.access_key_id,"
  " coalesce (e.image_id, o.image_id),"
  " e.position, e.account_id, e.change, e.state, e.updated_at, e.request_id,"
  " e.error_code, e.tries,"
  " o.caller_account_id, o.caller_user, e.image_name, e.recipient_name"
  " FROM operations o JOIN entries e ON e.operation_id = o.id"
  " WHERE" OPERATION_FILTER " AND" ENTRY_FILTER
  " ORDER BY o.started_at DESC, o.id DESC, e.position"
  " LIMIT ?7 OFFSET ?8";

/* One row per operation: the page first (walking operations newest first,
 * each tested on its own entries), then the counts of just those. */
static const char operations_sql[] =
  "WITH page AS ("
  " SELECT o.id, o.started_at, o.finished_at, o.origin, o.profile, o.access_key_id,"
  "  o.caller_account_id, o.caller_user, o.image_id"
  " FROM operations o"
  " WHERE" OPERATION_FILTER
  " AND EXISTS (SELECT 1 FROM entries e WHERE e.operation_id = o.id AND" ENTRY_FILTER ")"
  " ORDER BY o.started_at DESC, o.id DESC LIMIT ?7 OFFSET ?8)"
  " SELECT p.id, p.started_at, p.finished_at, p.origin, p.profile, p.access_key_id,"
  "  p.caller_account_id, p.caller_user, p.image_id, max (e.image_name),"
  "  count (DISTINCT coalesce (e.image_id, p.image_id)), count (*),"
  "  sum (e.change = 'add'), sum (e.state IN ('done', 'confirmed')), sum (e.state = 'failed'),"
  "  sum (e.state IN ('not-attempted', 'did-not-happen')),"
  "  sum (e.state IN ('planned', 'sending', 'unknown'))"
  " FROM page p JOIN entries e ON e.operation_id = p.id"
  " GROUP BY p.id ORDER BY p.started_at DESC, p.id DESC";

/**
 * _ens_history_like_pattern:
 *
 * Returns: (transfer full): "%@text%" for LIKE … ESCAPE '\', with the
 *   wildcards of @text (% and _) and the escape itself escaped
 */
char *
_ens_history_like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static gpointer
entry_row (sqlite3_stmt *stmt)
{
  EnsHistoryRow *row = _ens_history_row_from_stmt (stmt);

  _ens_history_row_read_names (row, stmt, 14);

  return row;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static gpointer
operation_row (sqlite3_stmt *stmt)
{
  EnsHistoryOperationRow *row = g_new0 (EnsHistoryOperationRow, 1);

  row->operation_id = sqlite3_column_int64 (stmt, 0);
  row->started_at = sqlite3_column_int64 (stmt, 1);
  row->finished_at = sqlite3_column_int64 (stmt, 2);
  row->origin = dup_column (stmt, 3);
  row->profile = dup_column (stmt, 4);
  row->access_key_id = dup_column (stmt, 5);
  row->caller_account_id = dup_column (stmt, 6);
  row->caller_user = dup_column (stmt, 7);
  row->image_id = dup_column (stmt, 8);
  row->image_name = dup_column (stmt, 9);
  row->n_images = sqlite3_column_int (stmt, 10);
  row->n_accounts = sqlite3_column_int (stmt, 11);
  row->n_add = sqlite3_column_int (stmt, 12);
  row->n_done = sqlite3_column_int (stmt, 13);
  row->n_failed = sqlite3_column_int (stmt, 14);
  row->n_not_attempted = sqlite3_column_int (stmt, 15);
  row->n_unknown = sqlite3_column_int (stmt, 16);

  return row;
}

void
ens_history_operation_row_free (EnsHistoryOperationRow *row)
{
  if (row == NULL)
    return;

  g_free (row->origin);
  g_free (row->profile);
  g_free (row->access_key_id);
  g_free (row->caller_account_id);
  g_free (row->caller_user);
  g_free (row->image_id);
  g_free (row->image_name);
  g_free (row);
}

/* Runs @sql (query_sql or operations_sql) under the mutex and hands each
 * row, made by @make, to @func; stops when it returns FALSE (with @error
 * set). */
static gboolean
query_each_sql (EnsHistory   *self,
                QueryData    *query,
                const char   *sql,
                RowFunc       make,
                gboolean    (*func) (gpointer row, gpointer data, GError **error),
                gpointer      data,
                GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  _ens_store_lock (self->store);

  stmt = _ens_store_stmt (self->store, sql, error);
  if (stmt == NULL)
    {
      _ens_store_unlock (self->store);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, query->since);
  sqlite3_bind_int64 (stmt, 2, query->until);
  if (query->image_id != NULL)
    sqlite3_bind_text (stmt, 3, query->image_id, -1, SQLITE_TRANSIENT);
  if (query->account_id != NULL)
    sqlite3_bind_text (stmt, 4, query->account_id, -1, SQLITE_TRANSIENT);
  if (query->recipient_name != NULL)
    sqlite3_bind_text (stmt, 5, query->recipient_name, -1, SQLITE_TRANSIENT);
  if (query->search != NULL)
    sqlite3_bind_text (stmt, 6, query->search, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, query->limit);
  sqlite3_bind_int (stmt, 8, query->offset);
  sqlite3_bind_int64 (stmt, 9, query->operation_id);
  if (query->phrase != NULL)
    sqlite3_bind_text (stmt, 10, query->phrase, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!(ok = func (make (stmt), data, error)))
      break;

  if (ok && rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (self->store, rc, "query"));
      ok = FALSE;
    }

  sqlite3_reset (stmt);
  _ens_store_unlock (self->store);

  return ok;
}

static gboolean
query_each (EnsHistory   *self,
            QueryData    *query,
            gboolean    (*func) (gpointer row, gpointer data, GError **error),
            gpointer      data,
            GError      **error)
{
  return query_each_sql (self, query, query_sql, entry_row, func, data, error);
}

static gboolean
collect_row (gpointer   row,
             gpointer   data,
             GError   **error)
{
  g_ptr_array_add (data, row);

  return TRUE;
}

/* Both page queries: which statement, how its rows are made and freed. */
typedef struct
{
  const char     *sql;
  RowFunc         make;
  GDestroyNotify  free_row;
} PageKind;

static const PageKind entry_page = { query_sql, entry_row, (GDestroyNotify)ens_history_row_free };
static const PageKind operation_page = { operations_sql, operation_row,
                                         (GDestroyNotify)ens_history_operation_row_free };

static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const PageKind *kind = g_task_get_source_tag (task) == ens_history_query_async ? &entry_page : &operation_page;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (kind->free_row);
  GError *error = NULL;

  /* A page nobody waits for any more (a newer search) is not read. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!query_each_sql (source_object, task_data, kind->sql, kind->make, collect_row, rows, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify)g_ptr_array_unref);
}

static void
read_page_async (EnsHistory             *self,
                 gpointer                source_tag,
                 const EnsHistoryFilter *filter,
                 guint                   offset,
                 guint                   limit,
                 GCancellable           *cancellable,
                 GAsyncReadyCallback     callback,
                 gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  QueryData *query = query_data_new (filter);

  g_task_set_source_tag (task, source_tag);
  query->offset = offset;
  query->limit = limit > 0 ? (int) MIN (limit, G_MAXINT) : -1;
  g_task_set_task_data (task, query, query_data_free);
  g_task_run_in_thread (task, page_thread);
}

static GPtrArray *
read_page_finish (EnsHistory    *self,
                  GAsyncResult  *result,
                  gpointer       source_tag,
                  GError       **error)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ens_history_query_async:
 * @filter: (nullable): which rows
 * @offset: rows to skip
 * @limit: rows at most; 0 for all
 *
 * Reads one page of rows, one per account, newest operation first and in
 * plan order within an operation.
 */
void
ens_history_query_async (EnsHistory             *self,
                         const EnsHistoryFilter *filter,
                         guint                   offset,
                         guint                   limit,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_return_if_fail (ENS_IS_HISTORY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  read_page_async (self, ens_history_query_async, filter, offset, limit, cancellable, callback, user_data);
}

/**
 * ens_history_query_finish:
 *
 * Returns: (transfer container) (element-type EnsHistoryRow): the rows
 */
GPtrArray *
ens_history_query_finish (EnsHistory    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return read_page_finish (self, result, ens_history_query_async, error);
}

/**
 * ens_history_query_operations_async:
 * @filter: (nullable): which operations: those with an account that matches
 * @offset: operations to skip
 * @limit: operations at most; 0 for all
 *
 * Reads one page of operations, newest first, each with the counts of
 * its accounts (an #EnsHistoryOperationRow).
 */
void
ens_history_query_operations_async (EnsHistory             *self,
                                    const EnsHistoryFilter *filter,
                                    guint                   offset,
                                    guint                   limit,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_return_if_fail (ENS_IS_HISTORY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  read_page_async (self, ens_history_query_operations_async, filter, offset, limit, cancellable,
                   callback, user_data);
}

/**
 * ens_history_query_operations_finish:
 *
 * Returns: (transfer container) (element-type EnsHistoryOperationRow): the operations
 */
GPtrArray *
ens_history_query_operations_finish (EnsHistory    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return read_page_finish (self, result, ens_history_query_operations_async, error);
}

/* }}} */

/* Export {{{ */

typedef struct
{
  GOutputStream    *stream;
  GString          *buffer;
  EnsHistoryFormat  format;
  guint             n_rows;
  GCancellable     *cancellable;
} ExportState;

static gboolean
export_flush (ExportState  *state,
              GError      **error)
{
  gboolean ok;

  ok = g_output_stream_write_all (state->stream, state->buffer->str, state->buffer->len,
                                  NULL, state->cancellable, error);
  g_string_truncate (state->buffer, 0);

  return ok;
}

static gboolean
export_row (gpointer   row,
            gpointer   data,
            GError   **error)
{
  ExportState *state = data;

  if (state->format == ENS_HISTORY_FORMAT_JSON)
    g_string_append (state->buffer, state->n_rows == 0 ? "\n  " : ",\n  ");
  ens_history_format_row (state->buffer, row, state->format);
  ens_history_row_free (row);
  state->n_rows++;

  if (state->buffer->len >= 64 * 1024)
    return export_flush (state, error);

  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  QueryData *query = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (80 * 1024);
  ExportState state = { 0, };
  GError *error = NULL;

  /* Replaced whole or not at all. */
  stream = g_file_replace (query->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state.stream = G_OUTPUT_STREAM (stream);
  state.buffer = buffer;
  state.format = query->format;
  state.cancellable = cancellable;

  if (query->format == ENS_HISTORY_FORMAT_CSV)
    g_string_append (buffer, ens_history_csv_header ());
  else
    g_string_append_c (buffer, '[');

  if (query_each (source_object, query, export_row, &state, &error))
    {
      if (query->format == ENS_HISTORY_FORMAT_JSON)
        g_string_append (buffer, state.n_rows > 0 ? "\n]\n" : "]\n");
      if (export_flush (&state, &error))
        g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error);
    }

  if (error != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Cancelled before closing: the file is left as it was. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, state.n_rows);
}

/**
 * ens_history_export_async:
 * @filter: (nullable): which rows
 * @file: where to write; replaced whole, or left as it was on failure
 * @format: CSV (RFC 4180, CRLF) or JSON (an array of objects)
 *
 * Writes the rows, one per account, newest first.
 */
void
ens_history_export_async (EnsHistory             *self,
                          const EnsHistoryFilter *filter,
                          GFile                  *file,
                          EnsHistoryFormat        format,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *query;

  g_return_if_fail (ENS_IS_HISTORY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_history_export_async);
  query = query_data_new (filter);
  query->limit = -1;
  query->file = g_object_ref (file);
  query->format = format;
  g_task_set_task_data (task, query, query_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * ens_history_export_finish:
 *
 * Returns: how many rows were written; 0 with @error set on failure
 */
guint
ens_history_export_finish (EnsHistory    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (ENS_IS_HISTORY (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return (guint) MAX (n, 0);
}

/* }}} */
