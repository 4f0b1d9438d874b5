/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-curriculum-manifest.h"
#include "pdn-curriculum-repo.h"
#include "pdn-json-guard.h"
#include "pdn-validate.h"

/* curriculum.json at the top of every curriculum repository:
 *
 *   {"title": ..., "summary": ..., "owner_organization": "charter-b",
 *    "program_type": ..., "audience": ...,
 *    "non_negotiables": [{"name": "Daily read-aloud",
 *                         "files": ["modules/read-aloud.md"]}]}
 *
 * Read strictly (unknown members are refused) both from request bodies and
 * from the file, so an edit cannot slip in something pdnet ignores. */

static void
non_negotiable_free (PdnNonNegotiable *item)
{
  g_free (item->name);
  g_clear_pointer (&item->files, g_ptr_array_unref);
  g_free (item);
}

PdnCurriculumManifest *
pdn_curriculum_manifest_new (void)
{
  PdnCurriculumManifest *self = g_new0 (PdnCurriculumManifest, 1);

  self->non_negotiables = g_ptr_array_new_with_free_func ((GDestroyNotify) non_negotiable_free);
  return self;
}

void
pdn_curriculum_manifest_free (PdnCurriculumManifest *self)
{
  g_free (self->title);
  g_free (self->summary);
  g_free (self->owner_organization);
  g_free (self->program_type);
  g_free (self->audience);
  g_ptr_array_unref (self->non_negotiables);
  g_free (self);
}

static gboolean
read_non_negotiable (PdnCurriculumManifest *self, PdnJsonFields *fields, GError **error)
{
  PdnNonNegotiable *item = g_new0 (PdnNonNegotiable, 1);

  g_ptr_array_add (self->non_negotiables, item);
  return pdn_json_fields_require (fields, "name", error)
         && pdn_json_fields_get_string (fields, "name", FALSE, &item->name, error)
         && pdn_json_fields_require (fields, "files", error)
         && pdn_json_fields_get_strings (fields, "files", &item->files, error)
         && pdn_json_fields_finish (fields, error);
}

/**
 * pdn_curriculum_manifest_read:
 *
 * Reads the manifest's members present in @fields (it does not finish
 * @fields, so a request body may carry more).
 */
