/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-curriculum-repo-private.h"
#include "pdn-time.h"

/**
 * PdnCurriculumRepo:
 *
 * One curriculum's bare git repository, written through libgit2 without a
 * work tree: a change reads the branch's tree into an in-memory index,
 * writes the new blob, writes the index as a tree, commits it, and moves
 * the branch only if it still points where the change was based
 * (git_reference_create_matching, compare-and-swap).
 *
 * Layout: curriculum.json at the top, modules/<name>.md, resources/...;
 * branches main and adaptations/<organization slug>; releases are
 * annotated tags.
 *
 * Locking: writes (commits, branches, tags, merges) hold the repository's
 * write lock, so two writers on this process queue rather than race for
 * libgit2's lock files; the compare-and-swap also guards against any other
 * writer. Reads take no lock: objects are immutable and refs are replaced
 * atomically.
 *
 * Multithreading: every function may be called from any thread; each call
 * opens its own git_repository (libgit2's must not be shared).
 */
struct _PdnCurriculumRepo
{
  GObject parent_instance;
  gchar *path;
  GMutex write_lock;
};

G_DEFINE_FINAL_TYPE (PdnCurriculumRepo, pdn_curriculum_repo, G_TYPE_OBJECT)

/* Bigger files belong somewhere else than a curriculum repository; the
 * HTTP body limit is lower anyway. */
#define MAX_PATH_LENGTH 512

static void
pdn_curriculum_repo_finalize (GObject *object)
{
  PdnCurriculumRepo *self = PDN_CURRICULUM_REPO (object);

  g_free (self->path);
  g_mutex_clear (&self->write_lock);
  G_OBJECT_CLASS (pdn_curriculum_repo_parent_class)->finalize (object);
}

static void
pdn_curriculum_repo_class_init (PdnCurriculumRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_curriculum_repo_finalize;
}

static void
pdn_curriculum_repo_init (PdnCurriculumRepo *self)
{
  g_mutex_init (&self->write_lock);
}

void
pdn_curriculum_entry_free (PdnCurriculumEntry *entry)
{
  g_free (entry->path);
  g_free (entry->blob);
  g_free (entry);
}

void
pdn_curriculum_commit_free (PdnCurriculumCommit *commit)
{
  g_free (commit->id);
  g_free (commit->author_name);
  g_free (commit->author_email);
  g_free (commit->date);
  g_free (commit->message);
  g_clear_pointer (&commit->files, g_ptr_array_unref);
  g_free (commit);
}

void
pdn_curriculum_tag_free (PdnCurriculumTag *tag)
{
  g_free (tag->name);
  g_free (tag->commit);
  g_free (tag->tagger_name);
  g_free (tag->date);
  g_free (tag->notes);
  g_free (tag);
}

/* ---- paths and names ---- */

static gboolean
path_error (const gchar *field, GError **error, const gchar *message)
{
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, "%s", message);
  return FALSE;
}

static gboolean
check_segment (const gchar *segment, const gchar *field, GError **error)
{
  if (segment[0] == '\0')
    return path_error (field, error, _("A file path must not be absolute or contain empty parts"));
  if (strcmp (segment, ".") == 0 || strcmp (segment, "..") == 0)
    return path_error (field, error, _("A file path must not contain “.” or “..” parts"));
  if (g_ascii_strcasecmp (segment, ".git") == 0)
    return path_error (field, error, _("A file path must not contain a “.git” part"));
  return TRUE;
}

/* Where a file may go: curriculum.json, modules/<name>.md or anything
 * under resources/. */
static gboolean
check_layout (gchar **parts, const gchar *field, GError **error)
{
  guint n = g_strv_length (parts);

  if (n == 1 && strcmp (parts[0], PDN_CURRICULUM_MANIFEST) == 0)
    return TRUE;
  if (n == 2 && strcmp (parts[0], "modules") == 0 && g_str_has_suffix (parts[1], ".md"))
    return TRUE;
  if (n >= 2 && strcmp (parts[0], "resources") == 0)
    return TRUE;
  return path_error (field, error,
                     _("A curriculum holds curriculum.json, modules/NAME.md and files under "
                       "resources/ only"));
}

