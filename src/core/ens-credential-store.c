/* ens-credential-store.c
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

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "ens-aliyun-config.h"
#include "ens-credential-store.h"
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

/* A keyring that has not answered by then is most likely showing a prompt
 * nobody sees (or a prompter that hangs); the operation is cancelled. */
#define KEYRING_TIMEOUT_SECONDS 15

#define DEFAULT_PROFILE "default"

struct _EnsCredentialStore
{
  GObject         parent_instance;

  guint           timeout_seconds;

  /* "Use for this session only" */
  char           *session_profile;
  EnsCredentials *session_credentials;
};

G_DEFINE_FINAL_TYPE (EnsCredentialStore, ens_credential_store, G_TYPE_OBJECT)

typedef enum
{
  OPERATION_SAVE,
  OPERATION_LOOKUP,
  OPERATION_LIST,
  OPERATION_DELETE,
} Operation;

static const char * const operation_names[] = { "save", "lookup", "list", "delete" };

typedef struct
{
  Operation       operation;

  /* Handed to libsecret; cancelled by the caller's cancellable or by the
   * timeout guard. */
  GCancellable   *cancellable;
  GCancellable   *caller_cancellable;
  gulong          caller_handler;
  GSource        *timeout_source;
  guint           timeout_seconds;
  gboolean        timed_out;

  char           *profile;
  EnsCredentials *credentials;   /* save: cleaned */
  GPtrArray      *stale_ids;     /* save: other AccessKey IDs stored for the profile */
  guint           next_stale;
} KeyringOp;

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

/* Overwrites a string that held a secret before it is freed. */
static void
wipe_and_free (char *str)
{
  if (str == NULL)
    return;

  secret_password_wipe (str);
  g_free (str);
}

static void
list_result_free (ListResult *result)
{
  g_strfreev (result->profiles);
  g_strfreev (result->access_key_ids);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListResult, list_result_free)

/* Errors {{{ */

static GError *
keyring_error_new_literal (const char *message)
{
  return g_error_new_literal (ENS_ERROR, ENS_ERROR_KEYRING, message);
}

static GError *
timeout_error_new (void)
{
  return keyring_error_new_literal (_("The keyring did not answer. If a window of the keyring "
                                      "is open, answer it, then try again."));
}

static GError *
locked_error_new (void)
{
  return keyring_error_new_literal (_("The keyring is locked and was not unlocked. Unlock it "
                                      "when you are asked to, then try again."));
}

/*
 * Translates a libsecret or D-Bus error (or "failed with no error", which
 * libsecret reports when an unlock prompt was dismissed) into ENS_ERROR_KEYRING.
 * The raw error goes to the debug log only.  Cancellation stays
 * G_IO_ERROR_CANCELLED unless it was our timeout.
 */
