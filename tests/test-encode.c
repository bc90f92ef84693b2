/* test-encode.c
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

#include "ens-encode.h"

typedef struct
{
  const char *plain;
  const char *encoded;
} EncodingPair;

/* Every pair of reference §1.2, plus single characters that the rule
 * singles out. */
static const EncodingPair pairs[] = {
  /* Java SDK AcsURLEncoderTest.percentEncodeReturnNormal */
  { "123abc!@#$%^&*()-=_+ ~|\\/", "123abc%21%40%23%24%25%5E%26%2A%28%29-%3D_%2B%20~%7C%5C%2F" },
  { " ~*+/中", "%20~%2A%2B%2F%E4%B8%AD" },
  /* openapi-core-nodejs-sdk "encode should ok" */
  { "str'str", "str%27str" },
  { "str(str", "str%28str" },
  { "str)str", "str%29str" },
  { "str*str", "str%2Astr" },
  /* docs example */
  { "2016-02-23T12:46:24Z", "2016-02-23T12%3A46%3A24Z" },
  /* comma in AddAccounts */
  { "1234567890123456,6543210987654321", "1234567890123456%2C6543210987654321" },
  /* the rule's special cases */
  { "~", "~" },
  { "*", "%2A" },
  { " ", "%20" },
  { "+", "%2B" },
  { "\"", "%22" },
  { "中", "%E4%B8%AD" },
  { "é", "%C3%A9" },
  { "😀", "%F0%9F%98%80" },
  { "ABCXYZabcxyz0189-_.~", "ABCXYZabcxyz0189-_.~" },
  { "a b", "a%20b" },
  { "=&%", "%3D%26%25" },
  { "", "" },
};

static void
test_encode_pairs (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *encoded = ens_percent_encode (pairs[i].plain);

      g_test_message ("encode %s", pairs[i].plain);
      g_assert_cmpstr (encoded, ==, pairs[i].encoded);
    }
}

static void
test_decode_pairs (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      gsize length = G_MAXSIZE;
      g_autofree char *decoded = ens_percent_decode (pairs[i].encoded, &length);

      g_test_message ("decode %s", pairs[i].encoded);
      g_assert_cmpstr (decoded, ==, pairs[i].plain);
      g_assert_cmpuint (length, ==, strlen (pairs[i].plain));
    }
}

static gboolean
is_unreserved (int c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.' || c == '~';
}

/* Each byte on its own: unreserved bytes stay, every other one becomes
 * %XY in upper case. */
static void
test_encode_every_byte (void)
{
  guint n_unreserved = 0;

  for (int c = 1; c < 256; c++)
    {
      char in[2] = { (char) c, '\0' };
      g_autofree char *encoded = ens_percent_encode (in);
      g_autofree char *expected = NULL;

      if (is_unreserved (c))
        {
          expected = g_strdup (in);
          n_unreserved++;
        }
      else
        {
          expected = g_strdup_printf ("%%%02X", (guint) c);
        }

      g_assert_cmpstr (encoded, ==, expected);
    }

  /* 26 + 26 + 10 + 4 */
  g_assert_cmpuint (n_unreserved, ==, 66);
}

static void
test_decode_plus_and_case (void)
{
  g_autofree char *plus = ens_percent_decode ("a+b", NULL);
  g_autofree char *lower = ens_percent_decode ("%2a%e4%b8%ad", NULL);
  g_autofree char *tilde = ens_percent_decode ("%7E~", NULL);
  g_autofree char *nul = NULL;
  gsize length = 0;

  g_assert_cmpstr (plus, ==, "a+b");
  g_assert_cmpstr (lower, ==, "*中");
  g_assert_cmpstr (tilde, ==, "~~");

  nul = ens_percent_decode ("a%00b", &length);
  g_assert_nonnull (nul);
  g_assert_cmpuint (length, ==, 3);
  g_assert_cmpmem (nul, length, "a\0b", 3);
}

