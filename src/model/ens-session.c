/* ens-session.c
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

#include "ens-core-enums.h"
#include "ens-emulator.h"
#include "ens-session-private.h"

G_DEFINE_FINAL_TYPE (EnsSession, ens_session, G_TYPE_OBJECT)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Settings {{{ */

/* The endpoint the client should use: the demo's while it runs, else this
 * run's override, else the setting. */
static gboolean
ens_session_apply_endpoint (EnsSession  *self,
                            GError     **error)
{
  g_autofree char *endpoint = NULL;

  if (self->emulator != NULL)
    return TRUE;

  if (self->endpoint_override != NULL)
    endpoint = g_strdup (self->endpoint_override);
  else if (self->settings != NULL)
    endpoint = g_settings_get_string (self->settings, "endpoint");
  else
    endpoint = g_strdup (ENS_DEFAULT_ENDPOINT);

  return ens_client_set_endpoint (self->client, endpoint, error);
}

/*
 * The one mapping from the settings to a client, for the session's client
 * and for the clients that check a new AccessKey.  @key NULL applies all.
 * The endpoint is not among them: it depends on the demo and the override.
 */
static void
configure_client (EnsClient  *client,
                  GSettings  *settings,
                  const char *key)
{
  if (settings == NULL)
    return;

  if (key == NULL || g_str_equal (key, "signature-version"))
    ens_client_set_signature_version (client,
                                      g_settings_get_enum (settings, "signature-version") == ENS_SIGNATURE_V1
                                      ? ENS_SIGNATURE_V1 : ENS_SIGNATURE_V3);

  if (key == NULL || g_str_equal (key, "connect-timeout") || g_str_equal (key, "timeout"))
    ens_client_set_timeouts (client,
                             g_settings_get_uint (settings, "connect-timeout"),
                             g_settings_get_uint (settings, "timeout"));

  if (key == NULL || g_str_equal (key, "concurrency"))
    ens_client_set_concurrency (client, g_settings_get_uint (settings, "concurrency"));

  if (key == NULL || g_str_equal (key, "adapt-concurrency"))
    ens_client_set_adapt_concurrency (client, g_settings_get_boolean (settings, "adapt-concurrency"));

  if (key == NULL || g_str_equal (key, "batch-size"))
    ens_client_set_batch_size (client, g_settings_get_uint (settings, "batch-size"));
}

static void
settings_changed_cb (EnsSession *self,
                     const char *key,
                     GSettings  *settings)
{
  if (key == NULL || g_str_equal (key, "endpoint"))
    {
      g_autoptr(GError) error = NULL;

      if (!ens_session_apply_endpoint (self, &error))
        g_warning ("Ignoring the endpoint setting: %s", error->message);
    }

  configure_client (self->client, settings, key);
}

/* }}} */

/* State {{{ */

static void
ens_session_set_state (EnsSession           *self,
                       const char           *profile,
                       const EnsCredentials *credentials,
                       EnsCredentialSource   source)
{
  gboolean was_signed_in = self->source != ENS_CREDENTIAL_SOURCE_NONE;
  gboolean changed_source = self->source != source;

  g_assert ((credentials == NULL) == (source == ENS_CREDENTIAL_SOURCE_NONE));

  ens_client_set_credentials (self->client, credentials);
  self->source = source;
  g_object_set_data_full (G_OBJECT (self), "ens-access-key-id", credentials == NULL ? NULL :
                          g_strdup (ens_credentials_get_access_key_id (credentials)), g_free);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->profile, profile) != 0)
    {
      g_free (self->profile);
      self->profile = g_strdup (profile);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
    }
  if (changed_source)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  if (was_signed_in != (source != ENS_CREDENTIAL_SOURCE_NONE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
  g_object_thaw_notify (G_OBJECT (self));

  if (source != ENS_CREDENTIAL_SOURCE_NONE)
    g_signal_emit (self, signals[SIGNED_IN], 0, profile, source);

  _ens_session_load_account (self);
}

static void
ens_session_set_credential_error (EnsSession *self,
                                  GError     *error)
{
  if (self->credential_error == NULL && error == NULL)
    return;

  g_clear_error (&self->credential_error);
  self->credential_error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIAL_ERROR]);
}

void
_ens_session_notify (EnsSession *self,
                     guint       prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_ens_session_set_active_profile (EnsSession *self,
                                const char *profile)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "active-profile", profile != NULL ? profile : "");
}

