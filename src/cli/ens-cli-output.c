/* ens-cli-output.c
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

#include "ens-cli-private.h"
#include "ens-core-enums.h"
#include "ens-core.h"

/* Output helpers ----------------------------------------------------------- */

/*
 * Nothing from the server reaches the terminal raw: every text that may
 * come from an answer (codes, messages, RequestIds, account IDs, and the
 * explanations that quote them) goes through ens_text_sanitize() first,
 * in the lines and in --json alike (there json-glib escapes for JSON,
 * but a bidirectional override would still reach whoever reads it).
 */
#define SAFE(name, text) g_autofree char *name = ens_text_sanitize ((text), -1)

static void
json_add_safe_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  SAFE (safe, value);

  ens_json_builder_add_nullable_string (builder, name, safe);
}

void
_ens_cli_print_error_details (const GError *error,
                              const char   *prefix)
{
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *policy = ens_error_dup_ram_policy (error);
  const char *request_id;

  ens_error_describe (error, &title, &explanation, &action);
  request_id = ens_error_get_request_id (error);

  {
    SAFE (safe_title, title);
    SAFE (safe_explanation, explanation);
    SAFE (safe_action, action);
    SAFE (safe_request_id, request_id);

    if (prefix != NULL)
      g_printerr ("%s: %s\n", prefix, safe_title);
    else
      g_printerr ("%s\n", safe_title);
    if (safe_explanation != NULL && safe_explanation[0] != '\0')
      g_printerr ("  %s\n", safe_explanation);
    if (safe_action != NULL && safe_action[0] != '\0')
      g_printerr ("  %s\n", safe_action);
    if (safe_request_id != NULL)
      /* Translators: %s is a request ID such as 701B3BB9-9190-544D-90D1-328B0527380C */
      g_printerr (_("  RequestId %s\n"), safe_request_id);
  }

  /* Built by us from checked values: printed as it is. */
  if (policy != NULL)
    g_printerr ("\n%s\n%s\n", _("RAM policy for the administrator:"), policy);
}

static const char *
error_category_nick (const GError *error)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";

  if (error->domain != ENS_ERROR)
    return "failed";

  klass = g_type_class_ref (ENS_TYPE_ERROR);
  value = g_enum_get_value (klass, error->code);
  g_type_class_unref (klass);

  return value != NULL ? value->value_nick : "failed";
}

