/* ens-proxy-resolver.c
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

#include "ens-proxy-resolver.h"

/*
 * The proxy resolver of the client's HTTP session.  A request to this
 * computer (localhost, 127.0.0.0/8, ::1) always goes direct: plain http is
 * only allowed to loopback, and a proxy in between would see the request,
 * its Authorization header included, in plain text.  Everything else (that
 * is, https to Alibaba Cloud) asks the system's resolver, so that system
 * and environment proxies keep working.
 */

struct _EnsProxyResolver
{
  GObject parent_instance;
};

static void ens_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EnsProxyResolver, ens_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      ens_proxy_resolver_iface_init))

/**
 * ens_proxy_resolver_host_is_loopback:
 * @host: (nullable): a host name or address, IPv6 without brackets
 *
 * Returns: %TRUE for "localhost" and for addresses of this computer
 *   (127.0.0.0/8, ::1)
 */
gboolean
ens_proxy_resolver_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL && ens_proxy_resolver_host_is_loopback (g_uri_get_host (parsed));
}

static char **
direct (void)
{
  char **proxies = g_new0 (char *, 2);

  proxies[0] = g_strdup ("direct://");

  return proxies;
}

static gboolean
ens_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
ens_proxy_resolver_lookup (GProxyResolver  *resolver,
                           const char      *uri,
                           GCancellable    *cancellable,
                           GError         **error)
{
  if (uri_is_loopback (uri))
    return direct ();

  return g_proxy_resolver_lookup (g_proxy_resolver_get_default (), uri, cancellable, error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
ens_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                 const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_set_source_tag (task, ens_proxy_resolver_lookup_async);

  if (uri_is_loopback (uri))
    {
      g_task_return_pointer (task, direct (), (GDestroyNotify) g_strfreev);
      return;
    }

  g_proxy_resolver_lookup_async (g_proxy_resolver_get_default (), uri, cancellable,
                                 lookup_cb, g_steal_pointer (&task));
}

static char **
ens_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ens_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = ens_proxy_resolver_is_supported;
  iface->lookup = ens_proxy_resolver_lookup;
  iface->lookup_async = ens_proxy_resolver_lookup_async;
  iface->lookup_finish = ens_proxy_resolver_lookup_finish;
}

static void
ens_proxy_resolver_class_init (EnsProxyResolverClass *klass)
{
}

static void
ens_proxy_resolver_init (EnsProxyResolver *self)
{
}

/**
 * ens_proxy_resolver_new:
 *
 * Returns: (transfer full): a resolver that answers "direct://" for
 *   loopback hosts and asks g_proxy_resolver_get_default() for the rest
 */
GProxyResolver *
ens_proxy_resolver_new (void)
{
  return g_object_new (ENS_TYPE_PROXY_RESOLVER, NULL);
}
