/* ens-credentials.c
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

#include "ens-credentials.h"

struct _EnsCredentials
{
  char *access_key_id;
  char *access_key_secret;
  char *security_token;
};

G_DEFINE_BOXED_TYPE (EnsCredentials, ens_credentials, ens_credentials_copy, ens_credentials_free)

/* Overwrites a secret before it goes back to the allocator.  The volatile
 * pointer keeps the compiler from dropping the stores as dead. */
static void
wipe_string (char *str)
{
  volatile char *p = str;

  if (str == NULL)
    return;

  while (*p != '\0')
    *p++ = '\0';
}

static void
free_secret_string (char *str)
{
  wipe_string (str);
  g_free (str);
}

/**
 * ens_credentials_new:
 * @access_key_id: the AccessKey ID
 * @access_key_secret: the AccessKey secret
 * @security_token: (nullable): an STS SecurityToken, or %NULL
 *
 * Returns: (transfer full): new credentials; the strings are copied as given
 */
EnsCredentials *
ens_credentials_new (const char *access_key_id,
                     const char *access_key_secret,
                     const char *security_token)
{
  EnsCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (access_key_secret != NULL, NULL);

  self = g_new0 (EnsCredentials, 1);
  self->access_key_id = g_strdup (access_key_id);
  self->access_key_secret = g_strdup (access_key_secret);
  if (security_token != NULL && security_token[0] != '\0')
    self->security_token = g_strdup (security_token);

  return self;
}

EnsCredentials *
ens_credentials_copy (const EnsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return ens_credentials_new (self->access_key_id,
                              self->access_key_secret,
                              self->security_token);
}

void
ens_credentials_free (EnsCredentials *self)
{
  if (self == NULL)
    return;

  g_free (self->access_key_id);
  free_secret_string (self->access_key_secret);
  free_secret_string (self->security_token);
  g_free (self);
}

const char *
ens_credentials_get_access_key_id (const EnsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->access_key_id;
}

const char *
ens_credentials_get_access_key_secret (const EnsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->access_key_secret;
}

const char *
ens_credentials_get_security_token (const EnsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->security_token;
}

/**
 * ens_credentials_dup_masked_id:
 *
 * Returns: the AccessKey ID shortened for display, "LTAI…1234"; IDs of
 * eight characters or fewer are shown whole
 */
char *
ens_credentials_dup_masked_id (const EnsCredentials *self)
{
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);

  len = strlen (self->access_key_id);
  if (len <= 8)
    return g_strdup (self->access_key_id);

  return g_strdup_printf ("%.4s…%s", self->access_key_id, self->access_key_id + len - 4);
}

gboolean
ens_credentials_equal (const EnsCredentials *a,
                       const EnsCredentials *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->access_key_id, b->access_key_id) == 0 &&
         g_strcmp0 (a->access_key_secret, b->access_key_secret) == 0 &&
         g_strcmp0 (a->security_token, b->security_token) == 0;
}
