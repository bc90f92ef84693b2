/* ens-client.h
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

#include "ens-core-types.h"

G_BEGIN_DECLS

#define ENS_TYPE_CLIENT (ens_client_get_type ())

G_DECLARE_FINAL_TYPE (EnsClient, ens_client, ENS, CLIENT, GObject)

/*
 * The client owns one SoupSession (keep-alive reused).  Properties:
 *   "endpoint"          string, default ENS_DEFAULT_ENDPOINT; http only for loopback
 *   "signature-version" int (EnsSignatureVersion), default ENS_SIGNATURE_V3
 *   "http-method"       string, "POST" (default) or "GET"
 *   "connect-timeout"   uint seconds, default 10
 *   "timeout"           uint seconds for a whole request, default 30
 *   "max-retries"       uint, default 3
 *   "retry-delay"       uint milliseconds, base of the exponential backoff, default 500
 *   "batch-size"        uint 1..100, accounts per AddAccounts request, default 10
 *   "concurrency"       uint 1..16, requests in flight in a plan, default 4
 *   "adapt-concurrency" boolean, default TRUE: a plan starts at "concurrency"
 *                       and adapts to the server (up to 16, slower when
 *                       throttled); FALSE: "concurrency" is fixed
 *   "user-agent"        string, read-only, names the app and its version
 */
EnsClient        *ens_client_new                                     (void);
EnsClient        *ens_client_new_like                                (EnsClient            *client);
const char       *ens_client_get_endpoint                            (EnsClient            *self);
gboolean          ens_client_set_endpoint                            (EnsClient            *self,
                                                                      const char           *endpoint,
                                                                      GError              **error);
EnsSignatureVersion ens_client_get_signature_version                 (EnsClient            *self);
void              ens_client_set_signature_version                   (EnsClient            *self,
                                                                      EnsSignatureVersion   version);
void              ens_client_set_credentials                         (EnsClient            *self,
                                                                      const EnsCredentials *credentials);
gboolean          ens_client_has_credentials                         (EnsClient            *self);
guint             ens_client_get_concurrency                         (EnsClient            *self);
void              ens_client_set_concurrency                         (EnsClient            *self,
                                                                      guint                 concurrency);
gboolean          ens_client_get_adapt_concurrency                   (EnsClient            *self);
void              ens_client_set_adapt_concurrency                   (EnsClient            *self,
                                                                      gboolean              adapt);
guint             ens_client_get_batch_size                          (EnsClient            *self);
void              ens_client_set_batch_size                          (EnsClient            *self,
                                                                      guint                 batch_size);
void              ens_client_set_timeouts                            (EnsClient            *self,
                                                                      guint                 connect_timeout,
                                                                      guint                 timeout);

/* Checks an endpoint URL without changing anything (https, or http to loopback). */
gboolean          ens_client_check_endpoint                          (const char           *endpoint,
                                                                      GError              **error);

