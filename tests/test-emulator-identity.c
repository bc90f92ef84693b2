/* test-emulator-identity.c
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
 * The emulator's DescribeSelfImages and STS GetCallerIdentity over real
 * loopback HTTP, signed by the app's own ens_request_* code, with the
 * answer shapes of the generated SDK models (see ens-emulator-identity.c).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-test-utils.h"

#define KEY_ID        "LTAI5tTestTestTestTest01"
#define KEY_SECRET    "TestSecretTestSecretTestSecre1"
#define ROOT_KEY_ID   "LTAI5tRootRootRootRoot02"
#define ROOT_SECRET   "RootSecretRootSecretRootSecre2"
#define STS_KEY_ID    "STS.NSynGhy3WWTQKyH1LSpdnxmtD"
#define STS_SECRET    "StsSecretStsSecretStsSecretStsSecretStsSec1"
#define STS_TOKEN     "CAIS8gF1q6Ft5B2yfSjIr5aHJdPl1LlE"
#define ACCOUNT       "1888888888888888"

typedef struct
{
  EnsEmulator *emulator;
  SoupSession *session;
  GUri        *endpoint;
  char        *url;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_set_key_owner (fixture->emulator, KEY_ID, ACCOUNT, "release-bot");
  ens_emulator_add_key (fixture->emulator, ROOT_KEY_ID, ROOT_SECRET, FALSE);
  ens_emulator_set_key_owner (fixture->emulator, ROOT_KEY_ID, ACCOUNT, NULL);
  ens_emulator_add_sts_key (fixture->emulator, STS_KEY_ID, STS_SECRET, STS_TOKEN, FALSE);
  ens_emulator_set_key_owner (fixture->emulator, STS_KEY_ID, ACCOUNT, "deployer");
  ens_emulator_add_image (fixture->emulator, "m-aaaaaaaaaaaaaaaaaaaaaaaa1", "web-frontend-2024",
                          "self", "ubuntu", "2024-03-18T09:12:44Z");
  ens_emulator_add_image (fixture->emulator, "ubuntu_22_04_x64_20G_alibase_20240101",
                          "Ubuntu 22.04 64 bit", "system", "ubuntu", "2024-01-01T00:00:00Z");
  ens_emulator_add_image (fixture->emulator, "m-aaaaaaaaaaaaaaaaaaaaaaaa2", "web-frontend-2025",
                          "self", "ubuntu", "2025-03-18T09:12:44Z");
  ens_emulator_add_image (fixture->emulator, "m-aaaaaaaaaaaaaaaaaaaaaaaa3", "Database",
                          "self", "debian", "2025-04-01T00:00:00Z");
  ens_emulator_set_image_status (fixture->emulator, "m-aaaaaaaaaaaaaaaaaaaaaaaa3", "Creating");

  ens_emulator_listen (fixture->emulator, 0, &error);
  g_assert_no_error (error);
  fixture->url = ens_emulator_dup_url (fixture->emulator);
  fixture->endpoint = g_uri_parse (fixture->url, SOUP_HTTP_URI_FLAGS, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (g_steal_pointer (&fixture->emulator));
  g_clear_pointer (&fixture->endpoint, g_uri_unref);
  g_clear_pointer (&fixture->url, g_free);
}

/* Sends @request signed with @version and @method; returns the parsed
 * answer's object and sets @status. */
static JsonObject *
send_request (Fixture             *fixture,
              EnsRequest          *request,
              EnsSignatureVersion  version,
              const char          *method,
              const char          *key_id,
              const char          *secret,
              const char          *token,
              guint               *status)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (key_id, secret, token);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *nonce = ens_signer_new_nonce ();
  g_autoptr(EnsSignedRequest) signed_request = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  signed_request = ens_request_sign (request, version, method, FALSE, fixture->endpoint,
                                     credentials, now, nonce, &error);
  g_assert_no_error (error);
  msg = ens_signed_request_to_message (signed_request);
  {
    g_autoptr(GAsyncResult) result = NULL;

    /* The server runs in this thread's main context: wait for it there. */
    soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                      ens_test_store_result_cb, &result);
    body = soup_session_send_and_read_finish (fixture->session, ens_test_wait_for (&result),
                                              &error);
    g_assert_no_error (error);
  }
  *status = soup_message_get_status (msg);

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static JsonArray *
images_of (JsonObject *object)
{
  return json_object_get_array_member (json_object_get_object_member (object, "Images"), "Image");
}

