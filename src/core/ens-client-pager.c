/* ens-client-pager.c
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

#include "ens-client.h"
#include "ens-client-private.h"
#include "ens-image.h"
#include "ens-listing.h"
#include "ens-request.h"
#include "ens-response.h"

/*
 * One pager serves both paged listings.  A Listing says how to ask for a
 * page and what to take out of the answer; the pager asks for page after
 * page and hands each one to an EnsListing (ens-listing.c), which decides
 * whether to go on, and whether what was collected is complete.  The
 * limits (items, pages) are there, whatever the server says.
 */

typedef struct _Pager Pager;

typedef struct
{
  /* The request for page pager->page_number. */
  EnsRequest        *(*new_request) (Pager    *pager,
                                     GError  **error);
  EnsClientParseFunc   parse;
  GDestroyNotify       page_free;
  /* Moves the items of @page to @items (which has no free function);
   * sets @total_count and @page_size to the page's. */
  void               (*take_items)  (gpointer   page,
                                     GPtrArray *items,
                                     guint     *total_count,
                                     guint     *page_size);
  EnsListingKind       kind;
  /* For a listing whose pages can be shown as they come: a reference to
   * one item, and its release. */
  gpointer           (*item_ref)    (gpointer   item);
  GDestroyNotify       item_unref;
} Listing;

struct _Pager
{
  const Listing *listing;
  char          *image_id;
  char          *image_name;
  EnsListing    *merged;
  guint          page_number;
  guint          page_size;
  guint          total_count;
  gboolean       all_pages;
  gboolean       complete;
  /* Given the items of each page but the last, as it comes (optional). */
  EnsClientPageFunc page_func;
  gpointer       page_data;
  GDestroyNotify page_data_free;
};

static void
pager_free (gpointer data)
{
  Pager *pager = data;

  g_clear_pointer (&pager->image_id, g_free);
  g_clear_pointer (&pager->image_name, g_free);
  g_clear_pointer (&pager->merged, ens_listing_free);
  if (pager->page_data_free != NULL)
    pager->page_data_free (pager->page_data);
  g_free (pager);
}

static void pager_next (GTask *task);

static void
pager_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pager *pager = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GError *error = NULL;
  g_autoptr(GPtrArray) page_items = NULL;
  EnsListingStep step;
  gpointer page;
  guint page_size = 0;

  page = _ens_client_call_finish (ENS_CLIENT (object), result, NULL, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pager->listing->take_items (page, items, &pager->total_count, &page_size);
  pager->listing->page_free (page);

  /* The page's items as served, before the listing keeps (or drops) them:
   * a caller that shows them at once checks them as it would the whole
   * list, which comes at the end. */
  if (pager->page_func != NULL)
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_new_full (items->len, pager->listing->item_unref);

      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (shown, pager->listing->item_ref (g_ptr_array_index (items, i)));
      page_items = g_steal_pointer (&shown);
    }

  step = ens_listing_add_page (pager->merged, items->pdata, items->len,
                               pager->total_count, page_size, &error);
  /* The items are the listing's now, dropped or kept. */
  g_ptr_array_set_size (items, 0);

  /* One page asked for: that page, as served. */
  if (!pager->all_pages && step == ENS_LISTING_CONTINUE)
    step = ENS_LISTING_COMPLETE;

  switch (step)
    {
    case ENS_LISTING_CONTINUE:
      if (page_items != NULL)
        pager->page_func (ENS_CLIENT (object), page_items, pager->page_data);
      pager_next (task);
      return;

    case ENS_LISTING_ERROR:
      g_task_return_error (task, error);
      return;

    case ENS_LISTING_COMPLETE:
    case ENS_LISTING_INCOMPLETE:
    default:
      pager->complete = step == ENS_LISTING_COMPLETE;
      g_task_return_pointer (task, ens_listing_steal_items (pager->merged),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }
}

