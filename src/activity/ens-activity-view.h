/* ens-activity-view.h
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

#define ENS_TYPE_ACTIVITY_VIEW (ens_activity_view_get_type ())

G_DECLARE_FINAL_TYPE (EnsActivityView, ens_activity_view, ENS, ACTIVITY_VIEW, GtkWidget)

/*
 * Lists the operations of this run (a model of EnsActivityEntry, newest
 * first).  Each RequestId has a copy button that activates "win.copy-text"
 * with the ID as its string target, so the window decides how to copy and
 * to confirm.
 */
GtkWidget  *ens_activity_view_new       (void);
GListModel *ens_activity_view_get_model (EnsActivityView *self);
void        ens_activity_view_set_model (EnsActivityView *self,
                                         GListModel      *model);

G_END_DECLS
