/* ens-sharing-page.c
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

#include "ens-pending-section.h"
#include "ens-sharing-page.h"
#include "ens-shared-section.h"

struct _EnsSharingPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  AdwEntryRow       *image_row;
  GtkLabel          *image_error_label;
  EnsSharedSection  *shared_section;
  EnsPendingSection *pending_section;

  /* Owned references */
  EnsShareEditor    *editor;
  GBindingGroup     *editor_bindings;
};

G_DEFINE_FINAL_TYPE (EnsSharingPage, ens_sharing_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The image row says what is wrong with what was typed, to the eye and to
 * screen readers. */
static void
ens_sharing_page_update_image_error (EnsSharingPage *self)
{
  const char *message = self->editor != NULL ? ens_share_editor_get_image_error (self->editor) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), message != NULL);
  gtk_label_set_label (self->image_error_label, message != NULL ? message : "");

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->image_row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->image_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->image_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->image_row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->image_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->image_row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Enter loads the list now, without waiting for more typing. */
static void
image_row_activated_cb (EnsSharingPage *self)
{
  if (self->editor != NULL && ens_share_editor_get_can_refresh (self->editor))
    ens_share_editor_refresh (self->editor);
}

static void
ens_sharing_page_dispose (GObject *object)
{
  EnsSharingPage *self = (EnsSharingPage *)object;

  g_clear_object (&self->editor_bindings);

  /* AdwBin takes its child (the template) down itself. */
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (ens_sharing_page_parent_class)->dispose (object);
}

static void
ens_sharing_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EnsSharingPage *self = ENS_SHARING_PAGE (object);

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
ens_sharing_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EnsSharingPage *self = ENS_SHARING_PAGE (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      ens_sharing_page_set_editor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_sharing_page_class_init (EnsSharingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_sharing_page_dispose;
  object_class->get_property = ens_sharing_page_get_property;
  object_class->set_property = ens_sharing_page_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         ENS_TYPE_SHARE_EDITOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ENS_TYPE_SHARED_SECTION);
  g_type_ensure (ENS_TYPE_PENDING_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/sharing/ens-sharing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsSharingPage, image_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSharingPage, image_error_label);
  gtk_widget_class_bind_template_child (widget_class, EnsSharingPage, shared_section);
  gtk_widget_class_bind_template_child (widget_class, EnsSharingPage, pending_section);
  gtk_widget_class_bind_template_callback (widget_class, image_row_activated_cb);
}

static void
ens_sharing_page_init (EnsSharingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editor_bindings = g_binding_group_new ();
  g_binding_group_bind (self->editor_bindings, "image-text",
                        self->image_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  /* While a change runs, what it is about must stay put. */
  g_binding_group_bind (self->editor_bindings, "busy",
                        self->image_row, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

EnsShareEditor *
ens_sharing_page_get_editor (EnsSharingPage *self)
{
  g_return_val_if_fail (ENS_IS_SHARING_PAGE (self), NULL);

  return self->editor;
}

void
ens_sharing_page_set_editor (EnsSharingPage   *self,
                           EnsShareEditor *editor)
{
  g_return_if_fail (ENS_IS_SHARING_PAGE (self));
  g_return_if_fail (!editor || ENS_IS_SHARE_EDITOR (editor));

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  if (!g_set_object (&self->editor, editor))
    return;

  g_binding_group_set_source (self->editor_bindings, editor);
  ens_shared_section_set_editor (self->shared_section, editor);
  ens_pending_section_set_editor (self->pending_section, editor);

  if (editor != NULL)
    g_signal_connect_object (editor, "notify::image-error",
                             G_CALLBACK (ens_sharing_page_update_image_error), self,
                             G_CONNECT_SWAPPED);
  ens_sharing_page_update_image_error (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

void
ens_sharing_page_focus_accounts (EnsSharingPage *self)
{
  g_return_if_fail (ENS_IS_SHARING_PAGE (self));

  ens_pending_section_focus_entry (self->pending_section);
}
