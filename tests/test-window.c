/* test-window.c
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
 * The main window against a real EnsEmulator, in the same main loop, over
 * real HTTP on 127.0.0.1.  Every wait iterates the main context until a
 * condition holds, with a deadline; there are no fixed sleeps.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "ens-activity-entry.h"
#include "ens-client.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-input.h"
#include "ens-pending-row.h"
#include "ens-share-plan.h"
#include "ens-shared-account.h"
#include "ens-shared-row.h"
#include "ens-window-private.h"

#define KEY_ID           "LTAI5tTestWindowKey0001"
#define KEY_SECRET       "TestWindowSecretTestWindowSe"
#define READ_ONLY_ID     "LTAI5tTestWindowRead0001"
#define READ_ONLY_SECRET "TestWindowReadOnlyTestWindowR"

#define IMAGE            "m-testwindow01"
#define EMPTY_IMAGE      "m-testwindowempty"
#define LARGE_IMAGE      "m-testwindowlarge"
#define N_LARGE          1000
#define SHARED_A         "1111111111111111"
#define SHARED_B         "2222222222222222"
#define NEW_ACCOUNT      "3333333333333333"
#define OTHER_ACCOUNT    "4444444444444444"

#define WAIT_TIMEOUT_US  (10 * G_USEC_PER_SEC)

typedef struct
{
  EnsEmulator        *emulator;
  EnsClient          *client;
  EnsCredentialStore *store;
  EnsSession         *session;
  EnsWindow          *window;
  guint               tick_id;
} Fixture;

static gboolean
tick_cb (gpointer user_data)
{
  /* Only wakes the main loop up, so that WAIT_UNTIL re-checks. */
  return G_SOURCE_CONTINUE;
}

#define WAIT_UNTIL(cond)                                                        \
  G_STMT_START {                                                                \
    gint64 _deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;               \
    while (!(cond))                                                             \
      {                                                                         \
        if (g_get_monotonic_time () > _deadline)                                \
          g_error ("Timed out waiting for: %s", #cond);                         \
        g_main_context_iteration (NULL, TRUE);                                  \
      }                                                                         \
  } G_STMT_END

/* Helpers {{{ */

static GPtrArray *
list_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

/* The first widget under @root of @type (and with @tooltip, if given). */
static GtkWidget *
find_descendant (GtkWidget  *root,
                 GType       type,
                 const char *tooltip)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
          (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0))
        return widget;

      for (GtkWidget *child = gtk_widget_get_last_child (widget);
           child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }

  return NULL;
}

static const char *
subtitle_of (gpointer row)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return subtitle != NULL ? subtitle : "";
}

static EnsSharedAccount *
shared_item (Fixture *fixture,
             guint    position)
{
  GListModel *model = G_LIST_MODEL (fixture->window->shared_model);
  g_autoptr(EnsSharedAccount) item = g_list_model_get_item (model, position);

  /* The store keeps it alive. */
  return item;
}

static guint
n_shared (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->window->shared_model));
}

static gboolean
shared_page_is (Fixture    *fixture,
                const char *page)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (fixture->window->shared_stack), page) == 0 &&
         fixture->window->load_timeout_id == 0 &&
         fixture->window->load_cancellable == NULL &&
         fixture->window->shared_job_id == 0;
}

static void
set_image (Fixture    *fixture,
           const char *image_id)
{
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->image_row), image_id);
}

static void
load_image (Fixture    *fixture,
            const char *image_id)
{
  set_image (fixture, image_id);
  /* The debounce timer runs out by itself; no need to press Enter. */
  WAIT_UNTIL (shared_page_is (fixture, "list") || shared_page_is (fixture, "empty") ||
              shared_page_is (fixture, "error"));
}

static void
add_accounts (Fixture    *fixture,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->accounts_row), text);
  g_signal_emit_by_name (fixture->window->accounts_row, "entry-activated");
}

static gboolean
window_is_busy (Fixture *fixture)
{
  return fixture->window->running_plan != NULL;
}

static gboolean
is_enabled (Fixture    *fixture,
            const char *action)
{
  GtkWidget *button;

  if (g_str_equal (action, "share"))
    button = GTK_WIDGET (fixture->window->share_button);
  else if (g_str_equal (action, "stop-sharing"))
    button = GTK_WIDGET (fixture->window->stop_button);
  else if (g_str_equal (action, "cancel"))
    button = GTK_WIDGET (fixture->window->cancel_button);
  else
    g_assert_not_reached ();

  return gtk_widget_get_sensitive (button);
}

