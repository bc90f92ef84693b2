/* ens-input.c
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

#include <glib/gi18n-lib.h>

#include "ens-error.h"
#include "ens-input.h"

/*
 * What people paste is rarely clean: account IDs come out of spreadsheets
 * with tabs and CRLF, out of chat apps with Chinese punctuation, and
 * AccessKeys come with a trailing newline or a non-breaking space.  The
 * functions here accept all of that and refuse, with a reason, what cannot
 * be right.
 */

#define MAX_ACCOUNT_LENGTH  32
#define USUAL_ACCOUNT_LENGTH 16
#define MAX_IMAGE_ID_LENGTH 128
/* How much of a bad token is repeated in a message. */
#define MAX_SHOWN_LENGTH    40

static gboolean
is_invisible (gunichar c)
{
  return c == 0xFEFF ||                /* byte order mark */
         c == 0x200B || c == 0x200C || c == 0x200D ||  /* zero width space, (non-)joiner */
         c == 0x2060;                  /* word joiner */
}

/* White space in the widest sense, including U+00A0 and U+3000 (both are
 * Unicode space separators) and invisible characters. */
static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || is_invisible (c);
}

static gboolean
is_account_separator (gunichar c)
{
  return c == ',' || c == ';' ||
         c == 0xFF0C ||   /* FULLWIDTH COMMA */
         c == 0x3001 ||   /* IDEOGRAPHIC COMMA */
         c == 0xFF1B ||   /* FULLWIDTH SEMICOLON */
         c == 0xFE50 ||   /* SMALL COMMA */
         is_blank (c);    /* includes U+3000 IDEOGRAPHIC SPACE, tabs, CR, LF */
}

/* Returns a valid UTF-8 copy of @text without blanks at either end. */
static char *
strip_blanks (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *start = valid;
  const char *end = valid + strlen (valid);

  while (*start != '\0' && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* Shortens @token for a message. */
static char *
shown_token (const char *token)
{
  if (g_utf8_strlen (token, -1) <= MAX_SHOWN_LENGTH)
    return g_strdup (token);

  return g_strdup_printf ("%.*s…",
                          (int) (g_utf8_offset_to_pointer (token, MAX_SHOWN_LENGTH) - token),
                          token);
}

/* Names a character in a message: “x”, or words for the invisible ones. */
static char *
describe_char (gunichar c)
{
  char buf[8] = { 0 };

  if (c == ' ' || c == 0x00A0 || c == 0x3000)
    return g_strdup (_("a space"));
  if (c == '\t')
    return g_strdup (_("a tab"));
  if (c == '\n' || c == '\r')
    return g_strdup (_("a line break"));
  if (!g_unichar_isgraph (c))
    /* Translators: %04X is a Unicode code point, as in "U+200B" */
    return g_strdup_printf (_("an invisible character (U+%04X)"), c);

  g_unichar_to_utf8 (c, buf);
  return g_strdup_printf ("“%s”", buf);
}

static void
ens_account_issue_free (EnsAccountIssue *issue)
{
  g_free (issue->token);
  g_free (issue->message);
  g_free (issue);
}

static void
add_issue (EnsAccountList      *list,
           const char          *token,
           EnsAccountIssueKind  kind,
           char                *message)
{
  EnsAccountIssue *issue = g_new0 (EnsAccountIssue, 1);

  issue->token = g_strdup (token);
  issue->kind = kind;
  issue->is_error = kind == ENS_ACCOUNT_ISSUE_NOT_DIGITS ||
                    kind == ENS_ACCOUNT_ISSUE_TOO_LONG;
  issue->message = message;

  g_ptr_array_add (list->issues, issue);
}

/* Full-width digits (from Chinese and Japanese input methods) become ASCII
 * digits; anything else is kept as it is. */
static char *
fold_digits (const char *token)
{
  GString *out = g_string_new (NULL);

  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s)
{
  if (s[0] == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;

  return TRUE;
}

static gboolean
has_letters (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static void
parse_token (EnsAccountList *list,
             GHashTable     *seen,
             const char     *token)
{
  g_autofree char *folded = fold_digits (token);
  g_autofree char *shown = shown_token (token);
  gsize len;

  if (g_hash_table_contains (seen, folded))
    {
      /* A bad token has been reported already; a good one is dropped
       * with a warning. */
      if (g_hash_table_lookup (seen, folded) != NULL)
        add_issue (list, token, ENS_ACCOUNT_ISSUE_DUPLICATE,
                   /* Translators: %s is an account ID */
                   g_strdup_printf (_("“%s” is listed more than once; it will be used once."),
                                    shown));
      return;
    }

  if (!all_digits (folded))
    {
      g_hash_table_insert (seen, g_strdup (folded), NULL);
      if (has_letters (token))
        add_issue (list, token, ENS_ACCOUNT_ISSUE_NOT_DIGITS,
                   /* Translators: %s is what was typed as an account ID */
                   g_strdup_printf (_("“%s” has letters in it. Account IDs are made of digits only."),
                                    shown));
      else
        add_issue (list, token, ENS_ACCOUNT_ISSUE_NOT_DIGITS,
                   /* Translators: %s is what was typed as an account ID */
                   g_strdup_printf (_("“%s” has characters in it that are not digits. Account IDs are made of digits only."),
                                    shown));
      return;
    }

  len = strlen (folded);

  if (len > MAX_ACCOUNT_LENGTH)
    {
      g_hash_table_insert (seen, g_strdup (folded), NULL);
      add_issue (list, token, ENS_ACCOUNT_ISSUE_TOO_LONG,
                 /* Translators: %s is what was typed as an account ID */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” is too long to be an account ID: it has %u digit.",
                                               "“%s” is too long to be an account ID: it has %u digits.",
                                               len),
                                  shown, (guint) len));
      return;
    }

  g_hash_table_insert (seen, g_strdup (folded), GINT_TO_POINTER (1));
  g_ptr_array_add (list->accounts, g_strdup (folded));

  if (len < USUAL_ACCOUNT_LENGTH)
    add_issue (list, token, ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH,
               /* Translators: %s is an account ID, %u its number of digits */
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” has only %u digit. Alibaba Cloud account IDs usually have 16: check that none are missing.",
                                             "“%s” has only %u digits. Alibaba Cloud account IDs usually have 16: check that none are missing.",
                                             len),
                                shown, (guint) len));
  else if (len > USUAL_ACCOUNT_LENGTH)
    add_issue (list, token, ENS_ACCOUNT_ISSUE_UNUSUAL_LENGTH,
               /* Translators: %s is an account ID, %u its number of digits */
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” has %u digit. Alibaba Cloud account IDs usually have 16: check that none are extra.",
                                             "“%s” has %u digits. Alibaba Cloud account IDs usually have 16: check that none are extra.",
                                             len),
                                shown, (guint) len));
}

