/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_OUTCOME (pdn_outcome_get_type ())
G_DECLARE_FINAL_TYPE (PdnOutcome, pdn_outcome, PDN, OUTCOME, GObject)

/* A school's result on one measure in one school year (e.g. "math_growth":
 * median student growth percentile), with the number of students behind
 * it so analyses can suppress small groups. */
struct _PdnOutcome
{
  GObject parent_instance;
  gint64 school_id;
  gchar *school_year;
  gchar *measure; /* [a-z0-9_]{1,40}, such as ela_growth */
  gdouble value;
  gint64 students_n;
};

#define PDN_OUTCOME_MEASURE_MAX_CHARS 40

PdnOutcome *pdn_outcome_new (void);
gboolean pdn_outcome_is_measure (const gchar *text);
gboolean pdn_outcome_validate_measure (const gchar *measure, const gchar *field, GError **error);
gboolean pdn_outcome_validate (PdnOutcome *self, GError **error);
PdnOutcome *pdn_outcome_load (PdnStore *store, gint64 school_id, const gchar *school_year,
                              const gchar *measure, GError **error);
/* Inserts or replaces the (school, year, measure) row. */
gboolean pdn_outcome_save (PdnOutcome *self, PdnStore *store, GError **error);
GPtrArray *pdn_outcome_list (PdnStore *store, const gchar *school_year, const gchar *measure,
                             GError **error);

G_END_DECLS
