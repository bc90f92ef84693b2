/* ens-client.c
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
#include "ens-credentials.h"
#include "ens-error.h"
#include "ens-image.h"
#include "ens-request.h"
#include "ens-response.h"
#include "ens-share-plan.h"
#include "ens-signer.h"

#define USER_AGENT "ENS-Image-Share/" PACKAGE_VERSION " (+" PACKAGE_URL ")"

#define DEFAULT_CONNECT_TIMEOUT  10
#define DEFAULT_TIMEOUT          30
#define DEFAULT_MAX_RETRIES      3
#define DEFAULT_RETRY_DELAY      500
#define DEFAULT_BATCH_SIZE       10
#define DEFAULT_CONCURRENCY      4
#define MAX_CONCURRENCY          16
#define MAX_BATCH_SIZE           100
/* Keep-alive connections are dropped after this many idle seconds. */
#define IDLE_TIMEOUT             60
/* Upper bounds for one backoff wait, computed and server-requested. */
#define MAX_BACKOFF_MS           30000
#define MAX_RETRY_AFTER_MS       120000
/* A server that keeps saying "there is more" is not believed forever. */
#define MAX_PAGES                10000
#define READ_CHUNK_SIZE          16384

struct _EnsClient
{
  GObject              parent_instance;

  SoupSession         *session;
  EnsCredentials      *credentials;
  char                *endpoint;
  char                *http_method;
  char                *user_agent;
  EnsSignatureVersion  signature_version;
  guint                connect_timeout;
  guint                timeout;
  guint                max_retries;
  guint                retry_delay;
  guint                batch_size;
  guint                concurrency;
};

G_DEFINE_FINAL_TYPE (EnsClient, ens_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_SIGNATURE_VERSION,
  PROP_HTTP_METHOD,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_MAX_RETRIES,
  PROP_RETRY_DELAY,
  PROP_BATCH_SIZE,
  PROP_CONCURRENCY,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **ptr,
            const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;

  return TRUE;
}

/* Endpoints ------------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static GUri *
parse_endpoint (const char  *endpoint,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (endpoint == NULL || endpoint[0] == '\0')
    {
      g_set_error_literal (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                           _("The service address is empty."));
      return NULL;
    }

  uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_debug ("Endpoint does not parse: %s", local_error->message);
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("“%s” is not a web address. Use an address such as %s."),
                   endpoint, ENS_DEFAULT_ENDPOINT);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);

  if (host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("“%s” is not a web address. Use an address such as %s."),
                   endpoint, ENS_DEFAULT_ENDPOINT);
      return NULL;
    }

  /* The RPC APIs live at "/"; anything else would not be signed right. */
  if ((path[0] != '\0' && g_strcmp0 (path, "/") != 0) ||
      g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, ENS_ERROR, ENS_ERROR_INVALID_INPUT,
                   _("The service address “%s” has more than a host name in it. Use an address such as %s."),
                   endpoint, ENS_DEFAULT_ENDPOINT);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_autofree char *detail = g_strdup_printf ("Plain http to %s refused", host);

      g_propagate_error (error, ens_error_new_transport (ENS_ERROR_INSECURE, detail));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/**
 * ens_client_check_endpoint:
 * @endpoint: a URL such as https://ens.aliyuncs.com
 *
 * Checks an endpoint without changing anything: it must be an https URL,
 * or plain http to this computer (127.0.0.0/8, ::1, localhost), with no
 * path other than "/".  Plain http to another host is %ENS_ERROR_INSECURE.
 *
 * Returns: %TRUE when @endpoint can be used
 */
gboolean
ens_client_check_endpoint (const char  *endpoint,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = parse_endpoint (endpoint, error);

  return uri != NULL;
}

/* GObject ---------------------------------------------------------------- */

static void
ens_client_dispose (GObject *object)
{
  EnsClient *self = (EnsClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ens_client_parent_class)->dispose (object);
}

static void
ens_client_finalize (GObject *object)
{
  EnsClient *self = (EnsClient *)object;

  g_clear_pointer (&self->credentials, ens_credentials_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->http_method, g_free);
  g_clear_pointer (&self->user_agent, g_free);

  G_OBJECT_CLASS (ens_client_parent_class)->finalize (object);
}

