/* ens-recipient-dialog.c
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

#include "ens-message-dialog.h"
#include "ens-recipient-dialog.h"

typedef struct
{
  EnsRecipients *book;
  GtkWidget     *dialog;
  GtkEntry      *name_entry;
  GtkEntry      *id_entry;
  GtkEntry      *note_entry;
  GtkEntry      *groups_entry;
  GtkLabel      *problem_label;
  char          *account_id;    /* the one edited, NULL when adding */
  gboolean       known;         /* @account_id is in the book */
  /* What saving does, in order. */
  char          *id;
  char          *name;
  char          *note;
  GStrv          join;          /* groups to join */
  GStrv          leave;         /* groups to leave */
  guint          next;          /* the next of join, then leave */
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_clear_object (&d->book);
  g_free (d->account_id);
  g_free (d->id);
  g_free (d->name);
  g_free (d->note);
  g_strfreev (d->join);
  g_strfreev (d->leave);
  g_free (d);
}

/* The groups typed, cleaned, without repeats. */
static GStrv
parse_groups (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *clean = ens_recipients_clean_name (parts[i], NULL);

      if (clean == NULL)
        continue;
      if (g_hash_table_add (seen, ens_recipient_name_key (clean)))
        g_strv_builder_add (builder, clean);
    }

  return g_strv_builder_end (builder);
}

