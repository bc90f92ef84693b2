/* ens-emulator-actions.c
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

#include "ens-emulator-private.h"

#define SHARE_PAGE_SIZE_MAX  100
#define IMAGES_PAGE_SIZE_MAX 50
#define DEFAULT_PAGE_SIZE    10

gboolean
_emu_parse_page (Call       *call,
            const char *name,
            guint       default_value,
            guint       maximum,
            guint      *out)
{
  const char *value = _emu_get_param (call, name);
  guint64 number = 0;

  if (value == NULL)
    {
      *out = default_value;
      return TRUE;
    }

  if (!_emu_is_digits (value) || strlen (value) > 9 ||
      !g_ascii_string_to_unsigned (value, 10, 1, maximum, &number, NULL))
    {
      g_autofree char *why = g_strdup_printf ("It must be a number from 1 to %u.", maximum);

      _emu_call_invalid (call, name, why);
      return FALSE;
    }

  *out = (guint) number;
  return TRUE;
}

static EmuImage *
require_image (EnsEmulator *self,
               Call        *call)
{
  EmuImage *image;

  if (call->image_id == NULL)
    {
      _emu_call_missing (call, "ImageId");
      return NULL;
    }

  image = g_hash_table_lookup (self->images, call->image_id);
  if (image == NULL)
    _emu_call_image_not_found (call);

  return image;
}

gboolean
_emu_image_has_share (EmuImage   *image,
                      const char *account,
                      guint      *index)
{
  return g_ptr_array_find_with_equal_func (image->shares, account, g_str_equal, index);
}

static void
modify_image_share_permission (EnsEmulator *self,
                               Call        *call,
                               EmuKey      *key)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) add = NULL;
  const char *add_accounts = _emu_get_param (call, "AddAccounts");
  const char *remove_account = _emu_get_param (call, "RemoveAccounts");
  EmuImage *image;
  guint index;

  if (key->read_only)
    {
      _emu_call_error (call, 400, "NoPermission", "Permission denied.");
      return;
    }

  if (call->image_id == NULL)
    {
      _emu_call_missing (call, "ImageId");
      return;
    }

  if (add_accounts == NULL && remove_account == NULL)
    {
      _emu_call_missing (call, "AddAccounts");
      return;
    }

  if (add_accounts != NULL)
    {
      add = g_strsplit (add_accounts, ",", -1);
      for (guint i = 0; add[i] != NULL; i++)
        {
          if (!_emu_is_digits (add[i]))
            {
              _emu_call_invalid (call, "AddAccounts",
                                 "Account IDs must be digits, separated by commas.");
              return;
            }
        }
    }

  if (remove_account != NULL)
    {
      if (strchr (remove_account, ',') != NULL)
        {
          _emu_call_invalid (call, "RemoveAccounts", "Only one account can be removed per call.");
          return;
        }
      if (!_emu_is_digits (remove_account))
        {
          _emu_call_invalid (call, "RemoveAccounts", "Account IDs must be digits.");
          return;
        }
    }

  image = require_image (self, call);
  if (image == NULL)
    return;

  if (g_strcmp0 (image->owner_alias, "self") != 0)
    {
      _emu_call_error (call, 400, "InvalidImageType.NotSupported",
                       "The specified image type is not supported.");
      return;
    }

  /* Adding a shared account or removing one that is not shared succeeds. */
  for (guint i = 0; add != NULL && add[i] != NULL; i++)
    if (!_emu_image_has_share (image, add[i], NULL))
      g_ptr_array_add (image->shares, g_strdup (add[i]));

  if (remove_account != NULL && _emu_image_has_share (image, remove_account, &index))
    g_ptr_array_remove_index (image->shares, index);

  g_debug ("Image %s shared with %u accounts", image->id, image->shares->len);

  builder = _emu_begin_success (call);
  _emu_finish_success (call, builder);
}

