/* ens-error-ui.h
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

#include "ens-core.h"

G_BEGIN_DECLS

/*
 * Pure formatting for the error dialog: no widgets, so the wording can be
 * tested without a display.  Every string returned is translated.
 */

/**
 * EnsErrorUiFailure:
 * @account: the account ID, or %NULL for the line about accounts not tried
 * @reason: why it failed, translated (the catalogue title of its error)
 */
typedef struct
{
  char *account;
  char *reason;
} EnsErrorUiFailure;

char      *ens_error_ui_format_body              (const GError *error);
char      *ens_error_ui_format_details           (const GError *error);
char      *ens_error_ui_redact                   (const char   *text);
GPtrArray *ens_error_ui_list_failures            (EnsSharePlan *plan);
char      *ens_error_ui_format_failures          (EnsSharePlan *plan);
char      *ens_error_ui_format_summary           (EnsSharePlan *plan);
gboolean   ens_error_ui_troubleshoot_uri_is_safe (const char   *uri);
gboolean   ens_error_ui_can_continue_unverified  (const GError *error);

G_END_DECLS
