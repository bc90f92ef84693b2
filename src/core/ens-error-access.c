/* ens-error-access.c
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

#include <json-glib/json-glib.h>

#include "ens-error.h"
#include "ens-error-access.h"

/*
 * A 403 answer may say which RAM action was missing (AccessDeniedDetail,
 * ens-api.md §4.1).  The error keeps it, so that the person can be told
 * which permission to ask for, and ens_error_dup_ram_policy() writes the
 * smallest RAM policy an administrator can attach to grant it.
 *
 * Everything here comes from the server: values are kept only when they
 * are short and look like what they should be, and the policy grants
 * nothing outside ENS whatever the server names.
 */

#define MAX_TEXT_CHARS       128
#define MAX_DIAGNOSTIC_CHARS 4096

static const char * const describe_actions[] = {
  "ens:DescribeImageSharePermission",
  "ens:DescribeImages",
  NULL,
};
#define MODIFY_ACTION "ens:ModifyImageSharePermission"

/* "service:Action": a lower-case service and an alphanumeric action. */
static gboolean
is_action (const char *text)
{
  const char *colon = strchr (text, ':');

  if (colon == NULL || colon == text || colon - text > 32 || strlen (colon + 1) > 100 ||
      !g_ascii_isalpha (colon[1]))
    return FALSE;

  for (const char *p = text; p < colon; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  for (const char *p = colon + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

static gboolean
is_digits (const char *text,
           gsize       max_len)
{
  gsize len = strlen (text);

  if (len == 0 || len > max_len)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* Printable text of at most @max_chars characters, without control or
 * formatting characters (no escapes, no bidirectional overrides). */
static gboolean
is_plain_text (const char *text,
               gsize       max_chars)
{
  if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL) ||
      g_utf8_strlen (text, -1) > (glong) max_chars)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_image_id (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len == 0 || len > 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

/* The member @name, or the same name starting with a lower-case letter
 * (newer gateways write "accessDeniedDetail", "authAction"). */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  g_autofree char *camel = g_strdup (name);
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL)
    return node;

  camel[0] = g_ascii_tolower (camel[0]);

  return json_object_get_member (object, camel);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A checked copy of the string member @name, or NULL. */
static char *
dup_checked (JsonObject *object,
             const char *name,
             gsize       max_chars)
{
  const char *value = get_string (object, name);

  if (value == NULL || !is_plain_text (value, max_chars))
    return NULL;

  return g_strdup (value);
}

/**
 * ens_error_read_access_denied:
 * @error: the API error made from @body
 * @body: the JSON object of the error answer
 *
 * Keeps the AccessDeniedDetail of @body on @error (see
 * ens_error_get_access_denied()) when it names a denied action.
 */
void
ens_error_read_access_denied (GError     *error,
                              JsonObject *body)
{
  EnsAccessDenied detail = { NULL, };
  JsonNode *node;
  JsonObject *object;
  g_autofree char *owner_id = NULL;

  g_return_if_fail (error != NULL);
  g_return_if_fail (body != NULL);

  node = get_member (body, "AccessDeniedDetail");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  detail.action = dup_checked (object, "AuthAction", MAX_TEXT_CHARS);
  if (detail.action == NULL || !is_action (detail.action))
    {
      g_debug ("AccessDeniedDetail without a usable AuthAction");
      g_free (detail.action);
      return;
    }

  owner_id = dup_checked (object, "AuthPrincipalOwnerId", 32);
  if (owner_id != NULL && is_digits (owner_id, 32))
    detail.owner_id = g_steal_pointer (&owner_id);
  detail.principal_type = dup_checked (object, "AuthPrincipalType", MAX_TEXT_CHARS);
  detail.principal_name = dup_checked (object, "AuthPrincipalDisplayName", MAX_TEXT_CHARS);
  detail.no_permission_type = dup_checked (object, "NoPermissionType", MAX_TEXT_CHARS);
  detail.policy_type = dup_checked (object, "PolicyType", MAX_TEXT_CHARS);
  detail.diagnostic = dup_checked (object, "EncodedDiagnosticMessage", MAX_DIAGNOSTIC_CHARS);

  g_debug ("Access denied: %s", detail.action);
  ens_error_set_access_denied (error, &detail);

  g_free (detail.action);
  g_free (detail.owner_id);
  g_free (detail.principal_type);
  g_free (detail.principal_name);
  g_free (detail.no_permission_type);
  g_free (detail.policy_type);
  g_free (detail.diagnostic);
}

static void
add_statement (JsonBuilder        *builder,
               const char * const *actions,
               const char         *resource)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Effect");
  json_builder_add_string_value (builder, "Allow");
  json_builder_set_member_name (builder, "Action");
  json_builder_begin_array (builder);
  for (guint i = 0; actions[i] != NULL; i++)
    json_builder_add_string_value (builder, actions[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "Resource");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, resource);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * ens_error_dup_ram_policy:
 * @error: an error
 *
 * For a permission error whose answer named the denied action, the
 * smallest RAM policy that lets this app work, for an administrator to
 * attach to the RAM user: ens:ModifyImageSharePermission on
 * acs:ens::<uid>:image/<image> (the caller's account and the image of the
 * request, "*" for either when not known), and the Describe actions on
 * "*".  A denied ENS action that is not one of these is added to the
 * Describe statement; an action of another service is never added.
 *
 * Returns: (transfer full) (nullable): the policy as a JSON document, or
 *   %NULL when @error did not name a denied action
 */
char *
ens_error_dup_ram_policy (const GError *error)
{
  const EnsAccessDenied *denied;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) describe = NULL;
  g_autofree char *resource = NULL;
  const char *image_id;

  g_return_val_if_fail (error != NULL, NULL);

  denied = ens_error_get_access_denied (error);
  if (denied == NULL || !g_error_matches (error, ENS_ERROR, ENS_ERROR_PERMISSION))
    return NULL;

  describe = g_ptr_array_new ();
  for (guint i = 0; describe_actions[i] != NULL; i++)
    g_ptr_array_add (describe, (gpointer) describe_actions[i]);
  if (g_str_has_prefix (denied->action, "ens:") &&
      strcmp (denied->action, MODIFY_ACTION) != 0 &&
      !g_strv_contains (describe_actions, denied->action))
    g_ptr_array_add (describe, denied->action);
  g_ptr_array_add (describe, NULL);

  image_id = ens_error_get_image_id (error);
  resource = g_strdup_printf ("acs:ens::%s:image/%s",
                              denied->owner_id != NULL ? denied->owner_id : "*",
                              is_image_id (image_id) ? image_id : "*");

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Version");
  json_builder_add_string_value (builder, "1");
  json_builder_set_member_name (builder, "Statement");
  json_builder_begin_array (builder);
  add_statement (builder, (const char * const []) { MODIFY_ACTION, NULL }, resource);
  add_statement (builder, (const char * const *) describe->pdata, "*");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}
