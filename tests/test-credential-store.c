/* test-credential-store.c
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
 * Runs against a real gnome-keyring-daemon on a private session bus (the
 * test command provides one; by hand: tests/keyring-session.sh).  Tests
 * about a missing keyring run in child processes with their own bus.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "ens-client.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-test-utils.h"

/* The schema, spelt out here so that a change in the app shows up as a failure. */
static const SecretSchema test_schema = {
  .name = "io.github.ensimageshare.EnsImageShare",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = "profile", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "access-key-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = NULL, .type = 0 },
  },
};

/* Every profile a test here creates starts with this, so that leftovers
 * of an interrupted run can be removed. */
#define P(name) "ens-test-" name

/* Waiting for async results {{{ */

static gboolean
save_sync (EnsCredentialStore   *store,
           const char           *profile,
           const EnsCredentials *credentials,
           GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_credential_store_save_async (store, profile, credentials, NULL, ens_test_store_result_cb, &result);
  return ens_credential_store_save_finish (store, ens_test_wait_for (&result), error);
}

static EnsCredentials *
lookup_sync (EnsCredentialStore  *store,
             const char          *profile,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_credential_store_lookup_async (store, profile, NULL, ens_test_store_result_cb, &result);
  return ens_credential_store_lookup_finish (store, ens_test_wait_for (&result), error);
}

static GStrv
list_sync (EnsCredentialStore  *store,
           GStrv               *ids,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_credential_store_list_profiles_async (store, NULL, ens_test_store_result_cb, &result);
  return ens_credential_store_list_profiles_finish (store, ens_test_wait_for (&result), ids, error);
}

static gboolean
delete_sync (EnsCredentialStore  *store,
             const char          *profile,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_credential_store_delete_async (store, profile, NULL, ens_test_store_result_cb, &result);
  return ens_credential_store_delete_finish (store, ens_test_wait_for (&result), error);
}

static EnsCredentials *
resolve_sync (EnsCredentialStore   *store,
              const char           *profile,
              EnsCredentialSource  *source,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_credential_store_resolve_async (store, profile, NULL, ens_test_store_result_cb, &result);
  return ens_credential_store_resolve_finish (store, ens_test_wait_for (&result), source, error);
}

static gboolean
import_sync (EnsCredentialStore  *store,
             const char          *path,
             GStrv               *imported,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_credential_store_import_async (store, path, NULL, ens_test_store_result_cb, &result);
  return ens_credential_store_import_finish (store, ens_test_wait_for (&result), imported, error);
}

/* }}} */

/* Helpers {{{ */

static void
assert_credentials (const EnsCredentials *credentials,
                    const char           *access_key_id,
                    const char           *access_key_secret,
                    const char           *security_token)
{
  g_assert_nonnull (credentials);
  g_assert_cmpstr (ens_credentials_get_access_key_id (credentials), ==, access_key_id);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (credentials), ==, access_key_secret);
  g_assert_cmpstr (ens_credentials_get_security_token (credentials), ==, security_token);
}

/* The items of @profile, straight from libsecret. */
static GList *
search_items (const char *profile)
{
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                                       NULL, &error,
                                       "profile", profile,
                                       NULL);
  g_assert_no_error (error);

  return items;
}

static char *
raw_secret (const char *profile,
            const char *access_key_id)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (&test_schema, NULL, &error,
                                        "profile", profile,
                                        "access-key-id", access_key_id,
                                        NULL);
  g_assert_no_error (error);

  return secret;
}

static void
delete_profile (EnsCredentialStore *store,
                const char         *profile)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (delete_sync (store, profile, &error));
  g_assert_no_error (error);
}

static const char *
fixture (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", "aliyun", name, NULL);
}

/* }}} */

static void
test_new_destroy (void)
{
  EnsCredentialStore *store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tSession0001", "SessionSecret01", NULL);

  ens_credential_store_set_session_credentials (store, P ("session"), credentials);
  g_assert_finalize_object (store);
}

