/* ens-pending-section.c
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

#include "ens-account-completer.h"
#include "ens-pending-row.h"
#include "ens-pending-section.h"

struct _EnsPendingSection
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwEntryRow         *accounts_row;
  GtkListBox          *pending_list;
  GtkListBox          *suggestions_list;
  GtkLabel            *pending_summary;

  /* Owned references */
  EnsShareEditor      *editor;
  GBindingGroup       *editor_bindings;
  GBindingGroup       *pending_bindings;
  GSignalGroup        *pending_signals;
  EnsAccountCompleter *completer;        /* names as they are typed */
};

G_DEFINE_FINAL_TYPE (EnsPendingSection, ens_pending_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_remove_cb (EnsPendingSection *self,
               EnsPendingRow     *row)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  EnsPendingList *pending = ens_share_editor_get_pending (self->editor);
  GtkListBoxRow *next;

  ens_pending_list_remove (pending, ens_pending_row_get_item (row));

  /* Keep the keyboard focus in the list: on the next row, or the entry. */
  next = gtk_list_box_get_row_at_index (self->pending_list, index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->pending_list, index - 1);

  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->accounts_row));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  EnsPendingSection *self = user_data;
  GtkWidget *row = ens_pending_row_new (ENS_PENDING_ACCOUNT (item),
                                        ens_share_editor_get_session (self->editor));

  g_signal_connect_object (row, "remove",
                           G_CALLBACK (row_remove_cb), self,
                           G_CONNECT_SWAPPED);

  return row;
}

/* The summary and the Share button end the page: once accounts have been
 * added, scroll towards the end so that they show, after the new rows
 * have been given their size, but never so far that the entry being
 * typed in leaves the top. */
static gboolean
reveal_share_tick_cb (GtkWidget     *scroller,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  guint *frames = user_data;
  GtkWidget *entry;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;
  double target;

  /* The first tick comes before the layout of the rows just added. */
  if ((*frames)++ == 0)
    return G_SOURCE_CONTINUE;

  entry = g_object_get_data (G_OBJECT (scroller), "ens-reveal-entry");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adjustment);
  target = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (entry != NULL && gtk_widget_compute_bounds (entry, scroller, &bounds))
    target = MIN (target, value + bounds.origin.y - 12);

  if (target > value)
    gtk_adjustment_set_value (adjustment, target);

  return G_SOURCE_REMOVE;
}

static void
pending_items_changed_cb (EnsPendingSection *self,
                          guint              position,
                          guint              removed,
                          guint              added,
                          GListModel        *pending)
{
  GtkWidget *scroller;

  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), g_list_model_get_n_items (pending) > 0);

  if (added == 0)
    return;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return;

  g_object_set_data (G_OBJECT (scroller), "ens-reveal-entry", self->accounts_row);
  gtk_widget_add_tick_callback (scroller, reveal_share_tick_cb, g_new0 (guint, 1), g_free);
}

static void
accounts_row_activated_cb (EnsPendingSection *self)
{
  if (self->completer != NULL)
    ens_account_completer_hide (self->completer);
  if (self->editor != NULL && ens_share_editor_get_can_add (self->editor))
    ens_share_editor_add_draft (self->editor);
}

static void
ens_pending_section_dispose (GObject *object)
{
  EnsPendingSection *self = (EnsPendingSection *)object;

  if (self->pending_list != NULL)
    gtk_list_box_bind_model (self->pending_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->editor_bindings);
  g_clear_object (&self->pending_bindings);
  g_clear_object (&self->pending_signals);
  g_clear_object (&self->completer);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_PENDING_SECTION);

  g_clear_object (&self->editor);

  G_OBJECT_CLASS (ens_pending_section_parent_class)->dispose (object);
}

static void
ens_pending_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EnsPendingSection *self = ENS_PENDING_SECTION (object);

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
ens_pending_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EnsPendingSection *self = ENS_PENDING_SECTION (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      ens_pending_section_set_editor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_pending_section_class_init (EnsPendingSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_pending_section_dispose;
  object_class->get_property = ens_pending_section_get_property;
  object_class->set_property = ens_pending_section_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         ENS_TYPE_SHARE_EDITOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/accounts/ens-pending-section.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsPendingSection, accounts_row);
  gtk_widget_class_bind_template_child (widget_class, EnsPendingSection, pending_list);
  gtk_widget_class_bind_template_child (widget_class, EnsPendingSection, pending_summary);
  gtk_widget_class_bind_template_child (widget_class, EnsPendingSection, suggestions_list);
  gtk_widget_class_bind_template_callback (widget_class, accounts_row_activated_cb);
}

static void
ens_pending_section_init (EnsPendingSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editor_bindings = g_binding_group_new ();
  g_binding_group_bind (self->editor_bindings, "draft",
                        self->accounts_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->editor_bindings, "busy",
                        self->pending_list, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  self->pending_bindings = g_binding_group_new ();
  g_binding_group_bind (self->pending_bindings, "summary",
                        self->pending_summary, "label", G_BINDING_SYNC_CREATE);

  self->pending_signals = g_signal_group_new (ENS_TYPE_PENDING_LIST);
  g_signal_group_connect_object (self->pending_signals, "items-changed",
                                 G_CALLBACK (pending_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);
}

EnsShareEditor *
ens_pending_section_get_editor (EnsPendingSection *self)
{
  g_return_val_if_fail (ENS_IS_PENDING_SECTION (self), NULL);

  return self->editor;
}

void
ens_pending_section_set_editor (EnsPendingSection *self,
                                EnsShareEditor    *editor)
{
  EnsPendingList *pending;

  g_return_if_fail (ENS_IS_PENDING_SECTION (self));
  g_return_if_fail (!editor || ENS_IS_SHARE_EDITOR (editor));

  if (!g_set_object (&self->editor, editor))
    return;

  pending = editor != NULL ? ens_share_editor_get_pending (editor) : NULL;
  g_binding_group_set_source (self->editor_bindings, editor);
  g_binding_group_set_source (self->pending_bindings, pending);
  g_signal_group_set_target (self->pending_signals, pending);

  g_clear_object (&self->completer);
  if (editor != NULL)
    self->completer = ens_account_completer_new (GTK_EDITABLE (self->accounts_row), self->suggestions_list,
                                                 ens_share_editor_get_session (editor));

  if (pending != NULL)
    gtk_list_box_bind_model (self->pending_list, G_LIST_MODEL (pending), create_row_cb, self, NULL);
  else
    gtk_list_box_bind_model (self->pending_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list),
                          pending != NULL && g_list_model_get_n_items (G_LIST_MODEL (pending)) > 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

/* After Add: the entry is where the next accounts are typed. */
void
ens_pending_section_focus_entry (EnsPendingSection *self)
{
  g_return_if_fail (ENS_IS_PENDING_SECTION (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->accounts_row));
}
