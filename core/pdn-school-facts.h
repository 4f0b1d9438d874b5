/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SCHOOL_FACTS (pdn_school_facts_get_type ())
G_DECLARE_FINAL_TYPE (PdnSchoolFacts, pdn_school_facts, PDN, SCHOOL_FACTS, GObject)

/* What is true of a school in one school year: its teacher headcount (the
 * denominator of participation rates), and its sector and organization,
 * which can change between years (a district school restarting as a charter). */
struct _PdnSchoolFacts
{
  GObject parent_instance;
  gint64 school_id;
  gchar *school_year;
  gint64 teacher_headcount; /* -1: unknown */
  PdnSector sector;
  gint64 organization_id;
};

PdnSchoolFacts *pdn_school_facts_new (void);
gboolean pdn_school_facts_validate (PdnSchoolFacts *self, GError **error);
/* Inserts or replaces the row for (school_id, school_year); creates the
 * school year with default dates when it does not exist yet. */
gboolean pdn_school_facts_save (PdnSchoolFacts *self, PdnStore *store, GError **error);
PdnSchoolFacts *pdn_school_facts_load (PdnStore *store, gint64 school_id,
                                       const gchar *school_year, GError **error);

G_END_DECLS
