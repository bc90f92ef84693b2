/* ens-credential-store.c
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

#include <libsecret/secret.h>

#include "ens-credential-store.h"
#include "ens-credential-store-private.h"
#include "ens-credentials.h"

/* A keyring that has not answered by then is most likely showing a prompt
 * nobody sees (or a prompter that hangs); the operation is cancelled. */
#define KEYRING_TIMEOUT_SECONDS 15

#define DEFAULT_PROFILE "default"

G_DEFINE_FINAL_TYPE (EnsCredentialStore, ens_credential_store, G_TYPE_OBJECT)

const char *
_ens_credential_store_normalize_profile (const char *profile)
{
  return profile != NULL && profile[0] != '\0' ? profile : DEFAULT_PROFILE;
}

/* Overwrites a string that held a secret before it is freed. */
void
_ens_credential_store_wipe_and_free (char *str)
{
  if (str == NULL)
    return;

  secret_password_wipe (str);
  g_free (str);
}

/* GObject {{{ */

static void
ens_credential_store_dispose (GObject *object)
{
  EnsCredentialStore *self = ENS_CREDENTIAL_STORE (object);

  /* ens_credentials_free() wipes the secret and the token. */
  ens_credential_store_clear_session_credentials (self);

  G_OBJECT_CLASS (ens_credential_store_parent_class)->dispose (object);
}

static void
ens_credential_store_class_init (EnsCredentialStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_credential_store_dispose;
}

static void
ens_credential_store_init (EnsCredentialStore *self)
{
  self->timeout_seconds = KEYRING_TIMEOUT_SECONDS;
}

/**
 * ens_credential_store_set_timeout:
 * @self: a #EnsCredentialStore
 * @seconds: how long a keyring operation may take, at least 1
 *
 * Operations that take longer are cancelled and fail with "the keyring did
 * not answer" (ENS_ERROR_KEYRING).  The default is 15 seconds.
 */
void
ens_credential_store_set_timeout (EnsCredentialStore *self,
                                  guint               seconds)
{
  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

EnsCredentialStore *
ens_credential_store_new (void)
{
  return g_object_new (ENS_TYPE_CREDENTIAL_STORE, NULL);
}

/* }}} */