static void
pager_next (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  Pager *pager = g_task_get_task_data (task);
  GError *error = NULL;
  EnsRequest *request;

  if (pager->all_pages)
    pager->page_number++;

  request = pager->listing->new_request (pager, &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _ens_client_call_async (self, request, pager->listing->parse, pager->listing->page_free,
                          g_task_get_cancellable (task),
                          pager_page_cb, g_object_ref (task));
}

/* Every page from 1 when @page_number is 0, otherwise only that page.
 * The task returns the items as a GPtrArray. */
static void
pager_start (EnsClient           *self,
             const Listing       *listing,
             gpointer             source_tag,
             const char          *image_id,
             const char          *image_name,
             guint                page_number,
             guint                page_size,
             EnsClientPageFunc    page_func,
             gpointer             page_data,
             GDestroyNotify       page_data_free,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Pager *pager;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  pager = g_new0 (Pager, 1);
  pager->listing = listing;
  pager->image_id = g_strdup (image_id);
  pager->image_name = g_strdup (image_name);
  pager->merged = ens_listing_new (listing->kind, MAX (page_size, 1));
  pager->all_pages = page_number == 0;
  pager->page_number = page_number;
  pager->page_size = page_size;
  pager->page_func = page_func;
  pager->page_data = page_data;
  pager->page_data_free = page_data_free;
  g_return_if_fail (page_func == NULL || listing->item_ref != NULL);
  g_task_set_task_data (task, pager, pager_free);

  pager_next (task);
}

/* DescribeImageSharePermission ------------------------------------------- */

static EnsRequest *
share_new_request (Pager   *pager,
                   GError **error)
{
  return ens_request_new_describe_image_share_permission (pager->image_id,
                                                          pager->page_number,
                                                          pager->page_size,
                                                          error);
}

static gpointer
share_parse (guint        http_status,
             const char  *content_type,
             GBytes      *body,
             GError     **error)
{
  return ens_response_parse_share_page (http_status, content_type, body, error);
}

static void
share_take_items (gpointer   data,
                  GPtrArray *items,
                  guint     *total_count,
                  guint     *page_size)
{
  EnsSharePage *page = data;

  for (guint i = 0; page->accounts != NULL && page->accounts[i] != NULL; i++)
    g_ptr_array_add (items, g_steal_pointer (&page->accounts[i]));
  *total_count = page->total_count;
  *page_size = page->page_size;
}

static const Listing share_listing = {
  .new_request = share_new_request,
  .parse = share_parse,
  .page_free = (GDestroyNotify)ens_share_page_free,
  .take_items = share_take_items,
  .kind = ENS_LISTING_ACCOUNTS,
};

/**
 * ens_client_describe_image_share_permission_async:
 * @image_id: the image
 *
 * Fetches the accounts @image_id is shared with, every page of them
 * (100 per request).
 */
void
ens_client_describe_image_share_permission_async (EnsClient           *self,
                                                  const char          *image_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  pager_start (self, &share_listing, ens_client_describe_image_share_permission_async,
               image_id, NULL, 0, ENS_SHARE_PAGE_SIZE_MAX, NULL, NULL, NULL,
               cancellable, callback, user_data);
}

/**
 * ens_client_describe_image_share_permission_finish:
 *
 * Like ens_client_describe_image_share_permission_finish_full(), for a
 * caller that does not show whether the list is complete.
 *
 * Returns: (transfer full): the account IDs in the order served (an empty
 *   vector when the image is not shared)
 */
GStrv
ens_client_describe_image_share_permission_finish (EnsClient     *self,
                                                   GAsyncResult  *result,
                                                   GError       **error)
{
  return ens_client_describe_image_share_permission_finish_full (self, result, NULL, error);
}

/**
 * ens_client_describe_image_share_permission_finish_full:
 * @complete: (out) (optional): %TRUE when the server's pages added up;
 *   %FALSE when the pager stopped on a page that repeated accounts, an
 *   empty page before TotalCount, or more pages than TotalCount allows:
 *   then the list may be incomplete and must be shown as such
 *
 * Returns: (transfer full): the account IDs (each 1–32 digits, none
 *   twice) in the order served; an empty vector when the image is not
 *   shared
 */
GStrv
ens_client_describe_image_share_permission_finish_full (EnsClient     *self,
                                                        GAsyncResult  *result,
                                                        gboolean      *complete,
                                                        GError       **error)
{
  GPtrArray *accounts;

  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  accounts = g_task_propagate_pointer (G_TASK (result), error);

  if (complete != NULL)
    {
      Pager *pager = g_task_get_task_data (G_TASK (result));

      *complete = accounts != NULL && pager->complete;
    }

  if (accounts == NULL)
    return NULL;

  g_ptr_array_add (accounts, NULL);

  /* Without the segment freed, the strings are the caller's now. */
  g_ptr_array_set_free_func (accounts, NULL);
  return (GStrv)g_ptr_array_free (accounts, FALSE);
}

/* DescribeImages --------------------------------------------------------- */

static EnsRequest *
images_new_request (Pager   *pager,
                    GError **error)
{
  return ens_request_new_describe_images (pager->page_number, pager->page_size,
                                          pager->image_id, pager->image_name,
                                          error);
}

static gpointer
images_parse (guint        http_status,
              const char  *content_type,
              GBytes      *body,
              GError     **error)
{
  return ens_response_parse_image_page (http_status, content_type, body, error);
}

static void
images_take_items (gpointer   data,
                   GPtrArray *items,
                   guint     *total_count,
                   guint     *page_size)
{
  EnsImagePage *page = data;
  guint n_page = page->images != NULL ? page->images->len : 0;

  for (guint i = 0; i < n_page; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (page->images, i)));
  *total_count = page->total_count;
  *page_size = page->page_size;
}

