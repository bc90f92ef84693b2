/* ens-cli.c
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

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "ens-cli.h"
#include "ens-cli-private.h"
#include "ens-core-enums.h"
#include "ens-core.h"
#include "ens-session.h"

/*
 * The command line: share, unshare and list without a display.  Nothing
 * here touches GTK; a GMainLoop drives the asynchronous client.
 */

#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2

static void
cli_clear (Cli *cli)
{
  g_clear_pointer (&cli->image, g_free);
  g_clear_pointer (&cli->add, g_strfreev);
  g_clear_pointer (&cli->remove, g_strfreev);
  g_clear_pointer (&cli->endpoint, g_free);
  g_clear_pointer (&cli->signature, g_free);
  g_clear_pointer (&cli->profile, g_free);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_object (&cli->cancellable);
  g_clear_object (&cli->settings);
  g_clear_object (&cli->session);
  g_clear_object (&cli->client);
  g_clear_object (&cli->plan);
  g_clear_error (&cli->credentials_error);
  g_clear_error (&cli->plan_error);
  g_clear_pointer (&cli->shares, g_strfreev);
  g_clear_error (&cli->list_error);
  g_clear_pointer (&cli->image_id, g_free);
  g_clear_pointer (&cli->checked, g_hash_table_unref);
  g_clear_error (&cli->check_error);
  g_clear_pointer (&cli->concurrency, g_free);
  g_clear_pointer (&cli->timeout, g_free);
  _ens_cli_history_clear (cli);
  _ens_cli_images_clear (cli);
  _ens_cli_recipients_clear (cli);
  g_clear_pointer (&cli->account_ids, g_strfreev);
}

/* Options that only the command line knows.  --endpoint and --demo are
 * shared with the window, so on their own they start the GUI. */
static const char * const cli_only_options[] = {
  "--image", "--add", "--remove", "--list", "--json", "--signature",
  "--profile", "--version", "--concurrency", "--timeout", "--no-adapt", "--progress",
  "--history", "--export-history", "--no-history", "--since", "--account",
};
static const char cli_only_short_options[] = "iarlpn";

/* TRUE when @arg is one of @options, alone or with “=VALUE”. */
gboolean
_ens_cli_arg_is_option (const char         *arg,
                        const char * const *options,
                        gsize               n_options)
{
  for (gsize i = 0; i < n_options; i++)
    {
      gsize len = strlen (options[i]);

      if (strncmp (arg, options[i], len) == 0 && (arg[len] == '\0' || arg[len] == '='))
        return TRUE;
    }

  return FALSE;
}

/**
 * ens_cli_wants_command_line:
 *
 * Returns: %TRUE when @argv has an option of the command line (or asks
 *   for help), so that the caller runs ens_cli_run() and never GTK
 */
gboolean
ens_cli_wants_command_line (int    argc,
                            char **argv)
{
  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        break;

      if (strcmp (arg, "-h") == 0 || strcmp (arg, "-?") == 0 ||
          g_str_has_prefix (arg, "--help"))
        return TRUE;

      /* The short forms --help shows: -i ID, -l, -a LIST, -la LIST … */
      if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' && strchr (cli_only_short_options, arg[1]) != NULL)
        return TRUE;

      if (_ens_cli_images_wanted (arg) || _ens_cli_recipients_wanted (arg))
        return TRUE;

      if (_ens_cli_arg_is_option (arg, cli_only_options, G_N_ELEMENTS (cli_only_options)))
        return TRUE;
    }

  return FALSE;
}

/* Running --------------------------------------------------------------- */

/* The first SIGINT or SIGTERM stops: nothing new is sent, retries and
 * waits end at once, and what is in flight gets at most its timeout so
 * that every account can be reported.  A second one ends the process at
 * once, with the shell's status for a signal. */
static void
cli_signal (Cli *cli,
            int  signum)
{
  if (cli->n_signals++ > 0)
    {
      g_printerr (_("Stopped at once. Changes under way may or may not have been made: run --list to check.\n"));
      _exit (128 + signum);
    }

  g_printerr (_("Stopping: nothing more is sent. Waiting for the requests under way (press Ctrl+C again to quit at once)…\n"));
  g_cancellable_cancel (cli->cancellable);
}

