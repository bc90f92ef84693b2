/* test-faults-listing.c
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
 * The fault matrix, continued (issue 18): a plain SoupServer on 127.0.0.1
 * that lies about the share list — pages that repeat, stop early or do not
 * match their TotalCount, more accounts than any image has, fields of a
 * megabyte, errors in 200 answers, account IDs that are not IDs — against
 * the whole client path (EnsClient, and EnsShareList for the window).
 *
 * Every case prints a "fault-table|<fault>|<outcome>" test message, as
 * tests/test-faults.c does, for the table in tests/README.md.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "ens-client.h"
#include "ens-credentials.h"
#include "ens-error.h"
#include "ens-listing.h"
#include "ens-share-list.h"
#include "ens-test-utils.h"

#define KEY_ID      "LTAI5tListListListList01"
#define KEY_SECRET  "ListSecretListSecretListSecre"
#define IMAGE_ID    "m-5s7qotzavwbrnzaqh4ulist01"

/* The liar {{{ */

typedef char *(*PageFunc) (guint page_number);

typedef struct
{
  SoupServer *server;
  EnsClient  *client;
  char       *url;
  PageFunc    page;
  guint       status;
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
  const char *number = query != NULL ? g_hash_table_lookup (query, "PageNumber") : NULL;
  guint64 page_number = 1;
  char *body;

  liar->requests++;
  if (number != NULL)
    g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &page_number, NULL);

  body = liar->page ((guint) page_number);
  soup_server_message_set_status (msg, liar->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static void
liar_setup (Liar          *liar,
            gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;

  liar->status = SOUP_STATUS_OK;
  liar->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (liar->server, NULL, liar_handler, liar, NULL);
  g_assert_true (soup_server_listen_local (liar->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  liar->url = ens_test_server_url (liar->server);

  liar->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (liar->client, liar->url, &error));
  g_assert_no_error (error);
  ens_client_set_credentials (liar->client, credentials);
  ens_client_set_timeouts (liar->client, 5, 10);
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

static GStrv
list_shares (Liar      *liar,
             gboolean  *complete,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liar->requests = 0;
  ens_client_describe_image_share_permission_async (liar->client, IMAGE_ID, NULL,
                                                    ens_test_store_result_cb, &result);

  return ens_client_describe_image_share_permission_finish_full (liar->client,
                                                                 ens_test_wait_for (&result),
                                                                 complete, error);
}

/* A page of @n account IDs from @first, under "Accounts": {"Account": […]}. */
static char *
page_of (guint       page_number,
         guint       total,
         guint       first,
         guint       n,
         const char *request_id)
{
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "{\"RequestId\":\"%s\",\"TotalCount\":%u,\"PageNumber\":%u,"
                          "\"PageSize\":100,\"ImageId\":\"" IMAGE_ID "\",\"Accounts\":{\"Account\":[",
                          request_id != NULL ? request_id : "LIAR", total, page_number);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (str, "%s{\"AliyunUid\":\"%016u\"}", i > 0 ? "," : "", first + i);
  g_string_append (str, "]}}");

  return g_string_free (str, FALSE);
}

static void
fault_row (const char *fault,
           const char *outcome)
{
  g_test_message ("fault-table|%s|%s", fault, outcome);
}

static void
assert_incomplete (Liar       *liar,
                   const char *fault,
                   guint       n_expected,
                   guint       requests_expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gboolean complete = TRUE;

  shares = list_shares (liar, &complete, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shares);
  g_assert_cmpuint (g_strv_length (shares), ==, n_expected);
  g_assert_false (complete);
  g_assert_cmpuint (liar->requests, ==, requests_expected);
  fault_row (fault, "list kept, marked “may be incomplete”");
}

static void
assert_unexpected (Liar       *liar,
                   const char *fault,
                   EnsError    category)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gboolean complete = TRUE;

  shares = list_shares (liar, &complete, &error);
  g_assert_null (shares);
  g_assert_false (complete);
  g_assert_error (error, ENS_ERROR, category);
  fault_row (fault, category == ENS_ERROR_INVALID_RESPONSE ? "invalid-response (unexpected answer)"
                                                           : error->message);
}

/* }}} */

/* Pages that do not add up {{{ */

static char *
page_repeat (guint page_number)
{
  /* The same 100 accounts on every page, 50,000 announced. */
  return page_of (page_number, 50000, 1000, 100, NULL);
}

static void
test_repeating_pages (Liar          *liar,
                      gconstpointer  data)
{
  liar->page = page_repeat;
  /* Stopped at the first repeat, not "shared with 50000 accounts". */
  assert_incomplete (liar, "pages repeat accounts already listed", 100, 2);
}

static char *
page_short (guint page_number)
{
  return page_of (page_number, 300, 1000, page_number == 1 ? 3 : 0, NULL);
}

static void
test_empty_page_early (Liar          *liar,
                       gconstpointer  data)
{
  liar->page = page_short;
  /* Not "shared with 3" when 300 were announced. */
  assert_incomplete (liar, "an empty page before TotalCount", 3, 2);
}

static char *
page_half (guint page_number)
{
  /* 250 announced, pages of 100 asked, 50 served each time: after
   * ceil(250 / 100) = 3 pages, only 150. */
  return page_of (page_number, 250, 1000 + (page_number - 1) * 50, 50, NULL);
}

static void
test_lying_total (Liar          *liar,
                  gconstpointer  data)
{
  liar->page = page_half;
  assert_incomplete (liar, "TotalCount larger than what the pages hold", 150, 3);
}

static char *
page_honest (guint page_number)
{
  guint first = (page_number - 1) * 100;

  return page_of (page_number, 250, 1000 + first, MIN (100, 250 - first), NULL);
}

static void
test_honest_pages (Liar          *liar,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gboolean complete = FALSE;

  liar->page = page_honest;
  shares = list_shares (liar, &complete, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (shares), ==, 250);
  g_assert_true (complete);
  g_assert_cmpuint (liar->requests, ==, 3);
}

static char *
page_announce_too_many (guint page_number)
{
  return page_of (page_number, ENS_LISTING_MAX_ACCOUNTS + 1, 1000, 100, NULL);
}

/* Near 1 MiB of plain-string account IDs a page (an older SDK shape). */
static char *
page_serve_too_many (guint page_number)
{
  GString *str = g_string_new (NULL);
  guint first = (page_number - 1) * 55000;

  g_string_append_printf (str, "{\"RequestId\":\"R\",\"TotalCount\":%u,\"Accounts\":{\"Account\":[",
                          ENS_LISTING_MAX_ACCOUNTS);
  for (guint i = 0; i < 55000; i++)
    g_string_append_printf (str, "%s\"%016u\"", i > 0 ? "," : "", first + i);
  g_string_append (str, "]}}");

  return g_string_free (str, FALSE);
}

static void
test_too_many_accounts (Liar          *liar,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  liar->page = page_announce_too_many;
  assert_unexpected (liar, "TotalCount above 100,000 accounts", ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (liar->requests, ==, 1);

  /* Announced within the limit, served beyond it: memory stays bounded. */
  liar->page = page_serve_too_many;
  shares = list_shares (liar, NULL, &error);
  g_assert_null (shares);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (ens_error_get_detail (error), "100000"));
  g_assert_cmpuint (liar->requests, ==, 2);
  fault_row ("pages serving more than 100,000 accounts", "invalid-response (limit named)");
}

/* }}} */

/* Believe the body {{{ */

static char *
page_body_error (guint page_number)
{
  return g_strdup ("{\"RequestId\":\"R-200\",\"Code\":\"NoPermission\",\"Message\":\"Permission denied.\"}");
}

static void
test_200_with_error (Liar          *liar,
                     gconstpointer  data)
{
  static const char * const add[] = { "1234567890123456", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  liar->page = page_body_error;
  assert_unexpected (liar, "200 whose body carries an error Code", ENS_ERROR_PERMISSION);

  /* Not "1 of 1 change succeeded". */
  ens_client_modify_image_share_permission_async (liar->client, IMAGE_ID, add, NULL, NULL,
                                                  ens_test_store_result_cb, &result);
  request_id = ens_client_modify_image_share_permission_finish (liar->client,
                                                                ens_test_wait_for (&result),
                                                                NULL, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "NoPermission");
  g_assert_cmpstr (ens_error_get_request_id (error), ==, "R-200");
}

static const char *shape_body;

static char *
page_shape (guint page_number)
{
  return g_strdup (shape_body);
}

static void
test_listing_shapes (Liar          *liar,
                     gconstpointer  data)
{
  const struct {
    const char *fault;
    const char *body;
  } bad[] = {
    { "listing without Accounts", "{\"RequestId\":\"R\",\"TotalCount\":2}" },
    { "listing without TotalCount", "{\"RequestId\":\"R\",\"Accounts\":{\"Account\":[{\"AliyunUid\":\"1234567890123456\"}]}}" },
    { "account entry without an ID", "{\"RequestId\":\"R\",\"TotalCount\":2,\"Accounts\":{\"Account\":[{\"AliyunUid\":\"1234567890123456\"},{\"Other\":\"1\"}]}}" },
    { "account ID with letters", "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunUid\":\"12345678901234ab\"}]}}" },
    { "account ID of 33 digits", "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[\"123456789012345678901234567890123\"]}}" },
    { "negative account ID", "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunUid\":-1234567890123456}]}}" },
    { "account ID as a float", "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunUid\":1234567890123456.0}]}}" },
    { "account ID 2^64 + 1", "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunUid\":18446744073709551617}]}}" },
    { "account ID with U+202E", "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunUid\":\"\\u202e6543210987654321\"}]}}" },
  };
  const struct {
    const char *body;
    const char *expected;
  } good[] = {
    { "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunId\":\"1234567890123456\",\"SharedTime\":\"2023-01-01T12:05:00Z\"}]}}", "1234567890123456" },
    { "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":{\"Account\":[\"6543210987654321\"]}}", "6543210987654321" },
  };

  liar->page = page_shape;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      shape_body = bad[i].body;
      assert_unexpected (liar, bad[i].fault, ENS_ERROR_INVALID_RESPONSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) shares = NULL;
      gboolean complete = FALSE;

      shape_body = good[i].body;
      shares = list_shares (liar, &complete, &error);
      g_assert_no_error (error);
      g_assert_true (complete);
      g_assert_cmpuint (g_strv_length (shares), ==, 1);
      g_assert_cmpstr (shares[0], ==, good[i].expected);
    }
  fault_row ("AliyunId (ECS-style) and plain-string entries", "read as account IDs");
}

/* }}} */

/* Field lengths {{{ */

static char *huge_id;

static char *
page_huge_request_id (guint page_number)
{
  return page_of (page_number, 3, 1000, 3, huge_id);
}

static char *
modify_huge_request_id (guint page_number)
{
  return g_strdup_printf ("{\"RequestId\":\"%s\"}", huge_id);
}

static void
test_oversized_request_id (Liar          *liar,
                           gconstpointer  data)
{
  static const char * const add[] = { "1234567890123456", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_auto(GStrv) shares = NULL;
  gboolean complete = FALSE;

  huge_id = g_strnfill (1000 * 1000, 'A');

  /* The accounts arrive; the megabyte is not copied into each of them. */
  liar->page = page_huge_request_id;
  shares = list_shares (liar, &complete, &error);
  g_assert_no_error (error);
  g_assert_true (complete);
  g_assert_cmpuint (g_strv_length (shares), ==, 3);
  fault_row ("1 MB RequestId in a listing", "RequestId dropped, accounts kept");

  liar->page = modify_huge_request_id;
  ens_client_modify_image_share_permission_async (liar->client, IMAGE_ID, add, NULL, NULL,
                                                  ens_test_store_result_cb, &result);
  request_id = ens_client_modify_image_share_permission_finish (liar->client,
                                                                ens_test_wait_for (&result),
                                                                NULL, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  fault_row ("1 MB RequestId in a change's answer", "invalid-response (unexpected answer)");

  g_clear_pointer (&huge_id, g_free);
}

/* }}} */

/* The share list the window shows {{{ */

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
load_list (EnsShareList *list)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect_swapped (list, "loaded", G_CALLBACK (set_flag_cb), &loaded);

  ens_share_list_set_image_id (list, IMAGE_ID);
  ens_share_list_load (list);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (list, id);
}

static void
test_share_list_complete (Liar          *liar,
                          gconstpointer  data)
{
  g_autoptr(EnsShareList) list = ens_share_list_new (liar->client);
  g_autoptr(EnsShareList) list2 = ens_share_list_new (liar->client);

  /* Repeating pages: a list, said to be incomplete. */
  liar->page = page_repeat;
  g_assert_true (ens_share_list_get_complete (list));
  load_list (list);
  g_assert_cmpint (ens_share_list_get_state (list), ==, ENS_SHARE_LIST_LIST);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 100);
  g_assert_false (ens_share_list_get_complete (list));

  /* Read again from an honest server: complete again. */
  liar->page = page_honest;
  load_list (list);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 250);
  g_assert_true (ens_share_list_get_complete (list));

  /* Nothing listed although 300 were announced: never "not shared with
   * any account". */
  shape_body = "{\"RequestId\":\"R\",\"TotalCount\":300,\"Accounts\":{\"Account\":[]}}";
  liar->page = page_shape;
  load_list (list2);
  g_assert_cmpint (ens_share_list_get_state (list2), ==, ENS_SHARE_LIST_ERROR);
  g_assert_error (ens_share_list_get_error (list2), ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  fault_row ("no account listed, 300 announced (window)", "error, not “not shared”");

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&list2));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD_LIAR_TEST(path, func) \
  g_test_add ("/faults-listing/" path, Liar, NULL, liar_setup, func, liar_teardown)

  ADD_LIAR_TEST ("pages/repeating", test_repeating_pages);
  ADD_LIAR_TEST ("pages/empty-early", test_empty_page_early);
  ADD_LIAR_TEST ("pages/lying-total", test_lying_total);
  ADD_LIAR_TEST ("pages/honest", test_honest_pages);
  ADD_LIAR_TEST ("pages/too-many-accounts", test_too_many_accounts);
  ADD_LIAR_TEST ("body/200-with-error", test_200_with_error);
  ADD_LIAR_TEST ("body/listing-shapes", test_listing_shapes);
  ADD_LIAR_TEST ("fields/oversized-request-id", test_oversized_request_id);
  ADD_LIAR_TEST ("share-list/complete", test_share_list_complete);

  return g_test_run ();
}
