/* ens-recipients-db.c
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

#include <glib/gi18n-lib.h>

#include "ens-error.h"
#include "ens-recipients-csv.h"
#include "ens-recipients-private.h"
#include "ens-text.h"

/*
 * The address book's SQL.  Every function runs on a worker thread with the
 * store's lock held, inside the caller's transaction (BEGIN IMMEDIATE), so
 * that the checks below and the write that follows them see the same file
 * even when another instance writes at the same time.
 */

static const char sql_read_recipients[] =
  "SELECT account_id, name, note FROM recipients ORDER BY name_key";
static const char sql_read_groups[] =
  "SELECT g.name, g.name_key, r.account_id"
  " FROM recipient_groups g"
  " LEFT JOIN group_members m ON m.group_id = g.id"
  " LEFT JOIN recipients r ON r.id = m.recipient_id"
  " ORDER BY g.name_key, r.name_key";
static const char sql_find_id[] =
  "SELECT id, name FROM recipients WHERE account_id = ?1";
static const char sql_find_key[] =
  "SELECT id, account_id FROM recipients WHERE name_key = ?1";
static const char sql_find_group[] =
  "SELECT id, name FROM recipient_groups WHERE name_key = ?1";
static const char sql_insert[] =
  "INSERT INTO recipients (account_id, name, name_key, note, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_update[] =
  "UPDATE recipients SET name = ?2, name_key = ?3, note = ?4, updated_at = ?5"
  " WHERE account_id = ?1";
static const char sql_delete[] =
  "DELETE FROM recipients WHERE account_id = ?1";
static const char sql_groups_of[] =
  "SELECT g.name FROM recipient_groups g"
  " JOIN group_members m ON m.group_id = g.id"
  " JOIN recipients r ON r.id = m.recipient_id"
  " WHERE r.account_id = ?1 ORDER BY g.name_key";
static const char sql_insert_group[] =
  "INSERT INTO recipient_groups (name, name_key) VALUES (?1, ?2)";
static const char sql_add_member[] =
  "INSERT OR IGNORE INTO group_members (group_id, recipient_id)"
  " SELECT ?1, id FROM recipients WHERE account_id = ?2";
static const char sql_remove_member[] =
  "DELETE FROM group_members WHERE group_id = ?1"
  " AND recipient_id = (SELECT id FROM recipients WHERE account_id = ?2)";
static const char sql_members[] =
  "SELECT r.account_id FROM group_members m JOIN recipients r ON r.id = m.recipient_id"
  " WHERE m.group_id = ?1 ORDER BY r.name_key";
static const char sql_delete_group[] =
  "DELETE FROM recipient_groups WHERE id = ?1";
/* The name index serves the range: every key that starts with ?1. */
static const char sql_complete[] =
  "SELECT account_id, name, note FROM recipients"
  " WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3";
static const char sql_search[] =
  "SELECT account_id, name, note FROM recipients"
  " WHERE instr (name_key, ?1) > 0 OR instr (account_id, ?1) > 0"
  " ORDER BY (substr (name_key, 1, length (?1)) = ?1"
  "           OR substr (account_id, 1, length (?1)) = ?1) DESC, name_key"
  " LIMIT ?2";

static gboolean
step_done (EnsStore      *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "step"));
      return FALSE;
    }

  return TRUE;
}

/* The row ID of what @sql finds for @key (0 when none), and its second
 * column in @text. */
static gboolean
find (EnsStore    *store,
      const char  *sql,
      const char  *key,
      gint64      *id,
      char       **text,
      GError     **error)
{
  sqlite3_stmt *stmt = _ens_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  *id = 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      if (text != NULL)
        *text = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "find"));
      return FALSE;
    }

  return TRUE;
}

static GError *
not_in_book (const char *account_id)
{
  g_autofree char *safe = ens_text_sanitize (account_id, -1);

  return g_error_new (ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                      /* Translators: %s is an account ID */
                      _("Account %s is not in the address book."), safe);
}

/* A recipient's name must be free among recipients (but @account_id's
 * own) and groups. */
