/* ens-window.c
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

#include "ens-activity-entry.h"
#include "ens-activity-view.h"
#include "ens-client.h"
#include "ens-error-dialog.h"
#include "ens-error.h"
#include "ens-input.h"
#include "ens-message-dialog.h"
#include "ens-pending-row.h"
#include "ens-share-plan.h"
#include "ens-shared-account.h"
#include "ens-shared-row.h"
#include "ens-window-private.h"

/* How long typing must pause before the shared list of an image loads. */
#define LOAD_DELAY_MS 400

/* The rows of the "Shared With" list are made and destroyed a slice per
 * frame, so that a list of a thousand accounts does not freeze the window.
 * A slice takes at most SHARED_JOB_BUDGET_US; its number of rows adapts so
 * that the slice and the styling and layout of its rows end within
 * SHARED_JOB_FRAME_US, half a 60 Hz frame, leaving the rest for drawing.
 * A list box lays out all its rows in every frame, so a long list can cost
 * more than that by itself: the slices then stay big enough for the job
 * to end within SHARED_JOB_MAX_FRAMES. */
#define SHARED_JOB_BUDGET_US  3000
#define SHARED_JOB_FRAME_US   8000
#define SHARED_JOB_MAX_ROWS   64
#define SHARED_JOB_MAX_FRAMES 60

G_DEFINE_FINAL_TYPE (EnsWindow, ens_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_AUTO_SIGN_IN,
  PROP_CHANGING,
  N_PROPS
};

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void ens_window_show_plan_toast     (EnsWindow    *self,
                                            EnsSharePlan *plan);
static void ens_window_show_verified_toast (EnsWindow    *self,
                                            EnsSharePlan *plan);

static gboolean
ens_window_is_disposed (EnsWindow *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

gboolean
_ens_window_is_busy (EnsWindow *self)
{
  return self->running_plan != NULL;
}

AdwToast *
_ens_window_add_toast (EnsWindow *self,
                       AdwToast  *toast)
{
  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return toast;
}

AdwToast *
_ens_window_get_last_toast (EnsWindow *self)
{
  g_return_val_if_fail (ENS_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/* Pending accounts {{{ */

guint
_ens_window_count_pending (EnsWindow *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ENS_IS_PENDING_ROW (child))
      n++;

  return n;
}

guint
_ens_window_count_ready (EnsWindow *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ENS_IS_PENDING_ROW (child) &&
        ens_pending_row_get_status (ENS_PENDING_ROW (child)) == ENS_PENDING_STATUS_READY)
      n++;

  return n;
}

GStrv
_ens_window_dup_ready_accounts (EnsWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ENS_IS_PENDING_ROW (child) &&
        ens_pending_row_get_status (ENS_PENDING_ROW (child)) == ENS_PENDING_STATUS_READY)
      g_strv_builder_add (builder, ens_pending_row_get_account (ENS_PENDING_ROW (child)));

  return g_strv_builder_end (builder);
}

/*
 * Works out each row's status from the whole list: the first valid row of
 * an account is ready unless the image is already shared with it, later
 * ones are "Listed twice".  Invalid rows stay invalid.
 */
static void
ens_window_update_pending (EnsWindow *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *summary = NULL;
  guint n_rows = 0;
  guint n_ready = 0;
  guint n_failed = 0;
  guint n_other = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      EnsPendingRow *row;
      const char *account;
      EnsPendingStatus status;

      if (!ENS_IS_PENDING_ROW (child))
        continue;

      row = ENS_PENDING_ROW (child);
      account = ens_pending_row_get_account (row);
      n_rows++;

      if (ens_pending_row_get_status (row) == ENS_PENDING_STATUS_INVALID)
        status = ENS_PENDING_STATUS_INVALID;
      else if (g_hash_table_contains (seen, account))
        status = ENS_PENDING_STATUS_DUPLICATE;
      else if (self->shared_accounts != NULL &&
               g_hash_table_contains (self->shared_accounts, account))
        status = ENS_PENDING_STATUS_ALREADY_SHARED;
      else
        status = ENS_PENDING_STATUS_READY;

      if (status != ENS_PENDING_STATUS_INVALID)
        g_hash_table_add (seen, (gpointer)account);

      ens_pending_row_set_status (row, status);

      /* Share sends the failed ones again, but they are counted apart:
       * their rows say "Not shared", not "ready". */
      if (status == ENS_PENDING_STATUS_READY && ens_pending_row_get_failure (row) != NULL)
        n_failed++;
      else if (status == ENS_PENDING_STATUS_READY)
        n_ready++;
      else
        n_other++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), n_rows > 0);

  if (n_rows == n_failed)
    summary = NULL;
  else if (n_other == 0)
    summary = g_strdup_printf (ngettext ("%u account ready to share",
                                         "%u accounts ready to share", n_ready),
                               n_ready);
  else
    /* Translators: "2 ready to share, 1 will be skipped" */
    summary = g_strdup_printf (ngettext ("%u ready to share, %u will be skipped",
                                         "%u ready to share, %u will be skipped", n_other),
                               n_ready, n_other);

  if (n_failed > 0)
    {
      g_autofree char *failed = NULL;

      failed = g_strdup_printf (ngettext ("%u account could not be shared — fix or remove it, "
                                          "or press Share to try again",
                                          "%u accounts could not be shared — fix or remove them, "
                                          "or press Share to try again", n_failed),
                                n_failed);
      if (summary == NULL)
        summary = g_steal_pointer (&failed);
      else
        {
          char *both = g_strconcat (summary, "\n", failed, NULL);

          g_free (summary);
          summary = both;
        }
    }

  gtk_label_set_label (self->pending_summary, summary != NULL ? summary : "");

  _ens_window_update_state (self);
}