/**
 * ens_account_list_parse:
 * @text: (nullable): what was typed or pasted
 *
 * Splits @text into account IDs on commas, semicolons, white space of any
 * kind (tabs, CR, LF, U+00A0, U+3000), the full-width comma U+FF0C and
 * semicolon U+FF1B and the ideographic comma U+3001.  Valid IDs are kept
 * in input order without duplicates; every problem is listed in
 * #EnsAccountList.issues with a translated message.
 *
 * Returns: (transfer full): the parsed list
 */
EnsAccountList *
ens_account_list_parse (const char *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  EnsAccountList *list;
  const char *start = NULL;

  list = g_new0 (EnsAccountList, 1);
  list->accounts = g_ptr_array_new_with_free_func (g_free);
  list->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) ens_account_issue_free);

  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gboolean at_end = *p == '\0';

      if (at_end || is_account_separator (g_utf8_get_char (p)))
        {
          if (start != NULL)
            {
              g_autofree char *token = g_strndup (start, p - start);

              parse_token (list, seen, token);
              start = NULL;
            }
        }
      else if (start == NULL)
        {
          start = p;
        }

      if (at_end)
        break;
    }

  return list;
}

/**
 * ens_account_list_free:
 * @list: (nullable): a list
 */
void
ens_account_list_free (EnsAccountList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->accounts, g_ptr_array_unref);
  g_clear_pointer (&list->issues, g_ptr_array_unref);
  g_free (list);
}

/**
 * ens_account_list_count_errors:
 * @list: a list
 *
 * Returns: the number of issues that are errors (not warnings)
 */
guint
ens_account_list_count_errors (EnsAccountList *list)
{
  guint n = 0;

  g_return_val_if_fail (list != NULL, 0);

  for (guint i = 0; i < list->issues->len; i++)
    {
      EnsAccountIssue *issue = g_ptr_array_index (list->issues, i);

      if (issue->is_error)
        n++;
    }

  return n;
}

/**
 * ens_account_id_is_valid:
 * @account_id: (nullable): one account ID
 *
 * Returns: %TRUE if @account_id is 1 to 32 ASCII digits
 */
gboolean
ens_account_id_is_valid (const char *account_id)
{
  return account_id != NULL &&
         all_digits (account_id) &&
         strlen (account_id) <= MAX_ACCOUNT_LENGTH;
}

static gboolean
is_image_id_char (gunichar c)
{
  return c < 0x80 && (g_ascii_isalnum ((char) c) || c == '_' || c == '.' || c == '-');
}

static GError *
input_error (const char *message)
{
  return g_error_new_literal (ENS_ERROR, ENS_ERROR_INVALID_INPUT, message);
}

