/* test-error.c
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

#include <gio/gio.h>

#include "ens-error.h"
#include "ens-response.h"

typedef struct
{
  const char *code;
  EnsError    category;
  gboolean    retryable;
} CodeCase;

/* Every code the catalogue must know (ens-api.md §3.2, §4.2). */
static const CodeCase codes[] = {
  { "NoPermission",                               ENS_ERROR_PERMISSION,        FALSE },
  { "CallInterface",                              ENS_ERROR_SERVER,            FALSE },
  { "ens.interface.error",                        ENS_ERROR_SERVER,            FALSE },
  { "InvalidImageType.NotSupported",              ENS_ERROR_INVALID_PARAMETER, FALSE },
  { "SignatureDoesNotMatch",                      ENS_ERROR_SIGNATURE,         FALSE },
  { "IncompleteSignature",                        ENS_ERROR_SIGNATURE,         FALSE },
  { "SignatureNonceUsed",                         ENS_ERROR_SIGNATURE,         FALSE },
  { "InvalidAccessKeyId",                         ENS_ERROR_AUTH,              FALSE },
  { "InvalidAccessKeyId.NotFound",                ENS_ERROR_AUTH,              FALSE },
  { "InvalidAccessKeyId.Inactive",                ENS_ERROR_AUTH,              FALSE },
  { "Forbidden.AccessKeyDisabled",                ENS_ERROR_AUTH,              FALSE },
  { "InvalidTimeStamp.Expired",                   ENS_ERROR_CLOCK,             FALSE },
  { "InvalidTimeStamp.Format",                    ENS_ERROR_CLOCK,             FALSE },
  { "MissingParameter",                           ENS_ERROR_INVALID_PARAMETER, FALSE },
  { "InvalidParameter",                           ENS_ERROR_INVALID_PARAMETER, FALSE },
  { "InvalidApi.NotFound",                        ENS_ERROR_NOT_FOUND,         FALSE },
  { "InvalidAction.NotFound",                     ENS_ERROR_NOT_FOUND,         FALSE },
  { "InvalidProduct.NotFound",                    ENS_ERROR_NOT_FOUND,         FALSE },
  { "InvalidVersion",                             ENS_ERROR_NOT_FOUND,         FALSE },
  { "InvalidProtocol.NeedSsl",                    ENS_ERROR_INSECURE,          FALSE },
  { "Throttling",                                 ENS_ERROR_THROTTLED,         TRUE },
  { "Throttling.User",                            ENS_ERROR_THROTTLED,         TRUE },
  { "Throttling.Api",                             ENS_ERROR_THROTTLED,         TRUE },
  { "Forbidden.RAM",                              ENS_ERROR_PERMISSION,        FALSE },
  { "Forbidden",                                  ENS_ERROR_PERMISSION,        FALSE },
  { "MissingSignatureNonce",                      ENS_ERROR_SIGNATURE,         FALSE },
  { "InvalidSecurityToken.Expired",               ENS_ERROR_TOKEN,             FALSE },
  { "InvalidSecurityToken.Malformed",             ENS_ERROR_TOKEN,             FALSE },
  { "InvalidSecurityToken.MismatchWithAccessKey", ENS_ERROR_TOKEN,             FALSE },
  { "MissingSecurityToken",                       ENS_ERROR_TOKEN,             FALSE },
  { "InternalError",                              ENS_ERROR_SERVER,            TRUE },
  { "ServiceUnavailable",                         ENS_ERROR_SERVER,            TRUE },
  { "InvalidImageId.NotFound",                    ENS_ERROR_NOT_FOUND,         FALSE },
};

/* Vector G of ens-api.md: the GET string to sign of ModifyImageSharePermission. */
#define VECTOR_G_STRING_TO_SIGN \
  "GET&%2F&AccessKeyId%3Dtestid%26Action%3DModifyImageSharePermission%26AddAccounts%3D1234567890123456%252C6543210987654321%26Format%3DJSON%26ImageId%3Dm-5s7qotzavwbrnzaqh4unmabcd%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dd410180a5abf7fe235dd9b74aca91fc0%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2017-11-10"
/* Vector J: hashed canonical request of the V3 signature. */
#define VECTOR_J_HASH "78a817115dcf435b5f66d3530944f65ac6daf4d0a3199e5c36ed283da7a72c0b"

static void
assert_entry_complete (const EnsErrorEntry *entry)
{
  g_assert_nonnull (entry);
  g_assert_nonnull (entry->title);
  g_assert_nonnull (entry->explanation);
  g_assert_nonnull (entry->action);
  g_assert_cmpuint (strlen (entry->title), >, 0);
  g_assert_cmpuint (strlen (entry->explanation), >, 0);
  g_assert_cmpuint (strlen (entry->action), >, 0);
}

