/* ens-credential-store-environment.c
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

#include <glib/gi18n-lib.h>

#include "ens-credential-store.h"
#include "ens-credential-store-private.h"
#include "ens-credentials.h"
#include "ens-error.h"
#include "ens-input.h"

#define ENV_ACCESS_KEY_ID     "ALIBABA_CLOUD_ACCESS_KEY_ID"
#define ENV_ACCESS_KEY_SECRET "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
#define ENV_SECURITY_TOKEN    "ALIBABA_CLOUD_SECURITY_TOKEN"

/* Unset and empty are the same: `VAR= command` is how a shell clears one. */
static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* Cleans one variable with @clean, naming the variable (never its value)
 * in the error. */
static char *
clean_variable (const char  *name,
                const char  *value,
                char      *(*clean) (const char *, GError **),
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *cleaned;

  cleaned = clean (value, &local_error);
  if (cleaned == NULL)
    {
      /* Translators: the first %s is an environment variable name, the
       * second says what is wrong with its value. */
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("The environment variable %s cannot be used. %s"),
                   name, local_error->message);
      return NULL;
    }

  return cleaned;
}

/* ens_credentials_from_environment(), also saying whether a failure is
 * only that some of the variables are set (@partial). */
static gboolean
read_environment (EnsCredentials **out,
                  gboolean        *partial,
                  GError         **error)
{
  const char *id_value = getenv_nonempty (ENV_ACCESS_KEY_ID);
  const char *secret_value = getenv_nonempty (ENV_ACCESS_KEY_SECRET);
  const char *token_value = getenv_nonempty (ENV_SECURITY_TOKEN);
  g_autofree char *access_key_id = NULL;
  char *access_key_secret = NULL;
  char *security_token = NULL;

  *out = NULL;
  *partial = FALSE;

  if (id_value == NULL && secret_value == NULL && token_value == NULL)
    return FALSE;

  if (id_value == NULL || secret_value == NULL)
    {
      *partial = TRUE;
      if (id_value == NULL && secret_value == NULL)
        g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                     _("%s is set, but %s and %s are not. Set all three for a temporary AccessKey, or unset %s."),
                     ENV_SECURITY_TOKEN, ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET,
                     ENV_SECURITY_TOKEN);
      else
        g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                     _("Set both %s and %s, or neither."),
                     ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET);
      return FALSE;
    }

  access_key_id = clean_variable (ENV_ACCESS_KEY_ID, id_value,
                                  ens_access_key_id_clean, error);
  if (access_key_id == NULL)
    return FALSE;

  access_key_secret = clean_variable (ENV_ACCESS_KEY_SECRET, secret_value,
                                      ens_access_key_secret_clean, error);
  if (access_key_secret == NULL)
    return FALSE;

  if (token_value != NULL)
    {
      security_token = clean_variable (ENV_SECURITY_TOKEN, token_value,
                                       ens_security_token_clean, error);
      if (security_token == NULL)
        {
          _ens_credential_store_wipe_and_free (access_key_secret);
          return FALSE;
        }
    }

  *out = ens_credentials_new (access_key_id, access_key_secret, security_token);
  _ens_credential_store_wipe_and_free (access_key_secret);
  _ens_credential_store_wipe_and_free (security_token);

  return TRUE;
}

/**
 * ens_credentials_from_environment:
 * @out: (out) (transfer full) (nullable): the credentials found
 * @error: the reason when a variable is set but cannot be used
 *
 * Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
 * (optional) `ALIBABA_CLOUD_SECURITY_TOKEN`, as the Alibaba Cloud SDKs and
 * the aliyun CLI do.  A variable set to the empty string counts as unset.
 * The values are cleaned and checked as typed input is
 * (ens_access_key_id_clean() and its siblings).
 *
 * - None of them is set: %FALSE, @out %NULL, no error.
 * - Only some are set (an ID without a secret, a secret without an ID, a
 *   token without both), or a value is not valid: %FALSE, @out %NULL and
 *   %ENS_ERROR_INVALID_INPUT with a translated message that names the
 *   variable but never shows its value.
 * - Otherwise %TRUE, with the cleaned credentials in @out.
 *
 * Returns: %TRUE when @out holds credentials
 */
gboolean
ens_credentials_from_environment (EnsCredentials **out,
                                  GError         **error)
{
  gboolean partial;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return read_environment (out, &partial, error);
}

/**
 * ens_credentials_new_from_environment:
 *
 * The lenient form of ens_credentials_from_environment(): variables that
 * are set only in part are ignored, and values that are not valid are
 * ignored with a warning.
 *
 * Returns: (transfer full) (nullable): the cleaned credentials, or %NULL
 *   when there are none or they cannot be used
 */
EnsCredentials *
ens_credentials_new_from_environment (void)
{
  g_autoptr(GError) error = NULL;
  EnsCredentials *credentials = NULL;
  gboolean partial;

  /* As before the strict reader existed: a value that is not valid is
   * worth a warning; variables set only in part are as good as unset. */
  if (!read_environment (&credentials, &partial, &error) && error != NULL)
    {
      if (partial)
        g_debug ("Ignoring the AccessKey in the environment: %s", error->message);
      else
        g_warning ("Ignoring the AccessKey in the environment: %s", error->message);
    }

  return credentials;
}