/**
 * ens_image_id_parse:
 * @text: (nullable): what was typed or pasted
 * @error: return location for an error
 *
 * Cleans and checks an image ID: blanks around it are removed, and it must
 * then be 1 to 128 characters from A–Z, a–z, 0–9, “_”, “.” and “-”.
 *
 * Returns: (transfer full) (nullable): the image ID, or %NULL with
 *   %ENS_ERROR_INVALID_INPUT and a message that names the problem
 */
char *
ens_image_id_parse (const char  *text,
                    GError     **error)
{
  g_autofree char *id = NULL;
  glong length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = strip_blanks (text);

  if (id[0] == '\0')
    {
      g_propagate_error (error,
                         input_error (_("The image ID is empty. Enter the ID of the image to share, such as m-5s7qotzavwbrnzaqh4unmabcd.")));
      return NULL;
    }

  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_image_id_char (c))
        {
          g_autofree char *what = describe_char (c);
          g_autofree char *message =
            /* Translators: %s is a character, such as “/” or “a space” */
            g_strdup_printf (_("The image ID cannot contain %s. Image IDs are made of letters, digits, “-”, “_” and “.” only."),
                             what);

          g_propagate_error (error, input_error (message));
          return NULL;
        }
    }

  length = g_utf8_strlen (id, -1);
  if (length > MAX_IMAGE_ID_LENGTH)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The image ID is too long: it has %u character, and image IDs have at most 128.",
                                      "The image ID is too long: it has %u characters, and image IDs have at most 128.",
                                      length),
                         (guint) length);

      g_propagate_error (error, input_error (message));
      return NULL;
    }

  return g_steal_pointer (&id);
}

/**
 * ens_access_key_id_clean:
 * @text: (nullable): what was typed or pasted
 * @error: return location for an error
 *
 * Removes blanks and line breaks around an AccessKey ID and checks that
 * what is left is letters, digits and “.” (as in “STS.…”).
 *
 * Returns: (transfer full) (nullable): the AccessKey ID, or %NULL with
 *   %ENS_ERROR_INVALID_INPUT
 */
char *
ens_access_key_id_clean (const char  *text,
                         GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = strip_blanks (text);

  if (id[0] == '\0')
    {
      g_propagate_error (error,
                         input_error (_("The AccessKey ID is empty. Copy it from the AccessKey page of the Alibaba Cloud console.")));
      return NULL;
    }

  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 || !(g_ascii_isalnum ((char) c) || c == '.'))
        {
          g_autofree char *what = describe_char (c);
          g_autofree char *message =
            /* Translators: %s is a character, such as “/” or “a space” */
            g_strdup_printf (_("The AccessKey ID cannot contain %s. AccessKey IDs are made of letters, digits and “.” only: copy it again from the Alibaba Cloud console."),
                             what);

          g_propagate_error (error, input_error (message));
          return NULL;
        }
    }

  return g_steal_pointer (&id);
}

/* Checks a secret value without ever putting any of it in a message:
 * printable ASCII, no spaces.  The three messages are for an empty value,
 * a blank inside it and any other character that does not belong. */
static char *
clean_secret (const char  *text,
              const char  *empty_message,
              const char  *space_message,
              const char  *bad_message,
              GError     **error)
{
  g_autofree char *value = strip_blanks (text);

  if (value[0] == '\0')
    {
      g_propagate_error (error, input_error (empty_message));
      return NULL;
    }

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0x20 && c < 0x7F)
        continue;

      g_propagate_error (error, input_error (is_blank (c) ? space_message : bad_message));

      /* Wipe the copy: it may be a secret. */
      memset (value, 0, strlen (value));
      return NULL;
    }

  return g_steal_pointer (&value);
}

/**
 * ens_access_key_secret_clean:
 * @text: (nullable): what was typed or pasted
 * @error: return location for an error
 *
 * Removes blanks and line breaks around an AccessKey secret and checks
 * that what is left is printable ASCII without spaces.  The message of the
 * error never contains any part of the secret.
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL with
 *   %ENS_ERROR_INVALID_INPUT
 */
char *
ens_access_key_secret_clean (const char  *text,
                             GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return clean_secret (text,
                       _("The AccessKey secret is empty. Enter the secret that was shown when the AccessKey was created."),
                       _("The AccessKey secret has a space or a line break in the middle. Copy it again, without spaces."),
                       _("The AccessKey secret has a character that AccessKey secrets never have. Copy it again from where you saved it."),
                       error);
}

/**
 * ens_security_token_clean:
 * @text: (nullable): what was typed or pasted
 * @error: return location for an error
 *
 * Like ens_access_key_secret_clean(), for an STS security token.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL with
 *   %ENS_ERROR_INVALID_INPUT
 */
char *
ens_security_token_clean (const char  *text,
                          GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return clean_secret (text,
                       _("The security token is empty. Enter the security token that came with the temporary AccessKey."),
                       _("The security token has a space or a line break in the middle. Copy the whole token again, in one piece."),
                       _("The security token has a character that security tokens never have. Copy it again from where you got it."),
                       error);
}
