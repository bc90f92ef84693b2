/* ens-emulator-request.c
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
#include <libsoup/soup.h>

#include "ens-encode.h"

#include "ens-emulator-private.h"

#define HOST_ID           "ens.aliyuncs.com"
#define FORM_CONTENT_TYPE "application/x-www-form-urlencoded"

/* Small helpers */

/* g_set_str() needs GLib 2.76; this is the same for our 2.74 floor. */
gboolean
_emu_set_str (char       **str_pointer,
              const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

static char *
new_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_ascii_strup (uuid, -1);
}

gboolean
_emu_is_digits (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;

  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

char *
_emu_json_node_to_data (JsonNode *root,
                        gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

/* Parsing */

/* Splits a=b&c=d, percent-decoding names and values byte for byte.  In
 * the query a '+' stays a '+' exactly as the client's encoder meant it; in
 * a form body (@plus_is_space) it is a space, as
 * application/x-www-form-urlencoded says and the gateway reads it.  The
 * signature is checked on the decoded values, so "a+b" in a form body is
 * signed as "a%20b". */
static gboolean
parse_encoded_params (const char *encoded,
                      gboolean    plus_is_space,
                      GHashTable *into,
                      GHashTable *also_into)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) pairs = NULL;

  if (encoded == NULL || *encoded == '\0')
    return TRUE;

  copy = g_strdup (encoded);
  if (plus_is_space)
    g_strdelimit (copy, "+", ' ');

  pairs = g_strsplit (copy, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      const char *eq;
      gsize name_len = 0;
      gsize value_len = 0;

      if (pairs[i][0] == '\0')
        continue;

      eq = strchr (pairs[i], '=');
      if (eq != NULL)
        {
          g_autofree char *raw_name = g_strndup (pairs[i], eq - pairs[i]);

          name = ens_percent_decode (raw_name, &name_len);
          value = ens_percent_decode (eq + 1, &value_len);
        }
      else
        {
          name = ens_percent_decode (pairs[i], &name_len);
          value = g_strdup ("");
        }

      if (name == NULL || value == NULL ||
          strlen (name) != name_len || strlen (value) != value_len ||
          !g_utf8_validate (name, -1, NULL) || !g_utf8_validate (value, -1, NULL) ||
          *name == '\0')
        return FALSE;

      if (also_into != NULL)
        g_hash_table_replace (also_into, g_strdup (name), g_strdup (value));
      g_hash_table_replace (into, g_steal_pointer (&name), g_steal_pointer (&value));
    }

  return TRUE;
}

const char *
_emu_get_param (Call       *call,
                const char *name)
{
  const char *value = g_hash_table_lookup (call->params, name);

  /* The gateway treats an empty value like a missing one. */
  return (value != NULL && *value != '\0') ? value : NULL;
}

/* Parses ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=… */
static void
parse_authorization (Call       *call,
                     const char *authorization)
{
  g_auto(GStrv) parts = NULL;
  const char *space = strchr (authorization, ' ');

  if (space == NULL)
    {
      call->v3_scheme = g_strdup (authorization);
      return;
    }

  call->v3_scheme = g_strndup (authorization, space - authorization);
  parts = g_strsplit (space + 1, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, "Credential="))
        _emu_set_str (&call->access_key_id, part + strlen ("Credential="));
      else if (g_str_has_prefix (part, "SignedHeaders="))
        _emu_set_str (&call->v3_signed_headers, part + strlen ("SignedHeaders="));
      else if (g_str_has_prefix (part, "Signature="))
        _emu_set_str (&call->v3_signature, part + strlen ("Signature="));
    }
}

/* @method must outlive the Call; @raw_query is the query exactly as it
 * came on the wire (still percent-encoded), or NULL. */
Call *
_emu_call_parse (const char         *method,
                 const char         *raw_query,
                 SoupMessageHeaders *headers,
                 GBytes             *body)
{
  const char *content_type;
  const char *authorization;
  Call *call = g_new0 (Call, 1);

  call->method = method;
  call->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  call->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  call->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  call->request_id = new_request_id ();

  call->params_ok = parse_encoded_params (raw_query, FALSE, call->params, call->query);

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (call->params_ok &&
      g_strcmp0 (call->method, "POST") == 0 &&
      g_strcmp0 (content_type, FORM_CONTENT_TYPE) == 0 &&
      g_bytes_get_size (call->body) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (call->body, &size);
      g_autofree char *form = g_strndup (data, size);

      call->params_ok = strlen (form) == size &&
                        parse_encoded_params (form, TRUE, call->params, NULL);
    }

  authorization = soup_message_headers_get_one (headers, "Authorization");
  if (authorization != NULL)
    {
      call->is_v3 = TRUE;
      parse_authorization (call, authorization);
      call->action = g_strdup (soup_message_headers_get_one (headers, "x-acs-action"));
      call->version = g_strdup (soup_message_headers_get_one (headers, "x-acs-version"));
    }
  else
    {
      const char *format = _emu_get_param (call, "Format");

      call->action = g_strdup (_emu_get_param (call, "Action"));
      call->version = g_strdup (_emu_get_param (call, "Version"));
      call->access_key_id = g_strdup (_emu_get_param (call, "AccessKeyId"));
      /* V1 answers in XML unless asked for JSON, as the gateway does:
       * a client that loses Format=JSON gets what it cannot read. */
      call->xml = format == NULL || g_ascii_strcasecmp (format, "JSON") != 0;
    }

  call->image_id = g_strdup (_emu_get_param (call, "ImageId"));

  return call;
}

