/* test-recipients.c
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

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ens-core.h"
#include "ens-test-utils.h"

/* The address book on a real database file in a fresh folder, shared with
 * the history (one EnsStore). */

#define KEY_ID   "LTAI5tRecipientsTestRecip"
#define IMAGE_ID "m-5s7qotzavwbrnzaqh4unmrcpt1"
#define WRITER_RECIPIENTS 40

static char *self_path;

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = ens_test_store_dir_new ("ens-recipients-XXXXXX", &fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ens_test_store_dir_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
load (EnsRecipients  *book,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_recipients_load_async (book, NULL, ens_test_store_result_cb, &result);

  return ens_recipients_load_finish (book, ens_test_wait_for (&result), error);
}

static EnsRecipients *
open_book (const char *path)
{
  g_autoptr(EnsStore) store = ens_store_new (path);
  g_autoptr(EnsRecipients) book = ens_recipients_new (store);
  g_autoptr(GError) error = NULL;

  gboolean loaded = load (book, &error);

  g_assert_no_error (error);
  g_assert_true (loaded);

  return g_steal_pointer (&book);
}

static gboolean
add (EnsRecipients  *book,
     const char     *account_id,
     const char     *name,
     const char     *note,
     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_recipients_add_async (book, account_id, name, note, NULL, ens_test_store_result_cb, &result);

  return ens_recipients_change_finish (book, ens_test_wait_for (&result), error);
}

static void
add_ok (EnsRecipients *book,
        const char    *account_id,
        const char    *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (add (book, account_id, name, NULL, &error));
  g_assert_no_error (error);
}

static void
group_add (EnsRecipients      *book,
           const char         *group,
           const char * const *ids)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ens_recipients_add_to_group_async (book, group, ids, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
assert_error_says (GError     *error,
                   int         code,
                   const char *part)
{
  g_assert_error (error, ENS_ERROR, code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *)user_data)++;
}

/* Add, rename, delete, undo {{{ */

static void
test_recipients_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EnsRecipients) book = open_book (fixture->path);
  g_autoptr(EnsRecipientsUndo) undo = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRecipient) first = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) members = NULL;
  EnsRecipient *recipient;
  guint changes = 0;

  g_signal_connect (book, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 0);

  /* Full-width digits (an input method) are the ASCII ID. */
  g_assert_true (add (book, "１２３４５６７８９０１２３４５６", "  Partner A ", "Shenzhen office", &error));
  g_assert_no_error (error);
  add_ok (book, "2000000000000002", "Distributor B");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (book), 0);
  g_assert_cmpstr (ens_recipient_get_name (first), ==, "Distributor B");

  recipient = ens_recipients_lookup (book, "1234567890123456");
  g_assert_nonnull (recipient);
  g_assert_cmpstr (ens_recipient_get_name (recipient), ==, "Partner A");
  g_assert_cmpstr (ens_recipient_get_note (recipient), ==, "Shenzhen office");
  g_assert_true (ens_recipients_lookup_name (book, "PARTNER a") == recipient);
  label = ens_recipients_dup_label (book, "1234567890123456");
  g_assert_cmpstr (label, ==, "Partner A · 1234567890123456");
  g_clear_pointer (&label, g_free);
  label = ens_recipients_dup_label (book, "9999999999999999");
  g_assert_cmpstr (label, ==, "9999999999999999");

  /* Names are unique whatever their case; an ID is named once. */
  g_assert_false (add (book, "3000000000000003", "partner a", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "already given to account 1234567890123456");
  g_clear_error (&error);
  g_assert_false (add (book, "1234567890123456", "Someone Else", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "already in the address book as “Partner A”");
  g_clear_error (&error);
  g_assert_false (add (book, "12a4", "Letters", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "letters");
  g_clear_error (&error);
  g_assert_false (add (book, "3000000000000003", "   ", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "needs a name");
  g_clear_error (&error);
  g_assert_false (add (book, "3000000000000003", "two\nlines", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "cannot be shown");
  g_clear_error (&error);
  g_assert_false (add (book, "3000000000000003", "@Home", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "starts with “@”");
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients"), ==, 2);

  /* Renaming: to its own name in another case is fine. */
  ens_recipients_edit_async (book, "1234567890123456", "PARTNER A", NULL, NULL,
                             ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (ens_recipient_get_name (ens_recipients_lookup (book, "1234567890123456")), ==, "PARTNER A");
  g_assert_null (ens_recipient_get_note (ens_recipients_lookup (book, "1234567890123456")));

  /* Groups, then a delete undone: the group membership comes back. */
  group_add (book, "Distributors", (const char *[]) { "1234567890123456", "2000000000000002", NULL });
  group_add (book, "Shenzhen", (const char *[]) { "1234567890123456", NULL });
  g_assert_cmpstrv (ens_recipient_get_groups (ens_recipients_lookup (book, "1234567890123456")),
                    ((const char *[]) { "Distributors", "Shenzhen", NULL }));

  ens_recipients_delete_async (book, "1234567890123456", NULL, ens_test_store_result_cb, &result);
  undo = ens_recipients_delete_finish (book, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_clear_object (&result);
  g_assert_null (ens_recipients_lookup (book, "1234567890123456"));
  members = ens_recipients_dup_group_members (book, "distributors");
  g_assert_cmpstrv (members, ((const char *[]) { "2000000000000002", NULL }));
  g_clear_pointer (&members, g_strfreev);

  ens_recipients_undo_async (book, undo, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  recipient = ens_recipients_lookup (book, "1234567890123456");
  g_assert_nonnull (recipient);
  g_assert_cmpstr (ens_recipient_get_name (recipient), ==, "PARTNER A");
  g_assert_cmpstrv (ens_recipient_get_groups (recipient),
                    ((const char *[]) { "Distributors", "Shenzhen", NULL }));

  /* Deleting a group, undone. */
  g_clear_pointer (&undo, ens_recipients_undo_free);
  ens_recipients_delete_group_async (book, "DISTRIBUTORS", NULL, ens_test_store_result_cb, &result);
  undo = ens_recipients_delete_finish (book, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_null (ens_recipients_dup_group_members (book, "Distributors"));
  ens_recipients_undo_async (book, undo, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_clear_object (&result);
  members = ens_recipients_dup_group_members (book, "Distributors");
  g_assert_cmpuint (g_strv_length (members), ==, 2);

  /* Read again by another book on the same file: all of it is there. */
  {
    g_autoptr(EnsRecipients) again = open_book (fixture->path);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
    g_assert_cmpstrv (ens_recipient_get_groups (ens_recipients_lookup (again, "1234567890123456")),
                      ((const char *[]) { "Distributors", "Shenzhen", NULL }));
    ens_test_release (g_steal_pointer (&again));
  }

  g_clear_object (&first);
  ens_test_release (g_steal_pointer (&book));
}

/* }}} */

/* Resolving names, search, completion {{{ */

static void
test_recipients_resolve (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EnsRecipients) book = open_book (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  add_ok (book, "1000000000000001", "Partner A");
  add_ok (book, "1000000000000002", "Partner B");
  add_ok (book, "1000000000000003", "Another Partner");
  group_add (book, "Distributors", (const char *[]) { "1000000000000001", "1000000000000002", NULL });
  group_add (book, "Nobody Yet", NULL);

  ids = ens_recipients_resolve (book, "@partner a", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (ids, ((const char *[]) { "1000000000000001", NULL }));
  g_clear_pointer (&ids, g_strfreev);
  ids = ens_recipients_resolve (book, "@Distributors", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (ids, ((const char *[]) { "1000000000000001", "1000000000000002", NULL }));
  g_clear_pointer (&ids, g_strfreev);

  g_assert_null (ens_recipients_resolve (book, "@Partner C", &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "no recipient or group named “Partner C”");
  g_clear_error (&error);
  g_assert_null (ens_recipients_resolve (book, "@Nobody Yet", &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "no members");
  g_clear_error (&error);

  /* A group and a recipient never share a name. */
  g_assert_false (add (book, "1000000000000009", "distributors", NULL, &error));
  assert_error_says (error, ENS_ERROR_INVALID_INPUT, "name of a group");
  g_clear_error (&error);

  /* Completion: names that start with what was typed, by name. */
  ens_recipients_complete_async (book, "part", 10, NULL, ens_test_store_result_cb, &result);
  found = ens_recipients_query_finish (book, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (ens_recipient_get_name (g_ptr_array_index (found, 0)), ==, "Partner A");
  /* The list's own object, which knows its groups. */
  g_assert_true (g_ptr_array_index (found, 0) == (gpointer)ens_recipients_lookup (book, "1000000000000001"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Search: a part of the name or of the ID, those that start with it first. */
  ens_recipients_search_async (book, "PARTNER", 0, NULL, ens_test_store_result_cb, &result);
  found = ens_recipients_query_finish (book, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (ens_recipient_get_name (g_ptr_array_index (found, 2)), ==, "Another Partner");
  g_clear_pointer (&found, g_ptr_array_unref);
  ens_recipients_search_async (book, "0003", 0, NULL, ens_test_store_result_cb, &result);
  found = ens_recipients_query_finish (book, ens_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (ens_recipient_get_account_id (g_ptr_array_index (found, 0)), ==, "1000000000000003");
  g_clear_object (&result);

  ens_test_release (g_steal_pointer (&book));
}

/* }}} */

/* The file: migrations, a damaged file, two processes, read-only {{{ */

static void
test_recipients_migrate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EnsStore) store = ens_store_new (fixture->path);
  g_autoptr(EnsHistory) history = ens_history_new_for_store (store);
  g_autoptr(EnsRecipients) book = ens_recipients_new (store);
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* From nothing: one file holds the history and the book. */
  g_assert_true (load (book, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ens_store_get_schema_version (store), ==, ENS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "PRAGMA user_version"), ==, ENS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (ens_test_sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name IN"
                            " ('operations', 'entries', 'recipients', 'recipient_groups', 'group_members')"),
                   ==, 5);

  /* A history written before the book existed (schema version 3). */
  plan = ens_share_plan_new (IMAGE_ID, (const char *[]) { "1234567890123456", NULL }, NULL);
  ens_history_begin_async (history, plan, &(EnsHistoryContext) { .origin = "cli", .profile = "default", .access_key_id = KEY_ID },
                           NULL, ens_test_store_result_cb, &result);
  g_assert_cmpint (ens_history_begin_finish (history, ens_test_wait_for (&result), &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&result);
  ens_test_release (g_steal_pointer (&book));
  ens_test_release (g_steal_pointer (&history));
  ens_test_release (g_steal_pointer (&store));

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE group_members; DROP TABLE recipient_groups;"
                                 " DROP TABLE recipients; PRAGMA user_version = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "PRAGMA user_version"), ==, 3);

  /* Migrated forward, the history kept. */
  book = open_book (fixture->path);
  g_assert_cmpint (ens_store_get_schema_version (ens_recipients_get_store (book)), ==, ENS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM entries WHERE account_id = '1234567890123456'"), ==, 1);
  add_ok (book, "1234567890123456", "Partner A");
  g_assert_cmpint (ens_test_sql_int (fixture->path,
                            "SELECT count(*) FROM entries e JOIN recipients r USING (account_id)"
                            " WHERE r.name = 'Partner A'"), ==, 1);
  ens_test_release (g_steal_pointer (&book));
}

static void
test_recipients_corrupt (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EnsRecipients) book = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *message = NULL;
  g_autofree char *kept = NULL;
  const char garbage[] = "Not a database: somebody's address book, damaged.";
  EnsStore *store;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));

  book = open_book (fixture->path);
  store = ens_recipients_get_store (book);

  /* Moved aside untouched, with a message that says where; a fresh book. */
  g_assert_nonnull (ens_store_get_moved_aside (store));
  g_assert_true (g_file_get_contents (ens_store_get_moved_aside (store), &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbage);
  message = ens_store_dup_moved_aside_message (store);
  g_assert_nonnull (strstr (message, ens_store_get_moved_aside (store)));
  g_assert_nonnull (strstr (message, "damaged"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 0);
  add_ok (book, "1234567890123456", "Partner A");
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients"), ==, 1);
  ens_test_release (g_steal_pointer (&book));
}

static int
run_writer (const char *path,
            const char *prefix)
{
  g_autoptr(EnsRecipients) book = open_book (path);

  for (guint i = 0; i < WRITER_RECIPIENTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%012u", prefix, i);
      g_autofree char *name = g_strdup_printf ("Writer %s %u", prefix, i);
      const char *ids[] = { id, NULL };

      add_ok (book, id, name);
      group_add (book, "Everyone", ids);
    }

  ens_test_release (g_steal_pointer (&book));

  return 0;
}

static void
test_recipients_two_processes (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;

  /* Both start on a file that does not exist yet: both migrate it. */
  first = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--writer", fixture->path, "1001", NULL);
  g_assert_no_error (error);
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--writer", fixture->path, "2002", NULL);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_wait_check (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients"), ==, 2 * WRITER_RECIPIENTS);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipient_groups"), ==, 1);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM group_members"), ==, 2 * WRITER_RECIPIENTS);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);
}

/* In a process of its own, as another user when the test runs as root
 * (root writes anywhere): tries to add one recipient, prints the message. */
static int
run_try_add (const char *path)
{
  g_autoptr(EnsStore) store = ens_store_new (path);
  g_autoptr(EnsRecipients) book = ens_recipients_new (store);
  g_autoptr(GError) error = NULL;

  if (load (book, &error) && add (book, "3000000000000003", "Partner C", NULL, &error))
    return 0;

  g_print ("%s\n", error->message);
  return error->domain == ENS_ERROR && error->code == ENS_ERROR_STORAGE ? 3 : 4;
}

static void
test_recipients_read_only (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EnsRecipients) book = open_book (fixture->path);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *out = NULL;
  g_autofree char *command = NULL;

  add_ok (book, "1234567890123456", "Partner A");
  ens_test_release (g_steal_pointer (&book));

  /* The folder and the file can be read, not written. */
  command = g_strdup_printf ("chmod 755 '%s' && chmod -R a-w,a+rX '%s'", fixture->dir, dir);
  g_assert_cmpint (system (command), ==, 0);

  if (getuid () == 0)
    child = g_subprocess_launcher_spawn (launcher, &error, "setpriv", "--reuid=65534", "--regid=65534",
                                         "--clear-groups", self_path, "--try-add", fixture->path, NULL);
  else
    child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--try-add", fixture->path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);

  /* A storage error that says why; what was stored is still there. */
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 3);
  g_assert_nonnull (strstr (out, "read-only"));
  g_assert_nonnull (strstr (out, dir));
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients WHERE name = 'Partner A'"), ==, 1);
  g_assert_cmpint (ens_test_sql_int (fixture->path, "SELECT count(*) FROM recipients"), ==, 1);
}

/* }}} */

static void
test_recipients_finalize (void)
{
  EnsStore *store = ens_store_new ("/nonexistent/history.db");
  EnsRecipients *book = ens_recipients_new (store);
  EnsRecipient *recipient = ens_recipient_new ("1", "One", NULL, NULL);

  g_assert_true (ens_recipients_get_store (book) == store);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (book)) == ENS_TYPE_RECIPIENT);
  g_assert_finalize_object (book);
  g_assert_finalize_object (store);
  g_assert_finalize_object (recipient);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "--try-add"))
    return run_try_add (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/recipients/finalize", test_recipients_finalize);
  ADD ("/recipients/edit", test_recipients_edit);
  ADD ("/recipients/resolve", test_recipients_resolve);
  ADD ("/recipients/migrate", test_recipients_migrate);
  ADD ("/recipients/corrupt", test_recipients_corrupt);
  ADD ("/recipients/two-processes", test_recipients_two_processes);
  ADD ("/recipients/read-only", test_recipients_read_only);

  return g_test_run ();
}
