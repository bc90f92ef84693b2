/* ens-response.c
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

#include "ens-error.h"
#include "ens-error-access.h"
#include "ens-image.h"
#include "ens-response.h"

/*
 * Nothing in an answer is trusted: the status, the size, the kind of
 * document, the root type and each member's type are checked before use.
 * A member of the wrong type is treated as missing; a body that is not a
 * JSON object is an error with a detail that says what it was.
 */

/* Deeper nesting than this is not an ENS answer, and recursion in the
 * parser is better not offered to a hostile server. */
#define MAX_NESTING 64

static GError *
bad_answer (guint       http_status,
            const char *detail)
{
  /* A server failure answered by a proxy or load balancer page is still a
   * server failure: keep the category (and with it the retry) for 5xx. */
  EnsError category = (http_status >= 500 && http_status < 600)
                      ? ENS_ERROR_SERVER
                      : ENS_ERROR_INVALID_RESPONSE;

  g_debug ("Unusable answer (HTTP %u): %s", http_status, detail);

  return ens_error_new_http (http_status, category, detail);
}

static gboolean
has_prefix_nocase (const char *text,
                   gsize       len,
                   const char *prefix)
{
  gsize plen = strlen (prefix);

  return len >= plen && g_ascii_strncasecmp (text, prefix, plen) == 0;
}

/* ENS answers JSON as application/json.  A missing label is tolerated;
 * any other label means something else answered or rewrote the answer
 * (a captive portal, a proxy), so its content is not trusted. */
static gboolean
content_type_is_json (const char *content_type)
{
  g_autofree char *media_type = NULL;
  const char *semicolon;

  if (content_type == NULL)
    return TRUE;

  while (g_ascii_isspace (*content_type))
    content_type++;
  semicolon = strchr (content_type, ';');
  media_type = g_strstrip (g_ascii_strdown (content_type,
                                            semicolon ? semicolon - content_type : -1));

  return media_type[0] == '\0' ||
         g_str_equal (media_type, "application/json") ||
         g_str_equal (media_type, "text/json") ||
         g_str_has_suffix (media_type, "+json");
}

static gboolean
content_type_is_html (const char *content_type)
{
  if (content_type == NULL)
    return FALSE;

  while (g_ascii_isspace (*content_type))
    content_type++;

  return g_ascii_strncasecmp (content_type, "text/html", 9) == 0 ||
         g_ascii_strncasecmp (content_type, "application/xhtml", 17) == 0;
}

static gboolean
looks_like_html (const char *text,
                 gsize       len)
{
  return has_prefix_nocase (text, len, "<!doctype") ||
         has_prefix_nocase (text, len, "<html") ||
         has_prefix_nocase (text, len, "<head") ||
         has_prefix_nocase (text, len, "<body") ||
         has_prefix_nocase (text, len, "<!--");
}

/* Returns the text of <Code>…</Code> in an XML error body, if short and
 * plain enough to repeat in a message. */
static char *
xml_error_code (const char *text,
                gsize       len)
{
  g_autofree char *copy = g_strndup (text, MIN (len, 4096));
  const char *start = strstr (copy, "<Code>");
  const char *end;

  if (start == NULL)
    return NULL;

  start += strlen ("<Code>");
  end = strstr (start, "</Code>");
  if (end == NULL || end == start || end - start > 100)
    return NULL;

  for (const char *p = start; p < end; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return NULL;

  return g_strndup (start, end - start);
}

static gboolean
nested_too_deeply (const char *text,
                   gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_NESTING)
            return TRUE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          depth--;
        }
    }

  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_VALUE:
    default:
      return "value";
    }
}

/* Typed member access: a member of another type counts as missing. */

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  return json_object_get_member (object, name);
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

/* A string, or a number written out as one (IDs and sizes are documented
 * as strings but some answers send numbers). */
static char *
node_dup_text (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* Whole numbers below 2^53 are exact: write them without a point. */
      if (value > -9007199254740992.0 && value < 9007199254740992.0 &&
          value == (double) (gint64) value)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

      if (value != value)
        return NULL;

      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
    }

  return NULL;
}

static char *
get_text (JsonObject *object,
          const char *name)
{
  return node_dup_text (get_member (object, name));
}

static guint
get_uint (JsonObject *object,
          const char *name,
          guint       fallback)
{
  JsonNode *node = get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      return (value >= 0 && value <= G_MAXUINT) ? (guint) value : fallback;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      return (value >= 0 && value <= G_MAXUINT && value == (double) (guint) value)
             ? (guint) value : fallback;
    }

  if (type == G_TYPE_STRING)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (json_node_get_string (node), 10,
                                      0, G_MAXUINT, &value, NULL))
        return (guint) value;
    }

  return fallback;
}

/* The list inside a wrapper such as "Images": {"Image": [ … ]}.  Also
 * accepted: a single object instead of the array (as XML-to-JSON
 * converters produce for one element) and the array without the wrapper.
 * Returns the nodes, not referenced. */
