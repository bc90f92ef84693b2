/* ens-recipients.c
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
#include "ens-input.h"
#include "ens-recipients-private.h"
#include "ens-text.h"

/*
 * The address book: named recipients (an account ID, a name, a note) and
 * named groups of them, kept in the store (EnsStore) beside the history.
 *
 * It is a GListModel of EnsRecipient sorted by name, read whole after
 * opening and after every change (the window binds its list to it); a
 * change runs on a worker thread in one transaction, then the list is
 * replaced on the main thread and GListModel::items-changed emitted.
 * Lookups by ID or name and resolving “@Name” use the list as last read,
 * without touching the disk.
 */

static void ens_recipients_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsRecipients, ens_recipients, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ens_recipients_list_model_init))

G_DEFINE_BOXED_TYPE (EnsRecipientsUndo, ens_recipients_undo,
                     ens_recipients_undo_copy, ens_recipients_undo_free)

/* Undo {{{ */

EnsRecipientsUndo *
ens_recipients_undo_copy (const EnsRecipientsUndo *undo)
{
  EnsRecipientsUndo *copy;

  g_return_val_if_fail (undo != NULL, NULL);

  copy = g_new0 (EnsRecipientsUndo, 1);
  copy->account_id = g_strdup (undo->account_id);
  copy->name = g_strdup (undo->name);
  copy->note = g_strdup (undo->note);
  copy->groups = g_strdupv (undo->groups);
  copy->group = g_strdup (undo->group);
  copy->members = g_strdupv (undo->members);

  return copy;
}

void
ens_recipients_undo_free (EnsRecipientsUndo *undo)
{
  if (undo == NULL)
    return;

  g_free (undo->account_id);
  g_free (undo->name);
  g_free (undo->note);
  g_strfreev (undo->groups);
  g_free (undo->group);
  g_strfreev (undo->members);
  g_free (undo);
}

/* }}} */

/* The list {{{ */

static GType
ens_recipients_get_item_type (GListModel *model)
{
  return ENS_TYPE_RECIPIENT;
}

static guint
ens_recipients_get_n_items (GListModel *model)
{
  EnsRecipients *self = ENS_RECIPIENTS (model);

  return self->snapshot != NULL ? self->snapshot->recipients->len : 0;
}

static gpointer
ens_recipients_get_item (GListModel *model,
                         guint       position)
{
  EnsRecipients *self = ENS_RECIPIENTS (model);

  if (self->snapshot == NULL || position >= self->snapshot->recipients->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->snapshot->recipients, position));
}

static void
ens_recipients_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ens_recipients_get_item_type;
  iface->get_n_items = ens_recipients_get_n_items;
  iface->get_item = ens_recipients_get_item;
}

static void
replace_snapshot (EnsRecipients         *self,
                  EnsRecipientsSnapshot *snapshot)
{
  guint removed = ens_recipients_get_n_items (G_LIST_MODEL (self));

  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->by_key);
  g_clear_pointer (&self->snapshot, _ens_recipients_snapshot_free);
  self->snapshot = snapshot;

  for (guint i = 0; i < snapshot->recipients->len; i++)
    {
      EnsRecipient *recipient = g_ptr_array_index (snapshot->recipients, i);

      g_hash_table_insert (self->by_id, (char *)ens_recipient_get_account_id (recipient), recipient);
      g_hash_table_insert (self->by_key, ens_recipient_name_key (ens_recipient_get_name (recipient)),
                           recipient);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, snapshot->recipients->len);
}

/* }}} */

/* Jobs on the worker {{{ */

typedef enum
{
  JOB_LOAD,
  JOB_ADD,
  JOB_EDIT,
  JOB_DELETE,
  JOB_GROUP_ADD,
  JOB_GROUP_REMOVE,
  JOB_DELETE_GROUP,
  JOB_UNDO,
  JOB_IMPORT,
  JOB_SEARCH,
  JOB_COMPLETE,
} JobKind;

