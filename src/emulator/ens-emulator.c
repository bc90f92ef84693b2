/* ens-emulator.c
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
 * A local stand-in for the Alibaba Cloud ENS gateway (reference §1–§4).
 *
 * It serves ModifyImageSharePermission, DescribeImageSharePermission and
 * DescribeImages (API version 2017-11-10) on "/", verifies V1 and V3
 * signatures by recomputing them with the app's own ens_signer_*
 * functions, keeps share state in memory, answers errors the way the
 * gateway does (JSON with RequestId, HostId, Code, Message, Recommend) and
 * can inject latency, throttling, server failures and broken answers.
 *
 * Everything runs in the main context that was the thread default when
 * ens_emulator_listen() was called; latency never blocks it: a delayed
 * answer is a paused SoupServerMessage unpaused from a timeout.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "ens-emulator.h"
#include "ens-emulator-private.h"

/* A message that is answered later (latency) or never (stall). */
typedef struct
{
  EnsEmulator       *self;      /* borrowed: stop() and dispose() drop all */
  SoupServerMessage *msg;
  guint              source_id;
  gulong             disconnected_id;
} Pending;

G_DEFINE_FINAL_TYPE (EnsEmulator, ens_emulator, G_TYPE_OBJECT)

/* Pending messages */

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source_id, g_source_remove);
  g_clear_signal_handler (&pending->disconnected_id, pending->msg);
  g_clear_object (&pending->msg);
  g_free (pending);
}

static gboolean
pending_timeout_cb (gpointer user_data)
{
  Pending *pending = user_data;

  pending->source_id = 0;
  soup_server_message_unpause (pending->msg);
  g_hash_table_remove (pending->self->pending, pending);

  return G_SOURCE_REMOVE;
}

static void
pending_disconnected_cb (SoupServerMessage *msg,
                         Pending           *pending)
{
  g_hash_table_remove (pending->self->pending, pending);
}

/* Pauses @msg; with @delay_ms > 0 it is answered after that delay, with 0
 * never (until the client gives up or the emulator stops). */
static void
hold_message (EnsEmulator       *self,
              SoupServerMessage *msg,
              guint              delay_ms)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  pending->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (pending_disconnected_cb),
                                               pending);
  if (delay_ms > 0)
    pending->source_id = g_timeout_add (delay_ms, pending_timeout_cb, pending);

  g_hash_table_add (self->pending, pending);
}

/* The handler */

static void
respond (EnsEmulator       *self,
         SoupServerMessage *msg,
         Call              *call)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "x-acs-request-id", call->request_id);
  if (call->code != NULL && g_str_has_prefix (call->code, "Throttling") && self->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after);

      soup_message_headers_replace (headers, "x-acs-retry-after", seconds);
    }

  soup_server_message_set_status (msg, call->status, NULL);
  soup_server_message_set_response (msg, call->content_type, SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&call->response), call->response_len);
  call->response_len = 0;
}

static guint
bucket_size (guint max_qps)
{
  return MAX (1, max_qps / 5);
}

/* The gateway's flow control as a token bucket: max_qps tokens a second,
 * at most a fifth of a second's worth saved up (a small burst).  A request
 * that finds no token is throttled. */
static gboolean
take_token (EnsEmulator *self)
{
  gint64 now = g_get_monotonic_time ();

  self->tokens = MIN ((double) bucket_size (self->max_qps),
                      self->tokens + (now - self->tokens_updated) * self->max_qps / (double) G_USEC_PER_SEC);
  self->tokens_updated = now;

  if (self->tokens < 1.0)
    return FALSE;

  self->tokens -= 1.0;
  return TRUE;
}

/* The answer without an injected fault: the n-th request is throttled or
 * failed when the emulator is told so, or over the rate limit, or else
 * really processed.  Shared by the server and ens_emulator_handle_raw(). */
