/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-references.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnAccount, pdn_account, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, name, email, role, organization_id, person_id, password_hash, disabled, "         \
  "created_at FROM accounts "

static void
pdn_account_finalize (GObject *object)
{
  PdnAccount *self = PDN_ACCOUNT (object);

  g_free (self->name);
  g_free (self->email);
  g_free (self->password_hash);
  g_free (self->created_at);
  G_OBJECT_CLASS (pdn_account_parent_class)->finalize (object);
}

static void
pdn_account_class_init (PdnAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_account_finalize;
}

static void
pdn_account_init (PdnAccount *self)
{
}

PdnAccount *
pdn_account_new (void)
{
  return g_object_new (PDN_TYPE_ACCOUNT, NULL);
}

/* Coordinators and leads act for an organization; a teacher signs in as
 * one person. Admins and service accounts need neither. */
static gboolean
validate_links (PdnAccount *self, GError **error)
{
  const gchar *role = pdn_login_role_to_string (self->role);

  if ((self->role == PDN_LOGIN_ROLE_COORDINATOR || self->role == PDN_LOGIN_ROLE_LEAD)
      && self->organization_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "organization_id",
                           /* TRANSLATORS: %s is a login role such as "coordinator" */
                           _("A %s account must act for an organization"), role);
      return FALSE;
    }
  if (self->role == PDN_LOGIN_ROLE_TEACHER && self->person_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "person_id",
                           _("A teacher account must belong to a person"));
      return FALSE;
    }
  return TRUE;
}

/* A blank email becomes NULL: the account has none. */
gboolean
pdn_account_validate (PdnAccount *self, GError **error)
{
  pdn_clear_if_blank (&self->email);
  pdn_clear_if_blank (&self->password_hash);
  if (!pdn_validate_text (self->name, "name", TRUE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  if (self->email != NULL && !pdn_validate_email (self->email, "email", error))
    return FALSE;
  if (pdn_login_role_to_string (self->role) == NULL)
    return pdn_validate_enum (NULL, "role", pdn_login_role_names (), error);
  if (!validate_links (self, error))
    return FALSE;
  return pdn_validate_text (self->password_hash, "password_hash", FALSE, 1024, error);
}

static gboolean
check_email_unique (PdnAccount *self, PdnStore *store, const gchar *email_key, GError **error)
{
  g_autofree gchar *other = NULL;

  if (email_key == NULL)
    return TRUE;
  if (!pdn_store_find_other (store, "SELECT email FROM accounts WHERE email_key = ? AND id <> ?",
                             email_key, self->id, &other, error))
    return FALSE;
  if (other != NULL)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "email",
                         _("Another account already has the email “%s”"), other);
  return other == NULL;
}

/* A person has at most one account. */
static gboolean
check_person_free (PdnAccount *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  if (self->person_id <= 0)
    return TRUE;
  stmt = pdn_store_prepare (store, "SELECT id FROM accounts WHERE person_id = ? AND id <> ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, self->person_id);
  pdn_statement_bind_int64 (stmt, 2, self->id);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ROW)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "person_id",
                         _("Person %lld already has account %lld"), (long long) self->person_id,
                         (long long) pdn_statement_column_int64 (stmt, 0));
  return step == PDN_STEP_DONE;
}

/* The checks every write makes inside its transaction, before writing. */
static gboolean
check_references (PdnAccount *self, PdnStore *store, const gchar *email_key, GError **error)
{
  return (self->organization_id <= 0
          || pdn_require_organization (store, self->organization_id, "organization_id", error))
         && (self->person_id <= 0 || pdn_require_person (store, self->person_id, "person_id", error))
         && check_email_unique (self, store, email_key, error)
         && check_person_free (self, store, error);
}

static void
bind_fields (PdnAccount *self, PdnStatement *stmt, const gchar *email_key)
{
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->email);
  pdn_statement_bind_text (stmt, 3, email_key);
  pdn_statement_bind_text (stmt, 4, pdn_login_role_to_string (self->role));
  pdn_statement_bind_id (stmt, 5, self->organization_id);
  pdn_statement_bind_id (stmt, 6, self->person_id);
  pdn_statement_bind_text (stmt, 7, self->password_hash);
  pdn_statement_bind_bool (stmt, 8, self->disabled);
}

