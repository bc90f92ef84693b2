/* ens-change-runner.c
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

#include <glib/gi18n.h>

#include "ens-activity-entry.h"
#include "ens-change-runner.h"
#include "ens-error.h"
#include "ens-change-runner-private.h"
#include "ens-history-recorder.h"

G_DEFINE_FINAL_TYPE (EnsChangeRunner, ens_change_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_RUNNING,
  PROP_PLAN,
  PROP_TITLE,
  PROP_PROGRESS_TEXT,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_ens_change_runner_emit_notice (EnsChangeRunner *self,
                                const char      *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

/* Progress {{{ */

static void
ens_change_runner_set_string (EnsChangeRunner  *self,
                              char            **field,
                              char             *value,
                              guint             prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
plan_progress_cb (EnsChangeRunner *self)
{
  guint done;
  guint total;
  double fraction;

  if (self->plan == NULL)
    return;

  done = ens_share_plan_get_done (self->plan);
  total = ens_share_plan_get_total (self->plan);
  fraction = total > 0 ? (double)done / total : 0.0;

  ens_change_runner_set_string (self, &self->progress_text,
                                /* Translators: progress of a change, e.g. "3 of 10" accounts */
                                g_strdup_printf (ngettext ("%u of %u", "%u of %u", done), done, total),
                                PROP_PROGRESS_TEXT);

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

static char *
dup_title (EnsSharePlan *plan)
{
  guint n_add = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING);

  if (n_add == ens_share_plan_get_n_accounts (plan))
    return g_strdup (_("Sharing…"));
  if (n_add == 0)
    return g_strdup (_("Stopping sharing…"));

  return g_strdup (_("Changing sharing…"));
}

/* }}} */

/* Running {{{ */

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* The end of a run, recorded or not, sent or refused. */
static void
finish_run (GTask  *owned_task,
            GError *error)
{
  g_autoptr(GTask) task = owned_task;
  EnsChangeRunner *self = g_task_get_source_object (task);
  EnsSharePlan *plan = g_task_get_task_data (task);
  g_autoptr(EnsActivityEntry) entry = NULL;

  g_debug ("Plan for %s finished: %u of %u done%s",
           ens_share_plan_get_image_id (plan),
           ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE) +
           ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE),
           ens_share_plan_get_n_accounts (plan),
           error != NULL ? ", with an error" : "");

  g_signal_handlers_disconnect_by_func (plan, plan_progress_cb, self);
  if (self->caller_cancellable != NULL)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_cancelled_id);
  self->caller_cancelled_id = 0;
  g_clear_object (&self->caller_cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->recorder);

  entry = ens_activity_entry_new_from_plan (plan, error);
  g_list_store_insert (self->activity, 0, entry);

  /* Not running any more before the caller hears of it, so that it may
   * start the next plan at once (Undo). */
  g_clear_object (&self->plan);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
recorder_close_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *run_error = g_object_steal_data (G_OBJECT (task), "run-error");
  g_autoptr(GError) error = NULL;

  /* The run's own failure comes first; else the record's. */
  if (!ens_history_recorder_close_finish (ENS_HISTORY_RECORDER (object), result, &error) &&
      run_error == NULL)
    run_error = g_steal_pointer (&error);

  finish_run (g_steal_pointer (&task), run_error);
}

static void
run_plan_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsChangeRunner *self = g_task_get_source_object (task);
  GError *error = NULL;

  ens_client_run_plan_finish (ENS_CLIENT (object), result, &error);

  if (self->recorder != NULL)
    {
      g_object_set_data (G_OBJECT (task), "run-error", error);
      ens_history_recorder_close_async (self->recorder, NULL, recorder_close_cb, g_steal_pointer (&task));
      return;
    }

  finish_run (g_steal_pointer (&task), error);
}

static void
start_plan (GTask *task)
{
  EnsChangeRunner *self = g_task_get_source_object (task);

  ens_client_run_plan_async (self->client, self->plan, self->plan_cancellable,
                             run_plan_cb, task);
}

