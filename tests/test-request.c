/* test-request.c
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

#include "ens-credentials.h"
#include "ens-encode.h"
#include "ens-error.h"
#include "ens-request.h"
#include "ens-signer.h"

#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define TEST_ID      "LTAI5tTestAccessKeyId01"
#define TEST_SECRET  "Se+cr/et=Value~With*Specials"
#define TEST_TOKEN   "CAIS+token/with=specials and space"
#define TEST_NONCE   "0123456789abcdef0123456789abcdef"
#define OTHER_NONCE  "fedcba9876543210fedcba9876543210"
#define FORM_TYPE    "application/x-www-form-urlencoded"

#define VECTOR_IMAGE "m-5s7qotzavwbrnzaqh4unmabcd"
#define VECTOR_NONCE "d410180a5abf7fe235dd9b74aca91fc0"
#define VECTOR_G_CANONICAL "AccessKeyId=testid&Action=ModifyImageSharePermission&AddAccounts=1234567890123456%2C6543210987654321&Format=JSON&ImageId=m-5s7qotzavwbrnzaqh4unmabcd&SignatureMethod=HMAC-SHA1&SignatureNonce=d410180a5abf7fe235dd9b74aca91fc0&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-11-10"
#define VECTOR_G_STS_TAIL "&%2F&AccessKeyId%3Dtestid%26Action%3DModifyImageSharePermission%26AddAccounts%3D1234567890123456%252C6543210987654321%26Format%3DJSON%26ImageId%3Dm-5s7qotzavwbrnzaqh4unmabcd%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dd410180a5abf7fe235dd9b74aca91fc0%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2017-11-10"

typedef enum
{
  MODE_GET,
  MODE_POST_QUERY,
  MODE_POST_FORM,
} Mode;

static const char *mode_names[] = { "GET", "POST-query", "POST-form" };

static GDateTime *
test_time (void)
{
  /* 2024-01-01T00:00:00Z given in UTC+8, to check the conversion. */
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);

  return g_date_time_new (tz, 2024, 1, 1, 8, 0, 0);
}

static GUri *
default_endpoint (void)
{
  return g_uri_parse (ENS_DEFAULT_ENDPOINT, G_URI_FLAGS_NONE, NULL);
}

static EnsSignedRequest *
sign (EnsRequest          *request,
      EnsSignatureVersion  version,
      Mode                 mode,
      GUri                *endpoint,
      EnsCredentials      *credentials,
      const char          *nonce)
{
  g_autoptr(GDateTime) when = test_time ();
  g_autoptr(GError) error = NULL;
  EnsSignedRequest *signed_request;

  signed_request = ens_request_sign (request, version,
                                     mode == MODE_GET ? "GET" : "POST",
                                     mode == MODE_POST_FORM,
                                     endpoint, credentials, when, nonce, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_request);

  return signed_request;
}

static gboolean
is_wire_form (const char *str)
{
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '%')
        {
          if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]) ||
              g_ascii_islower (p[1]) || g_ascii_islower (p[2]))
            return FALSE;
          p += 2;
        }
      else if (!g_ascii_isalnum (*p) && strchr ("-_.~", *p) == NULL)
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Splits "a=1&b=2" into a table of decoded names and values.  Every raw
 * name and value must be exactly the §1.2 encoding of the decoded one. */
static GHashTable *
parse_form (const char *form)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (form == NULL || form[0] == '\0')
    return table;

  pairs = g_strsplit (form, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *raw_name = NULL;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *reencoded_name = NULL;
      g_autofree char *reencoded_value = NULL;

      g_assert_nonnull (eq);
      raw_name = g_strndup (pairs[i], eq - pairs[i]);
      g_assert_true (is_wire_form (raw_name));
      g_assert_true (is_wire_form (eq + 1));

      name = ens_percent_decode (raw_name, NULL);
      value = ens_percent_decode (eq + 1, NULL);
      g_assert_nonnull (name);
      g_assert_nonnull (value);

      reencoded_name = ens_percent_encode (name);
      reencoded_value = ens_percent_encode (value);
      g_assert_cmpstr (reencoded_name, ==, raw_name);
      g_assert_cmpstr (reencoded_value, ==, eq + 1);

      g_assert_false (g_hash_table_contains (table, name));
      g_hash_table_insert (table, g_steal_pointer (&name), g_steal_pointer (&value));
    }

  return table;
}

static char *
body_string (EnsSignedRequest *signed_request)
{
  GBytes *body = ens_signed_request_get_body (signed_request);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  return data != NULL ? g_strndup (data, size) : g_strdup ("");
}

static char *
url_query (EnsSignedRequest *signed_request)
{
  g_autoptr(GUri) uri = g_uri_parse (ens_signed_request_get_url (signed_request),
                                     G_URI_FLAGS_ENCODED, NULL);

  g_assert_nonnull (uri);
  return g_strdup (g_uri_get_query (uri));
}

