/* ens-error-ui.c
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

#include <string.h>

#include <glib/gi18n.h>

#include "ens-core-enums.h"
#include "ens-error-ui.h"
#include "ens-text.h"

/* Longest value shown in the technical details, in characters. */
#define MAX_VALUE_CHARS 200

static char *
join_paragraphs (const char * const *parts)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;

      if (str->len > 0)
        g_string_append (str, "\n\n");
      g_string_append (str, parts[i]);
    }

  return g_string_free (str, FALSE);
}

/**
 * ens_error_ui_format_body:
 * @error: the error to explain
 *
 * The body of the error dialog: what happened, then what to do next, as
 * ens_error_describe() words them (it names an unknown API code and tells
 * a wrong secret from a defect of the app).
 *
 * Returns: (transfer full): translated text, paragraphs separated by a blank line
 */
char *
ens_error_ui_format_body (const GError *error)
{
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *safe_explanation = NULL;
  g_autofree char *safe_action = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  ens_error_describe (error, NULL, &explanation, &action);

  /* The explanation may quote the server's code and message: each
   * paragraph is made safe to show (one line, no controls, no bidi
   * overrides) before the paragraphs are joined. */
  safe_explanation = ens_text_sanitize (explanation, -1);
  safe_action = ens_text_sanitize (action, -1);

  return join_paragraphs ((const char * const []) {
                            safe_explanation ? safe_explanation : "",
                            safe_action ? safe_action : "",
                            NULL,
                          });
}

/**
 * ens_error_ui_redact:
 * @text: (nullable): text that came from the server or a library
 *
 * Hides the values of anything that works like a password (a security
 * token, a signature, an AccessKey secret) and shortens long text, such as
 * the string-to-sign the server quotes back on a signature mismatch.
 *
 * Returns: (transfer full) (nullable): the text safe to show, or %NULL
 */
