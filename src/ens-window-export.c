/* ens-window-export.c
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

#include "ens-change-runner.h"
#include "ens-window-private.h"

/*
 * Export…: the entries the History page lists (its search and filters) as CSV or JSON, to a file the user picks
 * through the file chooser portal (GtkFileDialog on GTK 4.10 and later, a
 * GtkFileChooserNative on the 4.8 floor).  The file is written on the
 * history's worker thread.
 */

static EnsHistory *
get_history (EnsWindow *self)
{
  return ens_change_runner_get_history (ens_share_editor_get_runner (self->editor));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n;

  n = ens_history_export_finish (ENS_HISTORY (object), result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not export the history: %s"), error->message);
    }
  else
    {
      title = g_strdup_printf (ngettext ("Exported %u entry", "Exported %u entries", n), n);
    }

  _ens_window_add_toast (self, adw_toast_new (title));
}

static void
export_to (EnsWindow *self,
           GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  EnsHistoryFormat format = ENS_HISTORY_FORMAT_CSV;
  EnsHistory *history = get_history (self);
  EnsHistoryFilter filter = { 0, };

  if (history == NULL)
    return;
  if (self->history_list != NULL)
    ens_history_list_get_filter (self->history_list, &filter);

  if (name != NULL && g_str_has_suffix (name, ".json"))
    format = ENS_HISTORY_FORMAT_JSON;

  g_debug ("Exporting the history to %s", g_file_peek_path (file));

  ens_history_export_async (history, &filter, file, format, self->cancellable,
                            export_cb, g_object_ref (self));
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  if (file != NULL)
    export_to (self, file);
}

#else

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(EnsWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        export_to (self, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

#endif

static GListModel *
new_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV (spreadsheets)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_suffix (json, "json");
  g_list_store_append (filters, csv);
  g_list_store_append (filters, json);

  return G_LIST_MODEL (filters);
}

/**
 * _ens_window_export_history:
 *
 * Asks where to export the history, then writes it there (win.export-history).
 */
void
_ens_window_export_history (EnsWindow *self)
{
  g_autoptr(GListModel) filters = new_filters ();
  /* Translators: the file name suggested when exporting the history */
  const char *suggested = _("ens-image-share-history.csv");

  if (get_history (self) == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Export History"));
    gtk_file_dialog_set_accept_label (dialog, _("_Export"));
    gtk_file_dialog_set_initial_name (dialog, suggested);
    gtk_file_dialog_set_filters (dialog, filters);
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->cancellable, save_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Export History"), GTK_WINDOW (self),
                                          GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
    for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

        gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      }
    g_signal_connect (native, "response", G_CALLBACK (native_response_cb), g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/**
 * _ens_window_history_changed:
 *
 * A change ended: the History page reads its first page again.
 */
void
_ens_window_history_changed (EnsWindow *self)
{
  if (self->history_list != NULL)
    ens_history_list_reload (self->history_list);
}
