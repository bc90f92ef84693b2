/* test-input.c
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

#include "ens-error.h"
#include "ens-input.h"

static void
assert_accounts (EnsAccountList *list,
                 ...)
{
  va_list args;
  const char *expected;
  guint i = 0;

  va_start (args, list);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, list->accounts->len);
      g_assert_cmpstr (g_ptr_array_index (list->accounts, i), ==, expected);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (list->accounts->len, ==, i);
}

static EnsAccountIssue *
issue_at (EnsAccountList *list,
          guint           i)
{
  g_assert_cmpuint (i, <, list->issues->len);

  return g_ptr_array_index (list->issues, i);
}

static void
test_separators (void)
{
  static const char *inputs[] = {
    "1234567890123456,6543210987654321,1111222233334444",
    "1234567890123456, 6543210987654321 ,1111222233334444,",
    "1234567890123456 6543210987654321   1111222233334444",
    "1234567890123456;6543210987654321; 1111222233334444",
    "1234567890123456\n6543210987654321\n1111222233334444\n",
    "1234567890123456\r\n6543210987654321\r\n1111222233334444\r\n",
    "  1234567890123456\t6543210987654321\t\t1111222233334444  ",
    /* Chinese punctuation: full-width comma, ideographic comma, ideographic space */
    "1234567890123456，6543210987654321、1111222233334444",
    "1234567890123456　6543210987654321　　1111222233334444",
    "1234567890123456；6543210987654321，\u00a01111222233334444",
    /* Pasted from a spreadsheet column: CRLF, tabs for empty cells */
    "1234567890123456\t\r\n6543210987654321\t\t\r\n\r\n\t1111222233334444\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(EnsAccountList) list = ens_account_list_parse (inputs[i]);

      g_test_message ("input %u", i);
      assert_accounts (list, "1234567890123456", "6543210987654321", "1111222233334444", NULL);
      g_assert_cmpuint (list->issues->len, ==, 0);
      g_assert_cmpuint (ens_account_list_count_errors (list), ==, 0);
    }
}

static void
test_empty (void)
{
  static const char *inputs[] = { "", "   ", " ,, ;\r\n\t，、　" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(EnsAccountList) list = ens_account_list_parse (inputs[i]);

      g_assert_cmpuint (list->accounts->len, ==, 0);
      g_assert_cmpuint (list->issues->len, ==, 0);
    }

  {
    g_autoptr(EnsAccountList) list = ens_account_list_parse (NULL);

    g_assert_cmpuint (list->accounts->len, ==, 0);
    g_assert_cmpuint (list->issues->len, ==, 0);
  }
}

static void
test_duplicates (void)
{
  g_autoptr(EnsAccountList) list =
    ens_account_list_parse ("1234567890123456, 6543210987654321\n1234567890123456 6543210987654321");
  EnsAccountIssue *issue;

  assert_accounts (list, "1234567890123456", "6543210987654321", NULL);
  g_assert_cmpuint (list->issues->len, ==, 2);
  g_assert_cmpuint (ens_account_list_count_errors (list), ==, 0);

  issue = issue_at (list, 0);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_DUPLICATE);
  g_assert_false (issue->is_error);
  g_assert_cmpstr (issue->token, ==, "1234567890123456");
  g_assert_cmpstr (issue->message, ==, "“1234567890123456” is listed more than once; it will be used once.");

  issue = issue_at (list, 1);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_DUPLICATE);
  g_assert_cmpstr (issue->token, ==, "6543210987654321");
}

static void
test_letters (void)
{
  g_autoptr(EnsAccountList) list =
    ens_account_list_parse ("1234567890123456 12a4 6543210987654321 1234-5678 12a4");
  EnsAccountIssue *issue;

  assert_accounts (list, "1234567890123456", "6543210987654321", NULL);
  /* The repeated bad token is reported once. */
  g_assert_cmpuint (list->issues->len, ==, 2);
  g_assert_cmpuint (ens_account_list_count_errors (list), ==, 2);

  issue = issue_at (list, 0);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_NOT_DIGITS);
  g_assert_true (issue->is_error);
  g_assert_cmpstr (issue->token, ==, "12a4");
  g_assert_cmpstr (issue->message, ==, "“12a4” has letters in it. Account IDs are made of digits only.");

  issue = issue_at (list, 1);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_NOT_DIGITS);
  g_assert_cmpstr (issue->token, ==, "1234-5678");
  g_assert_cmpstr (issue->message, ==,
                   "“1234-5678” has characters in it that are not digits. Account IDs are made of digits only.");
}