static void
pending_row_remove_cb (EnsWindow     *self,
                       EnsPendingRow *row)
{
  GtkWidget *next;

  /* Keep the keyboard focus in the list: on the next row, or the entry. */
  next = gtk_widget_get_next_sibling (GTK_WIDGET (row));
  if (next == NULL)
    next = gtk_widget_get_prev_sibling (GTK_WIDGET (row));

  gtk_list_box_remove (self->pending_list, GTK_WIDGET (row));

  if (next != NULL)
    gtk_widget_grab_focus (next);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->accounts_row));

  ens_window_update_pending (self);
}

static void
ens_window_append_pending (EnsWindow  *self,
                           const char *account,
                           const char *message,
                           gboolean    invalid)
{
  GtkWidget *row = ens_pending_row_new (account, message, invalid);

  g_signal_connect_object (row, "remove",
                           G_CALLBACK (pending_row_remove_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->pending_list, row);
}

/* The account a token stands for (digits folded), or NULL. */
static char *
account_of_token (const char *token)
{
  g_autoptr(EnsAccountList) list = ens_account_list_parse (token);

  if (list->accounts->len == 0)
    return NULL;

  return g_strdup (g_ptr_array_index (list->accounts, 0));
}

/* The summary and the Share button end the page: after Add, scroll towards
 * the end so that they show, once the new rows have been given their
 * size, but never so far that the entry being typed in leaves the top. */
static gboolean
reveal_share_tick_cb (GtkWidget     *scroller,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  guint *frames = user_data;
  EnsWindow *self;
  GtkAdjustment *adjustment;
  graphene_rect_t entry;
  double value;
  double target;

  /* The first tick comes before the layout of the rows just added. */
  if ((*frames)++ == 0)
    return G_SOURCE_CONTINUE;

  self = ENS_WINDOW (gtk_widget_get_ancestor (scroller, ENS_TYPE_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adjustment);
  target = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self != NULL &&
      gtk_widget_compute_bounds (GTK_WIDGET (self->accounts_row), scroller, &entry))
    target = MIN (target, value + entry.origin.y - 12);

  if (target > value)
    gtk_adjustment_set_value (adjustment, target);

  return G_SOURCE_REMOVE;
}

static void
ens_window_reveal_share (EnsWindow *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self->main_scroller),
                                reveal_share_tick_cb,
                                g_new0 (guint, 1), g_free);
}

/*
 * Adds what was typed in "Accounts to add": the valid accounts first (with
 * the parser's warning, if any), then the tokens that are not account IDs
 * with the parser's reason, then the repeats.  Nothing typed is dropped.
 */
void
_ens_window_add_accounts (EnsWindow *self)
{
  g_autoptr(EnsAccountList) list = NULL;
  g_autoptr(GHashTable) warnings = NULL;
  const char *text;

  text = gtk_editable_get_text (GTK_EDITABLE (self->accounts_row));
  list = ens_account_list_parse (text);

  if (list->accounts->len == 0 && list->issues->len == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->accounts_row), "");
      return;
    }

  warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->kind == ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH)
        {
          char *account = account_of_token (issue->token);

          if (account != NULL)
            g_hash_table_insert (warnings, account, issue->message);
        }
    }

  for (guint i = 0; i < list->accounts->len; i++)
    {
      const char *account = g_ptr_array_index (list->accounts, i);

      ens_window_append_pending (self, account,
                                 g_hash_table_lookup (warnings, account),
                                 FALSE);
    }

  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->is_error)
        ens_window_append_pending (self, issue->token, issue->message, TRUE);
    }

  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);
      g_autofree char *account = NULL;

      if (issue->kind != ENS_ACCOUNT_ISSUE_DUPLICATE)
        continue;

      account = account_of_token (issue->token);
      if (account != NULL)
        ens_window_append_pending (self, account, NULL, FALSE);
      else
        ens_window_append_pending (self, issue->token, issue->message, TRUE);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->accounts_row), "");
  ens_window_update_pending (self);
  ens_window_reveal_share (self);
}

/* }}} */

/* Shared list {{{ */

GStrv
_ens_window_dup_selected (EnsWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shared_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (G_LIST_MODEL (self->shared_model), i);

      if (ens_shared_account_get_selected (item))
        g_strv_builder_add (builder, ens_shared_account_get_account (item));
    }

  return g_strv_builder_end (builder);
}

static gboolean shared_job_cb (GtkWidget     *widget,
                               GdkFrameClock *clock,
                               gpointer       user_data);

static void
shared_job_laid_out_cb (EnsWindow     *self,
                        GdkFrameClock *clock)
{
  self->job_frame_end = g_get_monotonic_time ();
}

/* How many rows this frame's slice may make or destroy, from what the
 * previous slice cost up to the end of its frame's layout: halved when it
 * ran over, else grown.  Drawing is not counted: it costs the same with
 * any number of rows out of sight, and a software renderer would
 * otherwise hold the list to a row a frame. */
static guint
shared_job_rows (EnsWindow     *self,
                 GdkFrameClock *clock)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->shared_model));
  guint least = (self->n_stale_rows + MAX (n_items, self->n_rows_made)) / SHARED_JOB_MAX_FRAMES;

  if (self->job_layout_id == 0)
    self->job_layout_id = g_signal_connect_object (clock, "layout",
                                                  G_CALLBACK (shared_job_laid_out_cb), self,
                                                  G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  else if (self->job_frame_end > self->job_frame_start)
    {
      if (self->job_frame_end - self->job_frame_start > SHARED_JOB_FRAME_US)
        self->job_rows = MAX (1, self->job_rows / 2);
      else
        self->job_rows = MIN (SHARED_JOB_MAX_ROWS, self->job_rows + 1 + self->job_rows / 4);
    }

  self->job_rows = CLAMP (self->job_rows, MAX (least, 1), SHARED_JOB_MAX_ROWS);
  self->job_frame_start = g_get_monotonic_time ();
  self->job_frame_end = 0;

  return self->job_rows;
}

