/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-knowledge-flow-reader.h"

/* A session's length and where its hours come from: weights per "from"
 * sector summing to 1. */
typedef struct
{
  gdouble minutes;
  gdouble weights[KF_N_FROM];
  gboolean pinned;     /* to a curriculum whose owner decides the source */
  guint facilitators;  /* counted so far */
} KfSession;

typedef struct
{
  PdnContext *context;
  GArray *program_ids;
  gchar *school_year;
  gchar *starts_on;
  gchar *ends_on;
  GHashTable *sessions; /* gint64 * -> KfSession * */
} Reader;

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->program_ids, g_array_unref);
  g_clear_pointer (&r->school_year, g_free);
  g_clear_pointer (&r->starts_on, g_free);
  g_clear_pointer (&r->ends_on, g_free);
  g_clear_pointer (&r->sessions, g_hash_table_unref);
}

static gchar *
placeholders (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, i == 0 ? "?" : ", ?");
  return g_string_free (s, FALSE);
}

/* Prepares @head, the programs' placeholders and @tail, and binds the
 * programs from index 1. */
static PdnQuery *
programs_query (Reader *r, const gchar *head, const gchar *tail, GError **error)
{
  g_autofree gchar *in = placeholders (r->program_ids->len);
  g_autofree gchar *sql = g_strconcat (head, in, tail, NULL);
  PdnQuery *query = pdn_context_query (r->context, sql, error);

  for (guint i = 0; query != NULL && i < r->program_ids->len; i++)
    pdn_query_bind_int64 (query, i + 1, g_array_index (r->program_ids, gint64, i));
  return query;
}

static gboolean
read_programs (Reader *r, JsonObject *parameters, GError **error)
{
  JsonArray *ids = json_object_get_array_member (parameters, "program_ids");

  r->program_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      gint64 id = json_array_get_int_element (ids, i);
      g_autoptr (PdnQuery) query = pdn_context_query (
          r->context, "SELECT COUNT(*) FROM programs WHERE id = ?", error);

      if (query == NULL)
        return FALSE;
      pdn_query_bind_int64 (query, 1, id);
      if (pdn_query_step (query, error) != PDN_QUERY_ROW)
        return FALSE;
      if (pdn_query_column_int64 (query, 0) == 0)
        {
          pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "program_ids",
                               _("No program has id %lld."), (long long) id);
          return FALSE;
        }
      g_array_append_val (r->program_ids, id);
    }
  return TRUE;
}

/* Without a school year, the programs must share one. */
static gboolean
read_school_year (Reader *r, JsonObject *parameters, GError **error)
{
  const gchar *year = json_object_get_string_member_with_default (parameters, "school_year",
                                                                  NULL);
  g_autoptr (PdnQuery) query = NULL;
  PdnQueryStep step;
  guint found = 0;

  if (year != NULL)
    r->school_year = g_strdup (year);
  else
    {
      query = programs_query (r, "SELECT DISTINCT school_year FROM programs WHERE id IN (",
                              ")", error);
      if (query == NULL)
        return FALSE;
      while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW && ++found)
        {
          g_free (r->school_year);
          r->school_year = g_strdup (pdn_query_column_text (query, 0));
        }
      if (step == PDN_QUERY_ERROR)
        return FALSE;
      if (found != 1)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_year",
                               _("These programs run in different school years; name one."));
          return FALSE;
        }
      g_clear_pointer (&query, pdn_query_free);
    }
  query = pdn_context_query (r->context,
                             "SELECT starts_on, ends_on FROM school_years WHERE label = ?",
                             error);
  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, r->school_year);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ERROR)
    return FALSE;
  if (step == PDN_QUERY_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "school_year",
                           _("No school year %s is known."), r->school_year);
      return FALSE;
    }
  r->starts_on = g_strdup (pdn_query_column_text (query, 0));
  r->ends_on = g_strdup (pdn_query_column_text (query, 1));
  return TRUE;
}

static gdouble
minutes_between (const gchar *from, const gchar *to)
{
  g_autoptr (GDateTime) a = g_date_time_new_from_iso8601 (from, NULL);
  g_autoptr (GDateTime) b = g_date_time_new_from_iso8601 (to, NULL);

  if (a == NULL || b == NULL)
    return 0;
  /* Whole minutes, as the core's participation figures count them. */
  return (gdouble) (g_date_time_difference (b, a) / G_TIME_SPAN_MINUTE);
}

