/* test-aliyun-config.c
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

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ens-aliyun-config.h"
#include "ens-credentials.h"
#include "ens-error.h"

static const char *
fixture (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", "aliyun", name, NULL);
}

static const EnsAliyunProfile *
profile_at (GPtrArray *profiles,
            guint      i)
{
  g_assert_cmpuint (i, <, profiles->len);
  return g_ptr_array_index (profiles, i);
}

static void
assert_profile (const EnsAliyunProfile *profile,
                const char             *name,
                const char             *mode,
                const char             *access_key_id,
                const char             *access_key_secret,
                const char             *security_token)
{
  g_assert_cmpstr (profile->name, ==, name);
  g_assert_cmpstr (profile->mode, ==, mode);
  g_assert_nonnull (profile->credentials);
  g_assert_cmpstr (ens_credentials_get_access_key_id (profile->credentials), ==, access_key_id);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (profile->credentials), ==, access_key_secret);
  g_assert_cmpstr (ens_credentials_get_security_token (profile->credentials), ==, security_token);
}

static void
test_ak (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  guint skipped = 99;

  profiles = ens_aliyun_config_load_full (fixture ("ak.json"), &skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profiles);
  g_assert_cmpuint (profiles->len, ==, 2);
  g_assert_cmpuint (skipped, ==, 0);

  assert_profile (profile_at (profiles, 0), "default", "AK",
                  "LTAI5tFixtureDefault0001", "FixtureSecretDefault000000001", NULL);
  /* Blanks and line breaks around the values are removed. */
  assert_profile (profile_at (profiles, 1), "Production", "AK",
                  "LTAI5tFixtureProduction2", "FixtureSecretProduction000002", NULL);
}

static void
test_sts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;

  profiles = ens_aliyun_config_load (fixture ("sts.json"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 1);
  assert_profile (profile_at (profiles, 0), "temporary", "StsToken",
                  "STS.NTFixtureTemporary0003", "FixtureSecretTemporary000003",
                  "CAIS+FixtureSecurityToken/AAAA+BBBB==");
}

static void
test_mixed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  guint skipped = 0;

  profiles = ens_aliyun_config_load_full (fixture ("mixed.json"), &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 2);
  /* RamRoleArn, EcsRamRole, CloudSSO and the second "default". */
  g_assert_cmpuint (skipped, ==, 4);

  /* The first profile of a name wins, as in the aliyun CLI. */
  assert_profile (profile_at (profiles, 0), "default", "AK",
                  "LTAI5tFixtureMixedAk00004", "FixtureSecretMixedAk000000004", NULL);
  assert_profile (profile_at (profiles, 1), "temporary", "StsToken",
                  "STS.NTFixtureMixedSts0006", "FixtureSecretMixedSts00000006",
                  "CAIS+FixtureMixedToken/CCCC+DDDD==");
}

static void
test_missing_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  guint skipped = 0;

  profiles = ens_aliyun_config_load_full (fixture ("missing-fields.json"), &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 1);
  /* no secret, empty token, no name, no mode, numeric ID, invalid ID, not an object */
  g_assert_cmpuint (skipped, ==, 7);
  assert_profile (profile_at (profiles, 0), "complete", "AK",
                  "LTAI5tFixtureComplete014", "FixtureSecretComplete00000014", NULL);
}

static void
test_unsupported_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  guint skipped = 0;

  /* Valid, but nothing usable: an empty array, not an error. */
  profiles = ens_aliyun_config_load_full (fixture ("unsupported-only.json"), &skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profiles);
  g_assert_cmpuint (profiles->len, ==, 0);
  g_assert_cmpuint (skipped, ==, 2);
}

static void
assert_malformed (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  const char *path = fixture (name);
  guint skipped = 99;

  profiles = ens_aliyun_config_load_full (path, &skipped, &error);
  g_assert_null (profiles);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  /* The message names the file, and no secret of it. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (error->message, "FixtureSecret"));
  g_assert_cmpuint (skipped, ==, 0);
}

static void
test_malformed (void)
{
  assert_malformed ("malformed.json");
}

static void
test_no_profiles (void)
{
  assert_malformed ("no-profiles.json");
}

static void
test_parse_shapes (void)
{
  static const char * const bad[] = {
    "",
    "[]",
    "\"text\"",
    "{\"profiles\": {}}",
    "{\"profiles\": null}",
    "{\"profiles\": [ }",
    "\xff\xfe{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) profiles = NULL;

      profiles = ens_aliyun_config_parse (bad[i], strlen (bad[i]), "/nowhere/config.json",
                                          NULL, &error);
      g_assert_null (profiles);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "/nowhere/config.json"));
    }
}

static void
test_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ens-aliyun-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "config.json", NULL);

  profiles = ens_aliyun_config_load (path, &error);
  g_assert_null (profiles);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ens-aliyun-XXXXXX", &error);

  /* A directory cannot be read as a file: not "missing", not "malformed". */
  g_assert_no_error (error);
  profiles = ens_aliyun_config_load (dir, &error);
  g_assert_null (profiles);
  g_assert_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, dir));

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_file_unchanged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st_before;
  GStatBuf st_after;
  gsize len_before = 0;
  gsize len_after = 0;
  const char *path = fixture ("mixed.json");

  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);

  profiles = ens_aliyun_config_load (path, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_assert_cmpint (st_before.st_mode, ==, st_after.st_mode);
}

