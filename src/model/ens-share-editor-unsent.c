/* ens-share-editor-unsent.c
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

#include "ens-pending-account.h"
#include "ens-share-editor-private.h"

/*
 * What was typed and not shared yet outlives the window: the draft, and
 * after "Stop and Close" the pending list's accounts too, are kept in the
 * settings and come back at the next start.
 */

#define UNSENT_KEY "unsent-accounts"

/* One line in "Accounts to add" holds them all: spaces separate them. */
static void
append_word (GString    *text,
             const char *word)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, word);
}

/**
 * ens_share_editor_dup_unsent:
 * @self: a #EnsShareEditor
 * @include_pending: whether the pending list's accounts count too
 *
 * Returns: (transfer full) (nullable): the draft (and the pending
 *   accounts, as typed), separated by spaces, or %NULL when there is
 *   nothing
 */
char *
ens_share_editor_dup_unsent (EnsShareEditor *self,
                             gboolean        include_pending)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *draft = NULL;

  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  if (include_pending)
    {
      GListModel *pending = G_LIST_MODEL (self->pending);

      for (guint i = 0; i < g_list_model_get_n_items (pending); i++)
        {
          g_autoptr(EnsPendingAccount) item = g_list_model_get_item (pending, i);

          append_word (text, ens_pending_account_get_account (item));
        }
    }

  draft = g_strstrip (g_strdup (self->draft));
  if (draft[0] != '\0')
    append_word (text, draft);

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ens_share_editor_keep_unsent:
 * @self: a #EnsShareEditor
 * @include_pending: whether the pending list's accounts are kept too
 *
 * Keeps what ens_share_editor_dup_unsent() gives in the settings, written
 * through at once, for ens_share_editor_restore_unsent() at the next start.
 *
 * Returns: whether something was kept
 */
gboolean
ens_share_editor_keep_unsent (EnsShareEditor *self,
                              gboolean        include_pending)
{
  GSettings *settings;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  settings = ens_session_get_settings (self->session);
  if (settings == NULL)
    return FALSE;

  text = ens_share_editor_dup_unsent (self, include_pending);
  g_settings_set_string (settings, UNSENT_KEY, text != NULL ? text : "");
  g_settings_sync ();

  return text != NULL;
}

/**
 * ens_share_editor_restore_unsent:
 * @self: a #EnsShareEditor
 *
 * Puts what was kept back into the draft (after what is typed there).
 *
 * Returns: whether something came back
 */
gboolean
ens_share_editor_restore_unsent (EnsShareEditor *self)
{
  GSettings *settings;
  g_autofree char *kept = NULL;
  g_autofree char *draft = NULL;

  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  settings = ens_session_get_settings (self->session);
  if (settings == NULL)
    return FALSE;

  kept = g_settings_get_string (settings, UNSENT_KEY);
  if (kept[0] == '\0')
    return FALSE;

  if (self->draft[0] != '\0')
    draft = g_strconcat (self->draft, " ", kept, NULL);
  else
    draft = g_strdup (kept);
  ens_share_editor_set_draft (self, draft);

  /* Kept in the settings until the next close writes what is left then:
   * a crash before that loses nothing. */
  return TRUE;
}
