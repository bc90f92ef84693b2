/* ens-window-plans.c
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

/*
 * Changes that span images, from the home page: "Share Selected Images…"
 * (one account list for every checked image) and "Copy Sharing From…"
 * (another image's accounts onto the open one).  Both go the same way:
 *
 *   preview  read each image's list; what would change nothing is
 *            skipped ("already shared", "was not shared") and named;
 *   confirm  nothing is sent before the person says so;
 *   apply    one plan through the editor's runner (progress bar, history,
 *            activity), one toast, one Undo for the whole change;
 *   verify   each image's list is read again: accounts are verified, or
 *            the window says plainly that the list disagrees.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ens-error-dialog.h"
#include "ens-message-dialog.h"
#include "ens-window-private.h"

/* How many accounts a line of the preview names before "and N more". */
#define MAX_NAMED 8

typedef struct
{
  EnsWindow    *self;
  EnsSharePlan *plan;
  char         *heading;
  guint         undo : 1;
} PlanFlow;

static void
plan_flow_free (PlanFlow *flow)
{
  g_clear_object (&flow->self);
  g_clear_object (&flow->plan);
  g_clear_pointer (&flow->heading, g_free);
  g_free (flow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlanFlow, plan_flow_free)

static const char *
image_label (EnsWindow  *self,
             const char *image_id)
{
  EnsImage *image = ens_image_catalog_lookup (ens_session_get_images (self->session), image_id);

  return image != NULL ? ens_image_get_display_name (image) : image_id;
}

/* "label: a, b, c and 4 more" of the accounts of @image_id at @change in
 * @state (and @skip, for SKIPPED), or nothing when there are none. */
static void
append_line (EnsWindow      *self,
             GString        *text,
             EnsSharePlan   *plan,
             const char     *image_id,
             EnsShareChange  change,
             EnsOutcomeState state,
             EnsSkipReason   skip,
             const char     *label)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();
  guint n = ens_share_plan_get_n_accounts (plan);

  for (guint i = 0; i < n; i++)
    if (ens_share_plan_get_change (plan, i) == change &&
        ens_share_plan_get_state (plan, i) == state &&
        (state != ENS_OUTCOME_SKIPPED || ens_share_plan_get_skip_reason (plan, i) == skip) &&
        g_strcmp0 (ens_share_plan_get_account_image_id (plan, i), image_id) == 0)
      g_ptr_array_add (accounts, (gpointer) ens_share_plan_get_account (plan, i));

  if (accounts->len == 0)
    return;

  g_string_append_printf (text, "\n  %s ", label);
  /* Each account by its name in the address book, when it has one. */
  for (guint i = 0; i < MIN (accounts->len, MAX_NAMED); i++)
    {
      g_autofree char *named = ens_session_dup_account_label (self->session, g_ptr_array_index (accounts, i));

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", named);
    }
  if (accounts->len > MAX_NAMED)
    /* Translators: after the first account IDs of a preview line. */
    g_string_append_printf (text, _(" and %u more"), accounts->len - MAX_NAMED);
}

/* What the plan will do (after the preview) or did (after verifying),
 * image by image. */
static char *
describe_plan (EnsWindow    *self,
               EnsSharePlan *plan,
               gboolean      done)
{
  g_auto(GStrv) image_ids = ens_share_plan_dup_image_ids (plan);
  GString *text = g_string_new (NULL);
  EnsOutcomeState state = done ? ENS_OUTCOME_DONE : ENS_OUTCOME_PENDING;

  for (guint i = 0; image_ids[i] != NULL; i++)
    {
      g_autofree char *name = ens_text_sanitize (image_label (self, image_ids[i]), -1);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, name);
      append_line (self, text, plan, image_ids[i], ENS_SHARE_CHANGE_ADD, state, ENS_SKIP_NONE,
                   done ? _("Added:") : _("Will add:"));
      append_line (self, text, plan, image_ids[i], ENS_SHARE_CHANGE_REMOVE, state, ENS_SKIP_NONE,
                   done ? _("Removed:") : _("Will remove:"));
      append_line (self, text, plan, image_ids[i], ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_SKIPPED,
                   ENS_SKIP_ALREADY_SHARED, _("Skipped, already shared:"));
      append_line (self, text, plan, image_ids[i], ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_SKIPPED,
                   ENS_SKIP_NOT_SHARED, _("Skipped, was not shared:"));
      if (done)
        append_line (self, text, plan, image_ids[i], ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_FAILED,
                     ENS_SKIP_NONE, _("Failed:"));
      if (done)
        append_line (self, text, plan, image_ids[i], ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED,
                     ENS_SKIP_NONE, _("Failed:"));
    }

  return g_string_free (text, FALSE);
}

static guint
count_to_send (EnsSharePlan *plan)
{
  return ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING) +
         ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_PENDING);
}

