/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-curriculum-repo.h"
#include "pdn-git.h"

G_BEGIN_DECLS

/* For the files that implement the rest of PdnCurriculumRepo (history,
 * diff, merge): each call opens its own git_repository, since libgit2's
 * repository objects must not be shared between threads. */
git_repository *pdn_curriculum_repo_open_git (PdnCurriculumRepo *self, GError **error);
git_commit *pdn_curriculum_repo_lookup_commit (git_repository *repo, const gchar *commit,
                                               GError **error);
git_signature *pdn_curriculum_repo_signature (const PdnCurriculumAuthor *author, GError **error);
gboolean pdn_curriculum_repo_move_branch (git_repository *repo, const gchar *branch,
                                          const git_oid *to, const git_oid *from,
                                          const gchar *reason, GError **error);
gboolean pdn_curriculum_repo_branch_oid (git_repository *repo, const gchar *branch, git_oid *oid,
                                         GError **error);
gboolean pdn_curriculum_repo_write_commit (git_repository *repo, const git_oid *tree_oid,
                                           git_commit *parent, git_commit *second_parent,
                                           const PdnCurriculumAuthor *author, git_oid *commit_oid,
                                           GError **error);
GMutex *pdn_curriculum_repo_get_write_lock (PdnCurriculumRepo *self);
gchar *pdn_curriculum_repo_format_time (const git_time *when);

G_END_DECLS
