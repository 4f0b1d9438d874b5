/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-mail-message.h"
#include "pdn-test.h"

/* RFC 5322 text of a notification email: headers, encoded words,
 * quoted-printable, and no way for people's input to add a header. */

static GDateTime *
sample_date (void)
{
  return g_date_time_new_from_iso8601 ("2026-09-12T14:05:09Z", NULL);
}

static gchar *
format_sample (const gchar *subject, const gchar *to_name, const gchar *body)
{
  g_autoptr (GDateTime) date = sample_date ();
  g_autoptr (GError) error = NULL;
  PdnMailMessage message = { 0 };
  gchar *text;

  message.from_address = "pdnet@district-a.example";
  message.from_name = "District A PD";
  message.to_address = "ana@district-a.example";
  message.to_name = to_name;
  message.subject = subject;
  message.body = body;
  message.message_id = "pdnet-notification-42-20260912T140000Z@district-a.example";
  message.date = date;
  text = pdn_mail_message_format (&message, &error);
  g_assert_no_error (error);
  return text;
}

/* The headers (up to the blank line) and the body after it. */
static void
split_message (const gchar *text, gchar **head, gchar **body)
{
  const gchar *blank = strstr (text, "\r\n\r\n");

  g_assert_nonnull (blank);
  *head = g_strndup (text, blank - text + 2);
  *body = g_strdup (blank + 4);
}

/* Every line ends in CRLF and is at most 78 characters. */
static void
assert_lines (const gchar *text)
{
  const gchar *line = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*line != '\0')
    {
      const gchar *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_null (memchr (line, '\n', end - line));
      g_assert_null (memchr (line, '\r', end - line));
      g_assert_cmpint (end - line, <=, 78);
      line = end + 2;
    }
}

static void
test_headers (void)
{
  g_autofree gchar *text = format_sample ("Reminder: Guided reading", "Ana Teacher",
                                          "Hello Ana,\n\nSee you there.\n");
  g_autofree gchar *head = NULL;
  g_autofree gchar *body = NULL;

  split_message (text, &head, &body);
  assert_lines (text);
  g_assert_cmpstr (head, ==,
                   "Date: Sat, 12 Sep 2026 14:05:09 +0000\r\n"
                   "From: \"District A PD\" <pdnet@district-a.example>\r\n"
                   "To: \"Ana Teacher\" <ana@district-a.example>\r\n"
                   "Subject: Reminder: Guided reading\r\n"
                   "Message-ID: <pdnet-notification-42-20260912T140000Z@district-a.example>\r\n"
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n"
                   "Auto-Submitted: auto-generated\r\n");
  g_assert_cmpstr (body, ==, "Hello Ana,\r\n\r\nSee you there.\r\n");
}

static void
test_date (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("America/Chicago");
  g_autoptr (GDateTime) local = g_date_time_new (zone, 2026, 1, 4, 7, 3, 0);
  g_autoptr (GDateTime) utc = sample_date ();
  g_autofree gchar *chicago = pdn_mail_format_date (local);
  g_autofree gchar *text = pdn_mail_format_date (utc);

  g_assert_cmpstr (chicago, ==, "Sun, 04 Jan 2026 07:03:00 -0600");
  g_assert_cmpstr (text, ==, "Sat, 12 Sep 2026 14:05:09 +0000");
}

/* Decodes one =?UTF-8?B?...?= word. */
static gchar *
decode_word (const gchar *word)
{
  g_autofree gchar *inner = NULL;
  gsize length = 0;
  guchar *bytes;
  gchar *text;

  g_assert_true (g_str_has_prefix (word, "=?UTF-8?B?"));
  g_assert_true (g_str_has_suffix (word, "?="));
  inner = g_strndup (word + 10, strlen (word) - 12);
  bytes = g_base64_decode (inner, &length);
  text = g_strndup ((const gchar *) bytes, length);
  g_free (bytes);
  return text;
}

/* The decoded text of an encoded header value (words folded with CRLF SP). */
static gchar *
decode_value (const gchar *value)
{
  g_auto (GStrv) words = g_strsplit (value, "\r\n ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree gchar *decoded = decode_word (words[i]);

      g_assert_cmpuint (strlen (words[i]), <=, 75);
      g_assert_true (g_utf8_validate (words[i], -1, NULL));
      g_assert_true (g_utf8_validate (decoded, -1, NULL));
      g_string_append (out, decoded);
    }
  return g_string_free (out, FALSE);
}

