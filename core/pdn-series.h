/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SERIES (pdn_series_get_type ())
G_DECLARE_FINAL_TYPE (PdnSeries, pdn_series, PDN, SERIES, GObject)

/* An ordered group of sessions inside a program: a workshop series, a
 * teacher-led course, a whole-school cohort. `kind` is free text owned by
 * the program type ("workshop-series", "course", "cohort"...). */
struct _PdnSeries
{
  GObject parent_instance;
  gint64 id;
  gint64 program_id;
  gchar *title;
  gchar *topic; /* nullable */
  gchar *term;  /* nullable, e.g. "Fall 2026" */
  gchar *kind;
  gint64 position; /* order inside the program */
  gchar *created_at;
};

PdnSeries *pdn_series_new (void);
gboolean pdn_series_validate (PdnSeries *self, GError **error);
gboolean pdn_series_insert (PdnSeries *self, PdnStore *store, GError **error);
gboolean pdn_series_update (PdnSeries *self, PdnStore *store, GError **error);
PdnSeries *pdn_series_load (PdnStore *store, gint64 id, GError **error);
GPtrArray *pdn_series_list_for_program (PdnStore *store, gint64 program_id, GError **error);
gboolean pdn_series_delete (PdnStore *store, gint64 id, GError **error);

G_END_DECLS
