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

/* Reconciling after a cancelled run ------------------------------------- */

#define ADD_SHARED_NOW   "1000000000000001"  /* uncertain, now shared */
#define ADD_NOT_SHARED   "1000000000000002"  /* uncertain, not shared */
#define ADD_DONE         "1000000000000003"  /* settled: done */
#define ADD_FAILED       "1000000000000004"  /* settled: failed */
#define ADD_SKIPPED      "1000000000000005"  /* settled: not attempted */
#define ADD_PENDING      "1000000000000006"  /* never run */
#define ADD_TIMED_OUT    "1000000000000007"  /* failed on a timeout: settled */
#define REMOVE_GONE      "2000000000000001"  /* uncertain, now gone */
#define REMOVE_STILL     "2000000000000002"  /* uncertain, still shared */
#define REMOVE_DONE      "2000000000000003"  /* settled: done */
#define REMOVE_FAILED    "2000000000000004"  /* settled: failed */

enum {
  P_ADD_SHARED_NOW, P_ADD_NOT_SHARED, P_ADD_DONE, P_ADD_FAILED, P_ADD_SKIPPED,
  P_ADD_PENDING, P_ADD_TIMED_OUT,
  P_REMOVE_GONE, P_REMOVE_STILL, P_REMOVE_DONE, P_REMOVE_FAILED,
  N_POSITIONS
};

/* A plan as a cancelled run leaves it: some requests were answered, some
 * were in flight and lost their answer, one never started. */
