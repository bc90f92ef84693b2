/* ens-signer.c
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

#include "ens-encode.h"
#include "ens-signer.h"

#define V3_ALGORITHM "ACS3-HMAC-SHA256"

/* Overwrites key material before it is freed.  The volatile pointer keeps
 * the compiler from dropping the stores as dead. */
static void
wipe_and_free (char *str)
{
  volatile char *p = str;

  if (str == NULL)
    return;

  while (*p != '\0')
    *p++ = '\0';

  g_free (str);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * ens_signer_canonical_query:
 * @params: (nullable) (element-type utf8 utf8): parameter names to values
 *
 * Sorts the parameters by name in plain byte order and joins them as
 * `enc(name)=enc(value)` with `&`.  Empty values are kept (`Name=`).
 * This is both the V1 CanonicalizedQueryString and the V3 CanonicalQuery,
 * and also the wire form of a query or a form body.
 *
 * Returns: (transfer full): the canonical query, empty for no parameters
 */
char *
ens_signer_canonical_query (GHashTable *params)
{
  g_autofree const char **names = NULL;
  GString *out;
  guint n_names = 0;

  if (params == NULL || g_hash_table_size (params) == 0)
    return g_strdup ("");

  names = (const char **) g_hash_table_get_keys_as_array (params, &n_names);
  qsort (names, n_names, sizeof (char *), compare_strings);

  out = g_string_new (NULL);
  for (guint i = 0; i < n_names; i++)
    {
      const char *value = g_hash_table_lookup (params, names[i]);
      g_autofree char *enc_name = ens_percent_encode (names[i]);
      g_autofree char *enc_value = ens_percent_encode (value != NULL ? value : "");

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, enc_name);
      g_string_append_c (out, '=');
      g_string_append (out, enc_value);
    }

  return g_string_free (out, FALSE);
}

/**
 * ens_signer_v1_string_to_sign:
 * @method: the HTTP method, e.g. "GET" (used as given)
 * @params: (element-type utf8 utf8): every parameter sent, without Signature
 *
 * Returns: (transfer full): `METHOD&%2F&enc(CanonicalizedQueryString)`
 */
char *
ens_signer_v1_string_to_sign (const char *method,
                              GHashTable *params)
{
  g_autofree char *canonical = NULL;
  g_autofree char *enc_canonical = NULL;
  g_autofree char *enc_path = NULL;

  g_return_val_if_fail (method != NULL, NULL);

  canonical = ens_signer_canonical_query (params);
  enc_canonical = ens_percent_encode (canonical);
  enc_path = ens_percent_encode ("/");

  return g_strconcat (method, "&", enc_path, "&", enc_canonical, NULL);
}

/**
 * ens_signer_hmac_sha1_base64:
 * @key: the HMAC key, used exactly as given
 * @data: the message
 *
 * Returns: (transfer full): Base64 of HMAC-SHA1 (@key, @data)
 */
char *
ens_signer_hmac_sha1_base64 (const char *key,
                             const char *data)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  char *result;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) key, strlen (key));
  g_hmac_update (hmac, (const guchar *) data, strlen (data));
  g_hmac_get_digest (hmac, digest, &digest_len);

  result = g_base64_encode (digest, digest_len);
  memset (digest, 0, sizeof digest);

  return result;
}

/**
 * ens_signer_v1_signature:
 * @access_key_secret: the AccessKey secret (without the trailing "&")
 * @string_to_sign: from ens_signer_v1_string_to_sign()
 *
 * Returns: (transfer full): Base64 (HMAC-SHA1 (secret + "&", string_to_sign)),
 *   not yet percent-encoded
 */
char *
ens_signer_v1_signature (const char *access_key_secret,
                         const char *string_to_sign)
{
  char *key;
  char *signature;

  g_return_val_if_fail (access_key_secret != NULL, NULL);
  g_return_val_if_fail (string_to_sign != NULL, NULL);

  key = g_strconcat (access_key_secret, "&", NULL);
  signature = ens_signer_hmac_sha1_base64 (key, string_to_sign);
  wipe_and_free (key);

  return signature;
}

/**
 * ens_signer_sha256_hex:
 * @data: (array length=length) (nullable): the bytes
 * @length: how many bytes
 *
 * Returns: (transfer full): lowercase hex SHA-256 of @data
 */
char *
ens_signer_sha256_hex (const guint8 *data,
                       gsize         length)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (length > 0)
    g_checksum_update (checksum, data, length);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
is_signed_header (const char *lower_name)
{
  return g_str_has_prefix (lower_name, "x-acs-") ||
         strcmp (lower_name, "host") == 0 ||
         strcmp (lower_name, "content-type") == 0;
}

/**
 * ens_signer_v3_canonical_request:
 * @method: the HTTP method, upper case (used as given)
 * @path: the CanonicalURI, "/" for RPC APIs
 * @query: (nullable) (element-type utf8 utf8): the query parameters
 * @headers: (nullable): the request headers; only `x-acs-*`, `host` and
 *   `content-type` are signed
 * @payload_hash: lowercase hex SHA-256 of the body
 * @signed_headers: (out) (optional) (transfer full): the SignedHeaders list
 *
 * Header names are compared case-insensitively and lowercased; values are
 * trimmed.  A name given more than once is signed once, with its values
 * sorted and joined by ",".
 *
 * Returns: (transfer full): the CanonicalRequest
 */
