/* test-home.c
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
 * The window's home page against the emulator with 200 images: the list
 * pages to the end, the share counts arrive after the rows, the search
 * filters by name or ID as you type, an ID that is not listed opens, and
 * on a narrow window the list and the image page come one after the other.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "ens-emulator.h"
#include "ens-image-row.h"
#include "ens-image-split.h"
#include "ens-images-page.h"
#include "ens-profile-menu.h"
#include "ens-recipient-message.h"
#include "ens-window.h"

#define KEY_ID       "LTAI5tHomeHomeHomeHome01"
#define KEY_SECRET   "HomeSecretHomeSecretHomeSecre"
#define ACCOUNT      "1999999999999999"
#define N_IMAGES     200
#define WAIT_TIMEOUT_US (20 * G_USEC_PER_SEC)

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
  EnsEmulator        *emulator;
  EnsClient          *client;
  EnsCredentialStore *store;
  EnsSession         *session;
  GtkWindow          *window;
  char               *log_path;
  guint               tick_id;
} Fixture;

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static char *
image_id (guint i)
{
  return g_strdup_printf ("m-home%03uaaaaaaaaaaaaaaaaaaa", i);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static EnsImagesPage *
images_page (Fixture *fixture)
{
  return ENS_IMAGES_PAGE (find_type (GTK_WIDGET (fixture->window), ENS_TYPE_IMAGES_PAGE));
}

static EnsImageSplit *
image_split (Fixture *fixture)
{
  return ENS_IMAGE_SPLIT (find_type (GTK_WIDGET (fixture->window), ENS_TYPE_IMAGE_SPLIT));
}

/* The rows the list shows, in order. */
static GPtrArray *
rows (Fixture *fixture)
{
  GtkWidget *list = find_type (GTK_WIDGET (images_page (fixture)), GTK_TYPE_LIST_BOX);
  GPtrArray *found = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ENS_IS_IMAGE_ROW (child) && gtk_widget_get_visible (child))
      g_ptr_array_add (found, child);

  return found;
}

static guint
n_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) shown = rows (fixture);

  return shown->len;
}

/* Rows whose share count is shown. */
static guint
n_counted (Fixture *fixture)
{
  g_autoptr(GPtrArray) shown = rows (fixture);
  guint n = 0;

  for (guint i = 0; i < shown->len; i++)
    if (ens_image_get_share_count (ens_image_row_get_image (g_ptr_array_index (shown, i))) >= 0)
      n++;

  return n;
}

static const char *
window_title (Fixture *fixture,
              gboolean  subtitle)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (find_type (GTK_WIDGET (fixture->window),
                                                       ADW_TYPE_WINDOW_TITLE));

  return subtitle ? adw_window_title_get_subtitle (title) : adw_window_title_get_title (title);
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *text)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
          g_strcmp0 (label, text) == 0)
        return TRUE;
      if (section != NULL && menu_has_label (section, text))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *find_entry_row (GtkWidget  *root,
                                  const char *title);

/* Waits for the home page to list the images and read their counts, then
 * opens image @i by activating its row. */
static void
open_row (Fixture *fixture,
          guint    i)
{
  g_autoptr(GPtrArray) shown = NULL;

  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  WAIT_UNTIL (!ens_image_catalog_get_counting (ens_session_get_images (fixture->session)));
  shown = rows (fixture);
  g_signal_emit_by_name (g_ptr_array_index (shown, i), "activate");
}

/* Types @accounts into "Accounts to add" and presses Share (Ctrl+Return). */
static void
share_typed (Fixture    *fixture,
             const char *accounts)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (window, "Accounts to add")), accounts);
  g_assert_true (gtk_widget_activate_action (window, "win.share", NULL));
}

