/* ens-share-editor-run.c
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

#include "ens-share-editor-private.h"

/*
 * The editor's changes: running a plan, what follows it (the pending list
 * settled, the toast, or the wait for the list that verifies it), Undo and
 * Cancel.  The editor's state and properties are in ens-share-editor.c.
 */

/* Toasts {{{ */

static char *
describe_change (guint n_add,
                 guint n_remove)
{
  if (n_remove == 0)
    return g_strdup_printf (ngettext ("Shared with %u account",
                                      "Shared with %u accounts", n_add),
                            n_add);
  if (n_add == 0)
    return g_strdup_printf (ngettext ("Stopped sharing with %u account",
                                      "Stopped sharing with %u accounts", n_remove),
                            n_remove);

  return g_strdup_printf (ngettext ("Changed sharing for %u account",
                                    "Changed sharing for %u accounts", n_add + n_remove),
                          n_add + n_remove);
}

/* Reports what @plan did, with "Undo" running exactly the inverse change.
 * Uncertain outcomes count as not done: Undo never reverts a change that
 * may not have happened. */
static void
ens_share_editor_show_plan_toast (EnsShareEditor *self,
                                  EnsSharePlan   *plan)
{
  g_autoptr(EnsSharePlan) inverse = NULL;
  g_autofree char *title = NULL;
  guint n_add = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE);
  guint n_remove = ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  guint number;

  if (n_add + n_remove == 0)
    {
      /* Never "nothing was changed" while that is not known. */
      if (ens_share_plan_count_uncertain (plan) > 0)
        g_signal_emit_by_name (self, "toast", _("Not known whether anything changed: the answers were lost"), 0);
      else
        g_signal_emit_by_name (self, "toast", _("Cancelled, nothing was changed"), 0);
      return;
    }

  /* What the list read again contradicts is not claimed as done (the
   * window says which: EnsShareEditor::disagrees). */
  if (ens_share_plan_count_verification (plan, ENS_VERIFY_DISAGREES) > 0)
    title = g_strdup (_("Change made; see what the lists say"));
  else
    title = describe_change (n_add, n_remove);
  inverse = ens_share_plan_new_inverse (plan);
  number = ens_change_runner_add_undo (self->runner, inverse);

  g_signal_emit_by_name (self, "toast", title, number);
}

/* The first account of @plan that failed for certain, in plan order. */
static const GError *
first_failure (EnsSharePlan *plan)
{
  for (guint i = 0; i < ens_share_plan_get_n_accounts (plan); i++)
    if (ens_share_plan_get_state (plan, i) == ENS_OUTCOME_FAILED &&
        !ens_share_plan_is_uncertain (plan, i))
      return ens_share_plan_get_error (plan, i);

  return NULL;
}

/* Reports a run whose uncertain outcomes are settled (or cannot be). */
static void
ens_share_editor_report (EnsShareEditor *self,
                         EnsSharePlan   *plan,
                         const GError   *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  ens_share_editor_show_plan_toast (self, plan);

  if (error != NULL && !cancelled)
    g_signal_emit_by_name (self, "failed", error, plan);
}

/*
 * A request whose answer was lost (the connection broke, the answer timed
 * out or could not be read), or that was in flight when the user pressed
 * Cancel, may have been carried out all the same.  Once the share list
 * has been read again, it tells: this reports the change as it really
 * happened, "Undo" reverts exactly that, and only what really failed is
 * reported as a failure.
 */
