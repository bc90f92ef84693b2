/* test-session.c
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

/* EnsSession against a real emulator on loopback and the real keyring of
 * the test session (keyring suite). */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ens-core.h"
#include "ens-core-enums.h"
#include "ens-emulator.h"
#include "ens-session.h"
#include "ens-test-utils.h"

#define KEY_ID      "LTAI5tTestSessionKey0001"
#define KEY_SECRET  "TestSessionSecretTestSession"
#define TEST_PROFILE     "ens-test-session-profile"

typedef struct
{
  EnsEmulator        *emulator;
  EnsClient          *client;
  EnsCredentialStore *store;
  GSettings          *settings;
  EnsSession         *session;
  char               *url;

  guint               n_signed_in;
  char               *signed_in_profile;
  EnsCredentialSource signed_in_source;
} Fixture;

static void
signed_in_cb (EnsSession          *session,
              const char          *profile,
              EnsCredentialSource  source,
              Fixture             *fixture)
{
  fixture->n_signed_in++;
  g_free (fixture->signed_in_profile);
  fixture->signed_in_profile = g_strdup (profile);
  fixture->signed_in_source = source;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  fixture->url = ens_emulator_dup_url (fixture->emulator);

  fixture->settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (fixture->settings, "endpoint", fixture->url);
  g_settings_set_string (fixture->settings, "active-profile", "");
  g_settings_set_uint (fixture->settings, "concurrency", 3);

  fixture->client = ens_client_new ();
  fixture->store = ens_credential_store_new ();
  fixture->session = ens_session_new (fixture->client, fixture->store, fixture->settings);
  g_signal_connect (fixture->session, "signed-in", G_CALLBACK (signed_in_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_settings_reset (fixture->settings, "endpoint");
  g_settings_reset (fixture->settings, "active-profile");
  g_settings_reset (fixture->settings, "concurrency");
  g_settings_reset (fixture->settings, "adapt-concurrency");
  g_clear_object (&fixture->settings);
  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->emulator);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->signed_in_profile, g_free);
}

/* Runs the main loop until the client's share list call finishes. */
static gboolean
client_works (EnsClient *client,
              GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) images = NULL;

  ens_client_describe_images_async (client, 1, 10, NULL, NULL, NULL, ens_test_store_result_cb, &result);
  images = ens_client_describe_images_finish (client, ens_test_wait_for (&result), NULL, error);

  return images != NULL;
}

static void
test_session_settings (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsSession) once = NULL;
  g_autoptr(EnsClient) other = ens_client_new ();

  /* The settings reach the client, and later changes follow. */
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, fixture->url);
  g_assert_cmpuint (ens_client_get_concurrency (fixture->client), ==, 3);
  g_settings_set_uint (fixture->settings, "concurrency", 5);
  g_assert_cmpuint (ens_client_get_concurrency (fixture->client), ==, 5);
  g_assert_true (ens_client_get_adapt_concurrency (fixture->client));
  g_settings_set_boolean (fixture->settings, "adapt-concurrency", FALSE);
  g_assert_false (ens_client_get_adapt_concurrency (fixture->client));

  /* An override wins over the setting; a bad one changes nothing. */
  g_assert_true (ens_session_set_endpoint_override (fixture->session, "http://127.0.0.1:9", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, "http://127.0.0.1:9");
  g_assert_false (ens_session_set_endpoint_override (fixture->session, "http://example.com", &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, "http://127.0.0.1:9");
  g_clear_error (&error);
  g_assert_true (ens_session_set_endpoint_override (fixture->session, NULL, &error));
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, fixture->url);

  /* Without follow-settings (the command line) they are applied once. */
  once = g_object_new (ENS_TYPE_SESSION,
                       "client", other,
                       "credential-store", fixture->store,
                       "settings", fixture->settings,
                       "follow-settings", FALSE,
                       NULL);
  g_assert_cmpuint (ens_client_get_concurrency (other), ==, 5);
  g_assert_false (ens_client_get_adapt_concurrency (other));
  g_settings_set_uint (fixture->settings, "concurrency", 2);
  g_assert_cmpuint (ens_client_get_concurrency (other), ==, 5);
  g_assert_cmpuint (ens_client_get_concurrency (fixture->client), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&once));
}

