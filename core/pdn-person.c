/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-person.h"
#include "pdn-references.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnPerson, pdn_person, G_TYPE_OBJECT)

#define SELECT_COLUMNS "SELECT id, name, email, role, created_at FROM people "

static void
pdn_person_finalize (GObject *object)
{
  PdnPerson *self = PDN_PERSON (object);

  g_free (self->name);
  g_free (self->email);
  g_ptr_array_unref (self->affiliations);
  g_free (self->created_at);
  G_OBJECT_CLASS (pdn_person_parent_class)->finalize (object);
}

static void
pdn_person_class_init (PdnPersonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_person_finalize;
}

static void
pdn_person_init (PdnPerson *self)
{
  self->affiliations = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_affiliation_free);
}

PdnPerson *
pdn_person_new (void)
{
  return g_object_new (PDN_TYPE_PERSON, NULL);
}

void
pdn_person_add_affiliation (PdnPerson *self, gint64 school_id, const gchar *starts_on,
                            const gchar *ends_on)
{
  g_ptr_array_add (self->affiliations, pdn_affiliation_new (school_id, starts_on, ends_on));
}

static const gchar *
date_or_open (const gchar *date)
{
  /* TRANSLATORS: an affiliation without a start or end date */
  return date != NULL ? date : _("open");
}

/* Participation is credited to the one school a person was at on a day,
 * so no two affiliations may share a day. Names the later one. */
static gboolean
check_overlaps (PdnPerson *self, GError **error)
{
  for (guint j = 1; j < self->affiliations->len; j++)
    for (guint i = 0; i < j; i++)
      {
        const PdnAffiliation *a = g_ptr_array_index (self->affiliations, i);
        const PdnAffiliation *b = g_ptr_array_index (self->affiliations, j);
        g_autofree gchar *field = NULL;

        if (!pdn_affiliation_overlaps (a, b))
          continue;
        field = g_strdup_printf ("affiliations[%u]", j);
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                             _("affiliations[%u] (%s to %s) overlaps affiliations[%u] (%s to "
                               "%s): a person is at one school on any given day"),
                             j, date_or_open (b->starts_on), date_or_open (b->ends_on), i,
                             date_or_open (a->starts_on), date_or_open (a->ends_on));
        return FALSE;
      }
  return TRUE;
}

