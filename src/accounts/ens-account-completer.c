/* ens-account-completer.c
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

#include <glib/gi18n.h>

#include "ens-account-completer.h"

/* At most five suggestions: more say little that the next keystroke does
 * not, and the first showing of the list (styling the rows and laying the
 * page out again) costs a keystroke in proportion: with eight, about 15 ms
 * with the cairo renderer; with five, about 10 (build-aux/bench.sh
 * --only complete). */
#define N_SUGGESTIONS 5

struct _EnsAccountCompleter
{
  GObject       parent_instance;

  /* Borrowed references: the completer lives as long as its section */
  GtkEditable  *entry;
  GtkListBox   *suggestions;

  /* Owned references */
  EnsSession   *session;
  GCancellable *cancellable;   /* the query in flight */
  char         *prefix;        /* what it was asked for */
};

G_DEFINE_FINAL_TYPE (EnsAccountCompleter, ens_account_completer, G_TYPE_OBJECT)

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == ';' || c == '\n' || c == '\r' || c == 0xFF0C || c == 0x3001;
}

/* Where the last piece of @text starts (a byte offset). */
static gsize
piece_start (const char *text)
{
  const char *start = text;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_separator (g_utf8_get_char (p)))
      start = g_utf8_next_char (p);

  return start - text;
}

void
ens_account_completer_hide (EnsAccountCompleter *self)
{
  g_return_if_fail (ENS_IS_ACCOUNT_COMPLETER (self));

  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), FALSE);
}

/* The rows are made once and reused: a keystroke only changes texts. */
static GtkWidget *
get_row (EnsAccountCompleter *self,
         guint                i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->suggestions, i);

  if (row == NULL)
    {
      row = GTK_LIST_BOX_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (row, TRUE);
      gtk_list_box_append (self->suggestions, GTK_WIDGET (row));
    }

  return GTK_WIDGET (row);
}

static void
set_suggestion (EnsAccountCompleter *self,
                guint                i,
                const char          *name,
                const char          *subtitle)
{
  g_autofree char *title = ens_text_sanitize (name, -1);
  g_autofree char *label = NULL;
  GtkWidget *row = get_row (self, i);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Translators: accessible name of a suggestion under "Accounts to add"; %s is a name */
  label = g_strdup_printf (_("Add %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (row), "ens-name", g_strdup (name), g_free);
  gtk_widget_set_visible (row, TRUE);
}

static void
completed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EnsAccountCompleter) self = user_data;
  EnsRecipients *book = ENS_RECIPIENTS (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *key = NULL;
  guint n = 0;

  found = ens_recipients_query_finish (book, result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Completion failed: %s", error->message);
      return;
    }

  /* Groups first: they are few, and read from the book in memory. */
  key = ens_recipient_name_key (self->prefix);
  groups = ens_recipients_dup_group_names (book);
  for (guint i = 0; groups != NULL && groups[i] != NULL && n < N_SUGGESTIONS; i++)
    {
      g_autofree char *group_key = ens_recipient_name_key (groups[i]);
      g_auto(GStrv) members = NULL;
      g_autofree char *subtitle = NULL;
      guint n_members;

      if (!g_str_has_prefix (group_key, key))
        continue;
      members = ens_recipients_dup_group_members (book, groups[i]);
      n_members = members != NULL ? g_strv_length (members) : 0;
      subtitle = g_strdup_printf (ngettext ("Group of %u account", "Group of %u accounts", n_members), n_members);
      set_suggestion (self, n++, groups[i], subtitle);
    }

  for (guint i = 0; i < found->len && n < N_SUGGESTIONS; i++)
    {
      EnsRecipient *recipient = g_ptr_array_index (found, i);
      g_autofree char *id = ens_text_sanitize (ens_recipient_get_account_id (recipient), -1);

      set_suggestion (self, n++, ens_recipient_get_name (recipient), id);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), n > 0);

  /* The rows not needed this time stay, hidden. */
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->suggestions, n)) != NULL; n++)
    gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
}

/* Each keystroke: the previous query is dropped, a new one starts on the
 * book's worker thread; nothing here waits. */
static void
entry_changed_cb (EnsAccountCompleter *self)
{
  const char *text = gtk_editable_get_text (self->entry);
  g_autofree char *piece = g_strstrip (g_strdup (text + piece_start (text)));
  const char *prefix = piece[0] == '@' ? piece + 1 : piece;
  EnsRecipients *book = ens_session_get_recipients (self->session);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (book == NULL || prefix[0] == '\0' || g_ascii_isdigit (prefix[0]))
    {
      ens_account_completer_hide (self);
      return;
    }

  g_free (self->prefix);
  self->prefix = g_strdup (prefix);
  self->cancellable = g_cancellable_new ();
  ens_recipients_complete_async (book, prefix, N_SUGGESTIONS, self->cancellable,
                                 completed_cb, g_object_ref (self));
}

/* The piece typed becomes "@Name, ", ready for the next. */
static void
row_activated_cb (EnsAccountCompleter *self,
                  GtkListBoxRow       *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "ens-name");
  const char *text = gtk_editable_get_text (self->entry);
  g_autofree char *before = g_strndup (text, piece_start (text));
  g_autofree char *replaced = NULL;

  if (name == NULL)
    return;

  replaced = g_strdup_printf ("%s%s@%s, ", before, before[0] != '\0' ? " " : "", name);
  g_signal_handlers_block_by_func (self->entry, entry_changed_cb, self);
  gtk_editable_set_text (self->entry, replaced);
  g_signal_handlers_unblock_by_func (self->entry, entry_changed_cb, self);
  gtk_editable_set_position (self->entry, -1);
  ens_account_completer_hide (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
ens_account_completer_dispose (GObject *object)
{
  EnsAccountCompleter *self = (EnsAccountCompleter *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ens_account_completer_parent_class)->dispose (object);
}

static void
ens_account_completer_finalize (GObject *object)
{
  EnsAccountCompleter *self = (EnsAccountCompleter *)object;

  g_free (self->prefix);

  G_OBJECT_CLASS (ens_account_completer_parent_class)->finalize (object);
}

static void
ens_account_completer_class_init (EnsAccountCompleterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_account_completer_dispose;
  object_class->finalize = ens_account_completer_finalize;
}

static void
ens_account_completer_init (EnsAccountCompleter *self)
{
}

/**
 * ens_account_completer_new:
 * @entry: the entry typed in
 * @suggestions: the list that shows the suggestions (hidden when empty)
 * @session: whose address book completes
 *
 * Returns: (transfer full): a completer; keep it as long as @entry
 */
EnsAccountCompleter *
ens_account_completer_new (GtkEditable *entry,
                           GtkListBox  *suggestions,
                           EnsSession  *session)
{
  EnsAccountCompleter *self;

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);
  g_return_val_if_fail (GTK_IS_LIST_BOX (suggestions), NULL);
  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);

  self = g_object_new (ENS_TYPE_ACCOUNT_COMPLETER, NULL);
  self->entry = entry;
  self->suggestions = suggestions;
  self->session = g_object_ref (session);
  /* Made and styled now, hidden, so that the first suggestions shown
   * cost a keystroke no more than the next ones. */
  for (guint i = 0; i < N_SUGGESTIONS; i++)
    {
      GtkWidget *row = get_row (self, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), " ");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), " ");
      gtk_widget_set_visible (row, FALSE);
    }
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (suggestions, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);

  return self;
}