static gboolean
shared_job_done (EnsWindow     *self,
                 GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->job_layout_id, clock);
  self->shared_job_id = 0;

  return G_SOURCE_REMOVE;
}

/* The job runs once per frame, before the layout: a slice of work, then
 * the frame.  An idle would starve behind a spinner's frames. */
static void
ens_window_start_shared_job (EnsWindow *self)
{
  if (self->shared_job_id == 0)
    self->shared_job_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), shared_job_cb, NULL, NULL);
}

/*
 * The model is emptied at once; the rows made for it go a few at a time,
 * while the list is hidden behind another page of shared_stack.
 */
static void
ens_window_clear_shared_list (EnsWindow *self)
{
  g_list_store_remove_all (self->shared_model);
  self->n_selected = 0;
  self->n_stale_rows += self->n_rows_made;
  self->n_rows_made = 0;
  self->shared_list_ready = FALSE;
  if (self->n_stale_rows > 0)
    ens_window_start_shared_job (self);

  g_clear_pointer (&self->shared_accounts, g_hash_table_unref);
  g_clear_pointer (&self->loaded_image_id, g_free);
}

static void
ens_window_set_shared_page (EnsWindow  *self,
                            const char *page)
{
  /* A spinner left spinning on a hidden page still costs frames. */
  gtk_spinner_set_spinning (self->shared_spinner, g_strcmp0 (page, "loading") == 0);
  gtk_stack_set_visible_child_name (self->shared_stack, page);
  gtk_widget_set_visible (self->shared_buttons, g_strcmp0 (page, "list") == 0);
}

static void
shared_item_selected_cb (EnsWindow        *self,
                         GParamSpec       *pspec,
                         EnsSharedAccount *item)
{
  if (ens_shared_account_get_selected (item))
    self->n_selected++;
  else if (self->n_selected > 0)
    self->n_selected--;

  if (!self->selecting_all)
    _ens_window_update_state (self);
}

static gboolean
shared_job_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  EnsWindow *self = ENS_WINDOW (widget);
  gint64 deadline = g_get_monotonic_time () + SHARED_JOB_BUDGET_US;
  guint rows = shared_job_rows (self, clock);
  GListModel *model = G_LIST_MODEL (self->shared_model);
  guint n_items;

  /* First the rows of the previous list go; they are out of sight. */
  while (self->n_stale_rows > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->shared_list, 0);

      if (row != NULL)
        gtk_list_box_remove (self->shared_list, GTK_WIDGET (row));
      self->n_stale_rows--;

      if (--rows == 0 || g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  if (!self->shared_list_ready)
    return shared_job_done (self, clock);

  n_items = g_list_model_get_n_items (model);
  if (n_items == 0)
    {
      ens_window_set_shared_page (self, "empty");
      _ens_window_update_state (self);
      return shared_job_done (self, clock);
    }

  /* Then the new rows come, the list showing as soon as it has some. */
  if (self->n_rows_made == 0)
    ens_window_set_shared_page (self, "list");

  while (self->n_rows_made < n_items)
    {
      g_autoptr(EnsSharedAccount) item = g_list_model_get_item (model, self->n_rows_made);

      gtk_list_box_append (self->shared_list, ens_shared_row_new (item));
      self->n_rows_made++;

      if (--rows == 0 || g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  _ens_window_update_state (self);

  return shared_job_done (self, clock);
}

static void
describe_share_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) accounts = NULL;

  accounts = ens_client_describe_image_share_permission_finish (ENS_CLIENT (object), result, &error);

  /* A newer load replaced this one, or the window is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      ens_window_is_disposed (self))
    return;

  g_clear_object (&self->load_cancellable);
  ens_window_clear_shared_list (self);
  g_clear_error (&self->load_error);

  if (error != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *text = NULL;

      g_debug ("Loading the share list failed: %s", error->message);
      ens_error_describe (error, &title, &explanation, NULL);
      text = g_strdup_printf ("%s. %s", title, explanation);
      gtk_label_set_label (self->shared_error_label, text);
      self->load_error = g_steal_pointer (&error);
      ens_window_set_shared_page (self, "error");
      if (self->verify_plan != NULL)
        {
          g_autoptr(EnsSharePlan) plan = g_steal_pointer (&self->verify_plan);

          ens_window_show_plan_toast (self, plan);
        }
      _ens_window_update_state (self);
      return;
    }

  /* Changing the image cancels the load, so this is its list. */
  self->loaded_image_id = g_strdup (self->image_id);
  self->shared_accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; accounts[i] != NULL; i++)
    {
      EnsSharedAccount *item;

      if (!g_hash_table_add (self->shared_accounts, g_strdup (accounts[i])))
        continue;

      item = ens_shared_account_new (accounts[i]);
      g_signal_connect_object (item, "notify::selected",
                               G_CALLBACK (shared_item_selected_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->shared_model, 0, 0, items->pdata, items->len);

  /* The job shows the list (or "empty") once the old rows are gone. */
  self->shared_list_ready = TRUE;
  ens_window_start_shared_job (self);

  ens_window_update_pending (self);

  if (self->verify_plan != NULL)
    {
      g_autoptr(EnsSharePlan) plan = g_steal_pointer (&self->verify_plan);

      if (g_strcmp0 (ens_share_plan_get_image_id (plan), self->loaded_image_id) == 0)
        ens_window_show_verified_toast (self, plan);
      else
        ens_window_show_plan_toast (self, plan);
    }
}

/* Loads the share list of the image in the image row, replacing any load
 * in flight. */
void
_ens_window_load_shared (EnsWindow *self)
{
  g_clear_handle_id (&self->load_timeout_id, g_source_remove);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->image_id == NULL || ens_session_get_source (self->session) == ENS_CREDENTIAL_SOURCE_NONE)
    return;

  g_debug ("Loading the share list of %s", self->image_id);

  self->load_cancellable = g_cancellable_new ();
  g_clear_error (&self->load_error);
  ens_window_clear_shared_list (self);
  ens_window_set_shared_page (self, "loading");
  ens_window_update_pending (self);

  ens_client_describe_image_share_permission_async (ens_session_get_client (self->session),
                                                    self->image_id,
                                                    self->load_cancellable,
                                                    describe_share_cb,
                                                    g_object_ref (self));
}

