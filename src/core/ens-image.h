/* ens-image.h
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

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ENS_TYPE_IMAGE (ens_image_get_type ())

G_DECLARE_FINAL_TYPE (EnsImage, ens_image, ENS, IMAGE, GObject)

/* Read-only properties: "image-id", "image-name", "owner-alias",
 * "creation-time" (string as sent), "platform", "image-size" (GiB, string). */
EnsImage   *ens_image_new               (const char *image_id,
                                         const char *image_name,
                                         const char *owner_alias,
                                         const char *creation_time,
                                         const char *platform,
                                         const char *image_size);
const char *ens_image_get_image_id      (EnsImage   *self);
const char *ens_image_get_image_name    (EnsImage   *self);
const char *ens_image_get_owner_alias   (EnsImage   *self);
const char *ens_image_get_creation_time (EnsImage   *self);
const char *ens_image_get_platform      (EnsImage   *self);
const char *ens_image_get_image_size    (EnsImage   *self);
const char *ens_image_get_status        (EnsImage   *self);
gboolean    ens_image_is_shareable      (EnsImage   *self);
const char *ens_image_get_display_name  (EnsImage   *self);
gboolean    ens_image_matches           (EnsImage   *self,
                                         const char *query);
int         ens_image_get_share_count   (EnsImage   *self);
void        ens_image_set_share_count   (EnsImage   *self,
                                         int         share_count);

G_END_DECLS
