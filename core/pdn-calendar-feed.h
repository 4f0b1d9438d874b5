/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* A person's secret calendar feed (table calendar_feeds): for calendar apps
 * that can fetch a URL but cannot send a bearer token. The secret is
 * "<person id>.<43 url-safe base64 characters>" (256 random bits): the id
 * finds the row by its key, and the random part is then compared in
 * constant time, so how long a lookup takes says nothing about any other
 * person's secret. */
typedef struct
{
  gint64 person_id;
  gchar *secret;
  gchar *created_at;
} PdnCalendarFeed;

void pdn_calendar_feed_free (PdnCalendarFeed *feed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCalendarFeed, pdn_calendar_feed_free)

PdnCalendarFeed *pdn_calendar_feed_ensure (PdnStore *store, gint64 person_id, GError **error);
PdnCalendarFeed *pdn_calendar_feed_rotate (PdnStore *store, gint64 person_id, GError **error);
gint64 pdn_calendar_feed_find_person (PdnStore *store, const gchar *secret, GError **error);

G_END_DECLS