static void
test_catalogue_codes (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const EnsErrorEntry *entry = ens_error_catalogue_lookup (codes[i].code);

      g_test_message ("code %s", codes[i].code);
      assert_entry_complete (entry);
      g_assert_cmpstr (entry->api_code, ==, codes[i].code);
      g_assert_cmpint (entry->category, ==, codes[i].category);
      g_assert_cmpint (entry->retryable, ==, codes[i].retryable);

      /* Each code has its own entry. */
      g_assert_false (g_hash_table_contains (seen, entry));
      g_hash_table_add (seen, (gpointer) entry);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (codes));
}

static void
test_catalogue_all (void)
{
  g_autoptr(GHashTable) api_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) transport = g_hash_table_new (NULL, NULL);
  const EnsErrorEntry *all;
  guint n = 0;
  static const EnsError transport_categories[] = {
    ENS_ERROR_NETWORK, ENS_ERROR_DNS, ENS_ERROR_TLS, ENS_ERROR_TIMEOUT,
    ENS_ERROR_INVALID_RESPONSE, ENS_ERROR_INSECURE, ENS_ERROR_KEYRING,
    ENS_ERROR_NO_CREDENTIALS, ENS_ERROR_INVALID_INPUT, ENS_ERROR_SERVER,
    ENS_ERROR_STORAGE,
  };

  all = ens_error_catalogue_get_all (&n);
  g_assert_nonnull (all);
  /* The codes, one transport entry per category, cancelled, generic. */
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (codes) + G_N_ELEMENTS (transport_categories) + 2);

  for (guint i = 0; i < n; i++)
    {
      assert_entry_complete (&all[i]);

      if (all[i].api_code != NULL)
        {
          /* No code twice, and lookup finds this very entry. */
          g_assert_false (g_hash_table_contains (api_codes, all[i].api_code));
          g_hash_table_add (api_codes, (gpointer) all[i].api_code);
          g_assert_true (ens_error_catalogue_lookup (all[i].api_code) == &all[i]);
        }
      else
        {
          g_hash_table_add (transport, GINT_TO_POINTER (all[i].category + 1));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (transport_categories); i++)
    g_assert_true (g_hash_table_contains (transport,
                                          GINT_TO_POINTER (transport_categories[i] + 1)));
}

static void
test_catalogue_prefixes (void)
{
  const EnsErrorEntry *throttling = ens_error_catalogue_lookup ("Throttling");
  const EnsErrorEntry *invalid_parameter = ens_error_catalogue_lookup ("InvalidParameter");
  const EnsErrorEntry *missing = ens_error_catalogue_lookup ("MissingParameter");
  const EnsErrorEntry *generic = ens_error_catalogue_lookup (NULL);

  g_assert_null (generic->api_code);
  g_assert_cmpint (generic->category, ==, ENS_ERROR_FAILED);
  g_assert_false (generic->retryable);

  g_assert_true (ens_error_catalogue_lookup ("Throttling.Foo") == throttling);
  g_assert_true (ens_error_catalogue_lookup ("Throttling.Foo")->retryable);
  g_assert_true (ens_error_catalogue_lookup ("Throttling.Api.Burst") == throttling);
  g_assert_true (ens_error_catalogue_lookup ("InvalidParameter.ImageId") == invalid_parameter);
  g_assert_true (ens_error_catalogue_lookup ("InvalidParameter.AddAccounts") == invalid_parameter);
  g_assert_true (ens_error_catalogue_lookup ("MissingImageId") == missing);
  g_assert_true (ens_error_catalogue_lookup ("MissingAddAccounts") == missing);
  g_assert_true (ens_error_catalogue_lookup ("MissingParameter.ImageId") == missing);

  /* Exact beats prefix. */
  g_assert_cmpstr (ens_error_catalogue_lookup ("Throttling.User")->api_code, ==, "Throttling.User");
  g_assert_cmpstr (ens_error_catalogue_lookup ("MissingSecurityToken")->api_code, ==, "MissingSecurityToken");
  g_assert_cmpstr (ens_error_catalogue_lookup ("InvalidAccessKeyId.Inactive")->api_code, ==, "InvalidAccessKeyId.Inactive");
  g_assert_cmpstr (ens_error_catalogue_lookup ("InvalidAccessKeyId.Other")->api_code, ==, "InvalidAccessKeyId");

  /* Another letter case still finds the code. */
  g_assert_cmpstr (ens_error_catalogue_lookup ("nopermission")->api_code, ==, "NoPermission");
  g_assert_cmpstr (ens_error_catalogue_lookup ("ENS.INTERFACE.ERROR")->api_code, ==, "ens.interface.error");

  /* Not families. */
  g_assert_true (ens_error_catalogue_lookup ("Missing") == generic);
  g_assert_true (ens_error_catalogue_lookup ("Missingno") == generic);
  g_assert_true (ens_error_catalogue_lookup ("Throttling.") == generic);
  g_assert_true (ens_error_catalogue_lookup ("ThrottlingX") == generic);
  g_assert_true (ens_error_catalogue_lookup ("") == generic);
  g_assert_true (ens_error_catalogue_lookup ("Forbidden.Risk") == generic);
}

