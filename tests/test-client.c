/* test-client.c
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

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ens-client.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-image.h"
#include "ens-share-plan.h"
#include "ens-test-utils.h"

/*
 * The client against a real loopback HTTP server: an in-process
 * EnsEmulator (or, for TLS and redirects, a plain SoupServer).
 */

#define KEY_ID        "LTAI5tTestTestTestTest01"
#define KEY_SECRET    "TestSecretTestSecretTestSecre"
#define RO_KEY_ID     "LTAI5tReadOnlyReadOnly01"
#define RO_KEY_SECRET "ReadOnlySecretReadOnlySecret0"
#define STS_KEY_ID    "STS.NSynGhy3WWTQKyH1LSpdnxmtD"
#define STS_SECRET    "StsSecretStsSecretStsSecretStsSecretStsSecr"
#define STS_TOKEN     "CAIS8gF1q6Ft5B2yfSjIr5bSEsKDoOpnhNeCc1TVq3UAO"
#define IMAGE_ID      "m-5s7qotzavwbrnzaqh4unmabcd"
#define OTHER_IMAGE   "m-5qkf6jv9a0tzd5ipwx5fiabcd"
#define PUBLIC_IMAGE  "centos_7_08_64_20G_alibase_20200914"
#define UNKNOWN_IMAGE "m-0000000000000000000000000"

typedef struct
{
  EnsEmulator *emulator;
  EnsClient   *client;
  char        *url;
} Fixture;

static void
set_credentials (EnsClient  *client,
                 const char *id,
                 const char *secret,
                 const char *token)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (id, secret, token);

  ens_client_set_credentials (client, credentials);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_key (fixture->emulator, RO_KEY_ID, RO_KEY_SECRET, TRUE);
  ens_emulator_add_image (fixture->emulator, IMAGE_ID, "web-server", "self",
                          "Ubuntu", "2024-01-01T00:00:00Z");
  ens_emulator_add_image (fixture->emulator, OTHER_IMAGE, "db-server", "self",
                          "Debian", "2024-02-01T00:00:00Z");
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  fixture->url = ens_emulator_dup_url (fixture->emulator);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, fixture->url, &error));
  g_assert_no_error (error);
  set_credentials (fixture->client, KEY_ID, KEY_SECRET, NULL);
  /* Keep the backoff short so that retry tests stay quick. */
  g_object_set (fixture->client, "retry-delay", 10, NULL);
}

/* Lets a server notice that the client closed its keep-alive connections,
 * so that it frees them before it is stopped. */
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
  g_assert_finalize_object (fixture->client);
  drain_main_context ();
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (fixture->emulator);
  g_free (fixture->url);
}

/* Running async calls to completion */

static char *
modify_sync (EnsClient           *client,
             const char          *image_id,
             const char * const  *add,
             const char          *remove,
             guint               *tries,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_modify_image_share_permission_async (client, image_id, add, remove, NULL,
                                                  ens_test_store_result_cb, &result);
  ens_test_wait_for (&result);

  return ens_client_modify_image_share_permission_finish (client, result, tries, error);
}

static GStrv
describe_shares_sync (EnsClient   *client,
                      const char  *image_id,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_describe_image_share_permission_async (client, image_id, NULL,
                                                    ens_test_store_result_cb, &result);
  ens_test_wait_for (&result);

  return ens_client_describe_image_share_permission_finish (client, result, error);
}

static GPtrArray *
describe_images_sync (EnsClient   *client,
                      guint        page_number,
                      guint        page_size,
                      guint       *total_count,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_describe_images_async (client, page_number, page_size, NULL, NULL, NULL,
                                    ens_test_store_result_cb, &result);
  ens_test_wait_for (&result);

  return ens_client_describe_images_finish (client, result, total_count, error);
}

static gboolean
run_plan_sync (EnsClient     *client,
               EnsSharePlan  *plan,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_run_plan_async (client, plan, cancellable, ens_test_store_result_cb, &result);
  ens_test_wait_for (&result);

  return ens_client_run_plan_finish (client, result, error);
}

static GStrv
make_accounts (guint   n,
               guint64 base)
{
  GStrv accounts = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    accounts[i] = g_strdup_printf ("%" G_GUINT64_FORMAT, base + i);

  return accounts;
}

