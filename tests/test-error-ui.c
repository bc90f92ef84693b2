/* test-error-ui.c
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

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "ens-core.h"
#include "ens-emulator.h"
#include "ens-error-dialog.h"
#include "ens-error-ui.h"
#include "ens-image-row.h"
#include "ens-images-page.h"
#include "ens-message-dialog.h"
#include "ens-preferences-window.h"
#include "ens-sign-in-dialog.h"
#include "ens-test-errors.h"

#define SCHEMA_ID      "io.github.ensimageshare.EnsImageShare"

/* Widget lookup ----------------------------------------------------------- */

typedef gboolean (*MatchFunc) (GtkWidget     *widget,
                               gconstpointer  data);

static GtkWidget *
find_widget (GtkWidget     *root,
             MatchFunc      match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_name (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
match_label_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return find_widget (root, match_name, name);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_widget (root, match_row_title, title);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = find_widget (root, match_button_label, label);

  g_assert_nonnull (button);
  return button;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return find_widget (root, match_label_text, text);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return find_widget (root, match_type, GSIZE_TO_POINTER (type));
}

/* Appends the text of every label under @root. */
static void
collect_text (GtkWidget *root,
              GString   *text)
{
  if (GTK_IS_LABEL (root))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (root)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static gboolean
wait_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done (checked each iteration) or 10 s pass. */
#define WAIT_FOR(cond)                                                        \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint timeout_id_ = g_timeout_add_seconds (10, wait_timeout_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!timed_out_)                                                          \
      g_source_remove (timeout_id_);                                          \
    g_assert_true (cond);                                                     \
  } G_STMT_END

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_format_date (void)
{
  g_autofree char *date = ens_image_row_format_date ("2017-12-08T12:10:03Z");
  g_autofree char *raw = ens_image_row_format_date ("yesterday");
  g_autofree char *none = ens_image_row_format_date (NULL);

  /* TZ=UTC and LC_ALL=C.UTF-8 are set in main(). */
  g_assert_cmpstr (date, ==, "Dec 8, 2017");
  g_assert_cmpstr (raw, ==, "yesterday");
  g_assert_cmpstr (none, ==, "");
}

/* The states the API documents are said in words of the user's language;
 * any other is shown as sent, without its control characters. */
static void
test_format_status (void)
{
  g_autofree char *available = ens_image_row_format_status ("Available");
  g_autofree char *creating = ens_image_row_format_status ("creating");
  g_autofree char *failed = ens_image_row_format_status ("CreateFailed");
  g_autofree char *other = ens_image_row_format_status ("Frozen\033[31m");
  g_autofree char *none = ens_image_row_format_status (NULL);

  g_assert_cmpstr (available, ==, "Available");
  g_assert_cmpstr (creating, ==, "Creating");
  g_assert_cmpstr (failed, ==, "Creation failed");
  g_assert_true (g_str_has_prefix (other, "Frozen"));
  g_assert_null (strchr (other, '\033'));
  g_assert_cmpstr (none, ==, "");
}

/* The error dialog -------------------------------------------------------- */

typedef struct
{
  GtkWindow *parent;
  GtkWindow *dialog;
  GtkWidget *extra;
  char      *all_text;
} DialogView;

static void
dialog_view_open (DialogView   *view,
                  const GError *error,
                  EnsSharePlan *plan)
{
  GString *text = g_string_new (NULL);

  view->parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_present (view->parent);
  view->dialog = g_object_ref (ens_error_dialog_new (view->parent, error, plan));
  g_assert_true (gtk_window_get_transient_for (view->dialog) == view->parent);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (view->dialog));
  gtk_window_present (view->dialog);

  view->extra = ens_message_dialog_get_extra_child (GTK_WIDGET (view->dialog));
  g_assert_nonnull (view->extra);

  g_string_append_printf (text, "%s\n%s\n",
                          ens_message_dialog_get_heading (GTK_WIDGET (view->dialog)),
                          ens_message_dialog_get_body (GTK_WIDGET (view->dialog)));
  collect_text (GTK_WIDGET (view->dialog), text);
  collect_text (gtk_expander_get_child (GTK_EXPANDER (find_named (view->extra, "technical-details"))), text);
  view->all_text = g_string_free (text, FALSE);
}

static void
dialog_view_close (DialogView *view)
{
  gtk_window_destroy (view->dialog);
  drain_main_context ();
  g_assert_finalize_object (view->dialog);
  gtk_window_destroy (view->parent);
  drain_main_context ();
  g_assert_finalize_object (view->parent);
  g_free (view->all_text);
}