/* The value of header @name, with its folds, without the final CRLF. */
static gchar *
header_value (const gchar *head, const gchar *name)
{
  g_autofree gchar *prefix = g_strconcat (name, ": ", NULL);
  const gchar *start = g_str_has_prefix (head, prefix) ? head : NULL;
  const gchar *end;
  g_autofree gchar *search = g_strconcat ("\r\n", prefix, NULL);

  if (start == NULL)
    {
      start = strstr (head, search);
      g_assert_nonnull (start);
      start += 2;
    }
  start += strlen (prefix);
  end = start;
  while ((end = strstr (end, "\r\n")) != NULL && end[2] == ' ')
    end += 2;
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
test_encoded_subject (void)
{
  const gchar *subject = "Cancelado: Técnicas de lectura guiada — sesión de otoño para "
                         "maestras y maestros de primaria (grupo ñandú) ✓";
  g_autofree gchar *text = format_sample (subject, "José Núñez", "Hola\n");
  g_autofree gchar *head = NULL;
  g_autofree gchar *body = NULL;
  g_autofree gchar *value = NULL;
  g_autofree gchar *decoded = NULL;
  g_autofree gchar *to = NULL;

  split_message (text, &head, &body);
  assert_lines (text);
  value = header_value (head, "Subject");
  g_assert_nonnull (strstr (value, "\r\n "));
  decoded = decode_value (value);
  g_assert_cmpstr (decoded, ==, subject);
  to = header_value (head, "To");
  g_assert_true (g_str_has_suffix (to, " <ana@district-a.example>"));
  to[strlen (to) - strlen (" <ana@district-a.example>")] = '\0';
  g_clear_pointer (&decoded, g_free);
  decoded = decode_value (to);
  g_assert_cmpstr (decoded, ==, "José Núñez");
  /* A long name's address goes on a line of its own. */
  {
    g_autofree gchar *a = g_strnfill (88, 'a');
    g_autofree gchar *name = g_strconcat ("é", a, NULL);
    g_autofree gchar *long_name = format_sample ("s", name, "x\n");

    assert_lines (long_name);
    g_assert_nonnull (strstr (long_name, "?=\r\n <ana@district-a.example>\r\n"));
  }
}

/* Titles and names are input: a newline must not start a header, quotes
 * and backslashes stay inside the quoted name. */
static void
test_no_header_injection (void)
{
  g_autofree gchar *text
      = format_sample ("Hi\r\nBcc: victim@example.org", "Eve \"the\" \\ Admin\nBcc: x@y.example",
                       "Body\n");
  g_autofree gchar *head = NULL;
  g_autofree gchar *body = NULL;

  split_message (text, &head, &body);
  assert_lines (text);
  g_assert_null (strstr (head, "\r\nBcc:"));
  g_assert_nonnull (strstr (head, "Subject: Hi  Bcc: victim@example.org\r\n"));
  g_assert_nonnull (
      strstr (head, "To: \"Eve \\\"the\\\" \\\\ Admin Bcc: x@y.example\" "
                    "<ana@district-a.example>"));
  /* Text that only looks like an encoded word is encoded itself. */
  {
    g_autofree gchar *tricky = format_sample ("=?UTF-8?B?SGk=?=", NULL, "x\n");
    g_autofree gchar *tricky_head = NULL;
    g_autofree gchar *tricky_body = NULL;
    g_autofree gchar *value = NULL;
    g_autofree gchar *decoded = NULL;

    split_message (tricky, &tricky_head, &tricky_body);
    value = header_value (tricky_head, "Subject");
    decoded = decode_value (value);
    g_assert_cmpstr (decoded, ==, "=?UTF-8?B?SGk=?=");
    g_assert_nonnull (strstr (tricky_head, "To: <ana@district-a.example>\r\n"));
  }
}

static void
test_long_ascii_subject_folds (void)
{
  g_autofree gchar *subject = g_strjoinv (" ", (gchar *[]) { "Reminder:", "Reading", "and",
                                                              "writing", "across", "the",
                                                              "curriculum", "in", "grades",
                                                              "three", "through", "five",
                                                              "with", "family", "engagement",
                                                              "strategies", NULL });
  g_autofree gchar *text = format_sample (subject, NULL, "x\n");
  g_autofree gchar *head = NULL;
  g_autofree gchar *body = NULL;
  g_autofree gchar *value = NULL;
  g_auto (GStrv) folds = NULL;
  g_autofree gchar *unfolded = NULL;

  split_message (text, &head, &body);
  assert_lines (text);
  value = header_value (head, "Subject");
  folds = g_strsplit (value, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (folds), >, 1);
  unfolded = g_strjoinv ("", folds);
  g_assert_cmpstr (unfolded, ==, subject);
}

/* Decodes quoted-printable back to text with LF line ends. */
static gchar *
decode_qp (const gchar *qp)
{
  GString *out = g_string_new (NULL);

  for (const gchar *p = qp; *p != '\0'; p++)
    {
      if (p[0] == '=' && p[1] == '\r' && p[2] == '\n')
        p += 2;
      else if (p[0] == '=')
        {
          g_assert_true (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]));
          g_string_append_c (out, (gchar) (g_ascii_xdigit_value (p[1]) * 16
                                           + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (p[0] == '\r' && p[1] == '\n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else
        {
          g_assert_cmpint ((guchar) *p, <, 128);
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_quoted_printable (void)
{
  g_autofree gchar *long_line = g_strnfill (200, 'a');
  g_autofree gchar *source = g_strconcat ("Hola José, 1+1=2 — “sí”\r\n",
                                          "trailing space \n",
                                          ".a line that starts with a dot\n", long_line,
                                          "\n\nAñadido: ", long_line, "ñ\n", NULL);
  g_autofree gchar *qp = pdn_mail_quoted_printable (source);
  g_autofree gchar *decoded = decode_qp (qp);
  g_autofree gchar *expected = NULL;
  g_autofree gchar *joined = NULL;
  g_auto (GStrv) lines = NULL;

  assert_lines (qp);
  g_assert_true (g_str_has_prefix (qp, "Hola Jos=C3=A9, 1+1=3D2 =E2=80=94"));
  g_assert_nonnull (strstr (qp, "trailing space=20\r\n"));
  g_assert_nonnull (strstr (qp, "\r\n=2Ea line"));
  lines = g_strsplit (qp, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 76);
  /* CRLF and LF both come out as one line end. */
  lines = (g_strfreev (lines), g_strsplit (source, "\r\n", -1));
  joined = g_strjoinv ("\n", lines);
  g_assert_cmpstr (decoded, ==, joined);
  expected = pdn_mail_quoted_printable ("no newline at the end");
  g_assert_cmpstr (expected, ==, "no newline at the end\r\n");
}

static void
test_bad_addresses (void)
{
  const gchar *bad[] = { NULL,
                         "",
                         "no-at.example",
                         "@district.example",
                         "ana@",
                         "ana@b@c.example",
                         "ana smith@district.example",
                         "ana@district.example>\r\nBcc: x@y.example",
                         "<ana@district.example>",
                         "ana\"@district.example" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (pdn_mail_check_address (bad[i], "email", &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
      g_assert_cmpstr (pdn_error_get_field (error), ==, "email");
    }
  g_assert_true (pdn_mail_check_address ("ana.o'neil+pd@district-a.example", "email", NULL));
  g_assert_true (pdn_mail_check_address ("josé@escuela.example", "email", NULL));
  /* A message to a bad address is refused, naming the field. */
  {
    g_autoptr (GDateTime) date = sample_date ();
    g_autoptr (GError) error = NULL;
    PdnMailMessage message = { "pdnet@district.example", NULL, "bad address", NULL, "s", "b",
                               "id@district.example", date };

    g_assert_null (pdn_mail_message_format (&message, &error));
    g_assert_cmpstr (pdn_error_get_field (error), ==, "email");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/mail-message/headers", test_headers);
  g_test_add_func ("/pdnet/mail-message/date", test_date);
  g_test_add_func ("/pdnet/mail-message/encoded-subject", test_encoded_subject);
  g_test_add_func ("/pdnet/mail-message/no-header-injection", test_no_header_injection);
  g_test_add_func ("/pdnet/mail-message/long-ascii-subject-folds", test_long_ascii_subject_folds);
  g_test_add_func ("/pdnet/mail-message/quoted-printable", test_quoted_printable);
  g_test_add_func ("/pdnet/mail-message/bad-addresses", test_bad_addresses);
  return g_test_run ();
}
