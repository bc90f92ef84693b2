/* ens-session-profiles.c
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

/* The parts of EnsSession that talk to the keyring about profiles (listing,
 * switching, removing). */

#include "config.h"

#include <glib/gi18n.h>

#include "ens-session-private.h"

/* Profiles {{{ */

static void
list_profiles_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(EnsSession) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) profiles = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  profiles = ens_credential_store_list_profiles_finish (ENS_CREDENTIAL_STORE (object), result, NULL, &error);

  /* The session went meanwhile. */
  if (self == NULL)
    return;

  if (error != NULL)
    {
      /* Not worth a dialog: there are just no profiles to switch to. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not list the keyring profiles: %s", error->message);
      return;
    }

  _ens_session_take_profiles (self, g_steal_pointer (&profiles));
}

/* Done in the background, whenever the profiles may have changed: it
 * holds no reference, so that the session can go while it runs. */
void
ens_session_refresh_profiles (EnsSession *self)
{
  GWeakRef *weak;

  g_return_if_fail (ENS_IS_SESSION (self));

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  ens_credential_store_list_profiles_async (ens_session_get_credential_store (self),
                                            _ens_session_get_cancellable (self),
                                            list_profiles_cb,
                                            weak);
}

/* }}} */

/* Switching and removing {{{ */

/* A task about @profile, which it keeps as its data. */
static GTask *
profile_task_new (EnsSession          *self,
                  const char          *profile,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (profile), g_free);

  return task;
}

static gboolean
profile_task_finish (EnsSession    *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}


static void
lookup_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsSession *self = g_task_get_source_object (task);
  const char *profile = g_task_get_task_data (task);
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = ens_credential_store_lookup_finish (ENS_CREDENTIAL_STORE (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (credentials == NULL)
    {
      ens_session_refresh_profiles (self);
      g_task_return_new_error (task, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS,
                               /* Translators: %s is the name of a saved profile */
                               _("Profile “%s” is no longer saved"), profile);
      return;
    }

  ens_session_sign_in (self, profile, credentials, ENS_CREDENTIAL_SOURCE_KEYRING);
  g_task_return_boolean (task, TRUE);
}

void
ens_session_switch_profile_async (EnsSession          *self,
                                  const char          *profile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ENS_IS_SESSION (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = profile_task_new (self, profile, cancellable, callback, user_data,
                           ens_session_switch_profile_async);
  ens_credential_store_lookup_async (ens_session_get_credential_store (self), profile, cancellable,
                                     lookup_profile_cb, task);
}

gboolean
ens_session_switch_profile_finish (EnsSession    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return profile_task_finish (self, result, error);
}

static void
delete_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsSession *self = g_task_get_source_object (task);
  const char *profile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ens_credential_store_delete_finish (ENS_CREDENTIAL_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (ens_session_get_source (self) == ENS_CREDENTIAL_SOURCE_KEYRING &&
      g_strcmp0 (ens_session_get_profile (self), profile) == 0)
    {
      _ens_session_set_active_profile (self, NULL);
      ens_session_sign_out (self);
    }

  ens_session_refresh_profiles (self);
  g_task_return_boolean (task, TRUE);
}

void
ens_session_remove_profile_async (EnsSession          *self,
                                  const char          *profile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ENS_IS_SESSION (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = profile_task_new (self, profile, cancellable, callback, user_data,
                           ens_session_remove_profile_async);
  ens_credential_store_delete_async (ens_session_get_credential_store (self), profile, cancellable,
                                     delete_profile_cb, task);
}

gboolean
ens_session_remove_profile_finish (EnsSession    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return profile_task_finish (self, result, error);
}

/* }}} */
