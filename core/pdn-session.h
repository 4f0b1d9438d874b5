/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SESSION (pdn_session_get_type ())
G_DECLARE_FINAL_TYPE (PdnSession, pdn_session, PDN, SESSION, GObject)

/* One meeting of a program. Times are set as RFC 3339 with an offset and
 * kept normalized to UTC ("2026-09-12T14:00:00Z"); `time_zone` is the IANA
 * zone the session happens in, and `local_date` (derived on save) is the
 * day in that zone, used to credit participation to a school. */
struct _PdnSession
{
  GObject parent_instance;
  gint64 id;
  gint64 program_id;
  gint64 series_id; /* 0: none */
  gchar *kind;      /* free text owned by the program type */
  gchar *title;
  gchar *topic;     /* nullable */
  gchar *starts_at;
  gchar *ends_at;
  gchar *time_zone; /* "America/Chicago" */
  gchar *local_date;
  gint64 host_school_id; /* 0: none */
  gchar *location;       /* nullable free text */
  gint64 capacity;       /* -1: unlimited */
  GArray *facilitator_ids; /* gint64 person ids */
  gchar *registration_opens_at;  /* nullable */
  gchar *registration_closes_at; /* nullable */
  gchar *cancellation_cutoff;    /* nullable */
  PdnSessionState state;
  gchar *check_in_code; /* generated on insert when NULL */
  gchar *curriculum_slug;   /* nullable; filled by the curricula store */
  gchar *curriculum_commit; /* nullable */
  gchar *created_at;
  gchar *updated_at;
};

PdnSession *pdn_session_new (void);
void pdn_session_add_facilitator (PdnSession *self, gint64 person_id);
/* Normalizes the timestamps to UTC and checks every field: "ends_at"
 * before "starts_at", "capacity" negative, "time_zone" unknown,
 * "registration_closes_at" before "registration_opens_at", "state"... */
gboolean pdn_session_validate (PdnSession *self, GError **error);
/* insert/update also check that the program, series (same program), host
 * school and facilitators exist, and generate the check-in code when NULL;
 * a code another session uses is a PDN_ERROR_CONFLICT naming
 * "check_in_code". */
gboolean pdn_session_insert (PdnSession *self, PdnStore *store, GError **error);
gboolean pdn_session_update (PdnSession *self, PdnStore *store, GError **error);
PdnSession *pdn_session_load (PdnStore *store, gint64 id, GError **error);
/* Sessions of a program ordered by start; @series_id 0 lists them all. */
GPtrArray *pdn_session_list_for_program (PdnStore *store, gint64 program_id, gint64 series_id,
                                         GError **error);
gboolean pdn_session_delete (PdnStore *store, gint64 id, GError **error);
gint64 pdn_session_minutes (PdnSession *self);
gchar *pdn_session_generate_check_in_code (void);

G_END_DECLS
