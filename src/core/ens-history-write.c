/* ens-history-write.c
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

#include <glib/gi18n-lib.h>

#include "ens-error.h"
#include "ens-history-private.h"
#include "ens-store-private.h"

/*
 * Writing the history: the write-ahead record of a plan (every account
 * "planned" in one transaction before the plan starts), then its changes
 * of state in batches, each batch one transaction.
 */

/* Writing {{{ */

static gboolean
step_done (EnsHistory    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (self->store, rc, "step"));
      return FALSE;
    }

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

typedef struct
{
  EnsSharePlan *plan;
  char         *origin;
  char         *profile;
  char         *access_key_id;
  char         *caller_account_id;
  char         *caller_user;
  GPtrArray    *image_names;      /* per position; NULL when not known */
  GPtrArray    *recipient_names;  /* per position; NULL when not known */
} BeginData;

static void
begin_data_free (gpointer data)
{
  BeginData *begin = data;

  g_clear_object (&begin->plan);
  g_free (begin->origin);
  g_free (begin->profile);
  g_free (begin->access_key_id);
  g_free (begin->caller_account_id);
  g_free (begin->caller_user);
  g_clear_pointer (&begin->image_names, g_ptr_array_unref);
  g_clear_pointer (&begin->recipient_names, g_ptr_array_unref);
  g_free (begin);
}

/* @table's value for each account's key (its image, or the account), copied
 * on the calling thread: the worker never reads the caller's table. */
static GPtrArray *
dup_names (EnsSharePlan *plan,
           GHashTable   *table,
           gboolean      by_image)
{
  guint n = ens_share_plan_get_n_accounts (plan);
  GPtrArray *names = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *key = by_image ? ens_share_plan_get_account_image_id (plan, i)
                                 : ens_share_plan_get_account (plan, i);
      const char *name = table != NULL && key != NULL ? g_hash_table_lookup (table, key) : NULL;

      g_ptr_array_add (names, name != NULL && name[0] != '\0' ? g_strdup (name) : NULL);
    }

  return names;
}

static void
begin_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  EnsHistory *self = source_object;
  BeginData *begin = task_data;
  gint64 now = g_get_real_time ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 operation_id = 0;
  guint n = ens_share_plan_get_n_accounts (begin->plan);

  _ens_store_lock (self->store);

  if (!_ens_store_exec (self->store, "BEGIN IMMEDIATE", &error))
    goto out;

  stmt = _ens_history_stmt (self, STMT_INSERT_OPERATION, &error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, begin->origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, _ens_store_get_owner (self->store), -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, begin->profile);
  bind_text_or_null (stmt, 5, begin->access_key_id);
  sqlite3_bind_text (stmt, 6, ens_share_plan_get_image_id (begin->plan), -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 7, begin->caller_account_id);
  bind_text_or_null (stmt, 8, begin->caller_user);
  if (!step_done (self, stmt, &error))
    goto rollback;
  operation_id = sqlite3_last_insert_rowid (_ens_store_get_db (self->store));

  for (guint i = 0; i < n; i++)
    {
      /* Only what this run may send: a plan run again (copying sharing,
       * then stopping the source) has accounts settled already, and
       * skipped accounts are never sent. */
      if (ens_share_plan_get_state (begin->plan, i) != ENS_OUTCOME_PENDING)
        continue;

      stmt = _ens_history_stmt (self, STMT_INSERT_ENTRY, &error);
      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, operation_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, ens_share_plan_get_account (begin->plan, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4,
                         ens_share_plan_get_change (begin->plan, i) == ENS_SHARE_CHANGE_ADD ? "add" : "remove",
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_text (stmt, 6, ens_share_plan_get_account_image_id (begin->plan, i), -1,
                         SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 7, g_ptr_array_index (begin->image_names, i));
      bind_text_or_null (stmt, 8, g_ptr_array_index (begin->recipient_names, i));
      if (!step_done (self, stmt, &error))
        goto rollback;
    }

  if (_ens_store_exec (self->store, "COMMIT", &error))
    goto out;

rollback:
  _ens_store_exec (self->store, "ROLLBACK", NULL);

out:
  _ens_store_unlock (self->store);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, operation_id);
}

void
_ens_history_update_clear (gpointer data)
{
  EnsHistoryUpdate *update = data;

  g_clear_pointer (&update->request_id, g_free);
  g_clear_pointer (&update->error_code, g_free);
}

typedef struct
{
  gint64    operation_id;
  GArray   *updates;
  gboolean  finished;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  g_clear_pointer (&write->updates, g_array_unref);
  g_free (write);
}