static void
show_message (EnsWindow  *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = ens_message_dialog_new (GTK_WINDOW (self), heading, body);

  ens_message_dialog_add_response (dialog, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ens_message_dialog_set_default_response (dialog, "close");
  ens_message_dialog_set_close_response (dialog, "close");
  ens_message_dialog_present (dialog, GTK_WINDOW (self));
}

/* 4. Verify {{{ */

/**
 * _ens_window_show_disagreement:
 * @plan: a plan verified after it ran (ens_share_plan_verify())
 *
 * Says plainly that the lists read again disagree with what the server
 * answered, for a change to one image (the share editor's
 * EnsShareEditor::disagrees) or to several.
 */
void
_ens_window_show_disagreement (EnsWindow    *self,
                               EnsSharePlan *plan)
{
  guint n_disagree = ens_share_plan_count_verification (plan, ENS_VERIFY_DISAGREES);
  g_autofree char *body = describe_plan (self, plan, TRUE);
  g_autofree char *full = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "The server answered that the change was made, but for %u account the list read again says otherwise. Look at the lists and try again.\n\n%s",
                                                        "The server answered that the change was made, but for %u accounts the list read again says otherwise. Look at the lists and try again.\n\n%s",
                                                        n_disagree),
                                           n_disagree, body);

  show_message (self, _("The Share List Disagrees"), full);
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PlanFlow) flow = user_data;
  EnsWindow *self = flow->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_done;
  guint n_disagree;
  AdwToast *toast;

  if (!ens_client_review_plan_finish (ENS_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ens_share_editor_refresh (self->editor);
  {
    g_auto(GStrv) image_ids = ens_share_plan_dup_image_ids (flow->plan);

    ens_image_catalog_recount (ens_session_get_images (self->session), (const char * const *) image_ids);
  }

  n_done = ens_share_plan_count (flow->plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE) +
           ens_share_plan_count (flow->plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);
  n_disagree = ens_share_plan_count_verification (flow->plan, ENS_VERIFY_DISAGREES);

  if (error != NULL)
    {
      g_autofree char *body = describe_plan (self, flow->plan, TRUE);
      g_autofree char *full = g_strdup_printf (_("The lists could not be read again to check the change (%s).\n\n%s"),
                                               error->message, body);

      show_message (self, _("Change Not Verified"), full);
    }
  else if (n_disagree > 0)
    {
      _ens_window_show_disagreement (self, flow->plan);
    }
  else if (ens_share_plan_count (flow->plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_FAILED) +
           ens_share_plan_count (flow->plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_FAILED) > 0)
    {
      /* The outcome image by image: what was done, what failed. */
      g_autofree char *body = describe_plan (self, flow->plan, TRUE);

      show_message (self, _("Not Everything Was Changed"), body);
    }

  /* Translators: the toast after a change across images; %u accounts. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change made and verified",
                                        "%u changes made and verified", n_done), n_done);
  if (n_disagree > 0 || error != NULL)
    {
      g_free (title);
      title = g_strdup (_("Change made; see what the lists say"));
    }

  toast = adw_toast_new (title);
  if (flow->undo && n_done > 0)
    {
      g_autoptr(EnsSharePlan) inverse = ens_share_plan_new_inverse (flow->plan);
      guint number = ens_change_runner_add_undo (ens_share_editor_get_runner (self->editor), inverse);

      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_set_action_target (toast, "u", number);
    }
  _ens_window_add_toast (self, toast);
}

/* }}} */

/* 3. Apply {{{ */

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PlanFlow) flow = user_data;
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  EnsWindow *self = flow->self;

  plan = ens_change_runner_run_finish (ENS_CHANGE_RUNNER (object), result, &error);
  if (plan != NULL)
    g_set_object (&flow->plan, plan);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The change across images failed: %s", error->message);

  /* Whatever happened, what the lists say now is what counts.  (The
   * arguments are read before the flow is handed on.) */
  g_set_object (&plan, flow->plan);
  ens_client_verify_plan_async (ens_session_get_client (self->session), plan,
                                self->cancellable, verify_cb, g_steal_pointer (&flow));
}

/* }}} */

/* 2. Confirm {{{ */

static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PlanFlow) flow = user_data;
  EnsChangeRunner *runner = ens_share_editor_get_runner (flow->self->editor);
  EnsSharePlan *plan;

  if (!ens_message_dialog_confirm_finish (result, NULL) ||
      g_cancellable_is_cancelled (flow->self->cancellable))
    return;

  /* Something else started meanwhile: this waits for nothing, it says so. */
  if (ens_change_runner_get_running (runner))
    {
      show_message (flow->self, flow->heading, _("Another change is being sent. Try again when it has finished."));
      return;
    }

  plan = flow->plan;
  ens_change_runner_run_async (runner, plan, NULL, run_cb, g_steal_pointer (&flow));
}

/* }}} */

/* 1. Preview {{{ */

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PlanFlow) flow = user_data;
  EnsWindow *self = flow->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *heading;

  if (!ens_client_review_plan_finish (ENS_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ens_error_dialog_present (GTK_WINDOW (self), error, NULL);
      return;
    }

  body = describe_plan (self, flow->plan, FALSE);
  if (count_to_send (flow->plan) == 0)
    {
      g_autofree char *full = g_strdup_printf ("%s\n\n%s", _("Nothing needs to change."), body);

      show_message (self, flow->heading, full);
      return;
    }

  heading = flow->heading;
  ens_message_dialog_confirm_async (GTK_WINDOW (self), heading, body, _("_Confirm"), FALSE,
                                    self->cancellable, confirm_cb, g_steal_pointer (&flow));
}

/**
 * _ens_window_review_plan:
 * @plan: the change, not yet previewed
 * @heading: the title of its dialogs ("Share 3 Images?")
 * @undo: whether the toast offers Undo for the whole change
 *
 * Previews @plan against the lists as they are now, asks, applies, and
 * verifies (see the top of this file).  Nothing is sent before Confirm.
 */
void
_ens_window_review_plan (EnsWindow    *self,
                         EnsSharePlan *plan,
                         const char   *heading,
                         gboolean      undo)
{
  PlanFlow *flow = g_new0 (PlanFlow, 1);

  flow->self = g_object_ref (self);
  flow->plan = g_object_ref (plan);
  flow->heading = g_strdup (heading);
  flow->undo = !!undo;

  ens_client_preview_plan_async (ens_session_get_client (self->session), plan, self->cancellable,
                                 preview_cb, flow);
}

/* }}} */
