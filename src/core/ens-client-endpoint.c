/* ens-client-endpoint.c
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
#include "ens-error.h"
#include "ens-proxy-resolver.h"

/* Keep-alive connections are dropped after this many idle seconds. */
#define IDLE_TIMEOUT 60

/* Which endpoints are accepted ------------------------------------------ */

GUri *
_ens_client_parse_endpoint (const char  *endpoint,
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

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !ens_proxy_resolver_host_is_loopback (host))
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

  uri = _ens_client_parse_endpoint (endpoint, error);

  return uri != NULL;
}

/* The HTTP session ------------------------------------------------------- */

/*
 * One session per client, keep-alive reused.  The default TLS database
 * stays in place: certificates are always checked (there is deliberately
 * no "accept-certificate" handler).  System and environment proxies are
 * honoured for https, but a request to this computer never goes through a
 * proxy (EnsProxyResolver): plain http is only allowed there, and a proxy
 * would read it, Authorization header included.
 */
SoupSession *
_ens_client_new_session (const char *user_agent,
                         guint       connect_timeout)
{
  g_autoptr(GProxyResolver) proxy_resolver = ens_proxy_resolver_new ();

  return soup_session_new_with_options ("user-agent", user_agent,
                                        "max-conns", 2 * MAX_CONCURRENCY,
                                        "max-conns-per-host", MAX_CONCURRENCY,
                                        "timeout", connect_timeout,
                                        "idle-timeout", IDLE_TIMEOUT,
                                        "proxy-resolver", proxy_resolver,
                                        NULL);
}
