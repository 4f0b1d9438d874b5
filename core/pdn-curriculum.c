/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-curriculum.h"
#include "pdn-references.h"
#include "pdn-time.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnCurriculum, pdn_curriculum, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, slug, title, owner_organization_id, visibility, head_commit, head_author, "        \
  "head_date, created_at, updated_at FROM curricula "

static void
pdn_curriculum_finalize (GObject *object)
{
  PdnCurriculum *self = PDN_CURRICULUM (object);

  g_free (self->slug);
  g_free (self->title);
  g_free (self->head_commit);
  g_free (self->head_author);
  g_free (self->head_date);
  g_free (self->created_at);
  g_free (self->updated_at);
  G_OBJECT_CLASS (pdn_curriculum_parent_class)->finalize (object);
}

static void
pdn_curriculum_class_init (PdnCurriculumClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_curriculum_finalize;
}

static void
pdn_curriculum_init (PdnCurriculum *self)
{
}

PdnCurriculum *
pdn_curriculum_new (void)
{
  return g_object_new (PDN_TYPE_CURRICULUM, NULL);
}

const gchar *
pdn_curriculum_visibility (PdnCurriculum *self)
{
  return self->is_public ? "public" : "private";
}

gboolean
pdn_curriculum_visibility_from_string (const gchar *value, gboolean *is_public)
{
  if (g_strcmp0 (value, "public") == 0 || g_strcmp0 (value, "private") == 0)
    {
      *is_public = strcmp (value, "public") == 0;
      return TRUE;
    }
  return FALSE;
}

gboolean
pdn_curriculum_validate (PdnCurriculum *self, GError **error)
{
  return pdn_validate_slug (self->slug, "slug", error)
         && pdn_validate_text (self->title, "title", TRUE, 200, error);
}

static gboolean
check_owner (PdnCurriculum *self, PdnStore *store, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM organizations WHERE id = ?",
                                self->owner_organization_id, PDN_ERROR_UNPROCESSABLE,
                                "owner_organization_id", error,
                                _("There is no organization %lld"),
                                (long long) self->owner_organization_id);
}

static gboolean
check_slug_free (PdnCurriculum *self, PdnStore *store, GError **error)
{
  g_autofree gchar *other = NULL;

  if (!pdn_store_find_other (store, "SELECT slug FROM curricula WHERE slug = ? AND id <> ?",
                             self->slug, self->id,
                             &other, error))
    return FALSE;
  if (other == NULL)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_CONFLICT, "slug",
                       _("There is already a curriculum called “%s”"), self->slug);
  return FALSE;
}

gboolean
pdn_curriculum_insert (PdnCurriculum *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();

  if (!pdn_curriculum_validate (self, error) || !check_owner (self, store, error)
      || !check_slug_free (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO curricula (slug, title, owner_organization_id, "
                            "visibility, head_commit, head_author, head_date, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->slug);
  pdn_statement_bind_text (stmt, 2, self->title);
  pdn_statement_bind_int64 (stmt, 3, self->owner_organization_id);
  pdn_statement_bind_text (stmt, 4, pdn_curriculum_visibility (self));
  pdn_statement_bind_text (stmt, 5, self->head_commit);
  pdn_statement_bind_text (stmt, 6, self->head_author);
  pdn_statement_bind_text (stmt, 7, self->head_date);
  pdn_statement_bind_text (stmt, 8, now);
  pdn_statement_bind_text (stmt, 9, now);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  g_free (self->created_at);
  self->created_at = g_strdup (now);
  g_free (self->updated_at);
  self->updated_at = g_strdup (now);
  return TRUE;
}

/* Records main's head (and the title, which curriculum.json may change). */
gboolean
pdn_curriculum_update_head (PdnCurriculum *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();

  stmt = pdn_store_prepare (store,
                            "UPDATE curricula SET title = ?, head_commit = ?, head_author = ?, "
                            "head_date = ?, updated_at = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->title);
  pdn_statement_bind_text (stmt, 2, self->head_commit);
  pdn_statement_bind_text (stmt, 3, self->head_author);
  pdn_statement_bind_text (stmt, 4, self->head_date);
  pdn_statement_bind_text (stmt, 5, now);
  pdn_statement_bind_int64 (stmt, 6, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  g_free (self->updated_at);
  self->updated_at = g_strdup (now);
  return TRUE;
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnCurriculum *self = pdn_curriculum_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->slug = pdn_statement_dup_text (stmt, 1);
  self->title = pdn_statement_dup_text (stmt, 2);
  self->owner_organization_id = pdn_statement_column_int64 (stmt, 3);
  self->is_public = g_strcmp0 (pdn_statement_column_text (stmt, 4), "public") == 0;
  self->head_commit = pdn_statement_dup_text (stmt, 5);
  self->head_author = pdn_statement_dup_text (stmt, 6);
  self->head_date = pdn_statement_dup_text (stmt, 7);
  self->created_at = pdn_statement_dup_text (stmt, 8);
  self->updated_at = pdn_statement_dup_text (stmt, 9);
  return self;
}

/* The curriculum @slug; PDN_ERROR_NOT_FOUND (field "slug") if none. */
PdnCurriculum *
pdn_curriculum_find (PdnStore *store, const gchar *slug, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE slug = ?",
                                                     error);
  PdnStep step;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, slug);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ROW)
    return from_row (stmt);
  if (step == PDN_STEP_DONE)
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "slug", _("There is no curriculum “%s”"),
                         slug);
  return NULL;
}

/* Up to @limit curricula after id @after_id, in id order; only public
 * ones if @public_only. */
GPtrArray *
pdn_curriculum_list (PdnStore *store, gboolean public_only, gint64 after_id, guint limit,
                     GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      public_only ? SELECT_COLUMNS "WHERE visibility = 'public' AND id > ? ORDER BY id LIMIT ?"
                  : SELECT_COLUMNS "WHERE id > ? ORDER BY id LIMIT ?",
      error);

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, after_id);
  pdn_statement_bind_int64 (stmt, 2, limit);
  return pdn_statement_collect (stmt, from_row, error);
}
