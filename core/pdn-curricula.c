/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pdnet/pdn-error.h>

#include "pdn-curricula.h"
#include "pdn-sqlite-store.h"
#include "pdn-store-pool.h"
#include "pdn-transaction.h"

/**
 * PdnCurricula:
 *
 * Every curriculum of a data directory: one bare repository per curriculum
 * under DATA_DIR/curricula/<slug>.git, and the `curricula` table that
 * mirrors what SQL needs. The core operations that touch both (creating a
 * curriculum, recording main's head after a change, pinning a session to a
 * commit) live here.
 *
 * One PdnCurricula is attached to the store the routes share (see
 * pdn_curricula_for_store()), so every thread sees the same
 * #PdnCurriculumRepo per slug, and with it the same write lock.
 *
 * Multithreading: every function may be called from any thread.
 */
struct _PdnCurricula
{
  GObject parent_instance;
  gchar *root;
  GMutex lock;       /* guards repos */
  GHashTable *repos; /* slug -> PdnCurriculumRepo */
};

G_DEFINE_FINAL_TYPE (PdnCurricula, pdn_curricula, G_TYPE_OBJECT)

#define ATTACHED_KEY "pdn-curricula"

static void
pdn_curricula_finalize (GObject *object)
{
  PdnCurricula *self = PDN_CURRICULA (object);

  g_free (self->root);
  g_hash_table_unref (self->repos);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (pdn_curricula_parent_class)->finalize (object);
}

static void
pdn_curricula_class_init (PdnCurriculaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_curricula_finalize;
}

static void
pdn_curricula_init (PdnCurricula *self)
{
  g_mutex_init (&self->lock);
  self->repos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* @root: the folder that holds the <slug>.git repositories */
PdnCurricula *
pdn_curricula_new (const gchar *root)
{
  PdnCurricula *self = g_object_new (PDN_TYPE_CURRICULA, NULL);

  self->root = g_strdup (root);
  return self;
}

const gchar *
pdn_curricula_get_root (PdnCurricula *self)
{
  return self->root;
}

/* Makes @self the curricula of @store's routes (the daemon's is found by
 * pdn_curricula_for_store(); tests attach their own). */
void
pdn_curricula_attach (PdnStore *store, PdnCurricula *self)
{
  g_object_set_data_full (G_OBJECT (store), ATTACHED_KEY, g_object_ref (self), g_object_unref);
}

/**
 * pdn_curricula_for_store:
 *
 * Returns: (transfer full) (nullable): the curricula attached to @store;
 *   for a #PdnStorePool or a #PdnSqliteStore of a file without any, those
 *   of its data directory (the database's folder), attached now (`pdnet
 *   demo` writes the curricula pdnetd then serves). %NULL with
 *   PDN_ERROR_UNAVAILABLE for any other store.
 */
PdnCurricula *
pdn_curricula_for_store (PdnStore *store, GError **error)
{
  static GMutex attach_lock;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&attach_lock);
  PdnCurricula *self = g_object_get_data (G_OBJECT (store), ATTACHED_KEY);
  const gchar *db_path = NULL;

  if (PDN_IS_STORE_POOL (store))
    db_path = pdn_store_pool_get_path (PDN_STORE_POOL (store));
  else if (PDN_IS_SQLITE_STORE (store))
    db_path = pdn_sqlite_store_get_path (PDN_SQLITE_STORE (store));
  if (self == NULL && db_path != NULL)
    {
      g_autofree gchar *dir = g_path_get_dirname (db_path);
      g_autofree gchar *root = g_build_filename (dir, "curricula", NULL);
      g_autoptr (PdnCurricula) made = pdn_curricula_new (root);

      pdn_curricula_attach (store, made);
      self = made;
    }
  if (self != NULL)
    return g_object_ref (self);
  pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                       _("Curricula are not available on this server"));
  return NULL;
}

static gchar *
repo_path (PdnCurricula *self, const gchar *slug)
{
  g_autofree gchar *name = g_strconcat (slug, ".git", NULL);

  return g_build_filename (self->root, name, NULL);
}

/**
 * pdn_curricula_open:
 *
 * Returns: (transfer full) (nullable): the repository of curriculum @slug
 *   (the same object on every thread), or %NULL with PDN_ERROR_NOT_FOUND.
 */
PdnCurriculumRepo *
pdn_curricula_open (PdnCurricula *self, const gchar *slug, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  PdnCurriculumRepo *repo = g_hash_table_lookup (self->repos, slug);
  g_autofree gchar *path = NULL;
  g_autoptr (GError) local_error = NULL;

  if (repo != NULL)
    return g_object_ref (repo);
  path = repo_path (self, slug);
  repo = pdn_curriculum_repo_open (path, &local_error);
  if (repo == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "slug",
                           _("The repository of curriculum “%s” is missing"), slug);
      return NULL;
    }
  g_hash_table_insert (self->repos, g_strdup (slug), repo);
  return g_object_ref (repo);
}

/* Removes @path and everything under it (a repository a failed create
 * left behind). */
static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL)
         && info != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

/**
 * pdn_curricula_forget:
 *
 * Removes the repository of @slug, whose row is gone or was never written
 * (a create or a demo load that failed after making it).
 */
void
pdn_curricula_forget (PdnCurricula *self, const gchar *slug)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree gchar *path = repo_path (self, slug);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_hash_table_remove (self->repos, slug);
  remove_tree (file);
}

static gboolean
ensure_root (PdnCurricula *self, GError **error)
{
  if (g_mkdir_with_parents (self->root, 0750) == 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, _("Cannot create %s: %s"), self->root,
                       g_strerror (errno));
  return FALSE;
}

