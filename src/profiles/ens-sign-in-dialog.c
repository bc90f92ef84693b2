/* ens-sign-in-dialog.c
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

#include <string.h>

#include <glib/gi18n.h>

#include "ens-error-ui.h"
#include "ens-sign-in-dialog.h"

struct _EnsSignInDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *cancel_button;
  GtkButton           *sign_in_button;
  GtkSpinner          *spinner;
  GtkScrolledWindow   *scroller;
  GtkWidget           *form_box;
  AdwEntryRow         *profile_row;
  AdwEntryRow         *id_row;
  AdwEntryRow         *secret_row;
  AdwExpanderRow      *sts_row;
  AdwEntryRow         *token_row;
  GtkLabel            *validation_label;
  GtkCheckButton      *keyring_check;
  GtkCheckButton      *session_check;
  AdwPreferencesGroup *import_group;
  GtkButton           *import_button;
  GtkListBox          *imported_list;
  GtkWidget           *status_group;
  AdwActionRow        *save_row;
  GtkImage            *save_icon;
  GtkButton           *session_only_button;
  AdwActionRow        *verify_row;
  GtkImage            *verify_icon;
  GtkButton           *continue_button;

  /* Owned references */
  EnsSession          *session;
  EnsCredentialStore  *store;             /* the session's */
  GCancellable        *cancellable;
  EnsCredentials      *pending_credentials;
  char                *pending_profile;

  EnsCredentialSource  pending_source;
  guint                busy : 1;
  guint                disposed : 1;
};

G_DEFINE_FINAL_TYPE (EnsSignInDialog, ens_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/*
 * One asynchronous step.  It keeps the dialog alive and remembers the
 * cancellable it was started with: Cancel replaces the dialog's
 * cancellable, so a step that finishes after that is ignored even if the
 * operation itself did not notice the cancellation.
 */
typedef struct
{
  EnsSignInDialog *self;
  GCancellable    *cancellable;
} Step;

static Step *
step_new (EnsSignInDialog *self)
{
  Step *step = g_new0 (Step, 1);

  step->self = g_object_ref (self);
  step->cancellable = g_object_ref (self->cancellable);

  return step;
}

static void
step_free (Step *step)
{
  g_clear_object (&step->self);
  g_clear_object (&step->cancellable);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static gboolean
step_is_stale (Step         *step,
               const GError *error)
{
  return step->self->disposed ||
         g_cancellable_is_cancelled (step->cancellable) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef char *(*CleanFunc) (const char *text,
                            GError    **error);

static void
set_row_invalid (AdwEntryRow *row,
                 gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Cleans one field.  Empty is not flagged (the user has not typed yet) but
 * counts as invalid when @required.  Returns whether the field is usable;
 * the first problem found goes to @message. */
static gboolean
check_field (AdwEntryRow  *row,
             CleanFunc     clean,
             gboolean      required,
             char        **cleaned,
             char        **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;
  char *value;

  if (stripped[0] == '\0')
    {
      set_row_invalid (row, FALSE);
      return !required;
    }

  value = clean (text, &error);
  if (value == NULL)
    {
      set_row_invalid (row, TRUE);
      if (*message == NULL)
        *message = g_strdup (error->message);
      return FALSE;
    }

  set_row_invalid (row, FALSE);
  *cleaned = value;

  return TRUE;
}

/* Validates the form, shows what is wrong, and if everything is usable
 * returns the profile and the cleaned AccessKey. */
static gboolean
validate (EnsSignInDialog  *self,
          char            **profile,
          EnsCredentials  **credentials)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  g_autofree char *message = NULL;
  gboolean valid = TRUE;
  gboolean token_valid;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->profile_row))));
  if (name[0] == '\0')
    valid = FALSE;

  valid &= check_field (self->id_row, ens_access_key_id_clean, TRUE, &id, &message);
  valid &= check_field (self->secret_row, ens_access_key_secret_clean, TRUE, &secret, &message);
  token_valid = check_field (self->token_row, ens_security_token_clean, FALSE, &token, &message);
  if (!token_valid)
    adw_expander_row_set_expanded (self->sts_row, TRUE);
  valid &= token_valid;

  gtk_label_set_text (self->validation_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), message != NULL);

  if (!valid)
    return FALSE;

  if (profile != NULL)
    *profile = g_steal_pointer (&name);
  if (credentials != NULL)
    *credentials = ens_credentials_new (id, secret, token);

  /* The cleaned secret is wiped, not just freed. */
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  if (token != NULL)
    memset (token, 0, strlen (token));

  return TRUE;
}

