/* ens-images-page.c
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
#include "ens-images-page.h"

struct _EnsImagesPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkLabel           *identity_label;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListBox         *list_box;
  AdwStatusPage      *error_page;
  GtkButton          *open_id_button;
  GtkActionBar       *action_bar;
  GtkLabel           *selection_label;

  /* Owned references */
  EnsImageCatalog    *catalog;
  GtkFilter          *filter;
  GtkFilterListModel *filtered;
  GHashTable         *selected;      /* image IDs checked */
  char               *search;
  char               *typed_id;      /* the search, when it is an image ID */
};

G_DEFINE_FINAL_TYPE (EnsImagesPage, ens_images_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_N_SELECTED,
  N_PROPS
};

enum {
  IMAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* States {{{ */

static void
update_error (EnsImagesPage *self)
{
  const GError *error = ens_image_catalog_get_error (self->catalog);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *description = NULL;

  g_assert (error != NULL);

  ens_error_describe (error, &title, &explanation, &action);
  description = g_strjoin ("\n\n", explanation ? explanation : "", action ? action : "", NULL);
  adw_status_page_set_title (self->error_page, title ? title : error->message);
  adw_status_page_set_description (self->error_page, description);
}

static void
update_page (EnsImagesPage *self)
{
  EnsImageCatalogState state = self->catalog != NULL ? ens_image_catalog_get_state (self->catalog)
                                                     : ENS_IMAGE_CATALOG_IDLE;
  guint n_images = self->catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *page;

  gtk_widget_set_visible (GTK_WIDGET (self->open_id_button), self->typed_id != NULL);
  if (self->typed_id != NULL)
    {
      /* Translators: a button on "No Matching Images" when the search is
       * an image ID that is not listed; %s is the ID. */
      g_autofree char *label = g_strdup_printf (_("Open Image “%s”"), self->typed_id);

      gtk_button_set_label (self->open_id_button, label);
    }

  if (state == ENS_IMAGE_CATALOG_ERROR)
    page = "error";
  else if (n_images == 0 && state != ENS_IMAGE_CATALOG_COMPLETE)
    page = "loading";
  else if (n_shown > 0)
    page = "list";
  else if (n_images == 0 && self->typed_id == NULL)
    page = "empty";
  else
    page = "no-results";

  if (g_str_equal (page, "error"))
    update_error (self);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

/* }}} */

/* Selection {{{ */

static void
update_selection (EnsImagesPage *self)
{
  guint n = g_hash_table_size (self->selected);

  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), n > 0);
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image selected",
                                                            "%u images selected", n), n);

      gtk_label_set_label (self->selection_label, text);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
row_selected_cb (EnsImagesPage *self,
                 GParamSpec    *pspec,
                 EnsImageRow   *row)
{
  const char *image_id = ens_image_get_image_id (ens_image_row_get_image (row));
  gboolean changed;

  if (ens_image_row_get_selected (row))
    changed = g_hash_table_add (self->selected, g_strdup (image_id));
  else
    changed = g_hash_table_remove (self->selected, image_id);

  if (changed)
    update_selection (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  EnsImagesPage *self = user_data;
  EnsImage *image = item;
  GtkWidget *row = ens_image_row_new (image);

  ens_image_row_set_selected (ENS_IMAGE_ROW (row),
                              g_hash_table_contains (self->selected, ens_image_get_image_id (image)));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);

  return row;
}

/* Forgets checked images that are no longer listed (a reload, signing
 * out), so that nothing unseen is shared. */
static void
prune_selection (EnsImagesPage *self)
{
  GHashTableIter iter;
  const char *image_id;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &image_id, NULL))
    {
      EnsImage *image = self->catalog != NULL ? ens_image_catalog_lookup (self->catalog, image_id) : NULL;

      if (image == NULL || !ens_image_is_shareable (image))
        {
          g_hash_table_iter_remove (&iter);
          changed = TRUE;
        }
    }

  if (changed)
    update_selection (self);
}

/* }}} */

/* Search and activation {{{ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  EnsImagesPage *self = user_data;

  return ens_image_matches (item, self->search);
}

static void
search_changed_cb (EnsImagesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search);
  self->search = g_strdup (text);
  g_clear_pointer (&self->typed_id, g_free);
  self->typed_id = ens_image_id_parse (text, NULL);

  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
activate_image_id (EnsImagesPage *self,
                   const char    *image_id)
{
  g_debug ("Image %s activated", image_id);
  g_signal_emit (self, signals[IMAGE_ACTIVATED], 0, image_id);
}

static void
search_activate_cb (EnsImagesPage *self)
{
  g_autoptr(EnsImage) first = NULL;

  /* Enter may come before the pause that reports the change: act on
   * what is typed now. */
  if (g_strcmp0 (self->search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    search_changed_cb (self);

  /* An exact ID opens that image, listed or not. */
  if (self->typed_id != NULL &&
      (self->catalog == NULL || ens_image_catalog_lookup (self->catalog, self->typed_id) != NULL ||
       g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0))
    {
      activate_image_id (self, self->typed_id);
      return;
    }

  first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);
  if (first != NULL)
    activate_image_id (self, ens_image_get_image_id (first));
}

static void
open_id_clicked_cb (EnsImagesPage *self)
{
  if (self->typed_id != NULL)
    activate_image_id (self, self->typed_id);
}

static void
row_activated_cb (EnsImagesPage *self,
                  GtkListBoxRow *row)
{
  activate_image_id (self, ens_image_get_image_id (ens_image_row_get_image (ENS_IMAGE_ROW (row))));
}

