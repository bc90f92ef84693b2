/* ens-progress-bar.h
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

#include "ens-change-runner.h"

G_BEGIN_DECLS

#define ENS_TYPE_PROGRESS_BAR (ens_progress_bar_get_type ())

G_DECLARE_FINAL_TYPE (EnsProgressBar, ens_progress_bar, ENS, PROGRESS_BAR, AdwBin)

/*
 * The bar at the bottom of the window while a change runs: the runner's
 * title, its progress ("3 of 10"), during long changes the rate ("about
 * 18 per second", the plan's "rate") and Cancel (win.cancel).  It slides in
 * when the runner starts and out when it is done.
 */
EnsChangeRunner *ens_progress_bar_get_runner (EnsProgressBar  *self);
void             ens_progress_bar_set_runner (EnsProgressBar  *self,
                                              EnsChangeRunner *runner);

G_END_DECLS
