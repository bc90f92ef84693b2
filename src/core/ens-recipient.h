/* ens-recipient.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define ENS_TYPE_RECIPIENT (ens_recipient_get_type ())

G_DECLARE_FINAL_TYPE (EnsRecipient, ens_recipient, ENS, RECIPIENT, GObject)

EnsRecipient       *ens_recipient_new              (const char         *account_id,
                                                    const char         *name,
                                                    const char         *note,
                                                    const char * const *groups);
const char         *ens_recipient_get_account_id   (EnsRecipient       *self);
const char         *ens_recipient_get_name         (EnsRecipient       *self);
const char         *ens_recipient_get_note         (EnsRecipient       *self);
const char * const *ens_recipient_get_groups       (EnsRecipient       *self);
char               *ens_recipient_dup_label        (EnsRecipient       *self);

char               *ens_recipient_name_key         (const char         *name);
char               *ens_recipient_format_label     (const char         *name,
                                                    const char         *account_id);

G_END_DECLS