static void
assert_no_secret (EnsSignedRequest *signed_request,
                  const char       *secret)
{
  g_autofree char *encoded = ens_percent_encode (secret);
  g_autofree char *body = body_string (signed_request);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  g_assert_null (strstr (ens_signed_request_get_url (signed_request), secret));
  g_assert_null (strstr (ens_signed_request_get_url (signed_request), encoded));
  g_assert_null (strstr (body, secret));
  g_assert_null (strstr (body, encoded));
  g_assert_null (strstr (ens_signed_request_get_string_to_sign (signed_request), secret));

  soup_message_headers_iter_init (&iter, ens_signed_request_get_headers (signed_request));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_assert_null (strstr (value, secret));
      g_assert_null (strstr (value, encoded));
    }
}

static void
assert_params_equal (GHashTable *actual,
                     GHashTable *expected)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpstr (g_hash_table_lookup (actual, key), ==, value);
    }
  g_assert_cmpuint (g_hash_table_size (actual), ==, g_hash_table_size (expected));
}

static GHashTable *
copy_table (GHashTable *params)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));

  return copy;
}

/* The part of the request that carries the parameters: the query, or the
 * body for a form POST. */
static char *
carried_params (EnsSignedRequest *signed_request,
                Mode              mode)
{
  g_autofree char *query = url_query (signed_request);
  g_autofree char *body = body_string (signed_request);

  if (mode == MODE_POST_FORM)
    {
      g_assert_null (query);
      g_assert_cmpstr (ens_signed_request_get_url (signed_request), ==, "https://ens.aliyuncs.com/");
      g_assert_cmpstr (ens_signed_request_get_content_type (signed_request), ==, FORM_TYPE);
      g_assert_cmpstr (soup_message_headers_get_one (ens_signed_request_get_headers (signed_request),
                                                     "Content-Type"), ==, FORM_TYPE);
      g_assert_cmpuint (strlen (body), >, 0);
      return g_steal_pointer (&body);
    }

  g_assert_true (g_str_has_prefix (ens_signed_request_get_url (signed_request), "https://ens.aliyuncs.com/?"));
  g_assert_cmpstr (body, ==, "");
  g_assert_cmpuint (g_bytes_get_size (ens_signed_request_get_body (signed_request)), ==, 0);
  g_assert_null (ens_signed_request_get_content_type (signed_request));
  g_assert_null (soup_message_headers_get_one (ens_signed_request_get_headers (signed_request),
                                               "Content-Type"));
  return g_steal_pointer (&query);
}

static void
check_v1_request (EnsRequest       *request,
                  EnsSignedRequest *signed_request,
                  Mode              mode,
                  gboolean          sts)
{
  const char *method = mode == MODE_GET ? "GET" : "POST";
  g_autofree char *carried = carried_params (signed_request, mode);
  g_autoptr(GHashTable) actual = parse_form (carried);
  g_autoptr(GHashTable) expected = copy_table (ens_request_get_params (request));
  g_autoptr(GHashTable) unsigned_params = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *signature_wire = NULL;
  g_autofree char *signature_tail = NULL;
  SoupMessageHeaders *headers = ens_signed_request_get_headers (signed_request);

  g_hash_table_insert (expected, g_strdup ("Action"), g_strdup (ens_request_get_action (request)));
  g_hash_table_insert (expected, g_strdup ("Version"), g_strdup ("2017-11-10"));
  g_hash_table_insert (expected, g_strdup ("Format"), g_strdup ("JSON"));
  g_hash_table_insert (expected, g_strdup ("AccessKeyId"), g_strdup (TEST_ID));
  g_hash_table_insert (expected, g_strdup ("SignatureMethod"), g_strdup ("HMAC-SHA1"));
  g_hash_table_insert (expected, g_strdup ("SignatureVersion"), g_strdup ("1.0"));
  g_hash_table_insert (expected, g_strdup ("SignatureNonce"), g_strdup (TEST_NONCE));
  g_hash_table_insert (expected, g_strdup ("Timestamp"), g_strdup ("2024-01-01T00:00:00Z"));
  if (sts)
    g_hash_table_insert (expected, g_strdup ("SecurityToken"), g_strdup (TEST_TOKEN));

  /* Recompute the signature from what is on the wire. */
  unsigned_params = copy_table (expected);
  string_to_sign = ens_signer_v1_string_to_sign (method, unsigned_params);
  signature = ens_signer_v1_signature (TEST_SECRET, string_to_sign);
  g_hash_table_insert (expected, g_strdup ("Signature"), g_strdup (signature));

  assert_params_equal (actual, expected);
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (signed_request), ==, string_to_sign);

  /* Canonical order on the wire, with Signature last. */
  canonical = ens_signer_canonical_query (unsigned_params);
  signature_wire = ens_percent_encode (signature);
  g_assert_true (g_str_has_prefix (carried, canonical));
  signature_tail = g_strconcat ("&Signature=", signature_wire, NULL);
  g_assert_cmpstr (carried + strlen (canonical), ==, signature_tail);

  g_assert_null (soup_message_headers_get_one (headers, "Authorization"));
  g_assert_null (soup_message_headers_get_one (headers, "x-acs-signature-nonce"));
}

