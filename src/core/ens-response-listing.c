/* ens-response-listing.c
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
#include "ens-image.h"
#include "ens-json.h"
#include "ens-response.h"
#include "ens-text.h"

/*
 * The two paged listings: DescribeImageSharePermission and DescribeImages.
 * ens_response_parse_object() has checked the answer as a whole; here each
 * member is read with its type and its length limit (ens-response.h).
 */

/* An account ID as the server sent it: the AliyunUid (ENS) or AliyunId
 * (ECS-style) member of an object, or a plain string or number (older SDK
 * shapes).  It must be 1–32 digits.  A number is read exactly: json-glib
 * holds it in a gint64 (scan_json() rejected the ones it would wrap);
 * negative numbers and any number with a fraction or an exponent (held
 * in a double) are refused.  Returns %NULL for anything else. */
static char *
account_id_from_node (JsonNode *node)
{
  JsonNode *value = node;
  g_autofree char *text = NULL;
  GType type;
  gsize len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *account = json_node_get_object (node);

      value = ens_json_get_member (account, "AliyunUid");
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        value = ens_json_get_member (account, "AliyunId");
    }

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;

  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    {
      const char *string = json_node_get_string (value);

      /* Not copied before its length is known. */
      if (strlen (string) > ENS_MAX_ACCOUNT_ID_DIGITS)
        return NULL;
      text = g_strdup (string);
    }
  else if (type == G_TYPE_INT64 && json_node_get_int (value) >= 0)
    {
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    }
  else
    {
      return NULL;
    }

  len = strlen (text);
  if (len == 0 || len > ENS_MAX_ACCOUNT_ID_DIGITS)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return NULL;

  return g_steal_pointer (&text);
}

static GError *
unexpected_listing (guint       http_status,
                    const char *detail)
{
  g_debug ("Unusable listing (HTTP %u): %s", http_status, detail);

  return ens_error_new_http (http_status, ENS_ERROR_INVALID_RESPONSE, detail);
}

/**
 * ens_response_parse_share_page:
 * @http_status: the HTTP status of the answer
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): the body
 * @error: return location for an error
 *
 * Parses one page of DescribeImageSharePermission.  The accounts are read
 * from "Accounts": {"Account": [ … ]} (or the array alone, or one object
 * for a list of one), each entry an object with AliyunUid or AliyunId, or
 * a plain string or number: see account_id_from_node().  An answer without
 * "Accounts", without a readable TotalCount, or with an entry whose
 * account cannot be read is %ENS_ERROR_INVALID_RESPONSE: never an empty
 * list, which would read as "not shared with any account".
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
  g_autoptr(GPtrArray) accounts = NULL;
  JsonNode *list;
  JsonArray *array = NULL;
  gboolean empty = FALSE;
  guint total_count;
  EnsSharePage *page;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = ens_response_parse_object (http_status, content_type, body, error);
  if (object == NULL)
    return NULL;

  if (!ens_json_read_uint (object, "TotalCount", &total_count))
    {
      g_propagate_error (error,
                         unexpected_listing (http_status,
                                             _("The answer does not say how many accounts the image is shared with (no TotalCount).")));
      return NULL;
    }

  list = ens_json_get_member (object, "Accounts");
  if (list != NULL && JSON_NODE_HOLDS_OBJECT (list))
    {
      JsonNode *inner = ens_json_get_member (json_node_get_object (list), "Account");

      /* An empty wrapper, as XML-to-JSON converters write an empty list,
       * is believed only when TotalCount agrees. */
      empty = inner == NULL && total_count == 0;
      list = inner;
    }

  if (!empty && list == NULL)
    {
      g_propagate_error (error,
                         unexpected_listing (http_status,
                                             _("The answer does not contain the list of accounts.")));
      return NULL;
    }

  if (!empty && JSON_NODE_HOLDS_ARRAY (list))
    {
      array = json_node_get_array (list);
    }
  else if (!empty && !JSON_NODE_HOLDS_OBJECT (list))
    {
      g_propagate_error (error,
                         unexpected_listing (http_status,
                                             _("The list of accounts in the answer is not a list.")));
      return NULL;
    }

  n = empty ? 0 : (array != NULL ? json_array_get_length (array) : 1);
  accounts = g_ptr_array_new_full (n + 1, g_free);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = array != NULL ? json_array_get_element (array, i) : list;
      char *uid = account_id_from_node (node);

      if (uid == NULL)
        {
          g_autofree char *detail =
            /* Translators: %u is the position of the entry in the list, from 1 */
            g_strdup_printf (_("Entry %u of the list of accounts is not an account ID of 1 to 32 digits."),
                             i + 1);

          g_propagate_error (error, unexpected_listing (http_status, detail));
          return NULL;
        }

      g_ptr_array_add (accounts, uid);
    }

  page = g_new0 (EnsSharePage, 1);
  page->request_id = g_strdup (ens_json_get_string_max (object, "RequestId", ENS_MAX_REQUEST_ID_CHARS));
  page->image_id = g_strdup (ens_json_get_string_max (object, "ImageId", ENS_MAX_IMAGE_ID_CHARS));
  page->total_count = total_count;
  page->page_number = ens_json_get_uint (object, "PageNumber", 1);
  page->page_size = ens_json_get_uint (object, "PageSize", 0);

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