void
_ens_window_reload_shared (EnsWindow *self)
{
  if (self->image_id != NULL)
    _ens_window_load_shared (self);
}

static gboolean
load_timeout_cb (gpointer user_data)
{
  EnsWindow *self = user_data;

  self->load_timeout_id = 0;
  _ens_window_load_shared (self);

  return G_SOURCE_REMOVE;
}

static void
image_row_changed_cb (EnsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image_id = NULL;
  const char *text;

  text = gtk_editable_get_text (GTK_EDITABLE (self->image_row));
  g_clear_handle_id (&self->load_timeout_id, g_source_remove);

  if (text[strspn (text, " \t\r\n")] != '\0')
    image_id = ens_image_id_parse (text, &error);

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->image_row), "error");
      gtk_label_set_label (self->image_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->image_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->image_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->image_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->image_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->image_row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }

  if (g_strcmp0 (image_id, self->image_id) == 0)
    {
      _ens_window_update_state (self);
      return;
    }

  g_free (self->image_id);
  self->image_id = g_steal_pointer (&image_id);

  /* Whatever is shown belongs to another image now. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_error (&self->load_error);
  ens_window_clear_shared_list (self);

  if (self->image_id != NULL && ens_session_get_source (self->session) != ENS_CREDENTIAL_SOURCE_NONE)
    {
      ens_window_set_shared_page (self, "loading");
      self->load_timeout_id = g_timeout_add (LOAD_DELAY_MS, load_timeout_cb, self);
    }
  else
    {
      ens_window_set_shared_page (self, "hint");
    }

  ens_window_update_pending (self);
}

static void
image_row_activated_cb (EnsWindow *self)
{
  if (self->image_id != NULL && !_ens_window_is_busy (self))
    _ens_window_load_shared (self);
}

static void
accounts_row_changed_cb (EnsWindow *self)
{
  _ens_window_update_state (self);
}

static void
accounts_row_activated_cb (EnsWindow *self)
{
  if (!_ens_window_is_busy (self))
    _ens_window_add_accounts (self);
}

/* }}} */

/* Running plans {{{ */

static void
plan_progress_cb (EnsWindow *self)
{
  g_autofree char *text = NULL;
  guint done;
  guint total;

  if (self->running_plan == NULL)
    return;

  done = ens_share_plan_get_done (self->running_plan);
  total = ens_share_plan_get_total (self->running_plan);

  /* Translators: progress of a change, e.g. "3 of 10" accounts */
  text = g_strdup_printf (ngettext ("%u of %u", "%u of %u", done), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 0.0);
}

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

/* Shows what changed, with "Undo" running exactly the inverse change. */
static void
ens_window_show_change_toast (EnsWindow  *self,
                              const char *image_id,
                              char      **added,
                              char      **removed)
{
  g_autoptr(EnsSharePlan) inverse = NULL;
  g_autofree char *title = NULL;
  guint n_add = added != NULL ? g_strv_length (added) : 0;
  guint n_remove = removed != NULL ? g_strv_length (removed) : 0;
  AdwToast *toast;
  guint number;

  if (n_add + n_remove == 0)
    {
      _ens_window_add_toast (self, adw_toast_new (_("Cancelled, nothing was changed")));
      return;
    }

  title = describe_change (n_add, n_remove);
  toast = adw_toast_new (title);

  inverse = ens_share_plan_new (image_id,
                                (const char * const *)removed,
                                (const char * const *)added);
  number = ++self->undo_counter;
  g_hash_table_insert (self->undo_plans, GUINT_TO_POINTER (number), g_steal_pointer (&inverse));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_action_target (toast, "u", number);

  _ens_window_add_toast (self, toast);
}