void              ens_client_modify_image_share_permission_async     (EnsClient            *self,
                                                                      const char           *image_id,
                                                                      const char * const   *add_accounts,
                                                                      const char           *remove_account,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
/* Returns the RequestId; @tries (optional) says how many attempts it took. */
char             *ens_client_modify_image_share_permission_finish    (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      guint                *tries,
                                                                      GError              **error);

/* Fetches every page.  Returns the account IDs in the order served.
 * _finish_full says whether the list is complete (see ens-listing.h):
 * FALSE when the server's pages did not add up. */
void              ens_client_describe_image_share_permission_async   (EnsClient            *self,
                                                                      const char           *image_id,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
GStrv             ens_client_describe_image_share_permission_finish  (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);
GStrv             ens_client_describe_image_share_permission_finish_full (EnsClient        *self,
                                                                          GAsyncResult     *result,
                                                                          gboolean         *complete,
                                                                          GError          **error);

/* @page_number 0 fetches every page; otherwise just that page. */
void              ens_client_describe_images_async                   (EnsClient            *self,
                                                                      guint                 page_number,
                                                                      guint                 page_size,
                                                                      const char           *image_id,
                                                                      const char           *image_name,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
/* Returns (element-type EnsImage); @total_count (optional) is the server's TotalCount. */
GPtrArray        *ens_client_describe_images_finish                  (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      guint                *total_count,
                                                                      GError              **error);
GPtrArray        *ens_client_describe_images_finish_full             (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      guint                *total_count,
                                                                      gboolean             *complete,
                                                                      GError              **error);

/* Where STS GetCallerIdentity goes for an ENS endpoint: sts.aliyuncs.com for
 * the default, sts.ap-southeast-1.aliyuncs.com for Singapore, the same host
 * for any other (a custom or loopback endpoint). */
char             *ens_client_get_sts_endpoint_for                    (const char           *ens_endpoint);

/* Has the items of one page of a listing as they come: for the images, a
 * GPtrArray of EnsImage. */
typedef void (*EnsClientPageFunc) (EnsClient *client,
                                   GPtrArray *items,
                                   gpointer   user_data);

/* The account's own custom images, every page: DescribeSelfImages, or
 * DescribeImages filtered to ImageOwnerAlias "self" where that is refused
 * (see ens-client-images.c).  Returns a GListModel of EnsImage. */
void              ens_client_describe_self_images_async              (EnsClient            *self,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
/* The same, with @page_func given the own images of each page but the last
 * as it comes, so that a list can show them before the end. */
void              ens_client_describe_self_images_paged_async        (EnsClient            *self,
                                                                      EnsClientPageFunc     page_func,
                                                                      gpointer              page_data,
                                                                      GDestroyNotify        page_data_free,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
GListModel       *ens_client_describe_self_images_finish             (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      gboolean             *complete,
                                                                      gboolean             *used_fallback,
                                                                      GError              **error);

/* Fills in EnsImage:share-count of every image of @images, "concurrency"
 * requests at a time.  An image whose count could not be read keeps -1. */
void              ens_client_count_shares_async                      (EnsClient            *self,
                                                                      GListModel           *images,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
gboolean          ens_client_count_shares_finish                     (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      guint                *n_failed,
                                                                      GError              **error);

/* STS GetCallerIdentity: whose key the client signs with. */
void              ens_client_get_caller_identity_async               (EnsClient            *self,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
EnsCallerIdentity *ens_client_get_caller_identity_finish             (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);
EnsCallerIdentity *ens_client_peek_caller_identity                   (EnsClient            *self);

/*
 * Carries out @plan: additions in batches of "batch-size", removals one
 * request per account.  With "adapt-concurrency" the number in flight and
 * the pace follow the server (see EnsPacer); otherwise at most
 * "concurrency" requests run at once.  Retries are scheduled by the plan,
 * paced like the rest.  Outcomes are recorded in the plan as requests
 * finish, and the plan's "rate" and "max-in-flight" as it runs.
 *
 * Cancelling stops at once what has not started (those accounts become
 * ENS_OUTCOME_NOT_ATTEMPTED) and every retry still waiting (those accounts
 * keep the failure of their last attempt); requests already in flight run
 * to their end, within the timeout, and record their real outcome.
 *
 * _finish returns TRUE when every account succeeded.  Otherwise FALSE with
 * G_IO_ERROR_CANCELLED when cancelled, or a copy of the first failure
 * (or lost answer: such accounts are ENS_OUTCOME_UNKNOWN, to be settled by
 * reading the list again, see ens_share_plan_reconcile()).
 */
void              ens_client_run_plan_async                          (EnsClient            *self,
                                                                      EnsSharePlan         *plan,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
/* Read each image's share list of @plan (no change is sent) and preview it
 * (skipped accounts) or, after it ran, verify it (see ens-share-plan.h). */
void              ens_client_preview_plan_async                      (EnsClient            *self,
                                                                      EnsSharePlan         *plan,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
void              ens_client_verify_plan_async                       (EnsClient            *self,
                                                                      EnsSharePlan         *plan,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
gboolean          ens_client_review_plan_finish                      (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);
gboolean          ens_client_run_plan_finish                         (EnsClient            *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);

guint             ens_client_get_n_calls                             (EnsClient            *self);

G_END_DECLS