char *
ens_signer_v3_canonical_request (const char          *method,
                                 const char          *path,
                                 GHashTable          *query,
                                 SoupMessageHeaders  *headers,
                                 const char          *payload_hash,
                                 char               **signed_headers)
{
  g_autoptr(GHashTable) folded = NULL;
  g_autofree const char **names = NULL;
  g_autofree char *canonical_query = NULL;
  GString *canonical_headers;
  GString *signed_list;
  GString *out;
  guint n_names = 0;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (payload_hash != NULL, NULL);

  /* lowercase name → GPtrArray of trimmed values */
  folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);

  if (headers != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name;
      const char *value;

      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        {
          g_autofree char *lower = g_ascii_strdown (name, -1);
          GPtrArray *values;

          if (!is_signed_header (lower))
            continue;

          values = g_hash_table_lookup (folded, lower);
          if (values == NULL)
            {
              values = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (folded, g_strdup (lower), values);
            }
          g_ptr_array_add (values, g_strstrip (g_strdup (value)));
        }
    }

  names = (const char **) g_hash_table_get_keys_as_array (folded, &n_names);
  qsort (names, n_names, sizeof (char *), compare_strings);

  canonical_headers = g_string_new (NULL);
  signed_list = g_string_new (NULL);
  for (guint i = 0; i < n_names; i++)
    {
      GPtrArray *values = g_hash_table_lookup (folded, names[i]);

      g_ptr_array_sort (values, compare_strings);

      g_string_append (canonical_headers, names[i]);
      g_string_append_c (canonical_headers, ':');
      for (guint j = 0; j < values->len; j++)
        {
          if (j > 0)
            g_string_append_c (canonical_headers, ',');
          g_string_append (canonical_headers, g_ptr_array_index (values, j));
        }
      g_string_append_c (canonical_headers, '\n');

      if (i > 0)
        g_string_append_c (signed_list, ';');
      g_string_append (signed_list, names[i]);
    }

  canonical_query = ens_signer_canonical_query (query);

  out = g_string_new (method);
  g_string_append_c (out, '\n');
  g_string_append (out, path);
  g_string_append_c (out, '\n');
  g_string_append (out, canonical_query);
  g_string_append_c (out, '\n');
  g_string_append (out, canonical_headers->str);
  g_string_append_c (out, '\n');
  g_string_append (out, signed_list->str);
  g_string_append_c (out, '\n');
  g_string_append (out, payload_hash);

  g_string_free (canonical_headers, TRUE);

  if (signed_headers != NULL)
    *signed_headers = g_string_free (signed_list, FALSE);
  else
    g_string_free (signed_list, TRUE);

  return g_string_free (out, FALSE);
}

/**
 * ens_signer_v3_string_to_sign:
 * @canonical_request: from ens_signer_v3_canonical_request()
 *
 * Returns: (transfer full): "ACS3-HMAC-SHA256\n" + hex (SHA-256 (@canonical_request))
 */
char *
ens_signer_v3_string_to_sign (const char *canonical_request)
{
  g_autofree char *hashed = NULL;

  g_return_val_if_fail (canonical_request != NULL, NULL);

  hashed = ens_signer_sha256_hex ((const guint8 *) canonical_request,
                                  strlen (canonical_request));

  return g_strconcat (V3_ALGORITHM, "\n", hashed, NULL);
}

/**
 * ens_signer_v3_signature:
 * @access_key_secret: the AccessKey secret (no "&" is added under V3)
 * @string_to_sign: from ens_signer_v3_string_to_sign()
 *
 * Returns: (transfer full): lowercase hex HMAC-SHA256 (secret, string_to_sign)
 */
char *
ens_signer_v3_signature (const char *access_key_secret,
                         const char *string_to_sign)
{
  g_autoptr(GHmac) hmac = NULL;

  g_return_val_if_fail (access_key_secret != NULL, NULL);
  g_return_val_if_fail (string_to_sign != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256,
                     (const guchar *) access_key_secret,
                     strlen (access_key_secret));
  g_hmac_update (hmac, (const guchar *) string_to_sign, strlen (string_to_sign));

  return g_strdup (g_hmac_get_string (hmac));
}

/**
 * ens_signer_v3_authorization:
 *
 * Returns: (transfer full): the value of the Authorization header
 */
char *
ens_signer_v3_authorization (const char *access_key_id,
                             const char *signed_headers,
                             const char *signature)
{
  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (signed_headers != NULL, NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  return g_strdup_printf (V3_ALGORITHM " Credential=%s,SignedHeaders=%s,Signature=%s",
                          access_key_id, signed_headers, signature);
}

/**
 * ens_signer_format_timestamp:
 * @time: any time; it is converted to UTC
 *
 * Returns: (transfer full): `yyyy-MM-ddTHH:mm:ssZ`
 */
char *
ens_signer_format_timestamp (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * ens_signer_new_nonce:
 *
 * Returns: (transfer full): 32 random lowercase hex digits
 */
char *
ens_signer_new_nonce (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *out = g_string_sized_new (32);

  for (const char *p = uuid; *p != '\0'; p++)
    {
      if (*p != '-')
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}
