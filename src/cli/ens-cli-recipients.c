/* ens-cli-recipients.c
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
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ens-cli-private.h"

/*
 * The address book on the command line: names and groups written with a
 * leading @ in any account LIST, --recipients, --import-recipients,
 * --export-recipients, and --account=ID|@NAME --images [--revoke-all].
 * The book is the app's (ens_store_dup_default_path()).
 */

#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2
#define CONTINUE    -1

GOptionEntry *
_ens_cli_recipient_entries_new (Cli *cli)
{
  const GOptionEntry entries[] = {
    { "recipients", 0, 0, G_OPTION_ARG_NONE, &cli->recipients,
      N_("List the address book: named recipients and their groups (with --json too)"), NULL },
    { "import-recipients", 0, 0, G_OPTION_ARG_FILENAME, &cli->import_recipients,
      N_("Add the recipients of a CSV file (name, account ID, group, note); if any row is bad, nothing is imported"),
      N_("FILE.csv") },
    { "import-valid", 0, 0, G_OPTION_ARG_NONE, &cli->import_valid,
      N_("With --import-recipients: import the valid rows even if some are bad"), NULL },
    { "export-recipients", 0, 0, G_OPTION_ARG_FILENAME, &cli->export_recipients,
      N_("Write the address book to a CSV file"), N_("FILE.csv") },
    { "revoke-all", 0, 0, G_OPTION_ARG_NONE, &cli->revoke_all,
      N_("With --account and --images: stop sharing every one of those images with the account (or group)"),
      NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

gboolean
_ens_cli_recipients_wanted (const char *arg)
{
  static const char * const options[] = {
    "--recipients", "--import-recipients", "--import-valid", "--export-recipients", "--revoke-all",
  };

  return _ens_cli_arg_is_option (arg, options, G_N_ELEMENTS (options));
}

void
_ens_cli_recipients_clear (Cli *cli)
{
  g_clear_pointer (&cli->import_recipients, g_free);
  g_clear_pointer (&cli->export_recipients, g_free);
  g_clear_object (&cli->recipients_book);
  g_clear_error (&cli->recipients_error);
  g_clear_object (&cli->data_store);
}

/**
 * _ens_cli_get_store:
 *
 * Returns: (transfer none): the store (the default file) that the history
 *   and the book share, made when first asked for
 */
EnsStore *
_ens_cli_get_store (Cli *cli)
{
  if (cli->data_store == NULL)
    cli->data_store = ens_store_new (NULL);

  return cli->data_store;
}

/* The book {{{ */

/* Runs one call to completion; the book is read before cli_main() makes
 * cli->loop, so it is made here when needed. */
static GAsyncResult *
wait_run (Cli        *cli,
          EnsCliWait *wait)
{
  GAsyncResult *result = _ens_cli_wait_for (cli, wait);

  wait->result = NULL;

  return result;
}

static EnsCliWait
wait_new (Cli *cli)
{
  if (cli->loop == NULL)
    cli->loop = g_main_loop_new (NULL, FALSE);

  return (EnsCliWait) { cli->loop, NULL };
}

/* Reads the book once.  When the file does not exist and @create is FALSE
 * the book is empty and nothing is written. */
static EnsRecipients *
book (Cli      *cli,
      gboolean  create)
{
  EnsStore *store = _ens_cli_get_store (cli);
  const char *path = ens_store_get_path (store);
  g_autoptr(GAsyncResult) result = NULL;
  EnsCliWait wait;

  if (cli->recipients_book != NULL || cli->recipients_error != NULL)
    return cli->recipients_book;

  cli->recipients_book = ens_recipients_new (store);
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    return cli->recipients_book;

  wait = wait_new (cli);
  ens_recipients_load_async (cli->recipients_book, NULL, _ens_cli_wait_cb, &wait);
  result = wait_run (cli, &wait);
  if (!ens_recipients_load_finish (cli->recipients_book, result, &cli->recipients_error))
    {
      g_clear_object (&cli->recipients_book);
      return NULL;
    }

  _ens_cli_say_moved_aside (cli);

  return cli->recipients_book;
}

/**
 * _ens_cli_say_moved_aside:
 *
 * Says once that the store's file was damaged and moved aside, when it was.
 */
void
_ens_cli_say_moved_aside (Cli *cli)
{
  g_autofree char *message = ens_store_dup_moved_aside_message (_ens_cli_get_store (cli));

  if (message != NULL && !cli->moved_aside_said)
    g_printerr ("%s\n", message);
  cli->moved_aside_said = cli->moved_aside_said || message != NULL;
}

/**
 * _ens_cli_dup_recipient_names:
 *
 * Returns: (transfer full) (nullable): account ID → recipient name, from the
 *   book when there is one (the history records the names of the time)
 */
GHashTable *
_ens_cli_dup_recipient_names (Cli *cli)
{
  EnsRecipients *recipients = book (cli, FALSE);
  GHashTable *names;
  guint n;

  if (recipients == NULL || (n = g_list_model_get_n_items (G_LIST_MODEL (recipients))) == 0)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsRecipient) recipient = g_list_model_get_item (G_LIST_MODEL (recipients), i);

      g_hash_table_insert (names, g_strdup (ens_recipient_get_account_id (recipient)),
                           g_strdup (ens_recipient_get_name (recipient)));
    }

  return names;
}

/**
 * _ens_cli_account_label:
 *
 * Returns: (transfer full): “Partner A · 1234567890123456” when the book
 *   names the account, else the ID; safe to print
 */
char *
_ens_cli_account_label (Cli        *cli,
                        const char *account_id)
{
  EnsRecipients *recipients;

  if (account_id == NULL)
    return g_strdup ("");

  recipients = book (cli, FALSE);
  if (recipients == NULL)
    return ens_text_sanitize (account_id, -1);

  return ens_recipients_dup_label (recipients, account_id);
}

/**
 * _ens_cli_json_add_names:
 * @accounts: (element-type utf8): account IDs, repeats allowed
 *
 * Adds "names": an object from each of @accounts that the address book
 * names to its name (empty when none is named, or there is no book).
 */
void
_ens_cli_json_add_names (Cli         *cli,
                         JsonBuilder *builder,
                         GPtrArray   *accounts)
{
  EnsRecipients *recipients = accounts->len > 0 ? book (cli, FALSE) : NULL;
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);

  json_builder_set_member_name (builder, "names");
  json_builder_begin_object (builder);
  for (guint i = 0; recipients != NULL && i < accounts->len; i++)
    {
      const char *account_id = g_ptr_array_index (accounts, i);
      EnsRecipient *recipient = ens_recipients_lookup (recipients, account_id);
      g_autofree char *name = NULL;

      if (recipient == NULL || !g_hash_table_add (added, (gpointer) account_id))
        continue;
      name = ens_text_sanitize (ens_recipient_get_name (recipient), -1);
      json_builder_set_member_name (builder, account_id);
      json_builder_add_string_value (builder, name);
    }
  json_builder_end_object (builder);
}

