/* ens-history.c
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

#include "ens-history-private.h"
#include "ens-store-private.h"

/*
 * The history: the operations and their accounts, kept in the store
 * (EnsStore, one SQLite file shared with the address book).  Every use
 * runs on a GTask worker thread under the store's lock, so the main loop
 * never waits on the disk.  Its tables are the store’s migrations 1 to 3.
 *
 * Nothing secret is stored: the profile name and the AccessKey ID, never
 * the secret or a token.
 */

G_DEFINE_FINAL_TYPE (EnsHistory, ens_history, G_TYPE_OBJECT)

/* Statements {{{ */

static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_OPERATION] =
    "INSERT INTO operations (started_at, origin, owner, profile, access_key_id, image_id,"
    " caller_account_id, caller_user)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_INSERT_ENTRY] =
    "INSERT INTO entries (operation_id, position, account_id, change, state, updated_at, image_id,"
    " image_name, recipient_name)"
    " VALUES (?1, ?2, ?3, ?4, 'planned', ?5, ?6, ?7, ?8)",
  [STMT_UPDATE_ENTRY] =
    "UPDATE entries SET state = ?3, updated_at = ?4,"
    " request_id = coalesce (?5, request_id), error_code = ?6,"
    " tries = max (tries, ?7)"
    " WHERE operation_id = ?1 AND position = ?2",
  [STMT_FINISH_OPERATION] =
    "UPDATE operations SET finished_at = ?2 WHERE id = ?1",
  [STMT_UNSETTLED] =
    "SELECT o.id, o.started_at, o.origin, o.profile, o.access_key_id,"
    " coalesce (e.image_id, o.image_id),"
    " e.position, e.account_id, e.change, e.state, e.updated_at, e.request_id,"
    " e.error_code, e.tries, o.owner, o.finished_at"
    " FROM entries e JOIN operations o ON e.operation_id = o.id"
    " WHERE e.state IN ('planned', 'sending', 'unknown') AND o.access_key_id IS ?1"
    " ORDER BY coalesce (e.image_id, o.image_id), o.id, e.position",
};

/* }}} */

/* The prepared statement, kept for the life of the connection and reset
 * (bindings cleared) before it is handed out again. */
sqlite3_stmt *
_ens_history_stmt (EnsHistory      *self,
                   EnsHistoryStmt   which,
                   GError         **error)
{
  g_assert (which < N_STMTS);

  return _ens_store_stmt (self->store, stmt_sql[which], error);
}

/* Public API {{{ */

/**
 * ens_history_dup_default_path:
 *
 * Returns: (transfer full): the default store's file (see
 *   ens_store_dup_default_path())
 */
char *
ens_history_dup_default_path (void)
{
  return ens_store_dup_default_path ();
}

/**
 * ens_history_new:
 * @path: (nullable): the database file; %NULL for the default one
 *
 * A history with a store of its own on @path.
 *
 * Returns: (transfer full): a history, not open yet (ens_history_open_async())
 */
EnsHistory *
ens_history_new (const char *path)
{
  g_autoptr(EnsStore) store = ens_store_new (path);

  return ens_history_new_for_store (store);
}

/**
 * ens_history_new_for_store:
 * @store: the store, shared with the address book
 *
 * Returns: (transfer full): a history in @store
 */
EnsHistory *
ens_history_new_for_store (EnsStore *store)
{
  EnsHistory *self;

  g_return_val_if_fail (ENS_IS_STORE (store), NULL);

  self = g_object_new (ENS_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);

  return self;
}

/**
 * ens_history_get_store:
 *
 * Returns: (transfer none): the store the history is kept in
 */
EnsStore *
ens_history_get_store (EnsHistory *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), NULL);

  return self->store;
}

const char *
ens_history_get_path (EnsHistory *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), NULL);

  return ens_store_get_path (self->store);
}

/**
 * ens_history_get_moved_aside:
 *
 * Returns: (nullable): where the damaged file found when opening was
 *   moved, or %NULL when it was not
 */
const char *
ens_history_get_moved_aside (EnsHistory *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), NULL);

  return ens_store_get_moved_aside (self->store);
}

/**
 * ens_history_dup_moved_aside_message:
 *
 * Returns: (transfer full) (nullable): what to tell the user when a
 *   damaged file was moved aside, translated; %NULL when none was
 */
char *
ens_history_dup_moved_aside_message (EnsHistory *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), NULL);

  return ens_store_dup_moved_aside_message (self->store);
}

int
ens_history_get_schema_version (EnsHistory *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), 0);

  return ens_store_get_schema_version (self->store);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (ens_store_open_finish (ENS_STORE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ens_history_open_async:
 *
 * Opens the store (ens_store_open_async()): creates the file and migrates
 * it to the current schema.  A damaged file is moved aside (see
 * ens_history_get_moved_aside()) and a new one started.  Opening an open
 * history does nothing.  Fails with %ENS_ERROR_STORAGE.
 */
void
ens_history_open_async (EnsHistory          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ENS_IS_HISTORY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_history_open_async);
  ens_store_open_async (self->store, cancellable, open_cb, g_steal_pointer (&task));
}

gboolean
ens_history_open_finish (EnsHistory    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (ENS_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */

/* GObject {{{ */

static void
ens_history_dispose (GObject *object)
{
  EnsHistory *self = (EnsHistory *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (ens_history_parent_class)->dispose (object);
}

static void
ens_history_class_init (EnsHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_history_dispose;
}

static void
ens_history_init (EnsHistory *self)
{
}

/* }}} */
