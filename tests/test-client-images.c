/* test-client-images.c
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
 * EnsClient's own-images listing (DescribeSelfImages and its fallback),
 * share counts and STS GetCallerIdentity: against the emulator over
 * loopback, and against a SoupServer that lies.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-test-utils.h"

#define KEY_ID      "LTAI5tImagImagImagImag01"
#define KEY_SECRET  "ImagSecretImagSecretImagSecre"
#define ACCOUNT     "1777777777777777"

/* Against the emulator {{{ */

typedef struct
{
  EnsEmulator *emulator;
  EnsClient   *client;
  char        *url;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_set_key_owner (fixture->emulator, KEY_ID, ACCOUNT, "release-bot");

  /* 200 own images, with public ones in between. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-own%03uaaaaaaaaaaaaaaaaaaaa", i);
      g_autofree char *name = g_strdup_printf ("app-%03u", i);

      ens_emulator_add_image (fixture->emulator, id, name, "self", "ubuntu",
                              "2025-01-01T00:00:00Z");
      if (i % 50 == 7)
        {
          g_autofree char *public_id = g_strdup_printf ("ubuntu_%u_x64_20G_alibase", i);

          ens_emulator_add_image (fixture->emulator, public_id, "Ubuntu", "system", "ubuntu",
                                  "2024-01-01T00:00:00Z");
        }
    }
  ens_emulator_set_image_status (fixture->emulator, "m-own001aaaaaaaaaaaaaaaaaaaa", "Creating");

  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  fixture->url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, fixture->url, &error));
  g_assert_no_error (error);
  ens_client_set_credentials (fixture->client, credentials);
  ens_client_set_signature_version (fixture->client, GPOINTER_TO_INT (user_data) == 1 ?
                                    ENS_SIGNATURE_V1 : ENS_SIGNATURE_V3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->client));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (g_steal_pointer (&fixture->emulator));
  g_clear_pointer (&fixture->url, g_free);
}

static void
collect_page_cb (EnsClient *client,
                 GPtrArray *items,
                 gpointer   user_data)
{
  GPtrArray *shown = user_data;

  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (items, i)));
}

/* Lists the own images; the images given page by page as they came (every
 * page but the last) must be own ones, the first of the whole list, in
 * its order. */
static GListModel *
list_self_images (EnsClient  *client,
                  gboolean   *complete,
                  gboolean   *used_fallback,
                  GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *images;

  ens_client_describe_self_images_paged_async (client, collect_page_cb, g_ptr_array_ref (shown),
                                               (GDestroyNotify) g_ptr_array_unref,
                                               NULL, ens_test_store_result_cb, &result);
  images = ens_client_describe_self_images_finish (client, ens_test_wait_for (&result),
                                                   complete, used_fallback, error);
  if (images != NULL && g_list_model_get_n_items (images) > ENS_SELF_IMAGES_PAGE_SIZE_MAX)
    {
      g_assert_cmpuint (shown->len, >=, ENS_SELF_IMAGES_PAGE_SIZE_MAX - 4);
      g_assert_cmpuint (shown->len, <, g_list_model_get_n_items (images));
      for (guint i = 0; i < shown->len; i++)
        {
          g_autoptr(EnsImage) listed = g_list_model_get_item (images, i);
          EnsImage *image = g_ptr_array_index (shown, i);

          g_assert_cmpstr (ens_image_get_owner_alias (image), ==, "self");
          g_assert_cmpstr (ens_image_get_image_id (image), ==, ens_image_get_image_id (listed));
        }
    }
  g_ptr_array_unref (shown);

  return images;
}

static void
assert_own_images (GListModel *images)
{
  g_autoptr(EnsImage) first = NULL;
  g_autoptr(EnsImage) second = NULL;
  g_autoptr(EnsImage) last = NULL;

  g_assert_nonnull (images);
  g_assert_true (g_list_model_get_item_type (images) == ENS_TYPE_IMAGE);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 200);
  first = g_list_model_get_item (images, 0);
  second = g_list_model_get_item (images, 1);
  last = g_list_model_get_item (images, 199);
  g_assert_cmpstr (ens_image_get_image_id (first), ==, "m-own000aaaaaaaaaaaaaaaaaaaa");
  g_assert_cmpstr (ens_image_get_display_name (first), ==, "app-000");
  g_assert_cmpstr (ens_image_get_status (first), ==, "Available");
  g_assert_true (ens_image_is_shareable (first));
  g_assert_cmpstr (ens_image_get_status (second), ==, "Creating");
  g_assert_false (ens_image_is_shareable (second));
  g_assert_cmpstr (ens_image_get_image_name (last), ==, "app-199");
  g_assert_cmpint (ens_image_get_share_count (last), ==, -1);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (images, i);

      g_assert_cmpstr (ens_image_get_owner_alias (image), ==, "self");
    }
}

