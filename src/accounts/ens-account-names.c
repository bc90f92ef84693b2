/* ens-account-names.c
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

#include "ens-account-names.h"

typedef struct
{
  AdwActionRow *row;      /* borrowed: the data dies with it */
  GtkWidget    *button;   /* nullable: not an account ID */
  EnsSession   *session;  /* borrowed: outlives the window's rows */
  char         *account_id;
} Names;

static void
names_free (gpointer data)
{
  Names *names = data;

  g_free (names->account_id);
  g_free (names);
}

static void
names_update (Names *names)
{
  g_autofree char *label = ens_session_dup_account_label (names->session, names->account_id);
  g_autofree char *name = ens_session_dup_account_name (names->session, names->account_id);
  g_autofree char *safe_id = ens_text_sanitize (names->account_id, -1);
  g_autofree char *full = NULL;
  g_autofree char *button_label = NULL;

  full = name != NULL ? ens_recipient_format_label (name, names->account_id) : g_strdup (safe_id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (names->row), label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (names->row), full);
  gtk_accessible_update_property (GTK_ACCESSIBLE (names->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, full,
                                  -1);

  if (names->button == NULL)
    return;

  /* Translators: tooltip and accessible name of a button; %s is an account ID */
  button_label = g_strdup_printf (name != NULL ? _("Edit Name of %s…") : _("Name Account %s…"), safe_id);
  gtk_button_set_icon_name (GTK_BUTTON (names->button),
                            name != NULL ? "document-edit-symbolic" : "contact-new-symbolic");
  gtk_widget_set_tooltip_text (names->button, name != NULL ? _("Edit Name…") : _("Name This Account…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (names->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label,
                                  -1);
}

static void
book_changed_cb (AdwActionRow *row)
{
  names_update (g_object_get_data (G_OBJECT (row), "ens-account-names"));
}

/**
 * ens_account_names_attach:
 * @row: an account row
 * @session: the session, whose book names accounts
 * @account_id: what the row shows: an account ID or text typed
 *
 * See ens-account-names.h.
 */
void
ens_account_names_attach (AdwActionRow *row,
                          EnsSession   *session,
                          const char   *account_id)
{
  g_autofree char *clean = NULL;
  EnsRecipients *book;
  Names *names;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (ENS_IS_SESSION (session));
  g_return_if_fail (account_id != NULL);

  /* Only an account ID as the book keeps it can be named. */
  clean = ens_recipients_clean_account_id (account_id, NULL);
  if (clean == NULL || g_strcmp0 (clean, account_id) != 0)
    return;

  names = g_new0 (Names, 1);
  names->row = row;
  names->session = session;
  names->account_id = g_strdup (account_id);
  g_object_set_data_full (G_OBJECT (row), "ens-account-names", names, names_free);

  book = ens_session_get_recipients (session);
  if (book != NULL)
    {
      names->button = gtk_button_new ();
      gtk_widget_set_valign (names->button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (names->button, "flat");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (names->button),
                                              g_variant_new_string (account_id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (names->button), "win.name-account");
      adw_action_row_add_suffix (row, names->button);
      g_signal_connect_object (book, "items-changed", G_CALLBACK (book_changed_cb), row, G_CONNECT_SWAPPED);
    }

  names_update (names);
}
