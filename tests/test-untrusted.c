/* test-untrusted.c
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
 * Trust nothing the server says (issue 18): answers whose body carries an
 * error, fields of any length, account IDs of any shape, pages that do not
 * add up, and text that would drive a terminal or a label.  Everything
 * here is GTK-free and socket-free; tests/test-faults-listing.c sends the
 * same lies through a real loopback server.
 */

#include "config.h"

#include <string.h>

#include "ens-error.h"
#include "ens-image.h"
#include "ens-listing.h"
#include "ens-response.h"
#include "ens-text.h"

static GBytes *
text (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static GBytes *
printf_bytes (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static GBytes *
printf_bytes (const char *format,
              ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);

  return g_bytes_new_take (s, strlen (s));
}

static char *
repeat (char  c,
        gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';

  return s;
}

/* Believe the body ---------------------------------------------------------- */

static void
test_body_error (void)
{
  struct {
    const char *body;
    EnsError    category;
    const char *code;
  } cases[] = {
    { "{\"Code\":\"Throttling.User\",\"Message\":\"slow down\",\"RequestId\":\"R-1\"}",
      ENS_ERROR_THROTTLED, "Throttling.User" },
    { "{\"Code\":\"NoPermission\",\"RequestId\":\"R-1\"}", ENS_ERROR_PERMISSION, "NoPermission" },
    { "{\"Code\":403,\"RequestId\":\"R-1\"}", ENS_ERROR_FAILED, "403" },
    { "{\"Success\":false,\"RequestId\":\"R-1\"}", ENS_ERROR_FAILED, NULL },
    { "{\"Success\":\"false\",\"Code\":\"InternalError\",\"RequestId\":\"R-1\"}",
      ENS_ERROR_SERVER, "InternalError" },
  };
  const char *ok[] = {
    "{\"Code\":0,\"RequestId\":\"R-1\"}",
    "{\"Code\":\"200\",\"RequestId\":\"R-1\"}",
    "{\"Code\":\"Success\",\"Success\":true,\"RequestId\":\"R-1\"}",
    "{\"Code\":\"OK\",\"RequestId\":\"R-1\"}",
    "{\"Code\":null,\"RequestId\":\"R-1\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = text (cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;

      g_test_message ("body: %s", cases[i].body);
      /* "2 of 2 changes succeeded" would be false. */
      g_assert_null (ens_response_parse_modify (200, "application/json", body, &error));
      g_assert_error (error, ENS_ERROR, cases[i].category);
      g_assert_cmpstr (ens_error_get_api_code (error), ==, cases[i].code);
      g_assert_cmpstr (ens_error_get_request_id (error), ==, "R-1");

      g_assert_null (ens_response_parse_share_page (200, NULL, body, &error2));
      g_assert_error (error2, ENS_ERROR, cases[i].category);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GBytes) body = text (ok[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *request_id = ens_response_parse_modify (200, NULL, body, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (request_id, ==, "R-1");
    }
}

static void
test_body_error_odd_code (void)
{
  g_autoptr(GBytes) object_code = text ("{\"Code\":{\"x\":1},\"RequestId\":\"R-1\"}");
  g_autofree char *long_code = repeat ('C', ENS_MAX_CODE_CHARS + 1);
  g_autoptr(GBytes) long_body = printf_bytes ("{\"Code\":\"%s\",\"RequestId\":\"R-1\"}", long_code);
  g_autoptr(GError) error = NULL;

  g_assert_null (ens_response_parse_modify (200, NULL, object_code, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (200, NULL, long_body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
}

/* Field lengths ------------------------------------------------------------- */

static void
test_oversized_fields (void)
{
  /* Just under the 1 MiB answer limit, once the rest is added. */
  g_autofree char *huge = repeat ('A', 900 * 1000);
  g_autofree char *long_message = repeat ('m', ENS_MAX_MESSAGE_CHARS + 50);
  g_autofree char *id64 = repeat ('B', ENS_MAX_REQUEST_ID_CHARS);
  g_autoptr(GBytes) modify = printf_bytes ("{\"RequestId\":\"%s\"}", huge);
  g_autoptr(GBytes) modify64 = printf_bytes ("{\"RequestId\":\"%s\"}", id64);
  g_autoptr(GBytes) share = printf_bytes ("{\"RequestId\":\"%s\",\"TotalCount\":2,\"ImageId\":\"%s\","
                                          "\"Accounts\":{\"Account\":[{\"AliyunUid\":\"1\"},{\"AliyunUid\":\"2\"}]}}",
                                          huge, huge + 800000);
  g_autoptr(GBytes) error_body = printf_bytes ("{\"Code\":\"InternalError\",\"RequestId\":\"%s\","
                                               "\"Message\":\"%s\",\"HostId\":\"%s\",\"Recommend\":\"%s\"}",
                                               huge + 500000, long_message, huge + 800000, huge + 850000);
  g_autoptr(EnsSharePage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  const char *message;

  /* A ModifyImageSharePermission answer without a usable RequestId. */
  g_assert_null (ens_response_parse_modify (200, NULL, modify, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  request_id = ens_response_parse_modify (200, NULL, modify64, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, id64);

  /* A listing keeps its accounts; the megabyte is not copied anywhere. */
  page = ens_response_parse_share_page (200, NULL, share, &error);
  g_assert_no_error (error);
  g_assert_null (page->request_id);
  g_assert_null (page->image_id);
  g_assert_cmpuint (g_strv_length (page->accounts), ==, 2);

  /* An error keeps its code; an ID, a host or a link too long to be one
   * is dropped, the message is cut. */
  g_assert_null (ens_response_parse_modify (500, NULL, error_body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InternalError");
  g_assert_null (ens_error_get_request_id (error));
  g_assert_null (ens_error_get_host_id (error));
  g_assert_null (ens_error_get_recommend (error));
  message = ens_error_get_api_message (error);
  g_assert_nonnull (message);
  g_assert_cmpuint (g_utf8_strlen (message, -1), ==, ENS_MAX_MESSAGE_CHARS + 1);
  g_assert_true (g_str_has_suffix (message, "m…"));
}

static void
test_oversized_image_fields (void)
{
  g_autofree char *long_name = repeat ('n', 300);
  g_autofree char *long_id = repeat ('i', ENS_MAX_IMAGE_ID_CHARS + 1);
  g_autoptr(GBytes) body = printf_bytes ("{\"Code\":0,\"TotalCount\":3,\"Images\":{\"Image\":["
                                         "{\"ImageId\":\"m-1\",\"ImageName\":\"%s\",\"Platform\":\"%s\","
                                         "\"CreationTime\":\"%s\",\"ImageOwnerAlias\":\"%s\",\"ImageSize\":\"%s\"},"
                                         "{\"ImageId\":\"%s\"},"
                                         "{\"ImageId\":\"m-2\\u202e\",\"ImageName\":\"x\"},"
                                         "{\"ImageId\":\"m-3\",\"ImageName\":\"evil\\u001b[2J\\u202eexe.txt\"}]}}",
                                         long_name, long_name, long_name, long_name, long_name, long_id);
  g_autoptr(EnsImagePage) page = NULL;
  g_autoptr(GError) error = NULL;
  EnsImage *image;

  page = ens_response_parse_image_page (200, NULL, body, &error);
  g_assert_no_error (error);
  /* The entries whose ID is too long or not plain are skipped. */
  g_assert_cmpuint (page->images->len, ==, 2);

  image = g_ptr_array_index (page->images, 0);
  g_assert_cmpstr (ens_image_get_image_id (image), ==, "m-1");
  g_assert_cmpuint (g_utf8_strlen (ens_image_get_image_name (image), -1), ==, ENS_MAX_IMAGE_NAME_CHARS + 1);
  g_assert_cmpuint (g_utf8_strlen (ens_image_get_platform (image), -1), ==, ENS_MAX_PLATFORM_CHARS + 1);
  g_assert_null (ens_image_get_creation_time (image));
  g_assert_null (ens_image_get_owner_alias (image));
  g_assert_null (ens_image_get_image_size (image));

  image = g_ptr_array_index (page->images, 1);
  g_assert_cmpstr (ens_image_get_image_name (image), ==, "evil\\x1B[2J\\u202Eexe.txt");
}

/* Account IDs --------------------------------------------------------------- */

static void
test_account_shapes (void)
{
  /* ENS (AliyunUid), ECS-style (AliyunId), plain strings and numbers
   * (older SDK shapes), and one object for a list of one. */
  const struct {
    const char *accounts;
    const char *expected;
  } cases[] = {
    { "{\"Account\":[{\"AliyunUid\":\"1234567890123456\"}]}", "1234567890123456" },
    { "{\"Account\":[{\"AliyunId\":\"1234567890123456\",\"SharedTime\":\"2023-01-01T12:05:00Z\"}]}", "1234567890123456" },
    { "{\"Account\":[\"1234567890123456\"]}", "1234567890123456" },
    { "{\"Account\":[1234567890123456]}", "1234567890123456" },
    { "{\"Account\":{\"AliyunUid\":\"1234567890123456\"}}", "1234567890123456" },
    { "[{\"AliyunUid\":\"1234567890123456\"}]", "1234567890123456" },
    { "{\"Account\":[{\"AliyunUid\":9223372036854775807}]}", "9223372036854775807" },
    { "{\"Account\":[\"12345678901234567890123456789012\"]}", "12345678901234567890123456789012" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = printf_bytes ("{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":%s}",
                                             cases[i].accounts);
      g_autoptr(EnsSharePage) page = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("accounts: %s", cases[i].accounts);
      page = ens_response_parse_share_page (200, NULL, body, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (page->accounts), ==, 1);
      g_assert_cmpstr (page->accounts[0], ==, cases[i].expected);
    }
}

static void
test_account_malformed (void)
{
  const char *entries[] = {
    "\"12345678901234ab\"",                         /* letters */
    "\"123456789012345678901234567890123\"",        /* 33 digits */
    "-1234567890123456",                            /* negative */
    "\"-1234567890123456\"",
    "1234567890123456.5",                           /* float */
    "1.234567890123456e15",                         /* exponent */
    "18446744073709551617",                         /* 2^64 + 1: wraps to 1 */
    "9223372036854775808",                          /* 2^63: wraps negative */
    "00012",                                        /* leading zeros */
    "\"\\u202e6543210987654321\"",                  /* bidi override */
    "\"1234567890123456\\n\"",                      /* newline */
    "\" 1234567890123456\"",                        /* space */
    "\"\"",
    "null",
    "true",
    "[]",
    "{}",
    "{\"AliyunUid\":null}",
    "{\"AliyunUid\":{\"nested\":1}}",
    "{\"NoUid\":\"1\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GBytes) body = printf_bytes ("{\"RequestId\":\"R\",\"TotalCount\":2,\"Accounts\":"
                                             "{\"Account\":[\"1111222233334444\",%s]}}", entries[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("entry: %s", entries[i]);
      /* Never a row, never printed: the whole answer is unexpected. */
      g_assert_null (ens_response_parse_share_page (200, NULL, body, &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
    }
}

static void
test_listing_shape (void)
{
  const char *bodies[] = {
    "{\"RequestId\":\"R\",\"TotalCount\":2}",                                     /* no Accounts */
    "{\"RequestId\":\"R\",\"Accounts\":{\"Account\":[\"1\"]}}",                     /* no TotalCount */
    "{\"RequestId\":\"R\",\"TotalCount\":\"many\",\"Accounts\":{\"Account\":[\"1\"]}}",
    "{\"RequestId\":\"R\",\"TotalCount\":-1,\"Accounts\":{\"Account\":[\"1\"]}}",
    "{\"RequestId\":\"R\",\"TotalCount\":18446744073709551617,\"Accounts\":{\"Account\":[\"1\"]}}",
    "{\"RequestId\":\"R\",\"TotalCount\":3,\"Accounts\":{}}",                        /* empty wrapper, 3 said */
    "{\"RequestId\":\"R\",\"TotalCount\":1,\"Accounts\":\"1\"}",
    "{\"RequestId\":\"R\",\"TotalCount\":0,\"Accounts\":null}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = text (bodies[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("body: %s", bodies[i]);
      g_assert_null (ens_response_parse_share_page (200, NULL, body, &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
    }
}

/* Paging -------------------------------------------------------------------- */

/* Feeds one page of account IDs "first".."first + n - 1" (as digits). */
static EnsListingStep
feed (EnsListing  *listing,
      guint        first,
      guint        n,
      guint        total,
      GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_strdup_printf ("%u", 1000000 + first + i));

  return ens_listing_add_page (listing, items->pdata, items->len, total, 0, error);
}

static void
test_listing_complete (void)
{
  g_autoptr(EnsListing) listing = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(GPtrArray) items = NULL;

  g_assert_cmpint (feed (listing, 0, 100, 250, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing, 100, 100, 250, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing, 200, 50, 250, NULL), ==, ENS_LISTING_COMPLETE);
  g_assert_true (ens_listing_is_complete (listing));
  items = ens_listing_steal_items (listing);
  g_assert_cmpuint (items->len, ==, 250);
  g_assert_cmpstr (g_ptr_array_index (items, 249), ==, "1000249");
}

static void
test_listing_repeated (void)
{
  g_autoptr(EnsListing) listing = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(EnsListing) listing2 = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(GPtrArray) items = NULL;
  const char *same[] = { "1", "1", "1" };

  /* The same page again: stop, not "shared with 50000 accounts". */
  g_assert_cmpint (feed (listing, 0, 100, 50000, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing, 0, 100, 50000, NULL), ==, ENS_LISTING_INCOMPLETE);
  g_assert_false (ens_listing_is_complete (listing));
  items = ens_listing_steal_items (listing);
  g_assert_cmpuint (items->len, ==, 100);

  /* One ID repeated within a page is listed once. */
  {
    gpointer page[3] = { g_strdup (same[0]), g_strdup (same[1]), g_strdup (same[2]) };

    g_assert_cmpint (ens_listing_add_page (listing2, page, 3, 3, 0, NULL), ==, ENS_LISTING_INCOMPLETE);
  }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ens_listing_steal_items (listing2);
  g_assert_cmpuint (items->len, ==, 1);
}

static void
test_listing_empty_early (void)
{
  g_autoptr(EnsListing) listing = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);

  /* 300 announced, 3 served, then nothing: not "shared with 3". */
  g_assert_cmpint (feed (listing, 0, 3, 300, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing, 3, 0, 300, NULL), ==, ENS_LISTING_INCOMPLETE);
  g_assert_false (ens_listing_is_complete (listing));
}

static void
test_listing_lying_total (void)
{
  g_autoptr(EnsListing) listing = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(EnsListing) listing2 = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(EnsListing) listing3 = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(EnsListing) listing4 = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);

  /* Full pages, but ceil(250 / 100) = 3 pages served 3 × 50. */
  g_assert_cmpint (feed (listing, 0, 50, 250, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing, 50, 50, 250, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing, 100, 50, 250, NULL), ==, ENS_LISTING_INCOMPLETE);
  g_assert_cmpuint (ens_listing_get_n_pages (listing), ==, 3);

  /* More accounts than announced. */
  g_assert_cmpint (feed (listing2, 0, 5, 2, NULL), ==, ENS_LISTING_INCOMPLETE);

  /* A TotalCount that changes between pages. */
  g_assert_cmpint (feed (listing3, 0, 100, 150, NULL), ==, ENS_LISTING_CONTINUE);
  g_assert_cmpint (feed (listing3, 100, 49, 149, NULL), ==, ENS_LISTING_INCOMPLETE);

  /* A server that serves fewer per page than asked, and says so, is
   * followed to the end. */
  {
    gpointer page[1];

    for (guint i = 0; i < 4; i++)
      {
        page[0] = g_strdup_printf ("%u", 10 + i);
        g_assert_cmpint (ens_listing_add_page (listing4, page, 1, 4, 1, NULL), ==,
                         i < 3 ? ENS_LISTING_CONTINUE : ENS_LISTING_COMPLETE);
      }
  }
}

static void
test_listing_too_many_pages (void)
{
  g_autoptr(EnsListing) listing = ens_listing_new (ENS_LISTING_ACCOUNTS, 1);
  EnsListingStep step = ENS_LISTING_CONTINUE;
  guint pages = 0;

  /* One account a page, 99,999 announced: stops at the page limit. */
  while (step == ENS_LISTING_CONTINUE)
    {
      step = feed (listing, pages, 1, ENS_LISTING_MAX_ACCOUNTS - 1, NULL);
      pages++;
    }

  g_assert_cmpint (step, ==, ENS_LISTING_INCOMPLETE);
  g_assert_cmpuint (pages, ==, ENS_LISTING_MAX_PAGES);
}

static void
test_listing_too_many_items (void)
{
  g_autoptr(EnsListing) listing = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(EnsListing) listing2 = ens_listing_new (ENS_LISTING_ACCOUNTS, 100);
  g_autoptr(EnsListing) listing3 = ens_listing_new (ENS_LISTING_IMAGES, 50);
  g_autoptr(GError) error = NULL;
  EnsListingStep step = ENS_LISTING_CONTINUE;
  guint first = 0;

  /* Announced over the limit: refused at once. */
  g_assert_cmpint (feed (listing, 0, 100, ENS_LISTING_MAX_ACCOUNTS + 1, &error), ==, ENS_LISTING_ERROR);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (ens_error_get_detail (error), "100000"));
  g_clear_error (&error);

  /* Announced within it, served over it (pages larger than asked). */
  while (step == ENS_LISTING_CONTINUE)
    {
      step = feed (listing2, first, 30000, ENS_LISTING_MAX_ACCOUNTS, &error);
      first += 30000;
    }
  g_assert_cmpint (step, ==, ENS_LISTING_ERROR);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_cmpint (ens_listing_add_page (listing3, NULL, 0, ENS_LISTING_MAX_IMAGES + 1, 0, &error),
                   ==, ENS_LISTING_ERROR);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
}

/* Text shown ---------------------------------------------------------------- */

static void
test_sanitize (void)
{
  const struct {
    const char *in;
    gssize      len;
    const char *out;
  } cases[] = {
    { "701B3BB9-9190-544D-90D1-328B0527380C", -1, "701B3BB9-9190-544D-90D1-328B0527380C" },
    { "中文镜像 Ünïcødé", -1, "中文镜像 Ünïcødé" },
    { "\x1b[2Jcleared", -1, "\\x1B[2Jcleared" },
    { "R-1\nshared     1111  RequestId FAKE", -1, "R-1\\x0Ashared     1111  RequestId FAKE" },
    { "tab\there\r", -1, "tab\\x09here\\x0D" },
    { "del\x7f", -1, "del\\x7F" },
    { "c1\xc2\x9b" "31m", -1, "c1\\x9B31m" },
    { "\xe2\x80\xae" "6543210987654321", -1, "\\u202E6543210987654321" },
    { "a\xe2\x81\xa6" "b\xe2\x81\xa9" "c\xe2\x80\x8f" "d\xd8\x9c", -1, "a\\u2066b\\u2069c\\u200Fd\\u061C" },
    { "zero\xe2\x80\x8bwidth\xef\xbb\xbf", -1, "zero\\u200Bwidth\\uFEFF" },
    { "line\xe2\x80\xa8sep", -1, "line\\u2028sep" },
    { "bad\xff\xfeutf8\xc3", -1, "bad\xef\xbf\xbd\xef\xbf\xbdutf8\xef\xbf\xbd" },
    { "nul\0after", 9, "nul\\x00after" },
    { "", -1, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ens_text_sanitize (cases[i].in, cases[i].len);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }

  g_assert_null (ens_text_sanitize (NULL, -1));
  g_assert_true (ens_text_fits ("中文", 2));
  g_assert_false (ens_text_fits ("中文", 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/untrusted/body/error", test_body_error);
  g_test_add_func ("/untrusted/body/odd-code", test_body_error_odd_code);
  g_test_add_func ("/untrusted/fields/oversized", test_oversized_fields);
  g_test_add_func ("/untrusted/fields/images", test_oversized_image_fields);
  g_test_add_func ("/untrusted/accounts/shapes", test_account_shapes);
  g_test_add_func ("/untrusted/accounts/malformed", test_account_malformed);
  g_test_add_func ("/untrusted/accounts/listing-shape", test_listing_shape);
  g_test_add_func ("/untrusted/paging/complete", test_listing_complete);
  g_test_add_func ("/untrusted/paging/repeated", test_listing_repeated);
  g_test_add_func ("/untrusted/paging/empty-early", test_listing_empty_early);
  g_test_add_func ("/untrusted/paging/lying-total", test_listing_lying_total);
  g_test_add_func ("/untrusted/paging/too-many-pages", test_listing_too_many_pages);
  g_test_add_func ("/untrusted/paging/too-many-items", test_listing_too_many_items);
  g_test_add_func ("/untrusted/text/sanitize", test_sanitize);

  return g_test_run ();
}
