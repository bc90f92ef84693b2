/* ens-recipients-csv.h
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

#pragma once

#include <gio/gio.h>

#include "ens-recipients.h"

G_BEGIN_DECLS

/*
 * The address book as CSV, columns name, account ID, group, note (a header
 * row naming them is recognised, in any order).  UTF-8 with or without a
 * BOM, comma or semicolon separated (whichever the first row uses more),
 * fields quoted as spreadsheets write them (doubled quotes, line breaks).
 * A recipient in several groups has one row per group.
 */

typedef struct
{
  guint  line;        /* where the row starts in the file, from 1 */
  char  *name;        /* cleaned (ens_recipients_clean_name()) */
  char  *account_id;  /* cleaned: ASCII digits */
  char  *group;       /* nullable */
  char  *note;        /* nullable */
} EnsRecipientsCsvRow;

typedef struct
{
  guint  line;
  char  *message;     /* translated reason */
} EnsRecipientsCsvIssue;

typedef struct
{
  GPtrArray *rows;    /* (EnsRecipientsCsvRow *) the valid rows, in file order */
  GPtrArray *issues;  /* (EnsRecipientsCsvIssue *) the bad rows, by line */
} EnsRecipientsCsv;

EnsRecipientsCsv  *ens_recipients_csv_parse          (const char          *data,
                                                      gsize                len);
void               ens_recipients_csv_free           (EnsRecipientsCsv    *csv);

/* Moves the rows that disagree with @self's book (an ID already named
 * otherwise, a name already given to another ID or a group) to the issues. */
void               ens_recipients_csv_check          (EnsRecipientsCsv    *csv,
                                                      EnsRecipients       *self);

/* Writes every row of @csv in ONE transaction: all of them or, on any
 * failure, none. */
void               ens_recipients_import_async       (EnsRecipients       *self,
                                                      EnsRecipientsCsv    *csv,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           ens_recipients_import_finish      (EnsRecipients       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The book as last read, as CSV text with a header row; never a cell a
 * spreadsheet would run as a formula. */
char              *ens_recipients_dup_csv            (EnsRecipients       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsRecipientsCsv, ens_recipients_csv_free)

G_END_DECLS
