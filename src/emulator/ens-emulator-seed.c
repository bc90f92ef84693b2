/* ens-emulator-seed.c
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

#include <json-glib/json-glib.h>

#include "ens-emulator-private.h"

/*
 * Seed file format (see tests/data/emulator/seed.json):
 *
 *   {
 *     "keys":   [ { "id": "LTAI…", "secret": "…", "read_only": false,
 *                   "account_id": "5123…", "user": "ops" },
 *                 { "id": "STS.…", "secret": "…", "security_token": "…",
 *                   "expired": false } ],
 *     "images": [ { "ImageId": "m-…", "ImageName": "…", "ImageOwnerAlias": "self",
 *                   "Platform": "ubuntu", "CreationTime": "2024-01-01T00:00:00Z",
 *                   "Status": "Available" } ],
 *     "shares": { "m-…": [ "1234567890123456", … ] }
 *   }
 *
 * Only "id" and "secret" (keys) and "ImageId" (images) are required.
 * "account_id" is the account that owns the key (digits; default
 * ENS_EMULATOR_DEMO_ACCOUNT_ID) and "user" its RAM user (absent: the
 * account's own key), as GetCallerIdentity answers.  "Status" defaults
 * to "Available".
 */

void
_emu_key_free (EmuKey *key)
{
  g_free (key->id);
  g_free (key->secret);
  g_free (key->security_token);
  g_free (key->account_id);
  g_free (key->user_name);
  g_hash_table_unref (key->nonces);
  g_free (key);
}

void
_emu_image_free (EmuImage *image)
{
  g_free (image->id);
  g_free (image->name);
  g_free (image->owner_alias);
  g_free (image->platform);
  g_free (image->creation_time);
  g_free (image->status);
  g_ptr_array_unref (image->shares);
  g_free (image);
}

static void
add_key (EnsEmulator *self,
         const char  *access_key_id,
         const char  *secret,
         const char  *security_token,
         gboolean     read_only,
         gboolean     expired)
{
  EmuKey *key = g_new0 (EmuKey, 1);

  key->id = g_strdup (access_key_id);
  key->secret = g_strdup (secret);
  key->security_token = g_strdup (security_token);
  key->read_only = read_only;
  key->expired = expired;
  key->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key->account_id = g_strdup (ENS_EMULATOR_DEMO_ACCOUNT_ID);

  g_hash_table_replace (self->keys, key->id, key);
}

/**
 * ens_emulator_add_key:
 * @access_key_id: the AccessKey ID
 * @secret: its secret
 * @read_only: whether ModifyImageSharePermission is refused (NoPermission)
 *
 * Registers a long-term AccessKey, replacing one with the same ID.
 */
void
ens_emulator_add_key (EnsEmulator *self,
                      const char  *access_key_id,
                      const char  *secret,
                      gboolean     read_only)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (access_key_id != NULL && *access_key_id != '\0');
  g_return_if_fail (secret != NULL);

  add_key (self, access_key_id, secret, NULL, read_only, FALSE);
}

/**
 * ens_emulator_add_sts_key:
 * @access_key_id: the temporary AccessKey ID (usually "STS.…")
 * @secret: its secret
 * @security_token: the SecurityToken that must come with it
 * @expired: whether the token has expired (InvalidSecurityToken.Expired)
 *
 * Registers STS credentials, replacing a key with the same ID.
 */
void
ens_emulator_add_sts_key (EnsEmulator *self,
                          const char  *access_key_id,
                          const char  *secret,
                          const char  *security_token,
                          gboolean     expired)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (access_key_id != NULL && *access_key_id != '\0');
  g_return_if_fail (secret != NULL);
  g_return_if_fail (security_token != NULL && *security_token != '\0');

  add_key (self, access_key_id, secret, security_token, FALSE, expired);
}

/**
 * ens_emulator_add_image:
 * @image_id: the image ID
 * @image_name: (nullable): its name
 * @owner_alias: (nullable): "self" (default), "system" or "others"; only
 *   "self" images can be shared
 * @platform: (nullable): e.g. "ubuntu"
 * @creation_time: (nullable): e.g. "2024-01-01T00:00:00Z"
 *
 * Adds an image, or updates the details of one that exists (its shares
 * are kept).
 */
