/* ens-recipient-images.h
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

#include "ens-session.h"

G_BEGIN_DECLS

#define ENS_TYPE_RECIPIENT_IMAGES (ens_recipient_images_get_type ())

G_DECLARE_FINAL_TYPE (EnsRecipientImages, ens_recipient_images, ENS, RECIPIENT_IMAGES, AdwWindow)

/*
 * One partner, all images: a window listing every own image (from the
 * session's catalog) that @account_ids can use, found with one
 * DescribeImageSharePermission per image and account (AliyunId filter), a
 * few at a time, progress shown.  "Stop Sharing Everything…" emits
 * ::stop-sharing (EnsSharePlan *plan, const char *heading) with the
 * offboarding plan; the window that opened it previews, confirms, runs it
 * and offers one Undo.  @title names the recipient or the group.
 */
GtkWidget *ens_recipient_images_new (GtkWindow          *parent,
                                     EnsSession         *session,
                                     const char         *title,
                                     const char * const *account_ids);

G_END_DECLS
