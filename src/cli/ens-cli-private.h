/* ens-cli-private.h
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

#include "ens-core.h"
#include "ens-session.h"

G_BEGIN_DECLS

/*
 * Between the parts of the command line:
 *   ens-cli.c         options, running the requests, the exit status
 *   ens-cli-output.c  what is printed: lines and --json
 *   ens-cli-history.c the history: recording a change, recovery,
 *                     --history and --export-history
 *   ens-cli-images.c  several images, copying sharing, --dry-run, --images,
 *                     --whoami, the own-account check, preview and verify
 *   ens-cli-recipients.c  the address book: @names in lists, --recipients,
 *                     --import-/--export-recipients, --account --images,
 *                     --revoke-all
 */

typedef struct
{
  /* Options */
  char          *image;
  char         **add;
  char         **remove;
  gboolean       list;
  char          *endpoint;
  char          *signature;
  char          *profile;
  gboolean       json;
  char          *concurrency;   /* as typed: -1 must not read as "not given" */
  char          *timeout;
  gboolean       no_adapt;
  gboolean       progress;
  gboolean       version;
  gboolean       history;
  char          *since;
  char          *account;
  char          *export_history;
  gboolean       no_history;

  /* State */
  GMainLoop     *loop;
  GCancellable  *cancellable;
  GSettings     *settings;
  EnsClient     *client;
  EnsSession    *session;
  EnsSharePlan  *plan;
  EnsCredentialSource source;
  GError        *credentials_error;
  GError        *plan_error;
  GStrv          shares;
  gboolean       shares_complete;
  GError        *list_error;
  char          *image_id;
  GHashTable    *checked;        /* plan positions settled by reading the list */
  GError        *check_error;    /* why they could not be */
  guint          n_signals;
  gboolean       progress_shown;   /* a progress line is on the terminal */
  EnsHistory    *store;
  EnsHistoryRecorder *recorder;
  GError        *history_error;
  GAsyncResult  *history_result;

  /* Issue 13: options */
  GPtrArray     *more_images;    /* --image given again, as typed */
  gboolean       list_images;    /* --images */
  gboolean       whoami;
  gboolean       dry_run;
  gboolean       exact;
  gboolean       stop_source;
  char          *copy_from;
  /* Issue 13: state */
  GPtrArray     *image_ids;      /* every --image, parsed, each once */
  char          *copy_from_id;
  EnsCallerIdentity *identity;
  GError        *identity_error;
  GListModel    *own_images;
  GError        *images_error;
  guint          n_counts_failed;

  /* Issue 14: options */
  gboolean       recipients;
  char          *import_recipients;
  gboolean       import_valid;
  char          *export_recipients;
  gboolean       revoke_all;
  /* Issue 14: state */
  EnsStore      *data_store;        /* the one store of the history and the book */
  gboolean       moved_aside_said;
  EnsRecipients *recipients_book;   /* read once, when a name is needed */
  GError        *recipients_error;
  GStrv          account_ids;       /* --account with --images, resolved */
} Cli;

void _ens_cli_print_error_details (const GError *error,
                                   const char   *prefix);
void _ens_cli_print_json          (Cli          *cli);
void _ens_cli_print_plan          (Cli          *cli);
void _ens_cli_print_list          (Cli          *cli);

void     _ens_cli_history_clear        (Cli          *cli);
int      _ens_cli_history_show         (Cli          *cli);
gboolean _ens_cli_history_start        (Cli          *cli,
                                        gboolean      changing);
gboolean _ens_cli_history_begin        (Cli          *cli);
void     _ens_cli_history_settle       (Cli          *cli,
                                        GHashTable   *checked);
gboolean _ens_cli_history_end          (Cli          *cli);
/* ens-cli.c */
void        _ens_cli_plan_progress_cb      (Cli          *cli);
gboolean    _ens_cli_arg_is_option         (const char   *arg,
                                            const char * const *options,
                                            gsize         n_options);

/* Text from a server or the user, made safe to print. */
#define SAFE_TEXT(name, text) g_autofree char *name = ens_text_sanitize ((text), -1)

/* Running one _async call to completion on cli->loop (ens-cli-images.c). */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} EnsCliWait;

void          _ens_cli_wait_cb             (GObject      *object,
                                            GAsyncResult *result,
                                            gpointer      user_data);
GAsyncResult *_ens_cli_wait_for            (Cli          *cli,
                                            EnsCliWait   *wait);

/* ens-cli-images.c */
GOptionEntry *_ens_cli_image_entries_new   (Cli          *cli);
gboolean    _ens_cli_images_wanted         (const char   *arg);
void        _ens_cli_images_clear          (Cli          *cli);
int         _ens_cli_images_check_options  (Cli          *cli);
int         _ens_cli_run_images            (Cli          *cli,
                                            GPtrArray    *add,
                                            GPtrArray    *remove);
void        _ens_cli_print_image_column    (Cli          *cli,
                                            guint         position);
const char *_ens_cli_verification_note     (EnsSharePlan *plan,
                                            guint         position);
void        _ens_cli_print_plan_summary    (Cli          *cli,
                                            guint         n_skipped);
void        _ens_cli_json_add_plan_details (JsonBuilder  *builder,
                                            EnsSharePlan *plan,
                                            guint         position);
void        _ens_cli_json_add_images       (Cli          *cli,
                                            JsonBuilder  *builder);

/* ens-cli-recipients.c */
GOptionEntry *_ens_cli_recipient_entries_new   (Cli          *cli);
gboolean    _ens_cli_recipients_wanted         (const char   *arg);
void        _ens_cli_recipients_clear          (Cli          *cli);
EnsStore   *_ens_cli_get_store                 (Cli          *cli);
GHashTable *_ens_cli_dup_recipient_names       (Cli          *cli);
void        _ens_cli_say_moved_aside           (Cli          *cli);
void        _ens_cli_json_add_names            (Cli          *cli,
                                                JsonBuilder  *builder,
                                                GPtrArray    *accounts);
char       *_ens_cli_account_label             (Cli          *cli,
                                                const char   *account_id);
gboolean    _ens_cli_recipients_expand         (Cli          *cli,
                                                char       ***values);
int         _ens_cli_recipients_run_book       (Cli          *cli);
int         _ens_cli_recipients_check_account  (Cli          *cli,
                                                GStrv        *ids);
int         _ens_cli_recipients_run_account    (Cli          *cli,
                                                const char * const *ids);

G_END_DECLS
