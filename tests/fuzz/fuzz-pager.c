/* fuzz-pager.c
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

/* libFuzzer harness: whole listing answers, several pages of them, through
 * the pager's page-merging rules (EnsListing, as ens-client-pager.c uses
 * it).  Input: one byte choosing the listing (even: accounts, odd:
 * images), then the bodies of pages 1, 2, … separated by a line
 * "--page--".  Whatever the pages say: no crash, no item twice, never
 * more items than the limit, and "complete" only when the items are
 * exactly the TotalCount the server announced. */

#include "config.h"

#include <string.h>

#include "ens-core.h"

#define SEPARATOR "\n--page--\n"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Moves a parsed page's items into @items; returns FALSE on a parse error. */
static gboolean
parse_page (EnsListingKind  kind,
            GBytes         *body,
            GPtrArray      *items,
            guint          *total_count,
            guint          *page_size)
{
  g_autoptr(GError) error = NULL;

  if (kind == ENS_LISTING_ACCOUNTS)
    {
      g_autoptr(EnsSharePage) page = ens_response_parse_share_page (200, "application/json", body, &error);

      if (page == NULL)
        {
          g_assert (error != NULL);
          return FALSE;
        }
      for (guint i = 0; page->accounts[i] != NULL; i++)
        {
          gsize len = strlen (page->accounts[i]);

          /* Account IDs are 1–32 digits, or nothing. */
          g_assert (len >= 1 && len <= ENS_MAX_ACCOUNT_ID_DIGITS);
          for (gsize j = 0; j < len; j++)
            g_assert (g_ascii_isdigit (page->accounts[i][j]));
          g_ptr_array_add (items, g_steal_pointer (&page->accounts[i]));
        }
      *total_count = page->total_count;
      *page_size = page->page_size;
    }
  else
    {
      g_autoptr(EnsImagePage) page = ens_response_parse_image_page (200, "application/json", body, &error);

      if (page == NULL)
        {
          g_assert (error != NULL);
          return FALSE;
        }
      for (guint i = 0; i < page->images->len; i++)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (page->images, i)));
      *total_count = page->total_count;
      *page_size = page->page_size;
    }

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(EnsListing) listing = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = NULL;
  EnsListingKind kind;
  EnsListingStep step = ENS_LISTING_CONTINUE;
  const char *text;
  const char *end;
  guint total_count = 0;
  guint max_items;

  if (size < 1)
    return 0;

  kind = (data[0] & 1) ? ENS_LISTING_IMAGES : ENS_LISTING_ACCOUNTS;
  max_items = kind == ENS_LISTING_IMAGES ? ENS_LISTING_MAX_IMAGES : ENS_LISTING_MAX_ACCOUNTS;
  listing = ens_listing_new (kind, kind == ENS_LISTING_IMAGES ? 50 : 100);
  text = (const char *) data + 1;
  end = (const char *) data + size;

  while (step == ENS_LISTING_CONTINUE && text <= end)
    {
      const char *next = g_strstr_len (text, end - text, SEPARATOR);
      g_autoptr(GBytes) body = g_bytes_new (text, (next != NULL ? next : end) - text);
      g_autoptr(GPtrArray) page_items = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      guint page_size = 0;

      if (!parse_page (kind, body, page_items, &total_count, &page_size))
        {
          /* An answer that is not a page ends the listing with an error;
           * the items parsed so far are dropped with the listing. */
          return 0;
        }

      step = ens_listing_add_page (listing, page_items->pdata, page_items->len,
                                   total_count, page_size, &error);
      g_assert ((step == ENS_LISTING_ERROR) == (error != NULL));
      if (error != NULL)
        g_assert (error->domain == ENS_ERROR && error->code == ENS_ERROR_INVALID_RESPONSE);

      if (next == NULL)
        break;
      text = next + strlen (SEPARATOR);
    }

  if (step == ENS_LISTING_ERROR)
    return 0;

  g_assert (ens_listing_get_n_pages (listing) <= ENS_LISTING_MAX_PAGES);

  items = ens_listing_steal_items (listing);
  g_assert (items->len <= max_items);

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      const char *key = kind == ENS_LISTING_IMAGES ? ens_image_get_image_id (item) : item;

      g_assert (key != NULL);
      g_assert (g_hash_table_add (seen, (gpointer) key));
    }

  if (step == ENS_LISTING_COMPLETE)
    g_assert (items->len == ens_listing_get_total_count (listing));

  return 0;
}