static void
test_too_long (void)
{
  const char *long_id = "123456789012345678901234567890123";   /* 33 digits */
  const char *max_id = "12345678901234567890123456789012";     /* 32 digits */
  g_autofree char *input = g_strdup_printf ("%s,%s", long_id, max_id);
  g_autoptr(EnsAccountList) list = ens_account_list_parse (input);
  EnsAccountIssue *issue;

  assert_accounts (list, max_id, NULL);
  g_assert_cmpuint (list->issues->len, ==, 2);
  g_assert_cmpuint (ens_account_list_count_errors (list), ==, 1);

  issue = issue_at (list, 0);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_TOO_LONG);
  g_assert_true (issue->is_error);
  g_assert_cmpstr (issue->token, ==, long_id);
  g_assert_cmpstr (issue->message, ==,
                   "“123456789012345678901234567890123” is too long to be an account ID: it has 33 digits.");

  /* 32 digits is allowed but unusual. */
  issue = issue_at (list, 1);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH);
  g_assert_false (issue->is_error);
}

static void
test_unusual_length (void)
{
  g_autoptr(EnsAccountList) list = ens_account_list_parse ("123456789012345\n12345678901234567");
  EnsAccountIssue *issue;

  assert_accounts (list, "123456789012345", "12345678901234567", NULL);
  g_assert_cmpuint (list->issues->len, ==, 2);
  g_assert_cmpuint (ens_account_list_count_errors (list), ==, 0);

  issue = issue_at (list, 0);
  g_assert_cmpint (issue->kind, ==, ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH);
  g_assert_false (issue->is_error);
  g_assert_cmpstr (issue->token, ==, "123456789012345");
  g_assert_cmpstr (issue->message, ==,
                   "“123456789012345” has only 15 digits. Alibaba Cloud account IDs usually have 16: check that none are missing.");

  issue = issue_at (list, 1);
  g_assert_cmpstr (issue->message, ==,
                   "“12345678901234567” has 17 digits. Alibaba Cloud account IDs usually have 16: check that none are extra.");
}

static void
test_mixed (void)
{
  /* Full-width digits from an input method become ASCII digits. */
  g_autoptr(EnsAccountList) list =
    ens_account_list_parse ("１２３４５６７８９０１２３４５６、abc，1234567890123456 12\xff" "34");

  assert_accounts (list, "1234567890123456", NULL);
  g_assert_cmpuint (list->issues->len, ==, 3);
  g_assert_cmpint (issue_at (list, 0)->kind, ==, ENS_ACCOUNT_ISSUE_NOT_DIGITS);
  g_assert_cmpstr (issue_at (list, 0)->token, ==, "abc");
  /* The full-width spelling of the same ID is a duplicate. */
  g_assert_cmpint (issue_at (list, 1)->kind, ==, ENS_ACCOUNT_ISSUE_DUPLICATE);
  /* Invalid UTF-8 does not crash and is not a digit. */
  g_assert_cmpint (issue_at (list, 2)->kind, ==, ENS_ACCOUNT_ISSUE_NOT_DIGITS);
  g_assert_cmpuint (ens_account_list_count_errors (list), ==, 2);
}

static void
test_long_token_shortened (void)
{
  g_autofree char *junk = g_strnfill (500, 'x');
  g_autoptr(EnsAccountList) list = ens_account_list_parse (junk);
  EnsAccountIssue *issue = issue_at (list, 0);

  g_assert_cmpstr (issue->token, ==, junk);
  g_assert_cmpuint (strlen (issue->message), <, 150);
}

static void
test_account_id_is_valid (void)
{
  g_assert_true (ens_account_id_is_valid ("1234567890123456"));
  g_assert_true (ens_account_id_is_valid ("1"));
  g_assert_false (ens_account_id_is_valid (""));
  g_assert_false (ens_account_id_is_valid (NULL));
  g_assert_false (ens_account_id_is_valid ("12a4"));
  g_assert_false (ens_account_id_is_valid (" 1234"));
  g_assert_false (ens_account_id_is_valid ("123456789012345678901234567890123"));
}