static GError *
keyring_error_new (KeyringOp    *op,
                   const GError *error)
{
  g_assert (op != NULL);

  if (error != NULL)
    g_debug ("Keyring %s (profile “%s”) failed: %s %d: %s",
             operation_names[op->operation], op->profile ? op->profile : "",
             g_quark_to_string (error->domain), error->code, error->message);
  else
    g_debug ("Keyring %s (profile “%s”) failed with no error: locked, or the prompt was dismissed",
             operation_names[op->operation], op->profile ? op->profile : "");

  if (error == NULL)
    return locked_error_new ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return op->timed_out ? timeout_error_new () : g_error_copy (error);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return locked_error_new ();

  if (error->domain == G_DBUS_ERROR)
    {
      switch ((GDBusError) error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return keyring_error_new_literal (_("There is no keyring on this computer to keep the "
                                              "AccessKey in. Install a keyring such as GNOME "
                                              "Keyring, or use the AccessKey for this session "
                                              "only."));

        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
          return keyring_error_new_literal (_("The keyring has no default place to keep the "
                                              "AccessKey in. Open “Passwords and Keys”, create a "
                                              "keyring and make it the default, then try "
                                              "again."));

        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
          return timeout_error_new ();

        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_BAD_ADDRESS:
        case G_DBUS_ERROR_NO_NETWORK:
        case G_DBUS_ERROR_AUTH_FAILED:
          goto no_bus;

        case G_DBUS_ERROR_FAILED:
        case G_DBUS_ERROR_NO_MEMORY:
        case G_DBUS_ERROR_IO_ERROR:
        case G_DBUS_ERROR_NOT_SUPPORTED:
        case G_DBUS_ERROR_LIMITS_EXCEEDED:
        case G_DBUS_ERROR_ACCESS_DENIED:
        case G_DBUS_ERROR_ADDRESS_IN_USE:
        case G_DBUS_ERROR_INVALID_ARGS:
        case G_DBUS_ERROR_FILE_EXISTS:
        case G_DBUS_ERROR_MATCH_RULE_NOT_FOUND:
        case G_DBUS_ERROR_MATCH_RULE_INVALID:
        case G_DBUS_ERROR_UNIX_PROCESS_ID_UNKNOWN:
        case G_DBUS_ERROR_INVALID_SIGNATURE:
        case G_DBUS_ERROR_INVALID_FILE_CONTENT:
        case G_DBUS_ERROR_SELINUX_SECURITY_CONTEXT_UNKNOWN:
        case G_DBUS_ERROR_ADT_AUDIT_DATA_UNKNOWN:
        case G_DBUS_ERROR_OBJECT_PATH_IN_USE:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_UNKNOWN_PROPERTY:
        case G_DBUS_ERROR_PROPERTY_READ_ONLY:
        default:
          break;
        }
    }
  else if (error->domain == G_IO_ERROR)
    {
      /* Connecting to the session bus: "Could not connect: No such file or
       * directory" (NOT_FOUND), "Cannot autolaunch D-Bus without X11
       * $DISPLAY" (FAILED), connection refused or closed … */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return timeout_error_new ();

      goto no_bus;
    }

  switch (op->operation)
    {
    case OPERATION_SAVE:
      return keyring_error_new_literal (_("Could not save the AccessKey in the keyring. Try "
                                          "again, or use the AccessKey for this session only."));
    case OPERATION_LOOKUP:
      return keyring_error_new_literal (_("Could not read the AccessKey from the keyring. Try "
                                          "again, or enter the AccessKey again."));
    case OPERATION_LIST:
      return keyring_error_new_literal (_("Could not read the list of saved AccessKeys from the "
                                          "keyring. Try again."));
    case OPERATION_DELETE:
      return keyring_error_new_literal (_("Could not remove the AccessKey from the keyring. Try "
                                          "again."));
    default:
      g_assert_not_reached ();
    }

no_bus:
  return keyring_error_new_literal (_("Could not reach the keyring because the desktop session "
                                      "is not fully running. Log out and log in again, or use "
                                      "the AccessKey for this session only."));
}

/* }}} */

/* Operations and the timeout guard {{{ */

static void
keyring_op_free (KeyringOp *op)
{
  if (op->caller_handler != 0)
    g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
  g_clear_object (&op->caller_cancellable);

  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_source_unref (op->timeout_source);
    }

  g_clear_object (&op->cancellable);
  g_free (op->profile);
  g_clear_pointer (&op->credentials, ens_credentials_free);
  g_clear_pointer (&op->stale_ids, g_ptr_array_unref);
  g_free (op);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_keyring_timeout (gpointer user_data)
{
  KeyringOp *op = user_data;

  g_debug ("Keyring %s (profile “%s”): no answer after %u s, cancelling",
           operation_names[op->operation], op->profile ? op->profile : "",
           op->timeout_seconds);

  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);

  return G_SOURCE_REMOVE;
}

