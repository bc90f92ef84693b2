/* ens-store.c
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

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ens-error.h"
#include "ens-store-private.h"

/*
 * The local store: one SQLite file in $XDG_DATA_HOME/ens-image-share/
 * (inside a Flatpak, the sandbox's own data folder) that holds the history
 * and the address book.  It is opened once, in WAL mode with
 * synchronous=FULL so that a committed write survives a crash or a power
 * cut, with a busy timeout so that a second instance waits instead of
 * failing.  The schema version is PRAGMA user_version, brought forward by
 * the migrations below, one step per transaction.
 *
 * Nothing secret is stored: profile names and AccessKey IDs, account IDs
 * and the names people give them, never a secret or a token.
 */

#define BUSY_TIMEOUT_MS 5000

struct _EnsStore
{
  GObject      parent_instance;

  char        *path;
  char        *moved_aside;
  char        *owner;       /* this process's token; its lock file is held */
  char        *lock_path;
  int          lock_fd;
  GMutex       mutex;       /* guards db and stmts */
  sqlite3     *db;
  GHashTable  *stmts;       /* static SQL string → sqlite3_stmt */
  int          schema_version;
};

G_DEFINE_FINAL_TYPE (EnsStore, ens_store, G_TYPE_OBJECT)

/* Migrations {{{ */

/* The history (EnsHistory).  Entries name accounts by ID so that they can
 * join the address book. */
static const char migration_1[] =
  "CREATE TABLE operations ("
  "  id            INTEGER PRIMARY KEY,"
  "  started_at    INTEGER NOT NULL,"          /* µs since 1970, UTC */
  "  finished_at   INTEGER,"                   /* NULL while it runs */
  "  origin        TEXT NOT NULL,"             /* window, cli */
  "  owner         TEXT NOT NULL,"             /* the recording process */
  "  profile       TEXT,"
  "  access_key_id TEXT,"
  "  image_id      TEXT NOT NULL"
  ");"
  "CREATE TABLE entries ("
  "  operation_id  INTEGER NOT NULL REFERENCES operations (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  account_id    TEXT NOT NULL,"
  "  change        TEXT NOT NULL CHECK (change IN ('add', 'remove')),"
  "  state         TEXT NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  "  request_id    TEXT,"
  "  error_code    TEXT,"
  "  tries         INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (operation_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX operations_started ON operations (started_at);"
  "CREATE INDEX operations_image ON operations (image_id, started_at);"
  "CREATE INDEX entries_account ON entries (account_id);"
  "CREATE INDEX entries_unsettled ON entries (state)"
  "  WHERE state IN ('planned', 'sending', 'unknown');";

/* Schema version 2: a change may span several images (the same accounts
 * shared with a release of images, copying sharing to a new version), so
 * each entry names its image; NULL means the operation's. */
static const char migration_2[] =
  "ALTER TABLE entries ADD COLUMN image_id TEXT;"
  "CREATE INDEX entries_image ON entries (image_id);";

/* Schema version 3: who made the change (the caller's account and RAM
 * user) and the names at that time: the image's and each recipient's.
 * entries_search indexes each entry's image ID and name, account ID and
 * recipient name by trigrams, so that the History page's search finds
 * part of them without reading every entry (ens-history-query.c); its
 * rowid is (operation_id << 20) + position. */
static const char migration_3[] =
  "ALTER TABLE operations ADD COLUMN caller_account_id TEXT;"
  "ALTER TABLE operations ADD COLUMN caller_user TEXT;"
  "ALTER TABLE entries ADD COLUMN image_name TEXT;"
  "ALTER TABLE entries ADD COLUMN recipient_name TEXT;"
  "CREATE VIRTUAL TABLE entries_search USING fts5 (text, tokenize = 'trigram', content = '');"
  "CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN"
  "  INSERT INTO entries_search (rowid, text) VALUES ((new.operation_id << 20) + new.position,"
  "   coalesce (new.image_id, (SELECT image_id FROM operations WHERE id = new.operation_id))"
  "   || ' ' || coalesce (new.image_name, '') || ' ' || new.account_id"
  "   || ' ' || coalesce (new.recipient_name, ''));"
  " END;"
  "INSERT INTO entries_search (rowid, text)"
  " SELECT (e.operation_id << 20) + e.position, coalesce (e.image_id, o.image_id) || ' '"
  "  || coalesce (e.image_name, '') || ' ' || e.account_id || ' ' || coalesce (e.recipient_name, '')"
  " FROM entries e JOIN operations o ON o.id = e.operation_id;";

