/* ens-recipients-private.h
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

#include "ens-recipients.h"
#include "ens-store-private.h"

G_BEGIN_DECLS

/*
 * Between the parts of EnsRecipients:
 *   ens-recipients.c     the list, the cache, the async API, the worker
 *   ens-recipients-lookup.c  checking input, lookups in the book as last read
 *   ens-recipients-db.c  the SQL, run on a worker thread under the store's
 *                        lock, each change inside one transaction
 *   ens-recipients-csv.c reading and writing CSV
 */

struct _EnsRecipientsUndo
{
  char   *account_id;  /* a deleted recipient … */
  char   *name;
  char   *note;
  char  **groups;      /* … and the groups it was in */
  char   *group;       /* or a deleted group … */
  char  **members;     /* … and its members' account IDs */
};

typedef struct
{
  char       *name;
  GPtrArray  *members;     /* (char *) account IDs, by name */
} EnsRecipientsGroup;

/* The whole book as read in one transaction. */
typedef struct
{
  GPtrArray  *recipients;  /* (EnsRecipient *) sorted by name key */
  GHashTable *groups;      /* name key → EnsRecipientsGroup */
} EnsRecipientsSnapshot;

struct _EnsRecipients
{
  GObject                parent_instance;

  EnsStore              *store;
  EnsRecipientsSnapshot *snapshot;   /* NULL until loaded */
  GHashTable            *by_id;      /* account ID → EnsRecipient (borrowed) */
  GHashTable            *by_key;     /* name key → EnsRecipient (borrowed) */
};

void                   _ens_recipients_snapshot_free   (EnsRecipientsSnapshot *snapshot);
EnsRecipientsSnapshot *_ens_recipients_db_read         (EnsStore            *store,
                                                        GError             **error);
gboolean               _ens_recipients_db_add          (EnsStore            *store,
                                                        const char          *account_id,
                                                        const char          *name,
                                                        const char          *note,
                                                        GError             **error);
gboolean               _ens_recipients_db_edit         (EnsStore            *store,
                                                        const char          *account_id,
                                                        const char          *name,
                                                        const char          *note,
                                                        GError             **error);
EnsRecipientsUndo     *_ens_recipients_db_delete       (EnsStore            *store,
                                                        const char          *account_id,
                                                        GError             **error);
gboolean               _ens_recipients_db_group_add    (EnsStore            *store,
                                                        const char          *group,
                                                        const char * const  *account_ids,
                                                        GError             **error);
gboolean               _ens_recipients_db_group_remove (EnsStore            *store,
                                                        const char          *group,
                                                        const char * const  *account_ids,
                                                        GError             **error);
EnsRecipientsUndo     *_ens_recipients_db_delete_group (EnsStore            *store,
                                                        const char          *group,
                                                        GError             **error);
gboolean               _ens_recipients_db_undo         (EnsStore            *store,
                                                        const EnsRecipientsUndo *undo,
                                                        GError             **error);
gboolean               _ens_recipients_db_import       (EnsStore            *store,
                                                        GPtrArray           *rows,
                                                        GError             **error);
GPtrArray             *_ens_recipients_db_search       (EnsStore            *store,
                                                        const char          *text,
                                                        gboolean             prefix_only,
                                                        guint                limit,
                                                        GError             **error);

void                   _ens_recipients_import_rows_async (EnsRecipients     *self,
                                                          GPtrArray         *rows,
                                                          gpointer           source_tag,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);

G_END_DECLS
