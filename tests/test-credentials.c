/* test-credentials.c
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

#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-error.h"

/*
 * EnsCredentials and the environment reader.  Core: no D-Bus, no keyring
 * (ens_credentials_from_environment() never touches the keyring).
 */

#define ENV_ID     "ALIBABA_CLOUD_ACCESS_KEY_ID"
#define ENV_SECRET "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
#define ENV_TOKEN  "ALIBABA_CLOUD_SECURITY_TOKEN"

#define KEY_ID     "LTAI5tEnvironmentKey01"
#define KEY_SECRET "EnvironmentSecretValue000001"
#define KEY_TOKEN  "CAIS8gF1q6Ft5B2yfSjIr5bSEsKDoOpnhNeCc1TVq3UAO"

/* EnsCredentials ----------------------------------------------------------- */

static void
test_credentials_new (void)
{
  g_autoptr(EnsCredentials) plain = NULL;
  g_autoptr(EnsCredentials) sts = NULL;
  g_autoptr(EnsCredentials) empty_token = NULL;
  char id[] = KEY_ID;
  char secret[] = KEY_SECRET;

  /* The strings are copied: changing the caller's buffers changes nothing. */
  plain = ens_credentials_new (id, secret, NULL);
  id[0] = 'X';
  secret[0] = 'X';
  g_assert_cmpstr (ens_credentials_get_access_key_id (plain), ==, KEY_ID);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (plain), ==, KEY_SECRET);
  g_assert_null (ens_credentials_get_security_token (plain));

  sts = ens_credentials_new (KEY_ID, KEY_SECRET, KEY_TOKEN);
  g_assert_cmpstr (ens_credentials_get_security_token (sts), ==, KEY_TOKEN);

  /* An empty token is no token. */
  empty_token = ens_credentials_new (KEY_ID, KEY_SECRET, "");
  g_assert_null (ens_credentials_get_security_token (empty_token));
  g_assert_true (ens_credentials_equal (plain, empty_token));
}

static void
test_credentials_copy (void)
{
  g_autoptr(EnsCredentials) original = ens_credentials_new (KEY_ID, KEY_SECRET, KEY_TOKEN);
  g_autoptr(EnsCredentials) copy = NULL;
  EnsCredentials *boxed;

  copy = ens_credentials_copy (original);
  g_assert_true (copy != original);
  g_assert_true (ens_credentials_equal (original, copy));
  /* Deep: no string is shared. */
  g_assert_true (ens_credentials_get_access_key_id (copy) != ens_credentials_get_access_key_id (original));
  g_assert_true (ens_credentials_get_access_key_secret (copy) != ens_credentials_get_access_key_secret (original));
  g_assert_true (ens_credentials_get_security_token (copy) != ens_credentials_get_security_token (original));

  /* The boxed type copies and frees the same way. */
  g_assert_true (G_TYPE_IS_BOXED (ENS_TYPE_CREDENTIALS));
  boxed = g_boxed_copy (ENS_TYPE_CREDENTIALS, original);
  g_assert_true (ens_credentials_equal (original, boxed));
  g_boxed_free (ENS_TYPE_CREDENTIALS, boxed);

  /* Freeing the copy leaves the original intact. */
  g_clear_pointer (&copy, ens_credentials_free);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (original), ==, KEY_SECRET);
  g_assert_cmpstr (ens_credentials_get_security_token (original), ==, KEY_TOKEN);

  ens_credentials_free (NULL);
}

static void
test_credentials_equal (void)
{
  g_autoptr(EnsCredentials) a = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(EnsCredentials) same = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(EnsCredentials) other_id = ens_credentials_new ("LTAI5tOtherKey000001", KEY_SECRET, NULL);
  g_autoptr(EnsCredentials) other_secret = ens_credentials_new (KEY_ID, "OtherSecret0000000000000001", NULL);
  g_autoptr(EnsCredentials) with_token = ens_credentials_new (KEY_ID, KEY_SECRET, KEY_TOKEN);
  g_autoptr(EnsCredentials) other_token = ens_credentials_new (KEY_ID, KEY_SECRET, "CAISOtherToken");

  g_assert_true (ens_credentials_equal (a, a));
  g_assert_true (ens_credentials_equal (a, same));
  g_assert_true (ens_credentials_equal (NULL, NULL));
  g_assert_false (ens_credentials_equal (a, NULL));
  g_assert_false (ens_credentials_equal (NULL, a));
  g_assert_false (ens_credentials_equal (a, other_id));
  g_assert_false (ens_credentials_equal (a, other_secret));
  g_assert_false (ens_credentials_equal (a, with_token));
  g_assert_false (ens_credentials_equal (with_token, other_token));
}

