/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading the core's JSON (a member may be absent or null) and the plugin's
 * own small values. */

/* Returns: (nullable): the string member, or %NULL when absent, null or
 * not a string. */
const gchar *pdn_teacher_led_json_text (JsonObject *object, const gchar *name);
/* Returns: the integer member, or 0 when absent, null or not an integer. */
gint64 pdn_teacher_led_json_id (JsonObject *object, const gchar *name);
/* Returns: (nullable): the object member, or %NULL. */
JsonObject *pdn_teacher_led_json_object (JsonObject *object, const gchar *name);
gboolean pdn_teacher_led_is_blank (const gchar *text);
/* Whether @text is a calendar date written YYYY-MM-DD. */
gboolean pdn_teacher_led_is_date (const gchar *text);
/* Now, RFC 3339 in UTC ("2026-09-12T14:00:00Z"), as the core stores times. */
gchar *pdn_teacher_led_now_utc (void);

G_END_DECLS
