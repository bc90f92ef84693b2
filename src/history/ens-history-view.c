/* ens-history-view.c
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

#include "ens-history-view.h"

struct _EnsHistoryView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkEntry       *image_entry;
  GtkEntry       *since_entry;
  GtkEntry       *until_entry;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkListBox     *list;
  GtkButton      *more_button;

  /* Owned references */
  EnsHistoryList *model;
  GCancellable   *cancellable;   /* reading accounts of expanded rows */
};

G_DEFINE_FINAL_TYPE (EnsHistoryView, ens_history_view, GTK_TYPE_WIDGET)

/* How many accounts an expanded change shows; Export… has them all. */
#define MAX_DETAIL_ROWS 200

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows {{{ */

static GtkWidget *
create_copy_button (const char *request_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Copy Request ID"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Request ID"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.copy-text");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", request_id);

  return button;
}

static GtkWidget *
create_detail_row (const EnsHistoryRow *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *change = entry->change == ENS_SHARE_CHANGE_ADD ? _("share") : _("stop sharing");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (entry->recipient_name != NULL)
    /* Translators: an account ID, then its recipient name */
    title = g_strdup_printf (_("%s — %s"), entry->account_id, entry->recipient_name);
  else
    title = g_strdup (entry->account_id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  /* Translators: what was asked and how it went, e.g. "share: done, 2 tries" */
  g_string_printf (subtitle, ngettext ("%s: %s, %u try", "%s: %s, %u tries", entry->tries),
                   change, ens_history_describe_state (entry->state), entry->tries);
  if (entry->error_code != NULL)
    g_string_append_printf (subtitle, " · %s", entry->error_code);
  if (entry->request_id != NULL)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: the RequestId of the server's answer */
      g_string_append_printf (subtitle, _("Request ID: %s"), entry->request_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_copy_button (entry->request_id));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (entry->state == ENS_HISTORY_FAILED)
    gtk_widget_add_css_class (row, "activity-failed");

  return row;
}

static void
entries_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AdwExpanderRow) row = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint n_shown;

  entries = ens_history_list_load_entries_finish (ENS_HISTORY_LIST (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *failed = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (failed), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (failed), error->message);
          adw_expander_row_add_row (row, failed);
        }
      g_object_set_data (G_OBJECT (row), "ens-populated", NULL);
      return;
    }

  n_shown = MIN (entries->len, MAX_DETAIL_ROWS);
  for (guint i = 0; i < n_shown; i++)
    adw_expander_row_add_row (row, create_detail_row (g_ptr_array_index (entries, i)));

  if (entries->len > n_shown)
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (ngettext ("%u more account is not shown here; Export… writes them all",
                                                          "%u more accounts are not shown here; Export… writes them all",
                                                          entries->len - n_shown),
                                                entries->len - n_shown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), title);
      adw_expander_row_add_row (row, more);
    }
}

/* An operation's accounts are read when it is first expanded. */
static void
expanded_cb (EnsHistoryView *self,
             GParamSpec     *pspec,
             AdwExpanderRow *row)
{
  EnsHistoryOperation *operation = g_object_get_data (G_OBJECT (row), "ens-operation");

  if (!adw_expander_row_get_expanded (row) || self->model == NULL ||
      g_object_get_data (G_OBJECT (row), "ens-populated") != NULL)
    return;

  g_object_set_data (G_OBJECT (row), "ens-populated", GINT_TO_POINTER (TRUE));
  ens_history_list_load_entries_async (self->model, operation, self->cancellable,
                                       entries_cb, g_object_ref (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  EnsHistoryView *self = user_data;
  EnsHistoryOperation *operation = item;
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ens_history_operation_get_title (operation));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), ens_history_operation_get_subtitle (operation));
  g_object_set_data_full (G_OBJECT (row), "ens-operation", g_object_ref (operation), g_object_unref);

  if (!ens_history_operation_get_success (operation))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *counts = ens_history_operation_dup_counts (ens_history_operation_get_row (operation));

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, counts);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, counts, -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
    }

  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, G_CONNECT_SWAPPED);

  return row;
}

