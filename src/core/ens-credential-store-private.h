/* ens-credential-store-private.h
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

#include "ens-credential-store.h"

G_BEGIN_DECLS

/*
 * Between the parts of EnsCredentialStore:
 *   ens-credential-store.c              the GObject; helpers all parts use
 *   ens-credential-store-errors.c       libsecret and D-Bus errors -> ENS_ERROR_KEYRING
 *   ens-credential-store-keyring.c      keyring I/O: save, lookup, list, delete, one at a time; the timeout guard
 *   ens-credential-store-secret.c       how the secret of an item is encoded
 *   ens-credential-store-session.c      the "for this session only" slot
 *   ens-credential-store-resolve.c      which source answers: environment, session, keyring
 *   ens-credential-store-import.c       importing the aliyun CLI configuration
 *   ens-credential-store-environment.c  the ALIBABA_CLOUD_* variables
 */

struct _EnsCredentialStore
{
  GObject         parent_instance;

  guint           timeout_seconds;

  /* "Use for this session only" */
  char           *session_profile;
  EnsCredentials *session_credentials;
};

typedef enum
{
  OPERATION_SAVE,
  OPERATION_LOOKUP,
  OPERATION_LIST,
  OPERATION_DELETE,
} Operation;

typedef struct
{
  Operation       operation;

  GTask          *task;          /* unowned: the operation is its task data */

  /* Handed to libsecret; cancelled by the caller's cancellable (never by
   * the timeout guard, see keyring_op_timeout()). */
  GCancellable   *cancellable;
  GCancellable   *caller_cancellable;
  gulong          caller_handler;
  GSource        *timeout_source;
  guint           timeout_seconds;
  gboolean        timed_out;     /* the task got the timeout error */
  gboolean        returned;      /* the task got its result */

  /* The first libsecret call, made when the operation's turn comes (see
   * "One operation at a time" in ens-credential-store-queue.c). */
  void          (*begin)         (GTask *task);
  guint           search_flags;  /* SecretSearchFlags */
  GAsyncReadyCallback searched;

  char           *profile;
  EnsCredentials *credentials;   /* save: cleaned */
  GPtrArray      *stale_ids;     /* save: other AccessKey IDs stored for the profile */
  guint           next_stale;
} KeyringOp;

/* ens-credential-store.c */
const char     *_ens_credential_store_normalize_profile (const char           *profile);
void            _ens_credential_store_wipe_and_free     (char                 *str);

/* ens-credential-store-queue.c */
KeyringOp      *_ens_keyring_op_start                   (GTask                *task,
                                                         Operation             operation,
                                                         const char           *profile);
void            _ens_keyring_queue_push                 (GTask                *task);
void            _ens_keyring_return_error               (GTask                *task,
                                                         GError               *error);
void            _ens_keyring_return_boolean             (GTask                *task,
                                                         gboolean              value);
void            _ens_keyring_return_pointer             (GTask                *task,
                                                         gpointer              value,
                                                         GDestroyNotify        value_free);

/* ens-credential-store-errors.c */
const char     *_ens_keyring_operation_name             (Operation             operation);
GError         *_ens_keyring_error_new                  (KeyringOp            *op,
                                                         const GError         *error);
GError         *_ens_keyring_timeout_error_new          (void);

/* ens-credential-store-secret.c */
char           *_ens_credential_store_encode_secret     (const EnsCredentials *credentials);
EnsCredentials *_ens_credential_store_decode_secret     (const char           *access_key_id,
                                                         const char           *data,
                                                         gsize                 length);

G_END_DECLS
