/* ens-session-account.c
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

/*
 * What the session knows about the account behind the key in use: its own
 * images (an EnsImageCatalog) and whose key it is (STS GetCallerIdentity);
 * and checking that an AccessKey works before it is saved.
 * Both are asked on every sign-in (a profile switch and the demo sign in
 * too) when "load-account" is on, and forgotten on signing out.  The
 * caller identity stays NULL when STS refuses: sharing then proceeds
 * without the own-account check, as before.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ens-session-private.h"

static void
set_caller_identity (EnsSession        *self,
                     EnsCallerIdentity *identity)
{
  if (g_set_object (&self->caller_identity, identity))
    _ens_session_notify (self, PROP_CALLER_IDENTITY);
}

static void
identity_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EnsSession) self = user_data;
  g_autoptr(EnsCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;

  identity = ens_client_get_caller_identity_finish (ENS_CLIENT (object), result, &error);
  if (identity == NULL)
    {
      /* A cancelled call belongs to a key no longer in use. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Whose key this is stays unknown: %s", error->message);
      return;
    }

  g_debug ("The key belongs to account %s", ens_caller_identity_get_account_id (identity));
  set_caller_identity (self, identity);
}

void
_ens_session_load_account (EnsSession *self)
{
  g_assert (ENS_IS_SESSION (self));

  if (self->identity_cancellable != NULL)
    g_cancellable_cancel (self->identity_cancellable);
  g_clear_object (&self->identity_cancellable);
  set_caller_identity (self, NULL);

  if (!self->load_account || self->source == ENS_CREDENTIAL_SOURCE_NONE)
    {
      ens_image_catalog_clear (self->images);
      return;
    }

  self->identity_cancellable = g_cancellable_new ();
  ens_client_get_caller_identity_async (self->client, self->identity_cancellable,
                                        identity_cb, g_object_ref (self));
  ens_image_catalog_reload (self->images);
}

gboolean
ens_session_get_load_account (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);

  return self->load_account;
}

/**
 * ens_session_set_load_account:
 * @load_account: whether to list the own images and ask whose key it is
 *
 * Turning it on while signed in loads both at once.
 */
void
ens_session_set_load_account (EnsSession *self,
                              gboolean    load_account)
{
  g_return_if_fail (ENS_IS_SESSION (self));

  load_account = !!load_account;
  if (self->load_account == load_account)
    return;

  self->load_account = load_account;
  _ens_session_notify (self, PROP_LOAD_ACCOUNT);

  /* During construction the catalog does not exist yet; constructed()
   * creates it and the first sign-in loads it. */
  if (self->images != NULL)
    _ens_session_load_account (self);
}

/**
 * ens_session_get_images:
 *
 * Returns: (transfer none): the account's own images
 */
EnsImageCatalog *
ens_session_get_images (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->images;
}

/**
 * ens_session_get_caller_identity:
 *
 * Returns: (transfer none) (nullable): whose key is in use, once known
 */
EnsCallerIdentity *
ens_session_get_caller_identity (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->caller_identity;
}

gboolean
ens_session_is_own_account (EnsSession *self,
                            const char *account_id)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);

  return account_id != NULL && self->caller_identity != NULL &&
         g_strcmp0 (ens_caller_identity_get_account_id (self->caller_identity), account_id) == 0;
}

/**
 * ens_session_dup_identity_text:
 *
 * Returns: (transfer full) (nullable): which Alibaba Cloud account and
 *   RAM user the key in use belongs to, translated, server text escaped
 */
char *
ens_session_dup_identity_text (EnsSession *self)
{
  g_autofree char *account = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  if (self->caller_identity == NULL)
    return NULL;

  account = ens_text_sanitize (ens_caller_identity_get_account_id (self->caller_identity), -1);
  user = ens_caller_identity_dup_user_name (self->caller_identity);

  if (user == NULL)
    /* Translators: who the AccessKey belongs to; %s is the Alibaba Cloud
     * account ID, whose own (root) AccessKey it is. */
    return g_strdup_printf (_("Account %s · root account"), account);
  else
    {
      g_autofree char *safe_user = ens_text_sanitize (user, -1);

      /* Translators: who the AccessKey belongs to; the first %s is the
       * Alibaba Cloud account ID, the second the RAM user's name. */
      return g_strdup_printf (_("Account %s · RAM user “%s”"), account, safe_user);
    }
}

/* Checking an AccessKey {{{ */

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) images = NULL;
  GError *error = NULL;

  images = ens_client_describe_images_finish (ENS_CLIENT (object), result, NULL, &error);

  if (images == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ens_session_check_credentials_async (EnsSession           *self,
                                     const EnsCredentials *credentials,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ENS_IS_SESSION (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_session_check_credentials_async);

  client = ens_client_new_like (self->client);
  ens_client_set_credentials (client, credentials);
  ens_client_describe_images_async (client, 1, 1, NULL, NULL, cancellable,
                                    check_cb, g_steal_pointer (&task));
}

gboolean
ens_session_check_credentials_finish (EnsSession    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