static void
test_unknown_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;

  error = ens_error_new_api (400, "Forbidden.Risk", "Risk control denied this request.",
                             "4A5B6C7D-8E9F-0A1B-2C3D-4E5F60718293", "ens.aliyuncs.com", NULL);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_FAILED);
  g_assert_true (ens_error_catalogue_lookup_error (error) == ens_error_catalogue_lookup (NULL));
  g_assert_false (ens_error_is_retryable (error));

  ens_error_describe (error, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, "Something Went Wrong");
  g_assert_cmpstr (explanation, ==,
                   "Alibaba Cloud refused the request with the error code “Forbidden.Risk”. "
                   "The server said: “Risk control denied this request.”");
  g_assert_cmpuint (strlen (action), >, 0);
  g_clear_pointer (&explanation, g_free);

  /* Without a message, the code alone (a 403 would be a permission
   * refusal: see test_permission_codes()). */
  g_clear_error (&error);
  error = ens_error_new_api (400, "Forbidden.Risk", NULL, NULL, NULL, NULL);
  ens_error_describe (error, NULL, &explanation, NULL);
  g_assert_cmpstr (explanation, ==, "Alibaba Cloud refused the request with the error code “Forbidden.Risk”.");
  g_clear_pointer (&explanation, g_free);

  /* Without a code, the status. */
  g_clear_error (&error);
  error = ens_error_new_api (409, NULL, NULL, NULL, NULL, NULL);
  ens_error_describe (error, NULL, &explanation, NULL);
  g_assert_cmpstr (explanation, ==, "Alibaba Cloud refused the request (HTTP status 409) without saying why.");

  /* An unknown code with a "busy" status is worth a retry. */
  g_clear_error (&error);
  error = ens_error_new_api (503, "Ens.Busy", NULL, NULL, NULL, NULL);
  g_assert_true (ens_error_is_retryable (error));
  g_clear_error (&error);
  error = ens_error_new_api (429, "TooMany", NULL, NULL, NULL, NULL);
  g_assert_true (ens_error_is_retryable (error));
}

static void
test_new_api (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  error = ens_error_new_api (400, "NoPermission", "Permission denied.",
                             "5E1B6E2A-3C4D-5E6F-8A9B-0C1D2E3F4A5B", "ens.aliyuncs.com",
                             "https://api.aliyun.com/troubleshoot?q=NoPermission");
  g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "You Don’t Have Permission");
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "NoPermission");
  g_assert_cmpstr (ens_error_get_api_message (error), ==, "Permission denied.");
  g_assert_cmpstr (ens_error_get_request_id (error), ==, "5E1B6E2A-3C4D-5E6F-8A9B-0C1D2E3F4A5B");
  g_assert_cmpstr (ens_error_get_host_id (error), ==, "ens.aliyuncs.com");
  g_assert_cmpstr (ens_error_get_recommend (error), ==, "https://api.aliyun.com/troubleshoot?q=NoPermission");
  g_assert_null (ens_error_get_detail (error));
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 400);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 0);
  g_assert_null (ens_error_get_client_string_to_sign (error));
  g_assert_cmpuint (ens_error_get_retry_after_ms (error), ==, 0);

  ens_error_set_tries (error, 3);
  ens_error_set_retry_after_ms (error, 1500);
  ens_error_set_client_string_to_sign (error, "GET&%2F&x");
  g_assert_cmpuint (ens_error_get_tries (error), ==, 3);
  g_assert_cmpuint (ens_error_get_retry_after_ms (error), ==, 1500);
  g_assert_cmpstr (ens_error_get_client_string_to_sign (error), ==, "GET&%2F&x");

  /* The details survive a copy (as through GTask). */
  copy = g_error_copy (error);
  g_assert_error (copy, ENS_ERROR, ENS_ERROR_PERMISSION);
  g_assert_cmpstr (ens_error_get_api_code (copy), ==, "NoPermission");
  g_assert_cmpstr (ens_error_get_request_id (copy), ==, "5E1B6E2A-3C4D-5E6F-8A9B-0C1D2E3F4A5B");
  g_assert_cmpuint (ens_error_get_tries (copy), ==, 3);
  g_assert_cmpstr (ens_error_get_client_string_to_sign (copy), ==, "GET&%2F&x");

  /* Other domains have no details, and setters leave them alone. */
  g_assert_null (ens_error_get_api_code (other));
  g_assert_cmpuint (ens_error_get_http_status (other), ==, 0);
  ens_error_set_tries (other, 2);
  g_assert_cmpuint (ens_error_get_tries (other), ==, 0);
}

