/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"
#include "pdn-session.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnSession, pdn_session, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, program_id, series_id, kind, title, topic, starts_at, ends_at, time_zone, "       \
  "local_date, location, host_school_id, capacity, registration_opens_at, "                    \
  "registration_closes_at, cancellation_cutoff, state, check_in_code, curriculum_slug, "       \
  "curriculum_commit, created_at, updated_at FROM sessions "

/* No 0/O or 1/I to misread; 32 symbols, so a random byte maps without bias. */
static const gchar check_in_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
#define CHECK_IN_CODE_LENGTH 6

static void
pdn_session_finalize (GObject *object)
{
  PdnSession *self = PDN_SESSION (object);

  g_free (self->kind);
  g_free (self->title);
  g_free (self->topic);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self->time_zone);
  g_free (self->local_date);
  g_free (self->location);
  g_array_unref (self->facilitator_ids);
  g_free (self->registration_opens_at);
  g_free (self->registration_closes_at);
  g_free (self->cancellation_cutoff);
  g_free (self->check_in_code);
  g_free (self->curriculum_slug);
  g_free (self->curriculum_commit);
  g_free (self->created_at);
  g_free (self->updated_at);
  G_OBJECT_CLASS (pdn_session_parent_class)->finalize (object);
}

static void
pdn_session_class_init (PdnSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_session_finalize;
}

static void
pdn_session_init (PdnSession *self)
{
  self->facilitator_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->capacity = -1;
  self->state = PDN_SESSION_STATE_SCHEDULED;
}

PdnSession *
pdn_session_new (void)
{
  return g_object_new (PDN_TYPE_SESSION, NULL);
}

void
pdn_session_add_facilitator (PdnSession *self, gint64 person_id)
{
  g_array_append_val (self->facilitator_ids, person_id);
}

gchar *
pdn_session_generate_check_in_code (void)
{
  guchar bytes[CHECK_IN_CODE_LENGTH];
  gchar *code = g_new (gchar, CHECK_IN_CODE_LENGTH + 1);
  gsize filled = 0;

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0 && errno != EINTR)
        g_error ("getrandom failed: %s", g_strerror (errno));
      if (n > 0)
        filled += (gsize) n;
    }
  for (guint i = 0; i < CHECK_IN_CODE_LENGTH; i++)
    code[i] = check_in_alphabet[bytes[i] % (sizeof check_in_alphabet - 1)];
  code[CHECK_IN_CODE_LENGTH] = '\0';
  return code;
}

/* Replaces *@value by its UTC form; NULL or empty is fine unless @required. */
static gboolean
normalize_timestamp (gchar **value, const gchar *field, gboolean required, GError **error)
{
  gchar *normalized;

  if (!required)
    pdn_clear_if_blank (value);
  if (*value == NULL && !required)
    return TRUE;
  normalized = pdn_time_normalize_timestamp (*value, field, error);
  if (normalized == NULL)
    return FALSE;
  g_free (*value);
  *value = normalized;
  return TRUE;
}

static gboolean
require_id (gint64 id, const gchar *field, gboolean optional, GError **error)
{
  if (id > 0 || (optional && id == 0))
    return TRUE;
  if (optional)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must not be negative"),
                         field);
  else
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is required"), field);
  return FALSE;
}

/* Stored UTC timestamps compare as text. */
static gboolean
require_after (const gchar *later, const gchar *earlier, const gchar *field,
               const gchar *message, GError **error)
{
  if (later == NULL || earlier == NULL || strcmp (later, earlier) > 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, "%s", message);
  return FALSE;
}

