/* test-pending-list.c
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

#include "ens-error.h"
#include "ens-pending-list.h"

/*
 * EnsPendingList: what "Accounts to add" turns into, without a display.
 */

#define ACCOUNT_A "1234567890123456"
#define ACCOUNT_B "7777777777777777"
#define SHORT     "123"
#define LETTERS   "12a4"

typedef struct
{
  GArray *changes;       /* of Change, every items-changed */
  guint   n_ready_notifies;
  guint   summary_notifies;
  guint   n_items_notifies;
} Recorder;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  Change change = { position, removed, added };

  g_array_append_val (recorder->changes, change);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Recorder   *recorder)
{
  if (g_str_equal (pspec->name, "n-ready"))
    recorder->n_ready_notifies++;
  else if (g_str_equal (pspec->name, "summary"))
    recorder->summary_notifies++;
  else if (g_str_equal (pspec->name, "n-items"))
    recorder->n_items_notifies++;
}

static void
recorder_watch (Recorder       *recorder,
                EnsPendingList *list)
{
  recorder->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), recorder);
  g_signal_connect (list, "notify", G_CALLBACK (notify_cb), recorder);
}

static void
recorder_reset (Recorder *recorder)
{
  g_array_set_size (recorder->changes, 0);
  recorder->n_ready_notifies = 0;
  recorder->summary_notifies = 0;
  recorder->n_items_notifies = 0;
}

static void
assert_change (Recorder *recorder,
               guint     index,
               guint     position,
               guint     removed,
               guint     added)
{
  Change *change;

  g_assert_cmpuint (index, <, recorder->changes->len);
  change = &g_array_index (recorder->changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static EnsPendingAccount *
item_at (EnsPendingList *list,
         guint           position)
{
  g_autoptr(EnsPendingAccount) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  /* The list keeps its own reference. */
  return item;
}

static void
assert_item (EnsPendingList   *list,
             guint             position,
             const char       *account,
             EnsPendingStatus  status,
             const char       *subtitle)
{
  EnsPendingAccount *item = item_at (list, position);

  g_assert_cmpstr (ens_pending_account_get_account (item), ==, account);
  g_assert_cmpint (ens_pending_account_get_status (item), ==, status);
  g_assert_cmpstr (ens_pending_account_get_subtitle (item), ==, subtitle);
}

static void
test_pending_list_new (void)
{
  EnsPendingList *list = ens_pending_list_new ();

  g_assert_true (G_IS_LIST_MODEL (list));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == ENS_TYPE_PENDING_ACCOUNT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_cmpuint (ens_pending_list_get_n_ready (list), ==, 0);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "");

  g_assert_finalize_object (list);
}

static void
test_pending_list_parse (void)
{
  EnsPendingList *list = ens_pending_list_new ();
  Recorder recorder = { 0 };
  g_auto(GStrv) ready = NULL;
  guint n_items;

  recorder_watch (&recorder, list);

  /* Blank text adds nothing and says nothing. */
  g_assert_cmpuint (ens_pending_list_add_text (list, " ,; \n"), ==, 0);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 0);

  /* Valid accounts first, then the invalid tokens, then the repeats. */
  g_assert_cmpuint (ens_pending_list_add_text (list,
                                               ACCOUNT_A " " LETTERS ", " SHORT "; "
                                               ACCOUNT_A "\n" ACCOUNT_B),
                    ==, 5);
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, 0, 0, 5);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 1);
  g_assert_cmpuint (recorder.n_ready_notifies, ==, 1);
  g_assert_cmpuint (recorder.summary_notifies, ==, 1);

  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 5);

  assert_item (list, 0, ACCOUNT_A, ENS_PENDING_STATUS_READY, NULL);
  assert_item (list, 1, SHORT, ENS_PENDING_STATUS_READY,
               "“123” has only 3 digits. Alibaba Cloud account IDs usually have 16: "
               "check that none are missing.");
  assert_item (list, 2, ACCOUNT_B, ENS_PENDING_STATUS_READY, NULL);
  assert_item (list, 3, LETTERS, ENS_PENDING_STATUS_INVALID,
               "“12a4” has letters in it. Account IDs are made of digits only.");
  g_assert_true (ens_pending_account_get_invalid (item_at (list, 3)));
  assert_item (list, 4, ACCOUNT_A, ENS_PENDING_STATUS_DUPLICATE, "Listed twice");
  g_assert_false (ens_pending_account_get_invalid (item_at (list, 4)));

  g_assert_cmpuint (ens_pending_list_get_n_ready (list), ==, 3);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "3 ready to share, 2 will be skipped");
  ready = ens_pending_list_dup_ready (list);
  g_assert_cmpstrv (ready, ((const char * const []) { ACCOUNT_A, SHORT, ACCOUNT_B, NULL }));

  /* A later Add appends; an account already listed is a repeat. */
  recorder_reset (&recorder);
  g_assert_cmpuint (ens_pending_list_add_text (list, ACCOUNT_B), ==, 1);
  assert_change (&recorder, 0, 5, 0, 1);
  assert_item (list, 5, ACCOUNT_B, ENS_PENDING_STATUS_DUPLICATE, "Listed twice");
  g_assert_cmpuint (recorder.n_ready_notifies, ==, 0);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "3 ready to share, 3 will be skipped");

  /* Removing the first copy makes the repeat the one that counts. */
  recorder_reset (&recorder);
  ens_pending_list_remove (list, item_at (list, 0));
  assert_change (&recorder, 0, 0, 1, 0);
  assert_item (list, 3, ACCOUNT_A, ENS_PENDING_STATUS_READY, NULL);
  g_assert_cmpuint (recorder.n_ready_notifies, ==, 0);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "3 ready to share, 2 will be skipped");

  g_assert_finalize_object (list);
  g_array_unref (recorder.changes);
}

