/* ens-paced-list-model.h
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

#define ENS_TYPE_PACED_LIST_MODEL (ens_paced_list_model_get_type ())

G_DECLARE_FINAL_TYPE (EnsPacedListModel, ens_paced_list_model, ENS, PACED_LIST_MODEL, GObject)

/*
 * A GListModel that follows "model" a slice per frame of "widget", so that
 * a list box bound to it makes and destroys its rows a few at a time and
 * the window keeps drawing: a thousand rows are never made in one frame.
 *
 * Each change of the model replaces the whole contents: the items shown
 * before become stale and go first (from the start, out of sight while
 * the caller shows something else — "n-stale" says how many are left),
 * then the model's items come, in order.  The slice is as many rows as
 * the previous one cost within the frame's budget, up to 64, and at least
 * what finishes in 60 frames.  "settled" is TRUE when the contents match
 * the model.
 */
EnsPacedListModel *ens_paced_list_model_new         (GListModel        *model,
                                                     GtkWidget         *widget);
guint              ens_paced_list_model_get_n_stale (EnsPacedListModel *self);
gboolean           ens_paced_list_model_get_settled (EnsPacedListModel *self);

G_END_DECLS
