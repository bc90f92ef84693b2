/* ens-test-utils.c
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

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "ens-test-utils.h"

/* An GAsyncReadyCallback that keeps the result in the GAsyncResult * slot
 * given as user data. */
void
ens_test_store_result_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Iterates the thread-default main context until the slot is filled. */
GAsyncResult *
ens_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* Makes a self-signed certificate with openssl(1) in a temporary
 * directory that is removed again.  Returns NULL when openssl is not
 * installed: the caller skips. */
GTlsCertificate *
ens_test_make_certificate (const char *common_name,
                           const char *subject_alt_name)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *subject = g_strdup_printf ("/CN=%s", common_name);
  g_autofree char *san = g_strdup_printf ("subjectAltName=%s", subject_alt_name);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  int status = 0;

  if (openssl == NULL)
    return NULL;

  dir = g_dir_make_tmp ("ens-test-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert_path = g_build_filename (dir, "cert.pem", NULL);
  key_path = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
      "-subj", subject, "-days", "1", "-addext", san,
      "-keyout", key_path, "-out", cert_path, NULL
    };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);

  return certificate;
}

/* "http(s)://127.0.0.1:PORT" of a SoupServer listening on loopback.  Read
 * from the listening socket: soup_server_get_uris() leaks an address in
 * libsoup 3.2. */
char *
ens_test_server_url (SoupServer *server)
{
  GSList *listeners = soup_server_get_listeners (server);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (listeners);
  address = g_socket_get_local_address (listeners->data, &error);
  g_slist_free (listeners);
  g_assert_no_error (error);

  return g_strdup_printf ("%s://127.0.0.1:%u",
                          soup_server_is_https (server) ? "https" : "http",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

void
ens_test_release (gpointer object)
{
  gpointer weak = object;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
}

gint64
ens_test_sql_int (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

char *
ens_test_store_dir_new (const char  *template,
                        char       **path)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  *path = g_build_filename (dir, "ens-image-share", "history.db", NULL);

  return dir;
}

void
ens_test_store_dir_free (char *dir)
{
  g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s'; rm -rf '%s'", dir, dir);

  g_assert_cmpint (system (command), ==, 0);
  g_free (dir);
}