static void
test_decode_malformed (void)
{
  static const char *bad[] = {
    "%", "%2", "abc%", "abc%4", "%G1", "%1G", "%%", "a%zzb", "%-1", "% 2",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gsize length = 99;
      g_autofree char *decoded = ens_percent_decode (bad[i], &length);

      g_test_message ("malformed %s", bad[i]);
      g_assert_null (decoded);
      g_assert_cmpuint (length, ==, 0);
    }
}

static gboolean
only_wire_characters (const char *str)
{
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '%')
        {
          if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]) ||
              g_ascii_islower (p[1]) || g_ascii_islower (p[2]))
            return FALSE;
          p += 2;
        }
      else if (!is_unreserved ((guchar) *p))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Property: for random byte strings (no NUL), decode (encode (s)) == s, the
 * output holds only unreserved characters and uppercase escapes, and
 * encoding is stable: encode (decode (encode (s))) == encode (s). */
static void
test_round_trip_bytes (void)
{
  for (guint round = 0; round < 2000; round++)
    {
      guint len = g_test_rand_int_range (0, 40);
      g_autofree char *plain = g_malloc0 (len + 1);
      g_autofree char *encoded = NULL;
      g_autofree char *decoded = NULL;
      g_autofree char *again = NULL;
      gsize decoded_len = 0;

      for (guint i = 0; i < len; i++)
        plain[i] = (char) g_test_rand_int_range (1, 256);

      encoded = ens_percent_encode (plain);
      g_assert_true (only_wire_characters (encoded));

      decoded = ens_percent_decode (encoded, &decoded_len);
      g_assert_nonnull (decoded);
      g_assert_cmpmem (decoded, decoded_len, plain, len);

      again = ens_percent_encode (decoded);
      g_assert_cmpstr (again, ==, encoded);
    }
}

/* Property over valid UTF-8 text built from a mix of ASCII, Latin, CJK and
 * astral characters. */
static void
test_round_trip_utf8 (void)
{
  static const gunichar pool[] = {
    ' ', '*', '~', '+', '/', '%', '&', '=', 'a', 'Z', '0', '-', '_', '.',
    0xE9, 0x4E2D, 0x6587, 0x1F600, 0x0410, 0x05D0,
  };

  for (guint round = 0; round < 1000; round++)
    {
      GString *plain = g_string_new (NULL);
      guint len = g_test_rand_int_range (0, 20);
      g_autofree char *encoded = NULL;
      g_autofree char *decoded = NULL;
      gsize expected_len = 0;

      for (guint i = 0; i < len; i++)
        g_string_append_unichar (plain, pool[g_test_rand_int_range (0, G_N_ELEMENTS (pool))]);

      encoded = ens_percent_encode (plain->str);
      g_assert_true (only_wire_characters (encoded));
      g_assert_null (strchr (encoded, '+'));
      g_assert_null (strchr (encoded, '*'));
      g_assert_null (strstr (encoded, "%7E"));

      /* Every non-unreserved byte costs exactly three characters. */
      for (const char *p = plain->str; *p != '\0'; p++)
        expected_len += is_unreserved ((guchar) *p) ? 1 : 3;
      g_assert_cmpuint (strlen (encoded), ==, expected_len);

      decoded = ens_percent_decode (encoded, NULL);
      g_assert_cmpstr (decoded, ==, plain->str);

      g_string_free (plain, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encode/pairs", test_encode_pairs);
  g_test_add_func ("/encode/every-byte", test_encode_every_byte);
  g_test_add_func ("/encode/decode-pairs", test_decode_pairs);
  g_test_add_func ("/encode/decode-plus-and-case", test_decode_plus_and_case);
  g_test_add_func ("/encode/decode-malformed", test_decode_malformed);
  g_test_add_func ("/encode/round-trip-bytes", test_round_trip_bytes);
  g_test_add_func ("/encode/round-trip-utf8", test_round_trip_utf8);

  return g_test_run ();
}
