/* test-runner-history.c
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

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ens-change-runner.h"
#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-session.h"
#include "ens-test-utils.h"

/* The window's change runner and the history, on a real file, against
 * the in-process emulator. */

#define KEY_ID     "LTAI5tRunnerHistoryTest1"
#define KEY_SECRET "RunnerSecretRunnerSecretRunner"
#define IMAGE_ID   "m-5s7qotzavwbrnzaqh4unmrun01"

typedef struct
{
  char               *dir;
  char               *path;
  EnsEmulator        *emulator;
  EnsClient          *client;
  EnsCredentialStore *store;
  EnsSession         *session;
  EnsChangeRunner    *runner;
  GPtrArray          *notices;
} Fixture;

static void
notice_cb (EnsChangeRunner *runner,
           const char      *message,
           Fixture         *fixture)
{
  g_ptr_array_add (fixture->notices, g_strdup (message));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *shared[] = { "1000000000000001", "1000000000000002", "1000000000000003", NULL };

  fixture->dir = ens_test_store_dir_new ("ens-runner-history-XXXXXX", &fixture->path);

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_image (fixture->emulator, IMAGE_ID, "runner", "self", "Ubuntu", "2024-01-01T00:00:00Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, shared);
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, url, &error));
  fixture->store = ens_credential_store_new ();
  fixture->session = ens_session_new (fixture->client, fixture->store, NULL);
  ens_session_sign_in (fixture->session, "work", credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  fixture->runner = ens_change_runner_new (fixture->client);
  fixture->notices = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->runner, "notice", G_CALLBACK (notice_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->emulator);
  g_ptr_array_unref (fixture->notices);
  ens_test_store_dir_free (fixture->dir);
  g_free (fixture->path);
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static EnsSharePlan *
run_plan (Fixture       *fixture,
          EnsSharePlan  *plan,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_change_runner_run_async (fixture->runner, plan, NULL, ens_test_store_result_cb, &result);

  return ens_change_runner_run_finish (fixture->runner, ens_test_wait_for (&result), error);
}

static void
test_runner_records (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EnsHistory) history = ens_history_new (fixture->path);
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, (const char *[]) { "2000000000000001", NULL },
                                                     (const char *[]) { "1000000000000002", NULL });
  g_autoptr(EnsSharePlan) ran = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n_done = NULL;
  g_autofree char *who = NULL;

  ens_change_runner_set_history (fixture->runner, history, fixture->session);
  ran = run_plan (fixture, plan, &error);
  g_assert_no_error (error);

  n_done = sql_text (fixture->path, "SELECT count(*) FROM entries WHERE state = 'done' AND request_id IS NOT NULL");
  g_assert_cmpstr (n_done, ==, "2");
  who = sql_text (fixture->path, "SELECT origin || ' ' || profile || ' ' || access_key_id || ' ' ||"
                                 " (finished_at IS NOT NULL) FROM operations");
  g_assert_cmpstr (who, ==, "window work " KEY_ID " 1");
}

static void
test_runner_refuses (Fixture       *fixture,
                     gconstpointer  data)
{
  /* The history's folder cannot be made: a file is in the way. */
  g_autofree char *blocker = g_build_filename (fixture->dir, "ens-image-share", NULL);
  g_autoptr(EnsHistory) history = ens_history_new (fixture->path);
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char *[]) { "1000000000000001", NULL });
  g_autoptr(EnsSharePlan) ran = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  ens_change_runner_set_history (fixture->runner, history, fixture->session);
  ran = run_plan (fixture, plan, &error);

  /* Nothing sent: no request at all, the account still shared. */
  g_assert_error (error, ENS_ERROR, ENS_ERROR_STORAGE);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 0);
  g_assert_cmpint (ens_share_plan_get_state (ran, 0), ==, ENS_OUTCOME_PENDING);
  shares = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_true (g_strv_contains ((const char * const *)shares, "1000000000000001"));
  g_assert_false (ens_change_runner_get_running (fixture->runner));
}

static void
test_runner_recover (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EnsHistory) dead = ens_history_new (fixture->path);
  g_autoptr(EnsHistory) history = ens_history_new (fixture->path);
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char *[]) { "1000000000000003", NULL });
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  gint64 end;

  /* A run that wrote its plan and died before the answer. */
  ens_history_open_async (dead, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_history_open_finish (dead, ens_test_wait_for (&result), &error));
  g_clear_object (&result);
  ens_history_begin_async (dead, plan, &(EnsHistoryContext) { .origin = "window", .profile = "work", .access_key_id = KEY_ID },
                           NULL, ens_test_store_result_cb, &result);
  g_assert_cmpint (ens_history_begin_finish (dead, ens_test_wait_for (&result), &error), >, 0);
  g_clear_object (&result);
  g_clear_object (&dead);

  ens_change_runner_set_history (fixture->runner, history, fixture->session);
  ens_change_runner_recover (fixture->runner);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (fixture->notices->len == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->notices, 0), "1 did not happen"));
  state = sql_text (fixture->path, "SELECT state FROM entries WHERE account_id = '1000000000000003'");
  g_assert_cmpstr (state, ==, "did-not-happen");

  /* Said once. */
  ens_change_runner_recover (fixture->runner);
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->notices->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/runner-history/records", test_runner_records);
  ADD ("/runner-history/refuses", test_runner_refuses);
  ADD ("/runner-history/recover", test_runner_recover);

  return g_test_run ();
}
