/* ens-caller-identity.c
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

#include "ens-caller-identity.h"
#include "ens-error.h"
#include "ens-json.h"
#include "ens-response.h"
#include "ens-text.h"

/**
 * EnsCallerIdentity:
 *
 * Whose key this is: the answer of STS GetCallerIdentity (2015-04-01).
 * Fields, as in the generated model (aliyun/alibabacloud-python-sdk
 * sts-20150401/…/_get_caller_identity_response_body.py): AccountId, UserId,
 * Arn, IdentityType ("Account", "RAMUser", "AssumedRoleUser"),
 * PrincipalId, RoleId, RequestId.  Every property is set at construction,
 * already checked and made safe to show.
 */
struct _EnsCallerIdentity
{
  GObject  parent_instance;

  char    *account_id;
  char    *user_id;
  char    *arn;
  char    *identity_type;
  char    *principal_id;
};

G_DEFINE_FINAL_TYPE (EnsCallerIdentity, ens_caller_identity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_USER_ID,
  PROP_ARN,
  PROP_IDENTITY_TYPE,
  PROP_PRINCIPAL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ens_caller_identity_finalize (GObject *object)
{
  EnsCallerIdentity *self = (EnsCallerIdentity *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->arn, g_free);
  g_clear_pointer (&self->identity_type, g_free);
  g_clear_pointer (&self->principal_id, g_free);

  G_OBJECT_CLASS (ens_caller_identity_parent_class)->finalize (object);
}

static char **
field_for (EnsCallerIdentity *self,
           guint              prop_id)
{
  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:    return &self->account_id;
    case PROP_USER_ID:       return &self->user_id;
    case PROP_ARN:           return &self->arn;
    case PROP_IDENTITY_TYPE: return &self->identity_type;
    case PROP_PRINCIPAL_ID:  return &self->principal_id;
    default:                 return NULL;
    }
}

