/* ens-credential-store-secret.c
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
#include <libsecret/secret.h>

#include "ens-credential-store-private.h"
#include "ens-credentials.h"
#include "ens-input.h"

/*
 * The secret of a keyring item is the AccessKey secret as plain text, or,
 * when there is an STS token, the JSON object {"secret": "…", "token": "…"}.
 * A secret that starts with "{" (no real AccessKey secret does) is also
 * written as JSON, so that the two encodings cannot be confused.
 */

char *
_ens_credential_store_encode_secret (const EnsCredentials *credentials)
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
EnsCredentials *
_ens_credential_store_decode_secret (const char *access_key_id,
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
          _ens_credential_store_wipe_and_free (g_steal_pointer (&secret));
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
  _ens_credential_store_wipe_and_free (g_steal_pointer (&secret));
  _ens_credential_store_wipe_and_free (g_steal_pointer (&token));

  return credentials;
}
