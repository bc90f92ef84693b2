/* ens-profile-menu.c
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

#include "ens-profile-menu.h"

struct _EnsProfileMenu
{
  GObject     parent_instance;

  EnsSession *session;
  GMenu      *menu;
  char       *tooltip;
  gboolean    dirty;
};

G_DEFINE_FINAL_TYPE (EnsProfileMenu, ens_profile_menu, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MENU_MODEL,
  PROP_TOOLTIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
session_changed_cb (EnsProfileMenu *self)
{
  g_autofree char *status_text = ens_session_dup_status_text (self->session);

  self->dirty = TRUE;

  g_free (self->tooltip);
  /* Translators: tooltip of the profile button; %s says who is signed in */
  self->tooltip = g_strdup_printf (_("Profile: %s"), status_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLTIP]);
}

static void
ens_profile_menu_rebuild (EnsProfileMenu *self)
{
  const char * const *profiles = ens_session_get_profiles (self->session);
  const char *profile = ens_session_get_profile (self->session);
  EnsCredentialSource source = ens_session_get_source (self->session);
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  g_autofree char *status_text = ens_session_dup_status_text (self->session);
  g_autofree char *identity_text = ens_session_dup_identity_text (self->session);
  guint n_others = 0;

  g_menu_remove_all (self->menu);

  g_menu_append (status, status_text, "win.profile-info");
  /* Which account and RAM user the key belongs to, once STS said so. */
  if (identity_text != NULL)
    g_menu_append (status, identity_text, "win.profile-info");
  if (ens_session_get_demo (self->session))
    g_menu_append (status, _("Leave the Demo"), "win.leave-demo");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (status));

  for (guint i = 0; profiles != NULL && profiles[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (source == ENS_CREDENTIAL_SOURCE_KEYRING && g_strcmp0 (profiles[i], profile) == 0)
        continue;

      item = g_menu_item_new (profiles[i], NULL);
      g_menu_item_set_action_and_target (item, "win.switch-profile", "s", profiles[i]);
      g_menu_append_item (others, item);
      n_others++;
    }
  if (n_others > 0)
    g_menu_append_section (self->menu, _("Switch to"), G_MENU_MODEL (others));

  if (source != ENS_CREDENTIAL_SOURCE_NONE || n_others > 0)
    g_menu_append (manage, _("Add Profile…"), "win.sign-in");
  else
    g_menu_append (manage, _("Sign In…"), "win.sign-in");
  if (source == ENS_CREDENTIAL_SOURCE_KEYRING)
    g_menu_append (manage, _("Remove Profile…"), "win.remove-profile");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (manage));
}

static void
ens_profile_menu_finalize (GObject *object)
{
  EnsProfileMenu *self = (EnsProfileMenu *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->menu);
  g_clear_pointer (&self->tooltip, g_free);

  G_OBJECT_CLASS (ens_profile_menu_parent_class)->finalize (object);
}

static void
ens_profile_menu_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EnsProfileMenu *self = ENS_PROFILE_MENU (object);

  switch (prop_id)
    {
    case PROP_MENU_MODEL:
      g_value_set_object (value, self->menu);
      break;

    case PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_profile_menu_class_init (EnsProfileMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ens_profile_menu_finalize;
  object_class->get_property = ens_profile_menu_get_property;

  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL,
                         G_TYPE_MENU_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ens_profile_menu_init (EnsProfileMenu *self)
{
  self->menu = g_menu_new ();
}

/**
 * ens_profile_menu_new:
 * @session: the session the menu shows
 *
 * Returns: (transfer full): a new menu
 */
EnsProfileMenu *
ens_profile_menu_new (EnsSession *session)
{
  EnsProfileMenu *self;

  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);

  self = g_object_new (ENS_TYPE_PROFILE_MENU, NULL);
  self->session = g_object_ref (session);

  g_signal_connect_object (session, "notify::profiles",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::status-text",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::demo",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::caller-identity",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  session_changed_cb (self);

  return self;
}

GMenuModel *
ens_profile_menu_get_menu_model (EnsProfileMenu *self)
{
  g_return_val_if_fail (ENS_IS_PROFILE_MENU (self), NULL);

  return G_MENU_MODEL (self->menu);
}

const char *
ens_profile_menu_get_tooltip (EnsProfileMenu *self)
{
  g_return_val_if_fail (ENS_IS_PROFILE_MENU (self), NULL);

  return self->tooltip;
}

/* Makes the items again if the session changed since they were made. */
void
ens_profile_menu_update (EnsProfileMenu *self)
{
  g_return_if_fail (ENS_IS_PROFILE_MENU (self));

  if (!self->dirty)
    return;

  ens_profile_menu_rebuild (self);
  self->dirty = FALSE;
}
