/* test-share-editor.c
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

#include "ens-activity-entry.h"
#include "ens-change-runner.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-model-enums.h"
#include "ens-session.h"
#include "ens-share-editor-private.h"
#include "ens-share-list.h"
#include "ens-shared-account.h"
#include "ens-test-utils.h"

/*
 * The Share page's models against a real in-process EnsEmulator over
 * loopback HTTP: EnsShareList, EnsChangeRunner and EnsShareEditor.
 */

#define KEY_ID        "LTAI5tTestTestTestTest01"
#define KEY_SECRET    "TestSecretTestSecretTestSecre"
#define RO_KEY_ID     "LTAI5tReadOnlyReadOnly01"
#define RO_KEY_SECRET "ReadOnlySecretReadOnlySecret0"
#define IMAGE_ID      "m-5s7qotzavwbrnzaqh4unmabcd"
#define OTHER_IMAGE   "m-5qkf6jv9a0tzd5ipwx5fiabcd"
#define UNKNOWN_IMAGE "m-0000000000000000000000000"
#define ACCOUNT_A     "1234567890123456"
#define ACCOUNT_B     "2345678901234567"
#define ACCOUNT_C     "3456789012345678"

typedef struct
{
  EnsEmulator *emulator;
  EnsClient   *client;
  char        *url;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_key (fixture->emulator, RO_KEY_ID, RO_KEY_SECRET, TRUE);
  ens_emulator_add_image (fixture->emulator, IMAGE_ID, "web-server", "self",
                          "Ubuntu", "2024-01-01T00:00:00Z");
  ens_emulator_add_image (fixture->emulator, OTHER_IMAGE, "db-server", "self",
                          "Debian", "2024-02-01T00:00:00Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID,
                           (const char * const []) { ACCOUNT_A, ACCOUNT_B, NULL });
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  fixture->url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, fixture->url, &error));
  g_assert_no_error (error);
  credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  ens_client_set_credentials (fixture->client, credentials);
  g_object_set (fixture->client, "retry-delay", 10, NULL);
}

/* Lets callbacks of cancelled requests run, and the server notice that
 * the client closed its connections, before it is stopped. */
static void
drain_main_context (void)
{
  gint64 end = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  drain_main_context ();
  g_assert_finalize_object (fixture->client);
  drain_main_context ();
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (fixture->emulator);
  g_free (fixture->url);
}

/* Helpers {{{ */

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@flag is set, failing after 10 s. */
static void
wait_for_flag (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
wait_for_loaded (EnsShareList *list)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect_swapped (list, "loaded", G_CALLBACK (set_flag_cb), &loaded);

  wait_for_flag (&loaded);
  g_signal_handler_disconnect (list, id);
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static guint *
count_notifies (gpointer    object,
                const char *property)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);
  guint *counter = g_new0 (guint, 1);

  g_object_set_data_full (G_OBJECT (object), signal, counter, g_free);
  g_signal_connect_swapped (object, signal, G_CALLBACK (count_cb), counter);

  return counter;
}

static GStrv
dup_model_accounts (GListModel *model)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, ens_shared_account_get_account (item));
    }

  return g_strv_builder_end (builder);
}

/* }}} */

/* EnsShareList {{{ */

static void
test_share_list_debounce (Fixture       *fixture,
                          gconstpointer  data)
{
  EnsShareList *list = ens_share_list_new (fixture->client);
  g_auto(GStrv) accounts = NULL;
  g_auto(GStrv) model_accounts = NULL;
  guint loaded_signals = 0;
  guint *state_notifies = count_notifies (list, "state");
  guint *loaded_notifies = count_notifies (list, "loaded");
  guint *n_items_notifies = count_notifies (list, "n-items");
  guint requests = ens_emulator_get_request_count (fixture->emulator);
  EnsClient *client = NULL;

  g_object_get (list, "client", &client, NULL);
  g_assert_true (client == fixture->client);
  g_object_unref (client);

  g_signal_connect_swapped (list, "loaded", G_CALLBACK (count_cb), &loaded_signals);

  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  g_assert_true (ens_share_list_get_enabled (list));
  g_assert_false (ens_share_list_get_loaded (list));
  g_assert_null (ens_share_list_get_accounts (list));

  /* Typing: each change restarts the pause; nothing is sent meanwhile. */
  ens_share_list_set_image_id (list, OTHER_IMAGE);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  ens_share_list_set_image_id (list, IMAGE_ID);
  g_assert_cmpstr (ens_share_list_get_image_id (list), ==, IMAGE_ID);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  g_assert_cmpuint (*state_notifies, ==, 1);
  run_for (200);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);

  wait_for_loaded (list);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests + 1);
  g_assert_cmpuint (loaded_signals, ==, 1);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);
  g_assert_cmpuint (*state_notifies, ==, 2);
  g_assert_true (ens_share_list_get_loaded (list));
  g_assert_cmpuint (*loaded_notifies, ==, 1);
  g_assert_cmpuint (*n_items_notifies, ==, 1);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 2);
  model_accounts = dup_model_accounts (ens_share_list_get_model (list));
  g_assert_cmpstrv (model_accounts, ((const char * const []) { ACCOUNT_A, ACCOUNT_B, NULL }));
  accounts = ens_share_list_dup_accounts (list);
  g_assert_cmpstrv (accounts, ((const char * const []) { ACCOUNT_A, ACCOUNT_B, NULL }));
  g_assert_true (ens_share_list_contains (list, ACCOUNT_A));
  g_assert_false (ens_share_list_contains (list, ACCOUNT_C));
  g_assert_cmpuint (g_hash_table_size (ens_share_list_get_accounts (list)), ==, 2);
  g_assert_null (ens_share_list_get_error (list));
  g_assert_null (ens_share_list_get_error_text (list));

  /* The same ID again changes nothing. */
  ens_share_list_set_image_id (list, IMAGE_ID);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);

  /* No image: the list goes at once. */
  ens_share_list_set_image_id (list, NULL);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 0);
  g_assert_false (ens_share_list_get_loaded (list));
  g_assert_null (ens_share_list_get_accounts (list));
  run_for (500);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests + 1);

  g_assert_finalize_object (list);
}

