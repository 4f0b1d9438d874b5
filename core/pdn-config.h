/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PDN_DEFAULT_LISTEN "127.0.0.1:8080"

#define PDN_TYPE_CONFIG (pdn_config_get_type ())
G_DECLARE_FINAL_TYPE (PdnConfig, pdn_config, PDN, CONFIG, GObject)

PdnConfig *pdn_config_new (void);
gboolean pdn_config_load_file (PdnConfig *self, const gchar *path, GError **error);
gboolean pdn_config_set_listen (PdnConfig *self, const gchar *listen, GError **error);
void pdn_config_set_data_dir (PdnConfig *self, const gchar *data_dir);
const gchar *pdn_config_get_listen_host (PdnConfig *self);
guint16 pdn_config_get_listen_port (PdnConfig *self);
const gchar *pdn_config_get_data_dir (PdnConfig *self);
GKeyFile *pdn_config_get_key_file (PdnConfig *self);
guint pdn_config_get_max_connections (PdnConfig *self);
guint pdn_config_get_stall_timeout (PdnConfig *self);
guint pdn_config_get_worker_threads (PdnConfig *self);
const gchar *pdn_config_get_public_url (PdnConfig *self);

gboolean pdn_config_parse_listen (const gchar *listen, gchar **host, guint16 *port,
                                  GError **error);
gchar *pdn_config_parse_public_url (const gchar *text, GError **error);

gboolean pdn_config_read_uint (GKeyFile *key_file, const gchar *group, const gchar *key,
                               guint min, guint max, guint *value, GError **error);

G_END_DECLS
