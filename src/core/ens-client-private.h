/* ens-client-private.h
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

#include <libsoup/soup.h>

#include "ens-client.h"
#include "ens-request.h"

G_BEGIN_DECLS

/*
 * Between the parts of EnsClient:
 *   ens-client.c           the GObject, its properties and setters
 *   ens-client-endpoint.c  which endpoints are accepted; the HTTP session
 *   ens-client-call.c      one signed API call with retries; ModifyImageSharePermission
 *   ens-client-pager.c     the paged listings (DescribeImageSharePermission, DescribeImages,
 *                          DescribeSelfImages)
 *   ens-client-images.c    the account's own images, share counts, STS GetCallerIdentity
 *   ens-client-plan.c      carrying out a share plan
 *   ens-client-review.c    previewing and verifying a plan against the share lists
 */

#define MAX_CONCURRENCY 16

struct _EnsClient
{
  GObject              parent_instance;

  SoupSession         *session;
  EnsCredentials      *credentials;
  char                *endpoint;
  char                *http_method;
  char                *user_agent;
  EnsSignatureVersion  signature_version;
  guint                connect_timeout;
  guint                timeout;
  guint                max_retries;
  guint                retry_delay;
  guint                batch_size;
  guint                concurrency;
  gboolean             adapt_concurrency;
  EnsCallerIdentity   *caller_identity;  /* the last one STS gave for these credentials */
  guint                credentials_serial; /* counts ens_client_set_credentials() */
  guint                n_calls;            /* requests not finished yet (ens-client-call.c) */
};

/* Turns an answer into a result (NULL with @error when it is not one). */
typedef gpointer (*EnsClientParseFunc) (guint        http_status,
                                        const char  *content_type,
                                        GBytes      *body,
                                        GError     **error);

/* ens-client-endpoint.c */
GUri        *_ens_client_parse_endpoint (const char          *endpoint,
                                         GError             **error);
SoupSession *_ens_client_new_session    (const char          *user_agent,
                                         guint                connect_timeout);

/* ens-client-call.c: takes @request. */
void         _ens_client_call_async     (EnsClient           *self,
                                         EnsRequest          *request,
                                         EnsClientParseFunc   parse,
                                         GDestroyNotify       result_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
void         _ens_client_call_once_async (EnsClient          *self,
                                         EnsRequest          *request,
                                         EnsClientParseFunc   parse,
                                         GDestroyNotify       result_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     _ens_client_call_was_retryable (GAsyncResult    *result);
guint        _ens_client_compute_backoff_ms (guint            retry_delay,
                                             guint            tries);
gpointer     _ens_client_call_finish    (EnsClient           *self,
                                         GAsyncResult        *result,
                                         guint               *tries,
                                         GError             **error);
gboolean     _ens_client_call_get_answer_lost (EnsClient     *self,
                                               GAsyncResult  *result);
/* ens-client-pager.c */
void         _ens_client_list_self_images_async (EnsClient       *self,
                                                 gboolean         fallback,
                                                 EnsClientPageFunc page_func,
                                                 gpointer         page_data,
                                                 GDestroyNotify   page_data_free,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);

gpointer     _ens_client_parse_modify   (guint                http_status,
                                         const char          *content_type,
                                         GBytes              *body,
                                         GError             **error);

G_END_DECLS
