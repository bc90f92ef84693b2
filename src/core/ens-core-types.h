/* ens-core-types.h
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

G_BEGIN_DECLS

typedef struct _EnsAccountIssue      EnsAccountIssue;
typedef struct _EnsAccountList       EnsAccountList;
typedef struct _EnsCallerIdentity    EnsCallerIdentity;
typedef struct _EnsClient            EnsClient;
typedef struct _EnsCredentialStore   EnsCredentialStore;
typedef struct _EnsCredentials       EnsCredentials;
typedef struct _EnsErrorEntry        EnsErrorEntry;
typedef struct _EnsImage             EnsImage;
typedef struct _EnsImagePage         EnsImagePage;
typedef struct _EnsRequest           EnsRequest;
typedef struct _EnsSharePage         EnsSharePage;
typedef struct _EnsSharePlan         EnsSharePlan;
typedef struct _EnsSignedRequest     EnsSignedRequest;

/**
 * EnsSignatureVersion:
 * @ENS_SIGNATURE_V1: RPC signature V1 (HMAC-SHA1, SignatureVersion 1.0)
 * @ENS_SIGNATURE_V3: ACS3-HMAC-SHA256 in an Authorization header
 */
typedef enum
{
  ENS_SIGNATURE_V1 = 1,
  ENS_SIGNATURE_V3 = 3,
} EnsSignatureVersion;

#define ENS_API_VERSION        "2017-11-10"
#define ENS_STS_API_VERSION    "2015-04-01"
#define ENS_STS_ENDPOINT       "https://sts.aliyuncs.com"
#define ENS_STS_SINGAPORE_ENDPOINT "https://sts.ap-southeast-1.aliyuncs.com"
#define ENS_DEFAULT_ENDPOINT   "https://ens.aliyuncs.com"
#define ENS_SINGAPORE_ENDPOINT "https://ens.ap-southeast-1.aliyuncs.com"
/* Largest response body we read, in bytes. */
#define ENS_MAX_RESPONSE_SIZE  (1024 * 1024)

G_END_DECLS
