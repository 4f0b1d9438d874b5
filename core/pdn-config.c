/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-config.h"
#include "pdn-data-dir.h"
#include "pdn-server.h"

/**
 * PdnConfig:
 *
 * pdnetd's settings: a GKeyFile (see data/pdnetd.conf.example) whose
 * [pdnetd] group is overridden by command-line options. Other groups are
 * kept for the parts that own them (plugins, analyses).
 */
struct _PdnConfig
{
  GObject parent_instance;
  GKeyFile *key_file;
  gchar *listen_host;
  guint16 listen_port;
  gchar *data_dir;
  guint max_connections;
  guint stall_timeout;
  guint worker_threads;
  gchar *public_url; /* nullable */
};

G_DEFINE_FINAL_TYPE (PdnConfig, pdn_config, G_TYPE_OBJECT)

static void
pdn_config_finalize (GObject *object)
{
  PdnConfig *self = PDN_CONFIG (object);

  g_key_file_unref (self->key_file);
  g_free (self->listen_host);
  g_free (self->data_dir);
  g_free (self->public_url);
  G_OBJECT_CLASS (pdn_config_parent_class)->finalize (object);
}

static void
pdn_config_class_init (PdnConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_config_finalize;
}

static void
pdn_config_init (PdnConfig *self)
{
  self->key_file = g_key_file_new ();
  self->listen_host = g_strdup ("127.0.0.1");
  self->listen_port = 8080;
  self->data_dir = pdn_data_dir_default_path ();
  self->max_connections = PDN_SERVER_DEFAULT_MAX_CONNECTIONS;
  self->stall_timeout = PDN_SERVER_DEFAULT_STALL_TIMEOUT;
  self->worker_threads = PDN_SERVER_DEFAULT_WORKER_THREADS;
}

PdnConfig *
pdn_config_new (void)
{
  return g_object_new (PDN_TYPE_CONFIG, NULL);
}

/**
 * pdn_config_parse_listen:
 *
 * Parses "ADDR:PORT" or "[IPV6]:PORT"; port 0 asks for a free port.
 */
gboolean
pdn_config_parse_listen (const gchar *listen, gchar **host, guint16 *port, GError **error)
{
  const gchar *colon = listen != NULL ? strrchr (listen, ':') : NULL;
  g_autofree gchar *addr = NULL;
  guint64 number = 0;

  if (colon == NULL || colon == listen
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &number, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "listen",
                           _("listen must be ADDRESS:PORT, such as 127.0.0.1:8080"));
      return FALSE;
    }
  addr = g_strndup (listen, colon - listen);
  if (addr[0] == '[' && addr[strlen (addr) - 1] == ']')
    {
      gchar *inner = g_strndup (addr + 1, strlen (addr) - 2);
      g_free (addr);
      addr = inner;
    }
  if (!g_hostname_is_ip_address (addr) && g_strcmp0 (addr, "localhost") != 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "listen",
                           _("listen must name an IP address, not %s"), addr);
      return FALSE;
    }
  *host = g_steal_pointer (&addr);
  *port = (guint16) number;
  return TRUE;
}

gboolean
pdn_config_set_listen (PdnConfig *self, const gchar *listen, GError **error)
{
  gchar *host = NULL;
  guint16 port = 0;

  if (!pdn_config_parse_listen (listen, &host, &port, error))
    return FALSE;
  g_free (self->listen_host);
  self->listen_host = host;
  self->listen_port = port;
  return TRUE;
}

void
pdn_config_set_data_dir (PdnConfig *self, const gchar *data_dir)
{
  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
}

/**
 * pdn_config_read_uint:
 *
 * Reads [@group] @key as a whole number in [@min, @max] into @value, which
 * keeps its default when the key is absent; anything else is an error
 * naming the key.
 */