static void
test_image_id (void)
{
  struct {
    const char *input;
    const char *expected;
  } good[] = {
    { "m-5s7qotzavwbrnzaqh4unmabcd", "m-5s7qotzavwbrnzaqh4unmabcd" },
    { "  m-5s7qotzavwbrnzaqh4unmabcd\n", "m-5s7qotzavwbrnzaqh4unmabcd" },
    { "\tm-5s7qotzavwbrnzaqh4unmabcd\r\n", "m-5s7qotzavwbrnzaqh4unmabcd" },
    { "\u00a0centos_6_08_64_20G_alibase_20171208.vhd\u3000", "centos_6_08_64_20G_alibase_20171208.vhd" },
  };
  struct {
    const char *input;
    const char *message;
  } bad[] = {
    { "", "The image ID is empty. Enter the ID of the image to share, such as m-5s7qotzavwbrnzaqh4unmabcd." },
    { " \n\t", "The image ID is empty. Enter the ID of the image to share, such as m-5s7qotzavwbrnzaqh4unmabcd." },
    { "m-abc/def", "The image ID cannot contain “/”. Image IDs are made of letters, digits, “-”, “_” and “.” only." },
    { "m-abc def", "The image ID cannot contain a space. Image IDs are made of letters, digits, “-”, “_” and “.” only." },
    { "m-abc\ndef", "The image ID cannot contain a line break. Image IDs are made of letters, digits, “-”, “_” and “.” only." },
    { "m-镜像", "The image ID cannot contain “镜”. Image IDs are made of letters, digits, “-”, “_” and “.” only." },
    { "m-abc\u200bdef", "The image ID cannot contain an invisible character (U+200B). Image IDs are made of letters, digits, “-”, “_” and “.” only." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = ens_image_id_parse (good[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = ens_image_id_parse (bad[i].input, &error);

      g_assert_null (id);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  /* 128 characters is the most. */
  {
    g_autofree char *max = g_strnfill (128, 'a');
    g_autofree char *over = g_strnfill (129, 'a');
    g_autoptr(GError) error = NULL;
    g_autofree char *id = ens_image_id_parse (max, &error);
    g_autofree char *id2 = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (id, ==, max);

    id2 = ens_image_id_parse (over, &error);
    g_assert_null (id2);
    g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
    g_assert_cmpstr (error->message, ==,
                     "The image ID is too long: it has 129 characters, and image IDs have at most 128.");
  }

  /* NULL is treated as empty. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ens_image_id_parse (NULL, &error));
    g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  }
}

static void
test_access_key_id (void)
{
  struct {
    const char *input;
    const char *expected;
  } good[] = {
    { "LTAI5tAbCdEfGhIjKlMnOpQr", "LTAI5tAbCdEfGhIjKlMnOpQr" },
    { "LTAI5tAbCdEfGhIjKlMnOpQr\n", "LTAI5tAbCdEfGhIjKlMnOpQr" },
    { "  LTAI5tAbCdEfGhIjKlMnOpQr\r\n", "LTAI5tAbCdEfGhIjKlMnOpQr" },
    { "\u00a0LTAI5tAbCdEfGhIjKlMnOpQr\u3000", "LTAI5tAbCdEfGhIjKlMnOpQr" },
    { "\xef\xbb\xbfSTS.NSynGhy3WWTQKyH1LSpdnxmtD", "STS.NSynGhy3WWTQKyH1LSpdnxmtD" },
  };
  struct {
    const char *input;
    const char *message;
  } bad[] = {
    { "", "The AccessKey ID is empty. Copy it from the AccessKey page of the Alibaba Cloud console." },
    { "\r\n", "The AccessKey ID is empty. Copy it from the AccessKey page of the Alibaba Cloud console." },
    { "LTAI5t AbCd", "The AccessKey ID cannot contain a space. AccessKey IDs are made of letters, digits and “.” only: copy it again from the Alibaba Cloud console." },
    { "LTAI5t-AbCd", "The AccessKey ID cannot contain “-”. AccessKey IDs are made of letters, digits and “.” only: copy it again from the Alibaba Cloud console." },
    { "LTAI5tÄbCd", "The AccessKey ID cannot contain “Ä”. AccessKey IDs are made of letters, digits and “.” only: copy it again from the Alibaba Cloud console." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = ens_access_key_id_clean (good[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = ens_access_key_id_clean (bad[i].input, &error);

      g_assert_null (id);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  struct {
    const char *input;
    const char *message;
  } bad[] = {
    { "", "The AccessKey secret is empty. Enter the secret that was shown when the AccessKey was created." },
    { " \n", "The AccessKey secret is empty. Enter the secret that was shown when the AccessKey was created." },
    { "kQ7vT2mXp9 Lw4sZ", "The AccessKey secret has a space or a line break in the middle. Copy it again, without spaces." },
    { "kQ7vT2mXp9\nLw4sZ", "The AccessKey secret has a space or a line break in the middle. Copy it again, without spaces." },
    { "kQ7vT2mXp9\tLw4sZ", "The AccessKey secret has a space or a line break in the middle. Copy it again, without spaces." },
    { "kQ7vT2mXp9\u3000Lw4sZ", "The AccessKey secret has a space or a line break in the middle. Copy it again, without spaces." },
    { "kQ7vT2mXp9éLw4sZ", "The AccessKey secret has a character that AccessKey secrets never have. Copy it again from where you saved it." },
    { "kQ7vT2mXp9\x01Lw4sZ", "The AccessKey secret has a character that AccessKey secrets never have. Copy it again from where you saved it." },
  };

  /* A trailing newline (from `cat` or a text file) is removed. */
  secret = ens_access_key_secret_clean ("kQ7vT2mXp9Lw4sZ8nR3bY6cD1fH5jA\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "kQ7vT2mXp9Lw4sZ8nR3bY6cD1fH5jA");
  g_clear_pointer (&secret, g_free);

  secret = ens_access_key_secret_clean ("\u00a0 kQ7v+/=!~T2m\r\n\u3000", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "kQ7v+/=!~T2m");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autofree char *value = ens_access_key_secret_clean (bad[i].input, &bad_error);

      g_assert_null (value);
      g_assert_error (bad_error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
      g_assert_cmpstr (bad_error->message, ==, bad[i].message);
      /* Not a single piece of the secret in the message. */
      g_assert_null (strstr (bad_error->message, "kQ7"));
      g_assert_null (strstr (bad_error->message, "Lw4"));
    }
}

static void
test_security_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *raw = "CAIS8QF1q6Ft5B2yfSjIr5bDEdTAuLJG7qWnUBr+jWQ9S/tog7f5hTz2IHhMe3JhBO8e";

  token = ens_security_token_clean ("  CAIS8QF1q6Ft5B2yfSjIr5bDEdTAuLJG7qWnUBr+jWQ9S/tog7f5hTz2IHhMe3JhBO8e\r\n",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, raw);
  g_clear_pointer (&token, g_free);

  token = ens_security_token_clean ("CAIS8QF1q6Ft5B2y fSjIr5bDEdTAuLJG7q", &error);
  g_assert_null (token);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "The security token has a space or a line break in the middle. Copy the whole token again, in one piece.");
  g_assert_null (strstr (error->message, "CAIS"));
  g_clear_error (&error);

  token = ens_security_token_clean ("", &error);
  g_assert_null (token);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  token = ens_security_token_clean ("CAIS→x", &error);
  g_assert_null (token);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_null (strstr (error->message, "CAIS"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/accounts/separators", test_separators);
  g_test_add_func ("/input/accounts/empty", test_empty);
  g_test_add_func ("/input/accounts/duplicates", test_duplicates);
  g_test_add_func ("/input/accounts/letters", test_letters);
  g_test_add_func ("/input/accounts/too-long", test_too_long);
  g_test_add_func ("/input/accounts/unusual-length", test_unusual_length);
  g_test_add_func ("/input/accounts/mixed", test_mixed);
  g_test_add_func ("/input/accounts/long-token", test_long_token_shortened);
  g_test_add_func ("/input/accounts/id-is-valid", test_account_id_is_valid);
  g_test_add_func ("/input/image-id", test_image_id);
  g_test_add_func ("/input/access-key-id", test_access_key_id);
  g_test_add_func ("/input/secret", test_secret);
  g_test_add_func ("/input/security-token", test_security_token);

  return g_test_run ();
}
