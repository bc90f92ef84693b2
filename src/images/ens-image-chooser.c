/* ens-image-chooser.c
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

#include "ens-image-chooser.h"

struct _EnsImageChooser
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkButton          *select_button;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListView        *list_view;
  AdwStatusPage      *error_page;

  /* Owned references */
  EnsClient          *client;
  GCancellable       *cancellable;
  GListStore         *images;
  GtkFilter          *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *search_folded;
};

G_DEFINE_FINAL_TYPE (EnsImageChooser, ens_image_chooser, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

enum {
  IMAGE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * ens_image_chooser_format_date:
 * @creation_time: (nullable): a CreationTime as the API sends it
 *
 * Returns: (transfer full): the date in local time ("Dec 8, 2017"), the
 *   text unchanged if it is not an ISO 8601 time, or "" for %NULL
 */
char *
ens_image_chooser_format_date (const char *creation_time)
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

static void
update_page (EnsImageChooser *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry),
                            g_list_model_get_n_items (G_LIST_MODEL (self->images)) > 0);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->images)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  gtk_widget_set_sensitive (GTK_WIDGET (self->select_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  EnsImageChooser *self = user_data;
  EnsImage *image = item;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (self->search_folded == NULL || self->search_folded[0] == '\0')
    return TRUE;

  name = g_utf8_casefold (ens_image_get_image_name (image) ?: "", -1);
  id = g_utf8_casefold (ens_image_get_image_id (image) ?: "", -1);

  return strstr (name, self->search_folded) != NULL ||
         strstr (id, self->search_folded) != NULL;
}

static void
search_changed_cb (EnsImageChooser *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_free (self->search_folded);
  self->search_folded = g_utf8_casefold (text, -1);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading") &&
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "error"))
    update_page (self);
}

