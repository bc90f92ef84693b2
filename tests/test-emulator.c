/* test-emulator.c
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
 * The ENS emulator over real loopback HTTP: requests are built and signed
 * by the app's own ens_request_* code and sent with a SoupSession.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ens-core.h"
#include "ens-emulator.h"

#define KEY_ID        "LTAI5tTestTestTestTest01"
#define KEY_SECRET    "TestSecretTestSecretTestSecre1"
#define RO_KEY_ID     "LTAI5tReadOnlyReadOnly02"
#define RO_KEY_SECRET "ReadOnlySecretReadOnlySecret12"
#define STS_KEY_ID    "STS.NSynGhy3WWTQKyH1LSpdnxmtD"
#define STS_SECRET    "StsSecretStsSecretStsSecretStsSecretStsSec1"
#define STS_TOKEN     "CAIS8gF1q6Ft5B2yfSjIr5aHJdPl1LlE+o+adnHIkWIkb+1+mIH4iDz2IHhMf3NpBOkZvvQ1lGlU6"
#define OLD_STS_ID    "STS.NOldOldOldOldOldOldOldOldO"
#define OLD_STS_TOKEN "CAISexpiredExpiredExpiredExpired"

#define IMAGE_A       "m-5s7qotzavwbrnzaqh4unmabcd"
#define IMAGE_B       "m-6kf2d9a0tzd5ipwx5fiqabcde"
#define IMAGE_SYS     "ubuntu_22_04_x64_20G_alibase_20240101"
#define MISSING_IMAGE "m-0000000000000000000000000"

#define UID_1         "1234567890123456"
#define UID_2         "6543210987654321"
#define UID_3         "1122334455667788"

typedef struct
{
  EnsEmulator *emulator;
  SoupSession *session;
  GUri        *endpoint;
  char        *url;
} Fixture;

typedef struct
{
  EnsSignatureVersion  version;
  const char          *method;
  gboolean             form_body;
  gboolean             sts;
} Variant;

typedef struct
{
  guint       status;
  char       *content_type;
  GBytes     *body;
  GError     *error;
  JsonNode   *json;
  SoupMessageHeaders *headers;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_error (&answer->error);
  g_clear_pointer (&answer->json, json_node_unref);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char * const shares_a[] = { UID_1, NULL };
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_key (fixture->emulator, RO_KEY_ID, RO_KEY_SECRET, TRUE);
  ens_emulator_add_sts_key (fixture->emulator, STS_KEY_ID, STS_SECRET, STS_TOKEN, FALSE);
  ens_emulator_add_sts_key (fixture->emulator, OLD_STS_ID, STS_SECRET, OLD_STS_TOKEN, TRUE);
  ens_emulator_add_image (fixture->emulator, IMAGE_A, "web-frontend", "self", "ubuntu",
                          "2024-03-18T09:12:44Z");
  ens_emulator_add_image (fixture->emulator, IMAGE_B, "database", "self", "debian",
                          "2024-05-02T14:30:05Z");
  ens_emulator_add_image (fixture->emulator, IMAGE_SYS, "Ubuntu 22.04 64 bit", "system",
                          "ubuntu", "2024-01-01T00:00:00Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE_A, shares_a);

  ens_emulator_listen (fixture->emulator, 0, &error);
  g_assert_no_error (error);

  fixture->url = ens_emulator_dup_url (fixture->emulator);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));
  fixture->endpoint = g_uri_parse (fixture->url, SOUP_HTTP_URI_FLAGS, &error);
  g_assert_no_error (error);

  fixture->session = soup_session_new_with_options ("max-conns", 32,
                                                    "max-conns-per-host", 32,
                                                    "timeout", 10,
                                                    NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  /* Let the server notice the closed connections before it stops. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (g_steal_pointer (&fixture->emulator));
  g_clear_pointer (&fixture->endpoint, g_uri_unref);
  g_clear_pointer (&fixture->url, g_free);
}

/* Sending */

typedef struct
{
  GPtrArray *answers;
  guint      remaining;
} SendState;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  SendState *state = g_object_get_data (G_OBJECT (msg), "state");
  Answer *answer = g_object_get_data (G_OBJECT (msg), "answer");

  answer->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &answer->error);
  answer->status = soup_message_get_status (msg);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  answer->content_type = g_strdup (soup_message_headers_get_one (answer->headers, "Content-Type"));

  if (answer->body != NULL && g_bytes_get_size (answer->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (answer->body, &size);

      if (json_parser_load_from_data (parser, data, size, NULL))
        answer->json = json_node_ref (json_parser_get_root (parser));
    }

  state->remaining--;
  g_object_unref (msg);
}

/* Sends all @messages at once and waits for every answer. */
static GPtrArray *
send_all (Fixture      *fixture,
          SoupMessage **messages,
          guint         n_messages)
{
  SendState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free), n_messages };

  for (guint i = 0; i < n_messages; i++)
    {
      Answer *answer = g_new0 (Answer, 1);

      g_ptr_array_add (state.answers, answer);
      g_object_set_data (G_OBJECT (messages[i]), "state", &state);
      g_object_set_data (G_OBJECT (messages[i]), "answer", answer);
      soup_session_send_and_read_async (fixture->session, g_object_ref (messages[i]),
                                        G_PRIORITY_DEFAULT, NULL, send_cb, NULL);
    }

  while (state.remaining > 0)
    g_main_context_iteration (NULL, TRUE);

  return state.answers;
}

static Answer *
send_message (Fixture     *fixture,
              SoupMessage *msg)
{
  g_autoptr(GPtrArray) answers = send_all (fixture, &msg, 1);

  return g_ptr_array_steal_index (answers, 0);
}

static EnsSignedRequest *
sign_full (Fixture             *fixture,
           EnsRequest          *request,
           EnsSignatureVersion  version,
           const char          *method,
           gboolean             form_body,
           const char          *key_id,
           const char          *secret,
           const char          *token,
           GDateTime           *timestamp,
           const char          *nonce)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (key_id, secret, token);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fresh_nonce = ens_signer_new_nonce ();
  g_autoptr(GError) error = NULL;
  EnsSignedRequest *signed_request;

  signed_request = ens_request_sign (request, version, method, form_body, fixture->endpoint,
                                     credentials, timestamp != NULL ? timestamp : now,
                                     nonce != NULL ? nonce : fresh_nonce, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_request);

  return signed_request;
}

static EnsSignedRequest *
sign (Fixture    *fixture,
      EnsRequest *request)
{
  return sign_full (fixture, request, ENS_SIGNATURE_V1, "GET", FALSE,
                    KEY_ID, KEY_SECRET, NULL, NULL, NULL);
}

static Answer *
send_signed (Fixture          *fixture,
             EnsSignedRequest *signed_request)
{
  g_autoptr(SoupMessage) msg = ens_signed_request_to_message (signed_request);

  return send_message (fixture, msg);
}

static Answer *
send_request (Fixture    *fixture,
              EnsRequest *request)
{
  g_autoptr(EnsSignedRequest) signed_request = sign (fixture, request);

  return send_signed (fixture, signed_request);
}

/* Builds a V1 GET by hand, for requests the app's builder refuses to make.
 * @overrides replaces common parameters; a NULL value drops one.  The
 * request is signed correctly with @secret unless @signature is given. */
static SoupMessage *
raw_v1_message (Fixture    *fixture,
                const char *secret,
                const char *signature,
                ...)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = ens_signer_format_timestamp (now);
  g_autofree char *nonce = ens_signer_new_nonce ();
  g_autofree char *string_to_sign = NULL;
  g_autofree char *computed = NULL;
  GString *url = g_string_new (fixture->url);
  GHashTableIter iter;
  gpointer name, value;
  const char *override;
  va_list args;
  gboolean first = TRUE;

  g_hash_table_insert (params, g_strdup ("Action"), g_strdup ("DescribeImageSharePermission"));
  g_hash_table_insert (params, g_strdup ("Version"), g_strdup ("2017-11-10"));
  g_hash_table_insert (params, g_strdup ("Format"), g_strdup ("JSON"));
  g_hash_table_insert (params, g_strdup ("AccessKeyId"), g_strdup (KEY_ID));
  g_hash_table_insert (params, g_strdup ("SignatureMethod"), g_strdup ("HMAC-SHA1"));
  g_hash_table_insert (params, g_strdup ("SignatureVersion"), g_strdup ("1.0"));
  g_hash_table_insert (params, g_strdup ("SignatureNonce"), g_strdup (nonce));
  g_hash_table_insert (params, g_strdup ("Timestamp"), g_strdup (timestamp));
  g_hash_table_insert (params, g_strdup ("ImageId"), g_strdup (IMAGE_A));

  va_start (args, signature);
  while ((override = va_arg (args, const char *)) != NULL)
    {
      const char *new_value = va_arg (args, const char *);

      if (new_value == NULL)
        g_hash_table_remove (params, override);
      else
        g_hash_table_replace (params, g_strdup (override), g_strdup (new_value));
    }
  va_end (args);

  string_to_sign = ens_signer_v1_string_to_sign ("GET", params);
  computed = ens_signer_v1_signature (secret, string_to_sign);

  g_string_append (url, "/?");
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *enc_name = ens_percent_encode (name);
      g_autofree char *enc_value = ens_percent_encode (value);

      g_string_append_printf (url, "%s%s=%s", first ? "" : "&", enc_name, enc_value);
      first = FALSE;
    }

  if (signature == NULL || *signature != '\0')
    {
      g_autofree char *enc_signature = ens_percent_encode (signature != NULL ? signature : computed);

      g_string_append_printf (url, "&Signature=%s", enc_signature);
    }

  {
    g_autofree char *url_str = g_string_free (url, FALSE);

    return soup_message_new ("GET", url_str);
  }
}