static gboolean
strv_has (GStrv       strv,
          const char *s)
{
  return strv != NULL && g_strv_contains ((const char * const *)strv, s);
}

static gboolean
emulator_shares (Fixture    *fixture,
                 const char *account)
{
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, IMAGE);

  return strv_has (shares, account);
}

/* The toplevel windows other than the main window (dialogs). */
static GPtrArray *
other_toplevels (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *others = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (fixture->window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (others, window);
      else
        g_object_unref (window);
    }

  return others;
}

static guint
count_other_toplevels (Fixture *fixture)
{
  g_autoptr(GPtrArray) others = other_toplevels (fixture);

  return others->len;
}

#if !ADW_CHECK_VERSION (1, 5, 0)
static AdwMessageDialog *
find_message_dialog (Fixture *fixture)
{
  g_autoptr(GPtrArray) others = other_toplevels (fixture);

  for (guint i = 0; i < others->len; i++)
    if (ADW_IS_MESSAGE_DIALOG (g_ptr_array_index (others, i)))
      return g_ptr_array_index (others, i);

  return NULL;
}
#endif

static void
close_other_toplevels (Fixture *fixture)
{
  g_autoptr(GPtrArray) others = other_toplevels (fixture);

  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (g_ptr_array_index (others, i));
}

static const char *
toast_title (Fixture *fixture)
{
  AdwToast *toast = _ens_window_get_last_toast (fixture->window);

  return toast != NULL ? adw_toast_get_title (toast) : NULL;
}

static void
count_notify_cb (guint *counter)
{
  (*counter)++;
}

/* Rows of the shared list made or destroyed in each frame. */
typedef struct
{
  GtkListBox *list;
  guint       last_count;
  guint       n_frames;
  guint       max_per_frame;
} RowWatch;

static gboolean
row_watch_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  RowWatch *watch = user_data;
  g_autoptr(GPtrArray) rows = list_rows (watch->list);
  guint change = rows->len > watch->last_count ? rows->len - watch->last_count
                                               : watch->last_count - rows->len;

  if (change > 0)
    watch->n_frames++;
  watch->max_per_frame = MAX (watch->max_per_frame, change);
  watch->last_count = rows->len;

  return G_SOURCE_CONTINUE;
}

static GStrv
large_share_list (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < N_LARGE; i++)
    {
      char account[17];

      g_snprintf (account, sizeof account, "%016u", 5000000u + i);
      g_strv_builder_add (builder, account);
    }

  return g_strv_builder_end (builder);
}

/* }}} */

/* Fixture {{{ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const shares[] = { SHARED_A, SHARED_B, NULL };
  g_auto(GStrv) large = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autofree char *url = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_key (fixture->emulator, READ_ONLY_ID, READ_ONLY_SECRET, TRUE);
  ens_emulator_add_image (fixture->emulator, IMAGE, "test-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_add_image (fixture->emulator, EMPTY_IMAGE, "empty-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE, shares);
  ens_emulator_add_image (fixture->emulator, LARGE_IMAGE, "large-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  large = large_share_list ();
  ens_emulator_set_shares (fixture->emulator, LARGE_IMAGE, (const char * const *)large);
  ens_emulator_listen (fixture->emulator, 0, &error);
  g_assert_no_error (error);
  url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  ens_client_set_endpoint (fixture->client, url, &error);
  g_assert_no_error (error);
  credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  ens_client_set_credentials (fixture->client, credentials);

  /* Never used for a lookup here: the client has session credentials. */
  fixture->store = ens_credential_store_new ();

  fixture->session = ens_session_new (fixture->client, fixture->store, NULL);
  fixture->window = g_object_ref (ens_window_new (NULL, fixture->session, FALSE));
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->tick_id = g_timeout_add (10, tick_cb, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_other_toplevels (fixture);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Callbacks of cancelled requests still hold references; let them run. */
  WAIT_UNTIL (G_OBJECT (fixture->window)->ref_count == 1);
  g_assert_finalize_object (fixture->window);

  g_clear_handle_id (&fixture->tick_id, g_source_remove);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->emulator);
}

/* }}} */