/* The search entry reports a change after a short pause in typing. */
static void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *search = find_type (GTK_WIDGET (images_page (fixture)), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (search), text);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int width = GPOINTER_TO_INT (data);

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_set_key_owner (fixture->emulator, KEY_ID, ACCOUNT, "release-bot");
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autofree char *id = image_id (i);
      g_autofree char *name = g_strdup_printf ("web-%03u", i);
      g_autofree char *account = g_strdup_printf ("16000000000%05u", i);
      const char *shares[] = { account, NULL };

      ens_emulator_add_image (fixture->emulator, id, name, "self", "ubuntu", "2025-03-01T00:00:00Z");
      if (i % 2 == 0)
        ens_emulator_set_shares (fixture->emulator, id, shares);
    }
  ens_emulator_set_latency (fixture->emulator, 10);
  fixture->log_path = g_build_filename (g_get_tmp_dir (), "ens-test-home-XXXXXX.log", NULL);
  g_close (g_mkstemp (fixture->log_path), NULL);
  g_assert_true (ens_emulator_set_log_path (fixture->emulator, fixture->log_path, &error));
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, url, &error));
  ens_client_set_credentials (fixture->client, credentials);
  ens_client_set_concurrency (fixture->client, 4);
  fixture->store = ens_credential_store_new ();
  fixture->session = ens_session_new (fixture->client, fixture->store, NULL);

  fixture->window = g_object_ref (GTK_WINDOW (ens_window_new (NULL, fixture->session, FALSE)));
  gtk_window_set_default_size (fixture->window, width, 700);
  gtk_window_present (fixture->window);
  fixture->tick_id = g_timeout_add (10, tick_cb, NULL);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  WAIT_UNTIL (G_OBJECT (fixture->window)->ref_count == 1);
  g_assert_finalize_object (fixture->window);
  /* Counts cancelled with the window still hold the client a moment. */
  WAIT_UNTIL (G_OBJECT (fixture->session)->ref_count == 1);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  g_clear_handle_id (&fixture->tick_id, g_source_remove);
  g_clear_object (&fixture->store);
  WAIT_UNTIL (G_OBJECT (fixture->client)->ref_count == 1);
  g_clear_object (&fixture->client);
  ens_emulator_set_log_path (fixture->emulator, NULL, NULL);
  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->emulator);
  g_unlink (fixture->log_path);
  g_clear_pointer (&fixture->log_path, g_free);
}

