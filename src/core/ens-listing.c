/* ens-listing.c
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

#include "ens-error.h"
#include "ens-image.h"
#include "ens-listing.h"

/*
 * A server that lies about its pages must not make the app say something
 * false: "shared with 1000000 accounts" when one ID was repeated, or
 * "shared with 3" when 300 were announced.  Each page is checked against
 * what came before; when the pages stop adding up the listing stops and
 * says it may be incomplete.
 */

struct _EnsListing
{
  EnsListingKind  kind;
  guint           max_items;
  guint           page_size;        /* as asked for */
  guint           served_page_size; /* as the first page said, if smaller */
  GPtrArray      *items;
  GHashTable     *seen;             /* keys borrowed from items */
  guint           n_pages;
  guint           total_count;
  gboolean        total_changed;
  EnsListingStep  last_step;
};

static const char *
item_key (EnsListing *self,
          gpointer    item)
{
  if (self->kind == ENS_LISTING_IMAGES)
    return ens_image_get_image_id (item);

  return item;
}

static void
item_free (EnsListing *self,
           gpointer    item)
{
  if (self->kind == ENS_LISTING_IMAGES)
    g_object_unref (item);
  else
    g_free (item);
}

/**
 * ens_listing_new:
 * @kind: what is listed
 * @page_size: the page size asked for (from 1)
 *
 * Returns: (transfer full): a listing with no page yet
 */
EnsListing *
ens_listing_new (EnsListingKind kind,
                 guint          page_size)
{
  EnsListing *self;

  g_return_val_if_fail (page_size > 0, NULL);

  self = g_new0 (EnsListing, 1);
  self->kind = kind;
  self->max_items = kind == ENS_LISTING_IMAGES ? ENS_LISTING_MAX_IMAGES : ENS_LISTING_MAX_ACCOUNTS;
  self->page_size = page_size;
  self->served_page_size = page_size;
  self->items = g_ptr_array_new_with_free_func (kind == ENS_LISTING_IMAGES
                                                ? g_object_unref : g_free);
  self->seen = g_hash_table_new (g_str_hash, g_str_equal);
  self->last_step = ENS_LISTING_CONTINUE;

  return self;
}

/**
 * ens_listing_free:
 * @self: (nullable): a listing
 */
void
ens_listing_free (EnsListing *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

static GError *
too_many (EnsListing *self)
{
  g_autofree char *detail = NULL;

  if (self->kind == ENS_LISTING_IMAGES)
    detail = g_strdup_printf (_("The server lists more images than the limit of %u that this app can show."),
                              self->max_items);
  else
    detail = g_strdup_printf (_("The server lists more accounts for this image than the limit of %u that this app can show."),
                              self->max_items);

  return ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE, detail);
}

/**
 * ens_listing_add_page:
 * @self: a listing
 * @items: (array length=n_items) (transfer full): the items of the page, in
 *   order; each one is the listing's from now on (account IDs already checked)
 * @n_items: how many
 * @total_count: the page's TotalCount
 * @page_size: the page's PageSize, or 0 when it did not say
 * @error: return location for an error
 *
 * Takes one page.  An item already seen is dropped and makes the listing
 * incomplete, as do an empty page before TotalCount is reached, more
 * pages than ceil(TotalCount / PageSize) (or ENS_LISTING_MAX_PAGES), more
 * items than TotalCount, and a TotalCount that changes between pages.
 * A TotalCount or a number of items over the kind's limit is an error.
 *
 * Returns: what to do next; after anything but %ENS_LISTING_CONTINUE no
 *   more pages are taken
 */