static void
answer_call (EnsEmulator        *self,
             guint               n,
             const char         *path,
             SoupMessageHeaders *headers,
             Call               *call)
{
  if ((self->throttle_every > 0 && n % self->throttle_every == 0) ||
      (self->max_qps > 0 && !take_token (self)))
    {
      self->throttled_count++;
      _emu_call_error (call, 400, "Throttling.User", "Request was denied due to user flow control.");
    }
  else if (self->fail_every > 0 && n > self->fault_skip && n % self->fail_every == 0)
    {
      if (self->fail_status == 503)
        _emu_call_error (call, 503, "ServiceUnavailable",
                         "The request has failed due to a temporary failure of the server.");
      else
        _emu_call_error (call, 500, "InternalError",
                         "The request processing has failed due to some unknown error, "
                         "exception or failure.");
    }
  else
    _emu_process_call (self, path, headers, call);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  EnsEmulator *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(Call) call = NULL;
  EnsEmulatorFault fault;
  guint n;

  n = ++self->request_count;
  /* The URI keeps the query as it came on the wire (SOUP_HTTP_URI_FLAGS
   * includes G_URI_FLAGS_ENCODED_QUERY), so it is decoded only in
   * call_parse(). */
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  call = _emu_call_parse (soup_server_message_get_method (msg), g_uri_get_query (uri),
                          headers, body);
  fault = n > self->fault_skip ? _emu_take_fault (self) : ENS_EMULATOR_FAULT_NONE;
  call->fault = _emu_fault_to_string (fault);

  switch (fault)
    {
    case ENS_EMULATOR_FAULT_STALL:
      _emu_write_log (self, call);
      hold_message (self, msg, 0);
      return;

    case ENS_EMULATOR_FAULT_APPLY_RESET:
      /* The change is made, then the answer is lost. */
      _emu_process_call (self, g_uri_get_path (uri), headers, call);
      G_GNUC_FALLTHROUGH;

    case ENS_EMULATOR_FAULT_RESET:
      _emu_write_log (self, call);
      _emu_reset_connection (call, msg);
      /* Something valid for libsoup to (fail to) write. */
      soup_server_message_set_status (msg, 200, NULL);
      return;

    case ENS_EMULATOR_FAULT_MALFORMED_JSON:
      _emu_fake_malformed_json (call);
      break;

    case ENS_EMULATOR_FAULT_HTML_ERROR:
      _emu_fake_html_error (call);
      break;

    case ENS_EMULATOR_FAULT_OVERSIZED:
      _emu_fake_oversized (call);
      break;

    case ENS_EMULATOR_FAULT_EMPTY_BODY:
      _emu_call_set_raw (call, 200, JSON_CONTENT_TYPE, NULL, 0);
      break;

    case ENS_EMULATOR_FAULT_ACCESS_DENIED:
      _emu_fake_access_denied (call);
      break;

    case ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE:
      _emu_process_call (self, g_uri_get_path (uri), headers, call);
      call->content_type = "text/plain;charset=utf-8";
      break;

    case ENS_EMULATOR_FAULT_NONE:
    default:
      answer_call (self, n, g_uri_get_path (uri), headers, call);
      break;
    }

  respond (self, msg, call);
  _emu_write_log (self, call);

  if (self->latency_ms > 0 || self->latency_jitter_ms > 0)
    {
      guint delay = self->latency_ms;

      if (self->latency_jitter_ms > 0)
        delay += (guint) g_random_int_range (0, (gint32) self->latency_jitter_ms + 1);
      if (delay > 0)
        hold_message (self, msg, delay);
    }
}

/* GObject */

static void
ens_emulator_dispose (GObject *object)
{
  EnsEmulator *self = (EnsEmulator *) object;

  ens_emulator_stop (self);
  g_clear_object (&self->server);
  if (self->log != NULL)
    g_output_stream_close (self->log, NULL, NULL);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (ens_emulator_parent_class)->dispose (object);
}

static void
ens_emulator_finalize (GObject *object)
{
  EnsEmulator *self = (EnsEmulator *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  g_clear_pointer (&self->image_order, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);

  G_OBJECT_CLASS (ens_emulator_parent_class)->finalize (object);
}

static void
ens_emulator_class_init (EnsEmulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_emulator_dispose;
  object_class->finalize = ens_emulator_finalize;
}

static void
ens_emulator_init (EnsEmulator *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) _emu_key_free);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) _emu_image_free);
  self->image_order = g_ptr_array_new ();
  self->pending = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                         (GDestroyNotify) pending_free, NULL);
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fail_status = 500;
}

/* Public API */