/**
 * pdn_curriculum_check_path_syntax:
 *
 * Whether @path is relative with no empty, “.”, “..” or “.git” parts and no
 * control characters: PDN_ERROR_INVALID_INPUT naming @field otherwise.
 */
gboolean
pdn_curriculum_check_path_syntax (const gchar *path, const gchar *field, GError **error)
{
  g_auto (GStrv) parts = NULL;

  if (path == NULL || path[0] == '\0')
    return path_error (field, error, _("A file path is required"));
  if (strlen (path) > MAX_PATH_LENGTH || !g_utf8_validate (path, -1, NULL))
    return path_error (field, error, _("A file path must be UTF-8 of at most 512 bytes"));
  for (const gchar *p = path; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\')
      return path_error (field, error,
                         _("A file path must not contain control characters or backslashes"));
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (!check_segment (parts[i], field, error))
      return FALSE;
  return TRUE;
}

/**
 * pdn_curriculum_check_path:
 *
 * Whether @path may name a file of a curriculum: a valid path (see
 * pdn_curriculum_check_path_syntax()) in the layout: curriculum.json,
 * modules/NAME.md or resources/...
 */
gboolean
pdn_curriculum_check_path (const gchar *path, const gchar *field, GError **error)
{
  g_auto (GStrv) parts = NULL;

  if (!pdn_curriculum_check_path_syntax (path, field, error))
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  return check_layout (parts, field, error);
}

/**
 * pdn_curriculum_decode_path:
 * @raw: a path as it came in a URL, percent-encoded
 *
 * Returns: (transfer full) (nullable): the decoded path, or %NULL with
 *   PDN_ERROR_INVALID_INPUT when it hides a NUL or is not a valid path.
 */
gchar *
pdn_curriculum_decode_path (const gchar *raw, const gchar *field, GError **error)
{
  g_autoptr (GBytes) bytes = g_uri_unescape_bytes (raw, -1, NULL, NULL);
  gsize length = 0;
  const gchar *data;
  g_autofree gchar *path = NULL;

  if (bytes == NULL)
    {
      path_error (field, error, _("A file path must be percent-encoded UTF-8"));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      path_error (field, error, _("A file path must not contain a NUL character"));
      return NULL;
    }
  path = g_strndup (data, length);
  if (!pdn_curriculum_check_path (path, field, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * pdn_curriculum_check_ref_name:
 *
 * Whether @name may name a branch or tag: letters, digits, “.”, “_”, “-”
 * and single slashes between parts that do not start with a dot, at most
 * 100 bytes; libgit2 checks the rest of git's rules.
 */
gboolean
pdn_curriculum_check_ref_name (const gchar *name, const gchar *field, GError **error)
{
  g_autofree gchar *full = NULL;
  gboolean ok = name != NULL && name[0] != '\0' && strlen (name) <= 100 && name[0] != '-';
  int valid = 0;

  for (const gchar *p = name; ok && *p != '\0'; p++)
    ok = g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-'
         || (*p == '/' && p[1] != '/' && p[1] != '.' && p[1] != '\0');
  if (ok)
    {
      full = g_strconcat ("refs/heads/", name, NULL);
      ok = strstr (name, "..") == NULL && name[0] != '.' && !g_str_has_suffix (name, ".lock")
           && git_reference_name_is_valid (&valid, full) == 0 && valid;
    }
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s must be a branch, tag or commit name: letters, digits, “.”, "
                           "“_”, “-” and “/”"),
                         field);
  return ok;
}

/* ---- opening ---- */

GMutex *
pdn_curriculum_repo_get_write_lock (PdnCurriculumRepo *self)
{
  return &self->write_lock;
}

git_repository *
pdn_curriculum_repo_open_git (PdnCurriculumRepo *self, GError **error)
{
  git_repository *repo = NULL;

  pdn_git_init ();
  if (!pdn_git_check (git_repository_open_bare (&repo, self->path), error,
                      _("Cannot open the curriculum repository")))
    return NULL;
  return repo;
}

/**
 * pdn_curriculum_repo_open:
 * @path: the bare repository's directory
 *
 * Returns: (transfer full) (nullable): the repository, or %NULL with
 *   PDN_ERROR_NOT_FOUND when there is none at @path.
 */
PdnCurriculumRepo *
pdn_curriculum_repo_open (const gchar *path, GError **error)
{
  g_autoptr (PdnCurriculumRepo) self = g_object_new (PDN_TYPE_CURRICULUM_REPO, NULL);
  g_autoptr (git_repository) repo = NULL;

  self->path = g_strdup (path);
  repo = pdn_curriculum_repo_open_git (self, error);
  if (repo == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const gchar *
pdn_curriculum_repo_get_path (PdnCurriculumRepo *self)
{
  return self->path;
}

git_signature *
pdn_curriculum_repo_signature (const PdnCurriculumAuthor *author, GError **error)
{
  git_signature *signature = NULL;
  int rc;

  if (author->when == NULL)
    rc = git_signature_now (&signature, author->name, author->email);
  else
    rc = git_signature_new (&signature, author->name, author->email,
                            (git_time_t) g_date_time_to_unix (author->when),
                            (int) (g_date_time_get_utc_offset (author->when) / G_TIME_SPAN_MINUTE));
  if (!pdn_git_check (rc, error, _("Cannot sign the change")))
    return NULL;
  return signature;
}

gchar *
pdn_curriculum_repo_format_time (const git_time *when)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (when->time);

  return utc != NULL ? pdn_time_format_utc (utc) : g_strdup ("1970-01-01T00:00:00Z");
}

/* ---- resolving refs ---- */

git_commit *
pdn_curriculum_repo_lookup_commit (git_repository *repo, const gchar *commit, GError **error)
{
  git_oid oid;
  git_commit *found = NULL;

  if (!pdn_git_oid_parse (commit, &oid) || git_commit_lookup (&found, repo, &oid) < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "ref",
                           _("There is no commit %s in this curriculum"), commit);
      return NULL;
    }
  return found;
}

/* The commit @full_name (refs/...) points to, peeling tags; FALSE when there
 * is no such ref, with @error set only for other failures. */
static gboolean
peel_ref (git_repository *repo, const gchar *full_name, git_oid *oid, gboolean *found,
          GError **error)
{
  g_autoptr (git_reference) ref = NULL;
  g_autoptr (git_object) target = NULL;
  int rc = git_reference_lookup (&ref, repo, full_name);

  *found = FALSE;
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
    return TRUE;
  if (!pdn_git_check (rc, error, _("Cannot read a branch or tag"))
      || !pdn_git_check (git_reference_peel (&target, ref, GIT_OBJECT_COMMIT), error,
                         _("Cannot read a branch or tag")))
    return FALSE;
  git_oid_cpy (oid, git_object_id (target));
  *found = TRUE;
  return TRUE;
}

static gchar *
resolve_in (git_repository *repo, const gchar *ref, GError **error)
{
  static const gchar *const prefixes[] = { "refs/heads/", "refs/tags/" };
  g_autoptr (git_commit) commit = NULL;
  git_oid oid;

  if (ref == NULL || ref[0] == '\0')
    ref = PDN_CURRICULUM_MAIN;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree gchar *full = g_strconcat (prefixes[i], ref, NULL);
      gboolean found = FALSE;

      if (!peel_ref (repo, full, &oid, &found, error))
        return NULL;
      if (found)
        return pdn_git_oid_to_string (&oid);
    }
  if (pdn_git_oid_parse (ref, &oid) && git_commit_lookup (&commit, repo, &oid) == 0)
    return pdn_git_oid_to_string (&oid);
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "ref",
                       _("“%s” is not a branch, release or commit of this curriculum"), ref);
  return NULL;
}

