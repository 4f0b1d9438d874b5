/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-attendance.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_ROSTER_ENTRY (pdn_roster_entry_get_type ())
G_DECLARE_FINAL_TYPE (PdnRosterEntry, pdn_roster_entry, PDN, ROSTER_ENTRY, GObject)

/* One line of a session's attendance sheet: someone with an active
 * registration (registered, waitlisted or pending approval) or with
 * attendance recorded, which includes walk-ins who never registered.
 * Read only: it joins people, registrations, attendance and the history. */
struct _PdnRosterEntry
{
  GObject parent_instance;
  gint64 person_id;
  gchar *name;
  gchar *email;
  gint registration_status;  /* PdnRegistrationStatus; -1: no active registration */
  PdnAttendance *attendance; /* the current row; NULL: nothing recorded yet */
  /* The person's check-in, from the history: a later roster entry changes
   * the current row but never this. NULL: never checked in. */
  gchar *checked_in_at;
};

/* Everyone on the session's sheet, by name then person id. */
GPtrArray *pdn_roster_entry_list_for_session (PdnStore *store, gint64 session_id,
                                              GError **error);
/* One person's line; PDN_ERROR_NOT_FOUND when they are not on the sheet. */
PdnRosterEntry *pdn_roster_entry_load (PdnStore *store, gint64 session_id, gint64 person_id,
                                       GError **error);

G_END_DECLS
