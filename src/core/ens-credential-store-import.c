/* ens-credential-store-import.c
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

#include <glib/gi18n-lib.h>

#include "ens-aliyun-config.h"
#include "ens-credential-store.h"
#include "ens-credential-store-private.h"
#include "ens-credentials.h"
#include "ens-error.h"

typedef struct
{
  char      *path;
  GPtrArray *profiles;   /* (element-type EnsAliyunProfile) */
  guint      next;
  GPtrArray *imported;   /* (element-type utf8) */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->profiles, g_ptr_array_unref);
  g_clear_pointer (&data->imported, g_ptr_array_unref);
  g_free (data);
}

static void import_save_next (GTask *task);

static void
on_import_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ImportData *data = g_task_get_task_data (task);
  const EnsAliyunProfile *profile = g_ptr_array_index (data->profiles, data->next - 1);

  if (!ens_credential_store_save_finish (ENS_CREDENTIAL_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (data->imported, g_strdup (profile->name));
  import_save_next (g_steal_pointer (&task));
}

static void
import_save_next (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  const EnsAliyunProfile *profile;

  if (data->next >= data->profiles->len)
    {
      g_debug ("Imported %u profiles from the aliyun CLI configuration", data->imported->len);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  profile = g_ptr_array_index (data->profiles, data->next++);
  ens_credential_store_save_async (g_task_get_source_object (task), profile->name,
                                   profile->credentials, g_task_get_cancellable (task),
                                   on_import_saved, task);
}

static void
import_load_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  GPtrArray *profiles;
  guint n_skipped = 0;

  profiles = ens_aliyun_config_load_full (data->path, &n_skipped, &error);
  if (profiles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (profiles->len == 0)
    {
      g_autofree char *path = data->path ? g_strdup (data->path)
                                         : ens_aliyun_config_dup_default_path ();
      g_autofree char *display = g_filename_display_name (path);

      g_debug ("%s: no usable profile, %u skipped", display, n_skipped);
      g_ptr_array_unref (profiles);
      g_task_return_new_error (task, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS,
                               /* Translators: %s is a file name, such as /home/ana/.aliyun/config.json */
                               _("“%s” has no AccessKey this app can use. Only profiles "
                                 "of the kinds “AK” and “StsToken” can be imported."),
                               display);
      return;
    }

  g_task_return_pointer (task, profiles, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_import_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ImportData *data = g_task_get_task_data (task);

  data->profiles = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->profiles == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  import_save_next (g_steal_pointer (&task));
}

/**
 * ens_credential_store_import_async:
 * @self: a #EnsCredentialStore
 * @path: (nullable): an aliyun CLI config.json, or %NULL for
 *   `~/.aliyun/config.json`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves every AK and StsToken profile of the file in the keyring, one
 * after the other, under its own name.
 */
void
ens_credential_store_import_async (EnsCredentialStore  *self,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) load = NULL;
  ImportData *data;

  g_return_if_fail (ENS_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_credential_store_import_async);
  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->imported = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  /* Reading and parsing the file happens in a worker thread. */
  load = g_task_new (self, cancellable, on_import_loaded, g_steal_pointer (&task));
  g_task_set_source_tag (load, import_load_thread);
  g_task_set_task_data (load, data, NULL);
  g_task_run_in_thread (load, import_load_thread);
}

/**
 * ens_credential_store_import_finish:
 * @imported_profiles: (out) (optional) (transfer full): the names of the
 *   profiles saved, in file order
 *
 * Returns: %TRUE when every usable profile was saved
 */
gboolean
ens_credential_store_import_finish (EnsCredentialStore  *self,
                                    GAsyncResult        *result,
                                    GStrv               *imported_profiles,
                                    GError             **error)
{
  ImportData *data;

  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (imported_profiles != NULL)
    *imported_profiles = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (imported_profiles != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < data->imported->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (data->imported, i));
      *imported_profiles = g_strv_builder_end (builder);
    }

  return TRUE;
}