/**
 * pdn_curriculum_repo_resolve:
 * @ref: (nullable): a branch, a tag or a full commit id; %NULL for main
 *
 * Returns: (transfer full) (nullable): the commit id, or %NULL with
 *   PDN_ERROR_NOT_FOUND (field "ref").
 */
gchar *
pdn_curriculum_repo_resolve (PdnCurriculumRepo *self, const gchar *ref, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);

  return repo != NULL ? resolve_in (repo, ref, error) : NULL;
}

gboolean
pdn_curriculum_repo_branch_oid (git_repository *repo, const gchar *branch, git_oid *oid,
                                GError **error)
{
  g_autofree gchar *full = g_strconcat ("refs/heads/", branch, NULL);
  int rc = git_reference_name_to_id (oid, repo, full);

  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "branch",
                           _("This curriculum has no branch “%s”"), branch);
      return FALSE;
    }
  return pdn_git_check (rc, error, _("Cannot read a branch"));
}

/* The commit @branch points to; PDN_ERROR_NOT_FOUND (field "branch") when
 * there is no such branch. */
gchar *
pdn_curriculum_repo_branch_head (PdnCurriculumRepo *self, const gchar *branch, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  git_oid oid;

  if (repo == NULL || !pdn_curriculum_repo_branch_oid (repo, branch, &oid, error))
    return NULL;
  return pdn_git_oid_to_string (&oid);
}

