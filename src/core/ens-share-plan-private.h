/* ens-share-plan-private.h
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

#include "ens-share-plan.h"

G_BEGIN_DECLS

/* Between ens-share-plan.c (the plan, its outcomes and properties) and
 * ens-share-plan-images.c (several images: preview, verify, copying). */

/*
 * One entry per account.  The additions come first, in the order given,
 * then the removals, so that the position of an account is stable for the
 * life of the plan and a list view can bind to it.
 */
typedef struct
{
  char            *account;
  EnsShareChange   change;
  EnsOutcomeState  state;
  char            *request_id;
  GError          *error;
  guint            tries;
  char            *image_id;     /* NULL: the plan's "image-id" */
  EnsSkipReason    skip_reason;
  EnsVerification  verification;
} Entry;

struct _EnsSharePlan
{
  GObject  parent_instance;

  char    *image_id;
  GArray  *entries;   /* of Entry */
  guint    done;
  double   rate;
  guint    max_in_flight;
};

static inline Entry *
_ens_share_plan_get_entry (EnsSharePlan *self,
                           guint         position)
{
  return &g_array_index (self->entries, Entry, position);
}

/* Gives @entry a new state, notifying "done" when it becomes final or
 * stops being so. */
void _ens_share_plan_set_final_state (EnsSharePlan    *self,
                                      Entry           *entry,
                                      EnsOutcomeState  state);

G_END_DECLS
