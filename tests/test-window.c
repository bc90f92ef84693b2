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
 * real HTTP on 127.0.0.1.
 *
 * The test sees the window the way a user does, and knows nothing of how
 * it is built: it finds widgets by what they show (a row's title, a
 * button's label, a tooltip, an accessible name), drives the window
 * through its actions and its entries, and reads back only what is on
 * screen (mapped widgets), the window's public properties, and what the
 * emulator was asked and now holds.  Every wait iterates the main context
 * until a condition holds, with a deadline; the only fixed wait is
 * iterate_for(), used where the point is that nothing happens.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>

#include "ens-client.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-history.h"
#include "ens-input.h"
#include "ens-request.h"
#include "ens-image-split.h"
#include "ens-session.h"
#include "ens-window.h"

#define KEY_ID           "LTAI5tTestWindowKey0001"
#define KEY_SECRET       "TestWindowSecretTestWindowSe"
#define READ_ONLY_ID     "LTAI5tTestWindowRead0001"
#define READ_ONLY_SECRET "TestWindowReadOnlyTestWindowR"

#define IMAGE            "m-testwindow01"
/* How the History page names it: the window records the image's name. */
#define IMAGE_LABEL      "test-image (" IMAGE ")"
#define EMPTY_IMAGE      "m-testwindowempty"
#define LARGE_IMAGE      "m-testwindowlarge"
#define MISSING_IMAGE    "m-doesnotexist"
#define N_LARGE          1000
#define SHARED_A         "1111111111111111"
#define SHARED_B         "2222222222222222"
#define NEW_ACCOUNT      "3333333333333333"
#define OTHER_ACCOUNT    "4444444444444444"
#define THIRD_ACCOUNT    "5555555555555555"

#define LIST_ACTION      "DescribeImageSharePermission"
#define MODIFY_ACTION    "ModifyImageSharePermission"

/* How long the window waits for typing to pause before it loads a share
 * list (a documented behaviour: "the debounce timer runs out by itself"). */
#define LOAD_DELAY_MS    400

/* Only a guard against a hang, never a speed check (speed is a figure of
 * build-aux/bench.sh): the large list makes and then drops a thousand
 * rows, which under ASan with the software renderer on a busy two-core
 * machine has taken close to ten seconds. */
#define WAIT_TIMEOUT_US  (60 * G_USEC_PER_SEC)

/* What the user reads in the window, in one place. */
#define HINT_TEXT        "Enter an image ID to see who it is shared with."
#define EMPTY_TEXT       "Not shared with any account"
#define DEMO_BANNER_TEXT "Demo — changes go to a local simulator, not Alibaba Cloud"
#define NO_ACTIVITY_TEXT "No Changes"

typedef struct
{
  EnsEmulator        *emulator;
  EnsClient          *client;
  EnsCredentialStore *store;
  EnsSession         *session;
  GtkWindow          *window;
  char               *log_dir;
  char               *log_path;
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

/* Runs the main loop for @ms milliseconds.  Only for checking that
 * something does NOT happen within a time the window documents. */
static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

/* The window {{{ */

/*
 * Every window of this file is made here, signed in or not depending on
 * whether @session (its client) has credentials.  Nothing else in the file
 * knows which type or constructor the window has.
 */
static GtkWindow *
create_window (EnsSession *session)
{
  GtkWindow *window = GTK_WINDOW (ens_window_new (NULL, session, FALSE));

  /* Wide: the list of images beside the image page (test_window_narrow
   * checks the narrow layout). */
  gtk_window_set_default_size (window, 1100, 760);
  return window;
}

/* What "Try the Demo" and "Leave the Demo" do. */
static void
set_demo (EnsSession *session,
          gboolean    demo)
{
  g_autoptr(GError) error = NULL;

  if (demo)
    g_assert_true (ens_session_start_demo (session, &error));
  else
    ens_session_stop_demo (session);
  g_assert_no_error (error);
}

static gboolean
is_changing (GtkWindow *window)
{
  gboolean changing = FALSE;

  g_object_get (window, "changing", &changing, NULL);

  return changing;
}

/* }}} */

/* Finding widgets by what they show {{{ */

typedef enum
{
  FIND_ANY    = 0,
  FIND_MAPPED = 1 << 0, /* only on screen: not on a hidden page or in a closed revealer */
} FindFlags;

/* "_Cancel" → "Cancel": the text a mnemonic label shows. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static gboolean
has_accessible_label (GtkWidget  *widget,
                      const char *text)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, text);

  return mismatch == NULL;
}

/* Whether @widget shows or is named @text: a row's, group's or status
 * page's title, a button's label, a label's text, a tooltip, or an
 * accessible name. */
static gboolean
widget_says (GtkWidget  *widget,
             const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;

  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), text) == 0)
    return TRUE;

  if (ADW_IS_STATUS_PAGE (widget) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), text) == 0)
    return TRUE;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      g_autofree char *shown = NULL;

      if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
        label = shown = strip_mnemonic (label);
      if (g_strcmp0 (label, text) == 0)
        return TRUE;
    }

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return TRUE;

  return has_accessible_label (widget, text);
}

/* Calls @func on @root and its descendants, in the order they are laid
 * out, skipping what is not on screen with FIND_MAPPED, until it returns
 * TRUE.  Returns that widget. */
static GtkWidget *
walk (GtkWidget  *root,
      FindFlags   flags,
      gboolean  (*func) (GtkWidget *widget, gpointer data),
      gpointer    data)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if ((flags & FIND_MAPPED) && !gtk_widget_get_mapped (widget))
        continue;

      if (func (widget, data))
        return widget;

      for (GtkWidget *child = gtk_widget_get_last_child (widget);
           child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *text;
} Wanted;

static gboolean
is_wanted (GtkWidget *widget,
           gpointer   data)
{
  Wanted *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         (wanted->text == NULL || widget_says (widget, wanted->text));
}

/* The first widget under @root of @type that shows or is named @text
 * (any, if @text is NULL). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text,
             FindFlags   flags)
{
  Wanted wanted = { type, text };

  return walk (root, flags, is_wanted, &wanted);
}

static gboolean
shows (GtkWidget  *root,
       GType       type,
       const char *text)
{
  return find_widget (root, type, text, FIND_MAPPED) != NULL;
}

/* A widget the test cannot do without. */
static GtkWidget *
get_widget (GtkWidget  *root,
            GType       type,
            const char *text,
            FindFlags   flags)
{
  GtkWidget *widget = find_widget (root, type, text, flags);

  if (widget == NULL)
    g_error ("No %s%s “%s” in the window", g_type_name (type),
             (flags & FIND_MAPPED) ? " on screen" : "", text);

  return widget;
}

/* The "Shared With" and "Accounts to Add" sections. */
static GtkWidget *
shared_section (Fixture *fixture)
{
  return get_widget (GTK_WIDGET (fixture->window), ADW_TYPE_PREFERENCES_GROUP, "Shared With", FIND_ANY);
}

static GtkWidget *
pending_section (Fixture *fixture)
{
  return get_widget (GTK_WIDGET (fixture->window), ADW_TYPE_PREFERENCES_GROUP, "Accounts to Add", FIND_ANY);
}

static GtkWidget *
image_row (Fixture *fixture)
{
  return get_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ENTRY_ROW, "Image ID", FIND_ANY);
}

static GtkWidget *
accounts_row (Fixture *fixture)
{
  return get_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ENTRY_ROW, "Accounts to add", FIND_ANY);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  /* The suggestions under "Accounts to add" are not rows of a list. */
  if (GTK_IS_LIST_BOX (widget) && has_accessible_label (widget, "Suggestions"))
    return;

  if (GTK_IS_LIST_BOX (widget))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_BOX_ROW (child) && !GTK_IS_EDITABLE (child))
          g_ptr_array_add (rows, child);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The rows of the lists under @section, in order, whether shown or not
 * (the entry rows excepted).  Rows are not searched for nested lists. */
