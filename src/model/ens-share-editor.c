/* ens-share-editor.c
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

#include "ens-input.h"
#include "ens-share-editor-private.h"


G_DEFINE_FINAL_TYPE (EnsShareEditor, ens_share_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_IMAGE_TEXT,
  PROP_IMAGE_ID,
  PROP_IMAGE_ERROR,
  PROP_DRAFT,
  PROP_SELECT_ALL_LABEL,
  /* The boolean properties, worked out by _ens_share_editor_update_state(). */
  PROP_BUSY,
  PROP_SIGNED_IN,
  PROP_CAN_SHARE,
  PROP_CAN_STOP_SHARING,
  PROP_CAN_CANCEL,
  PROP_CAN_REFRESH,
  PROP_CAN_CHOOSE_IMAGE,
  PROP_CAN_ADD,
  PROP_CAN_UNDO,
  PROP_CAN_SELECT_ALL,
  PROP_CAN_LOAD_ERROR_DETAILS,
  N_PROPS
};

#define FIRST_FLAG PROP_BUSY
#define FLAG(prop) (1u << ((prop) - FIRST_FLAG))

enum {
  TOAST,
  FAILED,
  FINISHED,
  DISAGREES,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* State {{{ */

static gboolean
get_flag (EnsShareEditor *self,
          guint           prop_id)
{
  return (self->flags & FLAG (prop_id)) != 0;
}

static gboolean
ens_share_editor_has_typed (EnsShareEditor *self)
{
  return self->draft[strspn (self->draft, " \t\r\n,;")] != '\0';
}

/*
 * Works out what may be done from the session, the runner, the image and
 * the two lists (the rules _ens_window_update_state had), and notifies
 * what changed.
 */
void
_ens_share_editor_update_state (EnsShareEditor *self)
{
  gboolean busy = ens_change_runner_get_running (self->runner);
  gboolean signed_in = ens_session_get_signed_in (self->session);
  gboolean has_image = self->image_id != NULL;
  gboolean shows_list = has_image && ens_share_list_get_loaded (self->share_list);
  gboolean has_typed = ens_share_editor_has_typed (self);
  guint n_ready = ens_pending_list_get_n_ready (self->pending);
  guint n_selected = ens_share_list_get_n_selected (self->share_list);
  guint n_items = ens_share_list_get_n_items (self->share_list);
  const char *label;
  guint flags = 0;

  if (busy)
    flags |= FLAG (PROP_BUSY) | FLAG (PROP_CAN_CANCEL);
  if (signed_in)
    flags |= FLAG (PROP_SIGNED_IN);
  /* Share also takes what is still typed in "Accounts to add". */
  if (!busy && signed_in && has_image && (n_ready > 0 || has_typed))
    flags |= FLAG (PROP_CAN_SHARE);
  if (!busy && signed_in && shows_list && n_selected > 0)
    flags |= FLAG (PROP_CAN_STOP_SHARING);
  if (!busy && signed_in && has_image)
    flags |= FLAG (PROP_CAN_REFRESH);
  if (!busy && signed_in)
    flags |= FLAG (PROP_CAN_CHOOSE_IMAGE) | FLAG (PROP_CAN_UNDO);
  if (!busy && has_typed)
    flags |= FLAG (PROP_CAN_ADD);
  if (!busy && shows_list && n_items > 0)
    flags |= FLAG (PROP_CAN_SELECT_ALL);
  if (ens_share_list_get_error (self->share_list) != NULL)
    flags |= FLAG (PROP_CAN_LOAD_ERROR_DETAILS);

  label = ens_share_list_get_all_selected (self->share_list) ? _("Select None") : _("Select All");

  g_object_freeze_notify (G_OBJECT (self));

  for (guint prop_id = FIRST_FLAG; prop_id < N_PROPS; prop_id++)
    if ((flags ^ self->flags) & FLAG (prop_id))
      {
        self->flags ^= FLAG (prop_id);
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
      }

  if (g_strcmp0 (self->select_all_label, label) != 0)
    {
      self->select_all_label = label;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECT_ALL_LABEL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* }}} */

/* Following the models {{{ */

static void
share_list_loaded_changed_cb (EnsShareEditor *self)
{
  ens_pending_list_set_shared (self->pending, ens_share_list_get_accounts (self->share_list));
  _ens_share_editor_update_state (self);
}

static void
session_signed_in_changed_cb (EnsShareEditor *self)
{
  /* Signing in is followed by the "signed-in" signal, which loads. */
  if (!ens_session_get_signed_in (self->session))
    ens_share_list_set_enabled (self->share_list, FALSE);

  _ens_share_editor_update_state (self);
}

static void
session_signed_in_cb (EnsShareEditor *self)
{
  /* The list shown may belong to other credentials. */
  if (ens_share_list_get_enabled (self->share_list))
    ens_share_list_load (self->share_list);
  else
    ens_share_list_set_enabled (self->share_list, TRUE);

  _ens_share_editor_update_state (self);
}

/* }}} */

/* GObject {{{ */

static void
ens_share_editor_constructed (GObject *object)
{
  EnsShareEditor *self = (EnsShareEditor *)object;
  EnsClient *client;

  G_OBJECT_CLASS (ens_share_editor_parent_class)->constructed (object);

  g_assert (ENS_IS_SESSION (self->session));

  client = ens_session_get_client (self->session);
  self->pending = ens_pending_list_new ();
  self->share_list = ens_share_list_new (client);
  self->runner = ens_change_runner_new (client);

  ens_share_list_set_enabled (self->share_list, ens_session_get_signed_in (self->session));

  g_signal_connect_object (self->session, "notify::signed-in",
                           G_CALLBACK (session_signed_in_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "signed-in",
                           G_CALLBACK (session_signed_in_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->runner, "notify::running",
                           G_CALLBACK (_ens_share_editor_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pending, "notify::n-ready",
                           G_CALLBACK (_ens_share_editor_update_state), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->share_list, "notify::loaded",
                           G_CALLBACK (share_list_loaded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->share_list, "notify::state",
                           G_CALLBACK (_ens_share_editor_share_list_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->share_list, "loaded",
                           G_CALLBACK (_ens_share_editor_share_list_loaded), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->share_list, "notify::n-items",
                           G_CALLBACK (_ens_share_editor_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->share_list, "notify::n-selected",
                           G_CALLBACK (_ens_share_editor_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->share_list, "notify::error",
                           G_CALLBACK (_ens_share_editor_update_state), self,
                           G_CONNECT_SWAPPED);

  _ens_share_editor_update_state (self);
}

static void
ens_share_editor_dispose (GObject *object)
{
  EnsShareEditor *self = (EnsShareEditor *)object;

  g_clear_object (&self->verify_plan);
  g_clear_error (&self->verify_error);
  g_clear_object (&self->share_list);
  g_clear_object (&self->runner);
  g_clear_object (&self->pending);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ens_share_editor_parent_class)->dispose (object);
}

static void
ens_share_editor_finalize (GObject *object)
{
  EnsShareEditor *self = (EnsShareEditor *)object;

  g_clear_pointer (&self->image_text, g_free);
  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->image_error, g_free);
  g_clear_pointer (&self->draft, g_free);

  G_OBJECT_CLASS (ens_share_editor_parent_class)->finalize (object);
}

static void
ens_share_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EnsShareEditor *self = ENS_SHARE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_IMAGE_TEXT:
      g_value_set_string (value, self->image_text);
      break;

    case PROP_IMAGE_ID:
      g_value_set_string (value, self->image_id);
      break;

    case PROP_IMAGE_ERROR:
      g_value_set_string (value, self->image_error);
      break;

    case PROP_DRAFT:
      g_value_set_string (value, self->draft);
      break;

    case PROP_SELECT_ALL_LABEL:
      g_value_set_string (value, self->select_all_label);
      break;

    case PROP_BUSY:
    case PROP_SIGNED_IN:
    case PROP_CAN_SHARE:
    case PROP_CAN_STOP_SHARING:
    case PROP_CAN_CANCEL:
    case PROP_CAN_REFRESH:
    case PROP_CAN_CHOOSE_IMAGE:
    case PROP_CAN_ADD:
    case PROP_CAN_UNDO:
    case PROP_CAN_SELECT_ALL:
    case PROP_CAN_LOAD_ERROR_DETAILS:
      g_value_set_boolean (value, get_flag (self, prop_id));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_share_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EnsShareEditor *self = ENS_SHARE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_IMAGE_TEXT:
      ens_share_editor_set_image_text (self, g_value_get_string (value));
      break;

    case PROP_DRAFT:
      ens_share_editor_set_draft (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
flag_param_spec (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
ens_share_editor_class_init (EnsShareEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ens_share_editor_constructed;
  object_class->dispose = ens_share_editor_dispose;
  object_class->finalize = ens_share_editor_finalize;
  object_class->get_property = ens_share_editor_get_property;
  object_class->set_property = ens_share_editor_set_property;

  /**
   * EnsShareEditor:session:
   *
   * The session followed: its client, and whether it is signed in.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ENS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareEditor:image-text:
   *
   * What is typed in "Image ID".
   */
  properties[PROP_IMAGE_TEXT] =
    g_param_spec_string ("image-text", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareEditor:image-id:
   *
   * The image ID in #EnsShareEditor:image-text, cleaned, or %NULL when it
   * holds none.
   */
  properties[PROP_IMAGE_ID] =
    g_param_spec_string ("image-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareEditor:image-error:
   *
   * Why #EnsShareEditor:image-text is not an image ID, translated; %NULL
   * when it is one, or blank.
   */
  properties[PROP_IMAGE_ERROR] =
    g_param_spec_string ("image-error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareEditor:draft:
   *
   * What is typed in "Accounts to add" and not added yet.
   */
  properties[PROP_DRAFT] =
    g_param_spec_string ("draft", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareEditor:select-all-label:
   *
   * The label of the Select All button: "Select None" when every account
   * is selected.
   */
  properties[PROP_SELECT_ALL_LABEL] =
    g_param_spec_string ("select-all-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EnsShareEditor:busy:
   *
   * Whether a change runs.  What it is about must stay put meanwhile.
   */
  properties[PROP_BUSY] = flag_param_spec ("busy");

  /**
   * EnsShareEditor:signed-in:
   *
   * Whether the session is signed in.
   */
  properties[PROP_SIGNED_IN] = flag_param_spec ("signed-in");

  /**
   * EnsShareEditor:can-share:
   *
   * Share: not busy, signed in, an image, and accounts ready or typed.
   */
  properties[PROP_CAN_SHARE] = flag_param_spec ("can-share");

  /**
   * EnsShareEditor:can-stop-sharing:
   *
   * Stop Sharing: not busy, signed in, the image's list shown and
   * accounts selected in it.
   */
  properties[PROP_CAN_STOP_SHARING] = flag_param_spec ("can-stop-sharing");

  /**
   * EnsShareEditor:can-cancel:
   *
   * Cancel: a change runs.
   */
  properties[PROP_CAN_CANCEL] = flag_param_spec ("can-cancel");

  /**
   * EnsShareEditor:can-refresh:
   *
   * Refresh: not busy, signed in, an image.
   */
  properties[PROP_CAN_REFRESH] = flag_param_spec ("can-refresh");

  /**
   * EnsShareEditor:can-choose-image:
   *
   * Choose Image: not busy, signed in.
   */
  properties[PROP_CAN_CHOOSE_IMAGE] = flag_param_spec ("can-choose-image");

  /**
   * EnsShareEditor:can-add:
   *
   * Add: not busy, and accounts typed.
   */
  properties[PROP_CAN_ADD] = flag_param_spec ("can-add");

  /**
   * EnsShareEditor:can-undo:
   *
   * Undo (in a toast): not busy, signed in.
   */
  properties[PROP_CAN_UNDO] = flag_param_spec ("can-undo");

  /**
   * EnsShareEditor:can-select-all:
   *
   * Select All: not busy, and the image's list shown with accounts in it.
   */
  properties[PROP_CAN_SELECT_ALL] = flag_param_spec ("can-select-all");

  /**
   * EnsShareEditor:can-load-error-details:
   *
   * Details of why the share list could not be read: there is an error.
   */
  properties[PROP_CAN_LOAD_ERROR_DETAILS] = flag_param_spec ("can-load-error-details");

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsShareEditor::toast:
   * @title: what changed, translated
   * @undo_number: for ens_share_editor_undo(), or 0 for no Undo
   *
   * A change to report.
   */
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * EnsShareEditor::failed:
   * @error: the first failure
   * @plan: the plan, with all its outcomes
   *
   * A run failed, other than by being cancelled: for the error dialog.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_ERROR, ENS_TYPE_SHARE_PLAN);

  /**
   * EnsShareEditor::finished:
   * @plan: the plan that ran
   *
   * After each run, once its toast (unless it waits for the list) and
   * its #EnsShareEditor::failed.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ENS_TYPE_SHARE_PLAN);

  /**
   * EnsShareEditor::disagrees:
   * @plan: the plan, verified against the list read again after it ran
   *   (ens_share_plan_get_verification())
   *
   * The server answered that accounts were changed, but the list read
   * again says otherwise: to be said plainly.
   */
  signals[DISAGREES] =
    g_signal_new ("disagrees",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ENS_TYPE_SHARE_PLAN);
}

static void
ens_share_editor_init (EnsShareEditor *self)
{
  self->image_text = g_strdup ("");
  self->draft = g_strdup ("");
}

/* }}} */

/* Public API {{{ */

EnsShareEditor *
ens_share_editor_new (EnsSession *session)
{
  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);

  return g_object_new (ENS_TYPE_SHARE_EDITOR, "session", session, NULL);
}

EnsSession *
ens_share_editor_get_session (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->session;
}

/**
 * ens_share_editor_get_pending:
 * @self: a #EnsShareEditor
 *
 * Returns: (transfer none): the accounts added, waiting to be shared with
 */
EnsPendingList *
ens_share_editor_get_pending (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->pending;
}

/**
 * ens_share_editor_get_share_list:
 * @self: a #EnsShareEditor
 *
 * Returns: (transfer none): the share list of the image
 */
EnsShareList *
ens_share_editor_get_share_list (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->share_list;
}

/**
 * ens_share_editor_get_runner:
 * @self: a #EnsShareEditor
 *
 * Returns: (transfer none): what runs the changes; its activity is the
 *   "Recent Activity" list
 */
EnsChangeRunner *
ens_share_editor_get_runner (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->runner;
}

/**
 * ens_share_editor_set_image_text:
 * @self: a #EnsShareEditor
 * @text: (nullable): what is typed in "Image ID"
 *
 * A valid image ID becomes #EnsShareEditor:image-id, and its list loads
 * after a pause in typing; otherwise the parser's message is
 * #EnsShareEditor:image-error (none for blank text).
 */
void
ens_share_editor_set_image_text (EnsShareEditor *self,
                                 const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image_id = NULL;

  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  if (text == NULL)
    text = "";

  if (!set_string (&self->image_text, text))
    return;

  if (text[strspn (text, " \t\r\n")] != '\0')
    image_id = ens_image_id_parse (text, &error);

  g_object_freeze_notify (G_OBJECT (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_TEXT]);
  if (set_string (&self->image_error, error != NULL ? error->message : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_ERROR]);
  if (set_string (&self->image_id, image_id))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_ID]);
      /* Whatever is shown belongs to another image now. */
      ens_share_list_set_image_id (self->share_list, self->image_id);
    }

  _ens_share_editor_update_state (self);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ens_share_editor_get_image_text (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->image_text;
}

const char *
ens_share_editor_get_image_id (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->image_id;
}

const char *
ens_share_editor_get_image_error (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->image_error;
}

/**
 * ens_share_editor_choose_image:
 * @self: a #EnsShareEditor
 * @image_id: an image picked from a list
 *
 * Puts @image_id in "Image ID" and loads its list at once: there is no
 * typing to wait for.
 */
void
ens_share_editor_choose_image (EnsShareEditor *self,
                               const char     *image_id)
{
  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));
  g_return_if_fail (image_id != NULL);

  ens_share_editor_set_image_text (self, image_id);
  if (self->image_id != NULL)
    ens_share_list_load (self->share_list);
}

void
ens_share_editor_set_draft (EnsShareEditor *self,
                            const char     *draft)
{
  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  if (!set_string (&self->draft, draft != NULL ? draft : ""))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
  _ens_share_editor_update_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ens_share_editor_get_draft (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->draft;
}

gboolean
ens_share_editor_get_busy (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_BUSY);
}

gboolean
ens_share_editor_get_signed_in (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_SIGNED_IN);
}

gboolean
ens_share_editor_get_can_share (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_SHARE);
}

gboolean
ens_share_editor_get_can_stop_sharing (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_STOP_SHARING);
}

gboolean
ens_share_editor_get_can_cancel (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_CANCEL);
}

gboolean
ens_share_editor_get_can_refresh (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_REFRESH);
}

gboolean
ens_share_editor_get_can_choose_image (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_CHOOSE_IMAGE);
}

gboolean
ens_share_editor_get_can_add (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_ADD);
}

gboolean
ens_share_editor_get_can_undo (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_UNDO);
}

gboolean
ens_share_editor_get_can_select_all (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_SELECT_ALL);
}

