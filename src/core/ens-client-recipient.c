/* ens-client-recipient.c
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

#include "ens-client-private.h"
#include "ens-client-recipient.h"
#include "ens-error.h"
#include "ens-image.h"
#include "ens-response.h"

/*
 * “Which own images can this account use”: the AliyunId filter of
 * DescribeImageSharePermission narrows an image's share list to one
 * account (the generated ENS 2017-11-10 models: DescribeImageSharePermission
 * Request.AliyunId, a Long), so one small request per image and account
 * answers it, a few at a time like the share counts.
 */

void
ens_image_access_free (EnsImageAccess *access)
{
  if (access == NULL)
    return;

  g_free (access->image_id);
  g_free (access->image_name);
  g_strfreev (access->accounts);
  g_clear_error (&access->error);
  g_free (access);
}

typedef struct
{
  GPtrArray             *access;      /* (EnsImageAccess *) */
  GPtrArray             *builders;    /* (GStrvBuilder *) one per image */
  GStrv                  account_ids;
  guint                  next;        /* image × account */
  guint                  in_flight;
  guint                  done;
  guint                  limit;
  EnsClientProgressFunc  progress;
  gpointer               progress_data;
} Finding;

typedef struct
{
  GTask  *task;
  guint   image;
  guint   account;
} FindOne;

static void
finding_free (gpointer data)
{
  Finding *finding = data;

  g_clear_pointer (&finding->access, g_ptr_array_unref);
  g_clear_pointer (&finding->builders, g_ptr_array_unref);
  g_clear_pointer (&finding->account_ids, g_strfreev);
  g_free (finding);
}

static gpointer
share_parse (guint        http_status,
             const char  *content_type,
             GBytes      *body,
             GError     **error)
{
  return ens_response_parse_share_page (http_status, content_type, body, error);
}

static void find_next (GTask *task);

static void
find_one_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FindOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  Finding *finding = g_task_get_task_data (task);
  EnsImageAccess *access = g_ptr_array_index (finding->access, one->image);
  const char *account_id = finding->account_ids[one->account];
  g_autoptr(EnsSharePage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = _ens_client_call_finish (ENS_CLIENT (object), result, NULL, &error);
  finding->in_flight--;
  finding->done++;

  /* The filter narrows the list to the account; it is looked for in the
   * answer all the same, in case a server ignores the filter. */
  if (page != NULL && page->accounts != NULL &&
      g_strv_contains ((const char * const *)page->accounts, account_id))
    g_strv_builder_add (g_ptr_array_index (finding->builders, one->image), account_id);
  else if (page == NULL && access->error == NULL &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    access->error = g_steal_pointer (&error);

  g_free (one);

  if (finding->progress != NULL)
    finding->progress (finding->done, finding->access->len * g_strv_length (finding->account_ids),
                       finding->progress_data);

  find_next (task);
}

static void
find_next (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  Finding *finding = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint n_accounts = g_strv_length (finding->account_ids);
  guint total = finding->access->len * n_accounts;
  gboolean cancelled = g_cancellable_is_cancelled (cancellable);

  while (!cancelled && finding->in_flight < finding->limit && finding->next < total)
    {
      FindOne *one = g_new0 (FindOne, 1);
      EnsImageAccess *access;
      g_autoptr(GError) error = NULL;
      EnsRequest *request;

      one->image = finding->next / n_accounts;
      one->account = finding->next % n_accounts;
      finding->next++;
      access = g_ptr_array_index (finding->access, one->image);

      request = ens_request_new_describe_account_share (access->image_id,
                                                        finding->account_ids[one->account], &error);
      if (request == NULL)
        {
          if (access->error == NULL)
            access->error = g_steal_pointer (&error);
          finding->done++;
          g_free (one);
          continue;
        }

      one->task = g_object_ref (task);
      finding->in_flight++;
      _ens_client_call_async (self, request, share_parse, (GDestroyNotify)ens_share_page_free,
                              cancellable, find_one_cb, one);
    }

  if (finding->in_flight > 0)
    return;

  if (cancelled)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return;
    }

  for (guint i = 0; i < finding->access->len; i++)
    {
      EnsImageAccess *access = g_ptr_array_index (finding->access, i);

      access->accounts = g_strv_builder_end (g_ptr_array_index (finding->builders, i));
    }
  g_task_return_pointer (task, g_ptr_array_ref (finding->access), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * ens_client_find_account_images_async:
 * @images: a #GListModel of #EnsImage, the account's own (read once)
 * @account_ids: the accounts to look for (digits)
 * @progress: (nullable) (scope notified): called as answers arrive
 *
 * Finds which of @images are shared with which of @account_ids.
 */
void
ens_client_find_account_images_async (EnsClient             *self,
                                      GListModel            *images,
                                      const char * const    *account_ids,
                                      EnsClientProgressFunc  progress,
                                      gpointer               progress_data,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Finding *finding;
  guint n;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (G_IS_LIST_MODEL (images));
  g_return_if_fail (account_ids != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_find_account_images_async);
  g_task_set_check_cancellable (task, FALSE);

  finding = g_new0 (Finding, 1);
  finding->access = g_ptr_array_new_with_free_func ((GDestroyNotify)ens_image_access_free);
  finding->builders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strv_builder_unref);
  finding->account_ids = g_strdupv ((char **)account_ids);
  finding->limit = MAX (ens_client_get_concurrency (self), 1);
  finding->progress = progress;
  finding->progress_data = progress_data;

  n = g_list_model_get_n_items (images);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (images, i);
      EnsImageAccess *access = g_new0 (EnsImageAccess, 1);

      access->image_id = g_strdup (ens_image_get_image_id (image));
      access->image_name = g_strdup (ens_image_get_image_name (image));
      g_ptr_array_add (finding->access, access);
      g_ptr_array_add (finding->builders, g_strv_builder_new ());
    }
  g_task_set_task_data (task, finding, finding_free);

  find_next (task);
}

GPtrArray *
ens_client_find_account_images_finish (EnsClient     *self,
                                       GAsyncResult  *result,
                                       guint         *n_failed,
                                       GError       **error)
{
  GPtrArray *access;

  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  access = g_task_propagate_pointer (G_TASK (result), error);
  if (n_failed != NULL)
    {
      *n_failed = 0;
      for (guint i = 0; access != NULL && i < access->len; i++)
        *n_failed += ((EnsImageAccess *)g_ptr_array_index (access, i))->error != NULL;
    }

  return access;
}

/**
 * ens_share_plan_new_offboarding:
 * @access: (element-type EnsImageAccess): what
 *   ens_client_find_account_images_finish() found
 *
 * Returns: (transfer full) (nullable): the removals, image by image
 */
EnsSharePlan *
ens_share_plan_new_offboarding (GPtrArray *access)
{
  EnsSharePlan *plan = NULL;

  g_return_val_if_fail (access != NULL, NULL);

  for (guint i = 0; i < access->len; i++)
    {
      EnsImageAccess *one = g_ptr_array_index (access, i);
      const char *image_ids[] = { one->image_id, NULL };

      if (one->accounts == NULL || one->accounts[0] == NULL)
        continue;

      if (plan == NULL)
        plan = ens_share_plan_new_for_images (image_ids, NULL, (const char * const *)one->accounts);
      else
        ens_share_plan_append_change (plan, one->image_id, (const char * const *)one->accounts,
                                      ENS_SHARE_CHANGE_REMOVE);
    }

  return plan;
}
