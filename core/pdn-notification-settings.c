/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-config.h"
#include "pdn-mail-message.h"
#include "pdn-notification-settings.h"
#include "pdn-outbox-dir.h"

#define DEFAULT_FROM "pdnet@localhost"

PdnNotificationSettings *
pdn_notification_settings_new (void)
{
  PdnNotificationSettings *self = g_new0 (PdnNotificationSettings, 1);

  self->from_address = g_strdup (DEFAULT_FROM);
  self->from_name = g_strdup ("pdnet");
  self->smtp_tls = PDN_SMTP_TLS_TRY;
  self->smtp_connect_timeout = 10;
  self->smtp_timeout = 60;
  self->poll_interval = 60;
  self->retry_delay = 60;
  self->retry_max_delay = 3600;
  self->max_attempts = 8;
  self->batch_size = 50;
  return self;
}

void
pdn_notification_settings_free (PdnNotificationSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->from_address);
  g_free (self->from_name);
  g_free (self->smtp_url);
  g_free (self->smtp_user);
  g_free (self->smtp_password);
  g_free (self);
}

PdnNotificationSettings *
pdn_notification_settings_copy (const PdnNotificationSettings *self)
{
  PdnNotificationSettings *copy = g_memdup2 (self, sizeof *self);

  copy->language = g_strdup (self->language);
  copy->from_address = g_strdup (self->from_address);
  copy->from_name = g_strdup (self->from_name);
  copy->smtp_url = g_strdup (self->smtp_url);
  copy->smtp_user = g_strdup (self->smtp_user);
  copy->smtp_password = g_strdup (self->smtp_password);
  return copy;
}

/* Replaces *@value with @key's text when the key is there (blank: unset). */
static void
load_text (GKeyFile *key_file, const gchar *key, gchar **value)
{
  g_autofree gchar *text = g_key_file_get_string (key_file, PDN_NOTIFICATIONS_GROUP, key, NULL);

  if (text == NULL)
    return;
  g_free (*value);
  *value = g_strstrip (text)[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
load_number (GKeyFile *key_file, const gchar *key, guint min, guint max, guint *value,
             GError **error)
{
  return pdn_config_read_uint (key_file, PDN_NOTIFICATIONS_GROUP, key, min, max, value, error);
}

static gboolean
load_numbers (PdnNotificationSettings *self, GKeyFile *key_file, GError **error)
{
  return load_number (key_file, "smtp-connect-timeout", 1, 600, &self->smtp_connect_timeout,
                      error)
         && load_number (key_file, "smtp-timeout", 1, 3600, &self->smtp_timeout, error)
         && load_number (key_file, "poll-interval", 1, 3600, &self->poll_interval, error)
         && load_number (key_file, "retry-delay", 1, 86400, &self->retry_delay, error)
         && load_number (key_file, "retry-max-delay", 1, 604800, &self->retry_max_delay, error)
         && load_number (key_file, "max-attempts", 1, 100, &self->max_attempts, error);
}

/* smtp-tls: try, required or none; by default required when a password
 * would be sent, else try. */
static gboolean
load_tls (PdnNotificationSettings *self, GKeyFile *key_file, GError **error)
{
  static const gchar *const names[] = { "try", "required", "none" };
  g_autofree gchar *text = g_key_file_get_string (key_file, PDN_NOTIFICATIONS_GROUP, "smtp-tls",
                                                  NULL);

  self->smtp_tls = self->smtp_user != NULL ? PDN_SMTP_TLS_REQUIRED : PDN_SMTP_TLS_TRY;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (g_strstrip (text), names[i]) == 0)
      {
        self->smtp_tls = (PdnSmtpTls) i;
        return TRUE;
      }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "smtp-tls",
                       _("smtp-tls must be try, required or none"));
  return FALSE;
}

static gboolean
check_smtp_url (const gchar *url, GError **error)
{
  if (url == NULL || g_str_has_prefix (url, "smtp://") || g_str_has_prefix (url, "smtps://"))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "smtp-url",
                       _("smtp-url must start with smtp:// or smtps://, such as "
                         "smtp://mail.example.org:587"));
  return FALSE;
}

/**
 * pdn_notification_settings_load:
 *
 * Reads the [notifications] group of @key_file over the defaults; an
 * error names the bad key.
 */
gboolean
pdn_notification_settings_load (PdnNotificationSettings *self, GKeyFile *key_file,
                                GError **error)
{
  load_text (key_file, "language", &self->language);
  load_text (key_file, "from", &self->from_address);
  load_text (key_file, "from-name", &self->from_name);
  load_text (key_file, "smtp-url", &self->smtp_url);
  load_text (key_file, "smtp-user", &self->smtp_user);
  load_text (key_file, "smtp-password", &self->smtp_password);
  if (self->from_address == NULL)
    self->from_address = g_strdup (DEFAULT_FROM);
  return pdn_mail_check_address (self->from_address, "from", error)
         && check_smtp_url (self->smtp_url, error) && load_tls (self, key_file, error)
         && load_numbers (self, key_file, error);
}

/* SMTP when smtp-url is set, else one file per message in @outbox_path. */
PdnMailTransport *
pdn_notification_settings_make_transport (const PdnNotificationSettings *self,
                                          const gchar *outbox_path)
{
  PdnSmtpOptions options = { 0 };

  if (self->smtp_url == NULL)
    return PDN_MAIL_TRANSPORT (pdn_outbox_dir_new (outbox_path));
  options.url = self->smtp_url;
  options.user = self->smtp_user;
  options.password = self->smtp_password;
  options.tls = self->smtp_tls;
  options.connect_timeout = self->smtp_connect_timeout;
  options.timeout = self->smtp_timeout;
  return PDN_MAIL_TRANSPORT (pdn_smtp_transport_new (&options));
}
