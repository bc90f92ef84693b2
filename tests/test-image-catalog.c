/* test-image-catalog.c
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
 * EnsImageCatalog (the account's own images, their share counts) and the
 * session's "images" and "caller-identity", against the emulator over
 * loopback with 200 images.
 */

#include "config.h"

#include <locale.h>

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-image-catalog.h"
#include "ens-session.h"
#include "ens-test-utils.h"

#define KEY_ID      "LTAI5tCataCataCataCata01"
#define KEY_SECRET  "CataSecretCataSecretCataSecre"
#define ACCOUNT     "1888888888888888"
#define N_IMAGES    200

typedef struct
{
  EnsEmulator *emulator;
  EnsClient   *client;
} Fixture;

static char *
image_id (guint i)
{
  return g_strdup_printf ("m-cat%03uaaaaaaaaaaaaaaaaaaaa", i);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_set_key_owner (fixture->emulator, KEY_ID, ACCOUNT, "release-bot");

  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autofree char *id = image_id (i);
      g_autofree char *name = g_strdup_printf ("web-%03u", i);
      g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_free);

      ens_emulator_add_image (fixture->emulator, id, name, "self", "ubuntu",
                              "2025-03-01T00:00:00Z");
      /* Image i is shared with i % 4 accounts. */
      for (guint j = 0; j < i % 4; j++)
        g_ptr_array_add (accounts, g_strdup_printf ("15000000000000%02u", j));
      g_ptr_array_add (accounts, NULL);
      ens_emulator_set_shares (fixture->emulator, id, (const char * const *) accounts->pdata);
    }
  ens_emulator_add_image (fixture->emulator, "ubuntu_22_04_x64_20G_alibase", "Ubuntu", "system",
                          "ubuntu", "2024-01-01T00:00:00Z");

  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, url, &error));
  g_assert_no_error (error);
  ens_client_set_concurrency (fixture->client, 4);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* Requests cancelled with a catalog still hold the client until their
   * answers arrive. */
  while (G_OBJECT (fixture->client)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (g_steal_pointer (&fixture->client));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (g_steal_pointer (&fixture->emulator));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static void
sign_in (EnsClient *client)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);

  ens_client_set_credentials (client, credentials);
}

static void
wait_for_state (EnsImageCatalog      *catalog,
                EnsImageCatalogState  state)
{
  while (ens_image_catalog_get_state (catalog) != state)
    g_main_context_iteration (NULL, TRUE);
}

static guint
n_counted (GListModel *images)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (images, i);

      if (ens_image_get_share_count (image) >= 0)
        n++;
    }

  return n;
}

typedef struct
{
  EnsImageCatalog *catalog;
  GArray          *n_items;   /* guint: n-items at each change */
  GArray          *loading;   /* gboolean: still loading then */
} Changes;

static void
record_change_cb (GObject    *object,
                  GParamSpec *pspec,
                  Changes    *changes)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (changes->catalog));
  gboolean loading = ens_image_catalog_get_state (changes->catalog) == ENS_IMAGE_CATALOG_LOADING;

  g_array_append_val (changes->n_items, n);
  g_array_append_val (changes->loading, loading);
}

/* All 200 images are listed over several pages, each page shown as it
 * comes (the first rows do not wait for the last page), before the counts,
 * and the counts then fill in, each right. */
static void
test_catalog_pages_and_counts (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(EnsImageCatalog) catalog = ens_image_catalog_new (fixture->client);
  g_autoptr(EnsImage) first = NULL;
  g_autoptr(GArray) n_items = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) loading = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Changes changes = { catalog, n_items, loading };
  guint n_changes = 0;
  guint counted_when_listed;

  sign_in (fixture->client);
  ens_emulator_set_latency (fixture->emulator, 20);
  g_signal_connect (catalog, "notify::n-items", G_CALLBACK (record_change_cb), &changes);

  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);

  ens_image_catalog_reload (catalog);
  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_LOADING);
  wait_for_state (catalog, ENS_IMAGE_CATALOG_COMPLETE);

  /* The first page was shown while the rest were still being read, then
   * each page after it: the list only grew, to all of them. */
  g_assert_cmpuint (n_items->len, >=, 2);
  g_assert_cmpuint (g_array_index (n_items, guint, 0), ==, ENS_SELF_IMAGES_PAGE_SIZE_MAX);
  g_assert_true (g_array_index (loading, gboolean, 0));
  for (guint i = 1; i < n_items->len; i++)
    g_assert_cmpuint (g_array_index (n_items, guint, i), >, g_array_index (n_items, guint, i - 1));
  g_assert_cmpuint (g_array_index (n_items, guint, n_items->len - 1), ==, N_IMAGES);

  /* The list is there while the counts are still being read. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, N_IMAGES);
  g_assert_true (ens_image_catalog_get_complete (catalog));
  g_assert_true (ens_image_catalog_get_counting (catalog));
  counted_when_listed = n_counted (G_LIST_MODEL (catalog));
  g_assert_cmpuint (counted_when_listed, <, N_IMAGES);

  while (ens_image_catalog_get_counting (catalog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (n_counted (G_LIST_MODEL (catalog)), ==, N_IMAGES);
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      g_autofree char *id = image_id (i);

      /* Only own images, in the server's order. */
      g_assert_cmpstr (ens_image_get_image_id (image), ==, id);
      g_assert_cmpint (ens_image_get_share_count (image), ==, (int) (i % 4));
    }

  /* Read again with the list shown: it stays whole until the new list is
   * (no page-by-page blink). */
  g_signal_connect (catalog, "notify::n-items", G_CALLBACK (count_notify_cb), &n_changes);
  ens_image_catalog_reload (catalog);
  wait_for_state (catalog, ENS_IMAGE_CATALOG_COMPLETE);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, N_IMAGES);
  while (ens_image_catalog_get_counting (catalog))
    g_main_context_iteration (NULL, TRUE);

  first = g_list_model_get_item (G_LIST_MODEL (catalog), 0);
  g_assert_true (ens_image_catalog_lookup (catalog, "m-cat000aaaaaaaaaaaaaaaaaaaa") == first);
  g_assert_null (ens_image_catalog_lookup (catalog, "m-notlisted"));
  g_assert_null (ens_image_catalog_lookup (catalog, "ubuntu_22_04_x64_20G_alibase"));

  ens_image_catalog_clear (catalog);
  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&catalog));
}

