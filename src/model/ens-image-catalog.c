/* ens-image-catalog.c
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

#include "ens-image-catalog.h"
#include "ens-model-enums.h"

struct _EnsImageCatalog
{
  GObject               parent_instance;

  /* Owned references */
  EnsClient            *client;
  GListStore           *images;
  GCancellable         *cancellable;   /* the load and counting in flight */
  GError               *error;

  EnsImageCatalogState  state;
  GHashTable           *shown_ids;     /* while the first load shows its pages as they come */
  guint                 counting : 1;
  guint                 complete : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsImageCatalog, ens_image_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_ERROR,
  PROP_COUNTING,
  PROP_COMPLETE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GListModel {{{ */

static GType
ens_image_catalog_get_item_type (GListModel *model)
{
  return ENS_TYPE_IMAGE;
}

static guint
ens_image_catalog_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ENS_IMAGE_CATALOG (model)->images));
}

static gpointer
ens_image_catalog_get_item (GListModel *model,
                            guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (ENS_IMAGE_CATALOG (model)->images), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ens_image_catalog_get_item_type;
  iface->get_n_items = ens_image_catalog_get_n_items;
  iface->get_item = ens_image_catalog_get_item;
}

static void
images_changed_cb (EnsImageCatalog *self,
                   guint            position,
                   guint            removed,
                   guint            added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* }}} */

/* State {{{ */

static void
set_state (EnsImageCatalog      *self,
           EnsImageCatalogState  state,
           GError               *error)
{
  gboolean error_changed = self->error != NULL || error != NULL;

  g_clear_error (&self->error);
  self->error = error;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_counting (EnsImageCatalog *self,
              gboolean         counting)
{
  if (self->counting == !!counting)
    return;

  self->counting = !!counting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
set_complete (EnsImageCatalog *self,
              gboolean         complete)
{
  if (self->complete == !!complete)
    return;

  self->complete = !!complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
cancel (EnsImageCatalog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown_ids, g_hash_table_unref);
  set_counting (self, FALSE);
}

/* }}} */

/* Loading {{{ */

/* The operations hold the catalog weakly, so that dropping the last
 * reference disposes it and cancels them. */
static GWeakRef *
weak_ref_new (EnsImageCatalog *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static void
weak_ref_free (gpointer user_data)
{
  GWeakRef *ref = user_data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

static EnsImageCatalog *
weak_ref_steal (gpointer user_data)
{
  GWeakRef *ref = user_data;
  EnsImageCatalog *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EnsImageCatalog) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  guint n_failed = 0;

  if (!ens_client_count_shares_finish (ENS_CLIENT (object), result, &n_failed, &error))
    {
      /* Cancelled: a newer load, a clear or disposing took over, and
       * reset "counting". */
      g_debug ("Counting shares stopped: %s", error->message);
      return;
    }
  if (self == NULL)
    return;

  if (n_failed > 0)
    g_debug ("%u images got no share count", n_failed);
  set_counting (self, FALSE);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EnsImageCatalog) self = weak_ref_steal (user_data);
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  gboolean complete = FALSE;
  gboolean used_fallback = FALSE;
  guint n;

  images = ens_client_describe_self_images_finish (ENS_CLIENT (object), result,
                                                   &complete, &used_fallback, &error);
  if (images != NULL && self == NULL)
    return;
  if (images == NULL)
    {
      if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_error_free (error);
          return;
        }
      g_debug ("Listing the own images failed: %s", error->message);
      g_clear_pointer (&self->shown_ids, g_hash_table_unref);
      set_state (self, ENS_IMAGE_CATALOG_ERROR, error);
      return;
    }

  n = g_list_model_get_n_items (images);
  g_debug ("%u own images%s", n, used_fallback ? " (from DescribeImages)" : "");
  /* The list checked as a whole replaces the pages shown as they came. */
  g_clear_pointer (&self->shown_ids, g_hash_table_unref);

  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (images, i));

  g_object_freeze_notify (G_OBJECT (self));
  g_list_store_splice (self->images, 0, g_list_model_get_n_items (G_LIST_MODEL (self->images)),
                       items->pdata, items->len);
  set_complete (self, complete);
  set_state (self, ENS_IMAGE_CATALOG_COMPLETE, NULL);
  g_object_thaw_notify (G_OBJECT (self));

  if (n == 0 || self->cancellable == NULL)
    return;

  set_counting (self, TRUE);
  ens_client_count_shares_async (self->client, G_LIST_MODEL (self->images), self->cancellable,
                                 count_cb, weak_ref_new (self));
}

static void
recount_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The counts are set on the images as they arrive; nothing else to do. */
  if (!ens_client_count_shares_finish (ENS_CLIENT (object), result, NULL, &error))
    g_debug ("Counting shares again stopped: %s", error->message);
}

/* A page of the first load, as it comes: shown at once, so that the first
 * rows do not wait for the last page.  Images already shown are not shown
 * twice (a server repeating a page). */
static void
page_cb (EnsClient *client,
         GPtrArray *items,
         gpointer   user_data)
{
  g_autoptr(EnsImageCatalog) self = g_weak_ref_get (user_data);
  g_autoptr(GPtrArray) added = NULL;

  if (self == NULL || self->shown_ids == NULL)
    return;

  added = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      EnsImage *image = g_ptr_array_index (items, i);
      const char *id = ens_image_get_image_id (image);

      if (g_hash_table_add (self->shown_ids, g_strdup (id)))
        g_ptr_array_add (added, image);
    }

  g_list_store_splice (self->images, g_list_model_get_n_items (G_LIST_MODEL (self->images)), 0,
                       added->pdata, added->len);
}

/**
 * ens_image_catalog_reload:
 *
 * Lists the images again.  The images already listed stay until the new
 * list arrives, so that a list shown does not blink.
 */
