/* ens-cli-images.c
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
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "ens-cli-private.h"
#include "ens-core.h"

/*
 * Issue 13 on the command line: --image more than once, copying sharing
 * from one image to another, --dry-run, --images, --whoami, and for
 * every change: whose key this is (sharing with one's own account is
 * refused before anything is sent), a preview against each image's list
 * (accounts with nothing to change are skipped and named), and the lists
 * read again afterwards (each account verified, or the disagreement said).
 */

#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2
#define CONTINUE     -1

static Cli *current_cli;

static gboolean
image_option_cb (const char  *option_name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  Cli *cli = current_cli;

  g_assert (cli != NULL);

  if (cli->image == NULL)
    {
      cli->image = g_strdup (value);
      return TRUE;
    }

  if (cli->more_images == NULL)
    cli->more_images = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (cli->more_images, g_strdup (value));

  return TRUE;
}

/**
 * _ens_cli_image_entries_new:
 *
 * The options of issue 13, pointing at @cli's fields.  --image collects
 * every value through a callback, which finds @cli here (GOptionContext's
 * main group passes no data to callbacks).
 *
 * Returns: (transfer full): the entries, ending with an empty one; free
 *   with g_free()
 */
GOptionEntry *
_ens_cli_image_entries_new (Cli *cli)
{
  const GOptionEntry entries[] = {
    { "image", 'i', 0, G_OPTION_ARG_CALLBACK, image_option_cb,
      N_("The image to work on, e.g. m-5s7qotzavwbrnzaqh4unmabcd; give it more than once for the same change to several images"),
      N_("ID") },
    { "images", 0, 0, G_OPTION_ARG_NONE, &cli->list_images,
      N_("List the account’s own images: name, ID, status and how many accounts each is shared with"), NULL },
    { "whoami", 0, 0, G_OPTION_ARG_NONE, &cli->whoami,
      N_("Print which account and RAM user the AccessKey belongs to"), NULL },
    { "copy-shares-from", 0, 0, G_OPTION_ARG_STRING, &cli->copy_from,
      N_("Share --image with every account this image is shared with"), N_("ID") },
    { "exact", 0, 0, G_OPTION_ARG_NONE, &cli->exact,
      N_("With --copy-shares-from: also stop sharing --image with accounts the other image lacks"), NULL },
    { "stop-sharing-source", 0, 0, G_OPTION_ARG_NONE, &cli->stop_source,
      N_("With --copy-shares-from: afterwards stop sharing the other image"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &cli->dry_run,
      N_("Print what would be added, removed and skipped, and send no change"), NULL },
    { NULL }
  };

  current_cli = cli;

  return g_memdup2 (entries, sizeof entries);
}

gboolean
_ens_cli_images_wanted (const char *arg)
{
  static const char * const options[] = {
    "--images", "--whoami", "--copy-shares-from", "--exact", "--stop-sharing-source", "--dry-run",
  };

  return _ens_cli_arg_is_option (arg, options, G_N_ELEMENTS (options));
}

void
_ens_cli_images_clear (Cli *cli)
{
  g_clear_pointer (&cli->more_images, g_ptr_array_unref);
  g_clear_pointer (&cli->image_ids, g_ptr_array_unref);
  g_clear_pointer (&cli->copy_from, g_free);
  g_clear_pointer (&cli->copy_from_id, g_free);
  g_clear_object (&cli->identity);
  g_clear_error (&cli->identity_error);
  g_clear_object (&cli->own_images);
  g_clear_error (&cli->images_error);
  current_cli = NULL;
}

static int
usage (const char *message)
{
  g_printerr ("%s\n", message);
  g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

/* After the options are parsed and cli->image_id is set (when --image was
 * given): every other image and the combinations.  Returns an exit status,
 * or CONTINUE. */
int
_ens_cli_images_check_options (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  cli->image_ids = g_ptr_array_new_with_free_func (g_free);
  if (cli->image_id != NULL)
    g_ptr_array_add (cli->image_ids, g_strdup (cli->image_id));

  for (guint i = 0; cli->more_images != NULL && i < cli->more_images->len; i++)
    {
      char *image_id = ens_image_id_parse (g_ptr_array_index (cli->more_images, i), &error);

      if (image_id == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_USAGE;
        }
      if (g_ptr_array_find_with_equal_func (cli->image_ids, image_id, g_str_equal, NULL))
        g_free (image_id);
      else
        g_ptr_array_add (cli->image_ids, image_id);
    }

  if ((cli->list_images || cli->whoami) &&
      (cli->image != NULL || cli->add != NULL || cli->remove != NULL || cli->list ||
       cli->copy_from != NULL || (cli->dry_run && !cli->revoke_all)))
    return usage (_("--images and --whoami work on their own: give them without --image, --add, --remove, --list or --dry-run."));

  if (cli->image_ids->len > 1 && cli->list)
    return usage (_("--list works on one image: give --image once."));

  if ((cli->exact || cli->stop_source) && cli->copy_from == NULL)
    return usage (_("--exact and --stop-sharing-source need --copy-shares-from=ID."));

  if (cli->copy_from != NULL)
    {
      if (cli->add != NULL || cli->remove != NULL)
        return usage (_("--copy-shares-from decides what is added and removed: give it without --add or --remove."));
      if (cli->image_ids->len != 1)
        return usage (_("--copy-shares-from copies to one image: give --image once."));

      cli->copy_from_id = ens_image_id_parse (cli->copy_from, &error);
      if (cli->copy_from_id == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_USAGE;
        }
      if (strcmp (cli->copy_from_id, cli->image_id) == 0)
        return usage (_("--copy-shares-from names the same image as --image."));
    }

  if (cli->dry_run && cli->add == NULL && cli->remove == NULL && cli->copy_from == NULL &&
      !cli->revoke_all)
    return usage (_("--dry-run needs a change: give --add, --remove or --copy-shares-from."));

  return CONTINUE;
}

/* Waiting ----------------------------------------------------------------- */

void
_ens_cli_wait_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EnsCliWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the loop until the call started with _ens_cli_wait_cb and @wait
 * finishes. */
GAsyncResult *
_ens_cli_wait_for (Cli        *cli,
                   EnsCliWait *wait)
{
  g_main_loop_run (cli->loop);
  g_assert (wait->result != NULL);

  return wait->result;
}

static void
ask_identity (Cli *cli)
{
  EnsCliWait wait = { cli->loop, NULL };
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_get_caller_identity_async (cli->client, cli->cancellable, _ens_cli_wait_cb, &wait);
  result = _ens_cli_wait_for (cli, &wait);
  cli->identity = ens_client_get_caller_identity_finish (cli->client, result, &cli->identity_error);
}

static GStrv
read_shares (Cli         *cli,
             const char  *image_id,
             GError     **error)
{
  EnsCliWait wait = { cli->loop, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) shares = NULL;
  gboolean complete = FALSE;

  ens_client_describe_image_share_permission_async (cli->client, image_id, cli->cancellable,
                                                    _ens_cli_wait_cb, &wait);
  result = _ens_cli_wait_for (cli, &wait);
  shares = ens_client_describe_image_share_permission_finish_full (cli->client, result,
                                                                   &complete, error);
  if (shares != NULL && !complete)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_RESPONSE,
                   _("The list of accounts of image %s may be incomplete (the server’s pages did not add up), so what would change cannot be told."),
                   image_id);
      return NULL;
    }

  return g_steal_pointer (&shares);
}

