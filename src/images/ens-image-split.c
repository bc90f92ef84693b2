/* ens-image-split.c
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

#include "ens-image-split.h"

/* Below this width the 1.4 split view shows one pane at a time (the 1.2
 * leaflet folds by itself when both panes no longer fit). */
#define FOLD_WIDTH 640

struct _EnsImageSplit
{
  GtkWidget   parent_instance;

  /* Owned references */
  GtkWidget  *view;        /* AdwNavigationSplitView or AdwLeaflet */

  /* Borrowed references */
  GtkWidget  *sidebar;
  GtkWidget  *content;
};

static void buildable_iface_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsImageSplit, ens_image_split, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_iface_init))

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_SHOW_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
view_notify_cb (EnsImageSplit *self,
                GParamSpec    *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CONTENT]);
}

#if ADW_CHECK_VERSION (1, 4, 0)

static GtkWidget *
wrap_page (GtkWidget  *child,
           const char *title)
{
  AdwNavigationPage *page = adw_navigation_page_new (child, title != NULL ? title : "");

  return GTK_WIDGET (page);
}

void
ens_image_split_set_sidebar (EnsImageSplit *self,
                             GtkWidget     *sidebar,
                             const char    *title)
{
  g_return_if_fail (ENS_IS_IMAGE_SPLIT (self));
  g_return_if_fail (GTK_IS_WIDGET (sidebar));

  self->sidebar = sidebar;
  adw_navigation_split_view_set_sidebar (ADW_NAVIGATION_SPLIT_VIEW (self->view),
                                         ADW_NAVIGATION_PAGE (wrap_page (sidebar, title)));
}

void
ens_image_split_set_content (EnsImageSplit *self,
                             GtkWidget     *content,
                             const char    *title)
{
  g_return_if_fail (ENS_IS_IMAGE_SPLIT (self));
  g_return_if_fail (GTK_IS_WIDGET (content));

  self->content = content;
  adw_navigation_split_view_set_content (ADW_NAVIGATION_SPLIT_VIEW (self->view),
                                         ADW_NAVIGATION_PAGE (wrap_page (content, title)));
}

gboolean
ens_image_split_get_folded (EnsImageSplit *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_SPLIT (self), FALSE);

  return adw_navigation_split_view_get_collapsed (ADW_NAVIGATION_SPLIT_VIEW (self->view));
}

gboolean
ens_image_split_get_show_content (EnsImageSplit *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_SPLIT (self), FALSE);

  return adw_navigation_split_view_get_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->view));
}

void
ens_image_split_set_show_content (EnsImageSplit *self,
                                  gboolean       show_content)
{
  g_return_if_fail (ENS_IS_IMAGE_SPLIT (self));

  adw_navigation_split_view_set_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->view), show_content);
}

static GtkWidget *
create_view (EnsImageSplit *self)
{
  GtkWidget *view = adw_navigation_split_view_new ();

  /* About as wide as the 1.2 leaflet lets the image list be (its natural
   * width): half the view up to 400 px, not the default quarter up to
   * 280 px, where the list's minimum of 300 px leaves the names of the
   * images a few letters a line. */
  adw_navigation_split_view_set_sidebar_width_fraction (ADW_NAVIGATION_SPLIT_VIEW (view), 0.5);
  adw_navigation_split_view_set_max_sidebar_width (ADW_NAVIGATION_SPLIT_VIEW (view), 400);
  g_signal_connect_object (view, "notify::collapsed", G_CALLBACK (view_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::show-content", G_CALLBACK (view_notify_cb), self,
                           G_CONNECT_SWAPPED);
  return view;
}

/* The split view collapses by a breakpoint in apps built for 1.4; here
 * the widget follows its own width, which works in any container. */
static void
update_collapsed (EnsImageSplit *self,
                  int            width)
{
  adw_navigation_split_view_set_collapsed (ADW_NAVIGATION_SPLIT_VIEW (self->view),
                                           width < FOLD_WIDTH);
}

#else /* libadwaita 1.2 and 1.3: AdwLeaflet */

void
ens_image_split_set_sidebar (EnsImageSplit *self,
                             GtkWidget     *sidebar,
                             const char    *title)
{
  AdwLeafletPage *page;

  g_return_if_fail (ENS_IS_IMAGE_SPLIT (self));
  g_return_if_fail (GTK_IS_WIDGET (sidebar));

  self->sidebar = sidebar;
  page = adw_leaflet_prepend (ADW_LEAFLET (self->view), sidebar);
  adw_leaflet_page_set_name (page, "sidebar");

  /* The separator between the panes is skipped when going back. */
  if (self->content != NULL)
    {
      GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

      page = adw_leaflet_insert_child_after (ADW_LEAFLET (self->view), separator, sidebar);
      adw_leaflet_page_set_navigatable (page, FALSE);
    }
}

void
ens_image_split_set_content (EnsImageSplit *self,
                             GtkWidget     *content,
                             const char    *title)
{
  AdwLeafletPage *page;

  g_return_if_fail (ENS_IS_IMAGE_SPLIT (self));
  g_return_if_fail (GTK_IS_WIDGET (content));

  if (self->sidebar != NULL)
    {
      GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

      page = adw_leaflet_append (ADW_LEAFLET (self->view), separator);
      adw_leaflet_page_set_navigatable (page, FALSE);
    }

  self->content = content;
  page = adw_leaflet_append (ADW_LEAFLET (self->view), content);
  adw_leaflet_page_set_name (page, "content");
  gtk_widget_set_hexpand (content, TRUE);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->view),
                                 self->sidebar != NULL ? self->sidebar : content);
}