typedef struct
{
  JobKind                 kind;
  char                   *account_id;
  char                   *name;
  char                   *note;
  char                  **account_ids;
  EnsRecipientsUndo      *undo;
  GPtrArray              *rows;       /* (EnsRecipientsCsvRow *) to import */
  guint                   limit;
  EnsRecipientsSnapshot  *snapshot;   /* read after a change */
  EnsRecipientsUndo      *undone;     /* what a delete returns */
  GPtrArray              *found;      /* what a search returns */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->account_id);
  g_free (job->name);
  g_free (job->note);
  g_strfreev (job->account_ids);
  g_clear_pointer (&job->undo, ens_recipients_undo_free);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_clear_pointer (&job->snapshot, _ens_recipients_snapshot_free);
  g_clear_pointer (&job->undone, ens_recipients_undo_free);
  g_clear_pointer (&job->found, g_ptr_array_unref);
  g_free (job);
}

static gboolean
job_change (Job       *job,
            EnsStore  *store,
            GError   **error)
{
  const char * const *ids = (const char * const *)job->account_ids;

  switch (job->kind)
    {
    case JOB_LOAD:
      return TRUE;

    case JOB_ADD:
      return _ens_recipients_db_add (store, job->account_id, job->name, job->note, error);

    case JOB_EDIT:
      return _ens_recipients_db_edit (store, job->account_id, job->name, job->note, error);

    case JOB_DELETE:
      job->undone = _ens_recipients_db_delete (store, job->account_id, error);
      return job->undone != NULL;

    case JOB_GROUP_ADD:
      return _ens_recipients_db_group_add (store, job->name, ids, error);

    case JOB_GROUP_REMOVE:
      return _ens_recipients_db_group_remove (store, job->name, ids, error);

    case JOB_DELETE_GROUP:
      job->undone = _ens_recipients_db_delete_group (store, job->name, error);
      return job->undone != NULL;

    case JOB_UNDO:
      return _ens_recipients_db_undo (store, job->undo, error);

    case JOB_IMPORT:
      return _ens_recipients_db_import (store, job->rows, error);

    case JOB_SEARCH:
    case JOB_COMPLETE:
    default:
      g_assert_not_reached ();
    }
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  EnsRecipients *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!_ens_store_open_sync (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _ens_store_lock (self->store);

  if (job->kind == JOB_SEARCH || job->kind == JOB_COMPLETE)
    {
      job->found = _ens_recipients_db_search (self->store, job->name, job->kind == JOB_COMPLETE,
                                              job->limit, &error);
    }
  /* Reading takes no write lock, so it does not wait for another writer;
   * a change takes it first, so that its checks and its writes see the
   * same file. */
  else if (_ens_store_exec (self->store, job->kind == JOB_LOAD ? "BEGIN" : "BEGIN IMMEDIATE", &error))
    {
      if (job_change (job, self->store, &error))
        job->snapshot = _ens_recipients_db_read (self->store, &error);
      if (job->snapshot != NULL)
        _ens_store_exec (self->store, "COMMIT", &error);
      if (error != NULL)
        _ens_store_exec (self->store, "ROLLBACK", NULL);
    }

  _ens_store_unlock (self->store);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* On the main thread: the new book replaces the list, then the caller's
 * task completes. */
static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  EnsRecipients *self = ENS_RECIPIENTS (object);
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->snapshot != NULL)
    replace_snapshot (self, g_steal_pointer (&job->snapshot));

  if (job->found != NULL)
    {
      /* The list's own objects, which know their groups, when they are there. */
      for (guint i = 0; i < job->found->len; i++)
        {
          EnsRecipient *found = g_ptr_array_index (job->found, i);
          EnsRecipient *known = g_hash_table_lookup (self->by_id, ens_recipient_get_account_id (found));

          if (known != NULL)
            {
              g_ptr_array_index (job->found, i) = g_object_ref (known);
              g_object_unref (found);
            }
        }
      g_task_return_pointer (task, g_steal_pointer (&job->found), (GDestroyNotify)g_ptr_array_unref);
    }
  else if (job->undone != NULL)
    g_task_return_pointer (task, g_steal_pointer (&job->undone), (GDestroyNotify)ens_recipients_undo_free);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_job (EnsRecipients       *self,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) worker = g_task_new (self, cancellable, job_done_cb, g_object_ref (task));

  g_task_set_source_tag (task, source_tag);
  g_task_set_source_tag (worker, run_job);
  /* A change made is shown even when the caller has cancelled meanwhile. */
  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, job, job_free);
  g_task_run_in_thread (worker, job_thread);
}

