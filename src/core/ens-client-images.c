/* ens-client-images.c
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

#include <string.h>

#include "ens-caller-identity.h"
#include "ens-client.h"
#include "ens-client-private.h"
#include "ens-error.h"
#include "ens-image.h"
#include "ens-request.h"

/*
 * The account's own images, how many accounts each is shared with, and
 * whose key this is.
 *
 * DescribeSelfImages or DescribeImages: DescribeSelfImages lists exactly
 * the account's own custom images.  Where it is refused, the app falls
 * back to DescribeImages and keeps the images whose ImageOwnerAlias is
 * "self" (DescribeImages has no such request parameter in the generated
 * model, so the filter is ours).  "Refused" means:
 *   - ENS_ERROR_NOT_FOUND with InvalidAction.NotFound or
 *     InvalidApi.NotFound: the API is not offered at that endpoint;
 *   - ENS_ERROR_PERMISSION (Forbidden.RAM, NoPermission, Forbidden…, any
 *     403): a RAM policy that allows ens:DescribeImages but not
 *     ens:DescribeSelfImages.
 * Anything else (bad key, signature, clock, throttling, the network, a
 * server error, an answer that lies) would fail DescribeImages the same
 * way, or is worth saying as it is: it is returned without a fallback.
 */

static gboolean
self_images_refused (const GError *error)
{
  const char *code = ens_error_get_api_code (error);

  if (g_error_matches (error, ENS_ERROR, ENS_ERROR_PERMISSION))
    return TRUE;

  return g_error_matches (error, ENS_ERROR, ENS_ERROR_NOT_FOUND) &&
         (g_strcmp0 (code, "InvalidAction.NotFound") == 0 ||
          g_strcmp0 (code, "InvalidApi.NotFound") == 0);
}

/* STS endpoints ----------------------------------------------------------- */

static gboolean
same_endpoint (const char *a,
               const char *b)
{
  gsize len_b = strlen (b);

  return g_ascii_strncasecmp (a, b, len_b) == 0 &&
         (a[len_b] == '\0' || (a[len_b] == '/' && a[len_b + 1] == '\0'));
}

/**
 * ens_client_get_sts_endpoint_for:
 * @ens_endpoint: an ENS endpoint
 *
 * Returns: (transfer full): the STS endpoint to ask GetCallerIdentity at
 */
char *
ens_client_get_sts_endpoint_for (const char *ens_endpoint)
{
  g_return_val_if_fail (ens_endpoint != NULL, NULL);

  if (same_endpoint (ens_endpoint, ENS_DEFAULT_ENDPOINT))
    return g_strdup (ENS_STS_ENDPOINT);
  if (same_endpoint (ens_endpoint, ENS_SINGAPORE_ENDPOINT))
    return g_strdup (ENS_STS_SINGAPORE_ENDPOINT);

  return g_strdup (ens_endpoint);
}

/* The account's own images ------------------------------------------------ */

typedef struct
{
  gboolean           used_fallback;
  gboolean           complete;
  EnsClientPageFunc  page_func;
  gpointer           page_data;
  GDestroyNotify     page_data_free;
} SelfImages;

static void
self_images_free (gpointer data)
{
  SelfImages *state = data;

  if (state->page_data_free != NULL)
    state->page_data_free (state->page_data);
  g_free (state);
}

static gboolean
is_own (EnsImage *image)
{
  return g_strcmp0 (ens_image_get_owner_alias (image), "self") == 0;
}

/* A page as it comes: its own images go to the caller's page_func. */
static void
self_page_cb (EnsClient *client,
              GPtrArray *items,
              gpointer   user_data)
{
  SelfImages *state = user_data;
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < items->len; i++)
    if (is_own (g_ptr_array_index (items, i)))
      g_ptr_array_add (own, g_object_ref (g_ptr_array_index (items, i)));

  if (own->len > 0)
    state->page_func (client, own, state->page_data);
}

static GListModel *
to_store (GPtrArray *images,
          gboolean   only_self)
{
  GListStore *store = g_list_store_new (ENS_TYPE_IMAGE);

  for (guint i = 0; i < images->len; i++)
    {
      EnsImage *image = g_ptr_array_index (images, i);

      if (only_self && !is_own (image))
        continue;
      g_list_store_append (store, image);
    }

  return G_LIST_MODEL (store);
}