/* Image IDs go back to the server in requests and are shown as they are:
 * letters, digits, "-", "_" and "." only, at most ENS_MAX_IMAGE_ID_CHARS. */
static gboolean
image_id_is_plain (const char *image_id)
{
  gsize len = 0;

  for (const char *p = image_id; *p != '\0'; p++, len++)
    if (len >= ENS_MAX_IMAGE_ID_CHARS ||
        !(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;

  return TRUE;
}

/* A string member cut to @max_chars and made safe to show. */
static char *
sanitize_cut (JsonObject *object,
              const char *name,
              guint       max_chars)
{
  g_autofree char *cut = ens_json_dup_string_cut (object, name, max_chars);

  return ens_text_sanitize (cut, -1);
}

/**
 * ens_response_parse_image_page:
 * @http_status: the HTTP status of the answer
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): the body
 * @error: return location for an error
 *
 * Parses one page of DescribeImages or DescribeSelfImages (the same
 * shape; DescribeSelfImages sends TotalCount, PageNumber and PageSize as
 * strings, which are read as numbers).  Images without a plain ImageId are
 * skipped; ImageSize is accepted as a string or a number.  The text fields
 * are limited in length (see the table at the top) and passed through
 * ens_text_sanitize(), as they are shown as they are.
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
  nodes = ens_json_get_list (object, "Images", "Image");

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      JsonObject *image;
      g_autofree char *image_id = NULL;
      g_autofree char *image_size = NULL;
      g_autofree char *image_name = NULL;
      g_autofree char *owner_alias = NULL;
      g_autofree char *creation_time = NULL;
      g_autofree char *platform = NULL;
      g_autofree char *safe_size = NULL;
      g_autofree char *status = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      image = json_node_get_object (node);
      image_id = ens_json_get_text (image, "ImageId");
      if (image_id == NULL || image_id[0] == '\0' || !image_id_is_plain (image_id))
        {
          g_debug ("Skipping image entry %u without a usable ImageId", i);
          continue;
        }

      image_size = ens_json_get_text (image, "ImageSize");
      if (image_size != NULL && !ens_text_fits (image_size, ENS_MAX_SHORT_FIELD_CHARS))
        g_clear_pointer (&image_size, g_free);

      /* Shown in the image chooser: made safe to show here, once. */
      image_name = sanitize_cut (image, "ImageName", ENS_MAX_IMAGE_NAME_CHARS);
      owner_alias = ens_text_sanitize (ens_json_get_string_max (image, "ImageOwnerAlias", ENS_MAX_SHORT_FIELD_CHARS), -1);
      creation_time = ens_text_sanitize (ens_json_get_string_max (image, "CreationTime", ENS_MAX_TIME_CHARS), -1);
      platform = sanitize_cut (image, "Platform", ENS_MAX_PLATFORM_CHARS);
      safe_size = ens_text_sanitize (image_size, -1);
      status = ens_text_sanitize (ens_json_get_string_max (image, "Status", ENS_MAX_SHORT_FIELD_CHARS), -1);

      g_ptr_array_add (page->images,
                       g_object_new (ENS_TYPE_IMAGE,
                                     "image-id", image_id,
                                     "image-name", image_name,
                                     "owner-alias", owner_alias,
                                     "creation-time", creation_time,
                                     "platform", platform,
                                     "image-size", safe_size,
                                     "status", status,
                                     NULL));
    }

  page->request_id = g_strdup (ens_json_get_string_max (object, "RequestId", ENS_MAX_REQUEST_ID_CHARS));
  page->total_count = ens_json_get_uint (object, "TotalCount", page->images->len);
  page->page_number = ens_json_get_uint (object, "PageNumber", 1);
  page->page_size = ens_json_get_uint (object, "PageSize", page->images->len);

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
