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
#include "ens-file-chooser.h"
#include "ens-window-private.h"

/*
 * Export…: the entries the History page lists (its search and filters) as CSV or JSON, to a file the user picks
 * through the file chooser portal (GtkFileDialog on GTK 4.10 and later, a
 * GtkFileChooserNative on the 4.8 floor: ens-file-chooser.c).  The file is written on the
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

static void
chosen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GFile) file = ens_file_chooser_run_finish (result, NULL);

  if (file != NULL)
    export_to (self, file);
}

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

  ens_file_chooser_run_async (GTK_WINDOW (self), TRUE, _("Export History"), _("_Export"),
                              suggested, filters, self->cancellable,
                              chosen_cb, g_object_ref (self));
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
