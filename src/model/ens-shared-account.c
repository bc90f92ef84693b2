/* ens-shared-account.c
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

#include "ens-shared-account.h"

struct _EnsSharedAccount
{
  GObject   parent_instance;

  char     *account;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (EnsSharedAccount, ens_shared_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ens_shared_account_finalize (GObject *object)
{
  EnsSharedAccount *self = (EnsSharedAccount *)object;

  g_clear_pointer (&self->account, g_free);

  G_OBJECT_CLASS (ens_shared_account_parent_class)->finalize (object);
}

static void
ens_shared_account_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EnsSharedAccount *self = ENS_SHARED_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_shared_account_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EnsSharedAccount *self = ENS_SHARED_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_string (value);
      break;

    case PROP_SELECTED:
      ens_shared_account_set_selected (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_shared_account_class_init (EnsSharedAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_shared_account_finalize;
  object_class->get_property = ens_shared_account_get_property;
  object_class->set_property = ens_shared_account_set_property;

  /**
   * EnsSharedAccount:account:
   *
   * The account ID.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsSharedAccount:selected:
   *
   * Whether the account is picked for "Stop Sharing".
   */
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_shared_account_init (EnsSharedAccount *self)
{
}

EnsSharedAccount *
ens_shared_account_new (const char *account)
{
  g_return_val_if_fail (account != NULL, NULL);

  return g_object_new (ENS_TYPE_SHARED_ACCOUNT, "account", account, NULL);
}

const char *
ens_shared_account_get_account (EnsSharedAccount *self)
{
  g_return_val_if_fail (ENS_IS_SHARED_ACCOUNT (self), NULL);

  return self->account;
}

gboolean
ens_shared_account_get_selected (EnsSharedAccount *self)
{
  g_return_val_if_fail (ENS_IS_SHARED_ACCOUNT (self), FALSE);

  return self->selected;
}

void
ens_shared_account_set_selected (EnsSharedAccount *self,
                                 gboolean          selected)
{
  g_return_if_fail (ENS_IS_SHARED_ACCOUNT (self));

  selected = !!selected;
  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
