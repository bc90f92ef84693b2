/* ens-share-plan.c
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

#include <gio/gio.h>

#include "ens-share-plan-private.h"

G_DEFINE_FINAL_TYPE (EnsSharePlan, ens_share_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMAGE_ID,
  PROP_DONE,
  PROP_TOTAL,
  PROP_RATE,
  PROP_MAX_IN_FLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SENDING,
  OUTCOME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->account, g_free);
  g_clear_pointer (&entry->request_id, g_free);
  g_clear_pointer (&entry->image_id, g_free);
  g_clear_error (&entry->error);
}

static inline gboolean
state_is_final (EnsOutcomeState state)
{
  return state != ENS_OUTCOME_PENDING;
}

static void
ens_share_plan_append (EnsSharePlan       *self,
                       const char * const *accounts,
                       EnsShareChange      change)
{
  if (accounts == NULL)
    return;

  for (guint i = 0; accounts[i] != NULL; i++)
    {
      Entry entry = { 0 };

      entry.account = g_strdup (accounts[i]);
      entry.change = change;
      entry.state = ENS_OUTCOME_PENDING;
      g_array_append_val (self->entries, entry);
    }
}

static void
ens_share_plan_finalize (GObject *object)
{
  EnsSharePlan *self = (EnsSharePlan *)object;

  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (ens_share_plan_parent_class)->finalize (object);
}

static void
ens_share_plan_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EnsSharePlan *self = ENS_SHARE_PLAN (object);

  switch (prop_id)
    {
    case PROP_IMAGE_ID:
      g_value_set_string (value, self->image_id);
      break;

    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;

    case PROP_TOTAL:
      g_value_set_uint (value, self->entries->len);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_share_plan_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EnsSharePlan *self = ENS_SHARE_PLAN (object);

  switch (prop_id)
    {
    case PROP_IMAGE_ID:
      g_free (self->image_id);
      self->image_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_share_plan_class_init (EnsSharePlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_share_plan_finalize;
  object_class->get_property = ens_share_plan_get_property;
  object_class->set_property = ens_share_plan_set_property;

  /**
   * EnsSharePlan:image-id:
   *
   * The image whose share list this plan changes.
   */
  properties[PROP_IMAGE_ID] =
    g_param_spec_string ("image-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * EnsSharePlan:done:
   *
   * How many accounts have a final outcome (done, failed or not attempted).
   */
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsSharePlan:total:
   *
   * How many accounts the plan has in all.
   */
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsSharePlan:rate:
   *
   * While the plan runs, how many accounts get their outcome per second
   * over the last few seconds; 0 until known (the first second).
   */
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * EnsSharePlan:max-in-flight:
   *
   * The most requests of the plan that were in flight at once.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsSharePlan::sending:
   * @position: the account whose request is about to leave
   *
   * Emitted by ens_share_plan_mark_sending(), just before the request for
   * the account is sent, so that a history can record it first.
   */
  signals[SENDING] =
    g_signal_new ("sending",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * EnsSharePlan::outcome:
   * @position: the account whose outcome was recorded
   *
   * Emitted by ens_share_plan_set_outcome(), after the outcome is stored.
   */
  signals[OUTCOME] =
    g_signal_new ("outcome",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ens_share_plan_init (EnsSharePlan *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

/**
 * ens_share_plan_new:
 * @image_id: the image to change
 * @add_accounts: (nullable) (array zero-terminated=1): accounts to share with
 * @remove_accounts: (nullable) (array zero-terminated=1): accounts to stop sharing with
 *
 * The accounts are taken as given: parse and de-duplicate them first
 * (ens_account_list_parse()).
 *
 * Returns: (transfer full): a new plan with every outcome pending
 */
EnsSharePlan *
ens_share_plan_new (const char         *image_id,
                    const char * const *add_accounts,
                    const char * const *remove_accounts)
{
  EnsSharePlan *self;

  g_return_val_if_fail (image_id != NULL, NULL);

  self = g_object_new (ENS_TYPE_SHARE_PLAN,
                       "image-id", image_id,
                       NULL);
  ens_share_plan_append (self, add_accounts, ENS_SHARE_CHANGE_ADD);
  ens_share_plan_append (self, remove_accounts, ENS_SHARE_CHANGE_REMOVE);

  return self;
}

/**
 * ens_share_plan_new_inverse:
 * @self: a plan that has run
 *
 * The plan that undoes what @self did: every addition that succeeded
 * becomes a removal and every removal that succeeded becomes an addition.
 * Accounts whose change failed or was not attempted are left out, since
 * nothing changed for them.
 *
 * Returns: (transfer full): a new plan, possibly with no accounts
 */
EnsSharePlan *
ens_share_plan_new_inverse (EnsSharePlan *self)
{
  g_auto(GStrv) image_ids = NULL;
  EnsSharePlan *inverse;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);

  inverse = g_object_new (ENS_TYPE_SHARE_PLAN, "image-id", self->image_id, NULL);

  /* Image by image: what was removed is added back (in one batch), what
   * was added is removed. */
  image_ids = ens_share_plan_dup_image_ids (self);
  for (guint i = 0; image_ids[i] != NULL; i++)
    {
      for (guint pass = 0; pass < 2; pass++)
        {
          EnsShareChange undone = pass == 0 ? ENS_SHARE_CHANGE_REMOVE : ENS_SHARE_CHANGE_ADD;

          for (guint j = 0; j < self->entries->len; j++)
            {
              const Entry *entry = &g_array_index (self->entries, Entry, j);
              const char *account[] = { entry->account, NULL };

              if (entry->change != undone || entry->state != ENS_OUTCOME_DONE ||
                  g_strcmp0 (ens_share_plan_get_account_image_id (self, j), image_ids[i]) != 0)
                continue;

              ens_share_plan_append_change (inverse, image_ids[i], account,
                                            pass == 0 ? ENS_SHARE_CHANGE_ADD
                                                      : ENS_SHARE_CHANGE_REMOVE);
            }
        }
    }

  return inverse;
}

const char *
ens_share_plan_get_image_id (EnsSharePlan *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);

  return self->image_id;
}

guint
ens_share_plan_get_n_accounts (EnsSharePlan *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  return self->entries->len;
}

guint
ens_share_plan_get_done (EnsSharePlan *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  return self->done;
}

guint
ens_share_plan_get_total (EnsSharePlan *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  return self->entries->len;
}

const char *
ens_share_plan_get_account (EnsSharePlan *self,
                            guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return _ens_share_plan_get_entry (self, position)->account;
}

EnsShareChange
ens_share_plan_get_change (EnsSharePlan *self,
                           guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), ENS_SHARE_CHANGE_ADD);
  g_return_val_if_fail (position < self->entries->len, ENS_SHARE_CHANGE_ADD);

  return _ens_share_plan_get_entry (self, position)->change;
}