static const char *
details_text (DialogView *view)
{
  GtkWidget *expander = find_named (view->extra, "technical-details");
  GtkWidget *label;

  g_assert_nonnull (expander);
  g_assert_true (GTK_IS_EXPANDER (expander));
  /* A collapsed expander keeps its child out of the widget tree. */
  label = find_named (gtk_expander_get_child (GTK_EXPANDER (expander)), "technical-details-label");
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, "Technical Details");
  g_assert_nonnull (label);

  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_dialog_no_permission (void)
{
  g_autoptr(GError) error = ens_test_new_no_permission ();
  g_autofree char *body = ens_test_expected_body (error);
  g_autofree char *details = ens_error_ui_format_details (error);
  DialogView view = { 0 };
  GtkWidget *request_id;
  GtkWidget *copy;

  dialog_view_open (&view, error, NULL);

  g_assert_cmpstr (ens_message_dialog_get_heading (GTK_WIDGET (view.dialog)), ==, "You Don’t Have Permission");
  g_assert_cmpstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)), ==, body);
  g_assert_true (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "close"));
  g_assert_true (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "troubleshoot"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (view.dialog)), ==, "close");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (view.dialog)), ==, "close");
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (view.dialog), "troubleshoot"), ==, "_Troubleshoot");

  request_id = find_named (view.extra, "request-id-label");
  g_assert_nonnull (request_id);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (request_id)), ==, TEST_REQUEST);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (request_id)));

  copy = find_named (view.extra, "copy-request-id-button");
  g_assert_nonnull (copy);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "Copy");
  g_signal_emit_by_name (copy, "clicked");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "Copied");

  g_assert_cmpstr (details_text (&view), ==, details);
  g_assert_nonnull (strstr (details, "Error code: NoPermission\n"));
  g_assert_nonnull (strstr (details, "HTTP status: 403\n"));
  g_assert_null (find_named (view.extra, "failures-list"));
  g_assert_null (find_named (view.extra, "copy-policy-button"));

  dialog_view_close (&view);
}

/* A 403 that names the missing action: the body names it, and the
 * minimal RAM policy is shown with a Copy Policy button. */
static void
test_dialog_access_denied (void)
{
  g_autoptr(GError) error = ens_test_new_access_denied ();
  g_autofree char *policy = ens_error_dup_ram_policy (error);
  g_autoptr(GdkContentProvider) provider = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  DialogView view = { 0 };
  GtkWidget *label;
  GtkWidget *copy;

  dialog_view_open (&view, error, NULL);
  g_assert_cmpstr (ens_message_dialog_get_heading (GTK_WIDGET (view.dialog)), ==,
                   "Your RAM User Is Not Allowed to Do This");
  g_assert_nonnull (strstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)),
                            "The permission that is missing is “ens:ModifyImageSharePermission”."));
  g_assert_nonnull (strstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)), "RAM policy"));
  g_assert_nonnull (strstr (details_text (&view), "Missing permission: ens:ModifyImageSharePermission\n"));
  g_assert_nonnull (strstr (view.all_text, "RAM Policy for the Administrator"));

  label = find_named (view.extra, "ram-policy-label");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, policy);
  g_assert_nonnull (strstr (policy, "\"acs:ens::1234567890123456:image/m-5s7qotzavwbrnzaqh4unmabcd\""));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));

  copy = find_named (view.extra, "copy-policy-button");
  g_assert_nonnull (copy);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "Copy Policy");
  g_signal_emit_by_name (copy, "clicked");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "Copied");

  /* The clipboard holds the policy itself. */
  provider = g_object_ref (gdk_clipboard_get_content (gtk_widget_get_clipboard (copy)));
  g_assert_nonnull (provider);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (provider, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, policy);

  dialog_view_close (&view);
}

static void
test_dialog_wrong_secret (void)
{
  g_autoptr(GError) error = ens_test_new_wrong_secret ();
  g_autofree char *body = ens_test_expected_body (error);
  DialogView view = { 0 };

  g_assert_cmpint (ens_error_diagnose_signature (error), ==, ENS_SIGNATURE_DIAGNOSIS_WRONG_SECRET);

  dialog_view_open (&view, error, NULL);

  g_assert_cmpstr (ens_message_dialog_get_heading (GTK_WIDGET (view.dialog)), ==, "The AccessKey Secret Is Wrong");
  g_assert_cmpstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)), ==, body);
  g_assert_nonnull (strstr (body, "secret"));
  g_assert_nonnull (find_named (view.extra, "copy-request-id-button"));
  g_assert_true (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "troubleshoot"));
  g_assert_nonnull (strstr (details_text (&view), "Error code: SignatureDoesNotMatch"));
  ens_test_assert_no_secret (view.all_text);

  dialog_view_close (&view);
}