/* A wrong key: state ERROR with the client's error, no images. */
static void
test_catalog_error (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(EnsImageCatalog) catalog = ens_image_catalog_new (fixture->client);
  g_autoptr(EnsCredentials) wrong = ens_credentials_new (KEY_ID, "WrongSecretWrongSecretWrong01", NULL);

  ens_client_set_credentials (fixture->client, wrong);
  ens_image_catalog_reload (catalog);
  wait_for_state (catalog, ENS_IMAGE_CATALOG_ERROR);

  g_assert_nonnull (ens_image_catalog_get_error (catalog));
  g_assert_true (ens_image_catalog_get_error (catalog)->domain == ENS_ERROR);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
  g_assert_false (ens_image_catalog_get_counting (catalog));

  /* Reloading with the right key recovers and forgets the error. */
  sign_in (fixture->client);
  ens_image_catalog_reload (catalog);
  g_assert_null (ens_image_catalog_get_error (catalog));
  wait_for_state (catalog, ENS_IMAGE_CATALOG_COMPLETE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, N_IMAGES);

  g_assert_finalize_object (g_steal_pointer (&catalog));
}

/* Disposing the catalog mid-load cancels it without a crash or a leak. */
static void
test_catalog_dispose_while_loading (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  EnsImageCatalog *catalog = ens_image_catalog_new (fixture->client);

  sign_in (fixture->client);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_image_catalog_reload (catalog);
  g_assert_finalize_object (catalog);
}

/* With "load-account", signing in lists the images and learns whose key it
 * is; signing out forgets both.  Without it, nothing is asked. */
static void
test_session_load_account (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsSession) session = ens_session_new (fixture->client, store, NULL);
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  EnsImageCatalog *catalog = ens_session_get_images (session);
  guint n_identity = 0;
  guint before;

  g_assert_nonnull (catalog);
  g_assert_false (ens_session_get_load_account (session));
  g_signal_connect (session, "notify::caller-identity",
                    G_CALLBACK (count_notify_cb), &n_identity);

  /* Off: a sign-in asks nothing more. */
  before = ens_emulator_get_request_count (fixture->emulator);
  ens_session_sign_in (session, NULL, credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, before);
  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_IDLE);
  g_assert_null (ens_session_get_caller_identity (session));

  /* On while signed in: both load at once. */
  ens_session_set_load_account (session, TRUE);
  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_LOADING);
  wait_for_state (catalog, ENS_IMAGE_CATALOG_COMPLETE);
  while (ens_session_get_caller_identity (session) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_identity, ==, 1);
  g_assert_cmpstr (ens_caller_identity_get_account_id (ens_session_get_caller_identity (session)),
                   ==, ACCOUNT);
  g_assert_true (ens_session_is_own_account (session, ACCOUNT));
  g_assert_false (ens_session_is_own_account (session, "1500000000000000"));
  g_assert_false (ens_session_is_own_account (session, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, N_IMAGES);

  /* A new sign-in (e.g. a profile switch) forgets the old identity at once
   * and asks again. */
  ens_session_sign_in (session, "other", credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_null (ens_session_get_caller_identity (session));
  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_LOADING);
  while (ens_session_get_caller_identity (session) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_state (catalog, ENS_IMAGE_CATALOG_COMPLETE);

  ens_session_sign_out (session);
  g_assert_null (ens_session_get_caller_identity (session));
  g_assert_false (ens_session_is_own_account (session, ACCOUNT));
  g_assert_cmpint (ens_image_catalog_get_state (catalog), ==, ENS_IMAGE_CATALOG_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&session));
}

/* STS refused: the identity stays NULL and the images still load. */
static void
test_session_identity_refused (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsSession) session = ens_session_new (fixture->client, store, NULL);
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  EnsImageCatalog *catalog = ens_session_get_images (session);

  ens_emulator_refuse_action (fixture->emulator, "GetCallerIdentity", 403, "NoPermission");
  g_object_set (session, "load-account", TRUE, NULL);
  ens_session_sign_in (session, NULL, credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  wait_for_state (catalog, ENS_IMAGE_CATALOG_COMPLETE);
  /* The refusal arrives long before the 200 counts, sent after it. */
  while (ens_image_catalog_get_counting (catalog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (ens_session_get_caller_identity (session));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, N_IMAGES);

  ens_session_sign_out (session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&session));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/image-catalog/pages-and-counts", Fixture, NULL,
              fixture_set_up, test_catalog_pages_and_counts, fixture_tear_down);
  g_test_add ("/image-catalog/error", Fixture, NULL,
              fixture_set_up, test_catalog_error, fixture_tear_down);
  g_test_add ("/image-catalog/dispose-while-loading", Fixture, NULL,
              fixture_set_up, test_catalog_dispose_while_loading, fixture_tear_down);
  g_test_add ("/image-catalog/session-load-account", Fixture, NULL,
              fixture_set_up, test_session_load_account, fixture_tear_down);
  g_test_add ("/image-catalog/session-identity-refused", Fixture, NULL,
              fixture_set_up, test_session_identity_refused, fixture_tear_down);

  return g_test_run ();
}
