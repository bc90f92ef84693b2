/* ens-listing.h
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

#include <glib.h>

G_BEGIN_DECLS

/*
 * The page-merging rules of a paged listing, apart from any socket: the
 * client's pager feeds each parsed page here and does what the answer
 * says; tests and the fuzzer feed pages directly.
 *
 * Limits (whatever the server says):
 *   ENS_LISTING_MAX_ACCOUNTS  accounts in one listing of an image's shares
 *   ENS_LISTING_MAX_IMAGES    images in one listing of images
 *   ENS_LISTING_MAX_PAGES     pages asked for in one listing
 * More accounts or images than the limit is an error
 * (ENS_ERROR_INVALID_RESPONSE); more pages than the limit stops the
 * listing as incomplete.  One answer is at most ENS_MAX_RESPONSE_SIZE
 * bytes, so memory stays bounded.
 */
#define ENS_LISTING_MAX_ACCOUNTS 100000
#define ENS_LISTING_MAX_IMAGES   20000
#define ENS_LISTING_MAX_PAGES    2000

typedef enum
{
  ENS_LISTING_ACCOUNTS,   /* items are account IDs (char *) */
  ENS_LISTING_IMAGES,     /* items are EnsImage, keyed by image ID */
} EnsListingKind;

/**
 * EnsListingStep:
 * @ENS_LISTING_CONTINUE: ask for the next page
 * @ENS_LISTING_COMPLETE: every item the server announced was served once
 * @ENS_LISTING_INCOMPLETE: stop; the server's pages do not add up (a
 *   repeated item, an empty page before TotalCount, more pages than
 *   TotalCount allows, a TotalCount that changed), so the list may be
 *   incomplete
 * @ENS_LISTING_ERROR: stop with an error (too many items)
 */
typedef enum
{
  ENS_LISTING_CONTINUE,
  ENS_LISTING_COMPLETE,
  ENS_LISTING_INCOMPLETE,
  ENS_LISTING_ERROR,
} EnsListingStep;

typedef struct _EnsListing EnsListing;

EnsListing     *ens_listing_new             (EnsListingKind   kind,
                                             guint            page_size);
void            ens_listing_free            (EnsListing      *self);
EnsListingStep  ens_listing_add_page        (EnsListing      *self,
                                             gpointer        *items,
                                             guint            n_items,
                                             guint            total_count,
                                             guint            page_size,
                                             GError         **error);
guint           ens_listing_get_n_pages     (EnsListing      *self);
guint           ens_listing_get_total_count (EnsListing      *self);
gboolean        ens_listing_is_complete     (EnsListing      *self);
GPtrArray      *ens_listing_steal_items     (EnsListing      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsListing, ens_listing_free)

G_END_DECLS