gboolean
ens_share_editor_get_can_load_error_details (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), FALSE);

  return get_flag (self, PROP_CAN_LOAD_ERROR_DETAILS);
}

const char *
ens_share_editor_get_select_all_label (EnsShareEditor *self)
{
  g_return_val_if_fail (ENS_IS_SHARE_EDITOR (self), NULL);

  return self->select_all_label;
}

/**
 * ens_share_editor_add_draft:
 * @self: a #EnsShareEditor
 *
 * Adds what is typed in "Accounts to add" to the pending list, and
 * empties it.  Nothing is added while a change runs.
 */
void
ens_share_editor_add_draft (EnsShareEditor *self)
{
  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  if (get_flag (self, PROP_BUSY))
    return;

  ens_pending_list_add_text (self->pending, self->draft);
  ens_share_editor_set_draft (self, "");
}

/**
 * ens_share_editor_refresh:
 * @self: a #EnsShareEditor
 *
 * Reads the image's share list again, now (Refresh, Enter in "Image ID").
 */
void
ens_share_editor_refresh (EnsShareEditor *self)
{
  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  if (self->image_id != NULL)
    ens_share_list_load (self->share_list);
}

/**
 * ens_share_editor_toggle_select_all:
 * @self: a #EnsShareEditor
 *
 * Select All, or Select None when all are selected already.
 */
void
ens_share_editor_toggle_select_all (EnsShareEditor *self)
{
  g_return_if_fail (ENS_IS_SHARE_EDITOR (self));

  ens_share_list_select_all (self->share_list,
                             !ens_share_list_get_all_selected (self->share_list));
}

/* }}} */
