/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-curriculum-compare.h"
#include "pdn-curriculum-manifest.h"

/* An adaptation is compared with main from where it branched off (the
 * merge base), so only its own changes count, not main's since. A
 * non-negotiable is touched when the branch changes one of its files, and
 * removed when the branch deletes one of them or drops the requirement from
 * its curriculum.json. The requirements are main's: an adaptation cannot
 * relax them by editing its own manifest. */

static void
impact_free (PdnNonNegotiableImpact *impact)
{
  g_free (impact->name);
  g_ptr_array_unref (impact->touched);
  g_ptr_array_unref (impact->deleted);
  g_free (impact);
}

void
pdn_curriculum_comparison_free (PdnCurriculumComparison *self)
{
  g_free (self->main_head);
  g_free (self->branch_head);
  g_free (self->base);
  g_clear_pointer (&self->diff, pdn_curriculum_diff_free);
  g_clear_pointer (&self->impacts, g_ptr_array_unref);
  g_free (self);
}

/* curriculum.json at @commit; NULL when missing or unreadable. */
static PdnCurriculumManifest *
manifest_at (PdnCurriculumRepo *repo, const gchar *commit)
{
  g_autoptr (GBytes) bytes
      = pdn_curriculum_repo_read_file (repo, commit, PDN_CURRICULUM_MANIFEST, NULL);

  return bytes != NULL ? pdn_curriculum_manifest_parse (bytes, NULL) : NULL;
}

static PdnCurriculumFileDiff *
find_change (PdnCurriculumDiff *diff, const gchar *path)
{
  for (guint i = 0; i < diff->files->len; i++)
    {
      PdnCurriculumFileDiff *file = g_ptr_array_index (diff->files, i);
      if (strcmp (file->path, path) == 0
          || (file->old_path != NULL && strcmp (file->old_path, path) == 0))
        return file;
    }
  return NULL;
}

static PdnNonNegotiableImpact *
assess (PdnNonNegotiable *requirement, PdnCurriculumDiff *diff,
        PdnCurriculumManifest *branch_manifest)
{
  PdnNonNegotiableImpact *impact = g_new0 (PdnNonNegotiableImpact, 1);

  impact->name = g_strdup (requirement->name);
  impact->touched = g_ptr_array_new_with_free_func (g_free);
  impact->deleted = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < requirement->files->len; i++)
    {
      const gchar *path = g_ptr_array_index (requirement->files, i);
      PdnCurriculumFileDiff *change = find_change (diff, path);

      if (change == NULL)
        continue;
      g_ptr_array_add (change->status == 'D' || change->status == 'R' ? impact->deleted
                                                                       : impact->touched,
                       g_strdup (path));
    }
  /* An unreadable manifest drops everything it should list. */
  impact->dropped = find_change (diff, PDN_CURRICULUM_MANIFEST) != NULL
                    && (branch_manifest == NULL
                        || pdn_curriculum_manifest_find (branch_manifest, requirement->name)
                               == NULL);
  impact->removed = impact->deleted->len > 0 || impact->dropped;
  return impact;
}

static void
assess_all (PdnCurriculumComparison *self, PdnCurriculumManifest *main_manifest,
            PdnCurriculumManifest *branch_manifest)
{
  self->impacts = g_ptr_array_new_with_free_func ((GDestroyNotify) impact_free);
  if (main_manifest == NULL)
    return;
  for (guint i = 0; i < main_manifest->non_negotiables->len; i++)
    {
      PdnNonNegotiableImpact *impact
          = assess (g_ptr_array_index (main_manifest->non_negotiables, i), self->diff,
                    branch_manifest);

      if (impact->removed || impact->touched->len > 0)
        g_ptr_array_add (self->impacts, impact);
      else
        impact_free (impact);
    }
}

/**
 * pdn_curriculum_compare:
 * @branch: such as adaptations/district-a
 *
 * Returns: (transfer full) (nullable): @branch against main.
 */
PdnCurriculumComparison *
pdn_curriculum_compare (PdnCurriculumRepo *repo, const gchar *branch, GError **error)
{
  g_autoptr (PdnCurriculumComparison) self = g_new0 (PdnCurriculumComparison, 1);
  g_autoptr (PdnCurriculumManifest) main_manifest = NULL;
  g_autoptr (PdnCurriculumManifest) branch_manifest = NULL;

  if ((self->main_head = pdn_curriculum_repo_branch_head (repo, PDN_CURRICULUM_MAIN, error))
          == NULL
      || (self->branch_head = pdn_curriculum_repo_branch_head (repo, branch, error)) == NULL
      || (self->base = pdn_curriculum_repo_merge_base (repo, self->main_head, self->branch_head,
                                                       error))
             == NULL
      || (self->diff = pdn_curriculum_repo_diff (repo, self->base, self->branch_head, error))
             == NULL)
    return NULL;
  main_manifest = manifest_at (repo, self->main_head);
  branch_manifest = manifest_at (repo, self->branch_head);
  assess_all (self, main_manifest, branch_manifest);
  return g_steal_pointer (&self);
}

guint
pdn_curriculum_comparison_count_removed (PdnCurriculumComparison *self)
{
  guint removed = 0;

  for (guint i = 0; i < self->impacts->len; i++)
    removed += ((PdnNonNegotiableImpact *) g_ptr_array_index (self->impacts, i))->removed;
  return removed;
}
