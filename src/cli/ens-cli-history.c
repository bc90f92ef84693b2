/* ens-cli-history.c
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

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ens-cli-private.h"
#include "ens-core.h"
#include "ens-history-operation.h"

/*
 * The command line and the history: every change is written to it before
 * it is sent (no change without a record, unless --no-history), what an
 * earlier run left unfinished is checked at the start, and --history /
 * --export-history read it.
 */

#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Cli *cli = user_data;

  g_clear_object (&cli->history_result);
  cli->history_result = g_object_ref (result);
  g_main_loop_quit (cli->loop);
}

/* Runs the loop until the call started before it answers. */
static GAsyncResult *
wait_result (Cli *cli)
{
  g_clear_object (&cli->history_result);
  g_main_loop_run (cli->loop);

  return cli->history_result;
}

void
_ens_cli_history_clear (Cli *cli)
{
  g_clear_pointer (&cli->since, g_free);
  g_clear_pointer (&cli->account, g_free);
  g_clear_pointer (&cli->export_history, g_free);
  g_clear_object (&cli->recorder);
  g_clear_object (&cli->store);
  g_clear_error (&cli->history_error);
  g_clear_object (&cli->history_result);
}

static gboolean
open_store (Cli     *cli,
            GError **error)
{

  cli->store = ens_history_new_for_store (_ens_cli_get_store (cli));
  ens_history_open_async (cli->store, NULL, store_result_cb, cli);
  if (!ens_history_open_finish (cli->store, wait_result (cli), error))
    {
      g_clear_object (&cli->store);
      return FALSE;
    }

  _ens_cli_say_moved_aside (cli);

  return TRUE;
}

/**
 * _ens_cli_history_start:
 * @changing: whether this run is to send changes
 *
 * Opens the history and settles what an earlier run with this AccessKey
 * left unfinished (saying so once, on stderr).  Returns %FALSE when a
 * change must not be sent: the history cannot be written.
 */
gboolean
_ens_cli_history_start (Cli      *cli,
                        gboolean  changing)
{
  g_autoptr(GError) error = NULL;
  EnsHistoryRecovery recovery = { 0, };
  g_autofree char *message = NULL;

  if (cli->no_history)
    {
      if (changing)
        g_printerr (_("--no-history: this change is sent without being written to the history.\n"));
      return TRUE;
    }

  if (!open_store (cli, &error))
    {
      if (!changing)
        {
          g_printerr (_("Warning: %s\n"), error->message);
          return TRUE;
        }
      g_printerr (_("Error: %s\n"), error->message);
      g_printerr (_("Nothing was sent: every change is written to the history before it is sent. Use --no-history to send it anyway.\n"));
      return FALSE;
    }

  ens_history_recover_async (cli->store, cli->client, ens_session_get_access_key_id (cli->session),
                             cli->cancellable, store_result_cb, cli);
  if (!ens_history_recover_finish (cli->store, wait_result (cli), &recovery, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr (_("Warning: %s\n"), error->message);
      return TRUE;
    }

  message = ens_history_recovery_dup_message (&recovery);
  if (message != NULL)
    g_printerr ("%s\n", message);

  return TRUE;
}

/* Whose key signs, for the record, when this run knows it: the paths
 * that check the own account (several images, copying, --dry-run) ask STS
 * before the change.  The one-image --add/--remove path does not ask: its
 * exact requests (one per batch) are what scripts and fault tests rely
 * on, and an STS call ahead of them would shift them. */
static EnsCallerIdentity *
known_caller_identity (Cli *cli)
{
  if (cli->identity != NULL)
    return cli->identity;

  return ens_client_peek_caller_identity (cli->client);
}

/* The names of the images this run listed (--list-images), if it did. */
static GHashTable *
dup_image_names (Cli *cli)
{
  GHashTable *names;
  guint n;

  if (cli->own_images == NULL)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n = g_list_model_get_n_items (cli->own_images);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (cli->own_images, i);

      if (ens_image_get_image_name (image) != NULL)
        g_hash_table_insert (names, g_strdup (ens_image_get_image_id (image)),
                             g_strdup (ens_image_get_image_name (image)));
    }

  return names;
}