static void
test_share_list_load (Fixture       *fixture,
                      gconstpointer  data)
{
  EnsShareList *list = ens_share_list_new (fixture->client);
  guint loaded_signals = 0;
  guint requests;

  g_signal_connect_swapped (list, "loaded", G_CALLBACK (count_cb), &loaded_signals);

  /* Without an image, nothing to load. */
  requests = ens_emulator_get_request_count (fixture->emulator);
  ens_share_list_load (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);

  /* At once, no pause; a second load replaces the first. */
  ens_share_list_set_image_id (list, OTHER_IMAGE);
  ens_share_list_load (list);
  ens_share_list_load (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_EMPTY);
  g_assert_true (ens_share_list_get_loaded (list));
  g_assert_nonnull (ens_share_list_get_accounts (list));
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 0);
  /* The pause is over too: no load after it. */
  run_for (500);
  g_assert_cmpuint (loaded_signals, ==, 1);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), <=, requests + 2);

  g_assert_finalize_object (list);
}

static void
test_share_list_error (Fixture       *fixture,
                       gconstpointer  data)
{
  EnsShareList *list = ens_share_list_new (fixture->client);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *text = NULL;
  g_autofree char *error_text = NULL;
  g_autoptr(GError) error = NULL;
  guint *error_notifies = count_notifies (list, "error");

  ens_share_list_set_image_id (list, UNKNOWN_IMAGE);
  ens_share_list_load (list);
  wait_for_loaded (list);

  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_ERROR);
  g_assert_false (ens_share_list_get_loaded (list));
  g_assert_null (ens_share_list_get_accounts (list));
  g_assert_nonnull (ens_share_list_get_error (list));
  g_assert_true (ens_share_list_get_error (list)->domain == ENS_ERROR);
  g_assert_cmpuint (*error_notifies, ==, 1);

  ens_error_describe (ens_share_list_get_error (list), &title, &explanation, NULL);
  text = g_strdup_printf ("%s. %s", title, explanation);
  g_assert_cmpstr (ens_share_list_get_error_text (list), ==, text);
  g_object_get (list, "error-text", &error_text, "error", &error, NULL);
  g_assert_cmpstr (error_text, ==, text);
  g_assert_nonnull (error);

  /* Another image: the error goes with the list. */
  ens_share_list_set_image_id (list, IMAGE_ID);
  g_assert_null (ens_share_list_get_error (list));
  g_assert_null (ens_share_list_get_error_text (list));
  g_assert_cmpuint (*error_notifies, ==, 2);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);

  g_assert_finalize_object (list);
}

static void
test_share_list_disabled (Fixture       *fixture,
                          gconstpointer  data)
{
  EnsShareList *list = ens_share_list_new (fixture->client);
  guint requests;

  ens_share_list_set_image_id (list, IMAGE_ID);
  ens_share_list_load (list);
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);

  /* Signed out: nothing shown, nothing sent. */
  requests = ens_emulator_get_request_count (fixture->emulator);
  g_object_set (list, "enabled", FALSE, NULL);
  g_assert_false (ens_share_list_get_enabled (list));
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 0);
  ens_share_list_set_image_id (list, OTHER_IMAGE);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  ens_share_list_load (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  run_for (500);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests);

  /* Signed in again: the image's list loads at once. */
  ens_share_list_set_image_id (list, IMAGE_ID);
  ens_share_list_set_enabled (list, TRUE);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);

  /* Disabled while loading: the answer is dropped. */
  ens_share_list_load (list);
  ens_share_list_set_enabled (list, FALSE);
  run_for (300);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);

  g_assert_finalize_object (list);
}

static void
test_share_list_select (Fixture       *fixture,
                        gconstpointer  data)
{
  EnsShareList *list = ens_share_list_new (fixture->client);
  guint *n_selected_notifies = count_notifies (list, "n-selected");
  guint *all_selected_notifies = count_notifies (list, "all-selected");
  g_autoptr(EnsSharedAccount) first = NULL;
  g_auto(GStrv) selected = NULL;
  g_auto(GStrv) all = NULL;
  gboolean all_selected;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID,
                           (const char * const []) { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, NULL });
  ens_share_list_set_image_id (list, IMAGE_ID);
  ens_share_list_load (list);
  wait_for_loaded (list);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 3);

  first = g_list_model_get_item (ens_share_list_get_model (list), 0);
  ens_shared_account_set_selected (first, TRUE);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 1);
  g_assert_cmpuint (*n_selected_notifies, ==, 1);
  g_assert_false (ens_share_list_get_all_selected (list));
  g_assert_cmpuint (*all_selected_notifies, ==, 0);
  selected = ens_share_list_dup_selected (list);
  g_assert_cmpstrv (selected, ((const char * const []) { ACCOUNT_A, NULL }));

  /* One notification for the lot. */
  ens_share_list_select_all (list, TRUE);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 3);
  g_assert_cmpuint (*n_selected_notifies, ==, 2);
  g_assert_cmpuint (*all_selected_notifies, ==, 1);
  g_object_get (list, "all-selected", &all_selected, NULL);
  g_assert_true (all_selected);
  all = ens_share_list_dup_selected (list);
  g_assert_cmpstrv (all, ((const char * const []) { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, NULL }));

  ens_share_list_select_all (list, TRUE);
  g_assert_cmpuint (*n_selected_notifies, ==, 2);

  ens_share_list_select_all (list, FALSE);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 0);
  g_assert_cmpuint (*n_selected_notifies, ==, 3);
  g_assert_cmpuint (*all_selected_notifies, ==, 2);

  /* A reload starts with nothing selected; old items no longer count. */
  ens_shared_account_set_selected (first, TRUE);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 1);
  ens_share_list_load (list);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 0);
  ens_shared_account_set_selected (first, FALSE);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 0);
  wait_for_loaded (list);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 0);

  g_assert_finalize_object (list);
}

static void
test_share_list_dispose_while_loading (Fixture       *fixture,
                                       gconstpointer  data)
{
  EnsShareList *list = ens_share_list_new (fixture->client);

  ens_emulator_set_latency (fixture->emulator, 200);
  ens_share_list_set_image_id (list, IMAGE_ID);
  ens_share_list_load (list);

  /* Nothing holds the list while it loads. */
  g_assert_finalize_object (list);
  run_for (400);
  ens_emulator_set_latency (fixture->emulator, 0);
}

/* }}} */

