/* test-history.c
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

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-test-utils.h"

/* The history on a real database file in a fresh folder. */

#define KEY_ID     "LTAI5tHistoryTestHistory"
#define KEY_SECRET "HistorySecretHistorySecretHist"
#define IMAGE_ID   "m-5s7qotzavwbrnzaqh4unmhist1"

static char *self_path;

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = ens_test_store_dir_new ("ens-history-XXXXXX", &fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ens_test_store_dir_free (fixture->dir);
  g_free (fixture->path);
}

static EnsHistory *
open_history (const char *path)
{
  g_autoptr(EnsHistory) history = ens_history_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ens_history_open_async (history, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_history_open_finish (history, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);

  return g_steal_pointer (&history);
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
assert_state (const char *path,
              const char *account,
              const char *expected)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM entries WHERE account_id = '%s'", account);
  g_autofree char *state = sql_text (path, sql);

  g_assert_cmpstr (state, ==, expected);
}

static gint64
begin_with (EnsHistory              *history,
            EnsSharePlan            *plan,
            const EnsHistoryContext *context)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  ens_history_begin_async (history, plan, context, NULL,
                           ens_test_store_result_cb, &result);
  id = ens_history_begin_finish (history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
begin (EnsHistory   *history,
       EnsSharePlan *plan)
{
  EnsHistoryContext context = { .origin = "cli", .profile = "default", .access_key_id = KEY_ID };

  return begin_with (history, plan, &context);
}

/* Migrations {{{ */

static void
test_history_migrate_empty (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EnsHistory) history = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *mode = NULL;

  /* Nothing there yet: the folder and the file are made. */
  history = open_history (fixture->path);
  g_assert_cmpint (ens_history_get_schema_version (history), ==, ENS_HISTORY_SCHEMA_VERSION);
  g_assert_null (ens_history_get_moved_aside (history));
  g_assert_cmpint (ens_test_sql_int (fixture->path, "PRAGMA user_version"), ==, ENS_HISTORY_SCHEMA_VERSION);
  g_assert_cmpint (ens_test_sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name IN ('operations', 'entries')"), ==, 2);
  mode = sql_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  ens_test_release (g_steal_pointer (&history));

  /* An empty file (0 bytes) is a database of version 0: migrated. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  history = open_history (fixture->path);
  g_assert_cmpint (ens_history_get_schema_version (history), ==, ENS_HISTORY_SCHEMA_VERSION);
  g_assert_null (ens_history_get_moved_aside (history));
  ens_test_release (g_steal_pointer (&history));

  /* Opened again: not migrated twice, the data kept. */
  history = open_history (fixture->path);
  {
    g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, (const char *[]) { "1234567890123456", NULL }, NULL);

    begin (history, plan);
  }
  ens_test_release (g_steal_pointer (&history));
  history = open_history (fixture->path);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries"), ==, 1);
  ens_test_release (g_steal_pointer (&history));
}

static void
test_history_newer_version (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EnsHistory) history = open_history (fixture->path);
  g_autoptr(EnsHistory) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  ens_test_release (g_steal_pointer (&history));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Never downgraded nor moved aside. */
  again = ens_history_new (fixture->path);
  ens_history_open_async (again, NULL, ens_test_store_result_cb, &result);
  g_assert_false (ens_history_open_finish (again, ens_test_wait_for (&result), &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_STORAGE);
  g_assert_null (ens_history_get_moved_aside (again));
  g_assert_cmpint (ens_test_sql_int (fixture->path, "PRAGMA user_version"), ==, 99);
}

/* A file of schema 2 (before the names were recorded), with an entry:
 * migrated to 3, the entry kept, its new columns NULL. */
static void
test_history_migrate_from_2 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(EnsHistory) history = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  EnsHistoryRow *row;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE operations (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL,"
                                 " finished_at INTEGER, origin TEXT NOT NULL, owner TEXT NOT NULL, profile TEXT,"
                                 " access_key_id TEXT, image_id TEXT NOT NULL);"
                                 "CREATE TABLE entries (operation_id INTEGER NOT NULL, position INTEGER NOT NULL,"
                                 " account_id TEXT NOT NULL, change TEXT NOT NULL, state TEXT NOT NULL,"
                                 " updated_at INTEGER NOT NULL, request_id TEXT, error_code TEXT,"
                                 " tries INTEGER NOT NULL DEFAULT 0, image_id TEXT,"
                                 " PRIMARY KEY (operation_id, position)) WITHOUT ROWID;"
                                 "INSERT INTO operations VALUES (1, 1700000000000000, 1700000001000000, 'cli', 'x',"
                                 " 'default', '" KEY_ID "', '" IMAGE_ID "');"
                                 "INSERT INTO entries VALUES (1, 0, '1234567890123456', 'add', 'done',"
                                 " 1700000001000000, 'REQ-OLD', NULL, 1, NULL);"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  history = open_history (fixture->path);
  g_assert_cmpint (ens_history_get_schema_version (history), ==, ENS_HISTORY_SCHEMA_VERSION);
  g_assert_null (ens_history_get_moved_aside (history));

  ens_history_query_async (history, NULL, 0, 0, NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->request_id, ==, "REQ-OLD");
  g_assert_cmpstr (row->image_id, ==, IMAGE_ID);
  g_assert_null (row->caller_account_id);
  g_assert_null (row->caller_user);
  g_assert_null (row->image_name);
  g_assert_null (row->recipient_name);
  g_clear_object (&result);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The entries written before are in the search index too. */
  ens_history_query_async (history, &(EnsHistoryFilter) { .search = "4567890123" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_object (&result);
  ens_test_release (g_steal_pointer (&history));
}

/* }}} */

/* Damaged file {{{ */

static void
test_history_corrupt (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EnsHistory) history = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *message = NULL;
  g_autofree char *kept = NULL;
  const char garbage[] = "This is not a database, but it is somebody's history.";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));

  history = open_history (fixture->path);

  /* Moved aside beside it, untouched, and a new history started. */
  g_assert_nonnull (ens_history_get_moved_aside (history));
  g_assert_true (g_str_has_prefix (ens_history_get_moved_aside (history), fixture->path));
  g_assert_true (g_file_get_contents (ens_history_get_moved_aside (history), &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbage);
  message = ens_history_dup_moved_aside_message (history);
  g_assert_nonnull (strstr (message, ens_history_get_moved_aside (history)));
  g_assert_cmpint (ens_history_get_schema_version (history), ==, ENS_HISTORY_SCHEMA_VERSION);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "PRAGMA user_version"), ==, ENS_HISTORY_SCHEMA_VERSION);
}