void
ens_emulator_add_image (EnsEmulator *self,
                        const char  *image_id,
                        const char  *image_name,
                        const char  *owner_alias,
                        const char  *platform,
                        const char  *creation_time)
{
  EmuImage *image;

  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (image_id != NULL && *image_id != '\0');

  image = g_hash_table_lookup (self->images, image_id);
  if (image == NULL)
    {
      image = g_new0 (EmuImage, 1);
      image->id = g_strdup (image_id);
      image->shares = g_ptr_array_new_with_free_func (g_free);
      image->status = g_strdup ("Available");
      g_hash_table_insert (self->images, image->id, image);
      g_ptr_array_add (self->image_order, image);
    }

  _emu_set_str (&image->name, image_name);
  _emu_set_str (&image->owner_alias, owner_alias != NULL ? owner_alias : "self");
  _emu_set_str (&image->platform, platform);
  _emu_set_str (&image->creation_time, creation_time);
}

/**
 * ens_emulator_set_key_owner:
 * @access_key_id: a key added before
 * @account_id: the account that owns it (digits)
 * @user_name: (nullable): its RAM user, or %NULL for the account's own key
 *
 * Says whose key @access_key_id is, as GetCallerIdentity answers.
 */
void
ens_emulator_set_key_owner (EnsEmulator *self,
                            const char  *access_key_id,
                            const char  *account_id,
                            const char  *user_name)
{
  EmuKey *key;

  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (access_key_id != NULL);
  g_return_if_fail (account_id != NULL && _emu_is_digits (account_id));

  key = g_hash_table_lookup (self->keys, access_key_id);
  g_return_if_fail (key != NULL);

  _emu_set_str (&key->account_id, account_id);
  _emu_set_str (&key->user_name, user_name != NULL && *user_name != '\0' ? user_name : NULL);
}

/**
 * ens_emulator_set_image_status:
 * @image_id: an image added before
 * @status: e.g. "Available", "Creating", "Copying", "Unavailable"
 */
void
ens_emulator_set_image_status (EnsEmulator *self,
                               const char  *image_id,
                               const char  *status)
{
  EmuImage *image;

  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (image_id != NULL && status != NULL);

  image = g_hash_table_lookup (self->images, image_id);
  g_return_if_fail (image != NULL);

  _emu_set_str (&image->status, status);
}

/**
 * ens_emulator_set_shares:
 * @image_id: an image added before
 * @accounts: (nullable) (array zero-terminated=1): the account IDs
 *
 * Replaces the list of accounts @image_id is shared with.
 */
void
ens_emulator_set_shares (EnsEmulator        *self,
                         const char         *image_id,
                         const char * const *accounts)
{
  EmuImage *image;

  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (image_id != NULL);

  image = g_hash_table_lookup (self->images, image_id);
  g_return_if_fail (image != NULL);

  g_ptr_array_set_size (image->shares, 0);
  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    if (!_emu_image_has_share (image, accounts[i], NULL))
      g_ptr_array_add (image->shares, g_strdup (accounts[i]));
}

/**
 * ens_emulator_dup_shares:
 * @image_id: an image ID
 *
 * Returns: (transfer full) (nullable): the accounts @image_id is shared
 *   with, in the order they were added, or %NULL for an unknown image
 */
GStrv
ens_emulator_dup_shares (EnsEmulator *self,
                         const char  *image_id)
{
  EmuImage *image;
  GStrv shares;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), NULL);
  g_return_val_if_fail (image_id != NULL, NULL);

  image = g_hash_table_lookup (self->images, image_id);
  if (image == NULL)
    return NULL;

  shares = g_new0 (char *, image->shares->len + 1);
  for (guint i = 0; i < image->shares->len; i++)
    shares[i] = g_strdup (g_ptr_array_index (image->shares, i));

  return shares;
}