static void
test_self_images (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  gboolean complete = FALSE;
  gboolean used_fallback = TRUE;

  images = list_self_images (fixture->client, &complete, &used_fallback, &error);
  g_assert_no_error (error);
  assert_own_images (images);
  g_assert_true (complete);
  g_assert_false (used_fallback);
  /* 200 images, 50 a page. */
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 4);
}

static void
test_self_images_fallback (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const struct {
    guint       status;
    const char *code;
  } refusals[] = {
    { 404, "InvalidAction.NotFound" },
    { 403, "Forbidden.RAM" },
    { 400, "NoPermission" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GListModel) images = NULL;
      g_autoptr(GError) error = NULL;
      gboolean complete = FALSE;
      gboolean used_fallback = FALSE;
      guint before = ens_emulator_get_request_count (fixture->emulator);

      ens_emulator_refuse_action (fixture->emulator, "DescribeSelfImages",
                                  refusals[i].status, refusals[i].code);
      images = list_self_images (fixture->client, &complete, &used_fallback, &error);
      g_assert_no_error (error);
      /* The public images DescribeImages lists too are left out. */
      assert_own_images (images);
      g_assert_true (complete);
      g_assert_true (used_fallback);
      /* One refused, then 204 images at 50 a page. */
      g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator) - before, ==, 1 + 5);
    }
}

static void
test_self_images_no_fallback (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(EnsCredentials) wrong = ens_credentials_new ("LTAI5tUnknownUnknownUnk1", KEY_SECRET, NULL);
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  gboolean used_fallback = TRUE;

  /* A key the server does not know is said as it is: DescribeImages would
   * fail the same way, so it is not asked. */
  ens_client_set_credentials (fixture->client, wrong);
  images = list_self_images (fixture->client, NULL, &used_fallback, &error);
  g_assert_null (images);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_AUTH);
  g_assert_false (used_fallback);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);
}

static void
count_notify_cb (EnsImage   *image,
                 GParamSpec *pspec,
                 guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_count_shares (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const two[] = { "1234567890123456", "6543210987654321", NULL };
  static const char * const one[] = { "1122334455667788", NULL };
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) some = g_list_store_new (ENS_TYPE_IMAGE);
  guint n_notified = 0;
  guint n_failed = 99;
  gint64 start;
  gint64 elapsed_ms;

  ens_emulator_set_shares (fixture->emulator, "m-own000aaaaaaaaaaaaaaaaaaaa", two);
  ens_emulator_set_shares (fixture->emulator, "m-own003aaaaaaaaaaaaaaaaaaaa", one);
  images = list_self_images (fixture->client, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (images, i);

      g_list_store_append (some, image);
      g_signal_connect (image, "notify::share-count", G_CALLBACK (count_notify_cb), &n_notified);
    }

  ens_client_set_concurrency (fixture->client, 4);
  ens_client_set_adapt_concurrency (fixture->client, FALSE);
  ens_emulator_set_latency (fixture->emulator, 100);
  start = g_get_monotonic_time ();
  ens_client_count_shares_async (fixture->client, G_LIST_MODEL (some), NULL,
                                 ens_test_store_result_cb, &result);
  g_assert_true (ens_client_count_shares_finish (fixture->client, ens_test_wait_for (&result),
                                                 &n_failed, &error));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_no_error (error);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (n_notified, ==, 8);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (G_LIST_MODEL (some), i);

      g_assert_cmpint (ens_image_get_share_count (image), ==, i == 0 ? 2 : i == 3 ? 1 : 0);
      g_signal_handlers_disconnect_by_data (image, &n_notified);
    }

  /* Four at a time: two rounds of 100 ms, not eight. */
  g_test_message ("8 counts at 100 ms, 4 at a time: %" G_GINT64_FORMAT " ms", elapsed_ms);
  g_assert_cmpint (elapsed_ms, >=, 200);
  g_assert_cmpint (elapsed_ms, <, 700);
}

