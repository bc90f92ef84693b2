/* bench-home.c
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
 * The home page's first rows, against the emulator with added latency:
 * how long after a reload EnsImageCatalog first shows images (its first
 * "items-changed"), for 200 own images, beside the latency of one page of
 * DescribeSelfImages (a full page: ENS_SELF_IMAGES_PAGE_SIZE_MAX images)
 * measured in the same run.  The share counts that follow are not waited for.
 *
 * Printed as "NAME MS limit MS ratio R pages N".
 */

#include "config.h"

#include <stdlib.h>

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-image-catalog.h"

#define KEY_ID "LTAI5tBenchHomeBenchHom1"
#define SECRET "BenchHomeSecretBenchHomeSecre"
#define RUNS   5

static void
quit_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
add_images (EnsEmulator *emulator,
            guint        from,
            guint        to)
{
  for (guint i = from; i < to; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-home%03uaaaaaaaaaaaaaaaaaaa", i);
      g_autofree char *name = g_strdup_printf ("home-%03u", i);

      ens_emulator_add_image (emulator, id, name, "self", "ubuntu", "2026-01-01T00:00:00Z");
    }
}

/* One DescribeSelfImages listing of every image (one page while there
 * are at most ENS_SELF_IMAGES_PAGE_SIZE_MAX), in ms. */
static double
one_listing (EnsClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  ens_client_describe_self_images_async (client, NULL, quit_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  images = ens_client_describe_self_images_finish (client, result, NULL, NULL, &error);
  if (images == NULL)
    g_error ("images: %s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
first_rows_cb (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gint64     *when)
{
  if (added > 0 && *when == 0)
    *when = g_get_monotonic_time ();
}

/* From reload to the catalog's first rows, in ms. */
static double
first_rows (EnsClient *client)
{
  g_autoptr(EnsImageCatalog) catalog = ens_image_catalog_new (client);
  gint64 when = 0;
  gint64 start;

  g_signal_connect (catalog, "items-changed", G_CALLBACK (first_rows_cb), &when);
  start = g_get_monotonic_time ();
  ens_image_catalog_reload (catalog);
  while (when == 0 && ens_image_catalog_get_state (catalog) != ENS_IMAGE_CATALOG_ERROR)
    g_main_context_iteration (NULL, TRUE);
  if (when == 0)
    g_error ("the catalog could not list the images: %s", ens_image_catalog_get_error (catalog)->message);

  /* The counts it started are not part of the figure. */
  ens_image_catalog_clear (catalog);
  return (when - start) / 1000.0;
}

static double
median (double *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double t = values[j];

        values[j] = values[j - 1];
        values[j - 1] = t;
      }

  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  guint latency = argc > 1 ? (guint) atoi (argv[1]) : 50;
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  double page[RUNS], rows[RUNS];
  double page_ms, rows_ms;

  ens_emulator_add_key (emulator, KEY_ID, SECRET, FALSE);
  add_images (emulator, 0, ENS_SELF_IMAGES_PAGE_SIZE_MAX);
  if (!ens_emulator_listen (emulator, 0, &error))
    g_error ("emulator: %s", error->message);
  url = ens_emulator_dup_url (emulator);
  if (!ens_client_set_endpoint (client, url, &error))
    g_error ("endpoint: %s", error->message);
  ens_client_set_credentials (client, credentials);
  ens_client_set_adapt_concurrency (client, FALSE);

  /* Warm connections, without latency. */
  one_listing (client);
  ens_emulator_set_latency (emulator, latency);
  g_print ("latency %u ms\n", latency);

  /* One page: a full page of images, one request. */
  for (guint i = 0; i < RUNS; i++)
    page[i] = one_listing (client);
  page_ms = median (page, RUNS);

  /* The home page of 200 images. */
  add_images (emulator, ENS_SELF_IMAGES_PAGE_SIZE_MAX, 200);
  for (guint i = 0; i < RUNS; i++)
    {
      rows[i] = first_rows (client);
      /* Let the cancelled counts drain before the next run. */
      for (gint64 end = g_get_monotonic_time () + 3 * latency * 1000; g_get_monotonic_time () < end;)
        g_main_context_iteration (NULL, FALSE);
    }
  rows_ms = median (rows, RUNS);

  g_print ("home-first-rows-200 %.1f ms limit %.1f ms ratio %.3f pages %u\n",
           rows_ms, page_ms, rows_ms / page_ms, 2);

  ens_emulator_stop (emulator);
  return 0;
}
