/* ens-preferences-window.c
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

#include <string.h>

#include <glib/gi18n.h>

#include "ens-core.h"
#include "ens-preferences-window.h"

/* Positions in the endpoint combo row. */
enum {
  ENDPOINT_CHINA,
  ENDPOINT_SINGAPORE,
  ENDPOINT_CUSTOM,
};

struct _EnsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *endpoint_row;
  AdwEntryRow          *custom_row;
  GtkLabel             *custom_message_label;
  AdwComboRow          *signature_row;
  GtkSpinButton        *connect_timeout_spin;
  GtkSpinButton        *timeout_spin;
  GtkSpinButton        *concurrency_spin;
  GtkSwitch            *adapt_switch;
  GtkSpinButton        *batch_size_spin;

  /* Owned references */
  GSettings            *settings;

  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (EnsPreferencesWindow, ens_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
endpoint_equal (const char *a,
                const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);

  /* "https://ens.aliyuncs.com/" is the same endpoint as without the slash. */
  if (len_a > 0 && a[len_a - 1] == '/')
    len_a--;
  if (len_b > 0 && b[len_b - 1] == '/')
    len_b--;

  return len_a == len_b && g_ascii_strncasecmp (a, b, len_a) == 0;
}

static void
show_custom_message (EnsPreferencesWindow *self,
                     const char           *message,
                     gboolean              is_error)
{
  gtk_label_set_text (self->custom_message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->custom_message_label),
                          message != NULL &&
                          gtk_widget_get_visible (GTK_WIDGET (self->custom_row)));

  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->custom_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->custom_message_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->custom_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->custom_message_label), "error");
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->custom_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               is_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
sync_endpoint (EnsPreferencesWindow *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "endpoint");
  guint position;

  self->syncing = TRUE;

  if (endpoint_equal (endpoint, ENS_DEFAULT_ENDPOINT))
    position = ENDPOINT_CHINA;
  else if (endpoint_equal (endpoint, ENS_SINGAPORE_ENDPOINT))
    position = ENDPOINT_SINGAPORE;
  else
    position = ENDPOINT_CUSTOM;

  adw_combo_row_set_selected (self->endpoint_row, position);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), position == ENDPOINT_CUSTOM);

  if (position == ENDPOINT_CUSTOM &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->custom_row)), endpoint) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->custom_row), endpoint);

  if (position != ENDPOINT_CUSTOM)
    show_custom_message (self, NULL, FALSE);

  self->syncing = FALSE;
}

static void
endpoint_changed_cb (EnsPreferencesWindow *self)
{
  sync_endpoint (self);
}

static void
endpoint_selected_cb (EnsPreferencesWindow *self)
{
  guint position;

  if (self->syncing)
    return;

  position = adw_combo_row_get_selected (self->endpoint_row);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), position == ENDPOINT_CUSTOM);

  switch (position)
    {
    case ENDPOINT_CHINA:
      show_custom_message (self, NULL, FALSE);
      g_settings_set_string (self->settings, "endpoint", ENS_DEFAULT_ENDPOINT);
      break;

    case ENDPOINT_SINGAPORE:
      show_custom_message (self, NULL, FALSE);
      g_settings_set_string (self->settings, "endpoint", ENS_SINGAPORE_ENDPOINT);
      break;

    case ENDPOINT_CUSTOM:
    default:
      /* Nothing is written until a valid URL is applied. */
      show_custom_message (self, _("Enter the URL, then press Enter to use it."), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->custom_row));
      break;
    }
}

/* The reason an endpoint is refused, in plain words. */
static void
show_endpoint_error (EnsPreferencesWindow *self,
                     const GError         *error)
{
  g_autofree char *explanation = NULL;

  ens_error_describe (error, NULL, &explanation, NULL);
  show_custom_message (self, explanation ? explanation : error->message, TRUE);
}

static void
custom_changed_cb (EnsPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_row))));

  if (text[0] == '\0')
    show_custom_message (self, NULL, FALSE);
  else if (!ens_client_check_endpoint (text, &error))
    show_endpoint_error (self, error);
  else
    show_custom_message (self, NULL, FALSE);
}

static void
custom_apply_cb (EnsPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_row))));

  if (!ens_client_check_endpoint (text, &error))
    {
      show_endpoint_error (self, error);
      return;
    }

  show_custom_message (self, _("Saved."), FALSE);
  g_settings_set_string (self->settings, "endpoint", text);
}

static gboolean
signature_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "v1") ? 1 : 0);

  return TRUE;
}

static GVariant *
signature_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "v1" : "v3");
}

/* Gives @spin the range of @key in the schema, then binds it. */
static void
bind_spin (EnsPreferencesWindow *self,
           GtkSpinButton        *spin,
           const char           *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *kind;
  guint32 min = 0;
  guint32 max = G_MAXINT32;
  GtkAdjustment *adjustment;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (g_str_equal (kind, "range"))
    g_variant_get (limits, "(uu)", &min, &max);

  adjustment = gtk_adjustment_new (min, min, max, 1, 10, 0);
  gtk_spin_button_set_adjustment (spin, adjustment);
  g_settings_bind (self->settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
ens_preferences_window_constructed (GObject *object)
{
  EnsPreferencesWindow *self = ENS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ens_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  sync_endpoint (self);
  g_signal_connect_object (self->settings, "changed::endpoint",
                           G_CALLBACK (endpoint_changed_cb), self, G_CONNECT_SWAPPED);

  g_settings_bind_with_mapping (self->settings, "signature-version",
                                self->signature_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                signature_get_mapping, signature_set_mapping,
                                NULL, NULL);

  bind_spin (self, self->connect_timeout_spin, "connect-timeout");
  bind_spin (self, self->timeout_spin, "timeout");
  bind_spin (self, self->concurrency_spin, "concurrency");
  g_settings_bind (self->settings, "adapt-concurrency",
                   self->adapt_switch, "active", G_SETTINGS_BIND_DEFAULT);
  bind_spin (self, self->batch_size_spin, "batch-size");
}

static void
ens_preferences_window_dispose (GObject *object)
{
  EnsPreferencesWindow *self = ENS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ens_preferences_window_parent_class)->dispose (object);
}

static void
ens_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EnsPreferencesWindow *self = ENS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  EnsPreferencesWindow *self = ENS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_preferences_window_class_init (EnsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ens_preferences_window_constructed;
  object_class->dispose = ens_preferences_window_dispose;
  object_class->get_property = ens_preferences_window_get_property;
  object_class->set_property = ens_preferences_window_set_property;

  /**
   * EnsPreferencesWindow:settings:
   *
   * The app's settings; every control writes to them directly.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/preferences/ens-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, custom_row);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, custom_message_label);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, signature_row);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, connect_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, adapt_switch);
  gtk_widget_class_bind_template_child (widget_class, EnsPreferencesWindow, batch_size_spin);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_apply_cb);
}

static void
ens_preferences_window_init (EnsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ens_preferences_window_new:
 * @parent: (nullable): the main window
 * @settings: the app's settings
 *
 * Returns: (transfer none): a new preferences window, not yet shown
 */
GtkWindow *
ens_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ENS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
