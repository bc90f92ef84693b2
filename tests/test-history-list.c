/* test-history-list.c
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

#include "ens-core.h"
#include "ens-history-list.h"
#include "ens-test-utils.h"

/* The History page's model on a real database file: paging, one item per
 * operation with its counts, filters and search. */

#define DAY        (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
#define DAY_0      G_GINT64_CONSTANT (1767225600000000)   /* 2026-01-01T00:00:00Z */
#define N_OPS      120

typedef struct
{
  char       *dir;
  char       *path;
  EnsHistory *history;
} Fixture;

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

/* N_OPS operations, one a day from DAY_0: operation i (1-based) shares
 * image-(i % 3) with accounts 9<i, 13 digits>01 and …02 (the first done,
 * the second failed) and stops sharing with …i03 (unknown).  Every tenth
 * has a recipient name "Partner 10%" for …i01 and its image a name. */
static void
fill (const char *path)
{
  sqlite3 *db = NULL;
  GString *sql = g_string_new ("BEGIN;");

  for (guint i = 1; i <= N_OPS; i++)
    {
      gint64 started = DAY_0 + (i - 1) * DAY;
      const char *name = i % 10 == 0 ? "'Partner 10%'" : "NULL";
      const char *image_name = i % 10 == 0 ? "'gpu-base'" : "NULL";

      g_string_append_printf (sql,
                              "INSERT INTO operations (id, started_at, finished_at, origin, owner, profile,"
                              " access_key_id, image_id) VALUES (%u, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                              " '%s', 'gone', 'default', 'LTAI5tListTestListTest', 'm-5s7qotzavwbrnzaqhlist%u');",
                              i, started, started + 1, i % 2 ? "window" : "cli", i % 3);
      g_string_append_printf (sql,
                              "INSERT INTO entries (operation_id, position, account_id, change, state, updated_at,"
                              " request_id, tries, image_name, recipient_name) VALUES"
                              " (%u, 0, '9%013u01', 'add', 'done', 1, 'REQ-%u-0', 1, %s, %s),"
                              " (%u, 1, '9%013u02', 'add', 'failed', 1, 'REQ-%u-1', 3, %s, NULL),"
                              " (%u, 2, '9%013u03', 'remove', 'unknown', 1, NULL, 1, %s, NULL);",
                              i, i, i, image_name, name, i, i, i, image_name, i, i, image_name);
    }
  g_string_append (sql, "COMMIT;");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_string_free (sql, TRUE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ens-history-list-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->history = open_history (fixture->path);
  fill (fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->history);
  ens_test_store_dir_free (fixture->dir);
  g_free (fixture->path);
}

static void
wait_loaded (EnsHistoryList *list)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (ens_history_list_get_loading (list) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ens_history_list_get_loading (list));
  g_assert_null (ens_history_list_get_error (list));
}

static EnsHistoryOperation *
item (EnsHistoryList *list,
      guint           position)
{
  EnsHistoryOperation *operation = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (operation);
  g_object_unref (operation);   /* the list keeps it */

  return operation;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_list_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EnsHistoryList) list = ens_history_list_new (fixture->history);
  const EnsHistoryOperationRow *row;
  guint changes = 0;

  /* The first page only, newest first, one item per operation. */
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, ENS_HISTORY_LIST_PAGE_SIZE);
  g_assert_true (ens_history_list_get_has_more (list));
  row = ens_history_operation_get_row (item (list, 0));
  g_assert_cmpint (row->operation_id, ==, N_OPS);
  g_assert_cmpuint (row->n_accounts, ==, 3);
  g_assert_cmpuint (row->n_add, ==, 2);
  g_assert_cmpuint (row->n_done, ==, 1);
  g_assert_cmpuint (row->n_failed, ==, 1);
  g_assert_cmpuint (row->n_unknown, ==, 1);
  g_assert_cmpuint (row->n_not_attempted, ==, 0);
  g_assert_cmpstr (row->image_name, ==, "gpu-base");
  g_assert_false (ens_history_operation_get_success (item (list, 0)));
  g_assert_cmpstr (ens_history_operation_get_title (item (list, 0)), ==, "Shared with 2, stopped sharing with 1");
  g_assert_nonnull (strstr (ens_history_operation_get_subtitle (item (list, 0)), "gpu-base (m-5s7qotzavwbrnzaqhlist0)"));
  g_assert_nonnull (strstr (ens_history_operation_get_subtitle (item (list, 0)), "1 done, 1 failed, 1 unknown"));
  g_assert_cmpint (ens_history_operation_get_id (item (list, 49)), ==, N_OPS - 49);

  /* The next pages are appended; the last is short. */
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (count_cb), &changes);
  ens_history_list_load_more (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  ens_history_list_load_more (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OPS);
  g_assert_false (ens_history_list_get_has_more (list));
  g_assert_cmpuint (changes, ==, 2);
  for (guint i = 0; i < N_OPS; i++)
    g_assert_cmpint (ens_history_operation_get_id (item (list, i)), ==, N_OPS - i);

  /* Nothing more to read. */
  ens_history_list_load_more (list);
  g_assert_false (ens_history_list_get_loading (list));
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EnsHistoryList) list = ens_history_list_new (fixture->history);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EnsHistoryFilter filter;

  wait_loaded (list);

  /* Search by account ID: the operation that has it, whole. */
  ens_history_list_set_search (list, " 9000000000007402 ");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (ens_history_operation_get_id (item (list, 0)), ==, 74);
  g_assert_cmpuint (ens_history_operation_get_row (item (list, 0))->n_accounts, ==, 3);

  /* By recipient name, ignoring case, "%" taken literally. */
  ens_history_list_set_search (list, "partner 10%");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OPS / 10);
  ens_history_list_set_search (list, "partner 1_%");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* By image name, then image ID. */
  ens_history_list_set_search (list, "GPU-BASE");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OPS / 10);
  ens_history_list_set_search (list, "hlist2");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OPS / 3);
  g_assert_false (ens_history_list_get_has_more (list));

  /* The image filter and a date range, with the search: operations
   * 31..59 (days 30..58) whose image is list0 and that have "10%". */
  ens_history_list_set_search (list, "");
  ens_history_list_set_image_id (list, "m-5s7qotzavwbrnzaqhlist0");
  ens_history_list_set_range (list, DAY_0 + 30 * DAY, DAY_0 + 59 * DAY);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);   /* 33, 36 … 57 */
  g_assert_cmpint (ens_history_operation_get_id (item (list, 0)), ==, 57);
  g_assert_cmpint (ens_history_operation_get_id (item (list, 8)), ==, 33);
  ens_history_list_set_search (list, "10%");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  ens_history_list_set_search (list, "Partner");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  ens_history_list_set_range (list, DAY_0 + 29 * DAY, DAY_0 + 59 * DAY);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);    /* 30 */
  g_assert_cmpint (ens_history_operation_get_id (item (list, 0)), ==, 30);

  /* The filter Export… uses is the one shown. */
  ens_history_list_get_filter (list, &filter);
  g_assert_cmpstr (filter.search, ==, "Partner");
  g_assert_cmpstr (filter.image_id, ==, "m-5s7qotzavwbrnzaqhlist0");
  g_assert_cmpint (filter.since, ==, DAY_0 + 29 * DAY);
  g_assert_cmpint (filter.until, ==, DAY_0 + 59 * DAY);

  /* Its accounts, in plan order, with outcome, tries and RequestId. */
  ens_history_list_load_entries_async (list, item (list, 0), NULL, ens_test_store_result_cb, &result);
  entries = ens_history_list_load_entries_finish (list, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  {
    EnsHistoryRow *first = g_ptr_array_index (entries, 0);
    EnsHistoryRow *second = g_ptr_array_index (entries, 1);

    g_assert_cmpstr (first->account_id, ==, "9000000000003001");
    g_assert_cmpstr (first->recipient_name, ==, "Partner 10%");
    g_assert_cmpstr (first->request_id, ==, "REQ-30-0");
    g_assert_cmpint (second->state, ==, ENS_HISTORY_FAILED);
    g_assert_cmpuint (second->tries, ==, 3);
  }
}