static gboolean
strv_contains_all (const char * const *haystack,
                   const char * const *needles)
{
  for (guint i = 0; needles != NULL && needles[i] != NULL; i++)
    if (!g_strv_contains (haystack, needles[i]))
      return FALSE;

  return TRUE;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

/* Construction and endpoints ------------------------------------------- */

static void
test_client_new_destroy (void)
{
  EnsClient *client = ens_client_new ();
  g_autofree char *endpoint = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *method = NULL;
  int version = 0;
  guint connect_timeout, timeout, max_retries, retry_delay, batch_size, concurrency;

  g_object_get (client,
                "endpoint", &endpoint,
                "signature-version", &version,
                "http-method", &method,
                "connect-timeout", &connect_timeout,
                "timeout", &timeout,
                "max-retries", &max_retries,
                "retry-delay", &retry_delay,
                "batch-size", &batch_size,
                "concurrency", &concurrency,
                "user-agent", &user_agent,
                NULL);

  g_assert_cmpstr (endpoint, ==, ENS_DEFAULT_ENDPOINT);
  g_assert_cmpstr (ens_client_get_endpoint (client), ==, "https://ens.aliyuncs.com");
  g_assert_cmpint (version, ==, ENS_SIGNATURE_V3);
  g_assert_cmpint (ens_client_get_signature_version (client), ==, ENS_SIGNATURE_V3);
  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpuint (connect_timeout, ==, 10);
  g_assert_cmpuint (timeout, ==, 30);
  g_assert_cmpuint (max_retries, ==, 3);
  g_assert_cmpuint (retry_delay, ==, 500);
  g_assert_cmpuint (batch_size, ==, 10);
  g_assert_cmpuint (concurrency, ==, 4);
  g_assert_cmpstr (user_agent, ==,
                   "ENS-Image-Share/" PACKAGE_VERSION
                   " (+https://github.com/ensimageshare/ens-image-share)");
  g_assert_false (ens_client_has_credentials (client));

  set_credentials (client, KEY_ID, KEY_SECRET, NULL);
  g_assert_true (ens_client_has_credentials (client));
  ens_client_set_credentials (client, NULL);
  g_assert_false (ens_client_has_credentials (client));

  ens_client_set_signature_version (client, ENS_SIGNATURE_V1);
  g_assert_cmpint (ens_client_get_signature_version (client), ==, ENS_SIGNATURE_V1);

  ens_client_set_concurrency (client, 100);
  g_assert_cmpuint (ens_client_get_concurrency (client), ==, 16);
  ens_client_set_concurrency (client, 0);
  g_assert_cmpuint (ens_client_get_concurrency (client), ==, 1);
  ens_client_set_batch_size (client, 1000);
  g_assert_cmpuint (ens_client_get_batch_size (client), ==, 100);
  ens_client_set_batch_size (client, 7);
  g_assert_cmpuint (ens_client_get_batch_size (client), ==, 7);

  ens_client_set_timeouts (client, 3, 9);
  g_object_get (client, "connect-timeout", &connect_timeout, "timeout", &timeout, NULL);
  g_assert_cmpuint (connect_timeout, ==, 3);
  g_assert_cmpuint (timeout, ==, 9);

  g_assert_finalize_object (client);
}

static void
test_client_notify (void)
{
  g_autoptr(EnsClient) client = ens_client_new ();
  guint notified = 0;

  g_signal_connect (client, "notify::concurrency", G_CALLBACK (count_cb), &notified);
  ens_client_set_concurrency (client, 4);   /* unchanged: no notify */
  g_assert_cmpuint (notified, ==, 0);
  ens_client_set_concurrency (client, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (client, "concurrency", 2, NULL);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_client_endpoint_check (void)
{
  const char *good[] = {
    ENS_DEFAULT_ENDPOINT,
    ENS_SINGAPORE_ENDPOINT,
    "https://ens.aliyuncs.com/",
    "https://example.com:8443",
    "http://127.0.0.1:8080",
    "http://127.12.34.56",
    "http://localhost:1234",
    "http://LOCALHOST",
    "http://[::1]:8080",
  };
  const char *insecure[] = {
    "http://example.com",
    "http://ens.aliyuncs.com",
    "http://10.0.0.1:80",
    "http://128.0.0.1",
    "http://[::2]:80",
    "http://localhost.example.com",
  };
  const char *invalid[] = {
    "",
    "ens.aliyuncs.com",
    "ftp://ens.aliyuncs.com",
    "https://",
    "https://ens.aliyuncs.com/api",
    "https://ens.aliyuncs.com/?x=1",
    "https://user@ens.aliyuncs.com",
  };
  g_autoptr(EnsClient) client = ens_client_new ();

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (ens_client_check_endpoint (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("insecure: %s", insecure[i]);
      g_assert_false (ens_client_check_endpoint (insecure[i], &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INSECURE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (ens_client_check_endpoint (invalid[i], &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
    }

  /* A refused endpoint leaves the old one in place. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (ens_client_set_endpoint (client, ENS_SINGAPORE_ENDPOINT, &error));
    g_assert_false (ens_client_set_endpoint (client, "http://example.com", &error));
    g_assert_error (error, ENS_ERROR, ENS_ERROR_INSECURE);
    g_assert_cmpstr (ens_client_get_endpoint (client), ==, ENS_SINGAPORE_ENDPOINT);
  }
}

static void
test_client_insecure_endpoint (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *add[] = { "1234567890123456", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_auto(GStrv) shares = NULL;

  /* Through the property the value is stored, but nothing is ever sent. */
  g_object_set (fixture->client, "endpoint", "http://example.com", NULL);
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, "http://example.com");

  request_id = modify_sync (fixture->client, IMAGE_ID, add, NULL, NULL, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INSECURE);
  g_clear_error (&error);

  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INSECURE);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 0);
}

static void
test_client_no_credentials (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  ens_client_set_credentials (fixture->client, NULL);
  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 0);
}

/* A client configured like another: same settings, no credentials. */
static void
test_client_new_like (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EnsClient) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  g_autofree char *method = NULL;
  g_autofree char *copy_method = NULL;
  const char *accounts[] = { "1234567890123456", NULL };
  guint connect_timeout, timeout, max_retries, retry_delay;

  ens_client_set_signature_version (fixture->client, ENS_SIGNATURE_V1);
  ens_client_set_concurrency (fixture->client, 3);
  ens_client_set_batch_size (fixture->client, 7);
  ens_client_set_timeouts (fixture->client, 4, 12);
  g_object_set (fixture->client, "http-method", "GET", "max-retries", 2, NULL);

  copy = ens_client_new_like (fixture->client);
  g_assert_true (ENS_IS_CLIENT (copy));
  g_assert_true (copy != fixture->client);

  g_assert_cmpstr (ens_client_get_endpoint (copy), ==, fixture->url);
  g_assert_cmpint (ens_client_get_signature_version (copy), ==, ENS_SIGNATURE_V1);
  g_assert_cmpuint (ens_client_get_concurrency (copy), ==, 3);
  g_assert_cmpuint (ens_client_get_batch_size (copy), ==, 7);
  g_object_get (copy,
                "http-method", &copy_method,
                "connect-timeout", &connect_timeout,
                "timeout", &timeout,
                "max-retries", &max_retries,
                "retry-delay", &retry_delay,
                NULL);
  g_assert_cmpstr (copy_method, ==, "GET");
  g_assert_cmpuint (connect_timeout, ==, 4);
  g_assert_cmpuint (timeout, ==, 12);
  g_assert_cmpuint (max_retries, ==, 2);
  g_assert_cmpuint (retry_delay, ==, 10);

  /* No credentials: nothing is sent until some are set. */
  g_assert_false (ens_client_has_credentials (copy));
  shares = describe_shares_sync (copy, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 0);
  g_clear_error (&error);

  /* With its own credentials it talks to the same emulator. */
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, accounts);
  set_credentials (copy, KEY_ID, KEY_SECRET, NULL);
  shares = describe_shares_sync (copy, IMAGE_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shares);
  g_assert_cmpstrv (shares, accounts);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);

  /* Changing the copy leaves the original as it was. */
  ens_client_set_credentials (fixture->client, NULL);
  g_assert_true (ens_client_set_endpoint (copy, ENS_DEFAULT_ENDPOINT, &error));
  g_assert_no_error (error);
  ens_client_set_signature_version (copy, ENS_SIGNATURE_V3);
  ens_client_set_concurrency (copy, 9);
  ens_client_set_batch_size (copy, 50);
  ens_client_set_timeouts (copy, 20, 60);
  g_object_set (copy, "http-method", "POST", "max-retries", 5, "retry-delay", 700, NULL);

  g_assert_true (ens_client_has_credentials (copy));
  g_assert_false (ens_client_has_credentials (fixture->client));
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, fixture->url);
  g_assert_cmpint (ens_client_get_signature_version (fixture->client), ==, ENS_SIGNATURE_V1);
  g_assert_cmpuint (ens_client_get_concurrency (fixture->client), ==, 3);
  g_assert_cmpuint (ens_client_get_batch_size (fixture->client), ==, 7);
  g_object_get (fixture->client,
                "http-method", &method,
                "connect-timeout", &connect_timeout,
                "timeout", &timeout,
                "max-retries", &max_retries,
                "retry-delay", &retry_delay,
                NULL);
  g_assert_cmpstr (method, ==, "GET");
  g_assert_cmpuint (connect_timeout, ==, 4);
  g_assert_cmpuint (timeout, ==, 12);
  g_assert_cmpuint (max_retries, ==, 2);
  g_assert_cmpuint (retry_delay, ==, 10);

  g_assert_finalize_object (g_steal_pointer (&copy));
}

/* Every action, every signature and method ------------------------------ */

typedef struct
{
  EnsSignatureVersion  version;
  const char          *method;
} ActionsCase;

static const ActionsCase actions_cases[] = {
  { ENS_SIGNATURE_V3, "POST" },
  { ENS_SIGNATURE_V1, "POST" },
  { ENS_SIGNATURE_V3, "GET" },
  { ENS_SIGNATURE_V1, "GET" },
};

