/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pdn-curriculum-repo-private.h"

/* History and diffs of a PdnCurriculumRepo. libgit2 has no path-limited
 * log, so the history walks the commits and diffs each one's tree against
 * its first parent's, keeping those that change the path. */

void
pdn_curriculum_diff_free (PdnCurriculumDiff *diff)
{
  g_free (diff->patch);
  g_clear_pointer (&diff->files, g_ptr_array_unref);
  g_free (diff);
}

static void
file_diff_free (PdnCurriculumFileDiff *file)
{
  g_free (file->path);
  g_free (file->old_path);
  g_free (file);
}

/* The tree of @commit's first parent, or NULL for a root commit. */
static gboolean
parent_tree (git_commit *commit, git_tree **tree, GError **error)
{
  g_autoptr (git_commit) parent = NULL;

  *tree = NULL;
  if (git_commit_parentcount (commit) == 0)
    return TRUE;
  return pdn_git_check (git_commit_parent (&parent, commit, 0), error, _("Cannot read a commit"))
         && pdn_git_check (git_commit_tree (tree, parent), error, _("Cannot read a commit"));
}

/* The paths @commit changes against its first parent, under @path if set. */
static GPtrArray *
changed_files (git_repository *repo, git_commit *commit, const gchar *path, GError **error)
{
  g_autoptr (git_tree) before = NULL;
  g_autoptr (git_tree) after = NULL;
  g_autoptr (git_diff) diff = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  git_diff_options options;
  char *pathspec[] = { (char *) path };

  git_diff_options_init (&options, GIT_DIFF_OPTIONS_VERSION);
  if (path != NULL)
    {
      /* A literal path (or folder), not a glob. */
      options.pathspec.strings = pathspec;
      options.pathspec.count = 1;
      options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    }
  if (!parent_tree (commit, &before, error)
      || !pdn_git_check (git_commit_tree (&after, commit), error, _("Cannot read a commit"))
      || !pdn_git_check (git_diff_tree_to_tree (&diff, repo, before, after, &options), error,
                         _("Cannot compare two versions")))
    return NULL;
  for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
    {
      const git_diff_delta *delta = git_diff_get_delta (diff, i);
      const gchar *name = delta->status == GIT_DELTA_DELETED ? delta->old_file.path
                                                             : delta->new_file.path;
      g_ptr_array_add (files, g_strdup (name));
    }
  return g_steal_pointer (&files);
}

static PdnCurriculumCommit *
describe_commit (git_commit *commit, GPtrArray *files)
{
  const git_signature *author = git_commit_author (commit);
  PdnCurriculumCommit *info = g_new0 (PdnCurriculumCommit, 1);

  info->id = pdn_git_oid_to_string (git_commit_id (commit));
  info->author_name = g_strdup (author->name);
  info->author_email = g_strdup (author->email);
  info->date = pdn_curriculum_repo_format_time (&author->when);
  info->message = g_strdup (git_commit_message (commit));
  info->files = g_ptr_array_ref (files);
  return info;
}

static git_revwalk *
start_walk (git_repository *repo, const gchar *commit, GError **error)
{
  g_autoptr (git_revwalk) walk = NULL;
  git_oid oid;

  if (!pdn_git_oid_parse (commit, &oid)
      || !pdn_git_check (git_revwalk_new (&walk, repo), error, _("Cannot read the history"))
      || !pdn_git_check (git_revwalk_sorting (walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), error,
                         _("Cannot read the history"))
      || !pdn_git_check (git_revwalk_push (walk, &oid), error, _("Cannot read the history")))
    return NULL;
  return g_steal_pointer (&walk);
}

/* Adds the commit @oid to @items if it touches @path; *@more when the
 * page is already full. */
static gboolean
visit (git_repository *repo, const git_oid *oid, const gchar *path, guint limit, GPtrArray *items,
       gboolean *more, GError **error)
{
  g_autoptr (git_commit) commit = NULL;
  g_autoptr (GPtrArray) files = NULL;

  if (!pdn_git_check (git_commit_lookup (&commit, repo, oid), error, _("Cannot read a commit")))
    return FALSE;
  files = changed_files (repo, commit, path, error);
  if (files == NULL)
    return FALSE;
  if (path != NULL && files->len == 0)
    return TRUE;
  if (items->len == limit)
    *more = TRUE;
  else
    g_ptr_array_add (items, describe_commit (commit, files));
  return TRUE;
}

