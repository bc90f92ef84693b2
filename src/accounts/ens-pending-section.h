/* ens-pending-section.h
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

#define ENS_TYPE_PENDING_SECTION (ens_pending_section_get_type ())

G_DECLARE_FINAL_TYPE (EnsPendingSection, ens_pending_section, ENS, PENDING_SECTION, AdwPreferencesGroup)

/*
 * "Accounts to Add": the entry (the editor's "draft"), the accounts added
 * from it (the editor's EnsPendingList, a row each), the summary and the
 * Share button.  Enter in the entry adds what it holds; a row's remove
 * button takes its account off the list.  Its buttons use the window's
 * win.add-accounts and win.share actions.
 */
EnsShareEditor *ens_pending_section_get_editor  (EnsPendingSection *self);
void            ens_pending_section_set_editor  (EnsPendingSection *self,
                                                 EnsShareEditor    *editor);
void            ens_pending_section_focus_entry (EnsPendingSection *self);

G_END_DECLS