/* Every session of the programs in the year, with its curriculum owner's
 * kind when it is pinned to a curriculum. */
static gboolean
read_sessions (Reader *r, GError **error)
{
  g_autoptr (PdnQuery) query = programs_query (
      r,
      "SELECT s.id, s.starts_at, s.ends_at, o.kind FROM sessions s"
      " LEFT JOIN curricula c ON c.slug = s.curriculum_slug"
      " LEFT JOIN organizations o ON o.id = c.owner_organization_id"
      " WHERE s.program_id IN (",
      ") AND s.local_date >= ? AND s.local_date <= ?", error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, r->program_ids->len + 1, r->starts_on);
  pdn_query_bind_text (query, r->program_ids->len + 2, r->ends_on);
  r->sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 id = pdn_query_column_int64 (query, 0);
      KfSession *session = g_new0 (KfSession, 1);

      session->minutes = minutes_between (pdn_query_column_text (query, 1),
                                          pdn_query_column_text (query, 2));
      session->pinned = !pdn_query_column_is_null (query, 3);
      if (session->pinned)
        session->weights[kf_from_organization_kind (pdn_query_column_text (query, 3))] = 1;
      g_hash_table_insert (r->sessions, g_memdup2 (&id, sizeof id), session);
    }
  return step == PDN_QUERY_DONE;
}

/* A facilitator's source: the sector of their school that day, else the
 * kind of the organization their account acts for. */
static KfFrom
facilitator_from (PdnQuery *query)
{
  if (!pdn_query_column_is_null (query, 2))
    {
      gint index = kf_sector_index (pdn_query_column_text (query, 2));
      return index < 0 ? KF_FROM_UNKNOWN : (KfFrom) index;
    }
  if (!pdn_query_column_is_null (query, 3))
    return kf_from_organization_kind (pdn_query_column_text (query, 3));
  return KF_FROM_UNKNOWN;
}

/* Unpinned sessions' hours come from their facilitators in equal parts.
 * A facilitator with several schools that day counts once, at the most
 * recently recorded affiliation (rows come in that order). */
static gboolean
read_facilitators (Reader *r, GError **error)
{
  g_autofree gchar *in = placeholders (r->program_ids->len);
  g_autofree gchar *sql = g_strdup_printf (
      "SELECT sf.session_id, sf.person_id, COALESCE (f.sector, sc.sector), o.kind"
      " FROM session_facilitators sf"
      " JOIN sessions s ON s.id = sf.session_id"
      " LEFT JOIN affiliations af ON af.person_id = sf.person_id"
      "  AND (af.starts_on IS NULL OR af.starts_on <= s.local_date)"
      "  AND (af.ends_on IS NULL OR af.ends_on >= s.local_date)"
      " LEFT JOIN schools sc ON sc.id = af.school_id"
      " LEFT JOIN school_year_facts f ON f.school_id = sc.id AND f.school_year = ?"
      " LEFT JOIN accounts ac ON ac.person_id = sf.person_id"
      " LEFT JOIN organizations o ON o.id = ac.organization_id"
      " WHERE s.program_id IN (%s) AND s.local_date >= ? AND s.local_date <= ?"
      " ORDER BY sf.session_id, sf.person_id, af.id DESC",
      in);
  g_autoptr (PdnQuery) query = pdn_context_query (r->context, sql, error);
  gint64 last_session = 0, last_person = 0;
  PdnQueryStep step;
  GHashTableIter iter;
  gpointer value;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, r->school_year);
  for (guint i = 0; i < r->program_ids->len; i++)
    pdn_query_bind_int64 (query, i + 2, g_array_index (r->program_ids, gint64, i));
  pdn_query_bind_text (query, r->program_ids->len + 2, r->starts_on);
  pdn_query_bind_text (query, r->program_ids->len + 3, r->ends_on);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 session_id = pdn_query_column_int64 (query, 0);
      gint64 person_id = pdn_query_column_int64 (query, 1);
      KfSession *session = g_hash_table_lookup (r->sessions, &session_id);

      if (session_id == last_session && person_id == last_person)
        continue;
      last_session = session_id;
      last_person = person_id;
      if (session == NULL || session->pinned)
        continue;
      session->weights[facilitator_from (query)] += 1;
      session->facilitators++;
    }
  if (step == PDN_QUERY_ERROR)
    return FALSE;
  g_hash_table_iter_init (&iter, r->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KfSession *session = value;

      if (session->pinned)
        continue;
      if (session->facilitators == 0)
        session->weights[KF_FROM_UNKNOWN] = 1;
      else
        for (guint f = 0; f < KF_N_FROM; f++)
          session->weights[f] /= session->facilitators;
    }
  return TRUE;
}

