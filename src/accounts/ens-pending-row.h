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

G_BEGIN_DECLS

/**
 * EnsPendingStatus:
 * @ENS_PENDING_STATUS_READY: will be sent when the user shares
 * @ENS_PENDING_STATUS_INVALID: not an account ID; never sent
 * @ENS_PENDING_STATUS_DUPLICATE: an earlier row has the same account
 * @ENS_PENDING_STATUS_ALREADY_SHARED: the image is already shared with it
 */
typedef enum
{
  ENS_PENDING_STATUS_READY,
  ENS_PENDING_STATUS_INVALID,
  ENS_PENDING_STATUS_DUPLICATE,
  ENS_PENDING_STATUS_ALREADY_SHARED,
} EnsPendingStatus;

#define ENS_TYPE_PENDING_ROW (ens_pending_row_get_type ())

G_DECLARE_FINAL_TYPE (EnsPendingRow, ens_pending_row, ENS, PENDING_ROW, AdwActionRow)

/*
 * One account waiting to be shared with.  @message is what the parser said
 * about the token (its error for an invalid one, or a warning), or NULL.
 * Emits "remove" when its remove button is clicked.
 */
GtkWidget        *ens_pending_row_new         (const char       *account,
                                               const char       *message,
                                               gboolean          invalid);
const char       *ens_pending_row_get_account (EnsPendingRow    *self);
EnsPendingStatus  ens_pending_row_get_status  (EnsPendingRow    *self);
void              ens_pending_row_set_status  (EnsPendingRow    *self,
                                               EnsPendingStatus  status);
const char       *ens_pending_row_get_failure (EnsPendingRow    *self);
void              ens_pending_row_set_failure (EnsPendingRow    *self,
                                               const char       *failure);

G_END_DECLS