static void
check_v3_request (EnsRequest       *request,
                  EnsSignedRequest *signed_request,
                  Mode              mode,
                  gboolean          sts)
{
  const char *method = mode == MODE_GET ? "GET" : "POST";
  g_autofree char *carried = carried_params (signed_request, mode);
  g_autoptr(GHashTable) actual = parse_form (carried);
  g_autoptr(SoupMessageHeaders) unsigned_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeaders *headers = ens_signed_request_get_headers (signed_request);
  GBytes *body = ens_signed_request_get_body (signed_request);
  g_autofree char *body_hash = ens_signer_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autofree char *expected_signed = NULL;
  g_autofree char *canonical_params = ens_signer_canonical_query (ens_request_get_params (request));
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  /* Only the API's own parameters travel; the common ones are headers. */
  assert_params_equal (actual, ens_request_get_params (request));
  g_assert_cmpstr (carried, ==, canonical_params);

  g_assert_cmpstr (soup_message_headers_get_one (headers, "host"), ==, "ens.aliyuncs.com");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-action"), ==, ens_request_get_action (request));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-version"), ==, "2017-11-10");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-date"), ==, "2024-01-01T00:00:00Z");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-signature-nonce"), ==, TEST_NONCE);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-content-sha256"), ==, body_hash);
  if (mode != MODE_POST_FORM)
    g_assert_cmpstr (body_hash, ==, EMPTY_SHA256);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-security-token"), ==,
                   sts ? TEST_TOKEN : NULL);
  /* Sent, as the SDK does, and not signed (see expected_signed). */
  g_assert_cmpstr (soup_message_headers_get_one (headers, "accept"), ==, "application/json");

  expected_signed = g_strdup_printf ("%shost;x-acs-action;x-acs-content-sha256;x-acs-date;%sx-acs-signature-nonce;x-acs-version",
                                     mode == MODE_POST_FORM ? "content-type;" : "",
                                     sts ? "x-acs-security-token;" : "");

  /* Recompute the Authorization from everything but itself. */
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Authorization") != 0)
        soup_message_headers_append (unsigned_headers, name, value);
    }
  canonical = ens_signer_v3_canonical_request (method, "/",
                                               mode == MODE_POST_FORM ? NULL : actual,
                                               unsigned_headers, body_hash, &signed_headers);
  g_assert_cmpstr (signed_headers, ==, expected_signed);
  string_to_sign = ens_signer_v3_string_to_sign (canonical);
  signature = ens_signer_v3_signature (TEST_SECRET, string_to_sign);
  authorization = ens_signer_v3_authorization (TEST_ID, signed_headers, signature);

  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==, authorization);
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (signed_request), ==, string_to_sign);
}

static const char *
signature_of (EnsSignedRequest    *signed_request,
              EnsSignatureVersion  version,
              Mode                 mode,
              char               **to_free)
{
  if (version == ENS_SIGNATURE_V3)
    return soup_message_headers_get_one (ens_signed_request_get_headers (signed_request), "Authorization");

  *to_free = mode == MODE_POST_FORM ? body_string (signed_request) : url_query (signed_request);
  return strstr (*to_free, "&Signature=");
}

static void
check_message (EnsSignedRequest *signed_request)
{
  g_autoptr(SoupMessage) message = ens_signed_request_to_message (signed_request);
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (message));
  SoupMessageHeaders *expected = ens_signed_request_get_headers (signed_request);
  SoupMessageHeaders *actual = soup_message_get_request_headers (message);
  gsize body_size = g_bytes_get_size (ens_signed_request_get_body (signed_request));
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  g_assert_cmpstr (soup_message_get_method (message), ==, ens_signed_request_get_method (signed_request));
  g_assert_cmpstr (uri, ==, ens_signed_request_get_url (signed_request));

  soup_message_headers_iter_init (&iter, expected);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_assert_cmpstr (soup_message_headers_get_one (actual, name), ==, value);

  if (body_size > 0)
    {
      g_assert_cmpstr (soup_message_headers_get_content_type (actual, NULL), ==, FORM_TYPE);
      g_assert_cmpint (soup_message_headers_get_content_length (actual), ==, body_size);
    }
  else
    {
      g_assert_null (soup_message_headers_get_one (actual, "Content-Type"));
    }
}