/* Credited minutes as the core's participation figures count them: the
 * recorded minutes, else the session's length when present, else none. */
static gdouble
credited_minutes (PdnQuery *query, const KfSession *session)
{
  if (!pdn_query_column_is_null (query, 3))
    return (gdouble) pdn_query_column_int64 (query, 3);
  return g_strcmp0 (pdn_query_column_text (query, 2), "present") == 0 ? session->minutes : 0;
}

static gboolean
read_attendance (Reader *r, KfMatrix *matrix, GCancellable *cancellable, GError **error)
{
  g_autofree gchar *in = placeholders (r->program_ids->len);
  g_autofree gchar *sql = g_strdup_printf (
      "SELECT a.session_id, a.person_id, a.status, a.minutes, COALESCE (f.sector, sc.sector)"
      " FROM attendance a"
      " JOIN sessions s ON s.id = a.session_id"
      " LEFT JOIN affiliations af ON af.person_id = a.person_id"
      "  AND (af.starts_on IS NULL OR af.starts_on <= s.local_date)"
      "  AND (af.ends_on IS NULL OR af.ends_on >= s.local_date)"
      " LEFT JOIN schools sc ON sc.id = af.school_id"
      " LEFT JOIN school_year_facts f ON f.school_id = sc.id AND f.school_year = ?"
      " WHERE s.program_id IN (%s) AND s.local_date >= ? AND s.local_date <= ?"
      "  AND a.status IN ('present', 'partial')"
      " ORDER BY a.session_id, a.person_id, af.id DESC",
      in);
  g_autoptr (PdnQuery) query = pdn_context_query (r->context, sql, error);
  gint64 last_session = 0, last_person = 0, rows = 0;
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, r->school_year);
  for (guint i = 0; i < r->program_ids->len; i++)
    pdn_query_bind_int64 (query, i + 2, g_array_index (r->program_ids, gint64, i));
  pdn_query_bind_text (query, r->program_ids->len + 2, r->starts_on);
  pdn_query_bind_text (query, r->program_ids->len + 3, r->ends_on);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 session_id = pdn_query_column_int64 (query, 0);
      gint64 person_id = pdn_query_column_int64 (query, 1);
      const KfSession *session = g_hash_table_lookup (r->sessions, &session_id);
      gint to;
      gdouble hours;

      if (++rows % 65536 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (session == NULL || (session_id == last_session && person_id == last_person))
        continue;
      last_session = session_id;
      last_person = person_id;
      to = kf_sector_index (pdn_query_column_text (query, 4));
      if (to < 0)
        {
          matrix->unaffiliated++;
          continue;
        }
      matrix->attendances++;
      hours = credited_minutes (query, session) / 60.0;
      for (guint f = 0; f < KF_N_FROM; f++)
        if (session->weights[f] > 0)
          kf_matrix_add (matrix, (KfFrom) f, (guint) to, person_id, hours * session->weights[f]);
    }
  return step == PDN_QUERY_DONE;
}

KfMatrix *
kf_read (PdnContext *context, JsonObject *parameters, gchar **school_year,
         GCancellable *cancellable, GError **error)
{
  Reader r = { .context = context };
  g_autoptr (KfMatrix) matrix = kf_matrix_new ();
  gboolean ok = read_programs (&r, parameters, error)
                && read_school_year (&r, parameters, error)
                && read_sessions (&r, error)
                && read_facilitators (&r, error)
                && read_attendance (&r, matrix, cancellable, error);

  if (ok)
    {
      matrix->sessions = g_hash_table_size (r.sessions);
      *school_year = g_steal_pointer (&r.school_year);
    }
  reader_clear (&r);
  return ok ? g_steal_pointer (&matrix) : NULL;
}
