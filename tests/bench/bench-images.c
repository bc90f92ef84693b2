/* bench-images.c
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
 * Issue 13 benchmarks against the emulator with added latency, each figure
 * beside its physical limit ceil(requests / concurrency) × latency,
 * measured in the same run, at a fixed concurrency:
 *
 *   counts-200      share counts of 200 own images (one request each)
 *   share-10x20     10 images shared with 20 accounts each, as one plan
 *                   (additions batched per image: 2 requests an image)
 *
 * Printed as "NAME MS limit MS ratio R requests N".
 */

#include "config.h"

#include <stdlib.h>

#include "ens-core.h"
#include "ens-emulator.h"

#define KEY_ID "LTAI5tBenchImagesBench01"
#define SECRET "BenchImagesSecretBenchImages1"

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
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
report (const char *name,
        double      ms,
        guint       requests,
        guint       concurrency,
        guint       latency)
{
  double limit = (double) ((requests + concurrency - 1) / concurrency) * latency;

  g_print ("%s %.1f ms limit %.1f ms ratio %.3f requests %u\n", name, ms, limit, ms / limit, requests);
}

int
main (int   argc,
      char *argv[])
{
  guint latency = argc > 1 ? (guint) atoi (argv[1]) : 50;
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GPtrArray) image_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  guint concurrency, before;
  gint64 start;
  double ms;

  ens_emulator_add_key (emulator, KEY_ID, SECRET, FALSE);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-bench%03uaaaaaaaaaaaaaaaaaaa", i);
      g_autofree char *name = g_strdup_printf ("bench-%03u", i);

      ens_emulator_add_image (emulator, id, name, "self", "ubuntu", "2026-01-01T00:00:00Z");
      if (i < 10)
        g_ptr_array_add (image_ids, g_strdup (id));
    }
  g_ptr_array_add (image_ids, NULL);
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (accounts, g_strdup_printf ("%016u", 1000000 + i));
  g_ptr_array_add (accounts, NULL);

  if (!ens_emulator_listen (emulator, 0, &error))
    g_error ("emulator: %s", error->message);
  url = ens_emulator_dup_url (emulator);
  if (!ens_client_set_endpoint (client, url, &error))
    g_error ("endpoint: %s", error->message);
  ens_client_set_credentials (client, credentials);
  /* Fixed concurrency: the limits assume it. */
  ens_client_set_adapt_concurrency (client, FALSE);
  concurrency = ens_client_get_concurrency (client);

  /* The list itself, and warm connections, without latency. */
  ens_client_describe_self_images_async (client, NULL, done_cb, &wait);
  images = ens_client_describe_self_images_finish (client, wait_for (&wait), NULL, NULL, &error);
  g_clear_object (&wait.result);
  if (images == NULL)
    g_error ("images: %s", error->message);
  ens_client_count_shares_async (client, images, NULL, done_cb, &wait);
  ens_client_count_shares_finish (client, wait_for (&wait), NULL, NULL);
  g_clear_object (&wait.result);

  ens_emulator_set_latency (emulator, latency);
  g_print ("concurrency %u\nlatency %u ms\n", concurrency, latency);

  before = ens_emulator_get_request_count (emulator);
  start = g_get_monotonic_time ();
  ens_client_count_shares_async (client, images, NULL, done_cb, &wait);
  if (!ens_client_count_shares_finish (client, wait_for (&wait), NULL, &error))
    g_error ("counts: %s", error->message);
  g_clear_object (&wait.result);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  report ("counts-200", ms, ens_emulator_get_request_count (emulator) - before, concurrency, latency);

  {
    g_autoptr(EnsSharePlan) plan = NULL;

    plan = ens_share_plan_new_for_images ((const char * const *) image_ids->pdata,
                                          (const char * const *) accounts->pdata, NULL);
    before = ens_emulator_get_request_count (emulator);
    start = g_get_monotonic_time ();
    ens_client_run_plan_async (client, plan, NULL, done_cb, &wait);
    if (!ens_client_run_plan_finish (client, wait_for (&wait), &error))
      g_error ("plan: %s", error->message);
    g_clear_object (&wait.result);
    ms = (g_get_monotonic_time () - start) / 1000.0;
    report ("share-10x20", ms, ens_emulator_get_request_count (emulator) - before, concurrency, latency);
  }

  g_main_loop_unref (wait.loop);
  ens_emulator_stop (emulator);

  return EXIT_SUCCESS;
}
