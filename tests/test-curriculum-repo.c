/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-curricula.h"
#include "pdn-curriculum-repo.h"
#include "pdn-test.h"

/* The repository layer on its own: bare repositories written through
 * libgit2, checked with Debian's git where an outside view helps. */

static const PdnCurriculumAuthor author = { "Maya Ortiz", "maya@charter-b.example", "Start",
                                            NULL };

typedef struct
{
  PdnTestDir *dir;
  PdnCurriculumRepo *repo;
  gchar *head;
} Fixture;

static GBytes *
text (const gchar *value)
{
  return g_bytes_new (value, strlen (value));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_bytes_unref);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = NULL;

  f->dir = pdn_test_dir_new ();
  path = g_build_filename (f->dir->path, "demo.git", NULL);
  g_hash_table_insert (files, "curriculum.json", text ("{\"title\":\"Demo\"}\n"));
  g_hash_table_insert (files, "modules/intro.md", text ("# Intro\none\ntwo\nthree\n"));
  f->repo = pdn_curriculum_repo_create (path, files, &author, &f->head, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->repo);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_free (f->head);
  pdn_test_dir_free (f->dir);
}

/* Commits @content (NULL deletes) to @path on @branch based on @base. */
static gchar *
edit (Fixture *f, const gchar *branch, const gchar *base, const gchar *path, const gchar *content,
      GError **error)
{
  g_autoptr (GBytes) bytes = content != NULL ? text (content) : NULL;
  PdnCurriculumEdit change = { branch, base, path, bytes };
  PdnCurriculumAuthor who = { "Dee Lopez", "dee@district-a.example", "Edit", NULL };
  g_autofree gchar *current = NULL;

  return pdn_curriculum_repo_commit_edit (f->repo, &change, &who, &current, error);
}