/* --whoami and --images ----------------------------------------------------- */

static void
print_identity (Cli *cli)
{
  g_autofree char *user = ens_caller_identity_dup_user_name (cli->identity);
  SAFE_TEXT (type, ens_caller_identity_get_identity_type (cli->identity));
  SAFE_TEXT (safe_user, user);

  g_print (_("Account ID:     %s\n"), ens_caller_identity_get_account_id (cli->identity));
  g_print (_("RAM user:       %s\n"), safe_user != NULL ? safe_user : _("(none: the account’s own AccessKey)"));
  g_print (_("Identity type:  %s\n"), type != NULL ? type : "-");
}

static void
print_images (Cli *cli)
{
  guint n = g_list_model_get_n_items (cli->own_images);

  if (n == 0)
    {
      g_print (_("The account has no images of its own.\n"));
      return;
    }

  /* Translators: the column headings of --images; keep them short */
  g_print ("%-32s %-30s %-12s %s\n", _("NAME"), _("ID"), _("STATUS"), _("SHARED WITH"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (cli->own_images, i);
      SAFE_TEXT (name, ens_image_get_display_name (image));
      SAFE_TEXT (status, ens_image_get_status (image));
      int count = ens_image_get_share_count (image);
      g_autofree char *shared = count >= 0 ? g_strdup_printf ("%d", count) : g_strdup ("?");

      g_print ("%-32s %-30s %-12s %s\n", name, ens_image_get_image_id (image),
               status != NULL ? status : "-", shared);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u image.\n", "%u images.\n", n), n);
  if (cli->n_counts_failed > 0)
    g_printerr (_("Warning: the accounts of %u images could not be counted (shown as “?”).\n"),
                cli->n_counts_failed);
}

static int
run_whoami_and_images (Cli *cli)
{
  if (cli->whoami)
    {
      ask_identity (cli);
      if (cli->identity == NULL)
        {
          if (!cli->json)
            _ens_cli_print_error_details (cli->identity_error,
                                          _("Could not tell whose AccessKey this is"));
        }
      else if (!cli->json)
        {
          print_identity (cli);
        }
    }

  if (cli->list_images)
    {
      EnsCliWait wait = { cli->loop, NULL };
      g_autoptr(GAsyncResult) result = NULL;

      ens_client_describe_self_images_async (cli->client, cli->cancellable, _ens_cli_wait_cb, &wait);
      result = _ens_cli_wait_for (cli, &wait);
      cli->own_images = ens_client_describe_self_images_finish (cli->client, result, NULL, NULL,
                                                                &cli->images_error);
      if (cli->own_images != NULL)
        {
          EnsCliWait counts = { cli->loop, NULL };
          g_autoptr(GAsyncResult) counted = NULL;

          ens_client_count_shares_async (cli->client, cli->own_images, cli->cancellable,
                                         _ens_cli_wait_cb, &counts);
          counted = _ens_cli_wait_for (cli, &counts);
          ens_client_count_shares_finish (cli->client, counted, &cli->n_counts_failed, NULL);
          if (!cli->json)
            print_images (cli);
        }
      else if (!cli->json)
        {
          _ens_cli_print_error_details (cli->images_error, _("Could not list the images"));
        }
    }

  if (cli->json)
    _ens_cli_print_json (cli);

  return (cli->whoami && cli->identity == NULL) || (cli->list_images && cli->own_images == NULL)
         ? EXIT_FAILED : EXIT_OK;
}

/* Changes ------------------------------------------------------------------ */

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Cli *cli = user_data;

  ens_client_run_plan_finish (ENS_CLIENT (object), result, &cli->plan_error);
  g_main_loop_quit (cli->loop);
}

static gboolean
refuse_own_account (Cli       *cli,
                    GPtrArray *add)
{
  const char *own;

  if (cli->identity == NULL)
    return FALSE;

  own = ens_caller_identity_get_account_id (cli->identity);
  /* @add ends with NULL. */
  if (add == NULL || !g_strv_contains ((const char * const *)add->pdata, own))
    return FALSE;

  g_printerr (_("Account %s is your own account (the AccessKey belongs to it): an image cannot be shared with the account that owns it. Nothing was sent.\n"),
              own);
  return TRUE;
}

/* Whose key: asked before every change, so that the history names the
 * caller; sharing with one's own account is refused before sending
 * (EXIT_USAGE).  If STS cannot tell, the change goes on without the
 * caller in its record and, when it adds accounts, without that check,
 * and says so.  Returns CONTINUE to go on. */
static int
check_own_account (Cli       *cli,
                   GPtrArray *add)
{
  if (cli->identity == NULL && cli->identity_error == NULL)
    ask_identity (cli);
  if (cli->identity == NULL)
    {
      if (g_error_matches (cli->identity_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return EXIT_FAILED;
      if (add != NULL)
        g_printerr (_("Warning: could not tell whose AccessKey this is, so sharing with your own account is not checked.\n"));
      return CONTINUE;
    }

  return refuse_own_account (cli, add) ? EXIT_USAGE : CONTINUE;
}

/* With --stop-sharing-source (and not --dry-run) the source's removals
 * are left out here: they are added to the plan and sent only once every
 * change to the target is made (see stop_sharing_source()), so that no
 * recipient is left without either image. */
static EnsSharePlan *
build_copy_plan (Cli     *cli,
                 GStrv   *source_out,
                 GError **error)
{
  g_auto(GStrv) source = NULL;
  g_auto(GStrv) target = NULL;
  EnsSharePlan *plan;

  source = read_shares (cli, cli->copy_from_id, error);
  if (source == NULL)
    return NULL;
  target = read_shares (cli, cli->image_id, error);
  if (target == NULL)
    return NULL;

  plan = ens_share_plan_new_copy (cli->copy_from_id, (const char * const *)source,
                                  cli->image_id, (const char * const *)target,
                                  cli->exact, cli->stop_source && cli->dry_run);
  *source_out = g_steal_pointer (&source);

  return plan;
}

static void
run_plan (Cli *cli)
{
  if (cli->progress && isatty (STDERR_FILENO))
    {
      g_signal_connect_swapped (cli->plan, "notify::done", G_CALLBACK (_ens_cli_plan_progress_cb), cli);
      g_signal_connect_swapped (cli->plan, "notify::rate", G_CALLBACK (_ens_cli_plan_progress_cb), cli);
    }
  ens_client_run_plan_async (cli->client, cli->plan, cli->cancellable, plan_done_cb, cli);
  g_main_loop_run (cli->loop);
  g_signal_handlers_disconnect_by_func (cli->plan, _ens_cli_plan_progress_cb, cli);
  if (cli->progress_shown)
    g_printerr ("\n");
}

static gboolean
all_settled (EnsSharePlan *plan)
{
  guint n = ens_share_plan_get_n_accounts (plan);

  for (guint i = 0; i < n; i++)
    {
      EnsOutcomeState state = ens_share_plan_get_state (plan, i);

      if (state != ENS_OUTCOME_DONE && state != ENS_OUTCOME_SKIPPED)
        return FALSE;
    }

  return TRUE;
}

static gboolean
preview_plan (Cli     *cli,
              GError **error)
{
  EnsCliWait wait = { cli->loop, NULL };
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_preview_plan_async (cli->client, cli->plan, cli->cancellable, _ens_cli_wait_cb, &wait);
  result = _ens_cli_wait_for (cli, &wait);

  return ens_client_review_plan_finish (cli->client, result, error);
}

static void
verify_plan (Cli *cli)
{
  EnsCliWait wait = { cli->loop, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  guint n = ens_share_plan_get_n_accounts (cli->plan);

  /* Run again for the source's removals: the first run's marks stay. */
  g_clear_error (&cli->check_error);
  if (cli->checked == NULL)
    cli->checked = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n; i++)
    if (ens_share_plan_is_uncertain (cli->plan, i))
      g_hash_table_add (cli->checked, GUINT_TO_POINTER (i));

  ens_client_verify_plan_async (cli->client, cli->plan, cli->cancellable, _ens_cli_wait_cb, &wait);
  result = _ens_cli_wait_for (cli, &wait);
  ens_client_review_plan_finish (cli->client, result, &cli->check_error);

  /* The run's error stands only for what is still not done. */
  if (all_settled (cli->plan))
    g_clear_error (&cli->plan_error);
}

/* Runs what is pending of the plan, written to the history first (no change
 * without a record), and reads the lists again to verify it.  Returns
 * FALSE when the history refused it: nothing was sent. */
static gboolean
run_recorded (Cli *cli)
{
  if (!_ens_cli_history_begin (cli))
    return FALSE;

  run_plan (cli);

  /* Not after Ctrl+C: stopping means sending nothing more, lists included. */
  if (!g_cancellable_is_cancelled (cli->cancellable))
    {
      verify_plan (cli);
      _ens_cli_history_settle (cli, cli->checked);
    }

  if (!_ens_cli_history_end (cli) && cli->plan_error == NULL)
    cli->plan_error = g_error_new_literal (ENS_ERROR, ENS_ERROR_STORAGE,
                                           _("The history could not be written."));

  return TRUE;
}

/* Returns an exit status, or CONTINUE to --list and print as before. */
int
_ens_cli_run_images (Cli       *cli,
                     GPtrArray *add,
                     GPtrArray *remove)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) source_shares = NULL;
  int status;

  if (cli->whoami || cli->list_images)
    return run_whoami_and_images (cli);

  if (add == NULL && remove == NULL && cli->copy_from_id == NULL)
    return CONTINUE;

  /* One image or several, the same path: previewed against each list,
   * sent, verified against the lists read again (which also settles lost
   * answers).  Whose key it is is asked first: the record of the change
   * names the caller, additions are checked against it, and --dry-run's
   * --json names it. */
  status = check_own_account (cli, add);
  if (status != CONTINUE)
    return status;

  if (cli->copy_from_id != NULL)
    {
      cli->plan = build_copy_plan (cli, &source_shares, &error);
      if (cli->plan == NULL)
        {
          _ens_cli_print_error_details (error, _("Could not read the lists of accounts"));
          g_printerr (_("Nothing was sent.\n"));
          return EXIT_FAILED;
        }
    }
  else
    {
      g_ptr_array_add (cli->image_ids, NULL);
      cli->plan = ens_share_plan_new_for_images ((const char * const *)cli->image_ids->pdata,
                                                 add != NULL ? (const char * const *)add->pdata : NULL,
                                                 remove != NULL ? (const char * const *)remove->pdata : NULL);
      g_ptr_array_remove_index (cli->image_ids, cli->image_ids->len - 1);

      if (!preview_plan (cli, &error))
        {
          _ens_cli_print_error_details (error, cli->image_ids->len == 1
                                               ? _("Could not read the list of accounts")
                                               : _("Could not read the lists of accounts"));
          g_printerr (_("Nothing was sent.\n"));
          return EXIT_FAILED;
        }
    }

  if (cli->dry_run)
    {
      if (cli->json)
        _ens_cli_print_json (cli);
      else
        _ens_cli_print_plan (cli);
      return EXIT_OK;
    }

  if (!run_recorded (cli))
    return EXIT_FAILED;

  /* The source stops being shared only when the target has every account. */
  if (cli->stop_source && source_shares != NULL && !g_cancellable_is_cancelled (cli->cancellable))
    {
      if (!all_settled (cli->plan))
        {
          g_printerr (_("Not every account got the new image, so the old image is still shared.\n"));
          return CONTINUE;
        }
      ens_share_plan_append_change (cli->plan, cli->copy_from_id,
                                    (const char * const *)source_shares, ENS_SHARE_CHANGE_REMOVE);
      if (!run_recorded (cli))
        return EXIT_FAILED;
    }

  return CONTINUE;
}

/* Output ------------------------------------------------------------------- */

void
_ens_cli_print_image_column (Cli   *cli,
                             guint  position)
{
  if (cli->image_ids == NULL || (cli->image_ids->len <= 1 && cli->copy_from_id == NULL))
    return;

  g_print ("%s  ", ens_share_plan_get_account_image_id (cli->plan, position));
}

const char *
_ens_cli_verification_note (EnsSharePlan *plan,
                            guint         position)
{
  switch (ens_share_plan_get_verification (plan, position))
    {
    case ENS_VERIFY_VERIFIED:
      /* Translators: appended to a result line when the list read again shows it */
      return _("  (verified)");

    case ENS_VERIFY_DISAGREES:
      /* Translators: appended to a result line */
      return _("  BUT the list read again disagrees with what the server answered");

    case ENS_VERIFY_UNCHECKED:
    default:
      return "";
    }
}

void
_ens_cli_print_plan_summary (Cli   *cli,
                             guint  n_skipped)
{
  guint n_disagree = ens_share_plan_count_verification (cli->plan, ENS_VERIFY_DISAGREES);
  guint n_verified = ens_share_plan_count_verification (cli->plan, ENS_VERIFY_VERIFIED);

  if (n_skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u change skipped: nothing to change.\n",
                          "%u changes skipped: nothing to change.\n", n_skipped),
             n_skipped);
  if (cli->dry_run)
    {
      g_print (_("Dry run: nothing was sent.\n"));
      return;
    }
  if (n_verified > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u account verified by reading the list again.\n",
                          "%u accounts verified by reading the list again.\n", n_verified),
             n_verified);
  if (n_disagree > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Warning: for %u account the list read again disagrees with what the server answered. Run --list to see the list as it is.\n",
                             "Warning: for %u accounts the list read again disagrees with what the server answered. Run --list to see the list as it is.\n",
                             n_disagree),
                n_disagree);
}

