/* test-signer.c
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

#include "ens-signer.h"

#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* Builds a params table from name, value pairs ending with NULL. */
static GHashTable *
params_new (const char *first_name,
            ...)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_hash_table_insert (params, g_strdup (name), g_strdup (value));
      name = va_arg (args, const char *);
    }
  va_end (args);

  return params;
}

/* Checks string-to-sign and signature of one V1 vector. */
static void
check_v1 (const char *method,
          GHashTable *params,
          const char *secret,
          const char *expected_canonical,
          const char *expected_string_to_sign,
          const char *expected_signature)
{
  g_autofree char *string_to_sign = ens_signer_v1_string_to_sign (method, params);
  g_autofree char *signature = ens_signer_v1_signature (secret, string_to_sign);

  if (expected_canonical != NULL)
    {
      g_autofree char *canonical = ens_signer_canonical_query (params);

      g_assert_cmpstr (canonical, ==, expected_canonical);
    }

  g_assert_cmpstr (string_to_sign, ==, expected_string_to_sign);
  if (expected_signature != NULL)
    {
      g_assert_cmpstr (signature, ==, expected_signature);
      g_assert_cmpuint (strlen (signature), ==, 28);
    }
}

static void
test_v1_vector_a (void)
{
  g_autoptr(GHashTable) params =
    params_new ("Action", "DescribeRegions",
                "Format", "XML",
                "SignatureMethod", "HMAC-SHA1",
                "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion", "1.0",
                "Timestamp", "2016-02-23T12:46:24Z",
                "Version", "2014-05-26",
                "AccessKeyId", "testid",
                NULL);

  check_v1 ("GET", params, "testsecret",
            "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

static void
test_v1_vector_b (void)
{
  g_autoptr(GHashTable) params =
    params_new ("Action", "DescribeRegions",
                "Format", "XML",
                "SignatureMethod", "HMAC-SHA1",
                "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion", "1.0",
                "TimeStamp", "2016-02-23T12:46:24Z",
                "Version", "2014-05-26",
                "AccessKeyId", "testid",
                NULL);

  check_v1 ("GET", params, "testsecret",
            NULL,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            "CT9X0VtwR86fNWSnsc6v8YGOjuE=");
}

static void
test_v1_vector_c (void)
{
  g_autoptr(GHashTable) params =
    params_new ("AccessKeyId", "testid",
                "Action", "DescribeDedicatedHosts",
                "Format", "JSON",
                "RegionId", "cn-beijing",
                "SignatureMethod", "HMAC-SHA1",
                "SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb",
                "SignatureVersion", "1.0",
                "Timestamp", "2023-03-13T08:34:30Z",
                "Version", "2014-05-26",
                NULL);

  check_v1 ("GET", params, "testsecret",
            "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26",
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26",
            "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
}

static GHashTable *
vector_d_params (void)
{
  return params_new ("AccessKeyId", "accessKeyId",
                     "Action", "",
                     "Format", "JSON",
                     "RegionId", "regionId",
                     "SignatureMethod", "HMAC-SHA1",
                     "SignatureNonce", "MOCK_UUID",
                     "SignatureType", "",
                     "SignatureVersion", "1.0",
                     "Timestamp", "mock date",
                     "Version", "",
                     NULL);
}

static void
test_v1_vector_d (void)
{
  g_autoptr(GHashTable) params = vector_d_params ();

  check_v1 ("GET", params, "accessKeySecret",
            "AccessKeyId=accessKeyId&Action=&Format=JSON&RegionId=regionId&SignatureMethod=HMAC-SHA1&SignatureNonce=MOCK_UUID&SignatureType=&SignatureVersion=1.0&Timestamp=mock%20date&Version=",
            "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON%26RegionId%3DregionId%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D",
            "7loPmFjvDnzOVnQeQNj85S6nFGY=");
}

static void
test_v1_vector_d_sts (void)
{
  g_autoptr(GHashTable) params = vector_d_params ();

  g_hash_table_insert (params, g_strdup ("SecurityToken"), g_strdup ("accessKeyStsToken"));

  check_v1 ("GET", params, "accessKeySecret",
            NULL,
            "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON%26RegionId%3DregionId%26SecurityToken%3DaccessKeyStsToken%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D",
            "5Nxdcler+ihqWqv0Hr2On4PsBf4=");
}

/* The string-to-sign-only assertions of the Go SDK's composer test. */
static void
test_v1_go_string_to_sign (void)
{
  g_autoptr(GHashTable) empty = params_new (NULL);
  g_autoptr(GHashTable) one = params_new ("key", "value", NULL);
  g_autoptr(GHashTable) url = params_new ("key", "value",
                                          "q", "http://domain/?q=value&q2=value2",
                                          NULL);
  g_autofree char *canonical_empty = ens_signer_canonical_query (empty);
  g_autofree char *canonical_null = ens_signer_canonical_query (NULL);

  g_assert_cmpstr (canonical_empty, ==, "");
  g_assert_cmpstr (canonical_null, ==, "");

  check_v1 ("GET", empty, "x", NULL, "GET&%2F&", NULL);
  check_v1 ("GET", one, "x", "key=value", "GET&%2F&key%3Dvalue", NULL);
  check_v1 ("GET", url, "x",
            "key=value&q=http%3A%2F%2Fdomain%2F%3Fq%3Dvalue%26q2%3Dvalue2",
            "GET&%2F&key%3Dvalue%26q%3Dhttp%253A%252F%252Fdomain%252F%253Fq%253Dvalue%2526q2%253Dvalue2",
            NULL);
}

static void
test_v1_vector_e (void)
{
  g_autoptr(GHashTable) params = params_new ("test", "ok", NULL);

  check_v1 ("", params, "accessKeySecret", "test=ok", "&%2F&test%3Dok",
            "jHx/oHoHNrbVfhncHEvPdHXZwHU=");
}

/* Vector F is HMAC-SHA1 with the key used as given (no "&").  The V1
 * signature is this primitive with key = secret + "&", which is checked
 * against vector A as well. */
static void
test_v1_vector_f (void)
{
  g_autofree char *raw = ens_signer_hmac_sha1_base64 ("sk#$!~~~", "abc~!@#");
  g_autofree char *with_amp = ens_signer_hmac_sha1_base64 ("sk#$!~~~&", "abc~!@#");
  g_autofree char *v1 = ens_signer_v1_signature ("sk#$!~~~", "abc~!@#");
  g_autofree char *a_raw = NULL;
  g_autofree char *a_v1 = NULL;
  const char *a_sts = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";

  g_assert_cmpstr (raw, ==, "7eV3A584uvdgKVk8Ck8r9ukg1gE=");

  /* The V1 signature appends "&" to the secret: it is the primitive with
   * that key, and not the primitive with the bare secret. */
  g_assert_cmpstr (v1, ==, with_amp);
  g_assert_cmpstr (v1, !=, raw);

  a_raw = ens_signer_hmac_sha1_base64 ("testsecret&", a_sts);
  a_v1 = ens_signer_v1_signature ("testsecret", a_sts);
  g_assert_cmpstr (a_raw, ==, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  g_assert_cmpstr (a_v1, ==, a_raw);
}

static GHashTable *
vector_g_params (void)
{
  return params_new ("AccessKeyId", "testid",
                     "Action", "ModifyImageSharePermission",
                     "AddAccounts", "1234567890123456,6543210987654321",
                     "Format", "JSON",
                     "ImageId", "m-5s7qotzavwbrnzaqh4unmabcd",
                     "SignatureMethod", "HMAC-SHA1",
                     "SignatureNonce", "d410180a5abf7fe235dd9b74aca91fc0",
                     "SignatureVersion", "1.0",
                     "Timestamp", "2024-01-01T00:00:00Z",
                     "Version", "2017-11-10",
                     NULL);
}

#define VECTOR_G_CANONICAL "AccessKeyId=testid&Action=ModifyImageSharePermission&AddAccounts=1234567890123456%2C6543210987654321&Format=JSON&ImageId=m-5s7qotzavwbrnzaqh4unmabcd&SignatureMethod=HMAC-SHA1&SignatureNonce=d410180a5abf7fe235dd9b74aca91fc0&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-11-10"
#define VECTOR_G_STS_TAIL "&%2F&AccessKeyId%3Dtestid%26Action%3DModifyImageSharePermission%26AddAccounts%3D1234567890123456%252C6543210987654321%26Format%3DJSON%26ImageId%3Dm-5s7qotzavwbrnzaqh4unmabcd%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dd410180a5abf7fe235dd9b74aca91fc0%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2017-11-10"

static void
test_v1_vector_g (void)
{
  g_autoptr(GHashTable) params = vector_g_params ();

  check_v1 ("GET", params, "testsecret", VECTOR_G_CANONICAL,
            "GET" VECTOR_G_STS_TAIL, "/f+mGi7viBW+SwbHxFawc26MZWo=");
  check_v1 ("POST", params, "testsecret", VECTOR_G_CANONICAL,
            "POST" VECTOR_G_STS_TAIL, "GfS48ElWPyNCGaO+O6vRrgJjSgE=");
}

static void
test_sha256 (void)
{
  g_autofree char *test = ens_signer_sha256_hex ((const guint8 *) "test", 4);
  g_autofree char *empty = ens_signer_sha256_hex (NULL, 0);

  g_assert_cmpstr (test, ==, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  g_assert_cmpstr (empty, ==, EMPTY_SHA256);
}

/* Signs a V3 canonical request and checks every stage. */
static void
check_v3 (const char *canonical_request,
          const char *signed_headers,
          const char *access_key_id,
          const char *secret,
          const char *expected_hash,
          const char *expected_signature,
          const char *expected_authorization)
{
  g_autofree char *string_to_sign = ens_signer_v3_string_to_sign (canonical_request);
  g_autofree char *signature = ens_signer_v3_signature (secret, string_to_sign);
  g_autofree char *authorization = ens_signer_v3_authorization (access_key_id, signed_headers, signature);

  if (expected_hash != NULL)
    {
      g_autofree char *expected_sts = g_strconcat ("ACS3-HMAC-SHA256\n", expected_hash, NULL);

      g_assert_cmpstr (string_to_sign, ==, expected_sts);
    }
  g_assert_cmpstr (signature, ==, expected_signature);
  g_assert_cmpstr (authorization, ==, expected_authorization);
}

static void
test_v3_vector_h (void)
{
  g_autoptr(GHashTable) query =
    params_new ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
                "RegionId", "cn-shanghai",
                NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;

  soup_message_headers_append (headers, "host", "ecs.cn-shanghai.aliyuncs.com");
  soup_message_headers_append (headers, "x-acs-action", "RunInstances");
  soup_message_headers_append (headers, "x-acs-version", "2014-05-26");
  soup_message_headers_append (headers, "x-acs-date", "2023-10-26T10:22:32Z");
  soup_message_headers_append (headers, "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
  soup_message_headers_append (headers, "x-acs-content-sha256", EMPTY_SHA256);
  /* Sent but not signed. */
  soup_message_headers_append (headers, "User-Agent", "ens-image-share-test");
  soup_message_headers_append (headers, "Accept", "application/json");

  canonical = ens_signer_v3_canonical_request ("POST", "/", query, headers, EMPTY_SHA256,
                                               &signed_headers);

  g_assert_cmpstr (canonical, ==,
                   "POST\n"
                   "/\n"
                   "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                   "host:ecs.cn-shanghai.aliyuncs.com\n"
                   "x-acs-action:RunInstances\n"
                   "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                   "x-acs-date:2023-10-26T10:22:32Z\n"
                   "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
                   "x-acs-version:2014-05-26\n"
                   "\n"
                   "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (signed_headers, ==,
                   "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");

  check_v3 (canonical, signed_headers, "YourAccessKeyId", "YourAccessKeySecret",
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
}

#define VECTOR_I_PAYLOAD "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"

static void
test_v3_vector_i (void)
{
  g_autoptr(GHashTable) query = params_new ("test", "ok", "empty", "", NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;

  soup_message_headers_append (headers, "x-acs-TEST", "https");
  soup_message_headers_append (headers, "x-acs-test", "http");

  canonical = ens_signer_v3_canonical_request ("undefined", "", query, headers,
                                               VECTOR_I_PAYLOAD, &signed_headers);

  g_assert_cmpstr (canonical, ==,
                   "undefined\n\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n" VECTOR_I_PAYLOAD);
  g_assert_cmpstr (signed_headers, ==, "x-acs-test");

  check_v3 (canonical, signed_headers, "acesskey", "secret", NULL,
            "0f2d549523cf082c83bb8135b5863614f7fe16ca7c2c7fc537e74d67374eeeac",
            "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=0f2d549523cf082c83bb8135b5863614f7fe16ca7c2c7fc537e74d67374eeeac");
}

static void
test_v3_vector_i_empty (void)
{
  g_autoptr(GHashTable) query = params_new (NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *canonical = NULL;
  g_autofree char *canonical_null = NULL;
  g_autofree char *signed_headers = NULL;

  canonical = ens_signer_v3_canonical_request ("undefined", "", query, headers,
                                               VECTOR_I_PAYLOAD, &signed_headers);
  canonical_null = ens_signer_v3_canonical_request ("undefined", "", NULL, NULL,
                                                    VECTOR_I_PAYLOAD, NULL);

  g_assert_cmpstr (canonical, ==, "undefined\n\n\n\n\n" VECTOR_I_PAYLOAD);
  g_assert_cmpstr (canonical_null, ==, canonical);
  g_assert_cmpstr (signed_headers, ==, "");

  check_v3 (canonical, signed_headers, "acesskey", "secret", NULL,
            "608b887e491f3e88e85276b188a4d24e29230a559464685ccbf2dcc458e1fde8",
            "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=,Signature=608b887e491f3e88e85276b188a4d24e29230a559464685ccbf2dcc458e1fde8");
}

static void
test_v3_vector_j (void)
{
  g_autoptr(GHashTable) query =
    params_new ("ImageId", "m-5s7qotzavwbrnzaqh4unmabcd",
                "AddAccounts", "1234567890123456,6543210987654321",
                NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical_query = ens_signer_canonical_query (query);

  g_assert_cmpstr (canonical_query, ==,
                   "AddAccounts=1234567890123456%2C6543210987654321&ImageId=m-5s7qotzavwbrnzaqh4unmabcd");

  soup_message_headers_append (headers, "host", "ens.aliyuncs.com");
  soup_message_headers_append (headers, "x-acs-action", "ModifyImageSharePermission");
  soup_message_headers_append (headers, "x-acs-version", "2017-11-10");
  soup_message_headers_append (headers, "x-acs-date", "2024-01-01T00:00:00Z");
  soup_message_headers_append (headers, "x-acs-signature-nonce", "d410180a5abf7fe235dd9b74aca91fc0");
  soup_message_headers_append (headers, "x-acs-content-sha256", EMPTY_SHA256);

  canonical = ens_signer_v3_canonical_request ("POST", "/", query, headers, EMPTY_SHA256,
                                               &signed_headers);
  g_assert_cmpstr (signed_headers, ==,
                   "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");

  check_v3 (canonical, signed_headers, "testid", "testsecret",
            "78a817115dcf435b5f66d3530944f65ac6daf4d0a3199e5c36ed283da7a72c0b",
            "c5d957e57a6705a8715418c2448a4e23d37b218ed4b95b4c1b6e22793a25364a",
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=c5d957e57a6705a8715418c2448a4e23d37b218ed4b95b4c1b6e22793a25364a");
}

/* Header rules: names lowercased and compared case-insensitively, values
 * trimmed, only x-acs-*, host and content-type signed, duplicates folded
 * with sorted values. */
static void
test_v3_header_rules (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;

  soup_message_headers_append (headers, "Host", "  example.com:8080 ");
  soup_message_headers_append (headers, "Content-Type", "application/x-www-form-urlencoded");
  soup_message_headers_append (headers, "X-Acs-Date", "\t2024-01-01T00:00:00Z");
  soup_message_headers_append (headers, "x-acs-multi", "b");
  soup_message_headers_append (headers, "X-ACS-MULTI", " a ");
  soup_message_headers_append (headers, "Authorization", "not signed");
  soup_message_headers_append (headers, "User-Agent", "not signed");
  soup_message_headers_append (headers, "x-acsnot", "not signed");

  canonical = ens_signer_v3_canonical_request ("GET", "/", NULL, headers, EMPTY_SHA256,
                                               &signed_headers);

  g_assert_cmpstr (canonical, ==,
                   "GET\n/\n\n"
                   "content-type:application/x-www-form-urlencoded\n"
                   "host:example.com:8080\n"
                   "x-acs-date:2024-01-01T00:00:00Z\n"
                   "x-acs-multi:a,b\n"
                   "\n"
                   "content-type;host;x-acs-date;x-acs-multi\n"
                   EMPTY_SHA256);
  g_assert_cmpstr (signed_headers, ==, "content-type;host;x-acs-date;x-acs-multi");
}

/* Sorting is plain byte order: uppercase before lowercase, and a name
 * that is a prefix of another comes first. */
static void
test_canonical_query_order (void)
{
  g_autoptr(GHashTable) params = params_new ("b", "1", "B", "2", "a", "3", "aa", "4",
                                             "A_", "5", "Z", "", "中", "文",
                                             NULL);
  g_autofree char *canonical = ens_signer_canonical_query (params);

  g_assert_cmpstr (canonical, ==, "A_=5&B=2&Z=&a=3&aa=4&b=1&%E4%B8%AD=%E6%96%87");
}

static void
test_format_timestamp (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr(GTimeZone) plus8 = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) shanghai = g_date_time_new (plus8, 2016, 2, 23, 20, 46, 24.75);
  g_autoptr(GTimeZone) minus5 = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) new_york = g_date_time_new (minus5, 2023, 12, 31, 21, 5, 9);
  g_autofree char *a = ens_signer_format_timestamp (utc);
  g_autofree char *b = ens_signer_format_timestamp (shanghai);
  g_autofree char *c = ens_signer_format_timestamp (new_york);

  g_assert_cmpstr (a, ==, "2024-01-01T00:00:00Z");
  g_assert_cmpstr (b, ==, "2016-02-23T12:46:24Z");
  g_assert_cmpstr (c, ==, "2024-01-01T02:05:09Z");
}

static void
test_new_nonce (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 100; i++)
    {
      char *nonce = ens_signer_new_nonce ();

      g_assert_cmpuint (strlen (nonce), ==, 32);
      for (const char *p = nonce; *p != '\0'; p++)
        g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));

      g_assert_false (g_hash_table_contains (seen, nonce));
      g_hash_table_add (seen, nonce);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signer/v1/vector-a", test_v1_vector_a);
  g_test_add_func ("/signer/v1/vector-b", test_v1_vector_b);
  g_test_add_func ("/signer/v1/vector-c", test_v1_vector_c);
  g_test_add_func ("/signer/v1/vector-d", test_v1_vector_d);
  g_test_add_func ("/signer/v1/vector-d-sts", test_v1_vector_d_sts);
  g_test_add_func ("/signer/v1/go-string-to-sign", test_v1_go_string_to_sign);
  g_test_add_func ("/signer/v1/vector-e", test_v1_vector_e);
  g_test_add_func ("/signer/v1/vector-f", test_v1_vector_f);
  g_test_add_func ("/signer/v1/vector-g", test_v1_vector_g);
  g_test_add_func ("/signer/sha256", test_sha256);
  g_test_add_func ("/signer/v3/vector-h", test_v3_vector_h);
  g_test_add_func ("/signer/v3/vector-i", test_v3_vector_i);
  g_test_add_func ("/signer/v3/vector-i-empty", test_v3_vector_i_empty);
  g_test_add_func ("/signer/v3/vector-j", test_v3_vector_j);
  g_test_add_func ("/signer/v3/header-rules", test_v3_header_rules);
  g_test_add_func ("/signer/canonical-query-order", test_canonical_query_order);
  g_test_add_func ("/signer/format-timestamp", test_format_timestamp);
  g_test_add_func ("/signer/new-nonce", test_new_nonce);

  return g_test_run ();
}
