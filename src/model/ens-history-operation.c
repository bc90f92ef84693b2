/* ens-history-operation.c
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

#include "ens-history-operation.h"

struct _EnsHistoryOperation
{
  GObject                 parent_instance;

  EnsHistoryOperationRow  row;      /* its strings owned */
  char                   *title;
  char                   *subtitle;
};

G_DEFINE_FINAL_TYPE (EnsHistoryOperation, ens_history_operation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SUCCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * ens_history_describe_state:
 *
 * Returns: the outcome of one account, translated, e.g. "not attempted"
 */
const char *
ens_history_describe_state (EnsHistoryState state)
{
  switch (state)
    {
    case ENS_HISTORY_PLANNED:
    case ENS_HISTORY_SENDING:
    case ENS_HISTORY_UNKNOWN:
      /* Translators: the outcome of one account in --history */
      return _("unknown");
    case ENS_HISTORY_DONE:
      return _("done");
    case ENS_HISTORY_FAILED:
      return _("failed");
    case ENS_HISTORY_NOT_ATTEMPTED:
      return _("not attempted");
    case ENS_HISTORY_CONFIRMED:
      return _("confirmed");
    case ENS_HISTORY_DID_NOT_HAPPEN:
      return _("did not happen");
    default:
      return "?";
    }
}

static char *
make_title (const EnsHistoryOperationRow *row)
{
  guint n_remove = row->n_accounts - row->n_add;

  if (n_remove == 0)
    return g_strdup_printf (ngettext ("Shared with %u account", "Shared with %u accounts", row->n_add),
                            row->n_add);
  if (row->n_add == 0)
    return g_strdup_printf (ngettext ("Stopped sharing with %u account",
                                      "Stopped sharing with %u accounts", n_remove),
                            n_remove);

  /* Translators: both in one change, e.g. "Shared with 2, stopped sharing with 1" */
  return g_strdup_printf (_("Shared with %u, stopped sharing with %u"), row->n_add, n_remove);
}

/**
 * ens_history_operation_dup_counts:
 *
 * Returns: (transfer full): the counts per outcome, translated, those
 *   that are 0 left out, e.g. "2 done, 1 failed"
 */
char *
ens_history_operation_dup_counts (const EnsHistoryOperationRow *row)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (row->n_done > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u done"), row->n_done));
  if (row->n_failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u failed"), row->n_failed));
  if (row->n_not_attempted > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u not attempted"), row->n_not_attempted));
  if (row->n_unknown > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u unknown"), row->n_unknown));
  g_ptr_array_add (parts, NULL);

  /* Translators: between the counts per outcome */
  return g_strjoinv (_(", "), (char **)parts->pdata);
}

static char *
make_subtitle (const EnsHistoryOperationRow *row)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (row->started_at / G_USEC_PER_SEC);
  g_autofree char *when = time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
  g_autofree char *image = NULL;
  g_autofree char *counts = ens_history_operation_dup_counts (row);
  const char *origin = g_strcmp0 (row->origin, "cli") == 0 ? _("command line") : _("window");

  if (row->image_name != NULL)
    /* Translators: an image's name, then its ID */
    image = g_strdup_printf (_("%s (%s)"), row->image_name, row->image_id);
  else
    image = g_strdup (row->image_id);

  if (row->n_images > 1)
    {
      g_autofree char *first = g_steal_pointer (&image);

      /* Translators: the first image of a change to several, and how many more */
      image = g_strdup_printf (ngettext ("%s and %u more image", "%s and %u more images", row->n_images - 1),
                               first, row->n_images - 1);
    }

  /* Translators: time · image · counts · window or command line · profile,
   * e.g. "2026-12-06 14:02 · m-5wgc7l · 3 done · window · default" */
  return g_strdup_printf (_("%s · %s · %s · %s · %s"), when, image, counts, origin,
                          row->profile != NULL ? row->profile : "-");
}

static void
ens_history_operation_finalize (GObject *object)
{
  EnsHistoryOperation *self = (EnsHistoryOperation *)object;

  g_free (self->row.origin);
  g_free (self->row.profile);
  g_free (self->row.access_key_id);
  g_free (self->row.caller_account_id);
  g_free (self->row.caller_user);
  g_free (self->row.image_id);
  g_free (self->row.image_name);
  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (ens_history_operation_parent_class)->finalize (object);
}

static void
ens_history_operation_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  EnsHistoryOperation *self = ENS_HISTORY_OPERATION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_SUCCESS:
      g_value_set_boolean (value, ens_history_operation_get_success (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_history_operation_class_init (EnsHistoryOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_history_operation_finalize;
  object_class->get_property = ens_history_operation_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUCCESS] =
    g_param_spec_boolean ("success", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_history_operation_init (EnsHistoryOperation *self)
{
}

/**
 * ens_history_operation_new:
 * @row: an operation read from the history; copied
 *
 * Returns: (transfer full): the item
 */
EnsHistoryOperation *
ens_history_operation_new (const EnsHistoryOperationRow *row)
{
  EnsHistoryOperation *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (ENS_TYPE_HISTORY_OPERATION, NULL);
  self->row = *row;
  self->row.origin = g_strdup (row->origin);
  self->row.profile = g_strdup (row->profile);
  self->row.access_key_id = g_strdup (row->access_key_id);
  self->row.caller_account_id = g_strdup (row->caller_account_id);
  self->row.caller_user = g_strdup (row->caller_user);
  self->row.image_id = g_strdup (row->image_id);
  self->row.image_name = g_strdup (row->image_name);
  self->title = make_title (row);
  self->subtitle = make_subtitle (row);

  return self;
}

const EnsHistoryOperationRow *
ens_history_operation_get_row (EnsHistoryOperation *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_OPERATION (self), NULL);

  return &self->row;
}

gint64
ens_history_operation_get_id (EnsHistoryOperation *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_OPERATION (self), 0);

  return self->row.operation_id;
}

const char *
ens_history_operation_get_title (EnsHistoryOperation *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_OPERATION (self), NULL);

  return self->title;
}

const char *
ens_history_operation_get_subtitle (EnsHistoryOperation *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_OPERATION (self), NULL);

  return self->subtitle;
}

gboolean
ens_history_operation_get_success (EnsHistoryOperation *self)
{
  g_return_val_if_fail (ENS_IS_HISTORY_OPERATION (self), FALSE);

  return self->row.n_done == self->row.n_accounts;
}
