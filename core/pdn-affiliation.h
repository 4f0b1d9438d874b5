/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A dated membership of a person in a school; a NULL date is an open end.
 * Both ends are inclusive days. */
typedef struct
{
  gint64 id;
  gint64 school_id;
  gchar *starts_on; /* "YYYY-MM-DD" or NULL */
  gchar *ends_on;   /* "YYYY-MM-DD" or NULL */
} PdnAffiliation;

#define PDN_TYPE_AFFILIATION (pdn_affiliation_get_type ())
GType pdn_affiliation_get_type (void);

PdnAffiliation *pdn_affiliation_new (gint64 school_id, const gchar *starts_on,
                                     const gchar *ends_on);
PdnAffiliation *pdn_affiliation_copy (const PdnAffiliation *self);
void pdn_affiliation_free (PdnAffiliation *self);
gboolean pdn_affiliation_validate (const PdnAffiliation *self, GError **error);
gboolean pdn_affiliation_covers (const PdnAffiliation *self, const gchar *date);
gboolean pdn_affiliation_overlaps (const PdnAffiliation *a, const PdnAffiliation *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnAffiliation, pdn_affiliation_free)

G_END_DECLS