/* Tests {{{ */

static void
test_window_image_validation (Fixture       *fixture,
                              gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *parsed = NULL;

  /* Signed in with the client's credentials: the main page. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "main");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->shared_stack), ==, "hint");

  /* A bad character: error style and the parser's message, nothing loads. */
  set_image (fixture, "m-test window");
  parsed = ens_image_id_parse ("m-test window", &parse_error);
  g_assert_null (parsed);
  g_assert_nonnull (parse_error);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->image_row), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->image_error_label)));
  g_assert_cmpstr (gtk_label_get_label (window->image_error_label), ==, parse_error->message);
  g_assert_null (window->image_id);
  g_assert_cmpuint (window->load_timeout_id, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->shared_stack), ==, "hint");

  /* Valid: the error goes and the emulator's accounts load. */
  load_image (fixture, IMAGE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window->image_row), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->image_error_label)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->shared_stack), ==, "list");

  g_assert_cmpuint (n_shared (fixture), ==, 2);
  g_assert_cmpstr (ens_shared_account_get_account (shared_item (fixture, 0)), ==, SHARED_A);
  g_assert_cmpstr (ens_shared_account_get_account (shared_item (fixture, 1)), ==, SHARED_B);

  /* An image nobody shares: the empty state. */
  load_image (fixture, EMPTY_IMAGE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->shared_stack), ==, "empty");

  /* An image that does not exist: the inline error, with details. */
  load_image (fixture, "m-doesnotexist");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->shared_stack), ==, "error");
  g_assert_error (window->load_error, ENS_ERROR, ENS_ERROR_NOT_FOUND);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->shared_details_button)));

  /* Enter loads again at once. */
  set_image (fixture, IMAGE);
  g_signal_emit_by_name (window->image_row, "entry-activated");
  g_assert_cmpuint (window->load_timeout_id, ==, 0);
  WAIT_UNTIL (shared_page_is (fixture, "list"));
}

static void
test_window_accessible_names (Fixture       *fixture,
                              gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *label = NULL;
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *button;

  load_image (fixture, IMAGE);
  g_assert_cmpuint (n_shared (fixture), ==, 2);

  /* The rows are made a few at a time, after the list loaded. */
  WAIT_UNTIL (find_descendant (GTK_WIDGET (window->shared_list), ENS_TYPE_SHARED_ROW, NULL) != NULL);
  row = find_descendant (GTK_WIDGET (window->shared_list), ENS_TYPE_SHARED_ROW, NULL);
  g_assert_true (ens_shared_row_get_item (ENS_SHARED_ROW (row)) == shared_item (fixture, 0));
  check = find_descendant (row, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_nonnull (check);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Select " SHARED_A);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->choose_image_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose Image");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->add_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Add");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->refresh_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Refresh");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->refresh_button)), ==, "Refresh");
  g_assert_cmpstr (gtk_button_get_label (window->share_button), ==, "Share");
  g_assert_cmpstr (gtk_button_get_label (window->stop_button), ==, "Stop Sharing");
  g_assert_cmpstr (gtk_button_get_label (window->cancel_button), ==, "Cancel");
  g_assert_cmpstr (gtk_button_get_label (window->sign_in_button), ==, "Sign In");
  g_assert_false (gtk_button_get_use_underline (window->share_button));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (window->image_row)), ==, "Image ID");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (window->accounts_row)), ==, "Accounts to add");

  /* The pending row's remove button names its account. */
  add_accounts (fixture, NEW_ACCOUNT);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (window->pending_list);
  g_assert_cmpuint (rows->len, ==, 1);
  label = g_strdup_printf ("Remove %s", NEW_ACCOUNT);
  button = find_descendant (g_ptr_array_index (rows, 0), GTK_TYPE_BUTTON, label);
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
test_window_pending_editing (Fixture       *fixture,
                             gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  g_autoptr(EnsAccountList) expected = ens_account_list_parse ("12ab");
  g_autoptr(GPtrArray) rows = NULL;
  EnsAccountIssue *issue;
  EnsPendingRow *row;

  g_assert_cmpuint (expected->issues->len, ==, 1);
  issue = g_ptr_array_index (expected->issues, 0);

  add_accounts (fixture, "1234567890123456, 12ab\n1234567890123456");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->accounts_row)), ==, "");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->pending_list)));

  rows = list_rows (window->pending_list);
  g_assert_cmpuint (rows->len, ==, 3);

  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (ens_pending_row_get_account (row), ==, "1234567890123456");
  g_assert_cmpint (ens_pending_row_get_status (row), ==, ENS_PENDING_STATUS_READY);
  g_assert_cmpstr (subtitle_of (row), ==, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (ens_pending_row_get_account (row), ==, "12ab");
  g_assert_cmpint (ens_pending_row_get_status (row), ==, ENS_PENDING_STATUS_INVALID);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, issue->message);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (ens_pending_row_get_account (row), ==, "1234567890123456");
  g_assert_cmpint (ens_pending_row_get_status (row), ==, ENS_PENDING_STATUS_DUPLICATE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Listed twice");

  g_assert_cmpuint (_ens_window_count_ready (window), ==, 1);

  /* Removing the first makes the repeat the one to send. */
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "remove");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (window->pending_list);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (ens_pending_row_get_status (row), ==, ENS_PENDING_STATUS_READY);
  g_assert_cmpstr (subtitle_of (row), ==, "");

  /* Adding it again, separately, is pointed out too. */
  add_accounts (fixture, "1234567890123456");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (window->pending_list);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (ens_pending_row_get_status (g_ptr_array_index (rows, 2)), ==,
                   ENS_PENDING_STATUS_DUPLICATE);

  /* Accounts the image is already shared with are pointed out. */
  load_image (fixture, IMAGE);
  add_accounts (fixture, SHARED_A);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (window->pending_list);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (ens_pending_row_get_account (row), ==, SHARED_A);
  g_assert_cmpint (ens_pending_row_get_status (row), ==, ENS_PENDING_STATUS_ALREADY_SHARED);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Already shared");
  g_assert_cmpuint (_ens_window_count_ready (window), ==, 1);

  /* Removing every row hides the list. */
  while (rows->len > 0)
    g_signal_emit_by_name (g_ptr_array_steal_index (rows, 0), "remove");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->pending_list)));
}