static char *
ens_session_dup_active_profile (EnsSession *self)
{
  char *profile = NULL;

  if (self->settings != NULL)
    profile = g_settings_get_string (self->settings, "active-profile");

  if (profile != NULL && profile[0] == '\0')
    g_clear_pointer (&profile, g_free);

  return profile;
}

GCancellable *
_ens_session_get_cancellable (EnsSession *self)
{
  return self->cancellable;
}

void
_ens_session_take_profiles (EnsSession *self,
                            GStrv       profiles)
{
  g_strfreev (self->profiles);
  self->profiles = profiles;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILES]);
}

/* }}} */

/* Resolving at start-up {{{ */

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsSession *self = g_task_get_source_object (task);
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  EnsCredentialSource source = ENS_CREDENTIAL_SOURCE_NONE;

  credentials = ens_credential_store_resolve_finish (ENS_CREDENTIAL_STORE (object), result, &source, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Something else signed in meanwhile (the demo, or the dialog). */
  if (self->source != ENS_CREDENTIAL_SOURCE_NONE)
    {
      g_task_return_int (task, self->source);
      return;
    }

  if (credentials != NULL)
    {
      const char *profile = g_task_get_task_data (task);

      g_debug ("Credentials found (source %d)", source);
      ens_session_set_credential_error (self, NULL);
      ens_session_set_state (self,
                             source == ENS_CREDENTIAL_SOURCE_KEYRING
                             ? (profile != NULL ? profile : "default") : NULL,
                             credentials, source);
      g_task_return_int (task, source);
    }
  else if (error != NULL)
    {
      g_debug ("Resolving credentials failed: %s", error->message);
      ens_session_set_credential_error (self, g_error_copy (error));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      g_task_return_int (task, ENS_CREDENTIAL_SOURCE_NONE);
    }
}

void
ens_session_resolve_async (EnsSession          *self,
                           const char          *profile,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (ENS_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ens_session_resolve_async);

  name = profile != NULL && profile[0] != '\0' ? g_strdup (profile) : ens_session_dup_active_profile (self);
  g_task_set_task_data (task, g_strdup (name), g_free);

  ens_credential_store_resolve_async (self->credential_store, name, cancellable,
                                      resolve_cb, g_steal_pointer (&task));
}

EnsCredentialSource
ens_session_resolve_finish (EnsSession    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  gssize source;

  g_return_val_if_fail (ENS_IS_SESSION (self), ENS_CREDENTIAL_SOURCE_NONE);
  g_return_val_if_fail (g_task_is_valid (result, self), ENS_CREDENTIAL_SOURCE_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ENS_CREDENTIAL_SOURCE_NONE);

  source = g_task_propagate_int (G_TASK (result), error);

  return source < 0 ? ENS_CREDENTIAL_SOURCE_NONE : (EnsCredentialSource)source;
}

/* }}} */

/* Signing in and out {{{ */

