/* ens-sharing-page.h
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

#include "ens-share-editor.h"

G_BEGIN_DECLS

#define ENS_TYPE_SHARING_PAGE (ens_sharing_page_get_type ())

G_DECLARE_FINAL_TYPE (EnsSharingPage, ens_sharing_page, ENS, SHARING_PAGE, AdwBin)

/*
 * The main page: the image ID (the editor's "image-text", with its error
 * under it), "Shared With" (EnsSharedSection) and "Accounts to Add"
 * (EnsPendingSection), in a scrolled, clamped column.
 */
EnsShareEditor *ens_sharing_page_get_editor     (EnsSharingPage   *self);
void            ens_sharing_page_set_editor     (EnsSharingPage   *self,
                                               EnsShareEditor *editor);
void            ens_sharing_page_focus_accounts (EnsSharingPage   *self);

G_END_DECLS
