/* ens-text.c
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

#include "ens-text.h"

/*
 * Text that came from a server is shown in a terminal and in labels.  A
 * terminal obeys escape sequences (ESC[2J clears the screen), a newline
 * lets a value forge a line of its own ("shared … RequestId FAKE"), and a
 * bidirectional override (U+202E) makes "1234…" read backwards, so that a
 * hostile value can look like a valid account ID.  None of that may reach
 * the screen as it was sent.
 */

/* Characters that are not shown as themselves: the C0 controls (tab and
 * newline included: a value is one line), DEL, the C1 controls, the
 * invisible format characters (among them the bidirectional marks,
 * embeddings, overrides and isolates U+200E/F, U+202A–E, U+2066–9 and the
 * Arabic letter mark U+061C, zero-width characters and the byte order
 * mark) and the line and paragraph separators. */
static gboolean
must_escape (gunichar c)
{
  GUnicodeType type;

  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
    return TRUE;

  if (c == 0x061c || c == 0x200e || c == 0x200f ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c == 0x2028 || c == 0x2029)
    return TRUE;

  type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL ||
         type == G_UNICODE_FORMAT ||
         type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         type == G_UNICODE_SURROGATE;
}

/**
 * ens_text_sanitize:
 * @text: (nullable): text from a server, in any encoding, possibly hostile
 * @len: its length in bytes, or -1 when it ends with a NUL
 *
 * Makes server-given text safe to print in a terminal or to put in a
 * label, as one line.  Every character in must_escape() is written out
 * visibly instead: U+0000–U+00FF as `\xNN`, others as `\uNNNN` (so
 * "\x1B[2J" is printed as the seven characters `\x1B[2J` and clears
 * nothing, and a newline cannot start a forged line).  Each byte that is
 * not valid UTF-8 becomes U+FFFD.  A NUL inside @len ends nothing: it is
 * written as `\x00`.  Other text, Chinese included, is kept as it is.
 *
 * Nothing is removed, so the result is never shorter in meaning than
 * what was sent; it can be up to six times longer, and the callers limit
 * the length of what they take from an answer before they get here.
 *
 * Returns: (transfer full) (nullable): valid UTF-8 without controls, or
 *   %NULL when @text is %NULL
 */
char *
ens_text_sanitize (const char *text,
                   gssize      len)
{
  GString *out;
  const char *p;
  const char *end;

  if (text == NULL)
    return NULL;

  if (len < 0)
    len = strlen (text);

  out = g_string_sized_new (len + 1);
  p = text;
  end = text + len;

  while (p < end)
    {
      gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* One replacement character per bad byte, then resynchronise. */
          g_string_append_unichar (out, 0xfffd);
          p++;
          continue;
        }

      if (c == 0 || must_escape (c))
        {
          if (c <= 0xff)
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_printf (out, "\\u%04X", c);
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }

      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * ens_text_fits:
 * @value: UTF-8 text
 * @max_chars: a limit in characters
 *
 * Whether @value has at most @max_chars characters.  Counting stops at the
 * limit, so a megabyte-long value costs no more than a short one.
 *
 * Returns: %TRUE when @value fits
 */
gboolean
ens_text_fits (const char *value,
               guint       max_chars)
{
  guint n = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (++n > max_chars)
      return FALSE;

  return TRUE;
}
