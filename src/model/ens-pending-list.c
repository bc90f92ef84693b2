/* ens-pending-list.c
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

#include <glib/gi18n.h>

#include "ens-error.h"
#include "ens-input.h"
#include "ens-pending-list.h"

struct _EnsPendingList
{
  GObject     parent_instance;

  /* Owned references */
  GPtrArray  *items;     /* of EnsPendingAccount */
  GHashTable *shared;    /* accounts the image is shared with, or NULL */
  EnsRecipients *recipients;  /* nullable: resolves "@Name" and "@Group" */
  char       *summary;

  guint       n_ready;
};

static void ens_pending_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsPendingList, ens_pending_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ens_pending_list_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_READY,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GListModel {{{ */

static GType
ens_pending_list_get_item_type (GListModel *model)
{
  return ENS_TYPE_PENDING_ACCOUNT;
}

static guint
ens_pending_list_get_n_items (GListModel *model)
{
  return ENS_PENDING_LIST (model)->items->len;
}

static gpointer
ens_pending_list_get_item (GListModel *model,
                           guint       position)
{
  EnsPendingList *self = ENS_PENDING_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
ens_pending_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ens_pending_list_get_item_type;
  iface->get_n_items = ens_pending_list_get_n_items;
  iface->get_item = ens_pending_list_get_item;
}

/* }}} */

/* Statuses {{{ */

static char *
make_summary (guint n_items,
              guint n_ready,
              guint n_failed,
              guint n_other)
{
  g_autofree char *summary = NULL;

  if (n_items == n_failed)
    summary = NULL;
  else if (n_other == 0)
    summary = g_strdup_printf (ngettext ("%u account ready to share",
                                         "%u accounts ready to share", n_ready),
                               n_ready);
  else
    /* Translators: "2 ready to share, 1 will be skipped" */
    summary = g_strdup_printf (ngettext ("%u ready to share, %u will be skipped",
                                         "%u ready to share, %u will be skipped", n_other),
                               n_ready, n_other);

  if (n_failed > 0)
    {
      g_autofree char *failed = NULL;

      failed = g_strdup_printf (ngettext ("%u account could not be shared — fix or remove it, "
                                          "or press Share to try again",
                                          "%u accounts could not be shared — fix or remove them, "
                                          "or press Share to try again", n_failed),
                                n_failed);
      if (summary == NULL)
        return g_steal_pointer (&failed);

      return g_strconcat (summary, "\n", failed, NULL);
    }

  return summary != NULL ? g_steal_pointer (&summary) : g_strdup ("");
}

/*
 * Works out each item's status from the whole list, then the counts and
 * the summary, and notifies what changed.  @n_items_changed says whether
 * items were added or removed.
 */
static void
ens_pending_list_update (EnsPendingList *self,
                         gboolean        n_items_changed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *summary = NULL;
  guint n_ready = 0;
  guint n_failed = 0;
  guint n_other = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      EnsPendingAccount *item = g_ptr_array_index (self->items, i);
      const char *account = ens_pending_account_get_account (item);
      EnsPendingStatus status;

      if (ens_pending_account_get_invalid (item))
        status = ENS_PENDING_STATUS_INVALID;
      else if (g_hash_table_contains (seen, account))
        status = ENS_PENDING_STATUS_DUPLICATE;
      else if (self->shared != NULL && g_hash_table_contains (self->shared, account))
        status = ENS_PENDING_STATUS_ALREADY_SHARED;
      else
        status = ENS_PENDING_STATUS_READY;

      if (status != ENS_PENDING_STATUS_INVALID)
        g_hash_table_add (seen, (gpointer)account);

      ens_pending_account_set_status (item, status);

      /* Share sends the failed ones again, but they are counted apart:
       * their items say "Not shared", not "ready". */
      if (status == ENS_PENDING_STATUS_READY && ens_pending_account_get_failure (item) != NULL)
        n_failed++;
      else if (status == ENS_PENDING_STATUS_READY)
        n_ready++;
      else
        n_other++;
    }

  summary = make_summary (self->items->len, n_ready, n_failed, n_other);

  g_object_freeze_notify (G_OBJECT (self));

  if (n_items_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  if (self->n_ready != n_ready + n_failed)
    {
      self->n_ready = n_ready + n_failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_READY]);
    }

  if (g_strcmp0 (self->summary, summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Removes the items at the positions @remove (ascending), announcing each
 * run of neighbours as one change, from the end so that the positions of
 * the runs before stay right. */
static void
ens_pending_list_remove_positions (EnsPendingList *self,
                                   GArray         *remove)
{
  guint i = remove->len;

  while (i > 0)
    {
      guint last = g_array_index (remove, guint, i - 1);
      guint first = last;

      i--;
      while (i > 0 && g_array_index (remove, guint, i - 1) == first - 1)
        first = g_array_index (remove, guint, --i);

      g_ptr_array_remove_range (self->items, first, last - first + 1);
      g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, 0);
    }

  ens_pending_list_update (self, remove->len > 0);
}

/* }}} */

/* GObject {{{ */

static void
ens_pending_list_finalize (GObject *object)
{
  EnsPendingList *self = (EnsPendingList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->shared, g_hash_table_unref);
  g_clear_pointer (&self->summary, g_free);

  g_clear_object (&self->recipients);

  G_OBJECT_CLASS (ens_pending_list_parent_class)->finalize (object);
}

static void
ens_pending_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EnsPendingList *self = ENS_PENDING_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_N_READY:
      g_value_set_uint (value, self->n_ready);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_pending_list_class_init (EnsPendingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_pending_list_finalize;
  object_class->get_property = ens_pending_list_get_property;

  /**
   * EnsPendingList:n-items:
   *
   * The number of accounts in the list, whatever their status.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsPendingList:n-ready:
   *
   * The accounts Share would send: those with status
   * %ENS_PENDING_STATUS_READY, including those that failed last time.
   */
  properties[PROP_N_READY] =
    g_param_spec_uint ("n-ready", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsPendingList:summary:
   *
   * What the list adds up to, translated ("2 ready to share, 1 will be
   * skipped"), possibly two lines; "" when there is nothing to say.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_pending_list_init (EnsPendingList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->summary = g_strdup ("");
}

/* }}} */

/* Public API {{{ */

EnsPendingList *
ens_pending_list_new (void)
{
  return g_object_new (ENS_TYPE_PENDING_LIST, NULL);
}

/* The account a token stands for (digits folded), or NULL. */
static char *
account_of_token (const char *token)
{
  g_autoptr(EnsAccountList) list = ens_account_list_parse (token);

  if (list->accounts->len == 0)
    return NULL;

  return g_strdup (g_ptr_array_index (list->accounts, 0));
}

static void
append_item (GPtrArray  *items,
             const char *account,
             const char *message,
             gboolean    invalid)
{
  g_ptr_array_add (items, ens_pending_account_new (account, message, invalid));
}

/**
 * ens_pending_list_set_recipients:
 * @recipients: (nullable): the address book
 *
 * Lets "@Name" and "@Group" in what is typed stand for the recipient's
 * account and the group's members (each member's item says which group it
 * came from).  Without a book they are not account IDs.
 */
void
ens_pending_list_set_recipients (EnsPendingList *self,
                                 EnsRecipients  *recipients)
{
  g_return_if_fail (ENS_IS_PENDING_LIST (self));
  g_return_if_fail (recipients == NULL || ENS_IS_RECIPIENTS (recipients));

  g_set_object (&self->recipients, recipients);
}

/* Takes the "@…" references out of @text (split where the command line
 * splits them: commas, semicolons, line breaks, full-width commas) into
 * @refs; returns the rest for the account parser. */
static char *
take_references (const char *text,
                 GPtrArray  *refs)
{
  g_auto(GStrv) pieces = g_regex_split_simple ("[,;\\n\\r\\x{FF0C}\\x{3001}]", text, 0, 0);
  g_autoptr(GString) rest = g_string_new (NULL);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_autofree char *piece = g_strstrip (g_strdup (pieces[i]));

      if (piece[0] == '@')
        g_ptr_array_add (refs, g_steal_pointer (&piece));
      else
        g_string_append_printf (rest, "%s\n", pieces[i]);
    }

  return g_string_free (g_steal_pointer (&rest), FALSE);
}

/* Appends the accounts @ref ("@Name" or "@Group") stands for, or the
 * reference itself, invalid, with the reason. */
static void
append_reference (EnsPendingList *self,
                  const char     *ref)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = ens_recipients_resolve (self->recipients, ref, &error);
  g_autofree char *name = g_strstrip (g_strdup (ref + 1));
  gboolean group;

  if (ids == NULL)
    {
      append_item (self->items, ref, error->message, TRUE);
      return;
    }

  group = ens_recipients_lookup_name (self->recipients, name) == NULL;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      EnsPendingAccount *item = ens_pending_account_new (ids[i], NULL, FALSE);

      if (group)
        ens_pending_account_set_origin (item, name);
      g_ptr_array_add (self->items, item);
    }
}

/**
 * ens_pending_list_add_text:
 * @self: a #EnsPendingList
 * @text: what was typed in "Accounts to add"
 *
 * Adds what was typed: the valid accounts first (with the parser's
 * warning, if any, as their message), then the tokens that are not
 * account IDs with the parser's reason, then the repeats.  Nothing typed
 * is dropped.
 *
 * Returns: the number of items appended (0 for blank text)
 */
guint
ens_pending_list_add_text (EnsPendingList *self,
                           const char     *text)
{
  g_autoptr(EnsAccountList) list = NULL;
  g_autoptr(GHashTable) warnings = NULL;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rest = NULL;
  guint position;
  guint added;

  g_return_val_if_fail (ENS_IS_PENDING_LIST (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  if (self->recipients != NULL && strchr (text, '@') != NULL)
    rest = take_references (text, refs);
  list = ens_account_list_parse (rest != NULL ? rest : text);
  if (list->accounts->len == 0 && list->issues->len == 0 && refs->len == 0)
    return 0;

  position = self->items->len;

  warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->kind == ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH)
        {
          char *account = account_of_token (issue->token);

          if (account != NULL)
            g_hash_table_insert (warnings, account, issue->message);
        }
    }

  for (guint i = 0; i < list->accounts->len; i++)
    {
      const char *account = g_ptr_array_index (list->accounts, i);

      append_item (self->items, account, g_hash_table_lookup (warnings, account), FALSE);
    }

  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->is_error)
        append_item (self->items, issue->token, issue->message, TRUE);
    }

  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);
      g_autofree char *account = NULL;

      if (issue->kind != ENS_ACCOUNT_ISSUE_DUPLICATE)
        continue;

      account = account_of_token (issue->token);
      if (account != NULL)
        append_item (self->items, account, NULL, FALSE);
      else
        append_item (self->items, issue->token, issue->message, TRUE);
    }

  for (guint i = 0; i < refs->len; i++)
    append_reference (self, g_ptr_array_index (refs, i));

  added = self->items->len - position;

  /* The statuses are right before a view sees the new items. */
  ens_pending_list_update (self, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return added;
}

