/* ens-image.c
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

#include "ens-image.h"

/**
 * EnsImage:
 *
 * One ENS VM image as listed by DescribeImages or DescribeSelfImages.  All
 * properties but #EnsImage:share-count are set at construction and never
 * change.  #EnsImage:share-count is filled in later, on the main thread,
 * as the count arrives (see ens_client_count_shares_async()); it notifies.
 */
struct _EnsImage
{
  GObject  parent_instance;

  char    *image_id;
  char    *image_name;
  char    *owner_alias;
  char    *creation_time;
  char    *platform;
  char    *image_size;
  char    *status;
  int      share_count;
};

G_DEFINE_FINAL_TYPE (EnsImage, ens_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMAGE_ID,
  PROP_IMAGE_NAME,
  PROP_OWNER_ALIAS,
  PROP_CREATION_TIME,
  PROP_PLATFORM,
  PROP_IMAGE_SIZE,
  PROP_STATUS,
  PROP_SHARE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ens_image_finalize (GObject *object)
{
  EnsImage *self = (EnsImage *)object;

  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->image_name, g_free);
  g_clear_pointer (&self->owner_alias, g_free);
  g_clear_pointer (&self->creation_time, g_free);
  g_clear_pointer (&self->platform, g_free);
  g_clear_pointer (&self->image_size, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (ens_image_parent_class)->finalize (object);
}

static void
ens_image_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EnsImage *self = ENS_IMAGE (object);

  switch (prop_id)
    {
    case PROP_IMAGE_ID:
      g_value_set_string (value, self->image_id);
      break;

    case PROP_IMAGE_NAME:
      g_value_set_string (value, self->image_name);
      break;

    case PROP_OWNER_ALIAS:
      g_value_set_string (value, self->owner_alias);
      break;

    case PROP_CREATION_TIME:
      g_value_set_string (value, self->creation_time);
      break;

    case PROP_PLATFORM:
      g_value_set_string (value, self->platform);
      break;

    case PROP_IMAGE_SIZE:
      g_value_set_string (value, self->image_size);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_SHARE_COUNT:
      g_value_set_int (value, self->share_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EnsImage *self = ENS_IMAGE (object);

  /* Construct-only: each field is set exactly once, before anyone can
   * connect to notify, so there is nothing to notify here. */
  switch (prop_id)
    {
    case PROP_IMAGE_ID:
      self->image_id = g_value_dup_string (value);
      break;

    case PROP_IMAGE_NAME:
      self->image_name = g_value_dup_string (value);
      break;

    case PROP_OWNER_ALIAS:
      self->owner_alias = g_value_dup_string (value);
      break;

    case PROP_CREATION_TIME:
      self->creation_time = g_value_dup_string (value);
      break;

    case PROP_PLATFORM:
      self->platform = g_value_dup_string (value);
      break;

    case PROP_IMAGE_SIZE:
      self->image_size = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_dup_string (value);
      break;

    case PROP_SHARE_COUNT:
      ens_image_set_share_count (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_class_init (EnsImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_image_finalize;
  object_class->get_property = ens_image_get_property;
  object_class->set_property = ens_image_set_property;

  /**
   * EnsImage:image-id:
   *
   * The image ID, e.g. "m-5s7qotzavwbrnzaqh4unmabcd".
   */
  properties[PROP_IMAGE_ID] =
    g_param_spec_string ("image-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:image-name:
   *
   * The name given to the image, or %NULL.
   */
  properties[PROP_IMAGE_NAME] =
    g_param_spec_string ("image-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:owner-alias:
   *
   * Who owns the image: "self", "system" or "others".
   */
  properties[PROP_OWNER_ALIAS] =
    g_param_spec_string ("owner-alias", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:creation-time:
   *
   * When the image was created, as sent by the server
   * (e.g. "2017-12-08T12:10:03Z").
   */
  properties[PROP_CREATION_TIME] =
    g_param_spec_string ("creation-time", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:platform:
   *
   * The operating system platform of the image.
   */
  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:image-size:
   *
   * The size of the image in GiB, as a string (e.g. "40").
   */
  properties[PROP_IMAGE_SIZE] =
    g_param_spec_string ("image-size", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:status:
   *
   * The image's state as the server says it (e.g. "Available",
   * "Creating"), or %NULL when the answer did not say.
   */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * EnsImage:share-count:
   *
   * How many accounts the image is shared with, or -1 while not known.
   */
  properties[PROP_SHARE_COUNT] =
    g_param_spec_int ("share-count", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_image_init (EnsImage *self)
{
  self->share_count = -1;
}

/**
 * ens_image_get_status:
 *
 * Returns: (nullable): the status, e.g. "Available"
 */
const char *
ens_image_get_status (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->status;
}

/**
 * ens_image_is_shareable:
 *
 * Only Available images can be shared.  An answer that does not say
 * (older DescribeImages shapes) does not stop anyone: the server decides.
 *
 * Returns: %FALSE when the status is known and is not "Available"
 */
gboolean
ens_image_is_shareable (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), FALSE);

  return self->status == NULL || self->status[0] == '\0' ||
         g_ascii_strcasecmp (self->status, "Available") == 0;
}

/**
 * ens_image_get_display_name:
 *
 * Returns: the name, or the ID for an unnamed image
 */
const char *
ens_image_get_display_name (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->image_name != NULL && self->image_name[0] != '\0' ? self->image_name
                                                                 : self->image_id;
}

/**
 * ens_image_get_share_count:
 *
 * Returns: the number of accounts the image is shared with, or -1
 */
int
ens_image_get_share_count (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), -1);

  return self->share_count;
}

/**
 * ens_image_set_share_count:
 * @share_count: the count, or -1 for unknown
 *
 * Call on the main thread only.
 */
void
ens_image_set_share_count (EnsImage *self,
                           int       share_count)
{
  g_return_if_fail (ENS_IS_IMAGE (self));
  g_return_if_fail (share_count >= -1);

  if (self->share_count == share_count)
    return;

  self->share_count = share_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARE_COUNT]);
}

/**
 * ens_image_new:
 * @image_id: the image ID
 * @image_name: (nullable): the image name
 * @owner_alias: (nullable): "self", "system" or "others"
 * @creation_time: (nullable): the creation time as sent by the server
 * @platform: (nullable): the platform
 * @image_size: (nullable): the size in GiB, as a string
 *
 * Returns: (transfer full): a new #EnsImage
 */
EnsImage *
ens_image_new (const char *image_id,
               const char *image_name,
               const char *owner_alias,
               const char *creation_time,
               const char *platform,
               const char *image_size)
{
  g_return_val_if_fail (image_id != NULL, NULL);

  return g_object_new (ENS_TYPE_IMAGE,
                       "image-id", image_id,
                       "image-name", image_name,
                       "owner-alias", owner_alias,
                       "creation-time", creation_time,
                       "platform", platform,
                       "image-size", image_size,
                       NULL);
}

const char *
ens_image_get_image_id (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->image_id;
}

const char *
ens_image_get_image_name (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->image_name;
}

const char *
ens_image_get_owner_alias (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->owner_alias;
}

const char *
ens_image_get_creation_time (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->creation_time;
}

const char *
ens_image_get_platform (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->platform;
}

const char *
ens_image_get_image_size (EnsImage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE (self), NULL);

  return self->image_size;
}

/**
 * ens_image_matches:
 * @query: (nullable): what the person typed in the search box
 *
 * For filtering a list of images as one types: whether the name or the
 * ID contains @query, ignoring case and the spaces around it.  An empty
 * query matches every image.
 *
 * Returns: %TRUE when @self matches
 */
gboolean
ens_image_matches (EnsImage   *self,
                   const char *query)
{
  g_autofree char *stripped = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (ENS_IS_IMAGE (self), FALSE);

  if (query == NULL)
    return TRUE;

  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0')
    return TRUE;

  needle = g_utf8_casefold (stripped, -1);

  for (guint i = 0; i < 2; i++)
    {
      const char *field = i == 0 ? self->image_name : self->image_id;
      g_autofree char *folded = NULL;

      if (field == NULL)
        continue;
      folded = g_utf8_casefold (field, -1);
      if (strstr (folded, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}
