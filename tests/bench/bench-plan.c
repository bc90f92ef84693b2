/* bench-plan.c
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
 * Bulk speed against the emulator with added latency per request.  Each
 * figure is printed with its baseline, the physical limit
 * ceil(requests / concurrency) × latency, and the ratio to it:
 *
 *   remove-200-c1    200 removals, one request each, concurrency 1
 *   remove-200-cN    the same at the client's default concurrency
 *   add-200-cN       200 additions in batches (default batch size)
 *   list-1000        a 1,000-account share list loaded page by page
 *   remove-200-history  200 removals at the default concurrency written to
 *                    a history (a real SQLite file: "planned" before, then
 *                    "sending" and the outcomes in batches), against the
 *                    same runs without it; medians of 3 runs each, alternated
 *   rss-growth       resident memory after the runs minus before (KiB)
 *
 * These run with a fixed concurrency (adapt-concurrency off), so that the
 * limit above is the real one.  With "adapt" instead of a latency, the
 * adaptive controller against its fixed-4 counterpart:
 *
 *   adapt-remove-240-150ms        240 removals, 150 ms, no limit, adapting
 *   fixed4-remove-240-150ms       the same with a fixed 4 in flight
 *   adapt-remove-240-50ms-20qps   240 removals, 50 ms, 20 requests a second
 *   fixed4-remove-240-50ms-20qps  the same with a fixed 4 in flight
 *
 * each as "NAME MS limit MS ratio R failed N requests N throttled N
 * max-in-flight N", the limit being ceil(240 / 16) × 150 ms without a
 * rate limit (ceil(240 / 4) × 150 ms for fixed 4) and 240 / 20 s with one.
 *
 * Usage: bench-plan [LATENCY_MS]   (default 50)
 *        bench-plan adapt
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ens-core.h"
#include "ens-emulator.h"

#define IMAGE_ID "m-benchbenchbenchbenchbench"
#define KEY_ID   "LTAI5tBenchBenchBench000"
#define SECRET   "BenchSecretBenchSecretBenchSe"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   ok;
  GStrv      accounts;
} Wait;

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static GStrv
make_accounts (guint n,
               guint offset)
{
  GStrv accounts = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    accounts[i] = g_strdup_printf ("%016u", 1000000000u + offset + i);

  return accounts;
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = ens_client_run_plan_finish (ENS_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->accounts = ens_client_describe_image_share_permission_finish (ENS_CLIENT (object),
                                                                      result, &wait->error);
  wait->ok = wait->accounts != NULL;
  g_main_loop_quit (wait->loop);
}

static double
run_plan_counting (EnsClient    *client,
                   EnsSharePlan *plan)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, FALSE, NULL };
  gint64 start = g_get_monotonic_time ();

  ens_client_run_plan_async (client, plan, NULL, plan_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_clear_error (&wait.error);
  g_main_loop_unref (wait.loop);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
run_plan (EnsClient          *client,
          EnsSharePlan       *plan)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, FALSE, NULL };
  gint64 start = g_get_monotonic_time ();

  ens_client_run_plan_async (client, plan, NULL, plan_done_cb, &wait);
  g_main_loop_run (wait.loop);
  if (!wait.ok)
    g_error ("plan failed: %s", wait.error->message);
  g_main_loop_unref (wait.loop);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  g_clear_object (slot);
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* What the window and the command line do: the plan written before it
 * runs, followed while it runs, the record closed after. */