/* How many requests of @action the emulator has logged. */
static guint
n_logged (Fixture    *fixture,
          const char *action)
{
  g_autofree char *contents = NULL;
  g_autofree char *needle = g_strdup_printf ("\"action\":\"%s\"", action);
  guint n = 0;

  g_assert_true (g_file_get_contents (fixture->log_path, &contents, NULL, NULL));
  for (const char *p = strstr (contents, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* All 200 images, over several pages; the rows come before the counts,
 * which then fill in; the search filters by name or ID as you type. */
static void
test_home_list (Fixture       *fixture,
                gconstpointer  data)
{
  EnsImageCatalog *catalog = ens_session_get_images (fixture->session);
  g_autoptr(GPtrArray) shown = NULL;
  EnsImageRow *row;

  /* The first page's rows come before the last page is read. */
  WAIT_UNTIL (n_rows (fixture) > 0);
  g_assert_cmpuint (n_rows (fixture), <=, N_IMAGES);
  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  /* Listed before counted: the counts were still arriving. */
  g_assert_true (ens_image_catalog_get_counting (catalog));
  g_assert_cmpuint (n_counted (fixture), <, N_IMAGES);
  /* Every page was read (DescribeSelfImages serves at most 100 a page). */
  g_assert_true (ens_image_catalog_get_complete (catalog));

  WAIT_UNTIL (n_counted (fixture) == N_IMAGES);
  shown = rows (fixture);
  row = g_ptr_array_index (shown, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "web-000");
  g_assert_cmpint (ens_image_get_share_count (ens_image_row_get_image (row)), ==, 1);
  g_assert_cmpint (ens_image_get_share_count (ens_image_row_get_image (g_ptr_array_index (shown, 1))), ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* By name, as typed. */
  set_search (fixture, "web-19");
  WAIT_UNTIL (n_rows (fixture) == 10);
  set_search (fixture, "WEB-199");
  WAIT_UNTIL (n_rows (fixture) == 1);
  /* By ID. */
  set_search (fixture, "m-home05");
  WAIT_UNTIL (n_rows (fixture) == 10);
  set_search (fixture, "");
  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
}

/* Choosing a row opens its page titled by the image's name, the ID
 * below; an ID that is not listed opens too and is looked up. */
static void
test_home_choose (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *id = image_id (7);

  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  g_assert_false (ens_image_split_get_folded (image_split (fixture)));
  g_assert_cmpstr (window_title (fixture, FALSE), ==, "ENS Image Share");

  shown = rows (fixture);
  g_signal_emit_by_name (g_ptr_array_index (shown, 7), "activate");
  g_assert_cmpstr (window_title (fixture, FALSE), ==, "web-007");
  g_assert_cmpstr (window_title (fixture, TRUE), ==, id);

  set_search (fixture, "m-notlisted000000000000001");
  g_signal_emit_by_name (find_type (GTK_WIDGET (images_page (fixture)), GTK_TYPE_SEARCH_ENTRY), "activate");
  g_assert_cmpstr (window_title (fixture, FALSE), ==, "m-notlisted000000000000001");
  g_assert_cmpstr (window_title (fixture, TRUE), ==, "m-notlisted000000000000001");
}

static void
clipboard_text_cb (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* "Copy Message for Recipients": disabled without an image; with one,
 * the translated message naming the image, its ID and the account. */
static void
test_home_copy_message (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "copy-recipient-message");
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *id = image_id (7);
  g_autofree char *expected = ens_recipient_message_new ("web-007", id, ACCOUNT);
  g_autofree char *text = NULL;

  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  WAIT_UNTIL (ens_session_get_caller_identity (fixture->session) != NULL);
  g_assert_false (g_action_get_enabled (action));

  shown = rows (fixture);
  g_signal_emit_by_name (g_ptr_array_index (shown, 7), "activate");
  g_assert_true (g_action_get_enabled (action));
  g_action_activate (action, NULL);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, clipboard_text_cb, &text);
  WAIT_UNTIL (text != NULL);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (strstr (text, "web-007") != NULL && strstr (text, ACCOUNT) != NULL);
}

static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Sharing with the account of the key in use is refused before anything
 * is sent, with a clear message; the other accounts wait, unsent. */
static void
test_home_own_account (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = image_id (3);
  g_auto(GStrv) shares = NULL;
  GtkWindow *dialog;

  WAIT_UNTIL (ens_session_get_caller_identity (fixture->session) != NULL);
  open_row (fixture, 3);
  share_typed (fixture, "1700000000000001, " ACCOUNT);

  WAIT_UNTIL ((dialog = message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "You Cannot Share With Your Own Account");
  g_assert_true (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ACCOUNT) != NULL);
  g_assert_cmpuint (n_logged (fixture, "ModifyImageSharePermission"), ==, 0);
  shares = ens_emulator_dup_shares (fixture->emulator, id);
  g_assert_cmpuint (g_strv_length (shares), ==, 0);
  gtk_window_destroy (dialog);
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
strv_has (GStrv       strv,
          const char *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

static gboolean
shared_with (Fixture    *fixture,
             guint       image,
             const char *account)
{
  g_autofree char *id = image_id (image);
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, id);

  return strv_has (shares, account);
}

/* Answers the message dialog on screen with @response. */
static void
answer (const char *heading,
        const char *response)
{
  GtkWindow *dialog;

  WAIT_UNTIL ((dialog = message_dialog ()) != NULL &&
              g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), heading) == 0);
  /* As its button does: answer, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
  WAIT_UNTIL (message_dialog () != dialog);
}

/* Share Selected Images…: one list for the checked images, previewed
 * (what is already shared is skipped and named), nothing sent before
 * Confirm; one plan, then one Undo for the whole change. */
static void
test_home_share_selected (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  EnsImagesPage *page;
  GtkWindow *dialog;
  GtkWidget *undo;

  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  WAIT_UNTIL (!ens_image_catalog_get_counting (ens_session_get_images (fixture->session)));
  page = images_page (fixture);
  g_assert_false (g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (window), "share-selected")));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = image_id (i);

      ens_images_page_set_selected (page, id, TRUE);
    }
  g_assert_nonnull (find_button_labelled (window, "Share Selected Images…"));
  g_assert_true (gtk_widget_activate_action (window, "win.share-selected", NULL));

  /* Image 0 is already shared with 1600000000000000. */
  WAIT_UNTIL ((dialog = message_dialog ()) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)),
                         "1700000000000001 1600000000000000");
  answer ("Share Selected Images", "preview");

  WAIT_UNTIL ((dialog = message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Share 3 Images?");
  g_assert_true (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                         "web-000\n  Will add: 1700000000000001\n  Skipped, already shared: 1600000000000000") != NULL);
  g_assert_true (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                         "web-001\n  Will add: 1700000000000001, 1600000000000000") != NULL);
  g_assert_cmpuint (n_logged (fixture, "ModifyImageSharePermission"), ==, 0);
  answer ("Share 3 Images?", "accept");

  /* One batched request per image, the toast says it was verified. */
  WAIT_UNTIL ((undo = find_button_labelled (window, "Undo")) != NULL);
  g_assert_cmpuint (n_logged (fixture, "ModifyImageSharePermission"), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (shared_with (fixture, i, "1700000000000001"));
  g_assert_true (shared_with (fixture, 1, "1600000000000000"));
  g_assert_true (shared_with (fixture, 2, "1600000000000000"));
  g_assert_nonnull (find_label_text (window, "5 changes made and verified"));
  /* The home page's counts follow the change. */
  {
    g_autofree char *id = image_id (1);
    EnsImage *image = ens_image_catalog_lookup (ens_session_get_images (fixture->session), id);

    WAIT_UNTIL (ens_image_get_share_count (image) == 2);
    g_assert_nonnull (find_label_text (window, "Shared with 2 accounts"));
  }

  /* One Undo for the whole change; what was skipped stays. */
  g_signal_emit_by_name (undo, "clicked");
  WAIT_UNTIL (!ens_window_get_changing (ENS_WINDOW (window)) &&
              !shared_with (fixture, 0, "1700000000000001") &&
              !shared_with (fixture, 1, "1700000000000001") &&
              !shared_with (fixture, 2, "1700000000000001") &&
              !shared_with (fixture, 1, "1600000000000000") &&
              !shared_with (fixture, 2, "1600000000000000"));
  g_assert_true (shared_with (fixture, 0, "1600000000000000"));
  g_assert_true (shared_with (fixture, 2, "1600000000000002"));
}

