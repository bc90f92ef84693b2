/* ens-share-editor.h
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

#include "ens-change-runner.h"
#include "ens-pending-list.h"
#include "ens-session.h"
#include "ens-share-list.h"

G_BEGIN_DECLS

#define ENS_TYPE_SHARE_EDITOR (ens_share_editor_get_type ())

G_DECLARE_FINAL_TYPE (EnsShareEditor, ens_share_editor, ENS, SHARE_EDITOR, GObject)

/*
 * The Share page without its widgets: the image typed, the accounts typed
 * and added (an EnsPendingList), the image's share list (an EnsShareList,
 * loaded only while the session is signed in) and the changes run on it
 * (an EnsChangeRunner), with what may be done at each moment.  It follows
 * an EnsSession: signing out empties the share list and sends nothing;
 * signing in (again, with other credentials too) reloads it.
 *
 * After each run it settles the pending list, reloads the share list
 * when the plan was for the image shown, and reports the change in a
 * "toast" whose Undo runs exactly the inverse.  A run cancelled with
 * requests in flight is reported once the reloaded list tells what the
 * server really did (ens_share_plan_reconcile()).
 *
 * Properties:
 *   "session"                 construct-only
 *   "image-text" (rw)         what is typed in "Image ID"
 *   "image-id"                the valid ID it holds, or NULL
 *   "image-error"             why it is not one, translated, or NULL
 *                             (NULL for blank text)
 *   "draft" (rw)              what is typed in "Accounts to add"
 *   "busy"                    a change runs
 *   "signed-in"               the session's
 *   "can-share", "can-stop-sharing", "can-cancel", "can-refresh",
 *   "can-choose-image", "can-add", "can-undo", "can-select-all",
 *   "can-load-error-details"  whether those actions may be used now
 *   "select-all-label"        "Select None" when all are selected, else
 *                             "Select All", translated
 *
 * Signals:
 *   "toast" (const char *title, guint undo_number): a change to report;
 *     undo_number is for ens_share_editor_undo(), 0 when there is no Undo
 *     ("Cancelled, nothing was changed").
 *   "failed" (GError *error, EnsSharePlan *plan): a run failed, not by
 *     being cancelled; for the error dialog.
 *   "finished" (EnsSharePlan *plan): after each run, once the above.
 */
EnsShareEditor  *ens_share_editor_new                        (EnsSession        *session);
EnsSession      *ens_share_editor_get_session                (EnsShareEditor    *self);
EnsPendingList  *ens_share_editor_get_pending                (EnsShareEditor    *self);
EnsShareList    *ens_share_editor_get_share_list             (EnsShareEditor    *self);
EnsChangeRunner *ens_share_editor_get_runner                 (EnsShareEditor    *self);

void             ens_share_editor_set_image_text             (EnsShareEditor    *self,
                                                              const char        *text);
const char      *ens_share_editor_get_image_text             (EnsShareEditor    *self);
const char      *ens_share_editor_get_image_id               (EnsShareEditor    *self);
const char      *ens_share_editor_get_image_error            (EnsShareEditor    *self);
void             ens_share_editor_choose_image               (EnsShareEditor    *self,
                                                              const char        *image_id);
void             ens_share_editor_set_draft                  (EnsShareEditor    *self,
                                                              const char        *draft);
const char      *ens_share_editor_get_draft                  (EnsShareEditor    *self);
gboolean         ens_share_editor_get_busy                   (EnsShareEditor    *self);
gboolean         ens_share_editor_get_signed_in              (EnsShareEditor    *self);

gboolean         ens_share_editor_get_can_share              (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_stop_sharing       (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_cancel             (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_refresh            (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_choose_image       (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_add                (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_undo               (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_select_all         (EnsShareEditor    *self);
gboolean         ens_share_editor_get_can_load_error_details (EnsShareEditor    *self);
const char      *ens_share_editor_get_select_all_label       (EnsShareEditor    *self);

void             ens_share_editor_add_draft                  (EnsShareEditor    *self);
void             ens_share_editor_share                      (EnsShareEditor    *self);
void             ens_share_editor_stop_sharing               (EnsShareEditor    *self,
                                                              const char * const *accounts);
gboolean         ens_share_editor_undo                       (EnsShareEditor    *self,
                                                              guint              number);
void             ens_share_editor_cancel                     (EnsShareEditor    *self);
void             ens_share_editor_refresh                    (EnsShareEditor    *self);
void             ens_share_editor_toggle_select_all          (EnsShareEditor    *self);

char            *ens_share_editor_dup_unsent                 (EnsShareEditor    *self,
                                                              gboolean           include_pending);
gboolean         ens_share_editor_keep_unsent                (EnsShareEditor    *self,
                                                              gboolean           include_pending);
gboolean         ens_share_editor_restore_unsent             (EnsShareEditor    *self);

G_END_DECLS
