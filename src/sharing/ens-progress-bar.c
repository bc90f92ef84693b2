/* ens-progress-bar.c
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

#include "ens-progress-bar.h"

struct _EnsProgressBar
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkRevealer     *progress_bar_box;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *rate_label;

  /* Owned references */
  EnsChangeRunner *runner;
  GBindingGroup   *bindings;
  GBindingGroup   *plan_bindings;   /* the runner's running plan */
};

G_DEFINE_FINAL_TYPE (EnsProgressBar, ens_progress_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUNNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ens_progress_bar_dispose (GObject *object)
{
  EnsProgressBar *self = (EnsProgressBar *)object;

  g_clear_object (&self->bindings);
  g_clear_object (&self->plan_bindings);

  /* AdwBin takes its child (the template) down itself. */
  g_clear_object (&self->runner);

  G_OBJECT_CLASS (ens_progress_bar_parent_class)->dispose (object);
}

static void
ens_progress_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EnsProgressBar *self = ENS_PROGRESS_BAR (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      g_value_set_object (value, self->runner);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_progress_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EnsProgressBar *self = ENS_PROGRESS_BAR (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      ens_progress_bar_set_runner (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_progress_bar_class_init (EnsProgressBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_progress_bar_dispose;
  object_class->get_property = ens_progress_bar_get_property;
  object_class->set_property = ens_progress_bar_set_property;

  properties[PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL,
                         ENS_TYPE_CHANGE_RUNNER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/sharing/ens-progress-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsProgressBar, progress_bar_box);
  gtk_widget_class_bind_template_child (widget_class, EnsProgressBar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EnsProgressBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EnsProgressBar, rate_label);
}

/* The rate of a long change: "about 18 per second", rounded; nothing
 * until the plan knows it (after its first second). */
static gboolean
rate_to_label (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  guint rate = (guint)(g_value_get_double (from) + 0.5);

  if (rate == 0)
    g_value_set_string (to, "");
  else
    /* Translators: how fast changes go, e.g. "about 18 per second" */
    g_value_take_string (to, g_strdup_printf (ngettext ("about %u per second",
                                                        "about %u per second", rate),
                                              rate));

  return TRUE;
}

static gboolean
rate_to_visible (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_double (from) >= 0.5);

  return TRUE;
}

static void
ens_progress_bar_init (EnsProgressBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "running",
                        self->progress_bar_box, "reveal-child", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "title",
                        self->progress_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "progress-text",
                        self->progress_bar, "text", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "fraction",
                        self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);

  /* The rate comes from the plan the runner runs, which changes with
   * every change: a second group follows it. */
  self->plan_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->plan_bindings, "rate",
                             self->rate_label, "label", G_BINDING_SYNC_CREATE,
                             rate_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->plan_bindings, "rate",
                             self->rate_label, "visible", G_BINDING_SYNC_CREATE,
                             rate_to_visible, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "plan",
                        self->plan_bindings, "source", G_BINDING_SYNC_CREATE);
}

EnsChangeRunner *
ens_progress_bar_get_runner (EnsProgressBar *self)
{
  g_return_val_if_fail (ENS_IS_PROGRESS_BAR (self), NULL);

  return self->runner;
}

void
ens_progress_bar_set_runner (EnsProgressBar  *self,
                             EnsChangeRunner *runner)
{
  g_return_if_fail (ENS_IS_PROGRESS_BAR (self));
  g_return_if_fail (!runner || ENS_IS_CHANGE_RUNNER (runner));

  if (!g_set_object (&self->runner, runner))
    return;

  g_binding_group_set_source (self->bindings, runner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNER]);
}
