/* ens-history-list.c
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

#include "ens-history-list.h"

struct _EnsHistoryList
{
  GObject        parent_instance;

  /* Owned references */
  EnsHistory    *history;
  GPtrArray     *items;          /* of EnsHistoryOperation */
  GCancellable  *cancellable;    /* the page being read */
  char          *search;
  char          *image_id;
  char          *error;

  gint64         since;
  gint64         until;
  guint          opened : 1;
  guint          loading : 1;
  guint          has_more : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsHistoryList, ens_history_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_IMAGE_ID,
  PROP_SINCE,
  PROP_UNTIL,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76; the floor is 2.74. */
static gboolean
set_str (char       **str,
         const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);

  return TRUE;
}

/* GListModel {{{ */

static GType
get_item_type (GListModel *model)
{
  return ENS_TYPE_HISTORY_OPERATION;
}

static guint
get_n_items (GListModel *model)
{
  return ENS_HISTORY_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  EnsHistoryList *self = ENS_HISTORY_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* }}} */

/* Reading pages {{{ */

static void
set_loading (EnsHistoryList *self,
             gboolean        loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (EnsHistoryList *self,
              gboolean        has_more)
{
  if (self->has_more == !!has_more)
    return;
  self->has_more = !!has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_error (EnsHistoryList *self,
           const char     *error)
{
  if (set_str (&self->error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EnsHistoryList) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  rows = ens_history_query_operations_finish (ENS_HISTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer read has started */

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (rows == NULL)
    {
      g_debug ("The history cannot be read: %s", error->message);
      set_error (self, error->message);
      set_has_more (self, FALSE);
      return;
    }

  set_error (self, NULL);
  position = self->items->len;
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (self->items, ens_history_operation_new (g_ptr_array_index (rows, i)));
  set_has_more (self, rows->len == ENS_HISTORY_LIST_PAGE_SIZE);
  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, rows->len);
}

static void
read_page (EnsHistoryList *self)
{
  EnsHistoryFilter filter;

  ens_history_list_get_filter (self, &filter);
  ens_history_query_operations_async (self->history, &filter, self->items->len,
                                      ENS_HISTORY_LIST_PAGE_SIZE, self->cancellable,
                                      page_cb, g_object_ref (self));
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EnsHistoryList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ens_history_open_finish (ENS_HISTORY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      set_loading (self, FALSE);
      set_error (self, error->message);
      return;
    }

  self->opened = TRUE;
  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    read_page (self);
}

static void
start_read (EnsHistoryList *self)
{
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  if (self->opened)
    read_page (self);
  else
    ens_history_open_async (self->history, self->cancellable, open_cb, g_object_ref (self));
}

/**
 * ens_history_list_reload:
 *
 * Reads the first page again (and only it), e.g. after a change was
 * recorded.  A page being read is given up.
 */
void
ens_history_list_reload (EnsHistoryList *self)
{
  guint removed;

  g_return_if_fail (ENS_IS_HISTORY_LIST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  set_has_more (self, FALSE);

  start_read (self);
}

/**
 * ens_history_list_load_more:
 *
 * Appends the next page, unless one is being read or the last was not full.
 */
void
ens_history_list_load_more (EnsHistoryList *self)
{
  g_return_if_fail (ENS_IS_HISTORY_LIST (self));

  if (self->loading || !self->has_more)
    return;

  start_read (self);
}

/* }}} */

/* Filters {{{ */

/**
 * ens_history_list_get_filter:
 * @filter: (out caller-allocates): the filter now in use, its strings
 *   owned by @self (valid until the filter changes)
 *
 * What Export… writes: the entries of the operations listed.
 */
void
ens_history_list_get_filter (EnsHistoryList   *self,
                             EnsHistoryFilter *filter)
{
  g_return_if_fail (ENS_IS_HISTORY_LIST (self));
  g_return_if_fail (filter != NULL);

  *filter = (EnsHistoryFilter) {
    .since = self->since,
    .until = self->until,
    .image_id = self->image_id,
    .search = self->search != NULL && self->search[0] != '\0' ? self->search : NULL,
  };
}

void
ens_history_list_set_search (EnsHistoryList *self,
                             const char     *search)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (ENS_IS_HISTORY_LIST (self));

  stripped = g_strstrip (g_strdup (search != NULL ? search : ""));
  if (!set_str (&self->search, stripped))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  ens_history_list_reload (self);
}

const char *
ens_history_list_get_search (EnsHistoryList *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_LIST (self), NULL);

  return self->search;
}

void
ens_history_list_set_image_id (EnsHistoryList *self,
                               const char     *image_id)
{
  g_return_if_fail (ENS_IS_HISTORY_LIST (self));

  if (image_id != NULL && image_id[0] == '\0')
    image_id = NULL;
  if (!set_str (&self->image_id, image_id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_ID]);
  ens_history_list_reload (self);
}

/**
 * ens_history_list_set_range:
 * @since: the first moment (µs since 1970, UTC), or 0
 * @until: the moment after the last (µs since 1970, UTC), or 0
 */
void
ens_history_list_set_range (EnsHistoryList *self,
                            gint64          since,
                            gint64          until)
{
  g_return_if_fail (ENS_IS_HISTORY_LIST (self));

  if (self->since == since && self->until == until)
    return;

  if (self->since != since)
    {
      self->since = since;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
    }
  if (self->until != until)
    {
      self->until = until;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNTIL]);
    }
  ens_history_list_reload (self);
}

