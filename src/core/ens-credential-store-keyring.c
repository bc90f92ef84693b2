/* ens-credential-store-keyring.c
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

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "ens-credential-store.h"
#include "ens-credential-store-private.h"
#include "ens-credentials.h"
#include "ens-error.h"
#include "ens-input.h"

/*
 * Every keyring call goes through the secret_password_*() API, never
 * secret_service_get(): libsecret then picks its backend itself.  On the
 * desktop that is the Secret Service on the session bus (gnome-keyring,
 * KWallet, KeePassXC …); inside a Flatpak sandbox it is libsecret's
 * encrypted file backend, whose key comes from the Secret portal, so the
 * manifest never needs --talk-name=org.freedesktop.secrets.
 *
 * One item per profile.  Its attributes hold the profile name and the
 * AccessKey ID (neither is secret; both are readable while the keyring is
 * locked, which lets the profile list work without a prompt).  The secret
 * is the AccessKey secret as plain text, or, when there is an STS token,
 * the JSON object {"secret": "…", "token": "…"}.  A secret that starts
 * with "{" (no real AccessKey secret does) is also written as JSON, so the
 * two encodings cannot be confused.
 */

typedef struct
{
  GStrv profiles;
  GStrv access_key_ids;
} ListResult;

static const SecretSchema *
get_schema (void)
{
  /* BASE_APP_ID, not APP_ID: the Devel build reads the same items. */
  static const SecretSchema schema = {
    .name = BASE_APP_ID,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "profile", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "access-key-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

static void
list_result_free (ListResult *result)
{
  g_strfreev (result->profiles);
  g_strfreev (result->access_key_ids);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListResult, list_result_free)

/* Operations {{{ */

static void
begin_search (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);

  /* With no profile the attribute list is empty: the first key is NULL. */
  secret_password_search (get_schema (), op->search_flags, op->cancellable,
                          op->searched, task,
                          op->profile != NULL ? "profile" : NULL, op->profile,
                          NULL);
}

/* Starts @operation as a task whose first step searches the items of
 * @profile (every item of the schema when @profile is %NULL); the search
 * result goes to @searched with the task as its user data. */
static void
start_search (EnsCredentialStore  *self,
              Operation            operation,
              const char          *profile,
              gpointer             source_tag,
              SecretSearchFlags    flags,
              GAsyncReadyCallback  searched,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  KeyringOp *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  op = _ens_keyring_op_start (task, operation, profile);
  op->begin = begin_search;
  op->search_flags = flags;
  op->searched = searched;
  _ens_keyring_queue_push (task);
}

/* }}} */

/* Save {{{ */

static void save_prune_next (GTask *task);

static void
on_save_pruned (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KeyringOp *op = g_task_get_task_data (task);

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      /* The new item is stored already; lookups take the newest item. */
      g_warning ("Could not remove an older keyring item of profile “%s”: %s",
                 op->profile, error->message);
    }

  save_prune_next (g_steal_pointer (&task));
}

static void
save_prune_next (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);
  const char *stale_id;

  if (op->next_stale >= op->stale_ids->len)
    {
      _ens_keyring_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  stale_id = g_ptr_array_index (op->stale_ids, op->next_stale++);
  g_debug ("Removing the older keyring item of profile “%s” for AccessKey ID %s",
           op->profile, stale_id);

  secret_password_clear (get_schema (), op->cancellable, on_save_pruned, task,
                         "profile", op->profile,
                         "access-key-id", stale_id,
                         NULL);
}

static void
on_save_searched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KeyringOp *op = g_task_get_task_data (task);
  const char *access_key_id = ens_credentials_get_access_key_id (op->credentials);
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  op->stale_ids = g_ptr_array_new_with_free_func (g_free);
  for (const GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *id = g_hash_table_lookup (attributes, "access-key-id");

      if (id != NULL && g_strcmp0 (id, access_key_id) != 0 &&
          !g_ptr_array_find_with_equal_func (op->stale_ids, id, g_str_equal, NULL))
        g_ptr_array_add (op->stale_ids, g_strdup (id));
    }
  g_list_free_full (items, g_object_unref);

  save_prune_next (g_steal_pointer (&task));
}

static void
on_save_stored (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KeyringOp *op = g_task_get_task_data (task);

  if (!secret_password_store_finish (result, &error))
    {
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  g_debug ("Saved profile “%s” (AccessKey ID %s) in the keyring",
           op->profile, ens_credentials_get_access_key_id (op->credentials));

  /* Storing replaced an item with the same profile and AccessKey ID; items
   * of this profile with another AccessKey ID are removed now.  Storing
   * first means a failure never loses the old AccessKey. */
  secret_password_search (get_schema (), SECRET_SEARCH_ALL, op->cancellable,
                          on_save_searched, g_steal_pointer (&task),
                          "profile", op->profile,
                          NULL);
}

static void
begin_save (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);
  g_autofree char *masked_id = ens_credentials_dup_masked_id (op->credentials);
  g_autofree char *label = NULL;
  char *secret;

  /* Translators: the name of the keyring item, as shown in “Passwords and
   * Keys”.  The first %s is the profile name, the second the shortened
   * AccessKey ID, for example “ENS Image Share: Production (LTAI…1234)”. */
  label = g_strdup_printf (_("ENS Image Share: %s (%s)"), op->profile, masked_id);

  secret = _ens_credential_store_encode_secret (op->credentials);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         op->cancellable, on_save_stored, task,
                         "profile", op->profile,
                         "access-key-id", ens_credentials_get_access_key_id (op->credentials),
                         NULL);
  /* libsecret copied it into a SecretValue. */
  _ens_credential_store_wipe_and_free (secret);
}

