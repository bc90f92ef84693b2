/* test-share-plan-images.c
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

/*
 * Share plans across several images, the preview (skipped accounts),
 * copying sharing, verification after a run, and the inverse of all that.
 */

#include "config.h"

#include <gio/gio.h>

#include "ens-core.h"

#define IMG_A "m-aaaaaaaaaaaaaaaaaaaaaaaa1"
#define IMG_B "m-bbbbbbbbbbbbbbbbbbbbbbbb2"
#define IMG_C "m-cccccccccccccccccccccccc3"
#define UID_1 "1111111111111111"
#define UID_2 "2222222222222222"
#define UID_3 "3333333333333333"
#define UID_4 "4444444444444444"

static guint
find (EnsSharePlan   *plan,
      const char     *image_id,
      const char     *account,
      EnsShareChange  change)
{
  for (guint i = 0; i < ens_share_plan_get_n_accounts (plan); i++)
    if (g_strcmp0 (ens_share_plan_get_account_image_id (plan, i), image_id) == 0 &&
        g_strcmp0 (ens_share_plan_get_account (plan, i), account) == 0 &&
        ens_share_plan_get_change (plan, i) == change)
      return i;

  g_assert_not_reached ();
  return G_MAXUINT;
}

static void
test_for_images (void)
{
  const char * const images[] = { IMG_A, IMG_B, IMG_A, NULL };
  const char * const add[] = { UID_1, UID_2, NULL };
  const char * const remove[] = { UID_3, NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, remove);
  g_auto(GStrv) ids = ens_share_plan_dup_image_ids (plan);

  /* An image given twice counts once; image by image, additions first. */
  g_assert_cmpuint (ens_share_plan_get_n_accounts (plan), ==, 6);
  g_assert_cmpuint (ens_share_plan_get_total (plan), ==, 6);
  g_assert_cmpstr (ens_share_plan_get_image_id (plan), ==, IMG_A);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[1], ==, IMG_B);
  g_assert_cmpstr (ens_share_plan_get_account_image_id (plan, 2), ==, IMG_A);
  g_assert_cmpint (ens_share_plan_get_change (plan, 2), ==, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpstr (ens_share_plan_get_account_image_id (plan, 3), ==, IMG_B);
  g_assert_cmpstr (ens_share_plan_get_account (plan, 3), ==, UID_1);
  g_assert_cmpint (ens_share_plan_get_change (plan, 5), ==, ENS_SHARE_CHANGE_REMOVE);
  g_assert_finalize_object (g_steal_pointer (&plan));
}

static void
test_preview (void)
{
  const char * const images[] = { IMG_A, IMG_B, NULL };
  const char * const add[] = { UID_1, UID_2, NULL };
  const char * const remove[] = { UID_3, NULL };
  const char * const shared_a[] = { UID_1, UID_3, NULL };
  const char * const shared_b[] = { NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, remove);
  g_autoptr(EnsSharePlan) inverse = NULL;
  guint position;

  g_assert_cmpuint (ens_share_plan_preview (plan, IMG_A, shared_a), ==, 1);
  g_assert_cmpuint (ens_share_plan_preview (plan, IMG_B, shared_b), ==, 1);

  position = find (plan, IMG_A, UID_1, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpint (ens_share_plan_get_state (plan, position), ==, ENS_OUTCOME_SKIPPED);
  g_assert_cmpint (ens_share_plan_get_skip_reason (plan, position), ==, ENS_SKIP_ALREADY_SHARED);
  position = find (plan, IMG_B, UID_3, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpint (ens_share_plan_get_state (plan, position), ==, ENS_OUTCOME_SKIPPED);
  g_assert_cmpint (ens_share_plan_get_skip_reason (plan, position), ==, ENS_SKIP_NOT_SHARED);
  position = find (plan, IMG_A, UID_3, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpint (ens_share_plan_get_state (plan, position), ==, ENS_OUTCOME_PENDING);
  g_assert_cmpint (ens_share_plan_get_skip_reason (plan, position), ==, ENS_SKIP_NONE);

  /* Skipped is final (the progress counts it) but never done, never undone. */
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 2);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==, 0);
  inverse = ens_share_plan_new_inverse (plan);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (inverse), ==, 0);

  /* A second preview changes nothing that is settled. */
  g_assert_cmpuint (ens_share_plan_preview (plan, IMG_A, shared_b), ==, 1);
}

