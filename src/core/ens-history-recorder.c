/* ens-history-recorder.c
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

#include "ens-core-enums.h"
#include "ens-error.h"
#include "ens-history-private.h"
#include "ens-history-recorder.h"

/*
 * Why "planned" first and "sending" in batches: the "sending" signal comes
 * on the main loop just before each request leaves.  Writing it durably
 * there would make the main loop wait on the disk (an fsync) for every
 * request.  Instead every account is written "planned", durably, in one
 * transaction before the plan starts, and recovery treats "planned" like
 * "sending": either may or may not have reached the server, and the share
 * list settles both.  "sending" and the outcomes follow in batches on the
 * worker thread; they tell the user more, but no guarantee rests on them.
 */

struct _EnsHistoryRecorder
{
  GObject        parent_instance;

  /* Owned references */
  EnsHistory    *history;
  EnsSharePlan  *plan;
  GCancellable  *plan_cancellable;
  GArray        *queue;        /* of EnsHistoryUpdate, not written yet */
  GError        *error;
  GTask         *close_task;

  gint64         operation_id;
  guint          writing : 1;
  guint          closed : 1;
};

G_DEFINE_FINAL_TYPE (EnsHistoryRecorder, ens_history_recorder, G_TYPE_OBJECT)

static GArray *
new_queue (void)
{
  GArray *queue = g_array_new (FALSE, TRUE, sizeof (EnsHistoryUpdate));

  g_array_set_clear_func (queue, _ens_history_update_clear);

  return queue;
}

static char *
dup_error_code (const GError *error)
{
  GEnumClass *enum_class;
  GEnumValue *value;

  if (error == NULL)
    return NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup ("Cancelled");
  if (error->domain != ENS_ERROR)
    return g_strdup ("Failed");
  if (ens_error_get_api_code (error) != NULL)
    return g_strdup (ens_error_get_api_code (error));

  enum_class = g_type_class_ref (ENS_TYPE_ERROR);
  value = g_enum_get_value (enum_class, error->code);
  g_type_class_unref (enum_class);

  return g_strdup (value != NULL ? value->value_nick : "failed");
}

static void flush (EnsHistoryRecorder *self);

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EnsHistoryRecorder) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;

  if (!_ens_history_write_finish (ENS_HISTORY (object), result, &error))
    {
      g_warning ("Could not write the history of operation %" G_GINT64_FORMAT ": %s",
                 self->operation_id, error->message);
      /* No change without a record: nothing more is sent. */
      if (self->plan_cancellable != NULL)
        g_cancellable_cancel (self->plan_cancellable);
      if (self->error == NULL)
        self->error = g_steal_pointer (&error);
    }

  if (self->close_task != NULL && self->queue->len == 0 && self->closed)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->close_task);

      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  flush (self);
}

static void
flush (EnsHistoryRecorder *self)
{
  g_autoptr(GArray) batch = NULL;
  gboolean finished;

  if (self->writing)
    return;

  finished = self->close_task != NULL;
  if (self->queue->len == 0 && !finished)
    return;

  batch = g_steal_pointer (&self->queue);
  self->queue = new_queue ();
  self->writing = TRUE;
  self->closed = finished;
  _ens_history_write_async (self->history, self->operation_id, batch, finished, NULL,
                            write_cb, g_object_ref (self));
}

static void
queue_update (EnsHistoryRecorder *self,
              guint               position,
              EnsHistoryState     state)
{
  EnsHistoryUpdate update = { 0, };

  update.position = position;
  update.state = state;
  update.time = g_get_real_time ();
  if (state != ENS_HISTORY_SENDING)
    {
      update.request_id = g_strdup (ens_share_plan_get_request_id (self->plan, position));
      update.error_code = dup_error_code (ens_share_plan_get_error (self->plan, position));
      update.tries = ens_share_plan_get_tries (self->plan, position);
    }
  g_array_append_val (self->queue, update);

  flush (self);
}

static void
plan_sending_cb (EnsHistoryRecorder *self,
                 guint               position)
{
  queue_update (self, position, ENS_HISTORY_SENDING);
}

static void
plan_outcome_cb (EnsHistoryRecorder *self,
                 guint               position)
{
  queue_update (self, position,
                ens_history_state_from_outcome (ens_share_plan_get_state (self->plan, position)));
}

/**
 * ens_history_recorder_new:
 * @operation_id: from ens_history_begin_finish()
 * @plan_cancellable: (nullable): cancelled when the history cannot be written
 */
EnsHistoryRecorder *
ens_history_recorder_new (EnsHistory   *history,
                          EnsSharePlan *plan,
                          gint64        operation_id,
                          GCancellable *plan_cancellable)
{
  EnsHistoryRecorder *self;

  g_return_val_if_fail (ENS_IS_HISTORY (history), NULL);
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (plan), NULL);
  g_return_val_if_fail (operation_id > 0, NULL);

  self = g_object_new (ENS_TYPE_HISTORY_RECORDER, NULL);
  self->history = g_object_ref (history);
  self->plan = g_object_ref (plan);
  self->operation_id = operation_id;
  if (plan_cancellable != NULL)
    self->plan_cancellable = g_object_ref (plan_cancellable);

  g_signal_connect_object (plan, "sending", G_CALLBACK (plan_sending_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (plan, "outcome", G_CALLBACK (plan_outcome_cb), self, G_CONNECT_SWAPPED);

  return self;
}

gint64
ens_history_recorder_get_operation_id (EnsHistoryRecorder *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_RECORDER (self), 0);

  return self->operation_id;
}

/**
 * ens_history_recorder_get_error:
 *
 * Returns: (nullable): why the history could not be written, if it could not
 */
const GError *
ens_history_recorder_get_error (EnsHistoryRecorder *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_RECORDER (self), NULL);

  return self->error;
}

/**
 * ens_history_recorder_record:
 *
 * Records a state the plan does not know, e.g. %ENS_HISTORY_CONFIRMED
 * for an unknown outcome settled by reading the share list.
 */
void
ens_history_recorder_record (EnsHistoryRecorder *self,
                             guint               position,
                             EnsHistoryState     state)
{
  g_return_if_fail (ENS_IS_HISTORY_RECORDER (self));
  g_return_if_fail (self->close_task == NULL);

  queue_update (self, position, state);
}

/**
 * ens_history_recorder_close_async:
 *
 * Writes what is queued and closes the operation.  Call it once the plan
 * has finished; it fails if any write failed.
 */
void
ens_history_recorder_close_async (EnsHistoryRecorder  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ENS_IS_HISTORY_RECORDER (self));
  g_return_if_fail (self->close_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_history_recorder_close_async);
  g_task_set_check_cancellable (task, FALSE);

  g_signal_handlers_disconnect_by_data (self->plan, self);
  self->close_task = g_steal_pointer (&task);
  flush (self);
}

gboolean
ens_history_recorder_close_finish (EnsHistoryRecorder  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (ENS_IS_HISTORY_RECORDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ens_history_recorder_dispose (GObject *object)
{
  EnsHistoryRecorder *self = (EnsHistoryRecorder *)object;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (ens_history_recorder_parent_class)->dispose (object);
}

static void
ens_history_recorder_finalize (GObject *object)
{
  EnsHistoryRecorder *self = (EnsHistoryRecorder *)object;

  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (ens_history_recorder_parent_class)->finalize (object);
}

static void
ens_history_recorder_class_init (EnsHistoryRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_history_recorder_dispose;
  object_class->finalize = ens_history_recorder_finalize;
}

static void
ens_history_recorder_init (EnsHistoryRecorder *self)
{
  self->queue = new_queue ();
}