/* Assertions */

static JsonObject *
answer_object (Answer *answer)
{
  g_assert_no_error (answer->error);
  g_assert_nonnull (answer->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer->json));

  return json_node_get_object (answer->json);
}

static void
assert_request_id (const char *request_id)
{
  g_assert_nonnull (request_id);
  g_assert_cmpuint (strlen (request_id), ==, 36);
  g_assert_true (g_uuid_string_is_valid (request_id));
  for (const char *p = request_id; *p != '\0'; p++)
    g_assert_false (g_ascii_islower (*p));
}

static JsonObject *
assert_success (Answer *answer)
{
  JsonObject *object = answer_object (answer);

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "application/json;charset=utf-8");
  assert_request_id (json_object_get_string_member (object, "RequestId"));
  g_assert_false (json_object_has_member (object, "Message"));

  return object;
}

static const char *
assert_api_error (Answer     *answer,
                  guint       status,
                  const char *code)
{
  JsonObject *object = answer_object (answer);
  const char *request_id = json_object_get_string_member (object, "RequestId");
  g_autofree char *recommend = NULL;

  g_assert_cmpstr (json_object_get_string_member (object, "Code"), ==, code);
  g_assert_cmpuint (answer->status, ==, status);
  g_assert_cmpstr (answer->content_type, ==, "application/json;charset=utf-8");
  assert_request_id (request_id);
  g_assert_cmpstr (json_object_get_string_member (object, "HostId"), ==, "ens.aliyuncs.com");
  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=Ens&requestId=%s",
                               code, request_id);
  g_assert_cmpstr (json_object_get_string_member (object, "Recommend"), ==, recommend);
  g_assert_nonnull (json_object_get_string_member (object, "Message"));

  return json_object_get_string_member (object, "Message");
}

static void
assert_shares (Fixture    *fixture,
               const char *image_id,
               const char *expected)
{
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, image_id);
  g_autofree char *joined = g_strjoinv (",", shares);

  g_assert_cmpstr (joined, ==, expected);
}

/* Tests: life cycle, success paths */

static void
test_new_stop (void)
{
  g_autoptr(GError) error = NULL;
  EnsEmulator *emulator = ens_emulator_new ();
  g_autofree char *url = NULL;

  g_assert_null (ens_emulator_dup_url (emulator));
  g_assert_true (ens_emulator_listen (emulator, 0, &error));
  g_assert_no_error (error);
  url = ens_emulator_dup_url (emulator);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpuint (ens_emulator_get_request_count (emulator), ==, 0);
  ens_emulator_stop (emulator);
  g_assert_null (ens_emulator_dup_url (emulator));
  g_assert_finalize_object (emulator);
}

static const Variant variants[] = {
  { ENS_SIGNATURE_V1, "GET",  FALSE, FALSE },
  { ENS_SIGNATURE_V1, "POST", FALSE, FALSE },
  { ENS_SIGNATURE_V1, "POST", TRUE,  FALSE },
  { ENS_SIGNATURE_V3, "POST", FALSE, FALSE },
  { ENS_SIGNATURE_V3, "POST", TRUE,  FALSE },
  { ENS_SIGNATURE_V3, "GET",  FALSE, FALSE },
  { ENS_SIGNATURE_V1, "POST", FALSE, TRUE },
  { ENS_SIGNATURE_V3, "POST", TRUE,  TRUE },
};

static EnsSignedRequest *
sign_variant (Fixture       *fixture,
              EnsRequest    *request,
              const Variant *variant)
{
  return sign_full (fixture, request, variant->version, variant->method, variant->form_body,
                    variant->sts ? STS_KEY_ID : KEY_ID,
                    variant->sts ? STS_SECRET : KEY_SECRET,
                    variant->sts ? STS_TOKEN : NULL, NULL, NULL);
}

static void
test_variant_share_cycle (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const Variant *variant = user_data;
  const char * const add[] = { UID_2, UID_3, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRequest) modify = NULL;
  g_autoptr(EnsRequest) remove = NULL;
  g_autoptr(EnsRequest) describe = NULL;
  g_autoptr(EnsSignedRequest) signed_request = NULL;
  g_autoptr(Answer) answer = NULL;
  JsonObject *object;
  JsonArray *accounts;

  modify = ens_request_new_modify_image_share_permission (IMAGE_A, add, NULL, &error);
  g_assert_no_error (error);
  signed_request = sign_variant (fixture, modify, variant);
  answer = send_signed (fixture, signed_request);
  object = assert_success (answer);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  assert_shares (fixture, IMAGE_A, UID_1 "," UID_2 "," UID_3);
  g_clear_pointer (&answer, answer_free);
  g_clear_pointer (&signed_request, ens_signed_request_unref);

  remove = ens_request_new_modify_image_share_permission (IMAGE_A, NULL, UID_1, &error);
  g_assert_no_error (error);
  signed_request = sign_variant (fixture, remove, variant);
  answer = send_signed (fixture, signed_request);
  assert_success (answer);
  assert_shares (fixture, IMAGE_A, UID_2 "," UID_3);
  g_clear_pointer (&answer, answer_free);
  g_clear_pointer (&signed_request, ens_signed_request_unref);

  describe = ens_request_new_describe_image_share_permission (IMAGE_A, 1, 10, &error);
  g_assert_no_error (error);
  signed_request = sign_variant (fixture, describe, variant);
  answer = send_signed (fixture, signed_request);
  object = assert_success (answer);
  g_assert_cmpint (json_object_get_int_member (object, "Code"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "PageNumber"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "PageSize"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (object, "ImageId"), ==, IMAGE_A);
  accounts = json_object_get_array_member (json_object_get_object_member (object, "Accounts"),
                                           "Account");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, 0),
                                                  "AliyunUid"), ==, UID_2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, 1),
                                                  "AliyunUid"), ==, UID_3);

  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 3);
}

static void
test_modify_idempotent (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char * const add[] = { UID_1, NULL };
  g_autoptr(EnsRequest) again = NULL;
  g_autoptr(EnsRequest) remove = NULL;
  g_autoptr(EnsRequest) both = NULL;
  g_autoptr(Answer) answer = NULL;

  again = ens_request_new_modify_image_share_permission (IMAGE_A, add, NULL, NULL);
  answer = send_request (fixture, again);
  assert_success (answer);
  assert_shares (fixture, IMAGE_A, UID_1);
  g_clear_pointer (&answer, answer_free);

  remove = ens_request_new_modify_image_share_permission (IMAGE_B, NULL, UID_2, NULL);
  answer = send_request (fixture, remove);
  assert_success (answer);
  assert_shares (fixture, IMAGE_B, "");
  g_clear_pointer (&answer, answer_free);

  /* Adding and removing in one call: the add happens first. */
  both = ens_request_new_modify_image_share_permission (IMAGE_B, add, UID_1, NULL);
  answer = send_request (fixture, both);
  assert_success (answer);
  assert_shares (fixture, IMAGE_B, "");
}

