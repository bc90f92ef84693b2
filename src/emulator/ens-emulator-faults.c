/* ens-emulator-faults.c
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

#include <string.h>

#include <libsoup/soup.h>

#include "ens-emulator-private.h"

#define OVERSIZED_BODY_SIZE (1024 * 1024 + 64 * 1024)
#define FAULT_HOST_ID       "ens.aliyuncs.com"
/* The Alibaba Cloud account the denied RAM user belongs to. */
#define FAULT_ACCOUNT_ID    "1234567890123456"

const char *
_emu_fault_to_string (EnsEmulatorFault fault)
{
  switch (fault)
    {
    case ENS_EMULATOR_FAULT_NONE:               return NULL;
    case ENS_EMULATOR_FAULT_MALFORMED_JSON:     return "malformed-json";
    case ENS_EMULATOR_FAULT_HTML_ERROR:         return "html-error";
    case ENS_EMULATOR_FAULT_STALL:              return "stall";
    case ENS_EMULATOR_FAULT_RESET:              return "reset";
    case ENS_EMULATOR_FAULT_OVERSIZED:          return "oversized";
    case ENS_EMULATOR_FAULT_EMPTY_BODY:         return "empty-body";
    case ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE: return "wrong-content-type";
    case ENS_EMULATOR_FAULT_APPLY_RESET:        return "apply-reset";
    case ENS_EMULATOR_FAULT_ACCESS_DENIED:      return "access-denied";
    default:                                    return NULL;
    }
}

EnsEmulatorFault
_emu_take_fault (EnsEmulator *self)
{
  EnsEmulatorFault fault = self->fault;

  if (fault != ENS_EMULATOR_FAULT_NONE && self->fault_remaining > 0)
    {
      self->fault_remaining--;
      if (self->fault_remaining == 0)
        self->fault = ENS_EMULATOR_FAULT_NONE;
    }

  return fault;
}

void
_emu_call_set_raw (Call       *call,
                   guint       status,
                   const char *content_type,
                   char       *body,
                   gsize       length)
{
  call->status = status;
  call->content_type = content_type;
  g_free (call->response);
  call->response = body;
  call->response_len = length;
}

void
_emu_fake_malformed_json (Call *call)
{
  char *body = g_strdup_printf ("{\"RequestId\":\"%s\",\"TotalCount\":3,\"Accounts\":{\"Account\":"
                                "[{\"AliyunUid\":\"12345", call->request_id);

  _emu_call_set_raw (call, 200, JSON_CONTENT_TYPE, body, strlen (body));
}

void
_emu_fake_html_error (Call *call)
{
  static const char page[] =
    "<!DOCTYPE html>\n<html>\n<head><title>500 Internal Server Error</title></head>\n"
    "<body>\n<center><h1>500 Internal Server Error</h1></center>\n"
    "<hr><center>Tengine</center>\n</body>\n</html>\n";

  _emu_call_set_raw (call, 500, "text/html;charset=utf-8", g_strdup (page), strlen (page));
  _emu_set_str (&call->code, "html-error");
}

void
_emu_fake_oversized (Call *call)
{
  GString *body = g_string_sized_new (OVERSIZED_BODY_SIZE + 128);
  gsize length;

  g_string_append_printf (body, "{\"RequestId\":\"%s\",\"Padding\":\"", call->request_id);
  while (body->len < OVERSIZED_BODY_SIZE)
    g_string_append (body, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (body, "\"}");

  length = body->len;
  _emu_call_set_raw (call, 200, JSON_CONTENT_TYPE, g_string_free (body, FALSE), length);
}

/* What the gateway answers a RAM user without the permission: 403 with
 * the denied action in AccessDeniedDetail (ens-api.md §4.1). */
void
_emu_fake_access_denied (Call *call)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *auth_action = NULL;
  g_autofree char *recommend = NULL;
  const char *action = call->action;
  char *body;
  gsize length;

  if (action == NULL || action[0] == '\0' || strspn (action, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                     "abcdefghijklmnopqrstuvwxyz") != strlen (action))
    action = "ModifyImageSharePermission";
  auth_action = g_strconcat ("ens:", action, NULL);
  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Ens&requestId=%s",
                               call->request_id);

  json_builder_begin_object (builder);
  _emu_add_string_member (builder, "RequestId", call->request_id);
  _emu_add_string_member (builder, "HostId", FAULT_HOST_ID);
  _emu_add_string_member (builder, "Code", "Forbidden.RAM");
  _emu_add_string_member (builder, "Message",
                          "User not authorized to operate on the specified resource, "
                          "or this API doesn't support RAM.");
  _emu_add_string_member (builder, "Recommend", recommend);
  json_builder_set_member_name (builder, "AccessDeniedDetail");
  json_builder_begin_object (builder);
  _emu_add_string_member (builder, "AuthAction", auth_action);
  _emu_add_string_member (builder, "AuthPrincipalType", "SubUser");
  _emu_add_string_member (builder, "AuthPrincipalDisplayName", "image-share-operator");
  _emu_add_string_member (builder, "AuthPrincipalOwnerId", FAULT_ACCOUNT_ID);
  _emu_add_string_member (builder, "NoPermissionType", "ImplicitDeny");
  _emu_add_string_member (builder, "PolicyType", "AccountLevelIdentityBasedPolicy");
  _emu_add_string_member (builder, "EncodedDiagnosticMessage",
                          "AQEAAAAAZBgxr0U1MjA1NTM1LUM4BBktMzE5RS1CODgxLUU1QTI0RDNFQTM1");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  body = _emu_json_node_to_data (root, &length);
  _emu_call_set_raw (call, 403, JSON_CONTENT_TYPE, body, length);
  _emu_set_str (&call->code, "Forbidden.RAM");
}

/* Sends the status line, headers that promise a longer body and the
 * start of that body, then closes the socket, so the client sees a
 * connection that breaks in the middle of an answer.  libsoup's own
 * attempt to write the answer afterwards fails quietly on the closed
 * socket. */
void
_emu_reset_connection (Call              *call,
                       SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autofree char *partial = NULL;

  partial = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                             "Content-Type: " JSON_CONTENT_TYPE "\r\n"
                             "Content-Length: 4096\r\n"
                             "\r\n"
                             "{\"RequestId\":\"%s\",\"Images\":{\"Image\":[",
                             call->request_id);

  if (socket != NULL)
    {
      g_socket_send (socket, partial, strlen (partial), NULL, NULL);
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
}