gboolean
pdn_person_validate (PdnPerson *self, GError **error)
{
  if (!pdn_validate_text (self->name, "name", TRUE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  if (!pdn_validate_email (self->email, "email", error))
    return FALSE;
  if (pdn_person_role_to_string (self->role) == NULL)
    return pdn_validate_enum (NULL, "role", pdn_person_role_names (), error);
  for (guint i = 0; i < self->affiliations->len; i++)
    {
      g_autoptr (GError) local_error = NULL;

      if (!pdn_affiliation_validate (g_ptr_array_index (self->affiliations, i), &local_error))
        {
          g_autofree gchar *prefix = g_strdup_printf ("affiliations[%u]", i);

          pdn_error_prefix_field (local_error, prefix);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return check_overlaps (self, error);
}

static gboolean
check_email_unique (PdnPerson *self, PdnStore *store, const gchar *email_key, GError **error)
{
  g_autofree gchar *other = NULL;

  if (!pdn_store_find_other (store, "SELECT email FROM people WHERE email_key = ? AND id <> ?",
                             email_key, self->id, &other, error))
    return FALSE;
  if (other != NULL)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "email",
                         _("Another person already has the email “%s”"), other);
  return other == NULL;
}

static gboolean
check_schools (PdnPerson *self, PdnStore *store, GError **error)
{
  for (guint i = 0; i < self->affiliations->len; i++)
    {
      const PdnAffiliation *affiliation = g_ptr_array_index (self->affiliations, i);
      g_autofree gchar *field = g_strdup_printf ("affiliations[%u].school_id", i);

      if (!pdn_require_school (store, affiliation->school_id, field, error))
        return FALSE;
    }
  return TRUE;
}

/* NULL (open) starts first; valid histories have distinct starts. */
static gint
compare_starts (gconstpointer a, gconstpointer b)
{
  const PdnAffiliation *x = *(PdnAffiliation *const *) a;
  const PdnAffiliation *y = *(PdnAffiliation *const *) b;

  if (x->starts_on == NULL || y->starts_on == NULL)
    return (x->starts_on != NULL) - (y->starts_on != NULL);
  return strcmp (x->starts_on, y->starts_on);
}

/* Replaces the stored history with self->affiliations, in date order. */
static gboolean
save_affiliations (PdnPerson *self, PdnStore *store, GError **error)
{
  if (!pdn_store_run_id (store, "DELETE FROM affiliations WHERE person_id = ?", self->id, error))
    return FALSE;
  g_ptr_array_sort (self->affiliations, compare_starts);
  for (guint i = 0; i < self->affiliations->len; i++)
    {
      PdnAffiliation *affiliation = g_ptr_array_index (self->affiliations, i);
      g_autoptr (PdnStatement) add = NULL;

      add = pdn_store_prepare_id (store,
                                  "INSERT INTO affiliations (person_id, school_id, starts_on, "
                                  "ends_on) VALUES (?, ?, ?, ?)",
                                  self->id, error);
      if (add == NULL)
        return FALSE;
      pdn_statement_bind_int64 (add, 2, affiliation->school_id);
      pdn_statement_bind_text (add, 3, affiliation->starts_on);
      pdn_statement_bind_text (add, 4, affiliation->ends_on);
      if (!pdn_statement_run (add, error))
        return FALSE;
      affiliation->id = pdn_store_last_insert_id (store);
    }
  return TRUE;
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM people WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No person has id %lld"),
                                (long long) id);
}

/* The checks every write makes inside its transaction, before writing. */
static gboolean
check_references (PdnPerson *self, PdnStore *store, const gchar *email_key, GError **error)
{
  return check_email_unique (self, store, email_key, error) && check_schools (self, store, error);
}

gboolean
pdn_person_insert (PdnPerson *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *email_key = NULL;

  if (!pdn_person_validate (self, error))
    return FALSE;
  email_key = pdn_email_key (self->email);
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_references (self, store, email_key, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO people (name, email, email_key, role, created_at) "
                            "VALUES (?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->email);
  pdn_statement_bind_text (stmt, 3, email_key);
  pdn_statement_bind_text (stmt, 4, pdn_person_role_to_string (self->role));
  pdn_statement_bind_text (stmt, 5, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  if (!save_affiliations (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

gboolean
pdn_person_update (PdnPerson *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *email_key = NULL;

  if (!pdn_person_validate (self, error))
    return FALSE;
  email_key = pdn_email_key (self->email);
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_exists (store, self->id, error)
      || !check_references (self, store, email_key, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE people SET name = ?, email = ?, email_key = ?, role = ? "
                            "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->email);
  pdn_statement_bind_text (stmt, 3, email_key);
  pdn_statement_bind_text (stmt, 4, pdn_person_role_to_string (self->role));
  pdn_statement_bind_int64 (stmt, 5, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  if (!save_affiliations (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

/* Open starts first, then by date; portable (PostgreSQL sorts NULL last). */
static gboolean
load_affiliations (PdnPerson *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  stmt = pdn_store_prepare_id (store,
                               "SELECT id, school_id, starts_on, ends_on FROM affiliations "
                               "WHERE person_id = ? ORDER BY "
                               "CASE WHEN starts_on IS NULL THEN 0 ELSE 1 END, starts_on, id",
                               self->id, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      PdnAffiliation *affiliation
        = pdn_affiliation_new (pdn_statement_column_int64 (stmt, 1),
                               pdn_statement_column_text (stmt, 2),
                               pdn_statement_column_text (stmt, 3));

      affiliation->id = pdn_statement_column_int64 (stmt, 0);
      g_ptr_array_add (self->affiliations, affiliation);
    }
  return step == PDN_STEP_DONE;
}

/* Steps a prepared SELECT_COLUMNS query; @not_found is the message when no
 * row matches. */
static PdnPerson *
load_row (PdnStore *store, PdnStatement *stmt, const gchar *not_found, GError **error)
{
  g_autoptr (PdnPerson) self = NULL;

  if (!pdn_statement_step_one (stmt, error, "%s", not_found))
    return NULL;
  self = pdn_person_new ();
  self->id = pdn_statement_column_int64 (stmt, 0);
  self->name = pdn_statement_dup_text (stmt, 1);
  self->email = pdn_statement_dup_text (stmt, 2);
  pdn_person_role_from_string (pdn_statement_column_text (stmt, 3), &self->role);
  self->created_at = pdn_statement_dup_text (stmt, 4);
  pdn_statement_reset (stmt);
  if (!load_affiliations (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

PdnPerson *
pdn_person_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE id = ?", error);
  g_autofree gchar *not_found = NULL;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, id);
  not_found = g_strdup_printf (_("No person has id %lld"), (long long) id);
  return load_row (store, stmt, not_found, error);
}

/* Matches after case folding, as uniqueness does. */
PdnPerson *
pdn_person_find_by_email (PdnStore *store, const gchar *email, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *email_key = NULL;
  g_autofree gchar *not_found = NULL;

  email_key = email != NULL ? pdn_email_key (email) : NULL;
  not_found = g_strdup_printf (_("No person has the email “%s”"), email != NULL ? email : "");
  if (email_key == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, "%s", not_found);
      return NULL;
    }
  stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE email_key = ?", error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, email_key);
  return load_row (store, stmt, not_found, error);
}

/* Removes the affiliation history too; fails with PDN_ERROR_CONFLICT while
 * registrations, attendance or an account refer to the person. */
gboolean
pdn_person_delete (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_run_id (store, "DELETE FROM people WHERE id = ?", id, error);
}

gint64
pdn_person_school_on (PdnPerson *self, const gchar *date)
{
  for (guint i = 0; i < self->affiliations->len; i++)
    {
      const PdnAffiliation *affiliation = g_ptr_array_index (self->affiliations, i);

      if (pdn_affiliation_covers (affiliation, date))
        return affiliation->school_id;
    }
  return 0;
}
