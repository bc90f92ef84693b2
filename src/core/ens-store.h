/* ens-store.h
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

G_BEGIN_DECLS

#define ENS_TYPE_STORE (ens_store_get_type ())

G_DECLARE_FINAL_TYPE (EnsStore, ens_store, ENS, STORE, GObject)

/* The schema of the one database file, history and address book together:
 * PRAGMA user_version after every migration has run. */
#define ENS_STORE_SCHEMA_VERSION 4

EnsStore        *ens_store_new                     (const char          *path);
char            *ens_store_dup_default_path        (void);
const char      *ens_store_get_path                (EnsStore            *self);
const char      *ens_store_get_moved_aside         (EnsStore            *self);
char            *ens_store_dup_moved_aside_message (EnsStore            *self);
int              ens_store_get_schema_version      (EnsStore            *self);
void             ens_store_open_async              (EnsStore            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         ens_store_open_finish             (EnsStore            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
