/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SCHOOL_YEAR (pdn_school_year_get_type ())
G_DECLARE_FINAL_TYPE (PdnSchoolYear, pdn_school_year, PDN, SCHOOL_YEAR, GObject)

/* A school year such as "2017-18" with its first and last day. */
struct _PdnSchoolYear
{
  GObject parent_instance;
  gchar *label;     /* "2017-18" */
  gchar *starts_on; /* "2017-07-01" */
  gchar *ends_on;   /* "2018-06-30" */
};

PdnSchoolYear *pdn_school_year_new (const gchar *label);
gboolean pdn_school_year_validate (PdnSchoolYear *self, GError **error);
gboolean pdn_school_year_save (PdnSchoolYear *self, PdnStore *store, GError **error);
PdnSchoolYear *pdn_school_year_load (PdnStore *store, const gchar *label, GError **error);
gboolean pdn_school_year_ensure (PdnStore *store, const gchar *label, GError **error);
gchar *pdn_school_year_label_for_date (const gchar *date);

G_END_DECLS
