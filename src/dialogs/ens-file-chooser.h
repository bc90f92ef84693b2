/* ens-file-chooser.h
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

G_BEGIN_DECLS

/*
 * Asks for a file to open or save through the file chooser portal:
 * GtkFileDialog on GTK 4.10 and later, a GtkFileChooserNative on the 4.8
 * floor.  The result is the chosen file, or NULL (and no error) when the
 * person cancelled.
 */
void   ens_file_chooser_run_async  (GtkWindow           *parent,
                                    gboolean             save,
                                    const char          *title,
                                    const char          *accept_label,
                                    const char          *suggested_name,
                                    GListModel          *filters,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GFile *ens_file_chooser_run_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