static void
choose (EnsImageChooser *self,
        EnsImage        *image)
{
  g_autoptr(EnsImageChooser) hold = g_object_ref (self);
  g_autofree char *image_id = NULL;

  if (image == NULL)
    return;

  image_id = g_strdup (ens_image_get_image_id (image));
  g_debug ("Image %s chosen", image_id);
  g_signal_emit (self, signals[IMAGE_CHOSEN], 0, image_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
select_clicked_cb (EnsImageChooser *self)
{
  choose (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
search_activate_cb (EnsImageChooser *self)
{
  choose (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
stop_search_cb (EnsImageChooser *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
list_activate_cb (EnsImageChooser *self,
                  guint            position)
{
  g_autoptr(EnsImage) image = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  choose (self, image);
}

static void
selection_changed_cb (EnsImageChooser *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EnsImageChooser) self = user_data;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) own = NULL;

  images = ens_client_describe_images_finish (ENS_CLIENT (object), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client == NULL)
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (images == NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *action = NULL;
      g_autofree char *description = NULL;

      g_debug ("Listing images failed: %s", error->message);
      ens_error_describe (error, &title, &explanation, &action);
      description = g_strjoin ("\n\n", explanation ? explanation : "", action ? action : "", NULL);
      adw_status_page_set_title (self->error_page, title ? title : error->message);
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
      return;
    }

  /* Only the account's own images can be shared. */
  own = g_ptr_array_new ();
  for (guint i = 0; i < images->len; i++)
    {
      EnsImage *image = g_ptr_array_index (images, i);

      if (g_strcmp0 (ens_image_get_owner_alias (image), "self") == 0)
        g_ptr_array_add (own, image);
    }

  g_list_store_splice (self->images, 0, g_list_model_get_n_items (G_LIST_MODEL (self->images)),
                       own->pdata, own->len);
  update_page (self);
}

static void
load (EnsImageChooser *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_button), FALSE);

  /* Page 0: every page; 50 is the largest page DescribeImages serves. */
  ens_client_describe_images_async (self->client, 0, 50, NULL, NULL, self->cancellable,
                                    load_cb, g_object_ref (self));
}

static void
retry_clicked_cb (EnsImageChooser *self)
{
  load (self);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *info = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");

  gtk_label_set_xalign (GTK_LABEL (info), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (info), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (info, "caption");
  gtk_widget_add_css_class (info, "dim-label");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), info);
  gtk_list_item_set_child (item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  EnsImage *image = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *info = gtk_widget_get_next_sibling (name);
  g_autofree char *date = ens_image_chooser_format_date (ens_image_get_creation_time (image));
  const char *image_name = ens_image_get_image_name (image);
  const char *platform = ens_image_get_platform (image);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *text = NULL;

  g_ptr_array_add (parts, (gpointer) ens_image_get_image_id (image));
  if (date[0] != '\0')
    g_ptr_array_add (parts, date);
  if (platform != NULL && platform[0] != '\0')
    g_ptr_array_add (parts, (gpointer) platform);
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the ID, date and platform of an image. */
  text = g_strjoinv (_(" · "), (char **) parts->pdata);

  gtk_label_set_text (GTK_LABEL (name),
                      image_name != NULL && image_name[0] != '\0' ? image_name : _("Unnamed Image"));
  gtk_label_set_text (GTK_LABEL (info), text);
}

static void
ens_image_chooser_constructed (GObject *object)
{
  EnsImageChooser *self = ENS_IMAGE_CHOOSER (object);

  G_OBJECT_CLASS (ens_image_chooser_parent_class)->constructed (object);

  g_return_if_fail (ENS_IS_CLIENT (self->client));
  load (self);
}

static void
ens_image_chooser_dispose (GObject *object)
{
  EnsImageChooser *self = ENS_IMAGE_CHOOSER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_IMAGE_CHOOSER);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->images);

  G_OBJECT_CLASS (ens_image_chooser_parent_class)->dispose (object);
}

static void
ens_image_chooser_finalize (GObject *object)
{
  EnsImageChooser *self = ENS_IMAGE_CHOOSER (object);

  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (ens_image_chooser_parent_class)->finalize (object);
}

static void
ens_image_chooser_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EnsImageChooser *self = ENS_IMAGE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_chooser_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EnsImageChooser *self = ENS_IMAGE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_chooser_class_init (EnsImageChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ens_image_chooser_constructed;
  object_class->dispose = ens_image_chooser_dispose;
  object_class->finalize = ens_image_chooser_finalize;
  object_class->get_property = ens_image_chooser_get_property;
  object_class->set_property = ens_image_chooser_set_property;

  /**
   * EnsImageChooser:client:
   *
   * The client that lists the images; it must have credentials.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ENS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsImageChooser::image-chosen:
   * @self: the chooser
   * @image_id: the ID of the chosen image
   *
   * An image was picked; the window closes afterwards.
   */
  signals[IMAGE_CHOSEN] =
    g_signal_new ("image-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/images/ens-image-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsImageChooser, select_button);
  gtk_widget_class_bind_template_child (widget_class, EnsImageChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsImageChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, EnsImageChooser, spinner);
  gtk_widget_class_bind_template_child (widget_class, EnsImageChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, EnsImageChooser, error_page);
  gtk_widget_class_bind_template_callback (widget_class, select_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ens_image_chooser_init (EnsImageChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->images = g_list_store_new (ENS_TYPE_IMAGE);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_func, self, NULL));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->images)),
                                              g_object_ref (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * ens_image_chooser_new:
 * @parent: (nullable): the window to put the chooser over
 * @client: a client with credentials
 *
 * Starts listing the images at once.
 *
 * Returns: (transfer none): a new modal chooser window, not yet shown
 */
GtkWindow *
ens_image_chooser_new (GtkWindow *parent,
                       EnsClient *client)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENS_IS_CLIENT (client), NULL);

  return g_object_new (ENS_TYPE_IMAGE_CHOOSER,
                       "transient-for", parent,
                       "client", client,
                       NULL);
}
