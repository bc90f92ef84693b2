/* ens-recipients-page.c
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

#include "ens-recipient-dialog.h"
#include "ens-recipients-page-private.h"

G_DEFINE_FINAL_TYPE (EnsRecipientsPage, ens_recipients_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_RECIPIENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the search matches: the name, the ID and the note. */
static char *
search_text_cb (gpointer    unused,
                const char *name,
                const char *account_id,
                const char *note)
{
  return g_strjoin ("\n", name != NULL ? name : "", account_id != NULL ? account_id : "",
                    note != NULL ? note : "", NULL);
}

void
_ens_recipients_page_toast (EnsRecipientsPage *self,
                            AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_error (EnsRecipientsPage *self,
             const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _ens_recipients_page_toast (self, adw_toast_new (error->message));
}

/* The rows {{{ */

static void
setup_row_cb (EnsRecipientsPage        *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *images = gtk_button_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (images, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (images, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), images);
  g_object_set_data (G_OBJECT (row), "images", images);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (delete, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
  g_object_set_data (G_OBJECT (row), "edit", edit);
  g_object_set_data (G_OBJECT (row), "delete", delete);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (EnsRecipientsPage        *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  EnsRecipient *recipient = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *edit = g_object_get_data (G_OBJECT (row), "edit");
  GtkWidget *delete = g_object_get_data (G_OBJECT (row), "delete");
  GtkWidget *images = g_object_get_data (G_OBJECT (row), "images");
  const char *id = ens_recipient_get_account_id (recipient);
  const char *note = ens_recipient_get_note (recipient);
  const char * const *groups = ens_recipient_get_groups (recipient);
  g_autofree char *name = ens_text_sanitize (ens_recipient_get_name (recipient), -1);
  g_autofree char *safe_id = ens_text_sanitize (id, -1);
  g_autofree char *safe_note = note != NULL ? ens_text_sanitize (note, -1) : NULL;
  g_autoptr(GString) subtitle = g_string_new (safe_id);
  g_autofree char *edit_label = NULL;
  g_autofree char *delete_label = NULL;
  g_autofree char *images_label = NULL;

  if (safe_note != NULL && safe_note[0] != '\0')
    g_string_append_printf (subtitle, " — %s", safe_note);
  if (groups != NULL && groups[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)groups);
      g_autofree char *safe = ens_text_sanitize (joined, -1);

      /* Translators: after the account ID; %s lists group names */
      g_string_append_printf (subtitle, " — %s", safe);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  /* Translators: tooltip and accessible name of a button; %s is a recipient's name */
  edit_label = g_strdup_printf (_("Edit %s"), name);
  /* Translators: tooltip and accessible name of a button; %s is a recipient's name */
  delete_label = g_strdup_printf (_("Delete %s"), name);
  /* Translators: tooltip and accessible name of a button; %s is a recipient's name */
  images_label = g_strdup_printf (_("Images %s Can Use"), name);
  gtk_widget_set_tooltip_text (images, images_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (images), GTK_ACCESSIBLE_PROPERTY_LABEL, images_label, -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (images), g_variant_new_string (id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (images), "win.show-recipient-images");
  gtk_widget_set_tooltip_text (edit, edit_label);
  gtk_widget_set_tooltip_text (delete, delete_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (edit), g_variant_new_string (id));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (delete), g_variant_new_string (id));
  /* Named once the target is set: a name without its "s" target warns. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "recipients.edit");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "recipients.delete");
}

static GtkWidget *
create_group_row (gpointer item,
                  gpointer user_data)
{
  EnsRecipientsPage *self = user_data;
  const char *group = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_auto(GStrv) members = ens_recipients_dup_group_members (self->recipients, group);
  guint n = members != NULL ? g_strv_length (members) : 0;
  g_autofree char *safe = ens_text_sanitize (group, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *images = gtk_button_new_from_icon_name ("image-x-generic-symbolic");
  g_autofree char *images_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), safe);
  /* Translators: tooltip and accessible name of a button; %s is a group's name */
  images_label = g_strdup_printf (_("Images %s Can Use"), safe);
  gtk_widget_set_valign (images, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (images, "flat");
  gtk_widget_set_tooltip_text (images, images_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (images), GTK_ACCESSIBLE_PROPERTY_LABEL, images_label, -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (images), g_variant_new_string (group));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (images), "win.show-group-images");
  gtk_widget_set_sensitive (images, n > 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), images);
  subtitle = g_strdup_printf (ngettext ("%u member", "%u members", n), n);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: tooltip and accessible name of a button; %s is a group's name */
  label = g_strdup_printf (_("Delete Group %s"), safe);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (delete), g_variant_new_string (group));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "recipients.delete-group");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

/* The book was read again: the groups and the empty state follow. */
static void
recipients_changed_cb (EnsRecipientsPage *self)
{
  g_auto(GStrv) groups = NULL;
  guint n_old;

  if (self->recipients == NULL)
    return;

  groups = ens_recipients_dup_group_names (self->recipients);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->group_names));
  gtk_string_list_splice (self->group_names, 0, n_old, (const char * const *)groups);
  gtk_widget_set_visible (self->groups_group, groups != NULL && groups[0] != NULL);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->recipients)) > 0
                                    ? "list" : "empty");
}

/* }}} */

/* Editing {{{ */

static void
dialog_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EnsRecipientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = ens_recipient_dialog_run_finish (result, &error);

  if (error != NULL)
    toast_error (self, error);
  else if (label != NULL)
    {
      /* Translators: %s is "Name · account ID" */
      g_autofree char *title = g_strdup_printf (_("Saved %s"), label);

      _ens_recipients_page_toast (self, adw_toast_new (title));
    }
}