/* EnsChangeRunner {{{ */

static EnsSharePlan *
run_sync (EnsChangeRunner  *runner,
          EnsSharePlan     *plan,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_change_runner_run_async (runner, plan, cancellable, ens_test_store_result_cb, &result);

  return ens_change_runner_run_finish (runner, ens_test_wait_for (&result), error);
}

static gboolean
emulator_shares (Fixture    *fixture,
                 const char *image_id,
                 const char *account)
{
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, image_id);

  return shares != NULL && g_strv_contains ((const char * const *)shares, account);
}

static void
test_change_runner_run (Fixture       *fixture,
                        gconstpointer  data)
{
  EnsChangeRunner *runner = ens_change_runner_new (fixture->client);
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) returned = NULL;
  g_autoptr(EnsSharePlan) stop = NULL;
  g_autoptr(EnsSharePlan) stopped = NULL;
  g_autoptr(EnsSharePlan) change = NULL;
  g_autoptr(EnsSharePlan) changed = NULL;
  g_autoptr(EnsActivityEntry) entry = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint *running_notifies = count_notifies (runner, "running");
  guint *progress_notifies = count_notifies (runner, "progress-text");
  guint *title_notifies = count_notifies (runner, "title");
  double fraction = -1;

  g_assert_false (ens_change_runner_get_running (runner));
  g_assert_null (ens_change_runner_get_plan (runner));
  g_assert_null (ens_change_runner_get_title (runner));
  g_assert_true (ens_change_runner_get_client (runner) == fixture->client);
  g_assert_cmpuint (g_list_model_get_n_items (ens_change_runner_get_activity (runner)), ==, 0);

  plan = ens_share_plan_new (IMAGE_ID, (const char * const []) { ACCOUNT_C, NULL }, NULL);
  ens_change_runner_run_async (runner, plan, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_change_runner_get_running (runner));
  g_assert_true (ens_change_runner_get_plan (runner) == plan);
  g_assert_cmpstr (ens_change_runner_get_title (runner), ==, "Sharing…");
  g_assert_cmpstr (ens_change_runner_get_progress_text (runner), ==, "0 of 1");
  g_assert_cmpfloat (ens_change_runner_get_fraction (runner), ==, 0.0);
  g_assert_cmpuint (*running_notifies, ==, 1);

  returned = ens_change_runner_run_finish (runner, ens_test_wait_for (&result), &error);
  /* The result holds the runner. */
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (returned == plan);
  g_assert_false (ens_change_runner_get_running (runner));
  g_assert_null (ens_change_runner_get_plan (runner));
  g_assert_cmpuint (*running_notifies, ==, 2);
  g_assert_cmpint (ens_share_plan_get_state (plan, 0), ==, ENS_OUTCOME_DONE);
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));

  /* What a view shows stays until the next plan. */
  g_assert_cmpstr (ens_change_runner_get_title (runner), ==, "Sharing…");
  g_assert_cmpstr (ens_change_runner_get_progress_text (runner), ==, "1 of 1");
  g_assert_cmpuint (*progress_notifies, ==, 2);
  g_object_get (runner, "fraction", &fraction, NULL);
  g_assert_cmpfloat (fraction, ==, 1.0);

  /* An entry for each plan, newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (ens_change_runner_get_activity (runner)), ==, 1);
  entry = g_list_model_get_item (ens_change_runner_get_activity (runner), 0);
  g_assert_cmpstr (ens_activity_entry_get_image_id (entry), ==, IMAGE_ID);
  g_assert_true (ens_activity_entry_get_success (entry));
  g_clear_object (&entry);

  stop = ens_share_plan_new (IMAGE_ID, NULL, (const char * const []) { ACCOUNT_A, NULL });
  stopped = run_sync (runner, stop, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_change_runner_get_title (runner), ==, "Stopping sharing…");
  g_assert_false (emulator_shares (fixture, IMAGE_ID, ACCOUNT_A));

  change = ens_share_plan_new (IMAGE_ID, (const char * const []) { ACCOUNT_A, NULL },
                               (const char * const []) { ACCOUNT_B, ACCOUNT_C, NULL });
  changed = run_sync (runner, change, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_change_runner_get_title (runner), ==, "Changing sharing…");
  g_assert_cmpstr (ens_change_runner_get_progress_text (runner), ==, "3 of 3");
  g_assert_cmpuint (*title_notifies, ==, 3);
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_A));
  g_assert_false (emulator_shares (fixture, IMAGE_ID, ACCOUNT_B));

  g_assert_cmpuint (g_list_model_get_n_items (ens_change_runner_get_activity (runner)), ==, 3);
  entry = g_list_model_get_item (ens_change_runner_get_activity (runner), 0);
  g_assert_cmpuint (ens_activity_entry_get_n_details (entry), >, 0);
  g_clear_object (&entry);

  g_assert_finalize_object (runner);
}

static void
test_change_runner_busy (Fixture       *fixture,
                         gconstpointer  data)
{
  EnsChangeRunner *runner = ens_change_runner_new (fixture->client);
  g_autoptr(EnsSharePlan) first = NULL;
  g_autoptr(EnsSharePlan) second = NULL;
  g_autoptr(EnsSharePlan) returned_first = NULL;
  g_autoptr(EnsSharePlan) returned_second = NULL;
  g_autoptr(GAsyncResult) result_first = NULL;
  g_autoptr(GAsyncResult) result_second = NULL;
  g_autoptr(GError) error = NULL;

  first = ens_share_plan_new (IMAGE_ID, (const char * const []) { ACCOUNT_C, NULL }, NULL);
  second = ens_share_plan_new (OTHER_IMAGE, (const char * const []) { ACCOUNT_C, NULL }, NULL);
  ens_change_runner_run_async (runner, first, NULL, ens_test_store_result_cb, &result_first);
  ens_change_runner_run_async (runner, second, NULL, ens_test_store_result_cb, &result_second);

  /* One at a time: the second never runs. */
  returned_second = ens_change_runner_run_finish (runner, ens_test_wait_for (&result_second), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_true (returned_second == second);
  g_assert_cmpint (ens_share_plan_get_state (second, 0), ==, ENS_OUTCOME_PENDING);
  g_assert_true (ens_change_runner_get_plan (runner) == first);
  g_clear_error (&error);

  returned_first = ens_change_runner_run_finish (runner, ens_test_wait_for (&result_first), &error);
  g_assert_no_error (error);
  g_clear_object (&result_first);
  g_clear_object (&result_second);
  g_assert_false (emulator_shares (fixture, OTHER_IMAGE, ACCOUNT_C));
  g_assert_cmpuint (g_list_model_get_n_items (ens_change_runner_get_activity (runner)), ==, 1);

  g_assert_finalize_object (runner);
}

