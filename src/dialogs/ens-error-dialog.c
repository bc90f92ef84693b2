/* ens-error-dialog.c
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
#include <adwaita.h>

#include "ens-error-dialog.h"
#include "ens-error-ui.h"
#include "ens-message-dialog.h"
#include "ens-text.h"

#define TROUBLESHOOT_URI_KEY "ens-troubleshoot-uri"

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launch_uri_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the troubleshooting page: %s", error->message);
}
#endif

static void
launch_uri (GtkWindow  *parent,
            const char *uri)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, parent, NULL, launch_uri_cb, NULL);
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

static void
response_cb (GtkWidget  *dialog,
             const char *response,
             gpointer    user_data)
{
  const char *uri;
  GtkWindow *parent = NULL;

  if (g_strcmp0 (response, "troubleshoot") != 0)
    return;

  uri = g_object_get_data (G_OBJECT (dialog), TROUBLESHOOT_URI_KEY);
  g_return_if_fail (ens_error_ui_troubleshoot_uri_is_safe (uri));

  if (GTK_IS_WINDOW (dialog))
    parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  else if (GTK_IS_WINDOW (gtk_widget_get_root (dialog)))
    parent = GTK_WINDOW (gtk_widget_get_root (dialog));

  launch_uri (parent, uri);
}

static void
copy_clicked_cb (GtkButton  *button,
                 const char *request_id)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), request_id);
  /* The accessible label stays "Copy Request ID"; the visible one confirms. */
  gtk_button_set_label (button, _("Copied"));
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
new_scroller (GtkWidget *child,
              int        max_height)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), max_height);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);

  return scroller;
}

static GtkWidget *
build_failures (EnsSharePlan  *plan,
                const char    *heading,
                EnsRecipients *book)
{
  g_autoptr(GPtrArray) failures = ens_error_ui_list_failures (plan);
  g_autofree char *summary = NULL;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *label;

  if (failures->len == 0)
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* Prose, centred like the body above it; the lists below are cards. */
  summary = ens_error_ui_format_summary (plan);
  label = new_label (summary, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5f);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_name (label, "failures-summary");
  gtk_box_append (GTK_BOX (box), label);

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "failures-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Accounts That Failed"),
                                  -1);

  for (guint i = 0; i < failures->len; i++)
    {
      const EnsErrorUiFailure *failure = g_ptr_array_index (failures, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      if (failure->account != NULL)
        {
          g_autofree char *named = book != NULL ? ens_recipients_dup_label (book, failure->account)
                                                : ens_text_sanitize (failure->account, -1);

          /* "Partner A · 1234567890123456" when the book names it. */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), named);
          adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
          /* One account that failed for the reason in the heading: the
           * heading already says why. */
          if (failures->len > 1 || g_strcmp0 (failure->reason, heading) != 0)
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), failure->reason);
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not Tried"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), failure->reason);
        }

      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* A scroller's natural height is unreliable with wrapped subtitles, so
   * only a long list scrolls. */
  if (failures->len > 4)
    {
      GtkWidget *scroller = new_scroller (list, 260);

      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
      gtk_box_append (GTK_BOX (box), scroller);
    }
  else
    {
      gtk_box_append (GTK_BOX (box), list);
    }

  return box;
}

/* A row of the details card, padded like an AdwActionRow. */
static GtkWidget *
new_details_row (GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 8);
  gtk_widget_set_margin_bottom (child, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);

  return row;
}

/* A caption with a Copy button beside it, over @value on a line of its own
 * (too wide to share a line with a button); the button copies @text. */
static GtkWidget *
new_copy_block (const char *caption_text,
                const char *caption_class,
                const char *button_label,
                const char *button_name,
                const char *accessible_label,
                const char *text,
                GtkWidget  *value,
                int         spacing)
{
  GtkWidget *box;
  GtkWidget *top;
  GtkWidget *caption;
  GtkWidget *copy;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), top);

  caption = new_label (caption_text, caption_class);
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_widget_set_valign (caption, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), caption);

  copy = gtk_button_new_with_label (button_label);
  gtk_widget_set_name (copy, button_name);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_signal_connect_data (copy, "clicked", G_CALLBACK (copy_clicked_cb),
                         g_strdup (text), (GClosureNotify) G_CALLBACK (g_free), 0);
  gtk_box_append (GTK_BOX (top), copy);

  gtk_box_append (GTK_BOX (box), value);

  return box;
}

static GtkWidget *
build_request_id (const char *raw_request_id)
{
  /* From the server: what is shown and copied is made safe first. */
  g_autofree char *request_id = ens_text_sanitize (raw_request_id, -1);
  GtkWidget *value;

  value = new_label (request_id, "monospace");
  gtk_widget_set_name (value, "request-id-label");
  /* Whole where it fits; a narrow dialog breaks it after a dash. */
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);

  return new_details_row (new_copy_block (_("Request ID"), "dim-label", _("Copy"),
                                          "copy-request-id-button", _("Copy Request ID"),
                                          request_id, value, 2));
}

