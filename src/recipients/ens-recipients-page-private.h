/* ens-recipients-page-private.h
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

#include "ens-recipients-page.h"

G_BEGIN_DECLS

/* Between ens-recipients-page.c (the lists and editing) and
 * ens-recipients-page-files.c (Import… and Export…). */
struct _EnsRecipientsPage
{
  GtkBox              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkFilterListModel *filter_model;
  GtkListBox         *groups_list;
  GtkWidget          *groups_group;

  /* Owned references */
  EnsRecipients      *recipients;
  GtkStringList      *group_names;
  GCancellable       *cancellable;   /* the page's life */
};

void  _ens_recipients_page_toast            (EnsRecipientsPage *self,
                                             AdwToast          *toast);
void  _ens_recipients_page_import_action    (EnsRecipientsPage *self);
void  _ens_recipients_page_export_action    (EnsRecipientsPage *self);

G_END_DECLS
