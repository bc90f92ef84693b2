/* ens-profile-menu.h
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

#include "ens-session.h"

G_BEGIN_DECLS

#define ENS_TYPE_PROFILE_MENU (ens_profile_menu_get_type ())

G_DECLARE_FINAL_TYPE (EnsProfileMenu, ens_profile_menu, ENS, PROFILE_MENU, GObject)

/*
 * The profile button's menu, made from an EnsSession: who is signed in,
 * which account and RAM user the key belongs to (once known),
 * "Leave the Demo", the other saved profiles (win.switch-profile), and
 * Sign In / Add Profile / Remove Profile.  "menu-model" stays the same
 * object; its items are only made again by ens_profile_menu_update(),
 * which the button calls when it is about to open: GTK 4.8's AT-SPI
 * bridge can trip over menu items made while nobody shows them.
 * "tooltip" ("Profile: Signed in as “work”") follows the session.
 */
EnsProfileMenu *ens_profile_menu_new            (EnsSession     *session);
GMenuModel     *ens_profile_menu_get_menu_model (EnsProfileMenu *self);
const char     *ens_profile_menu_get_tooltip    (EnsProfileMenu *self);
void            ens_profile_menu_update         (EnsProfileMenu *self);

G_END_DECLS