/* Attaches a new operation to @task (as its task data) and returns it. */
static KeyringOp *
keyring_op_start (GTask      *task,
                  Operation   operation,
                  const char *profile)
{
  EnsCredentialStore *self = g_task_get_source_object (task);
  GCancellable *caller_cancellable = g_task_get_cancellable (task);
  KeyringOp *op;

  op = g_new0 (KeyringOp, 1);
  op->operation = operation;
  op->profile = g_strdup (profile);
  op->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, op, (GDestroyNotify) keyring_op_free);

  op->timeout_seconds = self->timeout_seconds;
  op->timeout_source = g_timeout_source_new_seconds (op->timeout_seconds);
  g_source_set_callback (op->timeout_source, on_keyring_timeout, op, NULL);
  g_source_set_static_name (op->timeout_source, "[ens] keyring timeout");
  g_source_attach (op->timeout_source, g_task_get_context (task));

  if (caller_cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (caller_cancellable);
      /* Runs the handler at once when already cancelled. */
      op->caller_handler = g_cancellable_connect (caller_cancellable,
                                                  G_CALLBACK (on_caller_cancelled),
                                                  g_object_ref (op->cancellable),
                                                  g_object_unref);
    }

  return op;
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
  op = keyring_op_start (task, operation, profile);

  /* With no profile the attribute list is empty: the first key is NULL. */
  secret_password_search (get_schema (), flags, op->cancellable,
                          searched, g_steal_pointer (&task),
                          profile != NULL ? "profile" : NULL, profile,
                          NULL);
}

static const char *
normalize_profile (const char *profile)
{
  return profile != NULL && profile[0] != '\0' ? profile : DEFAULT_PROFILE;
}

/* }}} */

/* Encoding the secret {{{ */

