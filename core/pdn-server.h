/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pdn-router.h"
#include "pdn-web-root.h"
#include "pdn-write-queue.h"

G_BEGIN_DECLS

#define PDN_SERVER_DEFAULT_MAX_CONNECTIONS 256
#define PDN_SERVER_DEFAULT_STALL_TIMEOUT 30 /* seconds */
#define PDN_SERVER_DEFAULT_MAX_BODY_SIZE (1024 * 1024)
#define PDN_SERVER_DEFAULT_WORKER_THREADS 4
#define PDN_SERVER_DEFAULT_WORKER_QUEUE 64

/**
 * PdnServerLimits:
 * @max_connections: connections open at once; more are turned away (503)
 * @stall_timeout: seconds a client may take to send a request's headers,
 *   and then to make any progress reading or writing
 * @max_body_size: the largest request body, in bytes (413 beyond)
 * @worker_threads: slow handlers running at once
 * @worker_queue: slow requests waiting for a worker (503 beyond)
 */
typedef struct
{
  guint max_connections;
  guint stall_timeout;
  gsize max_body_size;
  guint worker_threads;
  guint worker_queue;
} PdnServerLimits;

void pdn_server_limits_init (PdnServerLimits *limits);

#define PDN_TYPE_SERVER (pdn_server_get_type ())
G_DECLARE_FINAL_TYPE (PdnServer, pdn_server, PDN, SERVER, GObject)

PdnServer *pdn_server_new (PdnRouter *router, const PdnServerLimits *limits, GError **error);
gboolean pdn_server_listen (PdnServer *self, const gchar *host, guint16 port, GError **error);
gchar *pdn_server_get_url (PdnServer *self);
guint16 pdn_server_get_port (PdnServer *self);
PdnRouter *pdn_server_get_router (PdnServer *self);
guint pdn_server_get_connection_count (PdnServer *self);
guint pdn_server_get_worker_jobs (PdnServer *self);
void pdn_server_set_write_queue (PdnServer *self, PdnWriteQueue *queue);
guint pdn_server_get_write_jobs (PdnServer *self);
void pdn_server_stop (PdnServer *self);
gboolean pdn_server_is_drained (PdnServer *self);

void pdn_server_set_web_root (PdnServer *self, PdnWebRoot *root);

G_END_DECLS