static void
ens_caller_identity_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  char **field = field_for (ENS_CALLER_IDENTITY (object), prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ens_caller_identity_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  char **field = field_for (ENS_CALLER_IDENTITY (object), prop_id);

  if (field != NULL)
    *field = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ens_caller_identity_class_init (EnsCallerIdentityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  object_class->finalize = ens_caller_identity_finalize;
  object_class->get_property = ens_caller_identity_get_property;
  object_class->set_property = ens_caller_identity_set_property;

  /** EnsCallerIdentity:account-id: the Alibaba Cloud account (digits). */
  properties[PROP_ACCOUNT_ID] = g_param_spec_string ("account-id", NULL, NULL, NULL, flags);
  /** EnsCallerIdentity:user-id: the RAM user's ID, or the account's for its own key. */
  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  /** EnsCallerIdentity:arn: e.g. "acs:ram::<account>:user/<name>". */
  properties[PROP_ARN] = g_param_spec_string ("arn", NULL, NULL, NULL, flags);
  /** EnsCallerIdentity:identity-type: "Account", "RAMUser" or "AssumedRoleUser". */
  properties[PROP_IDENTITY_TYPE] = g_param_spec_string ("identity-type", NULL, NULL, NULL, flags);
  /** EnsCallerIdentity:principal-id: the principal's ID. */
  properties[PROP_PRINCIPAL_ID] = g_param_spec_string ("principal-id", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_caller_identity_init (EnsCallerIdentity *self)
{
}

/**
 * ens_caller_identity_new:
 * @account_id: the account ID (digits)
 * @user_id: (nullable): UserId
 * @arn: (nullable): Arn
 * @identity_type: (nullable): IdentityType
 * @principal_id: (nullable): PrincipalId
 *
 * Returns: (transfer full): a new identity
 */
EnsCallerIdentity *
ens_caller_identity_new (const char *account_id,
                         const char *user_id,
                         const char *arn,
                         const char *identity_type,
                         const char *principal_id)
{
  g_return_val_if_fail (account_id != NULL, NULL);

  return g_object_new (ENS_TYPE_CALLER_IDENTITY,
                       "account-id", account_id,
                       "user-id", user_id,
                       "arn", arn,
                       "identity-type", identity_type,
                       "principal-id", principal_id,
                       NULL);
}

static gboolean
is_account_id (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len == 0 || len > ENS_MAX_ACCOUNT_ID_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* A text member: dropped when longer than @max_chars, made safe to show. */
static char *
safe_member (JsonObject *object,
             const char *name,
             guint       max_chars)
{
  g_autofree char *text = ens_json_get_text (object, name);

  if (text == NULL || !ens_text_fits (text, max_chars))
    return NULL;

  return ens_text_sanitize (text, -1);
}

/**
 * ens_caller_identity_parse:
 *
 * Reads a GetCallerIdentity answer.  AccountId must be 1–32 digits (a
 * string or a whole number); the other members are optional, limited in
 * length and made safe to show.  Anything else is
 * %ENS_ERROR_INVALID_RESPONSE.
 *
 * Returns: (transfer full) (nullable): the identity
 */
EnsCallerIdentity *
ens_caller_identity_parse (guint         http_status,
                           const char   *content_type,
                           GBytes       *body,
                           GError      **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *arn = NULL;
  g_autofree char *identity_type = NULL;
  g_autofree char *principal_id = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = ens_response_parse_object (http_status, content_type, body, error);
  if (object == NULL)
    return NULL;

  account_id = ens_json_get_text (object, "AccountId");
  if (!is_account_id (account_id))
    {
      g_debug ("GetCallerIdentity answer without a usable AccountId");
      g_propagate_error (error,
                         ens_error_new_http (http_status, ENS_ERROR_INVALID_RESPONSE,
                                             _("The answer does not say which account the AccessKey belongs to (no AccountId of 1 to 32 digits).")));
      return NULL;
    }

  user_id = safe_member (object, "UserId", ENS_MAX_PRINCIPAL_CHARS);
  arn = safe_member (object, "Arn", ENS_MAX_ARN_CHARS);
  identity_type = safe_member (object, "IdentityType", ENS_MAX_IDENTITY_TYPE_CHARS);
  principal_id = safe_member (object, "PrincipalId", ENS_MAX_PRINCIPAL_CHARS);

  return ens_caller_identity_new (account_id, user_id, arn, identity_type, principal_id);
}

const char *
ens_caller_identity_get_account_id (EnsCallerIdentity *self)
{
  g_return_val_if_fail (ENS_IS_CALLER_IDENTITY (self), NULL);
  return self->account_id;
}

const char *
ens_caller_identity_get_user_id (EnsCallerIdentity *self)
{
  g_return_val_if_fail (ENS_IS_CALLER_IDENTITY (self), NULL);
  return self->user_id;
}

const char *
ens_caller_identity_get_arn (EnsCallerIdentity *self)
{
  g_return_val_if_fail (ENS_IS_CALLER_IDENTITY (self), NULL);
  return self->arn;
}

const char *
ens_caller_identity_get_identity_type (EnsCallerIdentity *self)
{
  g_return_val_if_fail (ENS_IS_CALLER_IDENTITY (self), NULL);
  return self->identity_type;
}

const char *
ens_caller_identity_get_principal_id (EnsCallerIdentity *self)
{
  g_return_val_if_fail (ENS_IS_CALLER_IDENTITY (self), NULL);
  return self->principal_id;
}

/**
 * ens_caller_identity_dup_user_name:
 *
 * The RAM user (or role/session) named by the ARN: what follows "user/"
 * or "assumed-role/" in "acs:ram::<account>:user/<name>".
 *
 * Returns: (transfer full) (nullable): the name, or %NULL for the
 *   account's own key or an ARN of another shape
 */
char *
ens_caller_identity_dup_user_name (EnsCallerIdentity *self)
{
  const char *resource;

  g_return_val_if_fail (ENS_IS_CALLER_IDENTITY (self), NULL);

  if (self->arn == NULL || !g_str_has_prefix (self->arn, "acs:ram::"))
    return NULL;

  resource = strchr (self->arn + strlen ("acs:ram::"), ':');
  if (resource == NULL)
    return NULL;
  resource++;

  if (g_str_has_prefix (resource, "user/") && resource[5] != '\0')
    return g_strdup (resource + 5);
  if (g_str_has_prefix (resource, "assumed-role/") && resource[13] != '\0')
    return g_strdup (resource + 13);

  return NULL;
}