static void
test_credentials_masked_id (void)
{
  const struct {
    const char *id;
    const char *masked;
  } cases[] = {
    { "LTAI5tEnvironmentKey01", "LTAI…ey01" },
    { "STS.NSynGhy3WWTQKyH1LSpdnxmtD", "STS.…xmtD" },
    { "LTAI1234A", "LTAI…234A" },
    /* Eight characters or fewer are shown whole. */
    { "LTAI1234", "LTAI1234" },
    { "KEY", "KEY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EnsCredentials) credentials = ens_credentials_new (cases[i].id, KEY_SECRET, NULL);
      g_autofree char *masked = ens_credentials_dup_masked_id (credentials);

      g_assert_cmpstr (masked, ==, cases[i].masked);
      /* Never any of the secret. */
      g_assert_null (strstr (masked, "Secret"));
    }
}

/* The environment ------------------------------------------------------------ */

/* Sets the three variables; NULL unsets one. */
static void
set_environment (const char *id,
                 const char *secret,
                 const char *token)
{
  const char *names[] = { ENV_ID, ENV_SECRET, ENV_TOKEN };
  const char *values[] = { id, secret, token };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (values[i] != NULL)
        g_setenv (names[i], values[i], TRUE);
      else
        g_unsetenv (names[i]);
    }
}

/* Asserts that the environment is refused with ENS_ERROR_INVALID_INPUT, a
 * message that names @variable and shows none of @hidden. */
static void
assert_refused (const char         *variable,
                const char * const *hidden)
{
  EnsCredentials *found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ens_credentials_from_environment (&found, &error));
  g_assert_null (found);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, variable));
  for (guint i = 0; hidden != NULL && hidden[i] != NULL; i++)
    g_assert_null (strstr (error->message, hidden[i]));
}

static void
test_environment_unset (void)
{
  EnsCredentials *found = NULL;
  g_autoptr(GError) error = NULL;

  set_environment (NULL, NULL, NULL);
  g_assert_false (ens_credentials_from_environment (&found, &error));
  g_assert_no_error (error);
  g_assert_null (found);
  g_assert_null (ens_credentials_new_from_environment ());

  /* Set to the empty string is the same as unset. */
  set_environment ("", "", "");
  g_assert_false (ens_credentials_from_environment (&found, &error));
  g_assert_no_error (error);
  g_assert_null (found);
  g_assert_null (ens_credentials_new_from_environment ());
}

static void
test_environment_complete (void)
{
  g_autoptr(EnsCredentials) found = NULL;
  g_autoptr(EnsCredentials) lenient = NULL;
  g_autoptr(GError) error = NULL;

  /* Blanks and line breaks around the values are removed, as for typed
   * input; an empty token is no token. */
  set_environment (" " KEY_ID "\n", KEY_SECRET "\n", "");
  g_assert_true (ens_credentials_from_environment (&found, &error));
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (ens_credentials_get_access_key_id (found), ==, KEY_ID);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (found), ==, KEY_SECRET);
  g_assert_null (ens_credentials_get_security_token (found));

  lenient = ens_credentials_new_from_environment ();
  g_assert_true (ens_credentials_equal (found, lenient));
  g_clear_pointer (&found, ens_credentials_free);
  g_clear_pointer (&lenient, ens_credentials_free);

  set_environment (KEY_ID, KEY_SECRET, "\t" KEY_TOKEN "\n");
  g_assert_true (ens_credentials_from_environment (&found, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ens_credentials_get_access_key_id (found), ==, KEY_ID);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (found), ==, KEY_SECRET);
  g_assert_cmpstr (ens_credentials_get_security_token (found), ==, KEY_TOKEN);

  lenient = ens_credentials_new_from_environment ();
  g_assert_true (ens_credentials_equal (found, lenient));

  set_environment (NULL, NULL, NULL);
}