static void
retry_clicked_cb (EnsImagesPage *self)
{
  if (self->catalog != NULL)
    ens_image_catalog_reload (self->catalog);
}

static void
catalog_changed_cb (EnsImagesPage *self)
{
  prune_selection (self);
  update_page (self);
}

/* }}} */

/* GObject {{{ */

static void
ens_images_page_dispose (GObject *object)
{
  EnsImagesPage *self = ENS_IMAGES_PAGE (object);

  ens_images_page_set_catalog (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_IMAGES_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (ens_images_page_parent_class)->dispose (object);
}

static void
ens_images_page_finalize (GObject *object)
{
  EnsImagesPage *self = ENS_IMAGES_PAGE (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->typed_id, g_free);

  G_OBJECT_CLASS (ens_images_page_parent_class)->finalize (object);
}

static void
ens_images_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EnsImagesPage *self = ENS_IMAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, ens_images_page_get_n_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_images_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EnsImagesPage *self = ENS_IMAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      ens_images_page_set_catalog (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_images_page_class_init (EnsImagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ens_images_page_dispose;
  object_class->finalize = ens_images_page_finalize;
  object_class->get_property = ens_images_page_get_property;
  object_class->set_property = ens_images_page_set_property;

  /**
   * EnsImagesPage:catalog:
   *
   * The images to list (the session's).
   */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, ENS_TYPE_IMAGE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EnsImagesPage:n-selected:
   *
   * How many images are checked for sharing together.
   */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsImagesPage::image-activated:
   * @self: the page
   * @image_id: the ID of the image to open
   */
  signals[IMAGE_ACTIVATED] =
    g_signal_new ("image-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ENS_TYPE_IMAGE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/images/ens-images-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, identity_label);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, open_id_button);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, EnsImagesPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_id_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
ens_images_page_init (EnsImagesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_func, self, NULL));
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), FALSE);

  update_page (self);
}

/* }}} */

GtkWidget *
ens_images_page_new (void)
{
  return g_object_new (ENS_TYPE_IMAGES_PAGE, NULL);
}

EnsImageCatalog *
ens_images_page_get_catalog (EnsImagesPage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGES_PAGE (self), NULL);

  return self->catalog;
}

void
ens_images_page_set_catalog (EnsImagesPage   *self,
                             EnsImageCatalog *catalog)
{
  g_return_if_fail (ENS_IS_IMAGES_PAGE (self));
  g_return_if_fail (!catalog || ENS_IS_IMAGE_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_set_object (&self->catalog, catalog);

  if (self->filtered != NULL)
    gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (catalog));
  if (catalog != NULL)
    {
      g_signal_connect_object (catalog, "notify::state", G_CALLBACK (catalog_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (catalog, "items-changed", G_CALLBACK (catalog_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  prune_selection (self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

guint
ens_images_page_get_n_selected (EnsImagesPage *self)
{
  g_return_val_if_fail (ENS_IS_IMAGES_PAGE (self), 0);

  return g_hash_table_size (self->selected);
}

GStrv
ens_images_page_dup_selected_ids (EnsImagesPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (ENS_IS_IMAGES_PAGE (self), NULL);

  n = self->catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);

      if (g_hash_table_contains (self->selected, ens_image_get_image_id (image)))
        g_strv_builder_add (builder, ens_image_get_image_id (image));
    }

  return g_strv_builder_end (builder);
}

void
ens_images_page_set_selected (EnsImagesPage *self,
                              const char    *image_id,
                              gboolean       selected)
{
  EnsImage *image;
  gboolean changed;

  g_return_if_fail (ENS_IS_IMAGES_PAGE (self));
  g_return_if_fail (image_id != NULL);

  image = self->catalog != NULL ? ens_image_catalog_lookup (self->catalog, image_id) : NULL;
  if (selected && (image == NULL || !ens_image_is_shareable (image)))
    return;

  if (selected)
    changed = g_hash_table_add (self->selected, g_strdup (image_id));
  else
    changed = g_hash_table_remove (self->selected, image_id);
  if (!changed)
    return;

  /* The visible rows follow. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ENS_IS_IMAGE_ROW (child) &&
        g_strcmp0 (ens_image_get_image_id (ens_image_row_get_image (ENS_IMAGE_ROW (child))), image_id) == 0)
      ens_image_row_set_selected (ENS_IMAGE_ROW (child), selected);

  update_selection (self);
}

void
ens_images_page_clear_selection (EnsImagesPage *self)
{
  g_autofree gpointer *keys = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (ENS_IS_IMAGES_PAGE (self));

  /* Copied: unchecking removes them from the table. */
  keys = g_hash_table_get_keys_as_array (self->selected, NULL);
  ids = g_strdupv ((char **) keys);
  for (guint i = 0; ids[i] != NULL; i++)
    ens_images_page_set_selected (self, ids[i], FALSE);
}

void
ens_images_page_focus_search (EnsImagesPage *self)
{
  g_return_if_fail (ENS_IS_IMAGES_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * ens_images_page_set_identity_text:
 * @text: (nullable): whose key is in use (ens_session_dup_identity_text())
 *
 * Shown above the list, so that it is clear whose images these are.
 */
void
ens_images_page_set_identity_text (EnsImagesPage *self,
                                   const char    *text)
{
  g_return_if_fail (ENS_IS_IMAGES_PAGE (self));

  gtk_label_set_label (self->identity_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->identity_label), text != NULL);
}