static void
test_change_runner_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  EnsChangeRunner *runner = ens_change_runner_new (fixture->client);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) returned = NULL;
  g_autoptr(EnsSharePlan) other = NULL;
  g_autoptr(EnsSharePlan) returned_other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsActivityEntry) entry = NULL;

  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_batch_size (fixture->client, 1);
  ens_emulator_set_latency (fixture->emulator, 200);

  /* Cancel: what had not started is not sent. */
  plan = ens_share_plan_new (OTHER_IMAGE, (const char * const []) { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, NULL }, NULL);
  ens_change_runner_run_async (runner, plan, NULL, ens_test_store_result_cb, &result);
  ens_change_runner_cancel (runner);
  returned = ens_change_runner_run_finish (runner, ens_test_wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (ens_share_plan_get_state (plan, 2), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_false (emulator_shares (fixture, OTHER_IMAGE, ACCOUNT_C));
  entry = g_list_model_get_item (ens_change_runner_get_activity (runner), 0);
  g_assert_false (ens_activity_entry_get_success (entry));
  g_clear_error (&error);

  /* The caller's cancellable, cancelled before the run, stops it too. */
  g_cancellable_cancel (cancellable);
  other = ens_share_plan_new (OTHER_IMAGE, (const char * const []) { ACCOUNT_C, NULL }, NULL);
  returned_other = run_sync (runner, other, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (ens_share_plan_get_state (other, 0), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_false (emulator_shares (fixture, OTHER_IMAGE, ACCOUNT_C));

  ens_emulator_set_latency (fixture->emulator, 0);
  g_assert_finalize_object (runner);
}

static void
test_change_runner_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  EnsChangeRunner *runner = ens_change_runner_new (fixture->client);
  g_autoptr(EnsSharePlan) inverse = NULL;
  g_autoptr(EnsSharePlan) taken = NULL;
  guint first;
  guint second;

  inverse = ens_share_plan_new (IMAGE_ID, NULL, (const char * const []) { ACCOUNT_A, NULL });
  first = ens_change_runner_add_undo (runner, inverse);
  second = ens_change_runner_add_undo (runner, inverse);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (second, !=, first);

  taken = ens_change_runner_take_undo (runner, first);
  g_assert_true (taken == inverse);
  g_clear_object (&taken);
  /* Once only. */
  g_assert_null (ens_change_runner_take_undo (runner, first));
  g_assert_null (ens_change_runner_take_undo (runner, 0));
  g_assert_null (ens_change_runner_take_undo (runner, 99));

  /* The table keeps the one still offered until the runner goes. */
  g_assert_finalize_object (runner);
}

/* }}} */

/* EnsShareEditor {{{ */

typedef struct
{
  EnsCredentialStore *store;
  EnsSession         *session;
  EnsShareEditor     *editor;
  GPtrArray          *toasts;       /* of char *: "title|number" */
  GPtrArray          *failures;     /* of GError * */
  EnsSharePlan       *last_plan;
  guint               n_finished;
  guint               last_undo;
  guint               n_disagreements;
} Editor;

static void
disagrees_cb (Editor       *ed,
              EnsSharePlan *plan)
{
  g_assert_cmpuint (ens_share_plan_count_verification (plan, ENS_VERIFY_DISAGREES), >, 0);
  ed->n_disagreements++;
}

static void
toast_cb (Editor     *ed,
          const char *title,
          guint       undo_number)
{
  g_ptr_array_add (ed->toasts, g_strdup (title));
  ed->last_undo = undo_number;
}

static void
failed_cb (Editor       *ed,
           GError       *error,
           EnsSharePlan *plan)
{
  g_assert_true (ENS_IS_SHARE_PLAN (plan));
  g_ptr_array_add (ed->failures, g_error_copy (error));
}

static void
finished_cb (Editor       *ed,
             EnsSharePlan *plan)
{
  g_assert_true (ENS_IS_SHARE_PLAN (plan));
  g_set_object (&ed->last_plan, plan);
  ed->n_finished++;
}

static void
editor_sign_in (Editor     *ed,
                const char *key_id,
                const char *secret)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (key_id, secret, NULL);

  ens_session_sign_in (ed->session, "test", credentials, ENS_CREDENTIAL_SOURCE_SESSION);
}

/* The client is the fixture's: it is signed out here, and the session
 * gives it its credentials. */
static void
editor_setup (Editor  *ed,
              Fixture *fixture)
{
  ens_client_set_credentials (fixture->client, NULL);
  ed->store = ens_credential_store_new ();
  ed->session = ens_session_new (fixture->client, ed->store, NULL);
  ed->editor = ens_share_editor_new (ed->session);
  ed->toasts = g_ptr_array_new_with_free_func (g_free);
  ed->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  g_signal_connect_swapped (ed->editor, "toast", G_CALLBACK (toast_cb), ed);
  g_signal_connect_swapped (ed->editor, "failed", G_CALLBACK (failed_cb), ed);
  g_signal_connect_swapped (ed->editor, "finished", G_CALLBACK (finished_cb), ed);
  g_signal_connect_swapped (ed->editor, "disagrees", G_CALLBACK (disagrees_cb), ed);
}

/* Waits for the keyring calls of the session (listing the profiles after
 * a sign-in) to let go of it. */
static void
wait_for_last_ref (gpointer object)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1 &&
         g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
editor_teardown (Editor *ed)
{
  EnsPendingList *pending = ens_share_editor_get_pending (ed->editor);
  EnsShareList *share_list = ens_share_editor_get_share_list (ed->editor);
  EnsChangeRunner *runner = ens_share_editor_get_runner (ed->editor);

  g_object_add_weak_pointer (G_OBJECT (pending), (gpointer *)&pending);
  g_object_add_weak_pointer (G_OBJECT (share_list), (gpointer *)&share_list);
  g_object_add_weak_pointer (G_OBJECT (runner), (gpointer *)&runner);

  g_assert_finalize_object (ed->editor);
  /* Each model went with it. */
  g_assert_null (pending);
  g_assert_null (share_list);
  g_assert_null (runner);

  wait_for_last_ref (ed->session);
  g_assert_finalize_object (ed->session);
  wait_for_last_ref (ed->store);
  g_assert_finalize_object (ed->store);
  g_ptr_array_unref (ed->toasts);
  g_ptr_array_unref (ed->failures);
  g_clear_object (&ed->last_plan);
}

static gboolean
get_bool (gpointer    object,
          const char *property)
{
  gboolean value = FALSE;

  g_object_get (object, property, &value, NULL);

  return value;
}

/* The can-* properties, as a string of the ones that are TRUE. */
static char *
dup_enabled (EnsShareEditor *editor)
{
  static const char *names[] = {
    "share", "stop-sharing", "cancel", "refresh", "choose-image",
    "add", "undo", "select-all", "load-error-details",
  };
  g_autoptr(GString) enabled = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *property = g_strconcat ("can-", names[i], NULL);

      if (get_bool (editor, property))
        {
          if (enabled->len > 0)
            g_string_append_c (enabled, ' ');
          g_string_append (enabled, names[i]);
        }
    }

  return g_string_free (g_steal_pointer (&enabled), FALSE);
}