static GPtrArray *
get_list (JsonObject *object,
          const char *outer,
          const char *inner)
{
  GPtrArray *nodes = g_ptr_array_new ();
  JsonNode *node = get_member (object, outer);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = get_member (json_node_get_object (node), inner);

  if (node == NULL)
    return nodes;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (nodes, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_ptr_array_add (nodes, node);
    }

  return nodes;
}

/**
 * ens_response_parse_object:
 * @http_status: the HTTP status of the answer
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): the body
 * @error: return location for an error
 *
 * Checks an answer and returns its JSON object if the status is 2xx.  For
 * a 4xx or 5xx status with a JSON error body, the error is an API error
 * (ens_error_new_api()) carrying Code, Message, RequestId, HostId and
 * Recommend.  Anything else is %ENS_ERROR_INVALID_RESPONSE (or
 * %ENS_ERROR_SERVER for a 5xx status) with the HTTP status attached.
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL
 */
JsonObject *
ens_response_parse_object (guint        http_status,
                           const char  *content_type,
                           GBytes      *body,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;
  GError *api_error;
  JsonObject *object;
  JsonNode *root;
  const char *text = NULL;
  gsize len = 0;
  gboolean success;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  success = http_status >= 200 && http_status < 300;

  if (!success && !(http_status >= 400 && http_status < 600))
    {
      g_autofree char *detail =
        g_strdup_printf (_("The server answered with the unexpected HTTP status %u."),
                         http_status);

      g_propagate_error (error, bad_answer (http_status, detail));
      return NULL;
    }

  if (body != NULL)
    text = g_bytes_get_data (body, &len);

  if (len > ENS_MAX_RESPONSE_SIZE)
    {
      g_autofree char *detail =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The answer is larger than the limit of %u byte.",
                                      "The answer is larger than the limit of %u bytes.",
                                      ENS_MAX_RESPONSE_SIZE),
                         (guint) ENS_MAX_RESPONSE_SIZE);

      g_propagate_error (error, bad_answer (http_status, detail));
      return NULL;
    }

  /* Skip a byte order mark and leading white space. */
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  while (len > 0 && g_ascii_isspace (*text))
    {
      text++;
      len--;
    }

  if (len == 0)
    {
      g_propagate_error (error, bad_answer (http_status, _("The answer is empty.")));
      return NULL;
    }

  if (content_type_is_html (content_type) || looks_like_html (text, len))
    {
      g_propagate_error (error,
                         bad_answer (http_status,
                                     _("The answer is a web page (HTML), not ENS data. A proxy or a wrong endpoint may have answered.")));
      return NULL;
    }

  if (has_prefix_nocase (text, len, "<?xml") || has_prefix_nocase (text, len, "<Error"))
    {
      g_autofree char *xml_code = xml_error_code (text, len);
      g_autofree char *detail = NULL;

      if (xml_code != NULL)
        detail = g_strdup_printf (_("The answer is XML, not JSON (error code “%s”)."), xml_code);
      else
        detail = g_strdup (_("The answer is XML, not JSON."));

      g_propagate_error (error, bad_answer (http_status, detail));
      return NULL;
    }

  if (text[0] == '<')
    {
      g_propagate_error (error, bad_answer (http_status, _("The answer is markup, not JSON.")));
      return NULL;
    }

  if (!content_type_is_json (content_type))
    {
      g_autofree char *detail =
        g_strdup_printf (_("The answer is labelled “%s”, not JSON. A proxy or a wrong endpoint may have answered."),
                         content_type);

      g_propagate_error (error, bad_answer (http_status, detail));
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_propagate_error (error, bad_answer (http_status, _("The answer is not valid text.")));
      return NULL;
    }

  if (nested_too_deeply (text, len))
    {
      g_propagate_error (error, bad_answer (http_status, _("The answer is nested too deeply.")));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    {
      g_autofree char *detail =
        g_strdup_printf (_("The answer is not valid JSON: %s"), local_error->message);

      g_propagate_error (error, bad_answer (http_status, detail));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_propagate_error (error, bad_answer (http_status, _("The answer is empty.")));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *detail =
        /* Translators: %s is "array", "value" or "null", left untranslated */
        g_strdup_printf (_("The answer is a JSON %s, not an object."), node_kind (root));

      g_propagate_error (error, bad_answer (http_status, detail));
      return NULL;
    }

  object = json_node_get_object (root);

  /* Success is decided by the status alone: Describe answers carry
   * "Code": 0 when all went well. */
  if (success)
    return json_object_ref (object);

  code = get_text (object, "Code");
  g_debug ("API error (HTTP %u): %s, request %s",
           http_status, code != NULL ? code : "(no code)",
           get_string (object, "RequestId") != NULL ? get_string (object, "RequestId") : "(none)");

  api_error = ens_error_new_api (http_status,
                                 code,
                                 get_string (object, "Message"),
                                 get_string (object, "RequestId"),
                                 get_string (object, "HostId"),
                                 get_string (object, "Recommend"));
  ens_error_read_access_denied (api_error, object);
  g_propagate_error (error, api_error);
  return NULL;
}