static char *
encode_secret (const EnsCredentials *credentials)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *token = ens_credentials_get_security_token (credentials);

  /* Plain text, unless there is a token or the secret could be mistaken
   * for JSON when it is read back. */
  if (token == NULL && ens_credentials_get_access_key_secret (credentials)[0] != '{')
    return g_strdup (ens_credentials_get_access_key_secret (credentials));

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, ens_credentials_get_access_key_secret (credentials));
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static const char *
json_get_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Returns the credentials, or NULL when the stored secret is damaged. */
static EnsCredentials *
decode_secret (const char *access_key_id,
               const char *data,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  EnsCredentials *credentials;
  gsize start = 0;

  if (data == NULL || !g_utf8_validate (data, length, NULL))
    return NULL;

  while (start < length && g_ascii_isspace (data[start]))
    start++;

  if (start < length && data[start] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonObject *object;
      const char *value;

      if (!json_parser_load_from_data (parser, data, length, &error))
        {
          g_debug ("Stored secret is not valid JSON: %s", error->message);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return NULL;

      object = json_node_get_object (json_parser_get_root (parser));
      value = json_get_string (object, "secret");
      if (value == NULL || (secret = ens_access_key_secret_clean (value, &error)) == NULL)
        return NULL;

      value = json_get_string (object, "token");
      if (value != NULL && value[0] != '\0' &&
          (token = ens_security_token_clean (value, &error)) == NULL)
        {
          wipe_and_free (g_steal_pointer (&secret));
          return NULL;
        }
    }
  else
    {
      g_autofree char *plain = g_strndup (data, length);

      secret = ens_access_key_secret_clean (plain, &error);
      secret_password_wipe (plain);
      if (secret == NULL)
        return NULL;
    }

  credentials = ens_credentials_new (access_key_id, secret, token);
  wipe_and_free (g_steal_pointer (&secret));
  wipe_and_free (g_steal_pointer (&token));

  return credentials;
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
      g_task_return_boolean (task, TRUE);
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
      g_task_return_error (task, keyring_error_new (op, error));
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
      g_task_return_error (task, keyring_error_new (op, error));
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
  g_autofree char *masked_id = NULL;
  g_autofree char *label = NULL;
  char *secret;
  const char *token;
  KeyringOp *op;

  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  profile = normalize_profile (profile);

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
      wipe_and_free (g_steal_pointer (&access_key_secret));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = keyring_op_start (task, OPERATION_SAVE, profile);
  op->credentials = ens_credentials_new (access_key_id, access_key_secret, security_token);
  wipe_and_free (g_steal_pointer (&access_key_secret));
  wipe_and_free (g_steal_pointer (&security_token));

  masked_id = ens_credentials_dup_masked_id (op->credentials);
  /* Translators: the name of the keyring item, as shown in “Passwords and
   * Keys”.  The first %s is the profile name, the second the shortened
   * AccessKey ID, for example “ENS Image Share: Production (LTAI…1234)”. */
  label = g_strdup_printf (_("ENS Image Share: %s (%s)"), profile, masked_id);

  secret = encode_secret (op->credentials);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         op->cancellable, on_save_stored, g_steal_pointer (&task),
                         "profile", profile,
                         "access-key-id", access_key_id,
                         NULL);
  /* libsecret copied it into a SecretValue. */
  wipe_and_free (secret);
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
      g_task_return_error (task, keyring_error_new (op, error));
      return;
    }

  attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (source));
  access_key_id = g_hash_table_lookup (attributes, "access-key-id");
  data = secret_value_get (value, &length);

  credentials = access_key_id != NULL ? decode_secret (access_key_id, data, length) : NULL;
  secret_value_unref (value);

  if (credentials == NULL)
    {
      g_debug ("Keyring item of profile “%s” is damaged", op->profile);
      g_task_return_new_error (task, ENS_ERROR, ENS_ERROR_KEYRING,
                               /* Translators: %s is a profile name */
                               _("The AccessKey saved as “%s” in the keyring is damaged. "
                                 "Enter it again and save it."),
                               op->profile);
      return;
    }

  g_debug ("Found profile “%s” (AccessKey ID %s) in the keyring",
           op->profile, ens_credentials_get_access_key_id (credentials));
  g_task_return_pointer (task, credentials, (GDestroyNotify) ens_credentials_free);
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
      g_task_return_error (task, keyring_error_new (op, error));
      return;
    }

  if (items == NULL)
    {
      g_debug ("Profile “%s” is not in the keyring", op->profile);
      g_task_return_pointer (task, NULL, NULL);
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

  start_search (self, OPERATION_LOOKUP, normalize_profile (profile),
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
      g_task_return_error (task, keyring_error_new (op, error));
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

  g_task_return_pointer (task, list, (GDestroyNotify) list_result_free);
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
      g_task_return_error (task, keyring_error_new (op, error));
      return;
    }

  g_debug ("Removed profile “%s” from the keyring", op->profile);
  g_task_return_boolean (task, TRUE);
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
      g_task_return_error (task, keyring_error_new (op, error));
      return;
    }

  if (items == NULL)
    {
      g_debug ("Profile “%s” is not in the keyring, nothing to remove", op->profile);
      g_task_return_boolean (task, TRUE);
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

  start_search (self, OPERATION_DELETE, normalize_profile (profile),
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

/* Session slot and resolve {{{ */

void
ens_credential_store_set_session_credentials (EnsCredentialStore   *self,
                                              const char           *profile,
                                              const EnsCredentials *credentials)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));

  ens_credential_store_clear_session_credentials (self);

  if (credentials == NULL)
    return;

  self->session_profile = g_strdup (normalize_profile (profile));
  self->session_credentials = ens_credentials_copy (credentials);
  g_debug ("Keeping profile “%s” (AccessKey ID %s) for this session only",
           self->session_profile, ens_credentials_get_access_key_id (credentials));
}

void
ens_credential_store_clear_session_credentials (EnsCredentialStore *self)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));

  g_clear_pointer (&self->session_profile, g_free);
  g_clear_pointer (&self->session_credentials, ens_credentials_free);
}

typedef struct
{
  EnsCredentialSource source;
  char               *profile;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_free (data->profile);
  g_free (data);
}

