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
#include "ens-pacer.h"
#include "ens-request.h"
#include "ens-share-plan.h"

/* Share plans ------------------------------------------------------------ */

/*
 * The scheduler.  Each job (one AddAccounts batch, or one RemoveAccounts
 * account) is sent one attempt at a time (_ens_client_call_once_async());
 * the scheduler decides about retries itself, so that
 *
 *  - with "adapt-concurrency", how many requests are in flight and how
 *    fast they start follow the server (EnsPacer), and a throttled request
 *    waits in the queue and goes again at the pace the pacer sets, instead
 *    of on a timer of its own.  Throttling is never a reason to give up
 *    while the plan makes progress: a throttled job fails only when no
 *    request of the plan has succeeded for longer than the request timeout;
 *    the plan then stops as if cancelled (nothing more is sent) and fails
 *    with the throttling error.
 *    Other passing failures (5xx, network) are retried "max-retries" times
 *    with the usual backoff, as without adapting;
 *  - without it, "concurrency" requests are in flight, a job waiting for
 *    its retry keeps its place among them, and every passing failure is
 *    retried "max-retries" times with the backoff: as before adapting;
 *  - cancelling stops at once whatever waits: jobs not started and retries
 *    not yet sent.  Requests in flight are not abandoned (the server may
 *    carry them out anyway, and the plan could then no longer say which
 *    accounts changed); they are bounded by the request timeout, and
 *    their outcome is recorded as it is.
 */

typedef struct
{
  GArray   *positions;   /* of guint: the plan positions this request carries */
  gboolean  is_add;
  guint     tries;       /* attempts sent so far */
  gint64    not_before;  /* a retry: monotonic µs before which it waits */
  gint64    started;     /* the attempt in flight: when it started */
  GError   *last_error;  /* a retry: what the last attempt got */
  gboolean  answer_lost; /* some attempt was sent whole and its answer lost */
} PlanJob;

typedef struct
{
  EnsSharePlan *plan;
  EnsPacer     *pacer;
  GPtrArray    *jobs;          /* of PlanJob */
  GQueue        fresh;         /* PlanJob *: not sent yet, in plan order */
  GQueue        retries;       /* PlanJob *: waiting to be sent again */
  guint         in_flight;
  guint         concurrency;
  gboolean      adapt;
  guint         max_retries;
  guint         retry_delay;
  gint64        timeout_us;
  gint64        last_progress; /* the last success, or the start */
  GSource      *timer;         /* wakes the scheduler for a retry or the pace */
  GSource      *cancel_source;
  gboolean      given_up;      /* throttled without progress for too long */
  gboolean      returned;
} PlanRun;

static void
plan_job_free (gpointer data)
{
  PlanJob *job = data;

  g_clear_pointer (&job->positions, g_array_unref);
  g_clear_error (&job->last_error);
  g_free (job);
}

static void
plan_run_clear_sources (PlanRun *run)
{
  if (run->timer != NULL)
    {
      g_source_destroy (run->timer);
      g_clear_pointer (&run->timer, g_source_unref);
    }

  if (run->cancel_source != NULL)
    {
      g_source_destroy (run->cancel_source);
      g_clear_pointer (&run->cancel_source, g_source_unref);
    }
}