static GPtrArray *
section_rows (GtkWidget *section)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (section, rows);

  return rows;
}

typedef struct
{
  GtkWidget *entry_row;
} PendingListSearch;

static gboolean
is_pending_list (GtkWidget *widget,
                 gpointer   data)
{
  PendingListSearch *search = data;

  return GTK_IS_LIST_BOX (widget) && !gtk_widget_is_ancestor (search->entry_row, widget);
}

static GPtrArray *
shared_rows (Fixture *fixture)
{
  return section_rows (shared_section (fixture));
}

static GPtrArray *
pending_rows (Fixture *fixture)
{
  return section_rows (pending_section (fixture));
}

static const char *
title_of (gpointer row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
subtitle_of (gpointer row)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return subtitle != NULL ? subtitle : "";
}

/* Whether the button with @text can be pressed: on screen and sensitive. */
static gboolean
can_press (Fixture    *fixture,
           const char *text)
{
  GtkWidget *button = get_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, text, FIND_ANY);

  return gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

/* Whether the button with @text is insensitive, shown or not. */
static gboolean
is_disabled (Fixture    *fixture,
             const char *text)
{
  GtkWidget *button = get_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, text, FIND_ANY);

  return !gtk_widget_is_sensitive (button);
}

/* A click on a button the user can see and reach. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
press (GtkWidget  *root,
       const char *text)
{
  click (get_widget (root, GTK_TYPE_BUTTON, text, FIND_MAPPED));
}

/* Ticks or unticks the check box "Select <account>" of the shared list. */
static void
select_account (Fixture    *fixture,
                const char *account,
                gboolean    selected)
{
  g_autofree char *label = g_strdup_printf ("Select %s", account);
  GtkWidget *check = get_widget (shared_section (fixture), GTK_TYPE_CHECK_BUTTON, label, FIND_MAPPED);

  g_assert_true (gtk_widget_is_sensitive (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);
}

/* Presses the row's "Remove <account>" button. */
static void
remove_pending (GtkWidget *row)
{
  g_autofree char *label = g_strdup_printf ("Remove %s", title_of (row));

  click (get_widget (row, GTK_TYPE_BUTTON, label, FIND_MAPPED));
}

/* The pending summary under "Accounts to Add" reads @text. */
static gboolean
pending_summary_is (Fixture    *fixture,
                    const char *text)
{
  return shows (pending_section (fixture), GTK_TYPE_LABEL, text);
}

/* }}} */

/* Toasts and dialogs {{{ */

/*
 * The toast on screen: a child of the window's AdwToastOverlay other than
 * its content.  A toast that was dismissed stays a moment while it fades
 * out, but can no longer be clicked; that one does not count.
 */
static GtkWidget *
shown_toast (Fixture *fixture)
{
  GtkWidget *overlay = get_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY, NULL, FIND_ANY);
  GtkWidget *content = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content && gtk_widget_get_mapped (child) && gtk_widget_get_can_target (child))
      return child;

  return NULL;
}

static gboolean
is_title_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) == NULL;
}

/* The text of the toast on screen, or NULL when there is none. */
static const char *
toast_title (Fixture *fixture)
{
  GtkWidget *toast = shown_toast (fixture);
  GtkWidget *label;

  if (toast == NULL)
    return NULL;

  label = walk (toast, FIND_MAPPED, is_title_label, NULL);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
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

      if (window != fixture->window && gtk_widget_get_visible (GTK_WIDGET (window)))
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

static AdwMessageDialog *
find_message_dialog (Fixture *fixture)
{
  g_autoptr(GPtrArray) others = other_toplevels (fixture);

  for (guint i = 0; i < others->len; i++)
    if (ADW_IS_MESSAGE_DIALOG (g_ptr_array_index (others, i)))
      return g_ptr_array_index (others, i);

  return NULL;
}

static void
close_other_toplevels (Fixture *fixture)
{
  g_autoptr(GPtrArray) others = other_toplevels (fixture);

  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (g_ptr_array_index (others, i));
}

/* }}} */

/* The emulator: what it holds and what it was asked {{{ */

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

/* The requests in the emulator's log for @action and @image (any image
 * if NULL), oldest first, as JSON objects. */
static GPtrArray *
logged_requests (Fixture    *fixture,
                 const char *action,
                 const char *image)
{
  GPtrArray *requests = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (fixture->log_path, &contents, NULL, NULL))
    return requests;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (lines[i][0] == '\0')
        continue;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "action", ""), action) == 0 &&
          (image == NULL ||
           g_strcmp0 (json_object_get_string_member_with_default (object, "image", ""), image) == 0))
        g_ptr_array_add (requests, json_object_ref (object));
    }

  return requests;
}

static guint
count_requests (Fixture    *fixture,
                const char *action,
                const char *image)
{
  g_autoptr(GPtrArray) requests = logged_requests (fixture, action, image);

  return requests->len;
}

/* How many share-list requests the emulator has had for @image. */
static guint
n_listings (Fixture    *fixture,
            const char *image)
{
  return count_requests (fixture, LIST_ACTION, image);
}

/* How many requests one load of @image's share list takes: a page of
 * ENS_SHARE_PAGE_SIZE_MAX accounts each, at least one. */
static guint
listing_pages (Fixture    *fixture,
               const char *image)
{
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, image);
  guint n = shares != NULL ? g_strv_length (shares) : 0;

  return MAX (1, (n + ENS_SHARE_PAGE_SIZE_MAX - 1) / ENS_SHARE_PAGE_SIZE_MAX);
}

/* A member of the last logged request for @action and @image. */
static char *
dup_last_logged (Fixture    *fixture,
                 const char *action,
                 const char *image,
                 const char *member)
{
  g_autoptr(GPtrArray) requests = logged_requests (fixture, action, image);
  JsonObject *last;

  if (requests->len == 0)
    return NULL;

  last = g_ptr_array_index (requests, requests->len - 1);

  return g_strdup (json_object_get_string_member_with_default (last, member, NULL));
}

/* }}} */

/* The "Shared With" list {{{ */

/*
 * Whether the "Shared With" section has finished showing @image's share
 * list: nothing is loading (no spinner on screen), the emulator has had
 * at least @listings requests for it, and the section shows exactly the
 * emulator's accounts, in order, or says it is shared with none.
 */
static gboolean
shared_list_shows (Fixture    *fixture,
                   const char *image,
                   guint       listings)
{
  GtkWidget *section = shared_section (fixture);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) shares = NULL;

  if (shows (section, GTK_TYPE_SPINNER, NULL) || n_listings (fixture, image) < listings)
    return FALSE;

  rows = shared_rows (fixture);
  shares = ens_emulator_dup_shares (fixture->emulator, image);
  if (shares == NULL || rows->len != g_strv_length (shares))
    return FALSE;

  if (rows->len == 0)
    return shows (section, GTK_TYPE_WIDGET, EMPTY_TEXT);

  if (shows (section, GTK_TYPE_WIDGET, EMPTY_TEXT))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    if (!gtk_widget_get_mapped (g_ptr_array_index (rows, i)) ||
        g_strcmp0 (title_of (g_ptr_array_index (rows, i)), shares[i]) != 0)
      return FALSE;

  return TRUE;
}

/* Whether the section shows the inline error of a failed load of @image,
 * with its "Details" button, and no rows. */
static gboolean
shared_error_shows (Fixture    *fixture,
                    const char *image,
                    guint       listings)
{
  GtkWidget *section = shared_section (fixture);
  g_autoptr(GPtrArray) rows = shared_rows (fixture);

  return !shows (section, GTK_TYPE_SPINNER, NULL) &&
         n_listings (fixture, image) >= listings &&
         rows->len == 0 &&
         shows (section, GTK_TYPE_BUTTON, "Details");
}