EnsOutcomeState
ens_share_plan_get_state (EnsSharePlan *self,
                          guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), ENS_OUTCOME_PENDING);
  g_return_val_if_fail (position < self->entries->len, ENS_OUTCOME_PENDING);

  return _ens_share_plan_get_entry (self, position)->state;
}

/**
 * ens_share_plan_get_request_id:
 *
 * Returns: (nullable): the RequestId of the request that carried this
 *   account, when the server answered (also for failures)
 */
const char *
ens_share_plan_get_request_id (EnsSharePlan *self,
                               guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return _ens_share_plan_get_entry (self, position)->request_id;
}

/**
 * ens_share_plan_get_error:
 *
 * Returns: (nullable): why the change failed (%ENS_OUTCOME_FAILED) or why
 *   its answer was lost (%ENS_OUTCOME_UNKNOWN), or
 *   %NULL
 */
const GError *
ens_share_plan_get_error (EnsSharePlan *self,
                          guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return _ens_share_plan_get_entry (self, position)->error;
}

guint
ens_share_plan_get_tries (EnsSharePlan *self,
                          guint         position)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);
  g_return_val_if_fail (position < self->entries->len, 0);

  return _ens_share_plan_get_entry (self, position)->tries;
}

/**
 * ens_share_plan_dup_accounts:
 * @change: additions or removals
 * @state: the outcome to select
 *
 * Returns: (transfer full): the matching accounts in plan order (an empty
 *   vector when none match)
 */
GStrv
ens_share_plan_dup_accounts (EnsSharePlan    *self,
                             EnsShareChange   change,
                             EnsOutcomeState  state)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);

  builder = g_strv_builder_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = _ens_share_plan_get_entry (self, i);

      if (entry->change == change && entry->state == state)
        g_strv_builder_add (builder, entry->account);
    }

  return g_strv_builder_end (builder);
}

guint
ens_share_plan_count (EnsSharePlan    *self,
                      EnsShareChange   change,
                      EnsOutcomeState  state)
{
  guint count = 0;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = _ens_share_plan_get_entry (self, i);

      if (entry->change == change && entry->state == state)
        count++;
    }

  return count;
}

