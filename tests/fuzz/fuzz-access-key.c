/* fuzz-access-key.c
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

/* libFuzzer harness: the AccessKey input cleaner.  A cleaned value has no
 * surrounding white space, and cleaning is idempotent. */

#include "config.h"

#include <string.h>

#include "ens-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

typedef char *(*CleanFunc) (const char *text, GError **error);

static void
check (CleanFunc   clean,
       const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autofree char *cleaned = clean (text, &error);
  g_autofree char *again = NULL;

  g_assert ((cleaned != NULL) != (error != NULL));
  if (cleaned == NULL)
    return;

  g_assert (cleaned[0] != '\0');
  g_assert (!g_ascii_isspace (cleaned[0]));
  g_assert (!g_ascii_isspace (cleaned[strlen (cleaned) - 1]));
  again = clean (cleaned, &again_error);
  g_assert_no_error (again_error);
  g_assert_cmpstr (again, ==, cleaned);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  check (ens_access_key_id_clean, text);
  check (ens_access_key_secret_clean, text);
  check (ens_security_token_clean, text);

  return 0;
}