/* Checks the name and the account ID on the main thread: bad input fails
 * at once, before any disk access. */
static Job *
new_job (JobKind      kind,
         const char  *account_id,
         const char  *name,
         gboolean     is_group,
         GError     **error)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  if (account_id != NULL &&
      (job->account_id = ens_recipients_clean_account_id (account_id, error)) == NULL)
    {
      job_free (job);
      return NULL;
    }
  if (name != NULL && (job->name = ens_recipients_clean_name (name, error)) == NULL)
    {
      if (is_group)
        {
          g_autofree char *safe = ens_text_sanitize (name, -1);

          g_clear_error (error);
          g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                       _("“%s” cannot be the name of a group."), safe);
        }
      job_free (job);
      return NULL;
    }

  return job;
}

static void
start_job (EnsRecipients       *self,
           Job                 *job,
           GError              *error,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  if (job == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, source_tag);
      g_task_return_error (task, error);
      return;
    }

  run_job (self, job, source_tag, cancellable, callback, user_data);
}

/* }}} */

/* Public API {{{ */

/**
 * ens_recipients_new:
 * @store: the store, shared with the history
 *
 * Returns: (transfer full): an address book, empty until
 *   ens_recipients_load_async()
 */
EnsRecipients *
ens_recipients_new (EnsStore *store)
{
  EnsRecipients *self;

  g_return_val_if_fail (ENS_IS_STORE (store), NULL);

  self = g_object_new (ENS_TYPE_RECIPIENTS, NULL);
  self->store = g_object_ref (store);

  return self;
}

EnsStore *
ens_recipients_get_store (EnsRecipients *self)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);

  return self->store;
}

void
ens_recipients_load_async (EnsRecipients       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_job (self, new_job (JOB_LOAD, NULL, NULL, FALSE, NULL),
           ens_recipients_load_async, cancellable, callback, user_data);
}

gboolean
ens_recipients_load_finish (EnsRecipients  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
start_edit (EnsRecipients       *self,
            JobKind              kind,
            const char          *account_id,
            const char          *name,
            const char          *note,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GError *error = NULL;
  Job *job = new_job (kind, account_id, name, FALSE, &error);

  if (job != NULL && note != NULL)
    job->note = g_strstrip (g_strdup (note));
  start_job (self, job, error, source_tag, cancellable, callback, user_data);
}

/**
 * ens_recipients_add_async:
 * @note: (nullable): a note
 *
 * Adds a recipient.  Fails with %ENS_ERROR_INVALID_INPUT when the name or
 * the ID is not valid, the ID is in the book already or the name is taken
 * (by a recipient or a group, whatever its case); %ENS_ERROR_STORAGE when
 * the file cannot be written.
 */
void
ens_recipients_add_async (EnsRecipients       *self,
                          const char          *account_id,
                          const char          *name,
                          const char          *note,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));
  g_return_if_fail (account_id != NULL);

  start_edit (self, JOB_ADD, account_id, name != NULL ? name : "", note,
              ens_recipients_add_async, cancellable, callback, user_data);
}

void
ens_recipients_edit_async (EnsRecipients       *self,
                           const char          *account_id,
                           const char          *name,
                           const char          *note,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));
  g_return_if_fail (account_id != NULL);

  start_edit (self, JOB_EDIT, account_id, name != NULL ? name : "", note,
              ens_recipients_edit_async, cancellable, callback, user_data);
}

void
ens_recipients_delete_async (EnsRecipients       *self,
                             const char          *account_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;
  Job *job;

  g_return_if_fail (ENS_IS_RECIPIENTS (self));
  g_return_if_fail (account_id != NULL);

  job = new_job (JOB_DELETE, account_id, NULL, FALSE, &error);
  start_job (self, job, error, ens_recipients_delete_async, cancellable, callback, user_data);
}

static void
start_group (EnsRecipients       *self,
             JobKind              kind,
             const char          *group,
             const char * const  *account_ids,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GError *error = NULL;
  Job *job = new_job (kind, NULL, group != NULL ? group : "", TRUE, &error);

  if (job != NULL)
    job->account_ids = g_strdupv ((char **)account_ids);
  start_job (self, job, error, source_tag, cancellable, callback, user_data);
}

