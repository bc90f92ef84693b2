/* ens-emulator-auth.c
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

#include <stdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "ens-core-types.h"
#include "ens-signer.h"

#include "ens-emulator-private.h"

#define V3_SCHEME      "ACS3-HMAC-SHA256"
#define MAX_CLOCK_SKEW (15 * 60)

/* Compares without stopping at the first difference, so the time taken
 * does not tell how much of a guessed signature was right. */
static gboolean
signatures_equal (const char *a,
                  const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guchar diff = len_a != len_b;

  for (gsize i = 0; i < len_a; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i < len_b ? i : 0];

  return diff == 0;
}

static GDateTime *
emulator_now (EnsEmulator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_seconds (now, (double) self->clock_offset);
}

/* Strict yyyy-MM-ddTHH:mm:ssZ, as the gateway wants it. */
static GDateTime *
parse_timestamp (const char *str)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day, hour, minute, second;

  if (str == NULL || strlen (str) != strlen (pattern))
    return NULL;

  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (str[i]) : str[i] != pattern[i])
        return NULL;
    }

  if (sscanf (str, "%4d-%2d-%2dT%2d:%2d:%2dZ",
              &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;

  if (hour > 23 || minute > 59 || second > 59)
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static gboolean
check_timestamp (EnsEmulator *self,
                 Call        *call,
                 const char  *value,
                 const char  *name)
{
  g_autoptr(GDateTime) timestamp = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan skew;

  if (value == NULL)
    {
      _emu_call_missing (call, name);
      return FALSE;
    }

  timestamp = parse_timestamp (value);
  if (timestamp == NULL)
    {
      _emu_call_error (call, 400, "InvalidTimeStamp.Format",
                       "Specified time stamp or date value is not well formatted.");
      return FALSE;
    }

  now = emulator_now (self);
  skew = g_date_time_difference (now, timestamp) / G_TIME_SPAN_SECOND;
  if (skew > MAX_CLOCK_SKEW || skew < -MAX_CLOCK_SKEW)
    {
      _emu_call_error (call, 400, "InvalidTimeStamp.Expired",
                       "Specified time stamp or date value is expired.");
      return FALSE;
    }

  return TRUE;
}

/* The ENS actions are served at version 2017-11-10; STS GetCallerIdentity
 * at 2015-04-01 (on the same host here: the client sends it to the same
 * host when the endpoint is a custom one). */
static gboolean
check_version_and_action (Call *call)
{
  gboolean sts = g_strcmp0 (call->action, "GetCallerIdentity") == 0;

  if (g_strcmp0 (call->version, sts ? ENS_STS_API_VERSION : ENS_API_VERSION) != 0)
    {
      _emu_call_error (call, 400, "InvalidVersion", "Specified parameter Version is not valid.");
      return FALSE;
    }

  if (call->action == NULL || *call->action == '\0')
    {
      _emu_call_missing (call, "Action");
      return FALSE;
    }

  if (!sts &&
      strcmp (call->action, "ModifyImageSharePermission") != 0 &&
      strcmp (call->action, "DescribeImageSharePermission") != 0 &&
      strcmp (call->action, "DescribeSelfImages") != 0 &&
      strcmp (call->action, "DescribeImages") != 0)
    {
      _emu_call_error (call, 404, "InvalidAction.NotFound",
                       "Specified api is not found, please check your url and method.");
      return FALSE;
    }

  return TRUE;
}

static EmuKey *
lookup_key (EnsEmulator *self,
            Call        *call)
{
  EmuKey *key = NULL;

  if (call->access_key_id == NULL || *call->access_key_id == '\0')
    {
      _emu_call_error (call, 400, "MissingAccessKeyId",
                       "AccessKeyId is mandatory for this action.");
      return NULL;
    }

  key = g_hash_table_lookup (self->keys, call->access_key_id);
  if (key == NULL)
    _emu_call_error (call, 404, "InvalidAccessKeyId.NotFound",
                     "Specified access key is not found.");

  return key;
}

static gboolean
check_security_token (Call       *call,
                      EmuKey     *key,
                      const char *token)
{
  if (key->security_token == NULL)
    return TRUE;

  if (token == NULL || *token == '\0')
    {
      _emu_call_error (call, 400, "MissingSecurityToken",
                       "SecurityToken is mandatory for this action.");
      return FALSE;
    }

  if (strcmp (token, key->security_token) != 0)
    {
      _emu_call_error (call, 400, "InvalidSecurityToken.MismatchWithAccessKey",
                       "Specified SecurityToken mismatch with the AccessKey.");
      return FALSE;
    }

  if (key->expired)
    {
      _emu_call_error (call, 400, "InvalidSecurityToken.Expired",
                       "Specified SecurityToken is expired.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_nonce (Call       *call,
             EmuKey     *key,
             const char *nonce)
{
  if (g_hash_table_contains (key->nonces, nonce))
    {
      _emu_call_error (call, 400, "SignatureNonceUsed",
                       "Specified signature nonce was used already.");
      return FALSE;
    }

  g_hash_table_add (key->nonces, g_strdup (nonce));

  return TRUE;
}

EmuKey *
_emu_authenticate_v1 (EnsEmulator *self,
                      Call        *call)
{
  g_autoptr(GHashTable) signed_params = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *expected = NULL;
  const char *signature = _emu_get_param (call, "Signature");
  const char *method = _emu_get_param (call, "SignatureMethod");
  const char *sig_version = _emu_get_param (call, "SignatureVersion");
  const char *nonce = _emu_get_param (call, "SignatureNonce");
  EmuKey *key;

  if (!check_version_and_action (call))
    return NULL;

  if (signature == NULL)
    {
      _emu_call_incomplete_signature (call, "The Signature parameter is missing.");
      return NULL;
    }
  if (g_strcmp0 (method, "HMAC-SHA1") != 0)
    {
      _emu_call_incomplete_signature (call, "SignatureMethod must be HMAC-SHA1.");
      return NULL;
    }
  if (g_strcmp0 (sig_version, "1.0") != 0)
    {
      _emu_call_incomplete_signature (call, "SignatureVersion must be 1.0.");
      return NULL;
    }
  if (nonce == NULL)
    {
      _emu_call_incomplete_signature (call, "The SignatureNonce parameter is missing.");
      return NULL;
    }

  key = lookup_key (self, call);
  if (key == NULL)
    return NULL;

  if (!check_security_token (call, key, _emu_get_param (call, "SecurityToken")))
    return NULL;

  if (!check_timestamp (self, call, _emu_get_param (call, "Timestamp"), "Timestamp"))
    return NULL;

  signed_params = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer name, value;

    g_hash_table_iter_init (&iter, call->params);
    while (g_hash_table_iter_next (&iter, &name, &value))
      if (strcmp (name, "Signature") != 0)
        g_hash_table_insert (signed_params, name, value);
  }

  string_to_sign = ens_signer_v1_string_to_sign (call->method, signed_params);
  expected = ens_signer_v1_signature (key->secret, string_to_sign);
  if (!signatures_equal (expected, signature))
    {
      g_autofree char *message = NULL;

      message = g_strconcat ("Specified signature is not matched with our calculation. "
                             "server string to sign is:", string_to_sign, NULL);
      _emu_call_error (call, 400, "SignatureDoesNotMatch", message);
      return NULL;
    }

  if (!check_nonce (call, key, nonce))
    return NULL;

  return key;
}

static gboolean
header_listed (char       **list,
               const char  *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;

  return FALSE;
}

EmuKey *
_emu_authenticate_v3 (EnsEmulator        *self,
                      SoupMessageHeaders *headers,
                      Call               *call)
{
  static const char * const required[] = {
    "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
    "x-acs-signature-nonce", "x-acs-version",
  };
  g_autoptr(SoupMessageHeaders) signed_headers = NULL;
  g_auto(GStrv) listed = NULL;
  g_autofree char *body_hash = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *expected = NULL;
  const char *claimed_hash;
  const char *nonce;
  const guint8 *body_data;
  gsize body_size;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  EmuKey *key;

  if (g_strcmp0 (call->v3_scheme, V3_SCHEME) != 0)
    {
      _emu_call_incomplete_signature (call, "The Authorization scheme must be ACS3-HMAC-SHA256.");
      return NULL;
    }
  if (call->access_key_id == NULL || call->v3_signed_headers == NULL ||
      call->v3_signature == NULL)
    {
      _emu_call_incomplete_signature (call, "The Authorization header needs Credential, "
                                      "SignedHeaders and Signature.");
      return NULL;
    }

  if (!check_version_and_action (call))
    return NULL;

  listed = g_strsplit (call->v3_signed_headers, ";", -1);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!header_listed (listed, required[i]) ||
          soup_message_headers_get_one (headers, required[i]) == NULL)
        {
          g_autofree char *detail = g_strdup_printf ("The header %s must be sent and signed.",
                                                     required[i]);

          _emu_call_incomplete_signature (call, detail);
          return NULL;
        }
    }
  if (soup_message_headers_get_one (headers, "x-acs-security-token") != NULL &&
      !header_listed (listed, "x-acs-security-token"))
    {
      _emu_call_incomplete_signature (call, "The header x-acs-security-token must be signed.");
      return NULL;
    }

  key = lookup_key (self, call);
  if (key == NULL)
    return NULL;

  if (!check_security_token (call, key,
                             soup_message_headers_get_one (headers, "x-acs-security-token")))
    return NULL;

  if (!check_timestamp (self, call, soup_message_headers_get_one (headers, "x-acs-date"),
                        "x-acs-date"))
    return NULL;

  /* Recompute with the headers the client says it signed and the hash of
   * the body that really arrived: a wrong x-acs-content-sha256 therefore
   * shows up as a signature mismatch. */
  signed_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (header_listed (listed, name))
      soup_message_headers_append (signed_headers, name, value);

  body_data = g_bytes_get_data (call->body, &body_size);
  body_hash = ens_signer_sha256_hex (body_data, body_size);
  claimed_hash = soup_message_headers_get_one (headers, "x-acs-content-sha256");

  canonical = ens_signer_v3_canonical_request (call->method, "/", call->query,
                                               signed_headers, body_hash, NULL);
  string_to_sign = ens_signer_v3_string_to_sign (canonical);
  expected = ens_signer_v3_signature (key->secret, string_to_sign);

  if (g_ascii_strcasecmp (claimed_hash, body_hash) != 0 ||
      !signatures_equal (expected, call->v3_signature))
    {
      g_autofree char *message = NULL;
      char *newline = strchr (string_to_sign, '\n');

      if (newline != NULL)
        *newline = ' ';
      message = g_strdup_printf ("Specified signature does not match our calculation. "
                                 "server StringToSign is [%s]", string_to_sign);
      _emu_call_error (call, 400, "SignatureDoesNotMatch", message);
      return NULL;
    }

  nonce = soup_message_headers_get_one (headers, "x-acs-signature-nonce");
  if (!check_nonce (call, key, nonce))
    return NULL;

  return key;
}
