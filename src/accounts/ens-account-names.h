/* ens-account-names.h
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

/*
 * An account row named from the address book: its title is
 * "Partner A · 1234…3456" (the bare ID when nobody named it), the full
 * "Name · ID" in its tooltip and accessible description, and a button that
 * names the account ("Name This Account…") or renames it ("Edit Name…")
 * through win.name-account.  The row follows changes of the book.
 * Text that is not an account ID gets no button and stays as typed.
 */
void  ens_account_names_attach (AdwActionRow *row,
                                EnsSession   *session,
                                const char   *account_id);

G_END_DECLS
