/* ens-test-errors.c
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

#include "ens-test-errors.h"

GError *
ens_test_new_no_permission (void)
{
  GError *error = ens_error_new_api (403, "NoPermission", "Permission denied.",
                                     TEST_REQUEST, "ens.aliyuncs.com", TEST_RECOMMEND);

  ens_error_set_tries (error, 1);
  return error;
}

/* The server quotes its string-to-sign back; with STS it holds the token. */
#define SERVER_STRING_TO_SIGN                                                       \
  "POST&%2F&AccessKeyId%3D" TEST_KEY_ID "%26Action%3DDescribeImages%26Format%3DJSON" \
  "%26PageNumber%3D1%26PageSize%3D1%26SecurityToken%3D" TEST_TOKEN                  \
  "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b883d344afa94f4e0ad82fd6cf" \
  "%26SignatureVersion%3D1.0%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2017-11-10"

GError *
ens_test_new_wrong_secret (void)
{
  GError *error = ens_error_new_api (400, "SignatureDoesNotMatch",
                                     "Specified signature is not matched with our calculation. "
                                     "server string to sign is:" SERVER_STRING_TO_SIGN,
                                     TEST_REQUEST, "ens.aliyuncs.com",
                                     "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch");

  ens_error_set_client_string_to_sign (error, SERVER_STRING_TO_SIGN);
  return error;
}

GError *
ens_test_new_clock (void)
{
  /* An http Recommend link is never offered. */
  return ens_error_new_api (400, "InvalidTimeStamp.Expired",
                            "Specified time stamp or date value is expired.",
                            TEST_REQUEST, "ens.aliyuncs.com",
                            "http://api.aliyun.com/troubleshoot?q=InvalidTimeStamp.Expired");
}

GError *
ens_test_new_network (void)
{
  GError *error = ens_error_new_transport (ENS_ERROR_NETWORK,
                                           "Could not connect to ens.aliyuncs.com: Connection refused");

  ens_error_set_tries (error, 4);
  return error;
}

GError *
ens_test_new_unknown (void)
{
  return ens_error_new_api (400, "Forbidden.Risk", "The request was flagged.",
                            TEST_REQUEST, "ens.aliyuncs.com", NULL);
}

/* A 403 naming the missing action, read as the client reads it. */
GError *
ens_test_new_access_denied (void)
{
  static const char body[] =
    "{\"RequestId\":\"" TEST_REQUEST "\",\"HostId\":\"ens.aliyuncs.com\","
    "\"Code\":\"Forbidden.RAM\",\"Message\":\"User not authorized to operate on the "
    "specified resource, or this API doesn't support RAM.\",\"AccessDeniedDetail\":{"
    "\"AuthAction\":\"ens:ModifyImageSharePermission\",\"AuthPrincipalType\":\"SubUser\","
    "\"AuthPrincipalDisplayName\":\"image-operator\",\"AuthPrincipalOwnerId\":\"1234567890123456\","
    "\"NoPermissionType\":\"ImplicitDeny\",\"PolicyType\":\"AccountLevelIdentityBasedPolicy\","
    "\"EncodedDiagnosticMessage\":\"AQEAAAAAZBgxr0U1MjA1NTM1\"}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, sizeof body - 1);
  GError *error = NULL;

  g_assert_null (ens_response_parse_object (403, "application/json", bytes, &error));
  ens_error_set_image_id (error, "m-5s7qotzavwbrnzaqh4unmabcd");
  ens_error_set_tries (error, 1);
  return error;
}

char *
ens_test_expected_body (const GError *error)
{
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;

  ens_error_describe (error, NULL, &explanation, &action);
  return g_strconcat (explanation, "\n\n", action, NULL);
}

void
ens_test_assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, TEST_SECRET));
  g_assert_null (strstr (text, TEST_TOKEN));
  g_assert_null (strstr (text, "Signature%3DzZ"));
}

/* Five accounts: one done, one refused, two not tried, one lost. */
EnsSharePlan *
ens_test_new_partial_plan (void)
{
  const char * const add[] = { "1111111111111111", "2222222222222222",
                               "3333333333333333", "4444444444444444", NULL };
  const char * const remove[] = { "5555555555555555", NULL };
  g_autoptr(GError) permission = ens_test_new_no_permission ();
  g_autoptr(GError) network = ens_test_new_network ();
  EnsSharePlan *plan = ens_share_plan_new ("m-5s7qotzavwbrnzaqh4unmabcd", add, remove);

  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "REQ-0", NULL, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_FAILED, TEST_REQUEST, permission, 1);
  ens_share_plan_set_outcome (plan, 2, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
  ens_share_plan_set_outcome (plan, 3, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
  ens_share_plan_set_outcome (plan, 4, ENS_OUTCOME_FAILED, NULL, network, 4);

  return plan;
}
