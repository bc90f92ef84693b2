/* ens-credential-store-resolve.c
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

typedef struct
{
  EnsCredentialSource source;
  char               *profile;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_free (data->profile);
  g_free (data);
}

static void
on_resolve_lookup (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ResolveData *data = g_task_get_task_data (task);
  EnsCredentials *credentials;

  credentials = ens_credential_store_lookup_finish (ENS_CREDENTIAL_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->source = credentials != NULL ? ENS_CREDENTIAL_SOURCE_KEYRING : ENS_CREDENTIAL_SOURCE_NONE;
  g_task_return_pointer (task, credentials, (GDestroyNotify) ens_credentials_free);
}

/**
 * ens_credential_store_resolve_async:
 * @self: a #EnsCredentialStore
 * @profile: (nullable): the profile name; %NULL means "default"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the AccessKey to use: the environment, then the session slot
 * (when it holds @profile), then @profile in the keyring.
 */
void
ens_credential_store_resolve_async (EnsCredentialStore  *self,
                                    const char          *profile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  ResolveData *data;

  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  profile = _ens_credential_store_normalize_profile (profile);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_credential_store_resolve_async);
  data = g_new0 (ResolveData, 1);
  data->profile = g_strdup (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  credentials = ens_credentials_new_from_environment ();
  if (credentials != NULL)
    {
      g_debug ("Using the AccessKey ID %s from the environment",
               ens_credentials_get_access_key_id (credentials));
      data->source = ENS_CREDENTIAL_SOURCE_ENVIRONMENT;
      g_task_return_pointer (task, g_steal_pointer (&credentials),
                             (GDestroyNotify) ens_credentials_free);
      return;
    }

  if (self->session_credentials != NULL && g_strcmp0 (self->session_profile, profile) == 0)
    {
      g_debug ("Using profile “%s” kept for this session", profile);
      data->source = ENS_CREDENTIAL_SOURCE_SESSION;
      g_task_return_pointer (task, ens_credentials_copy (self->session_credentials),
                             (GDestroyNotify) ens_credentials_free);
      return;
    }

  ens_credential_store_lookup_async (self, profile, cancellable,
                                     on_resolve_lookup, g_steal_pointer (&task));
}

/**
 * ens_credential_store_resolve_finish:
 * @source: (out) (optional): where the credentials came from
 *
 * Returns: (transfer full) (nullable): the credentials; %NULL with no error
 *   (and %ENS_CREDENTIAL_SOURCE_NONE) when none is configured
 */
EnsCredentials *
ens_credential_store_resolve_finish (EnsCredentialStore   *self,
                                     GAsyncResult         *result,
                                     EnsCredentialSource  *source,
                                     GError              **error)
{
  ResolveData *data;
  EnsCredentials *credentials;

  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_task_get_task_data (G_TASK (result));
  credentials = g_task_propagate_pointer (G_TASK (result), error);

  if (source != NULL)
    *source = credentials != NULL ? data->source : ENS_CREDENTIAL_SOURCE_NONE;

  return credentials;
}