static void
test_save_lookup (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringSave0001", "KeyringSecretSave00000001", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  g_assert_true (save_sync (store, P ("save"), credentials, &error));
  g_assert_no_error (error);

  found = lookup_sync (store, P ("save"), &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tKeyringSave0001", "KeyringSecretSave00000001", NULL);

  /* Without a token the secret is stored as it is. */
  secret = raw_secret (P ("save"), "LTAI5tKeyringSave0001");
  g_assert_cmpstr (secret, ==, "KeyringSecretSave00000001");

  delete_profile (store, P ("save"));
}

static void
test_missing (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;

  found = lookup_sync (store, P ("never-saved"), &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_input_cleaned (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) messy = ens_credentials_new ("  LTAI5tKeyringClean0002\n", "\tKeyringSecretClean0000002\r\n", NULL);
  g_autoptr(EnsCredentials) bad = ens_credentials_new ("LTAI5tKeyringClean0002", "Keyring Secret", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  g_assert_true (save_sync (store, P ("clean"), messy, &error));
  g_assert_no_error (error);
  found = lookup_sync (store, P ("clean"), &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tKeyringClean0002", "KeyringSecretClean0000002", NULL);
  delete_profile (store, P ("clean"));

  /* Refused before anything is stored. */
  g_assert_false (save_sync (store, P ("clean-bad"), bad, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_null (strstr (error->message, "Keyring Secret"));
  items = search_items (P ("clean-bad"));
  g_assert_null (items);
}

static void
test_overwrite (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) first = ens_credentials_new ("LTAI5tKeyringFirst0003", "KeyringSecretFirst0000003", NULL);
  g_autoptr(EnsCredentials) same_id = ens_credentials_new ("LTAI5tKeyringFirst0003", "KeyringSecretAgain0000003", NULL);
  g_autoptr(EnsCredentials) second = ens_credentials_new ("LTAI5tKeyringSecond004", "KeyringSecretSecond000004", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_secret = NULL;
  GList *items;

  g_assert_true (save_sync (store, P ("overwrite"), first, &error));
  g_assert_no_error (error);

  /* Same ID, new secret: the item is replaced. */
  g_assert_true (save_sync (store, P ("overwrite"), same_id, &error));
  g_assert_no_error (error);
  items = search_items (P ("overwrite"));
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);
  found = lookup_sync (store, P ("overwrite"), &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tKeyringFirst0003", "KeyringSecretAgain0000003", NULL);
  g_clear_pointer (&found, ens_credentials_free);

  /* Another ID: still one item, and the old ID is gone. */
  g_assert_true (save_sync (store, P ("overwrite"), second, &error));
  g_assert_no_error (error);
  items = search_items (P ("overwrite"));
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);
  old_secret = raw_secret (P ("overwrite"), "LTAI5tKeyringFirst0003");
  g_assert_null (old_secret);

  found = lookup_sync (store, P ("overwrite"), &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tKeyringSecond004", "KeyringSecretSecond000004", NULL);

  delete_profile (store, P ("overwrite"));
}

static void
test_two_profiles (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) a = ens_credentials_new ("LTAI5tKeyringTwoA0005", "KeyringSecretTwoA00000005", NULL);
  g_autoptr(EnsCredentials) b = ens_credentials_new ("LTAI5tKeyringTwoB0006", "KeyringSecretTwoB00000006", "TokenTwoB+/=");
  g_autoptr(EnsCredentials) found_a = NULL;
  g_autoptr(EnsCredentials) found_b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save_sync (store, P ("two-b"), b, &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, P ("two-a"), a, &error));
  g_assert_no_error (error);

  found_a = lookup_sync (store, P ("two-a"), &error);
  g_assert_no_error (error);
  found_b = lookup_sync (store, P ("two-b"), &error);
  g_assert_no_error (error);
  assert_credentials (found_a, "LTAI5tKeyringTwoA0005", "KeyringSecretTwoA00000005", NULL);
  assert_credentials (found_b, "LTAI5tKeyringTwoB0006", "KeyringSecretTwoB00000006", "TokenTwoB+/=");

  /* Deleting one leaves the other. */
  delete_profile (store, P ("two-a"));
  g_clear_pointer (&found_a, ens_credentials_free);
  g_clear_pointer (&found_b, ens_credentials_free);
  found_a = lookup_sync (store, P ("two-a"), &error);
  g_assert_no_error (error);
  g_assert_null (found_a);
  found_b = lookup_sync (store, P ("two-b"), &error);
  g_assert_no_error (error);
  assert_credentials (found_b, "LTAI5tKeyringTwoB0006", "KeyringSecretTwoB00000006", "TokenTwoB+/=");

  delete_profile (store, P ("two-b"));
}

static void
test_sts_token (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("STS.NTKeyringSts0007", "KeyringSecretSts000000007",
                                                               "CAIS+Token/With\"Quote\\And=Padding==");
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  JsonObject *object;

  g_assert_true (save_sync (store, P ("sts"), credentials, &error));
  g_assert_no_error (error);

  found = lookup_sync (store, P ("sts"), &error);
  g_assert_no_error (error);
  assert_credentials (found, "STS.NTKeyringSts0007", "KeyringSecretSts000000007",
                      "CAIS+Token/With\"Quote\\And=Padding==");

  /* With a token the secret is a JSON object holding both. */
  secret = raw_secret (P ("sts"), "STS.NTKeyringSts0007");
  g_assert_nonnull (secret);
  g_assert_true (json_parser_load_from_data (parser, secret, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "secret"), ==, "KeyringSecretSts000000007");
  g_assert_cmpstr (json_object_get_string_member (object, "token"), ==, "CAIS+Token/With\"Quote\\And=Padding==");

  delete_profile (store, P ("sts"));
}

static void
test_brace_secret (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringBrace008", "{NotJson}", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;

  /* A secret that looks like the start of JSON still reads back whole. */
  g_assert_true (save_sync (store, P ("brace"), credentials, &error));
  g_assert_no_error (error);
  found = lookup_sync (store, P ("brace"), &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tKeyringBrace008", "{NotJson}", NULL);

  delete_profile (store, P ("brace"));
}

static void
test_damaged_item (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;

  /* Written by something else: JSON without a secret. */
  g_assert_true (secret_password_store_sync (&test_schema, SECRET_COLLECTION_DEFAULT, "damaged",
                                             "{\"token\": \"x\"}", NULL, &error,
                                             "profile", P ("damaged"),
                                             "access-key-id", "LTAI5tKeyringDamaged09",
                                             NULL));
  g_assert_no_error (error);

  found = lookup_sync (store, P ("damaged"), &error);
  g_assert_null (found);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, P ("damaged")));

  delete_profile (store, P ("damaged"));
}

static void
test_label (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringLabel1234", "KeyringSecretLabel0000010", NULL);
  g_autoptr(EnsCredentials) renamed = ens_credentials_new ("LTAI5tKeyringLabel5678", "KeyringSecretLabel0000011", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GList *items;

  g_assert_true (save_sync (store, "Production", credentials, &error));
  g_assert_no_error (error);

  items = search_items ("Production");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_cmpstr (label, ==, "ENS Image Share: Production (LTAI…1234)");
  g_list_free_full (items, g_object_unref);
  g_clear_pointer (&label, g_free);

  /* A new ID shows in the label. */
  g_assert_true (save_sync (store, "Production", renamed, &error));
  g_assert_no_error (error);
  items = search_items ("Production");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_cmpstr (label, ==, "ENS Image Share: Production (LTAI…5678)");
  g_list_free_full (items, g_object_unref);

  delete_profile (store, "Production");
}

static void
test_list (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) c1 = ens_credentials_new ("LTAI5tKeyringListC0012", "KeyringSecretList00000012", NULL);
  g_autoptr(EnsCredentials) c2 = ens_credentials_new ("LTAI5tKeyringListA0013", "KeyringSecretList00000013", NULL);
  g_autoptr(EnsCredentials) c3 = ens_credentials_new ("LTAI5tKeyringListB0014", "KeyringSecretList00000014", "ListToken14");
  g_auto(GStrv) profiles = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) only_profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  g_autoptr(GPtrArray) our_ids = g_ptr_array_new ();

  g_assert_true (save_sync (store, P ("list-c"), c1, &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, P ("list-a"), c2, &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, P ("list-b"), c3, &error));
  g_assert_no_error (error);

  profiles = list_sync (store, &ids, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profiles);
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length (profiles), ==, g_strv_length (ids));

  for (guint i = 0; profiles[i] != NULL; i++)
    {
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (profiles[i - 1], profiles[i]), <=, 0);
      if (g_str_has_prefix (profiles[i], P ("list-")))
        {
          g_ptr_array_add (ours, profiles[i]);
          g_ptr_array_add (our_ids, ids[i]);
        }
    }

  g_assert_cmpuint (ours->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ours, 0), ==, P ("list-a"));
  g_assert_cmpstr (g_ptr_array_index (ours, 1), ==, P ("list-b"));
  g_assert_cmpstr (g_ptr_array_index (ours, 2), ==, P ("list-c"));
  g_assert_cmpstr (g_ptr_array_index (our_ids, 0), ==, "LTAI5tKeyringListA0013");
  g_assert_cmpstr (g_ptr_array_index (our_ids, 1), ==, "LTAI5tKeyringListB0014");
  g_assert_cmpstr (g_ptr_array_index (our_ids, 2), ==, "LTAI5tKeyringListC0012");

  /* The IDs are optional. */
  only_profiles = list_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (only_profiles, profiles);

  delete_profile (store, P ("list-a"));
  delete_profile (store, P ("list-b"));
  delete_profile (store, P ("list-c"));

  g_strfreev (g_steal_pointer (&profiles));
  profiles = list_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains ((const char * const *) profiles, P ("list-a")));
}

