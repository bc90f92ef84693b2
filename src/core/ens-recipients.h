/* ens-recipients.h
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

#include "ens-recipient.h"
#include "ens-store.h"

G_BEGIN_DECLS

#define ENS_TYPE_RECIPIENTS (ens_recipients_get_type ())

G_DECLARE_FINAL_TYPE (EnsRecipients, ens_recipients, ENS, RECIPIENTS, GObject)

#define ENS_TYPE_RECIPIENTS_UNDO (ens_recipients_undo_get_type ())

/* What ens_recipients_delete_finish() and ens_recipients_delete_group_finish()
 * return: everything ens_recipients_undo_async() needs to put it back. */
typedef struct _EnsRecipientsUndo EnsRecipientsUndo;

/* The longest name, in characters. */
#define ENS_RECIPIENT_NAME_MAX 100

GType               ens_recipients_undo_get_type        (void) G_GNUC_CONST;
EnsRecipientsUndo  *ens_recipients_undo_copy            (const EnsRecipientsUndo *undo);
void                ens_recipients_undo_free            (EnsRecipientsUndo   *undo);

EnsRecipients      *ens_recipients_new                  (EnsStore            *store);
EnsStore           *ens_recipients_get_store            (EnsRecipients       *self);

/* Opens the store and reads the book into the list (GListModel of
 * EnsRecipient, sorted by name).  Every change below reads it again and
 * emits GListModel::items-changed. */
void                ens_recipients_load_async           (EnsRecipients       *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            ens_recipients_load_finish          (EnsRecipients       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void                ens_recipients_add_async            (EnsRecipients       *self,
                                                         const char          *account_id,
                                                         const char          *name,
                                                         const char          *note,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Also for renaming: the recipient of @account_id gets @name and @note. */
void                ens_recipients_edit_async           (EnsRecipients       *self,
                                                         const char          *account_id,
                                                         const char          *name,
                                                         const char          *note,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void                ens_recipients_delete_async         (EnsRecipients       *self,
                                                         const char          *account_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Adds the recipients of @account_ids to @group, made when it is new. */
void                ens_recipients_add_to_group_async   (EnsRecipients       *self,
                                                         const char          *group,
                                                         const char * const  *account_ids,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void                ens_recipients_remove_from_group_async (EnsRecipients    *self,
                                                         const char          *group,
                                                         const char * const  *account_ids,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void                ens_recipients_delete_group_async   (EnsRecipients       *self,
                                                         const char          *group,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void                ens_recipients_undo_async           (EnsRecipients       *self,
                                                         const EnsRecipientsUndo *undo,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Finishes add, edit, add/remove group members and undo. */
gboolean            ens_recipients_change_finish        (EnsRecipients       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Finishes delete and delete_group. */
EnsRecipientsUndo  *ens_recipients_delete_finish        (EnsRecipients       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Recipients whose name or account ID contains @text (case-insensitive),
 * those that start with it first. */
void                ens_recipients_search_async         (EnsRecipients       *self,
                                                         const char          *text,
                                                         guint                limit,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Recipients whose name starts with @prefix, from the name index. */
void                ens_recipients_complete_async       (EnsRecipients       *self,
                                                         const char          *prefix,
                                                         guint                limit,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Finishes search and complete: (element-type EnsRecipient). */
GPtrArray          *ens_recipients_query_finish         (EnsRecipients       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* From the book as last read (no disk access). */
EnsRecipient       *ens_recipients_lookup               (EnsRecipients       *self,
                                                         const char          *account_id);
EnsRecipient       *ens_recipients_lookup_name          (EnsRecipients       *self,
                                                         const char          *name);
char              **ens_recipients_dup_group_names      (EnsRecipients       *self);
char              **ens_recipients_dup_group_members    (EnsRecipients       *self,
                                                         const char          *group);
char              **ens_recipients_resolve              (EnsRecipients       *self,
                                                         const char          *name,
                                                         GError             **error);
char               *ens_recipients_dup_label            (EnsRecipients       *self,
                                                         const char          *account_id);

/* Checks and cleans what was typed (ENS_ERROR_INVALID_INPUT otherwise). */
char               *ens_recipients_clean_name           (const char          *name,
                                                         GError             **error);
char               *ens_recipients_clean_account_id     (const char          *account_id,
                                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsRecipientsUndo, ens_recipients_undo_free)

G_END_DECLS