/**
 * ens_share_plan_set_outcome:
 * @position: the account's index
 * @state: its new outcome
 * @request_id: (nullable): the RequestId of the request, if any
 * @error: (nullable): the failure, for %ENS_OUTCOME_FAILED and
 *   %ENS_OUTCOME_UNKNOWN
 * @tries: how many attempts the request took
 *
 * Records the outcome of one account.  "done" is notified when the number
 * of accounts with a final outcome changes.
 */
void
ens_share_plan_set_outcome (EnsSharePlan    *self,
                            guint            position,
                            EnsOutcomeState  state,
                            const char      *request_id,
                            const GError    *error,
                            guint            tries)
{
  Entry *entry;
  gboolean was_final;
  char *new_request_id;
  GError *new_error;

  g_return_if_fail (ENS_IS_SHARE_PLAN (self));
  g_return_if_fail (position < self->entries->len);

  entry = _ens_share_plan_get_entry (self, position);
  was_final = state_is_final (entry->state);

  entry->state = state;
  entry->tries = tries;
  new_request_id = g_strdup (request_id);
  new_error = error != NULL ? g_error_copy (error) : NULL;
  g_free (entry->request_id);
  entry->request_id = new_request_id;
  g_clear_error (&entry->error);
  entry->error = new_error;

  if (was_final != state_is_final (state))
    {
      if (was_final)
        self->done--;
      else
        self->done++;

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }

  g_signal_emit (self, signals[OUTCOME], 0, position);
}

/**
 * ens_share_plan_mark_sending:
 * @self: a #EnsSharePlan
 * @positions: (array length=n_positions): the accounts one request carries
 * @n_positions: how many
 *
 * For EnsClient: says that the request for these accounts is about to be
 * sent.  Emits #EnsSharePlan::sending for each, in order.
 */
void
ens_share_plan_mark_sending (EnsSharePlan *self,
                             const guint  *positions,
                             guint         n_positions)
{
  g_return_if_fail (ENS_IS_SHARE_PLAN (self));
  g_return_if_fail (positions != NULL || n_positions == 0);

  for (guint i = 0; i < n_positions; i++)
    {
      g_return_if_fail (positions[i] < self->entries->len);
      g_signal_emit (self, signals[SENDING], 0, positions[i]);
    }
}

/**
 * ens_share_plan_is_uncertain:
 * @position: the account's index
 *
 * Whether the outcome of this account is unknown: its request was sent
 * and the answer was lost (%ENS_OUTCOME_UNKNOWN), or it was in flight
 * when the run was cancelled and its answer never came
 * (%ENS_OUTCOME_FAILED with %G_IO_ERROR_CANCELLED).  The server may have
 * carried it out anyway; ens_share_plan_reconcile() settles it from the
 * share list.
 *
 * Returns: %TRUE when the outcome is uncertain
 */