static void
ens_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EnsClient *self = ENS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;

    case PROP_SIGNATURE_VERSION:
      g_value_set_int (value, self->signature_version);
      break;

    case PROP_HTTP_METHOD:
      g_value_set_string (value, self->http_method);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;

    case PROP_BATCH_SIZE:
      g_value_set_uint (value, self->batch_size);
      break;

    case PROP_CONCURRENCY:
      g_value_set_uint (value, self->concurrency);
      break;

    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_http_method (EnsClient  *self,
                 const char *method)
{
  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "POST") != 0)
    {
      g_warning ("Unsupported HTTP method “%s”; use GET or POST", method);
      return;
    }

  if (set_string (&self->http_method, method))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_METHOD]);
}

static void
set_uint_property (EnsClient *self,
                   guint     *field,
                   guint      value,
                   int        prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ens_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EnsClient *self = ENS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      /* Stored as given; every request checks it again and refuses an
       * insecure one, so a bad value bound from settings sends nothing. */
      if (set_string (&self->endpoint, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_SIGNATURE_VERSION:
      ens_client_set_signature_version (self, g_value_get_int (value));
      break;

    case PROP_HTTP_METHOD:
      set_http_method (self, g_value_get_string (value));
      break;

    case PROP_CONNECT_TIMEOUT:
      ens_client_set_timeouts (self, g_value_get_uint (value), self->timeout);
      break;

    case PROP_TIMEOUT:
      ens_client_set_timeouts (self, self->connect_timeout, g_value_get_uint (value));
      break;

    case PROP_MAX_RETRIES:
      set_uint_property (self, &self->max_retries, g_value_get_uint (value), PROP_MAX_RETRIES);
      break;

    case PROP_RETRY_DELAY:
      set_uint_property (self, &self->retry_delay, g_value_get_uint (value), PROP_RETRY_DELAY);
      break;

    case PROP_BATCH_SIZE:
      ens_client_set_batch_size (self, g_value_get_uint (value));
      break;

    case PROP_CONCURRENCY:
      ens_client_set_concurrency (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_client_class_init (EnsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ens_client_dispose;
  object_class->finalize = ens_client_finalize;
  object_class->get_property = ens_client_get_property;
  object_class->set_property = ens_client_set_property;

  /**
   * EnsClient:endpoint:
   *
   * The API endpoint, e.g. %ENS_DEFAULT_ENDPOINT.  https for any host,
   * plain http only for this computer.
   */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL,
                         ENS_DEFAULT_ENDPOINT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:signature-version:
   *
   * An #EnsSignatureVersion: 1 or 3.
   */
  properties[PROP_SIGNATURE_VERSION] =
    g_param_spec_int ("signature-version", NULL, NULL,
                      ENS_SIGNATURE_V1, ENS_SIGNATURE_V3, ENS_SIGNATURE_V3,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:http-method:
   *
   * "POST" (parameters in the query, empty body) or "GET".
   */
  properties[PROP_HTTP_METHOD] =
    g_param_spec_string ("http-method", NULL, NULL,
                         "POST",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:connect-timeout:
   *
   * Seconds to wait for a connection or for the socket to make progress.
   */
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       1, 600, DEFAULT_CONNECT_TIMEOUT,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:timeout:
   *
   * Seconds one attempt of a request may take in all.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 3600, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:max-retries:
   *
   * How many times a request that failed for a passing reason is sent again.
   */
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 10, DEFAULT_MAX_RETRIES,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:retry-delay:
   *
   * Milliseconds: the base of the exponential backoff between attempts.
   */
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL,
                       0, 60000, DEFAULT_RETRY_DELAY,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:batch-size:
   *
   * How many accounts one AddAccounts request carries.
   */
  properties[PROP_BATCH_SIZE] =
    g_param_spec_uint ("batch-size", NULL, NULL,
                       1, MAX_BATCH_SIZE, DEFAULT_BATCH_SIZE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:concurrency:
   *
   * How many requests of a plan are in flight at once.
   */
  properties[PROP_CONCURRENCY] =
    g_param_spec_uint ("concurrency", NULL, NULL,
                       1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:user-agent:
   *
   * The User-Agent sent with every request.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         USER_AGENT,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_client_init (EnsClient *self)
{
  self->endpoint = g_strdup (ENS_DEFAULT_ENDPOINT);
  self->http_method = g_strdup ("POST");
  self->user_agent = g_strdup (USER_AGENT);
  self->signature_version = ENS_SIGNATURE_V3;
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->timeout = DEFAULT_TIMEOUT;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->retry_delay = DEFAULT_RETRY_DELAY;
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->concurrency = DEFAULT_CONCURRENCY;

  /* The default proxy resolver and TLS database stay in place: system and
   * environment proxies are honoured and certificates are always checked
   * (there is deliberately no "accept-certificate" handler). */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "max-conns", 2 * MAX_CONCURRENCY,
                                                 "max-conns-per-host", MAX_CONCURRENCY,
                                                 "timeout", self->connect_timeout,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 NULL);
}

/* Accessors -------------------------------------------------------------- */

/**
 * ens_client_new:
 *
 * Returns: (transfer full): a client for %ENS_DEFAULT_ENDPOINT with no
 *   credentials
 */
EnsClient *
ens_client_new (void)
{
  return g_object_new (ENS_TYPE_CLIENT, NULL);
}

/**
 * ens_client_new_like:
 * @client: the client to take the settings from
 *
 * Makes a client configured like @client: the same endpoint, signature
 * version, HTTP method, timeouts, retry policy, batch size and
 * concurrency.  The transport is set up the same way (the default proxy
 * resolver and TLS database).  The new client has no credentials and
 * its own SoupSession, so nothing done with it, such as trying out an
 * AccessKey, reaches @client; later changes to either do not reach the
 * other.
 *
 * Returns: (transfer full): a new client with no credentials
 */
EnsClient *
ens_client_new_like (EnsClient *client)
{
  EnsClient *self;

  g_return_val_if_fail (ENS_IS_CLIENT (client), NULL);

  self = ens_client_new ();

  /* Copied as stored, even when it would not pass the check: every
   * request checks it again, so the copy refuses what the original
   * refuses. */
  set_string (&self->endpoint, client->endpoint);
  set_string (&self->http_method, client->http_method);
  self->signature_version = client->signature_version;
  self->max_retries = client->max_retries;
  self->retry_delay = client->retry_delay;
  self->batch_size = client->batch_size;
  self->concurrency = client->concurrency;
  ens_client_set_timeouts (self, client->connect_timeout, client->timeout);

  return self;
}

const char *
ens_client_get_endpoint (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);

  return self->endpoint;
}

/**
 * ens_client_set_endpoint:
 * @endpoint: a URL (see ens_client_check_endpoint())
 *
 * Returns: %TRUE if @endpoint was accepted; otherwise the endpoint is
 *   left as it was
 */
gboolean
ens_client_set_endpoint (EnsClient   *self,
                         const char  *endpoint,
                         GError     **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ens_client_check_endpoint (endpoint, error))
    return FALSE;

  if (set_string (&self->endpoint, endpoint))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);

  return TRUE;
}

EnsSignatureVersion
ens_client_get_signature_version (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), ENS_SIGNATURE_V3);

  return self->signature_version;
}

void
ens_client_set_signature_version (EnsClient           *self,
                                  EnsSignatureVersion  version)
{
  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (version == ENS_SIGNATURE_V1 || version == ENS_SIGNATURE_V3);

  if (self->signature_version == version)
    return;

  self->signature_version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURE_VERSION]);
}

/**
 * ens_client_set_credentials:
 * @credentials: (nullable): the AccessKey to sign with, or %NULL to forget it
 *
 * The credentials are copied.  Requests already running keep the ones they
 * started with.
 */
void
ens_client_set_credentials (EnsClient            *self,
                            const EnsCredentials *credentials)
{
  g_return_if_fail (ENS_IS_CLIENT (self));

  g_clear_pointer (&self->credentials, ens_credentials_free);
  if (credentials != NULL)
    self->credentials = ens_credentials_copy (credentials);
}

gboolean
ens_client_has_credentials (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), FALSE);

  return self->credentials != NULL;
}

