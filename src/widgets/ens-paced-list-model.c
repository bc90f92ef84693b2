/* ens-paced-list-model.c
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

#include "ens-paced-list-model.h"

/* Each slice gets this much time, and the next slice grows or shrinks
 * depending on whether the previous one (up to the end of its frame's
 * layout) took longer than a frame. */
#define SLICE_BUDGET_US  3000
#define SLICE_FRAME_US   8000
#define SLICE_MAX_ROWS   64
#define SLICE_MAX_FRAMES 60
#define SLICE_FIRST_ROWS 4

struct _EnsPacedListModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkWidget  *widget;          /* weak: the frames that pace the slices */
  GPtrArray  *items;           /* what is shown: stale ones, then the model's */

  guint       n_stale;         /* items[0 .. n_stale) are no longer in the model */
  guint       n_made;          /* model items shown after them */
  guint       tick_id;
  guint       slice_rows;
  gulong      layout_id;
  GdkFrameClock *clock;        /* of layout_id */
  gint64      slice_start;
  gint64      slice_end;
  gboolean    settled;
};

static void ens_paced_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsPacedListModel, ens_paced_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ens_paced_list_model_iface_init))

enum {
  PROP_0,
  PROP_N_STALE,
  PROP_SETTLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GListModel {{{ */

static GType
ens_paced_list_model_get_item_type (GListModel *list)
{
  EnsPacedListModel *self = ENS_PACED_LIST_MODEL (list);

  return g_list_model_get_item_type (self->model);
}

static guint
ens_paced_list_model_get_n_items (GListModel *list)
{
  return ENS_PACED_LIST_MODEL (list)->items->len;
}

static gpointer
ens_paced_list_model_get_item (GListModel *list,
                               guint       position)
{
  EnsPacedListModel *self = ENS_PACED_LIST_MODEL (list);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
ens_paced_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ens_paced_list_model_get_item_type;
  iface->get_n_items = ens_paced_list_model_get_n_items;
  iface->get_item = ens_paced_list_model_get_item;
}

/* }}} */

/* Slices {{{ */

static void
ens_paced_list_model_update_settled (EnsPacedListModel *self)
{
  gboolean settled = self->n_stale == 0 && self->n_made == g_list_model_get_n_items (self->model);

  if (settled != self->settled)
    {
      self->settled = settled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTLED]);
    }
}

static void
layout_cb (EnsPacedListModel *self,
           GdkFrameClock     *clock)
{
  self->slice_end = g_get_monotonic_time ();
}

static void
ens_paced_list_model_stop (EnsPacedListModel *self)
{
  if (self->clock != NULL)
    g_clear_signal_handler (&self->layout_id, self->clock);
  g_clear_object (&self->clock);
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

/* How many rows this frame's slice may make or destroy, from what the
 * previous slice cost up to the end of its frame's layout: halved when it
 * ran over, else grown.  Drawing is not counted: it costs the same with
 * any number of rows out of sight, and a software renderer would
 * otherwise hold the list to a row a frame. */
static guint
ens_paced_list_model_slice_rows (EnsPacedListModel *self,
                                 GdkFrameClock     *clock)
{
  guint n_items = g_list_model_get_n_items (self->model);
  guint least = (self->n_stale + MAX (n_items, self->n_made)) / SLICE_MAX_FRAMES;

  if (self->layout_id == 0)
    {
      g_set_object (&self->clock, clock);
      self->layout_id = g_signal_connect_object (clock, "layout",
                                                 G_CALLBACK (layout_cb), self,
                                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  else if (self->slice_end > self->slice_start)
    {
      if (self->slice_end - self->slice_start > SLICE_FRAME_US)
        self->slice_rows = MAX (1, self->slice_rows / 2);
      else
        self->slice_rows = MIN (SLICE_MAX_ROWS, self->slice_rows + 1 + self->slice_rows / 4);
    }

  self->slice_rows = CLAMP (self->slice_rows, MAX (least, 1), SLICE_MAX_ROWS);
  self->slice_start = g_get_monotonic_time ();
  self->slice_end = 0;

  return self->slice_rows;
}

/* Runs once per frame, before the layout: a slice of work, then the
 * frame.  An idle would starve behind a spinner's frames. */
static gboolean
slice_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  EnsPacedListModel *self = user_data;
  gint64 deadline = g_get_monotonic_time () + SLICE_BUDGET_US;
  guint rows = ens_paced_list_model_slice_rows (self, clock);
  guint n_items = g_list_model_get_n_items (self->model);
  gboolean done = FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  /* First the stale items go; whoever shows the list hides them. */
  while (self->n_stale > 0)
    {
      g_ptr_array_remove_index (self->items, 0);
      self->n_stale--;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, 0);
      if (self->n_stale == 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STALE]);

      if (--rows == 0 || g_get_monotonic_time () >= deadline)
        goto out;
    }

  /* Then the model's items come, the list showing as soon as it has some. */
  while (self->n_made < n_items)
    {
      g_ptr_array_add (self->items, g_list_model_get_item (self->model, self->n_made));
      self->n_made++;
      g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);

      if (--rows == 0 || g_get_monotonic_time () >= deadline)
        goto out;
    }

  done = TRUE;

out:
  ens_paced_list_model_update_settled (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (!done)
    return G_SOURCE_CONTINUE;

  if (self->clock != NULL)
    g_clear_signal_handler (&self->layout_id, self->clock);
  g_clear_object (&self->clock);
  self->tick_id = 0;

  return G_SOURCE_REMOVE;
}

static void
ens_paced_list_model_start (EnsPacedListModel *self)
{
  if (self->tick_id == 0 && self->widget != NULL)
    self->tick_id = gtk_widget_add_tick_callback (self->widget, slice_cb, self, NULL);
}

static void
model_items_changed_cb (EnsPacedListModel *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        GListModel        *model)
{
  guint n_stale = self->items->len;

  if (n_stale != self->n_stale)
    {
      self->n_stale = n_stale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STALE]);
    }
  self->n_made = 0;