void
_ens_cli_json_add_plan_details (JsonBuilder  *builder,
                                EnsSharePlan *plan,
                                guint         position)
{
  static const char * const skip_reasons[] = { NULL, "already-shared", "not-shared" };
  static const char * const verifications[] = { "unchecked", "verified", "disagrees" };
  EnsSkipReason reason = ens_share_plan_get_skip_reason (plan, position);
  EnsVerification verification = ens_share_plan_get_verification (plan, position);

  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, ens_share_plan_get_account_image_id (plan, position));
  json_builder_set_member_name (builder, "skip_reason");
  if (reason > ENS_SKIP_NONE && reason < G_N_ELEMENTS (skip_reasons))
    json_builder_add_string_value (builder, skip_reasons[reason]);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "verification");
  json_builder_add_string_value (builder, verification < G_N_ELEMENTS (verifications)
                                          ? verifications[verification] : "unchecked");
}

void
_ens_cli_json_add_images (Cli         *cli,
                          JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, cli->dry_run);

  if (cli->identity != NULL)
    {
      g_autofree char *user = ens_caller_identity_dup_user_name (cli->identity);
      SAFE_TEXT (safe_user, user);
      SAFE_TEXT (type, ens_caller_identity_get_identity_type (cli->identity));
      SAFE_TEXT (arn, ens_caller_identity_get_arn (cli->identity));

      json_builder_set_member_name (builder, "identity");
      json_builder_begin_object (builder);
      ens_json_builder_add_nullable_string (builder, "account_id",
                                            ens_caller_identity_get_account_id (cli->identity));
      ens_json_builder_add_nullable_string (builder, "user", safe_user);
      ens_json_builder_add_nullable_string (builder, "identity_type", type);
      ens_json_builder_add_nullable_string (builder, "arn", arn);
      json_builder_end_object (builder);
    }

  if (cli->list_images)
    {
      guint n = cli->own_images != NULL ? g_list_model_get_n_items (cli->own_images) : 0;

      json_builder_set_member_name (builder, "images");
      if (cli->own_images == NULL)
        {
          json_builder_add_null_value (builder);
          return;
        }
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EnsImage) image = g_list_model_get_item (cli->own_images, i);
          SAFE_TEXT (name, ens_image_get_image_name (image));
          SAFE_TEXT (status, ens_image_get_status (image));
          SAFE_TEXT (platform, ens_image_get_platform (image));
          SAFE_TEXT (created, ens_image_get_creation_time (image));
          int count = ens_image_get_share_count (image);

          json_builder_begin_object (builder);
          ens_json_builder_add_nullable_string (builder, "id", ens_image_get_image_id (image));
          ens_json_builder_add_nullable_string (builder, "name", name);
          ens_json_builder_add_nullable_string (builder, "status", status);
          ens_json_builder_add_nullable_string (builder, "platform", platform);
          ens_json_builder_add_nullable_string (builder, "creation_time", created);
          json_builder_set_member_name (builder, "shareable");
          json_builder_add_boolean_value (builder, ens_image_is_shareable (image));
          json_builder_set_member_name (builder, "share_count");
          if (count >= 0)
            json_builder_add_int_value (builder, count);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
}