#define assert_enabled(editor, expected) \
  G_STMT_START { \
    g_autofree char *_enabled = dup_enabled (editor); \
    g_assert_cmpstr (_enabled, ==, expected); \
  } G_STMT_END

/* Signs in with @key_id and shows @image_id's list, loaded. */
static void
editor_open_image (Editor     *ed,
                   const char *key_id,
                   const char *secret,
                   const char *image_id)
{
  editor_sign_in (ed, key_id, secret);
  ens_share_editor_set_image_text (ed->editor, image_id);
  wait_for_loaded (ens_share_editor_get_share_list (ed->editor));
}

static void
wait_for_finished (Editor *ed)
{
  guint n = ed->n_finished;

  while (ed->n_finished == n)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_toasts (Editor *ed,
                 guint   n)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (ed->toasts->len < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static const char *
last_toast (Editor *ed)
{
  g_assert_cmpuint (ed->toasts->len, >, 0);

  return g_ptr_array_index (ed->toasts, ed->toasts->len - 1);
}

static guint
n_pending (Editor *ed)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ens_share_editor_get_pending (ed->editor)));
}

static void
test_share_editor_signed_out (Fixture       *fixture,
                              gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  g_autofree char *image_error = NULL;
  guint requests = ens_emulator_get_request_count (fixture->emulator);
  EnsSession *session = NULL;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);

  g_object_get (ed.editor, "session", &session, NULL);
  g_assert_true (session == ed.session);
  g_object_unref (session);

  g_assert_false (ens_share_editor_get_signed_in (ed.editor));
  g_assert_false (ens_share_editor_get_busy (ed.editor));
  g_assert_cmpstr (ens_share_editor_get_image_text (ed.editor), ==, "");
  g_assert_null (ens_share_editor_get_image_id (ed.editor));
  g_assert_null (ens_share_editor_get_image_error (ed.editor));
  g_assert_cmpstr (ens_share_editor_get_select_all_label (ed.editor), ==, "Select All");
  assert_enabled (ed.editor, "");

  /* Blank: no image and no error; not an ID: the parser's message. */
  ens_share_editor_set_image_text (ed.editor, "  ");
  g_assert_null (ens_share_editor_get_image_id (ed.editor));
  g_assert_null (ens_share_editor_get_image_error (ed.editor));
  g_object_set (ed.editor, "image-text", "m-abc def", NULL);
  g_assert_null (ens_share_editor_get_image_id (ed.editor));
  g_object_get (ed.editor, "image-error", &image_error, NULL);
  g_assert_cmpstr (image_error, ==,
                   "The image ID cannot contain a space. Image IDs are made of letters, digits, "
                   "“-”, “_” and “.” only.");

  /* Signed out: nothing loads, nothing is sent. */
  ens_share_editor_set_image_text (ed.editor, " " IMAGE_ID "\n");
  g_assert_cmpstr (ens_share_editor_get_image_id (ed.editor), ==, IMAGE_ID);
  g_assert_null (ens_share_editor_get_image_error (ed.editor));
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);

  ens_share_editor_set_draft (ed.editor, ACCOUNT_C);
  assert_enabled (ed.editor, "add");
  ens_share_editor_share (ed.editor);
  ens_share_editor_refresh (ed.editor);
  g_assert_false (ens_share_editor_undo (ed.editor, 1));
  run_for (500);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests);
  g_assert_false (ens_share_editor_get_busy (ed.editor));
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  /* Share took the draft all the same. */
  g_assert_cmpstr (ens_share_editor_get_draft (ed.editor), ==, "");
  g_assert_cmpuint (n_pending (&ed), ==, 1);

  editor_teardown (&ed);
}

