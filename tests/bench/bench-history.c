/* bench-history.c
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
 * The History page's reading of a large history (a real SQLite file),
 * each figure beside a baseline measured in the same run:
 *
 *   history-first-page  MS  empty MS  ratio R
 *       from opening the History page (a new EnsHistoryList on the open
 *       history, as the app has it) to its first page read, with 100,000 entries,
 *       against the same with an empty history; medians of 9
 *   history-keystroke   MS  empty MS  ratio R
 *       typing an account ID one character at a time, the list read
 *       again after each: the mean per keystroke, against the same
 *       typing in an empty history
 *   history-export      MS  stdio MS  ratio R
 *       exporting the 100,000 rows as CSV (ens_history_export_async),
 *       against writing the same rows' cells with fprintf()
 *
 * Usage: bench-history [N_ENTRIES]   (default 100000)
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ens-core.h"
#include "ens-history-list.h"

#define ACCOUNTS_PER_OPERATION 20
#define RUNS 9

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
fill (const char *path,
      guint       n_entries)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *op = NULL;
  sqlite3_stmt *entry = NULL;
  gint64 start = G_GINT64_CONSTANT (1735689600000000);   /* 2025-01-01 */
  guint n_operations = n_entries / ACCOUNTS_PER_OPERATION;

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db,
                                "INSERT INTO operations (id, started_at, finished_at, origin, owner, profile,"
                                " access_key_id, image_id, caller_account_id, caller_user)"
                                " VALUES (?1, ?2, ?2, 'window', 'gone', 'default', 'LTAI5tBenchBenchBench000', ?3,"
                                " '1555555555555555', 'release-bot')", -1, &op, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db,
                                "INSERT INTO entries (operation_id, position, account_id, change, state,"
                                " updated_at, request_id, tries, image_name, recipient_name)"
                                " VALUES (?1, ?2, ?3, 'add', 'done', ?4, ?5, 1, ?6, ?7)", -1, &entry, NULL) == SQLITE_OK);

  for (guint i = 1; i <= n_operations; i++)
    {
      g_autofree char *image = g_strdup_printf ("m-5s7qotzavwbrnzaqbench%04u", i % 50);
      g_autofree char *image_name = g_strdup_printf ("release-%u", i % 50);

      sqlite3_bind_int (op, 1, i);
      sqlite3_bind_int64 (op, 2, start + (gint64) i * 60 * G_USEC_PER_SEC);
      sqlite3_bind_text (op, 3, image, -1, SQLITE_TRANSIENT);
      g_assert (sqlite3_step (op) == SQLITE_DONE);
      sqlite3_reset (op);

      for (guint p = 0; p < ACCOUNTS_PER_OPERATION; p++)
        {
          g_autofree char *account = g_strdup_printf ("9%09u%06u", i, p);
          g_autofree char *request = g_strdup_printf ("%08X-BENC-4B66-929F-%012u", i, p);
          g_autofree char *recipient = g_strdup_printf ("Customer %u", (i * ACCOUNTS_PER_OPERATION + p) % 997);

          sqlite3_bind_int (entry, 1, i);
          sqlite3_bind_int (entry, 2, p);
          sqlite3_bind_text (entry, 3, account, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (entry, 4, start + (gint64) i * 60 * G_USEC_PER_SEC);
          sqlite3_bind_text (entry, 5, request, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (entry, 6, image_name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (entry, 7, recipient, -1, SQLITE_TRANSIENT);
          g_assert (sqlite3_step (entry) == SQLITE_DONE);
          sqlite3_reset (entry);
        }
    }

  sqlite3_finalize (op);
  sqlite3_finalize (entry);
  g_assert (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close (db);
}

static EnsHistory *
open_history (const char *path)
{
  g_autoptr(EnsHistory) history = ens_history_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ens_history_open_async (history, NULL, store_result_cb, &result);
  if (!ens_history_open_finish (history, wait_for (&result), &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&history);
}

static void
wait_loaded (EnsHistoryList *list)
{
  while (ens_history_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  if (ens_history_list_get_error (list) != NULL)
    g_error ("%s", ens_history_list_get_error (list));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Milliseconds from a new list (the History page opened) to its first
 * page read.  The file is open already, as in the app: it is opened at
 * start, to check what an earlier run left unfinished. */
static double
first_page_ms (EnsHistory *history,
               guint      *n_items)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(EnsHistoryList) list = ens_history_list_new (history);
  double ms;

  wait_loaded (list);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  *n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  return ms;
}

static double
median_first_page_ms (const char *path,
                      guint      *n_items)
{
  g_autoptr(EnsHistory) history = open_history (path);
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    runs[i] = first_page_ms (history, n_items);
  qsort (runs, RUNS, sizeof (double), compare_doubles);

  return runs[RUNS / 2];
}

/* The mean milliseconds per character of @typed, typed one at a time. */
static double
keystroke_ms (const char *path,
              const char *typed)
{
  g_autoptr(EnsHistory) history = open_history (path);
  g_autoptr(EnsHistoryList) list = ens_history_list_new (history);
  gint64 total = 0;
  size_t n = strlen (typed);

  wait_loaded (list);
  for (size_t i = 1; i <= n; i++)
    {
      g_autofree char *prefix = g_strndup (typed, i);
      gint64 start = g_get_monotonic_time ();

      ens_history_list_set_search (list, prefix);
      wait_loaded (list);
      total += g_get_monotonic_time () - start;
    }

  return total / 1000.0 / n;
}

static double
export_ms (EnsHistory *history,
           const char *out_path,
           guint      *n_rows)
{
  g_autoptr(GFile) file = g_file_new_for_path (out_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  ens_history_export_async (history, NULL, file, ENS_HISTORY_FORMAT_CSV, NULL, store_result_cb, &result);
  *n_rows = ens_history_export_finish (history, wait_for (&result), &error);
  if (error != NULL)
    g_error ("%s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The same rows' cells written with fprintf(), the rows read beforehand. */
static double
stdio_ms (GPtrArray  *rows,
          const char *out_path)
{
  gint64 start = g_get_monotonic_time ();
  FILE *out = fopen (out_path, "w");

  g_assert (out != NULL);
  fputs (ens_history_csv_header (), out);
  for (guint i = 0; i < rows->len; i++)
    {
      EnsHistoryRow *r = g_ptr_array_index (rows, i);

      fprintf (out, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%" G_GINT64_FORMAT ",%s,%s,%u\r\n",
               r->started_at, r->operation_id, r->origin, r->profile, r->access_key_id,
               r->caller_account_id, r->caller_user, r->image_id, r->image_name, r->account_id,
               r->recipient_name, r->change == ENS_SHARE_CHANGE_ADD ? "add" : "remove",
               ens_history_state_to_string (r->state), r->updated_at, r->request_id,
               r->error_code != NULL ? r->error_code : "", r->tries);
    }
  g_assert (fclose (out) == 0);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_entries = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ens-bench-history-XXXXXX", &error);
  g_autofree char *full = g_build_filename (dir, "full.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.csv", NULL);
  g_autofree char *command = NULL;
  /* An account ID of the middle operation, typed digit by digit. */
  g_autofree char *typed = g_strdup_printf ("9%09u%06u", n_entries / ACCOUNTS_PER_OPERATION / 2, 7);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  double full_ms, empty_ms, keys_full, keys_empty, export, stdio;
  guint n_full = 0, n_empty = 0, n_rows = 0;

  g_assert_no_error (error);
  g_clear_object (&result);
  {
    g_autoptr(EnsHistory) a = open_history (full);
    g_autoptr(EnsHistory) b = open_history (empty);
  }
  fill (full, n_entries);

  full_ms = median_first_page_ms (full, &n_full);
  empty_ms = median_first_page_ms (empty, &n_empty);
  g_assert (n_full == ENS_HISTORY_LIST_PAGE_SIZE && n_empty == 0);
  g_print ("history-first-page %.3f empty %.3f ratio %.2f entries %u\n",
           full_ms, empty_ms, full_ms / empty_ms, n_entries);

  keys_full = keystroke_ms (full, typed);
  keys_empty = keystroke_ms (empty, typed);
  g_print ("history-keystroke %.3f empty %.3f ratio %.2f chars %zu\n",
           keys_full, keys_empty, keys_full / keys_empty, strlen (typed));

  {
    g_autoptr(EnsHistory) history = open_history (full);

    ens_history_query_async (history, NULL, 0, 0, NULL, store_result_cb, &result);
    rows = ens_history_query_finish (history, wait_for (&result), &error);
    g_assert_no_error (error);
    export = export_ms (history, csv, &n_rows);
    stdio = stdio_ms (rows, plain);
  }
  g_assert (n_rows == rows->len && n_rows == n_entries);
  g_print ("history-export %.1f stdio %.1f ratio %.2f rows %u\n", export, stdio, export / stdio, n_rows);

  command = g_strdup_printf ("rm -rf '%s'", dir);
  return system (command) == 0 ? 0 : 1;
}