static void
test_count_shares_cancel (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_counted = 0;

  images = list_self_images (fixture->client, NULL, NULL, &error);
  g_assert_no_error (error);
  ens_client_set_concurrency (fixture->client, 2);
  ens_emulator_set_latency (fixture->emulator, 50);
  ens_client_count_shares_async (fixture->client, images, cancellable,
                                 ens_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (ens_client_count_shares_finish (fixture->client, ens_test_wait_for (&result),
                                                  NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* No more than the two already in flight were started. */
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (images, i);

      if (ens_image_get_share_count (image) >= 0)
        n_counted++;
    }
  g_assert_cmpuint (n_counted, <=, 2);
}

static EnsCallerIdentity *
whoami (EnsClient  *client,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_get_caller_identity_async (client, NULL, ens_test_store_result_cb, &result);

  return ens_client_get_caller_identity_finish (client, ens_test_wait_for (&result), error);
}

static void
test_caller_identity (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(EnsCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_name = NULL;

  identity = whoami (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_caller_identity_get_account_id (identity), ==, ACCOUNT);
  g_assert_cmpstr (ens_caller_identity_get_identity_type (identity), ==, "RAMUser");
  g_assert_cmpstr (ens_caller_identity_get_arn (identity), ==, "acs:ram::" ACCOUNT ":user/release-bot");
  g_assert_nonnull (ens_caller_identity_get_user_id (identity));
  g_assert_nonnull (ens_caller_identity_get_principal_id (identity));
  user_name = ens_caller_identity_dup_user_name (identity);
  g_assert_cmpstr (user_name, ==, "release-bot");

  /* The account's own key: no user name. */
  g_clear_object (&identity);
  g_clear_pointer (&user_name, g_free);
  ens_emulator_set_key_owner (fixture->emulator, KEY_ID, ACCOUNT, NULL);
  identity = whoami (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_caller_identity_get_identity_type (identity), ==, "Account");
  user_name = ens_caller_identity_dup_user_name (identity);
  g_assert_null (user_name);
  /* The client keeps the last one, for the history's record. */
  g_assert_true (ens_client_peek_caller_identity (fixture->client) == identity);
  g_clear_object (&identity);
}

static void
test_image_matches (void)
{
  g_autoptr(EnsImage) image = g_object_new (ENS_TYPE_IMAGE,
                                            "image-id", "m-5s7qotzavwbrnzaqh4unmabcd",
                                            "image-name", "Web-Frontend-2024",
                                            "status", "Available",
                                            NULL);
  g_autoptr(EnsImage) unnamed = g_object_new (ENS_TYPE_IMAGE, "image-id", "m-unnamed", NULL);

  g_assert_true (ens_image_matches (image, NULL));
  g_assert_true (ens_image_matches (image, "  "));
  g_assert_true (ens_image_matches (image, "frontend"));
  g_assert_true (ens_image_matches (image, " WEB-front "));
  g_assert_true (ens_image_matches (image, "h4unmab"));
  g_assert_false (ens_image_matches (image, "postgres"));
  g_assert_true (ens_image_matches (unnamed, "unnamed"));
  g_assert_cmpstr (ens_image_get_display_name (unnamed), ==, "m-unnamed");
  g_assert_true (ens_image_is_shareable (unnamed));
}

static void
test_sts_endpoint (void)
{
  static const char * const cases[][2] = {
    { "https://ens.aliyuncs.com", "https://sts.aliyuncs.com" },
    { "https://ens.aliyuncs.com/", "https://sts.aliyuncs.com" },
    { "https://ENS.aliyuncs.com", "https://sts.aliyuncs.com" },
    { "https://ens.ap-southeast-1.aliyuncs.com", "https://sts.ap-southeast-1.aliyuncs.com" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "https://ens.example.internal", "https://ens.example.internal" },
    { "https://ens.aliyuncs.com.evil.example", "https://ens.aliyuncs.com.evil.example" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sts = ens_client_get_sts_endpoint_for (cases[i][0]);

      g_assert_cmpstr (sts, ==, cases[i][1]);
    }
}

static gboolean
run_and_wait (EnsClient     *client,
              EnsSharePlan  *plan,
              void         (*start) (EnsClient *, EnsSharePlan *, GCancellable *,
                                     GAsyncReadyCallback, gpointer),
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  start (client, plan, NULL, ens_test_store_result_cb, &result);
  if (start == ens_client_run_plan_async)
    return ens_client_run_plan_finish (client, ens_test_wait_for (&result), error);

  return ens_client_review_plan_finish (client, ens_test_wait_for (&result), error);
}

static void
test_plan_several_images (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const char * const shared_a[] = { "1111111111111111", "3333333333333333", NULL };
  const char * const images[] = { "m-own000aaaaaaaaaaaaaaaaaaaa", "m-own001aaaaaaaaaaaaaaaaaaaa",
                                  "m-own002aaaaaaaaaaaaaaaaaaaa", NULL };
  const char * const add[] = { "1111111111111111", "2222222222222222", NULL };
  const char * const remove[] = { "3333333333333333", NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, remove);
  g_autoptr(EnsSharePlan) inverse = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) now = NULL;
  guint before;

  ens_emulator_set_shares (fixture->emulator, images[0], shared_a);

  /* The preview reads three lists and sends nothing. */
  before = ens_emulator_get_request_count (fixture->emulator);
  g_assert_true (run_and_wait (fixture->client, plan, ens_client_preview_plan_async, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator) - before, ==, 3);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_SKIPPED), ==, 1);
  /* Image 0 had 3333…; images 1 and 2 did not. */
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_SKIPPED), ==, 2);

  /* Additions batched per image (3 requests), one removal: 4 requests. */
  before = ens_emulator_get_request_count (fixture->emulator);
  g_assert_true (run_and_wait (fixture->client, plan, ens_client_run_plan_async, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator) - before, ==, 4);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==, 5);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      now = ens_emulator_dup_shares (fixture->emulator, images[i]);
      g_assert_true (g_strv_contains ((const char * const *)now, "2222222222222222"));
      g_assert_false (g_strv_contains ((const char * const *)now, "3333333333333333"));
      g_clear_pointer (&now, g_strfreev);
    }

  g_assert_true (run_and_wait (fixture->client, plan, ens_client_verify_plan_async, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_share_plan_count_verification (plan, ENS_VERIFY_VERIFIED), ==, 9);
  g_assert_cmpuint (ens_share_plan_count_verification (plan, ENS_VERIFY_DISAGREES), ==, 0);

  /* One Undo for the whole change: the skipped ones are left alone. */
  inverse = ens_share_plan_new_inverse (plan);
  g_assert_cmpuint (ens_share_plan_get_n_accounts (inverse), ==, 6);
  g_assert_true (run_and_wait (fixture->client, inverse, ens_client_run_plan_async, &error));
  g_assert_no_error (error);
  now = ens_emulator_dup_shares (fixture->emulator, images[0]);
  g_assert_cmpstrv (now, shared_a);
  g_clear_pointer (&now, g_strfreev);
  now = ens_emulator_dup_shares (fixture->emulator, images[2]);
  g_assert_cmpuint (g_strv_length (now), ==, 0);
}

