/* test-recipient-message.c
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
 * The message for recipients ("Copy Message for Recipients"): which image,
 * from which account, where to find it; server text made safe.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "ens-recipient-message.h"

static void
test_message (void)
{
  g_autofree char *full = ens_recipient_message_new ("web-frontend-2024", "m-5s7qotzavwbrnzaqh4undemo1",
                                                     "5123456789012345");
  g_autofree char *unnamed = ens_recipient_message_new (NULL, "m-5s7qotzavwbrnzaqh4undemo1", NULL);

  g_assert_nonnull (strstr (full, "web-frontend-2024 (m-5s7qotzavwbrnzaqh4undemo1)"));
  g_assert_nonnull (strstr (full, "account 5123456789012345"));
  g_assert_nonnull (strstr (full, "ENS console"));

  g_assert_nonnull (strstr (unnamed, "image m-5s7qotzavwbrnzaqh4undemo1 is now shared"));
  g_assert_null (strstr (unnamed, "shared with you by"));
}

static void
test_hostile_name (void)
{
  g_autofree char *message = ens_recipient_message_new ("evil\033]52;c;cGF5\007name\u202e",
                                                        "m-5s7qotzavwbrnzaqh4undemo1", NULL);

  g_assert_null (strchr (message, '\033'));
  g_assert_null (strchr (message, '\007'));
  g_assert_null (strstr (message, "\u202e"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recipient-message/text", test_message);
  g_test_add_func ("/recipient-message/hostile-name", test_hostile_name);

  return g_test_run ();
}
