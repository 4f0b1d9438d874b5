/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_PROGRAM (pdn_program_get_type ())
G_DECLARE_FINAL_TYPE (PdnProgram, pdn_program, PDN, PROGRAM, GObject)

/* A PD program for one school year, run by a lead organization with
 * partners. `type` names the plugin that owns it ("whole-school",
 * "workshop-series", "teacher-led"); any well-formed id is accepted until
 * plugins exist. `settings` is a JSON object owned by that type. */
struct _PdnProgram
{
  GObject parent_instance;
  gint64 id;
  gchar *name;
  gchar *type;
  gint64 lead_organization_id;
  GArray *partner_organization_ids; /* gint64 */
  gchar *school_year;               /* "2017-18" */
  gchar *settings;                  /* JSON object text, "{}" by default */
  gchar *created_at;
};

PdnProgram *pdn_program_new (void);
void pdn_program_add_partner (PdnProgram *self, gint64 organization_id);
/* Fields: "name", "type", "lead_organization_id", "school_year",
 * "settings" (must be a JSON object), "partner_organization_ids[i]". */
gboolean pdn_program_validate (PdnProgram *self, GError **error);
/* insert/update check that the organizations exist and create the school
 * year with default dates if it is new. */
gboolean pdn_program_insert (PdnProgram *self, PdnStore *store, GError **error);
gboolean pdn_program_update (PdnProgram *self, PdnStore *store, GError **error);
PdnProgram *pdn_program_load (PdnStore *store, gint64 id, GError **error);
/* All programs ordered by id; @school_year may be NULL for every year. */
GPtrArray *pdn_program_list (PdnStore *store, const gchar *school_year, GError **error);
gboolean pdn_program_delete (PdnStore *store, gint64 id, GError **error);

G_END_DECLS