static gboolean
is_uncertain (EnsSharePlan *plan,
              guint         position)
{
  return ens_share_plan_get_state (plan, position) == ENS_OUTCOME_FAILED &&
         g_error_matches (ens_share_plan_get_error (plan, position), G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/*
 * A request in flight when the user pressed Cancel may have been carried
 * out even though its answer never came.  Once the share list has been
 * read again, it tells: this reports the change as it really happened,
 * and "Undo" reverts exactly that.
 */
static void
ens_window_show_verified_toast (EnsWindow    *self,
                                EnsSharePlan *plan)
{
  g_autoptr(GStrvBuilder) added = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();
  g_autoptr(GHashTable) verified_adds = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) added_strv = NULL;
  g_auto(GStrv) removed_strv = NULL;
  guint n = ens_share_plan_get_n_accounts (plan);
  GtkWidget *child;

  for (guint i = 0; i < n; i++)
    {
      const char *account = ens_share_plan_get_account (plan, i);
      gboolean shared = self->shared_accounts != NULL &&
                        g_hash_table_contains (self->shared_accounts, account);
      gboolean done = ens_share_plan_get_state (plan, i) == ENS_OUTCOME_DONE;

      if (ens_share_plan_get_change (plan, i) == ENS_SHARE_CHANGE_ADD)
        {
          if (done || (is_uncertain (plan, i) && shared))
            {
              g_strv_builder_add (added, account);
              g_hash_table_add (verified_adds, (gpointer)account);
            }
        }
      else if (done || (is_uncertain (plan, i) && !shared))
        {
          g_strv_builder_add (removed, account);
        }
    }

  /* Accounts that turned out to be shared leave the pending list too. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (ENS_IS_PENDING_ROW (child) &&
          ens_pending_row_get_status (ENS_PENDING_ROW (child)) != ENS_PENDING_STATUS_INVALID &&
          g_hash_table_contains (verified_adds, ens_pending_row_get_account (ENS_PENDING_ROW (child))))
        gtk_list_box_remove (self->pending_list, child);

      child = next;
    }
  ens_window_update_pending (self);

  added_strv = g_strv_builder_end (added);
  removed_strv = g_strv_builder_end (removed);
  ens_window_show_change_toast (self, ens_share_plan_get_image_id (plan), added_strv, removed_strv);
}

static void
ens_window_show_plan_toast (EnsWindow    *self,
                            EnsSharePlan *plan)
{
  g_auto(GStrv) added = ens_share_plan_dup_accounts (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE);
  g_auto(GStrv) removed = ens_share_plan_dup_accounts (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);

  ens_window_show_change_toast (self, ens_share_plan_get_image_id (plan), added, removed);
}

/* Takes the accounts that were shared off the pending list, and notes on
 * the others why they were not. */
static void
ens_window_settle_pending (EnsWindow    *self,
                           EnsSharePlan *plan)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = ens_share_plan_get_n_accounts (plan);
  GtkWidget *child;

  for (guint i = 0; i < n; i++)
    {
      const char *account = ens_share_plan_get_account (plan, i);

      if (ens_share_plan_get_change (plan, i) != ENS_SHARE_CHANGE_ADD)
        continue;

      switch (ens_share_plan_get_state (plan, i))
        {
        case ENS_OUTCOME_DONE:
          g_hash_table_add (done, (gpointer)account);
          break;

        case ENS_OUTCOME_FAILED:
          {
            const GError *error = ens_share_plan_get_error (plan, i);
            g_autofree char *title = NULL;

            if (error != NULL)
              ens_error_describe (error, &title, NULL, NULL);
            g_hash_table_insert (failed, (gpointer)account,
                                 /* Translators: %s says why, e.g. "You Do Not Have Permission" */
                                 g_strdup_printf (_("Not shared: %s"),
                                                  title != NULL ? title : _("the request failed")));
          }
          break;

        case ENS_OUTCOME_PENDING:
        case ENS_OUTCOME_NOT_ATTEMPTED:
        default:
          break;
        }
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (ENS_IS_PENDING_ROW (child))
        {
          EnsPendingRow *row = ENS_PENDING_ROW (child);
          const char *account = ens_pending_row_get_account (row);

          if (ens_pending_row_get_status (row) != ENS_PENDING_STATUS_INVALID &&
              g_hash_table_contains (done, account))
            gtk_list_box_remove (self->pending_list, child);
          else if (g_hash_table_contains (failed, account))
            ens_pending_row_set_failure (row, g_hash_table_lookup (failed, account));
        }

      child = next;
    }

  ens_window_update_pending (self);
}

static void
run_plan_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsActivityEntry) entry = NULL;
  gboolean cancelled;
  guint n_done;
  guint n_uncertain = 0;

  ens_client_run_plan_finish (ENS_CLIENT (object), result, &error);

  plan = g_steal_pointer (&self->running_plan);
  g_signal_handlers_disconnect_by_func (plan, plan_progress_cb, self);
  g_clear_object (&self->plan_cancellable);

  if (ens_window_is_disposed (self))
    return;

  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  n_done = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE) +
           ens_share_plan_count (plan, ENS_SHARE_CHANGE_REMOVE, ENS_OUTCOME_DONE);

  g_debug ("Plan for %s finished: %u of %u done%s",
           ens_share_plan_get_image_id (plan), n_done,
           ens_share_plan_get_n_accounts (plan),
           error != NULL ? ", with an error" : "");

  gtk_revealer_set_reveal_child (self->progress_bar_box, FALSE);

  entry = ens_activity_entry_new_from_plan (plan, error);
  g_list_store_insert (self->activity, 0, entry);

  ens_window_settle_pending (self, plan);

  for (guint i = 0; i < ens_share_plan_get_n_accounts (plan); i++)
    if (is_uncertain (plan, i))
      n_uncertain++;

  if (n_uncertain > 0 && g_strcmp0 (ens_share_plan_get_image_id (plan), self->image_id) == 0)
    /* The toast waits for the share list, which says what really happened. */
    g_set_object (&self->verify_plan, plan);
  else if (n_done > 0 || cancelled)
    ens_window_show_plan_toast (self, plan);

  if (g_strcmp0 (ens_share_plan_get_image_id (plan), self->image_id) == 0)
    _ens_window_load_shared (self);

  _ens_window_update_state (self);

  if (error != NULL && !cancelled)
    ens_error_dialog_present (GTK_WINDOW (self), error, plan);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGING]);
}

void
_ens_window_run_plan (EnsWindow    *self,
                      EnsSharePlan *plan)
{
  guint n_add;

  g_return_if_fail (self->running_plan == NULL);

  n_add = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING);
  g_debug ("Running a plan for %s: %u accounts",
           ens_share_plan_get_image_id (plan), ens_share_plan_get_n_accounts (plan));

  self->running_plan = g_object_ref (plan);
  self->plan_cancellable = g_cancellable_new ();
  g_signal_connect_object (plan, "notify::done",
                           G_CALLBACK (plan_progress_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_label_set_label (self->progress_label,
                       n_add == ens_share_plan_get_n_accounts (plan) ? _("Sharing…")
                       : n_add == 0 ? _("Stopping sharing…")
                       : _("Changing sharing…"));
  plan_progress_cb (self);
  gtk_revealer_set_reveal_child (self->progress_bar_box, TRUE);
  _ens_window_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGING]);

  ens_client_run_plan_async (ens_session_get_client (self->session), plan, self->plan_cancellable,
                             run_plan_cb, g_object_ref (self));
}

/* }}} */

/* State {{{ */