void
ens_session_sign_in (EnsSession           *self,
                     const char           *profile,
                     const EnsCredentials *credentials,
                     EnsCredentialSource   source)
{
  g_return_if_fail (ENS_IS_SESSION (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (source != ENS_CREDENTIAL_SOURCE_NONE);

  ens_session_stop_demo (self);

  if (source == ENS_CREDENTIAL_SOURCE_KEYRING)
    _ens_session_set_active_profile (self, profile);
  else if (source == ENS_CREDENTIAL_SOURCE_SESSION)
    ens_credential_store_set_session_credentials (self->credential_store, profile, credentials);

  ens_session_set_credential_error (self, NULL);
  ens_session_set_state (self, profile, credentials, source);
  ens_session_refresh_profiles (self);
}

void
ens_session_sign_out (EnsSession *self)
{
  g_return_if_fail (ENS_IS_SESSION (self));

  if (self->emulator != NULL)
    ens_session_stop_demo (self);
  else
    ens_session_set_state (self, NULL, NULL, ENS_CREDENTIAL_SOURCE_NONE);
}

/* }}} */

/* Demo {{{ */

gboolean
ens_session_start_demo (EnsSession  *self,
                        GError     **error)
{
  g_autoptr(EnsEmulator) emulator = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->emulator != NULL)
    return TRUE;

  emulator = ens_emulator_new ();
  ens_emulator_load_demo (emulator);
  if (!ens_emulator_listen (emulator, 0, error))
    return FALSE;

  url = ens_emulator_dup_url (emulator);
  if (!ens_client_set_endpoint (self->client, url, error))
    {
      ens_emulator_stop (emulator);
      return FALSE;
    }

  g_debug ("Demo simulator listening at %s", url);

  self->emulator = g_steal_pointer (&emulator);
  credentials = ens_credentials_new (ENS_EMULATOR_DEMO_KEY_ID, ENS_EMULATOR_DEMO_KEY_SECRET, NULL);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  ens_session_set_state (self, NULL, credentials, ENS_CREDENTIAL_SOURCE_SESSION);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

void
ens_session_stop_demo (EnsSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ENS_IS_SESSION (self));

  if (self->emulator == NULL)
    return;

  ens_emulator_stop (self->emulator);
  g_clear_object (&self->emulator);

  ens_credential_store_clear_session_credentials (self->credential_store);
  if (!ens_session_apply_endpoint (self, &error))
    g_warning ("Ignoring the endpoint setting: %s", error->message);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  ens_session_set_state (self, NULL, NULL, ENS_CREDENTIAL_SOURCE_NONE);
  g_object_thaw_notify (G_OBJECT (self));
}

/* }}} */

/* GObject {{{ */

static void
ens_session_constructed (GObject *object)
{
  EnsSession *self = (EnsSession *)object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (ens_session_parent_class)->constructed (object);

  if (self->client == NULL)
    self->client = ens_client_new ();
  if (self->credential_store == NULL)
    self->credential_store = ens_credential_store_new ();

  /* A client that already has credentials (tests, or a caller that
   * signed in on its own) counts as signed in for this session. */
  if (ens_client_has_credentials (self->client))
    self->source = ENS_CREDENTIAL_SOURCE_SESSION;

  configure_client (self->client, self->settings, NULL);
  self->images = ens_image_catalog_new (self->client);
  if (self->load_account)
    _ens_session_load_account (self);

  /* Without "follow-settings" (the command line), the endpoint waits for
   * ens_session_set_endpoint_override(), which reports what is wrong. */
  if (self->settings != NULL && self->follow_settings)
    {
      if (!ens_session_apply_endpoint (self, &error))
        g_warning ("Ignoring the endpoint setting: %s", error->message);
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
ens_session_dispose (GObject *object)
{
  EnsSession *self = (EnsSession *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->identity_cancellable);
  if (self->images != NULL)
    ens_image_catalog_clear (self->images);

  if (self->emulator != NULL)
    ens_emulator_stop (self->emulator);
  g_clear_object (&self->emulator);
  g_clear_object (&self->recipients);
  g_clear_object (&self->settings);
  g_clear_object (&self->images);
  g_clear_object (&self->caller_identity);
  g_clear_object (&self->identity_cancellable);
  g_clear_object (&self->credential_store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ens_session_parent_class)->dispose (object);
}

static void
ens_session_finalize (GObject *object)
{
  EnsSession *self = (EnsSession *)object;

  g_clear_object (&self->cancellable);
  g_clear_error (&self->credential_error);
  g_clear_pointer (&self->profiles, g_strfreev);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->endpoint_override, g_free);

  G_OBJECT_CLASS (ens_session_parent_class)->finalize (object);
}

static void
ens_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EnsSession *self = ENS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CREDENTIAL_STORE:
      g_value_set_object (value, self->credential_store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_FOLLOW_SETTINGS:
      g_value_set_boolean (value, self->follow_settings);
      break;

    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, ens_session_get_signed_in (self));
      break;

    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->emulator != NULL);
      break;

    case PROP_PROFILES:
      g_value_set_boxed (value, self->profiles);
      break;

    case PROP_CREDENTIAL_ERROR:
      g_value_set_boxed (value, self->credential_error);
      break;

    case PROP_STATUS_TEXT:
      g_value_take_string (value, ens_session_dup_status_text (self));
      break;

    case PROP_LOAD_ACCOUNT:
      g_value_set_boolean (value, self->load_account);
      break;

    case PROP_IMAGES:
      g_value_set_object (value, self->images);
      break;

    case PROP_CALLER_IDENTITY:
      g_value_set_object (value, self->caller_identity);
      break;

    case PROP_RECIPIENTS:
      g_value_set_object (value, self->recipients);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EnsSession *self = ENS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_CREDENTIAL_STORE:
      self->credential_store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_FOLLOW_SETTINGS:
      self->follow_settings = g_value_get_boolean (value);
      break;

    case PROP_LOAD_ACCOUNT:
      ens_session_set_load_account (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_session_class_init (EnsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ens_session_constructed;
  object_class->dispose = ens_session_dispose;
  object_class->finalize = ens_session_finalize;
  object_class->get_property = ens_session_get_property;
  object_class->set_property = ens_session_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ENS_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREDENTIAL_STORE] =
    g_param_spec_object ("credential-store", NULL, NULL,
                         ENS_TYPE_CREDENTIAL_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FOLLOW_SETTINGS] =
    g_param_spec_boolean ("follow-settings", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       ENS_TYPE_CREDENTIAL_SOURCE,
                       ENS_CREDENTIAL_SOURCE_NONE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROFILES] =
    g_param_spec_boxed ("profiles", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREDENTIAL_ERROR] =
    g_param_spec_boxed ("credential-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOAD_ACCOUNT] =
    g_param_spec_boolean ("load-account", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IMAGES] =
    g_param_spec_object ("images", NULL, NULL, ENS_TYPE_IMAGE_CATALOG,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CALLER_IDENTITY] =
    g_param_spec_object ("caller-identity", NULL, NULL, ENS_TYPE_CALLER_IDENTITY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECIPIENTS] =
    g_param_spec_object ("recipients", NULL, NULL,
                         ENS_TYPE_RECIPIENTS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsSession::signed-in:
   * @self: the session
   * @profile: (nullable): the name shown for the AccessKey
   * @source: where it came from
   *
   * Credentials were put in use.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, ENS_TYPE_CREDENTIAL_SOURCE);
}

static void
ens_session_init (EnsSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->follow_settings = TRUE;
}

/* }}} */

/* Public API {{{ */

/**
 * ens_session_new:
 * @client: the client every request goes through
 * @credential_store: where profiles are kept
 * @settings: (nullable): the app's settings
 *
 * Returns: (transfer full): a new session, signed out unless @client
 *   already has credentials
 */
EnsSession *
ens_session_new (EnsClient          *client,
                 EnsCredentialStore *credential_store,
                 GSettings          *settings)
{
  g_return_val_if_fail (ENS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ENS_IS_CREDENTIAL_STORE (credential_store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (ENS_TYPE_SESSION,
                       "client", client,
                       "credential-store", credential_store,
                       "settings", settings,
                       NULL);
}

EnsClient *
ens_session_get_client (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->client;
}

EnsCredentialStore *
ens_session_get_credential_store (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->credential_store;
}

GSettings *
ens_session_get_settings (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->settings;
}

EnsCredentialSource
ens_session_get_source (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), ENS_CREDENTIAL_SOURCE_NONE);

  return self->source;
}

gboolean
ens_session_get_signed_in (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);

  return self->source != ENS_CREDENTIAL_SOURCE_NONE;
}

const char *
ens_session_get_profile (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->profile;
}

const char *
ens_session_get_access_key_id (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);
  return g_object_get_data (G_OBJECT (self), "ens-access-key-id");
}

