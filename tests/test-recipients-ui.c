/* test-recipients-ui.c
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
 * The address book in the window, on a real database file and the
 * emulator: naming an account from the shared list, the Recipients page
 * (add, delete and its Undo), and Import… with bad rows.
 */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "ens-emulator.h"
#include "ens-image-catalog.h"
#include "ens-recipients-page.h"
#include "ens-test-utils.h"
#include "ens-window.h"

#define KEY_ID       "LTAI5tRecipientsUiKey001"
#define KEY_SECRET   "RecipientsUiSecretRecipientsU"
#define IMAGE        "m-recipientsui01"
#define SHARED_A     "1111111111111111"
#define SHARED_B     "2222222222222222"
#define NEW_ACCOUNT  "3333333333333333"
#define IMAGE_2      "m-recipientsui02"
#define IMAGE_3      "m-recipientsui03"
#define WAIT_TIMEOUT_US (60 * G_USEC_PER_SEC)

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

typedef struct
{
  EnsEmulator   *emulator;
  EnsSession    *session;
  EnsHistory    *history;
  GtkWindow     *window;
  char          *dir;
  char          *db_path;
  guint          tick_id;
} Fixture;

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Finding widgets {{{ */

static gboolean
says (GtkWidget  *widget,
      const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *label = g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
      char *underline = strchr (label, '_');

      if (underline != NULL)
        memmove (underline, underline + 1, strlen (underline));
      if (g_strcmp0 (label, text) == 0)
        return TRUE;
    }
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return TRUE;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text);

      return mismatch == NULL;
    }

  return FALSE;
}

/* The first widget of @type under @root (laid-out order) showing or named @text. */
static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *text,
      gboolean    mapped)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (mapped && !gtk_widget_get_mapped (widget))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (text == NULL || says (widget, text)))
        return widget;
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }

  return NULL;
}

static GtkWidget *
get (GtkWidget  *root,
     GType       type,
     const char *text)
{
  GtkWidget *widget = find (root, type, text, TRUE);

  if (widget == NULL)
    g_error ("No %s “%s” on screen", g_type_name (type), text);

  return widget;
}

