/* ens-client-plan.c
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
#include "ens-client-private.h"
#include "ens-error.h"
#include "ens-request.h"
#include "ens-share-plan.h"

/* Share plans ------------------------------------------------------------ */

typedef struct
{
  GArray   *positions;   /* of guint: the plan positions this request carries */
  gboolean  is_add;
} PlanJob;

typedef struct
{
  EnsSharePlan *plan;
  GPtrArray    *jobs;      /* of PlanJob */
  guint         next_job;
  guint         in_flight;
  guint         concurrency;
} PlanRun;

static void
plan_job_free (gpointer data)
{
  PlanJob *job = data;

  g_clear_pointer (&job->positions, g_array_unref);
  g_free (job);
}

static void
plan_run_free (gpointer data)
{
  PlanRun *run = data;

  g_clear_object (&run->plan);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_free (run);
}

static PlanJob *
plan_job_new (gboolean is_add)
{
  PlanJob *job = g_new0 (PlanJob, 1);

  job->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  job->is_add = is_add;

  return job;
}

typedef struct
{
  GTask   *task;
  PlanJob *job;   /* owned by the run */
} JobData;

static void plan_run_fill (GTask *task);

static void
plan_finish_if_done (GTask *task)
{
  PlanRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint n = ens_share_plan_get_n_accounts (run->plan);

  if (run->in_flight > 0 || run->next_job < run->jobs->len)
    return;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The operation was cancelled."));
      return;
    }

  /* The first failure (or lost answer) in plan order, so the answer does
   * not depend on which request happened to finish first. */
  for (guint i = 0; i < n; i++)
    {
      EnsOutcomeState state = ens_share_plan_get_state (run->plan, i);

      if (state == ENS_OUTCOME_FAILED || state == ENS_OUTCOME_UNKNOWN)
        {
          const GError *error = ens_share_plan_get_error (run->plan, i);

          if (error != NULL)
            g_task_return_error (task, g_error_copy (error));
          else
            g_task_return_error (task, ens_error_new_transport (ENS_ERROR_FAILED, NULL));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
plan_job_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobData *data = user_data;
  g_autoptr(GTask) task = data->task;
  PlanRun *run = g_task_get_task_data (task);
  PlanJob *job = data->job;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  EnsOutcomeState state;
  guint tries = 0;

  g_free (data);

  request_id = _ens_client_call_finish (ENS_CLIENT (object), result, &tries, &error);
  /* A request whose answer was lost is neither done nor failed: the
   * caller reads the share list again to settle it. */
  if (error != NULL && _ens_client_call_get_answer_lost (ENS_CLIENT (object), result))
    state = ENS_OUTCOME_UNKNOWN;
  else
    state = error == NULL ? ENS_OUTCOME_DONE : ENS_OUTCOME_FAILED;

  /* Requests run to their end even when the plan is cancelled (see
   * plan_start_job()), so this is what the server really did. */
  for (guint i = 0; i < job->positions->len; i++)
    {
      guint position = g_array_index (job->positions, guint, i);

      ens_share_plan_set_outcome (run->plan, position, state,
                                  error == NULL ? request_id : ens_error_get_request_id (error),
                                  error, tries);
    }

  run->in_flight--;

  plan_run_fill (task);
  plan_finish_if_done (task);
}

static void
plan_start_job (GTask   *task,
                PlanJob *job)
{
  EnsClient *self = g_task_get_source_object (task);
  PlanRun *run = g_task_get_task_data (task);
  const char *image_id = ens_share_plan_get_image_id (run->plan);
  g_autoptr(GPtrArray) add = NULL;
  const char *remove = NULL;
  EnsRequest *request;
  GError *error = NULL;
  JobData *data;

  if (job->is_add)
    {
      add = g_ptr_array_new ();
      for (guint i = 0; i < job->positions->len; i++)
        g_ptr_array_add (add, (gpointer)ens_share_plan_get_account (run->plan,
                                                                    g_array_index (job->positions, guint, i)));
      g_ptr_array_add (add, NULL);
    }
  else
    {
      remove = ens_share_plan_get_account (run->plan, g_array_index (job->positions, guint, 0));
    }

  request = ens_request_new_modify_image_share_permission (image_id,
                                                           add ? (const char * const *)add->pdata : NULL,
                                                           remove, &error);
  if (request == NULL)
    {
      /* Refused locally: nothing was sent for these accounts. */
      for (guint i = 0; i < job->positions->len; i++)
        ens_share_plan_set_outcome (run->plan, g_array_index (job->positions, guint, i),
                                    ENS_OUTCOME_FAILED, NULL, error, 0);
      g_clear_error (&error);
      return;
    }

  data = g_new0 (JobData, 1);
  data->task = g_object_ref (task);
  data->job = job;

  /* Cancelling a plan stops what has not started; a request already on
   * its way is not abandoned, because the server may carry it out anyway
   * and the plan could then no longer say which accounts changed.  It is
   * bounded by the timeouts, and its outcome is recorded as it is. */
  run->in_flight++;
  ens_share_plan_mark_sending (run->plan, (const guint *)job->positions->data, job->positions->len);
  _ens_client_call_async (self, request, _ens_client_parse_modify, g_free, NULL,
                          plan_job_cb, data);
}

static void
plan_run_fill (GTask *task)
{
  PlanRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    {
      /* What has not started never will. */
      for (; run->next_job < run->jobs->len; run->next_job++)
        {
          PlanJob *job = g_ptr_array_index (run->jobs, run->next_job);

          for (guint i = 0; i < job->positions->len; i++)
            ens_share_plan_set_outcome (run->plan, g_array_index (job->positions, guint, i),
                                        ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
        }
      return;
    }

  while (run->in_flight < run->concurrency && run->next_job < run->jobs->len)
    plan_start_job (task, g_ptr_array_index (run->jobs, run->next_job++));
}

/**
 * ens_client_run_plan_async:
 * @plan: the plan to carry out; its outcomes are updated as requests finish
 *
 * Carries out @plan.  Additions go in batches of #EnsClient:batch-size
 * accounts per request, and every account of a batch gets that request's
 * outcome.  Removals take one request each.  At most
 * #EnsClient:concurrency requests are in flight; as one finishes the next
 * starts.  A failure does not stop the other requests.
 *
 * On cancellation, accounts whose request had not started become
 * %ENS_OUTCOME_NOT_ATTEMPTED.  Requests already in flight run to their
 * end, so their accounts get their real outcome; the plan finishes (with
 * %G_IO_ERROR_CANCELLED) once they have.
 */
void
ens_client_run_plan_async (EnsClient           *self,
                           EnsSharePlan        *plan,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PlanJob *batch = NULL;
  PlanRun *run;
  guint n;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_run_plan_async);

  run = g_new0 (PlanRun, 1);
  run->plan = g_object_ref (plan);
  run->jobs = g_ptr_array_new_with_free_func (plan_job_free);
  run->concurrency = self->concurrency;
  g_task_set_task_data (task, run, plan_run_free);

  n = ens_share_plan_get_n_accounts (plan);
  for (guint i = 0; i < n; i++)
    {
      /* Only pending accounts: a plan can be run again for what is left. */
      if (ens_share_plan_get_state (plan, i) != ENS_OUTCOME_PENDING)
        continue;

      if (ens_share_plan_get_change (plan, i) == ENS_SHARE_CHANGE_ADD)
        {
          if (batch == NULL || batch->positions->len >= self->batch_size)
            {
              batch = plan_job_new (TRUE);
              g_ptr_array_add (run->jobs, batch);
            }
          g_array_append_val (batch->positions, i);
        }
      else
        {
          PlanJob *job = plan_job_new (FALSE);

          g_array_append_val (job->positions, i);
          g_ptr_array_add (run->jobs, job);
        }
    }

  g_debug ("Running a plan for image %s: %u accounts in %u requests",
           ens_share_plan_get_image_id (plan), n, run->jobs->len);

  plan_run_fill (task);
  plan_finish_if_done (task);
}

/**
 * ens_client_run_plan_finish:
 *
 * Returns: %TRUE when every account succeeded; otherwise %FALSE with
 *   %G_IO_ERROR_CANCELLED when cancelled, or a copy of the first failure
 *   in plan order
 */
gboolean
ens_client_run_plan_finish (EnsClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
