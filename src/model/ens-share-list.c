/* ens-share-list.c
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

#include "ens-error.h"
#include "ens-model-enums.h"
#include "ens-share-list.h"
#include "ens-share-list-private.h"
#include "ens-shared-account.h"
#include "ens-text.h"

/* How long typing must pause before the share list of an image loads. */
#define LOAD_DELAY_MS 400


G_DEFINE_FINAL_TYPE (EnsShareList, ens_share_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_IMAGE_ID,
  PROP_ENABLED,
  PROP_STATE,
  PROP_ERROR,
  PROP_ERROR_TEXT,
  PROP_LOADED,
  PROP_N_ITEMS,
  PROP_N_SELECTED,
  PROP_ALL_SELECTED,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* State {{{ */

static void
notify (EnsShareList *self,
        guint         prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ens_share_list_set_state (EnsShareList      *self,
                          EnsShareListState  state)
{
  gboolean was_loaded = ens_share_list_get_loaded (self);

  if (self->state == state)
    return;

  self->state = state;
  notify (self, PROP_STATE);
  if (was_loaded != ens_share_list_get_loaded (self))
    notify (self, PROP_LOADED);
}

static void
ens_share_list_set_error (EnsShareList *self,
                          GError       *error)
{
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;

  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  g_clear_pointer (&self->error_text, g_free);
  self->error = error;

  if (error != NULL)
    {
      g_autofree char *text = NULL;

      ens_error_describe (error, &title, &explanation, NULL);
      /* The explanation may quote the server: shown in a label, as one
       * line without its controls. */
      text = g_strdup_printf ("%s. %s", title, explanation);
      self->error_text = ens_text_sanitize (text, -1);
    }

  notify (self, PROP_ERROR);
  notify (self, PROP_ERROR_TEXT);
}

static void
ens_share_list_set_complete (EnsShareList *self,
                             gboolean      complete)
{
  if (self->complete == !!complete)
    return;

  self->complete = !!complete;
  notify (self, PROP_COMPLETE);
}

/* n-selected and all-selected, notified when they change. */
void
_ens_share_list_set_n_selected (EnsShareList *self,
                                guint         n_selected)
{
  gboolean was_all = ens_share_list_get_all_selected (self);

  if (self->n_selected == n_selected)
    return;

  self->n_selected = n_selected;
  notify (self, PROP_N_SELECTED);
  if (was_all != ens_share_list_get_all_selected (self))
    notify (self, PROP_ALL_SELECTED);
}

static void
item_selected_cb (EnsShareList     *self,
                  GParamSpec       *pspec,
                  EnsSharedAccount *item)
{
  guint n_selected = self->n_selected;

  if (ens_shared_account_get_selected (item))
    n_selected++;
  else if (n_selected > 0)
    n_selected--;

  /* select_all() notifies once for the lot. */
  if (self->selecting_all)
    self->n_selected = n_selected;
  else
    _ens_share_list_set_n_selected (self, n_selected);
}

/* Empties the model, forgetting what it said; the state is the caller's. */
static void
ens_share_list_clear (EnsShareList *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean was_all = ens_share_list_get_all_selected (self);

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  ens_share_list_set_complete (self, TRUE);

  if (n_items == 0)
    return;

  /* The items may live on in a view; they no longer count here. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      g_signal_handlers_disconnect_by_func (item, item_selected_cb, self);
    }

  g_list_store_remove_all (self->model);
  notify (self, PROP_N_ITEMS);
  if (self->n_selected > 0)
    {
      self->n_selected = 0;
      notify (self, PROP_N_SELECTED);
    }
  if (was_all)
    notify (self, PROP_ALL_SELECTED);
}

static void
ens_share_list_cancel_load (EnsShareList *self)
{
  g_clear_handle_id (&self->load_timeout_id, g_source_remove);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

/* }}} */

/* Loading {{{ */

typedef struct
{
  EnsShareList *self;              /* borrowed: alive while not cancelled */
  GCancellable *cancellable;
} LoadOp;

static void
load_op_free (LoadOp *op)
{
  g_clear_object (&op->cancellable);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadOp, load_op_free)

static void
describe_share_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LoadOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) accounts = NULL;
  gboolean complete = TRUE;
  EnsShareList *self;

  accounts = ens_client_describe_image_share_permission_finish_full (ENS_CLIENT (object), result,
                                                                     &complete, &error);

  /* Pages that did not add up and no account at all: saying "not shared
   * with anyone" would be false, and there is no list to show. */
  if (error == NULL && !complete && accounts[0] == NULL)
    error = ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE,
                                     _("The server announced accounts for this image but listed none."));

  /* A newer load replaced this one, or the list is gone: disposing and
   * every change of image cancel the load, so self is alive otherwise. */
  if (g_cancellable_is_cancelled (op->cancellable))
    return;

  self = op->self;
  g_clear_object (&self->load_cancellable);

  g_object_freeze_notify (G_OBJECT (self));

  ens_share_list_clear (self);

  if (error != NULL)
    {
      g_debug ("Loading the share list of %s failed: %s", self->image_id, error->message);
      ens_share_list_set_error (self, g_steal_pointer (&error));
      ens_share_list_set_state (self, ENS_SHARE_LIST_ERROR);
    }
  else
    {
      self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; accounts[i] != NULL; i++)
        {
          EnsSharedAccount *item;

          if (!g_hash_table_add (self->accounts, g_strdup (accounts[i])))
            continue;

          item = ens_shared_account_new (accounts[i]);
          g_signal_connect_object (item, "notify::selected",
                                   G_CALLBACK (item_selected_cb), self,
                                   G_CONNECT_SWAPPED);
          g_ptr_array_add (items, item);
        }

      g_list_store_splice (self->model, 0, 0, items->pdata, items->len);
      if (items->len > 0)
        notify (self, PROP_N_ITEMS);

      ens_share_list_set_error (self, NULL);
      ens_share_list_set_complete (self, complete);
      ens_share_list_set_state (self, items->len > 0 ? ENS_SHARE_LIST_LIST : ENS_SHARE_LIST_EMPTY);
    }

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[LOADED], 0);
}

static gboolean
load_timeout_cb (gpointer user_data)
{
  EnsShareList *self = user_data;

  self->load_timeout_id = 0;
  ens_share_list_load (self);

  return G_SOURCE_REMOVE;
}

/* }}} */

/* GObject {{{ */

static void
ens_share_list_dispose (GObject *object)
{
  EnsShareList *self = (EnsShareList *)object;

  ens_share_list_cancel_load (self);
  g_clear_object (&self->model);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ens_share_list_parent_class)->dispose (object);
}

