/* ens-activity-view.c
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

#include "ens-activity-entry.h"
#include "ens-activity-view.h"

struct _EnsActivityView
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *list;

  /* Owned references */
  GListModel *model;
};

G_DEFINE_FINAL_TYPE (EnsActivityView, ens_activity_view, GTK_TYPE_WIDGET)

/* How many lines an entry shows when expanded; "All Details" has the rest. */
#define MAX_DETAIL_ROWS 50

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_detail_row (const EnsActivityDetail *detail)
{
  GtkWidget *row;
  g_autofree char *subtitle = NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), detail->outcome);

  if (detail->request_id != NULL)
    {
      GtkWidget *button;
      g_autofree char *label = NULL;

      /* Translators: the second line names the RequestId of the server's answer */
      subtitle = g_strdup_printf (_("%s\nRequest ID: %s"), detail->accounts, detail->request_id);

      button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Copy Request ID"));
      /* Translators: accessible name of a copy button; %s is a RequestId */
      label = g_strdup_printf (_("Copy Request ID %s"), detail->request_id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.copy-text");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", detail->request_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    {
      subtitle = g_strdup (detail->accounts);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (detail->failed)
    gtk_widget_add_css_class (row, "activity-failed");

  return row;
}

static GtkWidget *
create_copy_all_row (EnsActivityEntry *entry,
                     guint             n_hidden)
{
  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *text = ens_activity_entry_to_text (entry);
  g_autofree char *subtitle = NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All Details"));
  if (n_hidden > 0)
    subtitle = g_strdup_printf (ngettext ("%u more line is not shown here",
                                          "%u more lines are not shown here", n_hidden),
                                n_hidden);
  else
    subtitle = g_strdup (_("Every request ID and account, as text"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Copy All Details"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy All Details"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.copy-text");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", text);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* The detail rows are made when the entry is first expanded, and only
 * so many: a change to 1,000 accounts has 1,000 request IDs. */
static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             EnsActivityEntry *entry)
{
  guint n_details;
  guint n_shown;

  if (!adw_expander_row_get_expanded (row) ||
      g_object_get_data (G_OBJECT (row), "ens-populated") != NULL)
    return;

  g_object_set_data (G_OBJECT (row), "ens-populated", GINT_TO_POINTER (TRUE));

  n_details = ens_activity_entry_get_n_details (entry);
  n_shown = MIN (n_details, MAX_DETAIL_ROWS);
  for (guint i = 0; i < n_shown; i++)
    adw_expander_row_add_row (row, create_detail_row (ens_activity_entry_get_detail (entry, i)));

  if (n_details > 1)
    adw_expander_row_add_row (row, create_copy_all_row (entry, n_details - n_shown));
}

static GtkWidget *
create_entry_row (gpointer item,
                  gpointer user_data)
{
  EnsActivityEntry *entry = item;
  GtkWidget *row;
  g_autofree char *time = NULL;
  g_autofree char *subtitle = NULL;

  g_assert (ENS_IS_ACTIVITY_ENTRY (entry));

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ens_activity_entry_get_title (entry));

  time = g_date_time_format (ens_activity_entry_get_time (entry), "%X");
  /* Translators: time · image ID · outcome, e.g. "14:02:11 · m-5wgc7l · Done" */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              time,
                              ens_activity_entry_get_image_id (entry),
                              ens_activity_entry_get_outcome (entry));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (!ens_activity_entry_get_success (entry))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, ens_activity_entry_get_outcome (entry));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ens_activity_entry_get_outcome (entry),
                                      -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
    }

  g_signal_connect_object (row, "notify::expanded",
                           G_CALLBACK (expanded_cb), entry,
                           0);

  return row;
}

static void
ens_activity_view_update_page (EnsActivityView *self)
{
  gboolean empty = self->model == NULL || g_list_model_get_n_items (self->model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
items_changed_cb (EnsActivityView *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  ens_activity_view_update_page (self);
}

static void
ens_activity_view_dispose (GObject *object)
{
  EnsActivityView *self = (EnsActivityView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_ACTIVITY_VIEW);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ens_activity_view_parent_class)->dispose (object);
}

static void
ens_activity_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EnsActivityView *self = ENS_ACTIVITY_VIEW (object);

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
ens_activity_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EnsActivityView *self = ENS_ACTIVITY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ens_activity_view_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_activity_view_class_init (EnsActivityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_activity_view_dispose;
  object_class->get_property = ens_activity_view_get_property;
  object_class->set_property = ens_activity_view_set_property;

  /**
   * EnsActivityView:model:
   *
   * The operations to list, a #GListModel of #EnsActivityEntry.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/activity/ens-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsActivityView, stack);
  gtk_widget_class_bind_template_child (widget_class, EnsActivityView, list);
}

static void
ens_activity_view_init (EnsActivityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ens_activity_view_new (void)
{
  return g_object_new (ENS_TYPE_ACTIVITY_VIEW, NULL);
}

GListModel *
ens_activity_view_get_model (EnsActivityView *self)
{
  g_return_val_if_fail (ENS_IS_ACTIVITY_VIEW (self), NULL);

  return self->model;
}

void
ens_activity_view_set_model (EnsActivityView *self,
                             GListModel      *model)
{
  g_return_if_fail (ENS_IS_ACTIVITY_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);

  gtk_list_box_bind_model (self->list, model, create_entry_row, NULL, NULL);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed",
                             G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  ens_activity_view_update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
