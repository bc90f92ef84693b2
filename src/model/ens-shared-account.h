/* ens-shared-account.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define ENS_TYPE_SHARED_ACCOUNT (ens_shared_account_get_type ())

G_DECLARE_FINAL_TYPE (EnsSharedAccount, ens_shared_account, ENS, SHARED_ACCOUNT, GObject)

/*
 * An account an image is shared with, as an item of the window's list
 * model.  "selected" says whether it is picked for "Stop Sharing".
 */
EnsSharedAccount *ens_shared_account_new          (const char       *account);
const char       *ens_shared_account_get_account  (EnsSharedAccount *self);
gboolean          ens_shared_account_get_selected (EnsSharedAccount *self);
void              ens_shared_account_set_selected (EnsSharedAccount *self,
                                                   gboolean          selected);

G_END_DECLS