static double
run_plan_recorded (EnsClient    *client,
                   EnsSharePlan *plan,
                   EnsHistory   *history)
{
  g_autoptr(EnsHistoryRecorder) recorder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 operation_id;

  ens_history_begin_async (history, plan, &(EnsHistoryContext) { .origin = "cli", .profile = "bench", .access_key_id = KEY_ID },
                           NULL, store_result_cb, &result);
  operation_id = ens_history_begin_finish (history, wait_for (&result), &error);
  if (operation_id <= 0)
    g_error ("history: %s", error->message);

  recorder = ens_history_recorder_new (history, plan, operation_id, NULL);
  ens_client_run_plan_async (client, plan, NULL, store_result_cb, &result);
  if (!ens_client_run_plan_finish (client, wait_for (&result), &error))
    g_error ("plan failed: %s", error->message);

  ens_history_recorder_close_async (recorder, NULL, store_result_cb, &result);
  if (!ens_history_recorder_close_finish (recorder, wait_for (&result), &error))
    g_error ("history: %s", error->message);
  g_clear_object (&result);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        double      ms,
        guint       requests,
        guint       concurrency,
        guint       latency)
{
  double limit = (double) ((requests + concurrency - 1) / concurrency) * latency;

  g_print ("%s %.1f ms limit %.1f ms ratio %.3f\n", name, ms, limit, ms / limit);
}

/* One adaptive-controller row: 240 removals, each one request. */
static void
adapt_row (const char  *name,
           EnsEmulator *emulator,
           EnsClient   *client,
           gboolean     adapt,
           guint        latency,
           guint        max_qps)
{
  g_auto(GStrv) accounts = make_accounts (240, 20000);
  g_autoptr(EnsSharePlan) plan = NULL;
  guint requests_before = ens_emulator_get_request_count (emulator);
  guint throttled_before = ens_emulator_get_throttled_count (emulator);
  guint window = adapt ? 16 : 4;
  double limit_ms;
  double ms;

  ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) accounts);
  ens_emulator_set_latency (emulator, latency);
  ens_emulator_set_max_qps (emulator, max_qps);
  ens_client_set_adapt_concurrency (client, adapt);
  ens_client_set_concurrency (client, 4);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) accounts);
  ms = run_plan_counting (client, plan);

  if (max_qps > 0)
    limit_ms = 240.0 / max_qps * 1000;
  else
    limit_ms = (double) ((240 + window - 1) / window) * latency;

  g_print ("%s %.1f ms limit %.1f ms ratio %.3f failed %u requests %u throttled %u max-in-flight %u\n",
           name, ms, limit_ms, ms / limit_ms,
           ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED) +
           ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_NOT_ATTEMPTED),
           ens_emulator_get_request_count (emulator) - requests_before,
           ens_emulator_get_throttled_count (emulator) - throttled_before,
           ens_share_plan_get_max_in_flight (plan));

  ens_emulator_set_max_qps (emulator, 0);
  ens_emulator_set_latency (emulator, 0);
}