/* ---- reading ---- */

static gboolean
load_tree (git_repository *repo, const gchar *commit, git_tree **tree, GError **error)
{
  g_autoptr (git_commit) found = pdn_curriculum_repo_lookup_commit (repo, commit, error);

  return found != NULL
         && pdn_git_check (git_commit_tree (tree, found), error, _("Cannot read a commit's files"));
}

PdnCurriculumCommit *
pdn_curriculum_repo_load_commit (PdnCurriculumRepo *self, const gchar *commit, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_commit) found = NULL;
  PdnCurriculumCommit *info;
  const git_signature *author;

  if (repo == NULL || (found = pdn_curriculum_repo_lookup_commit (repo, commit, error)) == NULL)
    return NULL;
  author = git_commit_author (found);
  info = g_new0 (PdnCurriculumCommit, 1);
  info->id = g_strdup (commit);
  info->author_name = g_strdup (author->name);
  info->author_email = g_strdup (author->email);
  info->date = pdn_curriculum_repo_format_time (&author->when);
  info->message = g_strdup (git_commit_message (found));
  return info;
}

static void
set_file_not_found (GError **error, const gchar *path)
{
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "path",
                       _("There is no file %s in this version of the curriculum"), path);
}

/**
 * pdn_curriculum_repo_read_file:
 *
 * Returns: (transfer full) (nullable): the bytes of @path at @commit, or
 *   %NULL with PDN_ERROR_NOT_FOUND.
 */
GBytes *
pdn_curriculum_repo_read_file (PdnCurriculumRepo *self, const gchar *commit, const gchar *path,
                               GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_tree) tree = NULL;
  g_autoptr (git_tree_entry) entry = NULL;
  g_autoptr (git_blob) blob = NULL;

  if (repo == NULL || !load_tree (repo, commit, &tree, error))
    return NULL;
  if (git_tree_entry_bypath (&entry, tree, path) < 0
      || git_tree_entry_type (entry) != GIT_OBJECT_BLOB)
    {
      set_file_not_found (error, path);
      return NULL;
    }
  if (!pdn_git_check (git_blob_lookup (&blob, repo, git_tree_entry_id (entry)), error,
                      _("Cannot read a file")))
    return NULL;
  return g_bytes_new (git_blob_rawcontent (blob), (gsize) git_blob_rawsize (blob));
}

typedef struct
{
  git_odb *odb;
  GPtrArray *entries;
  int rc;
} TreeWalk;

static int
collect_entry (const char *root, const git_tree_entry *entry, void *payload)
{
  TreeWalk *walk = payload;
  PdnCurriculumEntry *item;
  size_t size = 0;
  git_object_t type;

  if (git_tree_entry_type (entry) != GIT_OBJECT_BLOB)
    return 0;
  walk->rc = git_odb_read_header (&size, &type, walk->odb, git_tree_entry_id (entry));
  if (walk->rc < 0)
    return -1;
  item = g_new0 (PdnCurriculumEntry, 1);
  item->path = g_strconcat (root, git_tree_entry_name (entry), NULL);
  item->blob = pdn_git_oid_to_string (git_tree_entry_id (entry));
  item->size = size;
  g_ptr_array_add (walk->entries, item);
  return 0;
}

/**
 * pdn_curriculum_repo_list_tree:
 *
 * Returns: (transfer full) (element-type PdnCurriculumEntry) (nullable):
 *   every file at @commit, in path order.
 */
