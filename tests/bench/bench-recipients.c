/* bench-recipients.c
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
 * Issue 14 benchmarks, each figure beside a baseline measured in the same
 * run:
 *
 *   import-10000     importing a 10,000-row CSV into the address book (read,
 *                    parse, check, one transaction, the list read again),
 *                    beside reading and parsing the same file without the
 *                    store
 *   complete-10000   the completion query for a typed prefix over 10,000
 *                    recipients (ens_recipients_complete_async(), the name
 *                    index), beside the same query on an empty book
 *   find-200         the own images one account can use across 200 images
 *                    at LATENCY ms a request, beside its physical limit
 *                    ceil(200 / concurrency) × LATENCY
 *
 * Printed as "NAME VALUE UNIT baseline VALUE UNIT ratio R [requests N]".
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "ens-core.h"
#include "ens-emulator.h"

#define KEY_ID "LTAI5tBenchRecipsBench01"
#define SECRET "BenchRecipsSecretBenchRecips1"
#define ROWS 10000
#define QUERIES 200

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_clear_object (&wait->result);
  g_main_loop_run (wait->loop);
  return wait->result;
}

static EnsRecipients *
open_book (const char *path,
           Wait       *wait)
{
  g_autoptr(EnsStore) store = ens_store_new (path);
  EnsRecipients *book = ens_recipients_new (store);
  g_autoptr(GError) error = NULL;

  ens_recipients_load_async (book, NULL, done_cb, wait);
  if (!ens_recipients_load_finish (book, wait_for (wait), &error))
    g_error ("load: %s", error->message);

  return book;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Microseconds for one completion query, the median of QUERIES. */
