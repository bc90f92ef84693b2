/* ens-signer.h
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

G_BEGIN_DECLS

/*
 * Pure signing functions: time, nonce and credentials are inputs; nothing
 * here reads the clock, the keyring or the network.  @params maps
 * parameter names to values (both UTF-8, not encoded).
 */

char *ens_signer_canonical_query         (GHashTable         *params);

/* V1: HMAC-SHA1, SignatureVersion 1.0 (reference §1) */
char *ens_signer_v1_string_to_sign       (const char         *method,
                                          GHashTable         *params);
char *ens_signer_v1_signature            (const char         *access_key_secret,
                                          const char         *string_to_sign);
/* The V1 primitive: Base64 (HMAC-SHA1 (@key, @data)) with @key used as given */
char *ens_signer_hmac_sha1_base64        (const char         *key,
                                          const char         *data);

/* V3: ACS3-HMAC-SHA256 (reference §2) */
char *ens_signer_sha256_hex              (const guint8       *data,
                                          gsize               length);
char *ens_signer_v3_canonical_request    (const char         *method,
                                          const char         *path,
                                          GHashTable         *query,
                                          SoupMessageHeaders *headers,
                                          const char         *payload_hash,
                                          char              **signed_headers);
char *ens_signer_v3_string_to_sign       (const char         *canonical_request);
char *ens_signer_v3_signature            (const char         *access_key_secret,
                                          const char         *string_to_sign);
char *ens_signer_v3_authorization        (const char         *access_key_id,
                                          const char         *signed_headers,
                                          const char         *signature);

/* Time and nonce helpers (the callers pass their results in) */
char *ens_signer_format_timestamp        (GDateTime          *time);
char *ens_signer_new_nonce               (void);

G_END_DECLS
