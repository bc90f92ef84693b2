/* ens-pending-row.h
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

#include "ens-pending-account.h"
#include "ens-session.h"

G_BEGIN_DECLS

#define ENS_TYPE_PENDING_ROW (ens_pending_row_get_type ())

G_DECLARE_FINAL_TYPE (EnsPendingRow, ens_pending_row, ENS, PENDING_ROW, AdwActionRow)

/*
 * Shows one EnsPendingAccount: its account as the title, its subtitle,
 * and an icon and colour for its status.  Emits "remove" when its remove
 * button is clicked; the list, not the row, then drops the account.
 */
GtkWidget         *ens_pending_row_new      (EnsPendingAccount *item,
                                             EnsSession        *session);
EnsPendingAccount *ens_pending_row_get_item (EnsPendingRow     *self);

G_END_DECLS
