/* ens-shared-section.h
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

#define ENS_TYPE_SHARED_SECTION (ens_shared_section_get_type ())

G_DECLARE_FINAL_TYPE (EnsSharedSection, ens_shared_section, ENS, SHARED_SECTION, AdwPreferencesGroup)

/*
 * "Shared With": the share list of the editor's image, as a hint, a
 * spinner, an error with Details, "not shared" or the accounts with their
 * check buttons, with Select All and Stop Sharing under it.  The rows are
 * made from the list's model a slice per frame (EnsPacedListModel), the
 * old ones going first while "Loading…" shows.  Its buttons use the
 * window's win.refresh, win.load-error-details, win.select-all and
 * win.stop-sharing actions.
 */
EnsShareEditor *ens_shared_section_get_editor (EnsSharedSection *self);
void            ens_shared_section_set_editor (EnsSharedSection *self,
                                               EnsShareEditor   *editor);

G_END_DECLS
