/* ens-json.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void ens_json_builder_add_nullable_string (JsonBuilder *builder,
                                           const char  *name,
                                           const char  *value);

/*
 * Typed member access for answers: a member of another type counts as
 * missing.  ens_json_get_string_max() drops a value longer than
 * @max_chars; ens_json_dup_string_cut() cuts it and appends "…".
 * ens_json_get_list() returns the nodes (not referenced) of a list such
 * as "Images": {"Image": [ … ]}, also when sent as one object or as the
 * bare array.
 */
JsonNode    *ens_json_get_member       (JsonObject  *object,
                                        const char  *name);
const char  *ens_json_get_string       (JsonObject  *object,
                                        const char  *name);
const char  *ens_json_get_string_max   (JsonObject  *object,
                                        const char  *name,
                                        guint        max_chars);
char        *ens_json_dup_string_cut   (JsonObject  *object,
                                        const char  *name,
                                        guint        max_chars);
char        *ens_json_node_dup_text    (JsonNode    *node);
char        *ens_json_get_text         (JsonObject  *object,
                                        const char  *name);
gboolean     ens_json_read_uint        (JsonObject  *object,
                                        const char  *name,
                                        guint       *out);
guint        ens_json_get_uint         (JsonObject  *object,
                                        const char  *name,
                                        guint        fallback);
GPtrArray   *ens_json_get_list         (JsonObject  *object,
                                        const char  *outer,
                                        const char  *inner);

G_END_DECLS
