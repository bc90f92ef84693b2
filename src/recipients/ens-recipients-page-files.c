/* ens-recipients-page-files.c
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

#include <glib/gi18n.h>

#include "ens-file-chooser.h"
#include "ens-message-dialog.h"
#include "ens-recipients-page-private.h"

/*
 * Import… and Export… of the Recipients page.  An import is read and
 * checked first; when some rows are bad, a dialog lists each with its line
 * and reason and offers to import the valid rows or nothing.  The rows are
 * then written in one transaction (ens_recipients_import_async()).
 */

static GListModel *
new_csv_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV (spreadsheets)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  g_list_store_append (filters, csv);

  return G_LIST_MODEL (filters);
}

static GtkWindow *
get_window (EnsRecipientsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Import {{{ */

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsRecipientsPage *self = g_task_get_source_object (task);
  EnsRecipientsCsv *csv = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = csv->rows->len;

  if (!ens_recipients_import_finish (ENS_RECIPIENTS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why */
      title = g_strdup_printf (_("Nothing was imported: %s"), error->message);
    }
  else
    title = g_strdup_printf (ngettext ("Imported %u row", "Imported %u rows", n), n);

  _ens_recipients_page_toast (self, adw_toast_new (title));
}

static void
import_rows (GTask *task)
{
  EnsRecipientsPage *self = g_task_get_source_object (task);
  EnsRecipientsCsv *csv = g_task_get_task_data (task);

  ens_recipients_import_async (self->recipients, csv, self->cancellable, imported_cb, task);
}

static void
issues_response_cb (GtkWidget  *dialog,
                    const char *response,
                    gpointer    user_data)
{
  g_autoptr(GTask) task = user_data;

  g_signal_handlers_disconnect_by_data (dialog, user_data);
  if (g_strcmp0 (response, "import") == 0)
    import_rows (g_steal_pointer (&task));
}

static char *
format_issues (EnsRecipientsCsv *csv)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < csv->issues->len; i++)
    {
      EnsRecipientsCsvIssue *issue = g_ptr_array_index (csv->issues, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: a bad row of an imported file; %u is its line, %s why it is bad */
      g_string_append_printf (text, _("Line %u: %s"), issue->line, issue->message);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Lists the bad rows: "Import Valid Rows" or "Cancel" (nothing). */
static void
ask_about_issues (EnsRecipientsPage *self,
                  GTask             *task)
{
  EnsRecipientsCsv *csv = g_task_get_task_data (task);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *list = format_issues (csv);
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;
  guint n_bad = csv->issues->len;
  guint n_good = csv->rows->len;

  heading = g_strdup_printf (ngettext ("%u Row Cannot Be Imported", "%u Rows Cannot Be Imported", n_bad), n_bad);
  body = g_strdup_printf (ngettext ("The other %u row can be imported without them, or nothing at all.",
                                    "The other %u rows can be imported without them, or nothing at all.", n_good),
                          n_good);
  dialog = ens_message_dialog_new (get_window (self), heading, body);

  label = gtk_label_new (list);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  ens_message_dialog_set_extra_child (dialog, scrolled);

  ens_message_dialog_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  if (n_good > 0)
    ens_message_dialog_add_response (dialog, "import", _("_Import Valid Rows"), ADW_RESPONSE_SUGGESTED);
  ens_message_dialog_set_close_response (dialog, "cancel");
  ens_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (issues_response_cb), g_object_ref (task));
  ens_message_dialog_present (dialog, get_window (self));
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EnsRecipientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *data = NULL;
  EnsRecipientsCsv *csv;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &len, NULL, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why */
      title = g_strdup_printf (_("Could not read the file: %s"), error->message);
      _ens_recipients_page_toast (self, adw_toast_new (title));
      return;
    }

  if (self->recipients == NULL)
    return;

  csv = ens_recipients_csv_parse (data, len);
  ens_recipients_csv_check (csv, self->recipients);
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, csv, (GDestroyNotify)ens_recipients_csv_free);

  if (csv->issues->len > 0)
    ask_about_issues (self, task);
  else if (csv->rows->len == 0)
    _ens_recipients_page_toast (self, adw_toast_new (_("The file has no recipients")));
  else
    import_rows (g_steal_pointer (&task));
}

/**
 * ens_recipients_page_import_file:
 * @file: a CSV file
 *
 * Reads @file and imports it (see ens-recipients-page-files.c).
 */
void
ens_recipients_page_import_file (EnsRecipientsPage *self,
                                 GFile             *file)
{
  g_return_if_fail (ENS_IS_RECIPIENTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
import_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EnsRecipientsPage) self = user_data;
  g_autoptr(GFile) file = ens_file_chooser_run_finish (result, NULL);

  if (file != NULL)
    ens_recipients_page_import_file (self, file);
}

void
_ens_recipients_page_import_action (EnsRecipientsPage *self)
{
  g_autoptr(GListModel) filters = new_csv_filters ();

  if (get_window (self) == NULL)
    return;

  ens_file_chooser_run_async (get_window (self), FALSE, _("Import Recipients"), _("_Import"),
                              NULL, filters, self->cancellable,
                              import_chosen_cb, g_object_ref (self));
}

/* }}} */

/* Export {{{ */

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EnsRecipientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why */
      title = g_strdup_printf (_("Could not export the address book: %s"), error->message);
    }
  else
    title = g_strdup (_("Address book exported"));

  _ens_recipients_page_toast (self, adw_toast_new (title));
}

/**
 * ens_recipients_page_export_file:
 * @file: where to write
 *
 * Writes the book as last read to @file as CSV.
 */
void
ens_recipients_page_export_file (EnsRecipientsPage *self,
                                 GFile             *file)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (ENS_IS_RECIPIENTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->recipients == NULL)
    return;

  {
    char *text = ens_recipients_dup_csv (self->recipients);

    bytes = g_bytes_new_take (text, strlen (text));
  }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, written_cb, g_object_ref (self));
}

static void
export_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EnsRecipientsPage) self = user_data;
  g_autoptr(GFile) file = ens_file_chooser_run_finish (result, NULL);

  if (file != NULL)
    ens_recipients_page_export_file (self, file);
}

void
_ens_recipients_page_export_action (EnsRecipientsPage *self)
{
  g_autoptr(GListModel) filters = new_csv_filters ();

  if (get_window (self) == NULL)
    return;

  ens_file_chooser_run_async (get_window (self), TRUE, _("Export Recipients"), _("_Export"),
                              /* Translators: the file name suggested when exporting the address book */
                              _("recipients.csv"), filters, self->cancellable,
                              export_chosen_cb, g_object_ref (self));
}

/* }}} */
