/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-mail-message.h"

/*
 * Plain-text email as RFC 5322 text, the same bytes for SMTP and for the
 * outbox directory: CRLF line ends, header text in UTF-8 as RFC 2047
 * encoded words, the body in quoted-printable (RFC 2045) so every line is
 * short 7-bit ASCII whatever the server supports. Names and subjects come
 * from people's input, so no line break may reach a header.
 */

#define LINE_LENGTH 76

/* Valid UTF-8 on one line: control characters (newlines and tabs too)
 * become spaces. */
static gchar *
header_text (const gchar *text)
{
  gchar *clean = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (gchar *p = clean; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return clean;
}

static gboolean
is_plain_ascii (const gchar *text)
{
  for (const gchar *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  /* Text that looks like an encoded word must be encoded itself. */
  return strstr (text, "=?") == NULL;
}

/* The bytes of text an encoded word starting at @column may carry, so the
 * line stays within 76 characters (RFC 2047 §2): "=?UTF-8?B?" and "?="
 * around base64, whose every 4 characters carry 3 bytes. */
static gsize
encoded_word_bytes (gsize column)
{
  gsize room = column + 12 + 4 < LINE_LENGTH ? LINE_LENGTH - column - 12 : 4;

  return room / 4 * 3;
}

/* =?UTF-8?B?...?= words of whole characters, folded between words;
 * @column is where the first one starts. */
static void
append_encoded_words (GString *out, const gchar *text, gsize column)
{
  const gchar *start = text;

  while (*start != '\0')
    {
      gsize limit = encoded_word_bytes (start == text ? column : 1);
      const gchar *end = g_utf8_next_char (start);
      g_autofree gchar *base64 = NULL;

      /* Always at least one character, however narrow the room. */
      while (*end != '\0' && (gsize) (g_utf8_next_char (end) - start) <= limit)
        end = g_utf8_next_char (end);
      base64 = g_base64_encode ((const guchar *) start, end - start);
      if (start != text)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", base64);
      start = end;
    }
}

/* ASCII text folded at spaces to keep lines near 78 characters; @column
 * is where the text starts on the header's first line. */
static void
append_folded (GString *out, const gchar *text, gsize column)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  gboolean first = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize length = strlen (words[i]);

      if (!first && column + 1 + length > 78)
        {
          g_string_append (out, "\r\n");
          column = 0;
        }
      if (!first)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += length;
      first = FALSE;
    }
}

/**
 * pdn_mail_encode_phrase:
 * @offset: the length of the header's name and ": "
 *
 * Header text such as a subject: kept as is (folded) when it is printable
 * ASCII, else encoded words.
 */
gchar *
pdn_mail_encode_phrase (const gchar *text, gsize offset)
{
  g_autofree gchar *clean = header_text (text);
  GString *out = g_string_new (NULL);

  if (is_plain_ascii (clean))
    append_folded (out, clean, offset);
  else
    append_encoded_words (out, clean, offset);
  return g_string_free (out, FALSE);
}

/* The column the end of @out is at, when its first line started at
 * @column. */
static gsize
current_column (GString *out, gsize column)
{
  const gchar *fold = g_strrstr (out->str, "\r\n");

  return fold != NULL ? (gsize) (out->str + out->len - fold - 2) : column + out->len;
}

/* "Name" <address>, or <address> alone without a name; @column is where
 * it starts on the header's line. */
static void
append_mailbox (GString *out, const gchar *name, const gchar *address, gsize column)
{
  g_autofree gchar *clean = name != NULL ? header_text (name) : NULL;

  if (clean == NULL || clean[0] == '\0')
    {
      g_string_append_printf (out, "<%s>", address);
      return;
    }
  if (is_plain_ascii (clean))
    {
      g_string_append_c (out, '"');
      for (const gchar *p = clean; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    append_encoded_words (out, clean, column);
  /* Folds before the address when it would make the line long. */
  if (current_column (out, column) + strlen (address) + 3 > 78)
    g_string_append (out, "\r\n");
  g_string_append_printf (out, " <%s>", address);
}

/**
 * pdn_mail_check_address:
 *
 * Refuses an address that could break the header or the SMTP command it
 * goes into (spaces, controls, angle brackets, quotes), or has no single
 * @ between a local part and a domain.
 */
gboolean
pdn_mail_check_address (const gchar *address, const gchar *field, GError **error)
{
  const gchar *at = address != NULL ? strchr (address, '@') : NULL;
  gboolean ok = at != NULL && at != address && at[1] != '\0' && strchr (at + 1, '@') == NULL
                && g_utf8_validate (address, -1, NULL);

  for (const gchar *p = address; ok && *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f || strchr ("<>\"(),;:\\[]", *p) != NULL)
      ok = FALSE;
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s is not an email address that mail can be sent to"), field);
  return ok;
}

/* RFC 5322 date-time, always in English: "Sat, 12 Sep 2026 14:00:00 +0000". */
gchar *
pdn_mail_format_date (GDateTime *date)
{
  static const gchar *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const gchar *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 offset = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;
  gint64 minutes = ABS (offset);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date),
                          g_date_time_get_hour (date), g_date_time_get_minute (date),
                          g_date_time_get_second (date), offset < 0 ? '-' : '+',
                          (gint) (minutes / 60), (gint) (minutes % 60));
}