static double
complete_us (EnsRecipients *book,
             Wait          *wait)
{
  static const char * const prefixes[] = { "recipient 01", "Recipient 9", "RECIPIENT 0042", "r", "nobody" };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < QUERIES; i++)
    {
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double us;

      ens_recipients_complete_async (book, prefixes[i % G_N_ELEMENTS (prefixes)], 20, NULL, done_cb, wait);
      found = ens_recipients_query_finish (book, wait_for (wait), &error);
      if (found == NULL)
        g_error ("complete: %s", error->message);
      us = (double) (g_get_monotonic_time () - start);
      g_array_append_val (times, us);
    }

  g_array_sort (times, compare_doubles);

  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  guint latency = argc > 1 ? (guint) atoi (argv[1]) : 50;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ens-bench-recipients-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "book.csv", NULL);
  g_autoptr(GString) csv_text = g_string_new ("name,account id,group,note\n");
  g_autoptr(EnsRecipients) book = NULL;
  g_autoptr(EnsRecipients) empty = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  double baseline_ms, import_ms, full_us, empty_us;
  gint64 start;

  if (dir == NULL)
    g_error ("tmp: %s", error->message);

  for (guint i = 0; i < ROWS; i++)
    g_string_append_printf (csv_text, "Recipient %05u,%016u,Group %u,note %u\n", i, 1000000 + i, i % 20, i);
  if (!g_file_set_contents (csv_path, csv_text->str, csv_text->len, &error))
    g_error ("csv: %s", error->message);

  /* Baseline: reading and parsing the file, no store. */
  start = g_get_monotonic_time ();
  {
    g_autofree char *text = NULL;
    g_autoptr(EnsRecipientsCsv) csv = NULL;
    gsize len;

    g_file_get_contents (csv_path, &text, &len, NULL);
    csv = ens_recipients_csv_parse (text, len);
    g_assert_cmpuint (csv->rows->len, ==, ROWS);
  }
  baseline_ms = (g_get_monotonic_time () - start) / 1000.0;

  book = open_book (path, &wait);
  start = g_get_monotonic_time ();
  {
    g_autofree char *text = NULL;
    g_autoptr(EnsRecipientsCsv) csv = NULL;
    gsize len;

    g_file_get_contents (csv_path, &text, &len, NULL);
    csv = ens_recipients_csv_parse (text, len);
    ens_recipients_csv_check (csv, book);
    ens_recipients_import_async (book, csv, NULL, done_cb, &wait);
    if (!ens_recipients_import_finish (book, wait_for (&wait), &error))
      g_error ("import: %s", error->message);
  }
  import_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, ROWS);
  g_print ("import-10000 %.1f ms baseline %.1f ms ratio %.2f\n", import_ms, baseline_ms, import_ms / baseline_ms);

  empty = open_book (empty_path, &wait);
  full_us = complete_us (book, &wait);
  empty_us = complete_us (empty, &wait);
  g_print ("complete-10000 %.0f us baseline %.0f us ratio %.2f\n", full_us, empty_us, full_us / empty_us);

  /* One account's images across 200 images, at @latency a request. */
  {
    g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
    g_autoptr(EnsClient) client = ens_client_new ();
    g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, SECRET, NULL);
    g_autoptr(GListModel) images = NULL;
    g_autoptr(GPtrArray) access = NULL;
    g_autofree char *url = NULL;
    const char *account[] = { "1000000000000001", NULL };
    guint concurrency, before, requests;
    double ms, limit;

    ens_emulator_add_key (emulator, KEY_ID, SECRET, FALSE);
    for (guint i = 0; i < 200; i++)
      {
        g_autofree char *id = g_strdup_printf ("m-brcp%03uaaaaaaaaaaaaaaaaaaa", i);

        ens_emulator_add_image (emulator, id, id, "self", "ubuntu", "2026-01-01T00:00:00Z");
        if (i % 7 == 0)
          ens_emulator_set_shares (emulator, id, account);
      }
    if (!ens_emulator_listen (emulator, 0, &error))
      g_error ("emulator: %s", error->message);
    url = ens_emulator_dup_url (emulator);
    if (!ens_client_set_endpoint (client, url, &error))
      g_error ("endpoint: %s", error->message);
    ens_client_set_credentials (client, credentials);
    ens_client_set_adapt_concurrency (client, FALSE);
    concurrency = ens_client_get_concurrency (client);

    /* The list itself, and warm connections, without latency. */
    ens_client_describe_self_images_async (client, NULL, done_cb, &wait);
    images = ens_client_describe_self_images_finish (client, wait_for (&wait), NULL, NULL, &error);
    if (images == NULL)
      g_error ("images: %s", error->message);
    ens_client_find_account_images_async (client, images, account, NULL, NULL, NULL, done_cb, &wait);
    g_clear_pointer (&access, g_ptr_array_unref);
    access = ens_client_find_account_images_finish (client, wait_for (&wait), NULL, NULL);

    ens_emulator_set_latency (emulator, latency);
    before = ens_emulator_get_request_count (emulator);
    start = g_get_monotonic_time ();
    ens_client_find_account_images_async (client, images, account, NULL, NULL, NULL, done_cb, &wait);
    g_clear_pointer (&access, g_ptr_array_unref);
    access = ens_client_find_account_images_finish (client, wait_for (&wait), NULL, &error);
    if (access == NULL)
      g_error ("find: %s", error->message);
    ms = (g_get_monotonic_time () - start) / 1000.0;
    requests = ens_emulator_get_request_count (emulator) - before;
    limit = (double) ((requests + concurrency - 1) / concurrency) * latency;
    g_print ("find-200 %.1f ms baseline %.1f ms ratio %.3f requests %u concurrency %u\n",
             ms, limit, ms / limit, requests, concurrency);
    g_clear_object (&wait.result);
    g_clear_object (&client);
    ens_emulator_stop (emulator);
  }

  g_clear_object (&wait.result);
  g_clear_object (&book);
  g_clear_object (&empty);
  g_main_loop_unref (wait.loop);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (command) != 0)
      g_warning ("Could not remove %s", dir);
  }

  return EXIT_SUCCESS;
}
