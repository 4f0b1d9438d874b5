/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-mail-transport.h"

G_BEGIN_DECLS

/* STARTTLS on smtp:// URLs (smtps:// is TLS from the start). */
typedef enum
{
  PDN_SMTP_TLS_TRY,      /* when the server offers it */
  PDN_SMTP_TLS_REQUIRED, /* or fail */
  PDN_SMTP_TLS_NONE,     /* never (a relay on localhost) */
} PdnSmtpTls;

/* How to reach the server; the strings are copied. */
typedef struct
{
  const gchar *url;      /* smtp://host:port or smtps://host:port */
  const gchar *user;     /* nullable: no authentication */
  const gchar *password; /* nullable */
  PdnSmtpTls tls;
  guint connect_timeout; /* seconds */
  guint timeout;         /* seconds for a whole message */
} PdnSmtpOptions;

#define PDN_TYPE_SMTP_TRANSPORT (pdn_smtp_transport_get_type ())
G_DECLARE_FINAL_TYPE (PdnSmtpTransport, pdn_smtp_transport, PDN, SMTP_TRANSPORT, GObject)

PdnSmtpTransport *pdn_smtp_transport_new (const PdnSmtpOptions *options);

G_END_DECLS
