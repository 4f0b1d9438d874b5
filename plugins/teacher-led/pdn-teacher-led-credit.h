/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* Fills @credit for @person_id in a teacher-led @program: a course is
 * completed by attending (present or partial) at least
 * `sessions_to_complete` of its sessions (4 of 5 by default), and each
 * completed course earns `credit_hours` and `graduate_credits`. */
gboolean pdn_teacher_led_compute_credit (PdnContext *context, JsonObject *program,
                                         gint64 person_id, JsonObject *credit, GError **error);

G_END_DECLS