/* “@Name” in a LIST: a recipient or a group, as its account IDs.  The
 * names are cut at commas, semicolons and new lines, so that a name can
 * hold spaces (--remove='@Partner A'). */
gboolean
_ens_cli_recipients_expand (Cli    *cli,
                            char ***values)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean ok = TRUE;
  gboolean any = FALSE;

  for (guint i = 0; *values != NULL && (*values)[i] != NULL; i++)
    any |= strchr ((*values)[i], '@') != NULL;
  if (!any)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; (*values)[i] != NULL; i++)
    {
      g_auto(GStrv) pieces = g_regex_split_simple ("[,;\\n\\r\\x{FF0C}\\x{3001}]", (*values)[i], 0, 0);

      for (guint p = 0; pieces[p] != NULL; p++)
        {
          g_autofree char *piece = g_strstrip (g_strdup (pieces[p]));
          g_autoptr(GError) error = NULL;
          g_auto(GStrv) ids = NULL;
          EnsRecipients *recipients;

          if (piece[0] != '@')
            {
              g_strv_builder_add (builder, piece);
              continue;
            }

          recipients = book (cli, FALSE);
          if (recipients == NULL)
            {
              g_printerr (_("Error: %s\n"), cli->recipients_error->message);
              ok = FALSE;
              continue;
            }

          ids = ens_recipients_resolve (recipients, piece, &error);
          if (ids == NULL)
            {
              /* Translators: %s explains why a name is refused */
              g_printerr (_("Error: %s\n"), error->message);
              ok = FALSE;
              continue;
            }
          g_strv_builder_addv (builder, (const char **)ids);
        }
    }

  if (!ok)
    return FALSE;

  g_strfreev (*values);
  *values = g_strv_builder_end (builder);

  return TRUE;
}

