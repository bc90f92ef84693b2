/* ens-pending-account.h
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

#define ENS_TYPE_PENDING_ACCOUNT (ens_pending_account_get_type ())

G_DECLARE_FINAL_TYPE (EnsPendingAccount, ens_pending_account, ENS, PENDING_ACCOUNT, GObject)

/*
 * One account typed in "Accounts to add", waiting to be shared with: an
 * item of EnsPendingList.  "account" is the account ID, or the token as
 * typed when "invalid"; "message" is what the parser said about it (its
 * error, or a warning), or NULL; "failure" why the last attempt to share
 * failed, or NULL.  "status" is worked out by the list from its place in
 * it.  "subtitle" is the one line a view shows under the account.
 */
EnsPendingAccount *ens_pending_account_new          (const char        *account,
                                                     const char        *message,
                                                     gboolean           invalid);
const char        *ens_pending_account_get_account  (EnsPendingAccount *self);
const char        *ens_pending_account_get_message  (EnsPendingAccount *self);
gboolean           ens_pending_account_get_invalid  (EnsPendingAccount *self);
EnsPendingStatus   ens_pending_account_get_status   (EnsPendingAccount *self);
void               ens_pending_account_set_status   (EnsPendingAccount *self,
                                                     EnsPendingStatus   status);
const char        *ens_pending_account_get_failure  (EnsPendingAccount *self);
void               ens_pending_account_set_failure  (EnsPendingAccount *self,
                                                     const char        *failure);
const char        *ens_pending_account_get_subtitle (EnsPendingAccount *self);
void               ens_pending_account_set_origin   (EnsPendingAccount *self,
                                                     const char        *group);
const char        *ens_pending_account_get_origin   (EnsPendingAccount *self);

G_END_DECLS
