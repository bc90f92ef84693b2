/* ens-history.h
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

#include "ens-client.h"
#include "ens-share-plan.h"
#include "ens-store.h"

G_BEGIN_DECLS

#define ENS_TYPE_HISTORY (ens_history_get_type ())

G_DECLARE_FINAL_TYPE (EnsHistory, ens_history, ENS, HISTORY, GObject)

/* The state of one account in the history (the "state" column). */
typedef enum
{
  ENS_HISTORY_PLANNED,         /* written before the plan started */
  ENS_HISTORY_SENDING,         /* its request was about to leave */
  ENS_HISTORY_DONE,
  ENS_HISTORY_FAILED,
  ENS_HISTORY_NOT_ATTEMPTED,
  ENS_HISTORY_UNKNOWN,         /* sent, the answer lost */
  ENS_HISTORY_CONFIRMED,       /* unknown, then found made in the share list */
  ENS_HISTORY_DID_NOT_HAPPEN,  /* unknown, then found not made */
} EnsHistoryState;

/* One account of one operation: a row of ens_history_query_finish(). */
typedef struct
{
  gint64           operation_id;
  gint64           started_at;     /* microseconds since 1970, UTC */
  char            *origin;         /* "window" or "cli" */
  char            *profile;        /* nullable */
  char            *access_key_id;  /* nullable; never the secret */
  char            *image_id;
  guint            position;
  char            *account_id;
  EnsShareChange   change;
  EnsHistoryState  state;
  gint64           updated_at;
  char            *request_id;     /* nullable */
  char            *error_code;     /* nullable */
  guint            tries;
  /* Schema 3; NULL when not known at the time (and in older entries). */
  char            *caller_account_id;  /* whose key: the Alibaba Cloud account */
  char            *caller_user;        /* the RAM user (or role session) */
  char            *image_name;
  char            *recipient_name;     /* the account's name in the address book */
} EnsHistoryRow;

/*
 * Who makes a change and what is known of its names, for
 * ens_history_begin_async().  Every field but @origin may be NULL (not
 * known).  The tables are read on the calling thread, before
 * ens_history_begin_async() returns; the names stored are those at that
 * time.
 */
typedef struct
{
  const char *origin;             /* "window" or "cli" */
  const char *profile;
  const char *access_key_id;      /* never the secret */
  const char *caller_account_id;  /* see ens_client_peek_caller_identity() */
  const char *caller_user;        /* ens_caller_identity_dup_user_name() */
  GHashTable *image_names;        /* image ID → image name */
  GHashTable *recipient_names;    /* account ID → recipient name */
} EnsHistoryContext;

/* What ens_history_query_async() returns; NULL/0 fields match anything. */
typedef struct
{
  gint64      since;        /* microseconds since 1970, UTC; 0 for all */
  const char *image_id;
  const char *account_id;
  gint64      until;        /* started before; 0 for no end */
  const char *recipient_name;  /* the name at the time, ignoring case */
  const char *search;       /* part of the image ID or name, account ID
                             * or recipient name, ignoring ASCII case */
  gint64      operation_id; /* only this operation; 0 for all */
} EnsHistoryFilter;

/* One operation (a change), as ens_history_query_operations_finish()
 * lists them; the counts are over all its accounts. */
typedef struct
{
  gint64   operation_id;
  gint64   started_at;         /* microseconds since 1970, UTC */
  gint64   finished_at;        /* 0 when it never finished */
  char    *origin;             /* "window" or "cli" */
  char    *profile;            /* nullable */
  char    *access_key_id;      /* nullable */
  char    *caller_account_id;  /* nullable */
  char    *caller_user;        /* nullable */
  char    *image_id;           /* the first image */
  char    *image_name;         /* nullable */
  guint    n_images;
  guint    n_accounts;
  guint    n_add;              /* the others are removals */
  guint    n_done;             /* done or confirmed */
  guint    n_failed;
  guint    n_not_attempted;    /* not attempted, or did not happen */
  guint    n_unknown;          /* planned, sending or unknown */
} EnsHistoryOperationRow;