GPtrArray *
pdn_curriculum_repo_list_tree (PdnCurriculumRepo *self, const gchar *commit, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_tree) tree = NULL;
  g_autoptr (GPtrArray) entries
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_curriculum_entry_free);
  TreeWalk walk = { NULL, entries, 0 };
  int rc;

  if (repo == NULL || !load_tree (repo, commit, &tree, error)
      || !pdn_git_check (git_repository_odb (&walk.odb, repo), error,
                         _("Cannot read the curriculum's objects")))
    return NULL;
  rc = git_tree_walk (tree, GIT_TREEWALK_PRE, collect_entry, &walk);
  git_odb_free (walk.odb);
  if (!pdn_git_check (walk.rc < 0 ? walk.rc : rc, error, _("Cannot list the curriculum's files")))
    return NULL;
  return g_steal_pointer (&entries);
}

/* ---- writing ---- */

/**
 * pdn_curriculum_repo_move_branch:
 * @from: (nullable): where the branch must still be; %NULL: it must not exist
 *
 * Compare-and-swap of refs/heads/@branch; PDN_ERROR_PRECONDITION_FAILED when
 * it moved meanwhile, PDN_ERROR_CONFLICT when a new branch already exists.
 */
gboolean
pdn_curriculum_repo_move_branch (git_repository *repo, const gchar *branch, const git_oid *to,
                                 const git_oid *from, const gchar *reason, GError **error)
{
  g_autofree gchar *full = g_strconcat ("refs/heads/", branch, NULL);
  g_autoptr (git_reference) ref = NULL;
  int rc;

  if (from != NULL)
    rc = git_reference_create_matching (&ref, repo, full, to, 1, from, reason);
  else
    rc = git_reference_create (&ref, repo, full, to, 0, reason);
  if (rc == GIT_EMODIFIED || rc == GIT_ELOCKED)
    {
      pdn_error_set_field (error, PDN_ERROR_PRECONDITION_FAILED, "If-Match",
                           _("The branch “%s” moved while this change was being made"), branch);
      return FALSE;
    }
  if (rc == GIT_EEXISTS)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "branch",
                           _("The branch “%s” already exists"), branch);
      return FALSE;
    }
  return pdn_git_check (rc, error, _("Cannot move the branch"));
}

static gboolean
add_blob (git_repository *repo, git_index *index, const gchar *path, GBytes *content,
          GError **error)
{
  git_index_entry entry = { 0 };
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (content, &size);

  entry.path = path;
  entry.mode = GIT_FILEMODE_BLOB;
  entry.file_size = (uint32_t) size;
  return pdn_git_check (git_blob_create_from_buffer (&entry.id, repo, data, size), error,
                        _("Cannot store the file"))
         && pdn_git_check (git_index_add (index, &entry), error, _("Cannot store the file"));
}

/* A file cannot replace a folder, nor go inside a file. */
static gboolean
check_no_collision (git_tree *tree, const gchar *path, GError **error)
{
  g_autoptr (GString) prefix = g_string_new (NULL);
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr (git_tree_entry) entry = NULL;
      gboolean last = parts[i + 1] == NULL;

      g_string_append_printf (prefix, "%s%s", i > 0 ? "/" : "", parts[i]);
      if (tree == NULL || git_tree_entry_bypath (&entry, tree, prefix->str) < 0)
        return TRUE;
      if ((last && git_tree_entry_type (entry) == GIT_OBJECT_TREE)
          || (!last && git_tree_entry_type (entry) != GIT_OBJECT_TREE))
        {
          pdn_error_set_field (error, PDN_ERROR_CONFLICT, "path",
                               _("%s would replace a folder or go inside a file"), path);
          return FALSE;
        }
    }
  return TRUE;
}

/* The tree of @parent (or an empty one) with @path set to @content, or
 * removed when @content is NULL. */