static void
test_dialog_clock (void)
{
  g_autoptr(GError) error = ens_test_new_clock ();
  DialogView view = { 0 };

  dialog_view_open (&view, error, NULL);

  g_assert_cmpstr (ens_message_dialog_get_heading (GTK_WIDGET (view.dialog)), ==, "This Computer’s Clock Is Wrong");
  g_assert_nonnull (strstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)), "date and time"));
  /* The Recommend link is http: no Troubleshoot. */
  g_assert_false (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "troubleshoot"));
  g_assert_nonnull (find_named (view.extra, "copy-request-id-button"));

  dialog_view_close (&view);
}

static void
test_dialog_network (void)
{
  g_autoptr(GError) error = ens_test_new_network ();
  DialogView view = { 0 };

  dialog_view_open (&view, error, NULL);

  g_assert_cmpstr (ens_message_dialog_get_heading (GTK_WIDGET (view.dialog)), ==, "Cannot Connect");
  g_assert_cmpstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)), ==,
                   "ENS Image Share could not reach the Alibaba Cloud server.\n\n"
                   "Check that this computer is connected to the internet and that the proxy "
                   "settings are right, then try again.");
  g_assert_null (find_named (view.extra, "request-id-label"));
  g_assert_null (find_named (view.extra, "copy-request-id-button"));
  g_assert_false (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "troubleshoot"));
  g_assert_true (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "close"));
  g_assert_cmpstr (details_text (&view), ==,
                   "Error type: network\n"
                   "Attempts: 4\n"
                   "Detail: Could not connect to ens.aliyuncs.com: Connection refused");

  dialog_view_close (&view);
}

static void
test_dialog_unknown_code (void)
{
  g_autoptr(GError) error = ens_test_new_unknown ();
  DialogView view = { 0 };

  dialog_view_open (&view, error, NULL);

  g_assert_nonnull (strstr (ens_message_dialog_get_body (GTK_WIDGET (view.dialog)), "“Forbidden.Risk”"));
  g_assert_true (g_str_has_prefix (details_text (&view), "Error code: Forbidden.Risk\n"));
  g_assert_false (ens_message_dialog_has_response (GTK_WIDGET (view.dialog), "troubleshoot"));
  g_assert_nonnull (find_named (view.extra, "copy-request-id-button"));

  dialog_view_close (&view);
}

static void
test_dialog_partial (void)
{
  g_autoptr(EnsSharePlan) plan = ens_test_new_partial_plan ();
  g_autoptr(GError) error = ens_test_new_no_permission ();
  DialogView view = { 0 };
  GtkWidget *list;
  GtkWidget *summary;
  guint n_rows = 0;

  dialog_view_open (&view, error, plan);

  summary = find_named (view.extra, "failures-summary");
  g_assert_nonnull (summary);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==, "1 of 5 accounts were updated.");

  list = find_named (view.extra, "failures-list");
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      n_rows++;
  g_assert_cmpuint (n_rows, ==, 3);

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (list, "2222222222222222"))), ==,
                   "You Don’t Have Permission");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (list, "5555555555555555"))), ==,
                   "Cannot Connect");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (list, "Not Tried"))), ==,
                   "2 accounts were not tried because the work stopped: 3333333333333333, 4444444444444444");

  dialog_view_close (&view);
}

/* The confirmation wrapper ------------------------------------------------ */

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

typedef struct
{
  gboolean  done;
  gboolean  accepted;
  GError   *error;
} ConfirmResult;

static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ConfirmResult *out = user_data;

  out->accepted = ens_message_dialog_confirm_finish (result, &out->error);
  out->done = TRUE;
}

