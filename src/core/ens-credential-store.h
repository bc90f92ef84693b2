/* ens-credential-store.h
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

#define ENS_TYPE_CREDENTIAL_STORE (ens_credential_store_get_type ())

G_DECLARE_FINAL_TYPE (EnsCredentialStore, ens_credential_store, ENS, CREDENTIAL_STORE, GObject)

/**
 * EnsCredentialSource:
 * @ENS_CREDENTIAL_SOURCE_NONE: nothing found
 * @ENS_CREDENTIAL_SOURCE_ENVIRONMENT: ALIBABA_CLOUD_* environment variables
 * @ENS_CREDENTIAL_SOURCE_KEYRING: a profile saved in the keyring
 * @ENS_CREDENTIAL_SOURCE_SESSION: kept in memory for this run only
 */
typedef enum
{
  ENS_CREDENTIAL_SOURCE_NONE,
  ENS_CREDENTIAL_SOURCE_ENVIRONMENT,
  ENS_CREDENTIAL_SOURCE_KEYRING,
  ENS_CREDENTIAL_SOURCE_SESSION,
} EnsCredentialSource;

/*
 * AccessKeys in the Secret Service (libsecret), one item per named profile,
 * schema named after the app ID.  Failures are ENS_ERROR_KEYRING with a
 * translated message; a missing item is "not stored" (NULL, no error).
 */
EnsCredentialStore *ens_credential_store_new                (void);

void                ens_credential_store_save_async         (EnsCredentialStore   *self,
                                                             const char           *profile,
                                                             const EnsCredentials *credentials,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            ens_credential_store_save_finish        (EnsCredentialStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                ens_credential_store_lookup_async       (EnsCredentialStore   *self,
                                                             const char           *profile,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
/* NULL with no error when the profile is not stored. */
EnsCredentials     *ens_credential_store_lookup_finish      (EnsCredentialStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                ens_credential_store_list_profiles_async (EnsCredentialStore  *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
/* Sorted profile names; @access_key_ids (optional) gets the matching IDs. */
GStrv               ens_credential_store_list_profiles_finish (EnsCredentialStore *self,
                                                             GAsyncResult         *result,
                                                             GStrv                *access_key_ids,
                                                             GError              **error);
void                ens_credential_store_delete_async       (EnsCredentialStore   *self,
                                                             const char           *profile,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            ens_credential_store_delete_finish      (EnsCredentialStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/*
 * Sources in order: the environment, then the session slot when it holds
 * @profile, then @profile in the keyring.  The session slot comes before the
 * keyring because the user chose "for this session only" most recently; it
 * also answers when the keyring cannot be used.  @profile NULL means
 * "default".  Nothing found: NULL, no error, source NONE.  A keyring failure
 * is returned as an error only when the session slot does not answer.
 */
void                ens_credential_store_resolve_async      (EnsCredentialStore   *self,
                                                             const char           *profile,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
EnsCredentials     *ens_credential_store_resolve_finish     (EnsCredentialStore   *self,
                                                             GAsyncResult         *result,
                                                             EnsCredentialSource  *source,
                                                             GError              **error);

/* Keyring operations still running after @seconds (default 15) are
 * cancelled and fail with ENS_ERROR_KEYRING, "the keyring did not answer":
 * an unlock prompt nobody sees must not block the app. */
void                ens_credential_store_set_timeout        (EnsCredentialStore   *self,
                                                             guint                 seconds);

/*
 * "Use for this session only": @credentials are copied into memory, never
 * written anywhere, and wiped on clear, on replacement and when the store is
 * disposed.  @profile NULL means "default"; @credentials NULL clears.
 */
void                ens_credential_store_set_session_credentials   (EnsCredentialStore   *self,
                                                                    const char           *profile,
                                                                    const EnsCredentials *credentials);
void                ens_credential_store_clear_session_credentials (EnsCredentialStore   *self);

/*
 * Imports the AK and StsToken profiles of the aliyun CLI configuration at
 * @path (NULL: ~/.aliyun/config.json; see ens-aliyun-config.h) into the
 * keyring under their own names ("default" stays "default").  The file is
 * only read.  @imported_profiles gets the names saved, in file order.  A
 * file with no usable profile is ENS_ERROR_NO_CREDENTIALS; the first keyring
 * failure stops the import and is returned.
 */
void                ens_credential_store_import_async       (EnsCredentialStore   *self,
                                                             const char           *path,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            ens_credential_store_import_finish      (EnsCredentialStore   *self,
                                                             GAsyncResult         *result,
                                                             GStrv                *imported_profiles,
                                                             GError              **error);

/*
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN,
 * cleaned and checked.  None set: FALSE, *out NULL, no error.  Set in part
 * or not valid: FALSE, *out NULL, ENS_ERROR_INVALID_INPUT (translated; it
 * names the variable, never the value).  Otherwise TRUE and *out.
 */
gboolean            ens_credentials_from_environment        (EnsCredentials      **out,
                                                             GError              **error);
/* The same, but what cannot be used is ignored (with a warning): NULL. */
EnsCredentials     *ens_credentials_new_from_environment    (void);

G_END_DECLS