static void
test_delete (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringDelete015", "KeyringSecretDelete000015", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  g_assert_true (save_sync (store, P ("delete"), credentials, &error));
  g_assert_no_error (error);

  g_assert_true (delete_sync (store, P ("delete"), &error));
  g_assert_no_error (error);
  items = search_items (P ("delete"));
  g_assert_null (items);
  found = lookup_sync (store, P ("delete"), &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Deleting what is not there is fine. */
  g_assert_true (delete_sync (store, P ("delete"), &error));
  g_assert_no_error (error);
}

static void
test_default_profile (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringDefault16", "KeyringSecretDefault00016", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  /* NULL is "default". */
  g_assert_true (save_sync (store, NULL, credentials, &error));
  g_assert_no_error (error);
  items = search_items ("default");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  found = lookup_sync (store, "default", &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tKeyringDefault16", "KeyringSecretDefault00016", NULL);

  delete_profile (store, NULL);
  items = search_items ("default");
  g_assert_null (items);
}

static void
test_cancelled (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringCancel017", "KeyringSecretCancel000017", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) save_result = NULL;
  g_autoptr(GAsyncResult) lookup_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsCredentials) found = NULL;
  GList *items;

  g_cancellable_cancel (cancellable);

  ens_credential_store_save_async (store, P ("cancel"), credentials, cancellable, ens_test_store_result_cb, &save_result);
  g_assert_false (ens_credential_store_save_finish (store, ens_test_wait_for (&save_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  ens_credential_store_lookup_async (store, P ("cancel"), cancellable, ens_test_store_result_cb, &lookup_result);
  found = ens_credential_store_lookup_finish (store, ens_test_wait_for (&lookup_result), &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  items = search_items (P ("cancel"));
  g_assert_null (items);
}

/* Cancelling at any point, also while libsecret is still connecting to the
 * keyring, gives "cancelled" exactly once and leaves the store working for
 * the next call. */
#define N_CANCEL_POINTS 80

static void
test_cancel_at_any_point (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringConnect30", "KeyringSecretConnect00030", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n_answered = 0;

  g_assert_true (save_sync (store, P ("connect"), credentials, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_CANCEL_POINTS; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_auto(GStrv) profiles = NULL;

      /* Forget the connection, so that the next call makes a new one. */
      secret_service_disconnect ();

      /* Cancelled after 0, 1, 2 … main loop dispatches: before, while and
       * after connecting. */
      ens_credential_store_list_profiles_async (store, cancellable, ens_test_store_result_cb, &result);
      for (guint k = 0; k < i && result == NULL; k++)
        g_main_context_iteration (NULL, TRUE);
      if (result != NULL)
        n_answered++;
      g_cancellable_cancel (cancellable);

      profiles = ens_credential_store_list_profiles_finish (store, ens_test_wait_for (&result), NULL, &error);
      /* GTask reports a cancellation that came before the finish call
       * even when the answer had arrived. */
      g_assert_null (profiles);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);

      /* The next call, not cancelled, works. */
      found = lookup_sync (store, P ("connect"), &error);
      g_assert_no_error (error);
      g_assert_nonnull (found);
      g_assert_cmpstr (ens_credentials_get_access_key_id (found), ==, "LTAI5tKeyringConnect30");
      g_clear_pointer (&found, ens_credentials_free);
    }

  /* The last ones were cancelled only after the answer. */
  g_test_message ("%u of %u answered before they were cancelled", n_answered, N_CANCEL_POINTS);
  g_assert_cmpuint (n_answered, >, 0);
  g_assert_cmpuint (n_answered, <, N_CANCEL_POINTS);

  g_assert_true (delete_sync (store, P ("connect"), &error));
  g_assert_no_error (error);
}

/* Listing while profiles are being removed, all at once: libsecret 0.20
 * completed a task twice when a listed item went away before it was
 * loaded, so the store runs keyring operations one at a time.  Every call
 * still answers, in the order asked. */
static void
test_list_while_deleting (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(GError) error = NULL;
  const char *names[] = { P ("race-1"), P ("race-2"), P ("race-3"), P ("race-4") };

  for (guint round = 0; round < 10; round++)
    {
      GAsyncResult *listed[G_N_ELEMENTS (names) + 1] = { NULL, };
      GAsyncResult *deleted[G_N_ELEMENTS (names)] = { NULL, };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tKeyringRace00031", "KeyringSecretRace000031", NULL);

          g_assert_true (save_sync (store, names[i], credentials, &error));
          g_assert_no_error (error);
        }

      /* Each removal overlaps a listing. */
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          ens_credential_store_list_profiles_async (store, NULL, ens_test_store_result_cb, &listed[i]);
          ens_credential_store_delete_async (store, names[i], NULL, ens_test_store_result_cb, &deleted[i]);
        }
      ens_credential_store_list_profiles_async (store, NULL, ens_test_store_result_cb,
                                                &listed[G_N_ELEMENTS (names)]);

      for (guint i = 0; i <= G_N_ELEMENTS (names); i++)
        {
          g_auto(GStrv) profiles = NULL;

          profiles = ens_credential_store_list_profiles_finish (store, ens_test_wait_for (&listed[i]), NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (profiles);
          /* In order: the i-th listing ran after the first i removals. */
          for (guint j = 0; j < G_N_ELEMENTS (names); j++)
            g_assert_cmpint (g_strv_contains ((const char * const *) profiles, names[j]), ==, j >= i);
          g_clear_object (&listed[i]);

          if (i < G_N_ELEMENTS (names))
            {
              g_assert_true (ens_credential_store_delete_finish (store, ens_test_wait_for (&deleted[i]), &error));
              g_assert_no_error (error);
              g_clear_object (&deleted[i]);
            }
        }
    }
}

static void
test_session (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) saved = ens_credentials_new ("LTAI5tKeyringSaved0018", "KeyringSecretSaved0000018", NULL);
  g_autoptr(EnsCredentials) session = ens_credentials_new ("LTAI5tKeyringSession19", "KeyringSecretSession00019", "SessionToken19");
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;
  GList *items;

  g_assert_null (g_getenv ("ALIBABA_CLOUD_ACCESS_KEY_ID"));

  g_assert_true (save_sync (store, P ("session"), saved, &error));
  g_assert_no_error (error);

  found = resolve_sync (store, P ("session"), &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_KEYRING);
  assert_credentials (found, "LTAI5tKeyringSaved0018", "KeyringSecretSaved0000018", NULL);
  g_clear_pointer (&found, ens_credentials_free);

  /* The session slot is chosen before the keyring … */
  ens_credential_store_set_session_credentials (store, P ("session"), session);
  found = resolve_sync (store, P ("session"), &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  assert_credentials (found, "LTAI5tKeyringSession19", "KeyringSecretSession00019", "SessionToken19");
  g_clear_pointer (&found, ens_credentials_free);

  /* … for its own profile only … */
  found = resolve_sync (store, P ("session-other"), &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_NONE);
  g_assert_null (found);

  /* … and is never written to the keyring. */
  items = search_items (P ("session"));
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);
  g_assert_null (raw_secret (P ("session"), "LTAI5tKeyringSession19"));

  ens_credential_store_clear_session_credentials (store);
  found = resolve_sync (store, P ("session"), &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_KEYRING);
  assert_credentials (found, "LTAI5tKeyringSaved0018", "KeyringSecretSaved0000018", NULL);
  g_clear_pointer (&found, ens_credentials_free);

  /* Setting NULL clears as well. */
  ens_credential_store_set_session_credentials (store, P ("session"), session);
  ens_credential_store_set_session_credentials (store, P ("session"), NULL);
  found = resolve_sync (store, P ("session"), &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_KEYRING);

  delete_profile (store, P ("session"));
}

static void
test_environment (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
      g_autoptr(EnsCredentials) saved = ens_credentials_new ("LTAI5tKeyringSaved0020", "KeyringSecretSaved0000020", NULL);
      g_autoptr(EnsCredentials) session = ens_credentials_new ("LTAI5tKeyringSession21", "KeyringSecretSession00021", NULL);
      g_autoptr(EnsCredentials) found = NULL;
      g_autoptr(GError) error = NULL;
      EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;

      g_assert_true (save_sync (store, "default", saved, &error));
      g_assert_no_error (error);
      ens_credential_store_set_session_credentials (store, "default", session);

      g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_ID", " LTAI5tEnvironment022\n", TRUE);
      g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "EnvironmentSecret00022\n", TRUE);
      g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");

      /* The environment wins over the session slot and the keyring. */
      found = resolve_sync (store, "default", &source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_ENVIRONMENT);
      assert_credentials (found, "LTAI5tEnvironment022", "EnvironmentSecret00022", NULL);
      g_clear_pointer (&found, ens_credentials_free);

      g_setenv ("ALIBABA_CLOUD_SECURITY_TOKEN", "EnvironmentToken22", TRUE);
      found = ens_credentials_new_from_environment ();
      assert_credentials (found, "LTAI5tEnvironment022", "EnvironmentSecret00022", "EnvironmentToken22");
      g_clear_pointer (&found, ens_credentials_free);

      /* An ID without a secret is not a credential. */
      g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
      g_assert_null (ens_credentials_new_from_environment ());
      g_setenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "", TRUE);
      g_assert_null (ens_credentials_new_from_environment ());

      found = resolve_sync (store, "default", &source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
      g_clear_pointer (&found, ens_credentials_free);

      g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
      ens_credential_store_clear_session_credentials (store);
      found = resolve_sync (store, NULL, &source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_KEYRING);
      assert_credentials (found, "LTAI5tKeyringSaved0020", "KeyringSecretSaved0000020", NULL);

      delete_profile (store, "default");
      secret_service_disconnect ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_import (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) imported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before = 0;
  gsize len_after = 0;

  g_assert_true (g_file_get_contents (fixture ("mixed.json"), &before, &len_before, NULL));

  g_assert_true (import_sync (store, fixture ("mixed.json"), &imported, &error));
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpuint (g_strv_length (imported), ==, 2);
  g_assert_cmpstr (imported[0], ==, "default");
  g_assert_cmpstr (imported[1], ==, "temporary");

  found = lookup_sync (store, "default", &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tFixtureMixedAk00004", "FixtureSecretMixedAk000000004", NULL);
  g_clear_pointer (&found, ens_credentials_free);

  found = lookup_sync (store, "temporary", &error);
  g_assert_no_error (error);
  assert_credentials (found, "STS.NTFixtureMixedSts0006", "FixtureSecretMixedSts00000006",
                      "CAIS+FixtureMixedToken/CCCC+DDDD==");
  g_clear_pointer (&found, ens_credentials_free);

  /* Unsupported modes are not imported. */
  found = lookup_sync (store, "role", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* The file is only read. */
  g_assert_true (g_file_get_contents (fixture ("mixed.json"), &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);

  /* Importing again overwrites: still one item per profile. */
  g_strfreev (g_steal_pointer (&imported));
  g_assert_true (import_sync (store, fixture ("ak.json"), &imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (imported), ==, 2);
  g_assert_cmpstr (imported[0], ==, "default");
  g_assert_cmpstr (imported[1], ==, "Production");
  found = lookup_sync (store, "default", &error);
  g_assert_no_error (error);
  assert_credentials (found, "LTAI5tFixtureDefault0001", "FixtureSecretDefault000000001", NULL);
  g_clear_pointer (&found, ens_credentials_free);
  {
    GList *items = search_items ("default");

    g_assert_cmpuint (g_list_length (items), ==, 1);
    g_list_free_full (items, g_object_unref);
  }

  /* The imported-profiles out argument is optional. */
  g_assert_true (import_sync (store, fixture ("sts.json"), NULL, &error));
  g_assert_no_error (error);
  found = lookup_sync (store, "temporary", &error);
  g_assert_no_error (error);
  assert_credentials (found, "STS.NTFixtureTemporary0003", "FixtureSecretTemporary000003",
                      "CAIS+FixtureSecurityToken/AAAA+BBBB==");

  delete_profile (store, "default");
  delete_profile (store, "temporary");
  delete_profile (store, "Production");
}

static void
test_import_errors (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) imported = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *missing = NULL;

  g_assert_false (import_sync (store, fixture ("malformed.json"), &imported, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, fixture ("malformed.json")));
  g_assert_null (imported);
  g_clear_error (&error);
  found = lookup_sync (store, "default", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_false (import_sync (store, fixture ("unsupported-only.json"), &imported, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, fixture ("unsupported-only.json")));
  g_assert_null (imported);
  g_clear_error (&error);

  dir = g_dir_make_tmp ("ens-import-XXXXXX", &error);
  g_assert_no_error (error);
  missing = g_build_filename (dir, "config.json", NULL);
  g_assert_false (import_sync (store, missing, &imported, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Without a usable keyring {{{ */

static void
assert_no_keyring (EnsCredentialStore *store,
                   const char         *expected_prefix)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tNoKeyring00023", "NoKeyringSecret000023", NULL);
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) profiles = NULL;
  EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_KEYRING;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (save_sync (store, "default", credentials, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_test_message ("save: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, expected_prefix));
  /* The raw D-Bus text stays in the debug log. */
  g_assert_null (strstr (error->message, "org.freedesktop"));
  g_assert_null (strstr (error->message, "D-Bus"));
  message = g_strdup (error->message);
  g_clear_error (&error);

  found = lookup_sync (store, "default", &error);
  g_assert_null (found);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  profiles = list_sync (store, NULL, &error);
  g_assert_null (profiles);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  g_assert_false (delete_sync (store, "default", &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_clear_error (&error);

  g_assert_false (import_sync (store, fixture ("ak.json"), NULL, &error));
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_clear_error (&error);

  /* Resolve: the keyring error, until the AccessKey is kept for the session. */
  found = resolve_sync (store, "default", &source, &error);
  g_assert_null (found);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_NONE);
  g_clear_error (&error);

  ens_credential_store_set_session_credentials (store, "default", credentials);
  found = resolve_sync (store, "default", &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  assert_credentials (found, "LTAI5tNoKeyring00023", "NoKeyringSecret000023", NULL);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EnsCredentialStore) store = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ens-test/bus", TRUE);
      store = ens_credential_store_new ();
      assert_no_keyring (store, "Could not reach the keyring");
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:dir=%s</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

/* A session bus of our own, in a child process, with no service
 * directories: nothing is D-Bus activated on it.  HOME and
 * XDG_RUNTIME_DIR point into a temporary directory as well. */
typedef struct
{
  char        *dir;
  GSubprocess *daemon;
} PrivateBus;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/* Should an assertion end the child process, its bus goes with it (and
 * gnome-keyring-daemon with the bus). */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
private_bus_start (PrivateBus *bus)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *bus_dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;

  bus->dir = g_dir_make_tmp ("ens-bus-XXXXXX", &error);
  g_assert_no_error (error);
  bus_dir = g_build_filename (bus->dir, "bus", NULL);
  home = g_build_filename (bus->dir, "home", NULL);
  runtime = g_build_filename (bus->dir, "runtime", NULL);
  g_assert_cmpint (g_mkdir (bus_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  config_path = g_build_filename (bus->dir, "session.conf", NULL);
  config = g_strdup_printf (bus_config, bus_dir);
  g_assert_true (g_file_set_contents (config_path, config, -1, &error));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  bus->daemon = g_subprocess_launcher_spawn (launcher, &error,
                                             "dbus-daemon", "--nofork", "--nopidfile",
                                             "--print-address", "--config-file", config_path,
                                             NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_test_message ("private bus at %s", address);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  /* Without a display gnome-keyring cannot show a prompt, so it fails at once. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
}

static void
private_bus_start_keyring (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  gboolean has_owner = FALSE;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  /* The daemon forks; wait until it owns its name (there is no activation
   * on this bus). */
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && !has_owner; i++)
    {
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000,
                                           NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &has_owner);
      if (!has_owner)
        g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_true (has_owner);
}

static void
private_bus_stop (PrivateBus *bus)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;

  /* gnome-keyring-daemon usually quits when its bus goes away; stop it
   * by its PID to be sure. */
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (connection != NULL)
    reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                         g_variant_new ("(s)", "org.freedesktop.secrets"),
                                         G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                         NULL, NULL);
  if (reply != NULL)
    {
      guint32 pid = 0;

      g_variant_get (reply, "(u)", &pid);
      if (pid > 1)
        kill ((pid_t) pid, SIGTERM);
    }

  secret_service_disconnect ();
  g_subprocess_force_exit (bus->daemon);
  g_subprocess_wait (bus->daemon, NULL, NULL);
  g_clear_object (&bus->daemon);
  remove_tree (bus->dir);
  g_clear_pointer (&bus->dir, g_free);
}

static gboolean
have_programs (gboolean with_keyring)
{
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");

  if (dbus_daemon == NULL || (with_keyring && keyring == NULL))
    {
      g_test_skip ("dbus-daemon or gnome-keyring-daemon is not installed");
      return FALSE;
    }

  return TRUE;
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EnsCredentialStore) store = NULL;
      PrivateBus bus = { NULL, NULL };

      /* The bus works, but nothing provides org.freedesktop.secrets. */
      private_bus_start (&bus);
      store = ens_credential_store_new ();
      assert_no_keyring (store, "There is no keyring on this computer");
      private_bus_stop (&bus);
      return;
    }

  if (!have_programs (FALSE))
    return;

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_default_collection (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EnsCredentialStore) store = NULL;
      g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tNoCollection026", "NoCollectionSecret0026", NULL);
      g_autoptr(EnsCredentials) found = NULL;
      g_autoptr(GError) error = NULL;
      PrivateBus bus = { NULL, NULL };

      /* gnome-keyring runs, but no login keyring was ever created. */
      private_bus_start (&bus);
      private_bus_start_keyring ("gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1");
      store = ens_credential_store_new ();

      g_assert_false (save_sync (store, "default", credentials, &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_test_message ("save: %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "The keyring has no default place"));
      g_assert_null (strstr (error->message, "/org/freedesktop"));
      g_clear_error (&error);

      /* Nothing can be stored there, so nothing is found. */
      found = lookup_sync (store, "default", &error);
      g_assert_no_error (error);
      g_assert_null (found);

      private_bus_stop (&bus);
      return;
    }

  if (!have_programs (TRUE))
    return;

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_locked (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EnsCredentialStore) store = NULL;
      g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tLockedKeyring27", "LockedKeyringSecret0027", NULL);
      g_autoptr(EnsCredentials) other = ens_credentials_new ("LTAI5tLockedKeyring28", "LockedKeyringSecret0028", NULL);
      g_autoptr(EnsCredentials) found = NULL;
      g_autoptr(SecretService) service = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) profiles = NULL;
      g_auto(GStrv) ids = NULL;
      g_autofree char *message = NULL;
      GList *collections;
      EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;
      PrivateBus bus = { NULL, NULL };

      private_bus_start (&bus);
      private_bus_start_keyring ("printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1");
      store = ens_credential_store_new ();

      save_sync (store, "locked", credentials, &error);
      g_assert_no_error (error);

      /* Lock every collection; with no display the unlock prompt fails. */
      service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
      g_assert_no_error (error);
      collections = secret_service_get_collections (service);
      g_assert_nonnull (collections);
      secret_service_lock_sync (service, collections, NULL, NULL, &error);
      g_assert_no_error (error);
      g_list_free_full (collections, g_object_unref);

      found = lookup_sync (store, "locked", &error);
      g_assert_null (found);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_test_message ("lookup: %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "The keyring is locked"));
      message = g_strdup (error->message);
      g_clear_error (&error);

      g_assert_false (save_sync (store, "locked", other, &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);

      g_assert_false (delete_sync (store, "locked", &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);

      /* Names and IDs are not secret: the list works while locked. */
      profiles = list_sync (store, &ids, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (profiles), ==, 1);
      g_assert_cmpstr (profiles[0], ==, "locked");
      g_assert_cmpstr (ids[0], ==, "LTAI5tLockedKeyring27");

      /* "For this session only" still works. */
      ens_credential_store_set_session_credentials (store, "locked", other);
      found = resolve_sync (store, "locked", &source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
      assert_credentials (found, "LTAI5tLockedKeyring28", "LockedKeyringSecret0028", NULL);

      g_clear_object (&service);
      private_bus_stop (&bus);
      return;
    }

  if (!have_programs (TRUE))
    return;

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Drops every method call sent to the fake service: it never answers. */
static GDBusMessage *
swallow_calls (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }

  return message;
}

static void
test_no_answer (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EnsCredentialStore) store = NULL;
      g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tNoAnswer000029", "NoAnswerSecret00000029", NULL);
      g_autoptr(EnsCredentials) found = NULL;
      g_autoptr(GDBusConnection) fake = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GError) error = NULL;
      EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;
      PrivateBus bus = { NULL, NULL };
      gint64 start;
      guint32 result = 0;

      private_bus_start (&bus);

      /* A "keyring" that owns the name and never replies, like a service
       * stuck behind a prompt nobody can see. */
      fake = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (fake, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                           NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &result);
      g_assert_cmpuint (result, ==, 1);  /* DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
      g_dbus_connection_add_filter (fake, swallow_calls, NULL, NULL);

      store = ens_credential_store_new ();
      ens_credential_store_set_timeout (store, 1);

      start = g_get_monotonic_time ();
      g_assert_false (save_sync (store, "default", credentials, &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_test_message ("save: %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "The keyring did not answer"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
      g_clear_error (&error);

      start = g_get_monotonic_time ();
      found = resolve_sync (store, "default", &source, &error);
      g_assert_null (found);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_assert_true (g_str_has_prefix (error->message, "The keyring did not answer"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
      g_clear_error (&error);

      /* The calls were abandoned, not cancelled: when the stuck keyring
       * goes away they end, and the next operation gets a real answer
       * (no keyring at all) instead of waiting for them. */
      g_dbus_connection_close_sync (fake, NULL, NULL);
      start = g_get_monotonic_time ();
      found = resolve_sync (store, "default", &source, &error);
      g_assert_null (found);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_KEYRING);
      g_test_message ("after the keyring left: %s", error->message);
      g_assert_false (g_str_has_prefix (error->message, "The keyring did not answer"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);

      private_bus_stop (&bus);
      return;
    }

  if (!have_programs (FALSE))
    return;

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* }}} */

/* Verifying against the emulator {{{ */

static GError *
verify (EnsEmulator          *emulator,
        const EnsCredentials *credentials)
{
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autofree char *url = ens_emulator_dup_url (emulator);
  GError *error = NULL;

  g_assert_true (ens_client_set_endpoint (client, url, &error));
  g_assert_no_error (error);
  ens_client_set_credentials (client, credentials);

  ens_client_describe_images_async (client, 1, 1, NULL, NULL, NULL, ens_test_store_result_cb, &result);
  images = ens_client_describe_images_finish (client, ens_test_wait_for (&result), NULL, &error);
  g_assert_true ((images != NULL) == (error == NULL));

  return error;
}

static void
test_verify_emulator (void)
{
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsCredentials) good = ens_credentials_new ("LTAI5tVerifyGood0024", "VerifyGoodSecret00024", NULL);
  g_autoptr(EnsCredentials) wrong = ens_credentials_new ("LTAI5tVerifyGood0024", "VerifyWrongSecret0024", NULL);
  g_autoptr(EnsCredentials) read_only = ens_credentials_new ("LTAI5tVerifyRead0025", "VerifyReadSecret00025", NULL);
  g_autoptr(GError) error = NULL;
  struct {
    const char           *profile;
    const EnsCredentials *credentials;
    const char           *api_code;
  } cases[] = {
    { P ("verify-good"), good, NULL },
    { P ("verify-wrong"), wrong, "SignatureDoesNotMatch" },
    { P ("verify-read-only"), read_only, NULL },
  };

  ens_emulator_add_key (emulator, "LTAI5tVerifyGood0024", "VerifyGoodSecret00024", FALSE);
  ens_emulator_add_key (emulator, "LTAI5tVerifyRead0025", "VerifyReadSecret00025", TRUE);
  ens_emulator_add_image (emulator, "m-verify0001", "verify", "self", "ubuntu", "2024-01-01T00:00:00Z");
  g_assert_true (ens_emulator_listen (emulator, 0, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EnsCredentials) resolved = NULL;
      g_autoptr(GError) verify_error = NULL;
      EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;

      /* Saved in the keyring, read back, then used. */
      g_assert_true (save_sync (store, cases[i].profile, cases[i].credentials, &error));
      g_assert_no_error (error);
      resolved = resolve_sync (store, cases[i].profile, &source, &error);
      g_assert_no_error (error);
      g_assert_cmpint (source, ==, ENS_CREDENTIAL_SOURCE_KEYRING);
      g_assert_true (ens_credentials_equal (resolved, cases[i].credentials));

      verify_error = verify (emulator, resolved);
      if (cases[i].api_code == NULL)
        {
          g_assert_no_error (verify_error);
        }
      else
        {
          g_assert_error (verify_error, ENS_ERROR, ENS_ERROR_SIGNATURE);
          g_assert_cmpstr (ens_error_get_api_code (verify_error), ==, cases[i].api_code);
          g_assert_cmpint (ens_error_diagnose_signature (verify_error), ==,
                           ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);
        }

      delete_profile (store, cases[i].profile);
    }

  ens_emulator_stop (emulator);
}

/* }}} */

static void
remove_leftovers (void)
{
  g_autoptr(GError) error = NULL;
  GList *items;

  /* Profiles of an earlier, interrupted run. */
  items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL, NULL, &error, NULL);
  if (error != NULL)
    return;

  for (const GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *profile = g_hash_table_lookup (attributes, "profile");

      if (profile != NULL && g_str_has_prefix (profile, P ("")))
        secret_password_clear_sync (&test_schema, NULL, NULL, "profile", profile, NULL);
    }
  g_list_free_full (items, g_object_unref);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");

  g_test_add_func ("/credential-store/new-destroy", test_new_destroy);
  g_test_add_func ("/credential-store/save-lookup", test_save_lookup);
  g_test_add_func ("/credential-store/missing", test_missing);
  g_test_add_func ("/credential-store/input-cleaned", test_input_cleaned);
  g_test_add_func ("/credential-store/overwrite", test_overwrite);
  g_test_add_func ("/credential-store/two-profiles", test_two_profiles);
  g_test_add_func ("/credential-store/sts-token", test_sts_token);
  g_test_add_func ("/credential-store/brace-secret", test_brace_secret);
  g_test_add_func ("/credential-store/damaged-item", test_damaged_item);
  g_test_add_func ("/credential-store/label", test_label);
  g_test_add_func ("/credential-store/list", test_list);
  g_test_add_func ("/credential-store/delete", test_delete);
  g_test_add_func ("/credential-store/default-profile", test_default_profile);
  g_test_add_func ("/credential-store/cancelled", test_cancelled);
  g_test_add_func ("/credential-store/cancel-at-any-point", test_cancel_at_any_point);
  g_test_add_func ("/credential-store/list-while-deleting", test_list_while_deleting);
  g_test_add_func ("/credential-store/session", test_session);
  g_test_add_func ("/credential-store/environment", test_environment);
  g_test_add_func ("/credential-store/import", test_import);
  g_test_add_func ("/credential-store/import-errors", test_import_errors);
  g_test_add_func ("/credential-store/no-session-bus", test_no_session_bus);
  g_test_add_func ("/credential-store/no-secret-service", test_no_secret_service);
  g_test_add_func ("/credential-store/no-default-collection", test_no_default_collection);
  g_test_add_func ("/credential-store/locked", test_locked);
  g_test_add_func ("/credential-store/no-answer", test_no_answer);
  g_test_add_func ("/credential-store/verify-emulator", test_verify_emulator);

  if (!g_test_subprocess ())
    remove_leftovers ();

  ret = g_test_run ();

  secret_service_disconnect ();

  return ret;
}
