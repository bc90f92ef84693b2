/* ens-recipients-csv.c
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

#include <glib/gi18n-lib.h>

#include "ens-history.h"
#include "ens-recipients-csv.h"
#include "ens-recipients-private.h"
#include "ens-text.h"

/*
 * Reading and writing the address book as CSV (see ens-recipients-csv.h).
 * The reader takes any bytes (it is fuzzed: tests/fuzz/fuzz-recipients-csv.c)
 * and reports every bad row with its line and a translated reason.
 */

typedef enum
{
  COLUMN_NAME,
  COLUMN_ACCOUNT_ID,
  COLUMN_GROUP,
  COLUMN_NOTE,
  N_COLUMNS
} Column;

/* One record of the file: its fields and the line it starts on. */
typedef struct
{
  guint       line;
  GPtrArray  *fields;   /* (char *) */
  gboolean    unterminated;
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

static void
row_free (gpointer data)
{
  EnsRecipientsCsvRow *row = data;

  g_free (row->name);
  g_free (row->account_id);
  g_free (row->group);
  g_free (row->note);
  g_free (row);
}

static void
issue_free (gpointer data)
{
  EnsRecipientsCsvIssue *issue = data;

  g_free (issue->message);
  g_free (issue);
}

void
ens_recipients_csv_free (EnsRecipientsCsv *csv)
{
  if (csv == NULL)
    return;

  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_clear_pointer (&csv->issues, g_ptr_array_unref);
  g_free (csv);
}

/* Splitting {{{ */

/* The separator the first row uses more, outside quotes; a comma on a tie. */
static char
detect_separator (const char *p,
                  const char *end)
{
  gboolean quoted = FALSE;
  guint commas = 0;
  guint semicolons = 0;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }

  return semicolons > commas ? ';' : ',';
}

/* RFC 4180 as spreadsheets write it, tolerant of what they get wrong: a
 * quote inside an unquoted field is kept, text after a closing quote is
 * kept, line ends are CRLF, LF or CR. */
static GPtrArray *
split_records (const char *p,
               const char *end,
               char        separator)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = NULL;
  guint line = 1;

  while (p < end)
    {
      gboolean at_end = FALSE;

      if (record == NULL)
        {
          record = g_new0 (Record, 1);
          record->line = line;
          record->fields = g_ptr_array_new_with_free_func (g_free);
        }

      g_string_truncate (field, 0);
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (p >= end)
                {
                  record->unterminated = TRUE;
                  break;
                }
              if (*p == '"' && p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              if (*p == '"')
                {
                  p++;
                  break;
                }
              if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
                line++;
              g_string_append_c (field, *p++);
            }
        }

      while (p < end && *p != separator && *p != '\n' && *p != '\r')
        g_string_append_c (field, *p++);

      g_ptr_array_add (record->fields, g_strndup (field->str, field->len));

      if (p >= end)
        at_end = TRUE;
      else if (*p == separator)
        {
          p++;
          if (p >= end)
            g_ptr_array_add (record->fields, g_strdup (""));
          at_end = p >= end;
        }
      else
        {
          p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
          line++;
          at_end = TRUE;
        }

      if (at_end)
        g_ptr_array_add (records, g_steal_pointer (&record));
    }

  if (record != NULL)
    g_ptr_array_add (records, record);

  return g_steal_pointer (&records);
}

/* }}} */

/* Reading {{{ */

static const char *
field (Record *record,
       int     index)
{
  if (index < 0 || (guint)index >= record->fields->len)
    return "";

  return g_ptr_array_index (record->fields, index);
}

static gboolean
record_is_empty (Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      const char *text = g_ptr_array_index (record->fields, i);

      for (; *text != '\0'; text++)
        if (!g_ascii_isspace (*text))
          return FALSE;
    }

  return TRUE;
}

/* A header names the columns (in English or Chinese, any case); without
 * one, they are name, account ID, group, note. */
