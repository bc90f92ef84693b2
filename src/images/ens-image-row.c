/* ens-image-row.c
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

#include "ens-image-row.h"

struct _EnsImageRow
{
  AdwActionRow    parent_instance;

  /* Owned references */
  EnsImage       *image;

  /* Child widgets */
  GtkCheckButton *check;
  GtkLabel       *count_label;
};

G_DEFINE_FINAL_TYPE (EnsImageRow, ens_image_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * ens_image_row_format_date:
 * @creation_time: (nullable): a CreationTime as the API sends it
 *
 * Returns: (transfer full): the date in local time ("Dec 8, 2017"), the
 *   text unchanged if it is not an ISO 8601 time, or "" for %NULL
 */
char *
ens_image_row_format_date (const char *creation_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (creation_time == NULL)
    return g_strdup ("");

  tz = g_time_zone_new_utc ();
  utc = g_date_time_new_from_iso8601 (creation_time, tz);
  if (utc == NULL)
    return g_strdup (creation_time);

  local = g_date_time_to_local (utc);

  /* Translators: the creation date of an image; see g_date_time_format(). */
  return g_date_time_format (local, _("%b %-e, %Y"));
}

/**
 * ens_image_row_format_status:
 * @status: (nullable): an image's Status as the API sends it
 *
 * The states the API documents are said in the user's language; any
 * other is shown as the server wrote it, made safe to show.
 *
 * Returns: (transfer full): the status to show, or "" for %NULL
 */
char *
ens_image_row_format_status (const char *status)
{
  static const struct {
    const char *status;
    const char *text;
  } known[] = {
    { "Available",    NC_("image status", "Available") },
    { "Unavailable",  NC_("image status", "Unavailable") },
    { "Creating",     NC_("image status", "Creating") },
    { "Copying",      NC_("image status", "Copying") },
    { "CreateFailed", NC_("image status", "Creation failed") },
  };

  if (status == NULL)
    return g_strdup ("");

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (status, known[i].status) == 0)
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "image status", known[i].text));

  return ens_text_sanitize (status, -1);
}

/**
 * ens_image_row_format_count:
 * @share_count: accounts, or -1 while unknown
 *
 * Returns: (transfer full): "Shared with 3 accounts", "Not shared", or ""
 *   while the count is unknown
 */
char *
ens_image_row_format_count (int share_count)
{
  if (share_count < 0)
    return g_strdup ("");
  if (share_count == 0)
    return g_strdup (_("Not shared"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Shared with %d account",
                                       "Shared with %d accounts", share_count),
                          share_count);
}

static void
update_count (EnsImageRow *self)
{
  g_autofree char *text = ens_image_row_format_count (ens_image_get_share_count (self->image));

  gtk_label_set_label (self->count_label, text);
}

static void
update_row (EnsImageRow *self)
{
  const char *platform = ens_image_get_platform (self->image);
  const char *status = ens_image_get_status (self->image);
  g_autofree char *date = ens_image_row_format_date (ens_image_get_creation_time (self->image));
  g_autofree char *title = ens_text_sanitize (ens_image_get_display_name (self->image), -1);
  g_autofree char *check_name = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean shareable = ens_image_is_shareable (self->image);

  g_ptr_array_add (parts, ens_text_sanitize (ens_image_get_image_id (self->image), -1));
  if (platform != NULL && platform[0] != '\0')
    g_ptr_array_add (parts, ens_text_sanitize (platform, -1));
  if (date[0] != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&date));
  if (!shareable)
    {
      g_autofree char *shown = ens_image_row_format_status (status);

      /* Translators: an image that is not Available; %s is its status
       * (e.g. "Creating"). */
      g_ptr_array_add (parts, g_strdup_printf (_("%s — cannot be shared"), shown));
    }
  else if (status != NULL && status[0] != '\0')
    g_ptr_array_add (parts, ens_image_row_format_status (status));
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the ID, platform, date and status of an image. */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->check), shareable);
  /* Translators: the accessible name of the check button that selects an
   * image for "Share Selected Images…"; %s is the image's name. */
  check_name = g_strdup_printf (_("Choose “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_name,
                                  -1);
  if (!shareable)
    gtk_check_button_set_active (self->check, FALSE);

  update_count (self);
}

static void
check_toggled_cb (EnsImageRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
ens_image_row_constructed (GObject *object)
{
  EnsImageRow *self = ENS_IMAGE_ROW (object);

  G_OBJECT_CLASS (ens_image_row_parent_class)->constructed (object);

  g_assert (ENS_IS_IMAGE (self->image));
  g_signal_connect_object (self->image, "notify::share-count",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  update_row (self);
}

static void
ens_image_row_dispose (GObject *object)
{
  EnsImageRow *self = ENS_IMAGE_ROW (object);

  g_clear_object (&self->image);

  G_OBJECT_CLASS (ens_image_row_parent_class)->dispose (object);
}

static void
ens_image_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EnsImageRow *self = ENS_IMAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;

    case PROP_SELECTED:
      g_value_set_boolean (value, ens_image_row_get_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EnsImageRow *self = ENS_IMAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      self->image = g_value_dup_object (value);
      break;

    case PROP_SELECTED:
      ens_image_row_set_selected (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_row_class_init (EnsImageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ens_image_row_constructed;
  object_class->dispose = ens_image_row_dispose;
  object_class->get_property = ens_image_row_get_property;
  object_class->set_property = ens_image_row_set_property;

  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, ENS_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EnsImageRow:selected:
   *
   * Whether the image is checked for sharing several images at once.
   */
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_image_row_init (EnsImageRow *self)
{
  self->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->check), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->check), "selection-mode");
  g_signal_connect_object (self->check, "toggled", G_CALLBACK (check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->check));

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->count_label));

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
}

/**
 * ens_image_row_new:
 * @image: the image to show
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
ens_image_row_new (EnsImage *image)
{
  g_return_val_if_fail (ENS_IS_IMAGE (image), NULL);

  return g_object_new (ENS_TYPE_IMAGE_ROW, "image", image, NULL);
}

EnsImage *
ens_image_row_get_image (EnsImageRow *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_ROW (self), NULL);

  return self->image;
}

gboolean
ens_image_row_get_selected (EnsImageRow *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
ens_image_row_set_selected (EnsImageRow *self,
                            gboolean     selected)
{
  g_return_if_fail (ENS_IS_IMAGE_ROW (self));

  /* An image that cannot be shared is never selected for sharing. */
  if (selected && !ens_image_is_shareable (self->image))
    return;

  gtk_check_button_set_active (self->check, selected);
}
