/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* Teacher-leaders: people of any sector a teacher-led program selected to
 * lead courses, and the day they were trained. One row per program and
 * person in teacher_led_leaders. */

/* The plugin's schema, version 1. */
extern const gchar pdn_teacher_led_leaders_migration_v1[];

typedef struct
{
  gint64 program_id;
  gint64 person_id;
  gchar *selected_on; /* YYYY-MM-DD */
  gchar *trained_on;  /* YYYY-MM-DD, nullable: not trained yet */
  gint64 recorded_by_account_id; /* 0: none */
} PdnTeacherLeader;

void pdn_teacher_leader_clear (PdnTeacherLeader *leader);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnTeacherLeader, pdn_teacher_leader_clear)

/* Checks the dates: "selected_on" and "trained_on" are dates, and nobody is
 * trained before being selected. */
gboolean pdn_teacher_leader_validate (const PdnTeacherLeader *leader, GError **error);
/* Adds the record; PDN_ERROR_UNPROCESSABLE naming "person_id" for an
 * unknown person, PDN_ERROR_CONFLICT naming it when already recorded. */
gboolean pdn_teacher_leader_insert (PdnContext *context, const PdnTeacherLeader *leader,
                                    GError **error);
/* Changes the dates of an existing record. */
gboolean pdn_teacher_leader_update (PdnContext *context, const PdnTeacherLeader *leader,
                                    GError **error);
/* Reads a record into @leader; PDN_ERROR_NOT_FOUND naming "person_id". */
gboolean pdn_teacher_leader_load (PdnContext *context, gint64 program_id, gint64 person_id,
                                  PdnTeacherLeader *leader, GError **error);

/* Returns: (transfer full) (nullable): the record as the API shows it
 * (with the person's name), or %NULL with @error set. */
JsonNode *pdn_teacher_leader_to_json (PdnContext *context, gint64 program_id, gint64 person_id,
                                      GError **error);
/* Returns: (transfer full) (nullable): `{"items": [...]}`, by name. */
JsonNode *pdn_teacher_leader_list (PdnContext *context, gint64 program_id, GError **error);

/**
 * pdn_teacher_leader_check_facilitator:
 * @field: the field to name in the error, such as "facilitator_ids[0]"
 * @date: the session's local date: the leader must be trained by then
 *
 * Whether @person_id may lead a course session of @program_id on @date.
 */
gboolean pdn_teacher_leader_check_facilitator (PdnContext *context, gint64 program_id,
                                               gint64 person_id, const gchar *date,
                                               const gchar *field, GError **error);

G_END_DECLS
