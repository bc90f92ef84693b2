/* ens-json.c
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

#include "ens-json.h"
#include "ens-text.h"

/**
 * ens_json_builder_add_nullable_string:
 * @builder: a #JsonBuilder inside an object
 * @name: the member name
 * @value: (nullable): the value; %NULL becomes JSON null
 *
 * Adds the member @name with @value, or null.
 */
void
ens_json_builder_add_nullable_string (JsonBuilder *builder,
                                      const char  *name,
                                      const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (name != NULL);

  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Reading answers ---------------------------------------------------------- */

/* Typed member access: a member of another type counts as missing. */

JsonNode *
ens_json_get_member (JsonObject *object,
                     const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  return json_object_get_member (object, name);
}

const char *
ens_json_get_string (JsonObject *object,
                     const char *name)
{
  JsonNode *node = ens_json_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A string member, or %NULL when it is longer than @max_chars. */
const char *
ens_json_get_string_max (JsonObject *object,
                         const char *name,
                         guint       max_chars)
{
  const char *value = ens_json_get_string (object, name);

  if (value != NULL && !ens_text_fits (value, max_chars))
    {
      g_debug ("Dropping the answer's %s: longer than %u characters", name, max_chars);
      return NULL;
    }

  return value;
}

/* A string member, cut to @max_chars characters and "…". */
char *
ens_json_dup_string_cut (JsonObject *object,
                         const char *name,
                         guint       max_chars)
{
  const char *value = ens_json_get_string (object, name);
  g_autofree char *head = NULL;

  if (value == NULL)
    return NULL;

  if (ens_text_fits (value, max_chars))
    return g_strdup (value);

  head = g_utf8_substring (value, 0, max_chars);

  return g_strconcat (head, "…", NULL);
}

/* A string, or a number written out as one (IDs and sizes are documented
 * as strings but some answers send numbers). */
char *
ens_json_node_dup_text (JsonNode *node)
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

char *
ens_json_get_text (JsonObject *object,
                   const char *name)
{
  return ens_json_node_dup_text (ens_json_get_member (object, name));
}

/* A whole number from 0 to G_MAXUINT, sent as a number or as text. */
gboolean
ens_json_read_uint (JsonObject *object,
                    const char *name,
                    guint      *out)
{
  JsonNode *node = ens_json_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value < 0 || value > G_MAXUINT)
        return FALSE;
      *out = (guint) value;
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!(value >= 0 && value <= G_MAXUINT && value == (double) (guint) value))
        return FALSE;
      *out = (guint) value;
      return TRUE;
    }

  if (type == G_TYPE_STRING)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10,
                                       0, G_MAXUINT, &value, NULL))
        return FALSE;
      *out = (guint) value;
      return TRUE;
    }

  return FALSE;
}

guint
ens_json_get_uint (JsonObject *object,
                   const char *name,
                   guint       fallback)
{
  guint value;

  return ens_json_read_uint (object, name, &value) ? value : fallback;
}

/* The list inside a wrapper such as "Images": {"Image": [ … ]}.  Also
 * accepted: a single object instead of the array (as XML-to-JSON
 * converters produce for one element) and the array without the wrapper.
 * Returns the nodes, not referenced. */
GPtrArray *
ens_json_get_list (JsonObject *object,
                   const char *outer,
                   const char *inner)
{
  GPtrArray *nodes = g_ptr_array_new ();
  JsonNode *node = ens_json_get_member (object, outer);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = ens_json_get_member (json_node_get_object (node), inner);

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