/* A filter changed while a page is read: only the newest read counts. */
static void
test_list_typing (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EnsHistoryList) list = ens_history_list_new (fixture->history);
  const char *typed[] = { "9", "90", "900", "9000", "90000", "900000", "900000000001", "9000000000011" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    ens_history_list_set_search (list, typed[i]);
  wait_loaded (list);

  /* 110..119 (…11x01) */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_assert_cmpint (ens_history_operation_get_id (item (list, 0)), ==, 119);
  g_assert_cmpint (ens_history_operation_get_id (item (list, 9)), ==, 110);
}

/* Export… writes the entries of the operations listed: the list's filter
 * given to ens_history_export_async(); Python's csv module reads back the
 * same rows as the query. */
static void
test_list_export (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EnsHistoryList) list = ens_history_list_new (fixture->history);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "expected.json", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *command = NULL;
  EnsHistoryFilter filter;
  int status = -1;

  ens_history_list_set_search (list, "partner");
  ens_history_list_set_range (list, DAY_0, DAY_0 + 60 * DAY);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  ens_history_list_get_filter (list, &filter);

  ens_history_export_async (fixture->history, &filter, csv, ENS_HISTORY_FORMAT_CSV, NULL,
                            ens_test_store_result_cb, &result);
  g_assert_cmpuint (ens_history_export_finish (fixture->history, ens_test_wait_for (&result), &error), ==, 6);
  g_assert_no_error (error);
  g_clear_object (&result);

  ens_history_query_async (fixture->history, &filter, 0, 0, NULL, ens_test_store_result_cb, &result);
  rows = ens_history_query_finish (fixture->history, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 0; i < rows->len; i++)
    {
      g_string_append (json, i == 0 ? "\n" : ",\n");
      ens_history_format_row (json, g_ptr_array_index (rows, i), ENS_HISTORY_FORMAT_JSON);
    }
  g_string_append (json, "]\n");
  g_assert_true (g_file_set_contents (json_path, json->str, -1, NULL));

  command = g_strdup_printf ("/usr/bin/python3 -c '"
                             "import csv, json, sys\n"
                             "rows = list(csv.DictReader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\")))\n"
                             "ref = json.load(open(sys.argv[2]))\n"
                             "assert len(rows) == len(ref) == 6, (len(rows), len(ref))\n"
                             "for c, j in zip(rows, ref):\n"
                             "    for k, v in j.items():\n"
                             "        assert c[k] == (\"\" if v is None else str(v)), (k, c[k], v)\n"
                             "    assert c[\"recipient_name\"] == \"Partner 10%%\"\n"
                             "' '%s' '%s'", csv_path, json_path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/history-list/pages", test_list_pages);
  ADD ("/history-list/filters", test_list_filters);
  ADD ("/history-list/typing", test_list_typing);
  ADD ("/history-list/export", test_list_export);

  return g_test_run ();
}
