/* ens-client-call.c
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

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ens-client.h"
#include "ens-client-private.h"
#include "ens-credentials.h"
#include "ens-error.h"
#include "ens-request.h"
#include "ens-response.h"
#include "ens-signer.h"

/* Upper bounds for one backoff wait, computed and server-requested. */
#define MAX_BACKOFF_MS           30000
#define MAX_RETRY_AFTER_MS       120000
#define READ_CHUNK_SIZE          16384

/* One API call, with retries ---------------------------------------------- */

typedef struct
{
  /* Fixed for the whole call */
  EnsRequest          *request;
  EnsClientParseFunc   parse;
  GDestroyNotify       result_free;
  EnsCredentials      *credentials;
  GUri                *endpoint;
  char                *method;
  EnsSignatureVersion  version;
  guint                timeout;
  guint                max_retries;
  guint                retry_delay;

  guint                tries;
  /* Some attempt was sent whole and its answer was lost: the server may
   * have carried it out.  Only a later answer settles it. */
  gboolean             answer_lost;
  gboolean             retryable;   /* the last failure may pass */

  /* The current attempt */
  EnsSignedRequest    *signed_request;
  SoupMessage         *message;
  GInputStream        *stream;
  GByteArray          *buffer;
  GCancellable        *attempt_cancellable;
  gulong               cancelled_id;
  GSource             *timeout_source;
  gboolean             timed_out;
  gboolean             sent;        /* the request went out whole */

  /* The wait before the next attempt */
  GSource             *backoff_source;
  GSource             *backoff_cancel_source;
  EnsClient           *client;   /* counts its calls in flight */
} Call;

static void
call_clear_attempt (Call         *call,
                    GCancellable *cancellable)
{
  if (call->timeout_source != NULL)
    {
      g_source_destroy (call->timeout_source);
      g_clear_pointer (&call->timeout_source, g_source_unref);
    }

  if (call->cancelled_id != 0)
    {
      g_cancellable_disconnect (cancellable, call->cancelled_id);
      call->cancelled_id = 0;
    }

  g_clear_object (&call->attempt_cancellable);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
}

static void
call_clear_backoff (Call *call)
{
  if (call->backoff_source != NULL)
    {
      g_source_destroy (call->backoff_source);
      g_clear_pointer (&call->backoff_source, g_source_unref);
    }

  if (call->backoff_cancel_source != NULL)
    {
      g_source_destroy (call->backoff_cancel_source);
      g_clear_pointer (&call->backoff_cancel_source, g_source_unref);
    }
}

static void
call_free (gpointer data)
{
  Call *call = data;

  /* The task is finishing, so the attempt is over; its cancellable handler
   * was disconnected when the attempt ended. */
  g_assert (call->cancelled_id == 0);
  call_clear_attempt (call, NULL);
  call_clear_backoff (call);

  g_clear_pointer (&call->request, ens_request_unref);
  g_clear_pointer (&call->credentials, ens_credentials_free);
  g_clear_pointer (&call->endpoint, g_uri_unref);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->signed_request, ens_signed_request_unref);
  g_clear_object (&call->message);
  call->client->n_calls--;
  g_object_unref (call->client);
  g_free (call);
}

static const char *
call_get_image_id (Call *call)
{
  const char *image_id = ens_request_get_param (call->request, "ImageId");

  return image_id != NULL ? image_id : "-";
}

static void call_start_attempt (GTask *task);

static void
call_wrote_body_cb (Call *call)
{
  call->sent = TRUE;
}

static void
propagate_cancel_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
call_timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->timeout_source, g_source_unref);
  g_cancellable_cancel (call->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
status_is_retryable (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case 429:  /* Too Many Requests */
    case SOUP_STATUS_INTERNAL_SERVER_ERROR:
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return TRUE;

    default:
      return FALSE;
    }
}

/* Whether sending the same request again later may succeed.  Problems with
 * the key, the signature, the clock, permissions or the parameters never
 * go away by themselves, so those are never retried. */