static void
test_share_paging (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  guint expected_lengths[] = { 10, 10, 5, 0 };

  for (guint i = 0; i < 25; i++)
    g_ptr_array_add (uids, g_strdup_printf ("10000000000000%02u", i));
  g_ptr_array_add (uids, NULL);
  ens_emulator_set_shares (fixture->emulator, IMAGE_B, (const char * const *) uids->pdata);

  for (guint page = 1; page <= 4; page++)
    {
      g_autoptr(EnsRequest) request = NULL;
      g_autoptr(Answer) answer = NULL;
      JsonObject *object;
      JsonArray *accounts;

      request = ens_request_new_describe_image_share_permission (IMAGE_B, page, 10, NULL);
      answer = send_request (fixture, request);
      object = assert_success (answer);
      g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 25);
      g_assert_cmpint (json_object_get_int_member (object, "PageNumber"), ==, page);
      g_assert_cmpint (json_object_get_int_member (object, "PageSize"), ==, 10);
      accounts = json_object_get_array_member (json_object_get_object_member (object, "Accounts"),
                                               "Account");
      g_assert_cmpuint (json_array_get_length (accounts), ==, expected_lengths[page - 1]);
      for (guint i = 0; i < json_array_get_length (accounts); i++)
        {
          JsonObject *account = json_array_get_object_element (accounts, i);

          g_assert_cmpstr (json_object_get_string_member (account, "AliyunUid"), ==,
                           g_ptr_array_index (uids, (page - 1) * 10 + i));
        }
    }

  /* The AliyunId filter */
  {
    g_autoptr(SoupMessage) msg = raw_v1_message (fixture, KEY_SECRET, NULL,
                                                 "ImageId", IMAGE_B,
                                                 "AliyunId", "1000000000000017", NULL);
    g_autoptr(Answer) answer = send_message (fixture, msg);
    JsonObject *object = assert_success (answer);

    g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 1);
  }

  /* Like the real one, a Long: compared as a number; an account the image
   * is not shared with gives an empty list; one that is not a Long is
   * refused. */
  {
    static const struct { const char *id; int total; } cases[] = {
      { "0001000000000000017", 1 },
      { "1000000000000099", 0 },
      { "99999999999999999999", -1 },
      { "12a4", -1 },
    };

    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr(SoupMessage) msg = raw_v1_message (fixture, KEY_SECRET, NULL,
                                                     "ImageId", IMAGE_B,
                                                     "AliyunId", cases[c].id, NULL);
        g_autoptr(Answer) answer = send_message (fixture, msg);

        if (cases[c].total < 0)
          {
            g_assert_cmpuint (answer->status, ==, 400);
            continue;
          }
        {
          JsonObject *object = assert_success (answer);
          JsonArray *accounts = json_object_get_array_member (json_object_get_object_member (object, "Accounts"),
                                                              "Account");

          g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, cases[c].total);
          g_assert_cmpuint (json_array_get_length (accounts), ==, (guint) cases[c].total);
        }
      }
  }
}

static void
test_describe_images (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(EnsRequest) request = NULL;
  g_autoptr(Answer) answer = NULL;
  JsonObject *object;
  JsonArray *images;
  JsonObject *image;
  JsonArray *disks;

  request = ens_request_new_describe_images (1, 2, NULL, NULL, NULL);
  answer = send_request (fixture, request);
  object = assert_success (answer);
  g_assert_cmpint (json_object_get_int_member (object, "Code"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "PageNumber"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "PageSize"), ==, 2);
  images = json_object_get_array_member (json_object_get_object_member (object, "Images"), "Image");
  g_assert_cmpuint (json_array_get_length (images), ==, 2);
  image = json_array_get_object_element (images, 0);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageId"), ==, IMAGE_A);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageName"), ==, "web-frontend");
  g_assert_cmpstr (json_object_get_string_member (image, "ImageOwnerAlias"), ==, "self");
  g_assert_cmpstr (json_object_get_string_member (image, "Platform"), ==, "ubuntu");
  g_assert_cmpstr (json_object_get_string_member (image, "CreationTime"), ==, "2024-03-18T09:12:44Z");
  g_assert_cmpstr (json_object_get_string_member (image, "Architecture"), ==, "x86_64");
  g_assert_cmpstr (json_object_get_string_member (image, "ImageSize"), ==, "20");
  disks = json_object_get_array_member (json_object_get_object_member (image, "DiskDeviceMappings"),
                                        "DiskDeviceMapping");
  g_assert_cmpuint (json_array_get_length (disks), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (disks, 0),
                                                  "imageId"), ==, IMAGE_A);
  g_clear_pointer (&answer, answer_free);
  g_clear_pointer (&request, ens_request_unref);

  request = ens_request_new_describe_images (2, 2, NULL, NULL, NULL);
  answer = send_request (fixture, request);
  object = assert_success (answer);
  images = json_object_get_array_member (json_object_get_object_member (object, "Images"), "Image");
  g_assert_cmpuint (json_array_get_length (images), ==, 1);
  image = json_array_get_object_element (images, 0);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageId"), ==, IMAGE_SYS);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageOwnerAlias"), ==, "system");
  g_clear_pointer (&answer, answer_free);
  g_clear_pointer (&request, ens_request_unref);

  request = ens_request_new_describe_images (1, 50, IMAGE_B, NULL, NULL);
  answer = send_request (fixture, request);
  object = assert_success (answer);
  g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 1);
  g_clear_pointer (&answer, answer_free);
  g_clear_pointer (&request, ens_request_unref);

  request = ens_request_new_describe_images (1, 50, NULL, "data", NULL);
  answer = send_request (fixture, request);
  object = assert_success (answer);
  g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 1);
  g_clear_pointer (&answer, answer_free);
  g_clear_pointer (&request, ens_request_unref);

  /* A filter that matches nothing is an empty list, not an error. */
  request = ens_request_new_describe_images (1, 50, MISSING_IMAGE, NULL, NULL);
  answer = send_request (fixture, request);
  object = assert_success (answer);
  g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 0);
}

/* Tests: signature errors */

static void
test_wrong_secret (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const Variant *variant = user_data;
  g_autoptr(EnsRequest) request = NULL;
  g_autoptr(EnsSignedRequest) signed_request = NULL;
  g_autoptr(Answer) answer = NULL;
  g_autofree char *expected = NULL;
  const char *ours;
  const char *message;

  request = ens_request_new_describe_image_share_permission (IMAGE_A, 1, 10, NULL);
  signed_request = sign_full (fixture, request, variant->version, variant->method,
                              variant->form_body, KEY_ID, "WrongSecretWrongSecretWrongSecr",
                              NULL, NULL, NULL);
  answer = send_signed (fixture, signed_request);
  message = assert_api_error (answer, 400, "SignatureDoesNotMatch");

  ours = ens_signed_request_get_string_to_sign (signed_request);
  if (variant->version == ENS_SIGNATURE_V1)
    {
      expected = g_strconcat ("Specified signature is not matched with our calculation. "
                              "server string to sign is:", ours, NULL);
    }
  else
    {
      g_autofree char *flat = g_strdup (ours);

      *strchr (flat, '\n') = ' ';
      expected = g_strdup_printf ("Specified signature does not match our calculation. "
                                  "server StringToSign is [%s]", flat);
    }
  g_assert_cmpstr (message, ==, expected);
}

static void
test_tampered_query (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const Variant *variant = user_data;
  const char * const add[] = { UID_2, NULL };
  g_autoptr(EnsRequest) request = NULL;
  g_autoptr(EnsSignedRequest) signed_request = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(Answer) answer = NULL;
  g_autoptr(GString) url = NULL;
  const char *message;
  const char *server_string;

  request = ens_request_new_modify_image_share_permission (IMAGE_A, add, NULL, NULL);
  signed_request = sign_full (fixture, request, variant->version, variant->method, FALSE,
                              KEY_ID, KEY_SECRET, NULL, NULL, NULL);
  url = g_string_new (ens_signed_request_get_url (signed_request));
  g_assert_cmpuint (g_string_replace (url, UID_2, UID_3, 1), ==, 1);

  msg = ens_signed_request_to_message (signed_request);
  {
    g_autoptr(GUri) uri = g_uri_parse (url->str, SOUP_HTTP_URI_FLAGS, NULL);

    soup_message_set_uri (msg, uri);
  }
  answer = send_message (fixture, msg);
  message = assert_api_error (answer, 400, "SignatureDoesNotMatch");

  if (variant->version == ENS_SIGNATURE_V1)
    server_string = strstr (message, "server string to sign is:");
  else
    server_string = strstr (message, "server StringToSign is [ACS3-HMAC-SHA256 ");
  g_assert_nonnull (server_string);
  g_assert_null (strstr (message, ens_signed_request_get_string_to_sign (signed_request)));
  if (variant->version == ENS_SIGNATURE_V1)
    g_assert_nonnull (strstr (message, UID_3));

  /* Nothing changed. */
  assert_shares (fixture, IMAGE_A, UID_1);
}

static void
test_v3_header_errors (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(EnsRequest) request = NULL;

  request = ens_request_new_describe_image_share_permission (IMAGE_A, 1, 10, NULL);

  /* The body hash does not match the body. */
  {
    g_autoptr(EnsSignedRequest) signed_request = NULL;
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(Answer) answer = NULL;

    signed_request = sign_full (fixture, request, ENS_SIGNATURE_V3, "POST", TRUE,
                                KEY_ID, KEY_SECRET, NULL, NULL, NULL);
    msg = ens_signed_request_to_message (signed_request);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "x-acs-content-sha256",
                                  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    answer = send_message (fixture, msg);
    assert_api_error (answer, 400, "SignatureDoesNotMatch");
  }

  /* Authorization without its Signature part, and with another scheme */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(EnsSignedRequest) signed_request = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(Answer) answer = NULL;
      SoupMessageHeaders *headers;
      g_autofree char *authorization = NULL;

      signed_request = sign_full (fixture, request, ENS_SIGNATURE_V3, "POST", FALSE,
                                  KEY_ID, KEY_SECRET, NULL, NULL, NULL);
      msg = ens_signed_request_to_message (signed_request);
      headers = soup_message_get_request_headers (msg);
      authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
      g_assert_nonnull (authorization);
      if (i == 0)
        *strstr (authorization, ",Signature=") = '\0';
      else if (i == 1)
        memcpy (authorization, "ACS3-HMAC-SM3000", strlen ("ACS3-HMAC-SHA256"));
      else
        soup_message_headers_remove (headers, "x-acs-signature-nonce");
      soup_message_headers_replace (headers, "Authorization", authorization);
      answer = send_message (fixture, msg);
      assert_api_error (answer, 400, "IncompleteSignature");
    }
}

