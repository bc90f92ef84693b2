/* ens-recipients-lookup.c
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

#include <glib/gi18n-lib.h>

#include "ens-error.h"
#include "ens-input.h"
#include "ens-recipients-private.h"
#include "ens-text.h"

/*
 * What needs no disk: checking what was typed, and looking names, IDs and
 * groups up in the book as last read (ens_recipients_load_async() and every
 * change read it again).
 */

/* Checking input {{{ */

/**
 * ens_recipients_clean_name:
 * @name: a name as typed
 * @error: a location for an %ENS_ERROR_INVALID_INPUT error
 *
 * Removes surrounding white space; refuses an empty name, a name longer
 * than %ENS_RECIPIENT_NAME_MAX characters, one with control characters
 * and one that starts with “@” (which marks a name in account lists).
 *
 * Returns: (transfer full) (nullable): the name
 */
char *
ens_recipients_clean_name (const char  *name,
                           GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *safe = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    name = "";
  clean = g_strstrip (g_strdup (name));
  safe = ens_text_sanitize (clean, -1);

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("A recipient needs a name."));
      return NULL;
    }

  if (g_utf8_strlen (clean, -1) > ENS_RECIPIENT_NAME_MAX)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The name “%s” is too long: a name has at most %d character.",
                                "The name “%s” is too long: a name has at most %d characters.",
                                ENS_RECIPIENT_NAME_MAX),
                   safe, ENS_RECIPIENT_NAME_MAX);
      return NULL;
    }

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        {
          g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                       _("The name “%s” has characters that cannot be shown, such as line breaks."),
                       safe);
          return NULL;
        }
    }

  if (clean[0] == '@')
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("The name “%s” starts with “@”, which marks names in lists of accounts."),
                   safe);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/**
 * ens_recipients_clean_account_id:
 * @account_id: one account ID as typed
 * @error: a location for an %ENS_ERROR_INVALID_INPUT error
 *
 * Checks one account ID as the account lists do (ens_account_list_parse()):
 * white space removed, full-width digits made ASCII, digits only.
 *
 * Returns: (transfer full) (nullable): the account ID
 */
char *
ens_recipients_clean_account_id (const char  *account_id,
                                 GError     **error)
{
  g_autoptr(EnsAccountList) list = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = ens_account_list_parse (account_id);
  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->is_error)
        {
          g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT, issue->message);
          return NULL;
        }
    }

  if (list->accounts->len != 1)
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           list->accounts->len == 0
                             ? _("A recipient needs an account ID.")
                             : _("A recipient has exactly one account ID."));
      return NULL;
    }

  return g_strdup (g_ptr_array_index (list->accounts, 0));
}

/* }}} */

/* Looking up {{{ */

/**
 * ens_recipients_lookup:
 *
 * Returns: (transfer none) (nullable): the recipient of @account_id
 */
EnsRecipient *
ens_recipients_lookup (EnsRecipients *self,
                       const char    *account_id)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);

  if (account_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, account_id);
}

/**
 * ens_recipients_lookup_name:
 *
 * Returns: (transfer none) (nullable): the recipient called @name,
 *   whatever its case
 */
EnsRecipient *
ens_recipients_lookup_name (EnsRecipients *self,
                            const char    *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);

  if (name == NULL)
    return NULL;

  key = ens_recipient_name_key (name);

  return g_hash_table_lookup (self->by_key, key);
}

static EnsRecipientsGroup *
lookup_group (EnsRecipients *self,
              const char    *name)
{
  g_autofree char *key = ens_recipient_name_key (name);

  if (self->snapshot == NULL)
    return NULL;

  return g_hash_table_lookup (self->snapshot->groups, key);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *ka = ens_recipient_name_key (*(const char * const *)a);
  g_autofree char *kb = ens_recipient_name_key (*(const char * const *)b);

  return strcmp (ka, kb);
}

/**
 * ens_recipients_dup_group_names:
 *
 * Returns: (transfer full): the names of the groups, sorted
 */
char **
ens_recipients_dup_group_names (EnsRecipients *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  EnsRecipientsGroup *group;

  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);

  if (self->snapshot != NULL)
    {
      g_hash_table_iter_init (&iter, self->snapshot->groups);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&group))
        g_ptr_array_add (names, g_strdup (group->name));
    }
  g_ptr_array_sort (names, compare_keys);
  g_ptr_array_add (names, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * ens_recipients_dup_group_members:
 *
 * Returns: (transfer full) (nullable): the account IDs in @group, by
 *   name, or %NULL when there is no such group
 */
char **
ens_recipients_dup_group_members (EnsRecipients *self,
                                  const char    *group)
{
  EnsRecipientsGroup *found;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  found = lookup_group (self, group);
  if (found == NULL)
    return NULL;

  for (guint i = 0; i < found->members->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (found->members, i));

  return g_strv_builder_end (builder);
}

/**
 * ens_recipients_resolve:
 * @name: a recipient's or a group's name, with or without a leading “@”
 *
 * Returns: (transfer full) (nullable): the recipient's account ID, or the
 *   group's members' IDs; %NULL with %ENS_ERROR_INVALID_INPUT when nothing
 *   has that name or the group is empty
 */
char **
ens_recipients_resolve (EnsRecipients  *self,
                        const char     *name,
                        GError        **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *safe = NULL;
  EnsRecipient *recipient;
  char **members;

  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (name[0] == '@' ? name + 1 : name));
  safe = ens_text_sanitize (clean, -1);

  recipient = ens_recipients_lookup_name (self, clean);
  if (recipient != NULL)
    {
      char **one = g_new0 (char *, 2);

      one[0] = g_strdup (ens_recipient_get_account_id (recipient));
      return one;
    }

  members = ens_recipients_dup_group_members (self, clean);
  if (members == NULL)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("There is no recipient or group named “%s” in the address book."), safe);
      return NULL;
    }
  if (members[0] == NULL)
    {
      g_strfreev (members);
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("The group “%s” has no members."), safe);
      return NULL;
    }

  return members;
}

/**
 * ens_recipients_dup_label:
 *
 * Returns: (transfer full): “Partner A · 1234567890123456” when the
 *   account has a name, the ID alone otherwise; safe to print
 */
char *
ens_recipients_dup_label (EnsRecipients *self,
                          const char    *account_id)
{
  EnsRecipient *recipient;

  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  recipient = ens_recipients_lookup (self, account_id);

  return ens_recipient_format_label (recipient != NULL ? ens_recipient_get_name (recipient) : NULL,
                                     account_id);
}


/* }}} */
