/* ens-error.c
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

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ens-error.h"

/*
 * ENS_ERROR is an extended error domain (GLib ≥ 2.68): besides the category
 * in ->code it carries the details of the answer, so that a GError can go
 * through GTask unchanged and the UI can still show the RequestId, the
 * HTTP status and the Recommend link.
 */
typedef struct
{
  char  *api_code;
  char  *api_message;
  char  *request_id;
  char  *host_id;
  char  *recommend;
  char  *detail;
  char  *client_string_to_sign;
  char  *image_id;
  EnsAccessDenied *access_denied;
  guint  http_status;
  guint  tries;
  guint  retry_after_ms;
} EnsErrorPrivate;

static void
ens_error_private_init (EnsErrorPrivate *priv)
{
}

static EnsAccessDenied *
access_denied_copy (const EnsAccessDenied *src)
{
  EnsAccessDenied *dest;

  if (src == NULL)
    return NULL;

  dest = g_new0 (EnsAccessDenied, 1);
  dest->action = g_strdup (src->action);
  dest->owner_id = g_strdup (src->owner_id);
  dest->principal_type = g_strdup (src->principal_type);
  dest->principal_name = g_strdup (src->principal_name);
  dest->no_permission_type = g_strdup (src->no_permission_type);
  dest->policy_type = g_strdup (src->policy_type);
  dest->diagnostic = g_strdup (src->diagnostic);

  return dest;
}

static void
access_denied_free (EnsAccessDenied *access_denied)
{
  g_free (access_denied->action);
  g_free (access_denied->owner_id);
  g_free (access_denied->principal_type);
  g_free (access_denied->principal_name);
  g_free (access_denied->no_permission_type);
  g_free (access_denied->policy_type);
  g_free (access_denied->diagnostic);
  g_free (access_denied);
}

static void
ens_error_private_copy (const EnsErrorPrivate *src,
                        EnsErrorPrivate       *dest)
{
  dest->api_code = g_strdup (src->api_code);
  dest->api_message = g_strdup (src->api_message);
  dest->request_id = g_strdup (src->request_id);
  dest->host_id = g_strdup (src->host_id);
  dest->recommend = g_strdup (src->recommend);
  dest->detail = g_strdup (src->detail);
  dest->client_string_to_sign = g_strdup (src->client_string_to_sign);
  dest->image_id = g_strdup (src->image_id);
  dest->access_denied = access_denied_copy (src->access_denied);
  dest->http_status = src->http_status;
  dest->tries = src->tries;
  dest->retry_after_ms = src->retry_after_ms;
}

static void
ens_error_private_clear (EnsErrorPrivate *priv)
{
  g_clear_pointer (&priv->api_code, g_free);
  g_clear_pointer (&priv->api_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->host_id, g_free);
  g_clear_pointer (&priv->recommend, g_free);
  g_clear_pointer (&priv->detail, g_free);
  g_clear_pointer (&priv->client_string_to_sign, g_free);
  g_clear_pointer (&priv->image_id, g_free);
  g_clear_pointer (&priv->access_denied, access_denied_free);
}

G_DEFINE_EXTENDED_ERROR (EnsError, ens_error)

static EnsErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != ENS_ERROR)
    return NULL;

  return ens_error_get_private (error);
}

/**
 * ens_error_new_api:
 * @http_status: the HTTP status of the answer
 * @api_code: (nullable): the "Code" of the error body
 * @api_message: (nullable): its "Message"
 * @request_id: (nullable): its "RequestId"
 * @host_id: (nullable): its "HostId"
 * @recommend: (nullable): its "Recommend" link
 *
 * Creates an ENS_ERROR whose code is the catalogue category of @api_code
 * and whose message is the translated catalogue title.
 *
 * Returns: (transfer full): a new error
 */
GError *
ens_error_new_api (guint       http_status,
                   const char *api_code,
                   const char *api_message,
                   const char *request_id,
                   const char *host_id,
                   const char *recommend)
{
  const EnsErrorEntry *entry = ens_error_catalogue_lookup_answer (api_code, http_status);
  EnsErrorPrivate *priv;
  GError *error;

  error = g_error_new_literal (ENS_ERROR, entry->category, _(entry->title));
  priv = ens_error_get_private (error);
  priv->http_status = http_status;
  priv->api_code = g_strdup (api_code);
  priv->api_message = g_strdup (api_message);
  priv->request_id = g_strdup (request_id);
  priv->host_id = g_strdup (host_id);
  priv->recommend = g_strdup (recommend);

  return error;
}

/**
 * ens_error_new_transport:
 * @category: an #EnsError category without an API code (network, TLS, …)
 * @detail: (nullable): the technical detail (for the "technical details" section)
 *
 * Returns: (transfer full): a new error whose message is the catalogue title
 */