/* Copy Sharing From…: preview with Match exactly (add and remove), then
 * Confirm; the target's list then equals the source's, verified. */
static void
test_home_copy_sharing (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *source = image_id (0);
  g_autofree char *target = image_id (2);
  g_auto(GStrv) source_shares = NULL;
  g_auto(GStrv) target_shares = NULL;
  GtkWindow *dialog;

  open_row (fixture, 2);
  g_assert_nonnull (find_button_labelled (window, "Copy Sharing From…"));
  g_assert_true (gtk_widget_activate_action (window, "win.copy-sharing-from", NULL));

  WAIT_UNTIL ((dialog = message_dialog ()) != NULL);
  /* The other images, the open one left out: web-000 first. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN))), ==, 0);
  gtk_switch_set_active (GTK_SWITCH (find_type (GTK_WIDGET (dialog), GTK_TYPE_SWITCH)), TRUE);
  answer ("Copy Sharing From…", "preview");

  WAIT_UNTIL ((dialog = message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Copy Sharing to “web-002”?");
  g_assert_true (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                         "web-002\n  Will add: 1600000000000000\n  Will remove: 1600000000000002") != NULL);
  g_assert_cmpuint (n_logged (fixture, "ModifyImageSharePermission"), ==, 0);
  answer ("Copy Sharing to “web-002”?", "accept");

  WAIT_UNTIL (find_label_text (window, "2 changes made and verified") != NULL);
  source_shares = ens_emulator_dup_shares (fixture->emulator, source);
  target_shares = ens_emulator_dup_shares (fixture->emulator, target);
  g_assert_cmpstrv (source_shares, target_shares);
}

/* A share from the image page: the home page's count follows from the
 * list the page reads again anyway. */
static void
test_home_count_follows (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = image_id (5);
  EnsImage *image;

  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  WAIT_UNTIL (!ens_image_catalog_get_counting (ens_session_get_images (fixture->session)));
  image = ens_image_catalog_lookup (ens_session_get_images (fixture->session), id);
  g_assert_cmpint (ens_image_get_share_count (image), ==, 0);

  open_row (fixture, 5);
  share_typed (fixture, "1700000000000005, 1700000000000006");

  WAIT_UNTIL (ens_image_get_share_count (image) == 2);
  g_assert_true (shared_with (fixture, 5, "1700000000000006"));
}

/* Narrow: the list first, then the image page; Back returns to the list. */
static void
test_home_narrow (Fixture       *fixture,
                  gconstpointer  data)
{
  EnsImageSplit *split = image_split (fixture);
  g_autoptr(GPtrArray) shown = NULL;

  WAIT_UNTIL (n_rows (fixture) == N_IMAGES);
  WAIT_UNTIL (ens_image_split_get_folded (split));
  g_assert_false (ens_image_split_get_show_content (split));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (images_page (fixture))));

  shown = rows (fixture);
  g_signal_emit_by_name (g_ptr_array_index (shown, 3), "activate");
  g_assert_true (ens_image_split_get_show_content (split));
  g_assert_cmpstr (window_title (fixture, FALSE), ==, "web-003");
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (images_page (fixture))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  g_assert_false (ens_image_split_get_show_content (split));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (images_page (fixture))));
}

