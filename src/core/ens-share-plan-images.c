/* ens-share-plan-images.c
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

#include "ens-share-plan.h"

/*
 * Plans across several images, and copying sharing from one image to
 * another, built from the plan's public parts (ens-share-plan.c).
 */

/**
 * ens_share_plan_new_for_images:
 * @image_ids: (array zero-terminated=1): the images, at least one
 * @add_accounts: (nullable) (array zero-terminated=1): accounts to share with
 * @remove_accounts: (nullable) (array zero-terminated=1): accounts to stop
 *   sharing with
 *
 * The same change for each of @image_ids (an image given twice counts
 * once).  Positions go image by image: its additions, then its removals.
 *
 * Returns: (transfer full): a new plan with every outcome pending
 */
EnsSharePlan *
ens_share_plan_new_for_images (const char * const *image_ids,
                               const char * const *add_accounts,
                               const char * const *remove_accounts)
{
  g_autoptr(GHashTable) seen = NULL;
  EnsSharePlan *self;

  g_return_val_if_fail (image_ids != NULL && image_ids[0] != NULL, NULL);

  self = ens_share_plan_new (image_ids[0], add_accounts, remove_accounts);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (seen, (gpointer)image_ids[0]);

  for (guint i = 1; image_ids[i] != NULL; i++)
    {
      if (!g_hash_table_add (seen, (gpointer)image_ids[i]))
        continue;
      if (add_accounts != NULL)
        ens_share_plan_append_change (self, image_ids[i], add_accounts, ENS_SHARE_CHANGE_ADD);
      if (remove_accounts != NULL)
        ens_share_plan_append_change (self, image_ids[i], remove_accounts, ENS_SHARE_CHANGE_REMOVE);
    }

  return self;
}

/**
 * ens_share_plan_dup_image_ids:
 *
 * Returns: (transfer full): the plan's images, in plan order, each once
 *   (the "image-id" first, also when the plan has no accounts)
 */
GStrv
ens_share_plan_dup_image_ids (EnsSharePlan *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);

  g_hash_table_add (seen, (gpointer)ens_share_plan_get_image_id (self));
  g_strv_builder_add (builder, ens_share_plan_get_image_id (self));

  n = ens_share_plan_get_n_accounts (self);
  for (guint i = 0; i < n; i++)
    {
      const char *image_id = ens_share_plan_get_account_image_id (self, i);

      if (g_hash_table_add (seen, (gpointer)image_id))
        g_strv_builder_add (builder, image_id);
    }

  return g_strv_builder_end (builder);
}

/**
 * ens_share_plan_new_copy:
 * @source_image: the image whose sharing is copied (e.g. the old version)
 * @source_shares: (array zero-terminated=1): its share list now
 * @target_image: the image that gets it (e.g. the new version)
 * @target_shares: (array zero-terminated=1): its share list now
 * @exact: also remove from the target the accounts the source lacks
 * @stop_source: afterwards, stop sharing the source with its accounts
 *
 * See ens-share-plan.h.  The plan's "image-id" is @target_image.
 *
 * Returns: (transfer full): the plan, previewed
 */
EnsSharePlan *
ens_share_plan_new_copy (const char         *source_image,
                         const char * const *source_shares,
                         const char         *target_image,
                         const char * const *target_shares,
                         gboolean            exact,
                         gboolean            stop_source)
{
  g_autoptr(GHashTable) in_source = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  EnsSharePlan *self;

  g_return_val_if_fail (source_image != NULL && target_image != NULL, NULL);
  g_return_val_if_fail (source_shares != NULL && target_shares != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (source_image, target_image) != 0, NULL);

  in_source = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; source_shares[i] != NULL; i++)
    g_hash_table_add (in_source, (gpointer)source_shares[i]);

  extra = g_ptr_array_new ();
  for (guint i = 0; exact && target_shares[i] != NULL; i++)
    if (!g_hash_table_contains (in_source, target_shares[i]))
      g_ptr_array_add (extra, (gpointer)target_shares[i]);
  g_ptr_array_add (extra, NULL);

  self = ens_share_plan_new (target_image, source_shares,
                             (const char * const *)extra->pdata);
  if (stop_source)
    ens_share_plan_append_change (self, source_image, source_shares, ENS_SHARE_CHANGE_REMOVE);

  ens_share_plan_preview (self, target_image, target_shares);
  ens_share_plan_preview (self, source_image, source_shares);

  return self;
}

/**
 * ens_share_plan_count_verification:
 *
 * Returns: how many accounts have @verification
 */
guint
ens_share_plan_count_verification (EnsSharePlan    *self,
                                   EnsVerification  verification)
{
  guint n = 0;
  guint n_accounts;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  n_accounts = ens_share_plan_get_n_accounts (self);
  for (guint i = 0; i < n_accounts; i++)
    if (ens_share_plan_get_verification (self, i) == verification)
      n++;

  return n;
}