static gboolean
shared_hint_shows (Fixture *fixture)
{
  GtkWidget *section = shared_section (fixture);

  return shows (section, GTK_TYPE_WIDGET, HINT_TEXT) &&
         !shows (section, GTK_TYPE_SPINNER, NULL) &&
         !shows (section, GTK_TYPE_WIDGET, EMPTY_TEXT);
}

/* Waits until the list shows what the emulator holds for @image, after
 * exactly @listings share-list requests for it. */
static void
wait_for_list (Fixture    *fixture,
               const char *image,
               guint       listings)
{
  WAIT_UNTIL (shared_list_shows (fixture, image, listings));
  g_assert_cmpuint (n_listings (fixture, image), ==, listings);
}

static void
set_image (Fixture    *fixture,
           const char *image_id)
{
  gtk_editable_set_text (GTK_EDITABLE (image_row (fixture)), image_id);
}

/* Types @image_id and waits, without pressing Enter (the window loads
 * once typing pauses), until its list, its emptiness or the error shows. */
static void
load_image (Fixture    *fixture,
            const char *image_id)
{
  guint listings = n_listings (fixture, image_id) + listing_pages (fixture, image_id);
  g_auto(GStrv) shares = ens_emulator_dup_shares (fixture->emulator, image_id);

  set_image (fixture, image_id);
  if (shares != NULL)
    wait_for_list (fixture, image_id, listings);
  else
    WAIT_UNTIL (shared_error_shows (fixture, image_id, listings));
  g_assert_cmpuint (n_listings (fixture, image_id), ==, listings);
}

/* Types @text in "Accounts to add" and presses Enter. */
static void
add_accounts (Fixture    *fixture,
              const char *text)
{
  GtkWidget *row = accounts_row (fixture);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
}

/* }}} */

/* History {{{ */

static gboolean
is_activity_entry (GtkWidget *widget,
                   gpointer   data)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    g_ptr_array_add (data, widget);

  return FALSE;
}

static GPtrArray *
history_entries (Fixture *fixture)
{
  GPtrArray *entries = g_ptr_array_new ();

  walk (GTK_WIDGET (fixture->window), FIND_MAPPED, is_activity_entry, entries);

  return entries;
}

/* Keeps @rows in @slot; whether there are @n of them. */
static gboolean
found (GPtrArray **slot,
       GPtrArray  *rows,
       guint       n)
{
  g_clear_pointer (slot, g_ptr_array_unref);
  *slot = rows;

  return rows->len == n;
}

/* Shows the History page and returns its entries, newest first, once
 * @n_expected are read from the history file. */
static GPtrArray *
show_activity (Fixture *fixture,
               guint    n_expected)
{
  GPtrArray *entries = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-history", NULL);
  g_assert_true (shows (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Back"));
  WAIT_UNTIL (found (&entries, history_entries (fixture), n_expected));

  return entries;
}

static void
go_back (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  press (window, "Back");
  g_assert_true (shows (window, ADW_TYPE_ENTRY_ROW, "Image ID"));
  g_assert_false (shows (window, GTK_TYPE_BUTTON, "Back"));
  /* The pages cross-fade. */
  WAIT_UNTIL (!shows (window, GTK_TYPE_WIDGET, NO_ACTIVITY_TEXT) &&
              !shows (window, ADW_TYPE_EXPANDER_ROW, NULL));
}

static gboolean
is_detail_row (GtkWidget *widget,
               gpointer   data)
{
  GPtrArray *details = data;
  GtkWidget *entry = g_ptr_array_index (details, 0);

  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (title_of (widget), title_of (entry)) != 0)
    g_ptr_array_add (data, widget);

  return FALSE;
}

static GPtrArray *
detail_rows (GtkWidget *entry)
{
  GPtrArray *details = g_ptr_array_new ();

  g_ptr_array_add (details, entry);
  walk (entry, FIND_ANY, is_detail_row, details);
  g_ptr_array_remove_index (details, 0);

  return details;
}

/* Expands an entry of the History page, and returns its @n_expected
 * detail rows (one per account), once read. */
static GPtrArray *
expand_entry (GtkWidget *entry,
              guint      n_expected)
{
  GPtrArray *details = NULL;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (entry), TRUE);
  WAIT_UNTIL (found (&details, detail_rows (entry), n_expected));

  return details;
}

/* An entry reads "<time> · <image> · <counts> · window · <profile>", and
 * one with an account not done has a warning icon named after its counts. */
static void
assert_entry (GtkWidget  *entry,
              const char *title,
              const char *image,
              const char *counts,
              gboolean    success)
{
  const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (entry));
  g_autofree char *middle = g_strdup_printf (" · %s · %s · window · ", image, counts);
  GtkWidget *warning = find_widget (entry, GTK_TYPE_IMAGE, counts, FIND_MAPPED);

  g_assert_cmpstr (title_of (entry), ==, title);
  g_assert_nonnull (strstr (subtitle, middle));
  if (success)
    g_assert_null (warning);
  else
    g_assert_nonnull (warning);
}

/* }}} */

/* The large list {{{ */

/* Rows of the shared list made or destroyed in each frame. */
typedef struct
{
  GtkWidget *section;
  guint      last_count;
  guint      n_frames;
  guint      max_per_frame;
} RowWatch;

static gboolean
row_watch_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  RowWatch *watch = user_data;
  g_autoptr(GPtrArray) rows = section_rows (watch->section);
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

/* Waits until the home page has listed the images and read their share
 * counts, then starts the emulator's log afresh: the tests count the
 * requests their own steps send. */
static void
settle_home (Fixture *fixture)
{
  EnsImageCatalog *catalog = ens_session_get_images (fixture->session);
  g_autoptr(GError) error = NULL;

  WAIT_UNTIL (ens_image_catalog_get_state (catalog) == ENS_IMAGE_CATALOG_COMPLETE &&
              !ens_image_catalog_get_counting (catalog));
  ens_emulator_set_log_path (fixture->emulator, NULL, NULL);
  g_unlink (fixture->log_path);
  ens_emulator_set_log_path (fixture->emulator, fixture->log_path, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const shares[] = { SHARED_A, SHARED_B, NULL };
  g_auto(GStrv) large = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autofree char *url = NULL;

  fixture->log_dir = g_dir_make_tmp ("ens-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->log_path = g_build_filename (fixture->log_dir, "emulator.log", NULL);

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_key (fixture->emulator, READ_ONLY_ID, READ_ONLY_SECRET, TRUE);
  ens_emulator_add_image (fixture->emulator, IMAGE, "test-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_add_image (fixture->emulator, EMPTY_IMAGE, "empty-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  ens_emulator_set_shares (fixture->emulator, IMAGE, shares);
  ens_emulator_add_image (fixture->emulator, LARGE_IMAGE, "large-image", "self", "ubuntu", "2024-01-02T03:04:05Z");
  large = large_share_list ();
  ens_emulator_set_shares (fixture->emulator, LARGE_IMAGE, (const char * const *)large);
  ens_emulator_set_log_path (fixture->emulator, fixture->log_path, &error);
  g_assert_no_error (error);
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
  fixture->window = g_object_ref (create_window (fixture->session));
  /* Every change is recorded, as in the app; the History page reads it. */
  {
    g_autofree char *path = g_build_filename (fixture->log_dir, "history", "history.db", NULL);
    g_autoptr(EnsHistory) history = ens_history_new (path);

    ens_window_set_history (ENS_WINDOW (fixture->window), history);
  }
  gtk_window_present (fixture->window);
  /* The split view shows its panes from its first allocation on. */
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0);
  settle_home (fixture);

  fixture->tick_id = g_timeout_add (10, tick_cb, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_other_toplevels (fixture);

  gtk_window_destroy (fixture->window);
  /* Callbacks of cancelled requests still hold references; let them run. */
  WAIT_UNTIL (G_OBJECT (fixture->window)->ref_count == 1);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));

  g_clear_handle_id (&fixture->tick_id, g_source_remove);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  ens_emulator_set_log_path (fixture->emulator, NULL, NULL);
  ens_emulator_stop (fixture->emulator);
  g_clear_object (&fixture->emulator);

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->log_dir);

    g_assert_cmpint (system (command), ==, 0);
  }
  g_clear_pointer (&fixture->log_path, g_free);
  g_clear_pointer (&fixture->log_dir, g_free);
}