static void
test_transport (void)
{
  static const EnsError categories[] = {
    ENS_ERROR_NETWORK, ENS_ERROR_DNS, ENS_ERROR_TLS, ENS_ERROR_TIMEOUT,
    ENS_ERROR_INVALID_RESPONSE, ENS_ERROR_INSECURE, ENS_ERROR_KEYRING,
    ENS_ERROR_NO_CREDENTIALS, ENS_ERROR_INVALID_INPUT, ENS_ERROR_SERVER,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      g_autoptr(GError) error = ens_error_new_transport (categories[i], "some detail");
      const EnsErrorEntry *entry = ens_error_catalogue_lookup_error (error);

      g_assert_error (error, ENS_ERROR, (int) categories[i]);
      g_assert_null (entry->api_code);
      g_assert_cmpint (entry->category, ==, categories[i]);
      g_assert_cmpstr (error->message, ==, entry->title);
      g_assert_cmpstr (ens_error_get_detail (error), ==, "some detail");
      g_assert_cmpuint (ens_error_get_http_status (error), ==, 0);
      g_assert_false (g_hash_table_contains (seen, entry));
      g_hash_table_add (seen, (gpointer) entry);

      g_assert_cmpint (ens_error_is_retryable (error), ==,
                       categories[i] == ENS_ERROR_NETWORK ||
                       categories[i] == ENS_ERROR_TIMEOUT ||
                       categories[i] == ENS_ERROR_SERVER);
    }

  /* The server entry for a 5xx without JSON is not the one of any code. */
  g_assert_cmpstr (ens_error_catalogue_lookup_error (NULL)->title, ==, "Something Went Wrong");
}

static void
test_new_http (void)
{
  g_autoptr(GError) error = ens_error_new_http (502, ENS_ERROR_SERVER, "The answer is a web page (HTML).");
  g_autoptr(GError) invalid = ens_error_new_http (200, ENS_ERROR_INVALID_RESPONSE, "The answer is empty.");

  g_assert_error (error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpuint (ens_error_get_http_status (error), ==, 502);
  g_assert_cmpstr (ens_error_get_detail (error), ==, "The answer is a web page (HTML).");
  g_assert_null (ens_error_get_api_code (error));
  g_assert_cmpstr (error->message, ==, "Alibaba Cloud Server Error");
  g_assert_true (ens_error_is_retryable (error));

  g_assert_error (invalid, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ens_error_get_http_status (invalid), ==, 200);
  g_assert_false (ens_error_is_retryable (invalid));
}

static void
test_lookup_error (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Disk on fire");
  g_autoptr(GError) auth = g_error_new_literal (ENS_ERROR, ENS_ERROR_AUTH, "x");
  g_autoptr(GError) failed = g_error_new_literal (ENS_ERROR, ENS_ERROR_FAILED, "x");
  g_autoptr(GError) api = ens_error_new_api (404, "InvalidImageId.NotFound", NULL, NULL, NULL, NULL);
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Socket I/O timed out");
  g_autoptr(GError) translated = NULL;
  g_autofree char *explanation = NULL;
  const EnsErrorEntry *entry;

  entry = ens_error_catalogue_lookup_error (cancelled);
  g_assert_null (entry->api_code);
  g_assert_cmpstr (entry->title, ==, "Cancelled");
  g_assert_false (ens_error_is_retryable (cancelled));

  entry = ens_error_catalogue_lookup_error (io);
  g_assert_true (entry == ens_error_catalogue_lookup (NULL));
  g_assert_false (ens_error_is_retryable (io));
  ens_error_describe (io, NULL, &explanation, NULL);
  g_assert_cmpstr (explanation, ==, "An unexpected problem stopped the request: Disk on fire");

  entry = ens_error_catalogue_lookup_error (auth);
  g_assert_cmpint (entry->category, ==, ENS_ERROR_AUTH);

  g_assert_true (ens_error_catalogue_lookup_error (failed) == ens_error_catalogue_lookup (NULL));

  entry = ens_error_catalogue_lookup_error (api);
  g_assert_cmpstr (entry->api_code, ==, "InvalidImageId.NotFound");
  g_assert_error (api, ENS_ERROR, ENS_ERROR_NOT_FOUND);

  translated = ens_error_from_gio (timeout);
  g_assert_error (translated, ENS_ERROR, ENS_ERROR_TIMEOUT);
  g_assert_cmpstr (ens_error_get_detail (translated), ==, "Socket I/O timed out");
  g_assert_true (ens_error_is_retryable (translated));
}

static void
test_retryable (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = ens_error_new_api (400, codes[i].code, NULL, NULL, NULL, NULL);

      g_assert_cmpint (ens_error_is_retryable (error), ==, codes[i].retryable);
      g_assert_error (error, ENS_ERROR, (int) codes[i].category);
    }

  {
    g_autoptr(GError) error = ens_error_new_api (400, "Throttling.Whatever", NULL, NULL, NULL, NULL);

    g_assert_true (ens_error_is_retryable (error));
    g_assert_error (error, ENS_ERROR, ENS_ERROR_THROTTLED);
  }

  /* A known never-retry code stays so even with a 5xx status. */
  {
    g_autoptr(GError) error = ens_error_new_api (503, "SignatureDoesNotMatch", NULL, NULL, NULL, NULL);

    g_assert_false (ens_error_is_retryable (error));
  }
}