static EnsSharePlan *
make_cancelled_plan (void)
{
  const char *add[] = { ADD_SHARED_NOW, ADD_NOT_SHARED, ADD_DONE, ADD_FAILED, ADD_SKIPPED,
                        ADD_PENDING, ADD_TIMED_OUT, NULL };
  const char *remove[] = { REMOVE_GONE, REMOVE_STILL, REMOVE_DONE, REMOVE_FAILED, NULL };
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_autoptr(GError) permission = g_error_new_literal (ENS_ERROR, ENS_ERROR_PERMISSION, "No permission");
  g_autoptr(GError) timeout = g_error_new_literal (ENS_ERROR, ENS_ERROR_TIMEOUT, "Timed out");
  g_autoptr(GError) server = g_error_new_literal (ENS_ERROR, ENS_ERROR_SERVER, "Server");
  EnsSharePlan *plan = ens_share_plan_new ("m-img", add, remove);

  ens_share_plan_set_outcome (plan, P_ADD_SHARED_NOW, ENS_OUTCOME_FAILED, NULL, cancelled, 1);
  ens_share_plan_set_outcome (plan, P_ADD_NOT_SHARED, ENS_OUTCOME_FAILED, NULL, cancelled, 2);
  ens_share_plan_set_outcome (plan, P_ADD_DONE, ENS_OUTCOME_DONE, "REQ-ADD", NULL, 1);
  ens_share_plan_set_outcome (plan, P_ADD_FAILED, ENS_OUTCOME_FAILED, "REQ-PERM", permission, 1);
  ens_share_plan_set_outcome (plan, P_ADD_SKIPPED, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
  ens_share_plan_set_outcome (plan, P_ADD_TIMED_OUT, ENS_OUTCOME_FAILED, NULL, timeout, 4);
  ens_share_plan_set_outcome (plan, P_REMOVE_GONE, ENS_OUTCOME_FAILED, NULL, cancelled, 1);
  ens_share_plan_set_outcome (plan, P_REMOVE_STILL, ENS_OUTCOME_FAILED, NULL, cancelled, 3);
  ens_share_plan_set_outcome (plan, P_REMOVE_DONE, ENS_OUTCOME_DONE, "REQ-REMOVE", NULL, 2);
  ens_share_plan_set_outcome (plan, P_REMOVE_FAILED, ENS_OUTCOME_FAILED, "REQ-SERVER", server, 4);

  return plan;
}

static void
test_share_plan_uncertain (void)
{
  g_autoptr(EnsSharePlan) plan = make_cancelled_plan ();

  for (guint i = 0; i < N_POSITIONS; i++)
    {
      gboolean expected = i == P_ADD_SHARED_NOW || i == P_ADD_NOT_SHARED ||
                          i == P_REMOVE_GONE || i == P_REMOVE_STILL;

      g_assert_cmpint (ens_share_plan_is_uncertain (plan, i), ==, expected);
    }
}

static void
assert_outcome (EnsSharePlan    *plan,
                guint            position,
                EnsOutcomeState  state,
                const char      *request_id,
                GQuark           error_domain,
                int              error_code,
                guint            tries)
{
  const GError *error = ens_share_plan_get_error (plan, position);

  g_assert_cmpint (ens_share_plan_get_state (plan, position), ==, state);
  g_assert_cmpstr (ens_share_plan_get_request_id (plan, position), ==, request_id);
  g_assert_cmpuint (ens_share_plan_get_tries (plan, position), ==, tries);
  if (error_domain == 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, error_domain, error_code);
  g_assert_false (ens_share_plan_is_uncertain (plan, position));
}

static void
test_share_plan_reconcile (void)
{
  /* The list after the run.  ADD_DONE is missing and REMOVE_DONE is back
   * (someone else changed them since): settled outcomes are kept anyway.
   * ADD_SKIPPED, not attempted, is there: it was shared before. */
  const char *shared_now[] = { "3000000000000001", ADD_SHARED_NOW, ADD_SKIPPED,
                               REMOVE_STILL, REMOVE_DONE, REMOVE_FAILED, NULL };
  g_autoptr(EnsSharePlan) plan = make_cancelled_plan ();
  g_autoptr(EnsSharePlan) reconciled = NULL;
  g_autoptr(EnsSharePlan) inverse = NULL;
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) removed = NULL;
  const char *expected_added[] = { ADD_SHARED_NOW, ADD_DONE, NULL };
  const char *expected_removed[] = { REMOVE_GONE, REMOVE_DONE, NULL };
  guint notified = 0;

  g_signal_connect (plan, "notify::done", G_CALLBACK (count_notify_cb), &notified);
  reconciled = ens_share_plan_reconcile (plan, shared_now);
  g_assert_nonnull (reconciled);
  g_assert_true (reconciled != plan);

  /* The same accounts at the same positions. */
  g_assert_cmpstr (ens_share_plan_get_image_id (reconciled), ==, "m-img");
  g_assert_cmpuint (ens_share_plan_get_n_accounts (reconciled), ==, N_POSITIONS);
  for (guint i = 0; i < N_POSITIONS; i++)
    {
      g_assert_cmpstr (ens_share_plan_get_account (reconciled, i), ==,
                       ens_share_plan_get_account (plan, i));
      g_assert_cmpint (ens_share_plan_get_change (reconciled, i), ==,
                       ens_share_plan_get_change (plan, i));
    }

  /* Uncertain additions: shared now means done; not shared, nothing changed. */
  assert_outcome (reconciled, P_ADD_SHARED_NOW, ENS_OUTCOME_DONE, NULL, 0, 0, 1);
  assert_outcome (reconciled, P_ADD_NOT_SHARED, ENS_OUTCOME_NOT_ATTEMPTED, NULL, 0, 0, 2);
  /* Uncertain removals: gone means done; still there, nothing changed. */
  assert_outcome (reconciled, P_REMOVE_GONE, ENS_OUTCOME_DONE, NULL, 0, 0, 1);
  assert_outcome (reconciled, P_REMOVE_STILL, ENS_OUTCOME_NOT_ATTEMPTED, NULL, 0, 0, 3);

  /* Settled outcomes are copied whatever the list says. */
  assert_outcome (reconciled, P_ADD_DONE, ENS_OUTCOME_DONE, "REQ-ADD", 0, 0, 1);
  assert_outcome (reconciled, P_ADD_FAILED, ENS_OUTCOME_FAILED, "REQ-PERM",
                  ENS_ERROR, ENS_ERROR_PERMISSION, 1);
  assert_outcome (reconciled, P_ADD_SKIPPED, ENS_OUTCOME_NOT_ATTEMPTED, NULL, 0, 0, 0);
  assert_outcome (reconciled, P_ADD_PENDING, ENS_OUTCOME_PENDING, NULL, 0, 0, 0);
  assert_outcome (reconciled, P_ADD_TIMED_OUT, ENS_OUTCOME_FAILED, NULL,
                  ENS_ERROR, ENS_ERROR_TIMEOUT, 4);
  assert_outcome (reconciled, P_REMOVE_DONE, ENS_OUTCOME_DONE, "REQ-REMOVE", 0, 0, 2);
  assert_outcome (reconciled, P_REMOVE_FAILED, ENS_OUTCOME_FAILED, "REQ-SERVER",
                  ENS_ERROR, ENS_ERROR_SERVER, 4);

  /* Every account but the pending one has a final outcome. */
  g_assert_cmpuint (ens_share_plan_get_done (reconciled), ==, N_POSITIONS - 1);
  g_assert_cmpuint (ens_share_plan_get_total (reconciled), ==, N_POSITIONS);

  /* What to report, and what Undo reverts. */
  added = ens_share_plan_dup_accounts (reconciled, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE);
  removed = ens_share_plan_dup_accounts (reconciled, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  g_assert_cmpstrv (added, expected_added);
  g_assert_cmpstrv (removed, expected_removed);
  inverse = ens_share_plan_new_inverse (reconciled);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (inverse), ==, 4);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 0), ==, REMOVE_GONE);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 1), ==, REMOVE_DONE);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 2), ==, ADD_SHARED_NOW);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 3), ==, ADD_DONE);

  /* The plan that ran is left as it was. */
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (ens_share_plan_is_uncertain (plan, P_ADD_SHARED_NOW));
  g_assert_true (ens_share_plan_is_uncertain (plan, P_REMOVE_STILL));
  g_assert_error (ens_share_plan_get_error (plan, P_ADD_NOT_SHARED), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, N_POSITIONS - 1);

  g_assert_finalize_object (g_steal_pointer (&reconciled));
}

