/* ens-activity-entry.c
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
#include <glib/gi18n.h>

#include "ens-activity-entry.h"
#include "ens-error.h"
#include "ens-text.h"

struct _EnsActivityEntry
{
  GObject    parent_instance;

  GDateTime *time;
  char      *image_id;
  char      *title;
  char      *outcome;
  GArray    *details;   /* of EnsActivityDetail */
  gboolean   success;
};

G_DEFINE_FINAL_TYPE (EnsActivityEntry, ens_activity_entry, G_TYPE_OBJECT)

/* A line names this many accounts, then says how many more. */
#define MAX_SHOWN_ACCOUNTS 10

static void
detail_clear (gpointer data)
{
  EnsActivityDetail *detail = data;

  g_clear_pointer (&detail->request_id, g_free);
  g_clear_pointer (&detail->accounts, g_free);
  g_clear_pointer (&detail->all_accounts, g_free);
  g_clear_pointer (&detail->outcome, g_free);
}

static void
ens_activity_entry_finalize (GObject *object)
{
  EnsActivityEntry *self = (EnsActivityEntry *)object;

  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->details, g_array_unref);

  G_OBJECT_CLASS (ens_activity_entry_parent_class)->finalize (object);
}

static void
ens_activity_entry_class_init (EnsActivityEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_activity_entry_finalize;
}

static void
ens_activity_entry_init (EnsActivityEntry *self)
{
  self->details = g_array_new (FALSE, TRUE, sizeof (EnsActivityDetail));
  g_array_set_clear_func (self->details, detail_clear);
}

static char *
describe_outcome (EnsShareChange   change,
                  EnsOutcomeState  state,
                  const GError    *error)
{
  switch (state)
    {
    case ENS_OUTCOME_DONE:
      if (change == ENS_SHARE_CHANGE_ADD)
        return g_strdup (_("Shared"));
      return g_strdup (_("Stopped sharing"));

    case ENS_OUTCOME_FAILED:
      if (error != NULL)
        {
          g_autofree char *title = NULL;

          ens_error_describe (error, &title, NULL, NULL);
          /* Translators: %s says why, e.g. "You Do Not Have Permission" */
          return g_strdup_printf (_("Failed: %s"), title);
        }
      return g_strdup (_("Failed"));

    case ENS_OUTCOME_UNKNOWN:
      return g_strdup (_("Outcome unknown: the answer was lost"));

    case ENS_OUTCOME_SKIPPED:
      if (change == ENS_SHARE_CHANGE_ADD)
        return g_strdup (_("Skipped: already shared"));
      return g_strdup (_("Skipped: was not shared"));

    case ENS_OUTCOME_PENDING:
    case ENS_OUTCOME_NOT_ATTEMPTED:
    default:
      return g_strdup (_("Not attempted"));
    }
}

static char *
describe_title (guint n_add,
                guint n_remove)
{
  if (n_remove == 0)
    return g_strdup_printf (ngettext ("Share with %u account",
                                      "Share with %u accounts", n_add),
                            n_add);
  if (n_add == 0)
    return g_strdup_printf (ngettext ("Stop sharing with %u account",
                                      "Stop sharing with %u accounts", n_remove),
                            n_remove);
  return g_strdup_printf (ngettext ("Change sharing for %u account",
                                    "Change sharing for %u accounts", n_add + n_remove),
                          n_add + n_remove);
}

/**
 * ens_activity_entry_new_from_plan:
 * @plan: a plan that has finished running
 * @error: (nullable): the error running it returned
 *
 * Records what happened to every account of @plan, grouped by outcome and
 * RequestId, and stamps the entry with the current local time.
 *
 * Returns: (transfer full): a new entry
 */