static void
on_resolve_lookup (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ResolveData *data = g_task_get_task_data (task);
  EnsCredentials *credentials;

  credentials = ens_credential_store_lookup_finish (ENS_CREDENTIAL_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->source = credentials != NULL ? ENS_CREDENTIAL_SOURCE_KEYRING : ENS_CREDENTIAL_SOURCE_NONE;
  g_task_return_pointer (task, credentials, (GDestroyNotify) ens_credentials_free);
}

/**
 * ens_credential_store_resolve_async:
 * @self: a #EnsCredentialStore
 * @profile: (nullable): the profile name; %NULL means "default"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the AccessKey to use: the environment, then the session slot
 * (when it holds @profile), then @profile in the keyring.
 */
void
ens_credential_store_resolve_async (EnsCredentialStore  *self,
                                    const char          *profile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  ResolveData *data;

  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  profile = normalize_profile (profile);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_credential_store_resolve_async);
  data = g_new0 (ResolveData, 1);
  data->profile = g_strdup (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  credentials = ens_credentials_new_from_environment ();
  if (credentials != NULL)
    {
      g_debug ("Using the AccessKey ID %s from the environment",
               ens_credentials_get_access_key_id (credentials));
      data->source = ENS_CREDENTIAL_SOURCE_ENVIRONMENT;
      g_task_return_pointer (task, g_steal_pointer (&credentials),
                             (GDestroyNotify) ens_credentials_free);
      return;
    }

  if (self->session_credentials != NULL && g_strcmp0 (self->session_profile, profile) == 0)
    {
      g_debug ("Using profile “%s” kept for this session", profile);
      data->source = ENS_CREDENTIAL_SOURCE_SESSION;
      g_task_return_pointer (task, ens_credentials_copy (self->session_credentials),
                             (GDestroyNotify) ens_credentials_free);
      return;
    }

  ens_credential_store_lookup_async (self, profile, cancellable,
                                     on_resolve_lookup, g_steal_pointer (&task));
}

/**
 * ens_credential_store_resolve_finish:
 * @source: (out) (optional): where the credentials came from
 *
 * Returns: (transfer full) (nullable): the credentials; %NULL with no error
 *   (and %ENS_CREDENTIAL_SOURCE_NONE) when none is configured
 */
EnsCredentials *
ens_credential_store_resolve_finish (EnsCredentialStore   *self,
                                     GAsyncResult         *result,
                                     EnsCredentialSource  *source,
                                     GError              **error)
{
  ResolveData *data;
  EnsCredentials *credentials;

  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_task_get_task_data (G_TASK (result));
  credentials = g_task_propagate_pointer (G_TASK (result), error);

  if (source != NULL)
    *source = credentials != NULL ? data->source : ENS_CREDENTIAL_SOURCE_NONE;

  return credentials;
}

/* }}} */

/* Import {{{ */

typedef struct
{
  char      *path;
  GPtrArray *profiles;   /* (element-type EnsAliyunProfile) */
  guint      next;
  GPtrArray *imported;   /* (element-type utf8) */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->profiles, g_ptr_array_unref);
  g_clear_pointer (&data->imported, g_ptr_array_unref);
  g_free (data);
}

static void import_save_next (GTask *task);