static void
ens_share_list_finalize (GObject *object)
{
  EnsShareList *self = (EnsShareList *)object;

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->image_id, g_free);

  G_OBJECT_CLASS (ens_share_list_parent_class)->finalize (object);
}

static void
ens_share_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EnsShareList *self = ENS_SHARE_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_IMAGE_ID:
      g_value_set_string (value, self->image_id);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_ERROR_TEXT:
      g_value_set_string (value, self->error_text);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, ens_share_list_get_loaded (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, ens_share_list_get_n_items (self));
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;

    case PROP_ALL_SELECTED:
      g_value_set_boolean (value, ens_share_list_get_all_selected (self));
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_share_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EnsShareList *self = ENS_SHARE_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_IMAGE_ID:
      ens_share_list_set_image_id (self, g_value_get_string (value));
      break;

    case PROP_ENABLED:
      ens_share_list_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_share_list_class_init (EnsShareListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_share_list_dispose;
  object_class->finalize = ens_share_list_finalize;
  object_class->get_property = ens_share_list_get_property;
  object_class->set_property = ens_share_list_set_property;

  /**
   * EnsShareList:client:
   *
   * The client that reads the list.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ENS_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:image-id:
   *
   * The image whose list this is, or %NULL.
   */
  properties[PROP_IMAGE_ID] =
    g_param_spec_string ("image-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:enabled:
   *
   * Whether the list may be read: %FALSE while signed out.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:state:
   *
   * What there is to show.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       ENS_TYPE_SHARE_LIST_STATE, ENS_SHARE_LIST_HINT,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:error:
   *
   * Why the last load failed, or %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:error-text:
   *
   * The error's title and explanation in one line, translated, or %NULL.
   */
  properties[PROP_ERROR_TEXT] =
    g_param_spec_string ("error-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:loaded:
   *
   * Whether the model is the list of #EnsShareList:image-id.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:n-items:
   *
   * The number of accounts in the model.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:n-selected:
   *
   * How many accounts are selected for "Stop Sharing".
   */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:all-selected:
   *
   * Whether there are accounts and all of them are selected.
   */
  properties[PROP_ALL_SELECTED] =
    g_param_spec_boolean ("all-selected", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareList:complete:
   *
   * %FALSE when the server's pages did not add up (an account repeated, a
   * page missing, a wrong TotalCount): the list shown may be incomplete
   * and must say so.  %TRUE otherwise, and while nothing is loaded.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsShareList::loaded:
   *
   * A load finished: #EnsShareList:state is %ENS_SHARE_LIST_LIST,
   * %ENS_SHARE_LIST_EMPTY or %ENS_SHARE_LIST_ERROR.  Not emitted for a
   * load that was cancelled or replaced.
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ens_share_list_init (EnsShareList *self)
{
  self->model = g_list_store_new (ENS_TYPE_SHARED_ACCOUNT);
  self->enabled = TRUE;
  self->state = ENS_SHARE_LIST_HINT;
  self->complete = TRUE;
}

/* }}} */

/* Public API {{{ */

EnsShareList *
ens_share_list_new (EnsClient *client)
{
  g_return_val_if_fail (ENS_IS_CLIENT (client), NULL);

  return g_object_new (ENS_TYPE_SHARE_LIST, "client", client, NULL);
}

EnsClient *
ens_share_list_get_client (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  return self->client;
}

/*
 * What follows a change of image or of "enabled": whatever was shown is
 * dropped, then the list loads after LOAD_DELAY_MS (@now FALSE) or at
 * once, or there is nothing to show.
 */
static void
ens_share_list_restart (EnsShareList *self,
                        gboolean      now)
{
  g_object_freeze_notify (G_OBJECT (self));

  ens_share_list_cancel_load (self);
  ens_share_list_set_error (self, NULL);
  ens_share_list_clear (self);

  if (self->image_id != NULL && self->enabled)
    {
      ens_share_list_set_state (self, ENS_SHARE_LIST_LOADING);
      if (now)
        ens_share_list_load (self);
      else
        self->load_timeout_id = g_timeout_add (LOAD_DELAY_MS, load_timeout_cb, self);
    }
  else
    {
      ens_share_list_set_state (self, ENS_SHARE_LIST_HINT);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ens_share_list_set_image_id:
 * @self: a #EnsShareList
 * @image_id: (nullable): a valid image ID, or %NULL for none
 *
 * Shows @image_id's list: what was shown goes at once, and the list loads
 * once @image_id has stayed for 400 ms (typing), if enabled.  The same ID
 * again changes nothing.
 */
void
ens_share_list_set_image_id (EnsShareList *self,
                             const char   *image_id)
{
  g_return_if_fail (ENS_IS_SHARE_LIST (self));

  if (g_strcmp0 (self->image_id, image_id) == 0)
    return;

  g_free (self->image_id);
  self->image_id = g_strdup (image_id);

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_IMAGE_ID);
  ens_share_list_restart (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ens_share_list_get_image_id (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  return self->image_id;
}

/**
 * ens_share_list_set_enabled:
 * @self: a #EnsShareList
 * @enabled: whether the list may be read
 *
 * Disabling (signing out) cancels a load and shows nothing; enabling loads
 * the list of the image at once, if there is one.
 */
void
ens_share_list_set_enabled (EnsShareList *self,
                            gboolean      enabled)
{
  g_return_if_fail (ENS_IS_SHARE_LIST (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_ENABLED);
  ens_share_list_restart (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
ens_share_list_get_enabled (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), FALSE);

  return self->enabled;
}

/**
 * ens_share_list_load:
 * @self: a #EnsShareList
 *
 * Loads the list now, replacing a load in flight or waiting (Refresh,
 * Enter in the image row, after a change).  Does nothing without an image
 * or when disabled.
 */
void
ens_share_list_load (EnsShareList *self)
{
  LoadOp *op;

  g_return_if_fail (ENS_IS_SHARE_LIST (self));

  ens_share_list_cancel_load (self);

  if (self->image_id == NULL || !self->enabled)
    return;

  g_debug ("Loading the share list of %s", self->image_id);

  self->load_cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));
  ens_share_list_set_error (self, NULL);
  ens_share_list_clear (self);
  ens_share_list_set_state (self, ENS_SHARE_LIST_LOADING);
  g_object_thaw_notify (G_OBJECT (self));

  op = g_new0 (LoadOp, 1);
  op->self = self;
  op->cancellable = g_object_ref (self->load_cancellable);

  ens_client_describe_image_share_permission_async (self->client,
                                                    self->image_id,
                                                    self->load_cancellable,
                                                    describe_share_cb,
                                                    op);
}

EnsShareListState
ens_share_list_get_state (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), ENS_SHARE_LIST_HINT);

  return self->state;
}

/**
 * ens_share_list_get_model:
 * @self: a #EnsShareList
 *
 * Returns: (transfer none): a #GListModel of #EnsSharedAccount
 */
GListModel *
ens_share_list_get_model (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  return G_LIST_MODEL (self->model);
}

const GError *
ens_share_list_get_error (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  return self->error;
}

const char *
ens_share_list_get_error_text (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  return self->error_text;
}

gboolean
ens_share_list_get_loaded (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), FALSE);

  return self->state == ENS_SHARE_LIST_LIST || self->state == ENS_SHARE_LIST_EMPTY;
}

/**
 * ens_share_list_contains:
 * @self: a #EnsShareList
 * @account: an account ID
 *
 * Returns: whether the loaded list has @account (%FALSE when not loaded)
 */
gboolean
ens_share_list_contains (EnsShareList *self,
                         const char   *account)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return self->accounts != NULL && g_hash_table_contains (self->accounts, account);
}

/**
 * ens_share_list_get_accounts:
 * @self: a #EnsShareList
 *
 * Returns: (transfer none) (nullable) (element-type utf8 utf8): the
 *   accounts of the loaded list as keys, or %NULL unless loaded.  The
 *   table is replaced, never changed, by a later load.
 */
GHashTable *
ens_share_list_get_accounts (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  return self->accounts;
}

/**
 * ens_share_list_dup_accounts:
 * @self: a #EnsShareList
 *
 * Returns: (transfer full): the accounts of the model, in its order
 *   (empty unless loaded)
 */
GStrv
ens_share_list_dup_accounts (EnsShareList *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n;

  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), NULL);

  builder = g_strv_builder_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      g_strv_builder_add (builder, ens_shared_account_get_account (item));
    }

  return g_strv_builder_end (builder);
}

gboolean
ens_share_list_get_complete (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), TRUE);

  return self->complete;
}

guint
ens_share_list_get_n_items (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

guint
ens_share_list_get_n_selected (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), 0);

  return self->n_selected;
}

gboolean
ens_share_list_get_all_selected (EnsShareList *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_LIST (self), FALSE);

  return self->n_selected > 0 &&
         self->n_selected == g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

/* }}} */