static gboolean
read_header (Record *record,
             int     columns[N_COLUMNS])
{
  static const struct { const char *title; Column column; } titles[] = {
    { "name", COLUMN_NAME }, { "名称", COLUMN_NAME }, { "姓名", COLUMN_NAME },
    { "account id", COLUMN_ACCOUNT_ID }, { "account_id", COLUMN_ACCOUNT_ID },
    { "accountid", COLUMN_ACCOUNT_ID }, { "account", COLUMN_ACCOUNT_ID },
    { "id", COLUMN_ACCOUNT_ID }, { "账号 id", COLUMN_ACCOUNT_ID }, { "账号", COLUMN_ACCOUNT_ID },
    { "group", COLUMN_GROUP }, { "组", COLUMN_GROUP }, { "分组", COLUMN_GROUP },
    { "note", COLUMN_NOTE }, { "备注", COLUMN_NOTE },
  };
  gboolean any = FALSE;

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;

  for (guint i = 0; i < record->fields->len; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (g_ptr_array_index (record->fields, i)));
      g_autofree char *title = g_utf8_casefold (trimmed, -1);

      for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
        if (g_str_equal (title, titles[t].title) && columns[titles[t].column] < 0)
          {
            columns[titles[t].column] = i;
            any = TRUE;
          }
    }

  if (any && columns[COLUMN_NAME] >= 0 && columns[COLUMN_ACCOUNT_ID] >= 0)
    return TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = c;

  return FALSE;
}

/* What export escaped (ens_history_csv_cell()): “'=…” read back as “=…”. */
static char *
unescape (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  if (clean[0] == '\'' && clean[1] != '\0' && strchr ("=+-@\t\r", clean[1]) != NULL)
    return g_strdup (clean + 1);

  return g_steal_pointer (&clean);
}

static void
add_issue (EnsRecipientsCsv *csv,
           guint             line,
           char             *message)
{
  EnsRecipientsCsvIssue *issue = g_new0 (EnsRecipientsCsvIssue, 1);

  issue->line = line;
  issue->message = message;
  g_ptr_array_add (csv->issues, issue);
}

/* First seen: the line and the other value (the name key of an ID, the ID
 * of a name key). */
typedef struct
{
  guint  line;
  char  *other;
  char  *shown;
} Seen;

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->other);
  g_free (seen->shown);
  g_free (seen);
}

static Seen *
seen_new (guint       line,
          const char *other,
          const char *shown)
{
  Seen *seen = g_new0 (Seen, 1);

  seen->line = line;
  seen->other = g_strdup (other);
  seen->shown = ens_text_sanitize (shown, -1);

  return seen;
}

/* Checks one record against itself and the rows before it; NULL with an
 * issue when it is bad. */
