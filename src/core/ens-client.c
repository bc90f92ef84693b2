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

#include <libsoup/soup.h>

#include "ens-client.h"
#include "ens-client-private.h"
#include "ens-credentials.h"

#define USER_AGENT "ENS-Image-Share/" PACKAGE_VERSION " (+" PACKAGE_URL ")"

#define DEFAULT_CONNECT_TIMEOUT  10
#define DEFAULT_TIMEOUT          30
#define DEFAULT_MAX_RETRIES      3
#define DEFAULT_RETRY_DELAY      500
#define DEFAULT_BATCH_SIZE       10
#define DEFAULT_CONCURRENCY      4
#define MAX_BATCH_SIZE           100

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
  PROP_ADAPT_CONCURRENCY,
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
  g_clear_object (&self->caller_identity);
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

    case PROP_ADAPT_CONCURRENCY:
      g_value_set_boolean (value, self->adapt_concurrency);
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

    case PROP_ADAPT_CONCURRENCY:
      ens_client_set_adapt_concurrency (self, g_value_get_boolean (value));
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
   * How many requests of a plan are in flight at once: where a plan starts
   * when #EnsClient:adapt-concurrency is on, the fixed number when off.
   */
  properties[PROP_CONCURRENCY] =
    g_param_spec_uint ("concurrency", NULL, NULL,
                       1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * EnsClient:adapt-concurrency:
   *
   * Whether a plan adapts to the server: from #EnsClient:concurrency it
   * sends more while answers come back fast and without throttling (up to
   * 16 requests in flight), and slows down when throttled, so that
   * throttled requests are retried rather than reported as failed.  Off,
   * #EnsClient:concurrency requests are in flight and throttled requests
   * are retried like other passing failures.
   */
  properties[PROP_ADAPT_CONCURRENCY] =
    g_param_spec_boolean ("adapt-concurrency", NULL, NULL,
                          TRUE,
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
  self->adapt_concurrency = TRUE;

  self->session = _ens_client_new_session (self->user_agent, self->connect_timeout);
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
 * version, HTTP method, timeouts, retry policy, batch size,
 * concurrency and whether it adapts.  The transport is set up the same way (the default proxy
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
  self->adapt_concurrency = client->adapt_concurrency;
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
  /* Another key may belong to another account or user. */
  self->credentials_serial++;
  g_clear_object (&self->caller_identity);
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

gboolean
ens_client_get_adapt_concurrency (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), TRUE);

  return self->adapt_concurrency;
}

void
ens_client_set_adapt_concurrency (EnsClient *self,
                                  gboolean   adapt)
{
  g_return_if_fail (ENS_IS_CLIENT (self));

  adapt = !!adapt;
  if (self->adapt_concurrency == adapt)
    return;

  self->adapt_concurrency = adapt;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADAPT_CONCURRENCY]);
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

/**
 * ens_client_get_n_calls:
 *
 * Returns: how many requests have not finished yet (sent, waiting for an
 *   answer or for their next try); for letting them end before exiting
 */
guint
ens_client_get_n_calls (EnsClient *self)
{
  g_return_val_if_fail (ENS_IS_CLIENT (self), 0);

  return self->n_calls;
}
