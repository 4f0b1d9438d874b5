/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-curriculum-repo.h"

G_BEGIN_DECLS

/* How a branch's changes bear on one non-negotiable of main. */
typedef struct
{
  gchar *name;
  gboolean removed;      /* a file deleted, or the requirement dropped */
  GPtrArray *touched;    /* gchar*: its files the branch changed */
  GPtrArray *deleted;    /* gchar*: its files the branch deleted */
  gboolean dropped;      /* the branch's curriculum.json no longer lists it */
} PdnNonNegotiableImpact;

/* What an adaptation changed since it left main, and which of main's
 * non-negotiables that touches or removes. */
typedef struct
{
  gchar *main_head;
  gchar *branch_head;
  gchar *base;             /* where the branch left main (merge base) */
  PdnCurriculumDiff *diff; /* base -> branch head */
  GPtrArray *impacts;      /* PdnNonNegotiableImpact, only those affected */
} PdnCurriculumComparison;

void pdn_curriculum_comparison_free (PdnCurriculumComparison *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCurriculumComparison, pdn_curriculum_comparison_free)

PdnCurriculumComparison *pdn_curriculum_compare (PdnCurriculumRepo *repo, const gchar *branch,
                                                 GError **error);
guint pdn_curriculum_comparison_count_removed (PdnCurriculumComparison *self);

G_END_DECLS