/* }}} */

/* --recipients, --import-recipients, --export-recipients {{{ */

static int
list_recipients (Cli           *cli,
                 EnsRecipients *recipients)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (recipients));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "recipients");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EnsRecipient) recipient = g_list_model_get_item (G_LIST_MODEL (recipients), i);
          const char * const *groups = ens_recipient_get_groups (recipient);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, ens_recipient_get_name (recipient));
          json_builder_set_member_name (builder, "account_id");
          json_builder_add_string_value (builder, ens_recipient_get_account_id (recipient));
          ens_json_builder_add_nullable_string (builder, "note", ens_recipient_get_note (recipient));
          json_builder_set_member_name (builder, "groups");
          json_builder_begin_array (builder);
          for (guint g = 0; groups[g] != NULL; g++)
            json_builder_add_string_value (builder, groups[g]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("The address book is empty.\n"));
      return EXIT_OK;
    }

  /* Translators: the column headings of --recipients; keep them short */
  g_print ("%-32s %-20s %s\n", _("NAME"), _("ACCOUNT ID"), _("GROUPS"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsRecipient) recipient = g_list_model_get_item (G_LIST_MODEL (recipients), i);
      g_autofree char *groups = g_strjoinv (", ", (char **)ens_recipient_get_groups (recipient));
      SAFE_TEXT (name, ens_recipient_get_name (recipient));
      SAFE_TEXT (safe_groups, groups);

      g_print ("%-32s %-20s %s\n", name, ens_recipient_get_account_id (recipient),
               safe_groups[0] != '\0' ? safe_groups : "-");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u recipient.\n", "%u recipients.\n", n), n);

  return EXIT_OK;
}

static int
import_recipients (Cli           *cli,
                   EnsRecipients *recipients)
{
  g_autoptr(EnsRecipientsCsv) csv = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EnsCliWait wait;
  gsize len;

  if (!g_file_get_contents (cli->import_recipients, &text, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Nothing was imported.\n"));
      return EXIT_USAGE;
    }

  csv = ens_recipients_csv_parse (text, len);
  ens_recipients_csv_check (csv, recipients);

  for (guint i = 0; i < csv->issues->len; i++)
    {
      EnsRecipientsCsvIssue *issue = g_ptr_array_index (csv->issues, i);

      /* Translators: a line number of the CSV file, then why it is refused */
      g_printerr (_("Line %u: %s\n"), issue->line, issue->message);
    }

  if (csv->issues->len > 0 && !cli->import_valid)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u row cannot be imported, so nothing was imported. Correct it, or give --import-valid to import the %u valid rows.\n",
                               "%u rows cannot be imported, so nothing was imported. Correct them, or give --import-valid to import the %u valid rows.\n",
                               csv->issues->len),
                  csv->issues->len, csv->rows->len);
      return EXIT_USAGE;
    }

  if (csv->rows->len == 0)
    {
      g_printerr (_("The file has no rows to import.\n"));
      return csv->issues->len > 0 ? EXIT_USAGE : EXIT_OK;
    }

  wait = wait_new (cli);
  ens_recipients_import_async (recipients, csv, NULL, _ens_cli_wait_cb, &wait);
  result = wait_run (cli, &wait);
  if (!ens_recipients_import_finish (recipients, result, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Nothing was imported.\n"));
      return g_error_matches (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT) ? EXIT_USAGE : EXIT_FAILED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u row.\n", "Imported %u rows.\n", csv->rows->len),
           csv->rows->len);

  /* With --import-valid the bad rows were left out on purpose. */
  return EXIT_OK;
}