static void
update_sensitivity (EnsSignInDialog *self)
{
  gboolean valid = validate (self, NULL, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), valid && !self->busy);
}

static void
set_busy (EnsSignInDialog *self,
          gboolean         busy)
{
  self->busy = !!busy;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->form_box, !busy);
  update_sensitivity (self);
}

static void
hide_status (EnsSignInDialog *self)
{
  gtk_widget_set_visible (self->status_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->session_only_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), FALSE);
}

typedef enum
{
  STATUS_OK,
  STATUS_INFO,
  STATUS_PROBLEM,
} StatusKind;

static void
show_status (EnsSignInDialog *self,
             AdwActionRow    *row,
             GtkImage        *icon,
             StatusKind       kind,
             const char      *title,
             const char      *subtitle)
{
  static const char * const icon_names[] = {
    [STATUS_OK] = "emblem-ok-symbolic",
    [STATUS_INFO] = "dialog-information-symbolic",
    [STATUS_PROBLEM] = "dialog-warning-symbolic",
  };
  static const char * const css_classes[] = {
    [STATUS_OK] = "success",
    [STATUS_INFO] = "dim-label",
    [STATUS_PROBLEM] = "error",
  };

  gtk_image_set_from_icon_name (icon, icon_names[kind]);
  for (guint i = 0; i < G_N_ELEMENTS (css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (icon), css_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (icon), css_classes[kind]);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  gtk_widget_set_visible (self->status_group, TRUE);

  /* The outcome is at the top: bring it into view. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
set_pending (EnsSignInDialog      *self,
             const char           *profile,
             const EnsCredentials *credentials,
             EnsCredentialSource   source)
{
  char *copy = g_strdup (profile);

  g_free (self->pending_profile);
  self->pending_profile = copy;
  g_clear_pointer (&self->pending_credentials, ens_credentials_free);
  self->pending_credentials = credentials ? ens_credentials_copy (credentials) : NULL;
  self->pending_source = source;
}

static void
finish_sign_in (EnsSignInDialog *self,
                gboolean         verified)
{
  g_autoptr(EnsSignInDialog) hold = g_object_ref (self);

  g_return_if_fail (self->pending_credentials != NULL);

  g_debug ("Signed in with profile %s (verified: %s)",
           self->pending_profile, verified ? "yes" : "no");

  ens_session_sign_in (self->session,
                       self->pending_profile,
                       self->pending_credentials,
                       self->pending_source);

  g_signal_emit (self, signals[SIGNED_IN], 0,
                 self->pending_profile,
                 self->pending_credentials,
                 (int) self->pending_source,
                 verified);

  if (!self->disposed)
    gtk_window_close (GTK_WINDOW (self));
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  g_autoptr(GError) error = NULL;
  EnsSignInDialog *self = step->self;
  gboolean works;

  works = ens_session_check_credentials_finish (ENS_SESSION (object), result, &error);

  if (step_is_stale (step, error))
    return;

  set_busy (self, FALSE);

  if (!works)
    {
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;

      g_debug ("Checking the AccessKey failed: %s", error->message);

      ens_error_describe (error, &title, NULL, &action);
      show_status (self, self->verify_row, self->verify_icon, STATUS_PROBLEM,
                   title ? title : error->message, action);
      gtk_widget_set_visible (GTK_WIDGET (self->continue_button),
                              ens_error_ui_can_continue_unverified (error));
      return;
    }

  show_status (self, self->verify_row, self->verify_icon, STATUS_OK,
               _("Verified: the AccessKey works"), NULL);
  finish_sign_in (self, TRUE);
}

static void
verify (EnsSignInDialog *self)
{
  g_assert (self->pending_credentials != NULL);

  /* The session checks it through a client of its own, so that a wrong
   * AccessKey never reaches the client the window uses. */
  show_status (self, self->verify_row, self->verify_icon, STATUS_INFO,
               _("Checking the AccessKey…"), NULL);
  set_busy (self, TRUE);
  ens_session_check_credentials_async (self->session, self->pending_credentials,
                                       self->cancellable, verify_cb, step_new (self));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  g_autoptr(GError) error = NULL;
  EnsSignInDialog *self = step->self;
  gboolean saved;

  saved = ens_credential_store_save_finish (ENS_CREDENTIAL_STORE (object), result, &error);

  if (step_is_stale (step, error))
    return;

  if (!saved)
    {
      g_autofree char *title = NULL;

      set_busy (self, FALSE);
      /* Translators: %s is the reason, e.g. "No keyring is available". */
      title = g_strdup_printf (_("Could not save: %s"), error->message);
      show_status (self, self->save_row, self->save_icon, STATUS_PROBLEM, title,
                   _("You can still use this AccessKey until you quit the app."));
      gtk_widget_set_visible (GTK_WIDGET (self->session_only_button), TRUE);
      return;
    }

  show_status (self, self->save_row, self->save_icon, STATUS_OK, _("Saved in your keyring"), NULL);
  verify (self);
}

static void
start_sign_in (EnsSignInDialog *self)
{
  g_autoptr(EnsCredentials) credentials = NULL;
  g_autofree char *profile = NULL;

  if (self->busy || !validate (self, &profile, &credentials))
    return;

  hide_status (self);

  if (gtk_check_button_get_active (self->session_check))
    {
      set_pending (self, profile, credentials, ENS_CREDENTIAL_SOURCE_SESSION);
      show_status (self, self->save_row, self->save_icon, STATUS_INFO,
                   _("Kept for this session only"),
                   _("The AccessKey will be forgotten when you quit the app."));
      verify (self);
      return;
    }

  set_pending (self, profile, credentials, ENS_CREDENTIAL_SOURCE_KEYRING);
  show_status (self, self->save_row, self->save_icon, STATUS_INFO,
               _("Saving in your keyring…"), NULL);
  set_busy (self, TRUE);
  ens_credential_store_save_async (self->store, profile, credentials,
                                   self->cancellable, save_cb, step_new (self));
}

static void
sign_in_clicked_cb (EnsSignInDialog *self)
{
  start_sign_in (self);
}

static void
session_only_clicked_cb (EnsSignInDialog *self)
{
  gtk_check_button_set_active (self->session_check, TRUE);
  start_sign_in (self);
}

static void
continue_clicked_cb (EnsSignInDialog *self)
{
  finish_sign_in (self, FALSE);
}

static void
cancel_clicked_cb (EnsSignInDialog *self)
{
  if (!self->busy)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* Stop what is running and go back to the form. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);
  hide_status (self);
}