static gboolean
check_name_free (EnsStore    *store,
                 const char  *name,
                 const char  *key,
                 const char  *account_id,
                 GError     **error)
{
  g_autofree char *owner = NULL;
  g_autofree char *safe = ens_text_sanitize (name, -1);
  gint64 id;

  if (!find (store, sql_find_key, key, &id, &owner, error))
    return FALSE;
  if (id != 0 && g_strcmp0 (owner, account_id) != 0)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   /* Translators: %s is a name, then an account ID */
                   _("The name “%s” is already given to account %s."), safe, owner);
      return FALSE;
    }

  if (!find (store, sql_find_group, key, &id, NULL, error))
    return FALSE;
  if (id != 0)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("“%s” is already the name of a group."), safe);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_recipient (EnsStore    *store,
                 const char  *sql,
                 const char  *account_id,
                 const char  *name,
                 const char  *key,
                 const char  *note,
                 GError     **error)
{
  sqlite3_stmt *stmt = _ens_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  if (note != NULL && note[0] != '\0')
    sqlite3_bind_text (stmt, 4, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

  return step_done (store, stmt, error);
}

gboolean
_ens_recipients_db_add (EnsStore    *store,
                        const char  *account_id,
                        const char  *name,
                        const char  *note,
                        GError     **error)
{
  g_autofree char *key = ens_recipient_name_key (name);
  g_autofree char *known = NULL;
  gint64 id;

  if (!find (store, sql_find_id, account_id, &id, &known, error))
    return FALSE;
  if (id != 0)
    {
      g_autofree char *safe = ens_text_sanitize (known, -1);

      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   /* Translators: %s is an account ID, then its name */
                   _("Account %s is already in the address book as “%s”."), account_id, safe);
      return FALSE;
    }

  return check_name_free (store, name, key, account_id, error) &&
         write_recipient (store, sql_insert, account_id, name, key, note, error);
}

gboolean
_ens_recipients_db_edit (EnsStore    *store,
                         const char  *account_id,
                         const char  *name,
                         const char  *note,
                         GError     **error)
{
  g_autofree char *key = ens_recipient_name_key (name);
  gint64 id;

  if (!find (store, sql_find_id, account_id, &id, NULL, error))
    return FALSE;
  if (id == 0)
    {
      g_propagate_error (error, not_in_book (account_id));
      return FALSE;
    }

  return check_name_free (store, name, key, account_id, error) &&
         write_recipient (store, sql_update, account_id, name, key, note, error);
}

static char **
column_strv (EnsStore      *store,
             const char    *sql,
             gint64         id,
             const char    *text,
             GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = _ens_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "read"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

EnsRecipientsUndo *
_ens_recipients_db_delete (EnsStore    *store,
                           const char  *account_id,
                           GError     **error)
{
  g_autoptr(EnsRecipientsUndo) undo = g_new0 (EnsRecipientsUndo, 1);
  sqlite3_stmt *stmt = _ens_store_stmt (store, "SELECT name, note FROM recipients WHERE account_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      undo->account_id = g_strdup (account_id);
      undo->name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      undo->note = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "read"));
      return NULL;
    }
  if (undo->account_id == NULL)
    {
      g_propagate_error (error, not_in_book (account_id));
      return NULL;
    }

  undo->groups = column_strv (store, sql_groups_of, 0, account_id, error);
  if (undo->groups == NULL)
    return NULL;

  stmt = _ens_store_stmt (store, sql_delete, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, error))
    return NULL;

  return g_steal_pointer (&undo);
}

/* The group's row ID, made when @create and it is new. */
static gint64
group_id (EnsStore    *store,
          const char  *group,
          gboolean     create,
          GError     **error)
{
  g_autofree char *key = ens_recipient_name_key (group);
  g_autofree char *safe = ens_text_sanitize (group, -1);
  sqlite3_stmt *stmt;
  gint64 id;

  if (!find (store, sql_find_group, key, &id, NULL, error))
    return -1;
  if (id != 0)
    return id;

  if (!create)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("There is no group named “%s”."), safe);
      return -1;
    }

  if (!find (store, sql_find_key, key, &id, NULL, error))
    return -1;
  if (id != 0)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("“%s” is already the name of a recipient."), safe);
      return -1;
    }

  stmt = _ens_store_stmt (store, sql_insert_group, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, error))
    return -1;

  return sqlite3_last_insert_rowid (_ens_store_get_db (store));
}

