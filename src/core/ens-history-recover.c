/* ens-history-recover.c
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

#include "ens-client.h"
#include "ens-error.h"
#include "ens-history-private.h"
#include "ens-store-private.h"

/*
 * Recovery: a run that ended without finishing (a crash, kill -9, a power
 * cut) leaves accounts "planned" or "sending": their request may or may
 * not have reached the server.  A lost answer leaves them "unknown".  The
 * next run with the same AccessKey reads each image's share list and
 * records what it found: "confirmed" (the change is there) or
 * "did-not-happen".  Operations of a process that still runs are left
 * alone (its lock file is held).
 */

typedef struct
{
  EnsClient  *client;
  char       *access_key_id;
  GPtrArray  *rows;      /* of EnsHistoryRow, unsettled, by image */
  GPtrArray  *settle;    /* of EnsHistoryRow (borrowed from rows) */
  guint       next;      /* the first row of the next image to check */
  EnsHistoryRecovery recovery;
} RecoverData;

static void
recover_data_free (gpointer data)
{
  RecoverData *recover = data;

  g_clear_object (&recover->client);
  g_free (recover->access_key_id);
  g_clear_pointer (&recover->settle, g_ptr_array_unref);
  g_clear_pointer (&recover->rows, g_ptr_array_unref);
  g_free (recover);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  EnsHistory *self = source_object;
  RecoverData *recover = task_data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)ens_history_row_free);
  g_autoptr(GHashTable) gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  GError *error = NULL;
  int rc;

  _ens_store_lock (self->store);

  stmt = _ens_history_stmt (self, STMT_UNSETTLED, &error);
  if (stmt == NULL)
    {
      _ens_store_unlock (self->store);
      g_task_return_error (task, error);
      return;
    }

  if (recover->access_key_id != NULL)
    sqlite3_bind_text (stmt, 1, recover->access_key_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *owner = (const char *)sqlite3_column_text (stmt, 14);
      gboolean finished = sqlite3_column_type (stmt, 15) != SQLITE_NULL;
      gpointer known;

      /* A running operation is its process's business. */
      if (!finished)
        {
          if (!g_hash_table_lookup_extended (gone, owner, NULL, &known))
            {
              known = GINT_TO_POINTER (_ens_store_owner_is_gone (self->store, owner));
              g_hash_table_insert (gone, g_strdup (owner), known);
            }
          if (!GPOINTER_TO_INT (known))
            continue;
        }

      g_ptr_array_add (rows, _ens_history_row_from_stmt (stmt));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    error = _ens_store_error (self->store, rc, "unsettled");

  _ens_store_unlock (self->store);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify)g_ptr_array_unref);
}

static void
settle_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EnsHistory *self = source_object;
  RecoverData *recover = task_data;
  GError *error = NULL;
  gboolean ok;

  _ens_store_lock (self->store);
  ok = _ens_history_write_updates (self, recover->settle, &error);
  _ens_store_unlock (self->store);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void check_next_image (GTask *task);

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RecoverData *recover = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gboolean complete = FALSE;
  guint first = recover->next;
  const char *image_id = ((EnsHistoryRow *)g_ptr_array_index (recover->rows, first))->image_id;
  guint end = first;

  while (end < recover->rows->len &&
         g_strcmp0 (((EnsHistoryRow *)g_ptr_array_index (recover->rows, end))->image_id, image_id) == 0)
    end++;
  recover->next = end;

  shares = ens_client_describe_image_share_permission_finish_full (ENS_CLIENT (object), result,
                                                                   &complete, &error);
  for (guint i = first; i < end; i++)
    {
      EnsHistoryRow *row = g_ptr_array_index (recover->rows, i);
      gboolean shared;

      /* A list that may be incomplete cannot tell that an account is gone. */
      if (shares == NULL || !complete)
        {
          recover->recovery.still_unknown++;
          continue;
        }

      shared = g_strv_contains ((const char * const *)shares, row->account_id);
      if (shared == (row->change == ENS_SHARE_CHANGE_ADD))
        {
          row->state = ENS_HISTORY_CONFIRMED;
          recover->recovery.confirmed++;
        }
      else
        {
          row->state = ENS_HISTORY_DID_NOT_HAPPEN;
          recover->recovery.did_not_happen++;
        }
      g_ptr_array_add (recover->settle, row);
    }

  if (error != NULL)
    g_debug ("Recovery: the share list of %s could not be read: %s", image_id, error->message);

  if (g_task_return_error_if_cancelled (task))
    return;

  check_next_image (g_steal_pointer (&task));
}

