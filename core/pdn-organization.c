/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-organization.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnOrganization, pdn_organization, G_TYPE_OBJECT)

#define SELECT_COLUMNS "SELECT id, name, slug, kind, created_at FROM organizations "

static void
pdn_organization_finalize (GObject *object)
{
  PdnOrganization *self = PDN_ORGANIZATION (object);

  g_free (self->name);
  g_free (self->slug);
  g_ptr_array_unref (self->email_domains);
  g_free (self->created_at);
  G_OBJECT_CLASS (pdn_organization_parent_class)->finalize (object);
}

static void
pdn_organization_class_init (PdnOrganizationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_organization_finalize;
}

static void
pdn_organization_init (PdnOrganization *self)
{
  self->email_domains = g_ptr_array_new_with_free_func (g_free);
}

PdnOrganization *
pdn_organization_new (void)
{
  return g_object_new (PDN_TYPE_ORGANIZATION, NULL);
}

gboolean
pdn_organization_validate (PdnOrganization *self, GError **error)
{
  if (!pdn_validate_text (self->name, "name", TRUE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  if (!pdn_validate_slug (self->slug, "slug", error))
    return FALSE;
  if (pdn_organization_kind_to_string (self->kind) == NULL)
    return pdn_validate_enum (NULL, "kind", pdn_organization_kind_names (), error);
  for (guint i = 0; i < self->email_domains->len; i++)
    {
      g_autofree gchar *field = g_strdup_printf ("email_domains[%u]", i);
      if (!pdn_validate_email_domain (g_ptr_array_index (self->email_domains, i), field, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_email_domains (PdnOrganization *self, PdnStore *store, GError **error)
{
  if (!pdn_store_run_id (store, "DELETE FROM organization_email_domains WHERE organization_id = ?",
                         self->id, error))
    return FALSE;
  for (guint i = 0; i < self->email_domains->len; i++)
    {
      g_autoptr (PdnStatement) add = NULL;
      g_autofree gchar *domain = g_ascii_strdown (g_ptr_array_index (self->email_domains, i), -1);

      add = pdn_store_prepare (store,
                               "INSERT INTO organization_email_domains (organization_id, domain) "
                               "VALUES (?, ?) ON CONFLICT DO NOTHING",
                               error);
      if (add == NULL)
        return FALSE;
      pdn_statement_bind_int64 (add, 1, self->id);
      pdn_statement_bind_text (add, 2, domain);
      if (!pdn_statement_run (add, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pdn_organization_insert (PdnOrganization *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_organization_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO organizations (name, slug, kind, created_at) "
                            "VALUES (?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->slug);
  pdn_statement_bind_text (stmt, 3, pdn_organization_kind_to_string (self->kind));
  pdn_statement_bind_text (stmt, 4, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  if (!save_email_domains (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

gboolean
pdn_organization_update (PdnOrganization *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_organization_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  stmt = pdn_store_prepare (store, "UPDATE organizations SET name = ?, slug = ?, kind = ? "
                                   "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->slug);
  pdn_statement_bind_text (stmt, 3, pdn_organization_kind_to_string (self->kind));
  pdn_statement_bind_int64 (stmt, 4, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  if (!save_email_domains (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gboolean
load_email_domains (PdnOrganization *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  stmt = pdn_store_prepare_id (store,
                               "SELECT domain FROM organization_email_domains "
                               "WHERE organization_id = ? ORDER BY domain",
                               self->id, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    g_ptr_array_add (self->email_domains, pdn_statement_dup_text (stmt, 0));
  return step == PDN_STEP_DONE;
}

/* Reads one row of SELECT_COLUMNS selected by one text or id parameter. */
static PdnOrganization *
load_one (PdnStore *store, const gchar *where, const gchar *text, gint64 id, GError **error)
{
  g_autofree gchar *sql = g_strconcat (SELECT_COLUMNS, where, NULL);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, error);
  g_autoptr (PdnOrganization) self = NULL;
  gboolean found;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    {
      pdn_statement_bind_text (stmt, 1, text);
      found = pdn_statement_step_one (stmt, error, _("No organization matches %s"), text);
    }
  else
    {
      pdn_statement_bind_int64 (stmt, 1, id);
      found = pdn_statement_step_one (stmt, error, _("No organization has id %lld"),
                                      (long long) id);
    }
  if (!found)
    return NULL;
  self = pdn_organization_new ();
  self->id = pdn_statement_column_int64 (stmt, 0);
  self->name = pdn_statement_dup_text (stmt, 1);
  self->slug = pdn_statement_dup_text (stmt, 2);
  pdn_organization_kind_from_string (pdn_statement_column_text (stmt, 3), &self->kind);
  self->created_at = pdn_statement_dup_text (stmt, 4);
  g_clear_object (&stmt);
  if (!load_email_domains (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

PdnOrganization *
pdn_organization_load (PdnStore *store, gint64 id, GError **error)
{
  return load_one (store, "WHERE id = ?", NULL, id, error);
}

PdnOrganization *
pdn_organization_find_by_slug (PdnStore *store, const gchar *slug, GError **error)
{
  return load_one (store, "WHERE slug = ?", slug, 0, error);
}

PdnOrganization *
pdn_organization_find_by_name (PdnStore *store, const gchar *name, GError **error)
{
  return load_one (store, "WHERE name = ? ORDER BY id LIMIT 1", name, 0, error);
}

gboolean
pdn_organization_delete (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_run_id (store, "DELETE FROM organizations WHERE id = ?", id, error);
}

/* An organization without email domains accepts any address. */
gboolean
pdn_organization_accepts_email (PdnOrganization *self, const gchar *email)
{
  const gchar *domain = pdn_email_domain (email);

  if (self->email_domains->len == 0)
    return TRUE;
  for (guint i = 0; domain != NULL && i < self->email_domains->len; i++)
    if (g_ascii_strcasecmp (domain, g_ptr_array_index (self->email_domains, i)) == 0)
      return TRUE;
  return FALSE;
}

/* "St. Mary's Diocese" -> "st-mary-s-diocese" */
gchar *
pdn_organization_slug_from_name (const gchar *name)
{
  g_autofree gchar *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);

  for (const gchar *p = ascii; *p != '\0' && slug->len < 64; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "organization");
  return g_string_free (slug, FALSE);
}