/* Tests: other errors */

static void
test_errors_v1 (Fixture       *fixture,
                gconstpointer  user_data)
{
  const struct {
    const char *secret;
    const char *signature;
    const char *name1;
    const char *value1;
    const char *name2;
    const char *value2;
    guint       status;
    const char *code;
  } cases[] = {
    { KEY_SECRET, "",   NULL, NULL, NULL, NULL, 400, "IncompleteSignature" },
    { KEY_SECRET, NULL, "SignatureMethod", "HMAC-SHA256", NULL, NULL, 400, "IncompleteSignature" },
    { KEY_SECRET, NULL, "SignatureMethod", NULL, NULL, NULL, 400, "IncompleteSignature" },
    { KEY_SECRET, NULL, "SignatureVersion", "2.0", NULL, NULL, 400, "IncompleteSignature" },
    { KEY_SECRET, NULL, "AccessKeyId", "LTAI5tNobodyNobodyNobody", NULL, NULL, 404, "InvalidAccessKeyId.NotFound" },
    { KEY_SECRET, NULL, "Timestamp", "2024-01-01 00:00:00", NULL, NULL, 400, "InvalidTimeStamp.Format" },
    { KEY_SECRET, NULL, "Timestamp", "2024-01-01T00:00:00.000Z", NULL, NULL, 400, "InvalidTimeStamp.Format" },
    { KEY_SECRET, NULL, "Timestamp", "2024-01-01T00:00:00Z", NULL, NULL, 400, "InvalidTimeStamp.Expired" },
    { KEY_SECRET, NULL, "Version", "2014-05-26", NULL, NULL, 400, "InvalidVersion" },
    { KEY_SECRET, NULL, "Action", "DeleteImage", NULL, NULL, 404, "InvalidAction.NotFound" },
    { KEY_SECRET, NULL, "ImageId", NULL, NULL, NULL, 400, "MissingParameter" },
    { KEY_SECRET, NULL, "Action", "ModifyImageSharePermission", NULL, NULL, 400, "MissingParameter" },
    { KEY_SECRET, NULL, "Action", "ModifyImageSharePermission", "RemoveAccounts", UID_1 "," UID_2, 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "Action", "ModifyImageSharePermission", "AddAccounts", "12345x", 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "Action", "ModifyImageSharePermission", "AddAccounts", UID_1 ",,", 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "Action", "ModifyImageSharePermission", "RemoveAccounts", "abc", 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "PageSize", "101", NULL, NULL, 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "PageSize", "0", NULL, NULL, 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "PageNumber", "0", NULL, NULL, 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "PageSize", "ten", NULL, NULL, 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "Action", "DescribeImages", "PageSize", "51", 400, "InvalidParameter" },
    { KEY_SECRET, NULL, "ImageId", MISSING_IMAGE, NULL, NULL, 404, "InvalidImageId.NotFound" },
    { KEY_SECRET, NULL, "Action", "ModifyImageSharePermission", "AddAccounts", UID_2, 200, NULL },
    { KEY_SECRET, NULL, "Action", "DescribeImages", "PageSize", "50", 200, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(Answer) answer = NULL;

      g_test_message ("case %u: expecting %s", i,
                      cases[i].code != NULL ? cases[i].code : "success");
      if (cases[i].name2 != NULL)
        msg = raw_v1_message (fixture, cases[i].secret, cases[i].signature,
                              cases[i].name1, cases[i].value1,
                              cases[i].name2, cases[i].value2, NULL);
      else if (cases[i].name1 != NULL)
        msg = raw_v1_message (fixture, cases[i].secret, cases[i].signature,
                              cases[i].name1, cases[i].value1, NULL);
      else
        msg = raw_v1_message (fixture, cases[i].secret, cases[i].signature, NULL);

      answer = send_message (fixture, msg);
      if (cases[i].code == NULL)
        assert_success (answer);
      else
        assert_api_error (answer, cases[i].status, cases[i].code);
    }

  assert_shares (fixture, IMAGE_A, UID_1 "," UID_2);
}

static void
test_errors_image (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char * const add[] = { UID_2, NULL };
  const char *images[] = { MISSING_IMAGE, MISSING_IMAGE, IMAGE_SYS };
  const char *codes[] = { "InvalidImageId.NotFound", "InvalidImageId.NotFound",
                          "InvalidImageType.NotSupported" };
  const guint statuses[] = { 404, 404, 400 };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autoptr(EnsRequest) request = NULL;
      g_autoptr(Answer) answer = NULL;

      if (i == 1)
        request = ens_request_new_describe_image_share_permission (images[i], 1, 10, NULL);
      else
        request = ens_request_new_modify_image_share_permission (images[i], add, NULL, NULL);
      answer = send_request (fixture, request);
      assert_api_error (answer, statuses[i], codes[i]);
    }
}

static void
test_nonce_reuse (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const Variant *variant = user_data;
  g_autoptr(EnsRequest) request = NULL;
  g_autoptr(EnsSignedRequest) first = NULL;
  g_autoptr(EnsSignedRequest) second = NULL;
  g_autoptr(Answer) answer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 1);

  request = ens_request_new_describe_images (1, 10, NULL, NULL, NULL);
  first = sign_full (fixture, request, variant->version, variant->method, variant->form_body,
                     KEY_ID, KEY_SECRET, NULL, now, "3ee8c1b883d344afa94f4e0ad82fd6cf");
  answer = send_signed (fixture, first);
  assert_success (answer);
  g_clear_pointer (&answer, answer_free);

  /* The very same request again, and a new one with the same nonce */
  answer = send_signed (fixture, first);
  assert_api_error (answer, 400, "SignatureNonceUsed");
  g_clear_pointer (&answer, answer_free);

  second = sign_full (fixture, request, variant->version, variant->method, variant->form_body,
                      KEY_ID, KEY_SECRET, NULL, later, "3ee8c1b883d344afa94f4e0ad82fd6cf");
  answer = send_signed (fixture, second);
  assert_api_error (answer, 400, "SignatureNonceUsed");
  g_clear_pointer (&answer, answer_free);

  /* Nonces are per key. */
  g_clear_pointer (&second, ens_signed_request_unref);
  second = sign_full (fixture, request, variant->version, variant->method, variant->form_body,
                      RO_KEY_ID, RO_KEY_SECRET, NULL, later, "3ee8c1b883d344afa94f4e0ad82fd6cf");
  answer = send_signed (fixture, second);
  assert_success (answer);
}

static void
test_clock (Fixture       *fixture,
            gconstpointer  user_data)
{
  const Variant *variant = user_data;
  g_autoptr(EnsRequest) request = ens_request_new_describe_images (1, 10, NULL, NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_minutes (now, -16);
  g_autoptr(GDateTime) recent = g_date_time_add_minutes (now, -14);
  g_autoptr(GDateTime) ahead = g_date_time_add_hours (now, 1);
  struct {
    GDateTime  *timestamp;
    gint64      offset;
    const char *code;
  } cases[] = {
    { old,    0,    "InvalidTimeStamp.Expired" },
    { recent, 0,    NULL },
    { ahead,  0,    "InvalidTimeStamp.Expired" },
    { now,    3600, "InvalidTimeStamp.Expired" },
    { ahead,  3600, NULL },
    { now,    -900 + 30, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EnsSignedRequest) signed_request = NULL;
      g_autoptr(Answer) answer = NULL;

      ens_emulator_set_clock_offset (fixture->emulator, cases[i].offset);
      signed_request = sign_full (fixture, request, variant->version, variant->method,
                                  variant->form_body, KEY_ID, KEY_SECRET, NULL,
                                  cases[i].timestamp, NULL);
      answer = send_signed (fixture, signed_request);
      if (cases[i].code == NULL)
        assert_success (answer);
      else
        assert_api_error (answer, 400, cases[i].code);
    }
}

static void
test_permissions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const Variant *variant = user_data;
  const char * const add[] = { UID_2, NULL };
  g_autoptr(EnsRequest) modify = NULL;
  g_autoptr(EnsRequest) describe = NULL;
  struct {
    EnsRequest *request;
    const char *key_id;
    const char *secret;
    const char *token;
    guint       status;
    const char *code;
  } cases[] = {
    { NULL, RO_KEY_ID,  RO_KEY_SECRET, NULL,          400, "NoPermission" },
    { NULL, RO_KEY_ID,  RO_KEY_SECRET, NULL,          200, NULL },
    { NULL, OLD_STS_ID, STS_SECRET,    OLD_STS_TOKEN, 400, "InvalidSecurityToken.Expired" },
    { NULL, STS_KEY_ID, STS_SECRET,    "CAISwrong",   400, "InvalidSecurityToken.MismatchWithAccessKey" },
    { NULL, STS_KEY_ID, STS_SECRET,    NULL,          400, "MissingSecurityToken" },
    { NULL, STS_KEY_ID, STS_SECRET,    STS_TOKEN,     200, NULL },
  };

  modify = ens_request_new_modify_image_share_permission (IMAGE_A, add, NULL, NULL);
  describe = ens_request_new_describe_images (1, 10, NULL, NULL, NULL);
  cases[0].request = modify;
  cases[1].request = describe;
  cases[2].request = describe;
  cases[3].request = describe;
  cases[4].request = describe;
  cases[5].request = describe;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EnsSignedRequest) signed_request = NULL;
      g_autoptr(Answer) answer = NULL;

      signed_request = sign_full (fixture, cases[i].request, variant->version, variant->method,
                                  variant->form_body, cases[i].key_id, cases[i].secret,
                                  cases[i].token, NULL, NULL);
      answer = send_signed (fixture, signed_request);
      if (cases[i].code == NULL)
        assert_success (answer);
      else
        assert_api_error (answer, cases[i].status, cases[i].code);
    }

  assert_shares (fixture, IMAGE_A, UID_1);
}

