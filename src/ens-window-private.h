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

#include "ens-history-view.h"
#include "ens-image-split.h"
#include "ens-images-page.h"
#include "ens-profile-menu.h"
#include "ens-progress-bar.h"
#include "ens-recipients-page.h"
#include "ens-session.h"
#include "ens-share-editor.h"
#include "ens-sharing-page.h"
#include "ens-window.h"

G_BEGIN_DECLS

/* Between ens-window.c (the chrome and its pages) and ens-window-actions.c
 * (the win.* actions); nothing else includes this. */
struct _EnsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *export_button;
  GtkMenuButton        *profile_button;
  GtkMenuButton        *main_menu_button;
  GtkWidget            *demo_banner;
  GtkStack             *stack;
  AdwStatusPage        *signed_out_page;
  GtkButton            *sign_in_button;
  GtkButton            *demo_button;
  EnsImageSplit        *image_split;
  EnsImagesPage        *images_page;
  EnsSharingPage       *share_page;
  EnsProgressBar       *progress_bar;
  EnsHistoryView       *history_view;
  EnsRecipientsPage    *recipients_page;

  /* Owned references */
  EnsSession           *session;
  EnsShareEditor       *editor;
  GCancellable         *cancellable;       /* the window's life; cancelled on dispose */
  EnsProfileMenu       *profile_menu;
  EnsHistoryList       *history_list;      /* the History page's; NULL without a history */
  /* From the editor and the session, which may outlive the window (a
   * stopped change runs to its end): undone in dispose. */
  GPtrArray            *action_bindings;   /* of GBinding */
  GPtrArray            *action_watches;    /* of GtkExpressionWatch */
  GCancellable         *stop_question;     /* "Changes Are Being Sent" while it is asked */

  guint                 resolve_idle_id;
  gulong                after_paint_id;
  guint                 auto_sign_in : 1;
  guint                 close_confirmed : 1;
  guint                 stop_confirmed : 1;
  guint                 first_frame_done : 1;
};

/* ens-window.c */
void      _ens_window_add_toast           (EnsWindow  *self,
                                           AdwToast   *toast);
void      _ens_window_show_page           (EnsWindow  *self,
                                           const char *name);

/* ens-window-home.c: the list of images beside the image page */
void      _ens_window_class_home_init     (GtkWidgetClass *widget_class);
void      _ens_window_home_init           (EnsWindow      *self);
void      _ens_window_update_title        (EnsWindow      *self);
void      _ens_window_show_images         (EnsWindow      *self);
gboolean  _ens_window_refuse_own_account  (EnsWindow      *self);

/* ens-window-plans.c: preview, confirm, apply, verify a change across images */
void      _ens_window_review_plan         (EnsWindow      *self,
                                           EnsSharePlan   *plan,
                                           const char     *heading,
                                           gboolean        undo);

/* ens-window-multi.c: Share Selected Images…, Copy Sharing From… */
void      _ens_window_multi_init          (EnsWindow      *self);

/* ens-window-export.c */
void      _ens_window_export_history      (EnsWindow      *self);
void      _ens_window_history_changed     (EnsWindow      *self);

/* ens-window-recipients.c: the Recipients page, naming accounts */
void      _ens_window_recipients_init     (EnsWindow      *self);

/* ens-window-actions.c */
void      _ens_window_class_actions_init  (GtkWidgetClass *widget_class);
void      _ens_window_actions_init        (EnsWindow      *self);
void      _ens_window_actions_dispose     (EnsWindow      *self);

void      _ens_window_show_disagreement (EnsWindow    *self,
                                         EnsSharePlan *plan);

G_END_DECLS