gboolean
ens_session_get_demo (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);

  return self->emulator != NULL;
}

const char * const *
ens_session_get_profiles (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return (const char * const *)self->profiles;
}

const GError *
ens_session_get_credential_error (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  return self->credential_error;
}

/**
 * ens_session_dup_status_text:
 *
 * Returns: (transfer full): who is signed in, for the profile menu
 */
char *
ens_session_dup_status_text (EnsSession *self)
{
  g_return_val_if_fail (ENS_IS_SESSION (self), NULL);

  switch (self->source)
    {
    case ENS_CREDENTIAL_SOURCE_KEYRING:
      /* Translators: %s is the name of a saved profile */
      return g_strdup_printf (_("Signed in as “%s”"), self->profile);

    case ENS_CREDENTIAL_SOURCE_ENVIRONMENT:
      return g_strdup (_("From environment"));

    case ENS_CREDENTIAL_SOURCE_SESSION:
      if (self->emulator != NULL)
        return g_strdup (_("Demo"));
      if (self->profile != NULL)
        /* Translators: %s is the name of a profile used without saving it */
        return g_strdup_printf (_("“%s”, this session only"), self->profile);
      return g_strdup (_("This session only"));

    case ENS_CREDENTIAL_SOURCE_NONE:
    default:
      return g_strdup (_("Not signed in"));
    }
}

gboolean
ens_session_set_endpoint_override (EnsSession  *self,
                                   const char  *endpoint,
                                   GError     **error)
{
  g_autofree char *previous = NULL;

  g_return_val_if_fail (ENS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  previous = g_steal_pointer (&self->endpoint_override);
  self->endpoint_override = g_strdup (endpoint);

  if (!ens_session_apply_endpoint (self, error))
    {
      g_free (self->endpoint_override);
      self->endpoint_override = g_steal_pointer (&previous);
      return FALSE;
    }

  return TRUE;
}

/* }}} */