/* Schema version 4: the address book (EnsRecipients).  Names are unique
 * whatever their case: name_key is the name case-folded and normalised
 * (computed in C, SQLite's NOCASE knows only ASCII), and its index serves
 * the completion of a typed prefix. */
static const char migration_4[] =
  "CREATE TABLE recipients ("
  "  id            INTEGER PRIMARY KEY,"
  "  account_id    TEXT NOT NULL UNIQUE,"
  "  name          TEXT NOT NULL,"
  "  name_key      TEXT NOT NULL UNIQUE,"
  "  note          TEXT,"
  "  updated_at    INTEGER NOT NULL"             /* µs since 1970, UTC */
  ");"
  "CREATE TABLE recipient_groups ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL,"
  "  name_key      TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE group_members ("
  "  group_id      INTEGER NOT NULL REFERENCES recipient_groups (id) ON DELETE CASCADE,"
  "  recipient_id  INTEGER NOT NULL REFERENCES recipients (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (group_id, recipient_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX group_members_recipient ON group_members (recipient_id);";

/* In order: migrations[n] brings version n - 1 to version n. */
static const char * const migrations[] = {
  NULL,          /* version 0: the empty file */
  migration_1,
  migration_2,
  migration_3,
  migration_4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ENS_STORE_SCHEMA_VERSION + 1);

/* }}} */

/* Errors {{{ */

/* Translates an SQLite failure at the boundary: the raw message goes to
 * the debug log, the user reads what it means and where the file is. */
GError *
_ens_store_error (EnsStore   *self,
                  int         rc,
                  const char *what)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  const char *raw = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  GError *error;

  g_debug ("Store %s: %s: SQLite %d (%s)", self->path, what, rc, raw);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      error = g_error_new (ENS_ERROR, ENS_ERROR_STORAGE,
                           _("The saved history and recipients in “%s” cannot be written: the disk is full."), dir);
      break;

    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_IOERR:
      error = g_error_new (ENS_ERROR, ENS_ERROR_STORAGE,
                           _("The saved history and recipients in “%s” cannot be written: the disk or the folder is read-only, or cannot be read."),
                           dir);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      error = g_error_new (ENS_ERROR, ENS_ERROR_STORAGE,
                           _("The saved history and recipients in “%s” are in use by another program and could not be written in time."),
                           dir);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      error = g_error_new (ENS_ERROR, ENS_ERROR_STORAGE,
                           _("The saved history and recipients in “%s” are damaged."), dir);
      break;

    default:
      error = g_error_new (ENS_ERROR, ENS_ERROR_STORAGE,
                           _("The saved history and recipients in “%s” could not be written."), dir);
      break;
    }

  return error;
}

static gboolean
rc_is_corrupt (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* }}} */

/* The connection {{{ */

