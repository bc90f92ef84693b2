/* ens-proxy-resolver.h
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

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ENS_TYPE_PROXY_RESOLVER (ens_proxy_resolver_get_type ())

G_DECLARE_FINAL_TYPE (EnsProxyResolver, ens_proxy_resolver, ENS, PROXY_RESOLVER, GObject)

GProxyResolver *ens_proxy_resolver_new          (void);
gboolean        ens_proxy_resolver_host_is_loopback (const char *host);

G_END_DECLS