static void
begin_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsChangeRunner *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 operation_id;

  operation_id = ens_history_begin_finish (ENS_HISTORY (object), result, &error);
  if (operation_id <= 0)
    {
      /* No change without a record: nothing is sent. */
      g_debug ("Not sending the change: %s", error->message);
      finish_run (g_steal_pointer (&task), error);
      return;
    }

  self->recorder = ens_history_recorder_new (self->history, self->plan, operation_id,
                                             self->plan_cancellable);
  start_plan (g_steal_pointer (&task));
}

static void
open_for_run_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsChangeRunner *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!ens_history_open_finish (ENS_HISTORY (object), result, &error))
    {
      finish_run (g_steal_pointer (&task), error);
      return;
    }

  _ens_change_runner_begin_record (self, begin_cb, g_steal_pointer (&task));
}

/**
 * ens_change_runner_run_async:
 * @self: a #EnsChangeRunner
 * @plan: a plan that has not run
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the plan has run
 * @user_data: data for @callback
 *
 * Runs @plan, unless another one is running.  Cancelling @cancellable,
 * or ens_change_runner_cancel(), stops what has not started.  When it
 * ends, an entry for it is at the top of the activity.
 */
void
ens_change_runner_run_async (EnsChangeRunner     *self,
                             EnsSharePlan        *plan,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ENS_IS_CHANGE_RUNNER (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_change_runner_run_async);
  g_task_set_task_data (task, g_object_ref (plan), g_object_unref);
  /* The client's answer says whether it was cancelled, and the plan's
   * outcomes are returned either way. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->plan != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A change of image %s is running already",
                               ens_share_plan_get_image_id (self->plan));
      return;
    }

  g_debug ("Running a plan for %s: %u accounts",
           ens_share_plan_get_image_id (plan), ens_share_plan_get_n_accounts (plan));

  self->plan = g_object_ref (plan);
  self->plan_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (caller_cancelled_cb),
                                                         g_object_ref (self->plan_cancellable),
                                                         g_object_unref);
    }
  g_signal_connect_object (plan, "notify::done",
                           G_CALLBACK (plan_progress_cb), self,
                           G_CONNECT_SWAPPED);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  ens_change_runner_set_string (self, &self->title, dup_title (plan), PROP_TITLE);
  plan_progress_cb (self);
  g_object_thaw_notify (G_OBJECT (self));

  /* Written down before anything is sent (not in the demo). */
  if (self->history != NULL && self->session != NULL && !ens_session_get_demo (self->session))
    ens_history_open_async (self->history, NULL, open_for_run_cb, g_steal_pointer (&task));
  else
    start_plan (g_steal_pointer (&task));
}

/**
 * ens_change_runner_run_finish:
 * @self: a #EnsChangeRunner
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the plan, its outcomes filled in, even when
 *   @error is set
 */
EnsSharePlan *
ens_change_runner_run_finish (EnsChangeRunner  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ens_change_runner_run_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_task_propagate_boolean (G_TASK (result), error);

  return g_object_ref (g_task_get_task_data (G_TASK (result)));
}

/**
 * ens_change_runner_cancel:
 * @self: a #EnsChangeRunner
 *
 * Stops the running plan ("Cancel"): what has not started is not sent;
 * requests in flight end on their own.  Does nothing when none runs.
 */
void
ens_change_runner_cancel (EnsChangeRunner *self)
{
  g_return_if_fail (ENS_IS_CHANGE_RUNNER (self));

  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
}

/* }}} */

/* GObject {{{ */

static void
ens_change_runner_dispose (GObject *object)
{
  EnsChangeRunner *self = (EnsChangeRunner *)object;

  /* A run holds a reference through its task, so none runs here. */
  g_assert (self->plan == NULL);

  if (self->recover_cancellable != NULL)
    g_cancellable_cancel (self->recover_cancellable);
  g_clear_object (&self->recover_cancellable);
  g_clear_object (&self->activity);
  g_clear_object (&self->client);
  g_clear_object (&self->history);
  g_clear_weak_pointer (&self->session);
  g_clear_pointer (&self->undo_plans, g_hash_table_unref);
  g_clear_pointer (&self->image_names, g_hash_table_unref);
  g_clear_pointer (&self->recipient_names, g_hash_table_unref);

  G_OBJECT_CLASS (ens_change_runner_parent_class)->dispose (object);
}

