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
#include "ens-json.h"
#include "ens-response.h"
#include "ens-text.h"

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

/* Integers that json-glib would not read exactly: it reads every integer
 * into a gint64 and wraps silently beyond it (2^64 + 1 becomes 1), and it
 * accepts leading zeros, which JSON does not (account IDs lose them). */
static gboolean
integer_token_is_exact (const char *token,
                        gsize       len)
{
  static const char max_digits[] = "9223372036854775807";

  if (len > 0 && token[0] == '-')
    {
      token++;
      len--;
    }

  if (len > 1 && token[0] == '0')
    return FALSE;

  if (len < sizeof max_digits - 1)
    return TRUE;

  return len == sizeof max_digits - 1 && memcmp (token, max_digits, len) <= 0;
}

/* One pass over the text outside strings: how deep it nests, and whether
 * every integer can be read exactly.  Returns a detail for the first
 * problem, or %NULL. */
static const char *
scan_json (const char *text,
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
            return _("The answer is nested too deeply.");
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          depth--;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;
          gboolean integer = TRUE;

          while (i + 1 < len &&
                 (g_ascii_isdigit (text[i + 1]) || text[i + 1] == '.' ||
                  text[i + 1] == 'e' || text[i + 1] == 'E' ||
                  text[i + 1] == '+' || text[i + 1] == '-'))
            {
              if (!g_ascii_isdigit (text[i + 1]))
                integer = FALSE;
              i++;
            }

          if (integer && !integer_token_is_exact (text + start, i + 1 - start))
            return _("The answer contains a number that cannot be read exactly.");
        }
    }

  return NULL;
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

/* The API error an error body describes, its fields limited. */
static GError *
api_error_from_body (guint       http_status,
                     JsonObject *object,
                     const char *code)
{
  g_autofree char *message = ens_json_dup_string_cut (object, "Message", ENS_MAX_MESSAGE_CHARS);
  const char *request_id = ens_json_get_string_max (object, "RequestId", ENS_MAX_REQUEST_ID_CHARS);
  GError *api_error;

  if (code != NULL && !ens_text_fits (code, ENS_MAX_CODE_CHARS))
    {
      g_debug ("Dropping the answer's Code: longer than %u characters", ENS_MAX_CODE_CHARS);
      code = NULL;
    }

  g_debug ("API error (HTTP %u): %s, request %s",
           http_status, code != NULL ? code : "(no code)",
           request_id != NULL ? request_id : "(none)");

  api_error = ens_error_new_api (http_status,
                                 code,
                                 message,
                                 request_id,
                                 ens_json_get_string_max (object, "HostId", ENS_MAX_HOST_ID_CHARS),
                                 ens_json_get_string_max (object, "Recommend", ENS_MAX_RECOMMEND_CHARS));
  ens_error_read_access_denied (api_error, object);

  return api_error;
}

/* A 2xx answer may still carry an error in its body: a "Code" other than
 * a success code (0, 200, "0", "200", "OK", "Success"; Describe answers
 * carry "Code": 0), or "Success": false.  Returns that error, or %NULL. */
static GError *
error_in_success_body (guint       http_status,
                       JsonObject *object)
{
  JsonNode *code_node = ens_json_get_member (object, "Code");
  JsonNode *success_node = ens_json_get_member (object, "Success");
  g_autofree char *code = NULL;
  gboolean failed = FALSE;

  if (code_node != NULL && !JSON_NODE_HOLDS_NULL (code_node))
    {
      GType type = JSON_NODE_HOLDS_VALUE (code_node) ? json_node_get_value_type (code_node)
                                                     : G_TYPE_INVALID;

      if (type == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (code_node);

          if (value != 0 && value != 200)
            code = g_strdup_printf ("%" G_GINT64_FORMAT, value);
        }
      else if (type == G_TYPE_STRING)
        {
          const char *value = json_node_get_string (code_node);

          if (value[0] != '\0' &&
              strcmp (value, "0") != 0 &&
              strcmp (value, "200") != 0 &&
              g_ascii_strcasecmp (value, "OK") != 0 &&
              g_ascii_strcasecmp (value, "Success") != 0)
            code = g_strdup (value);
        }
      else
        {
          return bad_answer (http_status,
                             _("The answer carries an error code (“Code”) that is neither a number nor text."));
        }
    }

  if (success_node != NULL && JSON_NODE_HOLDS_VALUE (success_node))
    {
      GType type = json_node_get_value_type (success_node);

      if (type == G_TYPE_BOOLEAN)
        failed = !json_node_get_boolean (success_node);
      else if (type == G_TYPE_STRING)
        failed = g_ascii_strcasecmp (json_node_get_string (success_node), "false") == 0;
    }

  if (code == NULL && !failed)
    return NULL;

  if (code != NULL && !ens_text_fits (code, ENS_MAX_CODE_CHARS))
    return bad_answer (http_status, _("The answer carries an error code that is too long."));

  return api_error_from_body (http_status, object, code);
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
  JsonObject *object;
  JsonNode *root;
  const char *text = NULL;
  const char *scan_problem;
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

  scan_problem = scan_json (text, len);
  if (scan_problem != NULL)
    {
      g_propagate_error (error, bad_answer (http_status, scan_problem));
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

  /* Believe the body, not only the status: a 2xx answer whose body
   * carries an error is that error. */
  if (success)
    {
      GError *body_error = error_in_success_body (http_status, object);

      if (body_error != NULL)
        {
          g_propagate_error (error, body_error);
          return NULL;
        }

      return json_object_ref (object);
    }

  code = ens_json_get_text (object, "Code");
  g_propagate_error (error, api_error_from_body (http_status, object, code));
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

  request_id = ens_json_get_string (object, "RequestId");
  if (request_id != NULL && !ens_text_fits (request_id, ENS_MAX_REQUEST_ID_CHARS))
    {
      g_autofree char *detail =
        g_strdup_printf (_("The request ID in the answer is longer than %u characters."),
                         ENS_MAX_REQUEST_ID_CHARS);

      g_propagate_error (error,
                         ens_error_new_http (http_status, ENS_ERROR_INVALID_RESPONSE, detail));
      return NULL;
    }

  if (request_id == NULL || request_id[0] == '\0')
    {
      g_propagate_error (error,
                         ens_error_new_http (http_status, ENS_ERROR_INVALID_RESPONSE,
                                             _("The answer does not contain a request ID.")));
      return NULL;
    }

  return g_strdup (request_id);
}

