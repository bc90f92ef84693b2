/* ens-recipient-dialog.h
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

#include "ens-core.h"

G_BEGIN_DECLS

/*
 * Adds a recipient to the book or edits one: a dialog with its name, its
 * account ID (fixed when it is known), a note and its groups (comma
 * separated: a new group name makes the group, a name taken out leaves
 * it).  Saving writes the book; the result is the recipient's label, or
 * NULL when the dialog was cancelled.  A bad name or ID keeps the dialog
 * open with the reason under the entries, and nothing is written.
 *
 * @account_id NULL: "Add Recipient"; known to the book: "Edit Recipient";
 * unknown: "Name This Account".
 */
void  ens_recipient_dialog_run_async  (GtkWindow           *parent,
                                       EnsRecipients       *book,
                                       const char          *account_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char *ens_recipient_dialog_run_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