void
ens_recipients_add_to_group_async (EnsRecipients       *self,
                                   const char          *group,
                                   const char * const  *account_ids,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));

  start_group (self, JOB_GROUP_ADD, group, account_ids,
               ens_recipients_add_to_group_async, cancellable, callback, user_data);
}

void
ens_recipients_remove_from_group_async (EnsRecipients       *self,
                                        const char          *group,
                                        const char * const  *account_ids,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));

  start_group (self, JOB_GROUP_REMOVE, group, account_ids,
               ens_recipients_remove_from_group_async, cancellable, callback, user_data);
}

void
ens_recipients_delete_group_async (EnsRecipients       *self,
                                   const char          *group,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));

  start_group (self, JOB_DELETE_GROUP, group, NULL,
               ens_recipients_delete_group_async, cancellable, callback, user_data);
}

/**
 * ens_recipients_undo_async:
 * @undo: what ens_recipients_delete_finish() returned
 *
 * Puts back a deleted recipient with its note and its groups, or a
 * deleted group with its members.
 */
void
ens_recipients_undo_async (EnsRecipients            *self,
                           const EnsRecipientsUndo  *undo,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  Job *job;

  g_return_if_fail (ENS_IS_RECIPIENTS (self));
  g_return_if_fail (undo != NULL);

  job = new_job (JOB_UNDO, NULL, NULL, FALSE, NULL);
  job->undo = ens_recipients_undo_copy (undo);
  run_job (self, job, ens_recipients_undo_async, cancellable, callback, user_data);
}

/* Writes @rows (of EnsRecipientsCsvRow) in one transaction: see
 * ens_recipients_import_async() in ens-recipients-csv.c. */
void
_ens_recipients_import_rows_async (EnsRecipients       *self,
                                   GPtrArray           *rows,
                                   gpointer             source_tag,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  job = new_job (JOB_IMPORT, NULL, NULL, FALSE, NULL);
  job->rows = g_ptr_array_ref (rows);
  run_job (self, job, source_tag, cancellable, callback, user_data);
}

gboolean
ens_recipients_change_finish (EnsRecipients  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ens_recipients_delete_finish:
 *
 * Returns: (transfer full) (nullable): what ens_recipients_undo_async()
 *   needs to put it back, or %NULL with @error set
 */
EnsRecipientsUndo *
ens_recipients_delete_finish (EnsRecipients  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
start_query (EnsRecipients       *self,
             JobKind              kind,
             const char          *text,
             guint                limit,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  Job *job = new_job (kind, NULL, NULL, FALSE, NULL);

  job->name = g_strstrip (g_strdup (text != NULL ? text : ""));
  job->limit = limit;
  run_job (self, job, source_tag, cancellable, callback, user_data);
}

void
ens_recipients_search_async (EnsRecipients       *self,
                             const char          *text,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));

  start_query (self, JOB_SEARCH, text, limit, ens_recipients_search_async,
               cancellable, callback, user_data);
}

void
ens_recipients_complete_async (EnsRecipients       *self,
                               const char          *prefix,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));

  start_query (self, JOB_COMPLETE, prefix, limit, ens_recipients_complete_async,
               cancellable, callback, user_data);
}

/**
 * ens_recipients_query_finish:
 *
 * Returns: (transfer container) (element-type EnsRecipient): what was found
 */
GPtrArray *
ens_recipients_query_finish (EnsRecipients  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */

/* GObject {{{ */

static void
ens_recipients_dispose (GObject *object)
{
  EnsRecipients *self = (EnsRecipients *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (ens_recipients_parent_class)->dispose (object);
}

static void
ens_recipients_finalize (GObject *object)
{
  EnsRecipients *self = (EnsRecipients *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->snapshot, _ens_recipients_snapshot_free);

  G_OBJECT_CLASS (ens_recipients_parent_class)->finalize (object);
}

static void
ens_recipients_class_init (EnsRecipientsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_recipients_dispose;
  object_class->finalize = ens_recipients_finalize;
}

static void
ens_recipients_init (EnsRecipients *self)
{
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* }}} */
