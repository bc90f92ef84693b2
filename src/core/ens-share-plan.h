/* ens-share-plan.h
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

#include "ens-core-types.h"

G_BEGIN_DECLS

#define ENS_TYPE_SHARE_PLAN (ens_share_plan_get_type ())

G_DECLARE_FINAL_TYPE (EnsSharePlan, ens_share_plan, ENS, SHARE_PLAN, GObject)

typedef enum
{
  ENS_SHARE_CHANGE_ADD,
  ENS_SHARE_CHANGE_REMOVE,
} EnsShareChange;

typedef enum
{
  ENS_OUTCOME_PENDING,        /* not finished yet */
  ENS_OUTCOME_DONE,           /* the request for it succeeded */
  ENS_OUTCOME_FAILED,         /* its request failed; see the error */
  ENS_OUTCOME_NOT_ATTEMPTED,  /* cancelled before its request started */
  ENS_OUTCOME_UNKNOWN,        /* its request was sent and the answer was lost */
  ENS_OUTCOME_SKIPPED,        /* never sent: the preview found nothing to change
                               * (see ens_share_plan_get_skip_reason()) */
} EnsOutcomeState;

typedef enum
{
  ENS_SKIP_NONE,
  ENS_SKIP_ALREADY_SHARED,    /* an addition of an account that has access */
  ENS_SKIP_NOT_SHARED,        /* a removal of an account that never had it */
} EnsSkipReason;

typedef enum
{
  ENS_VERIFY_UNCHECKED,       /* the list was not read again (or not yet) */
  ENS_VERIFY_VERIFIED,        /* the list read again shows the outcome */
  ENS_VERIFY_DISAGREES,       /* the list read again contradicts the answer */
} EnsVerification;

/*
 * A change to one image's share list: accounts to add and to remove.  The
 * client carries it out (ens_client_run_plan_async()) and records an outcome
 * per account.  Accounts are indexed 0 .. n-1: the additions first, in the
 * order given, then the removals.
 *
 * Properties: "image-id" (construct-only), "done" and "total" (accounts
 * with a final outcome / all accounts, notified as the plan runs), "rate"
 * (accounts per second lately while it runs, 0 until known) and
 * "max-in-flight" (the most requests in flight at once).
 */
EnsSharePlan    *ens_share_plan_new               (const char          *image_id,
                                                   const char * const  *add_accounts,
                                                   const char * const  *remove_accounts);
EnsSharePlan    *ens_share_plan_new_inverse       (EnsSharePlan        *self);
const char      *ens_share_plan_get_image_id      (EnsSharePlan        *self);
guint            ens_share_plan_get_n_accounts    (EnsSharePlan        *self);
guint            ens_share_plan_get_done          (EnsSharePlan        *self);
guint            ens_share_plan_get_total         (EnsSharePlan        *self);
const char      *ens_share_plan_get_account       (EnsSharePlan        *self,
                                                   guint                position);
EnsShareChange   ens_share_plan_get_change        (EnsSharePlan        *self,
                                                   guint                position);
EnsOutcomeState  ens_share_plan_get_state         (EnsSharePlan        *self,
                                                   guint                position);
const char      *ens_share_plan_get_request_id    (EnsSharePlan        *self,
                                                   guint                position);
const GError    *ens_share_plan_get_error         (EnsSharePlan        *self,
                                                   guint                position);
guint            ens_share_plan_get_tries         (EnsSharePlan        *self,
                                                   guint                position);
double           ens_share_plan_get_rate          (EnsSharePlan        *self);
guint            ens_share_plan_get_max_in_flight (EnsSharePlan        *self);
GStrv            ens_share_plan_dup_accounts      (EnsSharePlan        *self,
                                                   EnsShareChange       change,
                                                   EnsOutcomeState      state);
guint            ens_share_plan_count             (EnsSharePlan        *self,
                                                   EnsShareChange       change,
                                                   EnsOutcomeState      state);

/*
 * Uncertain: the server may or may not have carried out the change for the
 * account.  Either its request was sent and the answer was lost
 * (ENS_OUTCOME_UNKNOWN: the connection broke, the answer timed out or could
 * not be read), or it was on its way when the run was cancelled (FAILED
 * with G_IO_ERROR_CANCELLED).  Only reading the share list again tells.
 */