static const char *
get_seed_string (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_seed_boolean (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
seed_error (GError     **error,
            const char  *path,
            const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: %s", path, what);
  return FALSE;
}

/**
 * ens_emulator_load_seed:
 * @path: a JSON seed file (the format is described at the top of this file)
 * @error: return location for a #GError
 *
 * Adds the keys, images and shares of @path.  Nothing is added when the
 * file is not valid.
 *
 * Returns: %TRUE on success
 */
gboolean
ens_emulator_load_seed (EnsEmulator  *self,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *keys = NULL;
  JsonArray *images = NULL;
  JsonObject *shares = NULL;
  JsonNode *node;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return seed_error (error, path, "the root is not an object");
  root = json_node_get_object (node);

  /* Validate everything first so a bad file changes nothing. */
  if ((node = json_object_get_member (root, "keys")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return seed_error (error, path, "\"keys\" is not an array");
      keys = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (keys); i++)
        {
          JsonNode *element = json_array_get_element (keys, i);

          const char *account_id;

          if (!JSON_NODE_HOLDS_OBJECT (element) ||
              get_seed_string (json_node_get_object (element), "id") == NULL ||
              get_seed_string (json_node_get_object (element), "secret") == NULL)
            return seed_error (error, path, "every key needs \"id\" and \"secret\" strings");
          account_id = get_seed_string (json_node_get_object (element), "account_id");
          if (json_object_has_member (json_node_get_object (element), "account_id") &&
              (account_id == NULL || !_emu_is_digits (account_id)))
            return seed_error (error, path, "\"account_id\" must be a string of digits");
        }
    }

  if ((node = json_object_get_member (root, "images")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return seed_error (error, path, "\"images\" is not an array");
      images = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (images); i++)
        {
          JsonNode *element = json_array_get_element (images, i);

          if (!JSON_NODE_HOLDS_OBJECT (element) ||
              get_seed_string (json_node_get_object (element), "ImageId") == NULL)
            return seed_error (error, path, "every image needs an \"ImageId\" string");
        }
    }

  if ((node = json_object_get_member (root, "shares")) != NULL)
    {
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, path, "\"shares\" is not an object");
      shares = json_node_get_object (node);
      members = json_object_get_members (shares);
      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *list = json_object_get_member (shares, l->data);
          gboolean known = g_hash_table_contains (self->images, l->data);

          for (guint i = 0; images != NULL && !known && i < json_array_get_length (images); i++)
            known = g_strcmp0 (get_seed_string (json_array_get_object_element (images, i),
                                                "ImageId"), l->data) == 0;
          if (!known)
            return seed_error (error, path, "\"shares\" names an image that does not exist");
          if (!JSON_NODE_HOLDS_ARRAY (list))
            return seed_error (error, path, "every entry of \"shares\" must be an array");
          for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
            {
              JsonNode *account = json_array_get_element (json_node_get_array (list), i);

              if (json_node_get_value_type (account) != G_TYPE_STRING ||
                  !_emu_is_digits (json_node_get_string (account)))
                return seed_error (error, path, "shared accounts must be strings of digits");
            }
        }
    }

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      const char *token = get_seed_string (key, "security_token");

      const char *account_id = get_seed_string (key, "account_id");

      add_key (self, get_seed_string (key, "id"), get_seed_string (key, "secret"),
               token != NULL && *token != '\0' ? token : NULL,
               get_seed_boolean (key, "read_only"), get_seed_boolean (key, "expired"));
      ens_emulator_set_key_owner (self, get_seed_string (key, "id"),
                                  account_id != NULL ? account_id : ENS_EMULATOR_DEMO_ACCOUNT_ID,
                                  get_seed_string (key, "user"));
    }

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonObject *image = json_array_get_object_element (images, i);

      ens_emulator_add_image (self,
                              get_seed_string (image, "ImageId"),
                              get_seed_string (image, "ImageName"),
                              get_seed_string (image, "ImageOwnerAlias"),
                              get_seed_string (image, "Platform"),
                              get_seed_string (image, "CreationTime"));
      if (get_seed_string (image, "Status") != NULL)
        ens_emulator_set_image_status (self, get_seed_string (image, "ImageId"),
                                       get_seed_string (image, "Status"));
    }

  if (shares != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (shares);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonArray *list = json_object_get_array_member (shares, l->data);
          g_autoptr(GPtrArray) accounts = g_ptr_array_new ();

          for (guint i = 0; i < json_array_get_length (list); i++)
            g_ptr_array_add (accounts, (gpointer) json_array_get_string_element (list, i));
          g_ptr_array_add (accounts, NULL);

          ens_emulator_set_shares (self, l->data, (const char * const *) accounts->pdata);
        }
    }

  return TRUE;
}

