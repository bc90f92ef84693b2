/* ens-recipient.c
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

#include "ens-recipient.h"
#include "ens-text.h"

/*
 * One entry of the address book: an account ID with the name people know
 * it by, an optional note and the groups it belongs to.  Immutable: the
 * book (EnsRecipients) replaces an entry when it changes.
 */

struct _EnsRecipient
{
  GObject   parent_instance;

  char     *account_id;
  char     *name;
  char     *note;
  char    **groups;
};

G_DEFINE_FINAL_TYPE (EnsRecipient, ens_recipient, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_NAME,
  PROP_NOTE,
  PROP_GROUPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * ens_recipient_new:
 * @account_id: the account ID (digits)
 * @name: the name
 * @note: (nullable): a note
 * @groups: (nullable) (array zero-terminated=1): the names of its groups
 *
 * Returns: (transfer full): a recipient
 */
EnsRecipient *
ens_recipient_new (const char         *account_id,
                   const char         *name,
                   const char         *note,
                   const char * const *groups)
{
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (ENS_TYPE_RECIPIENT,
                       "account-id", account_id,
                       "name", name,
                       "note", note,
                       "groups", groups,
                       NULL);
}

const char *
ens_recipient_get_account_id (EnsRecipient *self)
{
  g_return_val_if_fail (ENS_IS_RECIPIENT (self), NULL);

  return self->account_id;
}

const char *
ens_recipient_get_name (EnsRecipient *self)
{
  g_return_val_if_fail (ENS_IS_RECIPIENT (self), NULL);

  return self->name;
}

/**
 * ens_recipient_get_note:
 *
 * Returns: (nullable): the note
 */
const char *
ens_recipient_get_note (EnsRecipient *self)
{
  g_return_val_if_fail (ENS_IS_RECIPIENT (self), NULL);

  return self->note;
}

/**
 * ens_recipient_get_groups:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of its
 *   groups, sorted; never %NULL
 */
const char * const *
ens_recipient_get_groups (EnsRecipient *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ENS_IS_RECIPIENT (self), NULL);

  return self->groups != NULL ? (const char * const *)self->groups : none;
}

/**
 * ens_recipient_name_key:
 * @name: a name
 *
 * What makes two names the same: compatibility-normalised and case-folded,
 * so that “Partner A”, “partner a” and “ＰＡＲＴＮＥＲ Ａ” are one name.
 *
 * Returns: (transfer full): the key
 */
char *
ens_recipient_name_key (const char *name)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normal, -1);
}

/**
 * ens_recipient_format_label:
 * @name: (nullable): the name, or %NULL for an account nobody named
 * @account_id: the account ID
 *
 * How an account is shown: “Partner A · 1234567890123456”, the name made
 * safe to print (ens_text_sanitize()); the ID alone when it has no name.
 *
 * Returns: (transfer full): the label
 */
char *
ens_recipient_format_label (const char *name,
                            const char *account_id)
{
  g_autofree char *safe_id = NULL;
  g_autofree char *safe_name = NULL;

  g_return_val_if_fail (account_id != NULL, NULL);

  safe_id = ens_text_sanitize (account_id, -1);
  if (name == NULL || name[0] == '\0')
    return g_steal_pointer (&safe_id);

  safe_name = ens_text_sanitize (name, -1);

  return g_strdup_printf ("%s · %s", safe_name, safe_id);
}

/**
 * ens_recipient_dup_label:
 *
 * Returns: (transfer full): “Name · ID” (ens_recipient_format_label())
 */
char *
ens_recipient_dup_label (EnsRecipient *self)
{
  g_return_val_if_fail (ENS_IS_RECIPIENT (self), NULL);

  return ens_recipient_format_label (self->name, self->account_id);
}

static void
ens_recipient_finalize (GObject *object)
{
  EnsRecipient *self = (EnsRecipient *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->groups, g_strfreev);

  G_OBJECT_CLASS (ens_recipient_parent_class)->finalize (object);
}

static void
ens_recipient_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EnsRecipient *self = ENS_RECIPIENT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_GROUPS:
      g_value_set_boxed (value, self->groups);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_recipient_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EnsRecipient *self = ENS_RECIPIENT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;

    case PROP_GROUPS:
      self->groups = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_recipient_class_init (EnsRecipientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_recipient_finalize;
  object_class->get_property = ens_recipient_get_property;
  object_class->set_property = ens_recipient_set_property;

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUPS] =
    g_param_spec_boxed ("groups", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_recipient_init (EnsRecipient *self)
{
}