/* Tests: injected failures */

static Answer *
send_describe (Fixture *fixture)
{
  g_autoptr(EnsRequest) request = ens_request_new_describe_image_share_permission (IMAGE_A, 1, 10,
                                                                                   NULL);

  return send_request (fixture, request);
}

static void
test_throttle_and_fail (Fixture       *fixture,
                        gconstpointer  user_data)
{
  ens_emulator_set_throttle_every (fixture->emulator, 3);
  ens_emulator_set_retry_after (fixture->emulator, 7);

  for (guint i = 1; i <= 6; i++)
    {
      g_autoptr(Answer) answer = send_describe (fixture);

      if (i % 3 == 0)
        {
          const char *message = assert_api_error (answer, 400, "Throttling.User");

          g_assert_cmpstr (message, ==, "Request was denied due to user flow control.");
          g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "x-acs-retry-after"),
                           ==, "7");
        }
      else
        {
          assert_success (answer);
          g_assert_null (soup_message_headers_get_one (answer->headers, "x-acs-retry-after"));
        }
    }

  ens_emulator_set_throttle_every (fixture->emulator, 0);
  ens_emulator_set_retry_after (fixture->emulator, 0);
  {
    g_autoptr(Answer) answer = NULL;

    ens_emulator_set_throttle_every (fixture->emulator, 1);
    answer = send_describe (fixture);
    assert_api_error (answer, 400, "Throttling.User");
    g_assert_null (soup_message_headers_get_one (answer->headers, "x-acs-retry-after"));
    ens_emulator_set_throttle_every (fixture->emulator, 0);
  }

  /* Request count is 7 now, so 8 is the 2nd of every 2. */
  ens_emulator_set_fail_every (fixture->emulator, 2, 503);
  for (guint i = 8; i <= 9; i++)
    {
      g_autoptr(Answer) answer = send_describe (fixture);

      if (i % 2 == 0)
        assert_api_error (answer, 503, "ServiceUnavailable");
      else
        assert_success (answer);
    }

  ens_emulator_set_fail_every (fixture->emulator, 1, 500);
  {
    g_autoptr(Answer) answer = send_describe (fixture);

    assert_api_error (answer, 500, "InternalError");
  }
  ens_emulator_set_fail_every (fixture->emulator, 0, 500);
  {
    g_autoptr(Answer) answer = send_describe (fixture);

    assert_success (answer);
  }

  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 11);
}

static void
test_fault_bodies (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(Answer) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char * const add[] = { UID_3, NULL };
  g_autoptr(EnsRequest) modify = NULL;
  gsize size;
  const char *data;

  /* Malformed JSON, once */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_MALFORMED_JSON, 1);
  answer = send_describe (fixture);
  g_assert_no_error (answer->error);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "application/json;charset=utf-8");
  g_assert_cmpuint (g_bytes_get_size (answer->body), >, 0);
  g_assert_null (answer->json);
  data = g_bytes_get_data (answer->body, &size);
  g_assert_false (json_parser_load_from_data (parser, data, size, NULL));
  g_clear_pointer (&answer, answer_free);

  answer = send_describe (fixture);
  assert_success (answer);
  g_clear_pointer (&answer, answer_free);

  /* HTML error page, twice */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_HTML_ERROR, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&answer, answer_free);
      answer = send_describe (fixture);
      g_assert_no_error (answer->error);
      g_assert_cmpuint (answer->status, ==, 500);
      g_assert_true (g_str_has_prefix (answer->content_type, "text/html"));
      g_assert_null (answer->json);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer->body, NULL),
                                      g_bytes_get_size (answer->body), "<html>"));
    }
  g_clear_pointer (&answer, answer_free);
  answer = send_describe (fixture);
  assert_success (answer);
  g_clear_pointer (&answer, answer_free);

  /* Oversized */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_OVERSIZED, 1);
  answer = send_describe (fixture);
  g_assert_no_error (answer->error);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (answer->body), >, 1024 * 1024);
  g_assert_nonnull (answer->json);
  g_clear_pointer (&answer, answer_free);

  /* Empty body */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_EMPTY_BODY, 1);
  answer = send_describe (fixture);
  g_assert_no_error (answer->error);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (answer->body), ==, 0);
  g_clear_pointer (&answer, answer_free);

  /* Wrong content type: the real answer, mislabelled; the change happens. */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE, 1);
  modify = ens_request_new_modify_image_share_permission (IMAGE_A, add, NULL, NULL);
  answer = send_request (fixture, modify);
  g_assert_no_error (answer->error);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "text/plain;charset=utf-8");
  g_assert_nonnull (answer->json);
  assert_request_id (json_object_get_string_member (json_node_get_object (answer->json),
                                                    "RequestId"));
  assert_shares (fixture, IMAGE_A, UID_1 "," UID_3);
  g_clear_pointer (&answer, answer_free);

  /* Count 0: every request until cleared */
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_EMPTY_BODY, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&answer, answer_free);
      answer = send_describe (fixture);
      g_assert_cmpuint (g_bytes_get_size (answer->body), ==, 0);
    }
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_NONE, 0);
  g_clear_pointer (&answer, answer_free);
  answer = send_describe (fixture);
  assert_success (answer);
}

static void
test_fault_stall (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(Answer) answer = NULL;
  gint64 start;

  g_object_set (fixture->session, "timeout", 1, NULL);
  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_STALL, 1);
  start = g_get_monotonic_time ();
  answer = send_describe (fixture);
  g_assert_error (answer->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
  g_clear_pointer (&answer, answer_free);

  answer = send_describe (fixture);
  assert_success (answer);
}

static void
test_fault_reset (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(Answer) answer = NULL;

  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_RESET, 1);
  answer = send_describe (fixture);
  g_assert_nonnull (answer->error);
  g_assert_true (answer->error->domain == G_IO_ERROR);
  g_test_message ("reset gave: %s", answer->error->message);
  g_assert_null (answer->body);
  g_clear_pointer (&answer, answer_free);

  answer = send_describe (fixture);
  assert_success (answer);
}

static void
test_latency_overlap (Fixture       *fixture,
                      gconstpointer  user_data)
{
  SoupMessage *messages[8];
  g_autoptr(GPtrArray) answers = NULL;
  gint64 start, elapsed;

  ens_emulator_set_latency (fixture->emulator, 100);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(EnsRequest) request = ens_request_new_describe_images (1, 10, NULL, NULL, NULL);
      g_autoptr(EnsSignedRequest) signed_request = sign (fixture, request);

      messages[i] = ens_signed_request_to_message (signed_request);
    }

  start = g_get_monotonic_time ();
  answers = send_all (fixture, messages, G_N_ELEMENTS (messages));
  elapsed = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("8 requests with 100 ms latency took %" G_GINT64_FORMAT " ms", elapsed);

  for (guint i = 0; i < answers->len; i++)
    assert_success (g_ptr_array_index (answers, i));
  g_assert_cmpint (elapsed, >=, 100);
  /* Overlapped: well under the 800 ms that one after the other would take
   * (a tighter bound fails under valgrind and the sanitizers). */
  g_assert_cmpint (elapsed, <, 700);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    g_object_unref (messages[i]);
}

/* The token bucket: the first request takes the one saved token, the next
 * ones (well inside a second) find none; raising the limit at run time
 * lets requests through again, and the throttled answers carry
 * x-acs-retry-after like the --throttle-every ones. */