static gboolean
write_one (EnsHistory              *self,
           gint64                   operation_id,
           const EnsHistoryUpdate  *update,
           GError                 **error)
{
  sqlite3_stmt *stmt = _ens_history_stmt (self, STMT_UPDATE_ENTRY, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, operation_id);
  sqlite3_bind_int (stmt, 2, update->position);
  sqlite3_bind_text (stmt, 3, ens_history_state_to_string (update->state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, update->time);
  bind_text_or_null (stmt, 5, update->request_id);
  bind_text_or_null (stmt, 6, update->error_code);
  sqlite3_bind_int (stmt, 7, update->tries);

  return step_done (self, stmt, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  EnsHistory *self = source_object;
  WriteData *write = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  _ens_store_lock (self->store);

  if (!_ens_store_exec (self->store, "BEGIN IMMEDIATE", &error))
    goto out;

  for (guint i = 0; write->updates != NULL && i < write->updates->len; i++)
    if (!write_one (self, write->operation_id,
                    &g_array_index (write->updates, EnsHistoryUpdate, i), &error))
      goto rollback;

  if (write->finished)
    {
      stmt = _ens_history_stmt (self, STMT_FINISH_OPERATION, &error);
      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, write->operation_id);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      if (!step_done (self, stmt, &error))
        goto rollback;
    }

  if (_ens_store_exec (self->store, "COMMIT", &error))
    goto out;

rollback:
  _ens_store_exec (self->store, "ROLLBACK", NULL);

out:
  _ens_store_unlock (self->store);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_ens_history_write_async (EnsHistory          *self,
                          gint64               operation_id,
                          GArray              *updates,
                          gboolean             finished,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *write;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ens_history_write_async);
  /* Written even when the caller has given up: it is the record. */
  g_task_set_check_cancellable (task, FALSE);

  write = g_new0 (WriteData, 1);
  write->operation_id = operation_id;
  write->updates = updates != NULL ? g_array_ref (updates) : NULL;
  write->finished = finished;
  g_task_set_task_data (task, write, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
_ens_history_write_finish (EnsHistory    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Settles rows (of EnsHistoryRow: operation_id, position, state), in one
 * transaction.  Called on the worker thread with the mutex held. */
gboolean
_ens_history_write_updates (EnsHistory  *self,
                            GPtrArray   *settle,
                            GError     **error)
{
  if (settle->len == 0)
    return TRUE;

  if (!_ens_store_exec (self->store, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < settle->len; i++)
    {
      const EnsHistoryRow *row = g_ptr_array_index (settle, i);
      EnsHistoryUpdate update = {
        .position = row->position, .state = row->state, .request_id = row->request_id,
        .error_code = row->error_code, .tries = row->tries, .time = g_get_real_time (),
      };

      if (!write_one (self, row->operation_id, &update, error))
        {
          _ens_store_exec (self->store, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  if (!_ens_store_exec (self->store, "COMMIT", error))
    {
      _ens_store_exec (self->store, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

/* }}} */

/* Public API {{{ */

/**
 * ens_history_begin_async:
 * @plan: a plan that has not run yet
 * @context: who makes the change (origin, profile, AccessKey ID, caller)
 *   and the names known for its images and accounts
 *
 * The write-ahead record: an operation and every account of @plan as
 * "planned", in one durable transaction.  Start the plan only once this
 * has succeeded ("no change without a record").
 */
void
ens_history_begin_async (EnsHistory              *self,
                         EnsSharePlan            *plan,
                         const EnsHistoryContext *context,
                         GCancellable            *cancellable,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  BeginData *begin;

  g_return_if_fail (ENS_IS_HISTORY (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (context != NULL && context->origin != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_history_begin_async);

  begin = g_new0 (BeginData, 1);
  begin->plan = g_object_ref (plan);
  begin->origin = g_strdup (context->origin);
  begin->profile = g_strdup (context->profile);
  begin->access_key_id = g_strdup (context->access_key_id);
  begin->caller_account_id = g_strdup (context->caller_account_id);
  begin->caller_user = g_strdup (context->caller_user);
  begin->image_names = dup_names (plan, context->image_names, TRUE);
  begin->recipient_names = dup_names (plan, context->recipient_names, FALSE);
  g_task_set_task_data (task, begin, begin_data_free);
  g_task_run_in_thread (task, begin_thread);
}

/**
 * ens_history_begin_finish:
 *
 * Returns: the operation's ID (> 0), or 0 with @error set
 */
gint64
ens_history_begin_finish (EnsHistory    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  gssize id;

  g_return_val_if_fail (ENS_IS_HISTORY (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  id = g_task_propagate_int (G_TASK (result), error);

  return MAX (id, 0);
}

/* }}} */
