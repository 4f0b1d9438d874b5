/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-calendar.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Feeds leave out sessions that ended more than this many days ago: a
 * calendar app keeps what it already has, and a feed stays small. */
#define PDN_CALENDAR_PAST_DAYS 90
/* The most events one feed holds, the earliest first. */
#define PDN_CALENDAR_MAX_EVENTS 5000

gchar *pdn_calendar_events_default_since (void);

/* Sessions as calendar events (PdnCalendarEvent), in start order, that end
 * after @since (RFC 3339 UTC). */
GPtrArray *pdn_calendar_events_for_catalog (PdnStore *store, gint64 program_id,
                                            const gchar *since, GError **error);
GPtrArray *pdn_calendar_events_for_person (PdnStore *store, gint64 person_id,
                                           const gchar *since, GError **error);

G_END_DECLS