static gboolean
build_tree (git_repository *repo, git_tree *parent, const gchar *path, GBytes *content,
            git_oid *tree_oid, GError **error)
{
  g_autoptr (git_index) index = NULL;

  if (!pdn_git_check (git_index_new (&index), error, _("Cannot prepare the change"))
      || (parent != NULL
          && !pdn_git_check (git_index_read_tree (index, parent), error,
                             _("Cannot prepare the change"))))
    return FALSE;
  if (content == NULL)
    {
      if (git_index_get_bypath (index, path, 0) == NULL)
        {
          set_file_not_found (error, path);
          return FALSE;
        }
      if (!pdn_git_check (git_index_remove (index, path, 0), error, _("Cannot delete the file")))
        return FALSE;
    }
  else if (!check_no_collision (parent, path, error)
           || !add_blob (repo, index, path, content, error))
    return FALSE;
  return pdn_git_check (git_index_write_tree_to (tree_oid, index, repo), error,
                        _("Cannot store the change"));
}

gboolean
pdn_curriculum_repo_write_commit (git_repository *repo, const git_oid *tree_oid,
                                  git_commit *parent, git_commit *second_parent,
                                  const PdnCurriculumAuthor *author, git_oid *commit_oid,
                                  GError **error)
{
  g_autoptr (git_signature) signature = pdn_curriculum_repo_signature (author, error);
  g_autoptr (git_tree) tree = NULL;
  const git_commit *parents[] = { parent, second_parent };

  return signature != NULL
         && pdn_git_check (git_tree_lookup (&tree, repo, tree_oid), error,
                           _("Cannot store the change"))
         && pdn_git_check (git_commit_create (commit_oid, repo, NULL, signature, signature, NULL,
                                              author->message, tree,
                                              parent == NULL ? 0 : second_parent == NULL ? 1 : 2,
                                              parents),
                           error, _("Cannot store the change"));
}

static gchar *
commit_edit_locked (git_repository *repo, const PdnCurriculumEdit *edit,
                    const PdnCurriculumAuthor *author, gchar **current_head, GError **error)
{
  g_autoptr (git_commit) parent = NULL;
  g_autoptr (git_tree) tree = NULL;
  git_oid head, tree_oid, commit_oid;

  if (!pdn_curriculum_repo_branch_oid (repo, edit->branch, &head, error))
    return NULL;
  *current_head = pdn_git_oid_to_string (&head);
  if (strcmp (*current_head, edit->expected_head) != 0)
    {
      pdn_error_set_field (error, PDN_ERROR_PRECONDITION_FAILED, "If-Match",
                           _("The branch “%s” is now at %s: get the file again and redo the "
                             "change"),
                           edit->branch, *current_head);
      return NULL;
    }
  if (!pdn_git_check (git_commit_lookup (&parent, repo, &head), error, _("Cannot read a commit"))
      || !pdn_git_check (git_commit_tree (&tree, parent), error, _("Cannot read a commit"))
      || !build_tree (repo, tree, edit->path, edit->content, &tree_oid, error))
    return NULL;
  if (git_oid_equal (&tree_oid, git_tree_id (tree)))
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "body",
                           _("The file already has this content: nothing to commit"));
      return NULL;
    }
  if (!pdn_curriculum_repo_write_commit (repo, &tree_oid, parent, NULL, author, &commit_oid,
                                            error)
      || !pdn_curriculum_repo_move_branch (repo, edit->branch, &commit_oid, &head,
                                           author->message, error))
    return NULL;
  g_free (*current_head);
  *current_head = pdn_git_oid_to_string (&commit_oid);
  return pdn_git_oid_to_string (&commit_oid);
}

/**
 * pdn_curriculum_repo_commit_edit:
 * @current_head: (out) (transfer full) (nullable): the branch's head after
 *   the call (the new commit, or where it is when the change was refused)
 *
 * Commits one file change on @edit->branch if the branch is still at
 * @edit->expected_head: PDN_ERROR_PRECONDITION_FAILED otherwise, and
 * nothing is written. Locking: takes the write lock.
 *
 * Returns: (transfer full) (nullable): the new commit's id
 */
gchar *
pdn_curriculum_repo_commit_edit (PdnCurriculumRepo *self, const PdnCurriculumEdit *edit,
                                 const PdnCurriculumAuthor *author, gchar **current_head,
                                 GError **error)
{
  g_autoptr (git_repository) repo = NULL;
  g_autoptr (GMutexLocker) locker = NULL;

  *current_head = NULL;
  if (!pdn_curriculum_check_path (edit->path, "path", error))
    return NULL;
  repo = pdn_curriculum_repo_open_git (self, error);
  if (repo == NULL)
    return NULL;
  locker = g_mutex_locker_new (&self->write_lock);
  return commit_edit_locked (repo, edit, author, current_head, error);
}

