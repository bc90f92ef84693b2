/* fuzz-input.c
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

/* libFuzzer harness: the account-list and image-ID parsers take any bytes
 * people could paste.  Every valid account is digits only, no duplicates. */

#include "config.h"

#include <string.h>

#include "ens-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(EnsAccountList) list = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *image_id = NULL;

  list = ens_account_list_parse (text);
  g_assert (list != NULL);
  for (guint i = 0; i < list->accounts->len; i++)
    {
      const char *account = g_ptr_array_index (list->accounts, i);

      g_assert (account[0] != '\0');
      for (const char *p = account; *p; p++)
        g_assert (g_ascii_isdigit (*p));
      g_assert (g_hash_table_add (seen, (gpointer) account));
    }
  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);
      g_assert (issue->message != NULL && g_utf8_validate (issue->message, -1, NULL));
    }

  image_id = ens_image_id_parse (text, &error);
  g_assert ((image_id != NULL) != (error != NULL));
  if (image_id != NULL)
    g_assert (strlen (image_id) >= 1 && strlen (image_id) <= 128);

  return 0;
}