/* }}} */

/* Write-ahead against the emulator {{{ */

typedef struct
{
  const char *path;
  gint64      operation_id;
  guint       n_sending;
} SendingCheck;

/* At the moment a request is about to leave, its account is already in
 * the file, read by another connection. */
static void
sending_cb (EnsSharePlan *plan,
            guint         position,
            SendingCheck *check)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM entries WHERE operation_id = %"
                                          G_GINT64_FORMAT " AND position = %u",
                                          check->operation_id, position);
  g_autofree char *state = sql_text (check->path, sql);

  g_assert_nonnull (state);
  g_assert_true (g_str_equal (state, "planned") || g_str_equal (state, "sending"));
  check->n_sending++;
}

static EnsEmulator *
start_emulator (EnsClient **client)
{
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  ens_emulator_add_key (emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_image (emulator, IMAGE_ID, "history", "self", "Ubuntu", "2024-01-01T00:00:00Z");
  g_assert_true (ens_emulator_listen (emulator, 0, &error));
  url = ens_emulator_dup_url (emulator);
  *client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (*client, url, &error));
  ens_client_set_credentials (*client, credentials);

  return g_steal_pointer (&emulator);
}

static void
test_history_write_ahead (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EnsHistory) history = open_history (fixture->path);
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(EnsEmulator) emulator = start_emulator (&client);
  const char *shared[] = { "1000000000000001", "1000000000000002", "1000000000000003", NULL };
  const char *add[] = { "2000000000000001", "2000000000000002", NULL };
  const char *remove[] = { "1000000000000001", "1000000000000003", NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, add, remove);
  g_autoptr(EnsHistoryRecorder) recorder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SendingCheck check = { fixture->path, 0, 0 };

  ens_emulator_set_shares (emulator, IMAGE_ID, shared);
  check.operation_id = begin (history, plan);

  /* Before the plan starts, every account is in the file, "planned". */
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE state = 'planned'"), ==, 4);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM operations WHERE finished_at IS NULL"
                                           " AND access_key_id = '" KEY_ID "' AND profile = 'default'"), ==, 1);
  g_assert_cmpuint (ens_emulator_get_request_count (emulator), ==, 0);

  recorder = ens_history_recorder_new (history, plan, check.operation_id, NULL);
  g_signal_connect (plan, "sending", G_CALLBACK (sending_cb), &check);
  ens_client_run_plan_async (client, plan, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_client_run_plan_finish (client, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check.n_sending, ==, 4);
  g_clear_object (&result);

  ens_history_recorder_close_async (recorder, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_history_recorder_close_finish (recorder, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Every account done, with the RequestId the emulator gave, and the
   * operation closed. */
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE state = 'done'"
                                           " AND request_id IS NOT NULL AND tries >= 1"), ==, 4);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM operations WHERE finished_at IS NOT NULL"), ==, 1);

  /* Read back through the API, and no secret anywhere in the file. */
  ens_history_query_async (history, &(EnsHistoryFilter) { .account_id = "1000000000000003" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  {
    EnsHistoryRow *row = g_ptr_array_index (rows, 0);

    g_assert_cmpstr (row->image_id, ==, IMAGE_ID);
    g_assert_cmpint (row->change, ==, ENS_SHARE_CHANGE_REMOVE);
    g_assert_cmpint (row->state, ==, ENS_HISTORY_DONE);
    g_assert_cmpstr (row->access_key_id, ==, KEY_ID);
  }
  g_clear_object (&recorder);
  g_clear_object (&result);
  ens_test_release (g_steal_pointer (&history));
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

    g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
    g_assert_null (g_strstr_len (contents, length, KEY_SECRET));
  }

  ens_test_release (g_steal_pointer (&client));
  ens_emulator_stop (emulator);
}

/* Whose key, the image's name and each recipient's name, as they were
 * when the change started; found by filters and search, exported. */
static void
test_history_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EnsHistory) history = open_history (fixture->path);
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(EnsEmulator) emulator = start_emulator (&client);
  g_autoptr(EnsCallerIdentity) identity = NULL;
  g_autoptr(GHashTable) image_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) recipients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *images[] = { IMAGE_ID, "m-5s7qotzavwbrnzaqh4unmhist2", NULL };
  const char *add[] = { "8000000000000001", "8000000000000002", NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, NULL);
  g_autoptr(EnsSharePlan) other = ens_share_plan_new (IMAGE_ID, (const char *[]) { "8000000000000099", NULL }, NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "names.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *contents = NULL;
  g_autofree char *user = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  EnsHistoryContext context = { .origin = "window", .profile = "work", .access_key_id = KEY_ID };
  gint64 before;

  /* The client keeps whose key it is, once asked, for these credentials. */
  ens_emulator_set_key_owner (emulator, KEY_ID, "1555555555555555", "release-bot");
  g_assert_null (ens_client_peek_caller_identity (client));
  ens_client_get_caller_identity_async (client, NULL, ens_test_store_result_cb, &result);
  identity = ens_client_get_caller_identity_finish (client, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (ens_client_peek_caller_identity (client) == identity);
  user = ens_caller_identity_dup_user_name (identity);
  g_assert_cmpstr (user, ==, "release-bot");

  context.caller_account_id = ens_caller_identity_get_account_id (identity);
  context.caller_user = user;
  g_hash_table_insert (image_names, g_strdup (IMAGE_ID), g_strdup ("release-2026"));
  g_hash_table_insert (recipients, g_strdup ("8000000000000001"), g_strdup ("Contoso 50%_off"));
  context.image_names = image_names;
  context.recipient_names = recipients;
  before = g_get_real_time ();
  begin_with (history, plan, &context);
  /* Names taken when the change started: changing the tables later does not
   * change the record. */
  g_hash_table_insert (recipients, g_strdup ("8000000000000001"), g_strdup ("Renamed"));
  begin (history, other);

  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM operations WHERE caller_account_id = '1555555555555555'"
                                           " AND caller_user = 'release-bot'"), ==, 1);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE image_name = 'release-2026'"), ==, 2);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE image_name IS NULL"), ==, 3);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE recipient_name = 'Contoso 50%_off'"), ==, 2);

  /* By recipient name, ignoring case. */
  ens_history_query_async (history, &(EnsHistoryFilter) { .recipient_name = "contoso 50%_OFF" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      EnsHistoryRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (row->account_id, ==, "8000000000000001");
      g_assert_cmpstr (row->recipient_name, ==, "Contoso 50%_off");
      g_assert_cmpstr (row->caller_account_id, ==, "1555555555555555");
      g_assert_cmpstr (row->caller_user, ==, "release-bot");
      g_assert_cmpstr (row->image_name, ==, g_str_equal (row->image_id, IMAGE_ID) ? "release-2026" : NULL);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Search: part of a name, the wildcards taken literally. */
  ens_history_query_async (history, &(EnsHistoryFilter) { .search = "50%_" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  ens_history_query_async (history, &(EnsHistoryFilter) { .search = "5%off" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  ens_history_query_async (history, &(EnsHistoryFilter) { .search = "RELEASE-2026" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  ens_history_query_async (history, &(EnsHistoryFilter) { .search = "0000000099" }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Until: nothing started before the first change. */
  ens_history_query_async (history, &(EnsHistoryFilter) { .until = before }, 0, 0,
                           NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (history, ens_test_wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Exported with the new columns. */
  ens_history_export_async (history, &(EnsHistoryFilter) { .recipient_name = "Contoso 50%_off" }, csv,
                            ENS_HISTORY_FORMAT_CSV, NULL, ens_test_store_result_cb, &result);
  g_assert_cmpuint (ens_history_export_finish (history, ens_test_wait_for (&result), &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ",1555555555555555,release-bot," IMAGE_ID ",release-2026,"
                                      "8000000000000001,Contoso 50%_off,add,planned,"));

  /* Another key: whose it is, is not known any more. */
  {
    g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);

    ens_client_set_credentials (client, credentials);
    g_assert_null (ens_client_peek_caller_identity (client));
  }

  ens_test_release (g_steal_pointer (&client));
  ens_emulator_stop (emulator);
}

/* }}} */

/* Recovery {{{ */

static void
test_history_recover (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EnsHistory) crashed = open_history (fixture->path);
  g_autoptr(EnsHistory) alive = open_history (fixture->path);
  g_autoptr(EnsHistory) history = NULL;
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(EnsEmulator) emulator = start_emulator (&client);
  const char *add[] = { "3000000000000001", "3000000000000002", NULL };
  const char *remove[] = { "1000000000000001", "1000000000000002", NULL };
  const char *now[] = { "3000000000000001", "1000000000000002", "1000000000000009", NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, add, remove);
  g_autoptr(EnsSharePlan) running = ens_share_plan_new (IMAGE_ID, (const char *[]) { "4000000000000001", NULL }, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EnsHistoryRecovery recovery = { 0, };

  /* A run that ended with every account still planned: only one addition
   * and one removal reached the server. */
  begin (crashed, plan);
  ens_test_release (g_steal_pointer (&crashed));
  /* Another process, still running its plan. */
  begin (alive, running);
  ens_emulator_set_shares (emulator, IMAGE_ID, now);

  history = open_history (fixture->path);
  ens_history_recover_async (history, client, KEY_ID, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_history_recover_finish (history, ens_test_wait_for (&result), &recovery, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recovery.confirmed, ==, 2);
  g_assert_cmpuint (recovery.did_not_happen, ==, 2);
  g_assert_cmpuint (recovery.still_unknown, ==, 0);
  message = ens_history_recovery_dup_message (&recovery);
  g_assert_nonnull (message);

  assert_state (fixture->path, "3000000000000001", "confirmed");
  assert_state (fixture->path, "3000000000000002", "did-not-happen");
  assert_state (fixture->path, "1000000000000001", "confirmed");
  assert_state (fixture->path, "1000000000000002", "did-not-happen");
  /* The live process's plan is left alone. */
  assert_state (fixture->path, "4000000000000001", "planned");

  /* Said once: a second run finds nothing to check. */
  g_clear_object (&result);
  ens_history_recover_async (history, client, KEY_ID, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_history_recover_finish (history, ens_test_wait_for (&result), &recovery, &error));
  g_assert_cmpuint (recovery.confirmed + recovery.did_not_happen + recovery.still_unknown, ==, 0);
  g_assert_null (ens_history_recovery_dup_message (&recovery));
  g_clear_object (&result);

  ens_test_release (g_steal_pointer (&client));
  ens_emulator_stop (emulator);
}

/* }}} */

/* Two processes {{{ */

#define WRITER_OPERATIONS 40

static int
run_writer (const char *path)
{
  g_autoptr(EnsHistory) history = open_history (path);

  for (guint i = 0; i < WRITER_OPERATIONS; i++)
    {
      g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID,
                                                         (const char *[]) { "5000000000000001", "5000000000000002", NULL },
                                                         (const char *[]) { "6000000000000001", NULL });
      g_autoptr(EnsHistoryRecorder) recorder = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      recorder = ens_history_recorder_new (history, plan, begin (history, plan), NULL);
      for (guint p = 0; p < 3; p++)
        {
          ens_share_plan_mark_sending (plan, &p, 1);
          ens_share_plan_set_outcome (plan, p, ENS_OUTCOME_DONE, "REQUEST", NULL, 1);
        }
      ens_history_recorder_close_async (recorder, NULL, ens_test_store_result_cb, &result);
      g_assert_true (ens_history_recorder_close_finish (recorder, ens_test_wait_for (&result), &error));
      g_assert_no_error (error);
    }

  return 0;
}

static void
test_history_two_processes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;

  /* Both start on a file that does not exist yet: both migrate it. */
  first = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--writer", fixture->path, NULL);
  g_assert_no_error (error);
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--writer", fixture->path, NULL);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_wait_check (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM operations WHERE finished_at IS NOT NULL"),
                   ==, 2 * WRITER_OPERATIONS);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE state = 'done'"),
                   ==, 2 * WRITER_OPERATIONS * 3);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(DISTINCT owner) FROM operations"), ==, 2);
}

/* }}} */

/* Formats {{{ */

static void
test_history_csv_cells (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "1234567890123456", "1234567890123456" },
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "+1+1", "'+1+1" },
    { "-1+1", "'-1+1" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "\rx", "\"'\rx\"" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = ens_history_csv_cell (cases[i].in);

      g_assert_cmpstr (cell, ==, cases[i].out);
    }
}

static void
test_history_export (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EnsHistory) history = open_history (fixture->path);
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID,
                                                     (const char *[]) { "7000000000000001", NULL },
                                                     (const char *[]) { "7000000000000002", NULL });
  g_autofree char *csv_path = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n;

  begin (history, plan);

  ens_history_export_async (history, NULL, csv, ENS_HISTORY_FORMAT_CSV, NULL, ens_test_store_result_cb, &result);
  n = ens_history_export_finish (history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, ens_history_csv_header ()));
  g_assert_nonnull (strstr (contents, ",7000000000000002,,remove,planned,"));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  g_clear_object (&result);

  ens_history_export_async (history, &(EnsHistoryFilter) { .image_id = IMAGE_ID }, json,
                            ENS_HISTORY_FORMAT_JSON, NULL, ens_test_store_result_cb, &result);
  g_assert_cmpuint (ens_history_export_finish (history, ens_test_wait_for (&result), &error), ==, 2);
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 2);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/history/migrate/empty", test_history_migrate_empty);
  ADD ("/history/migrate/newer", test_history_newer_version);
  ADD ("/history/migrate/from-2", test_history_migrate_from_2);
  ADD ("/history/names", test_history_names);
  ADD ("/history/corrupt", test_history_corrupt);
  ADD ("/history/write-ahead", test_history_write_ahead);
  ADD ("/history/recover", test_history_recover);
  ADD ("/history/two-processes", test_history_two_processes);
  ADD ("/history/export", test_history_export);
  g_test_add_func ("/history/csv-cells", test_history_csv_cells);

  return g_test_run ();
}