/**
 * ens_pending_list_remove:
 * @self: a #EnsPendingList
 * @account: an item of @self
 *
 * Takes @account off the list (its "remove" button).
 */
void
ens_pending_list_remove (EnsPendingList    *self,
                         EnsPendingAccount *account)
{
  guint position;

  g_return_if_fail (ENS_IS_PENDING_LIST (self));
  g_return_if_fail (ENS_IS_PENDING_ACCOUNT (account));

  if (!g_ptr_array_find (self->items, account, &position))
    return;

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  ens_pending_list_update (self, TRUE);
}

/**
 * ens_pending_list_remove_accounts:
 * @self: a #EnsPendingList
 * @accounts: (array zero-terminated=1) (nullable): account IDs
 *
 * Takes the valid items for @accounts off the list, repeats included:
 * those accounts have been shared with.  Invalid items stay.
 */
void
ens_pending_list_remove_accounts (EnsPendingList     *self,
                                  const char * const *accounts)
{
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GArray) remove = NULL;

  g_return_if_fail (ENS_IS_PENDING_LIST (self));

  if (accounts == NULL || accounts[0] == NULL)
    return;

  set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; accounts[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)accounts[i]);

  remove = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->items->len; i++)
    {
      EnsPendingAccount *item = g_ptr_array_index (self->items, i);

      if (!ens_pending_account_get_invalid (item) &&
          g_hash_table_contains (set, ens_pending_account_get_account (item)))
        g_array_append_val (remove, i);
    }

  if (remove->len > 0)
    ens_pending_list_remove_positions (self, remove);
}

