/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-affiliation.h"
#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_PERSON (pdn_person_get_type ())
G_DECLARE_FINAL_TYPE (PdnPerson, pdn_person, PDN, PERSON, GObject)

/* An educator. Participation is credited to the school of the affiliation
 * that covers the session date, so affiliations may not overlap. */
struct _PdnPerson
{
  GObject parent_instance;
  gint64 id;
  gchar *name;
  gchar *email;
  PdnPersonRole role;
  GPtrArray *affiliations; /* PdnAffiliation*, ordered by starts_on */
  gchar *created_at;
};

PdnPerson *pdn_person_new (void);
void pdn_person_add_affiliation (PdnPerson *self, gint64 school_id, const gchar *starts_on,
                                 const gchar *ends_on);
/* Field errors name "name", "email", "role", "affiliations[i].from" ... */
gboolean pdn_person_validate (PdnPerson *self, GError **error);
/* insert/update check that every affiliation's school exists
 * ("affiliations[i].school_id": unknown school) and that the email is
 * unique after case folding (PDN_ERROR_CONFLICT, field "email"). update
 * replaces the affiliation history. */
gboolean pdn_person_insert (PdnPerson *self, PdnStore *store, GError **error);
gboolean pdn_person_update (PdnPerson *self, PdnStore *store, GError **error);
PdnPerson *pdn_person_load (PdnStore *store, gint64 id, GError **error);
PdnPerson *pdn_person_find_by_email (PdnStore *store, const gchar *email, GError **error);
gboolean pdn_person_delete (PdnStore *store, gint64 id, GError **error);
/* The school the person was at on @date ("YYYY-MM-DD"), or 0. */
gint64 pdn_person_school_on (PdnPerson *self, const gchar *date);

G_END_DECLS