static void
click (GtkWidget *root,
       const char *text)
{
  GtkWidget *button = get (root, GTK_TYPE_BUTTON, text);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static AdwMessageDialog *
find_dialog (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static const char *
toast_title (Fixture *fixture)
{
  GtkWidget *overlay = find (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY, NULL, FALSE);
  GtkWidget *content = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content && gtk_widget_get_mapped (child) && gtk_widget_get_can_target (child))
      {
        GtkWidget *label = find (child, GTK_TYPE_LABEL, NULL, TRUE);

        return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
      }

  return NULL;
}

static GtkWidget *
shared_row (Fixture    *fixture,
            const char *title)
{
  GtkWidget *group = find (GTK_WIDGET (fixture->window), ADW_TYPE_PREFERENCES_GROUP, "Shared With", FALSE);

  g_assert_nonnull (group);
  return find (group, ADW_TYPE_ACTION_ROW, title, TRUE);
}

static gint64
book_count (Fixture    *fixture,
            const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM recipients WHERE %s", where);

  return ens_test_sql_int (fixture->db_path, sql);
}

/* }}} */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const shares[] = { SHARED_A, SHARED_B, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autofree char *url = NULL;
  EnsRecipients *book;

  fixture->dir = g_dir_make_tmp ("ens-test-recipients-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "data", "ens.db", NULL);

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_image (fixture->emulator, IMAGE, "named-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE, shares);
  ens_emulator_add_image (fixture->emulator, IMAGE_2, "second-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE_2, shares);
  ens_emulator_add_image (fixture->emulator, IMAGE_3, "third-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE_3, shares);
  ens_emulator_listen (fixture->emulator, 0, &error);
  g_assert_no_error (error);
  url = ens_emulator_dup_url (fixture->emulator);
  ens_client_set_endpoint (client, url, &error);
  g_assert_no_error (error);
  ens_client_set_credentials (client, credentials);

  /* As the app does: one store, the history's, for the book too. */
  fixture->session = ens_session_new (client, store, NULL);
  fixture->history = ens_history_new (fixture->db_path);
  ens_session_set_store (fixture->session, ens_history_get_store (fixture->history));
  book = ens_session_get_recipients (fixture->session);
  g_assert_nonnull (book);

  fixture->window = g_object_ref (GTK_WINDOW (ens_window_new (NULL, fixture->session, FALSE)));
  ens_window_set_history (ENS_WINDOW (fixture->window), fixture->history);
  gtk_window_present (fixture->window);
  fixture->tick_id = g_timeout_add (10, tick_cb, NULL);

  /* The book is read once the window is idle: the file then exists. */
  WAIT_UNTIL (ens_store_get_schema_version (ens_history_get_store (fixture->history)) == ENS_STORE_SCHEMA_VERSION);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog (fixture)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (fixture->window);
  WAIT_UNTIL (G_OBJECT (fixture->window)->ref_count == 1);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->history);
  ens_test_release (g_steal_pointer (&fixture->session));
  g_clear_handle_id (&fixture->tick_id, g_source_remove);
  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->emulator);

  ens_test_store_dir_free (g_steal_pointer (&fixture->dir));
  g_clear_pointer (&fixture->db_path, g_free);
}

/* Opens the image from the home page's list. */
static void
open_image (Fixture *fixture)
{
  GtkWidget *image_row;

  WAIT_UNTIL ((image_row = find (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, "named-image", TRUE)) != NULL);
  g_signal_emit_by_name (image_row, "activate");
  WAIT_UNTIL (shared_row (fixture, SHARED_A) != NULL);
}

static void
add_recipient (Fixture    *fixture,
               const char *account_id,
               const char *name,
               const char *group)
{
  EnsRecipients *book = ens_session_get_recipients (fixture->session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ens_recipients_add_async (book, account_id, name, NULL, NULL, ens_test_store_result_cb, &result);
  g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
  g_assert_no_error (error);
  if (group != NULL)
    {
      const char *ids[] = { account_id, NULL };

      g_clear_object (&result);
      ens_recipients_add_to_group_async (book, group, ids, NULL, ens_test_store_result_cb, &result);
      g_assert_true (ens_recipients_change_finish (book, ens_test_wait_for (&result), &error));
      g_assert_no_error (error);
    }
}

/* The rows of "Accounts to Add" below its entry, in order. */
static GPtrArray *
pending_rows (Fixture *fixture)
{
  GtkWidget *group = find (GTK_WIDGET (fixture->window), ADW_TYPE_PREFERENCES_GROUP, "Accounts to Add", FALSE);
  GtkWidget *list = find (group, GTK_TYPE_LIST_BOX, "Suggestions", FALSE);
  GPtrArray *rows = g_ptr_array_new ();

  /* The pending list follows the suggestions. */
  for (list = gtk_widget_get_next_sibling (list); list != NULL && !GTK_IS_LIST_BOX (list);
       list = gtk_widget_get_next_sibling (list))
    ;
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, row);

  return rows;
}

/* Types the name in the open dialog and saves. */
static void
fill_dialog (Fixture    *fixture,
             const char *name,
             const char *account_id)
{
  AdwMessageDialog *dialog;

  WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (get (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "Name")), name);
  if (account_id != NULL)
    gtk_editable_set_text (GTK_EDITABLE (get (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "Account ID")), account_id);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  click (GTK_WIDGET (dialog), "Save");
  WAIT_UNTIL (find_dialog (fixture) == NULL);
}

static void
test_name_from_shared_list (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autofree char *mismatch = NULL;

  open_image (fixture);
  WAIT_UNTIL (shared_row (fixture, SHARED_A) != NULL && shared_row (fixture, SHARED_B) != NULL);

  /* An unknown account offers to be named. */
  row = shared_row (fixture, SHARED_A);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, SHARED_A);
  click (row, "Name Account " SHARED_A "…");
  WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Name This Account");

  /* A bad name cannot be saved; the reason shows. */
  gtk_editable_set_text (GTK_EDITABLE (get (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "Name")), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  fill_dialog (fixture, "Partner A", NULL);

  /* The row shows the name and a short ID, the full one on hover and for
   * screen readers; the book on disk has it. */
  WAIT_UNTIL (shared_row (fixture, "Partner A · 1111…1111") != NULL);
  row = shared_row (fixture, "Partner A · 1111…1111");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "Partner A · " SHARED_A);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 "Partner A · " SHARED_A);
  g_assert_null (mismatch);
  g_assert_cmpint (book_count (fixture, "account_id = '" SHARED_A "' AND name = 'Partner A'"), ==, 1);
  WAIT_UNTIL (g_strcmp0 (toast_title (fixture), "Saved Partner A · " SHARED_A) == 0);
  /* The other row is untouched; the named one now offers "Edit Name…". */
  g_assert_nonnull (shared_row (fixture, SHARED_B));
  g_assert_nonnull (find (row, GTK_TYPE_BUTTON, "Edit Name of " SHARED_A "…", TRUE));

  /* A change from the window records the name the book gives. */
  {
    GtkWidget *accounts = get (window, ADW_TYPE_ENTRY_ROW, "Accounts to add");
    g_autofree char *sql = NULL;

    click (row, "Edit Name of " SHARED_A "…");
    fill_dialog (fixture, "Partner Z", NULL);
    WAIT_UNTIL (shared_row (fixture, "Partner Z · 1111…1111") != NULL);

    gtk_editable_set_text (GTK_EDITABLE (get (window, ADW_TYPE_ENTRY_ROW, "Accounts to add")), NEW_ACCOUNT);
    g_signal_emit_by_name (accounts, "entry-activated");
    click (window, "Name Account " NEW_ACCOUNT "…");
    fill_dialog (fixture, "Partner N", NULL);
    WAIT_UNTIL (book_count (fixture, "name = 'Partner N'") == 1);
    gtk_widget_activate_action (window, "win.share", NULL);
    WAIT_UNTIL (shared_row (fixture, "Partner N · 3333…3333") != NULL);
    WAIT_UNTIL (ens_test_sql_int (fixture->db_path,
                                  "SELECT count(*) FROM entries WHERE account_id = '" NEW_ACCOUNT "'"
                                  " AND recipient_name = 'Partner N'") == 1);
    /* … and the image's, from the list of own images. */
    g_assert_cmpint (ens_test_sql_int (fixture->db_path,
                                       "SELECT count(*) FROM entries WHERE image_name = 'named-image'"), ==, 1);
  }
}