guint
ens_client_get_concurrency (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), DEFAULT_CONCURRENCY);

  return self->concurrency;
}

void
ens_client_set_concurrency (EnsClient *self,
                            guint      concurrency)
{
  g_return_if_fail (ENS_IS_CLIENT (self));

  set_uint_property (self, &self->concurrency,
                     CLAMP (concurrency, 1, MAX_CONCURRENCY),
                     PROP_CONCURRENCY);
}

guint
ens_client_get_batch_size (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), DEFAULT_BATCH_SIZE);

  return self->batch_size;
}

void
ens_client_set_batch_size (EnsClient *self,
                           guint      batch_size)
{
  g_return_if_fail (ENS_IS_CLIENT (self));

  set_uint_property (self, &self->batch_size,
                     CLAMP (batch_size, 1, MAX_BATCH_SIZE),
                     PROP_BATCH_SIZE);
}

/**
 * ens_client_set_timeouts:
 * @connect_timeout: seconds to wait for a connection (and for any socket
 *   progress), at least 1
 * @timeout: seconds a whole attempt may take, at least 1
 */
void
ens_client_set_timeouts (EnsClient *self,
                         guint      connect_timeout,
                         guint      timeout)
{
  g_return_if_fail (ENS_IS_CLIENT (self));

  connect_timeout = MAX (connect_timeout, 1);
  timeout = MAX (timeout, 1);

  if (self->connect_timeout != connect_timeout)
    {
      self->connect_timeout = connect_timeout;
      soup_session_set_timeout (self->session, connect_timeout);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
    }

  set_uint_property (self, &self->timeout, timeout, PROP_TIMEOUT);
}

