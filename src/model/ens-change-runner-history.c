/* ens-change-runner-history.c
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

#include "ens-caller-identity.h"
#include "ens-change-runner-private.h"

/* History {{{ */

static void
recover_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EnsChangeRunner) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EnsHistoryRecovery recovery = { 0, };

  if (!ens_history_recover_finish (ENS_HISTORY (object), result, &recovery, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not check the changes left unfinished: %s", error->message);
      return;
    }

  message = ens_history_recovery_dup_message (&recovery);
  if (message != NULL)
    _ens_change_runner_emit_notice (self, message);
}

static void
identity_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EnsCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;

  identity = ens_client_get_caller_identity_finish (ENS_CLIENT (object), result, &error);
  if (identity == NULL)
    g_debug ("Whose AccessKey this is stays unknown: %s", error->message);
}

static void
open_for_recovery_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EnsChangeRunner) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  if (!ens_history_open_finish (ENS_HISTORY (object), result, &error))
    {
      /* Said when a change is tried: it is then refused. */
      g_debug ("The history cannot be opened: %s", error->message);
      return;
    }

  moved = ens_history_dup_moved_aside_message (self->history);
  if (moved != NULL)
    _ens_change_runner_emit_notice (self, moved);

  if (self->session == NULL || !ens_session_get_signed_in (self->session) ||
      ens_session_get_demo (self->session) || g_cancellable_is_cancelled (self->recover_cancellable))
    return;

  ens_history_recover_async (self->history, ens_session_get_client (self->session),
                             ens_session_get_access_key_id (self->session),
                             self->recover_cancellable, recover_cb, g_object_ref (self));

  /* Who signs, for the record of the next change; the client keeps it
   * (ens_client_peek_caller_identity()).  A refusal leaves it unknown.
   * A session that loads the account asks already: one request, not two
   * racing each other. */
  if (!ens_session_get_load_account (self->session) &&
      ens_client_peek_caller_identity (ens_session_get_client (self->session)) == NULL)
    ens_client_get_caller_identity_async (ens_session_get_client (self->session),
                                          self->recover_cancellable, identity_cb, NULL);
}

/**
 * ens_change_runner_recover:
 * @self: a #EnsChangeRunner
 *
 * Checks what runs that ended without finishing (a crash, the app
 * killed) left unfinished for the signed-in AccessKey, against the share
 * lists, and records what it finds.  #EnsChangeRunner::notice says so,
 * once.  Does nothing without a history, signed out or in the demo.
 */
void
ens_change_runner_recover (EnsChangeRunner *self)
{
  g_return_if_fail (ENS_IS_CHANGE_RUNNER (self));

  if (self->history == NULL)
    return;

  if (self->recover_cancellable != NULL)
    g_cancellable_cancel (self->recover_cancellable);
  g_clear_object (&self->recover_cancellable);
  self->recover_cancellable = g_cancellable_new ();

  ens_history_open_async (self->history, self->recover_cancellable,
                          open_for_recovery_cb, g_object_ref (self));
}

/**
 * ens_change_runner_set_history:
 * @self: a #EnsChangeRunner
 * @history: (nullable): where to record changes; %NULL not to
 * @session: (nullable): who is signed in (profile and AccessKey ID)
 *
 * From now on every plan is written to @history before it is sent, and
 * refused (with %ENS_ERROR_STORAGE, nothing sent) when that fails.  Plans
 * of the demo are not recorded.
 */
void
ens_change_runner_set_history (EnsChangeRunner *self,
                               EnsHistory      *history,
                               EnsSession      *session)
{
  g_return_if_fail (ENS_IS_CHANGE_RUNNER (self));
  g_return_if_fail (history == NULL || ENS_IS_HISTORY (history));
  g_return_if_fail (session == NULL || ENS_IS_SESSION (session));

  g_set_object (&self->history, history);
  /* Weak: the session outlives the windows, and must not be kept by
   * a runner that a run in flight keeps a moment longer. */
  g_set_weak_pointer (&self->session, session);
}

EnsHistory *
ens_change_runner_get_history (EnsChangeRunner *self)
{
  g_return_val_if_fail (ENS_IS_CHANGE_RUNNER (self), NULL);

  return self->history;
}

/**
 * ens_change_runner_set_names:
 * @self: a #EnsChangeRunner
 * @image_names: (nullable) (element-type utf8 utf8): image ID → image name
 * @recipient_names: (nullable) (element-type utf8 utf8): account ID →
 *   recipient name (the address book's)
 *
 * The names written to the history with each change from now on, as they
 * are when the change starts.  %NULL (the default) records none.
 */
void
ens_change_runner_set_names (EnsChangeRunner *self,
                             GHashTable      *image_names,
                             GHashTable      *recipient_names)
{
  g_return_if_fail (ENS_IS_CHANGE_RUNNER (self));

  if (image_names != NULL)
    g_hash_table_ref (image_names);
  g_clear_pointer (&self->image_names, g_hash_table_unref);
  self->image_names = image_names;

  if (recipient_names != NULL)
    g_hash_table_ref (recipient_names);
  g_clear_pointer (&self->recipient_names, g_hash_table_unref);
  self->recipient_names = recipient_names;
}

/* The write-ahead record of the running plan, with who makes it: the
 * caller's account and RAM user when the client knows them. */
void
_ens_change_runner_begin_record (EnsChangeRunner     *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  EnsCallerIdentity *identity = NULL;
  g_autofree char *user = NULL;
  EnsHistoryContext context = {
    .origin = "window",
    .image_names = self->image_names,
    .recipient_names = self->recipient_names,
  };

  if (self->session != NULL)
    {
      context.profile = ens_session_get_profile (self->session);
      context.access_key_id = ens_session_get_access_key_id (self->session);
      identity = ens_client_peek_caller_identity (ens_session_get_client (self->session));
    }
  if (identity != NULL)
    {
      user = ens_caller_identity_dup_user_name (identity);
      context.caller_account_id = ens_caller_identity_get_account_id (identity);
      context.caller_user = user;
    }

  ens_history_begin_async (self->history, self->plan, &context, NULL, callback, user_data);
}

/* }}} */
