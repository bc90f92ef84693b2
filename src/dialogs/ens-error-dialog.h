/* ens-error-dialog.h
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

#include <gtk/gtk.h>

#include "ens-core.h"

G_BEGIN_DECLS

/*
 * The error dialog: heading and body from the core's catalogue, the
 * RequestId with a Copy button, a Troubleshoot response for a safe
 * Recommend link, collapsed technical details, and for a plan that ran
 * partly the accounts that failed.
 *
 * ens_error_dialog_new() always gives a window (AdwMessageDialog);
 * ens_error_dialog_present() shows the same content in an AdwAlertDialog
 * on libadwaita 1.5 or later.
 */
GtkWindow *ens_error_dialog_new     (GtkWindow    *parent,
                                     const GError *error,
                                     EnsSharePlan *plan);
void       ens_error_dialog_present (GtkWindow    *parent,
                                     const GError *error,
                                     EnsSharePlan *plan);
/* The same, the accounts that failed named from @book (nullable). */
void       ens_error_dialog_present_named (GtkWindow     *parent,
                                           const GError  *error,
                                           EnsSharePlan  *plan,
                                           EnsRecipients *book);

G_END_DECLS
