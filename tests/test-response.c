/* test-response.c
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

#include "ens-error.h"
#include "ens-image.h"
#include "ens-response.h"

#define VECTOR_G_STRING_TO_SIGN \
  "GET&%2F&AccessKeyId%3Dtestid%26Action%3DModifyImageSharePermission%26AddAccounts%3D1234567890123456%252C6543210987654321%26Format%3DJSON%26ImageId%3Dm-5s7qotzavwbrnzaqh4unmabcd%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dd410180a5abf7fe235dd9b74aca91fc0%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2017-11-10"
#define VECTOR_J_HASH "78a817115dcf435b5f66d3530944f65ac6daf4d0a3199e5c36ed283da7a72c0b"

static GBytes *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "responses", name, NULL);
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static GBytes *
text (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static void
assert_detail_contains (const GError *error,
                        const char   *needle)
{
  const char *detail = ens_error_get_detail (error);

  g_assert_nonnull (detail);
  if (strstr (detail, needle) == NULL)
    g_error ("detail “%s” does not contain “%s”", detail, needle);
}

static void
test_modify_success (void)
{
  g_autoptr(GBytes) body = load ("modify-success.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  request_id = ens_response_parse_modify (200, "application/json;charset=utf-8", body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, "701B3BB9-9190-544D-90D1-328B0527380C");
  g_clear_pointer (&request_id, g_free);

  /* No content type is fine for a JSON body. */
  request_id = ens_response_parse_modify (200, NULL, body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, "701B3BB9-9190-544D-90D1-328B0527380C");
  g_clear_pointer (&request_id, g_free);

  request_id = ens_response_parse_modify (200, "Application/JSON ; charset=UTF-8", body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, "701B3BB9-9190-544D-90D1-328B0527380C");
  g_clear_pointer (&request_id, g_free);

  /* A wrong label means something else answered: refused, and said so. */
  request_id = ens_response_parse_modify (200, "text/plain", body, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (ens_error_get_detail (error), "text/plain"));
}

static void
test_modify_no_request_id (void)
{
  g_autoptr(GBytes) body = load ("modify-no-request-id.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  request_id = ens_response_parse_modify (200, "application/json", body, &error);
  g_assert_null (request_id);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 200);
  assert_detail_contains (error, "request ID");
}

static void
test_share_pages (void)
{
  g_autoptr(GBytes) body1 = load ("share-page-1.json");
  g_autoptr(GBytes) body2 = load ("share-page-2.json");
  g_autoptr(EnsSharePage) page1 = NULL;
  g_autoptr(EnsSharePage) page2 = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected1[] = { "1234567890123456", "6543210987654321", NULL };
  const char * const expected2[] = { "1111222233334444", NULL };

  page1 = ens_response_parse_share_page (200, "application/json", body1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page1);
  g_assert_cmpstr (page1->request_id, ==, "A44EE357-6174-5E37-A801-48F5790F9ACE");
  g_assert_cmpstr (page1->image_id, ==, "m-5s7qotzavwbrnzaqh4unmabcd");
  g_assert_cmpuint (page1->total_count, ==, 3);
  g_assert_cmpuint (page1->page_number, ==, 1);
  g_assert_cmpuint (page1->page_size, ==, 2);
  g_assert_cmpstrv (page1->accounts, expected1);
  /* Another page is needed. */
  g_assert_cmpuint (page1->page_number * page1->page_size, <, page1->total_count);

  page2 = ens_response_parse_share_page (200, NULL, body2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page2);
  g_assert_cmpstr (page2->request_id, ==, "B6C1E2F4-0D3A-5E6B-9C8D-7A6B5C4D3E2F");
  g_assert_cmpuint (page2->total_count, ==, 3);
  g_assert_cmpuint (page2->page_number, ==, 2);
  g_assert_cmpuint (page2->page_size, ==, 2);
  g_assert_cmpstrv (page2->accounts, expected2);
  /* The last page. */
  g_assert_cmpuint (page2->page_number * page2->page_size, >=, page2->total_count);
}