static const Listing images_listing = {
  .new_request = images_new_request,
  .parse = images_parse,
  .page_free = (GDestroyNotify)ens_image_page_free,
  .take_items = images_take_items,
  .kind = ENS_LISTING_IMAGES,
  .item_ref = g_object_ref,
  .item_unref = g_object_unref,
};

/* DescribeSelfImages: the same page shape as DescribeImages ----------- */

static EnsRequest *
self_images_new_request (Pager   *pager,
                         GError **error)
{
  return ens_request_new_describe_self_images (pager->page_number, pager->page_size, error);
}

static const Listing self_images_listing = {
  .new_request = self_images_new_request,
  .parse = images_parse,
  .page_free = (GDestroyNotify)ens_image_page_free,
  .take_items = images_take_items,
  .kind = ENS_LISTING_IMAGES,
  .item_ref = g_object_ref,
  .item_unref = g_object_unref,
};

/* Every page of DescribeSelfImages (or, with @fallback, of DescribeImages);
 * finish with ens_client_describe_images_finish_full().  @page_func, when
 * given, has each page but the last as it comes (a GPtrArray of EnsImage).
 * See ens-client-images.c. */
void
_ens_client_list_self_images_async (EnsClient           *self,
                                    gboolean             fallback,
                                    EnsClientPageFunc    page_func,
                                    gpointer             page_data,
                                    GDestroyNotify       page_data_free,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  pager_start (self, fallback ? &images_listing : &self_images_listing,
               _ens_client_list_self_images_async,
               NULL, NULL, 0, fallback ? ENS_IMAGES_PAGE_SIZE_MAX : ENS_SELF_IMAGES_PAGE_SIZE_MAX,
               page_func, page_data, page_data_free, cancellable, callback, user_data);
}

/**
 * ens_client_describe_images_async:
 * @page_number: the page to fetch (from 1), or 0 for every page
 * @page_size: images per page, at most 50 (0: 50); ignored for every page
 * @image_id: (nullable): filter by one image ID
 * @image_name: (nullable): filter by name
 */
void
ens_client_describe_images_async (EnsClient           *self,
                                  guint                page_number,
                                  guint                page_size,
                                  const char          *image_id,
                                  const char          *image_name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (page_number == 0 || page_size == 0)
    page_size = ENS_IMAGES_PAGE_SIZE_MAX;
  else
    page_size = MIN (page_size, ENS_IMAGES_PAGE_SIZE_MAX);

  pager_start (self, &images_listing, ens_client_describe_images_async,
               image_id, image_name, page_number, page_size, NULL, NULL, NULL,
               cancellable, callback, user_data);
}

/**
 * ens_client_describe_images_finish:
 * @total_count: (out) (optional): the server's TotalCount
 *
 * Returns: (transfer container) (element-type EnsImage): the images
 */
GPtrArray *
ens_client_describe_images_finish (EnsClient     *self,
                                   GAsyncResult  *result,
                                   guint         *total_count,
                                   GError       **error)
{
  return ens_client_describe_images_finish_full (self, result, total_count, NULL, error);
}

/**
 * ens_client_describe_images_finish_full:
 * @total_count: (out) (optional): the server's TotalCount
 * @complete: (out) (optional): %FALSE when the pages did not add up and
 *   the list may be incomplete (see ens_listing_add_page())
 *
 * Returns: (transfer container) (element-type EnsImage): the images, none
 *   twice
 */
GPtrArray *
ens_client_describe_images_finish_full (EnsClient     *self,
                                        GAsyncResult  *result,
                                        guint         *total_count,
                                        gboolean      *complete,
                                        GError       **error)
{
  Pager *pager;
  GPtrArray *images;

  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  images = g_task_propagate_pointer (G_TASK (result), error);
  pager = g_task_get_task_data (G_TASK (result));

  if (total_count != NULL)
    *total_count = images != NULL ? pager->total_count : 0;
  if (complete != NULL)
    *complete = images != NULL && pager->complete;

  return images;
}
