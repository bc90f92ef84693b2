/* canary-keyring.c
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
 * A canary AccessKey secret through the app's own keyring code: saved with
 * EnsCredentialStore, looked up and resolved again, and verified with
 * EnsClient against the ENS emulator.  On its own (suite keyring) it checks
 * that the round trip works.  tests/test-canary.sh runs it again with
 * G_MESSAGES_DEBUG=all and checks that the secret shows up in none of its
 * output, nor anywhere else but the keyring file.
 *
 * The secret only ever comes from the environment, never a command line:
 *   ENS_CANARY_SECRET    the secret (default: a built-in canary)
 *   ENS_CANARY_KEY_ID    the AccessKey ID (default: a built-in one)
 *   ENS_CANARY_ENDPOINT  an emulator to verify against (default: one
 *                        started in this process)
 *   ENS_CANARY_PROFILE   the profile name (default "canary")
 *   ENS_CANARY_KEEP=1    leave the profile in the keyring afterwards
 *
 * It never writes to the session's own keyring: unless
 * ENS_CANARY_IN_SESSION=1 says the caller made a private one (as
 * test-canary.sh does), it runs itself again under tests/keyring-session.sh
 * (a private bus, HOME and gnome-keyring), so that it cannot race with
 * test-credential-store, which uses the session keyring at the same time.
 */

#include "config.h"

#include <locale.h>
#include <sys/wait.h>

#include "ens-client.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-image.h"
#include "ens-test-utils.h"

#define DEFAULT_SECRET "CanarySecret0123456789abcdef"
#define DEFAULT_KEY_ID "LTAI5tCanaryCanaryCanar1"

static const char *
env_or (const char *name,
        const char *fallback)
{
  const char *value = g_getenv (name);

  return (value != NULL && value[0] != '\0') ? value : fallback;
}

/* Compares without ever printing the secret, even on failure. */
static void
assert_same_credentials (const EnsCredentials *credentials,
                         const char           *key_id,
                         const char           *secret)
{
  g_assert_nonnull (credentials);
  g_assert_cmpstr (ens_credentials_get_access_key_id (credentials), ==, key_id);
  g_assert_true (g_str_equal (ens_credentials_get_access_key_secret (credentials), secret));
  g_assert_null (ens_credentials_get_security_token (credentials));
}

static char *self;  /* this program, for running it again */

static void
run_in_private_keyring (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "keyring-session.sh", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (self);
  {
    const char *argv[] = {
      "sh", script, "env", "ENS_CANARY_IN_SESSION=1", self, "-p", "/canary/keyring", NULL
    };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
  }
  g_test_message ("private keyring run:\n%s%s", out, err);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("dbus-run-session or gnome-keyring-daemon is not installed");
      return;
    }
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

static void
test_canary_keyring (void)
{
  const char *secret = env_or ("ENS_CANARY_SECRET", DEFAULT_SECRET);
  const char *key_id = env_or ("ENS_CANARY_KEY_ID", DEFAULT_KEY_ID);
  const char *profile = env_or ("ENS_CANARY_PROFILE", "canary");
  const char *endpoint = g_getenv ("ENS_CANARY_ENDPOINT");
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (key_id, secret, NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(EnsCredentials) resolved = NULL;
  g_autoptr(EnsEmulator) emulator = NULL;
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) profiles = NULL;
  g_auto(GStrv) ids = NULL;
  EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;

  if (g_strcmp0 (g_getenv ("ENS_CANARY_IN_SESSION"), "1") != 0)
    {
      run_in_private_keyring ();
      return;
    }

  /* The environment must not win over the keyring here. */
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");

  {
    g_autoptr(GAsyncResult) result = NULL;

    ens_credential_store_save_async (store, profile, credentials, NULL, ens_test_store_result_cb, &result);
    g_assert_true (ens_credential_store_save_finish (store, ens_test_wait_for (&result), &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ens_credential_store_lookup_async (store, profile, NULL, ens_test_store_result_cb, &result);
    found = ens_credential_store_lookup_finish (store, ens_test_wait_for (&result), &error);
    g_assert_no_error (error);
    assert_same_credentials (found, key_id, secret);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ens_credential_store_resolve_async (store, profile, NULL, ens_test_store_result_cb, &result);
    resolved = ens_credential_store_resolve_finish (store, ens_test_wait_for (&result), &source, &error);
    g_assert_no_error (error);
    g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_KEYRING);
    assert_same_credentials (resolved, key_id, secret);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ens_credential_store_list_profiles_async (store, NULL, ens_test_store_result_cb, &result);
    profiles = ens_credential_store_list_profiles_finish (store, ens_test_wait_for (&result), &ids, &error);
    g_assert_no_error (error);
    g_assert_true (g_strv_contains ((const char * const *) profiles, profile));
    g_assert_true (g_strv_contains ((const char * const *) ids, key_id));
  }

  /* Verify: the looked-up key signs requests the emulator accepts. */
  if (endpoint == NULL || endpoint[0] == '\0')
    {
      emulator = ens_emulator_new ();
      ens_emulator_add_key (emulator, key_id, secret, FALSE);
      ens_emulator_add_image (emulator, "m-5s7qotzavwbrnzaqh4ucanary", "canary", "self",
                              "ubuntu", "2024-01-01T00:00:00Z");
      g_assert_true (ens_emulator_listen (emulator, 0, &error));
      g_assert_no_error (error);
      url = ens_emulator_dup_url (emulator);
      endpoint = url;
    }

  client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (client, endpoint, &error));
  g_assert_no_error (error);
  ens_client_set_credentials (client, resolved);
  {
    g_autoptr(GAsyncResult) result = NULL;

    ens_client_describe_images_async (client, 1, 10, NULL, NULL, NULL, ens_test_store_result_cb, &result);
    images = ens_client_describe_images_finish (client, ens_test_wait_for (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (images);
    g_assert_cmpuint (images->len, >=, 1);
  }

  if (emulator != NULL)
    ens_emulator_stop (emulator);

  if (g_strcmp0 (g_getenv ("ENS_CANARY_KEEP"), "1") != 0)
    {
      g_autoptr(GAsyncResult) result = NULL;

      ens_credential_store_delete_async (store, profile, NULL, ens_test_store_result_cb, &result);
      g_assert_true (ens_credential_store_delete_finish (store, ens_test_wait_for (&result), &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  self = g_find_program_in_path (argv[0]);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/canary/keyring", test_canary_keyring);

  return g_test_run ();
}