/**
 * _ens_cli_history_begin:
 *
 * Writes every account of the plan as planned, and follows the plan.
 * Returns %FALSE (after saying why) when that failed: nothing is sent.
 */
gboolean
_ens_cli_history_begin (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  gint64 operation_id;

  g_autoptr(GHashTable) image_names = NULL;
  g_autoptr(GHashTable) recipient_names = NULL;
  g_autofree char *user = NULL;
  EnsCallerIdentity *identity;
  EnsHistoryContext context = {
    .origin = "cli",
    .profile = ens_session_get_profile (cli->session),
    .access_key_id = ens_session_get_access_key_id (cli->session),
  };

  if (cli->store == NULL)
    return TRUE;

  identity = known_caller_identity (cli);
  if (identity != NULL)
    {
      user = ens_caller_identity_dup_user_name (identity);
      context.caller_account_id = ens_caller_identity_get_account_id (identity);
      context.caller_user = user;
    }
  image_names = dup_image_names (cli);
  context.image_names = image_names;
  recipient_names = _ens_cli_dup_recipient_names (cli);
  context.recipient_names = recipient_names;

  ens_history_begin_async (cli->store, cli->plan, &context, NULL, store_result_cb, cli);
  operation_id = ens_history_begin_finish (cli->store, wait_result (cli), &error);
  if (operation_id <= 0)
    {
      g_printerr (_("Error: %s\n"), error->message);
      g_printerr (_("Nothing was sent: every change is written to the history before it is sent. Use --no-history to send it anyway.\n"));
      return FALSE;
    }

  /* A plan may run twice (copying sharing, then stopping the source):
   * each run is an operation of its own. */
  g_clear_object (&cli->recorder);
  cli->recorder = ens_history_recorder_new (cli->store, cli->plan, operation_id, cli->cancellable);

  return TRUE;
}

/* Records what reading the list found for the lost answers. */
void
_ens_cli_history_settle (Cli        *cli,
                         GHashTable *checked)
{
  GHashTableIter iter;
  gpointer key;

  if (cli->recorder == NULL || checked == NULL)
    return;

  g_hash_table_iter_init (&iter, checked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint position = GPOINTER_TO_UINT (key);

      ens_history_recorder_record (cli->recorder, position,
                                   ens_share_plan_get_state (cli->plan, position) == ENS_OUTCOME_DONE
                                   ? ENS_HISTORY_CONFIRMED : ENS_HISTORY_DID_NOT_HAPPEN);
    }
}

/**
 * _ens_cli_history_end:
 *
 * Writes what is left and closes the operation.  Returns %FALSE (after
 * saying why) when part of the record could not be written.
 */
gboolean
_ens_cli_history_end (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->recorder == NULL)
    return TRUE;

  ens_history_recorder_close_async (cli->recorder, NULL, store_result_cb, cli);
  if (!ens_history_recorder_close_finish (cli->recorder, wait_result (cli), &error))
    {
      g_printerr (_("Error: %s\n"), error->message);
      g_printerr (_("The history of this change is incomplete; what was not yet sent was stopped.\n"));
      return FALSE;
    }

  return TRUE;
}

/* --history and --export-history -------------------------------------- */