static gboolean
init_bare (const gchar *path, git_repository **repo, GError **error)
{
  git_repository_init_options options;
  int rc;

  git_repository_init_options_init (&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
  options.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_NO_REINIT
                  | GIT_REPOSITORY_INIT_MKPATH;
  options.initial_head = PDN_CURRICULUM_MAIN;
  rc = git_repository_init_ext (repo, path, &options);
  if (rc == GIT_EEXISTS)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "slug",
                           _("A curriculum repository already exists there"));
      return FALSE;
    }
  return pdn_git_check (rc, error, _("Cannot create the curriculum repository"));
}

static gboolean
first_tree (git_repository *repo, GHashTable *files, git_oid *tree_oid, GError **error)
{
  g_autoptr (git_index) index = NULL;
  GHashTableIter iter;
  gpointer path, content;

  if (!pdn_git_check (git_index_new (&index), error, _("Cannot prepare the change")))
    return FALSE;
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &path, &content))
    if (!pdn_curriculum_check_path (path, "files", error)
        || !add_blob (repo, index, path, content, error))
      return FALSE;
  return pdn_git_check (git_index_write_tree_to (tree_oid, index, repo), error,
                        _("Cannot store the change"));
}

/**
 * pdn_curriculum_repo_create:
 * @files: (element-type utf8 GBytes): the first commit's files by path
 * @head: (out) (transfer full): the first commit's id
 *
 * Creates a bare repository at @path whose main branch has one commit.
 */
PdnCurriculumRepo *
pdn_curriculum_repo_create (const gchar *path, GHashTable *files,
                            const PdnCurriculumAuthor *author, gchar **head, GError **error)
{
  g_autoptr (PdnCurriculumRepo) self = g_object_new (PDN_TYPE_CURRICULUM_REPO, NULL);
  g_autoptr (git_repository) repo = NULL;
  git_oid tree_oid, commit_oid;

  *head = NULL;
  pdn_git_init ();
  self->path = g_strdup (path);
  if (!init_bare (path, &repo, error) || !first_tree (repo, files, &tree_oid, error)
      || !pdn_curriculum_repo_write_commit (repo, &tree_oid, NULL, NULL, author, &commit_oid,
                                            error)
      || !pdn_curriculum_repo_move_branch (repo, PDN_CURRICULUM_MAIN, &commit_oid, NULL,
                                           author->message, error))
    return NULL;
  *head = pdn_git_oid_to_string (&commit_oid);
  return g_steal_pointer (&self);
}

/* ---- branches and tags ---- */

/**
 * pdn_curriculum_repo_create_branch:
 *
 * Creates @branch at @commit; PDN_ERROR_CONFLICT if it exists.
 * Locking: takes the write lock.
 */
gboolean
pdn_curriculum_repo_create_branch (PdnCurriculumRepo *self, const gchar *branch,
                                   const gchar *commit, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_commit) target = NULL;
  g_autoptr (GMutexLocker) locker = NULL;

  if (repo == NULL || !pdn_curriculum_check_ref_name (branch, "branch", error)
      || (target = pdn_curriculum_repo_lookup_commit (repo, commit, error)) == NULL)
    return FALSE;
  locker = g_mutex_locker_new (&self->write_lock);
  return pdn_curriculum_repo_move_branch (repo, branch, git_commit_id (target), NULL,
                                          "branch: created", error);
}

/**
 * pdn_curriculum_repo_list_branches:
 * @prefix: such as "adaptations/"
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the names of
 *   the branches under @prefix, without it, sorted.
 */
GPtrArray *
pdn_curriculum_repo_list_branches (PdnCurriculumRepo *self, const gchar *prefix, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_reference_iterator) iter = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *glob = g_strconcat ("refs/heads/", prefix, "*", NULL);
  gsize skip = strlen ("refs/heads/") + strlen (prefix);
  const char *name;
  int rc;

  if (repo == NULL
      || !pdn_git_check (git_reference_iterator_glob_new (&iter, repo, glob), error,
                         _("Cannot list the branches")))
    return NULL;
  while ((rc = git_reference_next_name (&name, iter)) == 0)
    g_ptr_array_add (names, g_strdup (name + skip));
  if (rc != GIT_ITEROVER && !pdn_git_check (rc, error, _("Cannot list the branches")))
    return NULL;
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);
  return g_steal_pointer (&names);
}

