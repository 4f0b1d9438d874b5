/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-workshop-series-rules.h"

/* What a workshop-series program's series and sessions must look like.
 * Anyone may register (teachers and school and district administrators of
 * any sector), so there is no registration rule. */

static const gchar *
get_text (JsonObject *object, const gchar *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_id (JsonObject *object, const gchar *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

gboolean
pdn_workshop_series_check_series (JsonObject *series, GError **error)
{
  if (g_strcmp0 (get_text (series, "kind"), PDN_WORKSHOP_SERIES_SERIES_KIND) == 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "kind",
                       _("A series of a workshop-series program must be of kind “%s”"),
                       PDN_WORKSHOP_SERIES_SERIES_KIND);
  return FALSE;
}

/* The series' kind, read in the caller's transaction, into @kind; NULL
 * when it is not a series of @program_id, which the core refuses itself
 * (400 naming "series_id"). */
static gboolean
load_series_kind (PdnContext *context, gint64 series_id, gint64 program_id, gchar **kind,
                  GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context, "SELECT kind FROM series WHERE id = ? AND program_id = ?", error);
  PdnQueryStep step;

  *kind = NULL;
  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, series_id);
  pdn_query_bind_int64 (query, 2, program_id);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ROW)
    *kind = g_strdup (pdn_query_column_text (query, 0));
  return step != PDN_QUERY_ERROR;
}

/* A workshop may stand alone (a one-off Saturday); one in a series must be
 * in a workshop series, since completion is counted per series. */
static gboolean
check_in_workshop_series (PdnContext *context, JsonObject *program, JsonObject *session,
                          GError **error)
{
  gint64 series_id = get_id (session, "series_id");
  g_autofree gchar *kind = NULL;

  if (series_id == 0)
    return TRUE;
  if (!load_series_kind (context, series_id, get_id (program, "id"), &kind, error))
    return FALSE;
  if (kind == NULL || g_str_equal (kind, PDN_WORKSHOP_SERIES_SERIES_KIND))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "series_id",
                       _("Series %lld is not a workshop series"), (long long) series_id);
  return FALSE;
}

gboolean
pdn_workshop_series_check_session (PdnContext *context, JsonObject *program,
                                   JsonObject *session, GError **error)
{
  if (g_strcmp0 (get_text (session, "kind"), PDN_WORKSHOP_SERIES_SESSION_KIND) != 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "kind",
                           _("A session of a workshop-series program must be of kind “%s”"),
                           PDN_WORKSHOP_SERIES_SESSION_KIND);
      return FALSE;
    }
  return check_in_workshop_series (context, program, session, error);
}