gboolean
pdn_account_insert (PdnAccount *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *email_key = NULL;

  if (!pdn_account_validate (self, error))
    return FALSE;
  email_key = self->email != NULL ? pdn_email_key (self->email) : NULL;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_references (self, store, email_key, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO accounts (name, email, email_key, role, organization_id, "
                            "person_id, password_hash, disabled, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  bind_fields (self, stmt, email_key);
  pdn_statement_bind_text (stmt, 9, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  return pdn_transaction_commit (tx, error);
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM accounts WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No account has id %lld"),
                                (long long) id);
}

gboolean
pdn_account_update (PdnAccount *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *email_key = NULL;

  if (!pdn_account_validate (self, error))
    return FALSE;
  email_key = self->email != NULL ? pdn_email_key (self->email) : NULL;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_exists (store, self->id, error)
      || !check_references (self, store, email_key, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE accounts SET name = ?, email = ?, email_key = ?, role = ?, "
                            "organization_id = ?, person_id = ?, password_hash = ?, disabled = ? "
                            "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (self, stmt, email_key);
  pdn_statement_bind_int64 (stmt, 9, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

/* Steps a prepared SELECT_COLUMNS query; @not_found is the message when no
 * row matches. */
static PdnAccount *
load_row (PdnStatement *stmt, const gchar *not_found, GError **error)
{
  PdnAccount *self;

  if (!pdn_statement_step_one (stmt, error, "%s", not_found))
    return NULL;
  self = pdn_account_new ();
  self->id = pdn_statement_column_int64 (stmt, 0);
  self->name = pdn_statement_dup_text (stmt, 1);
  self->email = pdn_statement_dup_text (stmt, 2);
  pdn_login_role_from_string (pdn_statement_column_text (stmt, 3), &self->role);
  self->organization_id = pdn_statement_column_int64 (stmt, 4);
  self->person_id = pdn_statement_column_int64 (stmt, 5);
  self->password_hash = pdn_statement_dup_text (stmt, 6);
  self->disabled = pdn_statement_column_int64 (stmt, 7) != 0;
  self->created_at = pdn_statement_dup_text (stmt, 8);
  return self;
}

PdnAccount *
pdn_account_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE id = ?", error);
  g_autofree gchar *not_found = NULL;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, id);
  not_found = g_strdup_printf (_("No account has id %lld"), (long long) id);
  return load_row (stmt, not_found, error);
}

/* Matches after case folding, as uniqueness does. */
PdnAccount *
pdn_account_find_by_email (PdnStore *store, const gchar *email, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *email_key = email != NULL ? pdn_email_key (email) : NULL;
  g_autofree gchar *not_found = NULL;

  not_found = g_strdup_printf (_("No account has the email “%s”"), email != NULL ? email : "");
  if (email_key == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, "%s", not_found);
      return NULL;
    }
  stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE email_key = ?", error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, email_key);
  return load_row (stmt, not_found, error);
}

/* A service account has no email: it is known by its name, role and
 * organization (0: none). The oldest match wins. */
PdnAccount *
pdn_account_find_service (PdnStore *store, const gchar *name, PdnLoginRole role,
                          gint64 organization_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *not_found = NULL;

  stmt = pdn_store_prepare (store,
                            SELECT_COLUMNS "WHERE email_key IS NULL AND name = ? AND role = ? "
                                           "AND COALESCE(organization_id, 0) = ? "
                                           "ORDER BY id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, name);
  pdn_statement_bind_text (stmt, 2, pdn_login_role_to_string (role));
  pdn_statement_bind_int64 (stmt, 3, organization_id);
  not_found = g_strdup_printf (_("No account without an email is named “%s”"),
                               name != NULL ? name : "");
  return load_row (stmt, not_found, error);
}

/* Fails with PDN_ERROR_CONFLICT while registrations or attendance record
 * the account as their author; disable it instead. */
gboolean
pdn_account_delete (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_run_id (store, "DELETE FROM accounts WHERE id = ?", id, error);
}
