/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A teacher-led program's settings, with the defaults filled in. */
typedef struct
{
  gint64 sessions_per_course;  /* the most sessions a course may have */
  gint64 sessions_to_complete; /* attending this many completes a course */
  gdouble credit_hours;        /* per completed course */
  gdouble graduate_credits;    /* per completed course */
} PdnTeacherLedSettings;

/* The settings' JSON Schema, for describe(); the core enforces it. */
JsonNode *pdn_teacher_led_settings_schema (void);
/* The rules the schema cannot state, for settings that passed it; the
 * error names "settings.<name>". */
gboolean pdn_teacher_led_settings_validate (JsonObject *settings, GError **error);
/* Reads (validated) @settings, with defaults for what they leave out. */
void pdn_teacher_led_settings_read (JsonObject *settings, PdnTeacherLedSettings *out);

G_END_DECLS