gboolean
pdn_curriculum_manifest_read (PdnCurriculumManifest *self, PdnJsonFields *fields, GError **error)
{
  g_autoptr (GPtrArray) items = NULL;

  if (!pdn_json_fields_get_string (fields, "title", FALSE, &self->title, error)
      || !pdn_json_fields_get_string (fields, "summary", TRUE, &self->summary, error)
      || !pdn_json_fields_get_string (fields, "program_type", TRUE, &self->program_type, error)
      || !pdn_json_fields_get_string (fields, "audience", TRUE, &self->audience, error))
    return FALSE;
  items = pdn_json_fields_get_objects (fields, "non_negotiables", error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!read_non_negotiable (self, g_ptr_array_index (items, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
validate_non_negotiable (PdnCurriculumManifest *self, guint i, GError **error)
{
  PdnNonNegotiable *item = g_ptr_array_index (self->non_negotiables, i);
  g_autofree gchar *name_field = g_strdup_printf ("non_negotiables[%u].name", i);

  if (!pdn_validate_text (item->name, name_field, TRUE, 200, error))
    return FALSE;
  for (guint j = 0; j < i; j++)
    if (strcmp (((PdnNonNegotiable *) g_ptr_array_index (self->non_negotiables, j))->name,
                item->name)
        == 0)
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name_field,
                             _("Two non-negotiables are called “%s”"), item->name);
        return FALSE;
      }
  if (item->files->len == 0)
    {
      g_autofree gchar *field = g_strdup_printf ("non_negotiables[%u].files", i);
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("A non-negotiable names at least one file that carries it"));
      return FALSE;
    }
  for (guint j = 0; j < item->files->len; j++)
    {
      g_autofree gchar *field = g_strdup_printf ("non_negotiables[%u].files[%u]", i, j);
      if (!pdn_curriculum_check_path (g_ptr_array_index (item->files, j), field, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pdn_curriculum_manifest_validate (PdnCurriculumManifest *self, GError **error)
{
  pdn_clear_if_blank (&self->summary);
  pdn_clear_if_blank (&self->program_type);
  pdn_clear_if_blank (&self->audience);
  if (!pdn_validate_text (self->title, "title", TRUE, 200, error)
      || !pdn_validate_text (self->summary, "summary", FALSE, 2000, error)
      || !pdn_validate_text (self->program_type, "program_type", FALSE, 100, error)
      || !pdn_validate_text (self->audience, "audience", FALSE, 200, error))
    return FALSE;
  if (self->non_negotiables->len > 100)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "non_negotiables",
                           _("A curriculum has at most 100 non-negotiables"));
      return FALSE;
    }
  for (guint i = 0; i < self->non_negotiables->len; i++)
    if (!validate_non_negotiable (self, i, error))
      return FALSE;
  return TRUE;
}

/* Errors in the file name it: "curriculum.json: title is required". */
static gboolean
prefix_file (gboolean ok, GError **error)
{
  if (!ok && error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", PDN_CURRICULUM_MANIFEST);
  return ok;
}

/**
 * pdn_curriculum_manifest_parse:
 *
 * Returns: (transfer full) (nullable): the manifest in @bytes, or %NULL
 *   with PDN_ERROR_INVALID_INPUT naming the bad member.
 */
PdnCurriculumManifest *
pdn_curriculum_manifest_parse (GBytes *bytes, GError **error)
{
  g_autoptr (PdnCurriculumManifest) self = pdn_curriculum_manifest_new ();
  gsize length = 0;
  gconstpointer data = g_bytes_get_data (bytes, &length);
  g_autoptr (JsonNode) node = pdn_json_guard_parse (data, length, error);
  g_autoptr (PdnJsonFields) fields = NULL;

  if (node == NULL)
    {
      prefix_file (FALSE, error);
      return NULL;
    }
  fields = pdn_json_fields_new (node, NULL, error);
  if (!prefix_file (fields != NULL
                        && pdn_json_fields_get_string (fields, "owner_organization", TRUE,
                                                       &self->owner_organization, error)
                        && pdn_json_fields_require (fields, "title", error)
                        && pdn_curriculum_manifest_read (self, fields, error)
                        && pdn_json_fields_finish (fields, error)
                        && pdn_curriculum_manifest_validate (self, error),
                    error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
set_text (JsonBuilder *builder, const gchar *name, const gchar *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_non_negotiables (JsonBuilder *builder, GPtrArray *items)
{
  json_builder_set_member_name (builder, "non_negotiables");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      PdnNonNegotiable *item = g_ptr_array_index (items, i);

      json_builder_begin_object (builder);
      set_text (builder, "name", item->name);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      for (guint j = 0; j < item->files->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (item->files, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
pdn_curriculum_manifest_to_json (PdnCurriculumManifest *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  set_text (builder, "title", self->title);
  set_text (builder, "summary", self->summary);
  set_text (builder, "owner_organization", self->owner_organization);
  set_text (builder, "program_type", self->program_type);
  set_text (builder, "audience", self->audience);
  add_non_negotiables (builder, self->non_negotiables);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Pretty-printed with a final newline, as people will read it in git. */
GBytes *
pdn_curriculum_manifest_to_bytes (PdnCurriculumManifest *self)
{
  g_autoptr (JsonNode) node = pdn_curriculum_manifest_to_json (self);
  gchar *text = json_to_string (node, TRUE);
  gchar *with_newline = g_strconcat (text, "\n", NULL);

  g_free (text);
  return g_bytes_new_take (with_newline, strlen (with_newline));
}

PdnNonNegotiable *
pdn_curriculum_manifest_find (PdnCurriculumManifest *self, const gchar *name)
{
  for (guint i = 0; i < self->non_negotiables->len; i++)
    {
      PdnNonNegotiable *item = g_ptr_array_index (self->non_negotiables, i);
      if (strcmp (item->name, name) == 0)
        return item;
    }
  return NULL;
}