static void
test_session_sign_in_out (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *active = NULL;
  EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;
  GSignalQuery query;

  /* The signal carries the real enum type. */
  g_signal_query (g_signal_lookup ("signed-in", ENS_TYPE_SESSION), &query);
  g_assert_cmpuint (query.n_params, ==, 2);
  g_assert_true (query.param_types[1] == ENS_TYPE_CREDENTIAL_SOURCE);

  g_assert_false (ens_session_get_signed_in (fixture->session));
  g_assert_false (ens_client_has_credentials (fixture->client));
  status = ens_session_dup_status_text (fixture->session);
  g_assert_cmpstr (status, ==, "Not signed in");
  g_clear_pointer (&status, g_free);

  /* This session only: kept in the store's memory slot, not the keyring. */
  ens_session_sign_in (fixture->session, "Work", credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_cmpuint (fixture->n_signed_in, ==, 1);
  g_assert_cmpstr (fixture->signed_in_profile, ==, "Work");
  g_assert_cmpint (fixture->signed_in_source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_true (ens_session_get_signed_in (fixture->session));
  g_assert_cmpstr (ens_session_get_profile (fixture->session), ==, "Work");
  status = ens_session_dup_status_text (fixture->session);
  g_assert_cmpstr (status, ==, "“Work”, this session only");
  g_clear_pointer (&status, g_free);
  g_assert_true (client_works (fixture->client, &error));
  g_assert_no_error (error);

  ens_credential_store_resolve_async (fixture->store, "Work", NULL, ens_test_store_result_cb, &result);
  found = ens_credential_store_resolve_finish (fixture->store, ens_test_wait_for (&result), &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_true (ens_credentials_equal (found, credentials));
  active = g_settings_get_string (fixture->settings, "active-profile");
  g_assert_cmpstr (active, ==, "");
  g_clear_pointer (&active, g_free);

  /* A keyring profile becomes the active one. */
  ens_session_sign_in (fixture->session, TEST_PROFILE, credentials, ENS_CREDENTIAL_SOURCE_KEYRING);
  g_assert_cmpuint (fixture->n_signed_in, ==, 2);
  active = g_settings_get_string (fixture->settings, "active-profile");
  g_assert_cmpstr (active, ==, TEST_PROFILE);
  status = ens_session_dup_status_text (fixture->session);
  g_assert_cmpstr (status, ==, "Signed in as “" TEST_PROFILE "”");
  g_clear_pointer (&status, g_free);

  ens_session_sign_out (fixture->session);
  g_assert_false (ens_session_get_signed_in (fixture->session));
  g_assert_null (ens_session_get_profile (fixture->session));
  g_assert_false (ens_client_has_credentials (fixture->client));
  g_assert_false (client_works (fixture->client, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (fixture->n_signed_in, ==, 2);
}

static void
test_session_check_credentials (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(EnsCredentials) good = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(EnsCredentials) bad = ens_credentials_new (KEY_ID, "WrongSecretWrongSecretWrong1", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (fixture->client, "max-retries", 0, NULL);

  ens_session_check_credentials_async (fixture->session, good, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_session_check_credentials_finish (fixture->session, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  ens_session_check_credentials_async (fixture->session, bad, NULL, ens_test_store_result_cb, &result);
  g_assert_false (ens_session_check_credentials_finish (fixture->session, ens_test_wait_for (&result), &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_SIGNATURE);

  /* Neither key reached the session's client. */
  g_assert_false (ens_client_has_credentials (fixture->client));
  g_assert_false (ens_session_get_signed_in (fixture->session));
  g_assert_cmpuint (fixture->n_signed_in, ==, 0);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 2);
}

static void
test_session_demo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint requests;

  ens_session_sign_in (fixture->session, "Work", credentials, ENS_CREDENTIAL_SOURCE_SESSION);

  g_assert_true (ens_session_start_demo (fixture->session, &error));
  g_assert_no_error (error);
  g_assert_true (ens_session_get_demo (fixture->session));
  g_assert_true (ens_session_get_signed_in (fixture->session));
  g_assert_cmpint (ens_session_get_source (fixture->session), ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), !=, fixture->url);
  g_assert_true (g_str_has_prefix (ens_client_get_endpoint (fixture->client), "http://127.0.0.1:"));
  status = ens_session_dup_status_text (fixture->session);
  g_assert_cmpstr (status, ==, "Demo");

  /* The demo's own simulator answers, not the test's emulator. */
  requests = ens_emulator_get_request_count (fixture->emulator);
  g_assert_true (client_works (fixture->client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests);

  /* Leaving signs out and points the client back at the setting. */
  ens_session_stop_demo (fixture->session);
  g_assert_false (ens_session_get_demo (fixture->session));
  g_assert_false (ens_session_get_signed_in (fixture->session));
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, fixture->url);

  /* Signing in leaves the demo. */
  g_assert_true (ens_session_start_demo (fixture->session, &error));
  ens_session_sign_in (fixture->session, "Work", credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_false (ens_session_get_demo (fixture->session));
  g_assert_cmpstr (ens_client_get_endpoint (fixture->client), ==, fixture->url);
  g_assert_true (client_works (fixture->client, &error));
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, requests + 1);
}

static void
test_session_profiles (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *active = NULL;

  /* A profile that is not saved. */
  ens_session_switch_profile_async (fixture->session, TEST_PROFILE "-missing", NULL, ens_test_store_result_cb, &result);
  g_assert_false (ens_session_switch_profile_finish (fixture->session, ens_test_wait_for (&result), &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, TEST_PROFILE "-missing"));
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_false (ens_session_get_signed_in (fixture->session));

  /* Saved, switched to, then removed while in use: signed out. */
  ens_credential_store_save_async (fixture->store, TEST_PROFILE, credentials, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_credential_store_save_finish (fixture->store, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  ens_session_switch_profile_async (fixture->session, TEST_PROFILE, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_session_switch_profile_finish (fixture->session, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (ens_session_get_source (fixture->session), ==, ENS_CREDENTIAL_SOURCE_KEYRING);
  g_assert_cmpstr (fixture->signed_in_profile, ==, TEST_PROFILE);
  active = g_settings_get_string (fixture->settings, "active-profile");
  g_assert_cmpstr (active, ==, TEST_PROFILE);
  g_clear_pointer (&active, g_free);

  /* The profile list follows the keyring. */
  while (ens_session_get_profiles (fixture->session) == NULL ||
         !g_strv_contains (ens_session_get_profiles (fixture->session), TEST_PROFILE))
    g_main_context_iteration (NULL, TRUE);

  ens_session_remove_profile_async (fixture->session, TEST_PROFILE, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_session_remove_profile_finish (fixture->session, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (ens_session_get_signed_in (fixture->session));
  active = g_settings_get_string (fixture->settings, "active-profile");
  g_assert_cmpstr (active, ==, "");
  while (g_strv_contains (ens_session_get_profiles (fixture->session), TEST_PROFILE))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_session_resolve (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EnsCredentialSource source;

  /* Nothing anywhere: NONE, no error. */
  ens_session_resolve_async (fixture->session, TEST_PROFILE "-none", NULL, ens_test_store_result_cb, &result);
  source = ens_session_resolve_finish (fixture->session, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_NONE);
  g_assert_cmpuint (fixture->n_signed_in, ==, 0);
  g_clear_object (&result);

  /* The environment. */
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID, TRUE);
  g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", KEY_SECRET, TRUE);
  ens_session_resolve_async (fixture->session, NULL, NULL, ens_test_store_result_cb, &result);
  source = ens_session_resolve_finish (fixture->session, ens_test_wait_for (&result), &error);
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_ENVIRONMENT);
  g_assert_cmpuint (fixture->n_signed_in, ==, 1);
  g_assert_cmpint (fixture->signed_in_source, ==, ENS_CREDENTIAL_SOURCE_ENVIRONMENT);
  g_assert_true (client_works (fixture->client, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");

#define ADD(name, func) \
  g_test_add ("/session/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("settings", test_session_settings);
  ADD ("sign-in-out", test_session_sign_in_out);
  ADD ("check-credentials", test_session_check_credentials);
  ADD ("demo", test_session_demo);
  ADD ("profiles", test_session_profiles);
  ADD ("resolve", test_session_resolve);

  return g_test_run ();
}
