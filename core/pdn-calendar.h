/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PDN_CALENDAR_STATUS_CONFIRMED,
  PDN_CALENDAR_STATUS_TENTATIVE,
  PDN_CALENDAR_STATUS_CANCELLED,
} PdnCalendarStatus;

/* One session as a calendar shows it. Timestamps are RFC 3339 UTC as
 * stored ("2026-10-31T14:00:00Z"); @time_zone is the session's IANA zone. */
typedef struct
{
  gint64 session_id;
  gchar *summary;
  gchar *description; /* nullable */
  gchar *location;    /* nullable */
  gchar *url;         /* nullable */
  gchar *starts_at;
  gchar *ends_at;
  gchar *time_zone;
  gchar *created_at;
  gchar *updated_at; /* LAST-MODIFIED; SEQUENCE grows with it */
  PdnCalendarStatus status;
} PdnCalendarEvent;

PdnCalendarEvent *pdn_calendar_event_new (void);
void pdn_calendar_event_free (PdnCalendarEvent *event);
gint64 pdn_calendar_event_sequence (const PdnCalendarEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCalendarEvent, pdn_calendar_event_free)

#define PDN_TYPE_CALENDAR (pdn_calendar_get_type ())
G_DECLARE_FINAL_TYPE (PdnCalendar, pdn_calendar, PDN, CALENDAR, GObject)

PdnCalendar *pdn_calendar_new (const gchar *name, const gchar *uid_domain);
gboolean pdn_calendar_add_event (PdnCalendar *self, const PdnCalendarEvent *event,
                                 GError **error);
guint pdn_calendar_get_size (PdnCalendar *self);
GBytes *pdn_calendar_to_bytes (PdnCalendar *self);

G_END_DECLS