static void
entry_changed_cb (EnsSignInDialog *self)
{
  if (self->disposed)
    return;

  update_sensitivity (self);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsCredentials) credentials = NULL;
  EnsSignInDialog *self = step->self;

  credentials = ens_credential_store_lookup_finish (ENS_CREDENTIAL_STORE (object), result, &error);

  if (step_is_stale (step, error))
    return;

  if (credentials == NULL)
    {
      set_busy (self, FALSE);
      show_status (self, self->save_row, self->save_icon, STATUS_PROBLEM,
                   error ? error->message : _("This profile is no longer in your keyring"),
                   _("Import it again, or enter the AccessKey above."));
      return;
    }

  set_pending (self, self->pending_profile, credentials, ENS_CREDENTIAL_SOURCE_KEYRING);
  show_status (self, self->save_row, self->save_icon, STATUS_OK, _("Saved in your keyring"), NULL);
  verify (self);
}

static void
imported_row_activated_cb (EnsSignInDialog *self,
                           GtkListBoxRow   *row)
{
  const char *profile;

  if (self->busy)
    return;

  profile = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  hide_status (self);
  set_pending (self, profile, NULL, ENS_CREDENTIAL_SOURCE_KEYRING);
  set_busy (self, TRUE);
  ens_credential_store_lookup_async (self->store, profile, self->cancellable,
                                     lookup_cb, step_new (self));
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) profiles = NULL;
  g_autofree char *description = NULL;
  EnsSignInDialog *self = step->self;
  GtkWidget *child;
  guint n_profiles;

  if (!ens_credential_store_import_finish (ENS_CREDENTIAL_STORE (object), result, &profiles, &error))
    {
      if (step_is_stale (step, error))
        return;

      set_busy (self, FALSE);
      adw_preferences_group_set_description (self->import_group, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->imported_list), FALSE);
      return;
    }

  if (step_is_stale (step, NULL))
    return;

  set_busy (self, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->imported_list))) != NULL)
    gtk_list_box_remove (self->imported_list, child);

  n_profiles = profiles ? g_strv_length (profiles) : 0;
  for (guint i = 0; i < n_profiles; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profiles[i]);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Sign in with this profile"));
      gtk_list_box_append (self->imported_list, row);
    }

  description = g_strdup_printf (ngettext ("%u profile was imported into your keyring. "
                                           "Choose it to sign in.",
                                           "%u profiles were imported into your keyring. "
                                           "Choose one to sign in.",
                                           n_profiles),
                                 n_profiles);
  adw_preferences_group_set_description (self->import_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->imported_list), n_profiles > 0);

  /* Focus scrolls the list into view, ready for Enter. */
  if (n_profiles > 0)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->imported_list)));
}