static gboolean
on_sigint (gpointer user_data)
{
  cli_signal (user_data, SIGINT);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigterm (gpointer user_data)
{
  cli_signal (user_data, SIGTERM);

  return G_SOURCE_CONTINUE;
}

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;

  cli->source = ens_session_resolve_finish (ENS_SESSION (object), result, &cli->credentials_error);
  g_main_loop_quit (cli->loop);
}

/* --progress: one line on the terminal, rewritten as the plan runs.  Only
 * on a terminal, and on stderr: never in what a script reads (--json or
 * the results on stdout). */
void
_ens_cli_plan_progress_cb (Cli *cli)
{
  guint done = ens_share_plan_get_done (cli->plan);
  guint total = ens_share_plan_get_total (cli->plan);
  guint rate = (guint)(ens_share_plan_get_rate (cli->plan) + 0.5);
  g_autofree char *accounts = NULL;

  /* Translators: progress on the command line, e.g. "30 of 240 accounts" */
  accounts = g_strdup_printf (ngettext ("%u of %u account", "%u of %u accounts", total),
                              done, total);

  if (rate > 0)
    {
      /* Translators: how fast changes go, e.g. "about 18 per second" */
      g_autofree char *speed = g_strdup_printf (ngettext ("about %u per second",
                                                          "about %u per second", rate),
                                                rate);

      /* Translators: progress, then speed: "30 of 240 accounts, about 18 per second" */
      g_autofree char *line = g_strdup_printf (_("%s, %s"), accounts, speed);

      g_printerr ("\r%s\033[K", line);
    }
  else
    {
      g_printerr ("\r%s\033[K", accounts);
    }

  cli->progress_shown = TRUE;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Cli *cli = user_data;

  cli->shares = ens_client_describe_image_share_permission_finish_full (ENS_CLIENT (object), result,
                                                                        &cli->shares_complete,
                                                                        &cli->list_error);
  g_main_loop_quit (cli->loop);
}

/* Parses one or more --add / --remove values; prints every issue.  Returns
 * FALSE when any token is not a valid account ID. */
static gboolean
parse_accounts (char      **values,
                GPtrArray **out)
{
  g_autofree char *joined = NULL;
  g_autoptr(EnsAccountList) list = NULL;

  *out = NULL;
  if (values == NULL)
    return TRUE;

  joined = g_strjoinv (",", values);
  list = ens_account_list_parse (joined);

  for (guint i = 0; i < list->issues->len; i++)
    {
      const EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->is_error)
        /* Translators: %s explains why an account ID is refused */
        g_printerr (_("Error: %s\n"), issue->message);
      else
        /* Translators: %s explains what is unusual about an account ID */
        g_printerr (_("Warning: %s\n"), issue->message);
    }

  if (ens_account_list_count_errors (list) > 0)
    return FALSE;

  *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->accounts->len; i++)
    g_ptr_array_add (*out, g_strdup (g_ptr_array_index (list->accounts, i)));
  g_ptr_array_add (*out, NULL);

  return TRUE;
}

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; using built-in defaults", BASE_APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static int cli_run_requests (Cli       *cli,
                             GPtrArray *add,
                             GPtrArray *remove);

