/* ens-session-private.h
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

#include "ens-emulator.h"
#include "ens-session.h"

/* The instance, shared by ens-session.c, ens-session-profiles.c and
 * ens-session-account.c. */
struct _EnsSession
{
  GObject              parent_instance;

  /* Owned references */
  EnsClient           *client;
  EnsCredentialStore  *credential_store;
  GSettings           *settings;
  EnsEmulator         *emulator;           /* the demo, while it runs */
  GCancellable        *cancellable;        /* the session's life */
  GError              *credential_error;
  GStrv                profiles;
  char                *profile;
  char                *endpoint_override;
  EnsImageCatalog     *images;             /* the account's own images */
  EnsCallerIdentity   *caller_identity;    /* whose key, once known */
  GCancellable        *identity_cancellable;
  EnsRecipients       *recipients;         /* the address book; NULL without a store */

  EnsCredentialSource  source;
  guint                follow_settings : 1;
  guint                load_account : 1;   /* list images, ask who on sign-in */
};

G_BEGIN_DECLS

/* The properties of EnsSession (installed in ens-session.c). */
enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CREDENTIAL_STORE,
  PROP_SETTINGS,
  PROP_FOLLOW_SETTINGS,
  PROP_SOURCE,
  PROP_SIGNED_IN,
  PROP_PROFILE,
  PROP_DEMO,
  PROP_PROFILES,
  PROP_CREDENTIAL_ERROR,
  PROP_STATUS_TEXT,
  PROP_LOAD_ACCOUNT,
  PROP_IMAGES,
  PROP_CALLER_IDENTITY,
  PROP_RECIPIENTS,
  N_PROPS
};


/* Between ens-session.c (state, resolving, demo) and
 * ens-session-profiles.c (the keyring's profiles). */
GCancellable *_ens_session_get_cancellable    (EnsSession *self);
void          _ens_session_take_profiles      (EnsSession *self,
                                               GStrv       profiles);
void          _ens_session_set_active_profile (EnsSession *self,
                                               const char *profile);
/* Notifies property @prop_id. */
void          _ens_session_notify             (EnsSession *self,
                                               guint       prop_id);
/* ens-session-account.c: on a sign-in, lists the own images and asks
 * whose key it is (with "load-account"); signed out, forgets both. */
void          _ens_session_load_account       (EnsSession *self);

G_END_DECLS
