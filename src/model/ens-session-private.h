/* ens-session-private.h
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

#include "ens-session.h"

G_BEGIN_DECLS

/* Between ens-session.c (state, resolving, demo) and
 * ens-session-profiles.c (the keyring's profiles). */
GCancellable *_ens_session_get_cancellable    (EnsSession *self);
void          _ens_session_take_profiles      (EnsSession *self,
                                               GStrv       profiles);
void          _ens_session_set_active_profile (EnsSession *self,
                                               const char *profile);

G_END_DECLS