gboolean
pdn_config_read_uint (GKeyFile *key_file, const gchar *group, const gchar *key, guint min,
                      guint max, guint *value, GError **error)
{
  g_autofree gchar *text = g_key_file_get_string (key_file, group, key, NULL);
  guint64 number = 0;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (g_strstrip (text), 10, min, max, &number, NULL))
    {
      /* TRANSLATORS: a setting's name, then the smallest and largest values */
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, key,
                           _("%s must be a whole number from %u to %u"), key, min, max);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

static gboolean
load_number (GKeyFile *key_file, const gchar *key, guint min, guint max, guint *value,
             GError **error)
{
  return pdn_config_read_uint (key_file, "pdnetd", key, min, max, value, error);
}

static gboolean
load_limits (PdnConfig *self, GError **error)
{
  return load_number (self->key_file, "max-connections", 1, 100000, &self->max_connections, error)
         && load_number (self->key_file, "stall-timeout", 1, 3600, &self->stall_timeout, error)
         && load_number (self->key_file, "worker-threads", 1, 256, &self->worker_threads, error);
}

/**
 * pdn_config_parse_public_url:
 *
 * Checks a public-url: an absolute http or https URL with a host and no
 * query, fragment or user name. A path is allowed (a proxy may serve
 * pdnetd under one).
 *
 * Returns: (transfer full) (nullable): the URL without a trailing slash,
 *   or %NULL with an error naming "public-url"
 */
gchar *
pdn_config_parse_public_url (const gchar *text, GError **error)
{
  g_autoptr (GUri) uri = text != NULL ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;
  gsize length;

  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "public-url",
                           _("public-url must be an http or https URL such as "
                             "https://pd.example.org"));
      return NULL;
    }
  length = strlen (text);
  while (length > 0 && text[length - 1] == '/')
    length--;
  return g_strndup (text, length);
}

static gboolean
load_public_url (PdnConfig *self, GError **error)
{
  g_autofree gchar *text = g_key_file_get_string (self->key_file, "pdnetd", "public-url", NULL);

  if (text == NULL || g_strstrip (text)[0] == '\0')
    return TRUE;
  g_free (self->public_url);
  self->public_url = pdn_config_parse_public_url (text, error);
  return self->public_url != NULL;
}

gboolean
pdn_config_load_file (PdnConfig *self, const gchar *path, GError **error)
{
  g_autofree gchar *listen = NULL;
  g_autofree gchar *data_dir = NULL;

  if (!g_key_file_load_from_file (self->key_file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  listen = g_key_file_get_string (self->key_file, "pdnetd", "listen", NULL);
  if (listen != NULL && !pdn_config_set_listen (self, listen, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  data_dir = g_key_file_get_string (self->key_file, "pdnetd", "data-dir", NULL);
  if (data_dir != NULL)
    pdn_config_set_data_dir (self, data_dir);
  if (!load_limits (self, error) || !load_public_url (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

const gchar *
pdn_config_get_listen_host (PdnConfig *self)
{
  return self->listen_host;
}

guint16
pdn_config_get_listen_port (PdnConfig *self)
{
  return self->listen_port;
}

const gchar *
pdn_config_get_data_dir (PdnConfig *self)
{
  return self->data_dir;
}

/* The whole file, for the groups other parts of pdnet own. */
GKeyFile *
pdn_config_get_key_file (PdnConfig *self)
{
  return self->key_file;
}

/* Connections served at once ([pdnetd] max-connections). */
guint
pdn_config_get_max_connections (PdnConfig *self)
{
  return self->max_connections;
}

/* Seconds a client may stall sending or receiving ([pdnetd] stall-timeout). */
guint
pdn_config_get_stall_timeout (PdnConfig *self)
{
  return self->stall_timeout;
}

/* Where clients reach pdnetd ([pdnetd] public-url), or NULL. */
const gchar *
pdn_config_get_public_url (PdnConfig *self)
{
  return self->public_url;
}

/* Threads for slow requests ([pdnetd] worker-threads). */
guint
pdn_config_get_worker_threads (PdnConfig *self)
{
  return self->worker_threads;
}
