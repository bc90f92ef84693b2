/* ens-recipients-page.h
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

#define ENS_TYPE_RECIPIENTS_PAGE (ens_recipients_page_get_type ())

G_DECLARE_FINAL_TYPE (EnsRecipientsPage, ens_recipients_page, ENS, RECIPIENTS_PAGE, GtkBox)

/*
 * The Recipients page: the address book with a search, its groups, and
 * Add…, Import… and Export….  Each recipient row edits (name, note,
 * groups) or deletes it; each group row deletes the group.  Deleting shows
 * a toast with Undo.  Its actions ("recipients.*"):
 *   add, import, export, edit(s account ID), delete(s), delete-group(s)
 */
void            ens_recipients_page_set_recipients (EnsRecipientsPage *self,
                                                    EnsRecipients     *recipients);
EnsRecipients  *ens_recipients_page_get_recipients (EnsRecipientsPage *self);

/* What Import… and Export… do once a file is chosen. */
void            ens_recipients_page_import_file    (EnsRecipientsPage *self,
                                                    GFile             *file);
void            ens_recipients_page_export_file    (EnsRecipientsPage *self,
                                                    GFile             *file);

G_END_DECLS