/* The RAM policy an administrator can attach, with a Copy Policy button. */
static GtkWidget *
build_policy (const char *policy)
{
  GtkWidget *list;
  GtkWidget *value;

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "ram-policy");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  value = new_label (policy, "monospace");
  gtk_widget_set_name (value, "ram-policy-label");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, "caption");

  gtk_list_box_append (GTK_LIST_BOX (list),
                       new_details_row (new_copy_block (_("RAM Policy for the Administrator"), "heading",
                                                        _("Copy Policy"), "copy-policy-button",
                                                        _("Copy Policy"), policy,
                                                        new_scroller (value, 200), 6)));

  return list;
}

static GtkWidget *
build_details (const GError *error)
{
  g_autofree char *details = ens_error_ui_format_details (error);
  GtkWidget *expander;
  GtkWidget *label;

  expander = gtk_expander_new (_("Technical Details"));
  gtk_widget_set_name (expander, "technical-details");

  label = new_label (details, "monospace");
  gtk_widget_set_name (label, "technical-details-label");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "caption");

  gtk_expander_set_child (GTK_EXPANDER (expander), new_scroller (label, 200));

  return new_details_row (expander);
}

static GtkWidget *
build_dialog (GtkWindow     *parent,
              const GError  *error,
              EnsSharePlan  *plan,
              EnsRecipients *book,
              gboolean       as_window)
{
  g_autofree char *title = NULL;
  g_autofree char *safe_title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *policy = NULL;
  const char *request_id;
  const char *recommend;
  GtkWidget *dialog;
  GtkWidget *extra;
  GtkWidget *details;
  GtkWidget *failures = NULL;

  ens_error_describe (error, &title, NULL, NULL);
  safe_title = ens_text_sanitize (title != NULL ? title : error->message, -1);
  body = ens_error_ui_format_body (error);

  if (as_window)
    dialog = ens_message_dialog_new_window (parent, safe_title, body);
  else
    dialog = ens_message_dialog_new (parent, safe_title, body);

  extra = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  if (plan != NULL)
    failures = build_failures (plan, ens_message_dialog_get_heading (dialog), book);
  if (failures != NULL)
    gtk_box_append (GTK_BOX (extra), failures);

  policy = ens_error_dup_ram_policy (error);
  if (policy != NULL)
    gtk_box_append (GTK_BOX (extra), build_policy (policy));

  /* The request ID and the technical details: one card, for support. */
  details = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (details), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (details, "boxed-list");
  gtk_box_append (GTK_BOX (extra), details);

  request_id = ens_error_get_request_id (error);
  if (request_id != NULL && request_id[0] != '\0')
    gtk_list_box_append (GTK_LIST_BOX (details), build_request_id (request_id));

  gtk_list_box_append (GTK_LIST_BOX (details), build_details (error));

  ens_message_dialog_set_extra_child (dialog, extra);

  recommend = ens_error_get_recommend (error);
  if (ens_error_ui_troubleshoot_uri_is_safe (recommend))
    {
      g_object_set_data_full (G_OBJECT (dialog), TROUBLESHOOT_URI_KEY,
                              g_strdup (recommend), g_free);
      ens_message_dialog_add_response (dialog, "troubleshoot", _("_Troubleshoot"),
                                       ADW_RESPONSE_DEFAULT);
    }

  ens_message_dialog_add_response (dialog, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ens_message_dialog_set_default_response (dialog, "close");
  ens_message_dialog_set_close_response (dialog, "close");

  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);

  return dialog;
}

/**
 * ens_error_dialog_new:
 * @parent: (nullable): the window the error happened in
 * @error: the error to explain
 * @plan: (nullable): the plan that ran, to list the accounts that failed
 *
 * Returns: (transfer none): a modal AdwMessageDialog, not yet shown; it
 *   destroys itself when answered
 */
GtkWindow *
ens_error_dialog_new (GtkWindow    *parent,
                      const GError *error,
                      EnsSharePlan *plan)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (!plan || ENS_IS_SHARE_PLAN (plan), NULL);

  return GTK_WINDOW (build_dialog (parent, error, plan, NULL, TRUE));
}

/**
 * ens_error_dialog_present:
 * @parent: (nullable): the window the error happened in
 * @error: the error to explain
 * @plan: (nullable): the plan that ran, to list the accounts that failed
 *
 * Shows the error dialog.  Cancellation is not an error: a
 * %G_IO_ERROR_CANCELLED is ignored.
 */
void
ens_error_dialog_present (GtkWindow    *parent,
                          const GError *error,
                          EnsSharePlan *plan)
{
  ens_error_dialog_present_named (parent, error, plan, NULL);
}

/**
 * ens_error_dialog_present_named:
 * @book: (nullable): the address book, to name the accounts that failed
 *
 * ens_error_dialog_present(), the failed accounts shown by their names.
 */
void
ens_error_dialog_present_named (GtkWindow     *parent,
                                const GError  *error,
                                EnsSharePlan  *plan,
                                EnsRecipients *book)
{
  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (error != NULL);
  g_return_if_fail (!plan || ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (!book || ENS_IS_RECIPIENTS (book));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ens_message_dialog_present (build_dialog (parent, error, plan, book, FALSE), parent);
}