/* }}} */

/* The page {{{ */

static gboolean
filtered (EnsHistoryView *self)
{
  EnsHistoryFilter filter;

  ens_history_list_get_filter (self->model, &filter);

  return filter.search != NULL || filter.image_id != NULL || filter.since != 0 || filter.until != 0;
}

static void
update_page (EnsHistoryView *self)
{
  gboolean empty = self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;
  const char *description;

  if (self->model == NULL)
    description = _("The history is not available.");
  else if (ens_history_list_get_error (self->model) != NULL)
    description = ens_history_list_get_error (self->model);
  else if (ens_history_list_get_loading (self->model))
    description = _("Reading the history…");
  else if (filtered (self))
    description = _("No change matches the search and filters.");
  else
    description = _("Changes are recorded here before they are sent, from this window and from the command line, and kept after you quit.");

  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          self->model != NULL && ens_history_list_get_has_more (self->model));
}

static void
search_changed_cb (EnsHistoryView *self)
{
  if (self->model != NULL)
    ens_history_list_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
image_changed_cb (EnsHistoryView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->image_entry))));

  if (self->model != NULL)
    ens_history_list_set_image_id (self->model, text);
}

/* An empty entry is no bound; a day that cannot be read is marked and
 * the range left as it was. */
static gboolean
read_day (GtkEntry *entry,
          gint64   *usec)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  gboolean valid;

  *usec = 0;
  valid = text[0] == '\0' || ens_history_parse_day (text, usec);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), valid ? NULL : _("A day like 2026-12-31"));

  return valid;
}

static void
range_changed_cb (EnsHistoryView *self)
{
  gint64 since;
  gint64 until;
  gboolean valid;

  valid = read_day (self->since_entry, &since);
  valid = read_day (self->until_entry, &until) && valid;
  if (!valid || self->model == NULL)
    return;

  /* "To" is the last day shown, whole. */
  if (until != 0)
    until += G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;
  ens_history_list_set_range (self->model, since, until);
}

static void
edge_reached_cb (EnsHistoryView  *self,
                 GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM && self->model != NULL)
    ens_history_list_load_more (self->model);
}

static void
more_clicked_cb (EnsHistoryView *self)
{
  if (self->model != NULL)
    ens_history_list_load_more (self->model);
}

/* }}} */

/* GObject {{{ */

static void
ens_history_view_dispose (GObject *object)
{
  EnsHistoryView *self = (EnsHistoryView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_HISTORY_VIEW);
  /* The template's outer box has no name for dispose_template() to find. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ens_history_view_parent_class)->dispose (object);
}

static void
ens_history_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EnsHistoryView *self = ENS_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_history_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EnsHistoryView *self = ENS_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ens_history_view_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_history_view_class_init (EnsHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_history_view_dispose;
  object_class->get_property = ens_history_view_get_property;
  object_class->set_property = ens_history_view_set_property;

  /**
   * EnsHistoryView:model:
   *
   * The changes to list.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         ENS_TYPE_HISTORY_LIST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/history/ens-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, image_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, since_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, list);
  gtk_widget_class_bind_template_child (widget_class, EnsHistoryView, more_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, image_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
ens_history_view_init (EnsHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_page (self);
}

GtkWidget *
ens_history_view_new (void)
{
  return g_object_new (ENS_TYPE_HISTORY_VIEW, NULL);
}

EnsHistoryList *
ens_history_view_get_model (EnsHistoryView *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_VIEW (self), NULL);

  return self->model;
}

/**
 * ens_history_view_set_model:
 * @model: (nullable): the changes to list; the filters shown apply to it
 */
void
ens_history_view_set_model (EnsHistoryView *self,
                            EnsHistoryList *model)
{
  g_return_if_fail (ENS_IS_HISTORY_VIEW (self));
  g_return_if_fail (model == NULL || ENS_IS_HISTORY_LIST (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (model), create_row, self, NULL);
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::loading", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::has-more", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::error", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      /* The filters typed apply to the new list. */
      search_changed_cb (self);
      image_changed_cb (self);
      range_changed_cb (self);
    }

  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* }}} */
