/* ens-credential-store-session.c
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

#include "config.h"

#include "ens-credential-store.h"
#include "ens-credential-store-private.h"
#include "ens-credentials.h"

void
ens_credential_store_set_session_credentials (EnsCredentialStore   *self,
                                              const char           *profile,
                                              const EnsCredentials *credentials)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));

  ens_credential_store_clear_session_credentials (self);

  if (credentials == NULL)
    return;

  self->session_profile = g_strdup (_ens_credential_store_normalize_profile (profile));
  self->session_credentials = ens_credentials_copy (credentials);
  g_debug ("Keeping profile “%s” (AccessKey ID %s) for this session only",
           self->session_profile, ens_credentials_get_access_key_id (credentials));
}

void
ens_credential_store_clear_session_credentials (EnsCredentialStore *self)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));

  g_clear_pointer (&self->session_profile, g_free);
  g_clear_pointer (&self->session_credentials, ens_credentials_free);
}
