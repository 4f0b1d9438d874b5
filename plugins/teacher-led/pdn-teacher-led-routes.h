/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* Adds the teacher-leader routes under /api/v1/programs/{id}/: GET and
 * POST teacher-leaders, GET and PATCH teacher-leaders/{person_id}. For the
 * program's coordinators (PdnCaller.may_edit_program). */
void pdn_teacher_led_routes_add (PdnContext *context);

G_END_DECLS
