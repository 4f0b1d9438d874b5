/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-curriculum-manifest.h"
#include "pdn-curriculum-repo.h"
#include "pdn-curriculum.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_CURRICULA (pdn_curricula_get_type ())
G_DECLARE_FINAL_TYPE (PdnCurricula, pdn_curricula, PDN, CURRICULA, GObject)

PdnCurricula *pdn_curricula_new (const gchar *root);
void pdn_curricula_attach (PdnStore *store, PdnCurricula *self);
PdnCurricula *pdn_curricula_for_store (PdnStore *store, GError **error);
const gchar *pdn_curricula_get_root (PdnCurricula *self);

PdnCurriculumRepo *pdn_curricula_open (PdnCurricula *self, const gchar *slug, GError **error);
void pdn_curricula_forget (PdnCurricula *self, const gchar *slug);
gboolean pdn_curricula_create (PdnCurricula *self, PdnStore *store, PdnCurriculum *curriculum,
                               PdnCurriculumManifest *manifest, GHashTable *files,
                               const PdnCurriculumAuthor *author, GError **error);
gboolean pdn_curricula_record_head (PdnCurricula *self, PdnStore *store,
                                    PdnCurriculum *curriculum, GError **error);
gchar *pdn_curricula_resolve_pin (PdnCurricula *self, PdnStore *store, const gchar *slug,
                                  const gchar *ref, GError **error);
gboolean pdn_curricula_main_moved (PdnCurricula *self, const gchar *slug, const gchar *commit,
                                   gboolean *moved, gchar **main_head, GError **error);

G_END_DECLS
