/* ens-credential-store-errors.c
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
#include <libsecret/secret.h>

#include "ens-credential-store-private.h"
#include "ens-error.h"

static const char * const operation_names[] = { "save", "lookup", "list", "delete" };

/* For the debug log. */
const char *
_ens_keyring_operation_name (Operation operation)
{
  g_assert (operation < G_N_ELEMENTS (operation_names));

  return operation_names[operation];
}

static GError *
keyring_error_new_literal (const char *message)
{
  return g_error_new_literal (ENS_ERROR, ENS_ERROR_KEYRING, message);
}

GError *
_ens_keyring_timeout_error_new (void)
{
  return keyring_error_new_literal (_("The keyring did not answer. If a window of the keyring "
                                      "is open, answer it, then try again."));
}

static GError *
locked_error_new (void)
{
  return keyring_error_new_literal (_("The keyring is locked and was not unlocked. Unlock it "
                                      "when you are asked to, then try again."));
}

/*
 * Translates a libsecret or D-Bus error (or "failed with no error", which
 * libsecret reports when an unlock prompt was dismissed) into ENS_ERROR_KEYRING.
 * The raw error goes to the debug log only.  Cancellation stays
 * G_IO_ERROR_CANCELLED unless it was our timeout.
 */
GError *
_ens_keyring_error_new (KeyringOp    *op,
                        const GError *error)
{
  g_assert (op != NULL);

  if (error != NULL)
    g_debug ("Keyring %s (profile “%s”) failed: %s %d: %s",
             _ens_keyring_operation_name (op->operation), op->profile ? op->profile : "",
             g_quark_to_string (error->domain), error->code, error->message);
  else
    g_debug ("Keyring %s (profile “%s”) failed with no error: locked, or the prompt was dismissed",
             _ens_keyring_operation_name (op->operation), op->profile ? op->profile : "");

  if (error == NULL)
    return locked_error_new ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return op->timed_out ? _ens_keyring_timeout_error_new () : g_error_copy (error);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return locked_error_new ();

  if (error->domain == G_DBUS_ERROR)
    {
      switch ((GDBusError) error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          /* Inside a Flatpak the keyring is reached through the desktop's
           * Secret portal: installing a keyring in the sandbox is no
           * advice anyone can follow. */
          if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
            return keyring_error_new_literal (_("This desktop gives sandboxed apps no place to "
                                                "keep secrets (it has no Secret portal), so the "
                                                "AccessKey cannot be saved. You can use it for "
                                                "this session only."));
          return keyring_error_new_literal (_("There is no keyring on this computer to keep the "
                                              "AccessKey in. Install a keyring such as GNOME "
                                              "Keyring, or use the AccessKey for this session "
                                              "only."));

        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
          return keyring_error_new_literal (_("The keyring has no default place to keep the "
                                              "AccessKey in. Open “Passwords and Keys”, create a "
                                              "keyring and make it the default, then try "
                                              "again."));

        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
          return _ens_keyring_timeout_error_new ();

        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_BAD_ADDRESS:
        case G_DBUS_ERROR_NO_NETWORK:
        case G_DBUS_ERROR_AUTH_FAILED:
          goto no_bus;

        case G_DBUS_ERROR_FAILED:
        case G_DBUS_ERROR_NO_MEMORY:
        case G_DBUS_ERROR_IO_ERROR:
        case G_DBUS_ERROR_NOT_SUPPORTED:
        case G_DBUS_ERROR_LIMITS_EXCEEDED:
        case G_DBUS_ERROR_ACCESS_DENIED:
        case G_DBUS_ERROR_ADDRESS_IN_USE:
        case G_DBUS_ERROR_INVALID_ARGS:
        case G_DBUS_ERROR_FILE_EXISTS:
        case G_DBUS_ERROR_MATCH_RULE_NOT_FOUND:
        case G_DBUS_ERROR_MATCH_RULE_INVALID:
        case G_DBUS_ERROR_UNIX_PROCESS_ID_UNKNOWN:
        case G_DBUS_ERROR_INVALID_SIGNATURE:
        case G_DBUS_ERROR_INVALID_FILE_CONTENT:
        case G_DBUS_ERROR_SELINUX_SECURITY_CONTEXT_UNKNOWN:
        case G_DBUS_ERROR_ADT_AUDIT_DATA_UNKNOWN:
        case G_DBUS_ERROR_OBJECT_PATH_IN_USE:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_UNKNOWN_PROPERTY:
        case G_DBUS_ERROR_PROPERTY_READ_ONLY:
        default:
          break;
        }
    }
  else if (error->domain == G_IO_ERROR)
    {
      /* Connecting to the session bus: "Could not connect: No such file or
       * directory" (NOT_FOUND), "Cannot autolaunch D-Bus without X11
       * $DISPLAY" (FAILED), connection refused or closed … */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return _ens_keyring_timeout_error_new ();

      goto no_bus;
    }

  switch (op->operation)
    {
    case OPERATION_SAVE:
      return keyring_error_new_literal (_("Could not save the AccessKey in the keyring. Try "
                                          "again, or use the AccessKey for this session only."));
    case OPERATION_LOOKUP:
      return keyring_error_new_literal (_("Could not read the AccessKey from the keyring. Try "
                                          "again, or enter the AccessKey again."));
    case OPERATION_LIST:
      return keyring_error_new_literal (_("Could not read the list of saved AccessKeys from the "
                                          "keyring. Try again."));
    case OPERATION_DELETE:
      return keyring_error_new_literal (_("Could not remove the AccessKey from the keyring. Try "
                                          "again."));
    default:
      g_assert_not_reached ();
    }

no_bus:
  return keyring_error_new_literal (_("Could not reach the keyring because the desktop session "
                                      "is not fully running. Log out and log in again, or use "
                                      "the AccessKey for this session only."));
}