gboolean
_ens_store_exec (EnsStore    *self,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  sqlite3_free (message);
  if (rc != SQLITE_OK)
    {
      g_propagate_error (error, _ens_store_error (self, rc, sql));
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_ens_store_stmt (EnsStore    *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (sql != NULL);

  if (self->db == NULL)
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_STORAGE,
                           _("The saved history and recipients are not open."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          g_propagate_error (error, _ens_store_error (self, rc, "prepare"));
          return NULL;
        }
      g_hash_table_insert (self->stmts, (gpointer)sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

void
_ens_store_lock (EnsStore *self)
{
  g_mutex_lock (&self->mutex);
}

void
_ens_store_unlock (EnsStore *self)
{
  g_mutex_unlock (&self->mutex);
}

sqlite3 *
_ens_store_get_db (EnsStore *self)
{
  return self->db;
}

const char *
_ens_store_get_owner (EnsStore *self)
{
  return self->owner;
}

static void
close_db (EnsStore *self)
{
  g_hash_table_remove_all (self->stmts);
  g_clear_pointer (&self->db, sqlite3_close);
}

static int
read_user_version (EnsStore *self,
                   int      *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Stepwise, each step in its own transaction; the version is read again
 * inside it, so that two processes opening a new file at once migrate it
 * once. */
static int
migrate (EnsStore  *self,
         GError   **error)
{
  int version = 0;
  int rc;

  rc = read_user_version (self, &version);
  if (rc != SQLITE_OK)
    return rc;

  if (version > ENS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_STORAGE,
                   _("The saved history and recipients in “%s” were written by a newer version of ENS Image Share."),
                   self->path);
      return SQLITE_ERROR;
    }

  while (version < ENS_STORE_SCHEMA_VERSION)
    {
      g_autofree char *set_version = NULL;

      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return rc;

      rc = read_user_version (self, &version);
      if (rc == SQLITE_OK && version < ENS_STORE_SCHEMA_VERSION)
        {
          g_debug ("Store %s: migrating from version %d", self->path, version);
          set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
          rc = sqlite3_exec (self->db, migrations[version + 1], NULL, NULL, NULL);
          if (rc == SQLITE_OK)
            rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
        }

      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return rc;
        }

      rc = read_user_version (self, &version);
      if (rc != SQLITE_OK)
        return rc;
    }

  self->schema_version = version;

  return SQLITE_OK;
}

/* Opens and migrates the file.  Returns the SQLite code; sets @error only
 * for failures that are not SQLite's own. */
static int
open_db (EnsStore  *self,
         GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Reading the version first tells a file that is not a database. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rc = g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "wal") == 0
          ? SQLITE_OK : SQLITE_READONLY;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_exec (self->db,
                     "PRAGMA synchronous = FULL;"
                     "PRAGMA foreign_keys = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = migrate (self, error);
  if (rc != SQLITE_OK)
    return rc;

  /* A damaged page shows here rather than halfway through a change. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rc = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0
          ? SQLITE_OK : SQLITE_CORRUPT;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Never replaced silently: the damaged file (and its journal) is renamed
 * beside it with the time, for the user or support to look at. */
static gboolean
move_aside (EnsStore  *self,
            GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", self->path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  close_db (self);

  if (g_rename (self->path, aside) != 0)
    {
      int saved = errno;
      g_autofree char *dir = g_path_get_dirname (self->path);

      g_set_error (error, ENS_ERROR, ENS_ERROR_STORAGE,
                   _("The saved history and recipients in “%s” are damaged and could not be moved aside: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  g_message ("The data file %s was damaged; it was moved to %s", self->path, aside);
  g_free (self->moved_aside);
  self->moved_aside = g_steal_pointer (&aside);

  return TRUE;
}

/* This process's lock file, held as long as the store is open: an
 * operation whose owner's lock can be taken was left by a process that
 * ended without finishing it.  flock() works across Flatpak sandboxes,
 * where process IDs do not. */
static void
take_owner_lock (EnsStore *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *locks = g_build_filename (dir, "locks", NULL);

  self->owner = g_uuid_string_random ();
  self->lock_path = g_strdup_printf ("%s/%s.lock", locks, self->owner);

  if (g_mkdir_with_parents (locks, 0700) != 0)
    return;

  self->lock_fd = g_open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd >= 0 && flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

gboolean
_ens_store_owner_is_gone (EnsStore   *self,
                          const char *owner)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *path = NULL;
  gboolean gone;
  int fd;

  if (g_strcmp0 (owner, self->owner) == 0)
    return FALSE;
  if (owner == NULL || strchr (owner, '/') != NULL || owner[0] == '.')
    return TRUE;

  path = g_strdup_printf ("%s/locks/%s.lock", dir, owner);
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;

  gone = flock (fd, LOCK_EX | LOCK_NB) == 0;
  close (fd);
  if (gone)
    g_unlink (path);

  return gone;
}

gboolean
_ens_store_open_sync (EnsStore  *self,
                      GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) local_error = NULL;
  int rc;

  g_mutex_lock (&self->mutex);

  if (self->db != NULL)
    {
      g_mutex_unlock (&self->mutex);
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_mutex_unlock (&self->mutex);
      g_set_error (error, ENS_ERROR, ENS_ERROR_STORAGE,
                   _("The folder “%s” for the saved history and recipients cannot be created: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  rc = open_db (self, &local_error);
  /* Another instance creating the file, switching it to WAL or migrating
   * it at the same moment can make SQLite answer SQLITE_BUSY at once,
   * without its busy handler (which cannot break a cycle of locks): the
   * whole opening is tried again, for as long as a busy wait would. */
  for (gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
       (rc & 0xff) == SQLITE_BUSY && local_error == NULL && g_get_monotonic_time () < deadline;)
    {
      g_debug ("Store %s: busy while opening, trying again", self->path);
      close_db (self);
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      rc = open_db (self, &local_error);
    }
  if (rc_is_corrupt (rc) && local_error == NULL)
    {
      g_debug ("Store %s is damaged: %s", self->path, sqlite3_errstr (rc));
      if (move_aside (self, &local_error))
        rc = open_db (self, &local_error);
    }

  if (rc != SQLITE_OK && local_error == NULL)
    local_error = _ens_store_error (self, rc, "open");

  if (local_error != NULL)
    {
      close_db (self);
      g_mutex_unlock (&self->mutex);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (self->owner == NULL)
    take_owner_lock (self);

  g_mutex_unlock (&self->mutex);

  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (_ens_store_open_sync (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* }}} */

/* Public API {{{ */

/**
 * ens_store_dup_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/ens-image-share/history.db
 */
char *
ens_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ens-image-share", "history.db", NULL);
}

/**
 * ens_store_new:
 * @path: (nullable): the database file; %NULL for the default one
 *
 * Returns: (transfer full): a store, not open yet (ens_store_open_async())
 */
EnsStore *
ens_store_new (const char *path)
{
  EnsStore *self = g_object_new (ENS_TYPE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : ens_store_dup_default_path ();

  return self;
}

const char *
ens_store_get_path (EnsStore *self)
{
  g_return_val_if_fail (ENS_IS_STORE (self), NULL);

  return self->path;
}

/**
 * ens_store_get_moved_aside:
 *
 * Returns: (nullable): where the damaged file found when opening was
 *   moved, or %NULL when it was not
 */
const char *
ens_store_get_moved_aside (EnsStore *self)
{
  g_return_val_if_fail (ENS_IS_STORE (self), NULL);

  return self->moved_aside;
}

/**
 * ens_store_dup_moved_aside_message:
 *
 * Returns: (transfer full) (nullable): what to tell the user when a
 *   damaged file was moved aside, translated; %NULL when none was
 */
char *
ens_store_dup_moved_aside_message (EnsStore *self)
{
  g_return_val_if_fail (ENS_IS_STORE (self), NULL);

  if (self->moved_aside == NULL)
    return NULL;

  return g_strdup_printf (_("The file of saved history and recipients was damaged and could not be read. It was kept as “%s”, and a new one was started."),
                          self->moved_aside);
}

int
ens_store_get_schema_version (EnsStore *self)
{
  g_return_val_if_fail (ENS_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * ens_store_open_async:
 *
 * Opens the file on a worker thread, creating it and migrating it to the
 * current schema.  A damaged file is moved aside (see
 * ens_store_get_moved_aside()) and a new one started.  Opening an open
 * store does nothing.  Fails with %ENS_ERROR_STORAGE.
 */
void
ens_store_open_async (EnsStore            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ENS_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_store_open_async);
  g_task_run_in_thread (task, open_thread);
}

gboolean
ens_store_open_finish (EnsStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (ENS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */

/* GObject {{{ */

static void
ens_store_finalize (GObject *object)
{
  EnsStore *self = (EnsStore *)object;

  close_db (self);
  if (self->lock_fd >= 0)
    {
      g_unlink (self->lock_path);
      close (self->lock_fd);
    }
  g_mutex_clear (&self->mutex);
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->lock_path, g_free);

  G_OBJECT_CLASS (ens_store_parent_class)->finalize (object);
}

static void
ens_store_class_init (EnsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_store_finalize;
}

static void
ens_store_init (EnsStore *self)
{
  g_mutex_init (&self->mutex);
  self->stmts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)sqlite3_finalize);
  self->lock_fd = -1;
}

/* }}} */