static int
export_recipients (Cli           *cli,
                   EnsRecipients *recipients)
{
  g_autofree char *text = ens_recipients_dup_csv (recipients);
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (recipients));

  if (!g_file_set_contents_full (cli->export_recipients, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %u recipient to %s.\n", "Wrote %u recipients to %s.\n", n),
              n, cli->export_recipients);

  return EXIT_OK;
}

/* The commands that use the book alone (no request is sent); CONTINUE
 * when none was given. */
int
_ens_cli_recipients_run_book (Cli *cli)
{
  EnsRecipients *recipients;

  if (cli->revoke_all && (cli->account == NULL || !cli->list_images))
    {
      g_printerr (_("--revoke-all goes with --account=ID|@NAME --images.\n"));
      return EXIT_USAGE;
    }

  if (!cli->recipients && cli->import_recipients == NULL && cli->export_recipients == NULL)
    {
      if (cli->import_valid)
        {
          g_printerr (_("--import-valid goes with --import-recipients=FILE.csv.\n"));
          return EXIT_USAGE;
        }
      return CONTINUE;
    }

  if (cli->image != NULL || cli->add != NULL || cli->remove != NULL || cli->list)
    {
      g_printerr (_("--recipients, --import-recipients and --export-recipients work on their own: give them without --image, --add, --remove or --list.\n"));
      return EXIT_USAGE;
    }

  recipients = book (cli, cli->import_recipients != NULL);
  if (recipients == NULL)
    {
      g_printerr ("%s\n", cli->recipients_error->message);
      return EXIT_FAILED;
    }

  if (cli->import_recipients != NULL)
    return import_recipients (cli, recipients);
  if (cli->export_recipients != NULL)
    return export_recipients (cli, recipients);

  return list_recipients (cli, recipients);
}

/* }}} */

/* --account=ID|@NAME --images [--revoke-all] {{{ */

/* The accounts of --account: one ID, or a recipient's or group's name. */
static GStrv
account_ids (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (cli->account[0] == '@')
    {
      EnsRecipients *recipients = book (cli, FALSE);
      GStrv ids;

      if (recipients == NULL)
        {
          g_printerr (_("Error: %s\n"), cli->recipients_error->message);
          return NULL;
        }
      ids = ens_recipients_resolve (recipients, cli->account, &error);
      if (ids == NULL)
        g_printerr (_("Error: %s\n"), error->message);
      return ids;
    }

  id = ens_recipients_clean_account_id (cli->account, &error);
  if (id == NULL)
    {
      g_printerr (_("Error: %s\n"), error->message);
      return NULL;
    }

  return g_strdupv ((char *[]) { id, NULL });
}

/* Checked with the other options, before any request: CONTINUE, or an
 * exit status. */
int
_ens_cli_recipients_check_account (Cli    *cli,
                                   GStrv  *ids)
{
  *ids = NULL;

  if (cli->account == NULL || !cli->list_images)
    return CONTINUE;

  *ids = account_ids (cli);
  if (*ids == NULL)
    {
      g_printerr (_("Nothing was sent.\n"));
      return EXIT_USAGE;
    }

  return CONTINUE;
}

static void
find_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Cli *cli = user_data;

  if (!cli->progress || !isatty (STDERR_FILENO))
    return;

  g_printerr ("\r");
  /* Translators: progress of --account --images: requests answered / all */
  g_printerr (_("Reading the lists of accounts: %u of %u"), done, total);
  cli->progress_shown = TRUE;
}

