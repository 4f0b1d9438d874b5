/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PdnWsSettings:
 * @model: the model's name, or %NULL
 * @core_elements: (element-type utf8): what every school commits to, such
 *   as "one-to-one-mentoring" (at least one)
 * @min_devices_per_student: readiness floor (0: none)
 * @min_bandwidth_mbps_per_student: readiness floor in Mbps (0: none)
 * @min_leaders: school leaders a team needs (default 1)
 * @min_teachers: teachers a team needs (default 1)
 * @coaching_calls_per_month: the coaching cadence (default 1)
 * @coaching_months: which calendar months (1-12) coaching runs in
 * @training_days_required: summer-training days that complete the
 *   program, or -1 for all of the program's (default)
 * @graduate_credits: credits a completer earns (default 0)
 *
 * A whole-school program's settings, read from the program's `settings`.
 */
typedef struct
{
  gchar *model;
  GPtrArray *core_elements;
  gdouble min_devices_per_student;
  gdouble min_bandwidth_mbps_per_student;
  gint64 min_leaders;
  gint64 min_teachers;
  gdouble coaching_calls_per_month;
  gboolean coaching_months[13]; /* [1] January ... [12] December */
  gint64 training_days_required;
  gdouble graduate_credits;
} PdnWsSettings;

PdnWsSettings *pdn_ws_settings_parse (JsonObject *settings, GError **error);
PdnWsSettings *pdn_ws_settings_from_program (JsonObject *program, GError **error);
void pdn_ws_settings_free (PdnWsSettings *self);
gboolean pdn_ws_settings_has_element (PdnWsSettings *self, const gchar *element);
gchar *pdn_ws_settings_join_elements (PdnWsSettings *self);
guint pdn_ws_settings_n_coaching_months (PdnWsSettings *self);
JsonNode *pdn_ws_settings_schema (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnWsSettings, pdn_ws_settings_free)

G_END_DECLS