static EnsRequest *
make_request (guint which)
{
  static const char * const adds[] = { "1234567890123456", "6543210987654321", NULL };
  g_autoptr(GError) error = NULL;
  EnsRequest *request = NULL;

  switch (which)
    {
    case 0:
      request = ens_request_new_modify_image_share_permission (VECTOR_IMAGE, adds, "1111222233334444", &error);
      break;
    case 1:
      request = ens_request_new_describe_image_share_permission (VECTOR_IMAGE, 2, 100, &error);
      break;
    case 2:
      request = ens_request_new_describe_images (1, 50, NULL, "my image 中文*~", &error);
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

/* 3 actions × V1/V3 × GET / POST query / POST form × with and without an
 * STS token. */
static void
test_sign_matrix (void)
{
  static const EnsSignatureVersion versions[] = { ENS_SIGNATURE_V1, ENS_SIGNATURE_V3 };
  g_autoptr(GUri) endpoint = default_endpoint ();
  g_autoptr(EnsCredentials) plain = ens_credentials_new (TEST_ID, TEST_SECRET, NULL);
  g_autoptr(EnsCredentials) sts = ens_credentials_new (TEST_ID, TEST_SECRET, TEST_TOKEN);
  guint n_checked = 0;

  for (guint which = 0; which < 3; which++)
    for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
      for (Mode mode = MODE_GET; mode <= MODE_POST_FORM; mode++)
        for (guint with_sts = 0; with_sts < 2; with_sts++)
          {
            g_autoptr(EnsRequest) request = make_request (which);
            EnsCredentials *credentials = with_sts ? sts : plain;
            g_autoptr(EnsSignedRequest) first = sign (request, versions[v], mode, endpoint, credentials, TEST_NONCE);
            g_autoptr(EnsSignedRequest) again = sign (request, versions[v], mode, endpoint, credentials, TEST_NONCE);
            g_autoptr(EnsSignedRequest) other = sign (request, versions[v], mode, endpoint, credentials, OTHER_NONCE);
            g_autofree char *first_body = body_string (first);
            g_autofree char *again_body = body_string (again);
            g_autofree char *free1 = NULL;
            g_autofree char *free2 = NULL;
            g_autofree char *free3 = NULL;
            const char *sig_first;
            const char *sig_again;
            const char *sig_other;

            g_test_message ("%s V%d %s %s", ens_request_get_action (request), versions[v],
                            mode_names[mode], with_sts ? "STS" : "AK");

            g_assert_cmpstr (ens_signed_request_get_method (first), ==, mode == MODE_GET ? "GET" : "POST");

            if (versions[v] == ENS_SIGNATURE_V1)
              check_v1_request (request, first, mode, with_sts);
            else
              check_v3_request (request, first, mode, with_sts);

            assert_no_secret (first, TEST_SECRET);
            check_message (first);

            /* Same inputs, same request, byte for byte. */
            g_assert_cmpstr (ens_signed_request_get_url (again), ==, ens_signed_request_get_url (first));
            g_assert_cmpstr (again_body, ==, first_body);
            g_assert_cmpstr (ens_signed_request_get_string_to_sign (again), ==,
                             ens_signed_request_get_string_to_sign (first));

            sig_first = signature_of (first, versions[v], mode, &free1);
            sig_again = signature_of (again, versions[v], mode, &free2);
            sig_other = signature_of (other, versions[v], mode, &free3);
            g_assert_nonnull (sig_first);
            g_assert_cmpstr (sig_again, ==, sig_first);

            /* Another nonce, another signature. */
            g_assert_nonnull (sig_other);
            g_assert_cmpstr (sig_other, !=, sig_first);
            g_assert_cmpstr (ens_signed_request_get_string_to_sign (other), !=,
                             ens_signed_request_get_string_to_sign (first));

            n_checked++;
          }

  g_assert_cmpuint (n_checked, ==, 36);
}

static EnsRequest *
vector_request (void)
{
  static const char * const adds[] = { "1234567890123456", "6543210987654321", NULL };
  g_autoptr(GError) error = NULL;
  EnsRequest *request;

  request = ens_request_new_modify_image_share_permission (VECTOR_IMAGE, adds, NULL, &error);
  g_assert_no_error (error);

  return request;
}

/* Vector G, straight out of ens_request_sign(). */
static void
test_sign_vector_g (void)
{
  g_autoptr(EnsRequest) request = vector_request ();
  g_autoptr(GUri) endpoint = default_endpoint ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("testid", "testsecret", NULL);
  g_autoptr(EnsSignedRequest) get = sign (request, ENS_SIGNATURE_V1, MODE_GET, endpoint, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) post = sign (request, ENS_SIGNATURE_V1, MODE_POST_QUERY, endpoint, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) form = sign (request, ENS_SIGNATURE_V1, MODE_POST_FORM, endpoint, credentials, VECTOR_NONCE);
  g_autofree char *form_body = body_string (form);

  g_assert_cmpstr (ens_signed_request_get_url (get), ==,
                   "https://ens.aliyuncs.com/?" VECTOR_G_CANONICAL "&Signature=%2Ff%2BmGi7viBW%2BSwbHxFawc26MZWo%3D");
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (get), ==, "GET" VECTOR_G_STS_TAIL);

  g_assert_cmpstr (ens_signed_request_get_url (post), ==,
                   "https://ens.aliyuncs.com/?" VECTOR_G_CANONICAL "&Signature=GfS48ElWPyNCGaO%2BO6vRrgJjSgE%3D");
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (post), ==, "POST" VECTOR_G_STS_TAIL);

  g_assert_cmpstr (ens_signed_request_get_url (form), ==, "https://ens.aliyuncs.com/");
  g_assert_cmpstr (form_body, ==, VECTOR_G_CANONICAL "&Signature=GfS48ElWPyNCGaO%2BO6vRrgJjSgE%3D");
  g_assert_cmpstr (ens_signed_request_get_content_type (form), ==, FORM_TYPE);
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (form), ==, "POST" VECTOR_G_STS_TAIL);
}