static void
print_access (Cli       *cli,
              GPtrArray *access)
{
  guint n = 0;

  for (guint i = 0; i < access->len; i++)
    {
      EnsImageAccess *one = g_ptr_array_index (access, i);
      g_autoptr(GString) who = g_string_new (NULL);
      SAFE_TEXT (name, one->image_name);

      if (one->error != NULL)
        {
          SAFE_TEXT (message, one->error->message);

          /* Translators: an image ID, then why its list could not be read */
          g_printerr (_("Warning: the accounts of image %s could not be read: %s\n"), one->image_id, message);
          continue;
        }
      if (one->accounts[0] == NULL)
        continue;

      for (guint a = 0; one->accounts[a] != NULL; a++)
        {
          g_autofree char *label = _ens_cli_account_label (cli, one->accounts[a]);

          g_string_append_printf (who, "%s%s", a > 0 ? ", " : "", label);
        }
      g_print ("%-30s %-32s %s\n", one->image_id, name != NULL && name[0] != '\0' ? name : "-", who->str);
      n++;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u image can be used.\n", "%u images can be used.\n", n), n);
}

/* With the client signed in and the history open: lists the own images
 * @ids can use and, with --revoke-all, stops sharing them. */
int
_ens_cli_recipients_run_account (Cli                *cli,
                                 const char * const *ids)
{
  g_autoptr(GPtrArray) access = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EnsCliWait wait = wait_new (cli);
  guint n_failed = 0;

  ens_client_describe_self_images_async (cli->client, cli->cancellable, _ens_cli_wait_cb, &wait);
  result = wait_run (cli, &wait);
  cli->own_images = ens_client_describe_self_images_finish (cli->client, result, NULL, NULL, &error);
  if (cli->own_images == NULL)
    {
      _ens_cli_print_error_details (error, _("Could not list the account’s own images"));
      return EXIT_FAILED;
    }

  g_clear_object (&result);
  ens_client_find_account_images_async (cli->client, cli->own_images, ids, find_progress_cb, cli,
                                        cli->cancellable, _ens_cli_wait_cb, &wait);
  result = wait_run (cli, &wait);
  access = ens_client_find_account_images_finish (cli->client, result, &n_failed, &error);
  if (cli->progress_shown)
    g_printerr ("\n");
  cli->progress_shown = FALSE;
  if (access == NULL)
    {
      _ens_cli_print_error_details (error, _("Could not read the lists of accounts"));
      return EXIT_FAILED;
    }

  if (!cli->revoke_all)
    {
      print_access (cli, access);
      return n_failed > 0 ? EXIT_FAILED : EXIT_OK;
    }

  if (n_failed > 0)
    {
      print_access (cli, access);
      g_printerr (_("Some lists could not be read, so not everything shared can be stopped. Nothing was sent.\n"));
      return EXIT_FAILED;
    }

  cli->plan = ens_share_plan_new_offboarding (access);
  if (cli->plan == NULL)
    {
      g_print (_("No own image is shared with these accounts. Nothing was sent.\n"));
      return EXIT_OK;
    }

  /* The image column of the outcome, as for several --image. */
  {
    g_auto(GStrv) images = ens_share_plan_dup_image_ids (cli->plan);

    g_ptr_array_set_size (cli->image_ids, 0);
    for (guint i = 0; images[i] != NULL; i++)
      g_ptr_array_add (cli->image_ids, g_strdup (images[i]));
  }

  if (cli->dry_run)
    {
      for (guint p = 0; p < ens_share_plan_get_n_accounts (cli->plan); p++)
        {
          g_autofree char *label = _ens_cli_account_label (cli, ens_share_plan_get_account (cli->plan, p));

          /* Translators: --revoke-all --dry-run: an image ID, then an account */
          g_print (_("would stop sharing %s with %s\n"),
                   ens_share_plan_get_account_image_id (cli->plan, p), label);
        }
      g_print (_("Dry run: nothing was sent.\n"));
      return EXIT_OK;
    }

  if (!_ens_cli_history_begin (cli))
    return EXIT_FAILED;

  g_clear_object (&result);
  ens_client_run_plan_async (cli->client, cli->plan, cli->cancellable, _ens_cli_wait_cb, &wait);
  result = wait_run (cli, &wait);
  ens_client_run_plan_finish (cli->client, result, &cli->plan_error);
  if (!_ens_cli_history_end (cli) && cli->plan_error == NULL)
    cli->plan_error = g_error_new_literal (ENS_ERROR, ENS_ERROR_STORAGE,
                                           _("The history could not be written."));

  if (cli->json)
    _ens_cli_print_json (cli);
  else
    _ens_cli_print_plan (cli);

  return cli->plan_error != NULL ? EXIT_FAILED : EXIT_OK;
}

/* }}} */
