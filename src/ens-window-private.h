/* ens-window-private.h
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

#pragma once

#include <adwaita.h>

#include "ens-activity-view.h"
#include "ens-session.h"
#include "ens-share-plan.h"
#include "ens-window.h"

G_BEGIN_DECLS

struct _EnsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkMenuButton        *profile_button;
  GtkMenuButton        *main_menu_button;
  GtkWidget            *demo_banner;
  GtkStack             *stack;
  AdwStatusPage        *signed_out_page;
  GtkButton            *sign_in_button;
  GtkButton            *demo_button;
  GtkScrolledWindow    *main_scroller;
  AdwEntryRow          *image_row;
  GtkButton            *choose_image_button;
  GtkLabel             *image_error_label;
  AdwPreferencesGroup  *shared_group;
  GtkButton            *refresh_button;
  GtkStack             *shared_stack;
  GtkSpinner           *shared_spinner;
  GtkLabel             *shared_error_label;
  GtkButton            *shared_details_button;
  GtkListBox           *shared_list;
  GtkWidget            *shared_buttons;
  GtkButton            *select_all_button;
  GtkButton            *stop_button;
  AdwEntryRow          *accounts_row;
  GtkButton            *add_button;
  GtkListBox           *pending_list;
  GtkLabel             *pending_summary;
  GtkButton            *share_button;
  GtkRevealer          *progress_bar_box;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  EnsActivityView      *activity_view;

  /* Owned references */
  EnsSession           *session;
  GCancellable         *cancellable;       /* the window's life; cancelled on dispose */
  GCancellable         *load_cancellable;  /* the shared-list load in flight */
  GCancellable         *plan_cancellable;  /* the plan in flight ("Cancel") */
  EnsSharePlan         *running_plan;
  EnsSharePlan         *verify_plan;       /* cancelled: its toast waits for the list */
  GListStore           *activity;          /* of EnsActivityEntry, newest first */
  GListStore           *shared_model;      /* of EnsSharedAccount */
  GMenu                *profile_menu;
  GHashTable           *undo_plans;        /* toast number → inverse EnsSharePlan */
  GHashTable           *shared_accounts;   /* accounts of loaded_image_id */
  GError               *load_error;
  char                 *image_id;          /* the valid ID in the image row, or NULL */
  char                 *loaded_image_id;   /* the image the shared list is for */

  /* Borrowed references */
  AdwToast             *last_toast;        /* weak */

  guint                 load_timeout_id;
  guint                 resolve_idle_id;
  guint                 undo_counter;
  guint                 n_selected;        /* selected items of shared_model */
  guint                 shared_job_id;     /* adds and removes rows a few at a time */
  guint                 n_rows_made;       /* rows made for shared_model's items */
  guint                 n_stale_rows;      /* rows of a previous list, still to go */
  guint                 job_rows;          /* rows per slice of shared_job_id */
  gulong                job_layout_id;     /* ends the timing of a slice */
  gint64                job_frame_start;
  gint64                job_frame_end;
  gulong                after_paint_id;
  guint                 auto_sign_in : 1;
  guint                 close_confirmed : 1;
  guint                 first_frame_done : 1;
  guint                 selecting_all : 1;
  guint                 shared_list_ready : 1;
  guint                 profile_menu_dirty : 1;
};

/* ens-window.c */
void          _ens_window_update_state         (EnsWindow           *self);
void          _ens_window_show_page            (EnsWindow           *self,
                                                const char          *name);
void          _ens_window_update_profile_menu  (EnsWindow           *self);
void          _ens_window_set_signed_in        (EnsWindow           *self,
                                                const char          *profile,
                                                EnsCredentialSource  source);
void          _ens_window_set_signed_out       (EnsWindow           *self);
void          _ens_window_load_shared          (EnsWindow           *self);
void          _ens_window_reload_shared        (EnsWindow           *self);
void          _ens_window_add_accounts         (EnsWindow           *self);
void          _ens_window_run_plan             (EnsWindow           *self,
                                                EnsSharePlan        *plan);
AdwToast     *_ens_window_add_toast            (EnsWindow           *self,
                                                AdwToast            *toast);
gboolean      _ens_window_is_busy              (EnsWindow           *self);
guint         _ens_window_count_ready          (EnsWindow           *self);
guint         _ens_window_count_pending        (EnsWindow           *self);
GStrv         _ens_window_dup_selected         (EnsWindow           *self);
GStrv         _ens_window_dup_ready_accounts   (EnsWindow           *self);

/* ens-window-actions.c */
void          _ens_window_class_actions_init   (GtkWidgetClass      *widget_class);

/* For tests: the toast added last (it may be waiting behind another). */
AdwToast     *_ens_window_get_last_toast       (EnsWindow           *self);

G_END_DECLS