static void
test_pending_list_summary (void)
{
  EnsPendingList *list = ens_pending_list_new ();

  ens_pending_list_add_text (list, ACCOUNT_A);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "1 account ready to share");

  ens_pending_list_add_text (list, ACCOUNT_B);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "2 accounts ready to share");

  ens_pending_list_add_text (list, LETTERS);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "2 ready to share, 1 will be skipped");

  /* Only what cannot be sent. */
  ens_pending_list_remove_accounts (list, (const char * const []) { ACCOUNT_A, ACCOUNT_B, NULL });
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (ens_pending_list_get_n_ready (list), ==, 0);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "0 ready to share, 1 will be skipped");

  /* An invalid item is never taken off by account. */
  ens_pending_list_remove_accounts (list, (const char * const []) { LETTERS, NULL });
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  ens_pending_list_remove (list, item_at (list, 0));
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "");

  g_assert_finalize_object (list);
}

static void
test_pending_list_already_shared (void)
{
  EnsPendingList *list = ens_pending_list_new ();
  g_autoptr(GHashTable) shared = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) ready = NULL;
  Recorder recorder = { 0 };

  ens_pending_list_add_text (list, ACCOUNT_A " " ACCOUNT_B " " ACCOUNT_B);
  recorder_watch (&recorder, list);

  g_hash_table_add (shared, (gpointer)ACCOUNT_B);
  ens_pending_list_set_shared (list, shared);
  /* The list keeps its own copy. */
  g_hash_table_remove_all (shared);

  assert_item (list, 0, ACCOUNT_A, ENS_PENDING_STATUS_READY, NULL);
  assert_item (list, 1, ACCOUNT_B, ENS_PENDING_STATUS_ALREADY_SHARED, "Already shared");
  assert_item (list, 2, ACCOUNT_B, ENS_PENDING_STATUS_DUPLICATE, "Listed twice");
  g_assert_cmpuint (ens_pending_list_get_n_ready (list), ==, 1);
  g_assert_cmpuint (recorder.n_ready_notifies, ==, 1);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==, "1 ready to share, 2 will be skipped");
  ready = ens_pending_list_dup_ready (list);
  g_assert_cmpstrv (ready, ((const char * const []) { ACCOUNT_A, NULL }));

  /* Not known any more: ready again. */
  ens_pending_list_set_shared (list, NULL);
  assert_item (list, 1, ACCOUNT_B, ENS_PENDING_STATUS_READY, NULL);
  g_assert_cmpuint (ens_pending_list_get_n_ready (list), ==, 2);
  g_assert_cmpuint (recorder.n_ready_notifies, ==, 2);

  g_assert_finalize_object (list);
  g_array_unref (recorder.changes);
}