/* Vector J, straight out of ens_request_sign(). */
static void
test_sign_vector_j (void)
{
  g_autoptr(EnsRequest) request = vector_request ();
  g_autoptr(GUri) endpoint = default_endpoint ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("testid", "testsecret", NULL);
  g_autoptr(EnsSignedRequest) post = sign (request, ENS_SIGNATURE_V3, MODE_POST_QUERY, endpoint, credentials, VECTOR_NONCE);
  SoupMessageHeaders *headers = ens_signed_request_get_headers (post);
  g_autoptr(SoupMessage) message = ens_signed_request_to_message (post);
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (message));
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  guint n_headers = 0;

  g_assert_cmpstr (ens_signed_request_get_method (post), ==, "POST");
  g_assert_cmpstr (ens_signed_request_get_url (post), ==,
                   "https://ens.aliyuncs.com/?AddAccounts=1234567890123456%2C6543210987654321&ImageId=m-5s7qotzavwbrnzaqh4unmabcd");
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (post), ==,
                   "ACS3-HMAC-SHA256\n78a817115dcf435b5f66d3530944f65ac6daf4d0a3199e5c36ed283da7a72c0b");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                   "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=c5d957e57a6705a8715418c2448a4e23d37b218ed4b95b4c1b6e22793a25364a");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "host"), ==, "ens.aliyuncs.com");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-action"), ==, "ModifyImageSharePermission");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-version"), ==, "2017-11-10");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-date"), ==, "2024-01-01T00:00:00Z");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-signature-nonce"), ==, VECTOR_NONCE);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "x-acs-content-sha256"), ==, EMPTY_SHA256);
  g_assert_cmpuint (g_bytes_get_size (ens_signed_request_get_body (post)), ==, 0);
  /* Sent and not signed: the signature above is the vector's. */
  g_assert_cmpstr (soup_message_headers_get_one (headers, "accept"), ==, "application/json");

  /* The eight above, nothing else. */
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    n_headers++;
  g_assert_cmpuint (n_headers, ==, 8);

  /* The same thing as a SoupMessage. */
  g_assert_cmpstr (soup_message_get_method (message), ==, "POST");
  g_assert_cmpstr (uri, ==, ens_signed_request_get_url (post));
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (message), "Authorization"), ==,
                   soup_message_headers_get_one (headers, "Authorization"));
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (message), "Host"), ==,
                   "ens.aliyuncs.com");
}

/* A loopback endpoint with a port: the port is in the URL and in the
 * signed host header; a default port is left out of both. */
