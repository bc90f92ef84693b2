/* ens-credential-store-queue.c
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

#include "ens-credential-store.h"
#include "ens-credential-store-private.h"
#include "ens-credentials.h"

/*
 * What every keyring operation shares (ens-credential-store-keyring.c):
 * its KeyringOp, the timeout guard, the ends of its chain of libsecret
 * calls, and the queue that runs the operations one at a time.
 */

/* Operations and the timeout guard {{{ */

static void
keyring_op_stop_timeout (KeyringOp *op)
{
  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_clear_pointer (&op->timeout_source, g_source_unref);
    }
}

static void
keyring_op_free (KeyringOp *op)
{
  if (op->caller_handler != 0)
    g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
  g_clear_object (&op->caller_cancellable);

  keyring_op_stop_timeout (op);
  g_clear_object (&op->cancellable);
  g_free (op->profile);
  g_clear_pointer (&op->credentials, ens_credentials_free);
  g_clear_pointer (&op->stale_ids, g_ptr_array_unref);
  g_free (op);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void keyring_queue_chain_ended (GTask *task);

/*
 * The timeout guard answers the caller at once and leaves libsecret's call
 * running: it is abandoned, never cancelled.  Cancelling a call to a slow
 * Secret portal can deadlock libsecret 0.20 (Debian 12) inside
 * g_cancellable_disconnect(), which would hang the whole process.  The
 * abandoned call ends in its own time; its result is dropped by
 * keyring_return_*(), and the next operation waits for it (see "One
 * operation at a time").
 */
static gboolean
on_keyring_timeout (gpointer user_data)
{
  KeyringOp *op = user_data;

  g_debug ("Keyring %s (profile “%s”): no answer after %u s, giving up waiting",
           _ens_keyring_operation_name (op->operation), op->profile ? op->profile : "",
           op->timeout_seconds);

  g_clear_pointer (&op->timeout_source, g_source_unref);
  op->timed_out = TRUE;
  g_task_return_error (op->task, _ens_keyring_timeout_error_new ());

  return G_SOURCE_REMOVE;
}

/* The ends of an operation's chain of libsecret calls: @task gets its
 * result, unless the timeout guard has answered already. */
static gboolean
keyring_op_may_return (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);

  g_assert (!op->returned);
  op->returned = TRUE;
  keyring_op_stop_timeout (op);

  return !op->timed_out;
}

void
_ens_keyring_return_error (GTask  *task,
                      GError *error)
{
  if (keyring_op_may_return (task))
    g_task_return_error (task, error);
  else
    g_error_free (error);
  keyring_queue_chain_ended (task);
}

void
_ens_keyring_return_boolean (GTask    *task,
                        gboolean  value)
{
  if (keyring_op_may_return (task))
    g_task_return_boolean (task, value);
  keyring_queue_chain_ended (task);
}

void
_ens_keyring_return_pointer (GTask          *task,
                        gpointer        value,
                        GDestroyNotify  value_free)
{
  if (keyring_op_may_return (task))
    g_task_return_pointer (task, value, value_free);
  else if (value != NULL && value_free != NULL)
    value_free (value);
  keyring_queue_chain_ended (task);
}

/* Attaches a new operation to @task (as its task data) and returns it. */
KeyringOp *
_ens_keyring_op_start (GTask      *task,
                  Operation   operation,
                  const char *profile)
{
  EnsCredentialStore *self = g_task_get_source_object (task);
  GCancellable *caller_cancellable = g_task_get_cancellable (task);
  KeyringOp *op;

  op = g_new0 (KeyringOp, 1);
  op->task = task;
  op->operation = operation;
  op->profile = g_strdup (profile);
  op->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, op, (GDestroyNotify) keyring_op_free);

  op->timeout_seconds = self->timeout_seconds;
  op->timeout_source = g_timeout_source_new_seconds (op->timeout_seconds);
  g_source_set_callback (op->timeout_source, on_keyring_timeout, op, NULL);
  g_source_set_static_name (op->timeout_source, "[ens] keyring timeout");
  g_source_attach (op->timeout_source, g_task_get_context (task));

  if (caller_cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (caller_cancellable);
      /* Runs the handler at once when already cancelled. */
      op->caller_handler = g_cancellable_connect (caller_cancellable,
                                                  G_CALLBACK (on_caller_cancelled),
                                                  g_object_ref (op->cancellable),
                                                  g_object_unref);
    }

  return op;
}

/* }}} */

/* One operation at a time {{{ */

/*
 * Keyring operations run one after another, in the order they were asked
 * for.  libsecret keeps one connection per process, and an operation that
 * overlaps another can see an item that the other removes meanwhile: the
 * search returns the item's path, the item is gone before libsecret has
 * loaded it, and libsecret 0.20 (Debian 12) then completes its loading
 * task twice (fixed in 0.21).  Waiting for the previous operation costs
 * little: each one takes milliseconds, and the timeout guard, which runs
 * from the moment an operation is asked for, bounds the wait.
 */
static GQueue waiting = G_QUEUE_INIT;   /* of GTask; the head is running */

static void
keyring_queue_begin_head (void)
{
  GTask *task;

  while ((task = g_queue_peek_head (&waiting)) != NULL)
    {
      KeyringOp *op = g_task_get_task_data (task);

      if (!op->timed_out)
        {
          /* The chain of callbacks holds its own reference until it ends. */
          op->begin (g_object_ref (task));
          return;
        }

      /* Answered by the timeout guard while it waited: nothing to do. */
      op->returned = TRUE;
      g_object_unref (g_queue_pop_head (&waiting));
    }
}

/* Called by keyring_return_*() when the last libsecret call of @task's
 * operation has come back: the next operation may begin. */
static void
keyring_queue_chain_ended (GTask *task)
{
  g_assert (g_queue_peek_head (&waiting) == task);

  g_object_unref (g_queue_pop_head (&waiting));
  keyring_queue_begin_head ();
}

/* Runs the operation of @task (its KeyringOp's begin) when the operations
 * asked for before it have finished. */
void
_ens_keyring_queue_push (GTask *task)
{
  g_queue_push_tail (&waiting, g_object_ref (task));
  if (g_queue_get_length (&waiting) == 1)
    keyring_queue_begin_head ();
}

/* }}} */