static void
plan_run_free (gpointer data)
{
  PlanRun *run = data;

  plan_run_clear_sources (run);
  g_queue_clear (&run->fresh);
  g_queue_clear (&run->retries);
  g_clear_object (&run->plan);
  g_clear_object (&run->pacer);
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

static void
plan_job_set_outcome (PlanRun         *run,
                      PlanJob         *job,
                      EnsOutcomeState  state,
                      const char      *request_id,
                      const GError    *error)
{
  for (guint i = 0; i < job->positions->len; i++)
    ens_share_plan_set_outcome (run->plan, g_array_index (job->positions, guint, i),
                                state, request_id, error, job->tries);
}

/* A job that did not succeed: unknown when some attempt's answer was lost
 * (the list read again settles it), failed otherwise. */
static EnsOutcomeState
plan_job_failed_state (PlanJob *job)
{
  return job->answer_lost ? ENS_OUTCOME_UNKNOWN : ENS_OUTCOME_FAILED;
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

  if (run->returned || run->in_flight > 0 ||
      !g_queue_is_empty (&run->fresh) || !g_queue_is_empty (&run->retries))
    return;

  /* The sources hold references on the task: drop them now. */
  run->returned = TRUE;
  plan_run_clear_sources (run);
  ens_share_plan_set_rate (run->plan, 0);

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

/* Throttling.* (however the catalogue files it) or 429: the server's flow
 * control, which slowing down always cures. */
static gboolean
error_is_throttling (const GError *error)
{
  const char *code = ens_error_get_api_code (error);

  if (g_error_matches (error, ENS_ERROR, ENS_ERROR_THROTTLED))
    return TRUE;
  if (code != NULL && g_str_has_prefix (code, "Throttling"))
    return TRUE;

  return error->domain == ENS_ERROR && ens_error_get_http_status (error) == 429;
}

/* What asks the pacer to slow down: throttling, and 503 (the server is
 * overloaded or shedding load). */
static gboolean
error_asks_to_slow_down (const GError *error)
{
  return error_is_throttling (error) ||
         (error->domain == ENS_ERROR && ens_error_get_http_status (error) == 503);
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
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 latency = now - job->started;
  gboolean retry = FALSE;
  gint64 delay_us = 0;

  g_free (data);

  request_id = _ens_client_call_finish (ENS_CLIENT (object), result, NULL, &error);
  run->in_flight--;

  /* The server may have carried out an attempt whose answer was lost; a
   * later definite failure does not undo that, only a success settles it. */
  if (error != NULL && _ens_client_call_get_answer_lost (ENS_CLIENT (object), result))
    job->answer_lost = TRUE;

  if (error == NULL)
    {
      ens_pacer_answered (run->pacer, now, latency);
      ens_pacer_count_done (run->pacer, now, job->positions->len);
      run->last_progress = now;
      plan_job_set_outcome (run, job, ENS_OUTCOME_DONE, request_id, NULL);
    }
  else
    {
      gboolean throttled = error_is_throttling (error);
      guint retry_after_ms = ens_error_get_retry_after_ms (error);

      /* The tries of the whole job, not of this attempt. */
      ens_error_set_tries (error, job->tries);

      /* Other failures say nothing about how fast the server allows: the
       * window neither grows nor shrinks for them. */
      if (error_asks_to_slow_down (error))
        ens_pacer_slow_down (run->pacer, now, latency, retry_after_ms);

      /* Cancelled: a retry would be a new request, and nothing new is sent. */
      if (!_ens_client_call_was_retryable (result) || g_cancellable_is_cancelled (cancellable))
        retry = FALSE;
      else if (run->adapt && throttled)
        retry = now - run->last_progress <= run->timeout_us;
      else
        retry = job->tries <= run->max_retries;

      if (retry && run->adapt && throttled)
        /* The pacer spaces the retries; only the server's own wait adds. */
        delay_us = (gint64)retry_after_ms * 1000;
      else if (retry)
        delay_us = (gint64)MAX (_ens_client_compute_backoff_ms (run->retry_delay, job->tries),
                                retry_after_ms) * 1000;
      /* Never longer than a request may take: the server asking for more
       * would stall the plan beyond what the person agreed to wait. */
      delay_us = MIN (delay_us, run->timeout_us);

      if (!retry && run->adapt && throttled && !run->given_up &&
          !g_cancellable_is_cancelled (cancellable))
        {
          g_debug ("The plan for image %s made no progress for %" G_GINT64_FORMAT " s while throttled; giving up",
                   ens_share_plan_get_image_id (run->plan), run->timeout_us / G_USEC_PER_SEC);
          run->given_up = TRUE;
        }

      if (retry)
        {
          g_debug ("Retrying a request of the plan for image %s in %" G_GINT64_FORMAT " ms (try %u: %s)",
                   ens_share_plan_get_image_id (run->plan), delay_us / 1000, job->tries,
                   ens_error_get_api_code (error) ? ens_error_get_api_code (error) : "no API code");
          job->not_before = now + delay_us;
          g_clear_error (&job->last_error);
          job->last_error = g_steal_pointer (&error);
          g_queue_push_tail (&run->retries, job);
        }
      else
        {
          plan_job_set_outcome (run, job, plan_job_failed_state (job),
                                ens_error_get_request_id (error), error);
        }
    }

  ens_share_plan_set_rate (run->plan, ens_pacer_get_rate (run->pacer, now));

  plan_run_fill (task);
  plan_finish_if_done (task);
}

static void
plan_start_job (GTask   *task,
                PlanJob *job,
                gint64   now)
{
  EnsClient *self = g_task_get_source_object (task);
  PlanRun *run = g_task_get_task_data (task);
  /* Every account of a job is for the same image (batches are per image). */
  const char *image_id = ens_share_plan_get_account_image_id (run->plan,
                                                              g_array_index (job->positions, guint, 0));
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
      plan_job_set_outcome (run, job, ENS_OUTCOME_FAILED, NULL, error);
      g_clear_error (&error);
      return;
    }

  data = g_new0 (JobData, 1);
  data->task = g_object_ref (task);
  data->job = job;

  job->tries++;
  job->started = now;
  run->in_flight++;
  ens_pacer_started (run->pacer, now);
  ens_share_plan_note_in_flight (run->plan, run->in_flight);

  /* Recorded as on its way before it leaves (the history's write-ahead). */
  ens_share_plan_mark_sending (run->plan, (const guint *)job->positions->data, job->positions->len);

  /* No cancellable: see the comment at the top. */
  _ens_client_call_once_async (self, request, _ens_client_parse_modify, g_free, NULL,
                               plan_job_cb, data);
}

static gboolean
plan_timer_cb (gpointer user_data)
{
  GTask *task = user_data;
  PlanRun *run = g_task_get_task_data (task);

  g_clear_pointer (&run->timer, g_source_unref);

  /* The run may finish in here, and the source holds the last reference
   * but one; keep the task until the end of this callback. */
  g_object_ref (task);
  plan_run_fill (task);
  plan_finish_if_done (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
plan_run_wake_at (GTask  *task,
                  gint64  when,
                  gint64  now)
{
  PlanRun *run = g_task_get_task_data (task);
  gint64 delay_us = MAX (when - now, 0);

  if (run->timer != NULL)
    {
      g_source_destroy (run->timer);
      g_clear_pointer (&run->timer, g_source_unref);
    }

  /* Rounded up, so that the timer never fires just before the time. */
  run->timer = g_timeout_source_new ((guint)MIN ((delay_us + 999) / 1000, G_MAXUINT));
  g_source_set_callback (run->timer, plan_timer_cb, g_object_ref (task), g_object_unref);
  g_source_attach (run->timer, g_task_get_context (task));
}

static PlanJob *
plan_run_earliest_retry (PlanRun *run)
{
  PlanJob *earliest = NULL;

  for (GList *l = run->retries.head; l != NULL; l = l->next)
    {
      PlanJob *job = l->data;

      if (earliest == NULL || job->not_before < earliest->not_before)
        earliest = job;
    }

  return earliest;
}

/* Cancelled, or given up: nothing more is sent. */
static void
plan_run_stop (PlanRun *run)
{
  PlanJob *job;

  if (run->timer != NULL)
    {
      g_source_destroy (run->timer);
      g_clear_pointer (&run->timer, g_source_unref);
    }

  /* What has not started never will. */
  while ((job = g_queue_pop_head (&run->fresh)) != NULL)
    plan_job_set_outcome (run, job, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL);

  /* A job waiting for its retry was sent, and its last attempt got a
   * definite answer that was not a success (or its answer was lost: then
   * it is unknown, see plan_job_failed_state()).  It is not "not attempted":
   * that would say nothing was sent, which is untrue, and would hide an
   * outcome the last error may call unknown.  It is not "done" either.  It
   * keeps the failure of its last attempt, the truth as far as anyone
   * knows, and the person can run what is left again. */
  while ((job = g_queue_pop_head (&run->retries)) != NULL)
    plan_job_set_outcome (run, job, plan_job_failed_state (job),
                          ens_error_get_request_id (job->last_error), job->last_error);
}

static void
plan_run_fill (GTask *task)
{
  PlanRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 now;

  if (run->returned)
    return;

  if (g_cancellable_is_cancelled (cancellable) || run->given_up)
    {
      plan_run_stop (run);
      return;
    }

  now = g_get_monotonic_time ();

  for (;;)
    {
      PlanJob *retry = plan_run_earliest_retry (run);
      gboolean retry_due = retry != NULL && retry->not_before <= now;
      guint limit = run->adapt ? ens_pacer_get_window (run->pacer) : run->concurrency;
      gint64 next_start;
      PlanJob *job;

      if (run->adapt)
        {
          /* Every job in flight counts against the window; jobs waiting
           * for a retry do not, they are only in the queue. */
          if (run->in_flight >= limit)
            break;
          if (!retry_due && g_queue_is_empty (&run->fresh))
            {
              if (retry != NULL)
                plan_run_wake_at (task, retry->not_before, now);
              break;
            }

          next_start = ens_pacer_get_next_start (run->pacer, now);
          if (next_start > now)
            {
              plan_run_wake_at (task, next_start, now);
              break;
            }
        }
      else if (!retry_due)
        {
          /* As before adapting: a job waiting for its retry keeps its
           * place among the "concurrency" in flight. */
          if (g_queue_is_empty (&run->fresh) ||
              run->in_flight + run->retries.length >= limit)
            {
              if (retry != NULL)
                plan_run_wake_at (task, retry->not_before, now);
              break;
            }
        }

      /* Retries first: they have waited already. */
      if (retry_due)
        {
          g_queue_remove (&run->retries, retry);
          job = retry;
        }
      else
        {
          job = g_queue_pop_head (&run->fresh);
        }

      plan_start_job (task, job, now);
    }
}

static gboolean
plan_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  PlanRun *run = g_task_get_task_data (task);

  g_clear_pointer (&run->cancel_source, g_source_unref);

  g_object_ref (task);
  plan_run_fill (task);
  plan_finish_if_done (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/**
 * ens_client_run_plan_async:
 * @plan: the plan to carry out; its outcomes are updated as requests finish
 *
 * Carries out @plan.  Additions go in batches of #EnsClient:batch-size
 * accounts per request, and every account of a batch gets that request's
 * outcome.  Removals take one request each.  With
 * #EnsClient:adapt-concurrency, the number of requests in flight starts at
 * #EnsClient:concurrency and follows the server (see #EnsPacer), and
 * throttled requests are retried at its pace for as long as the plan
 * makes progress; otherwise at most #EnsClient:concurrency requests are
 * in flight.  A failure does not stop the other requests.
 *
 * On cancellation nothing more is sent: accounts whose request had not
 * started become %ENS_OUTCOME_NOT_ATTEMPTED, and accounts waiting for a
 * retry keep the failure of their last attempt.  Requests already in
 * flight run to their end (within the timeout), so their accounts get
 * their real outcome; the plan finishes (with %G_IO_ERROR_CANCELLED) once
 * they have.
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
  g_queue_init (&run->fresh);
  g_queue_init (&run->retries);
  run->concurrency = self->concurrency;
  run->adapt = self->adapt_concurrency;
  run->max_retries = self->max_retries;
  run->retry_delay = self->retry_delay;
  run->timeout_us = (gint64)self->timeout * G_USEC_PER_SEC;
  run->pacer = ens_pacer_new (self->concurrency, self->adapt_concurrency);
  run->last_progress = g_get_monotonic_time ();
  g_task_set_task_data (task, run, plan_run_free);

  n = ens_share_plan_get_n_accounts (plan);
  for (guint i = 0; i < n; i++)
    {
      /* Only pending accounts: a plan can be run again for what is left. */
      if (ens_share_plan_get_state (plan, i) != ENS_OUTCOME_PENDING)
        continue;

      if (ens_share_plan_get_change (plan, i) == ENS_SHARE_CHANGE_ADD)
        {
          /* Additions are batched per image: a new image starts a new batch. */
          if (batch == NULL || batch->positions->len >= self->batch_size ||
              g_strcmp0 (ens_share_plan_get_account_image_id (plan, g_array_index (batch->positions, guint, 0)),
                         ens_share_plan_get_account_image_id (plan, i)) != 0)
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

  for (guint i = 0; i < run->jobs->len; i++)
    g_queue_push_tail (&run->fresh, g_ptr_array_index (run->jobs, i));

  g_debug ("Running a plan for image %s: %u accounts in %u requests, %s concurrency %u",
           ens_share_plan_get_image_id (plan), n, run->jobs->len,
           run->adapt ? "adapting from" : "fixed", run->concurrency);

  if (cancellable != NULL)
    {
      run->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (plan_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (run->cancel_source, g_task_get_context (task));
    }

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