static void
test_share_editor_share (Fixture       *fixture,
                         gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  EnsPendingList *pending;
  EnsChangeRunner *runner;
  guint *busy_notifies;
  guint *can_share_notifies;
  guint undo;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);
  pending = ens_share_editor_get_pending (ed.editor);
  runner = ens_share_editor_get_runner (ed.editor);
  busy_notifies = count_notifies (ed.editor, "busy");
  can_share_notifies = count_notifies (ed.editor, "can-share");

  editor_sign_in (&ed, KEY_ID, KEY_SECRET);
  g_assert_true (ens_share_editor_get_signed_in (ed.editor));
  assert_enabled (ed.editor, "choose-image undo");

  /* The list loads after a pause in typing. */
  ens_share_editor_set_image_text (ed.editor, IMAGE_ID);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  assert_enabled (ed.editor, "refresh choose-image undo");
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);
  assert_enabled (ed.editor, "refresh choose-image undo select-all");

  /* Typed, not added: Share takes it. */
  ens_share_editor_set_draft (ed.editor, ACCOUNT_C ", " ACCOUNT_A);
  assert_enabled (ed.editor, "share refresh choose-image add undo select-all");
  g_assert_cmpuint (*can_share_notifies, ==, 1);
  ens_share_editor_share (ed.editor);
  g_assert_true (ens_share_editor_get_busy (ed.editor));
  g_assert_cmpuint (*busy_notifies, ==, 1);
  assert_enabled (ed.editor, "cancel");
  g_assert_cmpstr (ens_change_runner_get_title (runner), ==, "Sharing…");
  g_assert_cmpstr (ens_share_editor_get_draft (ed.editor), ==, "");
  g_assert_cmpuint (n_pending (&ed), ==, 2);
  /* Already shared with A: only C is sent. */
  g_assert_cmpuint (ens_share_plan_get_n_accounts (ens_change_runner_get_plan (runner)), ==, 1);

  wait_for_finished (&ed);
  g_assert_false (ens_share_editor_get_busy (ed.editor));
  g_assert_cmpuint (*busy_notifies, ==, 2);
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));
  /* C went; A stays, already shared. */
  g_assert_cmpuint (n_pending (&ed), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ens_change_runner_get_activity (runner)), ==, 1);

  /* The list is read again; until it comes, nothing is known shared, and
   * the toast waits for it: what the server answered is verified first. */
  g_assert_cmpuint (ed.toasts->len, ==, 0);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  g_assert_cmpstr (ens_pending_list_get_summary (pending), ==, "1 account ready to share");
  wait_for_toasts (&ed, 1);
  g_assert_cmpstr (last_toast (&ed), ==, "Shared with 1 account");
  g_assert_cmpuint (ed.last_undo, >, 0);
  g_assert_cmpuint (ed.failures->len, ==, 0);
  g_assert_cmpuint (ed.n_disagreements, ==, 0);
  g_assert_true (ens_share_list_contains (list, ACCOUNT_C));
  g_assert_cmpstr (ens_pending_list_get_summary (pending), ==, "0 ready to share, 1 will be skipped");
  assert_enabled (ed.editor, "refresh choose-image undo select-all");

  /* Undo runs exactly the inverse, once. */
  undo = ed.last_undo;
  g_assert_true (ens_share_editor_undo (ed.editor, undo));
  g_assert_cmpstr (ens_change_runner_get_title (runner), ==, "Stopping sharing…");
  g_assert_false (ens_share_editor_undo (ed.editor, undo));
  wait_for_finished (&ed);
  g_assert_false (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_A));
  wait_for_toasts (&ed, 2);
  g_assert_cmpstr (last_toast (&ed), ==, "Stopped sharing with 1 account");
  g_assert_false (ens_share_editor_undo (ed.editor, undo));
  g_assert_false (ens_share_list_contains (list, ACCOUNT_C));

  editor_teardown (&ed);
}

static void
test_share_editor_stop_sharing (Fixture       *fixture,
                                gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  g_autoptr(EnsSharedAccount) first = NULL;
  g_auto(GStrv) selected = NULL;
  guint *label_notifies;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);
  label_notifies = count_notifies (ed.editor, "select-all-label");
  editor_sign_in (&ed, KEY_ID, KEY_SECRET);

  /* Chosen from a list: no pause. */
  ens_share_editor_choose_image (ed.editor, IMAGE_ID);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  wait_for_loaded (list);
  assert_enabled (ed.editor, "refresh choose-image undo select-all");

  first = g_list_model_get_item (ens_share_list_get_model (list), 0);
  ens_shared_account_set_selected (first, TRUE);
  assert_enabled (ed.editor, "stop-sharing refresh choose-image undo select-all");
  g_assert_cmpstr (ens_share_editor_get_select_all_label (ed.editor), ==, "Select All");

  ens_share_editor_toggle_select_all (ed.editor);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 2);
  g_assert_cmpstr (ens_share_editor_get_select_all_label (ed.editor), ==, "Select None");
  g_assert_cmpuint (*label_notifies, ==, 1);
  ens_share_editor_toggle_select_all (ed.editor);
  g_assert_cmpuint (ens_share_list_get_n_selected (list), ==, 0);
  g_assert_cmpstr (ens_share_editor_get_select_all_label (ed.editor), ==, "Select All");
  assert_enabled (ed.editor, "refresh choose-image undo select-all");
  ens_share_editor_toggle_select_all (ed.editor);

  selected = ens_share_list_dup_selected (list);
  ens_share_editor_stop_sharing (ed.editor, (const char * const *)selected);
  g_assert_true (ens_share_editor_get_busy (ed.editor));
  assert_enabled (ed.editor, "cancel");
  wait_for_finished (&ed);
  wait_for_toasts (&ed, 1);
  g_assert_cmpstr (last_toast (&ed), ==, "Stopped sharing with 2 accounts");
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_EMPTY);
  assert_enabled (ed.editor, "refresh choose-image undo");

  /* Undo shares with both again. */
  g_assert_true (ens_share_editor_undo (ed.editor, ed.last_undo));
  wait_for_finished (&ed);
  wait_for_toasts (&ed, 2);
  g_assert_cmpstr (last_toast (&ed), ==, "Shared with 2 accounts");
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_A));
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_B));

  editor_teardown (&ed);
}

static void
test_share_editor_failed (Fixture       *fixture,
                          gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  EnsPendingList *pending;
  g_autoptr(EnsPendingAccount) item = NULL;
  g_autofree char *title = NULL;
  g_autofree char *failure = NULL;
  const GError *error;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);
  pending = ens_share_editor_get_pending (ed.editor);

  /* A read-only AccessKey reads the list but cannot change it. */
  editor_open_image (&ed, RO_KEY_ID, RO_KEY_SECRET, IMAGE_ID);

  ens_share_editor_set_draft (ed.editor, ACCOUNT_C);
  ens_share_editor_add_draft (ed.editor);
  g_assert_cmpstr (ens_share_editor_get_draft (ed.editor), ==, "");
  g_assert_cmpstr (ens_pending_list_get_summary (pending), ==, "1 account ready to share");
  assert_enabled (ed.editor, "share refresh choose-image undo select-all");

  ens_share_editor_share (ed.editor);
  wait_for_finished (&ed);

  /* The error dialog is told; no toast, nothing changed. */
  g_assert_cmpuint (ed.failures->len, ==, 1);
  error = g_ptr_array_index (ed.failures, 0);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpuint (ed.toasts->len, ==, 0);
  g_assert_false (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));

  /* The account stays, saying why, and may be sent again. */
  g_assert_cmpuint (n_pending (&ed), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (pending), 0);
  ens_error_describe (error, &title, NULL, NULL);
  failure = g_strdup_printf ("Not shared: %s", title);
  g_assert_cmpstr (ens_pending_account_get_failure (item), ==, failure);
  g_assert_cmpstr (ens_pending_account_get_subtitle (item), ==, failure);
  g_assert_cmpuint (ens_pending_list_get_n_ready (pending), ==, 1);
  g_assert_cmpstr (ens_pending_list_get_summary (pending), ==,
                   "1 account could not be shared — fix or remove it, or press Share to try again");
  wait_for_loaded (list);
  assert_enabled (ed.editor, "share refresh choose-image undo select-all");

  editor_teardown (&ed);
}