/* }}} */

/* Tests {{{ */

static void
count_notify_cb (guint *counter)
{
  (*counter)++;
}

/* Whether a list of pending accounts is on screen under "Accounts to Add"
 * (the list holding the entry row does not count). */
static gboolean
pending_list_shown (Fixture *fixture)
{
  PendingListSearch search = { accounts_row (fixture) };

  return walk (pending_section (fixture), FIND_MAPPED, is_pending_list, &search) != NULL;
}

static void
test_window_image_validation (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *row = image_row (fixture);
  const EnsErrorEntry *not_found = ens_error_catalogue_lookup ("InvalidImageId.NotFound");
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *parsed = NULL;
  g_autofree char *code = NULL;
  g_autofree char *inline_error = NULL;
  AdwMessageDialog *dialog;
  guint listings;

  /* Signed in with the client's credentials: the main page. */
  g_assert_true (shows (window, ADW_TYPE_ENTRY_ROW, "Image ID"));
  g_assert_false (shows (window, GTK_TYPE_BUTTON, "Sign In"));
  g_assert_true (shared_hint_shows (fixture));

  /* A bad character: error style and the parser's message, nothing loads. */
  set_image (fixture, "m-test window");
  parsed = ens_image_id_parse ("m-test window", &parse_error);
  g_assert_null (parsed);
  g_assert_nonnull (parse_error);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (shows (window, GTK_TYPE_LABEL, parse_error->message));
  /* No image to act on: nothing to refresh, no "Loading…" (a valid ID
   * shows it at once, while the window waits for typing to pause), and
   * no request, not with Enter, not once the typing pause has gone by. */
  g_assert_true (is_disabled (fixture, "Refresh"));
  g_assert_true (shared_hint_shows (fixture));
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_true (shared_hint_shows (fixture));
  iterate_for (2 * LOAD_DELAY_MS);
  g_assert_true (shared_hint_shows (fixture));
  g_assert_cmpuint (count_requests (fixture, LIST_ACTION, NULL), ==, 0);

  /* Valid: the error goes and the emulator's accounts load. */
  load_image (fixture, IMAGE);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (shows (window, GTK_TYPE_LABEL, parse_error->message));
  g_assert_false (shows (window, GTK_TYPE_WIDGET, HINT_TEXT));

  rows = shared_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, SHARED_A);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 1)), ==, SHARED_B);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* An image nobody shares: the empty state. */
  load_image (fixture, EMPTY_IMAGE);
  g_assert_true (shows (shared_section (fixture), GTK_TYPE_WIDGET, EMPTY_TEXT));
  rows = shared_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* An image that does not exist: the inline error says so, and
   * "Details" tells more. */
  load_image (fixture, MISSING_IMAGE);
  code = dup_last_logged (fixture, LIST_ACTION, MISSING_IMAGE, "code");
  g_assert_cmpstr (code, ==, "InvalidImageId.NotFound");
  g_assert_nonnull (not_found);
  g_assert_cmpint (not_found->category, ==, ENS_ERROR_NOT_FOUND);
  inline_error = g_strdup_printf ("%s. %s", not_found->title, not_found->explanation);
  g_assert_true (shows (shared_section (fixture), GTK_TYPE_LABEL, inline_error));
  g_assert_false (shows (shared_section (fixture), GTK_TYPE_WIDGET, EMPTY_TEXT));
  g_assert_true (can_press (fixture, "Details"));
  press (shared_section (fixture), "Details");
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, not_found->title);
  close_other_toplevels (fixture);

  /* Enter loads again at once: the text did not change, so no timer is
   * involved, and "Loading…" shows right away. */
  listings = n_listings (fixture, MISSING_IMAGE) + 1;
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_true (shows (shared_section (fixture), GTK_TYPE_SPINNER, NULL));
  WAIT_UNTIL (shared_error_shows (fixture, MISSING_IMAGE, listings));
  g_assert_cmpuint (n_listings (fixture, MISSING_IMAGE), ==, listings);

  /* Typing, then Enter: one load, not a second one when the typing
   * pause runs out.  The emulator holds its answer for twice that pause,
   * so a load still pending from the typing would have been sent (and
   * logged) before the list can show. */
  ens_emulator_set_latency (fixture->emulator, 2 * LOAD_DELAY_MS);
  listings = n_listings (fixture, IMAGE) + 1;
  set_image (fixture, IMAGE);
  g_signal_emit_by_name (row, "entry-activated");
  wait_for_list (fixture, IMAGE, listings);
  ens_emulator_set_latency (fixture->emulator, 0);
}

static void
test_window_accessible_names (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const icon_buttons[] = { "Choose Image", "Add", "Refresh", "Main Menu" };
  static const char * const text_buttons[] = { "Share", "Stop Sharing", "Select All", "Cancel",
                                               "Sign In", "Try the Demo" };
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *label = NULL;
  GtkWidget *widget;
  GtkWidget *check;
  GtkWidget *button;

  load_image (fixture, IMAGE);

  /* Each shared row's check box names its account. */
  rows = shared_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, SHARED_A);
  check = find_widget (g_ptr_array_index (rows, 0), GTK_TYPE_CHECK_BUTTON, NULL, FIND_MAPPED);
  g_assert_nonnull (check);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Select " SHARED_A);

  /* Icon buttons have a tooltip and the same accessible name. */
  for (guint i = 0; i < G_N_ELEMENTS (icon_buttons); i++)
    {
      widget = get_widget (window, GTK_TYPE_WIDGET, icon_buttons[i], FIND_MAPPED);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, icon_buttons[i]);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, icon_buttons[i]);
    }

  /* "Back" only shows on the activity page. */
  widget = get_widget (window, GTK_TYPE_BUTTON, "Back", FIND_ANY);
  g_assert_false (gtk_widget_get_mapped (widget));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, "Back");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "Back");

  /* The profile button is named "Profile"; its tooltip says who it is. */
  widget = get_widget (window, GTK_TYPE_WIDGET, "Profile", FIND_MAPPED);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "Profile");
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (widget), "Profile: "));

  /* Text buttons, shown or not, by their labels, without mnemonics. */
  for (guint i = 0; i < G_N_ELEMENTS (text_buttons); i++)
    {
      button = get_widget (window, GTK_TYPE_BUTTON, text_buttons[i], FIND_ANY);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, text_buttons[i]);
      g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (button)));
    }

  /* The entry rows by their titles. */
  g_assert_true (shows (window, ADW_TYPE_ENTRY_ROW, "Image ID"));
  g_assert_true (shows (window, ADW_TYPE_ENTRY_ROW, "Accounts to add"));

  /* The pending row's remove button names its account. */
  add_accounts (fixture, NEW_ACCOUNT);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  label = g_strdup_printf ("Remove %s", NEW_ACCOUNT);
  button = find_widget (g_ptr_array_index (rows, 0), GTK_TYPE_BUTTON, label, FIND_MAPPED);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, label);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
