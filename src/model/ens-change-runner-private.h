/* ens-change-runner-private.h
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

#include "ens-change-runner.h"
#include "ens-history-recorder.h"

G_BEGIN_DECLS

/* Between ens-change-runner.c (running plans, recording them) and
 * ens-change-runner-history.c (the history: setting it, loading earlier
 * changes into the activity, recovery). */
struct _EnsChangeRunner
{
  GObject       parent_instance;

  /* Owned references */
  EnsClient    *client;
  GListStore   *activity;          /* of EnsActivityEntry, newest first */
  GHashTable   *undo_plans;        /* number → inverse EnsSharePlan */
  EnsSharePlan *plan;              /* the running plan */
  GCancellable *plan_cancellable;  /* its run; ens_change_runner_cancel() */
  GCancellable *caller_cancellable;
  char         *title;
  char         *progress_text;
  EnsHistory   *history;           /* nullable: no recording */
  EnsSession   *session;           /* weak: who is signed in, for the record */
  EnsHistoryRecorder *recorder;    /* of the running plan */
  GCancellable *recover_cancellable;
  GHashTable   *image_names;       /* nullable: image ID → name, for the record */
  GHashTable   *recipient_names;   /* nullable: account ID → recipient name */

  double        fraction;
  gulong        caller_cancelled_id;
  guint         undo_counter;
};

void _ens_change_runner_emit_notice (EnsChangeRunner *self,
                                     const char      *message);
void _ens_change_runner_begin_record (EnsChangeRunner     *self,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

G_END_DECLS