void
_emu_call_free (Call *call)
{
  g_clear_pointer (&call->params, g_hash_table_unref);
  g_clear_pointer (&call->query, g_hash_table_unref);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->action);
  g_free (call->version);
  g_free (call->access_key_id);
  g_free (call->image_id);
  g_free (call->v3_scheme);
  g_free (call->v3_signed_headers);
  g_free (call->v3_signature);
  g_free (call->request_id);
  g_free (call->code);
  g_free (call->response);
  g_free (call);
}

/* Answers */

/* JSON as the gateway writes it in XML: a member is an element, an array
 * repeats the element of its member's name, null is an empty element. */
static void
append_xml (GString    *xml,
            const char *name,
            JsonNode   *node)
{
  g_autofree char *text = NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_ARRAY:
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        append_xml (xml, name, json_array_get_element (json_node_get_array (node), i));
      return;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        /* In the order the members were added. */
        g_string_append_printf (xml, "<%s>", name);
        for (GList *l = members; l != NULL; l = l->next)
          append_xml (xml, l->data, json_object_get_member (object, l->data));
        g_string_append_printf (xml, "</%s>", name);
        return;
      }

    case JSON_NODE_NULL:
      g_string_append_printf (xml, "<%s/>", name);
      return;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      text = g_markup_escape_text (json_node_get_string (node), -1);
      break;

    case G_TYPE_BOOLEAN:
      text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      break;

    case G_TYPE_DOUBLE:
      text = g_strdup_printf ("%g", json_node_get_double (node));
      break;

    default:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    }

  g_string_append_printf (xml, "<%s>%s</%s>", name, text, name);
}

/* @root_name: the XML root element, "Error" or "<Action>Response". */
static void
call_set_body (Call       *call,
               guint       status,
               JsonNode   *root,
               const char *root_name)
{
  call->status = status;
  g_free (call->response);

  if (call->xml)
    {
      GString *xml = g_string_new ("<?xml version='1.0' encoding='UTF-8'?>");

      append_xml (xml, root_name, root);
      call->content_type = XML_CONTENT_TYPE;
      call->response_len = xml->len;
      call->response = g_string_free (xml, FALSE);
      return;
    }

  call->content_type = JSON_CONTENT_TYPE;
  call->response = _emu_json_node_to_data (root, &call->response_len);
}

void
_emu_call_error (Call       *call,
                 guint       status,
                 const char *code,
                 const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *recommend = NULL;

  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=Ens&requestId=%s",
                               code, call->request_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "RequestId");
  json_builder_add_string_value (builder, call->request_id);
  json_builder_set_member_name (builder, "HostId");
  json_builder_add_string_value (builder, HOST_ID);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "Message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "Recommend");
  json_builder_add_string_value (builder, recommend);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  call_set_body (call, status, root, "Error");
  _emu_set_str (&call->code, code);
}

void
_emu_call_missing (Call       *call,
                   const char *name)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("The input parameter \"%s\" that is mandatory for processing "
                             "this request is not supplied.", name);
  _emu_call_error (call, 400, "MissingParameter", message);
}

void
_emu_call_invalid (Call       *call,
                   const char *name,
                   const char *why)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("The specified parameter \"%s\" is not valid. %s", name, why);
  _emu_call_error (call, 400, "InvalidParameter", message);
}

void
_emu_call_incomplete_signature (Call       *call,
                                const char *detail)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("The request signature does not conform to Aliyun standards. %s",
                             detail);
  _emu_call_error (call, 400, "IncompleteSignature", message);
}

void
_emu_call_image_not_found (Call *call)
{
  _emu_call_error (call, 404, "InvalidImageId.NotFound", "The specified ImageId does not exist.");
}

JsonBuilder *
_emu_begin_success (Call *call)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "RequestId");
  json_builder_add_string_value (builder, call->request_id);

  return builder;
}

void
_emu_finish_success (Call        *call,
                     JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *root_name = NULL;
  const char *action = call->action;

  /* The action was checked before an answer is made; be safe anyway. */
  if (action == NULL ||
      strspn (action, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != strlen (action))
    action = "";
  root_name = g_strconcat (action, "Response", NULL);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  call_set_body (call, 200, root, root_name);
}
