/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pdn-json-fields.h"

G_BEGIN_DECLS

/* A named requirement of a curriculum and the files that carry it. */
typedef struct
{
  gchar *name;
  GPtrArray *files; /* gchar* paths */
} PdnNonNegotiable;

/* curriculum.json: what a curriculum is, and what an adaptation must keep. */
typedef struct
{
  gchar *title;
  gchar *summary;
  gchar *owner_organization; /* the owner's slug */
  gchar *program_type;
  gchar *audience;
  GPtrArray *non_negotiables; /* PdnNonNegotiable */
} PdnCurriculumManifest;

PdnCurriculumManifest *pdn_curriculum_manifest_new (void);
void pdn_curriculum_manifest_free (PdnCurriculumManifest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCurriculumManifest, pdn_curriculum_manifest_free)

gboolean pdn_curriculum_manifest_read (PdnCurriculumManifest *self, PdnJsonFields *fields,
                                       GError **error);
gboolean pdn_curriculum_manifest_validate (PdnCurriculumManifest *self, GError **error);
PdnCurriculumManifest *pdn_curriculum_manifest_parse (GBytes *bytes, GError **error);
JsonNode *pdn_curriculum_manifest_to_json (PdnCurriculumManifest *self);
GBytes *pdn_curriculum_manifest_to_bytes (PdnCurriculumManifest *self);
PdnNonNegotiable *pdn_curriculum_manifest_find (PdnCurriculumManifest *self, const gchar *name);

G_END_DECLS