test_window_pending_editing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(EnsAccountList) expected = ens_account_list_parse ("12ab");
  g_autoptr(GPtrArray) rows = NULL;
  EnsAccountIssue *issue;
  GtkWidget *row;

  g_assert_cmpuint (expected->issues->len, ==, 1);
  issue = g_ptr_array_index (expected->issues, 0);

  g_assert_false (pending_list_shown (fixture));
  add_accounts (fixture, "1234567890123456, 12ab\n1234567890123456");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (accounts_row (fixture))), ==, "");
  g_assert_true (pending_list_shown (fixture));

  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (rows, i)));

  /* Ready: no remark. */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (title_of (row), ==, "1234567890123456");
  g_assert_cmpstr (subtitle_of (row), ==, "");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Not an account ID: the parser's reason, in error style. */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (title_of (row), ==, "12ab");
  g_assert_cmpstr (subtitle_of (row), ==, issue->message);
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (title_of (row), ==, "1234567890123456");
  g_assert_cmpstr (subtitle_of (row), ==, "Listed twice");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* One account will be sent. */
  g_assert_true (pending_summary_is (fixture, "1 ready to share, 2 will be skipped"));

  /* Removing the first makes the repeat the one to send. */
  remove_pending (g_ptr_array_index (rows, 0));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (title_of (row), ==, "1234567890123456");
  g_assert_cmpstr (subtitle_of (row), ==, "");
  g_assert_true (pending_summary_is (fixture, "1 ready to share, 1 will be skipped"));

  /* Adding it again, separately, is pointed out too. */
  add_accounts (fixture, "1234567890123456");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (rows, 2)), ==, "Listed twice");

  /* Accounts the image is already shared with are pointed out. */
  load_image (fixture, IMAGE);
  add_accounts (fixture, SHARED_A);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (title_of (row), ==, SHARED_A);
  g_assert_cmpstr (subtitle_of (row), ==, "Already shared");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (pending_summary_is (fixture, "1 ready to share, 3 will be skipped"));

  /* Removing every row hides the list. */
  while (rows->len > 0)
    remove_pending (g_ptr_array_steal_index (rows, 0));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_false (pending_list_shown (fixture));
}

static void
test_window_sensitivity (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *progress;
  guint listings;

  /* Nothing to share, nothing selected. */
  g_assert_true (is_disabled (fixture, "Share"));
  g_assert_true (is_disabled (fixture, "Stop Sharing"));
  g_assert_true (is_disabled (fixture, "Cancel"));

  /* A valid account but no image yet. */
  add_accounts (fixture, NEW_ACCOUNT);
  g_assert_true (is_disabled (fixture, "Share"));

  load_image (fixture, IMAGE);
  g_assert_true (can_press (fixture, "Share"));
  g_assert_true (is_disabled (fixture, "Stop Sharing"));

  /* Text still in the entry counts: Share takes it along. */
  gtk_editable_set_text (GTK_EDITABLE (accounts_row (fixture)), OTHER_ACCOUNT);
  g_assert_true (can_press (fixture, "Share"));
  gtk_editable_set_text (GTK_EDITABLE (accounts_row (fixture)), "");

  /* Only invalid accounts: nothing to send. */
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  remove_pending (g_ptr_array_index (rows, 0));
  g_clear_pointer (&rows, g_ptr_array_unref);
  add_accounts (fixture, "12ab");
  g_assert_true (is_disabled (fixture, "Share"));
  add_accounts (fixture, NEW_ACCOUNT);
  g_assert_true (can_press (fixture, "Share"));

  select_account (fixture, SHARED_A, TRUE);
  g_assert_true (can_press (fixture, "Stop Sharing"));
  select_account (fixture, SHARED_A, FALSE);
  g_assert_true (is_disabled (fixture, "Stop Sharing"));
  select_account (fixture, SHARED_A, TRUE);

  /* While a plan runs both are off, and Cancel is on. */
  ens_emulator_set_latency (fixture->emulator, 300);
  listings = n_listings (fixture, IMAGE) + 1;
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));
  g_assert_true (is_disabled (fixture, "Share"));
  g_assert_true (is_disabled (fixture, "Stop Sharing"));
  g_assert_false (is_disabled (fixture, "Cancel"));
  g_assert_false (gtk_widget_is_sensitive (image_row (fixture)));
  /* The progress bar and Cancel slide in. */
  WAIT_UNTIL (can_press (fixture, "Cancel"));
  g_assert_true (is_changing (fixture->window));
  progress = get_widget (window, GTK_TYPE_PROGRESS_BAR, NULL, FIND_MAPPED);
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress)), ==, "0 of 1");
  g_assert_false (gtk_widget_is_sensitive (image_row (fixture)));

  WAIT_UNTIL (!is_changing (fixture->window));
  g_assert_true (is_disabled (fixture, "Cancel"));
  g_assert_true (gtk_widget_is_sensitive (image_row (fixture)));
  /* The progress bar slides away. */
  WAIT_UNTIL (!shows (window, GTK_TYPE_PROGRESS_BAR, NULL));
  wait_for_list (fixture, IMAGE, listings);
}

static void
test_window_share_and_undo (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) details = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *expected_detail = NULL;
  GtkWidget *undo;
  guint n_changing_notifies = 0;
  guint listings;
  gboolean listed;

  load_image (fixture, IMAGE);
  add_accounts (fixture, NEW_ACCOUNT);
  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  g_signal_connect_swapped (window, "notify::changing", G_CALLBACK (count_notify_cb), &n_changing_notifies);
  g_assert_false (is_changing (fixture->window));

  /* "changing" holds from the press of Share until the outcome shows. */
  listings = n_listings (fixture, IMAGE) + 1;
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));
  g_assert_cmpuint (n_changing_notifies, ==, 1);
  WAIT_UNTIL (!is_changing (fixture->window));
  g_assert_cmpuint (n_changing_notifies, ==, 2);
  g_signal_handlers_disconnect_by_func (window, count_notify_cb, &n_changing_notifies);

  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));
  /* The toast comes once the list read again has verified the change. */
  WAIT_UNTIL (toast_title (fixture) != NULL);
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 1 account");
  undo = get_widget (shown_toast (fixture), GTK_TYPE_BUTTON, "Undo", FIND_MAPPED);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (undo)), ==, "Undo");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (undo)), ==, "win.undo");
  request_id = dup_last_logged (fixture, MODIFY_ACTION, IMAGE, "RequestId");
  g_assert_nonnull (request_id);

  /* Done accounts leave the pending list; the shared list reloads. */
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  wait_for_list (fixture, IMAGE, listings);
  rows = shared_rows (fixture);
  listed = FALSE;
  for (guint i = 0; i < rows->len; i++)
    listed |= g_strcmp0 (title_of (g_ptr_array_index (rows, i)), NEW_ACCOUNT) == 0;
  g_assert_true (listed);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The activity log has it, with the RequestId the server gave. */
  entries = show_activity (fixture, 1);
  assert_entry (g_ptr_array_index (entries, 0), "Shared with 1 account", IMAGE_LABEL, "1 done", TRUE);
  details = expand_entry (g_ptr_array_index (entries, 0), 1);
  expected_detail = g_strdup_printf ("share: done, 1 try\nRequest ID: %s", request_id);
  g_assert_cmpstr (title_of (g_ptr_array_index (details, 0)), ==, NEW_ACCOUNT);
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (details, 0)), ==, expected_detail);
  g_clear_pointer (&details, g_ptr_array_unref);
  g_clear_pointer (&entries, g_ptr_array_unref);
  go_back (fixture);

  /* Undo removes exactly that account again. */
  listings++;
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 1 account");
  undo = get_widget (shown_toast (fixture), GTK_TYPE_BUTTON, "Undo", FIND_MAPPED);
  click (undo);
  g_assert_true (is_changing (fixture->window));
  WAIT_UNTIL (!is_changing (fixture->window));

  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_true (emulator_shares (fixture, SHARED_A));
  g_assert_true (emulator_shares (fixture, SHARED_B));
  /* The Undo toast goes once its button was pressed, and the outcome
   * replaces it. */
  WAIT_UNTIL (g_strcmp0 (toast_title (fixture), "Stopped sharing with 1 account") == 0);
  wait_for_list (fixture, IMAGE, listings);
  rows = shared_rows (fixture);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (title_of (g_ptr_array_index (rows, i)), !=, NEW_ACCOUNT);

  entries = show_activity (fixture, 2);
  assert_entry (g_ptr_array_index (entries, 0), "Stopped sharing with 1 account", IMAGE_LABEL, "1 done", TRUE);
  assert_entry (g_ptr_array_index (entries, 1), "Shared with 1 account", IMAGE_LABEL, "1 done", TRUE);
  go_back (fixture);
}