static GError *
signature_error (const char *message,
                 const char *client_string_to_sign)
{
  GError *error = ens_error_new_api (400, "SignatureDoesNotMatch", message,
                                     "7F0A1B2C-3D4E-5F60-7182-93A4B5C6D7E8",
                                     "ens.aliyuncs.com", NULL);

  ens_error_set_client_string_to_sign (error, client_string_to_sign);

  return error;
}

static void
test_signature_v1 (void)
{
  const char *message =
    "Specified signature is not matched with our calculation. server string to sign is:"
    VECTOR_G_STRING_TO_SIGN;
  g_autoptr(GError) same = signature_error (message, VECTOR_G_STRING_TO_SIGN);
  g_autoptr(GError) differ = signature_error (message,
                                              "POST&%2F&AccessKeyId%3Dtestid%26Action%3DModifyImageSharePermission");
  g_autoptr(GError) unknown = signature_error (message, NULL);
  g_autoptr(GError) no_marker = signature_error ("Specified signature is not matched with our calculation.",
                                                 VECTOR_G_STRING_TO_SIGN);
  g_autoptr(GError) other_code = ens_error_new_api (400, "IncompleteSignature", message, NULL, NULL, NULL);

  g_assert_cmpint (ens_error_diagnose_signature (same), ==, ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);
  g_assert_cmpint (ens_error_diagnose_signature (differ), ==, ENS_SIGNATURE_DIAGNOSIS_DEFECT);
  g_assert_cmpint (ens_error_diagnose_signature (unknown), ==, ENS_SIGNATURE_DIAGNOSIS_UNKNOWN);
  g_assert_cmpint (ens_error_diagnose_signature (no_marker), ==, ENS_SIGNATURE_DIAGNOSIS_UNKNOWN);
  g_assert_cmpint (ens_error_diagnose_signature (other_code), ==, ENS_SIGNATURE_DIAGNOSIS_UNKNOWN);

  /* One character different is a defect, not a wrong secret. */
  {
    g_autofree char *almost = g_strdup (VECTOR_G_STRING_TO_SIGN);
    g_autoptr(GError) error = NULL;

    almost[strlen (almost) - 1] = '1';
    error = signature_error (message, almost);
    g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_DEFECT);
  }
}