static gboolean
validate_times (PdnSession *self, GError **error)
{
  g_autoptr (GTimeZone) zone = NULL;

  if (!normalize_timestamp (&self->starts_at, "starts_at", TRUE, error)
      || !normalize_timestamp (&self->ends_at, "ends_at", TRUE, error)
      || !require_after (self->ends_at, self->starts_at, "ends_at",
                         _("The session must end after it starts"), error))
    return FALSE;
  zone = pdn_time_zone_new (self->time_zone, "time_zone", error);
  if (zone == NULL)
    return FALSE;
  g_free (self->local_date);
  self->local_date = pdn_time_local_date (self->starts_at, zone);
  if (!normalize_timestamp (&self->registration_opens_at, "registration_opens_at", FALSE, error)
      || !normalize_timestamp (&self->registration_closes_at, "registration_closes_at", FALSE,
                               error)
      || !normalize_timestamp (&self->cancellation_cutoff, "cancellation_cutoff", FALSE, error))
    return FALSE;
  if (!require_after (self->registration_closes_at, self->registration_opens_at,
                      "registration_closes_at",
                      _("Registration must close after it opens"), error))
    return FALSE;
  /* Closing at the very end is allowed: late sign-ups for a drop-in session. */
  if (self->registration_closes_at != NULL
      && strcmp (self->registration_closes_at, self->ends_at) > 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "registration_closes_at",
                           _("Registration must close before the session ends"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_facilitators (PdnSession *self, GError **error)
{
  GArray *ids = self->facilitator_ids;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree gchar *field = g_strdup_printf ("facilitator_ids[%u]", i);

      if (!require_id (id, field, FALSE, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                                 _("Person %lld is listed twice as a facilitator"),
                                 (long long) id);
            return FALSE;
          }
    }
  return TRUE;
}

/* A code given by hand (or imported) need not come from our alphabet. */
static gboolean
validate_check_in_code (const gchar *code, GError **error)
{
  gsize len;
  gboolean ok;

  if (code == NULL)
    return TRUE;
  len = strlen (code);
  ok = len >= 4 && len <= 32;
  for (const gchar *p = code; ok && *p != '\0'; p++)
    ok = g_ascii_isupper (*p) || g_ascii_isdigit (*p);
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "check_in_code",
                         _("check_in_code must be 4 to 32 uppercase letters or digits"));
  return ok;
}

static gboolean
validate_curriculum (PdnSession *self, GError **error)
{
  gsize len;
  gboolean ok;

  pdn_clear_if_blank (&self->curriculum_slug);
  pdn_clear_if_blank (&self->curriculum_commit);
  if (self->curriculum_slug != NULL
      && !pdn_validate_slug (self->curriculum_slug, "curriculum_slug", error))
    return FALSE;
  if (self->curriculum_commit == NULL)
    return TRUE;
  len = strlen (self->curriculum_commit);
  ok = len >= 7 && len <= 64;
  for (const gchar *p = self->curriculum_commit; ok && *p != '\0'; p++)
    ok = g_ascii_isxdigit (*p) && !g_ascii_isupper (*p);
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "curriculum_commit",
                         _("curriculum_commit must be a lowercase hexadecimal commit id"));
  return ok;
}

gboolean
pdn_session_validate (PdnSession *self, GError **error)
{
  pdn_clear_if_blank (&self->topic);
  pdn_clear_if_blank (&self->location);
  if (!require_id (self->program_id, "program_id", FALSE, error)
      || !require_id (self->series_id, "series_id", TRUE, error)
      || !pdn_validate_identifier (self->kind, "kind", "-", error)
      || !pdn_validate_text (self->title, "title", TRUE, PDN_NAME_MAX_CHARS, error)
      || !pdn_validate_text (self->topic, "topic", FALSE, PDN_NAME_MAX_CHARS, error)
      || !validate_times (self, error)
      || !require_id (self->host_school_id, "host_school_id", TRUE, error)
      || !pdn_validate_text (self->location, "location", FALSE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  if (self->capacity < -1)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "capacity",
                           _("capacity must not be negative (-1 means unlimited)"));
      return FALSE;
    }
  if (!validate_facilitators (self, error))
    return FALSE;
  if (pdn_session_state_to_string (self->state) == NULL)
    return pdn_validate_enum (NULL, "state", pdn_session_state_names (), error);
  return validate_check_in_code (self->check_in_code, error) && validate_curriculum (self, error);
}