/* A list of a thousand accounts is built a slice per frame, the window
 * drawing frames meanwhile, and goes the same way for the next image. */
static void
test_window_large_list (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  RowWatch watch = { shared_section (fixture), 0, 0, 0 };
  g_auto(GStrv) expected = large_share_list ();
  g_autoptr(GPtrArray) rows = NULL;
  guint tick_id;

  tick_id = gtk_widget_add_tick_callback (window, row_watch_cb, &watch, NULL);

  load_image (fixture, LARGE_IMAGE);
  g_assert_cmpuint (n_listings (fixture, LARGE_IMAGE), ==, N_LARGE / ENS_SHARE_PAGE_SIZE_MAX);
  rows = shared_rows (fixture);
  g_assert_cmpuint (rows->len, ==, N_LARGE);
  for (guint i = 0; i < N_LARGE; i += 111)
    g_assert_cmpstr (title_of (g_ptr_array_index (rows, i)), ==, expected[i]);
  /* Many frames, none of them making more than a slice's rows. */
  g_assert_cmpuint (watch.n_frames, >=, N_LARGE / 64);
  g_assert_cmpuint (watch.max_per_frame, <=, 64);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Everything is selectable once the list is complete. */
  g_assert_true (can_press (fixture, "Select All"));

  watch.n_frames = watch.max_per_frame = 0;
  load_image (fixture, EMPTY_IMAGE);
  g_assert_true (shows (shared_section (fixture), GTK_TYPE_WIDGET, EMPTY_TEXT));
  rows = shared_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpuint (watch.n_frames, >=, N_LARGE / 64);
  g_assert_cmpuint (watch.max_per_frame, <=, 64);

  gtk_widget_remove_tick_callback (window, tick_id);
}

static void
test_window_share_typed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  /* Ctrl+Return with an ID still in the entry: it is added and shared. */
  load_image (fixture, IMAGE);
  gtk_editable_set_text (GTK_EDITABLE (accounts_row (fixture)), NEW_ACCOUNT);
  g_assert_true (can_press (fixture, "Share"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.share", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (accounts_row (fixture))), ==, "");
  g_assert_true (is_changing (fixture->window));
  WAIT_UNTIL (!is_changing (fixture->window));

  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));
  WAIT_UNTIL (toast_title (fixture) != NULL);   /* after the list verifies the change */
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 1 account");
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_window_stop_sharing (Fixture       *fixture,
                          gconstpointer  data)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_test_skip ("The confirmation is an AdwAlertDialog, not a toplevel, on libadwaita 1.5+");
#else
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) rows = NULL;
  AdwMessageDialog *dialog;
  guint n_changing_notifies = 0;
  guint listings;

  load_image (fixture, IMAGE);
  select_account (fixture, SHARED_B, TRUE);

  gtk_widget_activate_action (window, "win.stop-sharing", NULL);
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Stop Sharing With 1 Account?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   SHARED_B " will no longer be able to use image " IMAGE ".");

  /* Nothing happens before the answer. */
  g_assert_false (is_changing (fixture->window));
  g_signal_connect_swapped (window, "notify::changing", G_CALLBACK (count_notify_cb), &n_changing_notifies);
  listings = n_listings (fixture, IMAGE) + 1;
  press (GTK_WIDGET (dialog), "Stop Sharing");
  /* It starts, then ends. */
  WAIT_UNTIL (n_changing_notifies == 2);
  g_assert_false (is_changing (fixture->window));
  g_signal_handlers_disconnect_by_func (window, count_notify_cb, &n_changing_notifies);

  g_assert_false (emulator_shares (fixture, SHARED_B));
  g_assert_true (emulator_shares (fixture, SHARED_A));
  WAIT_UNTIL (toast_title (fixture) != NULL);   /* after the list verifies the change */
  g_assert_cmpstr (toast_title (fixture), ==, "Stopped sharing with 1 account");
  wait_for_list (fixture, IMAGE, listings);
  rows = shared_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, SHARED_A);
#endif
}

static void
test_window_failed_stay_pending (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(EnsCredentials) read_only = ens_credentials_new (READ_ONLY_ID, READ_ONLY_SECRET, NULL);
  g_autoptr(EnsAccountList) invalid = ens_account_list_parse ("12ab");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  EnsAccountIssue *issue = g_ptr_array_index (invalid->issues, 0);

  load_image (fixture, IMAGE);
  ens_client_set_credentials (fixture->client, read_only);

  add_accounts (fixture, NEW_ACCOUNT " " OTHER_ACCOUNT " 12ab");
  g_assert_true (pending_summary_is (fixture, "2 ready to share, 1 will be skipped"));
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));
  WAIT_UNTIL (!is_changing (fixture->window));

  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_false (emulator_shares (fixture, OTHER_ACCOUNT));

  /* Nothing typed is lost, and each failed row says why. */
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, NEW_ACCOUNT);
  g_assert_true (g_str_has_prefix (subtitle_of (g_ptr_array_index (rows, 0)), "Not shared: "));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 0), "error"));
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 1)), ==, OTHER_ACCOUNT);
  g_assert_true (g_str_has_prefix (subtitle_of (g_ptr_array_index (rows, 1)), "Not shared: "));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 1), "error"));
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 2)), ==, "12ab");
  g_assert_cmpstr (subtitle_of (g_ptr_array_index (rows, 2)), ==, issue->message);
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 2), "error"));
  /* The two failed ones go again with the next Share. */
  g_assert_true (pending_summary_is (fixture,
                                     "0 ready to share, 1 will be skipped\n"
                                     "2 accounts could not be shared — fix or remove them, "
                                     "or press Share to try again"));
  g_assert_true (can_press (fixture, "Share"));

  /* No "Shared" toast; the error dialog explains. */
  g_assert_null (toast_title (fixture));
  g_assert_cmpuint (count_other_toplevels (fixture), ==, 1);
  close_other_toplevels (fixture);

  entries = show_activity (fixture, 1);
  assert_entry (g_ptr_array_index (entries, 0), "Shared with 2 accounts", IMAGE_LABEL, "2 failed", FALSE);
  go_back (fixture);

  /* With a key that may share, the same rows go through. */
  {
    g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);

    ens_client_set_credentials (fixture->client, credentials);
  }
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));
  WAIT_UNTIL (!is_changing (fixture->window));
  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));
  g_assert_true (emulator_shares (fixture, OTHER_ACCOUNT));
  WAIT_UNTIL (toast_title (fixture) != NULL);   /* after the list verifies the change */
  g_assert_cmpstr (toast_title (fixture), ==, "Shared with 2 accounts");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, "12ab");
}