static void
test_sign_endpoint_port (void)
{
  g_autoptr(EnsRequest) request = vector_request ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("testid", "testsecret", NULL);
  g_autoptr(GUri) local = g_uri_parse ("http://127.0.0.1:8080", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) local_slash = g_uri_parse ("http://127.0.0.1:8080/", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) explicit_default = g_uri_parse ("https://ens.aliyuncs.com:443", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) singapore = g_uri_parse (ENS_SINGAPORE_ENDPOINT, G_URI_FLAGS_NONE, NULL);
  g_autoptr(EnsSignedRequest) v3_local = sign (request, ENS_SIGNATURE_V3, MODE_POST_QUERY, local, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) v3_local_slash = sign (request, ENS_SIGNATURE_V3, MODE_POST_QUERY, local_slash, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) v1_local = sign (request, ENS_SIGNATURE_V1, MODE_GET, local, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) v1_form = sign (request, ENS_SIGNATURE_V1, MODE_POST_FORM, local, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) v3_default = sign (request, ENS_SIGNATURE_V3, MODE_POST_QUERY, explicit_default, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) v3_singapore = sign (request, ENS_SIGNATURE_V3, MODE_GET, singapore, credentials, VECTOR_NONCE);
  g_autoptr(SoupMessage) message = ens_signed_request_to_message (v3_local);

  g_assert_cmpstr (ens_signed_request_get_url (v3_local), ==,
                   "http://127.0.0.1:8080/?AddAccounts=1234567890123456%2C6543210987654321&ImageId=m-5s7qotzavwbrnzaqh4unmabcd");
  g_assert_cmpstr (soup_message_headers_get_one (ens_signed_request_get_headers (v3_local), "host"), ==,
                   "127.0.0.1:8080");
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (message), "Host"), ==,
                   "127.0.0.1:8080");
  g_assert_cmpstr (ens_signed_request_get_url (v3_local_slash), ==, ens_signed_request_get_url (v3_local));
  /* The signed host differs from vector J's, so the signature must too. */
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (v3_local), !=,
                   "ACS3-HMAC-SHA256\n78a817115dcf435b5f66d3530944f65ac6daf4d0a3199e5c36ed283da7a72c0b");

  /* V1 does not sign the host: same signature as vector G. */
  g_assert_cmpstr (ens_signed_request_get_url (v1_local), ==,
                   "http://127.0.0.1:8080/?" VECTOR_G_CANONICAL "&Signature=%2Ff%2BmGi7viBW%2BSwbHxFawc26MZWo%3D");
  g_assert_cmpstr (ens_signed_request_get_url (v1_form), ==, "http://127.0.0.1:8080/");

  /* An explicit default port is vector J exactly. */
  g_assert_cmpstr (ens_signed_request_get_url (v3_default), ==,
                   "https://ens.aliyuncs.com/?AddAccounts=1234567890123456%2C6543210987654321&ImageId=m-5s7qotzavwbrnzaqh4unmabcd");
  g_assert_cmpstr (soup_message_headers_get_one (ens_signed_request_get_headers (v3_default), "host"), ==,
                   "ens.aliyuncs.com");
  g_assert_cmpstr (ens_signed_request_get_string_to_sign (v3_default), ==,
                   "ACS3-HMAC-SHA256\n78a817115dcf435b5f66d3530944f65ac6daf4d0a3199e5c36ed283da7a72c0b");

  g_assert_cmpstr (soup_message_headers_get_one (ens_signed_request_get_headers (v3_singapore), "host"), ==,
                   "ens.ap-southeast-1.aliyuncs.com");
}

static void
test_sign_bad_endpoint (void)
{
  g_autoptr(EnsRequest) request = vector_request ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("testid", "testsecret", NULL);
  g_autoptr(EnsCredentials) no_secret = ens_credentials_new ("testid", "", NULL);
  g_autoptr(GUri) ftp = g_uri_parse ("ftp://ens.aliyuncs.com", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) good = default_endpoint ();
  g_autoptr(GDateTime) when = test_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(EnsSignedRequest) bad = NULL;
  g_autoptr(EnsSignedRequest) bad2 = NULL;

  bad = ens_request_sign (request, ENS_SIGNATURE_V3, "POST", FALSE, ftp, credentials, when,
                          VECTOR_NONCE, &error);
  g_assert_null (bad);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);

  bad2 = ens_request_sign (request, ENS_SIGNATURE_V1, "GET", FALSE, good, no_secret, when,
                           VECTOR_NONCE, &error2);
  g_assert_null (bad2);
  g_assert_error (error2, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
}

/* STS under V1: the token is a signed parameter, encoded on the wire. */
static void
test_sign_sts_wire (void)
{
  g_autoptr(EnsRequest) request = vector_request ();
  g_autoptr(GUri) endpoint = default_endpoint ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("STS.testid", "testsecret", TEST_TOKEN);
  g_autoptr(EnsSignedRequest) v1 = sign (request, ENS_SIGNATURE_V1, MODE_GET, endpoint, credentials, VECTOR_NONCE);
  g_autoptr(EnsSignedRequest) v3 = sign (request, ENS_SIGNATURE_V3, MODE_GET, endpoint, credentials, VECTOR_NONCE);
  const char *url = ens_signed_request_get_url (v1);

  g_assert_nonnull (strstr (url, "&SecurityToken=CAIS%2Btoken%2Fwith%3Dspecials%20and%20space&"));
  g_assert_nonnull (strstr (url, "AccessKeyId=STS.testid&"));
  g_assert_nonnull (strstr (ens_signed_request_get_string_to_sign (v1),
                            "%26SecurityToken%3DCAIS%252Btoken%252Fwith%253Dspecials%2520and%2520space%26"));

  g_assert_cmpstr (soup_message_headers_get_one (ens_signed_request_get_headers (v3), "x-acs-security-token"), ==,
                   TEST_TOKEN);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (ens_signed_request_get_headers (v3), "Authorization"),
                                   "ACS3-HMAC-SHA256 Credential=STS.testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature="));
  g_assert_null (strstr (ens_signed_request_get_url (v3), "SecurityToken"));
}

