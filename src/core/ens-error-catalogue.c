/* ens-error-catalogue.c
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

#include "ens-error.h"

/* Placeholder until the catalogue lands: a single generic entry. */
static const EnsErrorEntry generic_entry = {
  NULL, ENS_ERROR_FAILED, FALSE,
  N_("Something Went Wrong"), N_("The request failed."), N_("Try again later."),
};

const EnsErrorEntry *
ens_error_catalogue_lookup (const char *api_code)
{
  return &generic_entry;
}

const EnsErrorEntry *
ens_error_catalogue_lookup_error (const GError *error)
{
  return &generic_entry;
}