char *
ens_error_ui_redact (const char *text)
{
  static GRegex *secret_regex;
  g_autofree char *redacted = NULL;
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;

  if (g_once_init_enter (&secret_regex))
    {
      /* A parameter name, then "=" — plain, or percent-encoded once or
       * twice as in a string-to-sign — then the value up to the next
       * separator ("&" itself, or "&" percent-encoded once or twice).  "Signature" alone must not match "SignatureMethod". */
      GRegex *regex = g_regex_new ("(SecurityToken|security-token|Signature|AccessKeySecret|"
                                   "access_key_secret|Authorization)"
                                   "(=|%3D|%253D|%25253D|\"?\\s*:\\s*\"?)"
                                   "(?:(?!%26|%2526)[^&\\s,;\"])+",
                                   G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                                   0, NULL);
      g_assert (regex != NULL);
      g_once_init_leave (&secret_regex, regex);
    }

  valid = g_utf8_make_valid (text, -1);
  redacted = g_regex_replace (secret_regex, valid, -1, 0, "\\1\\2[hidden]", 0, NULL);
  if (redacted == NULL)
    return g_strdup ("");

  if (g_utf8_strlen (redacted, -1) > MAX_VALUE_CHARS)
    {
      g_autofree char *head = g_utf8_substring (redacted, 0, MAX_VALUE_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&redacted);
}

static void
append_line (GString    *str,
             const char *label,
             const char *value)
{
  g_autofree char *redacted = NULL;
  g_autofree char *safe = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  /* Secrets hidden, then nothing that drives a terminal or a label. */
  redacted = ens_error_ui_redact (value);
  safe = ens_text_sanitize (redacted, -1);

  if (str->len > 0)
    g_string_append_c (str, '\n');
  /* Translators: a line of the technical details, "Label: value". */
  g_string_append_printf (str, _("%s: %s"), label, safe);
}

static const char *
category_nick (int code)
{
  GEnumClass *klass = g_type_class_ref (ENS_TYPE_ERROR);
  GEnumValue *value = g_enum_get_value (klass, code);
  const char *nick = value != NULL ? value->value_nick : NULL;

  g_type_class_unref (klass);

  return nick;
}

/**
 * ens_error_ui_format_details:
 * @error: the error to describe
 *
 * The technical details: error code, server message, HTTP status, host,
 * RequestId, attempts and the transport detail, one "Label: value" per
 * line.  Values are passed through ens_error_ui_redact(), so no secret
 * appears even if the server quotes one back.
 *
 * Returns: (transfer full): translated text
 */
char *
ens_error_ui_format_details (const GError *error)
{
  const EnsAccessDenied *access_denied;
  GString *str;
  guint http_status;
  guint tries;

  g_return_val_if_fail (error != NULL, NULL);

  str = g_string_new (NULL);

  if (error->domain != ENS_ERROR)
    {
      g_autofree char *code = g_strdup_printf ("%s %d", g_quark_to_string (error->domain), error->code);

      append_line (str, _("Error"), code);
      append_line (str, _("Message"), error->message);
      return g_string_free (str, FALSE);
    }

  if (ens_error_get_api_code (error) != NULL)
    append_line (str, _("Error code"), ens_error_get_api_code (error));
  else
    append_line (str, _("Error type"), category_nick (error->code));

  append_line (str, _("Message"), ens_error_get_api_message (error));

  http_status = ens_error_get_http_status (error);
  if (http_status != 0)
    {
      g_autofree char *status = g_strdup_printf ("%u", http_status);

      append_line (str, _("HTTP status"), status);
    }

  append_line (str, _("Request ID"), ens_error_get_request_id (error));
  append_line (str, _("Host"), ens_error_get_host_id (error));

  tries = ens_error_get_tries (error);
  if (tries != 0)
    {
      g_autofree char *attempts = g_strdup_printf ("%u", tries);

      append_line (str, _("Attempts"), attempts);
    }

  append_line (str, _("Detail"), ens_error_get_detail (error));

  access_denied = ens_error_get_access_denied (error);
  if (access_denied != NULL)
    {
      g_autofree char *denial = NULL;

      append_line (str, _("Missing permission"), access_denied->action);
      append_line (str, _("RAM user"), access_denied->principal_name);
      append_line (str, _("Account ID"), access_denied->owner_id);
      if (access_denied->no_permission_type != NULL && access_denied->policy_type != NULL)
        /* Translators: "ImplicitDeny" or "ExplicitDeny", then a policy type
         * such as "AccountLevelIdentityBasedPolicy"; both left in English */
        denial = g_strdup_printf (_("%s by %s"), access_denied->no_permission_type,
                                  access_denied->policy_type);
      append_line (str, _("Denied"), denial != NULL ? denial : access_denied->no_permission_type);
    }

  switch (ens_error_diagnose_signature (error))
    {
    case ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET:
      append_line (str, _("Signature check"),
                   _("the server signed the same text as this app: wrong secret"));
      break;

    case ENS_SIGNATURE_DIAGNOSIS_DEFECT:
      append_line (str, _("Signature check"),
                   _("the server signed different text than this app: app defect"));
      break;

    case ENS_SIGNATURE_DIAGNOSIS_UNKNOWN:
    default:
      break;
    }

  append_line (str, _("Troubleshooting link"), ens_error_get_recommend (error));

  return g_string_free (str, FALSE);
}

static void
failure_free (gpointer data)
{
  EnsErrorUiFailure *failure = data;

  g_free (failure->account);
  g_free (failure->reason);
  g_free (failure);
}

static char *
dup_title (const GError *error)
{
  char *title = NULL;

  if (error == NULL)
    return g_strdup (_("Something went wrong"));

  ens_error_describe (error, &title, NULL, NULL);
  if (title == NULL)
    title = g_strdup (error->message);

  return title;
}

/**
 * ens_error_ui_list_failures:
 * @plan: a plan that has run
 *
 * One entry per failed account (its ID and the title of its error), in
 * plan order, then one entry with a %NULL account listing the accounts that
 * were not tried.
 *
 * Returns: (transfer full) (element-type EnsErrorUiFailure): the failures
 */
GPtrArray *
ens_error_ui_list_failures (EnsSharePlan *plan)
{
  g_autoptr(GPtrArray) not_tried = g_ptr_array_new ();
  GPtrArray *failures;
  guint n_accounts;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (plan), NULL);

  failures = g_ptr_array_new_with_free_func (failure_free);
  n_accounts = ens_share_plan_get_n_accounts (plan);

  for (guint i = 0; i < n_accounts; i++)
    {
      EnsOutcomeState state = ens_share_plan_get_state (plan, i);

      if (state == ENS_OUTCOME_FAILED || state == ENS_OUTCOME_UNKNOWN)
        {
          EnsErrorUiFailure *failure = g_new0 (EnsErrorUiFailure, 1);

          failure->account = g_strdup (ens_share_plan_get_account (plan, i));
          if (state == ENS_OUTCOME_UNKNOWN)
            failure->reason = g_strdup (_("Outcome unknown: the answer was lost, and the list could not be checked"));
          else
            failure->reason = dup_title (ens_share_plan_get_error (plan, i));
          g_ptr_array_add (failures, failure);
        }
      else if (state == ENS_OUTCOME_NOT_ATTEMPTED)
        {
          g_ptr_array_add (not_tried, (gpointer) ens_share_plan_get_account (plan, i));
        }
    }

  if (not_tried->len > 0)
    {
      EnsErrorUiFailure *failure = g_new0 (EnsErrorUiFailure, 1);
      g_autofree char *list = NULL;

      g_ptr_array_add (not_tried, NULL);
      /* Translators: the separator between account IDs in a list. */
      list = g_strjoinv (_(", "), (char **) not_tried->pdata);
      failure->reason = g_strdup_printf (ngettext ("%u account was not tried because the work stopped: %s",
                                                   "%u accounts were not tried because the work stopped: %s",
                                                   not_tried->len - 1),
                                         not_tried->len - 1, list);
      g_ptr_array_add (failures, failure);
    }

  return failures;
}

/**
 * ens_error_ui_format_failures:
 * @plan: a plan that has run
 *
 * The failures of ens_error_ui_list_failures() as text, one per line:
 * "account: reason", then the line about accounts not tried.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL when nothing failed
 */