GError *
ens_error_new_transport (EnsError    category,
                         const char *detail)
{
  GError *error;
  const EnsErrorEntry *entry;

  error = g_error_new_literal (ENS_ERROR, category, "");
  entry = ens_error_catalogue_lookup_error (error);
  g_free (error->message);
  error->message = g_strdup (_(entry->title));
  ens_error_get_private (error)->detail = g_strdup (detail);

  return error;
}

/**
 * ens_error_new_http:
 * @http_status: the HTTP status of the answer
 * @category: an #EnsError category without an API code
 *   (%ENS_ERROR_INVALID_RESPONSE, %ENS_ERROR_SERVER, …)
 * @detail: (nullable): the technical detail
 *
 * Like ens_error_new_transport(), for an answer that arrived but could not
 * be used (an HTML error page, a body that is not JSON, …): the HTTP
 * status is kept.
 *
 * Returns: (transfer full): a new error
 */
GError *
ens_error_new_http (guint       http_status,
                    EnsError    category,
                    const char *detail)
{
  GError *error = ens_error_new_transport (category, detail);

  ens_error_get_private (error)->http_status = http_status;

  return error;
}

/**
 * ens_error_from_gio:
 * @error: an error from GIO, libsoup or GLib's TLS and resolver code
 *
 * Translates a library error at the boundary into ENS_ERROR, keeping the
 * original text as the technical detail.  Cancellation stays
 * %G_IO_ERROR_CANCELLED; an ENS_ERROR is copied unchanged.
 *
 * Returns: (transfer full): the translated error
 */
GError *
ens_error_from_gio (const GError *error)
{
  EnsError category = ENS_ERROR_NETWORK;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == ENS_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Translating %s error %d: %s",
           g_quark_to_string (error->domain), error->code, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    category = ENS_ERROR_DNS;
  else if (error->domain == G_TLS_ERROR)
    category = ENS_ERROR_TLS;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    category = ENS_ERROR_TIMEOUT;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    category = ENS_ERROR_DNS;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    category = ENS_ERROR_INVALID_RESPONSE;

  return ens_error_new_transport (category, error->message);
}

#define DEFINE_STRING_GETTER(field)                            \
const char *                                                   \
ens_error_get_##field (const GError *error)                    \
{                                                              \
  EnsErrorPrivate *priv = get_private (error);                 \
  return priv != NULL ? priv->field : NULL;                    \
}

DEFINE_STRING_GETTER (api_code)
DEFINE_STRING_GETTER (api_message)
DEFINE_STRING_GETTER (request_id)
DEFINE_STRING_GETTER (host_id)
DEFINE_STRING_GETTER (recommend)
DEFINE_STRING_GETTER (detail)
DEFINE_STRING_GETTER (client_string_to_sign)

#undef DEFINE_STRING_GETTER

guint
ens_error_get_http_status (const GError *error)
{
  EnsErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->http_status : 0;
}

guint
ens_error_get_tries (const GError *error)
{
  EnsErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->tries : 0;
}

void
ens_error_set_tries (GError *error,
                     guint   tries)
{
  EnsErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    priv->tries = tries;
}

guint
ens_error_get_retry_after_ms (const GError *error)
{
  EnsErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after_ms : 0;
}

void
ens_error_set_retry_after_ms (GError *error,
                              guint   retry_after_ms)
{
  EnsErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    priv->retry_after_ms = retry_after_ms;
}

void
ens_error_set_client_string_to_sign (GError     *error,
                                     const char *string_to_sign)
{
  EnsErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    {
      g_free (priv->client_string_to_sign);
      priv->client_string_to_sign = g_strdup (string_to_sign);
    }
}

/**
 * ens_error_get_access_denied:
 * @error: an error
 *
 * Returns: (transfer none) (nullable): the AccessDeniedDetail the server
 *   sent with @error (see ens_error_read_access_denied()), or %NULL
 */
const EnsAccessDenied *
ens_error_get_access_denied (const GError *error)
{
  EnsErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->access_denied : NULL;
}

/**
 * ens_error_set_access_denied:
 * @error: an ENS_ERROR
 * @access_denied: (nullable): the details to copy; its action must be set
 */
void
ens_error_set_access_denied (GError                *error,
                             const EnsAccessDenied *access_denied)
{
  EnsErrorPrivate *priv = get_private (error);

  g_return_if_fail (access_denied == NULL || access_denied->action != NULL);

  if (priv != NULL)
    {
      g_clear_pointer (&priv->access_denied, access_denied_free);
      priv->access_denied = access_denied_copy (access_denied);
    }
}

/**
 * ens_error_get_image_id:
 * @error: an error
 *
 * Returns: (nullable): the image the failed request was about, if known
 */
const char *
ens_error_get_image_id (const GError *error)
{
  EnsErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->image_id : NULL;
}

void
ens_error_set_image_id (GError     *error,
                        const char *image_id)
{
  EnsErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    {
      g_free (priv->image_id);
      priv->image_id = g_strdup (image_id);
    }
}