static gboolean
change_members (EnsStore            *store,
                const char          *sql,
                gint64               group,
                const char * const  *account_ids,
                gboolean             must_exist,
                GError             **error)
{
  for (guint i = 0; account_ids != NULL && account_ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;
      gint64 id;

      if (must_exist)
        {
          if (!find (store, sql_find_id, account_ids[i], &id, NULL, error))
            return FALSE;
          if (id == 0)
            {
              g_propagate_error (error, not_in_book (account_ids[i]));
              return FALSE;
            }
        }

      stmt = _ens_store_stmt (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group);
      sqlite3_bind_text (stmt, 2, account_ids[i], -1, SQLITE_TRANSIENT);
      if (!step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_ens_recipients_db_group_add (EnsStore            *store,
                              const char          *group,
                              const char * const  *account_ids,
                              GError             **error)
{
  gint64 id = group_id (store, group, TRUE, error);

  return id > 0 && change_members (store, sql_add_member, id, account_ids, TRUE, error);
}

gboolean
_ens_recipients_db_group_remove (EnsStore            *store,
                                 const char          *group,
                                 const char * const  *account_ids,
                                 GError             **error)
{
  gint64 id = group_id (store, group, FALSE, error);

  return id > 0 && change_members (store, sql_remove_member, id, account_ids, FALSE, error);
}

EnsRecipientsUndo *
_ens_recipients_db_delete_group (EnsStore    *store,
                                 const char  *group,
                                 GError     **error)
{
  g_autoptr(EnsRecipientsUndo) undo = g_new0 (EnsRecipientsUndo, 1);
  g_autofree char *key = ens_recipient_name_key (group);
  sqlite3_stmt *stmt;
  gint64 id;

  if (!find (store, sql_find_group, key, &id, &undo->group, error))
    return NULL;
  if (id == 0)
    {
      g_autofree char *safe = ens_text_sanitize (group, -1);

      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("There is no group named “%s”."), safe);
      return NULL;
    }

  undo->members = column_strv (store, sql_members, id, NULL, error);
  if (undo->members == NULL)
    return NULL;

  stmt = _ens_store_stmt (store, sql_delete_group, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (store, stmt, error))
    return NULL;

  return g_steal_pointer (&undo);
}

gboolean
_ens_recipients_db_undo (EnsStore                 *store,
                         const EnsRecipientsUndo  *undo,
                         GError                  **error)
{
  const char *one[] = { undo->account_id, NULL };

  if (undo->account_id != NULL)
    {
      if (!_ens_recipients_db_add (store, undo->account_id, undo->name, undo->note, error))
        return FALSE;
      for (guint i = 0; undo->groups != NULL && undo->groups[i] != NULL; i++)
        if (!_ens_recipients_db_group_add (store, undo->groups[i], one, error))
          return FALSE;
    }

  if (undo->group != NULL)
    {
      gint64 id = group_id (store, undo->group, TRUE, error);

      /* Members deleted since are left out rather than refusing the undo. */
      if (id <= 0 ||
          !change_members (store, sql_add_member, id, (const char * const *)undo->members, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

static void
group_free (gpointer data)
{
  EnsRecipientsGroup *group = data;

  g_free (group->name);
  g_ptr_array_unref (group->members);
  g_free (group);
}

void
_ens_recipients_snapshot_free (EnsRecipientsSnapshot *snapshot)
{
  g_clear_pointer (&snapshot->recipients, g_ptr_array_unref);
  g_clear_pointer (&snapshot->groups, g_hash_table_unref);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsRecipientsSnapshot, _ens_recipients_snapshot_free)

EnsRecipientsSnapshot *
_ens_recipients_db_read (EnsStore  *store,
                         GError   **error)
{
  g_autoptr(EnsRecipientsSnapshot) snapshot = g_new0 (EnsRecipientsSnapshot, 1);
  g_autoptr(GHashTable) groups_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify)g_strv_builder_unref);
  sqlite3_stmt *stmt;
  int rc;

  snapshot->recipients = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, group_free);

  stmt = _ens_store_stmt (store, sql_read_groups, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *key = (const char *)sqlite3_column_text (stmt, 1);
      const char *account_id = (const char *)sqlite3_column_text (stmt, 2);
      EnsRecipientsGroup *group = g_hash_table_lookup (snapshot->groups, key);
      GStrvBuilder *builder;

      if (group == NULL)
        {
          group = g_new0 (EnsRecipientsGroup, 1);
          group->name = g_strdup (name);
          group->members = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (snapshot->groups, g_strdup (key), group);
        }
      if (account_id == NULL)
        continue;

      g_ptr_array_add (group->members, g_strdup (account_id));
      builder = g_hash_table_lookup (groups_of, account_id);
      if (builder == NULL)
        {
          builder = g_strv_builder_new ();
          g_hash_table_insert (groups_of, g_strdup (account_id), builder);
        }
      g_strv_builder_add (builder, name);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "read"));
      return NULL;
    }

  stmt = _ens_store_stmt (store, sql_read_recipients, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_id = (const char *)sqlite3_column_text (stmt, 0);
      GStrvBuilder *builder = g_hash_table_lookup (groups_of, account_id);
      g_auto(GStrv) groups = builder != NULL ? g_strv_builder_end (builder) : NULL;

      g_ptr_array_add (snapshot->recipients,
                       ens_recipient_new (account_id,
                                          (const char *)sqlite3_column_text (stmt, 1),
                                          (const char *)sqlite3_column_text (stmt, 2),
                                          (const char * const *)groups));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "read"));
      return NULL;
    }

  return g_steal_pointer (&snapshot);
}

