/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One plain-text email, to be written as RFC 5322 text. The strings are
 * borrowed; names may be %NULL. */
typedef struct
{
  const gchar *from_address;
  const gchar *from_name;
  const gchar *to_address;
  const gchar *to_name;
  const gchar *subject;
  const gchar *body;
  const gchar *message_id; /* without the angle brackets */
  GDateTime *date;
} PdnMailMessage;

gchar *pdn_mail_message_format (const PdnMailMessage *message, GError **error);
gboolean pdn_mail_check_address (const gchar *address, const gchar *field, GError **error);
gchar *pdn_mail_format_date (GDateTime *date);
gchar *pdn_mail_encode_phrase (const gchar *text, gsize offset);
gchar *pdn_mail_quoted_printable (const gchar *text);

G_END_DECLS