static void
test_share_wrong_types (void)
{
  g_autoptr(GBytes) body = load ("share-wrong-types.json");
  g_autoptr(GBytes) fixed = text ("{\"TotalCount\":\"4\",\"PageSize\":true,\"RequestId\":12345,"
                                  "\"PageNumber\":-3,\"ImageId\":[\"m-x\"],\"Accounts\":{\"Account\":["
                                  "{\"AliyunUid\":1234567890123456},\"6543210987654321\",425,"
                                  "{\"AliyunUid\":\"2222333344445555\"}]}}");
  g_autoptr(EnsSharePage) page = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = {
    "1234567890123456", "6543210987654321", "425", "2222333344445555", NULL
  };

  /* An entry whose account cannot be read makes the answer unexpected:
   * skipping it would show a list that is not the server's. */
  g_assert_null (ens_response_parse_share_page (200, "application/json", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  assert_detail_contains (error, "Entry 2 ");
  g_clear_error (&error);

  /* Numbers and plain strings are read; other members of the wrong type
   * count as missing. */
  page = ens_response_parse_share_page (200, "application/json", fixed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpstrv (page->accounts, expected);
  g_assert_null (page->request_id);             /* a number */
  g_assert_null (page->image_id);               /* an array */
  g_assert_cmpuint (page->total_count, ==, 4);  /* "4" */
  g_assert_cmpuint (page->page_number, ==, 1);  /* -3: ignored */
  g_assert_cmpuint (page->page_size, ==, 0);    /* true: not said */
}

static void
test_share_empty (void)
{
  g_autoptr(GBytes) body = text ("{\"RequestId\":\"R\",\"TotalCount\":0,\"PageNumber\":1,\"PageSize\":100,"
                                 "\"ImageId\":\"m-x\",\"Accounts\":{\"Account\":[]}}");
  g_autoptr(GBytes) wrapper = text ("{\"RequestId\":\"R\",\"TotalCount\":0,\"Accounts\":{}}");
  g_autoptr(GBytes) missing = text ("{\"RequestId\":\"R\",\"Accounts\":\"none\"}");
  g_autoptr(EnsSharePage) page = NULL;
  g_autoptr(EnsSharePage) page2 = NULL;
  g_autoptr(GError) error = NULL;

  page = ens_response_parse_share_page (200, NULL, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page->accounts);
  g_assert_cmpuint (g_strv_length (page->accounts), ==, 0);
  g_assert_cmpuint (page->total_count, ==, 0);

  /* An empty wrapper, with a TotalCount of 0 to agree. */
  page2 = ens_response_parse_share_page (200, NULL, wrapper, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (page2->accounts), ==, 0);

  /* Neither a list nor a count: not "not shared with any account". */
  g_assert_null (ens_response_parse_share_page (200, NULL, missing, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
}

static void
assert_image (EnsImage   *image,
              const char *id,
              const char *name,
              const char *owner,
              const char *created,
              const char *platform,
              const char *size)
{
  g_assert_true (ENS_IS_IMAGE (image));
  g_assert_cmpstr (ens_image_get_image_id (image), ==, id);
  g_assert_cmpstr (ens_image_get_image_name (image), ==, name);
  g_assert_cmpstr (ens_image_get_owner_alias (image), ==, owner);
  g_assert_cmpstr (ens_image_get_creation_time (image), ==, created);
  g_assert_cmpstr (ens_image_get_platform (image), ==, platform);
  g_assert_cmpstr (ens_image_get_image_size (image), ==, size);
}

static void
test_image_page (void)
{
  g_autoptr(GBytes) body = load ("images.json");
  g_autoptr(EnsImagePage) page = NULL;
  g_autoptr(GError) error = NULL;

  /* "Code": 0 is a success. */
  page = ens_response_parse_image_page (200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpstr (page->request_id, ==, "C3D4E5F6-1A2B-5C3D-8E4F-9A0B1C2D3E4F");
  g_assert_cmpuint (page->total_count, ==, 3);
  g_assert_cmpuint (page->page_number, ==, 1);
  g_assert_cmpuint (page->page_size, ==, 10);
  g_assert_cmpuint (page->images->len, ==, 3);

  assert_image (g_ptr_array_index (page->images, 0),
                "m-5s7qotzavwbrnzaqh4unmabcd", "web-frontend-2024", "self",
                "2024-03-08T12:10:03Z", "CentOS", "40");
  assert_image (g_ptr_array_index (page->images, 1),
                "centos_7_9_x64_20G_alibase_20230919", "CentOS 7.9 64 bit", "system",
                "2023-11-20T01:02:03Z", "CentOS", "20");
  assert_image (g_ptr_array_index (page->images, 2),
                "m-5qkf6jv9a0tzd5ipwx5fiwxyz", "中文镜像", "others",
                "2024-01-02T03:04:05Z", "Ubuntu", "100.5");
}

static void
test_image_wrong_types (void)
{
  g_autoptr(GBytes) body = load ("images-wrong-types.json");
  g_autoptr(EnsImagePage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = ens_response_parse_image_page (200, NULL, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_null (page->request_id);
  g_assert_cmpuint (page->images->len, ==, 2);
  g_assert_cmpuint (page->page_number, ==, 1);
  g_assert_cmpuint (page->page_size, ==, 2);
  g_assert_cmpuint (page->total_count, ==, 2);

  assert_image (g_ptr_array_index (page->images, 0), "17", NULL, NULL, NULL, NULL, NULL);
  assert_image (g_ptr_array_index (page->images, 1),
                "m-good", "good", "self", "2024-01-01T00:00:00Z", "Debian", "30");
}

typedef struct
{
  const char *file;
  guint       status;
  EnsError    category;
  const char *code;
  const char *message;
  const char *request_id;
  gboolean    retryable;
} ErrorCase;

static void
test_api_errors (void)
{
  static const ErrorCase cases[] = {
    { "error-no-permission.json", 400, ENS_ERROR_PERMISSION, "NoPermission",
      "Permission denied.", "5E1B6E2A-3C4D-5E6F-8A9B-0C1D2E3F4A5B", FALSE },
    { "error-signature-v1.json", 400, ENS_ERROR_SIGNATURE, "SignatureDoesNotMatch",
      NULL, "7F0A1B2C-3D4E-5F60-7182-93A4B5C6D7E8", FALSE },
    { "error-access-key-not-found.json", 404, ENS_ERROR_AUTH, "InvalidAccessKeyId.NotFound",
      "Specified access key is not found.", "9B0C1D2E-3F4A-5B6C-7D8E-9F0A1B2C3D4E", FALSE },
    { "error-throttling-user.json", 400, ENS_ERROR_THROTTLED, "Throttling.User",
      "Request was denied due to user flow control.", "0C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F", TRUE },
    { "error-internal.json", 500, ENS_ERROR_SERVER, "InternalError",
      NULL, "1D2E3F4A-5B6C-7D8E-9F0A-1B2C3D4E5F60", TRUE },
    { "error-service-unavailable.json", 503, ENS_ERROR_SERVER, "ServiceUnavailable",
      "The request has failed due to a temporary failure of the server.",
      "2E3F4A5B-6C7D-8E9F-0A1B-2C3D4E5F6071", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = load (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autoptr(GError) error3 = NULL;
      g_autofree char *request_id = NULL;
      g_autoptr(EnsSharePage) page = NULL;
      g_autofree char *recommend = NULL;

      g_test_message ("%s", cases[i].file);

      request_id = ens_response_parse_modify (cases[i].status, "application/json;charset=utf-8",
                                              body, &error);
      g_assert_null (request_id);
      g_assert_error (error, ENS_ERROR, (int) cases[i].category);
      g_assert_cmpstr (ens_error_get_api_code (error), ==, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (ens_error_get_api_message (error), ==, cases[i].message);
      else
        g_assert_nonnull (ens_error_get_api_message (error));
      g_assert_cmpstr (ens_error_get_request_id (error), ==, cases[i].request_id);
      g_assert_cmpstr (ens_error_get_host_id (error), ==, "ens.aliyuncs.com");
      recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=Ens&requestId=%s",
                                   cases[i].code, cases[i].request_id);
      g_assert_cmpstr (ens_error_get_recommend (error), ==, recommend);
      g_assert_cmpuint (ens_error_get_http_status (error), ==, cases[i].status);
      g_assert_cmpint (ens_error_is_retryable (error), ==, cases[i].retryable);
      g_assert_cmpstr (error->message, ==, ens_error_catalogue_lookup (cases[i].code)->title);

      /* The same through the other parsers. */
      page = ens_response_parse_share_page (cases[i].status, NULL, body, &error2);
      g_assert_null (page);
      g_assert_error (error2, ENS_ERROR, (int) cases[i].category);
      g_assert_cmpstr (ens_error_get_api_code (error2), ==, cases[i].code);

      g_assert_null (ens_response_parse_object (cases[i].status, NULL, body, &error3));
      g_assert_error (error3, ENS_ERROR, (int) cases[i].category);
    }
}

static void
test_signature_from_body (void)
{
  g_autoptr(GBytes) v1 = load ("error-signature-v1.json");
  g_autoptr(GBytes) v3 = load ("error-signature-v3.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_null (ens_response_parse_modify (400, "application/json", v1, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SIGNATURE);
  g_assert_true (g_str_has_suffix (ens_error_get_api_message (error),
                                   "server string to sign is:" VECTOR_G_STRING_TO_SIGN));
  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_UNKNOWN);

  ens_error_set_client_string_to_sign (error, VECTOR_G_STRING_TO_SIGN);
  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);
  ens_error_describe (error, &title, NULL, NULL);
  g_assert_cmpstr (title, ==, "The AccessKey Secret Is Wrong");
  g_clear_pointer (&title, g_free);

  /* Our POST string differs from the server's GET string: our defect. */
  ens_error_set_client_string_to_sign (error, "POST" VECTOR_G_STRING_TO_SIGN + 3);
  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_DEFECT);
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (400, "application/json", v3, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SIGNATURE);
  ens_error_set_client_string_to_sign (error, "ACS3-HMAC-SHA256\n" VECTOR_J_HASH);
  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);
  ens_error_set_client_string_to_sign (error, "ACS3-HMAC-SHA256\n0000" VECTOR_J_HASH + 4);
  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_DEFECT);
}

static void
test_html (void)
{
  g_autoptr(GBytes) body = load ("error-500.html");
  g_autoptr(GBytes) json = load ("modify-success.json");
  g_autoptr(GError) error = NULL;

  /* A 5xx page from a proxy: a server error, status kept. */
  g_assert_null (ens_response_parse_modify (500, "text/html", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 500);
  g_assert_null (ens_error_get_api_code (error));
  assert_detail_contains (error, "HTML");
  g_assert_true (ens_error_is_retryable (error));
  g_clear_error (&error);

  /* Recognized without a content type too. */
  g_assert_null (ens_response_parse_object (502, NULL, body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 502);
  assert_detail_contains (error, "HTML");
  g_clear_error (&error);

  /* A captive portal answers 200 with a page. */
  g_assert_null (ens_response_parse_modify (200, "text/html; charset=utf-8", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 200);
  assert_detail_contains (error, "HTML");
  g_clear_error (&error);

  /* text/html is refused even when the body would parse as JSON. */
  g_assert_null (ens_response_parse_modify (200, "Text/HTML", json, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  assert_detail_contains (error, "HTML");
}

static void
test_xml (void)
{
  g_autoptr(GBytes) body = load ("error.xml");
  g_autoptr(GBytes) bare = text ("<Error><Code>Throttling</Code></Error>");
  g_autoptr(GError) error = NULL;

  g_assert_null (ens_response_parse_modify (400, "text/xml;charset=utf-8", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is XML, not JSON (error code “NoPermission”).");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (400, NULL, bare, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  assert_detail_contains (error, "XML");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (503, NULL, bare, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 503);
  assert_detail_contains (error, "XML");
}

static void
test_empty (void)
{
  g_autoptr(GBytes) body = load ("empty.json");
  g_autoptr(GBytes) blank = text ("  \r\n\t ");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);

  g_assert_null (ens_response_parse_modify (200, "application/json", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 200);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is empty.");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (200, NULL, NULL, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (200, NULL, blank, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (503, NULL, body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 503);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is empty.");
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) body = load ("truncated.json");
  g_autoptr(GBytes) plain = text ("Bad Gateway");
  g_autoptr(GError) error = NULL;

  g_assert_null (ens_response_parse_share_page (200, "application/json", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 200);
  assert_detail_contains (error, "The answer is not valid JSON: ");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_share_page (502, "text/plain", plain, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 502);
  assert_detail_contains (error, "labelled “text/plain”, not JSON");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_share_page (403, "text/plain", plain, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 403);
}

static void
test_not_object (void)
{
  g_autoptr(GBytes) array = load ("array.json");
  g_autoptr(GBytes) number = text ("42");
  g_autoptr(GBytes) null = text ("null");
  g_autoptr(GError) error = NULL;

  g_assert_null (ens_response_parse_modify (200, "application/json", array, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is a JSON array, not an object.");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_image_page (200, NULL, number, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is a JSON value, not an object.");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_image_page (200, NULL, null, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is a JSON null, not an object.");
  g_clear_error (&error);

  /* An error status with a JSON array is not an API error. */
  g_assert_null (ens_response_parse_modify (400, "application/json", array, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_null (ens_error_get_api_code (error));
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 400);
}

static GBytes *
make_json_of_size (gsize size)
{
  const char *head = "{\"RequestId\":\"701B3BB9-9190-544D-90D1-328B0527380C\",\"Pad\":\"";
  const char *tail = "\"}";
  GString *s = g_string_sized_new (size);

  g_string_append (s, head);
  while (s->len < size - strlen (tail))
    g_string_append_c (s, 'a');
  g_string_append (s, tail);
  g_assert_cmpuint (s->len, ==, size);

  return g_string_free_to_bytes (s);
}

static void
test_oversized (void)
{
  g_autoptr(GBytes) big = make_json_of_size (ENS_MAX_RESPONSE_SIZE + 1);
  g_autoptr(GBytes) limit = make_json_of_size (ENS_MAX_RESPONSE_SIZE);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  g_assert_null (ens_response_parse_modify (200, "application/json", big, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 200);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is larger than the limit of 1048576 bytes.");
  g_clear_error (&error);

  /* Exactly at the limit is read. */
  request_id = ens_response_parse_modify (200, "application/json", limit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, "701B3BB9-9190-544D-90D1-328B0527380C");
}

static void
test_error_wrong_types (void)
{
  g_autoptr(GBytes) body = load ("error-wrong-types.json");
  g_autoptr(GBytes) number_code = text ("{\"Code\":403,\"Message\":\"Forbidden\",\"RequestId\":\"R-1\"}");
  g_autoptr(GError) error = NULL;

  g_assert_null (ens_response_parse_modify (400, "application/json", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_FAILED);
  g_assert_null (ens_error_get_api_code (error));
  g_assert_null (ens_error_get_api_message (error));
  g_assert_null (ens_error_get_request_id (error));
  g_assert_null (ens_error_get_host_id (error));
  g_assert_null (ens_error_get_recommend (error));
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 400);
  g_assert_false (ens_error_is_retryable (error));
  g_clear_error (&error);

  /* A number as the code is kept as text; an unknown code with 403 is a
   * permission refusal. */
  g_assert_null (ens_response_parse_modify (403, NULL, number_code, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "403");
  g_assert_cmpstr (ens_error_get_api_message (error), ==, "Forbidden");
  g_assert_cmpstr (ens_error_get_request_id (error), ==, "R-1");
}

static void
test_status_decides (void)
{
  g_autoptr(GBytes) code_zero = text ("{\"Code\":0,\"RequestId\":\"R-0\"}");
  g_autoptr(GBytes) code_text = text ("{\"Code\":\"Throttling\",\"RequestId\":\"R-2\"}");
  g_autoptr(GBytes) body = load ("modify-success.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *request_id2 = NULL;
  g_autofree char *request_id3 = NULL;

  request_id = ens_response_parse_modify (200, NULL, code_zero, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, "R-0");

  /* A 2xx answer whose body carries an error code is that error. */
  request_id2 = ens_response_parse_modify (200, NULL, code_text, &error);
  g_assert_null (request_id2);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_THROTTLED);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "Throttling");
  g_assert_cmpstr (ens_error_get_request_id (error), ==, "R-2");
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 200);
  g_clear_error (&error);

  request_id3 = ens_response_parse_modify (204, NULL, body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id3, ==, "701B3BB9-9190-544D-90D1-328B0527380C");

  /* A redirect or an informational status is not an answer. */
  g_assert_null (ens_response_parse_modify (302, NULL, body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 302);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The server answered with the unexpected HTTP status 302.");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (0, NULL, body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
}

static void
test_odd_bodies (void)
{
  g_autoptr(GBytes) bom = text ("\xef\xbb\xbf \n{\"RequestId\":\"R-BOM\"}\n");
  g_autoptr(GBytes) bad_utf8 = text ("{\"RequestId\":\"R-\xff\xfe\"}");
  g_autoptr(GBytes) with_nul = g_bytes_new ("{\"RequestId\":\"R\"}\0", 18);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  GString *deep = g_string_new ("{\"RequestId\":\"R\",\"x\":");
  g_autoptr(GBytes) deep_bytes = NULL;

  request_id = ens_response_parse_modify (200, NULL, bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_id, ==, "R-BOM");

  g_assert_null (ens_response_parse_modify (200, NULL, bad_utf8, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is not valid text.");
  g_clear_error (&error);

  g_assert_null (ens_response_parse_modify (200, NULL, with_nul, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  deep_bytes = g_string_free_to_bytes (deep);
  g_assert_null (ens_response_parse_modify (200, NULL, deep_bytes, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is nested too deeply.");
}

static void
test_parse_object (void)
{
  g_autoptr(GBytes) body = load ("images.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  object = ens_response_parse_object (200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_cmpint (json_object_get_int_member (object, "Code"), ==, 0);
  g_assert_true (json_object_has_member (object, "Images"));
}

static void
test_image_object (void)
{
  g_autoptr(EnsImage) image = ens_image_new ("m-1", "name", "self", "2024-01-01T00:00:00Z",
                                             "Debian", "40");
  g_autofree char *id = NULL;
  g_autofree char *size = NULL;
  GParamSpec *pspec;

  g_object_get (image, "image-id", &id, "image-size", &size, NULL);
  g_assert_cmpstr (id, ==, "m-1");
  g_assert_cmpstr (size, ==, "40");

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (image), "owner-alias");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

  g_assert_finalize_object (g_steal_pointer (&image));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/response/modify/success", test_modify_success);
  g_test_add_func ("/response/modify/no-request-id", test_modify_no_request_id);
  g_test_add_func ("/response/share/pages", test_share_pages);
  g_test_add_func ("/response/share/wrong-types", test_share_wrong_types);
  g_test_add_func ("/response/share/empty", test_share_empty);
  g_test_add_func ("/response/images/page", test_image_page);
  g_test_add_func ("/response/images/wrong-types", test_image_wrong_types);
  g_test_add_func ("/response/object", test_parse_object);
  g_test_add_func ("/response/error/api", test_api_errors);
  g_test_add_func ("/response/error/signature", test_signature_from_body);
  g_test_add_func ("/response/error/wrong-types", test_error_wrong_types);
  g_test_add_func ("/response/invalid/html", test_html);
  g_test_add_func ("/response/invalid/xml", test_xml);
  g_test_add_func ("/response/invalid/empty", test_empty);
  g_test_add_func ("/response/invalid/truncated", test_truncated);
  g_test_add_func ("/response/invalid/not-object", test_not_object);
  g_test_add_func ("/response/invalid/oversized", test_oversized);
  g_test_add_func ("/response/invalid/odd-bodies", test_odd_bodies);
  g_test_add_func ("/response/status-decides", test_status_decides);
  g_test_add_func ("/response/image-object", test_image_object);

  return g_test_run ();
}