static void
test_window_sensitivity (Fixture       *fixture,
                         gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  g_autoptr(GPtrArray) rows = NULL;

  /* Nothing to share, nothing selected. */
  g_assert_false (is_enabled (fixture, "share"));
  g_assert_false (is_enabled (fixture, "stop-sharing"));
  g_assert_false (is_enabled (fixture, "cancel"));

  /* A valid account but no image yet. */
  add_accounts (fixture, NEW_ACCOUNT);
  g_assert_false (is_enabled (fixture, "share"));

  load_image (fixture, IMAGE);
  g_assert_true (is_enabled (fixture, "share"));
  g_assert_false (is_enabled (fixture, "stop-sharing"));

  /* Text still in the entry counts: Share takes it along. */
  gtk_editable_set_text (GTK_EDITABLE (window->accounts_row), OTHER_ACCOUNT);
  g_assert_true (is_enabled (fixture, "share"));
  gtk_editable_set_text (GTK_EDITABLE (window->accounts_row), "");

  /* Only invalid accounts: nothing to send. */
  rows = list_rows (window->pending_list);
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "remove");
  g_clear_pointer (&rows, g_ptr_array_unref);
  add_accounts (fixture, "12ab");
  g_assert_false (is_enabled (fixture, "share"));
  add_accounts (fixture, NEW_ACCOUNT);
  g_assert_true (is_enabled (fixture, "share"));

  ens_shared_account_set_selected (shared_item (fixture, 0), TRUE);
  g_assert_true (is_enabled (fixture, "stop-sharing"));
  ens_shared_account_set_selected (shared_item (fixture, 0), FALSE);
  g_assert_false (is_enabled (fixture, "stop-sharing"));
  ens_shared_account_set_selected (shared_item (fixture, 0), TRUE);

  /* While a plan runs both are off, and Cancel is on. */
  ens_emulator_set_latency (fixture->emulator, 300);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share", NULL);
  g_assert_true (window_is_busy (fixture));
  g_assert_false (is_enabled (fixture, "share"));
  g_assert_false (is_enabled (fixture, "stop-sharing"));
  g_assert_true (is_enabled (fixture, "cancel"));
  g_assert_true (gtk_revealer_get_reveal_child (window->progress_bar_box));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->image_row)));
  g_assert_cmpstr (gtk_progress_bar_get_text (window->progress_bar), ==, "0 of 1");

  WAIT_UNTIL (!window_is_busy (fixture));
  g_assert_false (is_enabled (fixture, "cancel"));
  g_assert_false (gtk_revealer_get_reveal_child (window->progress_bar_box));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->image_row)));
  WAIT_UNTIL (shared_page_is (fixture, "list"));
}

