/* test-proxy.c
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
 * Plain http to this computer never goes through a proxy, even when the
 * environment names one (http_proxy, all_proxy, …): the proxy would read
 * the request, its Authorization header included.  https may still use
 * the system's proxy.
 *
 * The "proxy" is a loopback socket that counts every connection made to
 * it.  The environment is set in main(), before GIO builds its default
 * proxy resolver (libproxy reads these variables; GNOME's resolver reads
 * GSettings, so XDG_CURRENT_DESKTOP is unset to keep it out of the way).
 */

#include "config.h"

#include <gio/gio.h>

#include "ens-client.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-proxy-resolver.h"
#include "ens-test-utils.h"

#define KEY_ID     "LTAI5tProxyProxyProxy001"
#define KEY_SECRET "ProxySecretProxySecretProxySe"
#define IMAGE_ID   "m-5s7qotzavwbrnzaqh4uproxy1"

static GSocketService *proxy;
static char *proxy_url;
static guint proxy_connections;

static gboolean
proxy_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  proxy_connections++;
  g_test_message ("the proxy was asked for a connection");
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
start_proxy (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  proxy = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy, "incoming", G_CALLBACK (proxy_incoming_cb), NULL);

  proxy_url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

/* Whether GIO's own resolver would send @uri through our proxy: the tests
 * below prove something only when it would. */
static gboolean
system_would_proxy (const char *uri)
{
  g_auto(GStrv) proxies = g_proxy_resolver_lookup (g_proxy_resolver_get_default (),
                                                   uri, NULL, NULL);

  return proxies != NULL && g_strcmp0 (proxies[0], proxy_url) == 0;
}

static void
test_resolver (void)
{
  static const char * const loopback[] = {
    "http://127.0.0.1:8080/", "http://127.1.2.3/", "http://localhost:1/",
    "http://LOCALHOST/", "http://[::1]:8080/", "https://127.0.0.1:4443/",
  };
  g_autoptr(GProxyResolver) resolver = ens_proxy_resolver_new ();

  g_assert_true (g_proxy_resolver_is_supported (resolver));

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_auto(GStrv) proxies = NULL;
      g_auto(GStrv) async_proxies = NULL;
      g_autoptr(GError) error = NULL;

      proxies = g_proxy_resolver_lookup (resolver, loopback[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstrv (proxies, ((const char * const []) { "direct://", NULL }));

      g_proxy_resolver_lookup_async (resolver, loopback[i], NULL, ens_test_store_result_cb, &result);
      async_proxies = g_proxy_resolver_lookup_finish (resolver, ens_test_wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpstrv (async_proxies, ((const char * const []) { "direct://", NULL }));
    }

  /* Anything else is the system's answer: https may use its proxy. */
  if (!system_would_proxy ("https://ens.aliyuncs.com/"))
    {
      g_test_skip ("GIO's proxy resolver does not read the environment here");
      return;
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, "https://ens.aliyuncs.com/", NULL, NULL);
    g_auto(GStrv) async_proxies = NULL;

    g_assert_cmpstr (proxies[0], ==, proxy_url);
    g_proxy_resolver_lookup_async (resolver, "https://ens.aliyuncs.com/", NULL,
                                   ens_test_store_result_cb, &result);
    async_proxies = g_proxy_resolver_lookup_finish (resolver, ens_test_wait_for (&result), NULL);
    g_assert_cmpstr (async_proxies[0], ==, proxy_url);
  }
}

static void
test_loopback_call (void)
{
  g_autoptr(EnsEmulator) emulator = ens_emulator_new ();
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (KEY_ID, KEY_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *probe = NULL;
  g_auto(GStrv) shares = NULL;

  ens_emulator_add_key (emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_image (emulator, IMAGE_ID, "proxy-image", "self", "Ubuntu",
                          "2024-01-01T00:00:00Z");
  g_assert_true (ens_emulator_listen (emulator, 0, &error));
  g_assert_no_error (error);
  url = ens_emulator_dup_url (emulator);

  /* Without our resolver this very request would go to the proxy. */
  probe = g_strconcat (url, "/", NULL);
  if (!system_would_proxy (probe))
    {
      g_test_skip ("GIO's proxy resolver does not read the environment here");
      ens_emulator_stop (emulator);
      return;
    }

  g_assert_true (ens_client_set_endpoint (client, url, &error));
  ens_client_set_credentials (client, credentials);
  ens_client_set_timeouts (client, 2, 2);

  proxy_connections = 0;
  ens_client_describe_image_share_permission_async (client, IMAGE_ID, NULL,
                                                    ens_test_store_result_cb, &result);
  shares = ens_client_describe_image_share_permission_finish (client, ens_test_wait_for (&result),
                                                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (shares);
  g_assert_cmpuint (ens_emulator_get_request_count (emulator), ==, 1);
  g_assert_cmpuint (proxy_connections, ==, 0);

  ens_emulator_stop (emulator);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const variables[] = {
    "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
  };
  int ret;

  g_test_init (&argc, &argv, NULL);

  start_proxy ();
  g_unsetenv ("XDG_CURRENT_DESKTOP");
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    g_setenv (variables[i], proxy_url, TRUE);
  g_socket_service_start (proxy);

  g_test_add_func ("/proxy/resolver", test_resolver);
  g_test_add_func ("/proxy/loopback-call", test_loopback_call);

  ret = g_test_run ();

  g_socket_service_stop (proxy);
  g_clear_object (&proxy);
  g_free (proxy_url);

  return ret;
}