/**
 * ens_credential_store_save_async:
 * @self: a #EnsCredentialStore
 * @profile: (nullable): the profile name; %NULL means "default"
 * @credentials: the AccessKey to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves @credentials in the keyring as @profile, replacing what the
 * profile held before (also when the AccessKey ID changed).  The ID, the
 * secret and the token are cleaned as typed input first; invalid input is
 * ENS_ERROR_INVALID_INPUT and nothing is stored.
 */
void
ens_credential_store_save_async (EnsCredentialStore   *self,
                                 const char           *profile,
                                 const EnsCredentials *credentials,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *access_key_id = NULL;
  g_autofree char *access_key_secret = NULL;
  g_autofree char *security_token = NULL;
  const char *token;
  KeyringOp *op;

  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  profile = _ens_credential_store_normalize_profile (profile);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_credential_store_save_async);

  access_key_id = ens_access_key_id_clean (ens_credentials_get_access_key_id (credentials), &error);
  if (access_key_id != NULL)
    access_key_secret = ens_access_key_secret_clean (ens_credentials_get_access_key_secret (credentials),
                                                     &error);
  token = ens_credentials_get_security_token (credentials);
  if (access_key_secret != NULL && token != NULL)
    security_token = ens_security_token_clean (token, &error);
  if (error != NULL)
    {
      _ens_credential_store_wipe_and_free (g_steal_pointer (&access_key_secret));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = _ens_keyring_op_start (task, OPERATION_SAVE, profile);
  op->credentials = ens_credentials_new (access_key_id, access_key_secret, security_token);
  _ens_credential_store_wipe_and_free (g_steal_pointer (&access_key_secret));
  _ens_credential_store_wipe_and_free (g_steal_pointer (&security_token));
  op->begin = begin_save;
  _ens_keyring_queue_push (task);
}

gboolean
ens_credential_store_save_finish (EnsCredentialStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */

/* Lookup {{{ */

static void
on_lookup_retrieved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  KeyringOp *op = g_task_get_task_data (task);
  SecretValue *value;
  EnsCredentials *credentials;
  const char *access_key_id;
  const char *data;
  gsize length = 0;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (value == NULL)
    {
      /* No secret and no error: the item stayed locked. */
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (source));
  access_key_id = g_hash_table_lookup (attributes, "access-key-id");
  data = secret_value_get (value, &length);

  credentials = access_key_id != NULL
                ? _ens_credential_store_decode_secret (access_key_id, data, length)
                : NULL;
  secret_value_unref (value);

  if (credentials == NULL)
    {
      g_debug ("Keyring item of profile “%s” is damaged", op->profile);
      _ens_keyring_return_error (task, g_error_new (ENS_ERROR, ENS_ERROR_KEYRING,
                                               /* Translators: %s is a profile name */
                                               _("The AccessKey saved as “%s” in the keyring is "
                                                 "damaged. Enter it again and save it."),
                                               op->profile));
      return;
    }

  g_debug ("Found profile “%s” (AccessKey ID %s) in the keyring",
           op->profile, ens_credentials_get_access_key_id (credentials));
  _ens_keyring_return_pointer (task, credentials, (GDestroyNotify) ens_credentials_free);
}