/* Account IDs, in order. */
GPtrArray *
_ens_recipients_db_search (EnsStore    *store,
                           const char  *text,
                           gboolean     prefix_only,
                           guint        limit,
                           GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = ens_recipient_name_key (text);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ens_store_stmt (store, prefix_only ? sql_complete : sql_search, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (prefix_only)
    {
      /* U+10FFFF sorts after every character that can follow the prefix. */
      g_autofree char *end = g_strconcat (key, "\xf4\x8f\xbf\xbf", NULL);

      sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, limit > 0 ? limit : -1);
    }
  else
    sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found,
                     ens_recipient_new ((const char *)sqlite3_column_text (stmt, 0),
                                        (const char *)sqlite3_column_text (stmt, 1),
                                        (const char *)sqlite3_column_text (stmt, 2),
                                        NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, _ens_store_error (store, rc, "search"));
      return NULL;
    }

  return g_steal_pointer (&found);
}

/* Every row, or on the first failure none (the caller rolls back). */
gboolean
_ens_recipients_db_import (EnsStore   *store,
                           GPtrArray  *rows,
                           GError    **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      EnsRecipientsCsvRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *known = NULL;
      gint64 id;

      if (!find (store, sql_find_id, row->account_id, &id, &known, error))
        return FALSE;

      if (id == 0)
        _ens_recipients_db_add (store, row->account_id, row->name, row->note, &local_error);
      else
        {
          g_autofree char *key = ens_recipient_name_key (row->name);
          g_autofree char *known_key = ens_recipient_name_key (known);

          if (!g_str_equal (key, known_key))
            {
              g_autofree char *safe = ens_text_sanitize (known, -1);

              g_set_error (&local_error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("Account %s is already in the address book as “%s”."),
                           row->account_id, safe);
            }
        }

      if (local_error == NULL && row->group != NULL)
        {
          const char *one[] = { row->account_id, NULL };

          _ens_recipients_db_group_add (store, row->group, one, &local_error);
        }

      if (local_error != NULL)
        {
          if (local_error->domain == ENS_ERROR && local_error->code == ENS_ERROR_INVALID_INPUT)
            /* Translators: a line number, then why it cannot be imported */
            g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT, _("Line %u: %s"),
                         row->line, local_error->message);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}