static EnsRecipientsCsvRow *
read_row (EnsRecipientsCsv *csv,
          Record           *record,
          const int         columns[N_COLUMNS],
          GHashTable       *ids,
          GHashTable       *names,
          GHashTable       *pairs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = unescape (field (record, columns[COLUMN_NAME]));
  g_autofree char *account_id = unescape (field (record, columns[COLUMN_ACCOUNT_ID]));
  g_autofree char *group = unescape (field (record, columns[COLUMN_GROUP]));
  g_autofree char *note = unescape (field (record, columns[COLUMN_NOTE]));
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_id = NULL;
  g_autofree char *clean_group = NULL;
  g_autofree char *key = NULL;
  g_autofree char *pair = NULL;
  EnsRecipientsCsvRow *row;
  Seen *seen;

  if (record->unterminated)
    {
      add_issue (csv, record->line, g_strdup (_("A quoted field is not closed: the rest of the file is in it.")));
      return NULL;
    }

  clean_name = ens_recipients_clean_name (name, &error);
  if (clean_name == NULL)
    {
      add_issue (csv, record->line, g_strdup (error->message));
      return NULL;
    }

  clean_id = ens_recipients_clean_account_id (account_id, &error);
  if (clean_id == NULL)
    {
      add_issue (csv, record->line, g_strdup (error->message));
      return NULL;
    }

  if (group[0] != '\0' && (clean_group = ens_recipients_clean_name (group, NULL)) == NULL)
    {
      g_autofree char *safe = ens_text_sanitize (group, -1);

      add_issue (csv, record->line, g_strdup_printf (_("“%s” cannot be the name of a group."), safe));
      return NULL;
    }

  key = ens_recipient_name_key (clean_name);

  seen = g_hash_table_lookup (ids, clean_id);
  if (seen != NULL && !g_str_equal (seen->other, key))
    {
      g_autofree char *safe = ens_text_sanitize (clean_name, -1);

      add_issue (csv, record->line,
                 /* Translators: an account ID, a name, a line number, a name */
                 g_strdup_printf (_("Account %s is named “%s” here but “%s” on line %u."),
                                  clean_id, safe, seen->shown, seen->line));
      return NULL;
    }

  seen = g_hash_table_lookup (names, key);
  if (seen != NULL && !g_str_equal (seen->other, clean_id))
    {
      g_autofree char *safe = ens_text_sanitize (clean_name, -1);

      add_issue (csv, record->line,
                 /* Translators: a name, a line number, an account ID */
                 g_strdup_printf (_("The name “%s” is given on line %u to another account, %s."),
                                  safe, seen->line, seen->other));
      return NULL;
    }

  pair = g_strdup_printf ("%s\n%s", clean_id, clean_group != NULL ? clean_group : "");
  seen = g_hash_table_lookup (pairs, pair);
  if (seen != NULL)
    {
      add_issue (csv, record->line, g_strdup_printf (_("This row repeats line %u."), seen->line));
      return NULL;
    }

  if (!g_hash_table_contains (ids, clean_id))
    g_hash_table_insert (ids, g_strdup (clean_id), seen_new (record->line, key, clean_name));
  if (!g_hash_table_contains (names, key))
    g_hash_table_insert (names, g_strdup (key), seen_new (record->line, clean_id, clean_name));
  g_hash_table_insert (pairs, g_steal_pointer (&pair), seen_new (record->line, NULL, ""));

  row = g_new0 (EnsRecipientsCsvRow, 1);
  row->line = record->line;
  row->name = g_steal_pointer (&clean_name);
  row->account_id = g_steal_pointer (&clean_id);
  row->group = g_steal_pointer (&clean_group);
  row->note = note[0] != '\0' ? g_steal_pointer (&note) : NULL;

  return row;
}

/**
 * ens_recipients_csv_parse:
 * @data: the file's bytes
 * @len: their length
 *
 * Reads a CSV file of recipients.  Never fails: what cannot be read is in
 * the issues, with its line.
 *
 * Returns: (transfer full): the valid rows and the issues
 */
EnsRecipientsCsv *
ens_recipients_csv_parse (const char *data,
                          gsize       len)
{
  EnsRecipientsCsv *csv = g_new0 (EnsRecipientsCsv, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, seen_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, seen_free);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, seen_free);
  g_autoptr(GPtrArray) records = NULL;
  const char *end;
  int columns[N_COLUMNS];
  guint first = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  csv->rows = g_ptr_array_new_with_free_func (row_free);
  csv->issues = g_ptr_array_new_with_free_func (issue_free);

  if (data == NULL)
    return csv;

  end = data + len;
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3;

  if (!g_utf8_validate_len (data, end - data, NULL))
    {
      const char *bad = NULL;
      guint line = 1;

      g_utf8_validate_len (data, end - data, &bad);
      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      add_issue (csv, line, g_strdup (_("The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”.")));
      return csv;
    }

  records = split_records (data, end, detect_separator (data, end));
  while (first < records->len && record_is_empty (g_ptr_array_index (records, first)))
    first++;
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = c;
  if (first < records->len && read_header (g_ptr_array_index (records, first), columns))
    first++;

  for (guint i = first; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      EnsRecipientsCsvRow *row;

      if (record_is_empty (record))
        continue;

      row = read_row (csv, record, columns, ids, names, pairs);
      if (row != NULL)
        g_ptr_array_add (csv->rows, row);
    }

  return csv;
}

/* }}} */

/* Against the book {{{ */

static char *
check_row (EnsRecipientsCsvRow *row,
           EnsRecipients       *self)
{
  EnsRecipient *known = ens_recipients_lookup (self, row->account_id);
  EnsRecipient *named = ens_recipients_lookup_name (self, row->name);
  g_auto(GStrv) group_of_name = ens_recipients_dup_group_members (self, row->name);
  g_autofree char *safe = ens_text_sanitize (row->name, -1);

  if (known != NULL && known != named)
    {
      g_autofree char *shown = ens_text_sanitize (ens_recipient_get_name (known), -1);

      return g_strdup_printf (_("Account %s is already in the address book as “%s”."),
                              row->account_id, shown);
    }

  if (named != NULL && known != named)
    return g_strdup_printf (_("The name “%s” is already given to account %s."),
                            safe, ens_recipient_get_account_id (named));

  if (group_of_name != NULL)
    return g_strdup_printf (_("“%s” is already the name of a group."), safe);

  if (row->group != NULL && ens_recipients_lookup_name (self, row->group) != NULL)
    {
      g_autofree char *group = ens_text_sanitize (row->group, -1);

      return g_strdup_printf (_("“%s” is already the name of a recipient."), group);
    }

  return NULL;
}