static void
test_max_qps (Fixture       *fixture,
              gconstpointer  user_data)
{
  guint throttled = 0;

  g_assert_cmpuint (ens_emulator_get_max_qps (fixture->emulator), ==, 0);
  ens_emulator_set_max_qps (fixture->emulator, 1);
  ens_emulator_set_retry_after (fixture->emulator, 2);
  g_assert_cmpuint (ens_emulator_get_max_qps (fixture->emulator), ==, 1);

  {
    g_autoptr(Answer) answer = send_describe (fixture);

    assert_success (answer);
  }

  /* Three more at once: at most one more token can have come in the time
   * they take, even on a slow machine (each would need a second). */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Answer) answer = send_describe (fixture);

      if (answer->status == 400)
        {
          assert_api_error (answer, 400, "Throttling.User");
          g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "x-acs-retry-after"),
                           ==, "2");
          throttled++;
        }
    }
  g_assert_cmpuint (throttled, >=, 2);
  g_assert_cmpuint (ens_emulator_get_throttled_count (fixture->emulator), ==, throttled);

  /* Raised while running: 1000 a second with a burst of 200. */
  ens_emulator_set_max_qps (fixture->emulator, 1000);
  g_usleep (20 * 1000);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Answer) answer = send_describe (fixture);

      assert_success (answer);
    }

  /* Off: nothing is throttled any more. */
  ens_emulator_set_max_qps (fixture->emulator, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Answer) answer = send_describe (fixture);

      assert_success (answer);
    }
  g_assert_cmpuint (ens_emulator_get_throttled_count (fixture->emulator), ==, throttled);
}

/* Many requests at once against 20 a second: the number accepted never
 * goes over the burst (4) plus 20 per second elapsed, however slow the
 * machine; every other one is throttled, none is lost. */
static void
test_max_qps_parallel (Fixture       *fixture,
                       gconstpointer  user_data)
{
  SoupMessage *messages[40];
  g_autoptr(GPtrArray) answers = NULL;
  guint accepted = 0;
  guint throttled = 0;
  gint64 start;
  double elapsed;

  ens_emulator_set_max_qps (fixture->emulator, 20);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(EnsRequest) request = ens_request_new_describe_images (1, 10, NULL, NULL, NULL);
      g_autoptr(EnsSignedRequest) signed_request = sign (fixture, request);

      messages[i] = ens_signed_request_to_message (signed_request);
    }

  start = g_get_monotonic_time ();
  answers = send_all (fixture, messages, G_N_ELEMENTS (messages));
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < answers->len; i++)
    {
      Answer *answer = g_ptr_array_index (answers, i);

      if (answer->status == 200)
        {
          assert_success (answer);
          accepted++;
        }
      else
        {
          assert_api_error (answer, 400, "Throttling.User");
          throttled++;
        }
    }

  g_test_message ("%u accepted, %u throttled in %.3f s", accepted, throttled, elapsed);
  g_assert_cmpuint (accepted + throttled, ==, G_N_ELEMENTS (messages));
  g_assert_cmpuint (accepted, >=, 1);
  g_assert_cmpfloat (accepted, <=, 4 + 20 * elapsed + 1);
  g_assert_cmpuint (ens_emulator_get_throttled_count (fixture->emulator), ==, throttled);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    g_object_unref (messages[i]);
}

/* --latency-jitter: every answer waits at least the latency, and the
 * waits differ from one answer to the next. */
static void
test_latency_jitter (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 shortest = G_MAXINT64;
  gint64 longest = 0;

  ens_emulator_set_latency (fixture->emulator, 20);
  ens_emulator_set_latency_jitter (fixture->emulator, 150);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(Answer) answer = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 took;

      answer = send_describe (fixture);
      took = (g_get_monotonic_time () - start) / 1000;
      assert_success (answer);
      g_assert_cmpint (took, >=, 20);
      shortest = MIN (shortest, took);
      longest = MAX (longest, took);
    }

  g_test_message ("answers took %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " ms", shortest, longest);
  /* Eight draws from 0..150 ms all within 10 ms of each other: about one
   * chance in 10^9. */
  g_assert_cmpint (longest - shortest, >=, 10);
}

/* Tests: log, seed, demo, executable */

