/* test-hostile-ui.c
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
 * What a lying server can make the window show (issue 18): the error
 * dialog with escape sequences, newlines and bidirectional overrides in
 * the code, message and RequestId; and the shared-accounts section when
 * the server's pages do not add up.  The server is a plain SoupServer on
 * 127.0.0.1.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "ens-core.h"
#include "ens-error-dialog.h"
#include "ens-message-dialog.h"
#include "ens-session.h"
#include "ens-share-editor.h"
#include "ens-share-list.h"
#include "ens-shared-section.h"
#include "ens-test-utils.h"

#define IMAGE_ID "m-5s7qotzavwbrnzaqh4uhostil"

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Nothing that drives a terminal, breaks a line or turns text around. */
static void
assert_shown_safely (const char *text)
{
  g_assert_nonnull (text);
  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strchr (text, '\x07'));
  g_assert_null (strstr (text, "\xe2\x80\xae"));   /* U+202E */
  g_assert_null (strstr (text, "\nshared"));
}

static void
test_error_dialog (void)
{
  g_autoptr(GError) error = ens_error_new_api (400,
                                               "Evil\x1b]0;pwned\x07",
                                               "line one\nshared     9999  RequestId FAKE\xe2\x80\xae",
                                               "R-\x1b[2J\nFAKE",
                                               "ens.aliyuncs.com\x1b[2J",
                                               NULL);
  GtkWindow *parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  GtkWindow *dialog;
  GtkWidget *extra;
  GtkWidget *request_id;
  GtkWidget *expander;
  GtkWidget *details;
  const char *body;

  dialog = g_object_ref (ens_error_dialog_new (parent, error, NULL));
  gtk_window_present (dialog);

  assert_shown_safely (ens_message_dialog_get_heading (GTK_WIDGET (dialog)));

  /* The body quotes the code and the message, escaped, in its two
   * paragraphs (what happened, what to do). */
  body = ens_message_dialog_get_body (GTK_WIDGET (dialog));
  assert_shown_safely (body);
  g_assert_nonnull (strstr (body, "“Evil\\x1B]0;pwned\\x07”"));
  g_assert_nonnull (strstr (body, "line one\\x0Ashared     9999  RequestId FAKE\\u202E"));
  g_assert_nonnull (strstr (body, "\n\n"));
  g_assert_null (strstr (strstr (body, "\n\n") + 2, "\n"));

  extra = ens_message_dialog_get_extra_child (GTK_WIDGET (dialog));
  request_id = find_named (extra, "request-id-label");
  g_assert_nonnull (request_id);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (request_id)), ==, "R-\\x1B[2J\\x0AFAKE");

  expander = find_named (extra, "technical-details");
  g_assert_nonnull (expander);
  details = find_named (gtk_expander_get_child (GTK_EXPANDER (expander)), "technical-details-label");
  g_assert_nonnull (details);
  assert_shown_safely (gtk_label_get_text (GTK_LABEL (details)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)),
                            "Request ID: R-\\x1B[2J\\x0AFAKE\n"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)),
                            "Host: ens.aliyuncs.com\\x1B[2J"));

  gtk_window_destroy (dialog);
  drain_main_context ();
  g_assert_finalize_object (dialog);
  gtk_window_destroy (parent);
  g_object_unref (parent);
}

/* The shared-accounts section {{{ */

static gboolean repeat_pages;

static void
liar_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GString *str = g_string_new (NULL);
  gsize len;

  /* 1,000 announced; the same two accounts on every page, or all of them
   * (honestly, two in all) when not repeating. */
  g_string_append_printf (str, "{\"RequestId\":\"R\",\"TotalCount\":%u,\"PageSize\":100,"
                          "\"Accounts\":{\"Account\":[{\"AliyunUid\":\"1111222233334444\"},"
                          "{\"AliyunUid\":\"5555666677778888\"}]}}",
                          repeat_pages ? 1000 : 2);
  len = str->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (str, FALSE), len);
}

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
load (EnsShareList *list)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect_swapped (list, "loaded", G_CALLBACK (set_flag_cb), &loaded);

  ens_share_list_load (list);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (list, id);
  drain_main_context ();
}

static void
test_shared_section_incomplete (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new ("LTAI5tHostileHostileHo01",
                                                               "HostileSecretHostileSecretHost",
                                                               NULL);
  g_autoptr(EnsSession) session = NULL;
  g_autoptr(EnsShareEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  EnsShareList *list;
  GtkWidget *window;
  GtkWidget *section;
  GtkWidget *notice;

  soup_server_add_handler (server, NULL, liar_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = ens_test_server_url (server);
  g_assert_true (ens_client_set_endpoint (client, url, &error));
  g_assert_no_error (error);

  session = ens_session_new (client, store, NULL);
  ens_session_sign_in (session, "test", credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  editor = ens_share_editor_new (session);
  list = ens_share_editor_get_share_list (editor);
  ens_share_list_set_image_id (list, IMAGE_ID);

  window = gtk_window_new ();
  section = g_object_new (ENS_TYPE_SHARED_SECTION, "editor", editor, NULL);
  gtk_window_set_child (GTK_WINDOW (window), section);
  gtk_window_present (GTK_WINDOW (window));

  notice = find_named (section, "shared-incomplete-label");
  g_assert_nonnull (notice);

  /* Pages that repeat: the two accounts, and the notice says the list may
   * be incomplete. */
  repeat_pages = TRUE;
  load (list);
  g_assert_cmpuint (ens_share_list_get_n_items (list), ==, 2);
  g_assert_false (ens_share_list_get_complete (list));
  g_assert_true (gtk_widget_get_visible (notice));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (notice)), "may be incomplete"));

  /* The same list read from an honest answer: no notice. */
  repeat_pages = FALSE;
  load (list);
  g_assert_true (ens_share_list_get_complete (list));
  g_assert_false (gtk_widget_get_visible (notice));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  soup_server_disconnect (server);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hostile-ui/error-dialog", test_error_dialog);
  g_test_add_func ("/hostile-ui/shared-section/incomplete", test_shared_section_incomplete);

  return g_test_run ();
}
