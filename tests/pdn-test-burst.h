/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One request of a burst and, once run, its outcome. */
typedef struct
{
  const gchar *method;
  gchar *path;  /* below the daemon's URL, e.g. "/api/v1/health" */
  const gchar *token; /* nullable; not owned */
  gchar *body;  /* nullable JSON */
  guint status; /* 0 when the exchange failed (say, the daemon died) */
  gchar *response;
} PdnTestBurstItem;

/* Called on each reply as it arrives, in arrival order. */
typedef void (*PdnTestBurstReplyFunc) (PdnTestBurstItem *item, gpointer user_data);

/* Sends every item at once over @connections concurrent connections and
 * waits for all of them. */
void pdn_test_burst_run (const gchar *url, PdnTestBurstItem *items, guint n, guint connections,
                         PdnTestBurstReplyFunc on_reply, gpointer user_data);
void pdn_test_burst_items_free (PdnTestBurstItem *items, guint n);

G_END_DECLS