char *
ens_error_ui_format_failures (EnsSharePlan *plan)
{
  g_autoptr(GPtrArray) failures = NULL;
  GString *str;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (plan), NULL);

  failures = ens_error_ui_list_failures (plan);
  if (failures->len == 0)
    return NULL;

  str = g_string_new (NULL);
  for (guint i = 0; i < failures->len; i++)
    {
      const EnsErrorUiFailure *failure = g_ptr_array_index (failures, i);

      if (str->len > 0)
        g_string_append_c (str, '\n');

      if (failure->account != NULL)
        /* Translators: one failed account, "account ID: reason". */
        g_string_append_printf (str, _("%s: %s"), failure->account, failure->reason);
      else
        g_string_append (str, failure->reason);
    }

  return g_string_free (str, FALSE);
}

/**
 * ens_error_ui_format_summary:
 * @plan: a plan that has run
 *
 * Returns: (transfer full): how many accounts were updated, e.g.
 *   "2 of 5 accounts were updated."
 */
char *
ens_error_ui_format_summary (EnsSharePlan *plan)
{
  guint n_accounts;
  guint n_done = 0;

  g_return_val_if_fail (ENS_IS_SHARE_PLAN (plan), NULL);

  n_accounts = ens_share_plan_get_n_accounts (plan);
  for (guint i = 0; i < n_accounts; i++)
    if (ens_share_plan_get_state (plan, i) == ENS_OUTCOME_DONE)
      n_done++;

  return g_strdup_printf (ngettext ("%u of %u account was updated.",
                                    "%u of %u accounts were updated.",
                                    n_accounts),
                          n_done, n_accounts);
}

static gboolean
host_is_alibaba_cloud (const char *host)
{
  static const char * const domains[] = { "aliyun.com", "alibabacloud.com", NULL };

  for (guint i = 0; domains[i] != NULL; i++)
    {
      gsize host_len = strlen (host);
      gsize domain_len = strlen (domains[i]);

      if (g_ascii_strcasecmp (host, domains[i]) == 0)
        return TRUE;

      if (host_len > domain_len + 1 &&
          host[host_len - domain_len - 1] == '.' &&
          g_ascii_strcasecmp (host + host_len - domain_len, domains[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * ens_error_ui_troubleshoot_uri_is_safe:
 * @uri: (nullable): the Recommend link of an error
 *
 * Whether the link may be offered as a "Troubleshoot" button: an https URL
 * with no user name or password, on the default port, on an Alibaba Cloud
 * host (aliyun.com or alibabacloud.com), with no spaces or control
 * characters.  A link from a misconfigured or hostile endpoint is refused.
 *
 * Returns: %TRUE if the link may be opened
 */
gboolean
ens_error_ui_troubleshoot_uri_is_safe (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL || uri[0] == '\0' || !g_utf8_validate (uri, -1, NULL))
    return FALSE;

  for (const char *p = uri; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p == 0x7f || (guchar) *p >= 0x80)
      return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;

  if (g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0)
    return FALSE;

  if (g_uri_get_userinfo (parsed) != NULL)
    return FALSE;

  if (g_uri_get_port (parsed) != -1 && g_uri_get_port (parsed) != 443)
    return FALSE;

  host = g_uri_get_host (parsed);
  if (host == NULL || host[0] == '\0')
    return FALSE;

  return host_is_alibaba_cloud (host);
}

/**
 * ens_error_ui_can_continue_unverified:
 * @error: why checking a new AccessKey failed
 *
 * Whether the sign-in dialog may offer "Continue Anyway": yes when the
 * check could not reach a verdict (network, server, clock, permissions to
 * list images), no when Alibaba Cloud refused the AccessKey itself.
 *
 * Returns: %TRUE if the AccessKey may still be right
 */
gboolean
ens_error_ui_can_continue_unverified (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (error->domain != ENS_ERROR)
    return TRUE;

  switch ((EnsError) error->code)
    {
    case ENS_ERROR_AUTH:
    case ENS_ERROR_SIGNATURE:
    case ENS_ERROR_TOKEN:
    case ENS_ERROR_INVALID_INPUT:
    case ENS_ERROR_INSECURE:
    case ENS_ERROR_NO_CREDENTIALS:
    case ENS_ERROR_STORAGE:
      return FALSE;

    case ENS_ERROR_FAILED:
    case ENS_ERROR_PERMISSION:
    case ENS_ERROR_CLOCK:
    case ENS_ERROR_THROTTLED:
    case ENS_ERROR_INVALID_PARAMETER:
    case ENS_ERROR_NOT_FOUND:
    case ENS_ERROR_SERVER:
    case ENS_ERROR_NETWORK:
    case ENS_ERROR_DNS:
    case ENS_ERROR_TLS:
    case ENS_ERROR_TIMEOUT:
    case ENS_ERROR_INVALID_RESPONSE:
    case ENS_ERROR_KEYRING:
    default:
      return TRUE;
    }
}