static gboolean
error_is_retryable (const GError *error,
                    guint         http_status)
{
  if (error->domain != ENS_ERROR)
    return FALSE;

  switch ((EnsError)error->code)
    {
    case ENS_ERROR_INVALID_INPUT:
    case ENS_ERROR_AUTH:
    case ENS_ERROR_SIGNATURE:
    case ENS_ERROR_PERMISSION:
    case ENS_ERROR_TOKEN:
    case ENS_ERROR_CLOCK:
    case ENS_ERROR_INVALID_PARAMETER:
    case ENS_ERROR_NOT_FOUND:
    case ENS_ERROR_DNS:
    case ENS_ERROR_TLS:
    case ENS_ERROR_INSECURE:
    case ENS_ERROR_KEYRING:
    case ENS_ERROR_NO_CREDENTIALS:
    case ENS_ERROR_STORAGE:
      return FALSE;

    case ENS_ERROR_NETWORK:
    case ENS_ERROR_TIMEOUT:
    case ENS_ERROR_THROTTLED:
      return TRUE;

    case ENS_ERROR_FAILED:
    case ENS_ERROR_SERVER:
    case ENS_ERROR_INVALID_RESPONSE:
    default:
      break;
    }

  if (ens_error_get_api_code (error) != NULL && ens_error_is_retryable (error))
    return TRUE;

  return status_is_retryable (http_status);
}

/*
 * Whether a failed attempt that was sent whole leaves its outcome unknown.
 * Only an error that the server itself stated (an API code read from a
 * complete answer) says that nothing was done.  A broken connection, a
 * timeout, an answer cut short or one that cannot be read may come after
 * the server carried the request out.
 */
static gboolean
attempt_answer_is_lost (const GError *error,
                        guint         http_status)
{
  if (error->domain != ENS_ERROR)
    return TRUE;

  if (ens_error_get_api_code (error) != NULL)
    return FALSE;

  /* A gateway that gave up waiting (502, 504) may have passed the request
   * on; a plain 500 or 503 without an API code likewise. */
  if (error->code == ENS_ERROR_NETWORK || error->code == ENS_ERROR_TIMEOUT ||
      error->code == ENS_ERROR_INVALID_RESPONSE || error->code == ENS_ERROR_FAILED ||
      error->code == ENS_ERROR_SERVER)
    return TRUE;

  return http_status == SOUP_STATUS_NONE;
}

/* The pause the server asked for, in milliseconds (0 when it asked for
 * none), as asked: call_attempt_failed() decides whether to honour it. */
static guint
parse_retry_after_ms (SoupMessageHeaders *headers)
{
  const char *names[] = { "x-acs-retry-after", "Retry-After" };

  if (headers == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_one (headers, names[i]);
      g_autofree char *trimmed = NULL;
      guint64 seconds;

      if (value == NULL)
        continue;

      trimmed = g_strstrip (g_strdup (value));
      if (g_ascii_string_to_unsigned (trimmed, 10, 1, G_MAXUINT32, &seconds, NULL))
        return (guint)MIN (seconds * 1000, (guint64)G_MAXUINT);
    }

  return 0;
}

/* Exponential backoff with "equal jitter": half of the step is fixed, the
 * other half random, so that parallel requests do not retry in lockstep.
 * The plan scheduler uses the same steps for the retries it schedules. */
guint
_ens_client_compute_backoff_ms (guint retry_delay,
                                guint tries)
{
  guint64 step = retry_delay;

  for (guint i = 1; i < tries && step < MAX_BACKOFF_MS; i++)
    step *= 2;
  step = MIN (step, (guint64)MAX_BACKOFF_MS);

  if (step < 2)
    return (guint)step;

  return (guint)(step / 2 + g_random_int_range (0, (gint32)(step / 2) + 1));
}

static void
call_backoff_over (GTask    *task,
                   gboolean  cancelled)
{
  Call *call = g_task_get_task_data (task);

  call_clear_backoff (call);

  if (cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("The operation was cancelled."));
  else
    call_start_attempt (task);
}

