/* fuzz-encode.c
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

/* libFuzzer harness: percent-encoding round-trips through the decoder, and
 * its output only ever holds unreserved characters and %XX escapes. */

#include "config.h"

#include <string.h>

#include "ens-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *encoded = ens_percent_encode (text);
  g_autofree char *decoded = NULL;
  g_autofree char *raw_decoded = NULL;
  gsize length = 0;

  for (const char *p = encoded; *p; p++)
    g_assert (g_ascii_isalnum (*p) || strchr ("-_.~%", *p) != NULL);

  decoded = ens_percent_decode (encoded, &length);
  g_assert_nonnull (decoded);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpstr (decoded, ==, text);

  /* Decoding arbitrary input may fail, but never crashes. */
  raw_decoded = ens_percent_decode (text, NULL);
  (void) raw_decoded;

  return 0;
}
