/* ens-activity-entry.h
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

#include <glib-object.h>

#include "ens-share-plan.h"

G_BEGIN_DECLS

#define ENS_TYPE_ACTIVITY_ENTRY (ens_activity_entry_get_type ())

G_DECLARE_FINAL_TYPE (EnsActivityEntry, ens_activity_entry, ENS, ACTIVITY_ENTRY, GObject)

/**
 * EnsActivityDetail:
 * @request_id: (nullable): the RequestId the server gave, if any
 * @accounts: the accounts this line is about, comma separated; a long
 *   list is cut short ("… and 90 more")
 * @all_accounts: all of them, comma separated
 * @n_accounts: how many there are
 * @outcome: what happened to them, translated
 * @failed: whether the change did not happen
 *
 * One line of an operation's log: accounts that shared one outcome and,
 * for requests that reached the server, one RequestId.
 */
typedef struct
{
  char     *request_id;
  char     *accounts;
  char     *all_accounts;
  guint     n_accounts;
  char     *outcome;
  gboolean  failed;
} EnsActivityDetail;

/*
 * One finished operation of this run, for the "Recent Activity" view.  It
 * copies what it needs from the plan, so the plan may be freed.  @error is
 * what running the plan returned (NULL on success).
 */
EnsActivityEntry        *ens_activity_entry_new_from_plan (EnsSharePlan     *plan,
                                                           const GError     *error);
GDateTime               *ens_activity_entry_get_time      (EnsActivityEntry *self);
const char              *ens_activity_entry_get_image_id  (EnsActivityEntry *self);
const char              *ens_activity_entry_get_title     (EnsActivityEntry *self);
const char              *ens_activity_entry_get_outcome   (EnsActivityEntry *self);
gboolean                 ens_activity_entry_get_success   (EnsActivityEntry *self);
guint                    ens_activity_entry_get_n_details (EnsActivityEntry *self);
const EnsActivityDetail *ens_activity_entry_get_detail    (EnsActivityEntry *self,
                                                           guint             position);
char                    *ens_activity_entry_to_text       (EnsActivityEntry *self);

G_END_DECLS
