/* ens-emulator-identity.c
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

/*
 * The answers of the generated SDK models, as served here:
 *
 * ENS DescribeSelfImages (2017-11-10) — aliyun/alibabacloud-csharp-sdk
 * ens-20171110/core/Models/DescribeSelfImagesRequest.cs and
 * DescribeSelfImagesResponseBody.cs:
 *   request   ImageId (fuzzy), ImageName (fuzzy), PageNumber (int, from 1,
 *             default 1), PageSize (int, default 10), SnapshotId
 *   answer    Code (int), RequestId, and — as *strings* in that model —
 *             PageNumber, PageSize, TotalCount; Images.Image[] of
 *             Architecture, ComputeType, CreationTime, DiskDeviceMappings.
 *             DiskDeviceMapping[] (Format, Size, Type, imageId), ImageId,
 *             ImageName, ImageOwnerAlias, ImageSize, ImageStorageSize,
 *             InstanceId, OsVersion, Platform, RegionId, SnapshotId, Status
 *             (Creating, Packing, Uploading, Pack_failed, Upload_failed,
 *             Available, Unavailable, Copying).
 *   No maximum PageSize is documented there; the emulator takes up to 100.
 *
 * ENS DescribeImages (same repository, DescribeImagesRequest.cs): EnsRegionId,
 * ImageId, ImageName, PageNumber, PageSize, Status, Version, product — no
 * ImageOwnerAlias request parameter; each image carries ImageOwnerAlias, so
 * "own images only" is a filter on the answer (the client does it).
 *
 * STS GetCallerIdentity (2015-04-01) — aliyun/alibabacloud-python-sdk
 * sts-20150401/alibabacloud_sts20150401/models/_get_caller_identity_response_body.py:
 *   no request parameters; answer AccountId, Arn, IdentityType, PrincipalId,
 *   RequestId, RoleId, UserId (all strings).
 */

#define SELF_IMAGES_PAGE_SIZE_MAX 100
#define DEFAULT_PAGE_SIZE         10

/**
 * ens_emulator_refuse_action:
 * @action: an action, e.g. "DescribeSelfImages"
 * @status: the HTTP status to refuse it with, or 0 to serve it again
 * @code: (nullable): the error Code, e.g. "InvalidAction.NotFound" or
 *   "Forbidden.RAM"
 *
 * Refuses @action for every key, after the signature was checked, as a
 * region without the API or a RAM policy without the action does.
 */
void
ens_emulator_refuse_action (EnsEmulator *self,
                            const char  *action,
                            guint        status,
                            const char  *code)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (action != NULL);

  if (status == 0)
    g_hash_table_remove (self->refused, action);
  else
    g_hash_table_replace (self->refused, g_strdup (action),
                          g_strdup_printf ("%u %s", status, code != NULL ? code : "Forbidden"));
}

gboolean
_emu_take_refusal (EnsEmulator *self,
                   Call        *call)
{
  const char *refusal = g_hash_table_lookup (self->refused, call->action);
  const char *space;
  guint64 status;

  if (refusal == NULL)
    return FALSE;

  space = strchr (refusal, ' ');
  g_assert (space != NULL);
  status = g_ascii_strtoull (refusal, NULL, 10);
  if (g_str_has_prefix (space + 1, "InvalidAction"))
    _emu_call_error (call, (guint) status, space + 1,
                     "Specified api is not found, please check your url and method.");
  else
    _emu_call_error (call, (guint) status, space + 1,
                     "You are not authorized to do this action.");

  return TRUE;
}

/* Fuzzy, as the model documents it: a case-insensitive substring. */
static gboolean
fuzzy_match (const char *value,
             const char *pattern)
{
  g_autofree char *value_folded = NULL;
  g_autofree char *pattern_folded = NULL;

  if (pattern == NULL || *pattern == '\0')
    return TRUE;
  if (value == NULL)
    return FALSE;

  value_folded = g_utf8_casefold (value, -1);
  pattern_folded = g_utf8_casefold (pattern, -1);

  return strstr (value_folded, pattern_folded) != NULL;
}

static void
add_uint_as_string (JsonBuilder *builder,
                    const char  *name,
                    guint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  _emu_add_string_member (builder, name, text);
}

void
_emu_describe_self_images (EnsEmulator *self,
                           Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  const char *image_name = _emu_get_param (call, "ImageName");
  guint page_number;
  guint page_size;
  guint64 first;

  if (!_emu_parse_page (call, "PageNumber", 1, G_MAXINT32, &page_number) ||
      !_emu_parse_page (call, "PageSize", DEFAULT_PAGE_SIZE, SELF_IMAGES_PAGE_SIZE_MAX, &page_size))
    return;

  matching = g_ptr_array_new ();
  for (guint i = 0; i < self->image_order->len; i++)
    {
      EmuImage *image = g_ptr_array_index (self->image_order, i);

      if (g_strcmp0 (image->owner_alias, "self") != 0)
        continue;
      if (!fuzzy_match (image->id, call->image_id) || !fuzzy_match (image->name, image_name))
        continue;

      g_ptr_array_add (matching, image);
    }

  builder = _emu_begin_success (call);
  json_builder_set_member_name (builder, "Code");
  json_builder_add_int_value (builder, 0);
  add_uint_as_string (builder, "PageNumber", page_number);
  add_uint_as_string (builder, "PageSize", page_size);
  add_uint_as_string (builder, "TotalCount", matching->len);
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

/* A stable ID made of digits for a name, as RAM gives each user one. */
static char *
numeric_id_for (const char *prefix,
                const char *name)
{
  return g_strdup_printf ("%s%015u", prefix, g_str_hash (name));
}

void
_emu_get_caller_identity (EnsEmulator *self,
                          Call        *call,
                          EmuKey      *key)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *arn = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *role_id = NULL;
  const char *identity_type;

  if (key->security_token != NULL)
    {
      const char *role = key->user_name != NULL ? key->user_name : "emulator-role";

      identity_type = "AssumedRoleUser";
      role_id = numeric_id_for ("3", role);
      arn = g_strdup_printf ("acs:ram::%s:assumed-role/%s/emulator-session",
                             key->account_id, role);
      user_id = g_strdup_printf ("%s:emulator-session", role_id);
    }
  else if (key->user_name != NULL)
    {
      identity_type = "RAMUser";
      arn = g_strdup_printf ("acs:ram::%s:user/%s", key->account_id, key->user_name);
      user_id = numeric_id_for ("2", key->user_name);
    }
  else
    {
      identity_type = "Account";
      arn = g_strdup_printf ("acs:ram::%s:root", key->account_id);
      user_id = g_strdup (key->account_id);
    }

  builder = _emu_begin_success (call);
  _emu_add_string_member (builder, "AccountId", key->account_id);
  _emu_add_string_member (builder, "Arn", arn);
  _emu_add_string_member (builder, "IdentityType", identity_type);
  _emu_add_string_member (builder, "PrincipalId", user_id);
  if (role_id != NULL)
    _emu_add_string_member (builder, "RoleId", role_id);
  _emu_add_string_member (builder, "UserId", user_id);
  _emu_finish_success (call, builder);
}