gboolean
ens_share_plan_is_uncertain (EnsSharePlan *self,
                             guint         position)
{
  const Entry *entry;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);

  entry = _ens_share_plan_get_entry (self, position);

  return entry->state == ENS_OUTCOME_UNKNOWN ||
         (entry->state == ENS_OUTCOME_FAILED &&
          g_error_matches (entry->error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

/**
 * ens_share_plan_count_uncertain:
 *
 * Returns: how many accounts have an uncertain outcome
 *   (ens_share_plan_is_uncertain())
 */
guint
ens_share_plan_count_uncertain (EnsSharePlan *self)
{
  guint n = 0;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    if (ens_share_plan_is_uncertain (self, i))
      n++;

  return n;
}

/**
 * ens_share_plan_reconcile:
 * @self: a plan that has run
 * @shared_now: (array zero-terminated=1): the accounts the image is
 *   shared with, read after the run (an empty vector for none)
 *
 * Says what really happened to the accounts whose outcome is uncertain
 * (ens_share_plan_is_uncertain()), from the share list as it is now:
 *
 * - an addition whose account is in @shared_now: %ENS_OUTCOME_DONE;
 * - an addition whose account is not: %ENS_OUTCOME_NOT_ATTEMPTED;
 * - a removal whose account is not in @shared_now: %ENS_OUTCOME_DONE;
 * - a removal whose account still is: %ENS_OUTCOME_NOT_ATTEMPTED.
 *
 * NOT_ATTEMPTED, because whatever was sent changed nothing for that
 * account.  Every other outcome is settled already and is copied with its
 * RequestId, error and tries, even where @shared_now disagrees (someone
 * else may have changed the list since).  The result has no uncertain
 * outcomes, so its "done" accounts are exactly the change to report and
 * to undo (ens_share_plan_new_inverse()).
 *
 * Returns: (transfer full): a new plan; @self is not changed
 */
EnsSharePlan *
ens_share_plan_reconcile (EnsSharePlan       *self,
                          const char * const *shared_now)
{
  g_autoptr(GHashTable) shared = NULL;
  EnsSharePlan *reconciled;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);
  g_return_val_if_fail (shared_now != NULL, NULL);

  shared = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; shared_now[i] != NULL; i++)
    g_hash_table_add (shared, (gpointer)shared_now[i]);

  reconciled = g_object_new (ENS_TYPE_SHARE_PLAN,
                             "image-id", self->image_id,
                             NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = _ens_share_plan_get_entry (self, i);
      Entry copy = { 0 };

      copy.account = g_strdup (entry->account);
      copy.change = entry->change;
      copy.state = entry->state;
      copy.request_id = g_strdup (entry->request_id);
      copy.error = entry->error != NULL ? g_error_copy (entry->error) : NULL;
      copy.tries = entry->tries;
      copy.image_id = g_strdup (entry->image_id);
      copy.skip_reason = entry->skip_reason;
      copy.verification = entry->verification;

      /* @shared_now is the list of the plan's first image: other images'
       * uncertain outcomes are settled by ens_share_plan_verify(). */
      if (ens_share_plan_is_uncertain (self, i) &&
          g_strcmp0 (ens_share_plan_get_account_image_id (self, i), self->image_id) == 0)
        {
          gboolean is_shared = g_hash_table_contains (shared, entry->account);
          gboolean happened = entry->change == ENS_SHARE_CHANGE_ADD ? is_shared : !is_shared;

          copy.state = happened ? ENS_OUTCOME_DONE : ENS_OUTCOME_NOT_ATTEMPTED;
          g_clear_error (&copy.error);
        }

      if (state_is_final (copy.state))
        reconciled->done++;
      g_array_append_val (reconciled->entries, copy);
    }

  return reconciled;
}

double
ens_share_plan_get_rate (EnsSharePlan *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  return self->rate;
}

/* For EnsClient, as the plan runs. */
void
ens_share_plan_set_rate (EnsSharePlan *self,
                         double        rate)
{
  g_return_if_fail (ENS_IS_SHARE_PLAN (self));

  rate = MAX (rate, 0);
  if (self->rate == rate)
    return;

  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

guint
ens_share_plan_get_max_in_flight (EnsSharePlan *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), 0);

  return self->max_in_flight;
}

/* For EnsClient: @in_flight is how many are in flight now. */
void
ens_share_plan_note_in_flight (EnsSharePlan *self,
                               guint         in_flight)
{
  g_return_if_fail (ENS_IS_SHARE_PLAN (self));

  if (in_flight <= self->max_in_flight)
    return;

  self->max_in_flight = in_flight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

/* Several images, preview and verification (issue 13) -------------------- */

/**
 * ens_share_plan_append_change:
 * @image_id: the image these accounts are for
 * @accounts: (array zero-terminated=1): the accounts
 * @change: add or remove
 *
 * Appends pending entries for @image_id.  For building plans only: not
 * while the plan runs.
 */
void
ens_share_plan_append_change (EnsSharePlan       *self,
                              const char         *image_id,
                              const char * const *accounts,
                              EnsShareChange      change)
{
  guint first;

  g_return_if_fail (ENS_IS_SHARE_PLAN (self));
  g_return_if_fail (image_id != NULL);

  first = self->entries->len;
  ens_share_plan_append (self, accounts, change);
  if (g_strcmp0 (image_id, self->image_id) != 0)
    for (guint i = first; i < self->entries->len; i++)
      _ens_share_plan_get_entry (self, i)->image_id = g_strdup (image_id);

  if (self->entries->len != first)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

/**
 * ens_share_plan_get_account_image_id:
 *
 * Returns: the image the change at @position is for
 */
const char *
ens_share_plan_get_account_image_id (EnsSharePlan *self,
                                     guint         position)
{
  const Entry *entry;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  entry = _ens_share_plan_get_entry (self, position);

  return entry->image_id != NULL ? entry->image_id : self->image_id;
}

void
_ens_share_plan_set_final_state (EnsSharePlan    *self,
                                 Entry           *entry,
                                 EnsOutcomeState  state)
{
  gboolean was_final = state_is_final (entry->state);

  entry->state = state;
  if (was_final == state_is_final (state))
    return;

  self->done += was_final ? -1 : 1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}