static void
test_share_plan_reconcile_empty_list (void)
{
  const char *none[] = { NULL };
  g_autoptr(EnsSharePlan) plan = make_cancelled_plan ();
  g_autoptr(EnsSharePlan) reconciled = NULL;

  /* Shared with nobody now: uncertain additions did not happen, uncertain
   * removals did. */
  reconciled = ens_share_plan_reconcile (plan, none);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, P_ADD_SHARED_NOW), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, P_ADD_NOT_SHARED), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, P_REMOVE_GONE), ==, ENS_OUTCOME_DONE);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, P_REMOVE_STILL), ==, ENS_OUTCOME_DONE);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, P_ADD_DONE), ==, ENS_OUTCOME_DONE);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, P_REMOVE_FAILED), ==, ENS_OUTCOME_FAILED);
}

static void
test_share_plan_reconcile_settled (void)
{
  const char *add[] = { "1111111111111111", NULL };
  const char *remove[] = { "4444444444444444", NULL };
  const char *shared_now[] = { "4444444444444444", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) reconciled = NULL;
  g_autoptr(EnsSharePlan) empty = NULL;
  g_autoptr(EnsSharePlan) empty_reconciled = NULL;

  /* Nothing uncertain: a copy, outcome for outcome. */
  plan = ens_share_plan_new ("m-img", add, remove);
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "R1", NULL, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
  reconciled = ens_share_plan_reconcile (plan, shared_now);
  assert_outcome (reconciled, 0, ENS_OUTCOME_DONE, "R1", 0, 0, 1);
  assert_outcome (reconciled, 1, ENS_OUTCOME_NOT_ATTEMPTED, NULL, 0, 0, 0);
  g_assert_cmpuint (ens_share_plan_get_done (reconciled), ==, 2);

  empty = ens_share_plan_new ("m-empty", NULL, NULL);
  empty_reconciled = ens_share_plan_reconcile (empty, shared_now);
  g_assert_cmpstr (ens_share_plan_get_image_id (empty_reconciled), ==, "m-empty");
  g_assert_cmpuint (ens_share_plan_get_n_accounts (empty_reconciled), ==, 0);
  g_assert_cmpuint (ens_share_plan_get_done (empty_reconciled), ==, 0);
}

/* "rate" and "max-in-flight", set by the client as a plan runs, notify
 * only on a real change; max-in-flight only grows. */
static void
test_share_plan_statistics (void)
{
  const char *remove[] = { "1111111111111111", NULL };
  EnsSharePlan *plan = ens_share_plan_new ("m-5s7qotzavwbrnzaqh4unmabcd", NULL, remove);
  guint n_rate = 0;
  guint n_max = 0;

  g_signal_connect (plan, "notify::rate", G_CALLBACK (count_notify_cb), &n_rate);
  g_signal_connect (plan, "notify::max-in-flight", G_CALLBACK (count_notify_cb), &n_max);

  g_assert_cmpfloat (ens_share_plan_get_rate (plan), ==, 0);
  g_assert_cmpuint (ens_share_plan_get_max_in_flight (plan), ==, 0);

  ens_share_plan_set_rate (plan, 17.5);
  ens_share_plan_set_rate (plan, 17.5);
  g_assert_cmpfloat (ens_share_plan_get_rate (plan), ==, 17.5);
  g_assert_cmpuint (n_rate, ==, 1);
  ens_share_plan_set_rate (plan, -1);
  g_assert_cmpfloat (ens_share_plan_get_rate (plan), ==, 0);
  g_assert_cmpuint (n_rate, ==, 2);

  ens_share_plan_note_in_flight (plan, 3);
  ens_share_plan_note_in_flight (plan, 2);
  ens_share_plan_note_in_flight (plan, 16);
  g_assert_cmpuint (ens_share_plan_get_max_in_flight (plan), ==, 16);
  g_assert_cmpuint (n_max, ==, 2);

  g_assert_finalize_object (plan);
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
  g_test_add_func ("/share-plan/uncertain", test_share_plan_uncertain);
  g_test_add_func ("/share-plan/statistics", test_share_plan_statistics);
  g_test_add_func ("/share-plan/reconcile", test_share_plan_reconcile);
  g_test_add_func ("/share-plan/reconcile/empty-list", test_share_plan_reconcile_empty_list);
  g_test_add_func ("/share-plan/reconcile/settled", test_share_plan_reconcile_settled);

  return g_test_run ();
}