static void
test_plan_lost_answer_verified (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char * const images[] = { "m-own000aaaaaaaaaaaaaaaaaaaa", "m-own001aaaaaaaaaaaaaaaaaaaa", NULL };
  const char * const add[] = { "1111111111111111", NULL };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new_for_images (images, add, NULL);
  g_autoptr(GError) error = NULL;

  /* Every try's answer is lost after the change is made. */
  g_object_set (fixture->client, "retry-delay", 10, "max-retries", 1, NULL);
  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_adapt_concurrency (fixture->client, FALSE);
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_APPLY_RESET, 4);
  g_assert_false (run_and_wait (fixture->client, plan, ens_client_run_plan_async, &error));
  g_clear_error (&error);
  g_assert_cmpuint (ens_share_plan_count_uncertain (plan), ==, 2);

  g_assert_true (run_and_wait (fixture->client, plan, ens_client_verify_plan_async, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_share_plan_count_uncertain (plan), ==, 0);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==, 2);
  g_assert_cmpuint (ens_share_plan_count_verification (plan, ENS_VERIFY_VERIFIED), ==, 2);
}

/* }}} */

/* Against a server that lies {{{ */

typedef struct
{
  SoupServer *server;
  EnsClient  *client;
  char       *url;
  const char *body;
  guint       requests;
} Liar;

