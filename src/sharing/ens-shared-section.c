/* ens-shared-section.c
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

#include "ens-paced-list-model.h"
#include "ens-shared-row.h"
#include "ens-shared-section.h"

struct _EnsSharedSection
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkStack            *shared_stack;
  GtkSpinner          *shared_spinner;
  GtkLabel            *shared_error_label;
  GtkLabel            *shared_incomplete_label;
  GtkListBox          *shared_list;
  GtkWidget           *shared_buttons;
  GtkButton           *select_all_button;

  /* Owned references */
  EnsShareEditor      *editor;
  EnsPacedListModel   *rows;            /* the share list's model, paced */
  GBindingGroup       *editor_bindings;
  GBindingGroup       *list_bindings;
  GSignalGroup        *list_signals;
};

G_DEFINE_FINAL_TYPE (EnsSharedSection, ens_shared_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  EnsSharedSection *self = user_data;

  return ens_shared_row_new (ENS_SHARED_ACCOUNT (item),
                             self->editor != NULL ? ens_share_editor_get_session (self->editor) : NULL);
}

/* Which page shows: the list's state, but "Loading…" while the rows of
 * the list before are still going. */
static void
ens_shared_section_update_page (EnsSharedSection *self)
{
  EnsShareList *list = self->editor != NULL ? ens_share_editor_get_share_list (self->editor) : NULL;
  gboolean stale = self->rows != NULL && ens_paced_list_model_get_n_stale (self->rows) > 0;
  const char *page = "hint";

  if (list != NULL)
    switch (ens_share_list_get_state (list))
      {
      case ENS_SHARE_LIST_LOADING:
        page = "loading";
        break;

      case ENS_SHARE_LIST_LIST:
        page = stale ? "loading" : "list";
        break;

      case ENS_SHARE_LIST_EMPTY:
        page = stale ? "loading" : "empty";
        break;

      case ENS_SHARE_LIST_ERROR:
        page = "error";
        break;

      case ENS_SHARE_LIST_HINT:
      default:
        break;
      }

  /* A spinner left spinning on a hidden page still costs frames. */
  gtk_spinner_set_spinning (self->shared_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->shared_stack, page);
  gtk_widget_set_visible (self->shared_buttons, g_str_equal (page, "list"));
  /* Pages that did not add up: the list may be incomplete, and says so. */
  gtk_widget_set_visible (GTK_WIDGET (self->shared_incomplete_label),
                          g_str_equal (page, "list") && !ens_share_list_get_complete (list));
}

/* While a change runs, what it is about must stay put.  Not
 * gtk_widget_set_sensitive() on the list: that restyles all its rows and
 * gives each of their labels and check buttons an opacity filter of its
 * own; drawing those held up the first frame of a change by 150 ms or
 * more on software GL.  No pointer and no keyboard reach the list. */
static void
ens_shared_section_update_busy (EnsSharedSection *self)
{
  gboolean busy = self->editor != NULL && ens_share_editor_get_busy (self->editor);

  gtk_widget_set_can_target (GTK_WIDGET (self->shared_list), !busy);
  gtk_widget_set_can_focus (GTK_WIDGET (self->shared_list), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->shared_list),
                               GTK_ACCESSIBLE_STATE_DISABLED, busy,
                               -1);
}

static void
ens_shared_section_dispose (GObject *object)
{
  EnsSharedSection *self = (EnsSharedSection *)object;

  if (self->shared_list != NULL)
    gtk_list_box_bind_model (self->shared_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->rows);
  g_clear_object (&self->editor_bindings);
  g_clear_object (&self->list_bindings);
  g_clear_object (&self->list_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_SHARED_SECTION);

  g_clear_object (&self->editor);

  G_OBJECT_CLASS (ens_shared_section_parent_class)->dispose (object);
}

static void
ens_shared_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EnsSharedSection *self = ENS_SHARED_SECTION (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_shared_section_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EnsSharedSection *self = ENS_SHARED_SECTION (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      ens_shared_section_set_editor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_shared_section_class_init (EnsSharedSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_shared_section_dispose;
  object_class->get_property = ens_shared_section_get_property;
  object_class->set_property = ens_shared_section_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         ENS_TYPE_SHARE_EDITOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/sharing/ens-shared-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, shared_stack);
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, shared_spinner);
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, shared_error_label);
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, shared_incomplete_label);
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, shared_list);
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, shared_buttons);
  gtk_widget_class_bind_template_child (widget_class, EnsSharedSection, select_all_button);
}

static void
ens_shared_section_init (EnsSharedSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editor_bindings = g_binding_group_new ();
  g_binding_group_bind (self->editor_bindings, "select-all-label",
                        self->select_all_button, "label", G_BINDING_SYNC_CREATE);

  self->list_bindings = g_binding_group_new ();
  g_binding_group_bind (self->list_bindings, "error-text",
                        self->shared_error_label, "label", G_BINDING_SYNC_CREATE);

  self->list_signals = g_signal_group_new (ENS_TYPE_SHARE_LIST);
  g_signal_group_connect_object (self->list_signals, "notify::state",
                                 G_CALLBACK (ens_shared_section_update_page), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->list_signals, "notify::complete",
                                 G_CALLBACK (ens_shared_section_update_page), self,
                                 G_CONNECT_SWAPPED);

  ens_shared_section_update_page (self);
}

EnsShareEditor *
ens_shared_section_get_editor (EnsSharedSection *self)
{
  g_return_val_if_fail (ENS_IS_SHARED_SECTION (self), NULL);

  return self->editor;
}

void
ens_shared_section_set_editor (EnsSharedSection *self,
                               EnsShareEditor   *editor)
{
  EnsShareList *list;

  g_return_if_fail (ENS_IS_SHARED_SECTION (self));
  g_return_if_fail (!editor || ENS_IS_SHARE_EDITOR (editor));

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  if (!g_set_object (&self->editor, editor))
    return;

  list = editor != NULL ? ens_share_editor_get_share_list (editor) : NULL;
  g_binding_group_set_source (self->editor_bindings, editor);
  g_binding_group_set_source (self->list_bindings, list);
  g_signal_group_set_target (self->list_signals, list);

  g_clear_object (&self->rows);
  if (list != NULL)
    {
      self->rows = ens_paced_list_model_new (ens_share_list_get_model (list),
                                             GTK_WIDGET (self->shared_list));
      g_signal_connect_object (self->rows, "notify::n-stale",
                               G_CALLBACK (ens_shared_section_update_page), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->shared_list, G_LIST_MODEL (self->rows),
                               create_row_cb, self, NULL);
    }
  else
    {
      gtk_list_box_bind_model (self->shared_list, NULL, NULL, NULL, NULL);
    }

  if (editor != NULL)
    g_signal_connect_object (editor, "notify::busy",
                             G_CALLBACK (ens_shared_section_update_busy), self,
                             G_CONNECT_SWAPPED);

  ens_shared_section_update_page (self);
  ens_shared_section_update_busy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}
