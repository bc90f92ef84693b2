/* ens-client-recipient.h
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

#include "ens-client.h"
#include "ens-share-plan.h"

G_BEGIN_DECLS

/*
 * One partner, all images: which of the account's own images some
 * accounts can use, and the plan that stops sharing all of them.
 */

/* One own image and those of the asked accounts it is shared with. */
typedef struct
{
  char   *image_id;
  char   *image_name;   /* nullable */
  GStrv   accounts;     /* never NULL; empty when it is shared with none */
  GError *error;        /* nullable: its list could not be read */
} EnsImageAccess;

typedef void (*EnsClientProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

void              ens_image_access_free                      (EnsImageAccess       *access);

/* One DescribeImageSharePermission with the AliyunId filter per image and
 * account, "concurrency" at a time; @progress (optional) is called as each
 * answer arrives. */
void              ens_client_find_account_images_async       (EnsClient            *self,
                                                              GListModel           *images,
                                                              const char * const   *account_ids,
                                                              EnsClientProgressFunc progress,
                                                              gpointer              progress_data,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
/* Returns (element-type EnsImageAccess): every image of @images, in order;
 * @n_failed (optional) counts those whose list could not be read. */
GPtrArray        *ens_client_find_account_images_finish      (EnsClient            *self,
                                                              GAsyncResult         *result,
                                                              guint                *n_failed,
                                                              GError              **error);

/* Offboarding: stop sharing every image of @access with the accounts it
 * is shared with.  Run it with ens_client_run_plan_async(); an outcome per
 * image and account; ens_share_plan_new_inverse() of it is the one Undo.
 * Returns NULL when nothing is shared. */
EnsSharePlan     *ens_share_plan_new_offboarding             (GPtrArray            *access);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsImageAccess, ens_image_access_free)

G_END_DECLS