static void
test_log (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ens-emulator-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "requests.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);
  const char * const add[] = { UID_2, NULL };
  const Variant *variant;

  g_assert_no_error (error);
  g_assert_true (ens_emulator_set_log_path (fixture->emulator, path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(EnsRequest) request = NULL;
      g_autoptr(EnsSignedRequest) signed_request = NULL;
      g_autoptr(Answer) answer = NULL;
      SoupMessageHeaders *headers;
      const char *authorization;

      variant = &variants[i];
      request = ens_request_new_modify_image_share_permission (IMAGE_A, add, NULL, NULL);
      signed_request = sign_variant (fixture, request, variant);
      answer = send_signed (fixture, signed_request);
      assert_success (answer);

      headers = ens_signed_request_get_headers (signed_request);
      authorization = soup_message_headers_get_one (headers, "Authorization");
      if (authorization != NULL)
        g_ptr_array_add (signatures, g_strdup (strstr (authorization, "Signature=") + 10));
    }

  /* A V1 signature and an error */
  {
    g_autoptr(GHashTable) params = NULL;
    g_autoptr(SoupMessage) msg = raw_v1_message (fixture, "bad", "c2lnbmF0dXJlc2lnbmF0dXJlMTIz",
                                                 "Action", "ModifyImageSharePermission",
                                                 "AddAccounts", UID_3, NULL);
    g_autoptr(Answer) answer = send_message (fixture, msg);

    assert_api_error (answer, 400, "SignatureDoesNotMatch");
    g_ptr_array_add (signatures, g_strdup ("c2lnbmF0dXJlc2lnbmF0dXJlMTIz"));
  }

  g_assert_true (ens_emulator_set_log_path (fixture->emulator, NULL, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  g_assert_null (strstr (contents, KEY_SECRET));
  g_assert_null (strstr (contents, STS_SECRET));
  g_assert_null (strstr (contents, STS_TOKEN));
  g_assert_null (strstr (contents, "Authorization"));
  g_assert_null (strstr (contents, "ACS3-HMAC-SHA256"));
  g_assert_null (strstr (contents, "Signature="));
  for (guint i = 0; i < signatures->len; i++)
    g_assert_null (strstr (contents, g_ptr_array_index (signatures, i)));

  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (variants) + 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      gboolean last = lines[i + 1] == NULL;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_nonnull (json_object_get_string_member (object, "time"));
      g_assert_cmpstr (json_object_get_string_member (object, "method"), ==,
                       last ? "GET" : variants[i].method);
      g_assert_cmpstr (json_object_get_string_member (object, "action"), ==,
                       "ModifyImageSharePermission");
      g_assert_cmpstr (json_object_get_string_member (object, "AccessKeyId"), ==,
                       !last && variants[i].sts ? STS_KEY_ID : KEY_ID);
      g_assert_cmpstr (json_object_get_string_member (object, "image"), ==, IMAGE_A);
      g_assert_cmpint (json_object_get_int_member (object, "status"), ==, last ? 400 : 200);
      if (last)
        g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "SignatureDoesNotMatch");
      else
        g_assert_true (json_object_get_null_member (object, "code"));
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_seed (void)
{
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;
  g_auto(GStrv) shares = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "emulator", "seed.json", NULL);

  g_assert_true (ens_emulator_load_seed (emulator, path, &error));
  g_assert_no_error (error);
  shares = ens_emulator_dup_shares (emulator, "m-5s7qotzavwbrnzaqh4unmseed1");
  g_assert_nonnull (shares);
  g_assert_cmpuint (g_strv_length (shares), ==, 2);
  g_assert_cmpstr (shares[0], ==, "1234567890123456");
  g_assert_cmpstr (shares[1], ==, "6543210987654321");
  g_clear_pointer (&shares, g_strfreev);
  shares = ens_emulator_dup_shares (emulator, "m-6kf2d9a0tzd5ipwx5fiqseed2");
  g_assert_cmpuint (g_strv_length (shares), ==, 0);
  g_clear_pointer (&shares, g_strfreev);
  g_assert_null (ens_emulator_dup_shares (emulator, "m-nothing"));

  g_assert_false (ens_emulator_load_seed (emulator, "/nonexistent/seed.json", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A bad file adds nothing. */
  dir = g_dir_make_tmp ("ens-emulator-XXXXXX", &error);
  g_assert_no_error (error);
  bad = g_build_filename (dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad,
                                      "{\"images\":[{\"ImageId\":\"m-new\"}],"
                                      "\"shares\":{\"m-new\":[\"12ab\"]}}", -1, &error));
  g_assert_false (ens_emulator_load_seed (emulator, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (ens_emulator_dup_shares (emulator, "m-new"));
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_seed_and_demo_serve (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "emulator", "seed.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRequest) request = ens_request_new_describe_images (1, 50, NULL, NULL, NULL);
  g_autoptr(EnsRequest) modify = NULL;
  const char * const add[] = { UID_3, NULL };
  guint self_images = 0;
  JsonArray *images;

  ens_emulator_load_demo (fixture->emulator);
  g_assert_true (ens_emulator_load_seed (fixture->emulator, path, &error));
  g_assert_no_error (error);

  /* The demo key */
  {
    g_autoptr(EnsSignedRequest) signed_request = NULL;
    g_autoptr(Answer) answer = NULL;
    JsonObject *object;

    signed_request = sign_full (fixture, request, ENS_SIGNATURE_V3, "POST", FALSE,
                                ENS_EMULATOR_DEMO_KEY_ID, ENS_EMULATOR_DEMO_KEY_SECRET,
                                NULL, NULL, NULL);
    answer = send_signed (fixture, signed_request);
    object = assert_success (answer);
    images = json_object_get_array_member (json_object_get_object_member (object, "Images"),
                                           "Image");
    for (guint i = 0; i < json_array_get_length (images); i++)
      {
        JsonObject *image = json_array_get_object_element (images, i);

        if (g_strcmp0 (json_object_get_string_member (image, "ImageOwnerAlias"), "self") == 0)
          self_images++;
      }
    /* 2 of the fixture, 40 of the demo, 2 of the seed */
    g_assert_cmpuint (self_images, ==, 44);
  }

  /* The seed's read-only key cannot share; its normal key can. */
  modify = ens_request_new_modify_image_share_permission ("m-6kf2d9a0tzd5ipwx5fiqseed2", add,
                                                          NULL, NULL);
  {
    g_autoptr(EnsSignedRequest) signed_request = NULL;
    g_autoptr(Answer) answer = NULL;

    signed_request = sign_full (fixture, modify, ENS_SIGNATURE_V1, "POST", TRUE,
                                "LTAI5tSeedReadOnlyOnly02", "SeedSecretReadOnlyReadOnlyRead",
                                NULL, NULL, NULL);
    answer = send_signed (fixture, signed_request);
    assert_api_error (answer, 400, "NoPermission");
  }
  {
    g_autoptr(EnsSignedRequest) signed_request = NULL;
    g_autoptr(Answer) answer = NULL;

    signed_request = sign_full (fixture, modify, ENS_SIGNATURE_V1, "POST", TRUE,
                                "LTAI5tSeedSeedSeedSeed01", "SeedSecretSeedSecretSeedSecre1",
                                NULL, NULL, NULL);
    answer = send_signed (fixture, signed_request);
    assert_success (answer);
    assert_shares (fixture, "m-6kf2d9a0tzd5ipwx5fiqseed2", UID_3);
  }
}

static void
test_executable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *top = g_getenv ("ENS_TEST_TOP_BUILDDIR");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log_dir = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *log_option = NULL;
  g_autofree char *log = NULL;
  const char *url;

  if (top == NULL)
    {
      g_test_skip ("ENS_TEST_TOP_BUILDDIR is not set");
      return;
    }

  log_dir = g_dir_make_tmp ("ens-emulator-XXXXXX", &error);
  g_assert_no_error (error);
  log_path = g_build_filename (log_dir, "log.jsonl", NULL);
  log_option = g_strconcat ("--log=", log_path, NULL);

  program = g_build_filename (top, "src", "emulator", "ens-emulator", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "ENS_EMULATOR_KEYS",
                                "LTAI5tOtherOtherOtherOth1:x," KEY_ID ":" KEY_SECRET, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--port=0", "--demo",
                                         "--latency=5", "--latency-jitter=5", "--max-qps=1000",
                                         log_option, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  url = line + strlen ("Listening on ");

  {
    g_autoptr(GUri) endpoint = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
    g_autoptr(EnsRequest) request = ens_request_new_describe_image_share_permission (
      "m-5s7qotzavwbrnzaqh4undemo1", 1, 10, NULL);
    g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *nonce = ens_signer_new_nonce ();
    g_autoptr(EnsSignedRequest) signed_request = NULL;
    g_autoptr(Answer) answer = NULL;
    JsonObject *object;

    g_assert_no_error (error);
    signed_request = ens_request_sign (request, ENS_SIGNATURE_V1, "POST", FALSE, endpoint,
                                       credentials, now, nonce, &error);
    g_assert_no_error (error);
    answer = send_signed (fixture, signed_request);
    object = assert_success (answer);
    g_assert_cmpint (json_object_get_int_member (object, "TotalCount"), ==, 2);
  }

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  g_assert_true (g_file_get_contents (log_path, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (log, "\"DescribeImageSharePermission\""));
  g_assert_null (strstr (log, KEY_SECRET));
  g_unlink (log_path);
  g_rmdir (log_dir);
}

static void
test_executable_bad_options (void)
{
  const char *top = g_getenv ("ENS_TEST_TOP_BUILDDIR");
  const char *bad[][2] = {
    { "--fault=flood", NULL },
    { "--key=nocolon", NULL },
    { "--fail-status=404", NULL },
    { "--max-qps=-1", NULL },
    { "--latency-jitter=-5", NULL },
  };

  if (top == NULL)
    {
      g_test_skip ("ENS_TEST_TOP_BUILDDIR is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *program = g_build_filename (top, "src", "emulator", "ens-emulator", NULL);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                  G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error, program, bad[i][0], NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
    }
}

static void
add_variant_tests (const char *prefix,
                   void      (*func) (Fixture *, gconstpointer))
{
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      const Variant *variant = &variants[i];
      g_autofree char *path = NULL;

      path = g_strdup_printf ("/emulator/%s/v%d-%s%s%s", prefix, variant->version,
                              variant->method, variant->form_body ? "-form" : "-query",
                              variant->sts ? "-sts" : "");
      g_test_add (path, Fixture, variant, fixture_set_up, func, fixture_tear_down);
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* XML answers (V1 without Format) and form bodies {{{ */

typedef struct
{
  GPtrArray *elements;   /* every element name, in document order */
  GString   *text;       /* the text of every element, joined */
} XmlSeen;

static void
xml_start_cb (GMarkupParseContext  *context,
              const char           *element_name,
              const char          **attribute_names,
              const char          **attribute_values,
              gpointer              user_data,
              GError              **error)
{
  XmlSeen *seen = user_data;

  g_ptr_array_add (seen->elements, g_strdup (element_name));
}

static void
xml_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 text_len,
             gpointer              user_data,
             GError              **error)
{
  XmlSeen *seen = user_data;

  g_string_append_len (seen->text, text, text_len);
  g_string_append_c (seen->text, '|');
}

/* Checks an XML answer is well formed and returns its element names,
 * the root first; @text gets the element texts joined by '|'. */
static GPtrArray *
parse_xml_answer (Answer   *answer,
                  GString  *text)
{
  static const GMarkupParser parser = { xml_start_cb, NULL, xml_text_cb, NULL, NULL };
  XmlSeen seen = { g_ptr_array_new_with_free_func (g_free), text };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size;

  g_assert_no_error (answer->error);
  g_assert_cmpstr (answer->content_type, ==, "text/xml;charset=utf-8");
  g_assert_null (answer->json);
  data = g_bytes_get_data (answer->body, &size);
  g_assert_true (g_str_has_prefix (data, "<?xml version='1.0' encoding='UTF-8'?>"));

  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &seen, NULL);
  data += strlen ("<?xml version='1.0' encoding='UTF-8'?>");
  size -= strlen ("<?xml version='1.0' encoding='UTF-8'?>");
  g_assert_true (g_markup_parse_context_parse (context, data, size, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  return seen.elements;
}

static gboolean
has_element (GPtrArray  *elements,
             const char *name)
{
  return g_ptr_array_find_with_equal_func (elements, name, g_str_equal, NULL);
}

static void
test_format_xml (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(SoupMessage) no_format = raw_v1_message (fixture, KEY_SECRET, NULL, "Format", NULL, NULL);
  g_autoptr(SoupMessage) xml_format = raw_v1_message (fixture, KEY_SECRET, NULL, "Format", "XML", NULL);
  g_autoptr(SoupMessage) lower_json = raw_v1_message (fixture, KEY_SECRET, NULL, "Format", "json", NULL);
  g_autoptr(SoupMessage) wrong_secret = raw_v1_message (fixture, "WrongSecretWrongSecretWrongSec", NULL,
                                                        "Format", NULL, NULL);
  g_autoptr(Answer) answer = send_message (fixture, no_format);
  g_autoptr(Answer) xml_answer = send_message (fixture, xml_format);
  g_autoptr(Answer) json_answer = send_message (fixture, lower_json);
  g_autoptr(Answer) error_answer = send_message (fixture, wrong_secret);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) error_text = g_string_new (NULL);
  g_autoptr(GString) ignored = g_string_new (NULL);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) error_elements = NULL;
  g_autoptr(GPtrArray) xml_elements = NULL;
  g_autoptr(GError) error = NULL;

  /* Success: <ActionResponse>, arrays as repeated elements. */
  g_assert_cmpuint (answer->status, ==, 200);
  elements = parse_xml_answer (answer, text);
  g_assert_cmpstr (g_ptr_array_index (elements, 0), ==, "DescribeImageSharePermissionResponse");
  g_assert_true (has_element (elements, "RequestId"));
  g_assert_true (has_element (elements, "Accounts"));
  g_assert_true (has_element (elements, "Account"));
  g_assert_true (has_element (elements, "AliyunUid"));
  g_assert_nonnull (strstr (text->str, "|" UID_1 "|"));
  g_assert_nonnull (strstr (text->str, "|" IMAGE_A "|"));

  xml_elements = parse_xml_answer (xml_answer, ignored);
  g_assert_cmpstr (g_ptr_array_index (xml_elements, 0), ==, "DescribeImageSharePermissionResponse");

  /* Format=JSON in any case gives JSON. */
  assert_success (json_answer);

  /* Errors: <Error> with RequestId, HostId, Code, Message, Recommend. */
  g_assert_cmpuint (error_answer->status, ==, 400);
  error_elements = parse_xml_answer (error_answer, error_text);
  g_assert_cmpstr (g_ptr_array_index (error_elements, 0), ==, "Error");
  g_assert_cmpuint (error_elements->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (error_elements, 1), ==, "RequestId");
  g_assert_cmpstr (g_ptr_array_index (error_elements, 2), ==, "HostId");
  g_assert_cmpstr (g_ptr_array_index (error_elements, 3), ==, "Code");
  g_assert_cmpstr (g_ptr_array_index (error_elements, 4), ==, "Message");
  g_assert_cmpstr (g_ptr_array_index (error_elements, 5), ==, "Recommend");
  g_assert_nonnull (strstr (error_text->str, "|SignatureDoesNotMatch|"));

  /* The client would not take it for an answer, and names the code. */
  g_assert_null (ens_response_parse_object (error_answer->status, error_answer->content_type,
                                            error_answer->body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (ens_error_get_detail (error), "SignatureDoesNotMatch"));
  g_clear_error (&error);
  g_assert_null (ens_response_parse_object (answer->status, answer->content_type,
                                            answer->body, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE);
}

/* The app's own V1 requests carry Format=JSON, so they get JSON. */
static void
test_format_client (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(EnsRequest) request = ens_request_new_describe_image_share_permission (IMAGE_A, 1, 10, NULL);
  g_autoptr(EnsSignedRequest) get = sign (fixture, request);
  g_autoptr(EnsSignedRequest) post = sign_full (fixture, request, ENS_SIGNATURE_V1, "POST", TRUE,
                                                KEY_ID, KEY_SECRET, NULL, NULL, NULL);
  g_autoptr(Answer) get_answer = send_signed (fixture, get);
  g_autoptr(Answer) post_answer = send_signed (fixture, post);

  assert_success (get_answer);
  assert_success (post_answer);
}

/* A V1 POST whose form body spells the nonce's space as @space ("+" or
 * "%20"); the signature is computed over the decoded nonce. */
static Answer *
send_form_with_space (Fixture    *fixture,
                      const char *space)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = ens_signer_format_timestamp (now);
  g_autofree char *random = ens_signer_new_nonce ();
  char *nonce = g_strconcat ("nonce with spaces ", random, NULL);
  g_autofree char *string_to_sign = NULL;
  char *signature = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupMessage) msg = NULL;
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_insert (params, (char *) "Action", g_strdup ("DescribeImageSharePermission"));
  g_hash_table_insert (params, (char *) "Version", g_strdup ("2017-11-10"));
  g_hash_table_insert (params, (char *) "Format", g_strdup ("JSON"));
  g_hash_table_insert (params, (char *) "AccessKeyId", g_strdup (KEY_ID));
  g_hash_table_insert (params, (char *) "SignatureMethod", g_strdup ("HMAC-SHA1"));
  g_hash_table_insert (params, (char *) "SignatureVersion", g_strdup ("1.0"));
  g_hash_table_insert (params, (char *) "SignatureNonce", nonce);
  g_hash_table_insert (params, (char *) "Timestamp", g_strdup (timestamp));
  g_hash_table_insert (params, (char *) "ImageId", g_strdup (IMAGE_A));

  /* ens-api.md §1.2: a space is %20 in the string to sign. */
  string_to_sign = ens_signer_v1_string_to_sign ("POST", params);
  g_assert_nonnull (strstr (string_to_sign, "nonce%2520with%2520spaces"));
  signature = ens_signer_v1_signature (KEY_SECRET, string_to_sign);
  g_hash_table_insert (params, (char *) "Signature", signature);

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *enc_name = ens_percent_encode (name);
      g_autofree char *enc_value = ens_percent_encode (value);

      g_string_append_printf (form, "%s%s=%s", form->len > 0 ? "&" : "", enc_name, enc_value);
    }
  g_string_replace (form, "%20", space, 0);

  msg = soup_message_new ("POST", fixture->url);
  body = g_bytes_new (form->str, form->len);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);

  return send_message (fixture, msg);
}

static void
test_form_plus (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(Answer) plus = send_form_with_space (fixture, "+");
  g_autoptr(Answer) percent = send_form_with_space (fixture, "%20");
  g_autoptr(Answer) query_plus = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  /* "+" in a form body is a space: the signature still verifies. */
  assert_success (plus);
  assert_success (percent);

  /* In the query a "+" stays a "+": signed as "a+b", it verifies. */
  msg = raw_v1_message (fixture, KEY_SECRET, NULL, "SignatureNonce", "plus+sign", NULL);
  {
    g_autofree char *url_text = g_uri_to_string (soup_message_get_uri (msg));
    g_autoptr(GString) url = g_string_new (url_text);
    g_autoptr(GUri) new_uri = NULL;

    g_assert_cmpuint (g_string_replace (url, "plus%2Bsign", "plus+sign", 1), ==, 1);
    new_uri = g_uri_parse (url->str, SOUP_HTTP_URI_FLAGS, NULL);
    soup_message_set_uri (msg, new_uri);
  }
  query_plus = send_message (fixture, msg);
  assert_success (query_plus);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/emulator/new-stop", test_new_stop);
  add_variant_tests ("share-cycle", test_variant_share_cycle);
  add_variant_tests ("wrong-secret", test_wrong_secret);
  g_test_add ("/emulator/tampered/v1-GET", Fixture, &variants[0],
              fixture_set_up, test_tampered_query, fixture_tear_down);
  g_test_add ("/emulator/tampered/v1-POST", Fixture, &variants[1],
              fixture_set_up, test_tampered_query, fixture_tear_down);
  g_test_add ("/emulator/tampered/v3-POST", Fixture, &variants[3],
              fixture_set_up, test_tampered_query, fixture_tear_down);
  g_test_add ("/emulator/nonce/v1", Fixture, &variants[0],
              fixture_set_up, test_nonce_reuse, fixture_tear_down);
  g_test_add ("/emulator/nonce/v3", Fixture, &variants[4],
              fixture_set_up, test_nonce_reuse, fixture_tear_down);
  g_test_add ("/emulator/clock/v1", Fixture, &variants[2],
              fixture_set_up, test_clock, fixture_tear_down);
  g_test_add ("/emulator/clock/v3", Fixture, &variants[3],
              fixture_set_up, test_clock, fixture_tear_down);
  g_test_add ("/emulator/permissions/v1", Fixture, &variants[0],
              fixture_set_up, test_permissions, fixture_tear_down);
  g_test_add ("/emulator/permissions/v3", Fixture, &variants[4],
              fixture_set_up, test_permissions, fixture_tear_down);
  ADD ("/emulator/modify/idempotent", test_modify_idempotent);
  ADD ("/emulator/describe-share/paging", test_share_paging);
  ADD ("/emulator/describe-images", test_describe_images);
  ADD ("/emulator/errors/v1-parameters", test_errors_v1);
  ADD ("/emulator/errors/images", test_errors_image);
  ADD ("/emulator/errors/v3-headers", test_v3_header_errors);
  ADD ("/emulator/fault/throttle-and-fail", test_throttle_and_fail);
  ADD ("/emulator/fault/bodies", test_fault_bodies);
  ADD ("/emulator/fault/stall", test_fault_stall);
  ADD ("/emulator/fault/reset", test_fault_reset);
  ADD ("/emulator/latency/overlap", test_latency_overlap);
  ADD ("/emulator/latency/jitter", test_latency_jitter);
  ADD ("/emulator/max-qps/bucket", test_max_qps);
  ADD ("/emulator/max-qps/parallel", test_max_qps_parallel);
  ADD ("/emulator/log", test_log);
  ADD ("/emulator/format/xml-without-format", test_format_xml);
  ADD ("/emulator/format/client-sends-json", test_format_client);
  ADD ("/emulator/form/plus-is-space", test_form_plus);
  g_test_add_func ("/emulator/seed", test_seed);
  ADD ("/emulator/seed-and-demo", test_seed_and_demo_serve);
  ADD ("/emulator/executable/run", test_executable);
  g_test_add_func ("/emulator/executable/bad-options", test_executable_bad_options);

  return g_test_run ();
}