static void
test_inverse_keeps_images (void)
{
  const char * const images[] = { IMG_A, IMG_B, NULL };
  const char * const add[] = { UID_1, NULL };
  const char * const remove[] = { UID_2, NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, remove);
  g_autoptr(EnsSharePlan) inverse = NULL;

  for (guint i = 0; i < 4; i++)
    ens_share_plan_set_outcome (plan, i, i == 3 ? ENS_OUTCOME_FAILED : ENS_OUTCOME_DONE,
                                "REQ", NULL, 1);

  inverse = ens_share_plan_new_inverse (plan);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (inverse), ==, 3);
  /* Image A: the removed account comes back, the added one goes. */
  g_assert_cmpstr (ens_share_plan_get_account_image_id (inverse, 0), ==, IMG_A);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 0), ==, UID_2);
  g_assert_cmpint (ens_share_plan_get_change (inverse, 0), ==, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 1), ==, UID_1);
  g_assert_cmpint (ens_share_plan_get_change (inverse, 1), ==, ENS_SHARE_CHANGE_REMOVE);
  /* Image B: only the addition succeeded. */
  g_assert_cmpstr (ens_share_plan_get_account_image_id (inverse, 2), ==, IMG_B);
  g_assert_cmpstr (ens_share_plan_get_account (inverse, 2), ==, UID_1);
  g_assert_cmpint (ens_share_plan_get_change (inverse, 2), ==, ENS_SHARE_CHANGE_REMOVE);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (ens_share_plan_get_state (inverse, i), ==, ENS_OUTCOME_PENDING);
}