static void
test_confirm (void)
{
  ConfirmResult accept = { 0 };
  ConfirmResult cancel = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AdwMessageDialog *dialog;

  ens_message_dialog_confirm_async (NULL, "Remove Access?", "The account can no longer use the image.",
                                    "_Remove", TRUE, NULL, confirm_cb, &accept);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Access?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "accept"), ==, ADW_RESPONSE_DESTRUCTIVE);
  /* A button emits the response, then closes the dialog. */
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (accept.done);
  g_assert_no_error (accept.error);
  g_assert_true (accept.accepted);
  drain_main_context ();

  ens_message_dialog_confirm_async (NULL, "Share Image?", NULL, "_Share", FALSE,
                                    cancellable, confirm_cb, &cancel);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "accept");
  g_cancellable_cancel (cancellable);
  WAIT_FOR (cancel.done);
  g_assert_error (cancel.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (cancel.accepted);
  g_clear_error (&cancel.error);
  drain_main_context ();
  g_assert_null (find_message_dialog ());
}

/* Sign-in dialog ---------------------------------------------------------- */

typedef struct
{
  EnsEmulator        *emulator;
  EnsClient          *client;
  EnsCredentialStore *store;
  EnsSession         *session;
  GtkWindow          *dialog;

  gboolean            signed_in;
  char               *profile;
  EnsCredentials     *credentials;
  int                 source;
  gboolean            verified;
} SignInFixture;

static void
signed_in_cb (GtkWindow            *dialog,
              const char           *profile,
              const EnsCredentials *credentials,
              int                   source,
              gboolean              verified,
              SignInFixture        *fixture)
{
  g_assert_false (fixture->signed_in);
  fixture->signed_in = TRUE;
  fixture->profile = g_strdup (profile);
  fixture->credentials = ens_credentials_copy (credentials);
  fixture->source = source;
  fixture->verified = verified;
}

static void
sign_in_setup (SignInFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, TEST_KEY_ID, TEST_SECRET, FALSE);
  ens_emulator_add_image (fixture->emulator, "m-alpha0000000000000000001", "alpha-web",
                          "self", "linux", "2024-01-02T03:04:05Z");
  ens_emulator_add_image (fixture->emulator, "m-beta00000000000000000002", "beta-db",
                          "self", "linux", "2024-02-03T04:05:06Z");
  ens_emulator_add_image (fixture->emulator, "ubuntu_22_04_x64_20G_alibase_20240101", "Ubuntu 22.04 64 bit",
                          "system", "linux", "2024-01-01T00:00:00Z");
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  url = ens_emulator_dup_url (fixture->emulator);

  fixture->client = ens_client_new ();
  g_assert_true (ens_client_set_endpoint (fixture->client, url, &error));
  g_assert_no_error (error);
  g_object_set (fixture->client, "max-retries", 0, NULL);

  fixture->store = ens_credential_store_new ();
  fixture->session = ens_session_new (fixture->client, fixture->store, NULL);
  fixture->dialog = g_object_ref (ens_sign_in_dialog_new (NULL, fixture->session));
  g_signal_connect (fixture->dialog, "signed-in", G_CALLBACK (signed_in_cb), fixture);
  gtk_window_present (fixture->dialog);
}

static void
sign_in_teardown (SignInFixture *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->dialog);
  drain_main_context ();
  g_assert_finalize_object (fixture->dialog);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));

  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->emulator);
  g_clear_pointer (&fixture->profile, g_free);
  g_clear_pointer (&fixture->credentials, ens_credentials_free);
  drain_main_context ();
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
}

