/* test-client-recipient.c
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
 * One partner, all images: finding which own images accounts can use
 * (DescribeImageSharePermission with AliyunId, a few at a time) and the
 * offboarding plan, with its one Undo, against the emulator.
 */

#include "config.h"

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-test-utils.h"

#define KEY_ID     "LTAI5tRcptRcptRcptRcpt01"
#define KEY_SECRET "RcptSecretRcptSecretRcptSecre"
#define PARTNER_A  "1000000000000001"
#define PARTNER_B  "1000000000000002"
#define OTHER      "1999999999999999"
#define N_IMAGES   20

typedef struct
{
  EnsEmulator *emulator;
  EnsClient   *client;
  GListModel  *images;
} Fixture;

static char *
image_id (guint i)
{
  return g_strdup_printf ("m-rcpt%03uaaaaaaaaaaaaaaaaaaa", i);
}

static void
share (Fixture    *fixture,
       guint       i,
       const char *account)
{
  g_autofree char *id = image_id (i);
  g_auto(GStrv) now = ens_emulator_dup_shares (fixture->emulator, id);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) shares = NULL;

  g_strv_builder_addv (builder, (const char **)now);
  g_strv_builder_add (builder, account);
  shares = g_strv_builder_end (builder);
  ens_emulator_set_shares (fixture->emulator, id, (const char * const *)shares);
}

static gboolean
is_shared (Fixture    *fixture,
           guint       i,
           const char *account)
{
  g_autofree char *id = image_id (i);
  g_auto(GStrv) now = ens_emulator_dup_shares (fixture->emulator, id);

  return now != NULL && g_strv_contains ((const char * const *)now, account);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autofree char *id = image_id (i);
      g_autofree char *name = g_strdup_printf ("release-%03u", i);

      ens_emulator_add_image (fixture->emulator, id, name, "self", "ubuntu", "2025-01-01T00:00:00Z");
      share (fixture, i, OTHER);
    }
  share (fixture, 3, PARTNER_A);
  share (fixture, 7, PARTNER_A);
  share (fixture, 12, PARTNER_A);
  share (fixture, 7, PARTNER_B);
  share (fixture, 15, PARTNER_B);

  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  url = ens_emulator_dup_url (fixture->emulator);
  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, url, &error));
  ens_client_set_credentials (fixture->client, credentials);
  ens_client_set_concurrency (fixture->client, 4);

  ens_client_describe_self_images_async (fixture->client, NULL, ens_test_store_result_cb, &result);
  fixture->images = ens_client_describe_self_images_finish (fixture->client, ens_test_wait_for (&result),
                                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->images), ==, N_IMAGES);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->images);
  g_assert_finalize_object (g_steal_pointer (&fixture->client));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (g_steal_pointer (&fixture->emulator));
}

typedef struct
{
  guint calls;
  guint last_done;
  guint last_total;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >, progress->last_done);
  progress->calls++;
  progress->last_done = done;
  progress->last_total = total;
}

static GPtrArray *
find (Fixture            *fixture,
      const char * const *accounts,
      Progress           *progress,
      guint              *n_failed)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *access;

  ens_client_find_account_images_async (fixture->client, fixture->images, accounts,
                                        progress_cb, progress, NULL, ens_test_store_result_cb, &result);
  access = ens_client_find_account_images_finish (fixture->client, ens_test_wait_for (&result),
                                                  n_failed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (access->len, ==, N_IMAGES);

  return access;
}

static void
run_plan (Fixture      *fixture,
          EnsSharePlan *plan)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ens_client_run_plan_async (fixture->client, plan, NULL, ens_test_store_result_cb, &result);
  ens_client_run_plan_finish (fixture->client, ens_test_wait_for (&result), &error);
}

static void
test_find_one (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *accounts[] = { PARTNER_A, NULL };
  g_autoptr(GPtrArray) access = NULL;
  Progress progress = { 0, };
  guint before = ens_emulator_get_request_count (fixture->emulator);
  guint n_failed = 99;

  access = find (fixture, accounts, &progress, &n_failed);

  /* One request per image, each answer reported. */
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator) - before, ==, N_IMAGES);
  g_assert_cmpuint (progress.calls, ==, N_IMAGES);
  g_assert_cmpuint (progress.last_done, ==, N_IMAGES);
  g_assert_cmpuint (progress.last_total, ==, N_IMAGES);
  g_assert_cmpuint (n_failed, ==, 0);

  for (guint i = 0; i < N_IMAGES; i++)
    {
      EnsImageAccess *one = g_ptr_array_index (access, i);
      gboolean expected = i == 3 || i == 7 || i == 12;
      g_autofree char *id = image_id (i);

      g_assert_cmpstr (one->image_id, ==, id);
      g_assert_null (one->error);
      g_assert_cmpuint (g_strv_length (one->accounts), ==, expected ? 1 : 0);
    }
}