static int
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const EnsRecipientsCsvIssue *ia = *(EnsRecipientsCsvIssue * const *)a;
  const EnsRecipientsCsvIssue *ib = *(EnsRecipientsCsvIssue * const *)b;

  return (ia->line > ib->line) - (ia->line < ib->line);
}

/**
 * ens_recipients_csv_check:
 * @csv: what ens_recipients_csv_parse() read
 * @self: the book as last read
 *
 * Moves to the issues the rows that disagree with the book: an account
 * named otherwise, a name given to another account, a recipient's name
 * that is a group's or a group's that is a recipient's.
 */
void
ens_recipients_csv_check (EnsRecipientsCsv *csv,
                          EnsRecipients    *self)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_if_fail (csv != NULL);
  g_return_if_fail (ENS_IS_RECIPIENTS (self));

  all = g_steal_pointer (&csv->rows);
  g_ptr_array_set_free_func (all, NULL);
  csv->rows = g_ptr_array_new_with_free_func (row_free);

  for (guint i = 0; i < all->len; i++)
    {
      EnsRecipientsCsvRow *row = g_ptr_array_index (all, i);
      char *message = check_row (row, self);

      if (message == NULL)
        {
          g_ptr_array_add (csv->rows, row);
          continue;
        }

      add_issue (csv, row->line, message);
      row_free (row);
    }

  g_ptr_array_sort (csv->issues, compare_issues);
}

/* }}} */

/* Writing {{{ */

static void
append_row (GString    *out,
            const char *name,
            const char *account_id,
            const char *group,
            const char *note)
{
  const char *cells[] = { name, account_id, group, note };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *cell = ens_history_csv_cell (cells[i]);

      g_string_append (out, cell);
      g_string_append (out, i + 1 < G_N_ELEMENTS (cells) ? "," : "\r\n");
    }
}

/**
 * ens_recipients_import_async:
 * @csv: the rows to write (ens_recipients_csv_parse(), then
 *   ens_recipients_csv_check()); its issues are not looked at
 *
 * Writes every row of @csv in one transaction: all of them, or on any
 * failure (a row that another instance made wrong meanwhile, a full
 * disk, the process killed) none.
 */
void
ens_recipients_import_async (EnsRecipients       *self,
                             EnsRecipientsCsv    *csv,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (ENS_IS_RECIPIENTS (self));
  g_return_if_fail (csv != NULL);

  _ens_recipients_import_rows_async (self, csv->rows, ens_recipients_import_async,
                                     cancellable, callback, user_data);
}

gboolean
ens_recipients_import_finish (EnsRecipients  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return ens_recipients_change_finish (self, result, error);
}

/**
 * ens_recipients_dup_csv:
 *
 * Returns: (transfer full): the book as CSV: a header row, then one row
 *   per recipient and group (one row for a recipient in no group)
 */
char *
ens_recipients_dup_csv (EnsRecipients *self)
{
  GString *out = g_string_new ("name,account_id,group,note\r\n");
  guint n;

  g_return_val_if_fail (ENS_IS_RECIPIENTS (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsRecipient) recipient = g_list_model_get_item (G_LIST_MODEL (self), i);
      const char * const *groups = ens_recipient_get_groups (recipient);

      const char *name = ens_recipient_get_name (recipient);
      const char *account_id = ens_recipient_get_account_id (recipient);
      const char *note = ens_recipient_get_note (recipient);

      if (groups[0] == NULL)
        append_row (out, name, account_id, NULL, note);
      for (guint g = 0; groups[g] != NULL; g++)
        append_row (out, name, account_id, groups[g], note);
    }

  return g_string_free (out, FALSE);
}

/* }}} */