static void
test_window_share_and_undo (Fixture       *fixture,
                            gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  AdwToast *toast;
  GVariant *target;
  EnsActivityEntry *entry;

  guint n_changing_notifies = 0;

  load_image (fixture, IMAGE);
  add_accounts (fixture, NEW_ACCOUNT);
  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  g_signal_connect_swapped (window, "notify::changing", G_CALLBACK (count_notify_cb), &n_changing_notifies);
  g_assert_false (ens_window_get_changing (window));

  /* "changing" holds from the press of Share until the outcome shows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share", NULL);
  g_assert_true (ens_window_get_changing (window));
  g_assert_cmpuint (n_changing_notifies, ==, 1);
  WAIT_UNTIL (!window_is_busy (fixture));
  g_assert_false (ens_window_get_changing (window));
  g_assert_cmpuint (n_changing_notifies, ==, 2);
  g_signal_handlers_disconnect_by_func (window, count_notify_cb, &n_changing_notifies);

  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 1 account");
  toast = _ens_window_get_last_toast (window);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo");

  /* Done accounts leave the pending list; the shared list reloads. */
  g_assert_cmpuint (_ens_window_count_pending (window), ==, 0);
  WAIT_UNTIL (shared_page_is (fixture, "list"));
  g_assert_true (g_hash_table_contains (window->shared_accounts, NEW_ACCOUNT));

  /* The activity log has it, with its RequestId. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->activity)), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (window->activity), 0);
  g_assert_true (ens_activity_entry_get_success (entry));
  g_assert_cmpstr (ens_activity_entry_get_image_id (entry), ==, IMAGE);
  g_assert_cmpuint (ens_activity_entry_get_n_details (entry), ==, 1);
  g_assert_nonnull (ens_activity_entry_get_detail (entry, 0)->request_id);
  g_assert_cmpstr (ens_activity_entry_get_detail (entry, 0)->accounts, ==, NEW_ACCOUNT);
  g_object_unref (entry);

  /* Undo removes exactly that account again. */
  target = adw_toast_get_action_target_value (toast);
  g_assert_nonnull (target);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo", target);
  g_assert_true (window_is_busy (fixture));
  WAIT_UNTIL (!window_is_busy (fixture));

  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_true (emulator_shares (fixture, SHARED_A));
  g_assert_true (emulator_shares (fixture, SHARED_B));
  g_assert_cmpstr (toast_title (fixture), ==, "Stopped sharing with 1 account");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->activity)), ==, 2);
  WAIT_UNTIL (shared_page_is (fixture, "list"));
  g_assert_false (g_hash_table_contains (window->shared_accounts, NEW_ACCOUNT));
}

/* A list of a thousand accounts is built a slice per frame, the window
 * drawing frames meanwhile, and goes the same way for the next image. */
static void
test_window_large_list (Fixture       *fixture,
                        gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  RowWatch watch = { window->shared_list, 0, 0, 0 };
  g_autoptr(GPtrArray) rows = NULL;
  guint tick_id;

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), row_watch_cb, &watch, NULL);

  load_image (fixture, LARGE_IMAGE);
  g_assert_true (shared_page_is (fixture, "list"));
  rows = list_rows (window->shared_list);
  g_assert_cmpuint (rows->len, ==, N_LARGE);
  g_assert_cmpuint (n_shared (fixture), ==, N_LARGE);
  for (guint i = 0; i < N_LARGE; i += 111)
    g_assert_true (ens_shared_row_get_item (g_ptr_array_index (rows, i)) == shared_item (fixture, i));
  /* Many frames, none of them making more than a slice's rows. */
  g_assert_cmpuint (watch.n_frames, >=, N_LARGE / 64);
  g_assert_cmpuint (watch.max_per_frame, <=, 64);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Everything is selectable once the list is complete. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->select_all_button)));

  watch.n_frames = watch.max_per_frame = 0;
  load_image (fixture, EMPTY_IMAGE);
  g_assert_true (shared_page_is (fixture, "empty"));
  rows = list_rows (window->shared_list);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpuint (watch.n_frames, >=, N_LARGE / 64);
  g_assert_cmpuint (watch.max_per_frame, <=, 64);

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
}