static int
cli_main (Cli  *cli,
          int   argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GPtrArray) add = NULL;
  g_autoptr(GPtrArray) remove = NULL;
  g_autofree char *description = NULL;
  g_autofree GOptionEntry *image_entries = NULL;
  g_autofree GOptionEntry *recipient_entries = NULL;
  guint signal_ids[2] = { 0, 0 };
  int status;
  const GOptionEntry entries[] = {
    { "add", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &cli->add,
      N_("Share the image with these accounts"), N_("LIST") },
    { "remove", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &cli->remove,
      N_("Stop sharing the image with these accounts"), N_("LIST") },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &cli->list,
      N_("List the accounts the image is shared with (after any changes)"), NULL },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &cli->endpoint,
      N_("The ENS API address (default https://ens.aliyuncs.com; https://ens.ap-southeast-1.aliyuncs.com for Singapore)"),
      N_("URL") },
    { "signature", 0, 0, G_OPTION_ARG_STRING, &cli->signature,
      N_("How to sign requests: v3 (default) or v1"), N_("VERSION") },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &cli->profile,
      N_("The AccessKey profile saved in the keyring (default: the app’s active profile)"),
      N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print the results as one JSON document"), NULL },
    { "concurrency", 0, 0, G_OPTION_ARG_STRING, &cli->concurrency,
      N_("How many requests to send at the same time, 1 to 16 (default 4)"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &cli->timeout,
      N_("Seconds to wait for each request, 1 to 600 (default 30)"), N_("SECONDS") },
    { "no-adapt", 0, 0, G_OPTION_ARG_NONE, &cli->no_adapt,
      N_("Send exactly --concurrency requests at a time, instead of adapting to how fast the server allows"),
      NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &cli->progress,
      N_("Show the progress and the current rate while changing (on a terminal only)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &cli->version,
      N_("Print the version and exit"), NULL },
    { "history", 0, 0, G_OPTION_ARG_NONE, &cli->history,
      N_("Print the history of changes, newest first (with --since, --image, --account, --json)"), NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &cli->since,
      N_("With --history or --export-history: only changes from this day on (UTC)"), N_("YYYY-MM-DD") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &cli->account,
      N_("With --history or --export-history: only this account, or with @NAME the accounts recorded under that recipient name"), N_("ID|@NAME") },
    { "export-history", 0, 0, G_OPTION_ARG_FILENAME, &cli->export_history,
      N_("Write the history to a CSV or JSON file (one row per account)"), N_("FILE.csv|FILE.json") },
    { "no-history", 0, 0, G_OPTION_ARG_NONE, &cli->no_history,
      N_("Send the change even if it cannot be written to the history first"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— share an ENS image with other Alibaba Cloud accounts"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  image_entries = _ens_cli_image_entries_new (cli);
  g_option_context_add_main_entries (context, image_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  recipient_entries = _ens_cli_recipient_entries_new (cli);
  g_option_context_add_main_entries (context, recipient_entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Shares a custom ENS (Edge Node Service) image with other accounts, stops sharing it, or lists who it is shared with. Without these options the window opens."));
  description =
    g_strconcat (_("Account lists:\n"
                   "  LIST is one or more account IDs (digits only, usually 16), separated by\n"
                   "  commas, semicolons, spaces or new lines. --add and --remove can be given\n"
                   "  more than once. Duplicates are dropped with a warning. If any ID is not\n"
                   "  valid, nothing is sent.\n"
                   "\n"),
                 _("Names:\n"
                   "  In a LIST, @NAME stands for a recipient or a group of the address book\n"
                   "  (--add=@Distributors, --remove='@Partner A'); names end at commas,\n"
                   "  semicolons and new lines. An unknown name is an error: nothing is sent.\n"
                   "  --import-recipients imports nothing when any row is bad (exit status 2)\n"
                   "  unless --import-valid is given; every bad row is named with its line.\n"
                   "  --account=ID|@NAME --images lists the own images that account (or every\n"
                   "  member of that group) can use; --revoke-all stops sharing them all, and\n"
                   "  --dry-run shows what it would stop.\n"
                   "\n"),
                 _("Credentials:\n"
                   "  The AccessKey comes from ALIBABA_CLOUD_ACCESS_KEY_ID and\n"
                   "  ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for\n"
                   "  temporary STS keys). If they are not set, the profile chosen with\n"
                   "  --profile (or the app’s active profile) is read from the keyring.\n"
                   "  Secrets are never printed.\n"
                   "\n"),
                 _("Exit status:\n"
                   "  0  every change was made\n"
                   "  1  a request failed or was stopped (every account is printed with\n"
                   "     its outcome)\n"
                   "  2  invalid input, usage or missing credentials; nothing was sent\n"
                   "  130, 143  stopped at once by a second Ctrl+C (SIGINT) or SIGTERM\n"
                   "\n"
                   "Stopping:\n"
                   "  The first Ctrl+C or SIGTERM sends nothing more and waits at most\n"
                   "  the timeout for requests already under way. An answer that was lost\n"
                   "  is checked by reading the list again.\n"
                   "\n"),
                 _("History:\n"
                   "  Every change is written to the history before it is sent; if that is\n"
                   "  not possible, nothing is sent (exit status 1) unless --no-history is\n"
                   "  given. Changes an earlier run left unfinished are checked against the\n"
                   "  share list at the start.\n"
                   "\n"),
                 _("Several images, copying and previews:\n"
                   "  --image can be given more than once: the same --add and --remove apply\n"
                   "  to each image. For every change, to one image or several, each\n"
                   "  image’s list is read first: adding an account that already has\n"
                   "  access, or removing one that never had it, is skipped and named, and\n"
                   "  sharing with your own account is refused (exit 2). Afterwards each\n"
                   "  list is read again and every account confirmed is marked verified.\n"
                   "\n"),
                 _("Examples:\n"
                   "  ens-image-share --image=m-5s7qotzavwbrnzaqh4unmabcd --list\n"
                   "  ens-image-share --image=m-5s7qotzavwbrnzaqh4unmabcd \\\n"
                   "      --add=1234567890123456,6543210987654321 --json"),
                 NULL);
  g_option_context_set_description (context, description);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  if (cli->version)
    {
      g_print ("ens-image-share %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (args[1] != NULL)
    {
      g_printerr (_("Unexpected argument “%s”.\n"), args[1]);
      g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  if (cli->history || cli->export_history != NULL)
    return _ens_cli_history_show (cli);

  status = _ens_cli_recipients_run_book (cli);
  if (status >= 0)
    return status;

  if (cli->image == NULL && !cli->list_images && !cli->whoami)
    {
      g_printerr (_("Give the image with --image=ID.\n"));
      g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  if (cli->add == NULL && cli->remove == NULL && !cli->list && cli->copy_from == NULL &&
      !cli->list_images && !cli->whoami)
    {
      g_printerr (_("Nothing to do: give --add, --remove or --list.\n"));
      g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  if (cli->image != NULL)
    {
      cli->image_id = ens_image_id_parse (cli->image, &error);
      if (cli->image_id == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_USAGE;
        }
    }

  status = _ens_cli_images_check_options (cli);
  if (status >= 0)
    return status;

  status = _ens_cli_recipients_check_account (cli, &cli->account_ids);
  if (status >= 0)
    return status;

  /* Names and groups (@NAME) become their account IDs; an unknown name
   * is refused like an invalid ID. */
  if (!_ens_cli_recipients_expand (cli, &cli->add) || !_ens_cli_recipients_expand (cli, &cli->remove))
    {
      g_printerr (_("Nothing was sent. Correct the names and try again.\n"));
      return EXIT_USAGE;
    }

  {
    gboolean add_ok = parse_accounts (cli->add, &add);
    gboolean remove_ok = parse_accounts (cli->remove, &remove);

    if (!add_ok || !remove_ok)
      {
        g_printerr (_("Nothing was sent. Correct the account IDs and try again.\n"));
        return EXIT_USAGE;
      }
  }

  if (add != NULL && remove != NULL)
    {
      for (guint i = 0; g_ptr_array_index (add, i) != NULL; i++)
        {
          const char *account = g_ptr_array_index (add, i);

          if (g_strv_contains ((const char * const *)remove->pdata, account))
            {
              g_printerr (_("Account %s is both in --add and in --remove. Nothing was sent.\n"),
                          account);
              return EXIT_USAGE;
            }
        }
    }

  if ((add != NULL || remove != NULL) &&
      (add != NULL ? add->len - 1 : 0) + (remove != NULL ? remove->len - 1 : 0) == 0)
    {
      g_printerr (_("The account list is empty. Nothing was sent.\n"));
      return EXIT_USAGE;
    }

  cli->settings = lookup_settings ();
  cli->client = ens_client_new ();
  {
    g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();

    /* The settings are applied once, by the same code as the app's. */
    cli->session = g_object_new (ENS_TYPE_SESSION,
                                 "client", cli->client,
                                 "credential-store", store,
                                 "settings", cli->settings,
                                 "follow-settings", FALSE,
                                 NULL);
  }

  if (cli->signature != NULL)
    {
      if (g_ascii_strcasecmp (cli->signature, "v1") == 0 || strcmp (cli->signature, "1") == 0)
        ens_client_set_signature_version (cli->client, ENS_SIGNATURE_V1);
      else if (g_ascii_strcasecmp (cli->signature, "v3") == 0 || strcmp (cli->signature, "3") == 0)
        ens_client_set_signature_version (cli->client, ENS_SIGNATURE_V3);
      else
        {
          g_printerr (_("Unknown signature version “%s”: use v1 or v3.\n"), cli->signature);
          return EXIT_USAGE;
        }
    }

  if (cli->concurrency != NULL)
    {
      gint64 concurrency;

      if (!g_ascii_string_to_signed (cli->concurrency, 10, 1, 16, &concurrency, NULL))
        {
          g_printerr (_("--concurrency must be between 1 and 16.\n"));
          return EXIT_USAGE;
        }
      ens_client_set_concurrency (cli->client, (guint) concurrency);
    }

  if (cli->no_adapt)
    ens_client_set_adapt_concurrency (cli->client, FALSE);

  if (cli->timeout != NULL)
    {
      guint connect_timeout;
      gint64 timeout;

      if (!g_ascii_string_to_signed (cli->timeout, 10, 1, 600, &timeout, NULL))
        {
          g_printerr (_("--timeout must be between 1 and 600 seconds.\n"));
          return EXIT_USAGE;
        }
      g_object_get (cli->client, "connect-timeout", &connect_timeout, NULL);
      ens_client_set_timeouts (cli->client, MIN (connect_timeout, (guint) timeout), (guint) timeout);
    }

  if (!ens_session_set_endpoint_override (cli->session, cli->endpoint, &error))
    {
      _ens_cli_print_error_details (error, NULL);
      g_printerr (_("Nothing was sent.\n"));
      return EXIT_USAGE;
    }

  /* Reading the address book may have made it already. */
  if (cli->loop == NULL)
    cli->loop = g_main_loop_new (NULL, FALSE);
  cli->cancellable = g_cancellable_new ();
  signal_ids[0] = g_unix_signal_add (SIGINT, on_sigint, cli);
  signal_ids[1] = g_unix_signal_add (SIGTERM, on_sigterm, cli);

  status = cli_run_requests (cli, add, remove);

  g_source_remove (signal_ids[0]);
  g_source_remove (signal_ids[1]);

  return status;
}

static int
cli_run_requests (Cli       *cli,
                  GPtrArray *add,
                  GPtrArray *remove)
{
  g_autoptr(EnsCredentials) environment = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* Credentials: the environment first, then the keyring.  Variables set
   * in part or wrongly are reported, never silently skipped. */
  if (!ens_credentials_from_environment (&environment, &error) && error != NULL)
    {
      /* The messages name the problem, never the value. */
      g_printerr ("%s\n", error->message);
      g_printerr (_("Nothing was sent.\n"));
      return EXIT_USAGE;
    }

  ens_session_resolve_async (cli->session, cli->profile, cli->cancellable, resolve_cb, cli);
  g_main_loop_run (cli->loop);

  if (cli->source == ENS_CREDENTIAL_SOURCE_NONE)
    {
      if (cli->credentials_error != NULL &&
          !g_error_matches (cli->credentials_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _ens_cli_print_error_details (cli->credentials_error, NULL);
      g_printerr (_("No AccessKey to sign the requests with. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or save an AccessKey in ENS Image Share. Nothing was sent.\n"));
      return EXIT_USAGE;
    }

  /* No change without a record: the history is opened before anything
   * is sent, and what an earlier run left unfinished is checked. */
  if (!_ens_cli_history_start (cli, (add != NULL || remove != NULL || cli->copy_from != NULL ||
                                     cli->revoke_all) &&
                                    !cli->dry_run))
    return EXIT_FAILED;

  if (cli->account_ids != NULL)
    return _ens_cli_recipients_run_account (cli, (const char * const *)cli->account_ids);

  status = _ens_cli_run_images (cli, add, remove);
  if (status >= 0)
    return status;

  if (cli->list && !g_cancellable_is_cancelled (cli->cancellable))
    {
      ens_client_describe_image_share_permission_async (cli->client, cli->image_id,
                                                        cli->cancellable, list_cb, cli);
      g_main_loop_run (cli->loop);
    }
  else if (cli->list)
    {
      cli->list_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The operation was cancelled."));
    }

  if (cli->json)
    {
      _ens_cli_print_json (cli);
    }
  else
    {
      if (cli->plan != NULL)
        _ens_cli_print_plan (cli);
      if (cli->list)
        _ens_cli_print_list (cli);
    }

  if (cli->plan_error != NULL || cli->list_error != NULL)
    return EXIT_FAILED;

  return EXIT_OK;
}

/**
 * ens_cli_run:
 *
 * Runs the command line.
 *
 * Returns: the exit status: 0 when everything succeeded, 1 when a request
 *   failed, 2 for invalid input or usage (nothing was sent)
 */
int
ens_cli_run (int    argc,
             char **argv)
{
  Cli cli = { 0, };
  int status;

  status = cli_main (&cli, argc, argv);
  cli_clear (&cli);

  return status;
}