static void
test_client_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  const ActionsCase *c = data;
  const char *add[] = { "1234567890123456", "6543210987654321", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *request_id2 = NULL;
  g_auto(GStrv) shares = NULL;
  g_auto(GStrv) shares2 = NULL;
  g_auto(GStrv) state = NULL;
  g_autoptr(GPtrArray) images = NULL;
  guint tries = 0;
  guint total = 0;

  ens_client_set_signature_version (fixture->client, c->version);
  g_object_set (fixture->client, "http-method", c->method, NULL);

  request_id = modify_sync (fixture->client, IMAGE_ID, add, NULL, &tries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request_id);
  g_assert_cmpstr (request_id, !=, "");
  g_assert_cmpuint (tries, ==, 1);

  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 2);
  g_assert_cmpstr (state[0], ==, "1234567890123456");
  g_assert_cmpstr (state[1], ==, "6543210987654321");

  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (shares), ==, 2);
  g_assert_cmpstr (shares[0], ==, "1234567890123456");
  g_assert_cmpstr (shares[1], ==, "6543210987654321");

  request_id2 = modify_sync (fixture->client, IMAGE_ID, NULL, "1234567890123456", &tries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request_id2);
  g_assert_cmpstr (request_id2, !=, request_id);

  shares2 = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (shares2), ==, 1);
  g_assert_cmpstr (shares2[0], ==, "6543210987654321");

  images = describe_images_sync (fixture->client, 0, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (images);
  g_assert_cmpuint (images->len, ==, total);
  g_assert_cmpuint (images->len, >=, 2);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < images->len; i++)
      {
        EnsImage *image = g_ptr_array_index (images, i);

        g_assert_true (ENS_IS_IMAGE (image));
        if (g_strcmp0 (ens_image_get_image_id (image), IMAGE_ID) == 0)
          {
            found = TRUE;
            g_assert_cmpstr (ens_image_get_image_name (image), ==, "web-server");
            g_assert_cmpstr (ens_image_get_owner_alias (image), ==, "self");
          }
      }
    g_assert_true (found);
  }

  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 5);
}

/* Paging ------------------------------------------------------------------ */

static void
test_client_paging_shares (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (250, G_GUINT64_CONSTANT (1000000000000000));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  g_auto(GStrv) none = NULL;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);

  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (shares), ==, 250);
  for (guint i = 0; i < 250; i++)
    g_assert_cmpstr (shares[i], ==, accounts[i]);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 3);

  /* No shares: one request, an empty vector. */
  none = describe_shares_sync (fixture->client, OTHER_IMAGE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 4);
}

/* ens_client_get_n_calls() counts the requests not finished yet: one
 * while a listing's page is on its way, none once it has ended. */
static void
test_client_n_calls (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  g_assert_cmpuint (ens_client_get_n_calls (fixture->client), ==, 0);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_client_describe_image_share_permission_async (fixture->client, IMAGE_ID, NULL,
                                                    ens_test_store_result_cb, &result);
  g_assert_cmpuint (ens_client_get_n_calls (fixture->client), ==, 1);
  shares = ens_client_describe_image_share_permission_finish (fixture->client, ens_test_wait_for (&result),
                                                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (shares);
  g_clear_object (&result);
  while (ens_client_get_n_calls (fixture->client) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ens_client_get_n_calls (fixture->client), ==, 0);
}

static void
test_client_paging_images (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = 0;

  /* 2 from the fixture + 118 = 120 images: pages of 50, 50 and 20. */
  for (guint i = 0; i < 118; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-test%021u", i);
      g_autofree char *name = g_strdup_printf ("image-%u", i);

      ens_emulator_add_image (fixture->emulator, id, name, "self", "Ubuntu",
                              "2024-03-01T00:00:00Z");
    }

  all = describe_images_sync (fixture->client, 0, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 120);
  g_assert_cmpuint (total, ==, 120);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 3);

  for (guint i = 0; i < all->len; i++)
    {
      const char *id = ens_image_get_image_id (g_ptr_array_index (all, i));

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer)id);
    }

  /* One page only. */
  page = describe_images_sync (fixture->client, 2, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpuint (total, ==, 120);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 4);
  g_assert_cmpstr (ens_image_get_image_id (g_ptr_array_index (page, 0)), ==,
                   ens_image_get_image_id (g_ptr_array_index (all, 10)));
}

/* Plans -------------------------------------------------------------------- */

typedef struct
{
  guint n_accounts;
  guint expected_requests;
} PlanSizeCase;

static const PlanSizeCase plan_size_cases[] = {
  { 1, 1 },
  { 10, 1 },
  { 11, 2 },
  { 200, 20 },
};

static void
test_client_plan_add (Fixture       *fixture,
                      gconstpointer  data)
{
  const PlanSizeCase *c = data;
  g_auto(GStrv) accounts = make_accounts (c->n_accounts, G_GUINT64_CONSTANT (2000000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;
  guint n_notify = 0;

  plan = ens_share_plan_new (IMAGE_ID, (const char * const *)accounts, NULL);
  g_signal_connect (plan, "notify::done", G_CALLBACK (count_cb), &n_notify);

  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, c->expected_requests);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, c->n_accounts);
  g_assert_cmpuint (n_notify, ==, c->n_accounts);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==,
                    c->n_accounts);

  for (guint i = 0; i < c->n_accounts; i++)
    {
      g_assert_nonnull (ens_share_plan_get_request_id (plan, i));
      g_assert_cmpuint (ens_share_plan_get_tries (plan, i), ==, 1);
      /* All accounts of one batch share the RequestId of its request. */
      if (i % 10 != 0)
        g_assert_cmpstr (ens_share_plan_get_request_id (plan, i), ==,
                         ens_share_plan_get_request_id (plan, i - 1));
      else if (i > 0)
        g_assert_cmpstr (ens_share_plan_get_request_id (plan, i), !=,
                         ens_share_plan_get_request_id (plan, i - 1));
    }

  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, c->n_accounts);
  g_assert_true (strv_contains_all ((const char * const *)state, (const char * const *)accounts));
}

static void
test_client_plan_remove_200 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (200, G_GUINT64_CONSTANT (3000000000000000));
  g_auto(GStrv) keep = make_accounts (3, G_GUINT64_CONSTANT (4000000000000000));
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;
  g_auto(GStrv) restored = NULL;

  for (guint i = 0; accounts[i] != NULL; i++)
    g_ptr_array_add (all, accounts[i]);
  for (guint i = 0; keep[i] != NULL; i++)
    g_ptr_array_add (all, keep[i]);
  g_ptr_array_add (all, NULL);
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)all->pdata);

  ens_client_set_concurrency (fixture->client, 8);
  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 200);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 200);

  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 3);
  g_assert_true (strv_contains_all ((const char * const *)state, (const char * const *)keep));

  /* The undo plan adds the 200 back in 20 requests. */
  undo = ens_share_plan_new_inverse (plan);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (undo), ==, 200);
  g_assert_true (run_plan_sync (fixture->client, undo, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 220);
  restored = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (restored), ==, 203);
  g_assert_true (strv_contains_all ((const char * const *)restored, (const char * const *)accounts));
}

