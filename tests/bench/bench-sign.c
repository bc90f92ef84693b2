/* bench-sign.c
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

/*
 * Signing speed: signatures per second for V1 and V3 on one core, each
 * against a baseline measured in the same process — a bare GHmac over a
 * string of the same length — so that the ratio says what canonicalising
 * and encoding cost on top of the HMAC itself.
 *
 * Output: one line per figure, "name value unit baseline ratio".
 */

#include "config.h"

#include <string.h>

#include "ens-core.h"

#define DURATION_US (G_USEC_PER_SEC / 2)

typedef void (*BenchFunc) (gpointer data);

typedef struct
{
  EnsRequest     *request;
  EnsCredentials *credentials;
  GUri           *endpoint;
  GDateTime      *timestamp;
  GChecksumType   checksum;
  gsize           length;
} BenchData;

static double
measure (BenchFunc func,
         gpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  guint64 n = 0;

  do
    {
      for (guint i = 0; i < 64; i++)
        func (data);
      n += 64;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < DURATION_US);

  return (double) n * G_USEC_PER_SEC / (double) elapsed;
}

static void
sign_v1 (gpointer user_data)
{
  BenchData *data = user_data;
  g_autoptr(EnsSignedRequest) signed_request = NULL;

  signed_request = ens_request_sign (data->request, ENS_SIGNATURE_V1, "POST", FALSE,
                                     data->endpoint, data->credentials, data->timestamp,
                                     "d410180a5abf7fe235dd9b74aca91fc0", NULL);
  g_assert_nonnull (signed_request);
}

static void
sign_v3 (gpointer user_data)
{
  BenchData *data = user_data;
  g_autoptr(EnsSignedRequest) signed_request = NULL;

  signed_request = ens_request_sign (data->request, ENS_SIGNATURE_V3, "POST", FALSE,
                                     data->endpoint, data->credentials, data->timestamp,
                                     "d410180a5abf7fe235dd9b74aca91fc0", NULL);
  g_assert_nonnull (signed_request);
}

static void
bare_hmac (gpointer user_data)
{
  BenchData *data = user_data;
  static char buffer[4096];
  g_autoptr(GHmac) hmac = g_hmac_new (data->checksum, (const guchar *) "testsecret", 10);

  g_hmac_update (hmac, (const guchar *) buffer, MIN (data->length, sizeof buffer));
  (void) g_hmac_get_string (hmac);
}

static gsize
string_to_sign_length (BenchData           *data,
                       EnsSignatureVersion  version)
{
  g_autoptr(EnsSignedRequest) signed_request = NULL;

  signed_request = ens_request_sign (data->request, version, "POST", FALSE,
                                     data->endpoint, data->credentials, data->timestamp,
                                     "d410180a5abf7fe235dd9b74aca91fc0", NULL);
  return strlen (ens_signed_request_get_string_to_sign (signed_request));
}

int
main (int   argc,
      char *argv[])
{
  const char *accounts[] = { "1234567890123456", "6543210987654321", NULL };
  g_autoptr(GError) error = NULL;
  BenchData data = { 0 };
  double v1, v3, base1, base3;

  data.request = ens_request_new_modify_image_share_permission ("m-5s7qotzavwbrnzaqh4unmabcd",
                                                                accounts, NULL, &error);
  g_assert_no_error (error);
  data.credentials = ens_credentials_new ("testid", "testsecret", NULL);
  data.endpoint = g_uri_parse (ENS_DEFAULT_ENDPOINT, G_URI_FLAGS_NONE, NULL);
  data.timestamp = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  v1 = measure (sign_v1, &data);
  data.checksum = G_CHECKSUM_SHA1;
  data.length = string_to_sign_length (&data, ENS_SIGNATURE_V1);
  base1 = measure (bare_hmac, &data);

  v3 = measure (sign_v3, &data);
  data.checksum = G_CHECKSUM_SHA256;
  /* V3 hashes the canonical request and then HMACs a short string: the
   * baseline is one HMAC over the canonical request's length. */
  data.length = 400;
  base3 = measure (bare_hmac, &data);

  g_print ("sign-v1 %.0f signatures/s %.0f %.3f\n", v1, base1, base1 / v1);
  g_print ("sign-v3 %.0f signatures/s %.0f %.3f\n", v3, base3, base3 / v3);

  g_date_time_unref (data.timestamp);
  g_uri_unref (data.endpoint);
  ens_credentials_free (data.credentials);
  ens_request_unref (data.request);

  return 0;
}
