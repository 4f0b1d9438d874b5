/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pdn-curriculum-repo-private.h"

/* Merging one branch of a PdnCurriculumRepo into another, and the ancestry
 * questions around it. A merge is a fast-forward when it can be, else a
 * three-way merge of the trees in memory (git_merge_commits); conflicts
 * write nothing. */

static gboolean
parse_two (const gchar *a, const gchar *b, git_oid *x, git_oid *y, GError **error)
{
  if (pdn_git_oid_parse (a, x) && pdn_git_oid_parse (b, y))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "ref", _("A commit id is malformed"));
  return FALSE;
}

/* The best common ancestor of commits @a and @b. */
gchar *
pdn_curriculum_repo_merge_base (PdnCurriculumRepo *self, const gchar *a, const gchar *b,
                                GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  git_oid x, y, base;
  int rc;

  if (repo == NULL || !parse_two (a, b, &x, &y, error))
    return NULL;
  rc = git_merge_base (&base, repo, &x, &y);
  if (rc == GIT_ENOTFOUND)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "ref",
                           _("These two versions share no history"));
      return NULL;
    }
  if (!pdn_git_check (rc, error, _("Cannot compare two versions")))
    return NULL;
  return pdn_git_oid_to_string (&base);
}

static gboolean
contains (git_repository *repo, const git_oid *commit, const git_oid *ancestor,
          gboolean *result, GError **error)
{
  int rc;

  if (git_oid_equal (commit, ancestor))
    {
      *result = TRUE;
      return TRUE;
    }
  rc = git_graph_descendant_of (repo, commit, ancestor);
  *result = rc == 1;
  return pdn_git_check (rc, error, _("Cannot compare two versions"));
}

/**
 * pdn_curriculum_repo_contains:
 * @contains: (out): whether @ancestor is @commit or one of its ancestors,
 *   that is, whether @commit includes every change up to @ancestor
 */
gboolean
pdn_curriculum_repo_contains (PdnCurriculumRepo *self, const gchar *commit,
                              const gchar *ancestor, gboolean *result, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  git_oid x, y;

  *result = FALSE;
  return repo != NULL && parse_two (commit, ancestor, &x, &y, error)
         && contains (repo, &x, &y, result, error);
}

static void
add_unique (GPtrArray *paths, const git_index_entry *entry)
{
  if (entry == NULL)
    return;
  for (guint i = 0; i < paths->len; i++)
    if (strcmp (g_ptr_array_index (paths, i), entry->path) == 0)
      return;
  g_ptr_array_add (paths, g_strdup (entry->path));
}

static GPtrArray *
conflicting_paths (git_index *index, GError **error)
{
  g_autoptr (git_index_conflict_iterator) iter = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const git_index_entry *ancestor, *ours, *theirs;
  int rc;

  if (!pdn_git_check (git_index_conflict_iterator_new (&iter, index), error,
                      _("Cannot merge the branches")))
    return NULL;
  while ((rc = git_index_conflict_next (&ancestor, &ours, &theirs, iter)) == 0)
    {
      add_unique (paths, ours);
      add_unique (paths, theirs);
      add_unique (paths, ancestor);
    }
  if (rc != GIT_ITEROVER && !pdn_git_check (rc, error, _("Cannot merge the branches")))
    return NULL;
  g_ptr_array_sort (paths, (GCompareFunc) g_ascii_strcasecmp);
  return g_steal_pointer (&paths);
}

/* A merge commit of @theirs into @ours, or conflicts. */
static gboolean
three_way (git_repository *repo, const git_oid *ours, const git_oid *theirs,
           const PdnCurriculumAuthor *author, git_oid *merged, GPtrArray **conflicts,
           GError **error)
{
  g_autoptr (git_commit) our_commit = NULL;
  g_autoptr (git_commit) their_commit = NULL;
  g_autoptr (git_index) index = NULL;
  git_oid tree_oid;

  if (!pdn_git_check (git_commit_lookup (&our_commit, repo, ours), error, _("Cannot read a commit"))
      || !pdn_git_check (git_commit_lookup (&their_commit, repo, theirs), error,
                         _("Cannot read a commit"))
      || !pdn_git_check (git_merge_commits (&index, repo, our_commit, their_commit, NULL), error,
                         _("Cannot merge the branches")))
    return FALSE;
  if (git_index_has_conflicts (index))
    {
      *conflicts = conflicting_paths (index, error);
      if (*conflicts != NULL)
        pdn_error_set_field (error, PDN_ERROR_CONFLICT, "branch",
                             _("The branches change the same lines of %u file(s): resolve that "
                               "on the adaptation first"),
                             (*conflicts)->len);
      return FALSE;
    }
  return pdn_git_check (git_index_write_tree_to (&tree_oid, index, repo), error,
                        _("Cannot merge the branches"))
         && pdn_curriculum_repo_write_commit (repo, &tree_oid, our_commit, their_commit, author,
                                              merged, error);
}

static gchar *
merge_locked (git_repository *repo, const gchar *source, const gchar *target,
              const PdnCurriculumAuthor *author, PdnCurriculumMergeKind *kind,
              GPtrArray **conflicts, GError **error)
{
  git_oid ours, theirs, merged;
  gboolean done = FALSE;

  if (!pdn_curriculum_repo_branch_oid (repo, source, &theirs, error)
      || !pdn_curriculum_repo_branch_oid (repo, target, &ours, error)
      || !contains (repo, &ours, &theirs, &done, error))
    return NULL;
  if (done)
    {
      *kind = PDN_CURRICULUM_MERGE_UP_TO_DATE;
      return pdn_git_oid_to_string (&ours);
    }
  if (!contains (repo, &theirs, &ours, &done, error))
    return NULL;
  if (done)
    {
      *kind = PDN_CURRICULUM_MERGE_FAST_FORWARD;
      git_oid_cpy (&merged, &theirs);
    }
  else
    {
      *kind = PDN_CURRICULUM_MERGE_THREE_WAY;
      if (!three_way (repo, &ours, &theirs, author, &merged, conflicts, error))
        return NULL;
    }
  if (!pdn_curriculum_repo_move_branch (repo, target, &merged, &ours, author->message, error))
    return NULL;
  return pdn_git_oid_to_string (&merged);
}

/**
 * pdn_curriculum_repo_merge:
 * @kind: (out): how it merged
 * @conflicts: (out) (transfer full) (nullable): on PDN_ERROR_CONFLICT, the
 *   paths both branches changed
 *
 * Merges branch @source into branch @target. Locking: takes the write lock.
 *
 * Returns: (transfer full) (nullable): @target's new head
 */
gchar *
pdn_curriculum_repo_merge (PdnCurriculumRepo *self, const gchar *source, const gchar *target,
                           const PdnCurriculumAuthor *author, PdnCurriculumMergeKind *kind,
                           GPtrArray **conflicts, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (GMutexLocker) locker = NULL;

  *conflicts = NULL;
  *kind = PDN_CURRICULUM_MERGE_UP_TO_DATE;
  if (repo == NULL)
    return NULL;
  locker = g_mutex_locker_new (pdn_curriculum_repo_get_write_lock (self));
  return merge_locked (repo, source, target, author, kind, conflicts, error);
}