gboolean         ens_share_plan_is_uncertain      (EnsSharePlan        *self,
                                                   guint                position);
guint            ens_share_plan_count_uncertain   (EnsSharePlan        *self);
/*
 * A new plan, the same accounts at the same positions, in which every
 * uncertain outcome is settled from @shared_now, the image's share list
 * read after the run: an addition whose account is now shared, or a
 * removal whose account is gone, becomes DONE; otherwise NOT_ATTEMPTED
 * (nothing changed for it).  Settled outcomes are copied as they are.
 * @self is not changed.
 */
EnsSharePlan    *ens_share_plan_reconcile         (EnsSharePlan        *self,
                                                   const char * const  *shared_now);

/*
 * Several images at once (issue 13): the same additions and removals for
 * each image.  Positions go image by image, each image's additions first,
 * then its removals; "image-id" is the first image.  The scheduler batches
 * additions per image and sends removals one per request.  Every function
 * above works on all of the plan's images; the inverse keeps each
 * account's image.
 */
EnsSharePlan    *ens_share_plan_new_for_images    (const char * const  *image_ids,
                                                   const char * const  *add_accounts,
                                                   const char * const  *remove_accounts);
void             ens_share_plan_append_change     (EnsSharePlan        *self,
                                                   const char          *image_id,
                                                   const char * const  *accounts,
                                                   EnsShareChange       change);
const char      *ens_share_plan_get_account_image_id (EnsSharePlan     *self,
                                                   guint                position);
GStrv            ens_share_plan_dup_image_ids     (EnsSharePlan        *self);

/*
 * Copying sharing from @source_image to @target_image: every account of
 * @source_shares is added to the target; with @exact, every account of
 * @target_shares not in @source_shares is removed from it; with
 * @stop_source, every account of @source_shares is then removed from the
 * source.  The preview (below) is already applied, so accounts the target
 * has already are SKIPPED ("already shared").
 */
EnsSharePlan    *ens_share_plan_new_copy          (const char          *source_image,
                                                   const char * const  *source_shares,
                                                   const char          *target_image,
                                                   const char * const  *target_shares,
                                                   gboolean             exact,
                                                   gboolean             stop_source);

/*
 * Preview: given @image_id's share list now, its pending additions of
 * accounts already shared and removals of accounts not shared become
 * ENS_OUTCOME_SKIPPED with their reason.  Skipped accounts are never sent,
 * never counted as done and never undone.  Returns how many were skipped.
 */
guint            ens_share_plan_preview           (EnsSharePlan        *self,
                                                   const char          *image_id,
                                                   const char * const  *shared_now);
EnsSkipReason    ens_share_plan_get_skip_reason   (EnsSharePlan        *self,
                                                   guint                position);

/*
 * Verify after apply: given @image_id's share list read again after the
 * run, settles its uncertain outcomes as ens_share_plan_reconcile() does
 * (in place), then marks each DONE or SKIPPED account of that image
 * VERIFIED when the list shows it, DISAGREES when it does not.  Returns
 * how many disagree.
 */
guint            ens_share_plan_verify            (EnsSharePlan        *self,
                                                   const char          *image_id,
                                                   const char * const  *shared_now);
EnsVerification  ens_share_plan_get_verification  (EnsSharePlan        *self,
                                                   guint                position);
guint            ens_share_plan_count_verification (EnsSharePlan       *self,
                                                   EnsVerification      verification);

/* For EnsClient: records the final outcome of one account (notifies "done"). */
void             ens_share_plan_set_outcome       (EnsSharePlan        *self,
                                                   guint                position,
                                                   EnsOutcomeState      state,
                                                   const char          *request_id,
                                                   const GError        *error,
                                                   guint                tries);
/* For EnsClient: the request for these accounts is about to leave (emits
 * "sending" (guint position) for each).  "outcome" (guint position) is
 * emitted by ens_share_plan_set_outcome(). */
void             ens_share_plan_mark_sending      (EnsSharePlan        *self,
                                                   const guint         *positions,
                                                   guint                n_positions);

/* For EnsClient, as the plan runs. */
void             ens_share_plan_set_rate          (EnsSharePlan        *self,
                                                   double               rate);
void             ens_share_plan_note_in_flight    (EnsSharePlan        *self,
                                                   guint                in_flight);

G_END_DECLS