static void
test_client_plan_mixed (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *initial[] = { "5000000000000001", "5000000000000002", NULL };
  const char *add[] = { "5000000000000003", "5000000000000004", "5000000000000005", NULL };
  const char *remove[] = { "5000000000000001", "5000000000000002", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, initial);
  ens_client_set_batch_size (fixture->client, 2);
  plan = ens_share_plan_new (IMAGE_ID, add, remove);
  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);

  /* 2 add batches (2 + 1) and 2 removals. */
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 4);
  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 3);
  g_assert_true (strv_contains_all ((const char * const *)state, add));
}

static void
test_client_plan_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 0);
}

static void
test_client_plan_unknown_image (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *add[] = { "1234567890123456", "6543210987654321", NULL };
  const char *remove[] = { "1111111111111111", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = ens_share_plan_new (UNKNOWN_IMAGE, add, remove);
  g_assert_false (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NOT_FOUND);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidImageId.NotFound");

  /* Not retried: one add request and one removal. */
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      const GError *outcome = ens_share_plan_get_error (plan, i);

      g_assert_cmpint (ens_share_plan_get_state (plan, i), ==, ENS_OUTCOME_FAILED);
      g_assert_error (outcome, ENS_ERROR, ENS_ERROR_NOT_FOUND);
      g_assert_nonnull (ens_share_plan_get_request_id (plan, i));
      g_assert_cmpuint (ens_share_plan_get_tries (plan, i), ==, 1);
    }
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 3);
}

static void
test_client_plan_partial (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (9, G_GUINT64_CONSTANT (6000000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  /* Every third request fails with a 503 and nothing is retried, so with
   * one request at a time accounts 2, 5 and 8 fail and the rest succeed. */
  ens_emulator_set_fail_every (fixture->emulator, 3, 503);
  g_object_set (fixture->client, "max-retries", 0, NULL);
  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_adapt_concurrency (fixture->client, FALSE);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_false (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "ServiceUnavailable");
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 9);

  for (guint i = 0; i < 9; i++)
    {
      if (i % 3 == 2)
        {
          g_assert_cmpint (ens_share_plan_get_state (plan, i), ==, ENS_OUTCOME_FAILED);
          g_assert_error (ens_share_plan_get_error (plan, i), ENS_ERROR, ENS_ERROR_SERVER);
          g_assert_cmpuint (ens_error_get_http_status (ens_share_plan_get_error (plan, i)), ==, 503);
        }
      else
        {
          g_assert_cmpint (ens_share_plan_get_state (plan, i), ==, ENS_OUTCOME_DONE);
          g_assert_null (ens_share_plan_get_error (plan, i));
        }
    }

  /* The emulator kept exactly the accounts whose removal failed. */
  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 3);
  g_assert_cmpstr (state[0], ==, accounts[2]);
  g_assert_cmpstr (state[1], ==, accounts[5]);
  g_assert_cmpstr (state[2], ==, accounts[8]);
}

static void
cancel_after_done_cb (EnsSharePlan *plan,
                      GParamSpec   *pspec,
                      GCancellable *cancellable)
{
  if (ens_share_plan_get_done (plan) >= 5)
    g_cancellable_cancel (cancellable);
}

static void
test_client_plan_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (40, G_GUINT64_CONSTANT (7000000000000000));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;
  guint n_done, n_not_attempted, n_failed;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_client_set_concurrency (fixture->client, 2);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_signal_connect (plan, "notify::done", G_CALLBACK (cancel_after_done_cb), cancellable);

  g_assert_false (run_plan_sync (fixture->client, plan, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  n_done = ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  n_failed = ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED);
  n_not_attempted = ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_NOT_ATTEMPTED);
  g_test_message ("done %u, failed %u, not attempted %u",
                  n_done, n_failed, n_not_attempted);

  /* Requests in flight when the plan was cancelled ran to their end. */
  g_assert_cmpuint (n_done, >=, 5);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (n_not_attempted, >, 0);
  g_assert_cmpuint (n_done + n_failed + n_not_attempted, ==, 40);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 40);
  /* Only requests that started reached the server. */
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, n_done + n_failed);

  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  for (guint i = 0; i < 40; i++)
    {
      const char *account = ens_share_plan_get_account (plan, i);

      switch (ens_share_plan_get_state (plan, i))
        {
        case ENS_OUTCOME_DONE:
          g_assert_false (g_strv_contains ((const char * const *)state, account));
          break;

        case ENS_OUTCOME_NOT_ATTEMPTED:
          g_assert_true (g_strv_contains ((const char * const *)state, account));
          g_assert_null (ens_share_plan_get_error (plan, i));
          break;

        case ENS_OUTCOME_FAILED:
        case ENS_OUTCOME_UNKNOWN:
        case ENS_OUTCOME_SKIPPED:
        case ENS_OUTCOME_PENDING:
        default:
          g_assert_not_reached ();
        }
    }
}

/* Adapting to the server ------------------------------------------------ */

typedef struct
{
  guint n_done;
  guint n_failed;
  guint n_not_attempted;
  guint n_pending;
} Outcomes;

static void
count_outcomes (EnsSharePlan *plan,
                Outcomes     *outcomes)
{
  memset (outcomes, 0, sizeof *outcomes);

  for (guint i = 0; i < ens_share_plan_get_n_accounts (plan); i++)
    {
      switch (ens_share_plan_get_state (plan, i))
        {
        case ENS_OUTCOME_DONE:          outcomes->n_done++; break;
        case ENS_OUTCOME_FAILED:        outcomes->n_failed++; break;
        case ENS_OUTCOME_NOT_ATTEMPTED: outcomes->n_not_attempted++; break;
        case ENS_OUTCOME_UNKNOWN:
        case ENS_OUTCOME_SKIPPED:
        case ENS_OUTCOME_PENDING:
        default:                        outcomes->n_pending++; break;
        }
    }
}

static guint
sum_tries (EnsSharePlan *plan)
{
  guint tries = 0;

  for (guint i = 0; i < ens_share_plan_get_n_accounts (plan); i++)
    tries += ens_share_plan_get_tries (plan, i);

  return tries;
}

/* No limit: from the default 4 the plan reaches 16 requests in flight. */
static void
test_client_adapt_no_limit (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (120, G_GUINT64_CONSTANT (8100000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;

  g_assert_true (ens_client_get_adapt_concurrency (fixture->client));
  g_assert_cmpuint (ens_client_get_concurrency (fixture->client), ==, 4);
  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_latency (fixture->emulator, 100);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);

  g_test_message ("max in flight %u", ens_share_plan_get_max_in_flight (plan));
  g_assert_cmpuint (ens_share_plan_get_max_in_flight (plan), ==, 16);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 120);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 120);
  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 0);
}

/* 20 requests a second at 50 ms: the plan slows down to the limit and
 * finishes with every account done, and few requests throttled; the
 * fixed 4 in flight of before, by contrast, is throttled most of the
 * time. */