static int
bench_adapt (void)
{
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) warm = make_accounts (32, 90000);

  ens_emulator_add_key (emulator, KEY_ID, SECRET, FALSE);
  ens_emulator_add_image (emulator, IMAGE_ID, "bench", "self", "Linux", "2026-01-01T00:00:00Z");
  if (!ens_emulator_listen (emulator, 0, &error))
    g_error ("emulator: %s", error->message);
  url = ens_emulator_dup_url (emulator);
  if (!ens_client_set_endpoint (client, url, &error))
    g_error ("endpoint: %s", error->message);
  ens_client_set_credentials (client, credentials);

  /* Warm up 16 connections without latency, as a long session would have. */
  ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) warm);
  ens_client_set_adapt_concurrency (client, FALSE);
  ens_client_set_concurrency (client, 16);
  {
    g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) warm);
    run_plan (client, plan);
  }

  adapt_row ("adapt-remove-240-150ms", emulator, client, TRUE, 150, 0);
  adapt_row ("fixed4-remove-240-150ms", emulator, client, FALSE, 150, 0);
  adapt_row ("adapt-remove-240-50ms-20qps", emulator, client, TRUE, 50, 20);
  adapt_row ("fixed4-remove-240-50ms-20qps", emulator, client, FALSE, 50, 20);

  ens_emulator_stop (emulator);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint latency;
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) accounts = make_accounts (200, 0);
  g_auto(GStrv) many = make_accounts (1000, 5000);
  guint concurrency, batch;
  double c1, cn, add;
  long rss_before, rss_after;
  Wait wait = { 0 };
  gint64 start;

  if (argc > 1 && strcmp (argv[1], "adapt") == 0)
    return bench_adapt ();

  latency = argc > 1 ? (guint) atoi (argv[1]) : 50;

  ens_emulator_add_key (emulator, KEY_ID, SECRET, FALSE);
  ens_emulator_add_image (emulator, IMAGE_ID, "bench", "self", "Linux", "2026-01-01T00:00:00Z");
  if (!ens_emulator_listen (emulator, 0, &error))
    g_error ("emulator: %s", error->message);
  url = ens_emulator_dup_url (emulator);
  if (!ens_client_set_endpoint (client, url, &error))
    g_error ("endpoint: %s", error->message);
  ens_client_set_credentials (client, credentials);
  /* Fixed concurrency: the limits below assume it. */
  ens_client_set_adapt_concurrency (client, FALSE);
  concurrency = ens_client_get_concurrency (client);
  batch = ens_client_get_batch_size (client);

  /* Warm up the connections without latency. */
  ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) accounts);
  {
    g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) accounts);
    run_plan (client, plan);
  }
  rss_before = rss_kib ();
  ens_emulator_set_latency (emulator, latency);

  ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) accounts);
  ens_client_set_concurrency (client, 1);
  {
    g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) accounts);
    c1 = run_plan (client, plan);
  }

  ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) accounts);
  ens_client_set_concurrency (client, concurrency);
  {
    g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) accounts);
    cn = run_plan (client, plan);
  }

  ens_emulator_set_shares (emulator, IMAGE_ID, NULL);
  {
    g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, (const char * const *) accounts, NULL);
    add = run_plan (client, plan);
  }

  /* Recording on and off, alternated, in the same run. */
  {
    g_autofree char *dir = g_dir_make_tmp ("ens-bench-history-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "history.db", NULL);
    g_autoptr(EnsHistory) history = ens_history_new (path);
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *command = NULL;
    double plain[3], recorded[3];

    ens_history_open_async (history, NULL, store_result_cb, &result);
    if (!ens_history_open_finish (history, wait_for (&result), &error))
      g_error ("history: %s", error->message);

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) accounts);
        g_autoptr(EnsSharePlan) again = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *) accounts);

        ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) accounts);
        plain[i] = run_plan (client, plan);
        ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) accounts);
        recorded[i] = run_plan_recorded (client, again, history);
      }
    qsort (plain, 3, sizeof (double), compare_doubles);
    qsort (recorded, 3, sizeof (double), compare_doubles);
    g_print ("remove-200-history %.1f ms without %.1f ms ratio %.3f\n",
             recorded[1], plain[1], recorded[1] / plain[1]);

    g_clear_object (&result);
    g_clear_object (&history);
    command = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (command) != 0)
      g_warning ("could not remove %s", dir);
  }

  ens_emulator_set_shares (emulator, IMAGE_ID, (const char * const *) many);
  wait.loop = g_main_loop_new (NULL, FALSE);
  start = g_get_monotonic_time ();
  ens_client_describe_image_share_permission_async (client, IMAGE_ID, NULL, list_done_cb, &wait);
  g_main_loop_run (wait.loop);
  if (!wait.ok || g_strv_length (wait.accounts) != 1000)
    g_error ("list failed");

  g_print ("concurrency %u\n", concurrency);
  g_print ("latency %u ms\n", latency);
  report ("remove-200-c1", c1, 200, 1, latency);
  report ("remove-200-default", cn, 200, concurrency, latency);
  g_print ("speedup-default-vs-c1 %.2f\n", c1 / cn);
  report ("add-200-default", add, (200 + batch - 1) / batch, concurrency, latency);
  report ("list-1000", (g_get_monotonic_time () - start) / 1000.0, 10, 1, latency);

  rss_after = rss_kib ();
  g_print ("rss-before-kib %ld\n", rss_before);
  g_print ("rss-after-kib %ld\n", rss_after);

  g_strfreev (wait.accounts);
  g_main_loop_unref (wait.loop);
  ens_emulator_stop (emulator);

  return 0;
}