/* One API call, with retries ---------------------------------------------- */

typedef gpointer (*ParseFunc) (guint        http_status,
                               const char  *content_type,
                               GBytes      *body,
                               GError     **error);

typedef struct
{
  /* Fixed for the whole call */
  EnsRequest          *request;
  ParseFunc            parse;
  GDestroyNotify       result_free;
  EnsCredentials      *credentials;
  GUri                *endpoint;
  char                *method;
  EnsSignatureVersion  version;
  guint                timeout;
  guint                max_retries;
  guint                retry_delay;

  guint                tries;

  /* The current attempt */
  EnsSignedRequest    *signed_request;
  SoupMessage         *message;
  GInputStream        *stream;
  GByteArray          *buffer;
  GCancellable        *attempt_cancellable;
  gulong               cancelled_id;
  GSource             *timeout_source;
  gboolean             timed_out;

  /* The wait before the next attempt */
  GSource             *backoff_source;
  GSource             *backoff_cancel_source;
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
        return (guint)MIN (seconds * 1000, (guint64)MAX_RETRY_AFTER_MS);
    }

  return 0;
}

/* Exponential backoff with "equal jitter": half of the step is fixed, the
 * other half random, so that parallel requests do not retry in lockstep. */
static guint
compute_backoff_ms (guint retry_delay,
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

  if (g_strcmp0 (ens_error_get_api_code (error), "SignatureDoesNotMatch") == 0 &&
      call->signed_request != NULL)
    ens_error_set_client_string_to_sign (error,
                                         ens_signed_request_get_string_to_sign (call->signed_request));

  retry_after_ms = parse_retry_after_ms (response_headers);
  if (retry_after_ms > 0)
    ens_error_set_retry_after_ms (error, retry_after_ms);

  ens_error_set_tries (error, call->tries);

  if (call->tries <= call->max_retries && error_is_retryable (error, http_status))
    {
      guint delay_ms = compute_backoff_ms (call->retry_delay, call->tries);

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

/* Takes @request. */
static void
ens_client_call_async (EnsClient           *self,
                       EnsRequest          *request,
                       ParseFunc            parse,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_call_async);
  /* Report what really happened: a request that was answered just as the
   * caller cancelled still succeeded (the plan records it as done). */
  g_task_set_check_cancellable (task, FALSE);

  call = g_new0 (Call, 1);
  call->request = request;
  call->parse = parse;
  call->result_free = result_free;
  g_task_set_task_data (task, call, call_free);

  if (self->credentials == NULL)
    {
      g_task_return_error (task, ens_error_new_transport (ENS_ERROR_NO_CREDENTIALS, NULL));
      return;
    }

  call->endpoint = parse_endpoint (self->endpoint, &error);
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
  call->max_retries = self->max_retries;
  call->retry_delay = self->retry_delay;

  call_start_attempt (task);
}

static gpointer
ens_client_call_finish (EnsClient     *self,
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

/* Parsers with a common signature */

static gpointer
parse_modify (guint        http_status,
              const char  *content_type,
              GBytes      *body,
              GError     **error)
{
  return ens_response_parse_modify (http_status, content_type, body, error);
}

static gpointer
parse_share_page (guint        http_status,
                  const char  *content_type,
                  GBytes      *body,
                  GError     **error)
{
  return ens_response_parse_share_page (http_status, content_type, body, error);
}

static gpointer
parse_image_page (guint        http_status,
                  const char  *content_type,
                  GBytes      *body,
                  GError     **error)
{
  return ens_response_parse_image_page (http_status, content_type, body, error);
}

/* ModifyImageSharePermission --------------------------------------------- */

static void
modify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint *tries = g_task_get_task_data (task);
  GError *error = NULL;
  char *request_id;

  request_id = ens_client_call_finish (ENS_CLIENT (object), result, tries, &error);
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

  ens_client_call_async (self, request, parse_modify, g_free, cancellable,
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

/* DescribeImageSharePermission ------------------------------------------- */

typedef struct
{
  char      *image_id;
  GPtrArray *accounts;
  guint      page_number;
} SharePager;

static void
share_pager_free (gpointer data)
{
  SharePager *pager = data;

  g_clear_pointer (&pager->image_id, g_free);
  g_clear_pointer (&pager->accounts, g_ptr_array_unref);
  g_free (pager);
}

static void share_pager_next (GTask *task);

static void
share_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SharePager *pager = g_task_get_task_data (task);
  g_autoptr(EnsSharePage) page = NULL;
  GError *error = NULL;
  guint n_page = 0;

  page = ens_client_call_finish (ENS_CLIENT (object), result, NULL, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; page->accounts != NULL && page->accounts[i] != NULL; i++, n_page++)
    g_ptr_array_add (pager->accounts, g_strdup (page->accounts[i]));

  /* Stop when the server says everything was served, but also on an empty
   * page or after MAX_PAGES, so that a server that misstates TotalCount
   * cannot keep us here forever. */
  if (n_page == 0 ||
      (guint64)pager->page_number * ENS_SHARE_PAGE_SIZE_MAX >= page->total_count ||
      pager->accounts->len >= page->total_count ||
      pager->page_number >= MAX_PAGES)
    {
      g_ptr_array_add (pager->accounts, NULL);
      g_task_return_pointer (task,
                             g_ptr_array_free (g_steal_pointer (&pager->accounts), FALSE),
                             (GDestroyNotify)g_strfreev);
      return;
    }

  share_pager_next (task);
}

static void
share_pager_next (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  SharePager *pager = g_task_get_task_data (task);
  GError *error = NULL;
  EnsRequest *request;

  pager->page_number++;
  request = ens_request_new_describe_image_share_permission (pager->image_id,
                                                             pager->page_number,
                                                             ENS_SHARE_PAGE_SIZE_MAX,
                                                             &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ens_client_call_async (self, request, parse_share_page,
                         (GDestroyNotify)ens_share_page_free,
                         g_task_get_cancellable (task),
                         share_page_cb, g_object_ref (task));
}

/**
 * ens_client_describe_image_share_permission_async:
 * @image_id: the image
 *
 * Fetches the accounts @image_id is shared with, every page of them
 * (100 per request).
 */
void
ens_client_describe_image_share_permission_async (EnsClient           *self,
                                                  const char          *image_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SharePager *pager;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_describe_image_share_permission_async);

  pager = g_new0 (SharePager, 1);
  pager->image_id = g_strdup (image_id);
  pager->accounts = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, pager, share_pager_free);

  share_pager_next (task);
}

/**
 * ens_client_describe_image_share_permission_finish:
 *
 * Returns: (transfer full): the account IDs in the order served (an empty
 *   vector when the image is not shared)
 */
GStrv
ens_client_describe_image_share_permission_finish (EnsClient     *self,
                                                   GAsyncResult  *result,
                                                   GError       **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* DescribeImages --------------------------------------------------------- */

typedef struct
{
  char      *image_id;
  char      *image_name;
  GPtrArray *images;
  guint      page_number;
  guint      page_size;
  guint      total_count;
  gboolean   all_pages;
} ImagePager;

static void
image_pager_free (gpointer data)
{
  ImagePager *pager = data;

  g_clear_pointer (&pager->image_id, g_free);
  g_clear_pointer (&pager->image_name, g_free);
  g_clear_pointer (&pager->images, g_ptr_array_unref);
  g_free (pager);
}

static void image_pager_next (GTask *task);

static void
image_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImagePager *pager = g_task_get_task_data (task);
  g_autoptr(EnsImagePage) page = NULL;
  GError *error = NULL;
  guint n_page;

  page = ens_client_call_finish (ENS_CLIENT (object), result, NULL, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n_page = page->images != NULL ? page->images->len : 0;
  for (guint i = 0; i < n_page; i++)
    g_ptr_array_add (pager->images, g_object_ref (g_ptr_array_index (page->images, i)));
  pager->total_count = page->total_count;

  if (!pager->all_pages ||
      n_page == 0 ||
      (guint64)pager->page_number * pager->page_size >= page->total_count ||
      pager->images->len >= page->total_count ||
      pager->page_number >= MAX_PAGES)
    {
      g_task_return_pointer (task, g_steal_pointer (&pager->images),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }

  image_pager_next (task);
}

static void
image_pager_next (GTask *task)
{
  EnsClient *self = g_task_get_source_object (task);
  ImagePager *pager = g_task_get_task_data (task);
  GError *error = NULL;
  EnsRequest *request;

  if (pager->all_pages)
    pager->page_number++;

  request = ens_request_new_describe_images (pager->page_number, pager->page_size,
                                             pager->image_id, pager->image_name,
                                             &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ens_client_call_async (self, request, parse_image_page,
                         (GDestroyNotify)ens_image_page_free,
                         g_task_get_cancellable (task),
                         image_page_cb, g_object_ref (task));
}

/**
 * ens_client_describe_images_async:
 * @page_number: the page to fetch (from 1), or 0 for every page
 * @page_size: images per page, at most 50 (0: 50); ignored for every page
 * @image_id: (nullable): filter by one image ID
 * @image_name: (nullable): filter by name
 */
void
ens_client_describe_images_async (EnsClient           *self,
                                  guint                page_number,
                                  guint                page_size,
                                  const char          *image_id,
                                  const char          *image_name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImagePager *pager;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_describe_images_async);

  pager = g_new0 (ImagePager, 1);
  pager->image_id = g_strdup (image_id);
  pager->image_name = g_strdup (image_name);
  pager->images = g_ptr_array_new_with_free_func (g_object_unref);
  pager->all_pages = page_number == 0;
  pager->page_number = page_number;
  if (pager->all_pages || page_size == 0)
    pager->page_size = ENS_IMAGES_PAGE_SIZE_MAX;
  else
    pager->page_size = MIN (page_size, ENS_IMAGES_PAGE_SIZE_MAX);
  g_task_set_task_data (task, pager, image_pager_free);

  image_pager_next (task);
}

/**
 * ens_client_describe_images_finish:
 * @total_count: (out) (optional): the server's TotalCount
 *
 * Returns: (transfer container) (element-type EnsImage): the images
 */
GPtrArray *
ens_client_describe_images_finish (EnsClient     *self,
                                   GAsyncResult  *result,
                                   guint         *total_count,
                                   GError       **error)
{
  GPtrArray *images;

  g_return_val_if_fail (ENS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  images = g_task_propagate_pointer (G_TASK (result), error);

  if (total_count != NULL)
    {
      ImagePager *pager = g_task_get_task_data (G_TASK (result));

      *total_count = images != NULL ? pager->total_count : 0;
    }

  return images;
}

/* Share plans ------------------------------------------------------------ */

typedef struct
{
  GArray   *positions;   /* of guint: the plan positions this request carries */
  gboolean  is_add;
} PlanJob;

typedef struct
{
  EnsSharePlan *plan;
  GPtrArray    *jobs;      /* of PlanJob */
  guint         next_job;
  guint         in_flight;
  guint         concurrency;
} PlanRun;

static void
plan_job_free (gpointer data)
{
  PlanJob *job = data;

  g_clear_pointer (&job->positions, g_array_unref);
  g_free (job);
}

static void
plan_run_free (gpointer data)
{
  PlanRun *run = data;

  g_clear_object (&run->plan);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_free (run);
}

static PlanJob *
plan_job_new (gboolean is_add)
{
  PlanJob *job = g_new0 (PlanJob, 1);

  job->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  job->is_add = is_add;

  return job;
}

typedef struct
{
  GTask   *task;
  PlanJob *job;   /* owned by the run */
} JobData;

static void plan_run_fill (GTask *task);

static void
plan_finish_if_done (GTask *task)
{
  PlanRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint n = ens_share_plan_get_n_accounts (run->plan);

  if (run->in_flight > 0 || run->next_job < run->jobs->len)
    return;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The operation was cancelled."));
      return;
    }

  /* The first failure in plan order, so the answer does not depend on
   * which request happened to finish first. */
  for (guint i = 0; i < n; i++)
    {
      if (ens_share_plan_get_state (run->plan, i) == ENS_OUTCOME_FAILED)
        {
          const GError *error = ens_share_plan_get_error (run->plan, i);

          if (error != NULL)
            g_task_return_error (task, g_error_copy (error));
          else
            g_task_return_error (task, ens_error_new_transport (ENS_ERROR_FAILED, NULL));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
plan_job_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobData *data = user_data;
  g_autoptr(GTask) task = data->task;
  PlanRun *run = g_task_get_task_data (task);
  PlanJob *job = data->job;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  guint tries = 0;

  g_free (data);

  request_id = ens_client_call_finish (ENS_CLIENT (object), result, &tries, &error);

  /* Requests run to their end even when the plan is cancelled (see
   * plan_start_job()), so this is what the server really did. */
  for (guint i = 0; i < job->positions->len; i++)
    {
      guint position = g_array_index (job->positions, guint, i);

      if (error == NULL)
        ens_share_plan_set_outcome (run->plan, position, ENS_OUTCOME_DONE,
                                    request_id, NULL, tries);
      else
        ens_share_plan_set_outcome (run->plan, position, ENS_OUTCOME_FAILED,
                                    ens_error_get_request_id (error), error, tries);
    }

  run->in_flight--;

  plan_run_fill (task);
  plan_finish_if_done (task);
}

static void
plan_start_job (GTask   *task,
                PlanJob *job)
{
  EnsClient *self = g_task_get_source_object (task);
  PlanRun *run = g_task_get_task_data (task);
  const char *image_id = ens_share_plan_get_image_id (run->plan);
  g_autoptr(GPtrArray) add = NULL;
  const char *remove = NULL;
  EnsRequest *request;
  GError *error = NULL;
  JobData *data;

  if (job->is_add)
    {
      add = g_ptr_array_new ();
      for (guint i = 0; i < job->positions->len; i++)
        g_ptr_array_add (add, (gpointer)ens_share_plan_get_account (run->plan,
                                                                    g_array_index (job->positions, guint, i)));
      g_ptr_array_add (add, NULL);
    }
  else
    {
      remove = ens_share_plan_get_account (run->plan, g_array_index (job->positions, guint, 0));
    }

  request = ens_request_new_modify_image_share_permission (image_id,
                                                           add ? (const char * const *)add->pdata : NULL,
                                                           remove, &error);
  if (request == NULL)
    {
      /* Refused locally: nothing was sent for these accounts. */
      for (guint i = 0; i < job->positions->len; i++)
        ens_share_plan_set_outcome (run->plan, g_array_index (job->positions, guint, i),
                                    ENS_OUTCOME_FAILED, NULL, error, 0);
      g_clear_error (&error);
      return;
    }

  data = g_new0 (JobData, 1);
  data->task = g_object_ref (task);
  data->job = job;

  /* Cancelling a plan stops what has not started; a request already on
   * its way is not abandoned, because the server may carry it out anyway
   * and the plan could then no longer say which accounts changed.  It is
   * bounded by the timeouts, and its outcome is recorded as it is. */
  run->in_flight++;
  ens_client_call_async (self, request, parse_modify, g_free, NULL,
                         plan_job_cb, data);
}

static void
plan_run_fill (GTask *task)
{
  PlanRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    {
      /* What has not started never will. */
      for (; run->next_job < run->jobs->len; run->next_job++)
        {
          PlanJob *job = g_ptr_array_index (run->jobs, run->next_job);

          for (guint i = 0; i < job->positions->len; i++)
            ens_share_plan_set_outcome (run->plan, g_array_index (job->positions, guint, i),
                                        ENS_OUTCOME_NOT_ATTEMPTED, NULL, NULL, 0);
        }
      return;
    }

  while (run->in_flight < run->concurrency && run->next_job < run->jobs->len)
    plan_start_job (task, g_ptr_array_index (run->jobs, run->next_job++));
}

/**
 * ens_client_run_plan_async:
 * @plan: the plan to carry out; its outcomes are updated as requests finish
 *
 * Carries out @plan.  Additions go in batches of #EnsClient:batch-size
 * accounts per request, and every account of a batch gets that request's
 * outcome.  Removals take one request each.  At most
 * #EnsClient:concurrency requests are in flight; as one finishes the next
 * starts.  A failure does not stop the other requests.
 *
 * On cancellation, accounts whose request had not started become
 * %ENS_OUTCOME_NOT_ATTEMPTED.  Requests already in flight run to their
 * end, so their accounts get their real outcome; the plan finishes (with
 * %G_IO_ERROR_CANCELLED) once they have.
 */
void
ens_client_run_plan_async (EnsClient           *self,
                           EnsSharePlan        *plan,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PlanJob *batch = NULL;
  PlanRun *run;
  guint n;

  g_return_if_fail (ENS_IS_CLIENT (self));
  g_return_if_fail (ENS_IS_SHARE_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_client_run_plan_async);

  run = g_new0 (PlanRun, 1);
  run->plan = g_object_ref (plan);
  run->jobs = g_ptr_array_new_with_free_func (plan_job_free);
  run->concurrency = self->concurrency;
  g_task_set_task_data (task, run, plan_run_free);

  n = ens_share_plan_get_n_accounts (plan);
  for (guint i = 0; i < n; i++)
    {
      /* Only pending accounts: a plan can be run again for what is left. */
      if (ens_share_plan_get_state (plan, i) != ENS_OUTCOME_PENDING)
        continue;

      if (ens_share_plan_get_change (plan, i) == ENS_SHARE_CHANGE_ADD)
        {
          if (batch == NULL || batch->positions->len >= self->batch_size)
            {
              batch = plan_job_new (TRUE);
              g_ptr_array_add (run->jobs, batch);
            }
          g_array_append_val (batch->positions, i);
        }
      else
        {
          PlanJob *job = plan_job_new (FALSE);

          g_array_append_val (job->positions, i);
          g_ptr_array_add (run->jobs, job);
        }
    }

  g_debug ("Running a plan for image %s: %u accounts in %u requests",
           ens_share_plan_get_image_id (plan), n, run->jobs->len);

  plan_run_fill (task);
  plan_finish_if_done (task);
}

/**
 * ens_client_run_plan_finish:
 *
 * Returns: %TRUE when every account succeeded; otherwise %FALSE with
 *   %G_IO_ERROR_CANCELLED when cancelled, or a copy of the first failure
 *   in plan order
 */
gboolean
ens_client_run_plan_finish (EnsClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
