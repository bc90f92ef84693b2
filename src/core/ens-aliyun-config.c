/* ens-aliyun-config.c
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
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ens-aliyun-config.h"
#include "ens-credentials.h"
#include "ens-error.h"
#include "ens-input.h"

/* The aliyun CLI writes a few kilobytes; anything this large is not its file. */
#define MAX_CONFIG_SIZE (1024 * 1024)

/* Overwrites memory that held a secret; the volatile pointer keeps the
 * compiler from dropping the stores before the free. */
static void
wipe_memory (char  *data,
             gsize  length)
{
  volatile char *p = data;

  if (data == NULL)
    return;

  while (length-- > 0)
    *p++ = '\0';
}

G_DEFINE_BOXED_TYPE (EnsAliyunProfile, ens_aliyun_profile,
                     ens_aliyun_profile_copy, ens_aliyun_profile_free)

/**
 * ens_aliyun_profile_new:
 * @name: the profile name
 * @mode: the aliyun CLI mode ("AK" or "StsToken")
 * @credentials: the AccessKey; copied
 *
 * Returns: (transfer full): a new profile
 */
EnsAliyunProfile *
ens_aliyun_profile_new (const char           *name,
                        const char           *mode,
                        const EnsCredentials *credentials)
{
  EnsAliyunProfile *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (mode != NULL, NULL);
  g_return_val_if_fail (credentials != NULL, NULL);

  self = g_new0 (EnsAliyunProfile, 1);
  self->name = g_strdup (name);
  self->mode = g_strdup (mode);
  self->credentials = ens_credentials_copy (credentials);

  return self;
}

EnsAliyunProfile *
ens_aliyun_profile_copy (const EnsAliyunProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return ens_aliyun_profile_new (self->name, self->mode, self->credentials);
}

/* Frees the profile; the credentials wipe their secret and token. */
void
ens_aliyun_profile_free (EnsAliyunProfile *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->mode);
  g_clear_pointer (&self->credentials, ens_credentials_free);
  g_free (self);
}

/**
 * ens_aliyun_config_dup_default_path:
 *
 * Returns: (transfer full): `$HOME/.aliyun/config.json`, where `aliyun
 * configure` writes its profiles
 */
char *
ens_aliyun_config_dup_default_path (void)
{
  /* $HOME is read on every call (g_get_home_dir() caches its first answer),
   * so that a changed HOME is honoured, as the aliyun CLI itself does. */
  const char *home = g_getenv ("HOME");

  if (home == NULL || home[0] == '\0')
    home = g_get_home_dir ();

  return g_build_filename (home, ".aliyun", "config.json", NULL);
}

static GError *
malformed_error_new (const char *path,
                     const char *why)
{
  g_autofree char *display = g_filename_display_name (path);

  g_debug ("Not reading %s as an aliyun CLI configuration: %s", display, why);

  return g_error_new (ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                      /* Translators: %s is a file name, such as /home/ana/.aliyun/config.json */
                      _("“%s” is not a configuration file of the aliyun command-line tool, "
                        "or it is damaged. Check the file, or run “aliyun configure” again."),
                      display);
}

/* A string member, or NULL when it is missing, not a string or empty. */
static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  if (value == NULL || value[0] == '\0')
    return NULL;

  return value;
}

/* Returns the profile, or NULL with a reason (for g_debug) when it is skipped. */
static EnsAliyunProfile *
profile_from_object (JsonObject  *object,
                     const char **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autofree char *access_key_id = NULL;
  g_autofree char *access_key_secret = NULL;
  g_autofree char *security_token = NULL;
  const char *name;
  const char *mode;
  const char *value;
  gboolean is_sts;

  name = get_string_member (object, "name");
  if (name == NULL)
    {
      *why = "no name";
      return NULL;
    }

  mode = get_string_member (object, "mode");
  if (g_strcmp0 (mode, "AK") == 0)
    is_sts = FALSE;
  else if (g_strcmp0 (mode, "StsToken") == 0)
    is_sts = TRUE;
  else
    {
      *why = "unsupported mode";
      return NULL;
    }

  value = get_string_member (object, "access_key_id");
  if (value != NULL)
    access_key_id = ens_access_key_id_clean (value, &error);
  if (access_key_id == NULL)
    {
      *why = "missing or invalid access_key_id";
      return NULL;
    }

  value = get_string_member (object, "access_key_secret");
  if (value != NULL)
    access_key_secret = ens_access_key_secret_clean (value, &error);
  if (access_key_secret == NULL)
    {
      *why = "missing or invalid access_key_secret";
      return NULL;
    }

  if (is_sts)
    {
      value = get_string_member (object, "sts_token");
      if (value != NULL)
        security_token = ens_security_token_clean (value, &error);
      if (security_token == NULL)
        {
          *why = "missing or invalid sts_token";
          return NULL;
        }
    }

  credentials = ens_credentials_new (access_key_id, access_key_secret, security_token);

  /* The cleaned copies of the secret and token are wiped with the credentials;
   * these temporaries are overwritten before they are freed, too. */
  wipe_memory (access_key_secret, strlen (access_key_secret));
  if (security_token != NULL)
    wipe_memory (security_token, strlen (security_token));

  return ens_aliyun_profile_new (name, mode, credentials);
}