static void
test_complete_and_groups (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *entry;
  GtkWidget *suggestions;
  GtkWidget *row;
  g_autoptr(GPtrArray) rows = NULL;

  add_recipient (fixture, "1000000000000001", "Partner Alpha", NULL);
  add_recipient (fixture, "1000000000000002", "Partner Beta", "Distributors");
  add_recipient (fixture, "1000000000000003", "Gamma Trading", "Distributors");
  open_image (fixture);
  entry = get (window, ADW_TYPE_ENTRY_ROW, "Accounts to add");
  suggestions = find (window, GTK_TYPE_LIST_BOX, "Suggestions", FALSE);
  g_assert_nonnull (suggestions);

  /* Part of a name: the recipients whose name starts with it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "part");
  WAIT_UNTIL (find (suggestions, ADW_TYPE_ACTION_ROW, "Partner Beta", TRUE) != NULL);
  g_assert_nonnull (find (suggestions, ADW_TYPE_ACTION_ROW, "Partner Alpha", TRUE));
  g_assert_null (find (suggestions, ADW_TYPE_ACTION_ROW, "Gamma Trading", TRUE));

  /* Typing an ID asks nothing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1000");
  WAIT_UNTIL (!gtk_widget_get_visible (suggestions));

  gtk_editable_set_text (GTK_EDITABLE (entry), "Partner A");
  WAIT_UNTIL ((row = find (suggestions, ADW_TYPE_ACTION_ROW, "Partner Alpha", TRUE)) != NULL);
  g_assert_null (find (suggestions, ADW_TYPE_ACTION_ROW, "Partner Beta", TRUE));
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "@Partner Alpha, ");
  g_assert_false (gtk_widget_get_visible (suggestions));

  /* A group by part of its name, after the first. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "@Partner Alpha, @dist");
  WAIT_UNTIL ((row = find (suggestions, ADW_TYPE_ACTION_ROW, "Distributors", TRUE)) != NULL);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "@Partner Alpha, @Distributors, ");

  /* Added: the group expands to its members, each saying where it came
   * from; an unknown name is refused with the reason, and never sent. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "@Partner Alpha, @Distributors, @Nobody");
  g_signal_emit_by_name (entry, "entry-activated");
  WAIT_UNTIL (find (window, ADW_TYPE_ACTION_ROW, "Gamma Trading · 1000…0003", TRUE) != NULL);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 3)), ==, "@Nobody");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 3)), ==,
                   "There is no recipient or group named “Nobody” in the address book.");
  g_assert_nonnull (find (window, ADW_TYPE_ACTION_ROW, "Partner Alpha · 1000…0001", TRUE));
  row = find (window, ADW_TYPE_ACTION_ROW, "Partner Beta · 1000…0002", TRUE);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "From group “Distributors”");
  row = find (window, ADW_TYPE_ACTION_ROW, "Gamma Trading · 1000…0003", TRUE);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "From group “Distributors”");

  /* Share sends the three accounts, not the name. */
  gtk_widget_activate_action (window, "win.share", NULL);
  WAIT_UNTIL (shared_row (fixture, "Gamma Trading · 1000…0003") != NULL);
  {
    g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, IMAGE);

    g_assert_cmpuint (g_strv_length (shares), ==, 5);
  }
}