void
ens_image_catalog_reload (EnsImageCatalog *self)
{
  g_return_if_fail (ENS_IS_IMAGE_CATALOG (self));

  cancel (self);
  self->cancellable = g_cancellable_new ();
  set_state (self, ENS_IMAGE_CATALOG_LOADING, NULL);

  /* A list shown already stays until the new one is whole (no blink); an
   * empty one shows the pages as they come. */
  g_clear_pointer (&self->shown_ids, g_hash_table_unref);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->images)) == 0)
    self->shown_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ens_client_describe_self_images_paged_async (self->client, page_cb, weak_ref_new (self), weak_ref_free,
                                               self->cancellable, list_cb, weak_ref_new (self));
}

/**
 * ens_image_catalog_clear:
 *
 * Forgets the images, e.g. when signing out.
 */
void
ens_image_catalog_clear (EnsImageCatalog *self)
{
  g_return_if_fail (ENS_IS_IMAGE_CATALOG (self));

  cancel (self);
  g_list_store_remove_all (self->images);
  set_complete (self, TRUE);
  set_state (self, ENS_IMAGE_CATALOG_IDLE, NULL);
}

/* }}} */

/* GObject {{{ */

static void
ens_image_catalog_dispose (GObject *object)
{
  EnsImageCatalog *self = ENS_IMAGE_CATALOG (object);

  cancel (self);
  if (self->images != NULL)
    g_signal_handlers_disconnect_by_data (self->images, self);
  g_clear_object (&self->images);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ens_image_catalog_parent_class)->dispose (object);
}

static void
ens_image_catalog_finalize (GObject *object)
{
  EnsImageCatalog *self = ENS_IMAGE_CATALOG (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (ens_image_catalog_parent_class)->finalize (object);
}

static void
ens_image_catalog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EnsImageCatalog *self = ENS_IMAGE_CATALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->images)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_image_catalog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EnsImageCatalog *self = ENS_IMAGE_CATALOG (object);

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
ens_image_catalog_class_init (EnsImageCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_image_catalog_dispose;
  object_class->finalize = ens_image_catalog_finalize;
  object_class->get_property = ens_image_catalog_get_property;
  object_class->set_property = ens_image_catalog_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ENS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EnsImageCatalog:state:
   *
   * Whether the images are listed, being listed, or could not be.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       ENS_TYPE_IMAGE_CATALOG_STATE, ENS_IMAGE_CATALOG_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EnsImageCatalog:counting:
   *
   * Share counts are still being read, a few images at a time.
   */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_image_catalog_init (EnsImageCatalog *self)
{
  self->complete = TRUE;
  self->images = g_list_store_new (ENS_TYPE_IMAGE);
  g_signal_connect_swapped (self->images, "items-changed", G_CALLBACK (images_changed_cb), self);
}

/* }}} */

/**
 * ens_image_catalog_new:
 * @client: the client that lists the images (the session's)
 *
 * Returns: (transfer full): an empty catalog, state IDLE
 */
EnsImageCatalog *
ens_image_catalog_new (EnsClient *client)
{
  g_return_val_if_fail (ENS_IS_CLIENT (client), NULL);

  return g_object_new (ENS_TYPE_IMAGE_CATALOG, "client", client, NULL);
}

EnsClient *
ens_image_catalog_get_client (EnsImageCatalog *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_CATALOG (self), NULL);

  return self->client;
}

EnsImageCatalogState
ens_image_catalog_get_state (EnsImageCatalog *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_CATALOG (self), ENS_IMAGE_CATALOG_IDLE);

  return self->state;
}

const GError *
ens_image_catalog_get_error (EnsImageCatalog *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_CATALOG (self), NULL);

  return self->error;
}

gboolean
ens_image_catalog_get_counting (EnsImageCatalog *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_CATALOG (self), FALSE);

  return self->counting;
}

gboolean
ens_image_catalog_get_complete (EnsImageCatalog *self)
{
  g_return_val_if_fail (ENS_IS_IMAGE_CATALOG (self), TRUE);

  return self->complete;
}

/**
 * ens_image_catalog_lookup:
 * @image_id: an image ID
 *
 * Returns: (transfer none) (nullable): the listed image with that ID
 */
EnsImage *
ens_image_catalog_lookup (EnsImageCatalog *self,
                          const char      *image_id)
{
  guint n;

  g_return_val_if_fail (ENS_IS_IMAGE_CATALOG (self), NULL);

  if (image_id == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->images));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsImage) image = g_list_model_get_item (G_LIST_MODEL (self->images), i);

      if (g_strcmp0 (ens_image_get_image_id (image), image_id) == 0)
        return image;
    }

  return NULL;
}

/**
 * ens_image_catalog_recount:
 * @image_ids: (array zero-terminated=1): images whose lists changed
 *
 * Reads the share count of those of @image_ids that are listed again,
 * e.g. after a change, so that the home page does not show stale counts.
 * A reload or clear meanwhile cancels it.
 */
void
ens_image_catalog_recount (EnsImageCatalog    *self,
                           const char * const *image_ids)
{
  g_autoptr(GListStore) changed = NULL;

  g_return_if_fail (ENS_IS_IMAGE_CATALOG (self));

  if (image_ids == NULL || self->cancellable == NULL)
    return;

  changed = g_list_store_new (ENS_TYPE_IMAGE);
  for (guint i = 0; image_ids[i] != NULL; i++)
    {
      EnsImage *image = ens_image_catalog_lookup (self, image_ids[i]);

      if (image != NULL)
        g_list_store_append (changed, image);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (changed)) == 0)
    return;

  ens_client_count_shares_async (self->client, G_LIST_MODEL (changed), self->cancellable,
                                 recount_cb, NULL);
}