/**
 * ens_aliyun_config_parse:
 * @data: the contents of an aliyun CLI config.json
 * @length: the length of @data in bytes
 * @path: the file name, for messages
 * @n_skipped: (out) (optional): how many profiles were skipped
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type EnsAliyunProfile): the usable
 *   profiles in file order, possibly none, or %NULL on error
 */
GPtrArray *
ens_aliyun_config_parse (const char  *data,
                         gsize        length,
                         const char  *path,
                         guint       *n_skipped,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *profiles_node;
  JsonArray *array;
  guint skipped = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_skipped != NULL)
    *n_skipped = 0;

  if (length > MAX_CONFIG_SIZE)
    {
      g_propagate_error (error, malformed_error_new (path, "too large"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (length == 0 || !json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_propagate_error (error, malformed_error_new (path, local_error != NULL ?
                                                           local_error->message : "empty"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, malformed_error_new (path, "the top level is not an object"));
      return NULL;
    }

  profiles_node = json_object_get_member (json_node_get_object (root), "profiles");
  if (profiles_node == NULL || !JSON_NODE_HOLDS_ARRAY (profiles_node))
    {
      g_propagate_error (error, malformed_error_new (path, "no \"profiles\" array"));
      return NULL;
    }

  array = json_node_get_array (profiles_node);
  profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) ens_aliyun_profile_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      EnsAliyunProfile *profile;
      const char *why = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_debug ("aliyun CLI profile #%u skipped: not an object", i);
          skipped++;
          continue;
        }

      profile = profile_from_object (json_node_get_object (node), &why);
      if (profile == NULL)
        {
          const char *name = get_string_member (json_node_get_object (node), "name");
          const char *mode = get_string_member (json_node_get_object (node), "mode");

          g_debug ("aliyun CLI profile #%u “%s” (mode %s) skipped: %s",
                   i, name ? name : "", mode ? mode : "none", why);
          skipped++;
          continue;
        }

      if (g_hash_table_contains (seen, profile->name))
        {
          /* The aliyun CLI uses the first profile of a name, so do we. */
          g_debug ("aliyun CLI profile #%u “%s” skipped: the name was used before",
                   i, profile->name);
          ens_aliyun_profile_free (profile);
          skipped++;
          continue;
        }

      g_debug ("aliyun CLI profile “%s” (mode %s) found", profile->name, profile->mode);
      g_hash_table_add (seen, profile->name);
      g_ptr_array_add (profiles, profile);
    }

  if (n_skipped != NULL)
    *n_skipped = skipped;

  return g_steal_pointer (&profiles);
}

/**
 * ens_aliyun_config_load_full:
 * @path: (nullable): the file to read, or %NULL for
 *   ens_aliyun_config_dup_default_path()
 * @n_skipped: (out) (optional): how many profiles were skipped
 * @error: return location for an error
 *
 * Reads the file (it is never changed) and parses it with
 * ens_aliyun_config_parse().
 *
 * Returns: (transfer full) (element-type EnsAliyunProfile): the usable
 *   profiles, possibly none, or %NULL on error
 */
GPtrArray *
ens_aliyun_config_load_full (const char  *path,
                             guint       *n_skipped,
                             GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *profiles;
  gsize length = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_skipped != NULL)
    *n_skipped = 0;

  if (path == NULL)
    path = default_path = ens_aliyun_config_dup_default_path ();

  display = g_filename_display_name (path);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_debug ("Could not read %s: %s", display, local_error->message);

      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS,
                     /* Translators: %s is a file name, such as /home/ana/.aliyun/config.json */
                     _("There is no configuration of the aliyun command-line tool at “%s”. "
                       "Run “aliyun configure” first, or enter the AccessKey here."),
                     display);
      else
        g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                     /* Translators: %s is a file name, such as /home/ana/.aliyun/config.json */
                     _("Could not read “%s”. Check that the file exists and that you may read it."),
                     display);
      return NULL;
    }

  profiles = ens_aliyun_config_parse (contents, length, path, n_skipped, error);

  /* The contents hold AccessKey secrets: overwrite them before freeing. */
  wipe_memory (contents, length);

  return profiles;
}

/**
 * ens_aliyun_config_load:
 * @path: (nullable): the file to read, or %NULL for `~/.aliyun/config.json`
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type EnsAliyunProfile): the usable
 *   profiles, or %NULL on error
 */
GPtrArray *
ens_aliyun_config_load (const char  *path,
                        GError     **error)
{
  return ens_aliyun_config_load_full (path, NULL, error);
}
