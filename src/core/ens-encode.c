/* ens-encode.c
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

/* The unreserved set of RFC 3986, which is also what Alibaba Cloud's
 * signing rules leave alone: A-Z a-z 0-9 - _ . ~ */
static inline gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

/**
 * ens_percent_encode:
 * @str: a UTF-8 string
 *
 * Percent-encodes @str byte by byte as the Alibaba Cloud signature rules
 * want it: everything but `A–Z a–z 0–9 - _ . ~` becomes `%XY` with
 * uppercase hex, so a space is `%20` (never `+`), `*` is `%2A` and `~`
 * stays as it is.
 *
 * Returns: (transfer full): the encoded string
 */
char *
ens_percent_encode (const char *str)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *out;

  g_return_val_if_fail (str != NULL, NULL);

  out = g_string_sized_new (strlen (str) * 3 / 2 + 1);

  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      if (is_unreserved (*p))
        {
          g_string_append_c (out, (char) *p);
        }
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0x0F]);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * ens_percent_decode:
 * @str: a percent-encoded string
 * @length: (out) (optional): where to store the number of decoded bytes
 *
 * Reverses ens_percent_encode().  Any `%XY` escape is decoded (upper or
 * lower case hex); every other byte is copied as it is, so `+` stays a
 * plus sign and does not turn into a space.
 *
 * Returns: (transfer full) (nullable): the decoded bytes, NUL-terminated,
 *   or %NULL if @str has a `%` that is not followed by two hex digits
 */
char *
ens_percent_decode (const char *str,
                    gsize      *length)
{
  GString *out;

  g_return_val_if_fail (str != NULL, NULL);

  out = g_string_sized_new (strlen (str) + 1);

  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }

      if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
        {
          g_string_free (out, TRUE);
          if (length != NULL)
            *length = 0;
          return NULL;
        }

      g_string_append_c (out, (char) ((g_ascii_xdigit_value (p[1]) << 4) |
                                      g_ascii_xdigit_value (p[2])));
      p += 2;
    }

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}