/* Names for the demo's images: a few dozen, as an account has them. */
static const char * const demo_products[] = {
  "web-shop", "checkout-api", "video-transcoder", "edge-cache-nginx", "postgres-16-primary",
  "redis-7-replica", "ml-inference-gpu", "log-shipper", "game-server-eu", "cdn-origin",
  "iot-gateway", "search-indexer",
};
static const char * const demo_platforms[] = { "ubuntu", "debian", "centos", "alios" };

/**
 * ens_emulator_load_demo:
 *
 * Adds the demo key (%ENS_EMULATOR_DEMO_KEY_ID, owned by
 * %ENS_EMULATOR_DEMO_ACCOUNT_ID as RAM user %ENS_EMULATOR_DEMO_USER_NAME)
 * and a few dozen named images owned by "self" (three versions of each
 * product, some shared, two not Available), plus one public image.
 */
void
ens_emulator_load_demo (EnsEmulator *self)
{
  static const char * const web_shares[] = { "1234567890123456", "6543210987654321", NULL };
  static const char * const db_shares[] = { "1122334455667788", NULL };
  static const char * const partner_shares[] = {
    "1234567890123456", "6543210987654321", "1122334455667788", NULL
  };

  g_return_if_fail (ENS_IS_EMULATOR (self));

  ens_emulator_add_key (self, ENS_EMULATOR_DEMO_KEY_ID, ENS_EMULATOR_DEMO_KEY_SECRET, FALSE);
  ens_emulator_set_key_owner (self, ENS_EMULATOR_DEMO_KEY_ID, ENS_EMULATOR_DEMO_ACCOUNT_ID,
                              ENS_EMULATOR_DEMO_USER_NAME);

  /* The four images earlier versions of the demo had, with the same IDs. */
  ens_emulator_add_image (self, "m-5s7qotzavwbrnzaqh4undemo1", "web-frontend-2024",
                          "self", "ubuntu", "2024-03-18T09:12:44Z");
  ens_emulator_add_image (self, "m-6kf2d9a0tzd5ipwx5fiqdemo2", "postgres-16-primary",
                          "self", "debian", "2024-05-02T14:30:05Z");
  ens_emulator_add_image (self, "m-7pq3r8b1uye6jqxy6gjkdemo3", "video-transcoder",
                          "self", "centos", "2024-07-21T06:45:19Z");
  ens_emulator_add_image (self, "m-8ab4c9d2vzf7krzz7hkmdemo4", "edge-cache-nginx",
                          "self", "ubuntu", "2024-09-09T11:03:57Z");

  for (guint p = 0; p < G_N_ELEMENTS (demo_products); p++)
    {
      for (guint v = 0; v < 3; v++)
        {
          g_autofree char *id = g_strdup_printf ("m-demo%02u%uq7otzavwbrnzaqh4unm", p, v);
          g_autofree char *name = g_strdup_printf ("%s-%u", demo_products[p], 2023 + v);
          g_autofree char *created = g_strdup_printf ("202%u-%02u-%02uT08:%02u:00Z",
                                                      3 + v, 1 + p % 12, 1 + p, 10 + p);

          ens_emulator_add_image (self, id, name, "self",
                                  demo_platforms[p % G_N_ELEMENTS (demo_platforms)], created);
          /* Last year's version went to the partners; this year's is new. */
          if (v == 1 && p % 2 == 0)
            ens_emulator_set_shares (self, id, partner_shares);
          if (v == 2 && p == 5)
            ens_emulator_set_image_status (self, id, "Creating");
          if (v == 0 && p == 9)
            ens_emulator_set_image_status (self, id, "Unavailable");
        }
    }

  ens_emulator_add_image (self, "ubuntu_22_04_x64_20G_alibase_20240101", "Ubuntu 22.04 64 bit",
                          "system", "ubuntu", "2024-01-01T00:00:00Z");

  ens_emulator_set_shares (self, "m-5s7qotzavwbrnzaqh4undemo1", web_shares);
  ens_emulator_set_shares (self, "m-6kf2d9a0tzd5ipwx5fiqdemo2", db_shares);
}
