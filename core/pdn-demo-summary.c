/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-demo-summary.h"
#include "pdn-program.h"

G_DEFINE_BOXED_TYPE (PdnDemoSummary, pdn_demo_summary, pdn_demo_summary_copy,
                     pdn_demo_summary_free)

PdnDemoSummary *
pdn_demo_summary_new (void)
{
  PdnDemoSummary *self = g_new0 (PdnDemoSummary, 1);

  self->programs = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

static gpointer
ref_object (gconstpointer object, gpointer user_data)
{
  return g_object_ref ((gpointer) object);
}

PdnDemoSummary *
pdn_demo_summary_copy (const PdnDemoSummary *self)
{
  PdnDemoSummary *copy = g_new (PdnDemoSummary, 1);

  *copy = *self;
  copy->prior_year = g_strdup (self->prior_year);
  copy->last_year = g_strdup (self->last_year);
  copy->current_year = g_strdup (self->current_year);
  copy->programs = g_ptr_array_copy (self->programs, ref_object, NULL);
  g_ptr_array_set_free_func (copy->programs, g_object_unref);
  return copy;
}

void
pdn_demo_summary_free (PdnDemoSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->prior_year);
  g_free (self->last_year);
  g_free (self->current_year);
  g_ptr_array_unref (self->programs);
  g_free (self);
}

gint64
pdn_demo_summary_find_program (const PdnDemoSummary *self, const gchar *type,
                               const gchar *school_year)
{
  for (guint i = 0; i < self->programs->len; i++)
    {
      PdnProgram *program = g_ptr_array_index (self->programs, i);

      if (g_strcmp0 (program->type, type) == 0
          && g_strcmp0 (program->school_year, school_year) == 0)
        return program->id;
    }
  return 0;
}