static void
test_client_adapt_limit (Fixture       *fixture,
                         gconstpointer  data)
{
  gboolean adapt = GPOINTER_TO_UINT (data);
  g_auto(GStrv) accounts = make_accounts (100, G_GUINT64_CONSTANT (8200000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  Outcomes outcomes;
  guint requests, throttled;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_emulator_set_max_qps (fixture->emulator, 20);
  ens_client_set_adapt_concurrency (fixture->client, adapt);
  g_object_set (fixture->client, "retry-delay", 100, NULL);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  run_plan_sync (fixture->client, plan, NULL, &error);
  count_outcomes (plan, &outcomes);
  requests = ens_emulator_get_request_count (fixture->emulator);
  throttled = ens_emulator_get_throttled_count (fixture->emulator);
  g_test_message ("%s: done %u, failed %u; %u requests, %u throttled; max in flight %u",
                  adapt ? "adapting" : "fixed", outcomes.n_done, outcomes.n_failed,
                  requests, throttled, ens_share_plan_get_max_in_flight (plan));

  g_assert_cmpuint (outcomes.n_pending, ==, 0);
  g_assert_cmpuint (outcomes.n_not_attempted, ==, 0);
  g_assert_cmpuint (requests, ==, sum_tries (plan));

  if (adapt)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (outcomes.n_done, ==, 100);
      g_assert_cmpuint (outcomes.n_failed, ==, 0);
      /* Settled under the limit: the burst at the start and a few probes
       * (about 5 % here), never the greater part. */
      g_assert_cmpfloat (throttled, <, 0.25 * requests);
    }
  else
    {
      /* As before: never more than "concurrency" in flight, and 4 per
       * 50 ms against 20 a second is throttled far more often (about 40 %
       * here, 37 % under valgrind). */
      g_assert_cmpuint (ens_share_plan_get_max_in_flight (plan), <=, 4);
      g_assert_cmpfloat (throttled, >, 0.15 * requests);
      g_assert_cmpuint (outcomes.n_done + outcomes.n_failed, ==, 100);
    }
}

typedef struct
{
  EnsEmulator *emulator;
  guint        requests_at_drop;
  guint        throttled_at_drop;
} Drop;

static void
drop_limit_cb (EnsSharePlan *plan,
               GParamSpec   *pspec,
               Drop         *drop)
{
  if (drop->requests_at_drop == 0 && ens_share_plan_get_done (plan) >= 50)
    {
      ens_emulator_set_max_qps (drop->emulator, 8);
      drop->requests_at_drop = ens_emulator_get_request_count (drop->emulator);
      drop->throttled_at_drop = ens_emulator_get_throttled_count (drop->emulator);
    }
}

/* The limit drops from 40 to 8 a second half way: the plan follows it
 * down, still with every account done, and the greater part of the
 * requests after the drop go through. */
static void
test_client_adapt_limit_drops (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (100, G_GUINT64_CONSTANT (8300000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  Drop drop = { fixture->emulator, 0, 0 };
  guint requests_after, throttled_after;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_emulator_set_max_qps (fixture->emulator, 40);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_signal_connect (plan, "notify::done", G_CALLBACK (drop_limit_cb), &drop);
  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);

  requests_after = ens_emulator_get_request_count (fixture->emulator) - drop.requests_at_drop;
  throttled_after = ens_emulator_get_throttled_count (fixture->emulator) - drop.throttled_at_drop;
  g_test_message ("before the drop: %u requests, %u throttled; after: %u requests, %u throttled",
                  drop.requests_at_drop, drop.throttled_at_drop, requests_after, throttled_after);

  g_assert_cmpuint (drop.requests_at_drop, >, 0);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 100);
  /* Sending on at the old pace would get four in five throttled. */
  g_assert_cmpfloat (throttled_after, <, 0.4 * requests_after);
}

/* Throttled and never getting through: once nothing has succeeded for
 * longer than the request timeout, the plan stops and fails with the
 * throttling error; what was never sent is not attempted. */
static void
test_client_adapt_no_progress (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (30, G_GUINT64_CONSTANT (8400000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;
  Outcomes outcomes;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_throttle_every (fixture->emulator, 1);
  /* Long enough for an answer even under valgrind, so every answer is
   * the throttling one. */
  ens_client_set_timeouts (fixture->client, 5, 4);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_false (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_THROTTLED);

  count_outcomes (plan, &outcomes);
  g_test_message ("failed %u, not attempted %u, %u requests", outcomes.n_failed,
                  outcomes.n_not_attempted, ens_emulator_get_request_count (fixture->emulator));
  g_assert_cmpuint (outcomes.n_pending, ==, 0);
  g_assert_cmpuint (outcomes.n_done, ==, 0);
  g_assert_cmpuint (outcomes.n_failed, >, 0);
  g_assert_cmpuint (outcomes.n_not_attempted, >, 0);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, sum_tries (plan));
  for (guint i = 0; i < 30; i++)
    {
      if (ens_share_plan_get_state (plan, i) == ENS_OUTCOME_FAILED)
        g_assert_error (ens_share_plan_get_error (plan, i), ENS_ERROR, ENS_ERROR_THROTTLED);
      else
        g_assert_cmpuint (ens_share_plan_get_tries (plan, i), ==, 0);
    }
  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 30);
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

typedef struct
{
  GCancellable *cancellable;
  EnsEmulator  *emulator;
  const char   *log_path;
  guint         lines_at_cancel;
} CancelAt;

static gboolean
cancel_and_count_cb (gpointer user_data)
{
  CancelAt *at = user_data;

  at->lines_at_cancel = count_lines (at->log_path);
  g_cancellable_cancel (at->cancellable);

  return G_SOURCE_REMOVE;
}

/* Cancels 100 ms after the first 4 requests (the starting concurrency)
 * reached the server: they have been answered then (the emulator runs in
 * this main loop), and their retries wait 0.5 to 1 s, so nothing is on
 * its way, however slow the machine. */
static gboolean
cancel_when_answered_cb (gpointer user_data)
{
  CancelAt *at = user_data;

  if (ens_emulator_get_request_count (at->emulator) < 4)
    return G_SOURCE_CONTINUE;

  g_timeout_add (100, cancel_and_count_cb, at);

  return G_SOURCE_REMOVE;
}

/* Every request answered 503: the 4 requests sent first wait for their
 * retry (0.5 to 1 s) when the plan is cancelled.  No request reaches the
 * server after that (its log says so, even well after the retries would
 * have gone), and every account is failed (with its 503) or not
 * attempted; none is left pending or called done.  In both modes. */
static void
test_client_cancel_stops_retries (Fixture       *fixture,
                                  gconstpointer  data)
{
  gboolean adapt = GPOINTER_TO_UINT (data);
  g_auto(GStrv) accounts = make_accounts (12, G_GUINT64_CONSTANT (8500000000000000));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_dir = NULL;
  g_autofree char *log_path = NULL;
  g_auto(GStrv) state = NULL;
  CancelAt at = { cancellable, fixture->emulator, NULL, 0 };
  Outcomes outcomes;
  gint64 end;

  log_dir = g_dir_make_tmp ("ens-client-XXXXXX", &error);
  g_assert_no_error (error);
  log_path = g_build_filename (log_dir, "log.jsonl", NULL);
  at.log_path = log_path;
  g_assert_true (ens_emulator_set_log_path (fixture->emulator, log_path, &error));

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_fail_every (fixture->emulator, 1, 503);
  ens_client_set_adapt_concurrency (fixture->client, adapt);
  g_object_set (fixture->client, "retry-delay", 1000, NULL);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_cmpuint (ens_client_get_concurrency (fixture->client), ==, 4);
  g_timeout_add (10, cancel_when_answered_cb, &at);
  g_assert_false (run_plan_sync (fixture->client, plan, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Past the time the first retries were due. */
  end = g_get_monotonic_time () + 1200 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  count_outcomes (plan, &outcomes);
  g_test_message ("%u requests before the cancel, %u in all; failed %u, not attempted %u",
                  at.lines_at_cancel, count_lines (log_path),
                  outcomes.n_failed, outcomes.n_not_attempted);

  /* Adapting, one more may have gone out at the slowed-down pace, right
   * after the first answers. */
  g_assert_cmpuint (at.lines_at_cancel, >=, 4);
  g_assert_cmpuint (count_lines (log_path), ==, at.lines_at_cancel);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, at.lines_at_cancel);
  g_assert_cmpuint (sum_tries (plan), ==, at.lines_at_cancel);
  g_assert_cmpuint (outcomes.n_pending, ==, 0);
  g_assert_cmpuint (outcomes.n_done, ==, 0);
  g_assert_cmpuint (outcomes.n_failed, ==, at.lines_at_cancel);
  g_assert_cmpuint (outcomes.n_failed + outcomes.n_not_attempted, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      if (ens_share_plan_get_state (plan, i) == ENS_OUTCOME_FAILED)
        {
          const GError *outcome = ens_share_plan_get_error (plan, i);

          g_assert_error (outcome, ENS_ERROR, ENS_ERROR_SERVER);
          g_assert_cmpuint (ens_error_get_http_status (outcome), ==, 503);
          g_assert_false (ens_share_plan_is_uncertain (plan, i));
        }
    }
  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 12);

  g_assert_true (ens_emulator_set_log_path (fixture->emulator, NULL, NULL));
  g_unlink (log_path);
  g_rmdir (log_dir);
}

/* Fixed: exactly "concurrency" in flight, never more. */
static void
test_client_fixed_concurrency (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (60, G_GUINT64_CONSTANT (8600000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_client_set_adapt_concurrency (fixture->client, FALSE);
  ens_client_set_concurrency (fixture->client, 3);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_share_plan_get_max_in_flight (plan), ==, 3);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 60);
}

/* A server that carries a change out and then loses its answer (the
 * connection breaks before the answer) leaves an unknown outcome, never
 * "failed": the list read again settles it. */
static void
test_client_plan_answer_lost (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) accounts = make_accounts (3, G_GUINT64_CONSTANT (7100000000000000));
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(EnsSharePlan) settled = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) state = NULL;

  ens_emulator_set_shares (fixture->emulator, IMAGE_ID, (const char * const *)accounts);
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_APPLY_RESET, 2);
  g_object_set (fixture->client, "max-retries", 0, NULL);
  ens_client_set_concurrency (fixture->client, 1);

  plan = ens_share_plan_new (IMAGE_ID, NULL, (const char * const *)accounts);
  g_assert_false (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_nonnull (error);

  /* The first two removals were made, and their answers lost. */
  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (ens_share_plan_get_state (plan, i), ==, ENS_OUTCOME_UNKNOWN);
      g_assert_true (ens_share_plan_is_uncertain (plan, i));
      g_assert_nonnull (ens_share_plan_get_error (plan, i));
    }
  g_assert_cmpint (ens_share_plan_get_state (plan, 2), ==, ENS_OUTCOME_DONE);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED), ==, 0);
  g_assert_cmpuint (ens_share_plan_count_uncertain (plan), ==, 2);
  g_assert_cmpuint (ens_share_plan_get_done (plan), ==, 3);

  /* Reading the list again settles them as done. */
  g_clear_pointer (&state, g_strfreev);
  g_clear_error (&error);
  state = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_nonnull (state);
  settled = ens_share_plan_reconcile (plan, (const char * const *)state);
  g_assert_cmpuint (ens_share_plan_count (settled, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 3);
  g_assert_cmpuint (ens_share_plan_count_uncertain (settled), ==, 0);
}