static void
liar_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Liar *liar = user_data;

  liar->requests++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    liar->body, strlen (liar->body));
}

static void
liar_setup (Liar          *liar,
            gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;

  liar->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (liar->server, NULL, liar_handler, liar, NULL);
  g_assert_true (soup_server_listen_local (liar->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  liar->url = ens_test_server_url (liar->server);
  liar->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (liar->client, liar->url, &error));
  ens_client_set_credentials (liar->client, credentials);
  g_object_set (liar->client, "retry-delay", 10, "max-retries", 0, NULL);
}

static void
liar_teardown (Liar          *liar,
               gconstpointer  data)
{
  g_assert_finalize_object (liar->client);
  soup_server_disconnect (liar->server);
  g_assert_finalize_object (liar->server);
  g_free (liar->url);
}

static void
test_liar_identity (Liar          *liar,
                    gconstpointer  data)
{
  static const char * const refused[] = {
    "{\"RequestId\":\"X\"}",
    "{\"RequestId\":\"X\",\"AccountId\":\"\"}",
    "{\"RequestId\":\"X\",\"AccountId\":\"12ab\"}",
    "{\"RequestId\":\"X\",\"AccountId\":\"123456789012345678901234567890123\"}",
    "{\"RequestId\":\"X\",\"AccountId\":-5}",
    "{\"RequestId\":\"X\",\"AccountId\":1.5}",
    "{\"RequestId\":\"X\",\"AccountId\":[\"1\"]}",
    "[\"AccountId\",\"1234\"]",
  };
  g_autofree char *long_arn = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(EnsCallerIdentity) identity = NULL;
      g_autoptr(GError) error = NULL;

      liar->body = refused[i];
      identity = whoami (liar->client, &error);
      g_assert_null (identity);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
    }

  /* A number is an ID; fields too long are dropped; control characters
   * that would drive a terminal are not passed on. */
  long_arn = g_strnfill (ENS_MAX_ARN_CHARS + 1, 'a');
  body = g_strdup_printf ("{\"RequestId\":\"X\",\"AccountId\":1234567890123456,"
                          "\"Arn\":\"%s\",\"UserId\":\"evil\\u001b]0;pwned\\u0007\","
                          "\"IdentityType\":\"RAMUserRAMUserRAMUserRAMUserRAMUserRAMUser\"}",
                          long_arn);
  liar->body = body;
  {
    g_autoptr(EnsCallerIdentity) identity = NULL;
    g_autoptr(GError) error = NULL;

    identity = whoami (liar->client, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ens_caller_identity_get_account_id (identity), ==, "1234567890123456");
    g_assert_null (ens_caller_identity_get_arn (identity));
    g_assert_null (ens_caller_identity_get_identity_type (identity));
    g_assert_null (strchr (ens_caller_identity_get_user_id (identity), '\033'));
    g_assert_null (strchr (ens_caller_identity_get_user_id (identity), '\007'));
    g_assert_null (ens_caller_identity_dup_user_name (identity));
  }
}

