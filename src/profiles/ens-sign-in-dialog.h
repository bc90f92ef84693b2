/* ens-sign-in-dialog.h
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

G_BEGIN_DECLS

#define ENS_TYPE_SIGN_IN_DIALOG (ens_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EnsSignInDialog, ens_sign_in_dialog, ENS, SIGN_IN_DIALOG, AdwWindow)

/*
 * A modal window asking for an AccessKey.  It saves it in the keyring (or
 * keeps it for this session), checks it with one DescribeImages request,
 * signs @session in with it, then emits "signed-in" and closes itself:
 *
 *   void signed_in (EnsSignInDialog      *dialog,
 *                   const char           *profile,
 *                   const EnsCredentials *credentials,   (ENS_TYPE_CREDENTIALS)
 *                   int                   source,        (EnsCredentialSource)
 *                   gboolean              verified,
 *                   gpointer              user_data);
 *
 * "verified" is FALSE only when the user chose "Continue Anyway" after the
 * check could not reach a verdict (network trouble and the like).
 */
GtkWindow *ens_sign_in_dialog_new (GtkWindow  *parent,
                                   EnsSession *session);

G_END_DECLS
