/* test-recipients-csv.c
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

#include <signal.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ens-core.h"
#include "ens-test-utils.h"

/* The address book's CSV import and export, on a real database file. */

#define KILL_ROWS 60000

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
  fixture->dir = ens_test_store_dir_new ("ens-recipients-csv-XXXXXX", &fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ens_test_store_dir_free (fixture->dir);
  g_free (fixture->path);
}

static EnsRecipients *
open_book (const char *path)
{
  g_autoptr(EnsStore) store = ens_store_new (path);
  g_autoptr(EnsRecipients) book = ens_recipients_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ens_recipients_load_async (book, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_load_finish (book, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  return g_steal_pointer (&book);
}

static gboolean
import (EnsRecipients     *book,
        EnsRecipientsCsv  *csv,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_recipients_import_async (book, csv, NULL, ens_test_store_result_cb, &result);

  return ens_recipients_import_finish (book, ens_test_wait_for (&result), error);
}

static EnsRecipientsCsv *
parse (const char *text)
{
  return ens_recipients_csv_parse (text, strlen (text));
}

static EnsRecipientsCsvRow *
row_at (EnsRecipientsCsv *csv,
        guint             i)
{
  g_assert_cmpuint (i, <, csv->rows->len);
  return g_ptr_array_index (csv->rows, i);
}

/* The issue on @line says @part. */
static void
assert_issue (EnsRecipientsCsv *csv,
              guint             line,
              const char       *part)
{
  for (guint i = 0; i < csv->issues->len; i++)
    {
      EnsRecipientsCsvIssue *issue = g_ptr_array_index (csv->issues, i);

      if (issue->line == line)
        {
          if (strstr (issue->message, part) == NULL)
            g_error ("line %u: “%s” does not say “%s”", line, issue->message, part);
          return;
        }
    }
  g_error ("no issue on line %u", line);
}

/* Reading {{{ */

static void
test_csv_spreadsheet (void)
{
  /* What a spreadsheet in a Chinese locale saves: a BOM, semicolons, a
   * header in its own order, quoted fields with quotes and line breaks,
   * full-width digits, CRLF line ends and an empty row. */
  const char text[] =
    "\xef\xbb\xbf" "Account ID;Name;Note;Group\r\n"
    "１２３４５６７８９０１２３４５６;\"Partner \"\"A\"\"\";\"first line\r\nsecond line\";Distributors\r\n"
    "\r\n"
    "2000000000000002;Partner B;;\r\n"
    "2000000000000002;Partner B;;Shenzhen\r\n"
    "\"3000000000000003\";'=Formula;'+1;\r\n";
  g_autoptr(EnsRecipientsCsv) csv = parse (text);

  g_assert_cmpuint (csv->issues->len, ==, 0);
  g_assert_cmpuint (csv->rows->len, ==, 4);
  g_assert_cmpstr (row_at (csv, 0)->account_id, ==, "1234567890123456");
  g_assert_cmpstr (row_at (csv, 0)->name, ==, "Partner \"A\"");
  g_assert_cmpstr (row_at (csv, 0)->note, ==, "first line\r\nsecond line");
  g_assert_cmpstr (row_at (csv, 0)->group, ==, "Distributors");
  g_assert_cmpuint (row_at (csv, 0)->line, ==, 2);
  /* The quoted line break counts: the next rows start on lines 5, 6, 7. */
  g_assert_cmpuint (row_at (csv, 1)->line, ==, 5);
  g_assert_null (row_at (csv, 1)->group);
  g_assert_null (row_at (csv, 1)->note);
  g_assert_cmpstr (row_at (csv, 2)->group, ==, "Shenzhen");
  g_assert_cmpuint (row_at (csv, 3)->line, ==, 7);
  /* What export escaped comes back as it was. */
  g_assert_cmpstr (row_at (csv, 3)->name, ==, "=Formula");
  g_assert_cmpstr (row_at (csv, 3)->note, ==, "+1");
}

static void
test_csv_bad_rows (void)
{
  const char text[] =
    "name,account id,group,note\n"
    "Partner A,1234567890123456,,\n"        /* 2: fine */
    "Letters,12a4567890123456,,\n"          /* 3 */
    ",1000000000000001,,\n"                 /* 4 */
    "Partner A,1234567890123456,,\n"        /* 5: repeats 2 */
    "Partner Z,1234567890123456,,\n"        /* 6: the ID named otherwise */
    "PARTNER A,1000000000000009,,\n"        /* 7: the name given to another ID */
    "Too long,123456789012345678901234567890123,,\n" /* 8 */
    "Line\tbreak,1000000000000010,\"a\nb\",\n"       /* 9: the group name */
    "Partner C,1000000000000011,,\"never closed\n";  /* 11: after the quoted line break */
  g_autoptr(EnsRecipientsCsv) csv = parse (text);

  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpuint (csv->issues->len, ==, 8);
  assert_issue (csv, 3, "letters");
  assert_issue (csv, 4, "needs a name");
  assert_issue (csv, 5, "repeats line 2");
  assert_issue (csv, 6, "“Partner A” on line 2");
  assert_issue (csv, 7, "on line 2 to another account, 1234567890123456");
  assert_issue (csv, 8, "too long");
  assert_issue (csv, 9, "cannot be shown");
  assert_issue (csv, 11, "not closed");

  {
    const char latin1[] = "name,account id\nJos\xe9,1234567890123456\n";
    g_autoptr(EnsRecipientsCsv) bad = parse (latin1);

    g_assert_cmpuint (bad->rows->len, ==, 0);
    assert_issue (bad, 2, "UTF-8");
  }
}

/* }}} */

/* Importing and exporting {{{ */

/* No cell of @text starts with what a spreadsheet runs as a formula. */
static void
assert_no_formula (const char *text)
{
  gboolean quoted = FALSE;
  gboolean cell_start = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (cell_start)
        {
          const char *first = *p == '"' ? p + 1 : p;

          if (*first != '\0' && strchr ("=+-@\t\r", *first) != NULL && !(*first == '\r' && first == p))
            g_error ("a cell starts with a formula character: %.20s", p);
          cell_start = FALSE;
        }

      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == ',' || *p == '\n'))
        cell_start = TRUE;
    }
}

