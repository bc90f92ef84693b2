/* ens-input.h
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

#include <glib.h>

#include "ens-core-types.h"

G_BEGIN_DECLS

/*
 * Parsing what people type or paste.  All messages are translated.
 */

typedef enum
{
  ENS_ACCOUNT_ISSUE_NOT_DIGITS,    /* error: the token has characters other than 0-9 */
  ENS_ACCOUNT_ISSUE_TOO_LONG,      /* error: more than 32 characters */
  ENS_ACCOUNT_ISSUE_DUPLICATE,     /* warning: given twice; the later copy is dropped */
  ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH,/* warning: digits, but not 16 of them; kept */
} EnsAccountIssueKind;

struct _EnsAccountIssue
{
  char                *token;      /* the text as typed (trimmed) */
  EnsAccountIssueKind  kind;
  gboolean             is_error;   /* FALSE for warnings: the account is still usable */
  char                *message;    /* translated reason, e.g. "“12a4” has letters in it" */
};

struct _EnsAccountList
{
  GPtrArray *accounts;   /* (char *) valid IDs, duplicates removed, input order kept */
  GPtrArray *issues;     /* (EnsAccountIssue *) in input order */
};

/* Splits on commas, semicolons, whitespace, newlines, the full-width
 * comma U+FF0C, the ideographic comma U+3001 and the ideographic space U+3000. */
EnsAccountList *ens_account_list_parse           (const char      *text);
void            ens_account_list_free            (EnsAccountList  *list);
guint           ens_account_list_count_errors    (EnsAccountList  *list);
/* A single ID (one token) check: TRUE when it is digits only. */
gboolean        ens_account_id_is_valid          (const char      *account_id);

/* Image IDs: trimmed, non-empty, [A-Za-z0-9_.-], at most 128 characters.
 * Returns the cleaned ID or NULL with ENS_ERROR_INVALID_INPUT. */
char           *ens_image_id_parse               (const char      *text,
                                                  GError         **error);

/* AccessKey input: surrounding whitespace and newlines removed, then the
 * characters checked.  Return the cleaned value or NULL with
 * ENS_ERROR_INVALID_INPUT and a translated message. */
char           *ens_access_key_id_clean          (const char      *text,
                                                  GError         **error);
char           *ens_access_key_secret_clean      (const char      *text,
                                                  GError         **error);
char           *ens_security_token_clean         (const char      *text,
                                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsAccountList, ens_account_list_free)

G_END_DECLS