static void
on_import_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ImportData *data = g_task_get_task_data (task);
  const EnsAliyunProfile *profile = g_ptr_array_index (data->profiles, data->next - 1);

  if (!ens_credential_store_save_finish (ENS_CREDENTIAL_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (data->imported, g_strdup (profile->name));
  import_save_next (g_steal_pointer (&task));
}

static void
import_save_next (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  const EnsAliyunProfile *profile;

  if (data->next >= data->profiles->len)
    {
      g_debug ("Imported %u profiles from the aliyun CLI configuration", data->imported->len);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  profile = g_ptr_array_index (data->profiles, data->next++);
  ens_credential_store_save_async (g_task_get_source_object (task), profile->name,
                                   profile->credentials, g_task_get_cancellable (task),
                                   on_import_saved, task);
}

static void
import_load_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  GPtrArray *profiles;
  guint n_skipped = 0;

  profiles = ens_aliyun_config_load_full (data->path, &n_skipped, &error);
  if (profiles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (profiles->len == 0)
    {
      g_autofree char *path = data->path ? g_strdup (data->path)
                                         : ens_aliyun_config_dup_default_path ();
      g_autofree char *display = g_filename_display_name (path);

      g_debug ("%s: no usable profile, %u skipped", display, n_skipped);
      g_ptr_array_unref (profiles);
      g_task_return_new_error (task, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS,
                               /* Translators: %s is a file name, such as /home/ana/.aliyun/config.json */
                               _("“%s” has no AccessKey this app can use. Only profiles "
                                 "of the kinds “AK” and “StsToken” can be imported."),
                               display);
      return;
    }

  g_task_return_pointer (task, profiles, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_import_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ImportData *data = g_task_get_task_data (task);

  data->profiles = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->profiles == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  import_save_next (g_steal_pointer (&task));
}

/**
 * ens_credential_store_import_async:
 * @self: a #EnsCredentialStore
 * @path: (nullable): an aliyun CLI config.json, or %NULL for
 *   `~/.aliyun/config.json`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves every AK and StsToken profile of the file in the keyring, one
 * after the other, under its own name.
 */
void
ens_credential_store_import_async (EnsCredentialStore  *self,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) load = NULL;
  ImportData *data;

  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_credential_store_import_async);
  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->imported = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  /* Reading and parsing the file happens in a worker thread. */
  load = g_task_new (self, cancellable, on_import_loaded, g_steal_pointer (&task));
  g_task_set_source_tag (load, import_load_thread);
  g_task_set_task_data (load, data, NULL);
  g_task_run_in_thread (load, import_load_thread);
}

/**
 * ens_credential_store_import_finish:
 * @imported_profiles: (out) (optional) (transfer full): the names of the
 *   profiles saved, in file order
 *
 * Returns: %TRUE when every usable profile was saved
 */
gboolean
ens_credential_store_import_finish (EnsCredentialStore  *self,
                                    GAsyncResult        *result,
                                    GStrv               *imported_profiles,
                                    GError             **error)
{
  ImportData *data;

  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (imported_profiles != NULL)
    *imported_profiles = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (imported_profiles != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < data->imported->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (data->imported, i));
      *imported_profiles = g_strv_builder_end (builder);
    }

  return TRUE;
}

/* }}} */

/* Environment {{{ */

#define ENV_ACCESS_KEY_ID     "ALIBABA_CLOUD_ACCESS_KEY_ID"
#define ENV_ACCESS_KEY_SECRET "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
#define ENV_SECURITY_TOKEN    "ALIBABA_CLOUD_SECURITY_TOKEN"

/* Unset and empty are the same: `VAR= command` is how a shell clears one. */
static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* Cleans one variable with @clean, naming the variable (never its value)
 * in the error. */
static char *
clean_variable (const char  *name,
                const char  *value,
                char      *(*clean) (const char *, GError **),
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *cleaned;

  cleaned = clean (value, &local_error);
  if (cleaned == NULL)
    {
      /* Translators: the first %s is an environment variable name, the
       * second says what is wrong with its value. */
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("The environment variable %s cannot be used. %s"),
                   name, local_error->message);
      return NULL;
    }

  return cleaned;
}

/* ens_credentials_from_environment(), also saying whether a failure is
 * only that some of the variables are set (@partial). */
static gboolean
read_environment (EnsCredentials **out,
                  gboolean        *partial,
                  GError         **error)
{
  const char *id_value = getenv_nonempty (ENV_ACCESS_KEY_ID);
  const char *secret_value = getenv_nonempty (ENV_ACCESS_KEY_SECRET);
  const char *token_value = getenv_nonempty (ENV_SECURITY_TOKEN);
  g_autofree char *access_key_id = NULL;
  char *access_key_secret = NULL;
  char *security_token = NULL;

  *out = NULL;
  *partial = FALSE;

  if (id_value == NULL && secret_value == NULL && token_value == NULL)
    return FALSE;

  if (id_value == NULL || secret_value == NULL)
    {
      *partial = TRUE;
      if (id_value == NULL && secret_value == NULL)
        g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                     _("%s is set, but %s and %s are not. Set all three for a temporary AccessKey, or unset %s."),
                     ENV_SECURITY_TOKEN, ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET,
                     ENV_SECURITY_TOKEN);
      else
        g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                     _("Set both %s and %s, or neither."),
                     ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET);
      return FALSE;
    }

  access_key_id = clean_variable (ENV_ACCESS_KEY_ID, id_value,
                                  ens_access_key_id_clean, error);
  if (access_key_id == NULL)
    return FALSE;

  access_key_secret = clean_variable (ENV_ACCESS_KEY_SECRET, secret_value,
                                      ens_access_key_secret_clean, error);
  if (access_key_secret == NULL)
    return FALSE;

  if (token_value != NULL)
    {
      security_token = clean_variable (ENV_SECURITY_TOKEN, token_value,
                                       ens_security_token_clean, error);
      if (security_token == NULL)
        {
          wipe_and_free (access_key_secret);
          return FALSE;
        }
    }

  *out = ens_credentials_new (access_key_id, access_key_secret, security_token);
  wipe_and_free (access_key_secret);
  wipe_and_free (security_token);

  return TRUE;
}

