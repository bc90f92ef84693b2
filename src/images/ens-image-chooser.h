/* ens-image-chooser.h
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

#define ENS_TYPE_IMAGE_CHOOSER (ens_image_chooser_get_type ())

G_DECLARE_FINAL_TYPE (EnsImageChooser, ens_image_chooser, ENS, IMAGE_CHOOSER, AdwWindow)

/*
 * A modal window listing the user's own images (ImageOwnerAlias "self"),
 * with a search by name or ID.  Picking one emits
 * "image-chosen" (const char *image_id) and closes the window.
 */
GtkWindow  *ens_image_chooser_new         (GtkWindow       *parent,
                                           EnsClient       *client);
char       *ens_image_chooser_format_date (const char      *creation_time);

G_END_DECLS
