/* ens-caller-identity.h
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

#define ENS_TYPE_CALLER_IDENTITY (ens_caller_identity_get_type ())

G_DECLARE_FINAL_TYPE (EnsCallerIdentity, ens_caller_identity, ENS, CALLER_IDENTITY, GObject)

/* Limits on what is read from a GetCallerIdentity answer. */
#define ENS_MAX_ARN_CHARS          1024
#define ENS_MAX_PRINCIPAL_CHARS    256
#define ENS_MAX_IDENTITY_TYPE_CHARS 32

EnsCallerIdentity *ens_caller_identity_new               (const char         *account_id,
                                                          const char         *user_id,
                                                          const char         *arn,
                                                          const char         *identity_type,
                                                          const char         *principal_id);
EnsCallerIdentity *ens_caller_identity_parse             (guint               http_status,
                                                          const char         *content_type,
                                                          GBytes             *body,
                                                          GError            **error);
const char        *ens_caller_identity_get_account_id    (EnsCallerIdentity  *self);
const char        *ens_caller_identity_get_user_id       (EnsCallerIdentity  *self);
const char        *ens_caller_identity_get_arn           (EnsCallerIdentity  *self);
const char        *ens_caller_identity_get_identity_type (EnsCallerIdentity  *self);
const char        *ens_caller_identity_get_principal_id  (EnsCallerIdentity  *self);
char              *ens_caller_identity_dup_user_name     (EnsCallerIdentity  *self);

G_END_DECLS