  ens_paced_list_model_update_settled (self);
  if (!self->settled)
    ens_paced_list_model_start (self);
}

/* A widget off the screen has no frames: the slices pause, and go on
 * when it comes back. */
static void
widget_unrealize_cb (EnsPacedListModel *self)
{
  ens_paced_list_model_stop (self);
}

static void
widget_realize_cb (EnsPacedListModel *self)
{
  if (!self->settled)
    ens_paced_list_model_start (self);
}

/* }}} */

/* GObject {{{ */

static void
ens_paced_list_model_dispose (GObject *object)
{
  EnsPacedListModel *self = (EnsPacedListModel *)object;

  ens_paced_list_model_stop (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_weak_pointer (&self->widget);

  G_OBJECT_CLASS (ens_paced_list_model_parent_class)->dispose (object);
}

static void
ens_paced_list_model_finalize (GObject *object)
{
  EnsPacedListModel *self = (EnsPacedListModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ens_paced_list_model_parent_class)->finalize (object);
}

static void
ens_paced_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EnsPacedListModel *self = ENS_PACED_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_STALE:
      g_value_set_uint (value, self->n_stale);
      break;

    case PROP_SETTLED:
      g_value_set_boolean (value, self->settled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_paced_list_model_class_init (EnsPacedListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_paced_list_model_dispose;
  object_class->finalize = ens_paced_list_model_finalize;
  object_class->get_property = ens_paced_list_model_get_property;

  properties[PROP_N_STALE] =
    g_param_spec_uint ("n-stale", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTLED] =
    g_param_spec_boolean ("settled", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_paced_list_model_init (EnsPacedListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->slice_rows = SLICE_FIRST_ROWS;
  self->settled = TRUE;
}

/* }}} */

/**
 * ens_paced_list_model_new:
 * @model: the model to follow
 * @widget: the widget whose frames pace it (the list box bound to it)
 *
 * Returns: (transfer full): a new model, empty until the first frame
 */
EnsPacedListModel *
ens_paced_list_model_new (GListModel *model,
                          GtkWidget  *widget)
{
  EnsPacedListModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (ENS_TYPE_PACED_LIST_MODEL, NULL);
  self->model = g_object_ref (model);
  g_set_weak_pointer (&self->widget, widget);

  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (widget, "realize",
                           G_CALLBACK (widget_realize_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (widget, "unrealize",
                           G_CALLBACK (widget_unrealize_cb), self,
                           G_CONNECT_SWAPPED);

  self->settled = g_list_model_get_n_items (model) == 0;
  if (!self->settled)
    ens_paced_list_model_start (self);

  return self;
}

guint
ens_paced_list_model_get_n_stale (EnsPacedListModel *self)
{
  g_return_val_if_fail (ENS_IS_PACED_LIST_MODEL (self), 0);

  return self->n_stale;
}

gboolean
ens_paced_list_model_get_settled (EnsPacedListModel *self)
{
  g_return_val_if_fail (ENS_IS_PACED_LIST_MODEL (self), FALSE);

  return self->settled;
}