static void
test_copy (void)
{
  const char * const source[] = { UID_1, UID_2, UID_3, NULL };
  const char * const target[] = { UID_2, UID_4, NULL };
  g_autoptr(EnsSharePlan) plain = NULL;
  g_autoptr(EnsSharePlan) exact = NULL;
  guint position;

  plain = ens_share_plan_new_copy (IMG_A, source, IMG_B, target, FALSE, FALSE);
  g_assert_cmpstr (ens_share_plan_get_image_id (plain), ==, IMG_B);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (plain), ==, 3);
  g_assert_cmpuint (ens_share_plan_count (plain, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING), ==, 2);
  position = find (plain, IMG_B, UID_2, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpint (ens_share_plan_get_skip_reason (plain, position), ==, ENS_SKIP_ALREADY_SHARED);

  /* Match exactly, and retire the source afterwards. */
  exact = ens_share_plan_new_copy (IMG_A, source, IMG_B, target, TRUE, TRUE);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (exact), ==, 3 + 1 + 3);
  position = find (exact, IMG_B, UID_4, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpint (ens_share_plan_get_state (exact, position), ==, ENS_OUTCOME_PENDING);
  position = find (exact, IMG_A, UID_3, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpint (ens_share_plan_get_state (exact, position), ==, ENS_OUTCOME_PENDING);
  g_assert_cmpuint (ens_share_plan_count (exact, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_PENDING), ==, 4);
}

static void
test_verify (void)
{
  const char * const images[] = { IMG_A, IMG_B, NULL };
  const char * const add[] = { UID_1, UID_2, NULL };
  const char * const remove[] = { UID_3, NULL };
  const char * const after_a[] = { UID_1, NULL };
  const char * const after_b[] = { UID_1, UID_3, NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, remove);
  g_autoptr(GError) lost = g_error_new_literal (ENS_ERROR, ENS_ERROR_NETWORK, "reset");
  guint position;

  /* A: UID_1 done, UID_2 answer lost (not there after), UID_3 removed. */
  ens_share_plan_set_outcome (plan, find (plan, IMG_A, UID_1, ENS_SHARE_CHANGE_ADD),
                              ENS_OUTCOME_DONE, "R1", NULL, 1);
  ens_share_plan_set_outcome (plan, find (plan, IMG_A, UID_2, ENS_SHARE_CHANGE_ADD),
                              ENS_OUTCOME_UNKNOWN, NULL, lost, 3);
  ens_share_plan_set_outcome (plan, find (plan, IMG_A, UID_3, ENS_SHARE_CHANGE_REMOVE),
                              ENS_OUTCOME_DONE, "R2", NULL, 1);
  /* B: UID_1 answer lost (there after), UID_2 done but missing, UID_3 "done" but still there. */
  ens_share_plan_set_outcome (plan, find (plan, IMG_B, UID_1, ENS_SHARE_CHANGE_ADD),
                              ENS_OUTCOME_UNKNOWN, NULL, lost, 3);
  ens_share_plan_set_outcome (plan, find (plan, IMG_B, UID_2, ENS_SHARE_CHANGE_ADD),
                              ENS_OUTCOME_DONE, "R3", NULL, 1);
  ens_share_plan_set_outcome (plan, find (plan, IMG_B, UID_3, ENS_SHARE_CHANGE_REMOVE),
                              ENS_OUTCOME_DONE, "R4", NULL, 1);

  g_assert_cmpuint (ens_share_plan_verify (plan, IMG_A, after_a), ==, 0);
  g_assert_cmpuint (ens_share_plan_verify (plan, IMG_B, after_b), ==, 2);

  position = find (plan, IMG_A, UID_1, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpint (ens_share_plan_get_verification (plan, position), ==, ENS_VERIFY_VERIFIED);
  position = find (plan, IMG_A, UID_2, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpint (ens_share_plan_get_state (plan, position), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_null (ens_share_plan_get_error (plan, position));
  g_assert_cmpint (ens_share_plan_get_verification (plan, position), ==, ENS_VERIFY_UNCHECKED);
  position = find (plan, IMG_B, UID_1, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpint (ens_share_plan_get_state (plan, position), ==, ENS_OUTCOME_DONE);
  g_assert_cmpint (ens_share_plan_get_verification (plan, position), ==, ENS_VERIFY_VERIFIED);
  position = find (plan, IMG_B, UID_2, ENS_SHARE_CHANGE_ADD);
  g_assert_cmpint (ens_share_plan_get_verification (plan, position), ==, ENS_VERIFY_DISAGREES);
  position = find (plan, IMG_B, UID_3, ENS_SHARE_CHANGE_REMOVE);
  g_assert_cmpint (ens_share_plan_get_verification (plan, position), ==, ENS_VERIFY_DISAGREES);

  g_assert_cmpuint (ens_share_plan_count_uncertain (plan), ==, 0);
  g_assert_cmpuint (ens_share_plan_count_verification (plan, ENS_VERIFY_VERIFIED), ==, 3);
  g_assert_cmpuint (ens_share_plan_count_verification (plan, ENS_VERIFY_DISAGREES), ==, 2);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 6);
}

static void
test_reconcile_multi (void)
{
  const char * const images[] = { IMG_A, IMG_B, NULL };
  const char * const add[] = { UID_1, NULL };
  const char * const shared_a[] = { UID_1, NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, NULL);
  g_autoptr(EnsSharePlan) reconciled = NULL;
  g_autoptr(GError) lost = g_error_new_literal (ENS_ERROR, ENS_ERROR_NETWORK, "reset");

  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_UNKNOWN, NULL, lost, 2);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_UNKNOWN, NULL, lost, 2);

  /* The list is the first image's: the other image's outcome stays open. */
  reconciled = ens_share_plan_reconcile (plan, shared_a);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, 0), ==, ENS_OUTCOME_DONE);
  g_assert_cmpint (ens_share_plan_get_state (reconciled, 1), ==, ENS_OUTCOME_UNKNOWN);
  g_assert_cmpstr (ens_share_plan_get_account_image_id (reconciled, 1), ==, IMG_B);
  (void) IMG_C;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/share-plan-images/for-images", test_for_images);
  g_test_add_func ("/share-plan-images/preview", test_preview);
  g_test_add_func ("/share-plan-images/inverse", test_inverse_keeps_images);
  g_test_add_func ("/share-plan-images/copy", test_copy);
  g_test_add_func ("/share-plan-images/verify", test_verify);
  g_test_add_func ("/share-plan-images/reconcile-multi", test_reconcile_multi);

  return g_test_run ();
}
