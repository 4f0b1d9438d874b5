/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_ATTENDANCE (pdn_attendance_get_type ())
G_DECLARE_FINAL_TYPE (PdnAttendance, pdn_attendance, PDN, ATTENDANCE, GObject)

/* Whether a person attended a session. The current row lives in
 * `attendance`; every save also appends to `attendance_history`, which is
 * never updated or deleted, so corrections stay auditable. */
struct _PdnAttendance
{
  GObject parent_instance;
  gint64 session_id;
  gint64 person_id;
  PdnAttendanceStatus status;
  gint64 minutes; /* -1: not given (a present row then counts the session length) */
  PdnAttendanceSource source;
  gint64 recorded_by_account_id; /* 0: none */
  gchar *recorded_at;            /* now when NULL */
};

PdnAttendance *pdn_attendance_new (void);
/* "minutes" negative or over 24 h, "status", "source"... */
gboolean pdn_attendance_validate (PdnAttendance *self, GError **error);
/* Inserts or replaces the current row and appends the history row, in one
 * transaction; checks that the session and person exist. */
gboolean pdn_attendance_record (PdnAttendance *self, PdnStore *store, GError **error);
PdnAttendance *pdn_attendance_load (PdnStore *store, gint64 session_id, gint64 person_id,
                                    GError **error);
GPtrArray *pdn_attendance_list_for_session (PdnStore *store, gint64 session_id, GError **error);
/* Every recorded change for one person in one session, oldest first. */
GPtrArray *pdn_attendance_history (PdnStore *store, gint64 session_id, gint64 person_id,
                                   GError **error);

G_END_DECLS
