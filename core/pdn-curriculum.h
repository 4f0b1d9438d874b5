/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_CURRICULUM (pdn_curriculum_get_type ())
G_DECLARE_FINAL_TYPE (PdnCurriculum, pdn_curriculum, PDN, CURRICULUM, GObject)

/* A row of `curricula`: what SQL needs of a curriculum whose content lives
 * in its git repository (see PdnCurricula). */
struct _PdnCurriculum
{
  GObject parent_instance;
  gint64 id;
  gchar *slug;
  gchar *title;
  gint64 owner_organization_id;
  gboolean is_public;
  gchar *head_commit; /* main's head as of the last change through pdnet */
  gchar *head_author;
  gchar *head_date;
  gchar *created_at;
  gchar *updated_at;
};

PdnCurriculum *pdn_curriculum_new (void);
gboolean pdn_curriculum_validate (PdnCurriculum *self, GError **error);
gboolean pdn_curriculum_insert (PdnCurriculum *self, PdnStore *store, GError **error);
gboolean pdn_curriculum_update_head (PdnCurriculum *self, PdnStore *store, GError **error);
PdnCurriculum *pdn_curriculum_find (PdnStore *store, const gchar *slug, GError **error);
GPtrArray *pdn_curriculum_list (PdnStore *store, gboolean public_only, gint64 after_id,
                                guint limit, GError **error);
const gchar *pdn_curriculum_visibility (PdnCurriculum *self);
gboolean pdn_curriculum_visibility_from_string (const gchar *value, gboolean *is_public);

G_END_DECLS