static void
json_add_error (JsonBuilder  *builder,
                const GError *error)
{
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *policy = ens_error_dup_ram_policy (error);
  const EnsAccessDenied *denied = ens_error_get_access_denied (error);
  JsonNode *policy_node = policy != NULL ? json_from_string (policy, NULL) : NULL;

  ens_error_describe (error, &title, &explanation, &action);

  json_builder_begin_object (builder);
  ens_json_builder_add_nullable_string (builder, "category", error_category_nick (error));
  json_add_safe_string (builder, "code", ens_error_get_api_code (error));
  json_add_safe_string (builder, "title", title);
  json_add_safe_string (builder, "explanation", explanation);
  json_add_safe_string (builder, "action", action);
  json_add_safe_string (builder, "request_id", ens_error_get_request_id (error));
  json_builder_set_member_name (builder, "http_status");
  json_builder_add_int_value (builder, ens_error_get_http_status (error));
  json_add_safe_string (builder, "missing_permission", denied != NULL ? denied->action : NULL);
  json_builder_set_member_name (builder, "ram_policy");
  if (policy_node != NULL)
    json_builder_add_value (builder, g_steal_pointer (&policy_node));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static const char *
outcome_nick (EnsOutcomeState state)
{
  switch (state)
    {
    case ENS_OUTCOME_DONE:
      return "done";

    case ENS_OUTCOME_FAILED:
      return "failed";

    case ENS_OUTCOME_NOT_ATTEMPTED:
      return "not-attempted";

    case ENS_OUTCOME_UNKNOWN:
      return "unknown";

    case ENS_OUTCOME_SKIPPED:
      return "skipped";

    case ENS_OUTCOME_PENDING:
    default:
      return "pending";
    }
}

/* Whether the answer for @position was lost and the list read afterwards
 * settled it. */
static gboolean
cli_is_checked (Cli   *cli,
                guint  position)
{
  return cli->checked != NULL && g_hash_table_contains (cli->checked, GUINT_TO_POINTER (position));
}

void
_ens_cli_print_json (Cli *cli)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  ens_json_builder_add_nullable_string (builder, "image", cli->image_id);
  ens_json_builder_add_nullable_string (builder, "endpoint", ens_client_get_endpoint (cli->client));
  _ens_cli_json_add_images (cli, builder);

  if (cli->plan != NULL)
    {
      guint n = ens_share_plan_get_n_accounts (cli->plan);
      guint counts[ENS_OUTCOME_SKIPPED + 1] = { 0, };

      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          EnsOutcomeState state = ens_share_plan_get_state (cli->plan, i);
          const GError *error = ens_share_plan_get_error (cli->plan, i);

          counts[state]++;
          json_builder_begin_object (builder);
          ens_json_builder_add_nullable_string (builder, "account", ens_share_plan_get_account (cli->plan, i));
          ens_json_builder_add_nullable_string (builder, "change",
                                   ens_share_plan_get_change (cli->plan, i) == ENS_SHARE_CHANGE_ADD
                                   ? "add" : "remove");
          ens_json_builder_add_nullable_string (builder, "status", outcome_nick (state));
          json_add_safe_string (builder, "request_id",
                                ens_share_plan_get_request_id (cli->plan, i));
          json_builder_set_member_name (builder, "tries");
          json_builder_add_int_value (builder, ens_share_plan_get_tries (cli->plan, i));
          json_builder_set_member_name (builder, "checked");
          json_builder_add_boolean_value (builder, cli_is_checked (cli, i));
          _ens_cli_json_add_plan_details (builder, cli->plan, i);
          json_builder_set_member_name (builder, "error");
          if (error != NULL)
            json_add_error (builder, error);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "summary");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, n);
      json_builder_set_member_name (builder, "done");
      json_builder_add_int_value (builder, counts[ENS_OUTCOME_DONE]);
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, counts[ENS_OUTCOME_FAILED]);
      json_builder_set_member_name (builder, "not_attempted");
      json_builder_add_int_value (builder, counts[ENS_OUTCOME_NOT_ATTEMPTED]);
      json_builder_set_member_name (builder, "unknown");
      json_builder_add_int_value (builder, counts[ENS_OUTCOME_UNKNOWN]);
      json_builder_end_object (builder);

      /* Issue 13: the preview and the lists read again ("summary" keeps
       * its members as they were). */
      json_builder_set_member_name (builder, "review");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, counts[ENS_OUTCOME_SKIPPED]);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_int_value (builder, ens_share_plan_count_verification (cli->plan, ENS_VERIFY_VERIFIED));
      json_builder_set_member_name (builder, "disagrees");
      json_builder_add_int_value (builder, ens_share_plan_count_verification (cli->plan, ENS_VERIFY_DISAGREES));
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "check_error");
      if (cli->check_error != NULL)
        json_add_error (builder, cli->check_error);
      else
        json_builder_add_null_value (builder);
    }

  if (cli->list)
    {
      json_builder_set_member_name (builder, "shares");
      if (cli->shares != NULL)
        {
          json_builder_begin_array (builder);
          for (guint i = 0; cli->shares[i] != NULL; i++)
            {
              SAFE (account, cli->shares[i]);

              json_builder_add_string_value (builder, account);
            }
          json_builder_end_array (builder);
        }
      else
        {
          json_builder_add_null_value (builder);
        }

      json_builder_set_member_name (builder, "share_count");
      if (cli->shares != NULL)
        json_builder_add_int_value (builder, g_strv_length (cli->shares));
      else
        json_builder_add_null_value (builder);

      /* false: the server's pages did not add up, the list may be incomplete */
      json_builder_set_member_name (builder, "complete");
      if (cli->shares != NULL)
        json_builder_add_boolean_value (builder, cli->shares_complete);
      else
        json_builder_add_null_value (builder);

      json_builder_set_member_name (builder, "list_error");
      if (cli->list_error != NULL)
        json_add_error (builder, cli->list_error);
      else
        json_builder_add_null_value (builder);
    }

  /* Issue 14: the names the address book gives the accounts above. */
  {
    g_autoptr(GPtrArray) accounts = g_ptr_array_new ();

    for (guint i = 0; cli->plan != NULL && i < ens_share_plan_get_n_accounts (cli->plan); i++)
      g_ptr_array_add (accounts, (gpointer) ens_share_plan_get_account (cli->plan, i));
    for (guint i = 0; cli->list && cli->shares != NULL && cli->shares[i] != NULL; i++)
      g_ptr_array_add (accounts, cli->shares[i]);
    _ens_cli_json_add_names (cli, builder, accounts);
  }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
