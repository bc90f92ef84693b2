/* ens-message-dialog.h
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

/*
 * One wrapper over AdwMessageDialog (libadwaita 1.2, a GtkWindow) and
 * AdwAlertDialog (libadwaita 1.5, an AdwDialog), so the rest of the app
 * builds dialogs the same way on Debian 12 and on a current runtime.
 *
 * ens_message_dialog_new() picks AdwAlertDialog when it is available and
 * @parent is set; ens_message_dialog_new_window() always gives an
 * AdwMessageDialog, for callers that need a GtkWindow.  The other
 * functions take either.  Both kinds emit "response" (const char *id).
 */
GtkWidget *ens_message_dialog_new                  (GtkWindow             *parent,
                                                    const char            *heading,
                                                    const char            *body);
GtkWidget *ens_message_dialog_new_window           (GtkWindow             *parent,
                                                    const char            *heading,
                                                    const char            *body);
void       ens_message_dialog_add_response         (GtkWidget             *dialog,
                                                    const char            *id,
                                                    const char            *label,
                                                    AdwResponseAppearance  appearance);
void       ens_message_dialog_set_default_response (GtkWidget             *dialog,
                                                    const char            *id);
void       ens_message_dialog_set_response_enabled (GtkWidget             *dialog,
                                                    const char            *id,
                                                    gboolean               enabled);
void       ens_message_dialog_set_close_response   (GtkWidget             *dialog,
                                                    const char            *id);
void       ens_message_dialog_set_extra_child      (GtkWidget             *dialog,
                                                    GtkWidget             *child);
const char *ens_message_dialog_get_heading         (GtkWidget             *dialog);
const char *ens_message_dialog_get_body            (GtkWidget             *dialog);
GtkWidget *ens_message_dialog_get_extra_child      (GtkWidget             *dialog);
gboolean   ens_message_dialog_has_response         (GtkWidget             *dialog,
                                                    const char            *id);
void       ens_message_dialog_present              (GtkWidget             *dialog,
                                                    GtkWindow             *parent);
void       ens_message_dialog_close                (GtkWidget             *dialog);

/* Asks a yes/no question; "accept" is the only TRUE answer.  Cancelling
 * @cancellable closes the dialog and gives G_IO_ERROR_CANCELLED. */
void       ens_message_dialog_confirm_async        (GtkWindow             *parent,
                                                    const char            *heading,
                                                    const char            *body,
                                                    const char            *accept_label,
                                                    gboolean               destructive,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
void       ens_message_dialog_confirm_full_async   (GtkWindow             *parent,
                                                    const char            *heading,
                                                    const char            *body,
                                                    const char            *cancel_label,
                                                    const char            *accept_label,
                                                    gboolean               destructive,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
gboolean   ens_message_dialog_confirm_finish       (GAsyncResult          *result,
                                                    GError               **error);

G_END_DECLS
