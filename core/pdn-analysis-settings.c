/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-analysis-settings.h"
#include "pdn-config.h"
#include "pdn-json-schema.h"

void
pdn_analysis_settings_init (PdnAnalysisSettings *self)
{
  self->min_students = PDN_ANALYSIS_DEFAULT_MIN_STUDENTS;
  self->min_respondents = PDN_ANALYSIS_DEFAULT_MIN_RESPONDENTS;
  self->workers = PDN_ANALYSIS_DEFAULT_WORKERS;
}

static gboolean
load_number (GKeyFile *key_file, const gchar *key, guint min, guint max, guint *value,
             GError **error)
{
  return pdn_config_read_uint (key_file, PDN_ANALYSES_GROUP, key, min, max, value, error);
}

/* A floor of 1 suppresses nothing; 0 would mean the same, so it is
 * refused as a likely mistake. */
gboolean
pdn_analysis_settings_load (PdnAnalysisSettings *self, GKeyFile *key_file, GError **error)
{
  return load_number (key_file, "min-students", 1, 100000, &self->min_students, error)
         && load_number (key_file, "min-respondents", 1, 100000, &self->min_respondents, error)
         && load_number (key_file, "workers", 1, 64, &self->workers, error);
}

static gboolean
requested_value (JsonObject *requested, const gchar *name, gdouble *value)
{
  JsonNode *node = requested != NULL ? json_object_get_member (requested, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = (gdouble) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static void
apply_floor (JsonObject *schema, JsonObject *parameters, JsonObject *requested,
             const gchar *name, guint floor_value, GPtrArray *caveats)
{
  JsonObject *property = pdn_json_schema_get_property (schema, name);
  JsonNode *node = json_object_get_member (parameters, name);
  gdouble asked = 0;

  if (property == NULL
      || (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_double (node) >= (gdouble) floor_value))
    return;
  if (g_strcmp0 (json_object_get_string_member_with_default (property, "type", ""), "number")
      == 0)
    json_object_set_double_member (parameters, name, floor_value);
  else
    json_object_set_int_member (parameters, name, floor_value);
  if (caveats != NULL && requested_value (requested, name, &asked))
    g_ptr_array_add (caveats,
                     /* TRANSLATORS: %s is a parameter name such as min_students; then the
                      * value asked for and the server's floor */
                     g_strdup_printf (_("%s was raised from %g to %u, the smallest value this "
                                        "server allows, to protect privacy."),
                                      name, asked, floor_value));
}

void
pdn_analysis_settings_apply_floors (const PdnAnalysisSettings *self, JsonObject *schema,
                                    JsonObject *parameters, JsonObject *requested,
                                    GPtrArray *caveats)
{
  apply_floor (schema, parameters, requested, "min_students", self->min_students, caveats);
  apply_floor (schema, parameters, requested, "min_respondents", self->min_respondents, caveats);
}
