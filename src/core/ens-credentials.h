/* ens-credentials.h
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

#define ENS_TYPE_CREDENTIALS (ens_credentials_get_type ())

/**
 * EnsCredentials:
 *
 * An AccessKey (ID, secret and an optional STS SecurityToken).  A plain
 * boxed value: copies are deep, and freeing wipes the secret and the
 * token before releasing them.
 */
GType           ens_credentials_get_type           (void) G_GNUC_CONST;
EnsCredentials *ens_credentials_new                (const char           *access_key_id,
                                                    const char           *access_key_secret,
                                                    const char           *security_token);
EnsCredentials *ens_credentials_copy               (const EnsCredentials *self);
void            ens_credentials_free               (EnsCredentials       *self);
const char     *ens_credentials_get_access_key_id  (const EnsCredentials *self);
const char     *ens_credentials_get_access_key_secret (const EnsCredentials *self);
const char     *ens_credentials_get_security_token (const EnsCredentials *self);
char           *ens_credentials_dup_masked_id      (const EnsCredentials *self);
gboolean        ens_credentials_equal              (const EnsCredentials *a,
                                                    const EnsCredentials *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsCredentials, ens_credentials_free)

G_END_DECLS