static void
test_offboard_group (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *accounts[] = { PARTNER_A, PARTNER_B, NULL };
  g_autoptr(GPtrArray) access = find (fixture, accounts, &(Progress) { 0, }, NULL);
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) undo = NULL;
  EnsImageAccess *seven = g_ptr_array_index (access, 7);

  g_assert_cmpstrv (seven->accounts, ((const char *[]) { PARTNER_A, PARTNER_B, NULL }));

  /* One removal per image and account: 3, 7 (two), 12, 15. */
  plan = ens_share_plan_new_offboarding (access);
  g_assert_nonnull (plan);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (plan), ==, 5);
  run_plan (fixture, plan);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 5);
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_assert_false (is_shared (fixture, i, PARTNER_A));
      g_assert_false (is_shared (fixture, i, PARTNER_B));
      g_assert_true (is_shared (fixture, i, OTHER));
    }

  /* The one Undo puts every one back. */
  undo = ens_share_plan_new_inverse (plan);
  run_plan (fixture, undo);
  g_assert_true (is_shared (fixture, 3, PARTNER_A));
  g_assert_true (is_shared (fixture, 7, PARTNER_A));
  g_assert_true (is_shared (fixture, 7, PARTNER_B));
  g_assert_true (is_shared (fixture, 12, PARTNER_A));
  g_assert_true (is_shared (fixture, 15, PARTNER_B));
  g_assert_false (is_shared (fixture, 4, PARTNER_A));

  /* Nothing left to offboard: no plan. */
  {
    const char *nobody[] = { "1000000000000077", NULL };
    g_autoptr(GPtrArray) none = find (fixture, nobody, &(Progress) { 0, }, NULL);

    g_assert_null (ens_share_plan_new_offboarding (none));
  }
}

/* A failure in the middle: an outcome per image, and the Undo restores
 * exactly what was removed. */
static void
test_offboard_failure (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *accounts[] = { PARTNER_A, PARTNER_B, NULL };
  g_autoptr(GPtrArray) access = find (fixture, accounts, &(Progress) { 0, }, NULL);
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_offboarding (access);
  g_autoptr(EnsSharePlan) undo = NULL;
  guint done;
  guint failed;

  /* Every second request fails with a 500, and is not tried again. */
  g_object_set (fixture->client, "max-retries", 0, NULL);
  ens_emulator_set_fail_every (fixture->emulator, 2, 500);
  run_plan (fixture, plan);
  ens_emulator_set_fail_every (fixture->emulator, 0, 500);

  done = ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  failed = ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED);
  g_assert_cmpuint (done, >, 0);
  g_assert_cmpuint (failed, >, 0);
  g_assert_cmpuint (done + failed, ==, 5);

  for (guint p = 0; p < ens_share_plan_get_n_accounts (plan); p++)
    {
      const char *image = ens_share_plan_get_account_image_id (plan, p);
      const char *account = ens_share_plan_get_account (plan, p);
      guint i = (guint) g_ascii_strtoull (image + strlen ("m-rcpt"), NULL, 10);
      gboolean removed = ens_share_plan_get_state (plan, p) == ENS_OUTCOME_DONE;

      g_assert_true (is_shared (fixture, i, account) == !removed);
    }

  undo = ens_share_plan_new_inverse (plan);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (undo), ==, done);
  run_plan (fixture, undo);
  g_assert_true (is_shared (fixture, 3, PARTNER_A) && is_shared (fixture, 7, PARTNER_A) &&
                 is_shared (fixture, 7, PARTNER_B) && is_shared (fixture, 12, PARTNER_A) &&
                 is_shared (fixture, 15, PARTNER_B));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/client-recipient/find-one", Fixture, NULL, fixture_set_up, test_find_one, fixture_tear_down);
  g_test_add ("/client-recipient/offboard-group", Fixture, NULL, fixture_set_up, test_offboard_group, fixture_tear_down);
  g_test_add ("/client-recipient/offboard-failure", Fixture, NULL, fixture_set_up, test_offboard_failure, fixture_tear_down);

  return g_test_run ();
}