static void
edit_recipient (EnsRecipientsPage *self,
                const char        *account_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->recipients == NULL || !GTK_IS_WINDOW (root))
    return;

  ens_recipient_dialog_run_async (GTK_WINDOW (root), self->recipients, account_id,
                                  self->cancellable, dialog_done_cb, g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  edit_recipient (ENS_RECIPIENTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  edit_recipient (ENS_RECIPIENTS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
undo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EnsRecipientsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ens_recipients_change_finish (ENS_RECIPIENTS (object), result, &error))
    toast_error (self, error);
}

static void
undo_clicked_cb (AdwToast          *toast,
                 EnsRecipientsPage *self)
{
  EnsRecipientsUndo *undo = g_object_get_data (G_OBJECT (toast), "undo");

  if (undo != NULL && self->recipients != NULL)
    ens_recipients_undo_async (self->recipients, undo, self->cancellable,
                               undo_done_cb, g_object_ref (self));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsRecipientsPage *self = g_task_get_source_object (task);
  const char *title = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsRecipientsUndo) undo = NULL;
  AdwToast *toast;

  undo = ens_recipients_delete_finish (ENS_RECIPIENTS (object), result, &error);
  if (undo == NULL)
    {
      toast_error (self, error);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  g_object_set_data_full (G_OBJECT (toast), "undo", g_steal_pointer (&undo),
                          (GDestroyNotify)ens_recipients_undo_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  _ens_recipients_page_toast (self, toast);
}

static GTask *
new_delete_task (EnsRecipientsPage *self,
                 char              *title)
{
  GTask *task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_task_data (task, title, g_free);

  return task;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EnsRecipientsPage *self = ENS_RECIPIENTS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *label = NULL;

  if (self->recipients == NULL)
    return;

  label = ens_recipients_dup_label (self->recipients, id);
  ens_recipients_delete_async (self->recipients, id, self->cancellable, deleted_cb,
                               /* Translators: %s is "Name · account ID" */
                               new_delete_task (self, g_strdup_printf (_("Deleted %s"), label)));
}

static void
delete_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EnsRecipientsPage *self = ENS_RECIPIENTS_PAGE (widget);
  const char *group = g_variant_get_string (parameter, NULL);
  g_autofree char *safe = ens_text_sanitize (group, -1);

  if (self->recipients == NULL)
    return;

  ens_recipients_delete_group_async (self->recipients, group, self->cancellable, deleted_cb,
                                     /* Translators: %s is a group's name */
                                     new_delete_task (self, g_strdup_printf (_("Deleted group %s"), safe)));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _ens_recipients_page_import_action (ENS_RECIPIENTS_PAGE (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _ens_recipients_page_export_action (ENS_RECIPIENTS_PAGE (widget));
}

/* }}} */

void
ens_recipients_page_set_recipients (EnsRecipientsPage *self,
                                    EnsRecipients     *recipients)
{
  g_return_if_fail (ENS_IS_RECIPIENTS_PAGE (self));
  g_return_if_fail (recipients == NULL || ENS_IS_RECIPIENTS (recipients));

  if (self->recipients == recipients)
    return;

  if (self->recipients != NULL)
    g_signal_handlers_disconnect_by_data (self->recipients, self);
  g_set_object (&self->recipients, recipients);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (recipients));
  if (recipients != NULL)
    g_signal_connect_object (recipients, "items-changed",
                             G_CALLBACK (recipients_changed_cb), self, G_CONNECT_SWAPPED);
  recipients_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENTS]);
}

EnsRecipients *
ens_recipients_page_get_recipients (EnsRecipientsPage *self)
{
  g_return_val_if_fail (ENS_IS_RECIPIENTS_PAGE (self), NULL);

  return self->recipients;
}

static void
ens_recipients_page_dispose (GObject *object)
{
  EnsRecipientsPage *self = (EnsRecipientsPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->recipients != NULL)
    g_signal_handlers_disconnect_by_data (self->recipients, self);
  g_clear_object (&self->recipients);
  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_RECIPIENTS_PAGE);
  g_clear_object (&self->group_names);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ens_recipients_page_parent_class)->dispose (object);
}

static void
ens_recipients_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EnsRecipientsPage *self = ENS_RECIPIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECIPIENTS:
      g_value_set_object (value, self->recipients);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_recipients_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EnsRecipientsPage *self = ENS_RECIPIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RECIPIENTS:
      ens_recipients_page_set_recipients (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_recipients_page_class_init (EnsRecipientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_recipients_page_dispose;
  object_class->get_property = ens_recipients_page_get_property;
  object_class->set_property = ens_recipients_page_set_property;

  properties[PROP_RECIPIENTS] =
    g_param_spec_object ("recipients", NULL, NULL,
                         ENS_TYPE_RECIPIENTS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ENS_TYPE_RECIPIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ensimageshare/EnsImageShare/recipients/ens-recipients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsRecipientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsRecipientsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EnsRecipientsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, EnsRecipientsPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, EnsRecipientsPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, EnsRecipientsPage, groups_group);
  gtk_widget_class_bind_template_callback (widget_class, search_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);

  gtk_widget_class_install_action (widget_class, "recipients.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "recipients.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "recipients.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "recipients.delete-group", "s", delete_group_action);
  gtk_widget_class_install_action (widget_class, "recipients.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "recipients.export", NULL, export_action);
}

static void
ens_recipients_page_init (EnsRecipientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->group_names = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->groups_list, G_LIST_MODEL (self->group_names),
                           create_group_row, self, NULL);
}