static void
ens_share_editor_report_verified (EnsShareEditor *self,
                                  EnsSharePlan   *plan,
                                  const GError   *error)
{
  g_autoptr(EnsSharePlan) reconciled = NULL;
  g_auto(GStrv) shared_now = NULL;
  g_auto(GStrv) verified_adds = NULL;
  const GError *failure;
  guint n_disagree;

  shared_now = ens_share_list_dup_accounts (self->share_list);
  reconciled = ens_share_plan_reconcile (plan, (const char * const *)shared_now);
  /* Every account the server said was changed is checked in the list. */
  n_disagree = ens_share_plan_verify (reconciled, ens_share_plan_get_image_id (plan),
                                      (const char * const *)shared_now);

  /* Accounts that turned out to be shared leave the pending list too. */
  verified_adds = ens_share_plan_dup_accounts (reconciled, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE);
  ens_pending_list_remove_accounts (self->pending, (const char * const *)verified_adds);

  ens_share_editor_show_plan_toast (self, reconciled);
  if (n_disagree > 0)
    g_signal_emit_by_name (self, "disagrees", reconciled);

  failure = first_failure (reconciled);
  if (failure != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit_by_name (self, "failed", failure, reconciled);
}

void
_ens_share_editor_share_list_loaded (EnsShareEditor *self,
                                     EnsShareList   *share_list)
{
  g_autoptr(EnsSharePlan) plan = g_steal_pointer (&self->verify_plan);
  g_autoptr(GError) error = g_steal_pointer (&self->verify_error);

  if (plan == NULL)
    return;

  /* A list that may be incomplete cannot tell that an account is gone. */
  if (ens_share_list_get_loaded (share_list) && ens_share_list_get_complete (share_list) &&
      g_strcmp0 (ens_share_plan_get_image_id (plan), ens_share_list_get_image_id (share_list)) == 0)
    ens_share_editor_report_verified (self, plan, error);
  else
    ens_share_editor_report (self, plan, error);
}

/* }}} */

/* Verifying {{{ */

void
_ens_share_editor_share_list_state_changed (EnsShareEditor *self)
{
  /* No list will come to verify against (no image, or signed out): say
   * what is certain. */
  if (self->verify_plan != NULL &&
      ens_share_list_get_state (self->share_list) == ENS_SHARE_LIST_HINT)
    {
      g_autoptr(EnsSharePlan) plan = g_steal_pointer (&self->verify_plan);
      g_autoptr(GError) error = g_steal_pointer (&self->verify_error);

      ens_share_editor_report (self, plan, error);
    }
}

/* }}} */

/* Running plans {{{ */

void
_ens_share_editor_finish_run (EnsShareEditor *self,
                              EnsSharePlan   *plan,
                              const GError   *error)
{
  const char *image_id = ens_share_plan_get_image_id (plan);
  gboolean cancelled;
  gboolean shown;
  guint n_done;
  guint n_uncertain;

  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));

  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  n_done = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE) +
           ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  /* The image is on show and its list will be read again. */
  shown = g_strcmp0 (image_id, self->image_id) == 0 &&
          ens_share_list_get_enabled (self->share_list);

  ens_pending_list_settle (self->pending, plan);

  n_uncertain = ens_share_plan_count_uncertain (plan);

  if ((n_uncertain > 0 || n_done > 0) && shown)
    {
      /* The toast and any failure wait for the share list, which says
       * what really happened (answers lost) and verifies what the server
       * answered.  One still waiting says what is certain. */
      if (self->verify_plan != NULL)
        {
          g_autoptr(EnsSharePlan) previous = g_steal_pointer (&self->verify_plan);
          g_autoptr(GError) previous_error = g_steal_pointer (&self->verify_error);

          ens_share_editor_report (self, previous, previous_error);
        }
      self->verify_plan = g_object_ref (plan);
      self->verify_error = error != NULL ? g_error_copy (error) : NULL;
    }
  else if (n_done > 0 || cancelled)
    {
      ens_share_editor_show_plan_toast (self, plan);
    }

  if (shown)
    ens_share_list_load (self->share_list);

  _ens_share_editor_update_state (self);

  if (error != NULL && !cancelled && self->verify_plan != plan)
    g_signal_emit_by_name (self, "failed", error, plan);

  g_signal_emit_by_name (self, "finished", plan);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(EnsShareEditor) self = user_data;
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = ens_change_runner_run_finish (ENS_CHANGE_RUNNER (object), result, &error);
  _ens_share_editor_finish_run (self, plan, error);
}

/* The run holds a reference on the editor until it ends: requests in
 * flight run to their end even after Cancel. */
static void
ens_share_editor_run (EnsShareEditor *self,
                      EnsSharePlan   *plan)
{
  g_assert (!ens_change_runner_get_running (self->runner));

  ens_change_runner_run_async (self->runner, plan, NULL, run_cb, g_object_ref (self));
}

/* }}} */

/* Commands {{{ */

/**
 * ens_share_editor_share:
 * @self: a #EnsShareEditor
 *
 * Adds the draft (Ctrl+Return takes what is still typed), then shares the
 * image with the ready accounts.
 */
void
ens_share_editor_share (EnsShareEditor *self)
{
  g_autoptr(EnsSharePlan) plan = NULL;
  g_auto(GStrv) accounts = NULL;

  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  if (ens_share_editor_get_busy (self))
    return;

  if (self->draft[0] != '\0')
    ens_share_editor_add_draft (self);

  if (self->image_id == NULL || !ens_share_editor_get_signed_in (self))
    return;

  accounts = ens_pending_list_dup_ready (self->pending);
  if (accounts[0] == NULL)
    return;

  plan = ens_share_plan_new (self->image_id, (const char * const *)accounts, NULL);
  ens_share_editor_run (self, plan);
}

/**
 * ens_share_editor_stop_sharing:
 * @self: a #EnsShareEditor
 * @accounts: (array zero-terminated=1): accounts to stop sharing the
 *   image with (the confirmation is the caller's)
 */
void
ens_share_editor_stop_sharing (EnsShareEditor     *self,
                               const char * const *accounts)
{
  g_autoptr(EnsSharePlan) plan = NULL;

  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  if (accounts == NULL || accounts[0] == NULL || self->image_id == NULL ||
      ens_share_editor_get_busy (self) || !ens_share_editor_get_signed_in (self))
    return;

  plan = ens_share_plan_new (self->image_id, NULL, accounts);
  ens_share_editor_run (self, plan);
}

/**
 * ens_share_editor_undo:
 * @self: a #EnsShareEditor
 * @number: the undo number a "toast" gave
 *
 * Runs the inverse of the change that toast reported, once.
 *
 * Returns: whether it runs (not when busy, signed out, or the number is
 *   unknown or used)
 */
gboolean
ens_share_editor_undo (EnsShareEditor *self,
                       guint           number)
{
  g_autoptr(EnsSharePlan) plan = NULL;

  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  if (ens_share_editor_get_busy (self) || !ens_share_editor_get_signed_in (self))
    return FALSE;

  plan = ens_change_runner_take_undo (self->runner, number);
  if (plan == NULL)
    return FALSE;

  ens_share_editor_run (self, plan);

  return TRUE;
}

/**
 * ens_share_editor_cancel:
 * @self: a #EnsShareEditor
 *
 * Stops the running change: what has not started is not sent.
 */
void
ens_share_editor_cancel (EnsShareEditor *self)
{
  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  ens_change_runner_cancel (self->runner);
}

/* }}} */