static void
test_build_modify (void)
{
  static const char * const adds[] = { "1234567890123456", "", "6543210987654321", NULL };
  static const char * const one[] = { "1234567890123456", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRequest) add = NULL;
  g_autoptr(EnsRequest) remove = NULL;
  g_autoptr(EnsRequest) both = NULL;
  EnsRequest *copy;

  add = ens_request_new_modify_image_share_permission (VECTOR_IMAGE, adds, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_action (add), ==, "ModifyImageSharePermission");
  g_assert_cmpstr (ens_request_get_param (add, "ImageId"), ==, VECTOR_IMAGE);
  g_assert_cmpstr (ens_request_get_param (add, "AddAccounts"), ==, "1234567890123456,6543210987654321");
  g_assert_null (ens_request_get_param (add, "RemoveAccounts"));
  g_assert_cmpuint (g_hash_table_size (ens_request_get_params (add)), ==, 2);

  remove = ens_request_new_modify_image_share_permission (VECTOR_IMAGE, NULL, "1234567890123456", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_param (remove, "RemoveAccounts"), ==, "1234567890123456");
  g_assert_null (ens_request_get_param (remove, "AddAccounts"));
  g_assert_cmpuint (g_hash_table_size (ens_request_get_params (remove)), ==, 2);

  both = ens_request_new_modify_image_share_permission (VECTOR_IMAGE, one, "6543210987654321", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_param (both, "AddAccounts"), ==, "1234567890123456");
  g_assert_cmpstr (ens_request_get_param (both, "RemoveAccounts"), ==, "6543210987654321");
  g_assert_cmpuint (g_hash_table_size (ens_request_get_params (both)), ==, 3);

  /* Boxed and reference counted. */
  g_assert_true (g_type_is_a (ENS_TYPE_REQUEST, G_TYPE_BOXED));
  copy = g_boxed_copy (ENS_TYPE_REQUEST, both);
  g_assert_true (copy == both);
  g_boxed_free (ENS_TYPE_REQUEST, copy);
  g_assert_cmpstr (ens_request_get_action (both), ==, "ModifyImageSharePermission");
}

/* Takes the error's address so that it is read after the call. */
static void
assert_refused (EnsRequest  *request,
                GError     **error)
{
  g_assert_null (request);
  g_assert_error (*error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_cmpuint (strlen ((*error)->message), >, 10);
}

static void
test_refuse_modify (void)
{
  static const char * const adds[] = { "1234567890123456", NULL };
  static const char * const empty[] = { NULL };
  static const char * const blanks[] = { "", "", NULL };
  static const char *two_removes[] = { "1234567890123456,6543210987654321", "1 2", "1\t2", "1\n2", "1, 2", " 1" };

  for (gsize i = 0; i < G_N_ELEMENTS (two_removes); i++)
    {
      g_autoptr(GError) error = NULL;
      EnsRequest *request = ens_request_new_modify_image_share_permission (VECTOR_IMAGE, NULL, two_removes[i], &error);

      g_test_message ("remove %s", two_removes[i]);
      assert_refused (request, &error);
    }

  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;
    g_autoptr(GError) e5 = NULL;
    g_autoptr(GError) e6 = NULL;
    g_autoptr(GError) e7 = NULL;

    /* Neither add nor remove. */
    assert_refused (ens_request_new_modify_image_share_permission (VECTOR_IMAGE, NULL, NULL, &e1), &e1);
    assert_refused (ens_request_new_modify_image_share_permission (VECTOR_IMAGE, empty, "", &e2), &e2);
    assert_refused (ens_request_new_modify_image_share_permission (VECTOR_IMAGE, blanks, NULL, &e3), &e3);

    /* No image. */
    assert_refused (ens_request_new_modify_image_share_permission ("", adds, NULL, &e4), &e4);
    assert_refused (ens_request_new_modify_image_share_permission (NULL, adds, NULL, &e5), &e5);
    assert_refused (ens_request_new_modify_image_share_permission ("  ", adds, NULL, &e6), &e6);

    /* Add is fine, remove has two accounts: still refused. */
    assert_refused (ens_request_new_modify_image_share_permission (VECTOR_IMAGE, adds, "1,2", &e7), &e7);
  }
}