static gboolean
is_shared (Fixture    *fixture,
           const char *image,
           const char *account)
{
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, image);

  return shares != NULL && g_strv_contains ((const char * const *)shares, account);
}

static GtkWindow *
find_images_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_str_has_prefix (gtk_window_get_title (window) != NULL ? gtk_window_get_title (window) : "", "Images ") &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* One partner, all images: the recipient's page lists the three images,
 * Stop Sharing Everything previews by name, a failure in the middle
 * leaves that image shared, and the one Undo puts back the others. */
static void
test_offboard_with_failure (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  EnsClient *client = ens_session_get_client (fixture->session);
  EnsImageCatalog *catalog = ens_session_get_images (fixture->session);
  AdwMessageDialog *dialog;
  GtkWindow *images;
  GtkWidget *page;
  const char *body;

  g_object_set (client, "max-retries", 0, "concurrency", 1, "adapt-concurrency", FALSE, NULL);
  add_recipient (fixture, SHARED_A, "Partner A", NULL);
  WAIT_UNTIL (ens_image_catalog_get_state (catalog) == ENS_IMAGE_CATALOG_COMPLETE &&
              !ens_image_catalog_get_counting (catalog));

  gtk_widget_activate_action (window, "win.show-recipients", NULL);
  page = get (window, ENS_TYPE_RECIPIENTS_PAGE, NULL);
  WAIT_UNTIL (find (page, GTK_TYPE_BUTTON, "Images Partner A Can Use", TRUE) != NULL);
  click (page, "Images Partner A Can Use");
  WAIT_UNTIL ((images = find_images_window ()) != NULL);
  g_assert_cmpstr (gtk_window_get_title (images), ==, "Images Partner A Can Use");
  WAIT_UNTIL (find (GTK_WIDGET (images), GTK_TYPE_LABEL, "3 images can be used.", TRUE) != NULL);
  g_assert_nonnull (find (GTK_WIDGET (images), ADW_TYPE_ACTION_ROW, "second-image", TRUE));

  /* The preview names the images and the recipient; nothing sent yet. */
  click (GTK_WIDGET (images), "Stop Sharing Everything…");
  WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Stop Sharing Everything with Partner A?");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "named-image"));
  g_assert_nonnull (strstr (body, "third-image"));
  g_assert_nonnull (strstr (body, "Partner A · 1111…1111"));
  g_assert_true (is_shared (fixture, IMAGE, SHARED_A) && is_shared (fixture, IMAGE_2, SHARED_A) &&
                 is_shared (fixture, IMAGE_3, SHARED_A));

  /* The second removal fails (one request at a time, no retries). */
  ens_emulator_set_fail_every (fixture->emulator, ens_emulator_get_request_count (fixture->emulator) + 2, 500);
  click (GTK_WIDGET (dialog), "Confirm");
  WAIT_UNTIL (toast_title (fixture) != NULL && g_str_has_prefix (toast_title (fixture), "2 changes made"));
  ens_emulator_set_fail_every (fixture->emulator, 0, 500);
  g_assert_false (is_shared (fixture, IMAGE, SHARED_A));
  g_assert_true (is_shared (fixture, IMAGE_2, SHARED_A));
  g_assert_false (is_shared (fixture, IMAGE_3, SHARED_A));
  g_assert_true (is_shared (fixture, IMAGE, SHARED_B) && is_shared (fixture, IMAGE_3, SHARED_B));

  /* The outcome image by image, the account by its name. */
  WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not Everything Was Changed");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "named-image\n  Removed: Partner A · 1111…1111"));
  g_assert_nonnull (strstr (body, "second-image\n  Failed: Partner A · 1111…1111"));
  g_assert_nonnull (strstr (body, "third-image\n  Removed: Partner A · 1111…1111"));

  /* One Undo puts back what was removed. */
  while ((dialog = find_dialog (fixture)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  click (find (window, ADW_TYPE_TOAST_OVERLAY, NULL, FALSE), "Undo");
  WAIT_UNTIL (is_shared (fixture, IMAGE, SHARED_A) && is_shared (fixture, IMAGE_3, SHARED_A));
  g_assert_true (is_shared (fixture, IMAGE_2, SHARED_A));
}

/* The same for a whole group: its members' images, each naming them. */
static void
test_group_images (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  EnsImageCatalog *catalog = ens_session_get_images (fixture->session);
  GtkWidget *page;
  GtkWindow *images;
  GtkWidget *row;

  add_recipient (fixture, SHARED_A, "Partner A", "Both");
  add_recipient (fixture, SHARED_B, "Partner B", "Both");
  WAIT_UNTIL (ens_image_catalog_get_state (catalog) == ENS_IMAGE_CATALOG_COMPLETE);

  gtk_widget_activate_action (window, "win.show-recipients", NULL);
  page = get (window, ENS_TYPE_RECIPIENTS_PAGE, NULL);
  WAIT_UNTIL (find (page, GTK_TYPE_BUTTON, "Images Both Can Use", TRUE) != NULL);
  click (page, "Images Both Can Use");
  WAIT_UNTIL ((images = find_images_window ()) != NULL);
  WAIT_UNTIL (find (GTK_WIDGET (images), GTK_TYPE_LABEL, "3 images can be used.", TRUE) != NULL);
  row = find (GTK_WIDGET (images), ADW_TYPE_ACTION_ROW, "third-image", TRUE);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Partner A · 1111…1111, Partner B · 2222…2222");
  gtk_window_destroy (images);
}

static void
test_page_add_delete_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *page;
  GtkWidget *overlay;

  gtk_widget_activate_action (window, "win.show-recipients", NULL);
  page = get (window, ENS_TYPE_RECIPIENTS_PAGE, NULL);
  WAIT_UNTIL (find (page, ADW_TYPE_STATUS_PAGE, NULL, TRUE) != NULL);

  /* Add… with a new account and a group. */
  gtk_widget_activate_action (page, "recipients.add", NULL);
  {
    AdwMessageDialog *dialog;

    WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Recipient");
    /* An ID that is not one is refused before anything is written. */
    gtk_editable_set_text (GTK_EDITABLE (get (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "Name")), "Distributor One");
    gtk_editable_set_text (GTK_EDITABLE (get (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "Account ID")), "12ab");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
    gtk_editable_set_text (GTK_EDITABLE (get (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "Groups, separated by commas (optional)")),
                           "Distributors");
  }
  fill_dialog (fixture, "Distributor One", NEW_ACCOUNT);
  WAIT_UNTIL (find (page, ADW_TYPE_ACTION_ROW, "Distributor One", TRUE) != NULL);
  WAIT_UNTIL (find (page, ADW_TYPE_ACTION_ROW, "Distributors", TRUE) != NULL);
  g_assert_cmpint (ens_test_sql_int (fixture->db_path, "SELECT count(*) FROM group_members"), ==, 1);

  /* Search narrows the list. */
  gtk_editable_set_text (GTK_EDITABLE (get (page, GTK_TYPE_SEARCH_ENTRY, "Search recipients")), "nobody");
  WAIT_UNTIL (find (page, ADW_TYPE_ACTION_ROW, "Distributor One", TRUE) == NULL);
  gtk_editable_set_text (GTK_EDITABLE (get (page, GTK_TYPE_SEARCH_ENTRY, "Search recipients")), "3333");
  WAIT_UNTIL (find (page, ADW_TYPE_ACTION_ROW, "Distributor One", TRUE) != NULL);

  /* Delete, then Undo: back with its group. */
  click (page, "Delete Distributor One");
  WAIT_UNTIL (book_count (fixture, "1") == 0);
  WAIT_UNTIL (g_strcmp0 (toast_title (fixture), "Deleted Distributor One · " NEW_ACCOUNT) == 0);
  overlay = find (window, ADW_TYPE_TOAST_OVERLAY, NULL, FALSE);
  click (overlay, "Undo");
  WAIT_UNTIL (book_count (fixture, "name = 'Distributor One'") == 1);
  WAIT_UNTIL (ens_test_sql_int (fixture->db_path, "SELECT count(*) FROM group_members") == 1);
  WAIT_UNTIL (find (page, ADW_TYPE_ACTION_ROW, "Distributor One", TRUE) != NULL);

  /* Delete the group, then Undo. */
  click (page, "Delete Group Distributors");
  WAIT_UNTIL (ens_test_sql_int (fixture->db_path, "SELECT count(*) FROM recipient_groups") == 0);
  WAIT_UNTIL (g_strcmp0 (toast_title (fixture), "Deleted group Distributors") == 0);
  click (overlay, "Undo");
  WAIT_UNTIL (ens_test_sql_int (fixture->db_path, "SELECT count(*) FROM group_members") == 1);
}

static void
test_page_import_bad_rows (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "book.csv", NULL);
  g_autofree char *out_path = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autofree char *exported = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *page;
  const char *text =
    "name,account id,group,note\n"
    "Alpha,1000000000000001,Distributors,\n"
    "Beta,12ab,,\n"
    "Gamma,1000000000000003,,=HYPERLINK(\"x\")\n"
    ",1000000000000004,,\n";

  g_assert_true (g_file_set_contents (csv_path, text, -1, NULL));
  gtk_widget_activate_action (window, "win.show-recipients", NULL);
  page = get (window, ENS_TYPE_RECIPIENTS_PAGE, NULL);

  /* Two bad rows: each listed with its line; Cancel imports nothing. */
  ens_recipients_page_import_file (ENS_RECIPIENTS_PAGE (page), csv);
  WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "2 Rows Cannot Be Imported");
  {
    GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
    const char *listed;

    listed = gtk_label_get_text (GTK_LABEL (find (list, GTK_TYPE_LABEL, NULL, FALSE)));
    g_assert_nonnull (strstr (listed, "Line 3: "));
    g_assert_nonnull (strstr (listed, "Line 5: "));
    g_assert_null (strstr (listed, "Line 2"));
  }
  g_assert_true (adw_message_dialog_has_response (dialog, "import"));
  click (GTK_WIDGET (dialog), "Cancel");
  WAIT_UNTIL (find_dialog (fixture) == NULL);
  g_assert_cmpint (book_count (fixture, "1"), ==, 0);

  /* Again: "Import Valid Rows" imports the two good ones. */
  ens_recipients_page_import_file (ENS_RECIPIENTS_PAGE (page), csv);
  WAIT_UNTIL ((dialog = find_dialog (fixture)) != NULL);
  click (GTK_WIDGET (dialog), "Import Valid Rows");
  WAIT_UNTIL (book_count (fixture, "1") == 2);
  WAIT_UNTIL (g_strcmp0 (toast_title (fixture), "Imported 2 rows") == 0);
  WAIT_UNTIL (find (page, ADW_TYPE_ACTION_ROW, "Gamma", TRUE) != NULL);

  /* Export: the note is never written as a formula. */
  ens_recipients_page_export_file (ENS_RECIPIENTS_PAGE (page), out);
  WAIT_UNTIL (g_strcmp0 (toast_title (fixture), "Address book exported") == 0);
  g_assert_true (g_file_get_contents (out_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "Alpha"));
  g_assert_null (strstr (exported, ",=HYPERLINK"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/recipients-ui/name-from-shared-list", Fixture, NULL,
              fixture_set_up, test_name_from_shared_list, fixture_tear_down);
  g_test_add ("/recipients-ui/complete-and-groups", Fixture, NULL,
              fixture_set_up, test_complete_and_groups, fixture_tear_down);
  g_test_add ("/recipients-ui/offboard-with-failure", Fixture, NULL,
              fixture_set_up, test_offboard_with_failure, fixture_tear_down);
  g_test_add ("/recipients-ui/group-images", Fixture, NULL,
              fixture_set_up, test_group_images, fixture_tear_down);
  g_test_add ("/recipients-ui/page-add-delete-undo", Fixture, NULL,
              fixture_set_up, test_page_add_delete_undo, fixture_tear_down);
  g_test_add ("/recipients-ui/import-bad-rows", Fixture, NULL,
              fixture_set_up, test_page_import_bad_rows, fixture_tear_down);

  return g_test_run ();
}