/**
 * ens_response_parse_modify:
 * @http_status: the HTTP status of the answer
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): the body
 * @error: return location for an error
 *
 * Parses the answer to ModifyImageSharePermission.
 *
 * Returns: (transfer full) (nullable): the RequestId, or %NULL
 */
char *
ens_response_parse_modify (guint        http_status,
                           const char  *content_type,
                           GBytes      *body,
                           GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  const char *request_id;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = ens_response_parse_object (http_status, content_type, body, error);
  if (object == NULL)
    return NULL;

  request_id = get_string (object, "RequestId");
  if (request_id == NULL || request_id[0] == '\0')
    {
      g_propagate_error (error,
                         ens_error_new_http (http_status, ENS_ERROR_INVALID_RESPONSE,
                                             _("The answer does not contain a request ID.")));
      return NULL;
    }

  return g_strdup (request_id);
}

/**
 * ens_response_parse_share_page:
 * @http_status: the HTTP status of the answer
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): the body
 * @error: return location for an error
 *
 * Parses one page of DescribeImageSharePermission.  Account IDs sent as
 * numbers are accepted; entries of other types are skipped.  A missing
 * TotalCount is taken to be the number of accounts on the page, so that
 * paging stops.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL
 */
EnsSharePage *
ens_response_parse_share_page (guint        http_status,
                               const char  *content_type,
                               GBytes      *body,
                               GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  EnsSharePage *page;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = ens_response_parse_object (http_status, content_type, body, error);
  if (object == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func (g_free);
  nodes = get_list (object, "Accounts", "Account");

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *uid = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        uid = get_text (json_node_get_object (node), "AliyunUid");
      else
        uid = node_dup_text (node);

      if (uid == NULL || uid[0] == '\0')
        {
          g_debug ("Skipping account entry %u without an AliyunUid", i);
          continue;
        }

      g_ptr_array_add (accounts, g_steal_pointer (&uid));
    }

  page = g_new0 (EnsSharePage, 1);
  page->request_id = g_strdup (get_string (object, "RequestId"));
  page->image_id = g_strdup (get_string (object, "ImageId"));
  page->total_count = get_uint (object, "TotalCount", accounts->len);
  page->page_number = get_uint (object, "PageNumber", 1);
  page->page_size = get_uint (object, "PageSize", accounts->len);

  g_ptr_array_set_free_func (accounts, NULL);
  g_ptr_array_add (accounts, NULL);
  page->accounts = (GStrv) g_ptr_array_free (g_steal_pointer (&accounts), FALSE);

  return page;
}

/**
 * ens_share_page_free:
 * @page: (nullable): a page
 */
void
ens_share_page_free (EnsSharePage *page)
{
  if (page == NULL)
    return;

  g_free (page->request_id);
  g_free (page->image_id);
  g_strfreev (page->accounts);
  g_free (page);
}

/**
 * ens_response_parse_image_page:
 * @http_status: the HTTP status of the answer
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): the body
 * @error: return location for an error
 *
 * Parses one page of DescribeImages.  Images without an ImageId are
 * skipped; ImageSize is accepted as a string or a number.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL
 */
EnsImagePage *
ens_response_parse_image_page (guint        http_status,
                               const char  *content_type,
                               GBytes      *body,
                               GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  EnsImagePage *page;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = ens_response_parse_object (http_status, content_type, body, error);
  if (object == NULL)
    return NULL;

  page = g_new0 (EnsImagePage, 1);
  page->images = g_ptr_array_new_with_free_func (g_object_unref);
  nodes = get_list (object, "Images", "Image");

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      JsonObject *image;
      g_autofree char *image_id = NULL;
      g_autofree char *image_size = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      image = json_node_get_object (node);
      image_id = get_text (image, "ImageId");
      if (image_id == NULL || image_id[0] == '\0')
        {
          g_debug ("Skipping image entry %u without an ImageId", i);
          continue;
        }

      image_size = get_text (image, "ImageSize");
      g_ptr_array_add (page->images,
                       ens_image_new (image_id,
                                      get_string (image, "ImageName"),
                                      get_string (image, "ImageOwnerAlias"),
                                      get_string (image, "CreationTime"),
                                      get_string (image, "Platform"),
                                      image_size));
    }

  page->request_id = g_strdup (get_string (object, "RequestId"));
  page->total_count = get_uint (object, "TotalCount", page->images->len);
  page->page_number = get_uint (object, "PageNumber", 1);
  page->page_size = get_uint (object, "PageSize", page->images->len);

  return page;
}

/**
 * ens_image_page_free:
 * @page: (nullable): a page
 */
void
ens_image_page_free (EnsImagePage *page)
{
  if (page == NULL)
    return;

  g_free (page->request_id);
  g_clear_pointer (&page->images, g_ptr_array_unref);
  g_free (page);
}