static void
test_window_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) rows = NULL;
  guint listings;

  load_image (fixture, IMAGE);
  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_batch_size (fixture->client, 1);
  ens_emulator_set_latency (fixture->emulator, 200);

  add_accounts (fixture, NEW_ACCOUNT " " OTHER_ACCOUNT " " THIRD_ACCOUNT);
  listings = n_listings (fixture, IMAGE) + 1;
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));
  WAIT_UNTIL (can_press (fixture, "Cancel"));
  g_assert_true (is_changing (fixture->window));
  gtk_widget_activate_action (window, "win.cancel", NULL);
  WAIT_UNTIL (!is_changing (fixture->window));

  /* What had not started stays pending, and no error dialog appears. */
  g_assert_cmpuint (count_other_toplevels (fixture), ==, 0);
  g_assert_false (emulator_shares (fixture, THIRD_ACCOUNT));

  /* The toast counts what the server really did, requests that were in
   * flight at Cancel included, once the list has been read again. */
  WAIT_UNTIL (toast_title (fixture) != NULL && shared_list_shows (fixture, IMAGE, listings));
  g_assert_cmpuint (n_listings (fixture, IMAGE), ==, listings);
  {
    const char *accounts[] = { NEW_ACCOUNT, OTHER_ACCOUNT, THIRD_ACCOUNT };
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
    WAIT_UNTIL (toast_title (fixture) != NULL);   /* after the list verifies the change */
    g_assert_cmpstr (toast_title (fixture), ==, expected);
    rows = pending_rows (fixture);
    g_assert_cmpuint (rows->len, ==, 3 - n_shared_now);
  }
}

static gboolean
is_rate_label (GtkWidget *widget,
               gpointer   data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget))
    return FALSE;

  text = gtk_label_get_label (GTK_LABEL (widget));

  return g_str_has_prefix (text, "about ") && g_str_has_suffix (text, " per second");
}

/* A change long enough to know its rate (over a second: the emulator lets
 * 2 requests a second through) shows it beside the progress, and it goes
 * when the change is over. */
static void
test_window_rate (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  load_image (fixture, IMAGE);
  ens_client_set_batch_size (fixture->client, 1);
  ens_emulator_set_max_qps (fixture->emulator, 2);

  add_accounts (fixture, "7100000000000001 7100000000000002 7100000000000003 "
                         "7100000000000004 7100000000000005");
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));
  WAIT_UNTIL (walk (window, FIND_MAPPED, is_rate_label, NULL) != NULL);
  WAIT_UNTIL (!is_changing (fixture->window));
  g_assert_null (walk (window, FIND_MAPPED, is_rate_label, NULL));
  g_assert_true (emulator_shares (fixture, "7100000000000005"));
  ens_emulator_set_max_qps (fixture->emulator, 0);
}

/* Closing while a change is sent asks first; Keep Open keeps it running,
 * and a change that ends while the question is open takes the question
 * away (Stop and Close is driven end to end in e2e.py). */
static void
test_window_close_while_changing (Fixture       *fixture,
                                  gconstpointer  data)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_test_skip ("The confirmation is an AdwAlertDialog, not a toplevel, on libadwaita 1.5+");
#else
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwMessageDialog *dialog;

  load_image (fixture, IMAGE);
  ens_client_set_adapt_concurrency (fixture->client, FALSE);
  ens_client_set_concurrency (fixture->client, 1);
  ens_client_set_batch_size (fixture->client, 1);
  ens_emulator_set_latency (fixture->emulator, 300);

  add_accounts (fixture, NEW_ACCOUNT " " OTHER_ACCOUNT " " THIRD_ACCOUNT);
  gtk_widget_activate_action (window, "win.share", NULL);
  g_assert_true (is_changing (fixture->window));

  gtk_window_close (fixture->window);
  g_assert_true (gtk_widget_get_visible (window));
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changes Are Being Sent");

  /* Keep Open: the window stays and the change goes on. */
  press (GTK_WIDGET (dialog), "Keep Open");
  WAIT_UNTIL (count_other_toplevels (fixture) == 0);
  g_assert_true (gtk_widget_get_visible (window));

  /* Asked again; the change ends meanwhile and the question goes. */
  if (is_changing (fixture->window))
    {
      gtk_window_close (fixture->window);
      WAIT_UNTIL (find_message_dialog (fixture) != NULL || !is_changing (fixture->window));
    }
  WAIT_UNTIL (!is_changing (fixture->window));
  WAIT_UNTIL (count_other_toplevels (fixture) == 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_true (emulator_shares (fixture, THIRD_ACCOUNT));
  ens_emulator_set_latency (fixture->emulator, 0);
#endif
}

static void
test_window_close_with_pending (Fixture       *fixture,
                                gconstpointer  data)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_test_skip ("The confirmation is an AdwAlertDialog, not a toplevel, on libadwaita 1.5+");
#else
  g_autoptr(GPtrArray) rows = NULL;
  AdwMessageDialog *dialog;

  add_accounts (fixture, NEW_ACCOUNT);
  gtk_window_close (fixture->window);

  /* Still open, asking first. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard pending accounts?");

  /* "Cancel": the dialog goes, the window and its accounts stay. */
  press (GTK_WIDGET (dialog), "Cancel");
  WAIT_UNTIL (count_other_toplevels (fixture) == 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, NEW_ACCOUNT);

  /* Cancel did not count as a yes: closing again asks again. */
  gtk_window_close (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard pending accounts?");
  press (GTK_WIDGET (dialog), "Cancel");
  WAIT_UNTIL (count_other_toplevels (fixture) == 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
#endif
}

static void
test_window_activity_copy (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) entries = NULL;

  entries = show_activity (fixture, 0);
  WAIT_UNTIL (shows (window, GTK_TYPE_WIDGET, NO_ACTIVITY_TEXT));
  g_assert_true (shows (window, GTK_TYPE_BUTTON, "Back"));

  gtk_widget_activate_action (window, "win.copy-text", "s", "REQ-123");
  g_assert_cmpstr (toast_title (fixture), ==, "Copied");

  go_back (fixture);
}

/* History {{{ */

static char *
history_text (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
test_window_history_records (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *path = g_build_filename (fixture->log_dir, "data", "history.db", NULL);
  g_autoptr(EnsHistory) history = ens_history_new (path);
  g_autofree char *state = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *logged = NULL;

  ens_window_set_history (ENS_WINDOW (fixture->window), history);
  load_image (fixture, IMAGE);
  add_accounts (fixture, NEW_ACCOUNT);
  gtk_widget_activate_action (window, "win.share", NULL);
  WAIT_UNTIL (!is_changing (fixture->window));
  g_assert_true (emulator_shares (fixture, NEW_ACCOUNT));

  /* In the file, with the RequestId the server gave. */
  state = history_text (path, "SELECT o.origin || ' ' || e.change || ' ' || e.state"
                              " FROM entries e JOIN operations o ON o.id = e.operation_id"
                              " WHERE e.account_id = '" NEW_ACCOUNT "'");
  g_assert_cmpstr (state, ==, "window add done");
  request_id = history_text (path, "SELECT request_id FROM entries WHERE account_id = '" NEW_ACCOUNT "'");
  logged = dup_last_logged (fixture, MODIFY_ACTION, IMAGE, "RequestId");
  g_assert_nonnull (logged);
  g_assert_cmpstr (request_id, ==, logged);

  /* Closed and opened again, as after a restart: the change is still in
   * the activity, with its RequestId. */
  gtk_window_destroy (fixture->window);
  WAIT_UNTIL (G_OBJECT (fixture->window)->ref_count == 1);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&history);
  fixture->window = g_object_ref (create_window (fixture->session));
  gtk_window_present (fixture->window);
  /* The split view shows its panes from its first allocation on. */
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0);
  settle_home (fixture);
  history = ens_history_new (path);
  ens_window_set_history (ENS_WINDOW (fixture->window), history);
  {
    g_autoptr(GPtrArray) entries = show_activity (fixture, 1);

    assert_entry (g_ptr_array_index (entries, 0), "Shared with 1 account", IMAGE_LABEL, "1 done", TRUE);
    {
      g_autoptr(GPtrArray) details = expand_entry (g_ptr_array_index (entries, 0), 1);
      g_autofree char *expected = g_strdup_printf ("share: done, 1 try\nRequest ID: %s", logged);

      g_assert_cmpstr (title_of (g_ptr_array_index (details, 0)), ==, NEW_ACCOUNT);
      g_assert_cmpstr (subtitle_of (g_ptr_array_index (details, 0)), ==, expected);
    }

    /* Export… is offered here (the export itself: test-history, cli-history). */
    g_assert_true (can_press (fixture, "_Export…"));
    go_back (fixture);
  }
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* The History page: two changes, found by account ID as typed, expanded,
 * its RequestId copied; the date range and a day that cannot be read. */