static void
test_window_share_typed (Fixture       *fixture,
                         gconstpointer  data)
{
  EnsWindow *window = fixture->window;

  /* Ctrl+Return with an ID still in the entry: it is added and shared. */
  load_image (fixture, IMAGE);
  gtk_editable_set_text (GTK_EDITABLE (window->accounts_row), NEW_ACCOUNT);
  g_assert_true (is_enabled (fixture, "share"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->accounts_row)), ==, "");
  WAIT_UNTIL (!window_is_busy (fixture));

  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 1 account");
  g_assert_cmpuint (_ens_window_count_pending (window), ==, 0);
}

static void
test_window_stop_sharing (Fixture       *fixture,
                          gconstpointer  data)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_test_skip ("The confirmation is an AdwAlertDialog, not a toplevel, on libadwaita 1.5+");
#else
  EnsWindow *window = fixture->window;
  AdwMessageDialog *dialog;

  load_image (fixture, IMAGE);
  ens_shared_account_set_selected (shared_item (fixture, 1), TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-sharing", NULL);
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Stop Sharing With 1 Account?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   SHARED_B " will no longer be able to use image " IMAGE ".");

  /* Nothing happens before the answer. */
  g_assert_false (window_is_busy (fixture));
  adw_message_dialog_response (dialog, "accept");
  WAIT_UNTIL (window_is_busy (fixture));
  WAIT_UNTIL (!window_is_busy (fixture));

  g_assert_false (emulator_shares (fixture, SHARED_B));
  g_assert_true (emulator_shares (fixture, SHARED_A));
  g_assert_cmpstr (toast_title (fixture), ==, "Stopped sharing with 1 account");
  WAIT_UNTIL (shared_page_is (fixture, "list"));
  g_assert_cmpuint (n_shared (fixture), ==, 1);
  g_assert_cmpstr (ens_shared_account_get_account (shared_item (fixture, 0)), ==, SHARED_A);
#endif
}

