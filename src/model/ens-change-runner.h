/* ens-change-runner.h
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

#include "ens-client.h"
#include "ens-history.h"
#include "ens-session.h"
#include "ens-share-plan.h"

G_BEGIN_DECLS

#define ENS_TYPE_CHANGE_RUNNER (ens_change_runner_get_type ())

G_DECLARE_FINAL_TYPE (EnsChangeRunner, ens_change_runner, ENS, CHANGE_RUNNER, GObject)

/*
 * Runs one EnsSharePlan at a time through the client, with what a view
 * shows of it, and keeps what the runs leave: the activity (a GListStore
 * of EnsActivityEntry, newest first, an entry for each plan that ran) and
 * the undo table (a number for each inverse plan a toast offers).
 *
 * Properties (read-only):
 *   "client"         construct-only
 *   "running"        whether a plan runs
 *   "plan"           the running plan, or NULL
 *   "title"          "Sharing…", "Stopping sharing…" or "Changing
 *                    sharing…", translated: of the running plan, or of the
 *                    last one once it has finished (NULL before the first)
 *   "progress-text"  "3 of 10", likewise
 *   "fraction"       accounts with an outcome / all, 0.0 to 1.0, likewise
 *
 * With a history (ens_change_runner_set_history()), every plan is written
 * to it before it is sent ("no change without a record": when that fails
 * the plan is not run and the error is ENS_ERROR_STORAGE), and
 * ens_change_runner_recover() settles what a dead run left unfinished;
 * "notice" (const char *message) tells what the user should hear once.
 *
 * ens_change_runner_run_finish() returns the plan, its outcomes filled in,
 * whether the run succeeded or not (transfer full, never NULL), and sets
 * @error unless every account succeeded: G_IO_ERROR_CANCELLED when it was
 * cancelled, G_IO_ERROR_PENDING when another plan was running (the plan
 * then did not run at all), else the first failure.
 */
EnsChangeRunner *ens_change_runner_new               (EnsClient            *client);
EnsClient       *ens_change_runner_get_client        (EnsChangeRunner      *self);
void             ens_change_runner_run_async         (EnsChangeRunner      *self,
                                                      EnsSharePlan         *plan,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
EnsSharePlan    *ens_change_runner_run_finish        (EnsChangeRunner      *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void             ens_change_runner_cancel            (EnsChangeRunner      *self);
gboolean         ens_change_runner_get_running       (EnsChangeRunner      *self);
EnsSharePlan    *ens_change_runner_get_plan          (EnsChangeRunner      *self);
const char      *ens_change_runner_get_title         (EnsChangeRunner      *self);
const char      *ens_change_runner_get_progress_text (EnsChangeRunner      *self);
double           ens_change_runner_get_fraction      (EnsChangeRunner      *self);
GListModel      *ens_change_runner_get_activity      (EnsChangeRunner      *self);
guint            ens_change_runner_add_undo          (EnsChangeRunner      *self,
                                                      EnsSharePlan         *inverse);
EnsSharePlan    *ens_change_runner_take_undo         (EnsChangeRunner      *self,
                                                      guint                 number);
void             ens_change_runner_set_history       (EnsChangeRunner      *self,
                                                      EnsHistory           *history,
                                                      EnsSession           *session);
EnsHistory      *ens_change_runner_get_history       (EnsChangeRunner      *self);
void             ens_change_runner_set_names         (EnsChangeRunner      *self,
                                                      GHashTable           *image_names,
                                                      GHashTable           *recipient_names);
void             ens_change_runner_recover           (EnsChangeRunner      *self);

G_END_DECLS
