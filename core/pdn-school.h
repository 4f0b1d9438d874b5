/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SCHOOL (pdn_school_get_type ())
G_DECLARE_FINAL_TYPE (PdnSchool, pdn_school, PDN, SCHOOL, GObject)

/* A school as it is now; what changes by year lives in PdnSchoolFacts. */
struct _PdnSchool
{
  GObject parent_instance;
  gint64 id;
  gchar *name;
  PdnSector sector;
  gint64 organization_id;
  gchar *city;        /* nullable */
  gchar *external_id; /* nullable; unique when given (e.g. an NCES id) */
  gchar *created_at;
};

PdnSchool *pdn_school_new (void);
gboolean pdn_school_validate (PdnSchool *self, GError **error);
/* insert/update also check that organization_id exists (field "organization_id"). */
gboolean pdn_school_insert (PdnSchool *self, PdnStore *store, GError **error);
gboolean pdn_school_update (PdnSchool *self, PdnStore *store, GError **error);
PdnSchool *pdn_school_load (PdnStore *store, gint64 id, GError **error);
PdnSchool *pdn_school_find_by_external_id (PdnStore *store, const gchar *external_id,
                                           GError **error);
/* @organization_id 0 searches every organization (oldest match first). */
PdnSchool *pdn_school_find_by_name (PdnStore *store, gint64 organization_id, const gchar *name,
                                    GError **error);
gboolean pdn_school_delete (PdnStore *store, gint64 id, GError **error);

G_END_DECLS