static void
test_window_failed_stay_pending (Fixture       *fixture,
                                 gconstpointer  data)
{
  EnsWindow *window = fixture->window;
  g_autoptr(EnsCredentials) read_only = ens_credentials_new (READ_ONLY_ID, READ_ONLY_SECRET, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  EnsActivityEntry *entry;

  load_image (fixture, IMAGE);
  ens_client_set_credentials (fixture->client, read_only);

  add_accounts (fixture, NEW_ACCOUNT " " OTHER_ACCOUNT " 12ab");
  g_assert_cmpuint (_ens_window_count_ready (window), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share", NULL);
  WAIT_UNTIL (!window_is_busy (fixture));

  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_false (emulator_shares (fixture, OTHER_ACCOUNT));

  /* Nothing typed is lost, and each failed row says why. */
  rows = list_rows (window->pending_list);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (ens_pending_row_get_account (g_ptr_array_index (rows, 0)), ==, NEW_ACCOUNT);
  g_assert_nonnull (ens_pending_row_get_failure (g_ptr_array_index (rows, 0)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Not shared: "));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 0), "error"));
  g_assert_cmpstr (ens_pending_row_get_account (g_ptr_array_index (rows, 1)), ==, OTHER_ACCOUNT);
  g_assert_cmpint (ens_pending_row_get_status (g_ptr_array_index (rows, 2)), ==, ENS_PENDING_STATUS_INVALID);
  g_assert_cmpuint (_ens_window_count_ready (window), ==, 2);

  /* No "Shared" toast; the error dialog explains. */
  g_assert_null (toast_title (fixture));
  g_assert_cmpuint (count_other_toplevels (fixture), ==, 1);

  entry = g_list_model_get_item (G_LIST_MODEL (window->activity), 0);
  g_assert_false (ens_activity_entry_get_success (entry));
  g_assert_cmpstr (ens_activity_entry_get_outcome (entry), ==, "Failed");
  g_object_unref (entry);

  /* With a key that may share, the same rows go through. */
  close_other_toplevels (fixture);
  {
    g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);

    ens_client_set_credentials (fixture->client, credentials);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share", NULL);
  WAIT_UNTIL (!window_is_busy (fixture));
  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_true (emulator_shares (fixture, OTHER_ACCOUNT));
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 2 accounts");
  g_assert_cmpuint (_ens_window_count_pending (window), ==, 1);
}

static void
test_window_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  EnsWindow *window = fixture->window;

  load_image (fixture, IMAGE);
  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_batch_size (fixture->client, 1);
  ens_emulator_set_latency (fixture->emulator, 200);

  add_accounts (fixture, NEW_ACCOUNT " " OTHER_ACCOUNT " 5555555555555555");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share", NULL);
  g_assert_true (window_is_busy (fixture));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  WAIT_UNTIL (!window_is_busy (fixture));

  /* What had not started stays pending, and no error dialog appears. */
  g_assert_cmpuint (count_other_toplevels (fixture), ==, 0);
  g_assert_false (emulator_shares (fixture, "5555555555555555"));

  /* The toast counts what the server really did, requests that were in
   * flight at Cancel included, once the list has been read again. */
  WAIT_UNTIL (window->verify_plan == NULL && shared_page_is (fixture, "list"));
  {
    const char *accounts[] = { NEW_ACCOUNT, OTHER_ACCOUNT, "5555555555555555" };
    g_autofree char *expected = NULL;
    guint n_shared_now = 0;

    for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
      if (emulator_shares (fixture, accounts[i]))
        n_shared_now++;

    if (n_shared_now == 0)
      expected = g_strdup ("Cancelled, nothing was changed");
    else
      expected = g_strdup_printf (n_shared_now == 1 ? "Shared with %u account" : "Shared with %u accounts",
                                  n_shared_now);
    g_assert_cmpstr (toast_title (fixture), ==, expected);
    g_assert_cmpuint (_ens_window_count_pending (window), ==, 3 - n_shared_now);
  }
}

static void
test_window_close_with_pending (Fixture       *fixture,
                                gconstpointer  data)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_test_skip ("The confirmation is an AdwAlertDialog, not a toplevel, on libadwaita 1.5+");
#else
  EnsWindow *window = fixture->window;
  AdwMessageDialog *dialog;

  add_accounts (fixture, NEW_ACCOUNT);
  gtk_window_close (GTK_WINDOW (window));

  /* Still open, asking first. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard pending accounts?");

  /* "Cancel": the dialog goes, the window and its accounts stay. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (window->close_confirmed);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpuint (_ens_window_count_pending (window), ==, 1);
#endif
}

static void
test_window_activity_copy (Fixture       *fixture,
                           gconstpointer  data)
{
  EnsWindow *window = fixture->window;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-activity", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "activity");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->back_button)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-text", "s", "REQ-123");
  g_assert_cmpstr (toast_title (fixture), ==, "Copied");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "main");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->back_button)));
}

static void
test_window_signed_out_and_demo (void)
{
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(GError) error = NULL;
  EnsSession *session = ens_session_new (client, store, NULL);
  EnsWindow *window;

  /* No credentials and no auto sign-in: the "Sign In" page. */
  window = g_object_ref (ens_window_new (NULL, session, FALSE));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "signed-out");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->sign_in_button), "suggested-action"));
  g_assert_false (gtk_widget_get_visible (window->demo_banner));

  /* The demo says so all the time. */
  g_assert_true (ens_session_start_demo (session, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (window->demo_banner));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Demo");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "main");

  ens_session_stop_demo (session);
  g_assert_false (gtk_widget_get_visible (window->demo_banner));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "signed-out");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (session);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/window/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("image-validation", test_window_image_validation);
  ADD ("accessible-names", test_window_accessible_names);
  ADD ("pending-editing", test_window_pending_editing);
  ADD ("sensitivity", test_window_sensitivity);
  ADD ("share-and-undo", test_window_share_and_undo);
  ADD ("share-typed", test_window_share_typed);
  ADD ("large-list", test_window_large_list);
  ADD ("stop-sharing", test_window_stop_sharing);
  ADD ("failed-stay-pending", test_window_failed_stay_pending);
  ADD ("cancel", test_window_cancel);
  ADD ("close-with-pending", test_window_close_with_pending);
  ADD ("activity-copy", test_window_activity_copy);
  g_test_add_func ("/window/signed-out-and-demo", test_window_signed_out_and_demo);

#undef ADD

  return g_test_run ();
}
