/* ens-aliyun-config.h
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

#include <glib-object.h>

#include "ens-core-types.h"

G_BEGIN_DECLS

/*
 * Reading the profiles of the aliyun command-line tool, normally
 * ~/.aliyun/config.json.  The file is only read, never changed.
 *
 * Only profiles whose "mode" is "AK" (access_key_id, access_key_secret) or
 * "StsToken" (the same plus sts_token) carry an AccessKey this app can use.
 * Other modes (RamRoleArn, EcsRamRole, …), profiles with missing or invalid
 * fields and later profiles repeating an earlier name are skipped; their
 * number is given in @n_skipped and the reason goes to g_debug.
 *
 * A file that is not JSON, or whose top level is not an object with a
 * "profiles" array, is ENS_ERROR_INVALID_INPUT with a translated message
 * naming the file.  A file that does not exist is ENS_ERROR_NO_CREDENTIALS.
 */

#define ENS_TYPE_ALIYUN_PROFILE (ens_aliyun_profile_get_type ())

typedef struct _EnsAliyunProfile EnsAliyunProfile;

/**
 * EnsAliyunProfile:
 * @name: the profile name as written in the file ("default" stays "default")
 * @mode: "AK" or "StsToken"
 * @credentials: (owned): the AccessKey, cleaned like typed input
 */
struct _EnsAliyunProfile
{
  char           *name;
  char           *mode;
  EnsCredentials *credentials;
};

GType             ens_aliyun_profile_get_type        (void) G_GNUC_CONST;
EnsAliyunProfile *ens_aliyun_profile_new             (const char              *name,
                                                      const char              *mode,
                                                      const EnsCredentials    *credentials);
EnsAliyunProfile *ens_aliyun_profile_copy            (const EnsAliyunProfile  *self);
void              ens_aliyun_profile_free            (EnsAliyunProfile        *self);

/* $HOME/.aliyun/config.json */
char             *ens_aliyun_config_dup_default_path (void);

/* Returns (element-type EnsAliyunProfile) in file order; @path NULL reads
 * the default path. */
GPtrArray        *ens_aliyun_config_load             (const char              *path,
                                                      GError                 **error);
GPtrArray        *ens_aliyun_config_load_full        (const char              *path,
                                                      guint                   *n_skipped,
                                                      GError                 **error);
/* The same for contents already read; @path is used in messages only. */
GPtrArray        *ens_aliyun_config_parse            (const char              *data,
                                                      gsize                    length,
                                                      const char              *path,
                                                      guint                   *n_skipped,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnsAliyunProfile, ens_aliyun_profile_free)

G_END_DECLS