static void
print_rows (Cli       *cli,
            GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 operation = -1;

  if (cli->json)
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < rows->len; i++)
        {
          g_string_append (out, i == 0 ? "\n  " : ",\n  ");
          ens_history_format_row (out, g_ptr_array_index (rows, i), ENS_HISTORY_FORMAT_JSON);
        }
      g_string_append (out, rows->len > 0 ? "\n]\n" : "]\n");
      g_print ("%s", out->str);
      return;
    }

  if (rows->len == 0)
    {
      g_print ("%s\n", _("No entries."));
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      EnsHistoryRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (row->started_at / G_USEC_PER_SEC);
      g_autofree char *when = time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%SZ") : g_strdup ("?");
      g_autofree char *profile = ens_text_sanitize (row->profile != NULL ? row->profile : "-", -1);
      g_autofree char *request_id = ens_text_sanitize (row->request_id != NULL ? row->request_id : "", -1);
      g_autofree char *code = ens_text_sanitize (row->error_code != NULL ? row->error_code : "", -1);

      g_autofree char *recipient = ens_text_sanitize (row->recipient_name != NULL ? row->recipient_name : "", -1);

      if (row->operation_id != operation)
        {
          g_autofree char *image_name = ens_text_sanitize (row->image_name != NULL ? row->image_name : "", -1);
          g_autofree char *caller = ens_text_sanitize (row->caller_account_id != NULL ? row->caller_account_id : "-", -1);
          g_autofree char *user = ens_text_sanitize (row->caller_user != NULL ? row->caller_user : "-", -1);

          operation = row->operation_id;
          /* Translators: a heading in --history: time, image ID, image name
           * (may be empty), how, profile and AccessKey ID */
          g_print (_("%s  image %s %s (%s, profile %s, AccessKey %s)\n"), when, row->image_id,
                   image_name, row->origin, profile, row->access_key_id != NULL ? row->access_key_id : "-");
          /* Translators: under the heading in --history: the Alibaba Cloud
           * account and the RAM user whose key made the change ("-": unknown) */
          g_print (_("  by account %s, RAM user %s\n"), caller, user);
        }
      g_print ("  %s %-16s  %-14s  %s%s%s%s%s\n",
               row->change == ENS_SHARE_CHANGE_ADD ? "+" : "-",
               row->account_id, ens_history_describe_state (row->state), request_id,
               code[0] != '\0' ? "  " : "", code,
               recipient[0] != '\0' ? "  " : "", recipient);
    }
}

/**
 * _ens_cli_history_show:
 *
 * --history and --export-history: needs no credentials and sends nothing.
 */
int
_ens_cli_history_show (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  EnsHistoryFilter filter = { 0, };
  g_autofree char *image_id = NULL;

  if (cli->add != NULL || cli->remove != NULL || cli->list)
    {
      g_printerr (_("--history and --export-history cannot be combined with --add, --remove or --list.\n"));
      return EXIT_USAGE;
    }

  if (cli->since != NULL && !ens_history_parse_day (cli->since, &filter.since))
    {
      g_printerr (_("--since must be a date like 2026-12-31.\n"));
      return EXIT_USAGE;
    }

  if (cli->image != NULL)
    {
      image_id = ens_image_id_parse (cli->image, &error);
      if (image_id == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_USAGE;
        }
      filter.image_id = image_id;
    }

  if (cli->account != NULL && cli->account[0] == '@')
    {
      if (cli->account[1] == '\0')
        {
          g_printerr (_("--account=@NAME needs a recipient name after the @.\n"));
          return EXIT_USAGE;
        }
      filter.recipient_name = cli->account + 1;
    }
  else if (cli->account != NULL)
    {
      for (const char *p = cli->account; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          {
            g_printerr (_("--account must be an account ID (digits only).\n"));
            return EXIT_USAGE;
          }
      filter.account_id = cli->account;
    }

  cli->loop = g_main_loop_new (NULL, FALSE);
  if (!open_store (cli, &error))
    {
      g_printerr (_("Error: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (cli->export_history != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (cli->export_history);
      EnsHistoryFormat format;
      guint n;

      if (g_str_has_suffix (cli->export_history, ".csv"))
        format = ENS_HISTORY_FORMAT_CSV;
      else if (g_str_has_suffix (cli->export_history, ".json"))
        format = ENS_HISTORY_FORMAT_JSON;
      else
        {
          g_printerr (_("--export-history needs a file name ending in .csv or .json.\n"));
          return EXIT_USAGE;
        }

      ens_history_export_async (cli->store, &filter, file, format, NULL, store_result_cb, cli);
      n = ens_history_export_finish (cli->store, wait_result (cli), &error);
      if (error != NULL)
        {
          g_printerr (_("Error: %s\n"), error->message);
          return EXIT_FAILED;
        }
      g_printerr (ngettext ("%u entry written to %s.\n", "%u entries written to %s.\n", n),
                  n, cli->export_history);
      if (!cli->history)
        return EXIT_OK;
    }

  ens_history_query_async (cli->store, &filter, 0, 0, NULL, store_result_cb, cli);
  rows = ens_history_query_finish (cli->store, wait_result (cli), &error);
  if (rows == NULL)
    {
      g_printerr (_("Error: %s\n"), error->message);
      return EXIT_FAILED;
    }

  print_rows (cli, rows);

  return EXIT_OK;
}