static gboolean
strv_has_name (const char * const *names,
               const char         *name)
{
  g_autofree char *key = ens_recipient_name_key (name);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *other = ens_recipient_name_key (names[i]);

      if (g_strcmp0 (key, other) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Checks what is typed as it is typed: "Save" only when it can be saved,
 * the reason under the entries otherwise. */
static void
entries_changed_cb (GtkEditable *editable,
                    gpointer     user_data)
{
  Dialog *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  const char *problem = NULL;
  EnsRecipient *other;

  id = ens_recipients_clean_account_id (gtk_editable_get_text (GTK_EDITABLE (d->id_entry)), &error);
  if (id != NULL)
    name = ens_recipients_clean_name (gtk_editable_get_text (GTK_EDITABLE (d->name_entry)), &error);

  if (error != NULL)
    problem = error->message;
  else if ((other = ens_recipients_lookup_name (d->book, name)) != NULL &&
           g_strcmp0 (ens_recipient_get_account_id (other), id) != 0)
    problem = _("Another account already has this name");
  else if (d->account_id == NULL && ens_recipients_lookup (d->book, id) != NULL)
    problem = _("This account already has a name: edit it instead");

  /* Nothing typed yet is not worth a complaint. */
  if (gtk_editable_get_text (GTK_EDITABLE (d->name_entry))[0] == '\0' ||
      gtk_editable_get_text (GTK_EDITABLE (d->id_entry))[0] == '\0')
    gtk_label_set_text (d->problem_label, "");
  else
    gtk_label_set_text (d->problem_label, problem != NULL ? problem : "");

  ens_message_dialog_set_response_enabled (d->dialog, "save", problem == NULL);
}

static void save_step (GTask *task);

static void
step_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ens_recipients_change_finish (ENS_RECIPIENTS (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save_step (g_steal_pointer (&task));
}

/* The recipient first, then each group joined, then each group left. */
static void
save_step (GTask *task)
{
  Dialog *d = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint n_join = g_strv_length (d->join);
  const char *ids[] = { d->id, NULL };
  guint step = d->next++;

  if (step == 0)
    {
      if (d->known)
        ens_recipients_edit_async (d->book, d->id, d->name, d->note, cancellable, step_cb, task);
      else
        ens_recipients_add_async (d->book, d->id, d->name, d->note, cancellable, step_cb, task);
    }
  else if (step - 1 < n_join)
    ens_recipients_add_to_group_async (d->book, d->join[step - 1], ids, cancellable, step_cb, task);
  else if (step - 1 - n_join < g_strv_length (d->leave))
    ens_recipients_remove_from_group_async (d->book, d->leave[step - 1 - n_join], ids,
                                            cancellable, step_cb, task);
  else
    {
      g_task_return_pointer (task, ens_recipients_dup_label (d->book, d->id), g_free);
      g_object_unref (task);
    }
}

static void
response_cb (GtkWidget  *dialog,
             const char *response,
             gpointer    user_data)
{
  GTask *task = user_data;
  Dialog *d = g_task_get_task_data (task);
  g_auto(GStrv) groups = NULL;
  g_autoptr(GStrvBuilder) join = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) leave = g_strv_builder_new ();
  const char * const *old_groups = NULL;
  EnsRecipient *old;
  const char *note;

  g_signal_handlers_disconnect_by_data (dialog, task);
  g_signal_handlers_disconnect_by_data (d->name_entry, d);
  g_signal_handlers_disconnect_by_data (d->id_entry, d);
  d->dialog = NULL;

  if (g_strcmp0 (response, "save") != 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  d->id = ens_recipients_clean_account_id (gtk_editable_get_text (GTK_EDITABLE (d->id_entry)), NULL);
  d->name = ens_recipients_clean_name (gtk_editable_get_text (GTK_EDITABLE (d->name_entry)), NULL);
  note = gtk_editable_get_text (GTK_EDITABLE (d->note_entry));
  d->note = note[0] != '\0' ? g_strstrip (g_strdup (note)) : NULL;
  old = ens_recipients_lookup (d->book, d->id);
  d->known = old != NULL;
  if (old != NULL)
    old_groups = ens_recipient_get_groups (old);

  groups = parse_groups (gtk_editable_get_text (GTK_EDITABLE (d->groups_entry)));
  for (guint i = 0; groups[i] != NULL; i++)
    if (!strv_has_name (old_groups, groups[i]))
      g_strv_builder_add (join, groups[i]);
  for (guint i = 0; old_groups != NULL && old_groups[i] != NULL; i++)
    if (!strv_has_name ((const char * const *)groups, old_groups[i]))
      g_strv_builder_add (leave, old_groups[i]);
  d->join = g_strv_builder_end (join);
  d->leave = g_strv_builder_end (leave);

  if (d->id == NULL || d->name == NULL)
    {
      g_task_return_new_error (task, ENS_ERROR, ENS_ERROR_INVALID_INPUT, "%s",
                               _("The name or the account ID is not valid"));
      g_object_unref (task);
      return;
    }

  save_step (task);
}

static GtkEntry *
add_entry (GtkBox     *box,
           const char *label,
           const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (box, entry);

  return GTK_ENTRY (entry);
}

/**
 * ens_recipient_dialog_run_async:
 * @parent: the window
 * @book: the address book
 * @account_id: (nullable): the account to name or edit; %NULL to add one
 *
 * Presents the dialog; see ens-recipient-dialog.h.
 */
void
ens_recipient_dialog_run_async (GtkWindow           *parent,
                                EnsRecipients       *book,
                                const char          *account_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *groups = NULL;
  g_autofree char *body = NULL;
  EnsRecipient *recipient = NULL;
  const char *heading;
  GtkWidget *box;
  Dialog *d;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ENS_IS_RECIPIENTS (book));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_recipient_dialog_run_async);

  d = g_new0 (Dialog, 1);
  d->book = g_object_ref (book);
  d->account_id = g_strdup (account_id);
  g_task_set_task_data (task, d, dialog_free);

  if (account_id != NULL)
    recipient = ens_recipients_lookup (book, account_id);
  if (account_id == NULL)
    heading = _("Add Recipient");
  else if (recipient != NULL)
    heading = _("Edit Recipient");
  else
    heading = _("Name This Account");

  if (account_id != NULL)
    {
      g_autofree char *safe = ens_text_sanitize (account_id, -1);

      /* Translators: %s is an account ID */
      body = g_strdup_printf (_("Account %s"), safe);
    }

  d->dialog = ens_message_dialog_new (parent, heading, body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  d->name_entry = add_entry (GTK_BOX (box), _("Name"),
                             recipient != NULL ? ens_recipient_get_name (recipient) : NULL);
  d->id_entry = add_entry (GTK_BOX (box), _("Account ID"), account_id);
  gtk_widget_set_visible (GTK_WIDGET (d->id_entry), account_id == NULL);
  d->note_entry = add_entry (GTK_BOX (box), _("Note (optional)"),
                             recipient != NULL ? ens_recipient_get_note (recipient) : NULL);
  if (recipient != NULL)
    groups = g_strjoinv (", ", (char **)ens_recipient_get_groups (recipient));
  d->groups_entry = add_entry (GTK_BOX (box), _("Groups, separated by commas (optional)"), groups);
  d->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->problem_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (d->problem_label), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->problem_label));
  ens_message_dialog_set_extra_child (d->dialog, box);

  ens_message_dialog_add_response (d->dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ens_message_dialog_add_response (d->dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  ens_message_dialog_set_default_response (d->dialog, "save");
  ens_message_dialog_set_close_response (d->dialog, "cancel");

  g_signal_connect (d->name_entry, "changed", G_CALLBACK (entries_changed_cb), d);
  g_signal_connect (d->id_entry, "changed", G_CALLBACK (entries_changed_cb), d);
  entries_changed_cb (NULL, d);

  g_signal_connect (d->dialog, "response", G_CALLBACK (response_cb), g_object_ref (task));
  ens_message_dialog_present (d->dialog, parent);
  gtk_widget_grab_focus (GTK_WIDGET (d->name_entry));
}

/**
 * ens_recipient_dialog_run_finish:
 *
 * Returns: (transfer full) (nullable): the saved recipient's label, or
 *   %NULL when the dialog was cancelled (and no error)
 */
char *
ens_recipient_dialog_run_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
