/* ens-emulator-log.c
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

#include <json-glib/json-glib.h>

#include "ens-json.h"

#include "ens-emulator-private.h"

void
_emu_write_log (EnsEmulator *self,
                Call        *call)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *line = NULL;
  gsize length;

  if (self->log == NULL)
    return;

  now = g_date_time_new_now_utc ();
  time = g_date_time_format_iso8601 (now);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  _emu_add_string_member (builder, "time", time);
  _emu_add_string_member (builder, "method", call->method);
  ens_json_builder_add_nullable_string (builder, "action", call->action);
  ens_json_builder_add_nullable_string (builder, "AccessKeyId", call->access_key_id);
  ens_json_builder_add_nullable_string (builder, "image", call->image_id);
  json_builder_set_member_name (builder, "status");
  if (call->status != 0)
    json_builder_add_int_value (builder, call->status);
  else
    json_builder_add_null_value (builder);
  ens_json_builder_add_nullable_string (builder, "code", call->code);
  _emu_add_string_member (builder, "RequestId", call->request_id);
  if (call->fault != NULL)
    _emu_add_string_member (builder, "fault", call->fault);
  if (call->content_type != NULL && g_str_has_prefix (call->content_type, "text/xml"))
    _emu_add_string_member (builder, "format", "XML");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  line = _emu_json_node_to_data (root, &length);

  if (!g_output_stream_write_all (self->log, line, length, NULL, NULL, &error) ||
      !g_output_stream_write_all (self->log, "\n", 1, NULL, NULL, &error) ||
      !g_output_stream_flush (self->log, NULL, &error))
    g_warning ("Could not write the emulator log: %s", error->message);
}

/**
 * ens_emulator_set_log_path:
 * @path: (nullable): a file to append JSON lines to, or %NULL to stop
 * @error: return location for a #GError
 *
 * Logs one line per request: time, method, action, AccessKeyId, image,
 * status, code, RequestId and the injected fault.  Never a signature,
 * an Authorization header, a secret or a security token.
 *
 * Returns: %TRUE on success
 */
gboolean
ens_emulator_set_log_path (EnsEmulator  *self,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GFile) file = NULL;
  GFileOutputStream *stream;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->log != NULL)
    g_output_stream_close (self->log, NULL, NULL);
  g_clear_object (&self->log);

  if (path == NULL)
    return TRUE;

  file = g_file_new_for_path (path);
  stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;

  self->log = G_OUTPUT_STREAM (stream);

  return TRUE;
}