static void
test_share_editor_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);
  editor_open_image (&ed, KEY_ID, KEY_SECRET, IMAGE_ID);

  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_batch_size (fixture->client, 1);
  ens_emulator_set_latency (fixture->emulator, 200);

  ens_share_editor_set_draft (ed.editor, ACCOUNT_C " 4567890123456789 5678901234567890");
  ens_share_editor_share (ed.editor);
  g_assert_true (ens_share_editor_get_can_cancel (ed.editor));
  /* Cancel while the first request waits for its answer. */
  run_for (100);
  ens_share_editor_cancel (ed.editor);
  wait_for_finished (&ed);

  /* Cancelled is not a failure.  The request in flight ran to its end;
   * what had not started was not sent. */
  g_assert_cmpuint (ed.failures->len, ==, 0);
  g_assert_cmpint (ens_share_plan_get_state (ed.last_plan, 0), ==, ENS_OUTCOME_DONE);
  g_assert_cmpint (ens_share_plan_get_state (ed.last_plan, 1), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_cmpint (ens_share_plan_get_state (ed.last_plan, 2), ==, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));
  g_assert_false (emulator_shares (fixture, IMAGE_ID, "4567890123456789"));
  g_assert_cmpuint (n_pending (&ed), ==, 2);
  wait_for_toasts (&ed, 1);
  g_assert_cmpstr (last_toast (&ed), ==, "Shared with 1 account");
  /* The toast came with the list read again, which has C. */
  g_assert_true (ens_share_list_contains (list, ACCOUNT_C));

  /* Undo takes back exactly what happened. */
  ens_emulator_set_latency (fixture->emulator, 0);
  g_assert_true (ens_share_editor_undo (ed.editor, ed.last_undo));
  wait_for_finished (&ed);
  g_assert_false (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_A));
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_B));
  wait_for_toasts (&ed, 2);

  editor_teardown (&ed);
}

/*
 * Outcomes lost in flight (FAILED with G_IO_ERROR_CANCELLED): the toast
 * waits for the reloaded list and reports what the server really did.
 * The client lets requests in flight run to their end, so the plan is
 * made here and handed to what follows a run.
 */
static void
test_share_editor_reconcile (Fixture       *fixture,
                             gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  EnsPendingList *pending;
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsPendingAccount) item = NULL;
  g_autoptr(GError) cancelled = NULL;
  const char *other = "4567890123456789";

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);
  pending = ens_share_editor_get_pending (ed.editor);
  editor_open_image (&ed, KEY_ID, KEY_SECRET, IMAGE_ID);
  ens_share_editor_set_draft (ed.editor, ACCOUNT_C " 4567890123456789");
  ens_share_editor_add_draft (ed.editor);

  /* The server did add C and remove B; it never added the other. */
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID,
                           (const char * const []) { ACCOUNT_A, ACCOUNT_C, NULL });
  cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  plan = ens_share_plan_new (IMAGE_ID, (const char * const []) { ACCOUNT_C, other, NULL },
                             (const char * const []) { ACCOUNT_B, NULL });
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_FAILED, NULL, cancelled, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_FAILED, NULL, cancelled, 1);
  ens_share_plan_set_outcome (plan, 2, ENS_OUTCOME_FAILED, NULL, cancelled, 1);

  _ens_share_editor_finish_run (ed.editor, plan, cancelled);
  g_assert_cmpuint (ed.failures->len, ==, 0);
  g_assert_cmpuint (ed.toasts->len, ==, 0);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);

  wait_for_toasts (&ed, 1);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);
  g_assert_cmpstr (last_toast (&ed), ==, "Changed sharing for 2 accounts");
  /* C turned out shared: it leaves the pending list; the other stays. */
  g_assert_cmpuint (n_pending (&ed), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (pending), 0);
  g_assert_cmpstr (ens_pending_account_get_account (item), ==, other);

  /* Undo is exactly the inverse of what happened. */
  g_assert_true (ens_share_editor_undo (ed.editor, ed.last_undo));
  g_assert_cmpuint (ens_share_plan_get_n_accounts (ens_change_runner_get_plan (ens_share_editor_get_runner (ed.editor))), ==, 2);
  wait_for_finished (&ed);
  g_assert_cmpstr (last_toast (&ed), ==, "Changed sharing for 2 accounts");
  g_assert_false (emulator_shares (fixture, IMAGE_ID, ACCOUNT_C));
  g_assert_true (emulator_shares (fixture, IMAGE_ID, ACCOUNT_B));
  g_assert_false (emulator_shares (fixture, IMAGE_ID, other));
  wait_for_loaded (list);

  /* Signed out while the toast waits: it says what is certain. */
  g_clear_object (&plan);
  plan = ens_share_plan_new (IMAGE_ID, (const char * const []) { other, NULL }, NULL);
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_FAILED, NULL, cancelled, 1);
  _ens_share_editor_finish_run (ed.editor, plan, cancelled);
  g_assert_cmpuint (ed.toasts->len, ==, 2);
  ens_session_sign_out (ed.session);
  g_assert_cmpuint (ed.toasts->len, ==, 3);
  /* Never "nothing was changed": that is not known. */
  g_assert_cmpstr (last_toast (&ed), ==, "Not known whether anything changed: the answers were lost");

  editor_teardown (&ed);
}

/* After every change the list is read again before the toast: what the
 * server answered is verified, and a list that contradicts it is said
 * plainly, never claimed as done. */