static void
test_signature_v3 (void)
{
  const char *message =
    "Specified signature does not match our calculation. server StringToSign is [ACS3-HMAC-SHA256 "
    VECTOR_J_HASH "]";
  g_autoptr(GError) same = signature_error (message, "ACS3-HMAC-SHA256\n" VECTOR_J_HASH);
  g_autoptr(GError) differ = signature_error (message,
                                              "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  g_autoptr(GError) unclosed = signature_error ("server StringToSign is [ACS3-HMAC-SHA256 " VECTOR_J_HASH,
                                                "ACS3-HMAC-SHA256\n" VECTOR_J_HASH);

  g_assert_cmpint (ens_error_diagnose_signature (same), ==, ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);
  g_assert_cmpint (ens_error_diagnose_signature (differ), ==, ENS_SIGNATURE_DIAGNOSIS_DEFECT);
  g_assert_cmpint (ens_error_diagnose_signature (unclosed), ==, ENS_SIGNATURE_DIAGNOSIS_UNKNOWN);
}

static void
test_describe_signature (void)
{
  const char *message =
    "Specified signature is not matched with our calculation. server string to sign is:"
    VECTOR_G_STRING_TO_SIGN;
  g_autoptr(GError) same = signature_error (message, VECTOR_G_STRING_TO_SIGN);
  g_autoptr(GError) differ = signature_error (message, "GET&%2F&Action%3DOther");
  g_autoptr(GError) unknown = signature_error (message, NULL);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;

  ens_error_describe (same, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, "The AccessKey Secret Is Wrong");
  g_assert_nonnull (strstr (action, "Enter the AccessKey secret again"));
  g_assert_nonnull (strstr (action, "spaces"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);
  g_clear_pointer (&action, g_free);

  ens_error_describe (differ, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, "ENS Image Share Signed the Request Wrongly");
  g_assert_nonnull (strstr (explanation, "This is a problem in ENS Image Share"));
  g_assert_cmpstr (action, ==,
                   "Please report this problem to the ENS Image Share developers and include "
                   "the request ID 7F0A1B2C-3D4E-5F60-7182-93A4B5C6D7E8.");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);
  g_clear_pointer (&action, g_free);

  ens_error_describe (unknown, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, ens_error_catalogue_lookup ("SignatureDoesNotMatch")->title);
}

static void
test_describe (void)
{
  g_autoptr(GError) clock = ens_error_new_api (400, "InvalidTimeStamp.Expired",
                                               "Specified time stamp or date value is expired.",
                                               NULL, NULL, NULL);
  g_autoptr(GError) parameter = ens_error_new_api (400, "InvalidParameter.ImageId",
                                                   "The specified field ImageId invalid.",
                                                   NULL, NULL, NULL);
  g_autoptr(GError) input = g_error_new_literal (ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                                                 "The image ID is empty.");
  g_autoptr(GError) permission = ens_error_new_api (400, "NoPermission", "Permission denied.",
                                                    NULL, NULL, NULL);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;

  ens_error_describe (clock, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, "This Computer’s Clock Is Wrong");
  g_assert_nonnull (strstr (explanation, "clock"));
  g_assert_nonnull (strstr (action, "set the date and time automatically"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);
  g_clear_pointer (&action, g_free);

  ens_error_describe (parameter, NULL, &explanation, NULL);
  g_assert_true (g_str_has_suffix (explanation, "The server said: “The specified field ImageId invalid.”"));
  g_clear_pointer (&explanation, g_free);

  ens_error_describe (input, &title, &explanation, NULL);
  g_assert_cmpstr (title, ==, "Please Check What You Entered");
  g_assert_cmpstr (explanation, ==, "The image ID is empty.");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);

  ens_error_describe (permission, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, "You Don’t Have Permission");
  g_assert_cmpstr (action, ==,
                   "Ask the owner of the Alibaba Cloud account to grant your RAM user the "
                   "ens:ModifyImageSharePermission permission.");
}

/* Forbidden, its other names and any other 403: the permission message. */
static void
test_permission_codes (void)
{
  static const struct {
    guint       status;
    const char *code;
    const char *entry;
  } cases[] = {
    { 403, "Forbidden",                     "Forbidden" },
    { 403, "Forbidden.RAM",                 "Forbidden.RAM" },
    { 403, "Forbidden.NotEnoughPermission", "Forbidden" },
    { 400, "Forbidden.NotEnoughPermission", "Forbidden" },
    { 403, "OperationDenied",               "Forbidden" },
    { 403, "operationdenied",               "Forbidden" },
    { 400, "NoPermission",                  "NoPermission" },
    { 403, "Forbidden.Risk",                "Forbidden" },
    { 403, "SomethingNew",                  "Forbidden" },
    { 403, NULL,                            "Forbidden" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = ens_error_new_api (cases[i].status, cases[i].code, "Denied.",
                                                   NULL, NULL, NULL);
      g_autoptr(GError) copy = g_error_copy (error);
      g_autofree char *title = NULL;

      g_test_message ("%u %s", cases[i].status, cases[i].code);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);
      g_assert_cmpstr (ens_error_catalogue_lookup_error (error)->api_code, ==, cases[i].entry);
      g_assert_cmpstr (ens_error_catalogue_lookup_error (copy)->api_code, ==, cases[i].entry);
      g_assert_false (ens_error_is_retryable (error));
      ens_error_describe (error, &title, NULL, NULL);
      g_assert_cmpstr (title, ==, ens_error_catalogue_lookup (cases[i].entry)->title);
      g_assert_cmpstr (error->message, ==, title);
    }

  /* A disabled AccessKey is still about the key, whatever the status. */
  {
    g_autoptr(GError) disabled = ens_error_new_api (403, "Forbidden.AccessKeyDisabled", NULL,
                                                    NULL, NULL, NULL);
    g_autoptr(GError) risk = ens_error_new_api (400, "Forbidden.Risk", NULL, NULL, NULL, NULL);

    g_assert_error (disabled, ENS_ERROR, ENS_ERROR_AUTH);
    g_assert_error (risk, ENS_ERROR, ENS_ERROR_FAILED);
  }
}

/* Codes with wording of their own, which does not send the person to
 * check the image and account IDs when they are not the problem. */
static void
test_own_messages (void)
{
  g_autoptr(GError) nonce = ens_error_new_api (400, "MissingSignatureNonce",
                                               "SignatureNonce is mandatory for this action.",
                                               NULL, NULL, NULL);
  g_autoptr(GError) image_type = ens_error_new_api (400, "InvalidImageType.NotSupported",
                                                    "The image does not support sharing.",
                                                    NULL, NULL, NULL);
  g_autoptr(GError) interface = ens_error_new_api (400, "ens.interface.error",
                                                   "ens interface error", NULL, NULL, NULL);
  g_autoptr(GError) call_interface = ens_error_new_api (400, "CallInterface", NULL,
                                                        NULL, NULL, NULL);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *interface_title = NULL;
  g_autofree char *call_interface_title = NULL;
  const EnsErrorEntry *missing = ens_error_catalogue_lookup ("MissingParameter");

  ens_error_describe (nonce, &title, &explanation, &action);
  g_assert_true (ens_error_catalogue_lookup_error (nonce) != missing);
  g_assert_cmpstr (title, ==, "The Request Was Incomplete");
  g_assert_nonnull (strstr (explanation, "one-time number"));
  g_assert_null (strstr (action, "image ID"));
  g_assert_null (strstr (action, "account IDs"));
  g_assert_nonnull (strstr (action, "report"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);
  g_clear_pointer (&action, g_free);

  /* Plain: the catalogue's words, not the server's English appended. */
  ens_error_describe (image_type, &title, &explanation, &action);
  g_assert_cmpstr (title, ==, "This Image Cannot Be Shared");
  g_assert_cmpstr (explanation, ==, ens_error_catalogue_lookup ("InvalidImageType.NotSupported")->explanation);
  g_assert_cmpstr (action, ==, ens_error_catalogue_lookup ("InvalidImageType.NotSupported")->action);

  ens_error_describe (interface, &interface_title, NULL, NULL);
  ens_error_describe (call_interface, &call_interface_title, NULL, NULL);
  g_assert_cmpstr (interface_title, ==, "The ENS Service Reported an Error");
  g_assert_cmpstr (interface_title, !=, call_interface_title);
}

#define DENIED_BODY(detail) \
  "{\"RequestId\":\"R-403\",\"HostId\":\"ens.aliyuncs.com\",\"Code\":\"Forbidden.RAM\"," \
  "\"Message\":\"User not authorized to operate on the specified resource.\"," detail "}"

static GError *
parse_denied (const char *body_text)
{
  g_autoptr(GBytes) body = g_bytes_new (body_text, strlen (body_text));
  GError *error = NULL;

  g_assert_null (ens_response_parse_object (403, "application/json;charset=utf-8", body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_PERMISSION);

  return error;
}

static void
test_access_denied (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) camel = NULL;
  g_autoptr(GError) plain = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  const EnsAccessDenied *denied;
  JsonObject *object;
  JsonArray *statements;
  JsonObject *modify;
  JsonObject *describe;

  error = parse_denied (DENIED_BODY (
    "\"AccessDeniedDetail\":{\"AuthAction\":\"ens:ModifyImageSharePermission\","
    "\"AuthPrincipalType\":\"SubUser\",\"AuthPrincipalDisplayName\":\"operator\","
    "\"AuthPrincipalOwnerId\":\"1234567890123456\",\"NoPermissionType\":\"ImplicitDeny\","
    "\"PolicyType\":\"AccountLevelIdentityBasedPolicy\",\"EncodedDiagnosticMessage\":\"AQEAAAAA\"}"));
  denied = ens_error_get_access_denied (error);
  g_assert_nonnull (denied);
  g_assert_cmpstr (denied->action, ==, "ens:ModifyImageSharePermission");
  g_assert_cmpstr (denied->owner_id, ==, "1234567890123456");
  g_assert_cmpstr (denied->principal_type, ==, "SubUser");
  g_assert_cmpstr (denied->principal_name, ==, "operator");
  g_assert_cmpstr (denied->no_permission_type, ==, "ImplicitDeny");
  g_assert_cmpstr (denied->policy_type, ==, "AccountLevelIdentityBasedPolicy");
  g_assert_cmpstr (denied->diagnostic, ==, "AQEAAAAA");

  /* Named in the words, kept through a copy. */
  ens_error_describe (error, NULL, &explanation, &action);
  g_assert_true (g_str_has_suffix (explanation,
                                   "The permission that is missing is “ens:ModifyImageSharePermission”."));
  g_assert_nonnull (strstr (action, "RAM policy"));
  ens_error_set_image_id (error, "m-5s7qotzavwbrnzaqh4unmabcd");
  copy = g_error_copy (error);
  g_assert_cmpstr (ens_error_get_access_denied (copy)->action, ==, "ens:ModifyImageSharePermission");
  g_assert_cmpstr (ens_error_get_image_id (copy), ==, "m-5s7qotzavwbrnzaqh4unmabcd");

  /* The policy: valid JSON, Version "1", the two Allow statements. */
  policy = ens_error_dup_ram_policy (copy);
  g_assert_nonnull (policy);
  root = json_from_string (policy, NULL);
  g_assert_nonnull (root);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "Version"), ==, "1");
  statements = json_object_get_array_member (object, "Statement");
  g_assert_cmpuint (json_array_get_length (statements), ==, 2);
  modify = json_array_get_object_element (statements, 0);
  describe = json_array_get_object_element (statements, 1);
  g_assert_cmpstr (json_object_get_string_member (modify, "Effect"), ==, "Allow");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (modify, "Action"), 0),
                   ==, "ens:ModifyImageSharePermission");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (modify, "Action")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (modify, "Resource"), 0),
                   ==, "acs:ens::1234567890123456:image/m-5s7qotzavwbrnzaqh4unmabcd");
  g_assert_cmpstr (json_object_get_string_member (describe, "Effect"), ==, "Allow");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (describe, "Action")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (describe, "Action"), 0),
                   ==, "ens:DescribeImageSharePermission");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (describe, "Action"), 1),
                   ==, "ens:DescribeImages");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (describe, "Resource"), 0),
                   ==, "*");

  /* camelCase keys; an unknown owner and image give "*"; another ENS
   * action is added to the Describe statement. */
  camel = parse_denied (DENIED_BODY (
    "\"accessDeniedDetail\":{\"authAction\":\"ens:DescribeSelfImages\","
    "\"authPrincipalOwnerId\":\"12ab\"}"));
  g_clear_pointer (&policy, g_free);
  policy = ens_error_dup_ram_policy (camel);
  g_assert_cmpstr (ens_error_get_access_denied (camel)->action, ==, "ens:DescribeSelfImages");
  g_assert_null (ens_error_get_access_denied (camel)->owner_id);
  g_assert_nonnull (strstr (policy, "\"acs:ens::*:image/*\""));
  g_assert_nonnull (strstr (policy, "\"ens:DescribeSelfImages\""));

  /* Without the detail: no action kept, no policy offered. */
  plain = parse_denied (DENIED_BODY ("\"Recommend\":\"https://api.aliyun.com/\""));
  g_assert_null (ens_error_get_access_denied (plain));
  g_assert_null (ens_error_dup_ram_policy (plain));
}