static void
test_pending_list_settle (void)
{
  EnsPendingList *list = ens_pending_list_new ();
  g_autoptr(EnsSharePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *failure = NULL;
  g_auto(GStrv) ready = NULL;
  Recorder recorder = { 0 };

  /* [A, SHORT, B, LETTERS, A (repeat)] */
  ens_pending_list_add_text (list, ACCOUNT_A " " LETTERS " " SHORT " " ACCOUNT_A " " ACCOUNT_B);
  recorder_watch (&recorder, list);

  plan = ens_share_plan_new ("m-test", (const char * const []) { ACCOUNT_A, SHORT, ACCOUNT_B, NULL }, NULL);
  error = g_error_new_literal (ENS_ERROR, ENS_ERROR_PERMISSION, "NoPermission");
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_DONE, "req-1", NULL, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_FAILED, "req-2", error, 1);
  ens_share_plan_set_outcome (plan, 2, ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);

  ens_pending_list_settle (list, plan);

  /* Both items of the account shared with go, the later one first. */
  g_assert_cmpuint (recorder.changes->len, ==, 2);
  assert_change (&recorder, 0, 4, 1, 0);
  assert_change (&recorder, 1, 0, 1, 0);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 1);

  ens_error_describe (error, &title, NULL, NULL);
  failure = g_strdup_printf ("Not shared: %s", title);
  assert_item (list, 0, SHORT, ENS_PENDING_STATUS_READY, failure);
  assert_item (list, 1, ACCOUNT_B, ENS_PENDING_STATUS_READY, NULL);
  assert_item (list, 2, LETTERS, ENS_PENDING_STATUS_INVALID,
               "“12a4” has letters in it. Account IDs are made of digits only.");

  /* The failed one is sent again, but counted apart. */
  g_assert_cmpuint (ens_pending_list_get_n_ready (list), ==, 2);
  ready = ens_pending_list_dup_ready (list);
  g_assert_cmpstrv (ready, ((const char * const []) { SHORT, ACCOUNT_B, NULL }));
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==,
                   "1 ready to share, 1 will be skipped\n"
                   "1 account could not be shared — fix or remove it, or press Share to try again");

  /* Only failures left. */
  ens_pending_list_remove (list, item_at (list, 2));
  ens_pending_list_remove (list, item_at (list, 1));
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==,
                   "1 account could not be shared — fix or remove it, or press Share to try again");

  g_assert_finalize_object (list);
  g_array_unref (recorder.changes);
}

static void
test_pending_list_settle_without_error (void)
{
  EnsPendingList *list = ens_pending_list_new ();
  g_autoptr(EnsSharePlan) plan = NULL;

  ens_pending_list_add_text (list, ACCOUNT_A " " ACCOUNT_B);

  /* A removal in the plan says nothing about the pending list. */
  plan = ens_share_plan_new ("m-test", (const char * const []) { ACCOUNT_A, NULL },
                             (const char * const []) { ACCOUNT_B, NULL });
  ens_share_plan_set_outcome (plan, 0, ENS_OUTCOME_FAILED, NULL, NULL, 1);
  ens_share_plan_set_outcome (plan, 1, ENS_OUTCOME_DONE, NULL, NULL, 1);
  ens_pending_list_settle (list, plan);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  assert_item (list, 0, ACCOUNT_A, ENS_PENDING_STATUS_READY, "Not shared: the request failed");
  assert_item (list, 1, ACCOUNT_B, ENS_PENDING_STATUS_READY, NULL);
  g_assert_cmpstr (ens_pending_list_get_summary (list), ==,
                   "1 account ready to share\n"
                   "1 account could not be shared — fix or remove it, or press Share to try again");

  g_assert_finalize_object (list);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pending-list/new", test_pending_list_new);
  g_test_add_func ("/pending-list/parse", test_pending_list_parse);
  g_test_add_func ("/pending-list/summary", test_pending_list_summary);
  g_test_add_func ("/pending-list/already-shared", test_pending_list_already_shared);
  g_test_add_func ("/pending-list/settle", test_pending_list_settle);
  g_test_add_func ("/pending-list/settle-without-error", test_pending_list_settle_without_error);

  return g_test_run ();
}
