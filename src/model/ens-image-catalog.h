/* ens-image-catalog.h
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

#include <gio/gio.h>

#include "ens-client.h"
#include "ens-image.h"

G_BEGIN_DECLS

/**
 * EnsImageCatalogState:
 * @ENS_IMAGE_CATALOG_IDLE: signed out, or never loaded: no images
 * @ENS_IMAGE_CATALOG_LOADING: the images are being listed
 * @ENS_IMAGE_CATALOG_COMPLETE: the list is the account's own images (share
 *   counts may still be arriving, see "counting")
 * @ENS_IMAGE_CATALOG_ERROR: the images could not be listed; see "error"
 */
typedef enum
{
  ENS_IMAGE_CATALOG_IDLE,
  ENS_IMAGE_CATALOG_LOADING,
  ENS_IMAGE_CATALOG_COMPLETE,
  ENS_IMAGE_CATALOG_ERROR,
} EnsImageCatalogState;

#define ENS_TYPE_IMAGE_CATALOG (ens_image_catalog_get_type ())

G_DECLARE_FINAL_TYPE (EnsImageCatalog, ens_image_catalog, ENS, IMAGE_CATALOG, GObject)

/*
 * The account's own custom images: a GListModel of EnsImage, listed to the
 * last page (DescribeSelfImages, or its DescribeImages fallback, see
 * ens-client-images.c).  Once listed, the share count of each image is
 * read a few at a time and set on the image (EnsImage:share-count
 * notifies): the list is shown at once and the counts fill in.  A reload
 * cancels the one in flight; disposing cancels too.
 *
 * Properties (read-only but "client"):
 *   "client"      construct-only
 *   "state"       EnsImageCatalogState
 *   "error"       why the last load failed (boxed GError), or NULL
 *   "counting"    share counts are still being read
 *   "complete"    FALSE when the server's pages did not add up: the list
 *                 may be incomplete
 *   "n-items"     images in the model
 */
EnsImageCatalog      *ens_image_catalog_new          (EnsClient        *client);
EnsClient            *ens_image_catalog_get_client   (EnsImageCatalog  *self);
EnsImageCatalogState  ens_image_catalog_get_state    (EnsImageCatalog  *self);
const GError         *ens_image_catalog_get_error    (EnsImageCatalog  *self);
gboolean              ens_image_catalog_get_counting (EnsImageCatalog  *self);
gboolean              ens_image_catalog_get_complete (EnsImageCatalog  *self);
/* The listed image with @image_id, or NULL. */
EnsImage             *ens_image_catalog_lookup       (EnsImageCatalog  *self,
                                                      const char       *image_id);
/* Lists the images again (state LOADING, then COMPLETE or ERROR). */
void                  ens_image_catalog_reload       (EnsImageCatalog  *self);
/* Reads the share counts of these (listed) images again, after a change. */
void                  ens_image_catalog_recount      (EnsImageCatalog    *self,
                                                      const char * const *image_ids);
/* Forgets the images (state IDLE) and cancels what is in flight. */
void                  ens_image_catalog_clear        (EnsImageCatalog  *self);

G_END_DECLS
