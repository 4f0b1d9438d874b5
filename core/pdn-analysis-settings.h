/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PDN_ANALYSES_GROUP "analyses"
#define PDN_ANALYSIS_DEFAULT_MIN_STUDENTS 10
#define PDN_ANALYSIS_DEFAULT_MIN_RESPONDENTS 5
#define PDN_ANALYSIS_DEFAULT_WORKERS 2

/**
 * PdnAnalysisSettings:
 * @min_students: the privacy floor for outcomes: figures resting on fewer
 *   students are suppressed
 * @min_respondents: the privacy floor for surveys: groups with fewer
 *   responses are suppressed
 * @workers: runs computed at once; more wait, queued
 *
 * The [analyses] group of pdnetd.conf (see data/pdnetd.conf.example).
 */
typedef struct
{
  guint min_students;
  guint min_respondents;
  guint workers;
} PdnAnalysisSettings;

void pdn_analysis_settings_init (PdnAnalysisSettings *self);
gboolean pdn_analysis_settings_load (PdnAnalysisSettings *self, GKeyFile *key_file,
                                     GError **error);

/**
 * pdn_analysis_settings_apply_floors:
 * @schema: the analysis's parameters schema
 * @parameters: validated parameters, defaults filled in
 * @requested: (nullable): the caller's own parameters, to tell a raised
 *   request from a raised default
 * @caveats: (element-type utf8): gets a sentence for each value the
 *   caller asked for that was raised
 *
 * Sets min_students and min_respondents, where the schema has them, to
 * the larger of their value and the floor. Callers may ask for more
 * privacy, never less: a lower value is raised, not refused.
 */
void pdn_analysis_settings_apply_floors (const PdnAnalysisSettings *self, JsonObject *schema,
                                         JsonObject *parameters, JsonObject *requested,
                                         GPtrArray *caveats);

G_END_DECLS
