/* ens-window.h
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

#define ENS_TYPE_WINDOW (ens_window_get_type ())

G_DECLARE_FINAL_TYPE (EnsWindow, ens_window, ENS, WINDOW, AdwApplicationWindow)

/*
 * The main window.  It shows @session (construct-only property "session")
 * and signs in and out through it; @application may be NULL (tests).
 *
 * When the session is signed in, the window starts signed in.  Otherwise,
 * with "auto-sign-in" TRUE, it asks the session to find credentials after
 * its first frame; with FALSE it shows "Sign In".
 *
 * "changing" is TRUE while a change of sharing runs.  Emits "first-frame"
 * once, after the first frame has been painted.
 */
EnsWindow *ens_window_new          (GtkApplication *application,
                                    EnsSession     *session,
                                    gboolean        auto_sign_in);
gboolean   ens_window_get_changing (EnsWindow      *self);
void       ens_window_set_history  (EnsWindow      *self,
                                    EnsHistory     *history);

G_END_DECLS
