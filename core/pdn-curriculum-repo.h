/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PDN_CURRICULUM_MAIN "main"
#define PDN_CURRICULUM_MANIFEST "curriculum.json"

#define PDN_TYPE_CURRICULUM_REPO (pdn_curriculum_repo_get_type ())
G_DECLARE_FINAL_TYPE (PdnCurriculumRepo, pdn_curriculum_repo, PDN, CURRICULUM_REPO, GObject)

/* Who makes a commit, tag or merge. */
typedef struct
{
  const gchar *name;
  const gchar *email; /* may be "" */
  const gchar *message;
  GDateTime *when; /* nullable: now (the demo network dates its history) */
} PdnCurriculumAuthor;

/* One file change on a branch, made only if the branch is still at
 * @expected_head (compare-and-swap). */
typedef struct
{
  const gchar *branch;
  const gchar *expected_head;
  const gchar *path;
  GBytes *content; /* NULL deletes the file */
} PdnCurriculumEdit;

/* A file of a tree. */
typedef struct
{
  gchar *path;
  gchar *blob;
  guint64 size;
} PdnCurriculumEntry;

/* A commit as history and lists show it. */
typedef struct
{
  gchar *id;
  gchar *author_name;
  gchar *author_email;
  gchar *date; /* RFC 3339 UTC */
  gchar *message;
  GPtrArray *files; /* gchar*: paths changed against the first parent */
} PdnCurriculumCommit;

/* An annotated tag (a release). */
typedef struct
{
  gchar *name;
  gchar *commit;
  gchar *tagger_name;
  gchar *date;
  gchar *notes;
} PdnCurriculumTag;

/* One file of a diff. */
typedef struct
{
  gchar *path;
  gchar *old_path; /* differs from path for renames; NULL otherwise */
  gchar status;    /* 'A'dded, 'D'eleted, 'M'odified, 'R'enamed */
  guint added;
  guint removed;
  gboolean binary;
} PdnCurriculumFileDiff;

typedef struct
{
  gchar *patch;     /* unified diff */
  GPtrArray *files; /* PdnCurriculumFileDiff */
} PdnCurriculumDiff;

typedef enum
{
  PDN_CURRICULUM_MERGE_UP_TO_DATE,
  PDN_CURRICULUM_MERGE_FAST_FORWARD,
  PDN_CURRICULUM_MERGE_THREE_WAY,
} PdnCurriculumMergeKind;

void pdn_curriculum_diff_free (PdnCurriculumDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCurriculumDiff, pdn_curriculum_diff_free)
void pdn_curriculum_entry_free (PdnCurriculumEntry *entry);
void pdn_curriculum_commit_free (PdnCurriculumCommit *commit);
void pdn_curriculum_tag_free (PdnCurriculumTag *tag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCurriculumCommit, pdn_curriculum_commit_free)

gboolean pdn_curriculum_check_path_syntax (const gchar *path, const gchar *field, GError **error);
gboolean pdn_curriculum_check_path (const gchar *path, const gchar *field, GError **error);
gchar *pdn_curriculum_decode_path (const gchar *raw, const gchar *field, GError **error);
gboolean pdn_curriculum_check_ref_name (const gchar *name, const gchar *field, GError **error);

PdnCurriculumRepo *pdn_curriculum_repo_create (const gchar *path, GHashTable *files,
                                               const PdnCurriculumAuthor *author,
                                               gchar **head, GError **error);
PdnCurriculumRepo *pdn_curriculum_repo_open (const gchar *path, GError **error);
const gchar *pdn_curriculum_repo_get_path (PdnCurriculumRepo *self);

gchar *pdn_curriculum_repo_resolve (PdnCurriculumRepo *self, const gchar *ref, GError **error);
gchar *pdn_curriculum_repo_branch_head (PdnCurriculumRepo *self, const gchar *branch,
                                        GError **error);
PdnCurriculumCommit *pdn_curriculum_repo_load_commit (PdnCurriculumRepo *self,
                                                      const gchar *commit, GError **error);
GBytes *pdn_curriculum_repo_read_file (PdnCurriculumRepo *self, const gchar *commit,
                                       const gchar *path, GError **error);
GPtrArray *pdn_curriculum_repo_list_tree (PdnCurriculumRepo *self, const gchar *commit,
                                          GError **error);
gchar *pdn_curriculum_repo_commit_edit (PdnCurriculumRepo *self, const PdnCurriculumEdit *edit,
                                        const PdnCurriculumAuthor *author, gchar **current_head,
                                        GError **error);

gboolean pdn_curriculum_repo_create_branch (PdnCurriculumRepo *self, const gchar *branch,
                                            const gchar *commit, GError **error);
GPtrArray *pdn_curriculum_repo_list_branches (PdnCurriculumRepo *self, const gchar *prefix,
                                              GError **error);
gboolean pdn_curriculum_repo_create_tag (PdnCurriculumRepo *self, const gchar *name,
                                         const gchar *commit, const PdnCurriculumAuthor *tagger,
                                         GError **error);
GPtrArray *pdn_curriculum_repo_list_tags (PdnCurriculumRepo *self, GError **error);

/* pdn-curriculum-history.c */
GPtrArray *pdn_curriculum_repo_history (PdnCurriculumRepo *self, const gchar *commit,
                                        const gchar *path, guint limit, const gchar *cursor,
                                        gchar **next_cursor, GError **error);
PdnCurriculumDiff *pdn_curriculum_repo_diff (PdnCurriculumRepo *self, const gchar *from,
                                             const gchar *to, GError **error);

/* pdn-curriculum-merge.c */
gchar *pdn_curriculum_repo_merge_base (PdnCurriculumRepo *self, const gchar *a, const gchar *b,
                                       GError **error);
gboolean pdn_curriculum_repo_contains (PdnCurriculumRepo *self, const gchar *commit,
                                       const gchar *ancestor, gboolean *contains,
                                       GError **error);
gchar *pdn_curriculum_repo_merge (PdnCurriculumRepo *self, const gchar *source,
                                  const gchar *target, const PdnCurriculumAuthor *author,
                                  PdnCurriculumMergeKind *kind, GPtrArray **conflicts,
                                  GError **error);

G_END_DECLS