static void
test_build_describe_share (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRequest) first = NULL;
  g_autoptr(EnsRequest) last = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(GError) e5 = NULL;

  first = ens_request_new_describe_image_share_permission (VECTOR_IMAGE, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_action (first), ==, "DescribeImageSharePermission");
  g_assert_cmpstr (ens_request_get_param (first, "ImageId"), ==, VECTOR_IMAGE);
  g_assert_cmpstr (ens_request_get_param (first, "PageNumber"), ==, "1");
  g_assert_cmpstr (ens_request_get_param (first, "PageSize"), ==, "1");
  g_assert_cmpuint (g_hash_table_size (ens_request_get_params (first)), ==, 3);

  last = ens_request_new_describe_image_share_permission (VECTOR_IMAGE, 12, ENS_SHARE_PAGE_SIZE_MAX, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_param (last, "PageNumber"), ==, "12");
  g_assert_cmpstr (ens_request_get_param (last, "PageSize"), ==, "100");

  assert_refused (ens_request_new_describe_image_share_permission (VECTOR_IMAGE, 1, 0, &e1), &e1);
  assert_refused (ens_request_new_describe_image_share_permission (VECTOR_IMAGE, 1, 101, &e2), &e2);
  assert_refused (ens_request_new_describe_image_share_permission (VECTOR_IMAGE, 0, 10, &e3), &e3);
  assert_refused (ens_request_new_describe_image_share_permission ("", 1, 10, &e4), &e4);
  assert_refused (ens_request_new_describe_image_share_permission (NULL, 1, 10, &e5), &e5);
}

static void
test_build_describe_images (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRequest) bare = NULL;
  g_autoptr(EnsRequest) full = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;

  bare = ens_request_new_describe_images (1, ENS_IMAGES_PAGE_SIZE_MAX, NULL, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_action (bare), ==, "DescribeImages");
  g_assert_cmpstr (ens_request_get_param (bare, "PageNumber"), ==, "1");
  g_assert_cmpstr (ens_request_get_param (bare, "PageSize"), ==, "50");
  g_assert_null (ens_request_get_param (bare, "ImageId"));
  g_assert_null (ens_request_get_param (bare, "ImageName"));
  g_assert_cmpuint (g_hash_table_size (ens_request_get_params (bare)), ==, 2);

  full = ens_request_new_describe_images (3, 1, VECTOR_IMAGE, "web server", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ens_request_get_param (full, "PageNumber"), ==, "3");
  g_assert_cmpstr (ens_request_get_param (full, "PageSize"), ==, "1");
  g_assert_cmpstr (ens_request_get_param (full, "ImageId"), ==, VECTOR_IMAGE);
  g_assert_cmpstr (ens_request_get_param (full, "ImageName"), ==, "web server");
  g_assert_cmpuint (g_hash_table_size (ens_request_get_params (full)), ==, 4);

  assert_refused (ens_request_new_describe_images (1, 0, NULL, NULL, &e1), &e1);
  assert_refused (ens_request_new_describe_images (1, 51, NULL, NULL, &e2), &e2);
  assert_refused (ens_request_new_describe_images (0, 10, NULL, NULL, &e3), &e3);
}

static void
test_signed_request_boxed (void)
{
  g_autoptr(EnsRequest) request = vector_request ();
  g_autoptr(GUri) endpoint = default_endpoint ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("testid", "testsecret", NULL);
  g_autoptr(EnsSignedRequest) signed_request = sign (request, ENS_SIGNATURE_V1, MODE_GET, endpoint, credentials, VECTOR_NONCE);
  EnsSignedRequest *copy;

  g_assert_true (g_type_is_a (ENS_TYPE_SIGNED_REQUEST, G_TYPE_BOXED));
  copy = g_boxed_copy (ENS_TYPE_SIGNED_REQUEST, signed_request);
  g_assert_true (copy == signed_request);
  g_boxed_free (ENS_TYPE_SIGNED_REQUEST, copy);

  /* The signed request holds its own data: drop the inputs first. */
  g_clear_pointer (&request, ens_request_unref);
  g_clear_pointer (&credentials, ens_credentials_free);
  g_assert_true (g_str_has_suffix (ens_signed_request_get_url (signed_request),
                                   "&Signature=%2Ff%2BmGi7viBW%2BSwbHxFawc26MZWo%3D"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/build/modify", test_build_modify);
  g_test_add_func ("/request/build/describe-share", test_build_describe_share);
  g_test_add_func ("/request/build/describe-images", test_build_describe_images);
  g_test_add_func ("/request/refuse/modify", test_refuse_modify);
  g_test_add_func ("/request/sign/matrix", test_sign_matrix);
  g_test_add_func ("/request/sign/vector-g", test_sign_vector_g);
  g_test_add_func ("/request/sign/vector-j", test_sign_vector_j);
  g_test_add_func ("/request/sign/endpoint-port", test_sign_endpoint_port);
  g_test_add_func ("/request/sign/bad-endpoint", test_sign_bad_endpoint);
  g_test_add_func ("/request/sign/sts-wire", test_sign_sts_wire);
  g_test_add_func ("/request/signed-request-boxed", test_signed_request_boxed);

  return g_test_run ();
}