/**
 * ens_emulator_new:
 *
 * Creates an emulator with no keys and no images.  Call
 * ens_emulator_listen() to start serving.
 *
 * Returns: (transfer full): a new #EnsEmulator
 */
EnsEmulator *
ens_emulator_new (void)
{
  return g_object_new (ENS_TYPE_EMULATOR, NULL);
}

/**
 * ens_emulator_listen:
 * @port: the TCP port, or 0 for any free one
 * @error: return location for a #GError
 *
 * Starts serving on 127.0.0.1 (never on other interfaces) in the
 * thread-default main context.
 *
 * Returns: %TRUE on success
 */
gboolean
ens_emulator_listen (EnsEmulator  *self,
                     guint         port,
                     GError      **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSList) listeners = NULL;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->port == 0, FALSE);

  if (self->server == NULL)
    {
      self->server = soup_server_new ("server-header", "ens-emulator ", NULL);
      soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
    }

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  /* The port comes from the listening socket itself: soup_server_get_uris()
   * leaks a socket address in libsoup 3.2. */
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    local = g_socket_get_local_address (listeners->data, error);
  if (local == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The emulator is not listening");
      soup_server_disconnect (self->server);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  g_debug ("ENS emulator listening on port %u", self->port);

  return TRUE;
}

/**
 * ens_emulator_dup_url:
 *
 * Returns: (transfer full) (nullable): "http://127.0.0.1:PORT", or %NULL
 *   when not listening
 */
char *
ens_emulator_dup_url (EnsEmulator *self)
{
  g_return_val_if_fail (ENS_IS_EMULATOR (self), NULL);

  if (self->port == 0)
    return NULL;

  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

/**
 * ens_emulator_stop:
 *
 * Stops listening and closes every connection, including stalled and
 * delayed ones.  ens_emulator_listen() may be called again afterwards.
 */
void
ens_emulator_stop (EnsEmulator *self)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  g_hash_table_remove_all (self->pending);

  if (self->server != NULL)
    soup_server_disconnect (self->server);

  self->port = 0;
}

/**
 * ens_emulator_get_request_count:
 *
 * Returns: how many requests arrived so far, faulted ones included
 */
guint
ens_emulator_get_request_count (EnsEmulator *self)
{
  g_return_val_if_fail (ENS_IS_EMULATOR (self), 0);

  return self->request_count;
}

/**
 * ens_emulator_set_latency:
 * @milliseconds: delay before each answer; 0 for none
 *
 * The delay never blocks: answers to concurrent requests overlap.
 */
void
ens_emulator_set_latency (EnsEmulator *self,
                          guint        milliseconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->latency_ms = milliseconds;
}

/**
 * ens_emulator_set_latency_jitter:
 * @milliseconds: each answer waits a random 0 to @milliseconds more than
 *   the latency; 0 for none
 */
void
ens_emulator_set_latency_jitter (EnsEmulator *self,
                                 guint        milliseconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->latency_jitter_ms = milliseconds;
}

/**
 * ens_emulator_set_max_qps:
 * @max_qps: requests per second accepted; 0 for no limit
 *
 * Limits the rate as the gateway's per-account flow control does: a token
 * bucket refilled at @max_qps tokens a second that holds at most
 * max(1, @max_qps / 5) (a small burst).  A request that arrives to an
 * empty bucket is answered 400 Throttling.User, with x-acs-retry-after
 * when ens_emulator_set_retry_after() is set, and changes nothing.  May be
 * changed while requests run: the bucket keeps its tokens, up to the new
 * size.
 */
void
ens_emulator_set_max_qps (EnsEmulator *self,
                          guint        max_qps)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  if (self->max_qps == 0)
    self->tokens = bucket_size (max_qps);
  self->tokens = MIN (self->tokens, (double) bucket_size (max_qps));
  self->tokens_updated = g_get_monotonic_time ();
  self->max_qps = max_qps;
}

guint
ens_emulator_get_max_qps (EnsEmulator *self)
{
  g_return_val_if_fail (ENS_IS_EMULATOR (self), 0);

  return self->max_qps;
}

/**
 * ens_emulator_get_throttled_count:
 *
 * Returns: how many requests were answered Throttling.User so far (by
 *   ens_emulator_set_max_qps() or ens_emulator_set_throttle_every())
 */
