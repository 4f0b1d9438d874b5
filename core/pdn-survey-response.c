/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"
#include "pdn-survey-response.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnSurveyResponse, pdn_survey_response, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, session_id, person_id, usefulness, recommend, comment, created_at, updated_at, "  \
  "anonymous FROM survey_responses "

static void
pdn_survey_response_finalize (GObject *object)
{
  PdnSurveyResponse *self = PDN_SURVEY_RESPONSE (object);

  g_free (self->comment);
  g_free (self->created_at);
  g_free (self->updated_at);
  G_OBJECT_CLASS (pdn_survey_response_parent_class)->finalize (object);
}

static void
pdn_survey_response_class_init (PdnSurveyResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_survey_response_finalize;
}

static void
pdn_survey_response_init (PdnSurveyResponse *self)
{
}

PdnSurveyResponse *
pdn_survey_response_new (void)
{
  return g_object_new (PDN_TYPE_SURVEY_RESPONSE, NULL);
}

static gboolean
require_range (gint64 value, gint64 min, gint64 max, const gchar *field, GError **error)
{
  if (value >= min && value <= max)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be between %lld and %lld"),
                       field, (long long) min, (long long) max);
  return FALSE;
}

gboolean
pdn_survey_response_validate (PdnSurveyResponse *self, GError **error)
{
  pdn_clear_if_blank (&self->comment);
  if (self->session_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "session_id",
                           _("session_id is required"));
      return FALSE;
    }
  if (self->person_id < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "person_id",
                           _("person_id must not be negative (0 means not known)"));
      return FALSE;
    }
  /* Nobody can be shown as the author of a response without a person. */
  if (self->person_id == 0)
    self->anonymous = TRUE;
  return require_range (self->usefulness, 1, 5, "usefulness", error)
         && require_range (self->recommend, 0, 10, "recommend", error)
         && pdn_validate_text (self->comment, "comment", FALSE, PDN_TEXT_MAX_CHARS, error);
}

static gboolean
check_references (PdnSurveyResponse *self, PdnStore *store, GError **error)
{
  if (!pdn_require_session (store, self->session_id, "session_id", error))
    return FALSE;
  if (self->person_id == 0)
    return TRUE;
  return pdn_require_person (store, self->person_id, "person_id", error);
}

