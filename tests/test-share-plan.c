/* test-share-plan.c
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

#include <gio/gio.h>

#include "ens-error.h"
#include "ens-share-plan.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *counter = user_data;

  (*counter)++;
}

static void
test_share_plan_new_destroy (void)
{
  EnsSharePlan *plan;
  g_autofree char *image_id = NULL;
  guint total = 0, done = 99;

  plan = ens_share_plan_new ("m-abc", NULL, NULL);
  g_assert_nonnull (plan);
  g_assert_cmpstr (ens_share_plan_get_image_id (plan), ==, "m-abc");
  g_assert_cmpuint (ens_share_plan_get_n_accounts (plan), ==, 0);
  g_assert_cmpuint (ens_share_plan_get_total (plan), ==, 0);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 0);

  g_object_get (plan, "image-id", &image_id, "total", &total, "done", &done, NULL);
  g_assert_cmpstr (image_id, ==, "m-abc");
  g_assert_cmpuint (total, ==, 0);
  g_assert_cmpuint (done, ==, 0);

  g_assert_finalize_object (plan);
}

static void
test_share_plan_indexing (void)
{
  const char *add[] = { "1111111111111111", "2222222222222222", "3333333333333333", NULL };
  const char *remove[] = { "4444444444444444", "5555555555555555", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;

  plan = ens_share_plan_new ("m-img", add, remove);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (plan), ==, 5);
  g_assert_cmpuint (ens_share_plan_get_total (plan), ==, 5);

  g_assert_cmpstr (ens_share_plan_get_account (plan, 0), ==, "1111111111111111");
  g_assert_cmpstr (ens_share_plan_get_account (plan, 1), ==, "2222222222222222");
  g_assert_cmpstr (ens_share_plan_get_account (plan, 2), ==, "3333333333333333");
  g_assert_cmpstr (ens_share_plan_get_account (plan, 3), ==, "4444444444444444");
  g_assert_cmpstr (ens_share_plan_get_account (plan, 4), ==, "5555555555555555");

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (ens_share_plan_get_change (plan, i), ==, ENS_SHARE_CHANGE_ADD);
  for (guint i = 3; i < 5; i++)
    g_assert_cmpint (ens_share_plan_get_change (plan, i), ==, ENS_SHARE_CHANGE_REMOVE);

  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (ens_share_plan_get_state (plan, i), ==, ENS_OUTCOME_PENDING);
      g_assert_null (ens_share_plan_get_request_id (plan, i));
      g_assert_null (ens_share_plan_get_error (plan, i));
      g_assert_cmpuint (ens_share_plan_get_tries (plan, i), ==, 0);
    }
}

static void
test_share_plan_removals_only (void)
{
  const char *remove[] = { "4444444444444444", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;

  plan = ens_share_plan_new ("m-img", NULL, remove);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (plan), ==, 1);
  g_assert_cmpstr (ens_share_plan_get_account (plan, 0), ==, "4444444444444444");
  g_assert_cmpint (ens_share_plan_get_change (plan, 0), ==, ENS_SHARE_CHANGE_REMOVE);
}

static void
test_share_plan_outcomes (void)
{
  const char *add[] = { "1111111111111111", "2222222222222222", "3333333333333333", NULL };
  const char *remove[] = { "4444444444444444", "5555555555555555", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const GError *stored;
  guint notified = 0;

  plan = ens_share_plan_new ("m-img", add, remove);
  g_signal_connect (plan, "notify::done", G_CALLBACK (count_notify_cb), &notified);

  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "REQ-A", NULL, 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 1);

  error = g_error_new_literal (ENS_ERROR, ENS_ERROR_PERMISSION, "No permission");
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_FAILED, "REQ-B", error, 2);
  g_assert_cmpuint (notified, ==, 2);
  ens_share_plan_set_outcome (plan, 2, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_DONE, "REQ-C", NULL, 4);
  g_assert_cmpuint (notified, ==, 4);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 4);
  g_assert_cmpuint (ens_share_plan_get_total (plan), ==, 5);

  /* Overwriting a final outcome with another final one leaves "done" alone. */
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_DONE, "REQ-C", NULL, 4);
  g_assert_cmpuint (notified, ==, 4);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 4);

  /* Back to pending counts down again. */
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_PENDING, NULL, NULL, 0);
  g_assert_cmpuint (notified, ==, 5);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 3);
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_DONE, "REQ-C", NULL, 4);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 4);

  g_assert_cmpint (ens_share_plan_get_state (plan, 0), ==, ENS_OUTCOME_DONE);
  g_assert_cmpstr (ens_share_plan_get_request_id (plan, 0), ==, "REQ-A");
  g_assert_null (ens_share_plan_get_error (plan, 0));
  g_assert_cmpuint (ens_share_plan_get_tries (plan, 0), ==, 1);

  g_assert_cmpint (ens_share_plan_get_state (plan, 1), ==, ENS_OUTCOME_FAILED);
  g_assert_cmpstr (ens_share_plan_get_request_id (plan, 1), ==, "REQ-B");
  stored = ens_share_plan_get_error (plan, 1);
  g_assert_error (stored, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpstr (stored->message, ==, "No permission");
  g_assert_true (stored != error);   /* a copy is kept */
  g_assert_cmpuint (ens_share_plan_get_tries (plan, 1), ==, 2);

  g_assert_cmpint (ens_share_plan_get_state (plan, 2), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_null (ens_share_plan_get_request_id (plan, 2));
  g_assert_cmpint (ens_share_plan_get_state (plan, 4), ==, ENS_OUTCOME_PENDING);

  /* Setting the same request id again (self-assignment) is safe. */
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE,
                              ens_share_plan_get_request_id (plan, 0), NULL, 1);
  g_assert_cmpstr (ens_share_plan_get_request_id (plan, 0), ==, "REQ-A");

  /* A later success clears the stored error. */
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_DONE, "REQ-D", NULL, 1);
  g_assert_null (ens_share_plan_get_error (plan, 1));
}