static void
test_default_path (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) profiles = NULL;
      g_autofree char *home = g_dir_make_tmp ("ens-home-XXXXXX", &error);
      g_autofree char *aliyun_dir = NULL;
      g_autofree char *config = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *default_path = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_no_error (error);
      g_assert_true (g_setenv ("HOME", home, TRUE));

      aliyun_dir = g_build_filename (home, ".aliyun", NULL);
      config = g_build_filename (aliyun_dir, "config.json", NULL);
      expected = g_strconcat (home, "/.aliyun/config.json", NULL);

      default_path = ens_aliyun_config_dup_default_path ();
      g_assert_cmpstr (default_path, ==, expected);

      /* No file yet: "missing", naming the default path. */
      profiles = ens_aliyun_config_load (NULL, &error);
      g_assert_null (profiles);
      g_assert_error (error, ENS_ERROR, ENS_ERROR_NO_CREDENTIALS);
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);

      g_assert_cmpint (g_mkdir (aliyun_dir, 0700), ==, 0);
      g_assert_true (g_file_get_contents (fixture ("sts.json"), &contents, &length, NULL));
      g_assert_true (g_file_set_contents (config, contents, length, NULL));

      profiles = ens_aliyun_config_load (NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (profiles->len, ==, 1);
      assert_profile (profile_at (profiles, 0), "temporary", "StsToken",
                      "STS.NTFixtureTemporary0003", "FixtureSecretTemporary000003",
                      "CAIS+FixtureSecurityToken/AAAA+BBBB==");

      g_assert_cmpint (g_unlink (config), ==, 0);
      g_assert_cmpint (g_rmdir (aliyun_dir), ==, 0);
      g_assert_cmpint (g_rmdir (home), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_profile_boxed (void)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tBoxed0001", "BoxedSecret", "BoxedToken");
  g_autoptr(EnsAliyunProfile) profile = ens_aliyun_profile_new ("boxed", "StsToken", credentials);
  g_autoptr(EnsAliyunProfile) copy = NULL;
  EnsAliyunProfile *boxed_copy;

  copy = ens_aliyun_profile_copy (profile);
  g_assert_true (copy != profile);
  g_assert_true (copy->credentials != profile->credentials);
  assert_profile (copy, "boxed", "StsToken", "LTAI5tBoxed0001", "BoxedSecret", "BoxedToken");

  g_assert_true (G_TYPE_IS_BOXED (ENS_TYPE_ALIYUN_PROFILE));
  boxed_copy = g_boxed_copy (ENS_TYPE_ALIYUN_PROFILE, profile);
  assert_profile (boxed_copy, "boxed", "StsToken", "LTAI5tBoxed0001", "BoxedSecret", "BoxedToken");
  g_boxed_free (ENS_TYPE_ALIYUN_PROFILE, boxed_copy);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aliyun-config/ak", test_ak);
  g_test_add_func ("/aliyun-config/sts-token", test_sts);
  g_test_add_func ("/aliyun-config/mixed-modes", test_mixed);
  g_test_add_func ("/aliyun-config/missing-fields", test_missing_fields);
  g_test_add_func ("/aliyun-config/unsupported-only", test_unsupported_only);
  g_test_add_func ("/aliyun-config/malformed", test_malformed);
  g_test_add_func ("/aliyun-config/no-profiles", test_no_profiles);
  g_test_add_func ("/aliyun-config/parse-shapes", test_parse_shapes);
  g_test_add_func ("/aliyun-config/file-missing", test_file_missing);
  g_test_add_func ("/aliyun-config/unreadable", test_unreadable);
  g_test_add_func ("/aliyun-config/file-unchanged", test_file_unchanged);
  g_test_add_func ("/aliyun-config/default-path", test_default_path);
  g_test_add_func ("/aliyun-config/profile-boxed", test_profile_boxed);

  return g_test_run ();
}
