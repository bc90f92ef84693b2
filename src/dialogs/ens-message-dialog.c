/* ens-message-dialog.c
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
#include <string.h>

#include "ens-message-dialog.h"

/*
 * AdwMessageDialog is deprecated from libadwaita 1.6 on, but it is the only
 * dialog on the 1.2 floor and the only one that is a GtkWindow; this file is
 * the one place that uses it.
 */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/**
 * ens_message_dialog_new_window:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: the heading, in header capitalization
 * @body: (nullable): the body text
 *
 * Returns: (transfer floating): a modal AdwMessageDialog
 */
GtkWidget *
ens_message_dialog_new_window (GtkWindow  *parent,
                               const char *heading,
                               const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  if (parent != NULL)
    gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  return dialog;
}

/**
 * ens_message_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: the heading, in header capitalization
 * @body: (nullable): the body text
 *
 * Returns: (transfer floating): an AdwAlertDialog on libadwaita 1.5 or
 *   later when @parent is given, otherwise an AdwMessageDialog
 */
GtkWidget *
ens_message_dialog_new (GtkWindow  *parent,
                        const char *heading,
                        const char *body)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (parent != NULL)
    return GTK_WIDGET (adw_alert_dialog_new (heading, body));
#endif

  return ens_message_dialog_new_window (parent, heading, body);
}

/* "_Stop" → "Stop", "a__b" → "a_b": the text a mnemonic label shows. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/*
 * On GTK 4.8 the accessible name of a button with use-underline is its
 * label property followed by the name of the mnemonic label inside it, so
 * screen readers hear "_Cancel Cancel" and even "Stop Sharing Stop
 * Sharing".  AdwMessageDialog (1.2) makes every response button that way,
 * twice (the horizontal and the vertical layout).  Name each one once,
 * after the text it shows; the mnemonic keeps working.
 */
static void
name_response_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) &&
          gtk_button_get_use_underline (GTK_BUTTON (child)) &&
          gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          g_autofree char *text = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (child)));

          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                          -1);
          continue;
        }

      name_response_buttons (child);
    }
}

void
ens_message_dialog_add_response (GtkWidget             *dialog,
                                 const char            *id,
                                 const char            *label,
                                 AdwResponseAppearance  appearance)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (id != NULL && label != NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), id, label);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), id, appearance);
      return;
    }
#endif

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), id, appearance);
  name_response_buttons (dialog);
}

void
ens_message_dialog_set_default_response (GtkWidget  *dialog,
                                         const char *id)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), id);
      return;
    }
#endif

  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), id);
}

void
ens_message_dialog_set_response_enabled (GtkWidget  *dialog,
                                         const char *id,
                                         gboolean    enabled)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (id != NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (dialog), id, enabled);
      return;
    }
#endif

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), id, enabled);
}

void
ens_message_dialog_set_close_response (GtkWidget  *dialog,
                                       const char *id)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (id != NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), id);
      return;
    }
#endif

  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), id);
}

void
ens_message_dialog_set_extra_child (GtkWidget *dialog,
                                    GtkWidget *child)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (!child || GTK_IS_WIDGET (child));

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), child);
      return;
    }
#endif

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
}

const char *
ens_message_dialog_get_heading (GtkWidget *dialog)
{
  g_return_val_if_fail (GTK_IS_WIDGET (dialog), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    return adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog));
#endif

  return adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog));
}

const char *
ens_message_dialog_get_body (GtkWidget *dialog)
{
  g_return_val_if_fail (GTK_IS_WIDGET (dialog), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    return adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog));
#endif

  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
}

GtkWidget *
ens_message_dialog_get_extra_child (GtkWidget *dialog)
{
  g_return_val_if_fail (GTK_IS_WIDGET (dialog), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    return adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog));
#endif

  return adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
}

gboolean
ens_message_dialog_has_response (GtkWidget  *dialog,
                                 const char *id)
{
  g_return_val_if_fail (GTK_IS_WIDGET (dialog), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    return adw_alert_dialog_has_response (ADW_ALERT_DIALOG (dialog), id);
#endif

  return adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), id);
}

/**
 * ens_message_dialog_present:
 * @dialog: a dialog from ens_message_dialog_new()
 * @parent: (nullable): the window to show it over
 */
void
ens_message_dialog_present (GtkWidget *dialog,
                            GtkWindow *parent)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (parent));
      return;
    }
#endif

  if (parent != NULL && gtk_window_get_transient_for (GTK_WINDOW (dialog)) == NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ens_message_dialog_close:
 * @dialog: a dialog from ens_message_dialog_new()
 *
 * Closes the dialog as Escape would: it answers its close response.
 */
void
ens_message_dialog_close (GtkWidget *dialog)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_ALERT_DIALOG (dialog))
    {
      adw_dialog_close (ADW_DIALOG (dialog));
      return;
    }
#endif

  gtk_window_close (GTK_WINDOW (dialog));
}

G_GNUC_END_IGNORE_DEPRECATIONS