void
_ens_window_update_state (EnsWindow *self)
{
  gboolean busy = _ens_window_is_busy (self);
  gboolean signed_in = ens_session_get_source (self->session) != ENS_CREDENTIAL_SOURCE_NONE;
  gboolean has_image = self->image_id != NULL;
  gboolean shows_list = has_image && g_strcmp0 (self->image_id, self->loaded_image_id) == 0;
  gboolean on_activity;
  gboolean has_typed;
  const char *accounts_text;

  if (ens_window_is_disposed (self))
    return;

  accounts_text = gtk_editable_get_text (GTK_EDITABLE (self->accounts_row));
  on_activity = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "activity") == 0;
  has_typed = accounts_text[strspn (accounts_text, " \t\r\n,;")] != '\0';

  /* Share also takes what is still typed in "Accounts to add". */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share",
                                 !busy && signed_in && has_image &&
                                 (_ens_window_count_ready (self) > 0 || has_typed));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-sharing",
                                 !busy && signed_in && shows_list &&
                                 self->n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh",
                                 !busy && signed_in && has_image);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-image", !busy && signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-accounts", !busy && has_typed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", !busy && signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-error-details", self->load_error != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-credential-error",
                                 ens_session_get_credential_error (self->session) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-profile", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-profile",
                                 !busy && ens_session_get_source (self->session) == ENS_CREDENTIAL_SOURCE_KEYRING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-demo",
                                 !busy && !ens_session_get_demo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-demo",
                                 !busy && ens_session_get_demo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", on_activity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.profile-info", FALSE);

  /* While a change runs, what it is about must stay put. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->image_row), !busy);
  /* Not gtk_widget_set_sensitive() on the shared list: that restyles all
   * its rows and gives each of their labels and check buttons an opacity
   * filter of its own; drawing those held up the first frame of a change
   * by 150 ms or more on software GL.  No pointer and no keyboard reach
   * the list instead. */
  gtk_widget_set_can_target (GTK_WIDGET (self->shared_list), !busy);
  gtk_widget_set_can_focus (GTK_WIDGET (self->shared_list), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->shared_list),
                               GTK_ACCESSIBLE_STATE_DISABLED, busy,
                               -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-all",
                                 !busy && shows_list &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->shared_model)) > 0);
  gtk_button_set_label (self->select_all_button,
                        self->n_selected > 0 &&
                        self->n_selected == g_list_model_get_n_items (G_LIST_MODEL (self->shared_model))
                        ? _("Select None") : _("Select All"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pending_list), !busy);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), on_activity);
}

/* }}} */

/* Signing in {{{ */

static void
ens_window_rebuild_profile_menu (EnsWindow *self)
{
  GMenu *menu = self->profile_menu;
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  g_autofree char *status_text = NULL;
  gboolean signed_in = ens_session_get_source (self->session) != ENS_CREDENTIAL_SOURCE_NONE;
  guint n_others = 0;

  status_text = ens_session_dup_status_text (self->session);

  g_menu_remove_all (menu);

  g_menu_append (status, status_text, "win.profile-info");
  if (ens_session_get_demo (self->session))
    g_menu_append (status, _("Leave the Demo"), "win.leave-demo");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (status));

  for (guint i = 0; ens_session_get_profiles (self->session) != NULL && ens_session_get_profiles (self->session)[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (ens_session_get_source (self->session) == ENS_CREDENTIAL_SOURCE_KEYRING &&
          g_strcmp0 (ens_session_get_profiles (self->session)[i], ens_session_get_profile (self->session)) == 0)
        continue;

      item = g_menu_item_new (ens_session_get_profiles (self->session)[i], NULL);
      g_menu_item_set_action_and_target (item, "win.switch-profile", "s", ens_session_get_profiles (self->session)[i]);
      g_menu_append_item (others, item);
      n_others++;
    }
  if (n_others > 0)
    g_menu_append_section (menu, _("Switch to"), G_MENU_MODEL (others));

  if (signed_in || n_others > 0)
    g_menu_append (manage, _("Add Profile…"), "win.sign-in");
  else
    g_menu_append (manage, _("Sign In…"), "win.sign-in");
  if (ens_session_get_source (self->session) == ENS_CREDENTIAL_SOURCE_KEYRING)
    g_menu_append (manage, _("Remove Profile…"), "win.remove-profile");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));


}

/*
 * The menu itself is only rebuilt when it is about to open: GTK 4.8's
 * AT-SPI bridge can trip over menu items made while nobody shows them
 * (GetChildAtIndex on an item whose accessible is not realized yet).
 */
static void
profile_menu_popup_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  EnsWindow *self = ENS_WINDOW (user_data);

  if (self->profile_menu_dirty)
    {
      ens_window_rebuild_profile_menu (self);
      self->profile_menu_dirty = FALSE;
    }
}

void
_ens_window_update_profile_menu (EnsWindow *self)
{
  g_autofree char *status_text = ens_session_dup_status_text (self->session);
  g_autofree char *tooltip = NULL;

  self->profile_menu_dirty = TRUE;

  /* Translators: tooltip of the profile button; %s says who is signed in */
  tooltip = g_strdup_printf (_("Profile: %s"), status_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_button), tooltip);
}

/*
 * Shows one of the pages of the window's stack.  All but "starting" are
 * hidden in ens-window.ui until they are first shown: a hidden stack page
 * is still styled, and its icons looked up and loaded (the status page's
 * 128-pixel SVG app icon, through librsvg), before the first frame, which
 * shows none of them.
 */
void
_ens_window_show_page (EnsWindow  *self,
                       const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  g_return_if_fail (page != NULL);

  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->stack, page);
}

void
_ens_window_set_signed_in (EnsWindow           *self,
                           const char          *profile,
                           EnsCredentialSource  source)
{
  g_assert (source != ENS_CREDENTIAL_SOURCE_NONE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "activity") != 0)
    _ens_window_show_page (self, "main");

  _ens_window_update_profile_menu (self);

  /* The list shown may belong to other credentials. */
  if (self->image_id != NULL)
    _ens_window_load_shared (self);
  else
    ens_window_set_shared_page (self, "hint");

  _ens_window_update_state (self);
}