static void
choose_session_only (GtkWidget *root)
{
  GtkWidget *row = find_row (root, "Use for This Session Only");
  GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static void
test_sign_in_validation (SignInFixture *fixture,
                         gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->dialog);
  GtkWidget *sign_in = find_button (root, "Sign In");
  GtkWidget *id_row = find_row (root, "AccessKey ID");
  GtkWidget *secret_row = find_row (root, "AccessKey secret");
  GtkWidget *token_row = find_row (root, "Security token");
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GError) expected = NULL;
  g_autofree char *cleaned = NULL;

  g_assert_true (ADW_IS_ENTRY_ROW (find_row (root, "Profile name")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (root, "Profile name"))), ==, "Default");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (secret_row));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (token_row));
  g_assert_nonnull (find_button (root, "Import from aliyun CLI"));

  /* Empty: not flagged, but Sign In waits. */
  g_assert_false (gtk_widget_get_sensitive (sign_in));
  g_assert_false (gtk_widget_has_css_class (id_row, "error"));

  /* A trailing newline and spaces are cleaned silently. */
  set_row_text (root, "AccessKey ID", TEST_KEY_ID "\n");
  set_row_text (root, "AccessKey secret", TEST_SECRET "  \n");
  g_assert_true (gtk_widget_get_sensitive (sign_in));
  g_assert_false (gtk_widget_has_css_class (id_row, "error"));
  g_assert_false (gtk_widget_has_css_class (secret_row, "error"));

  /* A space inside is flagged with the core's reason. */
  set_row_text (root, "AccessKey ID", "LTAI5t Test");
  cleaned = ens_access_key_id_clean ("LTAI5t Test", &expected);
  g_assert_null (cleaned);
  g_assert_error (expected, ENS_ERROR, ENS_ERROR_INVALID_INPUT);
  g_assert_true (gtk_widget_has_css_class (id_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (sign_in));
  collect_text (root, shown);
  g_assert_nonnull (strstr (shown->str, expected->message));

  /* Fixed again. */
  set_row_text (root, "AccessKey ID", TEST_KEY_ID);
  g_assert_false (gtk_widget_has_css_class (id_row, "error"));
  g_assert_true (gtk_widget_get_sensitive (sign_in));

  /* A bad STS token blocks too. */
  set_row_text (root, "Security token", "abc def");
  g_assert_true (gtk_widget_has_css_class (token_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (sign_in));
  set_row_text (root, "Security token", "");
  g_assert_true (gtk_widget_get_sensitive (sign_in));

  /* An empty profile name blocks. */
  set_row_text (root, "Profile name", "  ");
  g_assert_false (gtk_widget_get_sensitive (sign_in));
  set_row_text (root, "Profile name", "Default");
  g_assert_true (gtk_widget_get_sensitive (sign_in));
  g_assert_false (fixture->signed_in);
}

typedef struct
{
  gboolean             done;
  EnsCredentials      *credentials;
  EnsCredentialSource  source;
} ResolveResult;

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ResolveResult *out = user_data;
  g_autoptr(GError) error = NULL;

  out->credentials = ens_credential_store_resolve_finish (ENS_CREDENTIAL_STORE (object), result,
                                                          &out->source, &error);
  g_assert_no_error (error);
  out->done = TRUE;
}

static void
test_sign_in_session_only (SignInFixture *fixture,
                           gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->dialog);
  g_autoptr(GtkWidget) secret_row = g_object_ref (find_row (root, "AccessKey secret"));
  ResolveResult resolved = { 0 };

  set_row_text (root, "AccessKey ID", TEST_KEY_ID "\n");
  set_row_text (root, "AccessKey secret", TEST_SECRET "\n");
  choose_session_only (root);
  g_signal_emit_by_name (find_button (root, "Sign In"), "clicked");

  WAIT_FOR (fixture->signed_in);
  g_assert_cmpstr (fixture->profile, ==, "Default");
  g_assert_cmpstr (ens_credentials_get_access_key_id (fixture->credentials), ==, TEST_KEY_ID);
  g_assert_cmpstr (ens_credentials_get_access_key_secret (fixture->credentials), ==, TEST_SECRET);
  g_assert_null (ens_credentials_get_security_token (fixture->credentials));
  g_assert_cmpint (fixture->source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_true (fixture->verified);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 1);

  /* The session signed in with it; the check never touched its client. */
  g_assert_cmpint (ens_session_get_source (fixture->session), ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_cmpstr (ens_session_get_profile (fixture->session), ==, "Default");
  g_assert_true (ens_client_has_credentials (fixture->client));

  /* It closed itself and wiped the secret. */
  drain_main_context ();
  g_assert_false (gtk_widget_get_visible (root));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "");

  /* The store answers with the session slot. */
  ens_credential_store_resolve_async (fixture->store, "Default", NULL, resolve_cb, &resolved);
  WAIT_FOR (resolved.done);
  g_assert_cmpint (resolved.source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_true (ens_credentials_equal (resolved.credentials, fixture->credentials));
  ens_credentials_free (resolved.credentials);
}

static gboolean
row_shows (GtkWidget  *root,
           const char *title)
{
  GtkWidget *row = find_widget (root, match_row_title, title);

  return row != NULL && gtk_widget_get_visible (row);
}

static void
test_sign_in_wrong_secret (SignInFixture *fixture,
                           gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->dialog);
  GtkWidget *sign_in = find_button (root, "Sign In");
  GString *text = g_string_new (NULL);

  set_row_text (root, "AccessKey ID", TEST_KEY_ID);
  set_row_text (root, "AccessKey secret", "WrongSecretValue0123456789abc");
  choose_session_only (root);
  g_signal_emit_by_name (sign_in, "clicked");
  g_assert_false (gtk_widget_get_sensitive (sign_in));

  WAIT_FOR (row_shows (root, "The AccessKey Secret Is Wrong"));
  g_assert_true (gtk_widget_get_sensitive (sign_in));
  g_assert_false (gtk_widget_get_visible (find_button (root, "Continue Anyway")));
  g_assert_true (row_shows (root, "Kept for this session only"));
  g_assert_false (fixture->signed_in);
  g_assert_false (ens_session_get_signed_in (fixture->session));
  g_assert_false (ens_client_has_credentials (fixture->client));

  collect_text (root, text);
  g_assert_null (strstr (text->str, "WrongSecretValue"));
  g_string_free (text, TRUE);
}

