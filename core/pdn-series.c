/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"
#include "pdn-series.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnSeries, pdn_series, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, program_id, title, topic, term, kind, position, created_at FROM series "

static void
pdn_series_finalize (GObject *object)
{
  PdnSeries *self = PDN_SERIES (object);

  g_free (self->title);
  g_free (self->topic);
  g_free (self->term);
  g_free (self->kind);
  g_free (self->created_at);
  G_OBJECT_CLASS (pdn_series_parent_class)->finalize (object);
}

static void
pdn_series_class_init (PdnSeriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_series_finalize;
}

static void
pdn_series_init (PdnSeries *self)
{
}

PdnSeries *
pdn_series_new (void)
{
  return g_object_new (PDN_TYPE_SERIES, NULL);
}

gboolean
pdn_series_validate (PdnSeries *self, GError **error)
{
  pdn_clear_if_blank (&self->topic);
  pdn_clear_if_blank (&self->term);
  if (self->program_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "program_id",
                           _("program_id is required"));
      return FALSE;
    }
  if (!pdn_validate_text (self->title, "title", TRUE, PDN_NAME_MAX_CHARS, error)
      || !pdn_validate_text (self->topic, "topic", FALSE, PDN_NAME_MAX_CHARS, error)
      || !pdn_validate_text (self->term, "term", FALSE, PDN_NAME_MAX_CHARS, error)
      || !pdn_validate_identifier (self->kind, "kind", "-", error))
    return FALSE;
  if (self->position < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "position",
                           _("position must not be negative"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_program (PdnSeries *self, PdnStore *store, GError **error)
{
  return pdn_require_program (store, self->program_id, "program_id", error);
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM series WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No series has id %lld"),
                                (long long) id);
}

static void
bind_fields (PdnSeries *self, PdnStatement *stmt)
{
  pdn_statement_bind_int64 (stmt, 1, self->program_id);
  pdn_statement_bind_text (stmt, 2, self->title);
  pdn_statement_bind_text (stmt, 3, self->topic);
  pdn_statement_bind_text (stmt, 4, self->term);
  pdn_statement_bind_text (stmt, 5, self->kind);
  pdn_statement_bind_int64 (stmt, 6, self->position);
}

gboolean
pdn_series_insert (PdnSeries *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_series_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_program (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO series (program_id, title, topic, term, kind, position, "
                            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  bind_fields (self, stmt);
  pdn_statement_bind_text (stmt, 7, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  return pdn_transaction_commit (tx, error);
}

/* Moving a series to another program would strand its sessions in the
 * old one, so the program of a series with sessions is fixed. */
static gboolean
check_program_change (PdnSeries *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "SELECT COUNT(*) FROM sessions WHERE series_id = ? AND program_id <> ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, self->id);
  pdn_statement_bind_int64 (stmt, 2, self->program_id);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  if (pdn_statement_column_int64 (stmt, 0) > 0)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "program_id",
                           _("The series has sessions in another program"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pdn_series_update (PdnSeries *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_series_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_exists (store, self->id, error) || !check_program (self, store, error)
      || !check_program_change (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE series SET program_id = ?, title = ?, topic = ?, term = ?, "
                            "kind = ?, position = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (self, stmt);
  pdn_statement_bind_int64 (stmt, 7, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnSeries *self = pdn_series_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->program_id = pdn_statement_column_int64 (stmt, 1);
  self->title = pdn_statement_dup_text (stmt, 2);
  self->topic = pdn_statement_dup_text (stmt, 3);
  self->term = pdn_statement_dup_text (stmt, 4);
  self->kind = pdn_statement_dup_text (stmt, 5);
  self->position = pdn_statement_column_int64 (stmt, 6);
  self->created_at = pdn_statement_dup_text (stmt, 7);
  return self;
}

PdnSeries *
pdn_series_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE id = ?", id,
                                                        error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No series has id %lld"), (long long) id))
    return NULL;
  return from_row (stmt);
}

/* Ordered by position, then creation. */
GPtrArray *
pdn_series_list_for_program (PdnStore *store, gint64 program_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE program_id = ? ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, program_id);
  return pdn_statement_collect (stmt, from_row, error);
}

/* Sessions still in the series make this a PDN_ERROR_CONFLICT. */
gboolean
pdn_series_delete (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);

  return tx != NULL && check_exists (store, id, error)
         && pdn_store_run_id (store, "DELETE FROM series WHERE id = ?", id, error)
         && pdn_transaction_commit (tx, error);
}
