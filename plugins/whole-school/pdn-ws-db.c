/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-ws-db.h"

/* @sql with its `?` parameters bound to @ids, in order. */
PdnQuery *
pdn_ws_db_prepare_ids (PdnContext *context, const gchar *sql, const gint64 *ids, guint n_ids,
                       GError **error)
{
  PdnQuery *query = pdn_context_query (context, sql, error);

  if (query == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    pdn_query_bind_int64 (query, i + 1, ids[i]);
  return query;
}

/* The first column of the first row, or 0 when there is no row. */
gboolean
pdn_ws_db_int (PdnContext *context, const gchar *sql, const gint64 *ids, guint n_ids,
               gint64 *value, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (context, sql, ids, n_ids, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ERROR)
    return FALSE;
  *value = step == PDN_QUERY_ROW ? pdn_query_column_int64 (query, 0) : 0;
  return TRUE;
}

/* The first column of the first row as text; NULL (without an error) when
 * there is no row or it is null. */
gchar *
pdn_ws_db_text (PdnContext *context, const gchar *sql, const gint64 *ids, guint n_ids,
                GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (context, sql, ids, n_ids, error);

  if (query == NULL || pdn_query_step (query, error) != PDN_QUERY_ROW)
    return NULL;
  return pdn_ws_db_column_dup (query, 0);
}

gboolean
pdn_ws_db_run_ids (PdnContext *context, const gchar *sql, const gint64 *ids, guint n_ids,
                   GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (context, sql, ids, n_ids, error);

  return query != NULL && pdn_query_run (query, error);
}

gchar *
pdn_ws_db_column_dup (PdnQuery *query, guint column)
{
  return pdn_query_column_is_null (query, column)
           ? NULL
           : g_strdup (pdn_query_column_text (query, column));
}