void
_ens_window_set_signed_out (EnsWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  ens_window_clear_shared_list (self);
  ens_window_set_shared_page (self, "hint");

  _ens_window_show_page (self, "signed-out");
  _ens_window_update_profile_menu (self);
  _ens_window_update_state (self);
}

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  ens_session_resolve_finish (ENS_SESSION (object), result, &error);

  if (ens_window_is_disposed (self) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Found: the session said so through "signed-in" already. */
  if (!ens_session_get_signed_in (self->session))
    _ens_window_set_signed_out (self);

  /* For the profile menu. */
  ens_session_refresh_profiles (self->session);

  if (error == NULL)
    return;

  toast = adw_toast_new (_("Could not read the saved profiles"));
  adw_toast_set_button_label (toast, _("Details"));
  adw_toast_set_action_name (toast, "win.show-credential-error");
  adw_toast_set_timeout (toast, 0);
  _ens_window_add_toast (self, toast);
}

static gboolean
resolve_idle_cb (gpointer user_data)
{
  EnsWindow *self = user_data;

  self->resolve_idle_id = 0;

  if (ens_session_get_signed_in (self->session))
    return G_SOURCE_REMOVE;

  /* Found or not, the session says so through "signed-in". */
  ens_session_resolve_async (self->session, NULL, self->cancellable,
                             resolve_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
session_signed_in_cb (EnsWindow           *self,
                      const char          *profile,
                      EnsCredentialSource  source,
                      EnsSession          *session)
{
  _ens_window_set_signed_in (self, profile, source);
}

static void
session_notify_signed_in_cb (EnsWindow  *self,
                             GParamSpec *pspec,
                             EnsSession *session)
{
  if (!ens_session_get_signed_in (session))
    _ens_window_set_signed_out (self);
}

static void
session_notify_demo_cb (EnsWindow  *self,
                        GParamSpec *pspec,
                        EnsSession *session)
{
  gboolean demo = ens_session_get_demo (session);

  gtk_widget_set_visible (self->demo_banner, demo);
  adw_window_title_set_subtitle (self->window_title, demo ? _("Demo") : NULL);
  _ens_window_update_profile_menu (self);
  _ens_window_update_state (self);
}

static void
session_notify_cb (EnsWindow  *self,
                   GParamSpec *pspec,
                   EnsSession *session)
{
  _ens_window_update_profile_menu (self);
  _ens_window_update_state (self);
}

/* }}} */

/* Life cycle {{{ */

static void
after_paint_cb (EnsWindow     *self,
                GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->after_paint_id, clock);

  if (self->first_frame_done)
    return;
  self->first_frame_done = TRUE;

  /* The keyring is only touched once the window is on screen, and not
   * even in this frame's main loop iteration. */
  if (self->auto_sign_in && ens_session_get_source (self->session) == ENS_CREDENTIAL_SOURCE_NONE)
    self->resolve_idle_id = g_idle_add (resolve_idle_cb, self);

  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
ens_window_realize (GtkWidget *widget)
{
  EnsWindow *self = (EnsWindow *)widget;
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (ens_window_parent_class)->realize (widget);

  clock = gtk_widget_get_frame_clock (widget);
  if (!self->first_frame_done && clock != NULL && self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect_object (clock, "after-paint",
                                                    G_CALLBACK (after_paint_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
ens_window_unrealize (GtkWidget *widget)
{
  EnsWindow *self = (EnsWindow *)widget;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, clock);
      g_clear_signal_handler (&self->job_layout_id, clock);
    }
  self->after_paint_id = 0;
  self->job_layout_id = 0;

  GTK_WIDGET_CLASS (ens_window_parent_class)->unrealize (widget);
}

static void
ens_window_save_size (EnsWindow *self)
{
  int width = 0;
  int height = 0;

  if (ens_session_get_settings (self->session) == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (ens_session_get_settings (self->session));
  if (width > 0 && height > 0)
    {
      g_settings_set_int (ens_session_get_settings (self->session), "window-width", CLAMP (width, 360, 10000));
      g_settings_set_int (ens_session_get_settings (self->session), "window-height", CLAMP (height, 294, 10000));
    }
  g_settings_set_boolean (ens_session_get_settings (self->session), "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (ens_session_get_settings (self->session));
}

static gboolean
close_confirmed_idle_cb (gpointer user_data)
{
  g_autoptr(EnsWindow) self = user_data;

  if (!ens_window_is_disposed (self))
    gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
confirm_discard_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EnsWindow) self = user_data;

  if (!ens_message_dialog_confirm_finish (result, NULL) || ens_window_is_disposed (self))
    return;

  /* Not right away: the answer may come while the dialog, transient for
   * this window, is still being taken down, and GTK 4.8 would then touch
   * the freed window when the dialog goes. */
  self->close_confirmed = TRUE;
  g_idle_add (close_confirmed_idle_cb, g_steal_pointer (&self));
}

static gboolean
ens_window_close_request (GtkWindow *window)
{
  EnsWindow *self = (EnsWindow *)window;
  guint n_pending = _ens_window_count_pending (self);

  if (n_pending > 0 && !self->close_confirmed)
    {
      g_autofree char *body = NULL;

      body = g_strdup_printf (ngettext ("%u account you entered has not been shared with yet. "
                                        "If you close the window, it is forgotten.",
                                        "%u accounts you entered have not been shared with yet. "
                                        "If you close the window, they are forgotten.",
                                        n_pending),
                              n_pending);
      ens_message_dialog_confirm_async (window,
                                        _("Discard pending accounts?"),
                                        body,
                                        _("Discard"),
                                        TRUE,
                                        self->cancellable,
                                        confirm_discard_cb,
                                        g_object_ref (self));
      return TRUE;
    }

  ens_window_save_size (self);

  /* Requests that have not started yet are not sent. */
  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);

  return GTK_WINDOW_CLASS (ens_window_parent_class)->close_request (window);
}

static void
ens_window_constructed (GObject *object)
{
  EnsWindow *self = (EnsWindow *)object;

  GSettings *settings;

  G_OBJECT_CLASS (ens_window_parent_class)->constructed (object);

  g_assert (ENS_IS_SESSION (self->session));
  settings = ens_session_get_settings (self->session);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  g_signal_connect_object (self->session, "signed-in",
                           G_CALLBACK (session_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::signed-in",
                           G_CALLBACK (session_notify_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::demo",
                           G_CALLBACK (session_notify_demo_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::profiles",
                           G_CALLBACK (session_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::status-text",
                           G_CALLBACK (session_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::credential-error",
                           G_CALLBACK (session_notify_cb), self,
                           G_CONNECT_SWAPPED);
  session_notify_demo_cb (self, NULL, self->session);

  if (ens_session_get_signed_in (self->session))
    _ens_window_set_signed_in (self, ens_session_get_profile (self->session),
                               ens_session_get_source (self->session));
  else if (!self->auto_sign_in)
    _ens_window_set_signed_out (self);
  else
    _ens_window_update_profile_menu (self);

  _ens_window_update_state (self);
}

static void
ens_window_dispose (GObject *object)
{
  EnsWindow *self = (EnsWindow *)object;

  /* Marks the window as gone for the callbacks still to come. */
  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);

  g_clear_handle_id (&self->load_timeout_id, g_source_remove);
  g_clear_handle_id (&self->resolve_idle_id, g_source_remove);
  if (self->shared_job_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->shared_job_id);
  self->shared_job_id = 0;
  g_clear_weak_pointer (&self->last_toast);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_WINDOW);

  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->undo_plans, g_hash_table_unref);
  g_clear_object (&self->activity);
  g_clear_object (&self->shared_model);
  g_clear_object (&self->profile_menu);

  G_OBJECT_CLASS (ens_window_parent_class)->dispose (object);
}

static void
ens_window_finalize (GObject *object)
{
  EnsWindow *self = (EnsWindow *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->running_plan);
  g_clear_object (&self->verify_plan);
  g_clear_pointer (&self->shared_accounts, g_hash_table_unref);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->loaded_image_id, g_free);

  G_OBJECT_CLASS (ens_window_parent_class)->finalize (object);
}

static void
ens_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EnsWindow *self = ENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_AUTO_SIGN_IN:
      g_value_set_boolean (value, self->auto_sign_in);
      break;

    case PROP_CHANGING:
      g_value_set_boolean (value, ens_window_get_changing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EnsWindow *self = ENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_AUTO_SIGN_IN:
      self->auto_sign_in = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_window_class_init (EnsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ens_window_constructed;
  object_class->dispose = ens_window_dispose;
  object_class->finalize = ens_window_finalize;
  object_class->get_property = ens_window_get_property;
  object_class->set_property = ens_window_set_property;

  widget_class->realize = ens_window_realize;
  widget_class->unrealize = ens_window_unrealize;

  window_class->close_request = ens_window_close_request;

  /**
   * EnsWindow:session:
   *
   * The signed-in session: its client, profiles, settings and demo.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ENS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsWindow:auto-sign-in:
   *
   * Whether to look for credentials (environment, keyring) after the
   * first frame when the client has none.
   */
  properties[PROP_AUTO_SIGN_IN] =
    g_param_spec_boolean ("auto-sign-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsWindow:changing:
   *
   * Whether a change of sharing is running: from the press of Share or
   * Stop Sharing until the change has finished and the window shows what
   * it did.
   */
  properties[PROP_CHANGING] =
    g_param_spec_boolean ("changing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsWindow::first-frame:
   *
   * Emitted once, after the window painted its first frame.
   */
  signals[FIRST_FRAME] =
    g_signal_new ("first-frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (ENS_TYPE_ACTIVITY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ens-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, signed_out_page);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, main_scroller);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, image_row);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, choose_image_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, image_error_label);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_group);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_stack);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_spinner);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_error_label);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_details_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_list);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, shared_buttons);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, select_all_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, accounts_row);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, pending_list);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, pending_summary);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, share_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, progress_bar_box);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EnsWindow, activity_view);
  gtk_widget_class_bind_template_callback (widget_class, image_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, image_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, accounts_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, accounts_row_activated_cb);

  _ens_window_class_actions_init (widget_class);
}

static void
ens_window_init (EnsWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->job_rows = 4;
  self->activity = g_list_store_new (ENS_TYPE_ACTIVITY_ENTRY);
  self->undo_plans = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->profile_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->profile_button, G_MENU_MODEL (self->profile_menu));
  gtk_menu_button_set_create_popup_func (self->profile_button, profile_menu_popup_cb, self, NULL);

  self->shared_model = g_list_store_new (ENS_TYPE_SHARED_ACCOUNT);

  ens_activity_view_set_model (self->activity_view, G_LIST_MODEL (self->activity));
  ens_window_set_shared_page (self, "hint");
}

/* }}} */

/* Public API {{{ */

/**
 * ens_window_new:
 * @application: (nullable): the application
 * @session: the signed-in session
 * @auto_sign_in: whether to look for credentials after the first frame
 *
 * Returns: (transfer full): a new window
 */
EnsWindow *
ens_window_new (GtkApplication *application,
                EnsSession     *session,
                gboolean        auto_sign_in)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);

  return g_object_new (ENS_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "auto-sign-in", auto_sign_in,
                       NULL);
}

gboolean
ens_window_get_changing (EnsWindow *self)
{
  g_return_val_if_fail (ENS_IS_WINDOW (self), FALSE);

  return self->running_plan != NULL;
}

/* }}} */
