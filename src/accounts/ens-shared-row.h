/* ens-shared-row.h
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

#include "ens-session.h"
#include "ens-shared-account.h"

G_BEGIN_DECLS

#define ENS_TYPE_SHARED_ROW (ens_shared_row_get_type ())

G_DECLARE_FINAL_TYPE (EnsSharedRow, ens_shared_row, ENS, SHARED_ROW, AdwActionRow)

/*
 * A row of the "Shared With" list: the account ID, and a check button
 * (named "Select <ID>" for screen readers) bound both ways to the item's
 * "selected".  Activating the row flips it.  With a session, the account
 * is shown by its name in the address book (ens-account-names.h).
 */
GtkWidget        *ens_shared_row_new      (EnsSharedAccount *item,
                                           EnsSession       *session);
EnsSharedAccount *ens_shared_row_get_item (EnsSharedRow     *self);

G_END_DECLS