/* What a hostile server puts in AccessDeniedDetail never widens the
 * policy, and text that is not plain is left out. */
static void
test_access_denied_hostile (void)
{
  static const char * const bodies[] = {
    DENIED_BODY ("\"AccessDeniedDetail\":{\"AuthAction\":\"ram:*\"}"),
    DENIED_BODY ("\"AccessDeniedDetail\":{\"AuthAction\":\"ens:Modify\\u001b[2J\"}"),
    DENIED_BODY ("\"AccessDeniedDetail\":{\"AuthAction\":42}"),
    DENIED_BODY ("\"AccessDeniedDetail\":\"ens:ModifyImageSharePermission\""),
    DENIED_BODY ("\"AccessDeniedDetail\":{}"),
  };
  g_autoptr(GError) other_service = NULL;
  g_autoptr(GError) messy = NULL;
  g_autofree char *policy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = parse_denied (bodies[i]);

      g_test_message ("%s", bodies[i]);
      g_assert_null (ens_error_get_access_denied (error));
      g_assert_null (ens_error_dup_ram_policy (error));
    }

  /* Another service's action is named, but never granted. */
  other_service = parse_denied (DENIED_BODY (
    "\"AccessDeniedDetail\":{\"AuthAction\":\"ram:AttachPolicyToUser\"}"));
  policy = ens_error_dup_ram_policy (other_service);
  g_assert_cmpstr (ens_error_get_access_denied (other_service)->action, ==, "ram:AttachPolicyToUser");
  g_assert_null (strstr (policy, "ram:"));

  /* Escapes, bidirectional overrides and overlong text are dropped. */
  messy = parse_denied (DENIED_BODY (
    "\"AccessDeniedDetail\":{\"AuthAction\":\"ens:DescribeImages\","
    "\"AuthPrincipalDisplayName\":\"evil\\u202Egnp.exe\","
    "\"AuthPrincipalType\":\"Sub\\u001b[2JUser\","
    "\"AuthPrincipalOwnerId\":\"123456789012345678901234567890123\"}"));
  g_assert_cmpstr (ens_error_get_access_denied (messy)->action, ==, "ens:DescribeImages");
  g_assert_null (ens_error_get_access_denied (messy)->principal_name);
  g_assert_null (ens_error_get_access_denied (messy)->principal_type);
  g_assert_null (ens_error_get_access_denied (messy)->owner_id);

  /* Only a permission error offers a policy. */
  {
    g_autoptr(GError) throttled = ens_error_new_api (400, "Throttling", NULL, NULL, NULL, NULL);

    ens_error_set_access_denied (throttled, ens_error_get_access_denied (messy));
    g_assert_nonnull (ens_error_get_access_denied (throttled));
    g_assert_null (ens_error_dup_ram_policy (throttled));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/catalogue/codes", test_catalogue_codes);
  g_test_add_func ("/error/catalogue/all", test_catalogue_all);
  g_test_add_func ("/error/catalogue/prefixes", test_catalogue_prefixes);
  g_test_add_func ("/error/catalogue/unknown", test_unknown_code);
  g_test_add_func ("/error/new-api", test_new_api);
  g_test_add_func ("/error/transport", test_transport);
  g_test_add_func ("/error/new-http", test_new_http);
  g_test_add_func ("/error/lookup-error", test_lookup_error);
  g_test_add_func ("/error/retryable", test_retryable);
  g_test_add_func ("/error/signature/v1", test_signature_v1);
  g_test_add_func ("/error/signature/v3", test_signature_v3);
  g_test_add_func ("/error/signature/describe", test_describe_signature);
  g_test_add_func ("/error/describe", test_describe);
  g_test_add_func ("/error/permission-codes", test_permission_codes);
  g_test_add_func ("/error/own-messages", test_own_messages);
  g_test_add_func ("/error/access-denied", test_access_denied);
  g_test_add_func ("/error/access-denied/hostile", test_access_denied_hostile);

  return g_test_run ();
}
