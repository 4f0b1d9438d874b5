/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"

gboolean
pdn_require_account (PdnStore *store, gint64 id, const gchar *field, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM accounts WHERE id = ?", id,
                                PDN_ERROR_INVALID_INPUT, field, error,
                                _("No account has id %lld"), (long long) id);
}

gboolean
pdn_require_organization (PdnStore *store, gint64 id, const gchar *field, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM organizations WHERE id = ?", id,
                                PDN_ERROR_INVALID_INPUT, field, error,
                                _("No organization has id %lld"), (long long) id);
}

gboolean
pdn_require_person (PdnStore *store, gint64 id, const gchar *field, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM people WHERE id = ?", id,
                                PDN_ERROR_INVALID_INPUT, field, error,
                                _("No person has id %lld"), (long long) id);
}

gboolean
pdn_require_program (PdnStore *store, gint64 id, const gchar *field, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM programs WHERE id = ?", id,
                                PDN_ERROR_INVALID_INPUT, field, error,
                                _("No program has id %lld"), (long long) id);
}

gboolean
pdn_require_school (PdnStore *store, gint64 id, const gchar *field, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM schools WHERE id = ?", id,
                                PDN_ERROR_INVALID_INPUT, field, error,
                                _("No school has id %lld"), (long long) id);
}

gboolean
pdn_require_session (PdnStore *store, gint64 id, const gchar *field, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM sessions WHERE id = ?", id,
                                PDN_ERROR_INVALID_INPUT, field, error,
                                _("No session has id %lld"), (long long) id);
}
