/* ens-share-editor-private.h
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

#include "ens-share-editor.h"

G_BEGIN_DECLS

/* Shared by ens-share-editor.c (state, properties, the image and the
 * draft) and ens-share-editor-run.c (running changes, their toasts, Undo
 * and Cancel).  Tests use only _ens_share_editor_finish_run(). */
struct _EnsShareEditor
{
  GObject          parent_instance;

  /* Owned references */
  EnsSession      *session;
  EnsPendingList  *pending;
  EnsShareList    *share_list;
  EnsChangeRunner *runner;
  EnsSharePlan    *verify_plan;   /* uncertain: its report waits for the list */
  GError          *verify_error;  /* how that run ended, NULL or cancelled */
  char            *image_text;
  char            *image_id;
  char            *image_error;
  char            *draft;

  /* Borrowed references */
  const char      *select_all_label;

  /* The boolean properties, as last notified (PROP_BUSY onwards). */
  guint            flags;
};

/* Works out the boolean properties and notifies what changed. */
void _ens_share_editor_update_state              (EnsShareEditor *self);

/* The share list's "loaded" signal and "notify::state": a change whose
 * outcome was uncertain is reported once the list has been read again,
 * or as far as it is certain when no list will come. */
void _ens_share_editor_share_list_loaded         (EnsShareEditor *self,
                                                  EnsShareList   *share_list);
void _ens_share_editor_share_list_state_changed  (EnsShareEditor *self);

/* What follows a run of @plan (which ended with @error): the pending list
 * settled, the toast (or, when outcomes are uncertain and the image is
 * shown, the wait for the reloaded list), the reload, "failed" and
 * "finished".  The runner's callback calls it; tests give it plans whose
 * outcomes the client never produces. */
void _ens_share_editor_finish_run (EnsShareEditor *self,
                                   EnsSharePlan   *plan,
                                   const GError   *error);

G_END_DECLS