static void
import_clicked_cb (EnsSignInDialog *self)
{
  if (self->busy)
    return;

  hide_status (self);
  set_busy (self, TRUE);
  ens_credential_store_import_async (self->store, NULL, self->cancellable,
                                     import_cb, step_new (self));
}

static void
clear_secrets (EnsSignInDialog *self)
{
  if (self->secret_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  if (self->token_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  g_clear_pointer (&self->pending_credentials, ens_credentials_free);
}

static gboolean
ens_sign_in_dialog_close_request (GtkWindow *window)
{
  EnsSignInDialog *self = ENS_SIGN_IN_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  self->disposed = TRUE;
  clear_secrets (self);

  return GTK_WINDOW_CLASS (ens_sign_in_dialog_parent_class)->close_request (window);
}

static void
ens_sign_in_dialog_dispose (GObject *object)
{
  EnsSignInDialog *self = ENS_SIGN_IN_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_secrets (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ENS_TYPE_SIGN_IN_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ens_sign_in_dialog_parent_class)->dispose (object);
}

static void
ens_sign_in_dialog_finalize (GObject *object)
{
  EnsSignInDialog *self = ENS_SIGN_IN_DIALOG (object);

  g_clear_pointer (&self->pending_profile, g_free);

  G_OBJECT_CLASS (ens_sign_in_dialog_parent_class)->finalize (object);
}

static void
ens_sign_in_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EnsSignInDialog *self = ENS_SIGN_IN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_sign_in_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EnsSignInDialog *self = ENS_SIGN_IN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      self->store = g_object_ref (ens_session_get_credential_store (self->session));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ens_sign_in_dialog_class_init (EnsSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ens_sign_in_dialog_dispose;
  object_class->finalize = ens_sign_in_dialog_finalize;
  object_class->get_property = ens_sign_in_dialog_get_property;
  object_class->set_property = ens_sign_in_dialog_set_property;

  window_class->close_request = ens_sign_in_dialog_close_request;

  /**
   * EnsSignInDialog:session:
   *
   * The session to sign in: the AccessKey is saved in its credential
   * store (or kept for this session), checked with a client configured
   * like its client, then put in use.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ENS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EnsSignInDialog::signed-in:
   * @self: the dialog
   * @profile: the profile name
   * @credentials: (type EnsCredentials): the AccessKey
   * @source: the #EnsCredentialSource it is kept in
   * @verified: whether Alibaba Cloud accepted it
   *
   * The session signed in with the AccessKey.  The dialog closes itself
   * afterwards.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_STRING, ENS_TYPE_CREDENTIALS, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/profiles/ens-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, sts_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, validation_label);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, keyring_check);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, session_check);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, import_group);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, imported_list);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, status_group);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, save_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, save_icon);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, session_only_button);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, verify_row);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, verify_icon);
  gtk_widget_class_bind_template_child (widget_class, EnsSignInDialog, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_only_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, imported_row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ens_sign_in_dialog_init (EnsSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);
}

/**
 * ens_sign_in_dialog_new:
 * @parent: (nullable): the window to put the dialog over
 * @session: the session to sign in
 *
 * Returns: (transfer none): a new modal sign-in window, not yet shown
 */
GtkWindow *
ens_sign_in_dialog_new (GtkWindow  *parent,
                        EnsSession *session)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ENS_IS_SESSION (session), NULL);

  return g_object_new (ENS_TYPE_SIGN_IN_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}
