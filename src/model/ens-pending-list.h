/* ens-pending-list.h
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

#include "ens-pending-account.h"
#include "ens-recipients.h"
#include "ens-share-plan.h"

G_BEGIN_DECLS

#define ENS_TYPE_PENDING_LIST (ens_pending_list_get_type ())

G_DECLARE_FINAL_TYPE (EnsPendingList, ens_pending_list, ENS, PENDING_LIST, GObject)

/*
 * The accounts typed in "Accounts to add", waiting to be shared with: a
 * GListModel of EnsPendingAccount, in the order they were added.  Every
 * change works each item's status out again from the whole list: the
 * first valid item of an account is ready unless the image is already
 * shared with it, later ones are duplicates; invalid items stay invalid.
 *
 * Properties (read-only):
 *   "n-items"   the number of items
 *   "n-ready"   items with status READY, those that failed last time
 *               included (Share sends them again)
 *   "summary"   the line under the list, translated; "" when there is
 *               nothing to say
 */
EnsPendingList *ens_pending_list_new              (void);
void            ens_pending_list_set_recipients   (EnsPendingList     *self,
                                                   EnsRecipients      *recipients);
guint           ens_pending_list_add_text         (EnsPendingList     *self,
                                                   const char         *text);
void            ens_pending_list_remove           (EnsPendingList     *self,
                                                   EnsPendingAccount  *account);
void            ens_pending_list_remove_accounts  (EnsPendingList     *self,
                                                   const char * const *accounts);
void            ens_pending_list_set_shared       (EnsPendingList     *self,
                                                   GHashTable         *shared);
void            ens_pending_list_settle           (EnsPendingList     *self,
                                                   EnsSharePlan       *plan);
GStrv           ens_pending_list_dup_ready        (EnsPendingList     *self);
guint           ens_pending_list_get_n_ready      (EnsPendingList     *self);
const char     *ens_pending_list_get_summary      (EnsPendingList     *self);

G_END_DECLS