/**
 * pdn_curriculum_repo_create_tag:
 * @tagger: who releases it; its message is the release notes
 *
 * An annotated tag @name on @commit; PDN_ERROR_CONFLICT if it exists.
 * Locking: takes the write lock.
 */
gboolean
pdn_curriculum_repo_create_tag (PdnCurriculumRepo *self, const gchar *name, const gchar *commit,
                                const PdnCurriculumAuthor *tagger, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (git_commit) target = NULL;
  g_autoptr (git_signature) signature = NULL;
  g_autoptr (GMutexLocker) locker = NULL;
  git_oid oid;
  int rc;

  if (repo == NULL || !pdn_curriculum_check_ref_name (name, "name", error)
      || (target = pdn_curriculum_repo_lookup_commit (repo, commit, error)) == NULL
      || (signature = pdn_curriculum_repo_signature (tagger, error)) == NULL)
    return FALSE;
  locker = g_mutex_locker_new (&self->write_lock);
  rc = git_tag_create (&oid, repo, name, (const git_object *) target, signature, tagger->message,
                       0);
  if (rc == GIT_EEXISTS)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "name",
                           _("There is already a release called “%s”"), name);
      return FALSE;
    }
  return pdn_git_check (rc, error, _("Cannot create the release"));
}

static PdnCurriculumTag *
load_tag (git_repository *repo, const gchar *name, GError **error)
{
  g_autofree gchar *full = g_strconcat ("refs/tags/", name, NULL);
  g_autoptr (git_reference) ref = NULL;
  g_autoptr (git_object) target = NULL;
  g_autoptr (git_tag) tag = NULL;
  PdnCurriculumTag *item;

  if (!pdn_git_check (git_reference_lookup (&ref, repo, full), error, _("Cannot read a release"))
      || !pdn_git_check (git_reference_peel (&target, ref, GIT_OBJECT_COMMIT), error,
                         _("Cannot read a release")))
    return NULL;
  item = g_new0 (PdnCurriculumTag, 1);
  item->name = g_strdup (name);
  item->commit = pdn_git_oid_to_string (git_object_id (target));
  /* Lightweight tags (made outside pdnet) have no tagger or notes. */
  if (git_tag_lookup (&tag, repo, git_reference_target (ref)) == 0)
    {
      const git_signature *tagger = git_tag_tagger (tag);
      item->notes = g_strdup (git_tag_message (tag));
      if (tagger != NULL)
        {
          item->tagger_name = g_strdup (tagger->name);
          item->date = pdn_curriculum_repo_format_time (&tagger->when);
        }
    }
  return item;
}

static gint
compare_tags (gconstpointer a, gconstpointer b)
{
  const PdnCurriculumTag *x = *(PdnCurriculumTag *const *) a;
  const PdnCurriculumTag *y = *(PdnCurriculumTag *const *) b;
  gint by_date = g_strcmp0 (y->date, x->date);

  return by_date != 0 ? by_date : strcmp (x->name, y->name);
}

/**
 * pdn_curriculum_repo_list_tags:
 *
 * Returns: (transfer full) (element-type PdnCurriculumTag) (nullable): the
 *   releases, newest first.
 */
GPtrArray *
pdn_curriculum_repo_list_tags (PdnCurriculumRepo *self, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_auto (git_strarray) names = { 0 };
  g_autoptr (GPtrArray) tags
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_curriculum_tag_free);

  if (repo == NULL
      || !pdn_git_check (git_tag_list (&names, repo), error, _("Cannot list the releases")))
    return NULL;
  for (size_t i = 0; i < names.count; i++)
    {
      PdnCurriculumTag *tag = load_tag (repo, names.strings[i], error);
      if (tag == NULL)
        return NULL;
      g_ptr_array_add (tags, tag);
    }
  g_ptr_array_sort (tags, compare_tags);
  return g_steal_pointer (&tags);
}
