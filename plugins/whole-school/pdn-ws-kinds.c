/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-db.h"
#include "pdn-ws-kinds.h"
#include "pdn-ws-settings.h"

/*
 * The shape of a whole-school program: a cohort series holds the summer
 * training and the regional convenings, a coaching series one school's
 * calls with its mentor (Summit Learning's supports in "Passing Notes").
 */

const gchar *const pdn_ws_series_kinds[] = { "cohort", "coaching", NULL };
const gchar *const pdn_ws_session_kinds[]
    = { "summer-training", "coaching-call", "regional-convening", NULL };

static gboolean
check_kind (JsonObject *object, const gchar *const *kinds, GError **error)
{
  const gchar *kind = json_object_get_string_member_with_default (object, "kind", NULL);
  g_autofree gchar *known = NULL;

  if (kind != NULL && g_strv_contains (kinds, kind))
    return TRUE;
  known = g_strjoinv (", ", (gchar **) kinds);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "kind",
                       _("%s must be one of: %s"), "kind", known);
  return FALSE;
}

gboolean
pdn_ws_kinds_check_series (JsonObject *series, GError **error)
{
  return check_kind (series, pdn_ws_series_kinds, error);
}

/* The series a session of @kind belongs in. */
static const gchar *
series_kind_for (const gchar *kind)
{
  return g_strcmp0 (kind, "coaching-call") == 0 ? "coaching" : "cohort";
}

static gint64
id_member (JsonObject *object, const gchar *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

/* Calls go in a coaching series, training and convenings in a cohort. A
 * series that does not exist is the core's to refuse. */
static gboolean
check_series (PdnContext *context, JsonObject *session, const gchar *kind, GError **error)
{
  gint64 series_id = id_member (session, "series_id");
  g_autoptr (GError) local_error = NULL;
  g_autofree gchar *series_kind = NULL;
  const gchar *wanted = series_kind_for (kind);

  if (series_id <= 0)
    return TRUE;
  series_kind = pdn_ws_db_text (context, "SELECT kind FROM series WHERE id = ?",
                                PDN_WS_IDS (series_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (series_kind == NULL || g_str_equal (series_kind, wanted))
    return TRUE;
  /* TRANSLATORS: the session's kind, the series kind it needs, the series
   * id and its kind; kinds are not translated */
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "series_id",
                       _("A %s session belongs in a %s series, and series %lld is a %s series"),
                       kind, wanted, (long long) series_id, series_kind);
  return FALSE;
}

/* A coaching call is a mentor's call with one school: its host. */
gboolean
pdn_ws_kinds_check_session (PdnContext *context, JsonObject *session, GError **error)
{
  const gchar *kind;

  if (!check_kind (session, pdn_ws_session_kinds, error))
    return FALSE;
  kind = json_object_get_string_member (session, "kind");
  if (g_str_equal (kind, "coaching-call") && id_member (session, "host_school_id") <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "host_school_id",
                           _("A coaching call is with one school: set host_school_id to it"));
      return FALSE;
    }
  return check_series (context, session, kind, error);
}

static JsonNode *
strv_json (const gchar *const *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  json_node_take_array (node, array);
  return node;
}

/* describe(): untranslated, as the plugin's name and description are. */
JsonNode *
pdn_ws_kinds_describe (void)
{
  static const gchar *const measurements[] = { "attendance", "feedback", "fidelity", NULL };
  static const gchar *const registration_fields[] = { "team", NULL };
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", "whole-school");
  json_object_set_string_member (object, "name", "Whole-school model");
  json_object_set_string_member (
      object, "description",
      "Schools, not individuals, enroll, with their leadership and grade-level team, their "
      "technical readiness and their commitment to the model's core elements; summer "
      "training, coaching calls with a mentor and regional convenings follow, and fidelity "
      "shows which schools keep the coaching and the commitments.");
  json_object_set_member (object, "settings_schema", pdn_ws_settings_schema ());
  json_object_set_member (object, "series_kinds", strv_json (pdn_ws_series_kinds));
  json_object_set_member (object, "session_kinds", strv_json (pdn_ws_session_kinds));
  json_object_set_member (object, "measurements", strv_json (measurements));
  /* A school leader's `"team": true` registers the whole team. */
  json_object_set_member (object, "registration_fields", strv_json (registration_fields));
  json_node_take_object (node, object);
  return node;
}
