/* ens-history-format.c
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

#include "ens-history-private.h"

/*
 * The history's rows as text: CSV cells (RFC 4180, formulas escaped) and
 * lines, and JSON objects, for --history --json and for export.
 */

/* Formats {{{ */

/**
 * ens_history_csv_cell:
 * @value: (nullable): a cell
 *
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, quotes doubled.  A cell that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, so that it is shown as text.
 *
 * Returns: (transfer full): the cell
 */
char *
ens_history_csv_cell (const char *value)
{
  GString *cell;
  gboolean quote;

  if (value == NULL)
    return g_strdup ("");

  cell = g_string_new (NULL);
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (cell, '\'');
  g_string_append (cell, value);

  quote = strpbrk (cell->str, ",\"\r\n") != NULL;
  if (quote)
    {
      for (gsize i = 0; i < cell->len; i++)
        if (cell->str[i] == '"')
          g_string_insert_c (cell, i++, '"');
      g_string_prepend_c (cell, '"');
      g_string_append_c (cell, '"');
    }

  return g_string_free (cell, FALSE);
}

const char *
ens_history_csv_header (void)
{
  return "time,operation,origin,profile,access_key_id,caller_account_id,caller_user,"
         "image_id,image_name,account_id,recipient_name,change,"
         "state,updated,request_id,error_code,tries\r\n";
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("");

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static void
append_csv (GString    *out,
            const char *value,
            gboolean    last)
{
  g_autofree char *cell = ens_history_csv_cell (value);

  g_string_append (out, cell);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_json_string (GString    *out,
                    const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/**
 * ens_history_format_row:
 *
 * Appends @row as one CSV line (ens_history_csv_header() names the
 * columns) or one JSON object (without separators).  Times are ISO 8601,
 * UTC.  Values that are not valid UTF-8 are made valid.
 */
void
ens_history_format_row (GString             *out,
                        const EnsHistoryRow *row,
                        EnsHistoryFormat     format)
{
  g_autofree char *time = format_time (row->started_at);
  g_autofree char *updated = format_time (row->updated_at);
  g_autofree char *operation = g_strdup_printf ("%" G_GINT64_FORMAT, row->operation_id);
  g_autofree char *tries = g_strdup_printf ("%u", row->tries);
  const char *change = row->change == ENS_SHARE_CHANGE_ADD ? "add" : "remove";
  const char *values[] = {
    time, operation, row->origin, row->profile, row->access_key_id, row->caller_account_id,
    row->caller_user, row->image_id, row->image_name, row->account_id, row->recipient_name,
    change, ens_history_state_to_string (row->state), updated, row->request_id, row->error_code,
  };
  static const char * const keys[] = {
    "time", "operation", "origin", "profile", "access_key_id", "caller_account_id",
    "caller_user", "image_id", "image_name", "account_id", "recipient_name",
    "change", "state", "updated", "request_id", "error_code",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && !g_utf8_validate (values[i], -1, NULL))
      values[i] = "\xef\xbf\xbd";

  if (format == ENS_HISTORY_FORMAT_CSV)
    {
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        append_csv (out, values[i], FALSE);
      append_csv (out, tries, TRUE);
      return;
    }

  g_string_append_c (out, '{');
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (i == 1)
        {
          g_string_append_printf (out, "\"operation\":%s,", operation);
          continue;
        }
      append_json_string (out, keys[i]);
      g_string_append_c (out, ':');
      append_json_string (out, values[i]);
      g_string_append_c (out, ',');
    }
  g_string_append_printf (out, "\"tries\":%u}", row->tries);
}

/* }}} */