static void
confirm_setup (GtkWidget  *dialog,
               const char *cancel_label,
               const char *accept_label,
               gboolean    destructive)
{
  ens_message_dialog_add_response (dialog, "cancel", cancel_label != NULL ? cancel_label : _("_Cancel"),
                                   ADW_RESPONSE_DEFAULT);
  ens_message_dialog_add_response (dialog, "accept", accept_label,
                                   destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  /* A destructive answer is never the one Enter picks. */
  ens_message_dialog_set_default_response (dialog, destructive ? "cancel" : "accept");
  ens_message_dialog_set_close_response (dialog, "cancel");
}

#if ADW_CHECK_VERSION (1, 5, 0)
static void
confirm_choose_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *response;

  response = adw_alert_dialog_choose_finish (ADW_ALERT_DIALOG (object), result);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, g_strcmp0 (response, "accept") == 0);
}
#endif

/* State of a confirmation on an AdwMessageDialog, which has no
 * cancellable "choose" before libadwaita 1.3. */
typedef struct
{
  GCancellable *cancellable;
  gulong        cancelled_id;
  gboolean      returned;
} ConfirmData;

static void
confirm_data_free (gpointer data)
{
  ConfirmData *state = data;

  g_assert (state->cancelled_id == 0);
  g_clear_object (&state->cancellable);
  g_free (state);
}

static void
confirm_return (GTask    *task,
                gboolean  accepted)
{
  ConfirmData *state = g_task_get_task_data (task);

  if (state->returned)
    return;

  state->returned = TRUE;
  g_clear_signal_handler (&state->cancelled_id, state->cancellable);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, accepted);
}

static void
confirm_response_cb (GtkWidget  *dialog,
                     const char *response,
                     GTask      *task)
{
  confirm_return (task, g_strcmp0 (response, "accept") == 0);
}

static void
confirm_destroy_cb (GtkWidget *dialog,
                    GTask     *task)
{
  /* Destroyed with its parent, without an answer: that is a "no". */
  confirm_return (task, FALSE);
}

static void
confirm_cancelled_cb (GCancellable *cancellable,
                      GtkWidget    *dialog)
{
  ens_message_dialog_close (dialog);
}

/**
 * ens_message_dialog_confirm_async:
 * @parent: (nullable): the window the question is about
 * @heading: the question, in header capitalization ("Remove Access?")
 * @body: (nullable): what will happen
 * @accept_label: the label of the button that says yes, a verb ("_Remove")
 * @destructive: whether saying yes destroys something; then the button is
 *   red and Enter does not pick it
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks a question in a modal dialog with "Cancel" and @accept_label.
 */
void
ens_message_dialog_confirm_async (GtkWindow           *parent,
                                  const char          *heading,
                                  const char          *body,
                                  const char          *accept_label,
                                  gboolean             destructive,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ens_message_dialog_confirm_full_async (parent, heading, body, NULL, accept_label, destructive,
                                         cancellable, callback, user_data);
}

/**
 * ens_message_dialog_confirm_full_async:
 * @cancel_label: (nullable): the label of the button that says no
 *   ("_Keep Open"); %NULL for "Cancel"
 *
 * As ens_message_dialog_confirm_async(), with another label for "no".
 * Finish with ens_message_dialog_confirm_finish().
 */
void
ens_message_dialog_confirm_full_async (GtkWindow           *parent,
                                       const char          *heading,
                                       const char          *body,
                                       const char          *cancel_label,
                                       const char          *accept_label,
                                       gboolean             destructive,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConfirmData *state;
  GtkWidget *dialog;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (accept_label != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_message_dialog_confirm_async);

  if (g_task_return_error_if_cancelled (task))
    return;

#if ADW_CHECK_VERSION (1, 5, 0)
  if (parent != NULL)
    {
      dialog = ens_message_dialog_new (parent, heading, body);
      confirm_setup (dialog, cancel_label, accept_label, destructive);
      adw_alert_dialog_choose (ADW_ALERT_DIALOG (dialog), GTK_WIDGET (parent), cancellable,
                               confirm_choose_cb, g_steal_pointer (&task));
      return;
    }
#endif

  state = g_new0 (ConfirmData, 1);
  state->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, state, confirm_data_free);

  dialog = ens_message_dialog_new_window (parent, heading, body);
  confirm_setup (dialog, cancel_label, accept_label, destructive);

  /* The dialog keeps the task alive until it is finalized; every way out
   * (a response, cancellation, destruction) returns it exactly once. */
  g_object_set_data_full (G_OBJECT (dialog), "ens-confirm-task",
                          g_object_ref (task), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), task);
  g_signal_connect (dialog, "destroy", G_CALLBACK (confirm_destroy_cb), task);
  if (cancellable != NULL)
    state->cancelled_id = g_signal_connect_object (cancellable, "cancelled",
                                                   G_CALLBACK (confirm_cancelled_cb),
                                                   dialog, 0);

  ens_message_dialog_present (dialog, parent);
}

/**
 * ens_message_dialog_confirm_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError (only %G_IO_ERROR_CANCELLED)
 *
 * Returns: %TRUE if the user accepted
 */
gboolean
ens_message_dialog_confirm_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ens_message_dialog_confirm_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