/**
 * ens_pending_list_set_shared:
 * @self: a #EnsPendingList
 * @shared: (nullable) (element-type utf8 utf8): the accounts the image
 *   is shared with, as keys; %NULL when that is not known
 *
 * The items for those accounts become %ENS_PENDING_STATUS_ALREADY_SHARED.
 * The keys are copied.
 */
void
ens_pending_list_set_shared (EnsPendingList *self,
                             GHashTable     *shared)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (ENS_IS_PENDING_LIST (self));

  if (self->shared == NULL && shared == NULL)
    return;

  g_clear_pointer (&self->shared, g_hash_table_unref);

  if (shared != NULL)
    {
      self->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, shared);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->shared, g_strdup (key));
    }

  ens_pending_list_update (self, FALSE);
}

/**
 * ens_pending_list_settle:
 * @self: a #EnsPendingList
 * @plan: a plan that has run
 *
 * Takes the accounts that were shared with off the list, and notes on
 * those that failed why they were not ("Not shared: …").
 */
void
ens_pending_list_settle (EnsPendingList *self,
                         EnsSharePlan   *plan)
{
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(GHashTable) failed = NULL;
  g_autoptr(GArray) remove = NULL;
  guint n;

  g_return_if_fail (ENS_IS_PENDING_LIST (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));

  done = g_hash_table_new (g_str_hash, g_str_equal);
  failed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  n = ens_share_plan_get_n_accounts (plan);

  for (guint i = 0; i < n; i++)
    {
      const char *account = ens_share_plan_get_account (plan, i);

      if (ens_share_plan_get_change (plan, i) != ENS_SHARE_CHANGE_ADD)
        continue;

      switch (ens_share_plan_get_state (plan, i))
        {
        case ENS_OUTCOME_DONE:
        case ENS_OUTCOME_SKIPPED:
          /* Skipped additions were shared already: as good as done. */
          g_hash_table_add (done, (gpointer)account);
          break;

        case ENS_OUTCOME_FAILED:
          {
            const GError *error = ens_share_plan_get_error (plan, i);
            g_autofree char *title = NULL;

            if (error != NULL)
              ens_error_describe (error, &title, NULL, NULL);
            g_hash_table_insert (failed, (gpointer)account,
                                 /* Translators: %s says why, e.g. "You Do Not Have Permission" */
                                 g_strdup_printf (_("Not shared: %s"),
                                                  title != NULL ? title : _("the request failed")));
          }
          break;

        case ENS_OUTCOME_UNKNOWN:
          /* Stays in the list until the share list, read again, says
           * whether it was shared. */
          g_hash_table_insert (failed, (gpointer)account,
                               g_strdup (_("Not known whether it was shared: the answer was lost")));
          break;

        case ENS_OUTCOME_PENDING:
        case ENS_OUTCOME_NOT_ATTEMPTED:
        default:
          break;
        }
    }

  remove = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->items->len; i++)
    {
      EnsPendingAccount *item = g_ptr_array_index (self->items, i);
      const char *account = ens_pending_account_get_account (item);

      if (!ens_pending_account_get_invalid (item) && g_hash_table_contains (done, account))
        g_array_append_val (remove, i);
      else if (g_hash_table_contains (failed, account))
        ens_pending_account_set_failure (item, g_hash_table_lookup (failed, account));
    }

  ens_pending_list_remove_positions (self, remove);
}

/**
 * ens_pending_list_dup_ready:
 * @self: a #EnsPendingList
 *
 * Returns: (transfer full): the accounts Share would send, in list order
 */
GStrv
ens_pending_list_dup_ready (EnsPendingList *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (ENS_IS_PENDING_LIST (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->items->len; i++)
    {
      EnsPendingAccount *item = g_ptr_array_index (self->items, i);

      if (ens_pending_account_get_status (item) == ENS_PENDING_STATUS_READY)
        g_strv_builder_add (builder, ens_pending_account_get_account (item));
    }

  return g_strv_builder_end (builder);
}

guint
ens_pending_list_get_n_ready (EnsPendingList *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_LIST (self), 0);

  return self->n_ready;
}

const char *
ens_pending_list_get_summary (EnsPendingList *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_LIST (self), "");

  return self->summary;
}

/* }}} */
