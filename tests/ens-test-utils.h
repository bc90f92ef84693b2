/* ens-test-utils.h
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

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Running an _async call to completion in a test:
 *
 *   g_autoptr(GAsyncResult) result = NULL;
 *   foo_async (…, ens_test_store_result_cb, &result);
 *   foo_finish (…, ens_test_wait_for (&result), &error);
 */
void          ens_test_store_result_cb (GObject       *source,
                                        GAsyncResult  *result,
                                        gpointer       user_data);
GAsyncResult *ens_test_wait_for        (GAsyncResult **slot);

/* A self-signed certificate for loopback servers; NULL without openssl. */
GTlsCertificate *ens_test_make_certificate (const char *common_name,
                                            const char *subject_alt_name);
char            *ens_test_server_url       (SoupServer *server);

/* Drops the last reference to @object and waits (at most 5 s) for a worker
 * thread that may hold one a moment longer; fails if it stays alive. */
void          ens_test_release         (gpointer       object);
/* One integer read from the SQLite file @path with a connection of its
 * own, as another process would. */
gint64        ens_test_sql_int         (const char    *path,
                                        const char    *sql);
/* A new folder from @template (g_dir_make_tmp()) for a store; @path gets
 * the store's file in it, as the app lays it out (not made yet). */
char         *ens_test_store_dir_new   (const char    *template,
                                        char         **path);
/* Removes @dir and everything in it, read-only parts too, and frees it. */
void          ens_test_store_dir_free  (char          *dir);

G_END_DECLS