guint
ens_emulator_get_throttled_count (EnsEmulator *self)
{
  g_return_val_if_fail (ENS_IS_EMULATOR (self), 0);

  return self->throttled_count;
}

/**
 * ens_emulator_set_throttle_every:
 * @n: answer every @n-th request (by request count) with 400
 *   Throttling.User; 0 turns it off
 */
void
ens_emulator_set_throttle_every (EnsEmulator *self,
                                 guint        n)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->throttle_every = n;
}

/**
 * ens_emulator_set_fail_every:
 * @n: fail every @n-th request (by request count); 0 turns it off
 * @status: 500 (InternalError) or 503 (ServiceUnavailable)
 */
void
ens_emulator_set_fail_every (EnsEmulator *self,
                             guint        n,
                             guint        status)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (status == 500 || status == 503);

  self->fail_every = n;
  self->fail_status = status;
}

/**
 * ens_emulator_set_fault:
 * @fault: the fault to inject
 * @count: how many of the next requests get it; 0 for all of them
 *
 * Faults replace the answer before any check, so they change no state;
 * only %ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE processes the request and
 * mislabels the real answer, and %ENS_EMULATOR_FAULT_APPLY_RESET
 * processes it and then breaks the connection instead of answering.
 */
void
ens_emulator_set_fault (EnsEmulator      *self,
                        EnsEmulatorFault  fault,
                        guint             count)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));
  g_return_if_fail (fault <= ENS_EMULATOR_FAULT_ACCESS_DENIED);

  self->fault = fault;
  self->fault_remaining = fault == ENS_EMULATOR_FAULT_NONE ? 0 : count;
}

/**
 * ens_emulator_set_fault_skip:
 * @n: how many requests are answered normally before the fault (or
 *   ens_emulator_set_fail_every()) starts, counted from the first
 *
 * Lets a client read what it needs first (e.g. the share list it
 * previews a change against) before the change's answers break.
 */
void
ens_emulator_set_fault_skip (EnsEmulator *self,
                             guint        n)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->fault_skip = n;
}

/**
 * ens_emulator_set_retry_after:
 * @seconds: the x-acs-retry-after value sent with throttling answers; 0
 *   for none
 */
void
ens_emulator_set_retry_after (EnsEmulator *self,
                              guint        seconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->retry_after = seconds;
}

/**
 * ens_emulator_set_clock_offset:
 * @seconds: how far the emulator's clock runs ahead (negative: behind)
 */
void
ens_emulator_set_clock_offset (EnsEmulator *self,
                               gint64       seconds)
{
  g_return_if_fail (ENS_IS_EMULATOR (self));

  self->clock_offset = seconds;
}

/**
 * ens_emulator_handle_raw:
 * @method: the HTTP method, e.g. "POST"
 * @raw_query: (nullable): the query string exactly as it would come on
 *   the wire, still percent-encoded, without the '?'
 * @headers: (nullable): the request headers (Authorization, x-acs-*, …)
 * @body: (nullable): the request body
 * @response_body: (out) (optional): the answer's body
 *
 * Answers one request to the path "/" without any socket: the same
 * parsing, signature checks and actions as the server (and the same
 * throttling and failure settings), but no injected fault and no
 * latency.  It counts as a request and is written to the log.  Meant for
 * the fuzz harness and tests.
 *
 * Returns: the HTTP status of the answer
 */
guint
ens_emulator_handle_raw (EnsEmulator         *self,
                         const char          *method,
                         const char          *raw_query,
                         SoupMessageHeaders  *headers,
                         GBytes              *body,
                         GBytes             **response_body)
{
  g_autoptr(SoupMessageHeaders) empty = NULL;
  g_autoptr(Call) call = NULL;
  guint n;

  g_return_val_if_fail (ENS_IS_EMULATOR (self), 0);
  g_return_val_if_fail (method != NULL, 0);

  if (headers == NULL)
    headers = empty = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

  n = ++self->request_count;
  call = _emu_call_parse (method, raw_query, headers, body);
  answer_call (self, n, "/", headers, call);
  _emu_write_log (self, call);

  if (response_body != NULL)
    {
      *response_body = g_bytes_new_take (g_steal_pointer (&call->response), call->response_len);
      call->response_len = 0;
    }

  return call->status;
}