static void
test_environment_partial (void)
{
  const char *hidden[] = { KEY_ID, KEY_SECRET, KEY_TOKEN, NULL };
  const struct {
    const char *id;
    const char *secret;
    const char *token;
    const char *named;
  } cases[] = {
    { KEY_ID, NULL, NULL, ENV_SECRET },
    { KEY_ID, "", KEY_TOKEN, ENV_SECRET },
    { NULL, KEY_SECRET, NULL, ENV_ID },
    { "", KEY_SECRET, KEY_TOKEN, ENV_ID },
    { NULL, NULL, KEY_TOKEN, ENV_TOKEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EnsCredentials *found = NULL;
      g_autoptr(GError) error = NULL;

      set_environment (cases[i].id, cases[i].secret, cases[i].token);
      g_assert_false (ens_credentials_from_environment (&found, &error));
      g_assert_null (found);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, cases[i].named));
      for (guint j = 0; hidden[j] != NULL; j++)
        g_assert_null (strstr (error->message, hidden[j]));

      /* Set in part is as good as unset for the lenient reader, quietly. */
      g_assert_null (ens_credentials_new_from_environment ());
    }

  set_environment (NULL, NULL, NULL);
}

static void
test_environment_invalid (void)
{
  const char *secret_with_space = "EnvironmentSecret Value0001";
  const char *token_with_space = "CAIS8gF1q6Ft5B2 yfSjIr5bSEsKDoOpnh";
  const char *hidden[] = { KEY_SECRET, KEY_TOKEN, "EnvironmentSecret", "yfSjIr5b", NULL };

  /* A blank ID is set, so it is checked, and refused as empty. */
  set_environment ("  ", KEY_SECRET, NULL);
  assert_refused (ENV_ID, hidden);

  set_environment ("LTAI5t/Environment01", KEY_SECRET, NULL);
  assert_refused (ENV_ID, hidden);

  set_environment (KEY_ID, secret_with_space, NULL);
  assert_refused (ENV_SECRET, hidden);

  set_environment (KEY_ID, "EnvironmentSecret\x01Value", NULL);
  assert_refused (ENV_SECRET, hidden);

  set_environment (KEY_ID, KEY_SECRET, token_with_space);
  assert_refused (ENV_TOKEN, hidden);

  set_environment (NULL, NULL, NULL);
}

/* The lenient reader ignores a value that is not valid, with a warning
 * (fatal in a test, hence the subprocess) that shows no secret. */
static void
test_environment_lenient (void)
{
  const char *secret_with_space = "EnvironmentSecret Value0001";
  const struct {
    const char *id;
    const char *secret;
    const char *token;
  } cases[] = {
    { "LTAI5t/Environment01", KEY_SECRET, NULL },
    { KEY_ID, secret_with_space, NULL },
    { KEY_ID, KEY_SECRET, "CAIS8gF1q6 Ft5B2" },
  };

  if (g_test_subprocess ())
    {
      g_assert_null (ens_credentials_new_from_environment ());
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_environment (cases[i].id, cases[i].secret, cases[i].token);
      g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr ("*Ignoring the AccessKey in the environment*");
      g_test_trap_assert_stderr_unmatched ("*EnvironmentSecret*");
      g_test_trap_assert_stderr_unmatched ("*Ft5B2*");
    }

  set_environment (NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/new", test_credentials_new);
  g_test_add_func ("/credentials/copy", test_credentials_copy);
  g_test_add_func ("/credentials/equal", test_credentials_equal);
  g_test_add_func ("/credentials/masked-id", test_credentials_masked_id);
  g_test_add_func ("/credentials/environment/unset", test_environment_unset);
  g_test_add_func ("/credentials/environment/complete", test_environment_complete);
  g_test_add_func ("/credentials/environment/partial", test_environment_partial);
  g_test_add_func ("/credentials/environment/invalid", test_environment_invalid);
  g_test_add_func ("/credentials/environment/lenient", test_environment_lenient);

  return g_test_run ();
}
