/* ens-image-split.h
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

G_BEGIN_DECLS

#define ENS_TYPE_IMAGE_SPLIT (ens_image_split_get_type ())

G_DECLARE_FINAL_TYPE (EnsImageSplit, ens_image_split, ENS, IMAGE_SPLIT, GtkWidget)

/*
 * The home page's adaptive layout: the list of images (the sidebar) beside
 * the image page (the content) on a wide window, one after the other on a
 * narrow one.  On libadwaita 1.4 and later an AdwNavigationSplitView, on
 * the 1.2 floor an AdwLeaflet.  In a .ui file the two children are added
 * as <child type="sidebar"> and <child type="content">.
 *
 * Properties: "folded" (read-only: one pane at a time), "show-content"
 * (read-write: which pane is shown when folded).
 */
void        ens_image_split_set_sidebar       (EnsImageSplit *self,
                                               GtkWidget     *sidebar,
                                               const char    *title);
void        ens_image_split_set_content       (EnsImageSplit *self,
                                               GtkWidget     *content,
                                               const char    *title);
gboolean    ens_image_split_get_folded        (EnsImageSplit *self);
gboolean    ens_image_split_get_show_content  (EnsImageSplit *self);
void        ens_image_split_set_show_content  (EnsImageSplit *self,
                                               gboolean       show_content);

G_END_DECLS