static void
on_lookup_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KeyringOp *op = g_task_get_task_data (task);
  SecretRetrievable *newest = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  if (items == NULL)
    {
      g_debug ("Profile “%s” is not in the keyring", op->profile);
      _ens_keyring_return_pointer (task, NULL, NULL);
      return;
    }

  /* There is one item per profile; should an older one have survived,
   * the newest wins. */
  for (const GList *l = items; l != NULL; l = l->next)
    {
      if (newest == NULL ||
          secret_retrievable_get_modified (l->data) > secret_retrievable_get_modified (newest))
        newest = l->data;
    }

  secret_retrievable_retrieve_secret (newest, op->cancellable,
                                      on_lookup_retrieved, g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

/**
 * ens_credential_store_lookup_async:
 * @self: a #EnsCredentialStore
 * @profile: (nullable): the profile name; %NULL means "default"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads @profile from the keyring, unlocking the keyring if needed (which
 * may show a prompt).
 */
void
ens_credential_store_lookup_async (EnsCredentialStore  *self,
                                   const char          *profile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_search (self, OPERATION_LOOKUP, _ens_credential_store_normalize_profile (profile),
                ens_credential_store_lookup_async,
                SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, on_lookup_searched,
                cancellable, callback, user_data);
}

/**
 * ens_credential_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the credentials, or %NULL with no
 *   error when the profile is not stored
 */
EnsCredentials *
ens_credential_store_lookup_finish (EnsCredentialStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */

/* List {{{ */

typedef struct
{
  char *profile;
  char *access_key_id;
} ProfileEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const ProfileEntry *ea = a;
  const ProfileEntry *eb = b;
  int cmp = g_utf8_collate (ea->profile, eb->profile);

  return cmp != 0 ? cmp : strcmp (ea->profile, eb->profile);
}

static void
profile_entry_clear (gpointer data)
{
  ProfileEntry *entry = data;

  g_free (entry->profile);
  g_free (entry->access_key_id);
}

static void
on_list_searched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GStrvBuilder) profiles = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;
  KeyringOp *op = g_task_get_task_data (task);
  ListResult *list;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  entries = g_array_new (FALSE, FALSE, sizeof (ProfileEntry));
  g_array_set_clear_func (entries, profile_entry_clear);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (const GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *profile = g_hash_table_lookup (attributes, "profile");
      const char *id = g_hash_table_lookup (attributes, "access-key-id");
      ProfileEntry entry;

      if (profile == NULL || !g_utf8_validate (profile, -1, NULL))
        continue;

      entry.profile = g_strdup (profile);
      entry.access_key_id = g_strdup (id != NULL ? id : "");
      g_array_append_val (entries, entry);
    }
  g_list_free_full (items, g_object_unref);

  g_array_sort (entries, compare_entries);

  profiles = g_strv_builder_new ();
  ids = g_strv_builder_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      const ProfileEntry *entry = &g_array_index (entries, ProfileEntry, i);

      if (!g_hash_table_add (seen, entry->profile))
        continue;

      g_strv_builder_add (profiles, entry->profile);
      g_strv_builder_add (ids, entry->access_key_id);
    }

  list = g_new0 (ListResult, 1);
  list->profiles = g_strv_builder_end (profiles);
  list->access_key_ids = g_strv_builder_end (ids);
  g_debug ("The keyring holds %u profiles", g_strv_length (list->profiles));

  _ens_keyring_return_pointer (task, list, (GDestroyNotify) list_result_free);
}

/**
 * ens_credential_store_list_profiles_async:
 * @self: a #EnsCredentialStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the saved profiles.  This reads attributes only and does not
 * unlock the keyring.
 */
void
ens_credential_store_list_profiles_async (EnsCredentialStore  *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_search (self, OPERATION_LIST, NULL, ens_credential_store_list_profiles_async,
                SECRET_SEARCH_ALL, on_list_searched, cancellable, callback, user_data);
}

/**
 * ens_credential_store_list_profiles_finish:
 * @access_key_ids: (out) (optional) (transfer full): the AccessKey IDs,
 *   in the same order as the profiles
 *
 * Returns: (transfer full): the profile names, sorted, possibly empty;
 *   %NULL on error
 */
GStrv
ens_credential_store_list_profiles_finish (EnsCredentialStore  *self,
                                           GAsyncResult        *result,
                                           GStrv               *access_key_ids,
                                           GError             **error)
{
  g_autoptr(ListResult) list = NULL;

  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (access_key_ids != NULL)
    *access_key_ids = NULL;

  list = g_task_propagate_pointer (G_TASK (result), error);
  if (list == NULL)
    return NULL;

  if (access_key_ids != NULL)
    *access_key_ids = g_steal_pointer (&list->access_key_ids);

  return g_steal_pointer (&list->profiles);
}

/* }}} */

/* Delete {{{ */

static void
on_delete_cleared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KeyringOp *op = g_task_get_task_data (task);

  /* Items were found, so "nothing removed" and no error means they are
   * locked (libsecret does not unlock to delete). */
  if (!secret_password_clear_finish (result, &error))
    {
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  g_debug ("Removed profile “%s” from the keyring", op->profile);
  _ens_keyring_return_boolean (task, TRUE);
}

static void
on_delete_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KeyringOp *op = g_task_get_task_data (task);
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      _ens_keyring_return_error (task, _ens_keyring_error_new (op, error));
      return;
    }

  if (items == NULL)
    {
      g_debug ("Profile “%s” is not in the keyring, nothing to remove", op->profile);
      _ens_keyring_return_boolean (task, TRUE);
      return;
    }
  g_list_free_full (items, g_object_unref);

  secret_password_clear (get_schema (), op->cancellable, on_delete_cleared,
                         g_steal_pointer (&task),
                         "profile", op->profile,
                         NULL);
}

/**
 * ens_credential_store_delete_async:
 * @self: a #EnsCredentialStore
 * @profile: (nullable): the profile name; %NULL means "default"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes every item of @profile.  A profile that is not stored is not an
 * error.  The session slot is not touched.
 */
void
ens_credential_store_delete_async (EnsCredentialStore  *self,
                                   const char          *profile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_search (self, OPERATION_DELETE, _ens_credential_store_normalize_profile (profile),
                ens_credential_store_delete_async, SECRET_SEARCH_ALL, on_delete_searched,
                cancellable, callback, user_data);
}

gboolean
ens_credential_store_delete_finish (EnsCredentialStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
