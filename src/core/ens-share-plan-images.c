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

#include "ens-share-plan-private.h"

/*
 * Plans across several images, copying sharing from one image to another,
 * and previewing and verifying a plan against the images' lists.
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

/* Previewing and verifying {{{ */

static GHashTable *
set_of (const char * const *accounts)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; accounts[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)accounts[i]);

  return set;
}


/* ens_share_plan_preview: see ens-share-plan.h. */
guint
ens_share_plan_preview (EnsSharePlan       *self,
                        const char         *image_id,
                        const char * const *shared_now)
{
  g_autoptr(GHashTable) shared = NULL;
  guint n_skipped = 0;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);
  g_return_val_if_fail (image_id != NULL, 0);
  g_return_val_if_fail (shared_now != NULL, 0);

  shared = set_of (shared_now);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = _ens_share_plan_get_entry (self, i);
      gboolean is_shared;

      if (entry->state != ENS_OUTCOME_PENDING ||
          g_strcmp0 (ens_share_plan_get_account_image_id (self, i), image_id) != 0)
        continue;

      is_shared = g_hash_table_contains (shared, entry->account);
      if (entry->change == ENS_SHARE_CHANGE_ADD && is_shared)
        entry->skip_reason = ENS_SKIP_ALREADY_SHARED;
      else if (entry->change == ENS_SHARE_CHANGE_REMOVE && !is_shared)
        entry->skip_reason = ENS_SKIP_NOT_SHARED;
      else
        continue;

      _ens_share_plan_set_final_state (self, entry, ENS_OUTCOME_SKIPPED);
      n_skipped++;
    }

  return n_skipped;
}

EnsSkipReason
ens_share_plan_get_skip_reason (EnsSharePlan *self,
                                guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), ENS_SKIP_NONE);
  g_return_val_if_fail (position < self->entries->len, ENS_SKIP_NONE);

  return _ens_share_plan_get_entry (self, position)->skip_reason;
}

/* ens_share_plan_verify: see ens-share-plan.h.  An uncertain outcome that
 * the list settles is VERIFIED by that same list. */
guint
ens_share_plan_verify (EnsSharePlan       *self,
                       const char         *image_id,
                       const char * const *shared_now)
{
  g_autoptr(GHashTable) shared = NULL;
  guint n_disagree = 0;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);
  g_return_val_if_fail (image_id != NULL, 0);
  g_return_val_if_fail (shared_now != NULL, 0);

  shared = set_of (shared_now);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = _ens_share_plan_get_entry (self, i);
      gboolean wanted_shared = entry->change == ENS_SHARE_CHANGE_ADD;
      gboolean agrees;

      if (g_strcmp0 (ens_share_plan_get_account_image_id (self, i), image_id) != 0)
        continue;

      agrees = g_hash_table_contains (shared, entry->account) == wanted_shared;

      if (ens_share_plan_is_uncertain (self, i))
        {
          g_clear_error (&entry->error);
          _ens_share_plan_set_final_state (self, entry,
                                           agrees ? ENS_OUTCOME_DONE : ENS_OUTCOME_NOT_ATTEMPTED);
        }

      if (entry->state != ENS_OUTCOME_DONE && entry->state != ENS_OUTCOME_SKIPPED)
        continue;

      entry->verification = agrees ? ENS_VERIFY_VERIFIED : ENS_VERIFY_DISAGREES;
      if (!agrees)
        n_disagree++;
    }

  return n_disagree;
}

EnsVerification
ens_share_plan_get_verification (EnsSharePlan *self,
                                 guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), ENS_VERIFY_UNCHECKED);
  g_return_val_if_fail (position < self->entries->len, ENS_VERIFY_UNCHECKED);

  return _ens_share_plan_get_entry (self, position)->verification;
}

/* }}} */