static void
test_window_history_page (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *path = g_build_filename (fixture->log_dir, "history", "history.db", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) details = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *copied = NULL;
  GtkWidget *search;
  GtkWidget *until;

  load_image (fixture, IMAGE);
  add_accounts (fixture, NEW_ACCOUNT);
  gtk_widget_activate_action (window, "win.share", NULL);
  WAIT_UNTIL (!is_changing (fixture->window));
  add_accounts (fixture, OTHER_ACCOUNT);
  gtk_widget_activate_action (window, "win.share", NULL);
  WAIT_UNTIL (!is_changing (fixture->window));
  request_id = history_text (path, "SELECT request_id FROM entries WHERE account_id = '" NEW_ACCOUNT "'");
  g_assert_nonnull (request_id);

  entries = show_activity (fixture, 2);
  assert_entry (g_ptr_array_index (entries, 0), "Shared with 1 account", IMAGE_LABEL, "1 done", TRUE);

  /* Typed: only the change with that account is left. */
  search = get_widget (window, GTK_TYPE_SEARCH_ENTRY, "Search the history", FIND_MAPPED);
  gtk_editable_set_text (GTK_EDITABLE (search), NEW_ACCOUNT);
  WAIT_UNTIL (found (&entries, history_entries (fixture), 1));
  details = expand_entry (g_ptr_array_index (entries, 0), 1);
  g_assert_cmpstr (title_of (g_ptr_array_index (details, 0)), ==, NEW_ACCOUNT);

  /* Its RequestId, copied, is the one the server gave. */
  click (get_widget (g_ptr_array_index (details, 0), GTK_TYPE_BUTTON, "Copy Request ID", FIND_MAPPED));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, clipboard_text_cb, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==, request_id);

  /* Up to a day long past: nothing; a day that cannot be read is marked
   * and changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  until = get_widget (window, GTK_TYPE_ENTRY, "To this day (UTC)", FIND_MAPPED);
  gtk_editable_set_text (GTK_EDITABLE (until), "2000-01-01");
  WAIT_UNTIL (found (&entries, history_entries (fixture), 0) && shows (window, GTK_TYPE_WIDGET, NO_ACTIVITY_TEXT));
  gtk_editable_set_text (GTK_EDITABLE (until), "2000-13-01");
  g_assert_true (gtk_widget_has_css_class (until, "error"));
  gtk_editable_set_text (GTK_EDITABLE (until), "");
  g_assert_false (gtk_widget_has_css_class (until, "error"));
  WAIT_UNTIL (found (&entries, history_entries (fixture), 2));
  go_back (fixture);
}

static void
test_window_history_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  /* A file where the history's folder should be: it cannot be written. */
  g_autofree char *blocker = g_build_filename (fixture->log_dir, "data", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.db", NULL);
  g_autoptr(EnsHistory) history = ens_history_new (path);
  g_autoptr(GPtrArray) rows = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (blocker, "", -1, NULL));
  ens_window_set_history (ENS_WINDOW (fixture->window), history);
  load_image (fixture, IMAGE);
  add_accounts (fixture, NEW_ACCOUNT);
  gtk_widget_activate_action (window, "win.share", NULL);
  WAIT_UNTIL (!is_changing (fixture->window));

  /* Nothing was sent, the dialog says why, the account is still there. */
  g_assert_cmpuint (count_requests (fixture, MODIFY_ACTION, NULL), ==, 0);
  g_assert_false (emulator_shares (fixture, NEW_ACCOUNT));
  WAIT_UNTIL (find_message_dialog (fixture) != NULL);
  dialog = find_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Write the History");
  close_other_toplevels (fixture);
  rows = pending_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (title_of (g_ptr_array_index (rows, 0)), ==, NEW_ACCOUNT);
  g_assert_true (can_press (fixture, "Share"));
}

/* }}} */

static void
test_window_signed_out_and_demo (void)
{
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentialStore) store = ens_credential_store_new ();
  EnsSession *session = ens_session_new (client, store, NULL);
  GtkWindow *window;
  GtkWidget *widget;
  GtkWidget *title;
  GtkWidget *row;

  /* No credentials and no auto sign-in: the "Sign In" page. */
  window = g_object_ref (create_window (session));
  gtk_window_present (window);
  widget = GTK_WIDGET (window);
  g_assert_true (gtk_widget_has_css_class (get_widget (widget, GTK_TYPE_BUTTON, "Sign In", FIND_MAPPED),
                                           "suggested-action"));
  g_assert_true (shows (widget, GTK_TYPE_BUTTON, "Try the Demo"));
  g_assert_false (shows (widget, ADW_TYPE_ENTRY_ROW, "Image ID"));
  g_assert_false (shows (widget, GTK_TYPE_LABEL, DEMO_BANNER_TEXT));

  /* The demo says so all the time. */
  set_demo (session, TRUE);
  g_assert_true (shows (widget, GTK_TYPE_LABEL, DEMO_BANNER_TEXT));
  title = get_widget (widget, ADW_TYPE_WINDOW_TITLE, NULL, FIND_MAPPED);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "Demo");
  WAIT_UNTIL (shows (widget, ADW_TYPE_ENTRY_ROW, "Image ID"));
  /* The pages cross-fade. */
  WAIT_UNTIL (!shows (widget, GTK_TYPE_BUTTON, "Sign In"));

  /* The home page lists the demo's images by name, each row named by it;
   * choosing one titles the window with its name, the ID below. */
  WAIT_UNTIL (shows (widget, ADW_TYPE_ACTION_ROW, "web-frontend-2024"));
  row = get_widget (widget, ADW_TYPE_ACTION_ROW, "web-frontend-2024", FIND_MAPPED);
  g_assert_true (has_accessible_label (row, "web-frontend-2024"));
  g_signal_emit_by_name (row, "activate");
  WAIT_UNTIL (g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), "web-frontend-2024") == 0);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   "m-5s7qotzavwbrnzaqh4undemo1");
  WAIT_UNTIL (shows (widget, GTK_TYPE_WIDGET, "1234567890123456"));

  set_demo (session, FALSE);
  g_assert_false (shows (widget, GTK_TYPE_LABEL, DEMO_BANNER_TEXT));
  g_assert_true (shows (widget, GTK_TYPE_BUTTON, "Sign In"));
  WAIT_UNTIL (!shows (widget, ADW_TYPE_ENTRY_ROW, "Image ID"));

  gtk_window_destroy (window);
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
  ADD ("rate", test_window_rate);
  ADD ("close-with-pending", test_window_close_with_pending);
  ADD ("close-while-changing", test_window_close_while_changing);
  ADD ("activity-copy", test_window_activity_copy);
  ADD ("history-records", test_window_history_records);
  ADD ("history-refused", test_window_history_refused);
  ADD ("history-page", test_window_history_page);
  g_test_add_func ("/window/signed-out-and-demo", test_window_signed_out_and_demo);

#undef ADD

  return g_test_run ();
}