static gchar *
read_text (Fixture *f, const gchar *commit, const gchar *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = pdn_curriculum_repo_read_file (f->repo, commit, path, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gchar *
git (Fixture *f, const gchar *args)
{
  g_autofree gchar *line = g_strdup_printf ("git --git-dir=%s/demo.git %s", f->dir->path, args);
  const gchar *argv[] = { "/bin/sh", "-c", line, NULL };
  g_autofree gchar *out = NULL;

  g_assert_cmpint (pdn_test_spawn (argv, &out, NULL), ==, 0);
  return g_strchomp (g_steal_pointer (&out));
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tree = pdn_curriculum_repo_list_tree (f->repo, f->head, &error);
  g_autofree gchar *main_head = pdn_curriculum_repo_resolve (f->repo, NULL, &error);
  g_autofree gchar *intro = read_text (f, f->head, "modules/intro.md");
  g_autofree gchar *head_ref = git (f, "symbolic-ref HEAD");
  g_autofree gchar *fsck = git (f, "fsck --strict 2>&1 && echo ok");
  g_autofree gchar *author_line = git (f, "log -1 --format='%an <%ae> %s' main");

  g_assert_no_error (error);
  g_assert_cmpstr (main_head, ==, f->head);
  g_assert_cmpuint (tree->len, ==, 2);
  g_assert_cmpstr (((PdnCurriculumEntry *) g_ptr_array_index (tree, 0))->path, ==,
                   "curriculum.json");
  g_assert_cmpstr (((PdnCurriculumEntry *) g_ptr_array_index (tree, 1))->path, ==,
                   "modules/intro.md");
  g_assert_cmpuint (((PdnCurriculumEntry *) g_ptr_array_index (tree, 1))->size, ==, 22);
  g_assert_cmpstr (intro, ==, "# Intro\none\ntwo\nthree\n");
  g_assert_cmpstr (head_ref, ==, "refs/heads/main");
  g_assert_true (g_str_has_suffix (fsck, "ok"));
  g_assert_cmpstr (author_line, ==, "Maya Ortiz <maya@charter-b.example> Start");
}

/* An edit based on an old head is refused and writes nothing. */
static void
test_compare_and_swap (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *first = edit (f, "main", f->head, "modules/intro.md", "# New\n", &error);
  g_autofree gchar *second = NULL;
  g_autofree gchar *objects_before = NULL;
  g_autofree gchar *objects_after = NULL;
  g_autofree gchar *count = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  objects_before = git (f, "count-objects");
  second = edit (f, "main", f->head, "modules/intro.md", "# Other\n", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_PRECONDITION_FAILED);
  g_assert_null (second);
  objects_after = git (f, "count-objects");
  g_assert_cmpstr (objects_before, ==, objects_after);
  count = git (f, "rev-list --count main");
  g_assert_cmpstr (count, ==, "2");
}

static void
test_delete_and_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *deleted = edit (f, "main", f->head, "modules/intro.md", NULL, &error);
  g_autofree gchar *again = NULL;
  g_autoptr (GBytes) gone = NULL;

  g_assert_no_error (error);
  gone = pdn_curriculum_repo_read_file (f->repo, deleted, "modules/intro.md", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  again = edit (f, "main", deleted, "modules/intro.md", NULL, &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_null (again);
}

static void
test_paths (void)
{
  const gchar *good[] = { "curriculum.json", "modules/intro.md", "resources/a/b c.pdf" };
  const gchar *bad[] = { "",
                         "/etc/passwd",
                         "modules/../curriculum.json",
                         "modules/./x.md",
                         "modules//x.md",
                         "resources/.git/config",
                         "resources/a\\b",
                         "modules/x.txt",
                         "modules/a/b.md",
                         "notes.md",
                         "resources/tab\there" };
  const gchar *raw_bad[] = { "resources/a%00b", "%2Fetc%2Fpasswd", "modules/%2E%2E/x.md",
                             "resources/%FF" };
  g_autofree gchar *decoded = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (pdn_curriculum_check_path (good[i], "path", NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_false (pdn_curriculum_check_path (bad[i], "path", &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
      g_assert_cmpstr (pdn_error_get_field (error), ==, "path");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (raw_bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (pdn_curriculum_decode_path (raw_bad[i], "path", &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
    }
  decoded = pdn_curriculum_decode_path ("resources/a%20b.pdf", "path", NULL);
  g_assert_cmpstr (decoded, ==, "resources/a b.pdf");
}

/* A file cannot take a folder's place or go inside a file. */
static void
test_collisions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *one = edit (f, "main", f->head, "resources/a/b.txt", "b", &error);
  g_autofree gchar *two = NULL;

  g_assert_no_error (error);
  two = edit (f, "main", one, "resources/a", "a", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_assert_null (two);
  g_clear_error (&error);
  two = edit (f, "main", one, "resources/a/b.txt/c", "c", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *c2 = edit (f, "main", f->head, "modules/b.md", "b\n", &error);
  g_autofree gchar *c3 = edit (f, "main", c2, "modules/intro.md", "# Intro\n", &error);
  g_autofree gchar *c4 = edit (f, "main", c3, "modules/b.md", "bb\n", &error);
  g_autofree gchar *next = NULL;
  g_autofree gchar *next2 = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GPtrArray) rest = NULL;
  PdnCurriculumCommit *commit;

  g_assert_no_error (error);
  all = pdn_curriculum_repo_history (f->repo, c4, "modules/b.md", 10, NULL, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_null (next);
  commit = g_ptr_array_index (all, 0);
  g_assert_cmpstr (commit->id, ==, c4);
  g_assert_cmpstr (commit->author_name, ==, "Dee Lopez");
  g_assert_cmpuint (commit->files->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (commit->files, 0), ==, "modules/b.md");
  g_assert_cmpstr (((PdnCurriculumCommit *) g_ptr_array_index (all, 1))->id, ==, c2);

  page = pdn_curriculum_repo_history (f->repo, c4, NULL, 2, NULL, &next, &error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (next, ==, c3);
  rest = pdn_curriculum_repo_history (f->repo, c4, NULL, 2, next, &next2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 2);
  g_assert_cmpstr (((PdnCurriculumCommit *) g_ptr_array_index (rest, 1))->id, ==, f->head);
  g_assert_null (next2);
}

static void
test_diff (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *c2
      = edit (f, "main", f->head, "modules/intro.md", "# Intro\none\n2\nthree\nfour\n", &error);
  g_autoptr (PdnCurriculumDiff) diff = pdn_curriculum_repo_diff (f->repo, f->head, c2, &error);
  PdnCurriculumFileDiff *file;

  g_assert_no_error (error);
  g_assert_cmpuint (diff->files->len, ==, 1);
  file = g_ptr_array_index (diff->files, 0);
  g_assert_cmpstr (file->path, ==, "modules/intro.md");
  g_assert_cmpint (file->status, ==, 'M');
  g_assert_cmpuint (file->added, ==, 2);
  g_assert_cmpuint (file->removed, ==, 1);
  g_assert_nonnull (strstr (diff->patch, "-two\n+2\n"));
  g_assert_nonnull (strstr (diff->patch, "+++ b/modules/intro.md"));
}

static void
test_tags_and_branches (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  PdnCurriculumAuthor tagger = { "Maya Ortiz", "maya@charter-b.example", "First year", NULL };
  g_autoptr (GPtrArray) tags = NULL;
  g_autoptr (GPtrArray) branches = NULL;
  g_autofree gchar *resolved = NULL;
  PdnCurriculumTag *tag;

  g_assert_true (pdn_curriculum_repo_create_tag (f->repo, "2017-18", f->head, &tagger, &error));
  g_assert_false (pdn_curriculum_repo_create_tag (f->repo, "2017-18", f->head, &tagger, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (pdn_curriculum_repo_create_tag (f->repo, "bad..name", f->head, &tagger, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  tags = pdn_curriculum_repo_list_tags (f->repo, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tag->name, ==, "2017-18");
  g_assert_cmpstr (tag->commit, ==, f->head);
  g_assert_cmpstr (tag->notes, ==, "First year");
  resolved = pdn_curriculum_repo_resolve (f->repo, "2017-18", &error);
  g_assert_cmpstr (resolved, ==, f->head);

  g_assert_true (pdn_curriculum_repo_create_branch (f->repo, "adaptations/district-a", f->head,
                                                    &error));
  g_assert_false (pdn_curriculum_repo_create_branch (f->repo, "adaptations/district-a", f->head,
                                                     &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_clear_error (&error);
  branches = pdn_curriculum_repo_list_branches (f->repo, "adaptations/", &error);
  g_assert_cmpuint (branches->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (branches, 0), ==, "district-a");
  g_free (resolved);
  resolved = pdn_curriculum_repo_resolve (f->repo, "no-such-ref", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_null (resolved);
}

static gchar *
merge (Fixture *f, PdnCurriculumMergeKind *kind, GPtrArray **conflicts, GError **error)
{
  PdnCurriculumAuthor who = { "Maya Ortiz", "maya@charter-b.example", "Merge", NULL };

  return pdn_curriculum_repo_merge (f->repo, "adaptations/district-a", "main", &who, kind,
                                    conflicts, error);
}

static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  PdnCurriculumMergeKind kind;
  g_autofree gchar *a1 = NULL, *m1 = NULL, *ff = NULL, *a2 = NULL, *m2 = NULL, *merged = NULL;
  g_autofree gchar *parents = NULL, *b_text = NULL, *c_text = NULL;
  gboolean contains = FALSE;

  g_assert_true (pdn_curriculum_repo_create_branch (f->repo, "adaptations/district-a", f->head,
                                                    &error));
  a1 = edit (f, "adaptations/district-a", f->head, "modules/b.md", "b\n", &error);
  ff = merge (f, &kind, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, PDN_CURRICULUM_MERGE_FAST_FORWARD);
  g_assert_cmpstr (ff, ==, a1);
  g_clear_pointer (&ff, g_free);
  ff = merge (f, &kind, &conflicts, &error);
  g_assert_cmpint (kind, ==, PDN_CURRICULUM_MERGE_UP_TO_DATE);

  /* Both sides change different files: a three-way merge commit. */
  a2 = edit (f, "adaptations/district-a", a1, "modules/b.md", "b2\n", &error);
  m1 = edit (f, "main", a1, "modules/c.md", "c\n", &error);
  merged = merge (f, &kind, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, PDN_CURRICULUM_MERGE_THREE_WAY);
  parents = git (f, "log -1 --format=%P main");
  g_assert_nonnull (strstr (parents, m1));
  g_assert_nonnull (strstr (parents, a2));
  b_text = read_text (f, merged, "modules/b.md");
  c_text = read_text (f, merged, "modules/c.md");
  g_assert_cmpstr (b_text, ==, "b2\n");
  g_assert_cmpstr (c_text, ==, "c\n");
  g_assert_true (pdn_curriculum_repo_contains (f->repo, merged, m1, &contains, &error));
  g_assert_true (contains);
  g_assert_true (pdn_curriculum_repo_contains (f->repo, m1, merged, &contains, &error));
  g_assert_false (contains);

  /* Both change the same line: 409 with the path, main stays. */
  g_clear_pointer (&m2, g_free);
  m2 = edit (f, "main", merged, "modules/b.md", "main's\n", &error);
  g_clear_pointer (&a1, g_free);
  a1 = edit (f, "adaptations/district-a", a2, "modules/b.md", "district's\n", &error);
  g_assert_no_error (error);
  g_clear_pointer (&ff, g_free);
  ff = merge (f, &kind, &conflicts, &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_assert_null (ff);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "modules/b.md");
  g_clear_pointer (&ff, g_free);
  ff = pdn_curriculum_repo_branch_head (f->repo, "main", NULL);
  g_assert_cmpstr (ff, ==, m2);
}

/* Two threads editing from the same head: one commit lands. */
typedef struct
{
  Fixture *f;
  const gchar *content;
  gchar *commit;
  GError *error;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *racer = data;

  racer->commit = edit (racer->f, "main", racer->f->head, "modules/intro.md", racer->content,
                        &racer->error);
  return NULL;
}

static void
test_concurrent_edits (Fixture *f, gconstpointer data)
{
  Racer racers[2] = { { f, "# A\n", NULL, NULL }, { f, "# B\n", NULL, NULL } };
  GThread *threads[2];
  g_autofree gchar *count = NULL;

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("racer", race, &racers[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_assert_true ((racers[0].commit == NULL) != (racers[1].commit == NULL));
  for (guint i = 0; i < 2; i++)
    {
      if (racers[i].commit == NULL)
        g_assert_error (racers[i].error, PDN_ERROR, PDN_ERROR_PRECONDITION_FAILED);
      g_free (racers[i].commit);
      g_clear_error (&racers[i].error);
    }
  count = git (f, "rev-list --count main");
  g_assert_cmpstr (count, ==, "2");
}

/* A MiB of every byte value comes back as it went in. */
static void
test_binary_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gsize size = 1024 * 1024;
  guint8 *buffer = g_malloc (size);
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) back = NULL;
  g_autofree gchar *current = NULL;
  g_autofree gchar *commit = NULL;
  PdnCurriculumEdit change = { "main", f->head, "resources/big.bin", NULL };

  for (gsize i = 0; i < size; i++)
    buffer[i] = (guint8) (i * 7 + (i >> 8));
  content = g_bytes_new_take (buffer, size);
  change.content = content;
  commit = pdn_curriculum_repo_commit_edit (f->repo, &change, &author, &current, &error);
  g_assert_no_error (error);
  back = pdn_curriculum_repo_read_file (f->repo, commit, "resources/big.bin", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (content, back));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/pdnet/curriculum-repo/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("create", test_create);
  ADD ("compare-and-swap", test_compare_and_swap);
  ADD ("delete-and-missing", test_delete_and_missing);
  ADD ("collisions", test_collisions);
  ADD ("history", test_history);
  ADD ("diff", test_diff);
  ADD ("tags-and-branches", test_tags_and_branches);
  ADD ("merge", test_merge);
  ADD ("concurrent-edits", test_concurrent_edits);
  ADD ("binary-round-trip", test_binary_round_trip);
#undef ADD
  g_test_add_func ("/pdnet/curriculum-repo/paths", test_paths);
  return g_test_run ();
}
