/* ens-session.h
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

#include "ens-core.h"
#include "ens-image-catalog.h"

G_BEGIN_DECLS

#define ENS_TYPE_SESSION (ens_session_get_type ())

G_DECLARE_FINAL_TYPE (EnsSession, ens_session, ENS, SESSION, GObject)

/*
 * The signed-in session: the one owner of where the AccessKey in use comes
 * from (the environment, this session only, a keyring profile), of the
 * active profile, and of the demo (it starts and stops the embedded
 * emulator).  It configures its client from the settings, and it is the
 * only code outside the client that gives a client credentials.  The
 * window and the command line both use it.
 *
 * Properties (all read-only but "settings"-derived ones):
 *   "client", "credential-store", "settings"   construct-only
 *   "follow-settings"   construct-only boolean, default TRUE: apply later
 *                       changes of the settings to the client (the window).
 *                       FALSE (the command line) applies them once, and the
 *                       endpoint only with ens_session_set_endpoint_override()
 *   "source"            EnsCredentialSource of the AccessKey in use
 *   "signed-in"         source != ENS_CREDENTIAL_SOURCE_NONE
 *   "profile"           the name shown for the AccessKey in use, or NULL
 *   "demo"              whether the client talks to the demo emulator
 *   "profiles"          the keyring profiles, sorted (GStrv)
 *   "credential-error"  why the saved profiles could not be read, or NULL
 *   "status-text"       who is signed in, translated ("Signed in as “x”")
 *   "load-account"      read-write, default FALSE: on each sign-in list the
 *                       account's own images into "images" and ask STS
 *                       whose key it is ("caller-identity").  The window
 *                       sets it; the command line asks only what it needs
 *   "images"            EnsImageCatalog of the own images (always set;
 *                       IDLE while signed out or without "load-account")
 *   "caller-identity"   EnsCallerIdentity of the key in use: NULL until
 *                       known, when refused, or signed out
 *   "recipients"        the address book (EnsRecipients), NULL before
 *                       ens_session_set_store()
 *
 * Signals:
 *   "signed-in" (const char *profile, EnsCredentialSource source):
 *     credentials were put in use, whoever asked (resolve, the sign-in
 *     dialog, a profile switch, the demo).
 */
EnsSession          *ens_session_new                         (EnsClient            *client,
                                                              EnsCredentialStore   *credential_store,
                                                              GSettings            *settings);
EnsClient           *ens_session_get_client                  (EnsSession           *self);
EnsCredentialStore  *ens_session_get_credential_store        (EnsSession           *self);
GSettings           *ens_session_get_settings                (EnsSession           *self);
EnsCredentialSource  ens_session_get_source                  (EnsSession           *self);
gboolean             ens_session_get_signed_in               (EnsSession           *self);
const char          *ens_session_get_profile                 (EnsSession           *self);
/* The signed-in AccessKey ID (never the secret), for the history; NULL signed out. */
const char          *ens_session_get_access_key_id           (EnsSession           *self);
gboolean             ens_session_get_demo                    (EnsSession           *self);
const char * const  *ens_session_get_profiles                (EnsSession           *self);
const GError        *ens_session_get_credential_error        (EnsSession           *self);
char                *ens_session_dup_status_text             (EnsSession           *self);
gboolean             ens_session_get_load_account            (EnsSession           *self);
void                 ens_session_set_load_account            (EnsSession           *self,
                                                              gboolean              load_account);
EnsImageCatalog     *ens_session_get_images                  (EnsSession           *self);
EnsCallerIdentity   *ens_session_get_caller_identity         (EnsSession           *self);
/* Whose key is in use, translated: "Account 1234… · RAM user “x”" or
 * "Account 1234… · root account"; NULL while unknown. */
char                *ens_session_dup_identity_text           (EnsSession           *self);
/* Whether @account_id is the account of the key in use (FALSE while
 * that is unknown). */
gboolean             ens_session_is_own_account              (EnsSession           *self,
                                                              const char           *account_id);

/* The address book, on the one store of the process (the history's). */
void                 ens_session_set_store                   (EnsSession           *self,
                                                              EnsStore             *store);
EnsRecipients       *ens_session_get_recipients              (EnsSession           *self);
char                *ens_session_dup_account_label           (EnsSession           *self,
                                                              const char           *account_id);
char                *ens_session_dup_account_name            (EnsSession           *self,
                                                              const char           *account_id);

/* The endpoint for this run only (--endpoint), or NULL for the setting.
 * Fails, changing nothing, when the resulting endpoint cannot be used. */
gboolean             ens_session_set_endpoint_override       (EnsSession           *self,
                                                              const char           *endpoint,
                                                              GError              **error);

/* Finds credentials at start-up: the environment, this session's, then
 * @profile (NULL: the active profile) in the keyring.  Does nothing when
 * something signed in meanwhile.  Returns the source found (NONE when
 * nothing was found); an error is also kept as "credential-error". */
void                 ens_session_resolve_async               (EnsSession           *self,
                                                              const char           *profile,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EnsCredentialSource  ens_session_resolve_finish              (EnsSession           *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Puts @credentials in use.  A keyring profile becomes the active one;
 * session-only credentials are kept in memory for this run.  Leaves the
 * demo first. */
void                 ens_session_sign_in                     (EnsSession           *self,
                                                              const char           *profile,
                                                              const EnsCredentials *credentials,
                                                              EnsCredentialSource   source);
void                 ens_session_sign_out                    (EnsSession           *self);

/* Looks @profile up in the keyring and signs in with it.  A profile that
 * is no longer saved is ENS_ERROR_NO_CREDENTIALS. */
void                 ens_session_switch_profile_async        (EnsSession           *self,
                                                              const char           *profile,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ens_session_switch_profile_finish       (EnsSession           *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Deletes @profile from the keyring; signs out when it is the one in use. */
void                 ens_session_remove_profile_async        (EnsSession           *self,
                                                              const char           *profile,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ens_session_remove_profile_finish       (EnsSession           *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Asks the keyring for its profiles again ("profiles" follows). */
void                 ens_session_refresh_profiles            (EnsSession           *self);

/* Checks @credentials with a harmless read call, through a client of its
 * own configured like the session's, so that a wrong AccessKey never
 * reaches the client in use. */
void                 ens_session_check_credentials_async     (EnsSession           *self,
                                                              const EnsCredentials *credentials,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ens_session_check_credentials_finish    (EnsSession           *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Starts the emulator in this process with its demo images, points the
 * client at it and signs in with its public demo key; stopping signs out
 * and points the client back at the configured endpoint. */
gboolean             ens_session_start_demo                  (EnsSession           *self,
                                                              GError              **error);
void                 ens_session_stop_demo                   (EnsSession           *self);

G_END_DECLS
