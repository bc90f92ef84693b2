/* test-error-texts.c
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

/* What the app says about errors, GTK-free (src/model/ens-error-ui.c):
 * dialog bodies, redaction, details, links, dates. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ens-core.h"
#include "ens-error-ui.h"
#include "ens-test-errors.h"

static void
test_body (void)
{
  g_autoptr(GError) error = ens_test_new_no_permission ();
  g_autoptr(GError) clock = ens_test_new_clock ();
  g_autofree char *body = ens_error_ui_format_body (error);
  g_autofree char *clock_body = ens_error_ui_format_body (clock);

  g_assert_cmpstr (body, ==,
                   "Alibaba Cloud refused the request because the AccessKey you use belongs to a "
                   "user who is not allowed to do this.\n\n"
                   "Ask the owner of the Alibaba Cloud account to grant your RAM user the "
                   "ens:ModifyImageSharePermission permission.");
  g_assert_nonnull (strstr (clock_body, "clock"));
  g_assert_nonnull (strstr (clock_body, "set the date and time automatically"));
}

static void
test_redact (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "a=1&SecurityToken=abc&b=2", "a=1&SecurityToken=[hidden]&b=2" },
    { "SignatureMethod%3DHMAC-SHA1%26Signature%3DzZ9%2Bq%26Timestamp",
      "SignatureMethod%3DHMAC-SHA1%26Signature%3D[hidden]%26Timestamp" },
    { "x%26SecurityToken%253Dtok%2526y", "x%26SecurityToken%253D[hidden]%2526y" },
    { "{\"AccessKeySecret\": \"s3cr3t\"}", "{\"AccessKeySecret\": \"[hidden]\"}" },
    { "Authorization: ACS3-HMAC-SHA256", "Authorization: [hidden]" },
    { "SignatureNonce=abc&SignatureVersion=1.0", "SignatureNonce=abc&SignatureVersion=1.0" },
    { "plain text", "plain text" },
  };
  g_autofree char *long_text = g_strnfill (250, 'a');
  g_autofree char *long_out = NULL;
  g_autofree char *expected_long = NULL;
  g_autofree char *head = g_strnfill (200, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ens_error_ui_redact (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  long_out = ens_error_ui_redact (long_text);
  expected_long = g_strconcat (head, "…", NULL);
  g_assert_cmpstr (long_out, ==, expected_long);
  g_assert_null (ens_error_ui_redact (NULL));
}

static void
test_details (void)
{
  g_autoptr(GError) error = ens_test_new_wrong_secret ();
  g_autoptr(GError) network = ens_test_new_network ();
  g_autoptr(GError) foreign = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "boom");
  g_autofree char *details = ens_error_ui_format_details (error);
  g_autofree char *network_details = ens_error_ui_format_details (network);
  g_autofree char *foreign_details = ens_error_ui_format_details (foreign);
  g_auto(GStrv) lines = g_strsplit (details, "\n", -1);

  g_assert_cmpstr (lines[0], ==, "Error code: SignatureDoesNotMatch");
  g_assert_true (g_str_has_prefix (lines[1], "Message: Specified signature is not matched"));
  g_assert_true (g_str_has_suffix (lines[1], "…"));
  g_assert_cmpuint (g_utf8_strlen (lines[1], -1), ==, strlen ("Message: ") + 200 + 1);
  g_assert_cmpstr (lines[2], ==, "HTTP status: 400");
  g_assert_cmpstr (lines[3], ==, "Request ID: " TEST_REQUEST);
  g_assert_cmpstr (lines[4], ==, "Host: ens.aliyuncs.com");
  g_assert_cmpstr (lines[5], ==, "Signature check: the server signed the same text as this app: wrong secret");
  g_assert_cmpstr (lines[6], ==, "Troubleshooting link: https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch");
  g_assert_null (lines[7]);
  ens_test_assert_no_secret (details);

  g_assert_cmpstr (network_details, ==,
                   "Error type: network\n"
                   "Attempts: 4\n"
                   "Detail: Could not connect to ens.aliyuncs.com: Connection refused");
  g_assert_cmpstr (foreign_details, ==, "Error: g-io-error-quark 0\nMessage: boom");
}

static void
test_access_denied (void)
{
  g_autoptr(GError) error = ens_test_new_access_denied ();
  g_autofree char *body = ens_error_ui_format_body (error);
  g_autofree char *details = ens_error_ui_format_details (error);

  g_assert_cmpstr (body, ==,
                   "Alibaba Cloud refused the request because the RAM user whose AccessKey you use "
                   "has not been given permission for this action. The permission that is missing "
                   "is “ens:ModifyImageSharePermission”.\n\n"
                   "Ask the administrator of the Alibaba Cloud account to give your RAM user this "
                   "permission. The RAM policy below grants only what ENS Image Share needs: copy "
                   "it and send it to them.");
  g_assert_nonnull (strstr (details, "Error code: Forbidden.RAM\n"));
  g_assert_nonnull (strstr (details, "HTTP status: 403\n"));
  g_assert_nonnull (strstr (details, "\nMissing permission: ens:ModifyImageSharePermission\n"
                                     "RAM user: image-operator\n"
                                     "Account ID: 1234567890123456\n"
                                     "Denied: ImplicitDeny by AccountLevelIdentityBasedPolicy"));
}

static void
test_troubleshoot_uri (void)
{
  static const struct {
    const char *uri;
    gboolean safe;
  } cases[] = {
    { TEST_RECOMMEND, TRUE },
    { "https://error-center.aliyun.com/status/search?Keyword=NoPermission&source=PopGw", TRUE },
    { "https://www.alibabacloud.com/help", TRUE },
    { "HTTPS://api.aliyun.com/x", TRUE },
    { "https://api.aliyun.com:443/x", TRUE },
    { "http://api.aliyun.com/troubleshoot", FALSE },
    { "https://evil.example.com/?q=aliyun.com", FALSE },
    { "https://aliyun.com.evil.example/", FALSE },
    { "https://evilaliyun.com/", FALSE },
    { "https://user:pw@api.aliyun.com/", FALSE },
    { "https://api.aliyun.com:8443/", FALSE },
    { "https://api.aliyun.com/a b", FALSE },
    { "javascript:alert(1)", FALSE },
    { "file:///etc/passwd", FALSE },
    { "https://", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].uri ? cases[i].uri : "(null)");
      g_assert_cmpint (ens_error_ui_troubleshoot_uri_is_safe (cases[i].uri), ==, cases[i].safe);
    }
}

static void
test_can_continue (void)
{
  g_autoptr(GError) wrong_secret = ens_test_new_wrong_secret ();
  g_autoptr(GError) network = ens_test_new_network ();
  g_autoptr(GError) permission = ens_test_new_no_permission ();
  g_autoptr(GError) bad_key = ens_error_new_api (404, "InvalidAccessKeyId.NotFound", NULL, NULL, NULL, NULL);
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

  g_assert_false (ens_error_ui_can_continue_unverified (wrong_secret));
  g_assert_false (ens_error_ui_can_continue_unverified (bad_key));
  g_assert_false (ens_error_ui_can_continue_unverified (cancelled));
  g_assert_true (ens_error_ui_can_continue_unverified (network));
  g_assert_true (ens_error_ui_can_continue_unverified (permission));
}

static void
test_failures (void)
{
  const char * const add[] = { "1111111111111111", NULL };
  g_autoptr(EnsSharePlan) plan = ens_test_new_partial_plan ();
  g_autoptr(EnsSharePlan) fine = ens_share_plan_new ("m-x", add, NULL);
  g_autoptr(GPtrArray) failures = ens_error_ui_list_failures (plan);
  g_autofree char *text = ens_error_ui_format_failures (plan);
  g_autofree char *summary = ens_error_ui_format_summary (plan);
  g_autofree char *fine_summary = NULL;
  const EnsErrorUiFailure *failure;

  g_assert_cmpuint (failures->len, ==, 3);
  failure = g_ptr_array_index (failures, 0);
  g_assert_cmpstr (failure->account, ==, "2222222222222222");
  g_assert_cmpstr (failure->reason, ==, "You Don’t Have Permission");
  failure = g_ptr_array_index (failures, 2);
  g_assert_null (failure->account);

  g_assert_cmpstr (text, ==,
                   "2222222222222222: You Don’t Have Permission\n"
                   "5555555555555555: Cannot Connect\n"
                   "2 accounts were not tried because the work stopped: "
                   "3333333333333333, 4444444444444444");
  g_assert_cmpstr (summary, ==, "1 of 5 accounts were updated.");

  ens_share_plan_set_outcome (fine, 0, ENS_OUTCOME_DONE, "REQ-1", NULL, 1);
  g_assert_null (ens_error_ui_format_failures (fine));
  fine_summary = ens_error_ui_format_summary (fine);
  g_assert_cmpstr (fine_summary, ==, "1 of 1 account was updated.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error-ui/body", test_body);
  g_test_add_func ("/error-ui/redact", test_redact);
  g_test_add_func ("/error-ui/details", test_details);
  g_test_add_func ("/error-ui/access-denied", test_access_denied);
  g_test_add_func ("/error-ui/troubleshoot-uri", test_troubleshoot_uri);
  g_test_add_func ("/error-ui/can-continue", test_can_continue);
  g_test_add_func ("/error-ui/failures", test_failures);

  return g_test_run ();
}
