/* ens-session-recipients.c
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

#include "ens-session-private.h"

/* The session's address book: see ens_session_set_store(). */

static void
recipients_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ens_recipients_load_finish (ENS_RECIPIENTS (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the address book: %s", error->message);
}

static gboolean
load_recipients_idle_cb (gpointer user_data)
{
  EnsSession *self = ENS_SESSION (user_data);

  if (self->recipients != NULL && !g_cancellable_is_cancelled (self->cancellable))
    ens_recipients_load_async (self->recipients, self->cancellable, recipients_loaded_cb, NULL);

  return G_SOURCE_REMOVE;
}

/**
 * ens_session_set_store:
 * @store: the one database of this process (the history's)
 *
 * Gives the session its address book on @store.  The book is read on a
 * worker thread once the main loop is idle, so that it never delays the
 * first frame; until then every account shows as its bare ID.
 */
void
ens_session_set_store (EnsSession *self,
                       EnsStore   *store)
{
  g_return_if_fail (ENS_IS_SESSION (self));
  g_return_if_fail (ENS_IS_STORE (store));

  if (self->recipients != NULL && ens_recipients_get_store (self->recipients) == store)
    return;

  g_clear_object (&self->recipients);
  self->recipients = ens_recipients_new (store);
  g_idle_add_full (G_PRIORITY_LOW, load_recipients_idle_cb,
                   g_object_ref (self), g_object_unref);
  g_object_notify (G_OBJECT (self), "recipients");
}

/**
 * ens_session_get_recipients:
 *
 * Returns: (transfer none) (nullable): the address book, a #GListModel of
 *   #EnsRecipient; %NULL before ens_session_set_store()
 */
EnsRecipients *
ens_session_get_recipients (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->recipients;
}

/**
 * ens_session_dup_account_label:
 * @account_id: an account ID
 *
 * How the window names an account in a list: "Partner A · 1234…3456" when
 * the book names it (the full ID goes in the tooltip and the accessible
 * description), the full ID alone otherwise.  Safe to show.
 *
 * Returns: (transfer full): the label
 */
char *
ens_session_dup_account_label (EnsSession *self,
                               const char *account_id)
{
  EnsRecipient *recipient = NULL;
  g_autofree char *safe_name = NULL;
  g_autofree char *safe_id = NULL;
  glong len;

  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (self->recipients != NULL)
    recipient = ens_recipients_lookup (self->recipients, account_id);
  safe_id = ens_text_sanitize (account_id, -1);
  if (recipient == NULL)
    return g_steal_pointer (&safe_id);

  safe_name = ens_text_sanitize (ens_recipient_get_name (recipient), -1);
  len = g_utf8_strlen (safe_id, -1);
  if (len <= 8)
    return g_strdup_printf ("%s · %s", safe_name, safe_id);

  return g_strdup_printf ("%s · %.4s…%s", safe_name, safe_id, g_utf8_offset_to_pointer (safe_id, len - 4));
}

/**
 * ens_session_dup_account_name:
 * @account_id: an account ID
 *
 * Returns: (transfer full) (nullable): the name the book gives @account_id
 */
char *
ens_session_dup_account_name (EnsSession *self,
                              const char *account_id)
{
  EnsRecipient *recipient;

  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (self->recipients == NULL)
    return NULL;
  recipient = ens_recipients_lookup (self->recipients, account_id);

  return recipient != NULL ? g_strdup (ens_recipient_get_name (recipient)) : NULL;
}
