/* fuzz-emulator.c
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

/* libFuzzer harness: the emulator's request parsing, signature checks
 * (V1 and V3) and actions take any request and answer it with a known
 * status and a JSON body (XML for a V1 request without Format=JSON, as the
 * gateway does) — never a crash, a hang or a leak.  It goes
 * through ens_emulator_handle_raw(), the code the server itself runs,
 * minus the socket.
 *
 * Input format (also what tests/fuzz/corpus/emulator/ holds):
 *
 *   byte 0         the method: "POST", "GET", "PUT", "DELETE" by its low
 *                  two bits
 *   line 1         the raw query, still percent-encoded (no '?')
 *   lines 2…       request headers "Name: value", up to an empty line
 *   the rest       the request body
 *
 * Each input gets a fresh emulator (the demo data plus a read-only key
 * and two STS keys) whose clock reads 2026-01-01T00:00:00Z, the time the
 * seeds were signed at, so seeds reach the signature checks and actions. */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ens-emulator.h"

#define SEED_TIME       G_GINT64_CONSTANT (1767225600)  /* 2026-01-01T00:00:00Z */
#define RO_KEY_ID       "LTAI5tFuzzReadOnly000001"
#define RO_KEY_SECRET   "FuzzReadOnlySecretFuzzReadOnl"
#define STS_KEY_ID      "STS.NFuzzFuzzFuzzFuzzFuzz01"
#define STS_KEY_SECRET  "FuzzStsSecretFuzzStsSecretFuzzSts"
#define STS_TOKEN       "CAISFuzzTokenFuzzTokenFuzzToken01"
#define OLD_STS_KEY_ID  "STS.NFuzzFuzzFuzzFuzzFuzz02"
#define OLD_STS_TOKEN   "CAISFuzzTokenFuzzTokenFuzzToken02"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gboolean
valid_header_name (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

/* Splits "Name: value" lines; lines libsoup would refuse are dropped
 * (libsoup itself never hands the server such headers). */
static void
parse_headers (const char         *text,
               gsize               length,
               SoupMessageHeaders *headers)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      const char *value;

      if (colon == NULL)
        continue;
      *colon = '\0';
      value = colon + 1;
      while (*value == ' ')
        value++;
      if (valid_header_name (lines[i]) && strchr (value, '\r') == NULL)
        soup_message_headers_append (headers, lines[i], value);
    }
}

static EnsEmulator *
new_emulator (void)
{
  EnsEmulator *emulator = ens_emulator_new ();

  ens_emulator_load_demo (emulator);
  ens_emulator_add_key (emulator, RO_KEY_ID, RO_KEY_SECRET, TRUE);
  ens_emulator_add_sts_key (emulator, STS_KEY_ID, STS_KEY_SECRET, STS_TOKEN, FALSE);
  ens_emulator_add_sts_key (emulator, OLD_STS_KEY_ID, STS_KEY_SECRET, OLD_STS_TOKEN, TRUE);
  ens_emulator_set_clock_offset (emulator, SEED_TIME - g_get_real_time () / G_USEC_PER_SEC);

  return emulator;
}

typedef struct
{
  guint    depth;
  char    *root;
  gboolean request_id;
  gboolean code;
} XmlAnswer;

static void
xml_start_cb (GMarkupParseContext  *context,
              const char           *element_name,
              const char          **attribute_names,
              const char          **attribute_values,
              gpointer              user_data,
              GError              **error)
{
  XmlAnswer *answer = user_data;

  if (answer->depth == 0)
    answer->root = g_strdup (element_name);
  else if (answer->depth == 1 && strcmp (element_name, "RequestId") == 0)
    answer->request_id = TRUE;
  else if (answer->depth == 1 && strcmp (element_name, "Code") == 0)
    answer->code = TRUE;
  answer->depth++;
}

static void
xml_end_cb (GMarkupParseContext  *context,
            const char           *element_name,
            gpointer              user_data,
            GError              **error)
{
  ((XmlAnswer *) user_data)->depth--;
}

/* An XML answer: well formed, with a RequestId under the root, which is
 * <Error> with a Code for a failure and <…Response> for a success. */
static void
check_xml_answer (guint       status,
                  const char *text,
                  gsize       size)
{
  static const char declaration[] = "<?xml version='1.0' encoding='UTF-8'?>";
  static const GMarkupParser parser = { xml_start_cb, xml_end_cb, NULL, NULL, NULL };
  XmlAnswer answer = { 0, };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (size > strlen (declaration) && memcmp (text, declaration, strlen (declaration)) == 0);
  context = g_markup_parse_context_new (&parser, 0, &answer, NULL);
  if (!g_markup_parse_context_parse (context, text + strlen (declaration),
                                     size - strlen (declaration), &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("status %u with XML that does not parse: %s", status, error->message);

  g_assert (answer.root != NULL && answer.request_id);
  if (status != 200)
    g_assert (strcmp (answer.root, "Error") == 0 && answer.code);
  else
    g_assert (g_str_has_suffix (answer.root, "Response"));
  g_free (answer.root);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const methods[] = { "POST", "GET", "PUT", "DELETE" };
  static const guint statuses[] = { 200, 400, 403, 404, 500, 503 };
  g_autoptr(EnsEmulator) emulator = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  const char *text;
  const char *end;
  const char *newline;
  const char *blank;
  const char *response_data;
  JsonNode *root;
  gsize response_size;
  gboolean known = FALSE;
  guint status;

  if (size < 1)
    return 0;

  text = (const char *) data + 1;
  end = (const char *) data + size;

  /* The raw query, as a C string: a NUL ends it early. */
  newline = memchr (text, '\n', end - text);
  if (newline == NULL)
    newline = end;
  query = g_strndup (text, newline - text);
  text = newline < end ? newline + 1 : end;

  /* Headers up to an empty line. */
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (text < end && *text == '\n')
    {
      text++;
    }
  else
    {
      blank = g_strstr_len (text, end - text, "\n\n");
      if (blank == NULL)
        blank = end;
      parse_headers (text, blank - text, headers);
      text = blank < end ? blank + 2 : end;
    }

  body = g_bytes_new (text, end - text);

  emulator = new_emulator ();
  status = ens_emulator_handle_raw (emulator, methods[data[0] & 3], query, headers, body,
                                    &response);

  /* FUZZ_EMULATOR_VERBOSE=1 shows what each input got, to check that the
   * seeds still pass the signature checks after a change. */
  if (g_getenv ("FUZZ_EMULATOR_VERBOSE") != NULL && response != NULL)
    g_printerr ("%s %u %.*s\n", methods[data[0] & 3], status,
                (int) MIN (g_bytes_get_size (response), 300),
                (const char *) g_bytes_get_data (response, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    known |= statuses[i] == status;
  if (!known)
    g_error ("unexpected status %u", status);

  /* Every answer is a JSON object with a RequestId, or the same in XML. */
  g_assert (response != NULL);
  response_data = g_bytes_get_data (response, &response_size);
  g_assert (response_size > 0);
  if (response_data[0] == '<')
    {
      check_xml_answer (status, response_data, response_size);
      return 0;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, response_data, response_size, &error))
    g_error ("status %u with a body that is not JSON: %s", status, error->message);
  root = json_parser_get_root (parser);
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  g_assert (json_object_get_string_member_with_default (json_node_get_object (root),
                                                        "RequestId", NULL) != NULL);
  if (status != 200)
    g_assert (json_object_get_string_member_with_default (json_node_get_object (root),
                                                          "Code", NULL) != NULL);

  return 0;
}
