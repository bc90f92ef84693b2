/* ens-pending-account.c
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

#include <glib/gi18n.h>

#include "ens-model-enums.h"
#include "ens-pending-account.h"
#include "ens-text.h"

struct _EnsPendingAccount
{
  GObject           parent_instance;

  char             *account;
  char             *message;
  char             *failure;
  char             *origin;        /* the group it came from, or NULL */
  char             *origin_text;   /* "From group “x”" */
  EnsPendingStatus  status;
  guint             invalid : 1;
};

G_DEFINE_FINAL_TYPE (EnsPendingAccount, ens_pending_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_MESSAGE,
  PROP_INVALID,
  PROP_STATUS,
  PROP_FAILURE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ens_pending_account_finalize (GObject *object)
{
  EnsPendingAccount *self = (EnsPendingAccount *)object;

  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->failure, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->origin_text, g_free);

  G_OBJECT_CLASS (ens_pending_account_parent_class)->finalize (object);
}

static void
ens_pending_account_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EnsPendingAccount *self = ENS_PENDING_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_INVALID:
      g_value_set_boolean (value, self->invalid);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_FAILURE:
      g_value_set_string (value, self->failure);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, ens_pending_account_get_subtitle (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_pending_account_class_init (EnsPendingAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_pending_account_finalize;
  object_class->get_property = ens_pending_account_get_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_INVALID] =
    g_param_spec_boolean ("invalid", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ENS_TYPE_PENDING_STATUS, ENS_PENDING_STATUS_READY,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FAILURE] =
    g_param_spec_string ("failure", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_pending_account_init (EnsPendingAccount *self)
{
}

/**
 * ens_pending_account_new:
 * @account: the account ID, or the token as typed when @invalid
 * @message: (nullable): the parser's reason or warning, translated
 * @invalid: whether @account is not a usable account ID
 *
 * Returns: (transfer full): a new pending account
 */
EnsPendingAccount *
ens_pending_account_new (const char *account,
                         const char *message,
                         gboolean    invalid)
{
  EnsPendingAccount *self;

  g_return_val_if_fail (account != NULL, NULL);

  self = g_object_new (ENS_TYPE_PENDING_ACCOUNT, NULL);
  self->account = g_strdup (account);
  self->message = g_strdup (message);
  self->invalid = !!invalid;
  self->status = invalid ? ENS_PENDING_STATUS_INVALID : ENS_PENDING_STATUS_READY;

  return self;
}

const char *
ens_pending_account_get_account (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), NULL);

  return self->account;
}

const char *
ens_pending_account_get_message (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), NULL);

  return self->message;
}

gboolean
ens_pending_account_get_invalid (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), FALSE);

  return self->invalid;
}

EnsPendingStatus
ens_pending_account_get_status (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), ENS_PENDING_STATUS_INVALID);

  return self->status;
}

/**
 * ens_pending_account_set_status:
 *
 * An invalid account stays invalid, and a valid one never becomes so.
 */
void
ens_pending_account_set_status (EnsPendingAccount *self,
                                EnsPendingStatus   status)
{
  g_return_if_fail (ENS_IS_PENDING_ACCOUNT (self));

  if (self->invalid)
    status = ENS_PENDING_STATUS_INVALID;
  else if (status == ENS_PENDING_STATUS_INVALID)
    status = ENS_PENDING_STATUS_READY;

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
ens_pending_account_get_failure (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), NULL);

  return self->failure;
}

void
ens_pending_account_set_failure (EnsPendingAccount *self,
                                 const char        *failure)
{
  g_return_if_fail (ENS_IS_PENDING_ACCOUNT (self));

  if (g_strcmp0 (self->failure, failure) == 0)
    return;

  g_free (self->failure);
  self->failure = g_strdup (failure);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/**
 * ens_pending_account_get_subtitle:
 *
 * Returns: (nullable): what a view says under the account: why it will
 *   not be sent, why it failed, or the parser's warning
 */
const char *
ens_pending_account_get_subtitle (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), NULL);

  switch (self->status)
    {
    case ENS_PENDING_STATUS_INVALID:
      return self->message;

    case ENS_PENDING_STATUS_DUPLICATE:
      return _("Listed twice");

    case ENS_PENDING_STATUS_ALREADY_SHARED:
      return _("Already shared");

    case ENS_PENDING_STATUS_READY:
    default:
      if (self->failure != NULL)
        return self->failure;
      return self->message != NULL ? self->message : self->origin_text;
    }
}

/**
 * ens_pending_account_set_origin:
 * @group: (nullable): the group whose member this account is
 *
 * Says which group of the address book the account came from; the
 * subtitle says so when there is nothing more pressing to say.
 */
void
ens_pending_account_set_origin (EnsPendingAccount *self,
                                const char        *group)
{
  g_autofree char *safe = NULL;

  g_return_if_fail (ENS_IS_PENDING_ACCOUNT (self));

  if (g_strcmp0 (self->origin, group) == 0)
    return;

  g_free (self->origin);
  g_free (self->origin_text);
  self->origin = g_strdup (group);
  safe = group != NULL ? ens_text_sanitize (group, -1) : NULL;
  /* Translators: under an account added as a member of a group; %s is the group's name */
  self->origin_text = safe != NULL ? g_strdup_printf (_("From group “%s”"), safe) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
ens_pending_account_get_origin (EnsPendingAccount *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_ACCOUNT (self), NULL);

  return self->origin;
}
