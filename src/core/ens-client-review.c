/* ens-client-review.c
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

#include "ens-client.h"
#include "ens-client-private.h"
#include "ens-error.h"
#include "ens-share-plan.h"

/*
 * Before and after a plan runs: read each of its images' share lists
 * ("concurrency" at a time), then preview (ens_share_plan_preview()) or
 * verify (ens_share_plan_verify()).  A list that cannot be read, or whose
 * pages do not add up, leaves that image's accounts as they were
 * (pending, or unchecked) and is reported by _finish.
 */

typedef struct
{
  EnsSharePlan *plan;
  GStrv         image_ids;
  guint         next;
  guint         in_flight;
  guint         limit;
  gboolean      verify;
  GError       *error;      /* the first list that could not be read */
} Review;

typedef struct
{
  GTask *task;
  char  *image_id;
} ReviewOne;

static void
review_free (gpointer data)
{
  Review *review = data;

  g_clear_object (&review->plan);
  g_clear_pointer (&review->image_ids, g_strfreev);
  g_clear_error (&review->error);
  g_free (review);
}

static void review_next (GTask *task);

static void
review_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ReviewOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  g_autofree char *image_id = one->image_id;
  Review *review = g_task_get_task_data (task);
  g_auto(GStrv) shares = NULL;
  g_autoptr(GError) error = NULL;
  gboolean complete = FALSE;

  g_free (one);
  review->in_flight--;

  shares = ens_client_describe_image_share_permission_finish_full (ENS_CLIENT (object), result,
                                                                   &complete, &error);
  if (shares != NULL && complete)
    {
      if (review->verify)
        ens_share_plan_verify (review->plan, image_id, (const char * const *)shares);
      else
        ens_share_plan_preview (review->plan, image_id, (const char * const *)shares);
    }
  else if (review->error == NULL)
    {
      if (error == NULL)
        error = g_error_new (ENS_ERROR, ENS_ERROR_INVALID_RESPONSE,
                             "The share list of %s did not add up", image_id);
      review->error = g_steal_pointer (&error);
    }

  review_next (task);
}

static void
review_next (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  Review *review = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  while (!g_cancellable_is_cancelled (cancellable) && review->in_flight < review->limit &&
         review->image_ids[review->next] != NULL)
    {
      ReviewOne *one = g_new0 (ReviewOne, 1);

      one->task = g_object_ref (task);
      one->image_id = g_strdup (review->image_ids[review->next++]);
      review->in_flight++;
      ens_client_describe_image_share_permission_async (self, one->image_id, cancellable,
                                                        review_one_cb, one);
    }

  if (review->in_flight > 0)
    return;

  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else if (review->error != NULL)
    g_task_return_error (task, g_steal_pointer (&review->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
review_start (EnsClient           *self,
              EnsSharePlan        *plan,
              gboolean             verify,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Review *review;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);

  review = g_new0 (Review, 1);
  review->plan = g_object_ref (plan);
  review->image_ids = ens_share_plan_dup_image_ids (plan);
  review->limit = MAX (ens_client_get_concurrency (self), 1);
  review->verify = verify;
  g_task_set_task_data (task, review, review_free);

  review_next (task);
}

/**
 * ens_client_preview_plan_async:
 * @plan: a plan that has not run
 *
 * Reads each image's share list and previews @plan against it: accounts
 * with nothing to change become %ENS_OUTCOME_SKIPPED.  Sends no change.
 */
void
ens_client_preview_plan_async (EnsClient           *self,
                               EnsSharePlan        *plan,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  review_start (self, plan, FALSE, ens_client_preview_plan_async,
                cancellable, callback, user_data);
}

/**
 * ens_client_verify_plan_async:
 * @plan: a plan that has run
 *
 * Reads each image's share list again and verifies @plan against it
 * (settling its lost answers).  Sends no change.
 */
void
ens_client_verify_plan_async (EnsClient           *self,
                              EnsSharePlan        *plan,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  review_start (self, plan, TRUE, ens_client_verify_plan_async,
                cancellable, callback, user_data);
}

/**
 * ens_client_review_plan_finish:
 *
 * Finishes ens_client_preview_plan_async() or ens_client_verify_plan_async().
 *
 * Returns: %TRUE when every image's list was read; otherwise %FALSE with
 *   the first failure (the other images were still reviewed)
 */
gboolean
ens_client_review_plan_finish (EnsClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ens_client_peek_caller_identity:
 *
 * Who signs: what ens_client_get_caller_identity_finish() last returned
 * for the current credentials, kept so that a change can be recorded
 * with the caller's account and RAM user without asking again.
 *
 * Returns: (transfer none) (nullable): the identity, or %NULL when not
 *   known (never asked, refused, or the credentials changed since)
 */
EnsCallerIdentity *
ens_client_peek_caller_identity (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);

  return self->caller_identity;
}