typedef enum
{
  ENS_HISTORY_FORMAT_CSV,
  ENS_HISTORY_FORMAT_JSON,
} EnsHistoryFormat;

/* The result of ens_history_recover_finish(). */
typedef struct
{
  guint confirmed;       /* found made */
  guint did_not_happen;  /* found not made */
  guint still_unknown;   /* the share list could not be read */
} EnsHistoryRecovery;

/* The history is kept in the store: its schema is the store's. */
#define ENS_HISTORY_SCHEMA_VERSION ENS_STORE_SCHEMA_VERSION

EnsHistory      *ens_history_new                   (const char          *path);
EnsHistory      *ens_history_new_for_store         (EnsStore            *store);
EnsStore        *ens_history_get_store             (EnsHistory          *self);
char            *ens_history_dup_default_path      (void);
const char      *ens_history_get_path              (EnsHistory          *self);
const char      *ens_history_get_moved_aside       (EnsHistory          *self);
char            *ens_history_dup_moved_aside_message (EnsHistory        *self);
void             ens_history_open_async            (EnsHistory          *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         ens_history_open_finish           (EnsHistory          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
int              ens_history_get_schema_version    (EnsHistory          *self);

/* Write-ahead: every account of @plan as "planned", in one transaction. */
void             ens_history_begin_async           (EnsHistory          *self,
                                                    EnsSharePlan        *plan,
                                                    const EnsHistoryContext *context,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64           ens_history_begin_finish          (EnsHistory          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void             ens_history_query_async           (EnsHistory          *self,
                                                    const EnsHistoryFilter *filter,
                                                    guint                offset,
                                                    guint                limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray       *ens_history_query_finish          (EnsHistory          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* One page of operations, newest first; one matches @filter when one of
 * its accounts does.  Read each one's accounts with
 * ens_history_query_async() and EnsHistoryFilter.operation_id. */
void             ens_history_query_operations_async  (EnsHistory             *self,
                                                      const EnsHistoryFilter *filter,
                                                      guint                   offset,
                                                      guint                   limit,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
GPtrArray       *ens_history_query_operations_finish (EnsHistory             *self,
                                                      GAsyncResult           *result,
                                                      GError                **error);

void             ens_history_export_async          (EnsHistory          *self,
                                                    const EnsHistoryFilter *filter,
                                                    GFile               *file,
                                                    EnsHistoryFormat     format,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
guint            ens_history_export_finish         (EnsHistory          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Settles what a run that ended without finishing (crash, kill -9) left
 * planned, sending or unknown for @access_key_id, from the share lists
 * read with @client (which must be signed in with that key). */
void             ens_history_recover_async         (EnsHistory          *self,
                                                    EnsClient           *client,
                                                    const char          *access_key_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         ens_history_recover_finish        (EnsHistory          *self,
                                                    GAsyncResult        *result,
                                                    EnsHistoryRecovery  *recovery,
                                                    GError             **error);
char            *ens_history_recovery_dup_message  (const EnsHistoryRecovery *recovery);

const char      *ens_history_state_to_string       (EnsHistoryState      state);
gboolean         ens_history_state_from_string     (const char          *text,
                                                    EnsHistoryState     *state);
EnsHistoryState  ens_history_state_from_outcome    (EnsOutcomeState      outcome);
void             ens_history_row_free              (EnsHistoryRow       *row);
void             ens_history_operation_row_free    (EnsHistoryOperationRow *row);
char            *ens_history_csv_cell              (const char          *value);
void             ens_history_format_row            (GString             *out,
                                                    const EnsHistoryRow *row,
                                                    EnsHistoryFormat     format);
const char      *ens_history_csv_header            (void);
gboolean         ens_history_parse_day             (const char          *text,
                                                    gint64              *usec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsHistoryRow, ens_history_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsHistoryOperationRow, ens_history_operation_row_free)

G_END_DECLS
