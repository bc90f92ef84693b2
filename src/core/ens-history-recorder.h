/* ens-history-recorder.h
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

#include "ens-history.h"

G_BEGIN_DECLS

#define ENS_TYPE_HISTORY_RECORDER (ens_history_recorder_get_type ())

G_DECLARE_FINAL_TYPE (EnsHistoryRecorder, ens_history_recorder, ENS, HISTORY_RECORDER, GObject)

/*
 * Follows one running plan whose accounts ens_history_begin_async() wrote
 * as "planned": each "sending" and each outcome is queued and written on
 * the history's worker thread, in batches (whatever queued while the
 * previous batch was being written), each batch one transaction.  If a
 * batch cannot be written, @plan_cancellable is cancelled, so that nothing
 * more is sent without a record, and the error is kept.
 */
EnsHistoryRecorder *ens_history_recorder_new         (EnsHistory          *history,
                                                      EnsSharePlan        *plan,
                                                      gint64               operation_id,
                                                      GCancellable        *plan_cancellable);
gint64              ens_history_recorder_get_operation_id (EnsHistoryRecorder *self);
const GError       *ens_history_recorder_get_error   (EnsHistoryRecorder  *self);
void                ens_history_recorder_record      (EnsHistoryRecorder  *self,
                                                      guint                position,
                                                      EnsHistoryState      state);
void                ens_history_recorder_close_async (EnsHistoryRecorder  *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            ens_history_recorder_close_finish (EnsHistoryRecorder *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