static void
fallback_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SelfImages *state = g_task_get_task_data (task);
  g_autoptr(GPtrArray) images = NULL;
  GError *error = NULL;

  images = ens_client_describe_images_finish_full (ENS_CLIENT (object), result, NULL,
                                                   &state->complete, &error);
  if (images == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, to_store (images, TRUE), g_object_unref);
}

static void
self_images_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SelfImages *state = g_task_get_task_data (task);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;

  images = ens_client_describe_images_finish_full (ENS_CLIENT (object), result, NULL,
                                                   &state->complete, &error);
  if (images != NULL)
    {
      /* DescribeSelfImages lists own images only; an answer that slips in
       * another's is not believed on that point. */
      g_task_return_pointer (task, to_store (images, TRUE), g_object_unref);
      return;
    }

  if (!self_images_refused (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("DescribeSelfImages refused (%s); falling back to DescribeImages",
           ens_error_get_api_code (error) != NULL ? ens_error_get_api_code (error) : "?");
  state->used_fallback = TRUE;
  _ens_client_list_self_images_async (ENS_CLIENT (object), TRUE,
                                      state->page_func != NULL ? self_page_cb : NULL, state, NULL,
                                      g_task_get_cancellable (task),
                                      fallback_cb, g_object_ref (task));
}

/**
 * ens_client_describe_self_images_async:
 *
 * Lists the account's own custom images, every page (see the top of
 * this file for the fallback).
 */
void
ens_client_describe_self_images_async (EnsClient           *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  ens_client_describe_self_images_paged_async (self, NULL, NULL, NULL, cancellable, callback, user_data);
}

/**
 * ens_client_describe_self_images_paged_async:
 * @page_func: (nullable): given the own images of each page but the last,
 *   as it comes (a #GPtrArray of #EnsImage); the whole list, checked as a
 *   whole (repeated pages, TotalCount), comes with the finish
 * @page_data_free: (nullable): frees @page_data when the listing ends
 *
 * Like ens_client_describe_self_images_async(), for a list that shows the
 * images as they come.
 */
void
ens_client_describe_self_images_paged_async (EnsClient           *self,
                                             EnsClientPageFunc    page_func,
                                             gpointer             page_data,
                                             GDestroyNotify       page_data_free,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SelfImages *state;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_describe_self_images_async);
  state = g_new0 (SelfImages, 1);
  state->page_func = page_func;
  state->page_data = page_data;
  state->page_data_free = page_data_free;
  g_task_set_task_data (task, state, self_images_free);

  _ens_client_list_self_images_async (self, FALSE, page_func != NULL ? self_page_cb : NULL, state, NULL,
                                      cancellable, self_images_cb, g_object_ref (task));
}

/**
 * ens_client_describe_self_images_finish:
 * @complete: (out) (optional): %FALSE when the server's pages did not add
 *   up and the list may be incomplete
 * @used_fallback: (out) (optional): %TRUE when DescribeSelfImages was
 *   refused and the list comes from DescribeImages
 *
 * Returns: (transfer full): a #GListModel of #EnsImage, in the order served
 */
GListModel *
ens_client_describe_self_images_finish (EnsClient     *self,
                                        GAsyncResult  *result,
                                        gboolean      *complete,
                                        gboolean      *used_fallback,
                                        GError       **error)
{
  SelfImages *state;
  GListModel *images;

  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  state = g_task_get_task_data (G_TASK (result));
  images = g_task_propagate_pointer (G_TASK (result), error);

  if (complete != NULL)
    *complete = images != NULL && state->complete;
  if (used_fallback != NULL)
    *used_fallback = state->used_fallback;

  return images;
}

/* Share counts ------------------------------------------------------------ */

typedef struct
{
  GListModel *images;
  guint       next;
  guint       in_flight;
  guint       n_failed;
  guint       limit;
} Counting;

typedef struct
{
  GTask    *task;
  EnsImage *image;
} CountOne;

static void
counting_free (gpointer data)
{
  Counting *counting = data;

  g_clear_object (&counting->images);
  g_free (counting);
}

static void count_next (GTask *task);