static void
test_self_images_paging (Fixture       *fixture,
                         gconstpointer  user_data)
{
  EnsSignatureVersion version = GPOINTER_TO_INT (user_data);
  const char *method = version == ENS_SIGNATURE_V1 ? "GET" : "POST";
  g_autoptr(EnsRequest) first = ens_request_new_describe_self_images (1, 2, NULL);
  g_autoptr(EnsRequest) second = ens_request_new_describe_self_images (2, 2, NULL);
  g_autoptr(JsonObject) page1 = NULL;
  g_autoptr(JsonObject) page2 = NULL;
  JsonObject *image;
  guint status = 0;

  page1 = send_request (fixture, first, version, method, KEY_ID, KEY_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  /* The model has PageNumber, PageSize and TotalCount as strings, Code a number. */
  g_assert_cmpint (json_object_get_int_member (page1, "Code"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (page1, "TotalCount"), ==, "3");
  g_assert_cmpstr (json_object_get_string_member (page1, "PageNumber"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (page1, "PageSize"), ==, "2");
  g_assert_nonnull (json_object_get_string_member (page1, "RequestId"));
  g_assert_cmpuint (json_array_get_length (images_of (page1)), ==, 2);

  /* Only the account's own images, in order, with the model's members. */
  image = json_array_get_object_element (images_of (page1), 0);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageId"), ==, "m-aaaaaaaaaaaaaaaaaaaaaaaa1");
  g_assert_cmpstr (json_object_get_string_member (image, "ImageName"), ==, "web-frontend-2024");
  g_assert_cmpstr (json_object_get_string_member (image, "ImageOwnerAlias"), ==, "self");
  g_assert_cmpstr (json_object_get_string_member (image, "Platform"), ==, "ubuntu");
  g_assert_cmpstr (json_object_get_string_member (image, "CreationTime"), ==, "2024-03-18T09:12:44Z");
  g_assert_cmpstr (json_object_get_string_member (image, "Status"), ==, "Available");
  g_assert_cmpstr (json_object_get_string_member (image, "Architecture"), ==, "x86_64");
  g_assert_cmpstr (json_object_get_string_member (image, "ImageSize"), ==, "20");
  image = json_array_get_object_element (images_of (page1), 1);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageId"), ==, "m-aaaaaaaaaaaaaaaaaaaaaaaa2");

  page2 = send_request (fixture, second, version, method, KEY_ID, KEY_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (images_of (page2)), ==, 1);
  image = json_array_get_object_element (images_of (page2), 0);
  g_assert_cmpstr (json_object_get_string_member (image, "ImageName"), ==, "Database");
  g_assert_cmpstr (json_object_get_string_member (image, "Status"), ==, "Creating");
}

static void
test_self_images_refused (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(EnsRequest) request = ens_request_new_describe_self_images (1, 10, NULL);
  g_autoptr(EnsRequest) images = ens_request_new_describe_images (1, 10, NULL, NULL, NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) other = NULL;
  guint status = 0;

  ens_emulator_refuse_action (fixture->emulator, "DescribeSelfImages", 404,
                              "InvalidAction.NotFound");
  answer = send_request (fixture, request, ENS_SIGNATURE_V3, "POST", KEY_ID, KEY_SECRET, NULL,
                         &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (json_object_get_string_member (answer, "Code"), ==, "InvalidAction.NotFound");

  /* DescribeImages still answers, with ImageOwnerAlias and Status per image. */
  other = send_request (fixture, images, ENS_SIGNATURE_V3, "POST", KEY_ID, KEY_SECRET, NULL,
                        &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (images_of (other)), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (images_of (other), 1),
                                                  "ImageOwnerAlias"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (images_of (other), 3),
                                                  "Status"), ==, "Creating");
  g_clear_pointer (&answer, json_object_unref);

  ens_emulator_refuse_action (fixture->emulator, "DescribeSelfImages", 0, NULL);
  answer = send_request (fixture, request, ENS_SIGNATURE_V1, "GET", KEY_ID, KEY_SECRET, NULL,
                         &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
assert_identity (JsonObject *object,
                 const char *identity_type,
                 const char *arn)
{
  g_assert_cmpstr (json_object_get_string_member (object, "AccountId"), ==, ACCOUNT);
  g_assert_cmpstr (json_object_get_string_member (object, "IdentityType"), ==, identity_type);
  g_assert_cmpstr (json_object_get_string_member (object, "Arn"), ==, arn);
  g_assert_nonnull (json_object_get_string_member (object, "UserId"));
  g_assert_nonnull (json_object_get_string_member (object, "PrincipalId"));
  g_assert_nonnull (json_object_get_string_member (object, "RequestId"));
}

static void
test_caller_identity (Fixture       *fixture,
                      gconstpointer  user_data)
{
  EnsSignatureVersion version = GPOINTER_TO_INT (user_data);
  const char *method = version == ENS_SIGNATURE_V1 ? "GET" : "POST";
  g_autoptr(EnsRequest) request = ens_request_new_get_caller_identity (fixture->url);
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) role = NULL;
  g_autoptr(JsonObject) wrong = NULL;
  guint status = 0;

  g_assert_cmpstr (ens_request_get_version (request), ==, "2015-04-01");

  user = send_request (fixture, request, version, method, KEY_ID, KEY_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  assert_identity (user, "RAMUser", "acs:ram::" ACCOUNT ":user/release-bot");
  g_assert_cmpstr (json_object_get_string_member (user, "UserId"), ==,
                   json_object_get_string_member (user, "PrincipalId"));

  root = send_request (fixture, request, version, method, ROOT_KEY_ID, ROOT_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  assert_identity (root, "Account", "acs:ram::" ACCOUNT ":root");
  g_assert_cmpstr (json_object_get_string_member (root, "UserId"), ==, ACCOUNT);

  role = send_request (fixture, request, version, method, STS_KEY_ID, STS_SECRET, STS_TOKEN, &status);
  g_assert_cmpuint (status, ==, 200);
  assert_identity (role, "AssumedRoleUser", "acs:ram::" ACCOUNT ":assumed-role/deployer/emulator-session");
  g_assert_nonnull (json_object_get_string_member (role, "RoleId"));

  /* A wrong secret is refused as for any other action. */
  wrong = send_request (fixture, request, version, method, KEY_ID, ROOT_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (wrong, "Code"), ==, "SignatureDoesNotMatch");
}

static void
test_seed_owner (void)
{
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_file_open_tmp ("seed-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);

  g_assert_true (g_file_set_contents (path, "{\"keys\":[{\"id\":\"LTAI5tA\",\"secret\":\"s\","
                                      "\"account_id\":\"12ab\"}]}", -1, &error));
  g_assert_false (ens_emulator_load_seed (emulator, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "account_id"));
  g_clear_error (&error);

  /* The real seed file loads, with its owners and a status. */
  g_assert_true (ens_emulator_load_seed (emulator,
                                         g_test_get_filename (G_TEST_DIST, "data", "emulator",
                                                              "seed.json", NULL),
                                         &error));
  g_assert_no_error (error);
  g_unlink (path);
}

static void
test_demo_images (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(EnsRequest) request = ens_request_new_describe_self_images (1, 50, NULL);
  g_autoptr(EnsRequest) identity = ens_request_new_get_caller_identity (fixture->url);
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) who = NULL;
  JsonArray *images;
  guint status = 0;
  guint unnamed = 0;

  ens_emulator_load_demo (fixture->emulator);
  page = send_request (fixture, request, ENS_SIGNATURE_V3, "POST", ENS_EMULATOR_DEMO_KEY_ID,
                       ENS_EMULATOR_DEMO_KEY_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  /* 3 of the fixture and a few dozen of the demo, each with a name. */
  g_assert_cmpstr (json_object_get_string_member (page, "TotalCount"), ==, "43");
  images = images_of (page);
  for (guint i = 0; i < json_array_get_length (images); i++)
    if (*json_object_get_string_member (json_array_get_object_element (images, i), "ImageName") == '\0')
      unnamed++;
  g_assert_cmpuint (unnamed, ==, 0);

  who = send_request (fixture, identity, ENS_SIGNATURE_V1, "POST", ENS_EMULATOR_DEMO_KEY_ID,
                      ENS_EMULATOR_DEMO_KEY_SECRET, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (who, "AccountId"), ==, ENS_EMULATOR_DEMO_ACCOUNT_ID);
  g_assert_cmpstr (json_object_get_string_member (who, "Arn"), ==,
                   "acs:ram::" ENS_EMULATOR_DEMO_ACCOUNT_ID ":user/" ENS_EMULATOR_DEMO_USER_NAME);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/emulator-identity/self-images/v1", Fixture, GINT_TO_POINTER (ENS_SIGNATURE_V1),
              fixture_set_up, test_self_images_paging, fixture_tear_down);
  g_test_add ("/emulator-identity/self-images/v3", Fixture, GINT_TO_POINTER (ENS_SIGNATURE_V3),
              fixture_set_up, test_self_images_paging, fixture_tear_down);
  g_test_add ("/emulator-identity/self-images/refused", Fixture, NULL,
              fixture_set_up, test_self_images_refused, fixture_tear_down);
  g_test_add ("/emulator-identity/caller/v1", Fixture, GINT_TO_POINTER (ENS_SIGNATURE_V1),
              fixture_set_up, test_caller_identity, fixture_tear_down);
  g_test_add ("/emulator-identity/caller/v3", Fixture, GINT_TO_POINTER (ENS_SIGNATURE_V3),
              fixture_set_up, test_caller_identity, fixture_tear_down);
  g_test_add ("/emulator-identity/demo", Fixture, NULL,
              fixture_set_up, test_demo_images, fixture_tear_down);
  g_test_add_func ("/emulator-identity/seed-owner", test_seed_owner);

  return g_test_run ();
}