EnsListingStep
ens_listing_add_page (EnsListing  *self,
                      gpointer    *items,
                      guint        n_items,
                      guint        total_count,
                      guint        page_size,
                      GError     **error)
{
  gboolean repeated = FALSE;
  guint64 max_pages;

  g_return_val_if_fail (self != NULL, ENS_LISTING_ERROR);
  g_return_val_if_fail (items != NULL || n_items == 0, ENS_LISTING_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, ENS_LISTING_ERROR);

  if (self->last_step != ENS_LISTING_CONTINUE)
    {
      /* Nothing more is taken: the items are dropped. */
      for (guint i = 0; i < n_items; i++)
        item_free (self, items[i]);
      return self->last_step;
    }

  self->n_pages++;

  if (self->n_pages > 1 && total_count != self->total_count)
    self->total_changed = TRUE;
  self->total_count = total_count;

  /* A server that serves fewer per page than asked is believed, once;
   * ceil(TotalCount / PageSize) pages are then enough. */
  if (self->n_pages == 1 && page_size > 0 && page_size < self->page_size)
    self->served_page_size = page_size;

  if (total_count > self->max_items)
    {
      for (guint i = 0; i < n_items; i++)
        item_free (self, items[i]);
      g_propagate_error (error, too_many (self));
      return self->last_step = ENS_LISTING_ERROR;
    }

  for (guint i = 0; i < n_items; i++)
    {
      gpointer item = items[i];
      const char *key = item_key (self, item);

      if (key == NULL || g_hash_table_contains (self->seen, key))
        {
          repeated = TRUE;
          item_free (self, item);
          continue;
        }

      if (self->items->len >= self->max_items)
        {
          for (; i < n_items; i++)
            item_free (self, items[i]);
          g_propagate_error (error, too_many (self));
          return self->last_step = ENS_LISTING_ERROR;
        }

      g_ptr_array_add (self->items, item);
      g_hash_table_add (self->seen, (gpointer) key);
    }

  if (repeated)
    {
      g_debug ("Page %u repeats items already listed: the list may be incomplete", self->n_pages);
      return self->last_step = ENS_LISTING_INCOMPLETE;
    }

  if (self->items->len >= total_count)
    {
      if (self->items->len > total_count || self->total_changed)
        {
          g_debug ("%u items listed, TotalCount %u%s: the list may be incomplete",
                   self->items->len, total_count,
                   self->total_changed ? " (changed between pages)" : "");
          return self->last_step = ENS_LISTING_INCOMPLETE;
        }

      return self->last_step = ENS_LISTING_COMPLETE;
    }

  if (n_items == 0)
    {
      g_debug ("Page %u is empty before TotalCount %u: the list may be incomplete",
               self->n_pages, total_count);
      return self->last_step = ENS_LISTING_INCOMPLETE;
    }

  max_pages = ((guint64) total_count + self->served_page_size - 1) / self->served_page_size;
  if (self->n_pages >= max_pages || self->n_pages >= ENS_LISTING_MAX_PAGES)
    {
      g_debug ("%u pages served %u of %u items: the list may be incomplete",
               self->n_pages, self->items->len, total_count);
      return self->last_step = ENS_LISTING_INCOMPLETE;
    }

  return ENS_LISTING_CONTINUE;
}

/**
 * ens_listing_get_n_pages:
 *
 * Returns: the pages taken so far
 */
guint
ens_listing_get_n_pages (EnsListing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

/**
 * ens_listing_get_total_count:
 *
 * Returns: the last page's TotalCount
 */
guint
ens_listing_get_total_count (EnsListing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_count;
}

/**
 * ens_listing_is_complete:
 *
 * Returns: %TRUE when the listing ended with %ENS_LISTING_COMPLETE
 */
gboolean
ens_listing_is_complete (EnsListing *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->last_step == ENS_LISTING_COMPLETE;
}

/**
 * ens_listing_steal_items:
 *
 * Returns: (transfer full): the items taken, in order, without repeats;
 *   the listing is empty afterwards
 */
GPtrArray *
ens_listing_steal_items (EnsListing *self)
{
  GPtrArray *items;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_remove_all (self->seen);
  items = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_with_free_func (self->kind == ENS_LISTING_IMAGES
                                                ? g_object_unref : g_free);

  return items;
}
