/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* The kinds a teacher-led program holds. */
#define PDN_TEACHER_LED_SERIES_KIND "course"
#define PDN_TEACHER_LED_SESSION_KIND "course-session"

/* A course: a series of kind "course" with a topic and a term (courses of
 * one term meet at the same time). */
gboolean pdn_teacher_led_check_course (JsonObject *series, GError **error);
/* A course session: of kind "course-session", in a course of the program
 * that has room for it (sessions_per_course), with a topic, a host school
 * and one or two facilitators who are teacher-leaders trained by its day. */
gboolean pdn_teacher_led_check_course_session (PdnContext *context, JsonObject *program,
                                               JsonObject *session, GError **error);

G_END_DECLS