static void
test_share_editor_verify (Fixture       *fixture,
                          gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  g_autoptr(EnsSharePlan) plan = NULL;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);
  editor_open_image (&ed, KEY_ID, KEY_SECRET, IMAGE_ID);

  /* The server answered that C was added, and the list agrees. */
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID,
                           (const char * const []) { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, NULL });
  plan = ens_share_plan_new (IMAGE_ID, (const char * const []) { ACCOUNT_C, NULL }, NULL);
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "REQ-VERIFIED", NULL, 1);
  _ens_share_editor_finish_run (ed.editor, plan, NULL);
  g_assert_cmpuint (ed.toasts->len, ==, 0);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  wait_for_toasts (&ed, 1);
  g_assert_cmpstr (last_toast (&ed), ==, "Shared with 1 account");
  g_assert_cmpuint (ed.n_disagreements, ==, 0);
  g_assert_cmpuint (ed.failures->len, ==, 0);

  /* The server answered that the other was added, but the list read
   * again does not have it. */
  g_clear_object (&plan);
  plan = ens_share_plan_new (IMAGE_ID, (const char * const []) { "4567890123456789", NULL }, NULL);
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "REQ-LIED", NULL, 1);
  _ens_share_editor_finish_run (ed.editor, plan, NULL);
  g_assert_cmpuint (ed.toasts->len, ==, 1);
  wait_for_toasts (&ed, 2);
  g_assert_cmpuint (ed.n_disagreements, ==, 1);
  g_assert_cmpstr (last_toast (&ed), ==, "Change made; see what the lists say");
  g_assert_false (ens_share_list_contains (list, "4567890123456789"));

  editor_teardown (&ed);
}

static void
test_share_editor_sign_out (Fixture       *fixture,
                            gconstpointer  data)
{
  Editor ed = { 0 };
  EnsShareList *list;
  guint requests;

  editor_setup (&ed, fixture);
  list = ens_share_editor_get_share_list (ed.editor);

  /* An unknown image: the error and its details. */
  editor_open_image (&ed, KEY_ID, KEY_SECRET, UNKNOWN_IMAGE);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_ERROR);
  assert_enabled (ed.editor, "refresh choose-image undo load-error-details");

  ens_share_editor_set_image_text (ed.editor, IMAGE_ID);
  assert_enabled (ed.editor, "refresh choose-image undo");
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);

  /* Signed out: the list goes, nothing more is sent. */
  ens_session_sign_out (ed.session);
  requests = ens_emulator_get_request_count (fixture->emulator);
  g_assert_false (ens_share_editor_get_signed_in (ed.editor));
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);
  assert_enabled (ed.editor, "");
  ens_share_editor_set_image_text (ed.editor, OTHER_IMAGE);
  ens_share_editor_refresh (ed.editor);
  run_for (500);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_HINT);

  /* Signed in again: the image's list loads at once. */
  editor_sign_in (&ed, KEY_ID, KEY_SECRET);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LOADING);
  wait_for_loaded (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_EMPTY);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests + 1);

  editor_teardown (&ed);
}

/* What was typed and not shared is kept in the settings and comes back
 * in another editor (the next start). */
static void
test_share_editor_unsent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsSession) session = ens_session_new (client, store, settings);
  g_autoptr(EnsShareEditor) editor = ens_share_editor_new (session);
  g_autoptr(EnsShareEditor) again = NULL;
  g_autoptr(EnsShareEditor) third = NULL;
  g_autofree char *draft_only = NULL;
  g_autofree char *all = NULL;
  g_autofree char *kept = NULL;

  g_assert_null (ens_share_editor_dup_unsent (editor, TRUE));

  ens_share_editor_set_draft (editor, "1111222233334444,12ab");
  ens_share_editor_add_draft (editor);
  ens_share_editor_set_draft (editor, " 5555666677778888 ");

  draft_only = ens_share_editor_dup_unsent (editor, FALSE);
  g_assert_cmpstr (draft_only, ==, "5555666677778888");
  all = ens_share_editor_dup_unsent (editor, TRUE);
  g_assert_cmpstr (all, ==, "1111222233334444 12ab 5555666677778888");

  g_assert_true (ens_share_editor_keep_unsent (editor, TRUE));
  kept = g_settings_get_string (settings, "unsent-accounts");
  g_assert_cmpstr (kept, ==, all);

  /* The next start: after what is typed there. */
  again = ens_share_editor_new (session);
  ens_share_editor_set_draft (again, "9999000011112222");
  g_assert_true (ens_share_editor_restore_unsent (again));
  g_assert_cmpstr (ens_share_editor_get_draft (again), ==,
                   "9999000011112222 1111222233334444 12ab 5555666677778888");

  /* Nothing left: the next start finds nothing. */
  ens_share_editor_set_draft (again, "");
  g_assert_false (ens_share_editor_keep_unsent (again, TRUE));
  third = ens_share_editor_new (session);
  g_assert_false (ens_share_editor_restore_unsent (third));
  g_assert_cmpstr (ens_share_editor_get_draft (third), ==, "");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  /* The session lists keyring profiles after signing in: with no bus to
   * find a keyring on, that fails at once, and the tests stay hermetic. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ens-test-bus", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/share-editor/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("share-list/debounce", test_share_list_debounce);
  ADD ("share-list/load", test_share_list_load);
  ADD ("share-list/error", test_share_list_error);
  ADD ("share-list/disabled", test_share_list_disabled);
  ADD ("share-list/select", test_share_list_select);
  ADD ("share-list/dispose-while-loading", test_share_list_dispose_while_loading);
  ADD ("change-runner/run", test_change_runner_run);
  ADD ("change-runner/busy", test_change_runner_busy);
  ADD ("change-runner/cancel", test_change_runner_cancel);
  ADD ("change-runner/undo", test_change_runner_undo);
  ADD ("editor/signed-out", test_share_editor_signed_out);
  ADD ("editor/share", test_share_editor_share);
  ADD ("editor/stop-sharing", test_share_editor_stop_sharing);
  ADD ("editor/failed", test_share_editor_failed);
  ADD ("editor/cancel", test_share_editor_cancel);
  ADD ("editor/reconcile", test_share_editor_reconcile);
  ADD ("editor/verify", test_share_editor_verify);
  ADD ("editor/sign-out", test_share_editor_sign_out);
  ADD ("editor/unsent", test_share_editor_unsent);

#undef ADD

  return g_test_run ();
}