EnsActivityEntry *
ens_activity_entry_new_from_plan (EnsSharePlan *plan,
                                  const GError *error)
{
  g_autoptr(EnsActivityEntry) self = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  guint n_accounts;
  guint n_add = 0;
  guint n_remove = 0;
  guint n_done = 0;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (plan), NULL);

  self = g_object_new (ENS_TYPE_ACTIVITY_ENTRY, NULL);
  self->time = g_date_time_new_now_local ();
  self->image_id = g_strdup (ens_share_plan_get_image_id (plan));

  /* Group the accounts by what happened to them, keeping plan order. */
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lists = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  n_accounts = ens_share_plan_get_n_accounts (plan);

  for (guint i = 0; i < n_accounts; i++)
    {
      EnsShareChange change = ens_share_plan_get_change (plan, i);
      EnsOutcomeState state = ens_share_plan_get_state (plan, i);
      const GError *account_error = ens_share_plan_get_error (plan, i);
      const char *request_id = ens_share_plan_get_request_id (plan, i);
      g_autofree char *outcome = describe_outcome (change, state, account_error);
      g_autofree char *key = NULL;
      gpointer index;

      if (request_id == NULL && account_error != NULL)
        request_id = ens_error_get_request_id (account_error);

      if (change == ENS_SHARE_CHANGE_ADD)
        n_add++;
      else
        n_remove++;
      if (state == ENS_OUTCOME_DONE)
        n_done++;

      key = g_strdup_printf ("%s\n%s", outcome, request_id != NULL ? request_id : "");
      if (!g_hash_table_lookup_extended (groups, key, NULL, &index))
        {
          EnsActivityDetail detail = { 0 };

          /* From the server: shown in a label, so made safe to show. */
          detail.request_id = ens_text_sanitize (request_id, -1);
          detail.outcome = g_steal_pointer (&outcome);
          detail.failed = state != ENS_OUTCOME_DONE;
          g_array_append_val (self->details, detail);
          g_ptr_array_add (lists, g_ptr_array_new ());
          index = GUINT_TO_POINTER (self->details->len - 1);
          g_hash_table_insert (groups, g_steal_pointer (&key), index);
        }

      g_ptr_array_add (g_ptr_array_index (lists, GPOINTER_TO_UINT (index)),
                       (gpointer)ens_share_plan_get_account (plan, i));
    }

  for (guint i = 0; i < self->details->len; i++)
    {
      EnsActivityDetail *detail = &g_array_index (self->details, EnsActivityDetail, i);
      GPtrArray *accounts = g_ptr_array_index (lists, i);

      detail->n_accounts = accounts->len;
      g_ptr_array_add (accounts, NULL);
      /* Translators: the separator between account IDs in a list */
      detail->all_accounts = g_strjoinv (_(", "), (char **)accounts->pdata);

      if (detail->n_accounts <= MAX_SHOWN_ACCOUNTS)
        {
          detail->accounts = g_strdup (detail->all_accounts);
        }
      else
        {
          guint more = detail->n_accounts - MAX_SHOWN_ACCOUNTS;
          g_autofree char *shown = NULL;

          accounts->pdata[MAX_SHOWN_ACCOUNTS] = NULL;
          shown = g_strjoinv (_(", "), (char **)accounts->pdata);
          /* Translators: a list of account IDs cut short, e.g. "123, 456 and 90 more" */
          detail->accounts = g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", more),
                                              shown, more);
        }
    }

  self->title = describe_title (n_add, n_remove);
  self->success = error == NULL && n_done == n_accounts;

  if (self->success)
    self->outcome = g_strdup (_("Done"));
  else if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: "Cancelled after 2 of 5 were done" */
    self->outcome = g_strdup_printf (ngettext ("Cancelled after %u of %u was done",
                                               "Cancelled after %u of %u were done", n_done),
                                     n_done, n_accounts);
  else if (n_done == 0)
    self->outcome = g_strdup (_("Failed"));
  else
    /* Translators: "2 of 5 done", said of accounts */
    self->outcome = g_strdup_printf (ngettext ("%u of %u done", "%u of %u done", n_done),
                                     n_done, n_accounts);

  return g_steal_pointer (&self);
}

GDateTime *
ens_activity_entry_get_time (EnsActivityEntry *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), NULL);

  return self->time;
}

const char *
ens_activity_entry_get_image_id (EnsActivityEntry *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), NULL);

  return self->image_id;
}

const char *
ens_activity_entry_get_title (EnsActivityEntry *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), NULL);

  return self->title;
}

const char *
ens_activity_entry_get_outcome (EnsActivityEntry *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), NULL);

  return self->outcome;
}

gboolean
ens_activity_entry_get_success (EnsActivityEntry *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), FALSE);

  return self->success;
}

guint
ens_activity_entry_get_n_details (EnsActivityEntry *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), 0);

  return self->details->len;
}

const EnsActivityDetail *
ens_activity_entry_get_detail (EnsActivityEntry *self,
                               guint             position)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), NULL);
  g_return_val_if_fail (position < self->details->len, NULL);

  return &g_array_index (self->details, EnsActivityDetail, position);
}

/**
 * ens_activity_entry_to_text:
 *
 * The whole entry as plain text, for the clipboard: a heading line, then
 * one line per outcome with its RequestId and every account.
 *
 * Returns: (transfer full): the text
 */
char *
ens_activity_entry_to_text (EnsActivityEntry *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *time = NULL;

  g_return_val_if_fail (ENS_IS_ACTIVITY_ENTRY (self), NULL);

  time = g_date_time_format_iso8601 (self->time);
  g_string_append_printf (text, "%s\t%s\t%s\t%s\n", time, self->image_id, self->title, self->outcome);

  for (guint i = 0; i < self->details->len; i++)
    {
      const EnsActivityDetail *detail = &g_array_index (self->details, EnsActivityDetail, i);

      g_string_append_printf (text, "%s\t%s\t%s\n",
                              detail->outcome,
                              detail->request_id != NULL ? detail->request_id : "-",
                              detail->all_accounts);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
