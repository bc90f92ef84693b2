/* ens-recipient-message.c
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

#include <glib/gi18n.h>

#include "ens-recipient-message.h"
#include "ens-text.h"

/**
 * ens_recipient_message_new:
 * @image_name: (nullable): the image's name
 * @image_id: the image ID
 * @owner_account_id: (nullable): the account that shares it (from
 *   GetCallerIdentity), or %NULL when not known
 *
 * The short text "Copy Message for Recipients" puts on the clipboard, for
 * staff to paste into an email: which image, from which account, and
 * where to find it.  In the user's language; every value is made safe to
 * show first.
 *
 * Returns: (transfer full): the message
 */
char *
ens_recipient_message_new (const char *image_name,
                           const char *image_id,
                           const char *owner_account_id)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *image = NULL;
  g_autofree char *from = NULL;

  g_return_val_if_fail (image_id != NULL, NULL);

  name = ens_text_sanitize (image_name, -1);
  id = ens_text_sanitize (image_id, -1);
  owner = ens_text_sanitize (owner_account_id, -1);

  if (name != NULL && *name != '\0' && g_strcmp0 (name, id) != 0)
    /* Translators: an image in the message for recipients: "web-frontend-2024 (m-5s7q…)" */
    image = g_strdup_printf (_("%s (%s)"), name, id);
  else
    image = g_strdup (id);

  if (owner != NULL && *owner != '\0')
    /* Translators: %s is an Alibaba Cloud account ID */
    from = g_strdup_printf (_("It is shared with you by Alibaba Cloud account %s."), owner);
  else
    from = g_strdup ("");

  /* Translators: the message for recipients. The first %s is the image
   * (name and ID), the second says which account shares it (or is empty). */
  return g_strdup_printf (_("The ENS custom image %s is now shared with your Alibaba Cloud account. %s\n"
                            "\n"
                            "To use it, sign in to the ENS console, open Images and look at the images shared with you; "
                            "you can then create instances from it. Sharing can be stopped at any time by the owner."),
                          image, from);
}