_ens_cli_print_plan (Cli *cli)
{
  guint n = ens_share_plan_get_n_accounts (cli->plan);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_done = 0;
  guint n_skipped = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *account = _ens_cli_account_label (cli, ens_share_plan_get_account (cli->plan, i));
      SAFE (request_id, ens_share_plan_get_request_id (cli->plan, i));
      gboolean is_add = ens_share_plan_get_change (cli->plan, i) == ENS_SHARE_CHANGE_ADD;
      const GError *error = ens_share_plan_get_error (cli->plan, i);
      g_autofree char *title = NULL;

      _ens_cli_print_image_column (cli, i);
      switch (ens_share_plan_get_state (cli->plan, i))
        {
        case ENS_OUTCOME_SKIPPED:
          n_skipped++;
          g_print ("%-10s %s  %s%s\n", C_("result", "skipped"), account,
                   is_add ? _("Already shared: nothing sent.") : _("Was not shared: nothing sent."),
                   _ens_cli_verification_note (cli->plan, i));
          break;

        case ENS_OUTCOME_DONE:
          n_done++;
          if (cli_is_checked (cli, i))
            {
              g_print ("%-10s %s  %s\n",
                       is_add ? C_("result", "shared") : C_("result", "unshared"), account,
                       is_add ? _("Checked: its answer was lost, and the list shows it shared.")
                              : _("Checked: its answer was lost, and the list no longer shows it."));
              break;
            }
          /* Translators: the first column of a result line; keep it short */
          g_print ("%-10s %s  %s %s%s\n",
                   is_add ? C_("result", "shared") : C_("result", "unshared"),
                   account, _("RequestId"), request_id != NULL ? request_id : "-",
                   _ens_cli_verification_note (cli->plan, i));
          break;

        case ENS_OUTCOME_FAILED:
          if (error != NULL)
            ens_error_describe (error, &title, NULL, NULL);
          {
            SAFE (safe_title, title);

            g_print ("%-10s %s  %s", C_("result", "failed"), account,
                     safe_title != NULL ? safe_title : _("Unknown error"));
          }
          if (request_id != NULL)
            g_print ("  %s %s", _("RequestId"), request_id);
          g_print ("\n");
          break;

        case ENS_OUTCOME_UNKNOWN:
          g_print ("%-10s %s  %s\n", C_("result", "unknown"), account,
                   _("Its answer was lost: it may or may not have changed. Run --list to check."));
          break;

        case ENS_OUTCOME_NOT_ATTEMPTED:
          if (cli_is_checked (cli, i))
            g_print ("%-10s %s  %s\n", C_("result", "unchanged"), account,
                     _("Checked: its answer was lost, and the list shows no change."));
          else
            g_print ("%-10s %s  %s\n", C_("result", "skipped"), account,
                     _("Not sent: the operation was stopped."));
          break;

        case ENS_OUTCOME_PENDING:
        default:
          if (cli->dry_run)
            g_print ("%-10s %s  %s\n",
                     is_add ? C_("result", "add") : C_("result", "remove"), account,
                     is_add ? _("Would be shared (dry run: nothing sent).")
                            : _("Would stop being shared (dry run: nothing sent)."));
          else
            g_print ("%-10s %s\n", C_("result", "pending"), account);
          break;
        }
    }

  /* Explain each distinct failure once. */
  for (guint i = 0; i < n; i++)
    {
      const GError *error = ens_share_plan_get_error (cli->plan, i);
      g_autofree char *key = NULL;

      if (ens_share_plan_get_state (cli->plan, i) != ENS_OUTCOME_FAILED || error == NULL ||
          ens_share_plan_is_uncertain (cli->plan, i))
        continue;

      key = g_strdup_printf ("%s:%d:%s", g_quark_to_string (error->domain), error->code,
                             ens_error_get_api_code (error) ? ens_error_get_api_code (error) : "");
      if (g_hash_table_contains (shown, key))
        continue;
      g_hash_table_add (shown, g_steal_pointer (&key));

      g_printerr ("\n");
      _ens_cli_print_error_details (error, NULL);
    }

  if (cli->check_error != NULL)
    {
      g_printerr ("\n");
      _ens_cli_print_error_details (cli->check_error,
                                    _("Could not read the list to check the lost answers"));
    }

  if (cli->dry_run)
    {
      _ens_cli_print_plan_summary (cli, n_skipped);
      return;
    }

  /* Never "0 of 0 changes succeeded": when every account already was
   * as asked, say that nothing was sent. */
  if (n_skipped < n)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u of %u change succeeded.\n",
                          "%u of %u changes succeeded.\n", n - n_skipped),
             n_done, n - n_skipped);
  _ens_cli_print_plan_summary (cli, n_skipped);
  if (n_skipped == n)
    g_print (_("Nothing was sent.\n"));
}

void
_ens_cli_print_list (Cli *cli)
{
  g_autofree char *image_id = NULL;
  guint n;

  if (cli->shares == NULL)
    {
      if (cli->list_error != NULL)
        {
          g_printerr ("\n");
          _ens_cli_print_error_details (cli->list_error, _("Could not list the accounts"));
        }
      return;
    }

  n = g_strv_length (cli->shares);
  image_id = ens_text_sanitize (cli->image_id, -1);

  if (!cli->shares_complete)
    {
      /* Never "not shared with any account" or "shared with 3" when the
       * server's pages did not add up. */
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Image %s: the server listed %u account, but the list may be incomplete:\n",
                            "Image %s: the server listed %u accounts, but the list may be incomplete:\n", n),
               image_id, n);
    }
  else if (n == 0)
    {
      g_print (_("Image %s is not shared with any account.\n"), image_id);
      return;
    }
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Image %s is shared with %u account:\n",
                            "Image %s is shared with %u accounts:\n", n),
               image_id, n);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *account = _ens_cli_account_label (cli, cli->shares[i]);

      g_print ("%s\n", account);
    }

  if (!cli->shares_complete)
    g_printerr (_("Warning: the server’s pages of accounts did not add up (an account repeated, a page missing or a wrong total), so the list above may be incomplete. Run --list again later.\n"));
}