/* }}} */

/* Entries of one operation {{{ */

static void
entries_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *rows;
  GError *error = NULL;

  rows = ens_history_query_finish (ENS_HISTORY (object), result, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * ens_history_list_load_entries_async:
 * @operation: an item of @self
 *
 * Reads every account of @operation, in plan order.
 */
void
ens_history_list_load_entries_async (EnsHistoryList      *self,
                                     EnsHistoryOperation *operation,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EnsHistoryFilter filter = { 0, };

  g_return_if_fail (ENS_IS_HISTORY_LIST (self));
  g_return_if_fail (ENS_IS_HISTORY_OPERATION (operation));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_history_list_load_entries_async);

  filter.operation_id = ens_history_operation_get_id (operation);
  ens_history_query_async (self->history, &filter, 0, 0, cancellable, entries_cb, g_steal_pointer (&task));
}

/**
 * ens_history_list_load_entries_finish:
 *
 * Returns: (transfer container) (element-type EnsHistoryRow): the accounts
 */
GPtrArray *
ens_history_list_load_entries_finish (EnsHistoryList  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (ENS_IS_HISTORY_LIST (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */

/* GObject {{{ */

static void
ens_history_list_dispose (GObject *object)
{
  EnsHistoryList *self = (EnsHistoryList *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (ens_history_list_parent_class)->dispose (object);
}

static void
ens_history_list_finalize (GObject *object)
{
  EnsHistoryList *self = (EnsHistoryList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (ens_history_list_parent_class)->finalize (object);
}

static void
ens_history_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EnsHistoryList *self = ENS_HISTORY_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_IMAGE_ID:
      g_value_set_string (value, self->image_id);
      break;

    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;

    case PROP_UNTIL:
      g_value_set_int64 (value, self->until);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_history_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EnsHistoryList *self = ENS_HISTORY_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      ens_history_list_set_search (self, g_value_get_string (value));
      break;

    case PROP_IMAGE_ID:
      ens_history_list_set_image_id (self, g_value_get_string (value));
      break;

    case PROP_SINCE:
      ens_history_list_set_range (self, g_value_get_int64 (value), self->until);
      break;

    case PROP_UNTIL:
      ens_history_list_set_range (self, self->since, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_history_list_class_init (EnsHistoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ens_history_list_dispose;
  object_class->finalize = ens_history_list_finalize;
  object_class->get_property = ens_history_list_get_property;
  object_class->set_property = ens_history_list_set_property;

  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, "", rw);
  properties[PROP_IMAGE_ID] = g_param_spec_string ("image-id", NULL, NULL, NULL, rw);
  properties[PROP_SINCE] = g_param_spec_int64 ("since", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_UNTIL] = g_param_spec_int64 ("until", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_history_list_init (EnsHistoryList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->search = g_strdup ("");
}

/**
 * ens_history_list_new:
 * @history: where to read; opened if it is not
 *
 * Returns: (transfer full): the list, its first page being read
 */
EnsHistoryList *
ens_history_list_new (EnsHistory *history)
{
  EnsHistoryList *self;

  g_return_val_if_fail (ENS_IS_HISTORY (history), NULL);

  self = g_object_new (ENS_TYPE_HISTORY_LIST, NULL);
  self->history = g_object_ref (history);
  start_read (self);

  return self;
}

EnsHistory *
ens_history_list_get_history (EnsHistoryList *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_LIST (self), NULL);

  return self->history;
}

gboolean
ens_history_list_get_loading (EnsHistoryList *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_LIST (self), FALSE);

  return self->loading;
}

gboolean
ens_history_list_get_has_more (EnsHistoryList *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_LIST (self), FALSE);

  return self->has_more;
}

const char *
ens_history_list_get_error (EnsHistoryList *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_LIST (self), NULL);

  return self->error;
}

/* }}} */