/* Who am I: above the list and in the profile menu, from STS after the
 * sign-in; gone when signed out. */
static void
test_home_who_am_i (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EnsProfileMenu) menu = ens_profile_menu_new (fixture->session);
  const char *text = "Account " ACCOUNT " · RAM user “release-bot”";

  WAIT_UNTIL (shows_label (GTK_WIDGET (fixture->window), text));
  ens_profile_menu_update (menu);
  g_assert_true (menu_has_label (ens_profile_menu_get_menu_model (menu), text));
  g_assert_true (ens_session_is_own_account (fixture->session, ACCOUNT));

  ens_session_sign_out (fixture->session);
  g_assert_null (ens_session_dup_identity_text (fixture->session));
  ens_profile_menu_update (menu);
  g_assert_false (menu_has_label (ens_profile_menu_get_menu_model (menu), text));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Without a window manager a dialog takes the focus without a focus-out
   * for the entry below it; a blinking cursor then warns (fatal here). */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add ("/home/list", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_list, fixture_tear_down);
  g_test_add ("/home/choose", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_choose, fixture_tear_down);
  g_test_add ("/home/copy-message", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_copy_message, fixture_tear_down);
  g_test_add ("/home/own-account", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_own_account, fixture_tear_down);
  g_test_add ("/home/share-selected", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_share_selected, fixture_tear_down);
  g_test_add ("/home/copy-sharing", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_copy_sharing, fixture_tear_down);
  g_test_add ("/home/count-follows", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_count_follows, fixture_tear_down);
  g_test_add ("/home/who-am-i", Fixture, GINT_TO_POINTER (1100),
              fixture_set_up, test_home_who_am_i, fixture_tear_down);
  g_test_add ("/home/narrow", Fixture, GINT_TO_POINTER (400),
              fixture_set_up, test_home_narrow, fixture_tear_down);

  return g_test_run ();
}