/* The UNIQUE constraint holds too; checking first names the field. */
static gboolean
check_not_answered (PdnSurveyResponse *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  if (self->person_id == 0)
    return TRUE;
  stmt = pdn_store_prepare (store,
                            "SELECT COUNT(*) FROM survey_responses "
                            "WHERE session_id = ? AND person_id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, self->session_id);
  pdn_statement_bind_int64 (stmt, 2, self->person_id);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  if (pdn_statement_column_int64 (stmt, 0) > 0)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "person_id",
                           _("Person %lld has already answered the survey for session %lld"),
                           (long long) self->person_id, (long long) self->session_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdn_survey_response_insert (PdnSurveyResponse *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_survey_response_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_references (self, store, error)
      || !check_not_answered (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO survey_responses (session_id, person_id, anonymous, "
                            "usefulness, recommend, comment, created_at, updated_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  g_free (self->updated_at);
  self->updated_at = g_strdup (self->created_at);
  pdn_statement_bind_int64 (stmt, 1, self->session_id);
  pdn_statement_bind_id (stmt, 2, self->person_id);
  pdn_statement_bind_bool (stmt, 3, self->anonymous);
  pdn_statement_bind_int64 (stmt, 4, self->usefulness);
  pdn_statement_bind_int64 (stmt, 5, self->recommend);
  pdn_statement_bind_text (stmt, 6, self->comment);
  pdn_statement_bind_text (stmt, 7, self->created_at);
  pdn_statement_bind_text (stmt, 8, self->updated_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  return pdn_transaction_commit (tx, error);
}

/**
 * pdn_survey_response_update:
 *
 * Saves the answers (usefulness, recommend, comment, anonymous) of the
 * response @self->id and stamps updated_at; its session, person and
 * created_at never change. Whether its author may still change it is the
 * caller's question (pdn_survey_response_check_editable()).
 */
gboolean
pdn_survey_response_update (PdnSurveyResponse *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_survey_response_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL
      || !pdn_store_require_row (store, "SELECT COUNT(*) FROM survey_responses WHERE id = ?",
                                 self->id, PDN_ERROR_NOT_FOUND, NULL, error,
                                 _("No survey response has id %lld"), (long long) self->id))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE survey_responses SET anonymous = ?, usefulness = ?, "
                            "recommend = ?, comment = ?, updated_at = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  g_free (self->updated_at);
  self->updated_at = pdn_time_now_utc ();
  pdn_statement_bind_bool (stmt, 1, self->anonymous);
  pdn_statement_bind_int64 (stmt, 2, self->usefulness);
  pdn_statement_bind_int64 (stmt, 3, self->recommend);
  pdn_statement_bind_text (stmt, 4, self->comment);
  pdn_statement_bind_text (stmt, 5, self->updated_at);
  pdn_statement_bind_int64 (stmt, 6, self->id);
  return pdn_statement_run (stmt, error) && pdn_transaction_commit (tx, error);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnSurveyResponse *self = pdn_survey_response_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->session_id = pdn_statement_column_int64 (stmt, 1);
  if (!pdn_statement_column_is_null (stmt, 2))
    self->person_id = pdn_statement_column_int64 (stmt, 2);
  self->usefulness = pdn_statement_column_int64 (stmt, 3);
  self->recommend = pdn_statement_column_int64 (stmt, 4);
  self->comment = pdn_statement_dup_text (stmt, 5);
  self->created_at = pdn_statement_dup_text (stmt, 6);
  self->updated_at = pdn_statement_dup_text (stmt, 7);
  self->anonymous = pdn_statement_column_int64 (stmt, 8) != 0;
  return self;
}

PdnSurveyResponse *
pdn_survey_response_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE id = ?", id,
                                                        error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No survey response has id %lld"),
                                  (long long) id))
    return NULL;
  return from_row (stmt);
}

/* The response @person_id gave for @session_id; PDN_ERROR_NOT_FOUND when
 * there is none. */
PdnSurveyResponse *
pdn_survey_response_load_for_person (PdnStore *store, gint64 session_id, gint64 person_id,
                                     GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE session_id = ? AND person_id = ?", error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  if (!pdn_statement_step_one (stmt, error,
                               _("Person %lld has given no feedback on session %lld"),
                               (long long) person_id, (long long) session_id))
    return NULL;
  return from_row (stmt);
}

/* Whether readers other than the author may be shown who gave it. */
gboolean
pdn_survey_response_is_attributed (PdnSurveyResponse *self)
{
  return self->person_id > 0 && !self->anonymous;
}

/**
 * pdn_survey_response_editable_until:
 *
 * Returns: (transfer full) (nullable): when its author may no longer
 *   change it: %PDN_SURVEY_RESPONSE_EDIT_DAYS days after it was first
 *   given, as a UTC timestamp; %NULL without a valid created_at.
 */
gchar *
pdn_survey_response_editable_until (PdnSurveyResponse *self)
{
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) until = NULL;

  if (self->created_at == NULL)
    return NULL;
  created = pdn_time_parse_timestamp (self->created_at, "created_at", NULL);
  if (created == NULL)
    return NULL;
  until = g_date_time_add_days (created, PDN_SURVEY_RESPONSE_EDIT_DAYS);
  return pdn_time_format_utc (until);
}

/**
 * pdn_survey_response_check_editable:
 * @now: the current time as a UTC timestamp (pdn_time_now_utc())
 *
 * The author may change a response for %PDN_SURVEY_RESPONSE_EDIT_DAYS
 * days after first giving it (editing never extends that). After that,
 * PDN_ERROR_UNPROCESSABLE saying when the time ran out.
 */
gboolean
pdn_survey_response_check_editable (PdnSurveyResponse *self, const gchar *now, GError **error)
{
  g_autofree gchar *until = pdn_survey_response_editable_until (self);

  if (until == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s",
                           _("The survey response has no valid creation time"));
      return FALSE;
    }
  /* Both are "YYYY-MM-DDTHH:MM:SSZ", which order as text. */
  if (g_strcmp0 (now, until) < 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                       _("Feedback can be changed for %d days after it is first given; this "
                         "feedback was given at %s, so it could be changed until %s"),
                       PDN_SURVEY_RESPONSE_EDIT_DAYS, self->created_at, until);
  return FALSE;
}

GPtrArray *
pdn_survey_response_list_for_session (PdnStore *store, gint64 session_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE session_id = ? ORDER BY id",
                               session_id, error);
  return stmt != NULL ? pdn_statement_collect (stmt, from_row, error) : NULL;
}