/* A lost answer that a retry answers is simply done. */
static void
test_client_plan_answer_lost_retried (Fixture       *fixture,
                                      gconstpointer  data)
{
  const char *add[] = { "7200000000000001", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_APPLY_RESET, 1);
  plan = ens_share_plan_new (IMAGE_ID, add, NULL);
  g_assert_true (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ens_share_plan_get_state (plan, 0), ==, ENS_OUTCOME_DONE);
  g_assert_cmpuint (ens_share_plan_get_tries (plan, 0), ==, 2);
}

/* A request that never reached the server failed for certain. */
static void
test_client_plan_not_sent (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *remove[] = { "7300000000000001", NULL };
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  ens_emulator_stop (fixture->emulator);
  g_object_set (fixture->client, "max-retries", 0, NULL);
  plan = ens_share_plan_new (IMAGE_ID, NULL, remove);
  g_assert_false (run_plan_sync (fixture->client, plan, NULL, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NETWORK);
  g_assert_cmpint (ens_share_plan_get_state (plan, 0), ==, ENS_OUTCOME_FAILED);
  g_assert_false (ens_share_plan_is_uncertain (plan, 0));
}

/* Errors from the service ------------------------------------------------ */

static GError *
describe_shares_error (Fixture *fixture)
{
  GError *error = NULL;
  g_auto(GStrv) shares = NULL;

  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_nonnull (error);

  return error;
}

static void
test_client_error_no_permission (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *add[] = { "1234567890123456", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_auto(GStrv) shares = NULL;
  guint tries = 0;

  set_credentials (fixture->client, RO_KEY_ID, RO_KEY_SECRET, NULL);

  /* Reading works with a read-only key. */
  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_no_error (error);

  request_id = modify_sync (fixture->client, IMAGE_ID, add, NULL, &tries, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "NoPermission");
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 400);
  g_assert_nonnull (ens_error_get_request_id (error));
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (tries, ==, 1);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 2);
}

static void
test_client_error_wrong_secret (Fixture       *fixture,
                                gconstpointer  data)
{
  EnsSignatureVersion version = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  ens_client_set_signature_version (fixture->client, version);
  set_credentials (fixture->client, KEY_ID, "WrongSecretWrongSecretWrongSec", NULL);

  error = describe_shares_error (fixture);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SIGNATURE);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "SignatureDoesNotMatch");
  g_assert_nonnull (ens_error_get_client_string_to_sign (error));
  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
test_client_error_unknown_key (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_credentials (fixture->client, "LTAI5tUnknownUnknownUnkn", KEY_SECRET, NULL);
  error = describe_shares_error (fixture);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_AUTH);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidAccessKeyId.NotFound");
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 404);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
test_client_error_clock (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ens_emulator_set_clock_offset (fixture->emulator, 3600);
  error = describe_shares_error (fixture);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_CLOCK);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidTimeStamp.Expired");
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
test_client_error_sts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  ens_emulator_add_sts_key (fixture->emulator, STS_KEY_ID, STS_SECRET, STS_TOKEN, FALSE);
  ens_emulator_add_sts_key (fixture->emulator, "STS.ExpiredExpiredExpired", STS_SECRET,
                            STS_TOKEN "x", TRUE);

  /* A valid STS key works with both signatures. */
  set_credentials (fixture->client, STS_KEY_ID, STS_SECRET, STS_TOKEN);
  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_no_error (error);
  g_clear_pointer (&shares, g_strfreev);
  ens_client_set_signature_version (fixture->client, ENS_SIGNATURE_V1);
  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_no_error (error);

  set_credentials (fixture->client, "STS.ExpiredExpiredExpired", STS_SECRET, STS_TOKEN "x");
  error = describe_shares_error (fixture);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_TOKEN);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidSecurityToken.Expired");
}

