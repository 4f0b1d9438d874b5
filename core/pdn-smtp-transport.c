/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-smtp-transport.h"

/**
 * PdnSmtpTransport:
 *
 * Delivery to an SMTP server through libcurl: one connection per message
 * (notifications are few, and a fresh connection never finds a server
 * that timed out the last one), the envelope from the sender's and the
 * recipient's addresses, optional authentication and STARTTLS. A message
 * in flight stops when the sender's cancellable is cancelled, so the
 * daemon does not wait out a slow server when it stops.
 */
struct _PdnSmtpTransport
{
  GObject parent_instance;
  gchar *url;
  gchar *user;
  gchar *password;
  PdnSmtpTls tls;
  guint connect_timeout;
  guint timeout;
};

static void pdn_smtp_transport_iface_init (PdnMailTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnSmtpTransport, pdn_smtp_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_MAIL_TRANSPORT,
                                                      pdn_smtp_transport_iface_init))

static void
pdn_smtp_transport_finalize (GObject *object)
{
  PdnSmtpTransport *self = PDN_SMTP_TRANSPORT (object);

  g_free (self->url);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  G_OBJECT_CLASS (pdn_smtp_transport_parent_class)->finalize (object);
}

static void
pdn_smtp_transport_class_init (PdnSmtpTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_smtp_transport_finalize;
}

static void
pdn_smtp_transport_init (PdnSmtpTransport *self)
{
}

/* curl_global_init() is not thread-safe in older libcurls: the daemon
 * makes its transport on the main thread before the sender starts. */
static void
init_curl_once (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

PdnSmtpTransport *
pdn_smtp_transport_new (const PdnSmtpOptions *options)
{
  PdnSmtpTransport *self = g_object_new (PDN_TYPE_SMTP_TRANSPORT, NULL);

  init_curl_once ();
  self->url = g_strdup (options->url);
  self->user = g_strdup (options->user);
  self->password = g_strdup (options->password);
  self->tls = options->tls;
  self->connect_timeout = options->connect_timeout;
  self->timeout = options->timeout;
  return self;
}

/* The message, handed to libcurl piece by piece. */
typedef struct
{
  const gchar *data;
  gsize length;
  gsize offset;
} Upload;

static size_t
read_upload (char *buffer, size_t size, size_t count, void *user_data)
{
  Upload *upload = user_data;
  gsize n = MIN (size * count, upload->length - upload->offset);

  memcpy (buffer, upload->data + upload->offset, n);
  upload->offset += n;
  return n;
}

static int
abort_if_cancelled (void *user_data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                    curl_off_t ulnow)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

static long
use_ssl (PdnSmtpTls tls)
{
  switch (tls)
    {
    case PDN_SMTP_TLS_REQUIRED:
      return (long) CURLUSESSL_ALL;
    case PDN_SMTP_TLS_NONE:
      return (long) CURLUSESSL_NONE;
    case PDN_SMTP_TLS_TRY:
    default:
      return (long) CURLUSESSL_TRY;
    }
}

static void
set_server_options (PdnSmtpTransport *self, CURL *curl)
{
  curl_easy_setopt (curl, CURLOPT_URL, self->url);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS, (long) (CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
  curl_easy_setopt (curl, CURLOPT_USE_SSL, use_ssl (self->tls));
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) self->connect_timeout);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) self->timeout);
  /* Threads: no SIGALRM for name lookups. */
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  if (self->user != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, self->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password != NULL ? self->password : "");
    }
}

static gboolean
smtp_send (PdnMailTransport *transport, const gchar *name, const gchar *sender,
           const gchar *recipient, const gchar *text, GCancellable *cancellable, GError **error)
{
  PdnSmtpTransport *self = PDN_SMTP_TRANSPORT (transport);
  g_autofree gchar *from = g_strdup_printf ("<%s>", sender);
  g_autofree gchar *to = g_strdup_printf ("<%s>", recipient);
  Upload upload = { text, strlen (text), 0 };
  gchar message[CURL_ERROR_SIZE] = "";
  struct curl_slist *recipients = NULL;
  CURL *curl = curl_easy_init ();
  CURLcode code;
  long response = 0;

  if (curl == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s", "curl_easy_init failed");
      return FALSE;
    }
  recipients = curl_slist_append (NULL, to);
  set_server_options (self, curl);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, abort_if_cancelled);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, cancellable);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, message);
  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response);
  curl_easy_cleanup (curl);
  curl_slist_free_all (recipients);
  if (code == CURLE_OK)
    return TRUE;
  /* TRANSLATORS: delivery to the mail server failed; %s is libcurl's
   * explanation, %ld the server's last reply code (0 when none) */
  pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL, _("SMTP delivery failed: %s (%ld)"),
                       message[0] != '\0' ? message : curl_easy_strerror (code), response);
  return FALSE;
}

static void
pdn_smtp_transport_iface_init (PdnMailTransportInterface *iface)
{
  iface->send = smtp_send;
}