static void
ens_change_runner_finalize (GObject *object)
{
  EnsChangeRunner *self = (EnsChangeRunner *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->progress_text, g_free);

  G_OBJECT_CLASS (ens_change_runner_parent_class)->finalize (object);
}

static void
ens_change_runner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EnsChangeRunner *self = ENS_CHANGE_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->plan != NULL);
      break;

    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_change_runner_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EnsChangeRunner *self = ENS_CHANGE_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_change_runner_class_init (EnsChangeRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_change_runner_dispose;
  object_class->finalize = ens_change_runner_finalize;
  object_class->get_property = ens_change_runner_get_property;
  object_class->set_property = ens_change_runner_set_property;

  /**
   * EnsChangeRunner:client:
   *
   * The client that carries the plans out.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ENS_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsChangeRunner:running:
   *
   * Whether a plan runs.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsChangeRunner:plan:
   *
   * The running plan, or %NULL.
   */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, ENS_TYPE_SHARE_PLAN,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsChangeRunner:title:
   *
   * What the running (or last) plan does, translated: "Sharing…".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsChangeRunner:progress-text:
   *
   * How far the running (or last) plan got, translated: "3 of 10".
   */
  properties[PROP_PROGRESS_TEXT] =
    g_param_spec_string ("progress-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsChangeRunner:fraction:
   *
   * The share of the running (or last) plan's accounts that have an
   * outcome.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsChangeRunner::notice:
   * @message: what to tell the user once, translated
   *
   * The history has news: changes an earlier run left unfinished were
   * checked, or a damaged history file was moved aside.
   */
  signals[NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ens_change_runner_init (EnsChangeRunner *self)
{
  self->activity = g_list_store_new (ENS_TYPE_ACTIVITY_ENTRY);
  self->undo_plans = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/* }}} */

/* Public API {{{ */

EnsChangeRunner *
ens_change_runner_new (EnsClient *client)
{
  g_return_val_if_fail (ENS_IS_CLIENT (client), NULL);

  return g_object_new (ENS_TYPE_CHANGE_RUNNER, "client", client, NULL);
}

EnsClient *
ens_change_runner_get_client (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  return self->client;
}

gboolean
ens_change_runner_get_running (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), FALSE);

  return self->plan != NULL;
}

/**
 * ens_change_runner_get_plan:
 * @self: a #EnsChangeRunner
 *
 * Returns: (transfer none) (nullable): the running plan
 */
EnsSharePlan *
ens_change_runner_get_plan (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  return self->plan;
}

const char *
ens_change_runner_get_title (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  return self->title;
}

const char *
ens_change_runner_get_progress_text (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  return self->progress_text;
}

double
ens_change_runner_get_fraction (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), 0.0);

  return self->fraction;
}

/**
 * ens_change_runner_get_activity:
 * @self: a #EnsChangeRunner
 *
 * Returns: (transfer none): a #GListModel of #EnsActivityEntry, newest
 *   first
 */
GListModel *
ens_change_runner_get_activity (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  return G_LIST_MODEL (self->activity);
}

/**
 * ens_change_runner_add_undo:
 * @self: a #EnsChangeRunner
 * @inverse: the plan that undoes a change (ens_share_plan_new_inverse())
 *
 * Keeps @inverse for an "Undo" button.
 *
 * Returns: its number, never 0
 */
guint
ens_change_runner_add_undo (EnsChangeRunner *self,
                            EnsSharePlan    *inverse)
{
  guint number;

  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), 0);
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (inverse), 0);

  number = ++self->undo_counter;
  g_hash_table_insert (self->undo_plans, GUINT_TO_POINTER (number), g_object_ref (inverse));

  return number;
}

/**
 * ens_change_runner_take_undo:
 * @self: a #EnsChangeRunner
 * @number: what ens_change_runner_add_undo() returned
 *
 * Takes the inverse plan out of the table: each one is run once.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL when @number
 *   is unknown or was taken already
 */
EnsSharePlan *
ens_change_runner_take_undo (EnsChangeRunner *self,
                             guint            number)
{
  EnsSharePlan *plan = NULL;

  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  if (!g_hash_table_steal_extended (self->undo_plans, GUINT_TO_POINTER (number),
                                    NULL, (gpointer *)&plan))
    return NULL;

  return plan;
}

/* }}} */