static void
test_liar_self_images (Liar          *liar,
                       gconstpointer  data)
{
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsImage) image = NULL;
  gboolean complete = TRUE;
  g_autofree char *long_status = g_strnfill (ENS_MAX_SHORT_FIELD_CHARS + 1, 'A');
  g_autofree char *body = NULL;

  /* Another's image slipped in, a status that drives a terminal, one too
   * long, an ID that is not one; TotalCount says 5 but 4 come and then
   * the page repeats. */
  body = g_strdup_printf ("{\"RequestId\":\"X\",\"TotalCount\":\"5\",\"PageSize\":\"50\",\"PageNumber\":\"1\","
                          "\"Images\":{\"Image\":["
                          "{\"ImageId\":\"m-good1\",\"ImageOwnerAlias\":\"self\",\"Status\":\"Avail\\u001b[2Jable\"},"
                          "{\"ImageId\":\"m-theirs\",\"ImageOwnerAlias\":\"others\",\"Status\":\"Available\"},"
                          "{\"ImageId\":\"m-good2\",\"ImageOwnerAlias\":\"self\",\"Status\":\"%s\"},"
                          "{\"ImageId\":\"../../etc\",\"ImageOwnerAlias\":\"self\"}]}}",
                          long_status);
  liar->body = body;
  images = list_self_images (liar->client, &complete, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (complete);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 2);
  image = g_list_model_get_item (images, 0);
  g_assert_cmpstr (ens_image_get_image_id (image), ==, "m-good1");
  g_assert_null (strchr (ens_image_get_status (image), '\033'));
  g_assert_false (ens_image_is_shareable (image));
  g_clear_object (&image);
  image = g_list_model_get_item (images, 1);
  g_assert_cmpstr (ens_image_get_image_id (image), ==, "m-good2");
  g_assert_null (ens_image_get_status (image));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/client-images/self-images/v1", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_self_images, fixture_tear_down);
  g_test_add ("/client-images/self-images/v3", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_self_images, fixture_tear_down);
  g_test_add ("/client-images/self-images/fallback", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_self_images_fallback, fixture_tear_down);
  g_test_add ("/client-images/self-images/no-fallback", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_self_images_no_fallback, fixture_tear_down);
  g_test_add ("/client-images/count-shares", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_count_shares, fixture_tear_down);
  g_test_add ("/client-images/count-shares/cancel", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_count_shares_cancel, fixture_tear_down);
  g_test_add ("/client-images/caller-identity/v1", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_caller_identity, fixture_tear_down);
  g_test_add ("/client-images/caller-identity/v3", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_caller_identity, fixture_tear_down);
  g_test_add_func ("/client-images/sts-endpoint", test_sts_endpoint);
  g_test_add_func ("/client-images/image-matches", test_image_matches);
  g_test_add ("/client-images/plan/several-images", Fixture, GINT_TO_POINTER (3),
              fixture_set_up, test_plan_several_images, fixture_tear_down);
  g_test_add ("/client-images/plan/lost-answer-verified", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_plan_lost_answer_verified, fixture_tear_down);
  g_test_add ("/client-images/liar/identity", Liar, NULL,
              liar_setup, test_liar_identity, liar_teardown);
  g_test_add ("/client-images/liar/self-images", Liar, NULL,
              liar_setup, test_liar_self_images, liar_teardown);

  return g_test_run ();
}
