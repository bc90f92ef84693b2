/* ens-image-row.h
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

#include <adwaita.h>

#include "ens-core.h"

G_BEGIN_DECLS

#define ENS_TYPE_IMAGE_ROW (ens_image_row_get_type ())

G_DECLARE_FINAL_TYPE (EnsImageRow, ens_image_row, ENS, IMAGE_ROW, AdwActionRow)

/*
 * One of the account's own images on the home page: its name (or ID when
 * unnamed) as the title and the row's accessible name; ID, platform,
 * creation date and status below; how many accounts it is shared with at
 * the end, filled in when the count arrives.  An image that is not
 * Available says it cannot be shared, and its check button (for sharing
 * several images at once) is off and insensitive.
 *
 * Properties: "image" (construct-only EnsImage), "selected" (the check
 * button, read-write).
 */
GtkWidget  *ens_image_row_new             (EnsImage    *image);
EnsImage   *ens_image_row_get_image       (EnsImageRow *self);
gboolean    ens_image_row_get_selected    (EnsImageRow *self);
void        ens_image_row_set_selected    (EnsImageRow *self,
                                           gboolean     selected);
char       *ens_image_row_format_date     (const char  *creation_time);
char       *ens_image_row_format_count    (int          share_count);
char       *ens_image_row_format_status   (const char  *status);

G_END_DECLS