/**
 * pdn_curriculum_repo_history:
 * @commit: where the history starts (newest first)
 * @path: (nullable): only commits that change this file or folder
 * @cursor: (nullable): the last commit of the previous page
 * @next_cursor: (out) (transfer full) (nullable): the cursor of the next
 *   page, %NULL on the last one
 *
 * Returns: (transfer full) (element-type PdnCurriculumCommit) (nullable):
 *   up to @limit commits; PDN_ERROR_INVALID_INPUT (field "cursor") for a
 *   cursor that is not in this history.
 */
GPtrArray *
pdn_curriculum_repo_history (PdnCurriculumRepo *self, const gchar *commit, const gchar *path,
                             guint limit, const gchar *cursor, gchar **next_cursor,
                             GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_revwalk) walk = NULL;
  g_autoptr (GPtrArray) items
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_curriculum_commit_free);
  gboolean started = cursor == NULL;
  gboolean more = FALSE;
  git_oid oid;
  int rc;

  *next_cursor = NULL;
  if (repo == NULL || (walk = start_walk (repo, commit, error)) == NULL)
    return NULL;
  while (!more && (rc = git_revwalk_next (&oid, walk)) == 0)
    {
      if (!started)
        {
          g_autofree gchar *id = pdn_git_oid_to_string (&oid);
          started = strcmp (id, cursor) == 0;
          continue;
        }
      if (!visit (repo, &oid, path, limit, items, &more, error))
        return NULL;
    }
  if (!started)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "cursor",
                           _("This cursor is not a commit of this history"));
      return NULL;
    }
  if (more)
    *next_cursor = g_strdup (((PdnCurriculumCommit *) g_ptr_array_index (items, items->len - 1))->id);
  return g_steal_pointer (&items);
}

static gchar
status_letter (git_delta_t status)
{
  switch (status)
    {
    case GIT_DELTA_ADDED:
      return 'A';
    case GIT_DELTA_DELETED:
      return 'D';
    case GIT_DELTA_RENAMED:
      return 'R';
    default:
      return 'M';
    }
}

static PdnCurriculumFileDiff *
describe_file (git_diff *diff, size_t i, GError **error)
{
  const git_diff_delta *delta = git_diff_get_delta (diff, i);
  g_autoptr (git_patch) patch = NULL;
  PdnCurriculumFileDiff *file;
  size_t added = 0, removed = 0;

  if (!pdn_git_check (git_patch_from_diff (&patch, diff, i), error, _("Cannot compare two versions"))
      || (patch != NULL
          && !pdn_git_check (git_patch_line_stats (NULL, &added, &removed, patch), error,
                             _("Cannot compare two versions"))))
    return NULL;
  file = g_new0 (PdnCurriculumFileDiff, 1);
  file->status = status_letter (delta->status);
  file->path = g_strdup (delta->status == GIT_DELTA_DELETED ? delta->old_file.path
                                                             : delta->new_file.path);
  if (delta->status == GIT_DELTA_RENAMED)
    file->old_path = g_strdup (delta->old_file.path);
  file->added = (guint) added;
  file->removed = (guint) removed;
  file->binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
  return file;
}

static gboolean
commit_tree (git_repository *repo, const gchar *commit, git_tree **tree, GError **error)
{
  g_autoptr (git_commit) found = pdn_curriculum_repo_lookup_commit (repo, commit, error);

  return found != NULL
         && pdn_git_check (git_commit_tree (tree, found), error, _("Cannot read a commit"));
}

/**
 * pdn_curriculum_repo_diff:
 *
 * Returns: (transfer full) (nullable): what changes from @from to @to: the
 *   unified diff and, per file, its status and added and removed lines.
 */
PdnCurriculumDiff *
pdn_curriculum_repo_diff (PdnCurriculumRepo *self, const gchar *from, const gchar *to,
                          GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_tree) before = NULL;
  g_autoptr (git_tree) after = NULL;
  g_autoptr (git_diff) diff = NULL;
  g_auto (git_buf) text = GIT_BUF_INIT;
  g_autoptr (PdnCurriculumDiff) result = g_new0 (PdnCurriculumDiff, 1);

  result->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_diff_free);
  if (repo == NULL || !commit_tree (repo, from, &before, error)
      || !commit_tree (repo, to, &after, error)
      || !pdn_git_check (git_diff_tree_to_tree (&diff, repo, before, after, NULL), error,
                         _("Cannot compare two versions"))
      || !pdn_git_check (git_diff_to_buf (&text, diff, GIT_DIFF_FORMAT_PATCH), error,
                         _("Cannot compare two versions")))
    return NULL;
  result->patch = g_strndup (text.ptr != NULL ? text.ptr : "", text.size);
  for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
    {
      PdnCurriculumFileDiff *file = describe_file (diff, i, error);
      if (file == NULL)
        return NULL;
      g_ptr_array_add (result->files, file);
    }
  return g_steal_pointer (&result);
}