static void
test_csv_import_export (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EnsRecipients) book = open_book (fixture->path);
  g_autoptr(EnsRecipientsCsv) csv = NULL;
  g_autoptr(EnsRecipientsCsv) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  ens_recipients_add_async (book, "9000000000000009", "Known", NULL, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_clear_object (&result);
  ens_recipients_add_async (book, "8000000000000008", "Eight", NULL, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_clear_object (&result);

  csv = parse ("name,account id,group,note\n"
               "=HYPERLINK(\"http://x\"),1000000000000001,-Group,+note\n"
               "Partner B,1000000000000002,Distributors,-note\n"
               "Partner B,1000000000000002,Shenzhen,-note\n"
               "Other Name,8000000000000008,,\n"   /* 5: named otherwise in the book */
               "eight,1000000000000003,,\n"        /* 6: the book's name for another ID */
               "Known,9000000000000009,Old Friends,\n");
  g_assert_cmpuint (csv->issues->len, ==, 0);
  ens_recipients_csv_check (csv, book);
  g_assert_cmpuint (csv->issues->len, ==, 2);
  assert_issue (csv, 5, "already in the address book as “Eight”");
  assert_issue (csv, 6, "already given to account 8000000000000008");
  g_assert_cmpuint (csv->rows->len, ==, 4);

  g_assert_true (import (book, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 4);
  g_assert_cmpstrv (ens_recipient_get_groups (ens_recipients_lookup (book, "1000000000000002")),
                    ((const char *[]) { "Distributors", "Shenzhen", NULL }));
  g_assert_cmpstrv (ens_recipient_get_groups (ens_recipients_lookup (book, "9000000000000009")),
                    ((const char *[]) { "Old Friends", NULL }));

  /* Export: no cell a spreadsheet would run; read back, the same book. */
  exported = ens_recipients_dup_csv (book);
  g_assert_true (g_str_has_prefix (exported, "name,account_id,group,note\r\n"));
  g_assert_nonnull (strstr (exported, "\"'=HYPERLINK(\"\"http://x\"\")\",1000000000000001,'-Group,'+note\r\n"));
  g_assert_nonnull (strstr (exported, "Partner B,1000000000000002,Distributors,'-note\r\n"));
  g_assert_nonnull (strstr (exported, "Partner B,1000000000000002,Shenzhen,'-note\r\n"));
  assert_no_formula (exported);

  again = parse (exported);
  g_assert_cmpuint (again->issues->len, ==, 0);
  g_assert_cmpuint (again->rows->len, ==, 5);
  g_assert_cmpstr (row_at (again, 0)->name, ==, "=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (row_at (again, 0)->group, ==, "-Group");
  g_assert_cmpstr (row_at (again, 0)->note, ==, "+note");
  ens_test_release (g_steal_pointer (&book));
}

/* A row that the book made wrong after the check: nothing is imported. */
static void
test_csv_all_or_nothing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EnsRecipients) book = open_book (fixture->path);
  g_autoptr(EnsRecipients) other = open_book (fixture->path);
  g_autoptr(EnsRecipientsCsv) csv = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csv = parse ("Partner A,1000000000000001,Distributors\n"
               "Partner B,1000000000000002,Distributors\n"
               "Partner C,1000000000000003,\n");
  ens_recipients_csv_check (csv, book);
  g_assert_cmpuint (csv->rows->len, ==, 3);

  /* Meanwhile another instance names the third account otherwise. */
  ens_recipients_add_async (other, "1000000000000003", "Someone Else", NULL, NULL,
                            ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (other, ens_test_wait_for (&result), &error));
  g_clear_object (&result);

  g_assert_false (import (book, csv, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Line 3:"));
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients"), ==, 1);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipient_groups"), ==, 0);
  ens_test_release (g_steal_pointer (&book));
  ens_test_release (g_steal_pointer (&other));
}

static char *
big_csv (guint rows)
{
  GString *text = g_string_new ("name,account id,group,note\n");

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "Recipient %06u,%016u,Group %u,note %u\n", i, 1000000 + i, i % 50, i);

  return g_string_free (text, FALSE);
}