/* One line of the body (without its end) in quoted-printable. A dot that
 * starts a line is encoded too, so no SMTP server can take it for the end
 * of the message. */
static void
append_qp_line (GString *out, const gchar *line, gsize length)
{
  gsize column = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) line[i];
      gboolean last = i + 1 == length;
      gchar token[4];
      gsize token_length;

      if ((c >= 33 && c <= 126 && c != '=' && !(c == '.' && i == 0))
          || ((c == ' ' || c == '\t') && !last))
        {
          token[0] = (gchar) c;
          token_length = 1;
        }
      else
        {
          g_snprintf (token, sizeof token, "=%02X", c);
          token_length = 3;
        }
      /* Leave room for the soft break's "=" (unless this is the end). */
      if (column + token_length > (last ? LINE_LENGTH : LINE_LENGTH - 1))
        {
          g_string_append (out, "=\r\n");
          column = 0;
        }
      g_string_append_len (out, token, token_length);
      column += token_length;
    }
}

/* @text with any line ends, as quoted-printable lines ending in CRLF. */
gchar *
pdn_mail_quoted_printable (const gchar *text)
{
  GString *out = g_string_new (NULL);
  const gchar *line = text;

  while (*line != '\0')
    {
      const gchar *newline = strchr (line, '\n');
      gsize length = newline != NULL ? (gsize) (newline - line) : strlen (line);

      if (length > 0 && line[length - 1] == '\r')
        length--;
      append_qp_line (out, line, length);
      g_string_append (out, "\r\n");
      if (newline == NULL)
        break;
      line = newline + 1;
    }
  return g_string_free (out, FALSE);
}

static void
append_header (GString *out, const gchar *name, const gchar *value)
{
  g_string_append_printf (out, "%s: %s\r\n", name, value);
}

/**
 * pdn_mail_message_format:
 *
 * The message as RFC 5322 text: Date, From, To, Subject, Message-ID,
 * MIME headers and the body, all lines ending in CRLF.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when an address
 *   is not one mail can be sent to
 */
gchar *
pdn_mail_message_format (const PdnMailMessage *message, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) mailbox = g_string_new (NULL);
  g_autofree gchar *date = pdn_mail_format_date (message->date);
  g_autofree gchar *subject = pdn_mail_encode_phrase (message->subject, strlen ("Subject: "));
  g_autofree gchar *body = pdn_mail_quoted_printable (message->body);

  if (!pdn_mail_check_address (message->from_address, "from", error)
      || !pdn_mail_check_address (message->to_address, "email", error))
    return NULL;
  append_header (out, "Date", date);
  append_mailbox (mailbox, message->from_name, message->from_address, strlen ("From: "));
  append_header (out, "From", mailbox->str);
  g_string_truncate (mailbox, 0);
  append_mailbox (mailbox, message->to_name, message->to_address, strlen ("To: "));
  append_header (out, "To", mailbox->str);
  append_header (out, "Subject", subject);
  g_string_append_printf (out, "Message-ID: <%s>\r\n", message->message_id);
  append_header (out, "MIME-Version", "1.0");
  append_header (out, "Content-Type", "text/plain; charset=utf-8");
  append_header (out, "Content-Transfer-Encoding", "quoted-printable");
  /* RFC 3834: no vacation auto-replies to a machine. */
  append_header (out, "Auto-Submitted", "auto-generated");
  g_string_append (out, "\r\n");
  g_string_append (out, body);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
