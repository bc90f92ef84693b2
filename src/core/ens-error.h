/* ens-error.h
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

#include <glib.h>

#include "ens-core-types.h"

G_BEGIN_DECLS

#define ENS_ERROR (ens_error_quark ())

/**
 * EnsError:
 *
 * The one error domain of the app.  The code is a *category*; the exact
 * API code, HTTP status, RequestId and so on ride along as the extended
 * error's private data (see ens_error_get_api_code() and friends).
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED, as GIO does, so that
 * callers can ignore it with g_error_matches().
 */
typedef enum
{
  ENS_ERROR_FAILED,             /* unknown API code or unexpected failure */
  ENS_ERROR_INVALID_INPUT,      /* refused locally, nothing was sent */
  ENS_ERROR_AUTH,               /* InvalidAccessKeyId.*, Forbidden.AccessKeyDisabled */
  ENS_ERROR_SIGNATURE,          /* SignatureDoesNotMatch, IncompleteSignature, SignatureNonceUsed */
  ENS_ERROR_PERMISSION,         /* NoPermission, Forbidden*, OperationDenied, other 403s */
  ENS_ERROR_TOKEN,              /* InvalidSecurityToken.*, MissingSecurityToken */
  ENS_ERROR_CLOCK,              /* InvalidTimeStamp.* */
  ENS_ERROR_THROTTLED,          /* Throttling* */
  ENS_ERROR_INVALID_PARAMETER,  /* MissingParameter, InvalidParameter*, InvalidImageType.NotSupported */
  ENS_ERROR_NOT_FOUND,          /* InvalidAction.NotFound, InvalidApi.NotFound, InvalidImageId.NotFound, InvalidProduct.NotFound, InvalidVersion */
  ENS_ERROR_SERVER,             /* InternalError, ServiceUnavailable, CallInterface, ens.interface.error, 5xx */
  ENS_ERROR_NETWORK,            /* could not connect, connection reset */
  ENS_ERROR_DNS,                /* host name could not be resolved */
  ENS_ERROR_TLS,                /* certificate not trusted, handshake failed */
  ENS_ERROR_TIMEOUT,            /* no answer in time */
  ENS_ERROR_INVALID_RESPONSE,   /* not JSON, empty, XML, HTML, too large, wrong shape */
  ENS_ERROR_INSECURE,           /* plain http to a host that is not loopback */
  ENS_ERROR_KEYRING,            /* Secret Service missing, locked, failed */
  ENS_ERROR_NO_CREDENTIALS,     /* no AccessKey configured */
  ENS_ERROR_STORAGE,            /* the history file cannot be read or written; nothing was sent */
} EnsError;

/**
 * EnsErrorEntry:
 * @api_code: the API code this entry is for, or %NULL for a transport entry
 * @category: the #EnsError code used for it
 * @retryable: whether sending the same request again later may succeed
 * @title: short heading, untranslated (use _() / g_dgettext when showing)
 * @explanation: what happened, for a non-technical reader, untranslated
 * @action: what to do next, untranslated
 */
struct _EnsErrorEntry
{
  const char *api_code;
  EnsError    category;
  gboolean    retryable;
  const char *title;
  const char *explanation;
  const char *action;
};

/**
 * EnsAccessDenied:
 * @action: the RAM action that was denied (AuthAction), e.g.
 *   "ens:ModifyImageSharePermission"; never %NULL
 * @owner_id: (nullable): the Alibaba Cloud account (UID) of the caller
 *   (AuthPrincipalOwnerId)
 * @principal_type: (nullable): SubUser, AssumedRoleUser, Federated, …
 * @principal_name: (nullable): the caller's display name
 * @no_permission_type: (nullable): ImplicitDeny or ExplicitDeny
 * @policy_type: (nullable): the kind of policy that denied it
 * @diagnostic: (nullable): EncodedDiagnosticMessage, for RAM's
 *   DecodeDiagnosticMessage
 *
 * The AccessDeniedDetail of a 403 answer, checked: every value is short,
 * printable text, the action looks like "service:Action" and the owner is
 * 1–32 digits (a value that is not is left out).
 */
typedef struct
{
  char *action;
  char *owner_id;
  char *principal_type;
  char *principal_name;
  char *no_permission_type;
  char *policy_type;
  char *diagnostic;
} EnsAccessDenied;

/**
 * EnsSignatureDiagnosis:
 * @ENS_SIGNATURE_DIAGNOSIS_UNKNOWN: not a signature error, or nothing to compare
 * @ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET: the server's string-to-sign equals ours: the secret is wrong
 * @ENS_SIGNATURE_DIAGNOSIS_DEFECT: the strings differ: a defect in this app, to report
 */
typedef enum
{
  ENS_SIGNATURE_DIAGNOSIS_UNKNOWN,
  ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET,
  ENS_SIGNATURE_DIAGNOSIS_DEFECT,
} EnsSignatureDiagnosis;

GQuark                 ens_error_quark                 (void);

/* Creating errors */
GError                *ens_error_new_api               (guint                http_status,
                                                        const char          *api_code,
                                                        const char          *api_message,
                                                        const char          *request_id,
                                                        const char          *host_id,
                                                        const char          *recommend);
GError                *ens_error_new_transport         (EnsError             category,
                                                        const char          *detail);
GError                *ens_error_new_http              (guint                http_status,
                                                        EnsError             category,
                                                        const char          *detail);
GError                *ens_error_from_gio              (const GError        *error);

/* Details carried by an ENS_ERROR (NULL / 0 when not known) */
const char            *ens_error_get_api_code          (const GError        *error);
const char            *ens_error_get_api_message       (const GError        *error);
const char            *ens_error_get_request_id        (const GError        *error);
const char            *ens_error_get_host_id           (const GError        *error);
const char            *ens_error_get_recommend         (const GError        *error);
const char            *ens_error_get_detail            (const GError        *error);
guint                  ens_error_get_http_status       (const GError        *error);
guint                  ens_error_get_tries             (const GError        *error);
void                   ens_error_set_tries             (GError              *error,
                                                        guint                tries);
const char            *ens_error_get_client_string_to_sign (const GError    *error);
void                   ens_error_set_client_string_to_sign (GError          *error,
                                                            const char      *string_to_sign);
guint                  ens_error_get_retry_after_ms    (const GError        *error);
void                   ens_error_set_retry_after_ms    (GError              *error,
                                                        guint                retry_after_ms);

const EnsAccessDenied  *ens_error_get_access_denied     (const GError        *error);
void                   ens_error_set_access_denied     (GError              *error,
                                                        const EnsAccessDenied *access_denied);
const char            *ens_error_get_image_id          (const GError        *error);
void                   ens_error_set_image_id          (GError              *error,
                                                        const char          *image_id);
char                  *ens_error_dup_ram_policy        (const GError        *error);

/* The catalogue */
const EnsErrorEntry   *ens_error_catalogue_lookup      (const char          *api_code);
const EnsErrorEntry   *ens_error_catalogue_lookup_answer (const char        *api_code,
                                                          guint              http_status);
const EnsErrorEntry   *ens_error_catalogue_lookup_error(const GError        *error);
const EnsErrorEntry   *ens_error_catalogue_get_all     (guint               *n_entries);
gboolean               ens_error_is_retryable          (const GError        *error);
EnsSignatureDiagnosis  ens_error_diagnose_signature    (const GError        *error);
void                   ens_error_describe              (const GError        *error,
                                                        char               **title,
                                                        char               **explanation,
                                                        char               **action);

G_END_DECLS