static void
count_one_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CountOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  g_autoptr(EnsImage) image = one->image;
  Counting *counting = g_task_get_task_data (task);
  g_auto(GStrv) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean complete = FALSE;

  g_free (one);
  counting->in_flight--;

  accounts = ens_client_describe_image_share_permission_finish_full (ENS_CLIENT (object), result,
                                                                     &complete, &error);
  /* A count from pages that did not add up is not shown as a count. */
  if (accounts != NULL && complete)
    {
      ens_image_set_share_count (image, (int) MIN (g_strv_length (accounts), G_MAXINT));
    }
  else
    {
      g_debug ("No share count for %s: %s", ens_image_get_image_id (image),
               error != NULL ? error->message : "incomplete list");
      counting->n_failed++;
    }

  count_next (task);
}

static void
count_next (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  Counting *counting = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint n_items = g_list_model_get_n_items (counting->images);
  gboolean cancelled = g_cancellable_is_cancelled (cancellable);

  while (!cancelled && counting->in_flight < counting->limit && counting->next < n_items)
    {
      CountOne *one = g_new0 (CountOne, 1);

      one->task = g_object_ref (task);
      one->image = g_list_model_get_item (counting->images, counting->next++);
      counting->in_flight++;
      ens_client_describe_image_share_permission_async (self, ens_image_get_image_id (one->image),
                                                        cancellable, count_one_cb, one);
    }

  if (counting->in_flight > 0)
    return;

  if (cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ens_client_count_shares_async:
 * @images: a #GListModel of #EnsImage (read once, at the start)
 *
 * Reads, for each image, the accounts it is shared with, at most
 * "concurrency" at a time, and sets #EnsImage:share-count as each count
 * arrives (on the thread-default main context of the caller).
 */
void
ens_client_count_shares_async (EnsClient           *self,
                               GListModel          *images,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Counting *counting;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (G_IS_LIST_MODEL (images));
  g_return_if_fail (g_list_model_get_item_type (images) == ENS_TYPE_IMAGE);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_count_shares_async);
  g_task_set_check_cancellable (task, FALSE);

  counting = g_new0 (Counting, 1);
  counting->images = g_object_ref (images);
  counting->limit = MAX (ens_client_get_concurrency (self), 1);
  g_task_set_task_data (task, counting, counting_free);

  count_next (task);
}

/**
 * ens_client_count_shares_finish:
 * @n_failed: (out) (optional): how many images got no count
 *
 * Returns: %TRUE when every image was tried; %FALSE with
 *   %G_IO_ERROR_CANCELLED when cancelled
 */
gboolean
ens_client_count_shares_finish (EnsClient     *self,
                                GAsyncResult  *result,
                                guint         *n_failed,
                                GError       **error)
{
  Counting *counting;

  g_return_val_if_fail (ENS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  counting = g_task_get_task_data (G_TASK (result));
  if (n_failed != NULL)
    *n_failed = counting->n_failed;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Who am I ---------------------------------------------------------------- */

static gpointer
identity_parse (guint        http_status,
                const char  *content_type,
                GBytes      *body,
                GError     **error)
{
  return ens_caller_identity_parse (http_status, content_type, body, error);
}

static void
identity_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsCallerIdentity *identity;
  GError *error = NULL;

  identity = _ens_client_call_finish (ENS_CLIENT (object), result, NULL, &error);
  if (identity == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Kept for ens_client_peek_caller_identity(), unless the key changed meanwhile. */
  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) == ENS_CLIENT (object)->credentials_serial)
    g_set_object (&ENS_CLIENT (object)->caller_identity, identity);
  g_task_return_pointer (task, identity, g_object_unref);
}

/**
 * ens_client_get_caller_identity_async:
 *
 * Asks STS GetCallerIdentity (2015-04-01) which account and user the
 * client's key belongs to, at ens_client_get_sts_endpoint_for() the
 * client's endpoint, signed as the client signs (V1 or V3).
 */
void
ens_client_get_caller_identity_async (EnsClient           *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *sts_endpoint = NULL;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_get_caller_identity_async);
  /* Which credentials the answer is for. */
  g_task_set_task_data (task, GUINT_TO_POINTER (self->credentials_serial), NULL);

  sts_endpoint = ens_client_get_sts_endpoint_for (ens_client_get_endpoint (self));
  _ens_client_call_async (self, ens_request_new_get_caller_identity (sts_endpoint),
                          identity_parse, g_object_unref, cancellable,
                          identity_cb, g_object_ref (task));
}

/**
 * ens_client_get_caller_identity_finish:
 *
 * Returns: (transfer full): the identity, or %NULL with @error
 */
EnsCallerIdentity *
ens_client_get_caller_identity_finish (EnsClient     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
