/* ens-request.h
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

#include "ens-core-types.h"

G_BEGIN_DECLS

#define ENS_TYPE_REQUEST        (ens_request_get_type ())
#define ENS_TYPE_SIGNED_REQUEST (ens_signed_request_get_type ())

#define ENS_SHARE_PAGE_SIZE_MAX  100
#define ENS_IMAGES_PAGE_SIZE_MAX 50
#define ENS_SELF_IMAGES_PAGE_SIZE_MAX 50

/**
 * EnsRequest:
 *
 * An unsigned API call: the action and its own parameters.  Boxed and
 * reference counted.
 */
GType             ens_request_get_type                               (void) G_GNUC_CONST;
EnsRequest       *ens_request_new_modify_image_share_permission      (const char          *image_id,
                                                                      const char * const  *add_accounts,
                                                                      const char          *remove_account,
                                                                      GError             **error);
EnsRequest       *ens_request_new_describe_image_share_permission    (const char          *image_id,
                                                                      guint                page_number,
                                                                      guint                page_size,
                                                                      GError             **error);
EnsRequest       *ens_request_new_describe_account_share             (const char          *image_id,
                                                                      const char          *account_id,
                                                                      GError             **error);
EnsRequest       *ens_request_new_describe_images                    (guint                page_number,
                                                                      guint                page_size,
                                                                      const char          *image_id,
                                                                      const char          *image_name,
                                                                      GError             **error);
EnsRequest       *ens_request_new_describe_self_images               (guint                page_number,
                                                                      guint                page_size,
                                                                      GError             **error);
EnsRequest       *ens_request_new_get_caller_identity                (const char          *sts_endpoint);
const char       *ens_request_get_version                            (EnsRequest          *self);
const char       *ens_request_get_endpoint                           (EnsRequest          *self);
EnsRequest       *ens_request_ref                                    (EnsRequest          *self);
void              ens_request_unref                                  (EnsRequest          *self);
const char       *ens_request_get_action                             (EnsRequest          *self);
const char       *ens_request_get_param                              (EnsRequest          *self,
                                                                      const char          *name);
GHashTable       *ens_request_get_params                             (EnsRequest          *self);

/**
 * ens_request_sign:
 * @method: "GET" or "POST"
 * @form_body: for POST, put the parameters in a form body instead of the query
 * @endpoint: e.g. https://ens.aliyuncs.com or http://127.0.0.1:PORT
 * @timestamp: the signing time (UTC is used)
 * @nonce: the signature nonce
 *
 * Builds a request ready for libsoup.  Pure: no clock, no randomness.
 */
EnsSignedRequest *ens_request_sign                                   (EnsRequest          *self,
                                                                      EnsSignatureVersion  version,
                                                                      const char          *method,
                                                                      gboolean             form_body,
                                                                      GUri                *endpoint,
                                                                      const EnsCredentials *credentials,
                                                                      GDateTime           *timestamp,
                                                                      const char          *nonce,
                                                                      GError             **error);

GType               ens_signed_request_get_type        (void) G_GNUC_CONST;
EnsSignedRequest   *ens_signed_request_ref             (EnsSignedRequest *self);
void                ens_signed_request_unref           (EnsSignedRequest *self);
const char         *ens_signed_request_get_method      (EnsSignedRequest *self);
/* The full URL, query included. */
const char         *ens_signed_request_get_url         (EnsSignedRequest *self);
SoupMessageHeaders *ens_signed_request_get_headers     (EnsSignedRequest *self);
/* Never NULL; empty when there is no body. */
GBytes             *ens_signed_request_get_body        (EnsSignedRequest *self);
const char         *ens_signed_request_get_content_type(EnsSignedRequest *self);
/* Our string-to-sign, kept to diagnose SignatureDoesNotMatch.  Not secret. */
const char         *ens_signed_request_get_string_to_sign (EnsSignedRequest *self);
SoupMessage        *ens_signed_request_to_message      (EnsSignedRequest *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsRequest, ens_request_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsSignedRequest, ens_signed_request_unref)

G_END_DECLS