static void
test_sign_in_continue_anyway (SignInFixture *fixture,
                              gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->dialog);
  GtkWidget *cont;

  ens_emulator_set_fault (fixture->emulator, ENS_EMULATOR_FAULT_HTML_ERROR, 1);

  set_row_text (root, "AccessKey ID", TEST_KEY_ID);
  set_row_text (root, "AccessKey secret", TEST_SECRET);
  choose_session_only (root);
  g_signal_emit_by_name (find_button (root, "Sign In"), "clicked");

  cont = find_button (root, "Continue Anyway");
  WAIT_FOR (gtk_widget_get_visible (cont));
  g_assert_false (fixture->signed_in);

  g_signal_emit_by_name (cont, "clicked");
  g_assert_true (fixture->signed_in);
  g_assert_false (fixture->verified);
  g_assert_cmpint (fixture->source, ==, ENS_CREDENTIAL_SOURCE_SESSION);
  g_assert_cmpstr (ens_credentials_get_access_key_id (fixture->credentials), ==, TEST_KEY_ID);
}

/* The home page's list of images ----------------------------------------- */

static void
activated_cb (EnsImagesPage  *page,
              const char     *image_id,
              char          **out)
{
  g_free (*out);
  *out = g_strdup (image_id);
}

static const char *
visible_page (GtkWidget *root)
{
  GtkWidget *stack = find_type (root, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The rows shown, in order. */
static GPtrArray *
listed_rows (GtkWidget *root)
{
  GtkWidget *list = find_type (root, GTK_TYPE_LIST_BOX);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ENS_IS_IMAGE_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

static guint
n_listed (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = listed_rows (root);

  return rows->len;
}

static GtkWidget *
present_images_page (EnsImageCatalog *catalog,
                     GtkWidget      **page_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ens_images_page_new ();

  ens_images_page_set_catalog (ENS_IMAGES_PAGE (page), catalog);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  *page_out = page;

  return g_object_ref (window);
}

static void
test_images_page (SignInFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (TEST_KEY_ID, TEST_SECRET, NULL);
  g_autoptr(EnsImageCatalog) catalog = ens_image_catalog_new (fixture->client);
  g_autofree char *activated = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *shares[] = { "1000000000000001", "1000000000000002", NULL };
  g_auto(GStrv) selected = NULL;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *search;
  EnsImageRow *beta;

  ens_emulator_set_shares (fixture->emulator, "m-beta00000000000000000002", shares);
  ens_emulator_set_image_status (fixture->emulator, "m-alpha0000000000000000001", "Creating");
  ens_client_set_credentials (fixture->client, credentials);
  window = present_images_page (catalog, &page);
  g_signal_connect (page, "image-activated", G_CALLBACK (activated_cb), &activated);

  ens_image_catalog_reload (catalog);
  g_assert_cmpstr (visible_page (window), ==, "loading");
  WAIT_FOR (g_strcmp0 (visible_page (window), "list") == 0);

  /* The system image is left out; rows are named by the image's name. */
  rows = listed_rows (window);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "alpha-web");
  beta = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (beta)), ==, "beta-db");
  g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (beta)), "m-beta00000000000000000002") != NULL);
  g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (beta)), "Feb 3, 2024") != NULL);

  /* The count fills in as it arrives. */
  WAIT_FOR (find_label (GTK_WIDGET (beta), "Shared with 2 accounts") != NULL);
  WAIT_FOR (find_label (g_ptr_array_index (rows, 0), "Not shared") != NULL);

  /* An image that is not Available says it cannot be shared and cannot be
   * selected for sharing. */
  g_assert_true (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                         "Creating — cannot be shared") != NULL);
  ens_image_row_set_selected (g_ptr_array_index (rows, 0), TRUE);
  g_assert_false (ens_image_row_get_selected (g_ptr_array_index (rows, 0)));
  g_assert_false (gtk_widget_get_sensitive (find_type (g_ptr_array_index (rows, 0), GTK_TYPE_CHECK_BUTTON)));
  ens_image_row_set_selected (beta, TRUE);
  g_assert_cmpuint (ens_images_page_get_n_selected (ENS_IMAGES_PAGE (page)), ==, 1);
  selected = ens_images_page_dup_selected_ids (ENS_IMAGES_PAGE (page));
  g_assert_cmpstrv (selected, ((const char * const[]) { "m-beta00000000000000000002", NULL }));
  g_assert_nonnull (find_button (window, "Share Selected Images…"));

  /* Search by name or ID as you type. */
  search = find_type (window, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "zzz");
  WAIT_FOR (g_strcmp0 (visible_page (window), "no-results") == 0);

  gtk_editable_set_text (GTK_EDITABLE (search), "BETA");
  WAIT_FOR (n_listed (window) == 1);
  g_assert_cmpstr (visible_page (window), ==, "list");
  /* The check survives the filter. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = listed_rows (window);
  g_assert_true (ens_image_row_get_selected (g_ptr_array_index (rows, 0)));
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (activated, ==, "m-beta00000000000000000002");

  gtk_editable_set_text (GTK_EDITABLE (search), "0000000000000001");
  WAIT_FOR (n_listed (window) == 1);

  /* An ID that is not listed (e.g. an image just created) is opened and
   * looked up by the image page. */
  gtk_editable_set_text (GTK_EDITABLE (search), "m-new0000000000000000000003");
  WAIT_FOR (g_strcmp0 (visible_page (window), "no-results") == 0);
  g_assert_nonnull (find_button (window, "Open Image “m-new0000000000000000000003”"));
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (activated, ==, "m-new0000000000000000000003");

  /* Signing out forgets the images and what was checked. */
  ens_image_catalog_clear (catalog);
  g_assert_cmpuint (ens_images_page_get_n_selected (ENS_IMAGES_PAGE (page)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}

static void
test_images_page_states (SignInFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(EnsCredentials) wrong = ens_credentials_new (TEST_KEY_ID, "WrongSecretValue0123456789abc", NULL);
  g_autoptr(EnsCredentials) right = ens_credentials_new (TEST_KEY_ID, TEST_SECRET, NULL);
  g_autoptr(EnsImageCatalog) catalog = ens_image_catalog_new (fixture->client);
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *status;

  ens_client_set_credentials (fixture->client, wrong);
  window = present_images_page (catalog, &page);
  ens_image_catalog_reload (catalog);

  WAIT_FOR (g_strcmp0 (visible_page (window), "error") == 0);
  status = find_type (gtk_stack_get_visible_child (GTK_STACK (find_type (window, GTK_TYPE_STACK))),
                      ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), !=, "");

  /* Try Again with the right key lists them. */
  ens_client_set_credentials (fixture->client, right);
  g_signal_emit_by_name (find_button (window, "Try Again"), "clicked");
  WAIT_FOR (g_strcmp0 (visible_page (window), "list") == 0);
  g_assert_cmpuint (n_listed (window), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}

/* Preferences ------------------------------------------------------------- */

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *endpoint = NULL;
  GtkWindow *window;
  GtkWidget *root;
  GtkWidget *combo;
  GtkWidget *custom;
  GtkWidget *spin;

  g_settings_reset (settings, "endpoint");
  window = g_object_ref (ens_preferences_window_new (NULL, settings));
  root = GTK_WIDGET (window);
  gtk_window_present (window);

  combo = find_row (root, "Endpoint");
  custom = find_row (root, "Custom endpoint URL");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);
  g_assert_false (gtk_widget_get_visible (custom));

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "https://ens.ap-southeast-1.aliyuncs.com");
  g_clear_pointer (&endpoint, g_free);

  /* Choosing Custom writes nothing until a valid URL is applied. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);
  g_assert_true (gtk_widget_get_visible (custom));
  gtk_editable_set_text (GTK_EDITABLE (custom), "https://ens.example.com");
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "https://ens.ap-southeast-1.aliyuncs.com");
  g_clear_pointer (&endpoint, g_free);
  g_signal_emit_by_name (custom, "apply");
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "https://ens.example.com");
  g_clear_pointer (&endpoint, g_free);
  g_assert_false (gtk_widget_has_css_class (custom, "error"));

  /* Plain http to another computer is refused. */
  gtk_editable_set_text (GTK_EDITABLE (custom), "http://example.com");
  g_assert_true (gtk_widget_has_css_class (custom, "error"));
  g_signal_emit_by_name (custom, "apply");
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "https://ens.example.com");
  g_clear_pointer (&endpoint, g_free);
  g_assert_true (gtk_widget_has_css_class (custom, "error"));

  /* http is fine for this computer. */
  gtk_editable_set_text (GTK_EDITABLE (custom), "http://127.0.0.1:8080");
  g_assert_false (gtk_widget_has_css_class (custom, "error"));
  g_signal_emit_by_name (custom, "apply");
  endpoint = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint, ==, "http://127.0.0.1:8080");
  g_clear_pointer (&endpoint, g_free);

  /* A change from elsewhere shows. */
  g_settings_set_string (settings, "endpoint", "https://ens.aliyuncs.com");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);
  g_assert_false (gtk_widget_get_visible (custom));

  /* Signature version. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (root, "Signature version")), 1);
  endpoint = g_settings_get_string (settings, "signature-version");
  g_assert_cmpstr (endpoint, ==, "v1");
  g_clear_pointer (&endpoint, g_free);
  g_settings_set_string (settings, "signature-version", "v3");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (root, "Signature version"))), ==, 0);

  /* Spin buttons carry the schema's ranges and write through. */
  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (root, "Request timeout")));
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 5);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 600);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, g_settings_get_uint (settings, "timeout"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 45);
  g_assert_cmpuint (g_settings_get_uint (settings, "timeout"), ==, 45);
  g_settings_set_uint (settings, "timeout", 90);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 90);

  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (root, "Accounts per request")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 500);
  g_assert_cmpuint (g_settings_get_uint (settings, "batch-size"), ==, 100);

  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (root, "Concurrent requests")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 8);
  g_assert_cmpuint (g_settings_get_uint (settings, "concurrency"), ==, 8);

  /* "Adapt to the server": a switch bound both ways. */
  {
    GtkWidget *adapt = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (root, "Adapt to the server")));

    g_assert_true (GTK_IS_SWITCH (adapt));
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (adapt)));
    gtk_switch_set_active (GTK_SWITCH (adapt), FALSE);
    g_assert_false (g_settings_get_boolean (settings, "adapt-concurrency"));
    g_settings_set_boolean (settings, "adapt-concurrency", TRUE);
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (adapt)));
  }

  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (root, "Connection timeout")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 20);
  g_assert_cmpuint (g_settings_get_uint (settings, "connect-timeout"), ==, 20);

  gtk_window_destroy (window);
  drain_main_context ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_ID");
  g_unsetenv ("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  g_unsetenv ("ALIBABA_CLOUD_SECURITY_TOKEN");
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/error-ui/format-date", test_format_date);
  g_test_add_func ("/error-ui/format-status", test_format_status);
  g_test_add_func ("/error-ui/dialog/no-permission", test_dialog_no_permission);
  g_test_add_func ("/error-ui/dialog/access-denied", test_dialog_access_denied);
  g_test_add_func ("/error-ui/dialog/wrong-secret", test_dialog_wrong_secret);
  g_test_add_func ("/error-ui/dialog/clock", test_dialog_clock);
  g_test_add_func ("/error-ui/dialog/network", test_dialog_network);
  g_test_add_func ("/error-ui/dialog/unknown-code", test_dialog_unknown_code);
  g_test_add_func ("/error-ui/dialog/partial", test_dialog_partial);
  g_test_add_func ("/error-ui/confirm", test_confirm);
  g_test_add ("/error-ui/sign-in/validation", SignInFixture, NULL,
              sign_in_setup, test_sign_in_validation, sign_in_teardown);
  g_test_add ("/error-ui/sign-in/session-only", SignInFixture, NULL,
              sign_in_setup, test_sign_in_session_only, sign_in_teardown);
  g_test_add ("/error-ui/sign-in/wrong-secret", SignInFixture, NULL,
              sign_in_setup, test_sign_in_wrong_secret, sign_in_teardown);
  g_test_add ("/error-ui/sign-in/continue-anyway", SignInFixture, NULL,
              sign_in_setup, test_sign_in_continue_anyway, sign_in_teardown);
  g_test_add ("/error-ui/images-page/list", SignInFixture, NULL,
              sign_in_setup, test_images_page, sign_in_teardown);
  g_test_add ("/error-ui/images-page/states", SignInFixture, NULL,
              sign_in_setup, test_images_page_states, sign_in_teardown);
  g_test_add_func ("/error-ui/preferences", test_preferences);

  return g_test_run ();
}