static int
run_import (const char *path,
            const char *csv_path)
{
  g_autoptr(EnsRecipients) book = open_book (path);
  g_autoptr(EnsRecipientsCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (csv_path, &text, &len, NULL));
  csv = ens_recipients_csv_parse (text, len);
  g_assert_cmpuint (csv->rows->len, ==, KILL_ROWS);
  g_print ("importing\n");
  if (!import (book, csv, &error))
    g_error ("%s", error->message);
  g_print ("imported\n");

  return 0;
}

static void
test_csv_killed (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (fixture->dir, "big.csv", NULL);
  g_autofree char *text = big_csv (KILL_ROWS);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(EnsRecipients) book = NULL;
  gint64 count;

  g_assert_true (g_file_set_contents (csv_path, text, -1, NULL));
  ens_test_release (open_book (fixture->path));

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--import", fixture->path, csv_path, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "importing");

  /* Half-way through the one transaction. */
  g_usleep (30 * 1000);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (child));

  /* Nothing or all, and the file is sound. */
  count = ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients");
  g_test_message ("after kill -9: %" G_GINT64_FORMAT " recipients", count);
  g_assert_true (count == 0 || count == KILL_ROWS);
  book = open_book (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, count);
  g_assert_cmpint (ens_test_sql_int (fixture->path,
                            "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"),
                   ==, 0);
  ens_test_release (g_steal_pointer (&book));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--import"))
    return run_import (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/recipients-csv/spreadsheet", test_csv_spreadsheet);
  g_test_add_func ("/recipients-csv/bad-rows", test_csv_bad_rows);
  ADD ("/recipients-csv/import-export", test_csv_import_export);
  ADD ("/recipients-csv/all-or-nothing", test_csv_all_or_nothing);
  ADD ("/recipients-csv/killed", test_csv_killed);

  return g_test_run ();
}