gboolean
ens_image_split_get_folded (EnsImageSplit *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_SPLIT (self), FALSE);

  return adw_leaflet_get_folded (ADW_LEAFLET (self->view));
}

gboolean
ens_image_split_get_show_content (EnsImageSplit *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_SPLIT (self), FALSE);

  return self->content != NULL &&
         adw_leaflet_get_visible_child (ADW_LEAFLET (self->view)) == self->content;
}

void
ens_image_split_set_show_content (EnsImageSplit *self,
                                  gboolean       show_content)
{
  GtkWidget *child;

  g_return_if_fail (ENS_IS_IMAGE_SPLIT (self));

  child = show_content ? self->content : self->sidebar;
  if (child != NULL)
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->view), child);
}

static GtkWidget *
create_view (EnsImageSplit *self)
{
  GtkWidget *view = adw_leaflet_new ();

  adw_leaflet_set_can_navigate_back (ADW_LEAFLET (view), TRUE);
  /* Fold only when the panes no longer fit at their minimum widths. */
  adw_leaflet_set_fold_threshold_policy (ADW_LEAFLET (view), ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
  adw_leaflet_set_transition_type (ADW_LEAFLET (view), ADW_LEAFLET_TRANSITION_TYPE_SLIDE);
  g_signal_connect_object (view, "notify::folded", G_CALLBACK (view_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::visible-child", G_CALLBACK (view_notify_cb), self,
                           G_CONNECT_SWAPPED);
  return view;
}

static void
update_collapsed (EnsImageSplit *self,
                  int            width)
{
}

#endif

/* GtkBuildable {{{ */

static void
ens_image_split_add_child (GtkBuildable *buildable,
                           GtkBuilder   *builder,
                           GObject      *child,
                           const char   *type)
{
  EnsImageSplit *self = ENS_IMAGE_SPLIT (buildable);

  if (g_strcmp0 (type, "sidebar") == 0 && GTK_IS_WIDGET (child))
    ens_image_split_set_sidebar (self, GTK_WIDGET (child), NULL);
  else if (g_strcmp0 (type, "content") == 0 && GTK_IS_WIDGET (child))
    ens_image_split_set_content (self, GTK_WIDGET (child), NULL);
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
buildable_iface_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ens_image_split_add_child;
}

/* }}} */

/* GObject {{{ */

static void
ens_image_split_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  EnsImageSplit *self = ENS_IMAGE_SPLIT (widget);

  update_collapsed (self, width);
  gtk_widget_allocate (self->view, width, height, baseline, NULL);
}

static void
ens_image_split_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  EnsImageSplit *self = ENS_IMAGE_SPLIT (widget);

  gtk_widget_measure (self->view, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
ens_image_split_dispose (GObject *object)
{
  EnsImageSplit *self = ENS_IMAGE_SPLIT (object);

  g_clear_pointer (&self->view, gtk_widget_unparent);
  self->sidebar = NULL;
  self->content = NULL;

  G_OBJECT_CLASS (ens_image_split_parent_class)->dispose (object);
}

static void
ens_image_split_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EnsImageSplit *self = ENS_IMAGE_SPLIT (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, ens_image_split_get_folded (self));
      break;

    case PROP_SHOW_CONTENT:
      g_value_set_boolean (value, ens_image_split_get_show_content (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_split_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EnsImageSplit *self = ENS_IMAGE_SPLIT (object);

  switch (prop_id)
    {
    case PROP_SHOW_CONTENT:
      ens_image_split_set_show_content (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_split_class_init (EnsImageSplitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_image_split_dispose;
  object_class->get_property = ens_image_split_get_property;
  object_class->set_property = ens_image_split_set_property;

  widget_class->measure = ens_image_split_measure;
  widget_class->size_allocate = ens_image_split_size_allocate;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_CONTENT] =
    g_param_spec_boolean ("show-content", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_image_split_init (EnsImageSplit *self)
{
  self->view = create_view (self);
  gtk_widget_set_parent (self->view, GTK_WIDGET (self));
}

/* }}} */