static gboolean
create_repo (PdnCurricula *self, PdnCurriculum *curriculum, PdnCurriculumManifest *manifest,
             GHashTable *files, const PdnCurriculumAuthor *author, GError **error)
{
  g_autoptr (GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) g_bytes_unref);
  g_autofree gchar *path = repo_path (self, curriculum->slug);
  g_autoptr (PdnCurriculumRepo) repo = NULL;
  GHashTableIter iter;
  gpointer name, content;

  if (files != NULL)
    {
      g_hash_table_iter_init (&iter, files);
      while (g_hash_table_iter_next (&iter, &name, &content))
        g_hash_table_insert (all, name, g_bytes_ref (content));
    }
  g_hash_table_insert (all, PDN_CURRICULUM_MANIFEST, pdn_curriculum_manifest_to_bytes (manifest));
  repo = pdn_curriculum_repo_create (path, all, author, &curriculum->head_commit, error);
  return repo != NULL;
}

/**
 * pdn_curricula_create:
 * @curriculum: the row to insert (slug, title, owner, visibility)
 * @manifest: curriculum.json
 * @files: (nullable) (element-type utf8 GBytes): more files for the first
 *   commit, by path
 *
 * Creates the repository with its first commit and the row, all or
 * nothing: a repository whose row cannot be written is removed again.
 */
gboolean
pdn_curricula_create (PdnCurricula *self, PdnStore *store, PdnCurriculum *curriculum,
                      PdnCurriculumManifest *manifest, GHashTable *files,
                      const PdnCurriculumAuthor *author, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;

  if (!pdn_curriculum_validate (curriculum, error)
      || !pdn_curriculum_manifest_validate (manifest, error) || !ensure_root (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !pdn_curriculum_insert (curriculum, store, error)
      || !create_repo (self, curriculum, manifest, files, author, error))
    return FALSE;
  if (pdn_curricula_record_head (self, store, curriculum, error)
      && pdn_transaction_commit (tx, error))
    return TRUE;
  pdn_curricula_forget (self, curriculum->slug);
  return FALSE;
}

/* The title curriculum.json gives at @commit, if it can be read. */
static void
refresh_title (PdnCurriculumRepo *repo, PdnCurriculum *curriculum, const gchar *commit)
{
  g_autoptr (GBytes) bytes
      = pdn_curriculum_repo_read_file (repo, commit, PDN_CURRICULUM_MANIFEST, NULL);
  g_autoptr (PdnCurriculumManifest) manifest
      = bytes != NULL ? pdn_curriculum_manifest_parse (bytes, NULL) : NULL;

  if (manifest != NULL)
    {
      g_free (curriculum->title);
      curriculum->title = g_strdup (manifest->title);
    }
}

/**
 * pdn_curricula_record_head:
 *
 * Copies main's head, its author and date (and the title) into
 * @curriculum's row, for lists.
 */
gboolean
pdn_curricula_record_head (PdnCurricula *self, PdnStore *store, PdnCurriculum *curriculum,
                           GError **error)
{
  g_autoptr (PdnCurriculumRepo) repo = pdn_curricula_open (self, curriculum->slug, error);
  g_autofree gchar *head = NULL;
  g_autoptr (PdnCurriculumCommit) info = NULL;

  if (repo == NULL
      || (head = pdn_curriculum_repo_branch_head (repo, PDN_CURRICULUM_MAIN, error)) == NULL
      || (info = pdn_curriculum_repo_load_commit (repo, head, error)) == NULL)
    return FALSE;
  refresh_title (repo, curriculum, head);
  g_free (curriculum->head_commit);
  curriculum->head_commit = g_steal_pointer (&head);
  g_free (curriculum->head_author);
  curriculum->head_author = g_strdup (info->author_name);
  g_free (curriculum->head_date);
  curriculum->head_date = g_strdup (info->date);
  return pdn_curriculum_update_head (curriculum, store, error);
}

/**
 * pdn_curricula_resolve_pin:
 *
 * What a session records: the commit @ref (a branch, release or commit id;
 * %NULL for main) of curriculum @slug is now. PDN_ERROR_UNPROCESSABLE
 * naming curriculum.slug or curriculum.ref when there is none.
 */
gchar *
pdn_curricula_resolve_pin (PdnCurricula *self, PdnStore *store, const gchar *slug,
                           const gchar *ref, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnCurriculum) curriculum = pdn_curriculum_find (store, slug, &local_error);
  g_autoptr (PdnCurriculumRepo) repo = NULL;
  gchar *commit;

  if (curriculum == NULL || (repo = pdn_curricula_open (self, slug, &local_error)) == NULL)
    {
      if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "curriculum.slug",
                             _("There is no curriculum “%s”"), slug);
      return NULL;
    }
  commit = pdn_curriculum_repo_resolve (repo, ref, &local_error);
  if (commit != NULL)
    return commit;
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "curriculum.ref", "%s",
                         local_error->message);
  return NULL;
}

/**
 * pdn_curricula_main_moved:
 * @moved: (out): whether main now has changes @commit does not include
 * @main_head: (out) (transfer full): main's head
 */
gboolean
pdn_curricula_main_moved (PdnCurricula *self, const gchar *slug, const gchar *commit,
                          gboolean *moved, gchar **main_head, GError **error)
{
  g_autoptr (PdnCurriculumRepo) repo = pdn_curricula_open (self, slug, error);
  gboolean included = FALSE;

  *moved = FALSE;
  *main_head = NULL;
  if (repo == NULL
      || (*main_head = pdn_curriculum_repo_branch_head (repo, PDN_CURRICULUM_MAIN, error)) == NULL
      || !pdn_curriculum_repo_contains (repo, commit, *main_head, &included, error))
    return FALSE;
  *moved = !included;
  return TRUE;
}