static gboolean
call_backoff_done_cb (gpointer user_data)
{
  call_backoff_over (G_TASK (user_data), FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
call_backoff_cancelled_cb (GCancellable *cancellable,
                           gpointer      user_data)
{
  call_backoff_over (G_TASK (user_data), TRUE);

  return G_SOURCE_REMOVE;
}

static void
call_schedule_retry (GTask *task,
                     guint  delay_ms)
{
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_assert (call->backoff_source == NULL);

  /* Each source holds a reference on the task; whichever fires first
   * destroys the other, so the task lives until the wait is over. */
  call->backoff_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (call->backoff_source, call_backoff_done_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (call->backoff_source, context);

  if (cancellable != NULL)
    {
      call->backoff_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->backoff_cancel_source,
                             G_SOURCE_FUNC (call_backoff_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->backoff_cancel_source, context);
    }
}

/* Takes @raw_error: a library error or an ENS_ERROR from the parser. */
static void
call_attempt_failed (GTask  *task,
                     GError *raw_error)
{
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) owned_raw = raw_error;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *response_headers = NULL;
  guint http_status = 0;
  guint retry_after_ms;
  gboolean timed_out = call->timed_out;

  call_clear_attempt (call, cancellable);

  if (call->message != NULL)
    {
      http_status = soup_message_get_status (call->message);
      if (http_status != SOUP_STATUS_NONE)
        response_headers = soup_message_get_response_headers (call->message);
    }

  if (g_error_matches (raw_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!timed_out || g_cancellable_is_cancelled (cancellable))
        {
          g_debug ("%s for image %s cancelled after %u tries",
                   ens_request_get_action (call->request), call_get_image_id (call), call->tries);
          g_task_return_error (task, g_steal_pointer (&owned_raw));
          return;
        }

      error = ens_error_new_transport (ENS_ERROR_TIMEOUT, "The whole-request timer fired");
    }
  else if (raw_error->domain == SOUP_SESSION_ERROR &&
           (raw_error->code == SOUP_SESSION_ERROR_PARSING ||
            raw_error->code == SOUP_SESSION_ERROR_ENCODING))
    {
      g_debug ("Unreadable HTTP answer: %s", raw_error->message);
      error = ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE, raw_error->message);
    }
  else if (g_error_matches (raw_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      /* The connection dropped part way through the answer: a network
       * failure (worth a retry), not a bad answer. */
      g_debug ("Connection dropped: %s", raw_error->message);
      error = ens_error_new_transport (ENS_ERROR_NETWORK, raw_error->message);
    }
  else
    {
      error = ens_error_from_gio (raw_error);
    }

  if (call->sent && attempt_answer_is_lost (error, http_status))
    call->answer_lost = TRUE;

  if (g_strcmp0 (ens_error_get_api_code (error), "SignatureDoesNotMatch") == 0 &&
      call->signed_request != NULL)
    ens_error_set_client_string_to_sign (error,
                                         ens_signed_request_get_string_to_sign (call->signed_request));

  /* The image a denied request was about, for the RAM policy to offer. */
  if (ens_error_get_access_denied (error) != NULL)
    ens_error_set_image_id (error, ens_request_get_param (call->request, "ImageId"));

  retry_after_ms = parse_retry_after_ms (response_headers);
  if (retry_after_ms > 0)
    ens_error_set_retry_after_ms (error, retry_after_ms);

  ens_error_set_tries (error, call->tries);

  /* A server that asks for a pause longer than one attempt may take (or
   * than MAX_RETRY_AFTER_MS) is not waited for at all: the error is
   * returned now, with the pause it asked for.  Waiting would break the
   * timeout the person chose (a 30 s timeout once became a 361 s wait),
   * and waiting less than asked would only be refused again and count
   * against the same quota. */
  call->retryable = error_is_retryable (error, http_status);
  if (retry_after_ms > MIN ((guint64)call->timeout * 1000, (guint64)MAX_RETRY_AFTER_MS))
    {
      /* Not for the plan scheduler either (_ens_client_call_was_retryable()). */
      call->retryable = FALSE;
      g_debug ("%s for image %s: the server asked for a pause of %u ms, longer than the "
               "timeout; not retrying", ens_request_get_action (call->request),
               call_get_image_id (call), retry_after_ms);
    }
  else if (call->tries <= call->max_retries && call->retryable)
    {
      guint delay_ms = _ens_client_compute_backoff_ms (call->retry_delay, call->tries);

      delay_ms = MAX (delay_ms, retry_after_ms);

      g_debug ("%s for image %s failed on try %u (HTTP %u, %s); retrying in %u ms",
               ens_request_get_action (call->request), call_get_image_id (call),
               call->tries, http_status,
               ens_error_get_api_code (error) ? ens_error_get_api_code (error) : "no API code",
               delay_ms);
      call_schedule_retry (task, delay_ms);
      return;
    }

  g_debug ("%s for image %s failed after %u tries (HTTP %u, %s)",
           ens_request_get_action (call->request), call_get_image_id (call),
           call->tries, http_status,
           ens_error_get_api_code (error) ? ens_error_get_api_code (error) : "no API code");
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
call_parse_body (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  guint status = soup_message_get_status (call->message);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gpointer result;

  body = g_byte_array_free_to_bytes (g_steal_pointer (&call->buffer));
  result = call->parse (status,
                        soup_message_headers_get_one (headers, "Content-Type"),
                        body, &error);

  if (result == NULL)
    {
      if (error == NULL)
        error = ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE, "The parser returned nothing");
      call_attempt_failed (task, error);
      return;
    }

  call_clear_attempt (call, g_task_get_cancellable (task));

  g_debug ("%s for image %s succeeded after %u tries",
           ens_request_get_action (call->request), call_get_image_id (call), call->tries);
  g_task_return_pointer (task, result, call->result_free);
}

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      call_attempt_failed (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      call_parse_body (task);
      return;
    }

  if (call->buffer->len + g_bytes_get_size (bytes) > ENS_MAX_RESPONSE_SIZE)
    {
      call_attempt_failed (task,
                           ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE,
                                                    "The answer is larger than 1 MiB"));
      return;
    }

  g_byte_array_append (call->buffer,
                       g_bytes_get_data (bytes, NULL),
                       g_bytes_get_size (bytes));

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   call->attempt_cancellable,
                                   call_read_cb, g_steal_pointer (&task));
}