static void
describe_image_share_permission (EnsEmulator *self,
                                 Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  const char *aliyun_id = _emu_get_param (call, "AliyunId");
  guint64 wanted = 0;
  guint page_number;
  guint page_size;
  EmuImage *image;
  guint64 first;

  if (call->image_id == NULL)
    {
      _emu_call_missing (call, "ImageId");
      return;
    }

  if (!_emu_parse_page (call, "PageNumber", 1, G_MAXINT32, &page_number) ||
      !_emu_parse_page (call, "PageSize", DEFAULT_PAGE_SIZE, SHARE_PAGE_SIZE_MAX, &page_size))
    return;

  /* AliyunId is a Long in the generated ENS models (DescribeImageSharePermission
   * Request): one account, compared as a number, so 0012 is 12; a value that
   * is not a Long is refused. */
  if (aliyun_id != NULL &&
      (!_emu_is_digits (aliyun_id) ||
       !g_ascii_string_to_unsigned (aliyun_id, 10, 0, G_MAXINT64, &wanted, NULL)))
    {
      _emu_call_invalid (call, "AliyunId", "Account IDs must be digits.");
      return;
    }

  image = require_image (self, call);
  if (image == NULL)
    return;

  matching = g_ptr_array_new ();
  for (guint i = 0; i < image->shares->len; i++)
    {
      const char *account = g_ptr_array_index (image->shares, i);

      guint64 value;

      if (aliyun_id == NULL ||
          (g_ascii_string_to_unsigned (account, 10, 0, G_MAXUINT64, &value, NULL) && value == wanted))
        g_ptr_array_add (matching, (gpointer) account);
    }

  builder = _emu_begin_success (call);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "TotalCount");
  json_builder_add_int_value (builder, matching->len);
  json_builder_set_member_name (builder, "PageNumber");
  json_builder_add_int_value (builder, page_number);
  json_builder_set_member_name (builder, "PageSize");
  json_builder_add_int_value (builder, page_size);
  json_builder_set_member_name (builder, "ImageId");
  json_builder_add_string_value (builder, image->id);
  json_builder_set_member_name (builder, "Accounts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Account");
  json_builder_begin_array (builder);
  first = (guint64) (page_number - 1) * page_size;
  for (guint64 i = first; i < matching->len && i < first + page_size; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "AliyunUid");
      json_builder_add_string_value (builder, g_ptr_array_index (matching, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  _emu_finish_success (call, builder);
}

void
_emu_add_string_member (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

void
_emu_add_image (JsonBuilder *builder,
                EmuImage    *image)
{
  json_builder_begin_object (builder);
  _emu_add_string_member (builder, "Architecture", "x86_64");
  _emu_add_string_member (builder, "CreationTime", image->creation_time);
  _emu_add_string_member (builder, "ImageId", image->id);
  _emu_add_string_member (builder, "ImageName", image->name);
  _emu_add_string_member (builder, "ImageOwnerAlias", image->owner_alias);
  _emu_add_string_member (builder, "ImageSize", "20");
  _emu_add_string_member (builder, "Platform", image->platform);
  _emu_add_string_member (builder, "RegionId", "");
  _emu_add_string_member (builder, "SnapshotId", "");
  _emu_add_string_member (builder, "Status", image->status);
  json_builder_set_member_name (builder, "DiskDeviceMappings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "DiskDeviceMapping");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  _emu_add_string_member (builder, "Format", "qcow2");
  _emu_add_string_member (builder, "Size", "20");
  _emu_add_string_member (builder, "Type", "system");
  _emu_add_string_member (builder, "imageId", image->id);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
describe_images (EnsEmulator *self,
                 Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  const char *image_name = _emu_get_param (call, "ImageName");
  guint page_number;
  guint page_size;
  guint64 first;

  if (!_emu_parse_page (call, "PageNumber", 1, G_MAXINT32, &page_number) ||
      !_emu_parse_page (call, "PageSize", DEFAULT_PAGE_SIZE, IMAGES_PAGE_SIZE_MAX, &page_size))
    return;

  if (image_name != NULL)
    {
      glong length = g_utf8_strlen (image_name, -1);

      if (length < 2 || length > 128)
        {
          _emu_call_invalid (call, "ImageName", "It must be 2 to 128 characters long.");
          return;
        }
    }

  /* ImageId filters exactly, ImageName by substring; an unknown ImageId
   * gives an empty list, as a filter does. */
  matching = g_ptr_array_new ();
  for (guint i = 0; i < self->image_order->len; i++)
    {
      EmuImage *image = g_ptr_array_index (self->image_order, i);

      if (call->image_id != NULL && strcmp (call->image_id, image->id) != 0)
        continue;
      if (image_name != NULL && (image->name == NULL || strstr (image->name, image_name) == NULL))
        continue;

      g_ptr_array_add (matching, image);
    }

  builder = _emu_begin_success (call);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "PageNumber");
  json_builder_add_int_value (builder, page_number);
  json_builder_set_member_name (builder, "PageSize");
  json_builder_add_int_value (builder, page_size);
  json_builder_set_member_name (builder, "TotalCount");
  json_builder_add_int_value (builder, matching->len);
  json_builder_set_member_name (builder, "Images");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Image");
  json_builder_begin_array (builder);
  first = (guint64) (page_number - 1) * page_size;
  for (guint64 i = first; i < matching->len && i < first + page_size; i++)
    _emu_add_image (builder, g_ptr_array_index (matching, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  _emu_finish_success (call, builder);
}

void
_emu_process_call (EnsEmulator        *self,
                   const char         *path,
                   SoupMessageHeaders *headers,
                   Call               *call)
{
  EmuKey *key;

  if ((strcmp (call->method, "GET") != 0 && strcmp (call->method, "POST") != 0) ||
      g_strcmp0 (path, "/") != 0)
    {
      _emu_call_error (call, 404, "InvalidAction.NotFound",
                       "Specified api is not found, please check your url and method.");
      return;
    }

  if (!call->params_ok)
    {
      _emu_call_error (call, 400, "InvalidParameter",
                       "The request parameters are not correctly percent-encoded.");
      return;
    }

  if (call->is_v3)
    key = _emu_authenticate_v3 (self, headers, call);
  else
    key = _emu_authenticate_v1 (self, call);

  if (key == NULL)
    return;

  g_debug ("%s by %s", call->action, key->id);

  if (_emu_take_refusal (self, call))
    return;

  if (strcmp (call->action, "GetCallerIdentity") == 0)
    _emu_get_caller_identity (self, call, key);
  else if (strcmp (call->action, "DescribeSelfImages") == 0)
    _emu_describe_self_images (self, call);
  else if (strcmp (call->action, "ModifyImageSharePermission") == 0)
    modify_image_share_permission (self, call, key);
  else if (strcmp (call->action, "DescribeImageSharePermission") == 0)
    describe_image_share_permission (self, call);
  else
    describe_images (self, call);
}