static void
test_client_error_public_image (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *add[] = { "1234567890123456", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  ens_emulator_add_image (fixture->emulator, PUBLIC_IMAGE, "CentOS 7", "system", "CentOS",
                          "2020-09-14T00:00:00Z");
  request_id = modify_sync (fixture->client, PUBLIC_IMAGE, add, NULL, NULL, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_PARAMETER);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidImageType.NotSupported");
}

/* Faults ------------------------------------------------------------------ */

typedef struct
{
  EnsEmulatorFault fault;
  EnsError         category;
  guint            http_status;
} FaultCase;

static const FaultCase fault_cases[] = {
  { ENS_EMULATOR_FAULT_MALFORMED_JSON, ENS_ERROR_INVALID_RESPONSE, 200 },
  { ENS_EMULATOR_FAULT_EMPTY_BODY, ENS_ERROR_INVALID_RESPONSE, 200 },
  { ENS_EMULATOR_FAULT_OVERSIZED, ENS_ERROR_INVALID_RESPONSE, 200 },
  { ENS_EMULATOR_FAULT_HTML_ERROR, ENS_ERROR_SERVER, 500 },
  { ENS_EMULATOR_FAULT_RESET, ENS_ERROR_NETWORK, 0 },
};

static void
test_client_fault (Fixture       *fixture,
                   gconstpointer  data)
{
  const FaultCase *c = data;
  g_autoptr(GError) error = NULL;

  g_object_set (fixture->client, "max-retries", 0, NULL);
  ens_emulator_set_fault (fixture->emulator, c->fault, 1);

  error = describe_shares_error (fixture);
  g_assert_error (error, ENS_ERROR, c->category);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
test_client_fault_wrong_content_type (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  /* A JSON answer labelled text/plain did not come from ENS as such: it is
   * refused with its own detail, not retried. */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE, 1);
  shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
}

static void
test_client_fault_retried (Fixture       *fixture,
                           gconstpointer  data)
{
  const FaultCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  const char *add[] = { "1234567890123456", NULL };
  guint tries = 0;

  /* Transport and 5xx faults are retried: the second try succeeds. */
  ens_emulator_set_fault (fixture->emulator, c->fault, 1);
  request_id = modify_sync (fixture->client, IMAGE_ID, add, NULL, &tries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request_id);
  g_assert_cmpuint (tries, ==, 2);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 2);
}

static void
test_client_fault_not_retried (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A malformed 200 answer is not retried (it would not change). */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_MALFORMED_JSON, 1);
  error = describe_shares_error (fixture);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
test_client_fault_stall (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  g_object_set (fixture->client, "max-retries", 0, NULL);
  ens_client_set_timeouts (fixture->client, 1, 1);
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_STALL, 1);

  start = g_get_monotonic_time ();
  error = describe_shares_error (fixture);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (error, ENS_ERROR, ENS_ERROR_TIMEOUT);
  g_assert_cmpint (elapsed, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);
}

/* Retries ------------------------------------------------------------------ */

static void
test_client_retry_throttle (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *add[] = { "1234567890123456", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint tries = 0;

  /* Every second request is throttled. */
  ens_emulator_set_throttle_every (fixture->emulator, 2);

  first = modify_sync (fixture->client, IMAGE_ID, add, NULL, &tries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tries, ==, 1);

  second = modify_sync (fixture->client, IMAGE_ID, NULL, "1234567890123456", &tries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (tries, ==, 2);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 3);
}

static void
test_client_retry_give_up (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *add[] = { "1234567890123456", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_auto(GStrv) state = NULL;
  guint tries = 0;

  ens_emulator_set_throttle_every (fixture->emulator, 1);
  request_id = modify_sync (fixture->client, IMAGE_ID, add, NULL, &tries, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_THROTTLED);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "Throttling.User");
  g_assert_cmpuint (ens_error_get_tries (error), ==, 4);
  g_assert_cmpuint (tries, ==, 4);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 4);

  state = ens_emulator_dup_shares (fixture->emulator, IMAGE_ID);
  g_assert_cmpuint (g_strv_length (state), ==, 0);
}

static void
test_client_retry_server_errors (Fixture       *fixture,
                                 gconstpointer  data)
{
  guint status = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  /* Every second request fails with 500 or 503: each call takes two tries
   * at most and succeeds. */
  ens_emulator_set_fail_every (fixture->emulator, 2, status);
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&shares, g_strfreev);
      shares = describe_shares_sync (fixture->client, IMAGE_ID, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 5);
}

static void
test_client_retry_after (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  ens_emulator_set_throttle_every (fixture->emulator, 1);
  ens_emulator_set_retry_after (fixture->emulator, 1);
  g_object_set (fixture->client, "max-retries", 1, NULL);

  start = g_get_monotonic_time ();
  error = describe_shares_error (fixture);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (error, ENS_ERROR, ENS_ERROR_THROTTLED);
  g_assert_cmpuint (ens_error_get_retry_after_ms (error), ==, 1000);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 2);
  /* The retry-delay is 10 ms; only the server's 1 s explains the wait. */
  g_assert_cmpint (elapsed, >=, 950 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_client_cancel_during_backoff (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gint64 start;
  gint64 elapsed;

  ens_emulator_set_throttle_every (fixture->emulator, 1);
  g_object_set (fixture->client, "retry-delay", 4000, NULL);

  start = g_get_monotonic_time ();
  ens_client_describe_image_share_permission_async (fixture->client, IMAGE_ID, cancellable,
                                                    ens_test_store_result_cb, &result);
  g_timeout_add (300, cancel_cb, cancellable);
  ens_test_wait_for (&result);
  shares = ens_client_describe_image_share_permission_finish (fixture->client, result, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (shares);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed, <, 1500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
test_client_cancel_in_flight (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gint64 start;

  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_STALL, 1);

  start = g_get_monotonic_time ();
  ens_client_describe_image_share_permission_async (fixture->client, IMAGE_ID, cancellable,
                                                    ens_test_store_result_cb, &result);
  g_timeout_add (200, cancel_cb, cancellable);
  ens_test_wait_for (&result);
  shares = ens_client_describe_image_share_permission_finish (fixture->client, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_TIME_SPAN_SECOND);
}

/* TLS and redirects, with a plain SoupServer ---------------------------- */

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  guint *count = user_data;

  (*count)++;
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://example.com/");
}

static void
test_client_redirect (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) shares = NULL;
  guint count = 0;

  soup_server_add_handler (server, NULL, redirect_handler, &count, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = ens_test_server_url (server);

  g_assert_true (ens_client_set_endpoint (client, url, &error));
  set_credentials (client, KEY_ID, KEY_SECRET, NULL);
  shares = describe_shares_sync (client, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  /* Not followed, not retried. */
  g_assert_cmpuint (count, ==, 1);

  g_clear_object (&client);
  drain_main_context ();
  soup_server_disconnect (server);
}

static void
ok_handler (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *body = "{\"RequestId\":\"TLS-TEST\",\"TotalCount\":0,\"PageNumber\":1,"
                     "\"PageSize\":100,\"Accounts\":{\"Account\":[]}}";
  guint *count = user_data;

  (*count)++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

static void
port_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GHashTable *ports = user_data;
  GSocketAddress *address = soup_server_message_get_remote_address (msg);
  guint count = 0;

  g_assert_true (G_IS_INET_SOCKET_ADDRESS (address));
  g_hash_table_add (ports, GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address))));
  ok_handler (server, msg, path, query, &count);
}