static void
test_share_plan_counts (void)
{
  const char *add[] = { "1111111111111111", "2222222222222222", "3333333333333333", NULL };
  const char *remove[] = { "4444444444444444", "5555555555555555", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) failed = NULL;
  g_auto(GStrv) pending = NULL;
  g_auto(GStrv) none = NULL;

  plan = ens_share_plan_new ("m-img", add, remove);
  error = g_error_new_literal (ENS_ERROR, ENS_ERROR_SERVER, "Server");

  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING), ==, 3);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_PENDING), ==, 2);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==, 0);

  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "R1", NULL, 1);
  ens_share_plan_set_outcome (plan, 2, ENS_OUTCOME_DONE, "R1", NULL, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_FAILED, "R2", error, 1);
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_FAILED, "R3", error, 1);

  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==, 2);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_FAILED), ==, 1);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING), ==, 0);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED), ==, 1);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_PENDING), ==, 1);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_NOT_ATTEMPTED), ==, 0);

  added = ens_share_plan_dup_accounts (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE);
  g_assert_cmpuint (g_strv_length (added), ==, 2);
  g_assert_cmpstr (added[0], ==, "1111111111111111");
  g_assert_cmpstr (added[1], ==, "3333333333333333");

  failed = ens_share_plan_dup_accounts (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED);
  g_assert_cmpuint (g_strv_length (failed), ==, 1);
  g_assert_cmpstr (failed[0], ==, "4444444444444444");

  pending = ens_share_plan_dup_accounts (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_PENDING);
  g_assert_cmpuint (g_strv_length (pending), ==, 1);
  g_assert_cmpstr (pending[0], ==, "5555555555555555");

  none = ens_share_plan_dup_accounts (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_share_plan_inverse (void)
{
  const char *add[] = { "1111111111111111", "2222222222222222", "3333333333333333", NULL };
  const char *remove[] = { "4444444444444444", "5555555555555555", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) inverse = NULL;
  g_autoptr(EnsSharePlan) inverse2 = NULL;
  g_autoptr(GError) error = NULL;

  plan = ens_share_plan_new ("m-img", add, remove);
  error = g_error_new_literal (ENS_ERROR, ENS_ERROR_SERVER, "Server");

  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "R1", NULL, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_FAILED, "R2", error, 1);
  ens_share_plan_set_outcome (plan, 2, ENS_OUTCOME_DONE, "R1", NULL, 1);
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
  ens_share_plan_set_outcome (plan, 4, ENS_OUTCOME_DONE, "R4", NULL, 1);

  inverse = ens_share_plan_new_inverse (plan);
  g_assert_cmpstr (ens_share_plan_get_image_id (inverse), ==, "m-img");
  g_assert_cmpuint (ens_share_plan_get_n_accounts (inverse), ==, 3);
  g_assert_cmpuint (ens_share_plan_get_done (inverse), ==, 0);

  /* The removal that succeeded comes back as an addition (additions first). */
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 0), ==, "5555555555555555");
  g_assert_cmpint (ens_share_plan_get_change (inverse, 0), ==, ENS_SHARE_CHANGE_ADD);
  /* The additions that succeeded become removals, in plan order. */
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 1), ==, "1111111111111111");
  g_assert_cmpint (ens_share_plan_get_change (inverse, 1), ==, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 2), ==, "3333333333333333");
  g_assert_cmpint (ens_share_plan_get_change (inverse, 2), ==, ENS_SHARE_CHANGE_REMOVE);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (ens_share_plan_get_state (inverse, i), ==, ENS_OUTCOME_PENDING);

  /* Nothing done: the inverse is empty. */
  inverse2 = ens_share_plan_new_inverse (inverse);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (inverse2), ==, 0);
  g_assert_cmpstr (ens_share_plan_get_image_id (inverse2), ==, "m-img");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/share-plan/new-destroy", test_share_plan_new_destroy);
  g_test_add_func ("/share-plan/indexing", test_share_plan_indexing);
  g_test_add_func ("/share-plan/removals-only", test_share_plan_removals_only);
  g_test_add_func ("/share-plan/outcomes", test_share_plan_outcomes);
  g_test_add_func ("/share-plan/counts", test_share_plan_counts);
  g_test_add_func ("/share-plan/inverse", test_share_plan_inverse);

  return g_test_run ();
}