/**
 * ens_credentials_from_environment:
 * @out: (out) (transfer full) (nullable): the credentials found
 * @error: the reason when a variable is set but cannot be used
 *
 * Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
 * (optional) `ALIBABA_CLOUD_SECURITY_TOKEN`, as the Alibaba Cloud SDKs and
 * the aliyun CLI do.  A variable set to the empty string counts as unset.
 * The values are cleaned and checked as typed input is
 * (ens_access_key_id_clean() and its siblings).
 *
 * - None of them is set: %FALSE, @out %NULL, no error.
 * - Only some are set (an ID without a secret, a secret without an ID, a
 *   token without both), or a value is not valid: %FALSE, @out %NULL and
 *   %ENS_ERROR_INVALID_INPUT with a translated message that names the
 *   variable but never shows its value.
 * - Otherwise %TRUE, with the cleaned credentials in @out.
 *
 * Returns: %TRUE when @out holds credentials
 */
gboolean
ens_credentials_from_environment (EnsCredentials **out,
                                  GError         **error)
{
  gboolean partial;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return read_environment (out, &partial, error);
}

/**
 * ens_credentials_new_from_environment:
 *
 * The lenient form of ens_credentials_from_environment(): variables that
 * are set only in part are ignored, and values that are not valid are
 * ignored with a warning.
 *
 * Returns: (transfer full) (nullable): the cleaned credentials, or %NULL
 *   when there are none or they cannot be used
 */
EnsCredentials *
ens_credentials_new_from_environment (void)
{
  g_autoptr(GError) error = NULL;
  EnsCredentials *credentials = NULL;
  gboolean partial;

  /* As before the strict reader existed: a value that is not valid is
   * worth a warning; variables set only in part are as good as unset. */
  if (!read_environment (&credentials, &partial, &error) && error != NULL)
    {
      if (partial)
        g_debug ("Ignoring the AccessKey in the environment: %s", error->message);
      else
        g_warning ("Ignoring the AccessKey in the environment: %s", error->message);
    }

  return credentials;
}

/* }}} */

/* GObject {{{ */

static void
ens_credential_store_dispose (GObject *object)
{
  EnsCredentialStore *self = ENS_CREDENTIAL_STORE (object);

  /* ens_credentials_free() wipes the secret and the token. */
  ens_credential_store_clear_session_credentials (self);

  G_OBJECT_CLASS (ens_credential_store_parent_class)->dispose (object);
}

static void
ens_credential_store_class_init (EnsCredentialStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_credential_store_dispose;
}

static void
ens_credential_store_init (EnsCredentialStore *self)
{
  self->timeout_seconds = KEYRING_TIMEOUT_SECONDS;
}

/**
 * ens_credential_store_set_timeout:
 * @self: a #EnsCredentialStore
 * @seconds: how long a keyring operation may take, at least 1
 *
 * Operations that take longer are cancelled and fail with "the keyring did
 * not answer" (ENS_ERROR_KEYRING).  The default is 15 seconds.
 */
void
ens_credential_store_set_timeout (EnsCredentialStore *self,
                                  guint               seconds)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

EnsCredentialStore *
ens_credential_store_new (void)
{
  return g_object_new (ENS_TYPE_CREDENTIAL_STORE, NULL);
}

/* }}} */