static gboolean
check_series (PdnSession *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  if (self->series_id == 0)
    return TRUE;
  stmt = pdn_store_prepare_id (store, "SELECT program_id FROM series WHERE id = ?",
                               self->series_id, error);
  if (stmt == NULL)
    return FALSE;
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ERROR)
    return FALSE;
  if (step == PDN_STEP_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "series_id",
                           _("No series has id %lld"), (long long) self->series_id);
      return FALSE;
    }
  if (pdn_statement_column_int64 (stmt, 0) != self->program_id)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "series_id",
                           _("Series %lld belongs to another program"),
                           (long long) self->series_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_facilitators (PdnSession *self, PdnStore *store, GError **error)
{
  for (guint i = 0; i < self->facilitator_ids->len; i++)
    {
      gint64 id = g_array_index (self->facilitator_ids, gint64, i);
      g_autofree gchar *field = g_strdup_printf ("facilitator_ids[%u]", i);

      if (!pdn_require_person (store, id, field, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_references (PdnSession *self, PdnStore *store, GError **error)
{
  if (!pdn_require_program (store, self->program_id, "program_id", error)
      || !check_series (self, store, error))
    return FALSE;
  if (self->host_school_id != 0
      && !pdn_require_school (store, self->host_school_id, "host_school_id", error))
    return FALSE;
  return check_facilitators (self, store, error);
}

/* Whether a session other than @self_id uses @code. */
static gboolean
check_in_code_taken (PdnStore *store, const gchar *code, gint64 self_id, gboolean *taken,
                     GError **error)
{
  g_autofree gchar *other = NULL;

  if (!pdn_store_find_other (store, "SELECT id FROM sessions WHERE check_in_code = ? AND id <> ?",
                             code, self_id, &other, error))
    return FALSE;
  *taken = other != NULL;
  return TRUE;
}

/* A code finds one session: a code given by hand must be free, and a
 * generated one is drawn again while it is in use. */
static gboolean
ensure_check_in_code (PdnSession *self, PdnStore *store, GError **error)
{
  gboolean taken = TRUE;

  if (self->check_in_code != NULL)
    {
      if (!check_in_code_taken (store, self->check_in_code, self->id, &taken, error))
        return FALSE;
      if (taken)
        pdn_error_set_field (error, PDN_ERROR_CONFLICT, "check_in_code",
                             _("Another session already uses the check-in code %s"),
                             self->check_in_code);
      return !taken;
    }
  for (guint attempt = 0; self->check_in_code == NULL && attempt < 16; attempt++)
    {
      g_autofree gchar *code = pdn_session_generate_check_in_code ();

      if (!check_in_code_taken (store, code, self->id, &taken, error))
        return FALSE;
      if (!taken)
        self->check_in_code = g_steal_pointer (&code);
    }
  if (self->check_in_code == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, "check_in_code",
                           _("Could not find an unused check-in code"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_facilitators (PdnSession *self, PdnStore *store, GError **error)
{
  return pdn_store_replace_ids (store, "DELETE FROM session_facilitators WHERE session_id = ?",
                                "INSERT INTO session_facilitators (session_id, person_id) "
                                "VALUES (?, ?)",
                                self->id, self->facilitator_ids, error);
}

/* Binds the 20 columns insert and update share, in SELECT_COLUMNS order
 * from program_id to updated_at, without created_at. */
static void
bind_fields (PdnSession *self, PdnStatement *stmt)
{
  pdn_statement_bind_int64 (stmt, 1, self->program_id);
  pdn_statement_bind_id (stmt, 2, self->series_id);
  pdn_statement_bind_text (stmt, 3, self->kind);
  pdn_statement_bind_text (stmt, 4, self->title);
  pdn_statement_bind_text (stmt, 5, self->topic);
  pdn_statement_bind_text (stmt, 6, self->starts_at);
  pdn_statement_bind_text (stmt, 7, self->ends_at);
  pdn_statement_bind_text (stmt, 8, self->time_zone);
  pdn_statement_bind_text (stmt, 9, self->local_date);
  pdn_statement_bind_text (stmt, 10, self->location);
  pdn_statement_bind_id (stmt, 11, self->host_school_id);
  if (self->capacity < 0)
    pdn_statement_bind_null (stmt, 12);
  else
    pdn_statement_bind_int64 (stmt, 12, self->capacity);
  pdn_statement_bind_text (stmt, 13, self->registration_opens_at);
  pdn_statement_bind_text (stmt, 14, self->registration_closes_at);
  pdn_statement_bind_text (stmt, 15, self->cancellation_cutoff);
  pdn_statement_bind_text (stmt, 16, pdn_session_state_to_string (self->state));
  pdn_statement_bind_text (stmt, 17, self->check_in_code);
  pdn_statement_bind_text (stmt, 18, self->curriculum_slug);
  pdn_statement_bind_text (stmt, 19, self->curriculum_commit);
  pdn_statement_bind_text (stmt, 20, self->updated_at);
}

static gboolean
prepare_save (PdnSession *self, PdnStore *store, GError **error)
{
  if (!check_references (self, store, error) || !ensure_check_in_code (self, store, error))
    return FALSE;
  g_free (self->updated_at);
  self->updated_at = pdn_time_now_utc ();
  return TRUE;
}

gboolean
pdn_session_insert (PdnSession *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_session_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !prepare_save (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO sessions (program_id, series_id, kind, title, topic, "
                            "starts_at, ends_at, time_zone, local_date, location, host_school_id, "
                            "capacity, registration_opens_at, registration_closes_at, "
                            "cancellation_cutoff, state, check_in_code, curriculum_slug, "
                            "curriculum_commit, updated_at, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = g_strdup (self->updated_at);
  bind_fields (self, stmt);
  pdn_statement_bind_text (stmt, 21, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  if (!save_facilitators (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM sessions WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No session has id %lld"),
                                (long long) id);
}

gboolean
pdn_session_update (PdnSession *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_session_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_exists (store, self->id, error) || !prepare_save (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE sessions SET program_id = ?, series_id = ?, kind = ?, "
                            "title = ?, topic = ?, starts_at = ?, ends_at = ?, time_zone = ?, "
                            "local_date = ?, location = ?, host_school_id = ?, capacity = ?, "
                            "registration_opens_at = ?, registration_closes_at = ?, "
                            "cancellation_cutoff = ?, state = ?, check_in_code = ?, "
                            "curriculum_slug = ?, curriculum_commit = ?, updated_at = ? "
                            "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (self, stmt);
  pdn_statement_bind_int64 (stmt, 21, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  if (!save_facilitators (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gint64
column_id (PdnStatement *stmt, guint column)
{
  if (pdn_statement_column_is_null (stmt, column))
    return 0;
  return pdn_statement_column_int64 (stmt, column);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnSession *self = pdn_session_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->program_id = pdn_statement_column_int64 (stmt, 1);
  self->series_id = column_id (stmt, 2);
  self->kind = pdn_statement_dup_text (stmt, 3);
  self->title = pdn_statement_dup_text (stmt, 4);
  self->topic = pdn_statement_dup_text (stmt, 5);
  self->starts_at = pdn_statement_dup_text (stmt, 6);
  self->ends_at = pdn_statement_dup_text (stmt, 7);
  self->time_zone = pdn_statement_dup_text (stmt, 8);
  self->local_date = pdn_statement_dup_text (stmt, 9);
  self->location = pdn_statement_dup_text (stmt, 10);
  self->host_school_id = column_id (stmt, 11);
  self->capacity = pdn_statement_column_is_null (stmt, 12) ? -1
                                                           : pdn_statement_column_int64 (stmt, 12);
  self->registration_opens_at = pdn_statement_dup_text (stmt, 13);
  self->registration_closes_at = pdn_statement_dup_text (stmt, 14);
  self->cancellation_cutoff = pdn_statement_dup_text (stmt, 15);
  pdn_session_state_from_string (pdn_statement_column_text (stmt, 16), &self->state);
  self->check_in_code = pdn_statement_dup_text (stmt, 17);
  self->curriculum_slug = pdn_statement_dup_text (stmt, 18);
  self->curriculum_commit = pdn_statement_dup_text (stmt, 19);
  self->created_at = pdn_statement_dup_text (stmt, 20);
  self->updated_at = pdn_statement_dup_text (stmt, 21);
  return self;
}

static gboolean
load_facilitators (PdnSession *self, PdnStore *store, GError **error)
{
  return pdn_store_load_ids (store,
                             "SELECT person_id FROM session_facilitators WHERE session_id = ? "
                             "ORDER BY person_id",
                             self->id, self->facilitator_ids, error);
}

PdnSession *
pdn_session_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE id = ?", id,
                                                        error);
  g_autoptr (PdnSession) self = NULL;

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No session has id %lld"), (long long) id))
    return NULL;
  self = from_row (stmt);
  g_clear_object (&stmt);
  if (!load_facilitators (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

GPtrArray *
pdn_session_list_for_program (PdnStore *store, gint64 program_id, gint64 series_id,
                              GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) list = NULL;

  if (series_id != 0)
    stmt = pdn_store_prepare (store,
                              SELECT_COLUMNS "WHERE program_id = ? AND series_id = ? "
                                             "ORDER BY starts_at, id",
                              error);
  else
    stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE program_id = ? ORDER BY starts_at, id",
                              error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, program_id);
  if (series_id != 0)
    pdn_statement_bind_int64 (stmt, 2, series_id);
  list = pdn_statement_collect (stmt, from_row, error);
  if (list == NULL)
    return NULL;
  g_clear_object (&stmt);
  for (guint i = 0; i < list->len; i++)
    if (!load_facilitators (g_ptr_array_index (list, i), store, error))
      return NULL;
  return g_steal_pointer (&list);
}

/* Facilitators go with the session; registrations, attendance or survey
 * responses still referring to it make this a PDN_ERROR_CONFLICT. */
gboolean
pdn_session_delete (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);

  return tx != NULL && check_exists (store, id, error)
         && pdn_store_run_id (store, "DELETE FROM sessions WHERE id = ?", id, error)
         && pdn_transaction_commit (tx, error);
}

gint64
pdn_session_minutes (PdnSession *self)
{
  if (self->starts_at == NULL || self->ends_at == NULL)
    return 0;
  return pdn_time_seconds_between (self->starts_at, self->ends_at) / 60;
}
