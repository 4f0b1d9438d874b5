/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* Teachers take one course per term, since a term's courses meet at the
 * same time: refuses @person_id a session of a course when they hold a
 * place (registered, waitlisted or pending) in another course of the same
 * program and term, with PDN_ERROR_CONFLICT naming that course. Runs
 * inside the registration's write transaction. */
gboolean pdn_teacher_led_check_one_course_per_term (PdnContext *context, JsonObject *program,
                                                    JsonObject *session, gint64 person_id,
                                                    GError **error);

/* Registering for one session of a course registers for the whole course:
 * appends the course's other sessions that are neither cancelled nor
 * started to @sessions (the same ones POST /series/{id}/registrations
 * takes). */
gboolean pdn_teacher_led_expand_to_course (PdnContext *context, JsonObject *session,
                                           GArray *sessions, GError **error);

G_END_DECLS