static void
call_send_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      call_attempt_failed (task, error);
      return;
    }

  status = soup_message_get_status (call->message);
  headers = soup_message_get_response_headers (call->message);

  /* Redirects are not followed (SOUP_MESSAGE_NO_REDIRECT): the API never
   * sends one, and following it could lead to plain http. */
  if (status < 200 || SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_autofree char *detail = g_strdup_printf ("Unexpected HTTP status %u", status);

      call_attempt_failed (task, ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE, detail));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > ENS_MAX_RESPONSE_SIZE)
    {
      call_attempt_failed (task,
                           ens_error_new_transport (ENS_ERROR_INVALID_RESPONSE,
                                                    "The answer is larger than 1 MiB"));
      return;
    }

  call->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (call->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   call->attempt_cancellable,
                                   call_read_cb, g_steal_pointer (&task));
}

static void
call_start_attempt (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *nonce = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  call->tries++;
  call->timed_out = FALSE;
  call->sent = FALSE;

  /* Every attempt is signed afresh: a new time, a new nonce. */
  now = g_date_time_new_now_utc ();
  nonce = ens_signer_new_nonce ();

  g_clear_pointer (&call->signed_request, ens_signed_request_unref);
  g_clear_object (&call->message);

  call->signed_request = ens_request_sign (call->request, call->version, call->method,
                                           FALSE, call->endpoint, call->credentials,
                                           now, nonce, &error);
  if (call->signed_request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  call->message = ens_signed_request_to_message (call->signed_request);
  /* NO_REDIRECT: the API never redirects, and following one could lead
   * to plain http.  IDEMPOTENT: libsoup opens a new connection for every
   * POST it does not know to be idempotent, which defeats keep-alive.  All
   * our actions are: the Describe* calls only read, and adding an account
   * that is already shared or removing one that is not succeeds and
   * changes nothing (the retries rely on that too). */
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_IDEMPOTENT);
  g_signal_connect_swapped (call->message, "wrote-body", G_CALLBACK (call_wrote_body_cb), call);

  call->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    call->cancelled_id = g_cancellable_connect (cancellable,
                                                G_CALLBACK (propagate_cancel_cb),
                                                call->attempt_cancellable, NULL);

  call->timeout_source = g_timeout_source_new ((guint)MIN ((guint64)call->timeout * 1000,
                                                           G_MAXUINT));
  g_source_set_callback (call->timeout_source, call_timeout_cb, call, NULL);
  g_source_attach (call->timeout_source, g_task_get_context (task));

  g_debug ("%s for image %s: try %u",
           ens_request_get_action (call->request), call_get_image_id (call), call->tries);

  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT,
                           call->attempt_cancellable,
                           call_send_cb, g_object_ref (task));
}