static void
check_next_image (GTask *task)
{
  RecoverData *recover = g_task_get_task_data (task);
  EnsHistoryRow *row;

  if (recover->next >= recover->rows->len)
    {
      g_task_run_in_thread (task, settle_thread);
      g_object_unref (task);
      return;
    }

  row = g_ptr_array_index (recover->rows, recover->next);
  ens_client_describe_image_share_permission_async (recover->client, row->image_id,
                                                    g_task_get_cancellable (task),
                                                    list_cb, task);
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RecoverData *recover = g_task_get_task_data (task);
  GError *error = NULL;

  recover->rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (recover->rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Recovery: %u accounts left unsettled", recover->rows->len);
  check_next_image (g_steal_pointer (&task));
}

/**
 * ens_history_recover_async:
 * @client: a client signed in with @access_key_id
 * @access_key_id: (nullable): whose operations to check
 *
 * Settles what runs that ended without finishing left unsettled for this
 * AccessKey (see the top of this file).  Each image's share list is read
 * once.  What cannot be checked stays as it is, for the next run.
 */
void
ens_history_recover_async (EnsHistory          *self,
                           EnsClient           *client,
                           const char          *access_key_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) find = NULL;
  RecoverData *recover;

  g_return_if_fail (ENS_IS_HISTORY (self));
  g_return_if_fail (ENS_IS_CLIENT (client));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_history_recover_async);
  recover = g_new0 (RecoverData, 1);
  recover->client = g_object_ref (client);
  recover->access_key_id = g_strdup (access_key_id);
  recover->settle = g_ptr_array_new ();
  g_task_set_task_data (task, recover, recover_data_free);

  find = g_task_new (self, cancellable, find_cb, g_steal_pointer (&task));
  g_task_set_task_data (find, recover, NULL);
  g_task_run_in_thread (find, find_thread);
}

/**
 * ens_history_recover_finish:
 * @recovery: (out caller-allocates): what was found
 */
gboolean
ens_history_recover_finish (EnsHistory          *self,
                            GAsyncResult        *result,
                            EnsHistoryRecovery  *recovery,
                            GError             **error)
{
  RecoverData *recover;

  g_return_val_if_fail (ENS_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (recovery != NULL, FALSE);

  recover = g_task_get_task_data (G_TASK (result));
  *recovery = recover->recovery;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ens_history_recovery_dup_message:
 *
 * Returns: (transfer full) (nullable): what to tell the user once, or
 *   %NULL when there was nothing to check
 */
char *
ens_history_recovery_dup_message (const EnsHistoryRecovery *recovery)
{
  guint checked;
  GString *message;

  g_return_val_if_fail (recovery != NULL, NULL);

  checked = recovery->confirmed + recovery->did_not_happen;
  if (checked == 0 && recovery->still_unknown == 0)
    return NULL;

  message = g_string_new (NULL);
  if (checked > 0)
    g_string_append_printf (message,
                            /* Translators: accounts an earlier run left unfinished (a crash,
                             * the app killed), checked against the share list */
                            ngettext ("%u change an earlier run left unfinished was checked: %u confirmed, %u did not happen.",
                                      "%u changes an earlier run left unfinished were checked: %u confirmed, %u did not happen.",
                                      checked),
                            checked, recovery->confirmed, recovery->did_not_happen);
  if (recovery->still_unknown > 0)
    {
      if (message->len > 0)
        g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              ngettext ("%u change an earlier run left unfinished could not be checked and is still unknown.",
                                        "%u changes an earlier run left unfinished could not be checked and are still unknown.",
                                        recovery->still_unknown),
                              recovery->still_unknown);
    }

  return g_string_free (message, FALSE);
}
