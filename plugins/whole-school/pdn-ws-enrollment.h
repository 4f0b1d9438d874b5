/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-ws-requirements.h"
#include "pdn-ws-settings.h"

G_BEGIN_DECLS

/**
 * PdnWsTeamMember:
 * @role: "leader", "teacher" or "coach"; %NULL until checked, when it
 *   defaults from the person's own role
 * @grade_level: (nullable): such as "K", "3" or "6-8"
 * @name: the person's name, once loaded or checked
 */
typedef struct
{
  gint64 person_id;
  gchar *role;
  gchar *grade_level;
  gchar *name;
} PdnWsTeamMember;

/**
 * PdnWsEnrollment:
 *
 * One school enrolled in a whole-school program: its team (leadership and
 * grade-level teachers), its technical readiness, and the program's core
 * elements it commits to.
 */
typedef struct
{
  gint64 id;
  gint64 program_id;
  gint64 school_id;
  gchar *school_name;
  gchar *starts_on;
  gdouble devices_per_student;
  gdouble bandwidth_mbps_per_student;
  GPtrArray *commitments; /* gchar* core element ids */
  GPtrArray *team;        /* PdnWsTeamMember* */
  gchar *created_at;
  gchar *updated_at;
} PdnWsEnrollment;

extern const gchar *const pdn_ws_team_roles[];

PdnWsEnrollment *pdn_ws_enrollment_new (void);
void pdn_ws_enrollment_free (PdnWsEnrollment *self);
PdnWsTeamMember *pdn_ws_enrollment_add_member (PdnWsEnrollment *self, gint64 person_id,
                                               const gchar *role, const gchar *grade_level);
gboolean pdn_ws_enrollment_has_commitment (PdnWsEnrollment *self, const gchar *element);
PdnWsEnrollment *pdn_ws_enrollment_from_json (JsonNode *body, PdnWsSettings *settings,
                                              gint64 school_id, GError **error);
JsonNode *pdn_ws_enrollment_to_json (PdnWsEnrollment *self);

/* pdn-ws-enrollment-check.c */
gboolean pdn_ws_enrollment_check (PdnWsEnrollment *self, PdnContext *context,
                                  JsonObject *program, PdnWsSettings *settings, GError **error);
void pdn_ws_enrollment_check_readiness (PdnWsEnrollment *self, PdnWsSettings *settings,
                                        PdnWsRequirements *unmet);
void pdn_ws_enrollment_check_commitments (PdnWsEnrollment *self, PdnWsSettings *settings,
                                          PdnWsRequirements *unmet);

/* pdn-ws-enrollment-store.c */
gboolean pdn_ws_enrollment_insert (PdnWsEnrollment *self, PdnContext *context,
                                   gint64 account_id, GError **error);
gboolean pdn_ws_enrollment_replace (PdnWsEnrollment *self, PdnContext *context, GError **error);
PdnWsEnrollment *pdn_ws_enrollment_load (PdnContext *context, gint64 program_id,
                                         gint64 school_id, GError **error);
GPtrArray *pdn_ws_enrollment_list (PdnContext *context, gint64 program_id, GError **error);
gboolean pdn_ws_enrollment_exists (PdnContext *context, gint64 program_id, gint64 school_id,
                                   gboolean *exists, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnWsEnrollment, pdn_ws_enrollment_free)

G_END_DECLS