static void
call_async (EnsClient           *self,
            EnsRequest          *request,
            EnsClientParseFunc   parse,
            GDestroyNotify       result_free,
            gboolean             once,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ens_client_call_async);
  /* Report what really happened: a request that was answered just as the
   * caller cancelled still succeeded (the plan records it as done). */
  g_task_set_check_cancellable (task, FALSE);

  call = g_new0 (Call, 1);
  call->client = g_object_ref (self);
  self->n_calls++;
  call->request = request;
  call->parse = parse;
  call->result_free = result_free;
  g_task_set_task_data (task, call, call_free);

  if (self->credentials == NULL)
    {
      g_task_return_error (task, ens_error_new_transport (ENS_ERROR_NO_CREDENTIALS, NULL));
      return;
    }

  /* STS requests name their own endpoint (see ens_client_get_sts_endpoint_for()). */
  call->endpoint = _ens_client_parse_endpoint (ens_request_get_endpoint (request) != NULL ?
                                               ens_request_get_endpoint (request) :
                                               self->endpoint, &error);
  if (call->endpoint == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A snapshot, so a settings change cannot alter a request half way. */
  call->credentials = ens_credentials_copy (self->credentials);
  call->method = g_strdup (self->http_method);
  call->version = self->signature_version;
  call->timeout = self->timeout;
  call->max_retries = once ? 0 : self->max_retries;
  call->retry_delay = self->retry_delay;

  call_start_attempt (task);
}

/* Takes @request.  A snapshot of the client's settings is taken, so that a
 * settings change cannot alter a request half way. */
void
_ens_client_call_async (EnsClient           *self,
                        EnsRequest          *request,
                        EnsClientParseFunc   parse,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  call_async (self, request, parse, result_free, FALSE, cancellable, callback, user_data);
}

/* Like _ens_client_call_async() but one attempt only: the plan scheduler
 * decides about retries itself, so that it can pace them and stop them
 * when cancelled.  _ens_client_call_was_retryable() then says whether the
 * failure may pass. */
void
_ens_client_call_once_async (EnsClient           *self,
                             EnsRequest          *request,
                             EnsClientParseFunc   parse,
                             GDestroyNotify       result_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  call_async (self, request, parse, result_free, TRUE, cancellable, callback, user_data);
}

gboolean
_ens_client_call_was_retryable (GAsyncResult *result)
{
  Call *call = g_task_get_task_data (G_TASK (result));

  g_assert (g_task_get_source_tag (G_TASK (result)) == _ens_client_call_async);

  return call->retryable;
}

gpointer
_ens_client_call_finish (EnsClient     *self,
                         GAsyncResult  *result,
                         guint         *tries,
                         GError       **error)
{
  Call *call = g_task_get_task_data (G_TASK (result));

  g_assert (g_task_is_valid (result, self));

  if (tries != NULL)
    *tries = call->tries;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* After a failed call: whether the server may have carried it out anyway
 * (an attempt was sent whole and its answer was lost). */
gboolean
_ens_client_call_get_answer_lost (EnsClient    *self,
                                  GAsyncResult *result)
{
  Call *call = g_task_get_task_data (G_TASK (result));

  g_assert (g_task_is_valid (result, self));

  return call->answer_lost;
}

/* ModifyImageSharePermission --------------------------------------------- */

gpointer
_ens_client_parse_modify (guint        http_status,
                          const char  *content_type,
                          GBytes      *body,
                          GError     **error)
{
  return ens_response_parse_modify (http_status, content_type, body, error);
}

static void
modify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint *tries = g_task_get_task_data (task);
  GError *error = NULL;
  char *request_id;

  request_id = _ens_client_call_finish (ENS_CLIENT (object), result, tries, &error);
  if (request_id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, request_id, g_free);
}

/**
 * ens_client_modify_image_share_permission_async:
 * @image_id: the image
 * @add_accounts: (nullable) (array zero-terminated=1): accounts to share with
 * @remove_account: (nullable): one account to stop sharing with
 *
 * Sends one ModifyImageSharePermission request, retrying passing failures.
 */
void
ens_client_modify_image_share_permission_async (EnsClient           *self,
                                                const char          *image_id,
                                                const char * const  *add_accounts,
                                                const char          *remove_account,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  EnsRequest *request;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_modify_image_share_permission_async);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);

  request = ens_request_new_modify_image_share_permission (image_id, add_accounts,
                                                           remove_account, &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _ens_client_call_async (self, request, _ens_client_parse_modify, g_free, cancellable,
                          modify_cb, g_steal_pointer (&task));
}

/**
 * ens_client_modify_image_share_permission_finish:
 * @tries: (out) (optional): how many attempts were made
 *
 * Returns: (transfer full): the RequestId, or %NULL with @error set (the
 *   error carries the tries too, see ens_error_get_tries())
 */
char *
ens_client_modify_image_share_permission_finish (EnsClient     *self,
                                                 GAsyncResult  *result,
                                                 guint         *tries,
                                                 GError       **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (tries != NULL)
    *tries = *(guint *)g_task_get_task_data (G_TASK (result));

  return g_task_propagate_pointer (G_TASK (result), error);
}