static void
test_client_keep_alive (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GHashTable) ports = g_hash_table_new (NULL, NULL);
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, port_handler, ports, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = ens_test_server_url (server);

  g_assert_true (ens_client_set_endpoint (client, url, &error));
  set_credentials (client, KEY_ID, KEY_SECRET, NULL);

  /* Five POSTs one after the other go over one kept-alive connection. */
  for (guint i = 0; i < 5; i++)
    {
      g_auto(GStrv) shares = describe_shares_sync (client, IMAGE_ID, &error);

      g_assert_no_error (error);
      g_assert_nonnull (shares);
    }
  g_assert_cmpuint (g_hash_table_size (ports), ==, 1);

  g_clear_object (&client);
  drain_main_context ();
  soup_server_disconnect (server);
}

static void
test_client_tls_self_signed (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(EnsClient) client = NULL;
  g_auto(GStrv) shares = NULL;
  guint count = 0;

  certificate = ens_test_make_certificate ("localhost", "IP:127.0.0.1,DNS:localhost");
  if (certificate == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, ok_handler, &count, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  url = ens_test_server_url (server);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (client, url, &error));
  set_credentials (client, KEY_ID, KEY_SECRET, NULL);
  shares = describe_shares_sync (client, IMAGE_ID, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_TLS);
  /* A certificate problem is not retried and no request was served. */
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (count, ==, 0);

  g_clear_object (&client);
  drain_main_context ();
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/new-destroy", test_client_new_destroy);
  g_test_add_func ("/client/notify", test_client_notify);
  g_test_add_func ("/client/endpoint/check", test_client_endpoint_check);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/client/endpoint/insecure", test_client_insecure_endpoint, NULL);
  ADD ("/client/no-credentials", test_client_no_credentials, NULL);
  ADD ("/client/new-like", test_client_new_like, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/actions/v%d-%s",
                                               actions_cases[i].version,
                                               actions_cases[i].method);

      ADD (path, test_client_actions, &actions_cases[i]);
    }

  ADD ("/client/paging/shares", test_client_paging_shares, NULL);
  ADD ("/client/n-calls", test_client_n_calls, NULL);
  ADD ("/client/paging/images", test_client_paging_images, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (plan_size_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/plan/add-%u",
                                               plan_size_cases[i].n_accounts);

      ADD (path, test_client_plan_add, &plan_size_cases[i]);
    }
  ADD ("/client/plan/remove-200", test_client_plan_remove_200, NULL);
  ADD ("/client/plan/mixed", test_client_plan_mixed, NULL);
  ADD ("/client/plan/empty", test_client_plan_empty, NULL);
  ADD ("/client/plan/unknown-image", test_client_plan_unknown_image, NULL);
  ADD ("/client/plan/partial", test_client_plan_partial, NULL);
  ADD ("/client/plan/cancel", test_client_plan_cancel, NULL);
  ADD ("/client/plan/adapt/no-limit", test_client_adapt_no_limit, NULL);
  ADD ("/client/plan/adapt/limit", test_client_adapt_limit, GUINT_TO_POINTER (TRUE));
  ADD ("/client/plan/fixed/limit", test_client_adapt_limit, GUINT_TO_POINTER (FALSE));
  ADD ("/client/plan/adapt/limit-drops", test_client_adapt_limit_drops, NULL);
  ADD ("/client/plan/adapt/no-progress", test_client_adapt_no_progress, NULL);
  ADD ("/client/plan/fixed/concurrency", test_client_fixed_concurrency, NULL);
  ADD ("/client/plan/cancel/stops-retries-adapt", test_client_cancel_stops_retries,
       GUINT_TO_POINTER (TRUE));
  ADD ("/client/plan/cancel/stops-retries-fixed", test_client_cancel_stops_retries,
       GUINT_TO_POINTER (FALSE));
  ADD ("/client/plan/answer-lost", test_client_plan_answer_lost, NULL);
  ADD ("/client/plan/answer-lost-retried", test_client_plan_answer_lost_retried, NULL);
  ADD ("/client/plan/not-sent", test_client_plan_not_sent, NULL);

  ADD ("/client/error/no-permission", test_client_error_no_permission, NULL);
  ADD ("/client/error/wrong-secret-v1", test_client_error_wrong_secret,
       GINT_TO_POINTER (ENS_SIGNATURE_V1));
  ADD ("/client/error/wrong-secret-v3", test_client_error_wrong_secret,
       GINT_TO_POINTER (ENS_SIGNATURE_V3));
  ADD ("/client/error/unknown-key", test_client_error_unknown_key, NULL);
  ADD ("/client/error/clock", test_client_error_clock, NULL);
  ADD ("/client/error/sts", test_client_error_sts, NULL);
  ADD ("/client/error/public-image", test_client_error_public_image, NULL);

  ADD ("/client/fault/malformed-json", test_client_fault, &fault_cases[0]);
  ADD ("/client/fault/empty-body", test_client_fault, &fault_cases[1]);
  ADD ("/client/fault/oversized", test_client_fault, &fault_cases[2]);
  ADD ("/client/fault/html-error", test_client_fault, &fault_cases[3]);
  ADD ("/client/fault/reset", test_client_fault, &fault_cases[4]);
  ADD ("/client/fault/wrong-content-type", test_client_fault_wrong_content_type, NULL);
  ADD ("/client/fault/stall", test_client_fault_stall, NULL);
  ADD ("/client/fault/html-error-retried", test_client_fault_retried, &fault_cases[3]);
  ADD ("/client/fault/reset-retried", test_client_fault_retried, &fault_cases[4]);
  ADD ("/client/fault/malformed-not-retried", test_client_fault_not_retried, NULL);

  ADD ("/client/retry/throttle", test_client_retry_throttle, NULL);
  ADD ("/client/retry/give-up", test_client_retry_give_up, NULL);
  ADD ("/client/retry/500", test_client_retry_server_errors, GUINT_TO_POINTER (500));
  ADD ("/client/retry/503", test_client_retry_server_errors, GUINT_TO_POINTER (503));
  ADD ("/client/retry/retry-after", test_client_retry_after, NULL);
  ADD ("/client/cancel/during-backoff", test_client_cancel_during_backoff, NULL);
  ADD ("/client/cancel/in-flight", test_client_cancel_in_flight, NULL);

#undef ADD

  g_test_add_func ("/client/redirect", test_client_redirect);
  g_test_add_func ("/client/keep-alive", test_client_keep_alive);
  g_test_add_func ("/client/tls/self-signed", test_client_tls_self_signed);

  return g_test_run ();
}
