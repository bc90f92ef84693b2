/* ens-images-page.h
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

#include "ens-image-catalog.h"

G_BEGIN_DECLS

#define ENS_TYPE_IMAGES_PAGE (ens_images_page_get_type ())

G_DECLARE_FINAL_TYPE (EnsImagesPage, ens_images_page, ENS, IMAGES_PAGE, AdwBin)

/*
 * The home page: the account's own images (an EnsImageCatalog) as a list,
 * a search by name or ID as you type, and the loading, empty, no-results
 * and error states.  Activating a row emits "image-activated" with the
 * image's ID; so does pressing Enter on a search that is an image ID not
 * in the list (e.g. an image just created), which the image page then
 * looks up.  Images can be checked to share several at once.
 *
 * Properties: "catalog" (EnsImageCatalog), "n-selected" (read-only).
 * Signals: "image-activated" (const char *image_id).
 */
GtkWidget        *ens_images_page_new                (void);
EnsImageCatalog  *ens_images_page_get_catalog        (EnsImagesPage   *self);
void              ens_images_page_set_catalog        (EnsImagesPage   *self,
                                                      EnsImageCatalog *catalog);
guint             ens_images_page_get_n_selected     (EnsImagesPage   *self);
/* The checked images' IDs, in the catalog's order. */
GStrv             ens_images_page_dup_selected_ids   (EnsImagesPage   *self);
void              ens_images_page_set_selected       (EnsImagesPage   *self,
                                                      const char      *image_id,
                                                      gboolean         selected);
void              ens_images_page_clear_selection    (EnsImagesPage   *self);
void              ens_images_page_focus_search       (EnsImagesPage   *self);
void              ens_images_page_set_identity_text  (EnsImagesPage   *self,
                                                      const char      *text);

G_END_DECLS
