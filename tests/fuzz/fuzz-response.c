/* fuzz-response.c
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

/* libFuzzer harness: the response parsers must turn any body, under any
 * status and content type, into a result or an error — never a crash. */

#include "config.h"

#include "ens-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const guint statuses[] = { 200, 400, 404, 500, 503 };
  static const char *types[] = { "application/json", "text/html", NULL, "text/xml" };
  g_autoptr(GBytes) body = NULL;
  guint status;
  const char *type;

  if (size < 1)
    return 0;

  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  type = types[(data[0] >> 4) % G_N_ELEMENTS (types)];
  body = g_bytes_new (data + 1, size - 1);

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *request_id = ens_response_parse_modify (status, type, body, &error);
    g_assert ((request_id != NULL) != (error != NULL));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EnsSharePage) page = ens_response_parse_share_page (status, type, body, &error);
    g_assert ((page != NULL) != (error != NULL));
    if (error != NULL)
      {
        g_autofree char *title = NULL, *explanation = NULL, *action = NULL;
        ens_error_describe (error, &title, &explanation, &action);
        g_assert (title != NULL && explanation != NULL && action != NULL);
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EnsImagePage) page = ens_response_parse_image_page (status, type, body, &error);
    g_assert ((page != NULL) != (error != NULL));
  }

  return 0;
}
