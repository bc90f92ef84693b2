/* ens-account-completer.h
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

#define ENS_TYPE_ACCOUNT_COMPLETER (ens_account_completer_get_type ())

G_DECLARE_FINAL_TYPE (EnsAccountCompleter, ens_account_completer, ENS, ACCOUNT_COMPLETER, GObject)

/*
 * Completion of names in "Accounts to add": as the last piece typed (after
 * the last comma, semicolon or line break) grows, the recipients whose
 * name starts with it (ens_recipients_complete_async(), on the book's
 * worker thread, the previous query cancelled) and the groups whose name
 * does fill @suggestions, a list under the entry; activating one puts
 * "@Name, " in place of the piece.  Nothing is asked for text that starts
 * with a digit (an account ID being typed).
 */
EnsAccountCompleter *ens_account_completer_new (GtkEditable *entry,
                                                GtkListBox  *suggestions,
                                                EnsSession  *session);
/* Hides the suggestions (after Add). */
void                 ens_account_completer_hide (EnsAccountCompleter *self);

G_END_DECLS
