/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-caller.h"
#include "pdn-api-curricula.h"
#include "pdn-api-json.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-curriculum-access.h"
#include "pdn-curriculum-compare.h"
#include "pdn-json-fields.h"
#include "pdn-organization.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-api-curriculum-branches
 *
 * Releases and adaptations of a curriculum:
 *
 * - POST /curricula/{slug}/releases tags a commit of main (an annotated
 *   tag such as 2017-18, with notes); GET lists them, newest first.
 * - POST /curricula/{slug}/adaptations creates the branch
 *   adaptations/<organization slug> for an organization to adapt.
 * - GET .../adaptations/{org}/compare shows what the adaptation changed
 *   since it left main and which of main's non-negotiables that touches
 *   or removes.
 * - POST .../adaptations/{org}/merge merges it into main (fast-forward or
 *   three-way): improvements flow back to the owner's main line. It
 *   reports the non-negotiables the merge touches or removes; conflicts are
 *   409 with their paths, and nothing is written.
 */

/* ---- releases ---- */

static JsonNode *
tag_to_json (PdnCurriculumTag *tag)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", tag->name);
  json_object_set_string_member (object, "commit", tag->commit);
  pdn_api_json_set_text (object, "tagger", tag->tagger_name);
  pdn_api_json_set_text (object, "date", tag->date);
  pdn_api_json_set_text (object, "notes", tag->notes);
  return pdn_api_json_node (object);
}

static gboolean
read_release (PdnRequest *request, gchar **name, gchar **ref, gchar **notes, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);

  return fields != NULL && pdn_json_fields_require (fields, "name", error)
         && pdn_json_fields_get_string (fields, "name", FALSE, name, error)
         && pdn_json_fields_get_string (fields, "ref", TRUE, ref, error)
         && pdn_json_fields_get_string (fields, "notes", TRUE, notes, error)
         && pdn_json_fields_finish (fields, error)
         && pdn_curriculum_check_ref_name (*name, "name", error);
}

static JsonNode *
create_release (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *name = NULL, *ref = NULL, *notes = NULL, *commit = NULL;
  g_autofree gchar *default_notes = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  PdnCurriculumAuthor tagger;

  if (!read_release (request, &name, &ref, &notes, error)
      || !pdn_curriculum_call_edit (&call, request, user_data, PDN_CURRICULUM_MAIN, error)
      || (commit = pdn_curriculum_call_resolve (&call, ref, "ref", error)) == NULL)
    return NULL;
  default_notes = g_strdup_printf ("Release %s", name);
  if (!pdn_curriculum_call_author (&call, notes != NULL && notes[0] != '\0' ? notes : default_notes,
                                   &tagger, error)
      || !pdn_curriculum_repo_create_tag (call.repo, name, commit, &tagger, error)
      || (tags = pdn_curriculum_repo_list_tags (call.repo, error)) == NULL)
    return NULL;
  pdn_request_set_status (request, 201);
  for (guint i = 0; i < tags->len; i++)
    {
      PdnCurriculumTag *tag = g_ptr_array_index (tags, i);
      if (strcmp (tag->name, name) == 0)
        return tag_to_json (tag);
    }
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "release %s vanished", name);
  return NULL;
}

static JsonNode *
list_releases (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autoptr (GPtrArray) tags = NULL;
  JsonObject *object;
  JsonArray *items;

  if (!pdn_api_check_query (request, NULL, error)
      || !pdn_curriculum_call_read (&call, request, user_data, NULL, error)
      || (tags = pdn_curriculum_repo_list_tags (call.repo, error)) == NULL)
    return NULL;
  object = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < tags->len; i++)
    json_array_add_element (items, tag_to_json (g_ptr_array_index (tags, i)));
  json_object_set_array_member (object, "items", items);
  return pdn_api_json_node (object);
}

/* ---- adaptations ---- */

static gboolean
read_adaptation (PdnRequest *request, gint64 *organization_id, gchar **from, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);

  return fields != NULL && pdn_json_fields_require (fields, "organization_id", error)
         && pdn_json_fields_get_id (fields, "organization_id", FALSE, organization_id, error)
         && pdn_json_fields_get_string (fields, "from", TRUE, from, error)
         && pdn_json_fields_finish (fields, error);
}

static PdnOrganization *
load_adapter (PdnStore *store, gint64 organization_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PdnOrganization *organization = pdn_organization_load (store, organization_id, &local_error);

  if (organization != NULL || !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return organization;
    }
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "organization_id",
                       _("There is no organization %lld"), (long long) organization_id);
  return NULL;
}

static JsonNode *
adaptation_json (PdnOrganization *organization, const gchar *branch, const gchar *commit)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "organization_id", organization->id);
  json_object_set_string_member (object, "organization", organization->slug);
  json_object_set_string_member (object, "branch", branch);
  json_object_set_string_member (object, "commit", commit);
  return pdn_api_json_node (object);
}

/* Any organization's coordinators and leads may adapt any curriculum they
 * can read: the branch is theirs alone. */
static JsonNode *
create_adaptation (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnOrganization) organization = NULL;
  g_autofree gchar *from = NULL, *commit = NULL, *branch = NULL;
  gint64 organization_id = 0;

  caller = pdn_api_require_caller (request, store, error);
  if (caller == NULL || !read_adaptation (request, &organization_id, &from, error)
      || !pdn_curriculum_access_check_act_for (caller, organization_id, "organization_id", error)
      || (organization = load_adapter (store, organization_id, error)) == NULL
      || !pdn_curriculum_call_read (&call, request, store, caller, error)
      || (commit = pdn_curriculum_call_resolve (&call, from, "from", error)) == NULL)
    return NULL;
  branch = pdn_curriculum_access_adaptation_branch (organization->slug);
  if (!pdn_curriculum_repo_create_branch (call.repo, branch, commit, error))
    return NULL;
  pdn_request_set_status (request, 201);
  return adaptation_json (organization, branch, commit);
}

/* adaptations/{org_slug}, which must exist (404 otherwise). */
static gchar *
adaptation_branch (PdnRequest *request, PdnCurriculumCall *call, GError **error)
{
  const gchar *slug = pdn_request_get_param (request, "org_slug");
  g_autofree gchar *branch = NULL;
  g_autofree gchar *head = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!pdn_validate_slug (slug, "org_slug", NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "org_slug",
                           _("This curriculum has no adaptation by “%s”"), slug);
      return NULL;
    }
  branch = pdn_curriculum_access_adaptation_branch (slug);
  head = pdn_curriculum_repo_branch_head (call->repo, branch, &local_error);
  if (head != NULL)
    return g_steal_pointer (&branch);
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "org_slug",
                         _("This curriculum has no adaptation by “%s”"), slug);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static JsonNode *
impacts_to_json (PdnCurriculumComparison *comparison)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < comparison->impacts->len; i++)
    {
      PdnNonNegotiableImpact *impact = g_ptr_array_index (comparison->impacts, i);
      JsonObject *item = json_object_new ();
      JsonArray *touched = json_array_new ();
      JsonArray *deleted = json_array_new ();

      json_object_set_string_member (item, "name", impact->name);
      json_object_set_string_member (item, "effect", impact->removed ? "removes" : "touches");
      for (guint j = 0; j < impact->touched->len; j++)
        json_array_add_string_element (touched, g_ptr_array_index (impact->touched, j));
      for (guint j = 0; j < impact->deleted->len; j++)
        json_array_add_string_element (deleted, g_ptr_array_index (impact->deleted, j));
      json_object_set_array_member (item, "files_changed", touched);
      json_object_set_array_member (item, "files_deleted", deleted);
      json_object_set_boolean_member (item, "dropped_from_manifest", impact->dropped);
      json_array_add_object_element (array, item);
    }
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
compare_adaptation (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *branch = NULL;
  g_autoptr (PdnCurriculumComparison) comparison = NULL;
  JsonObject *object;

  if (!pdn_api_check_query (request, NULL, error)
      || !pdn_curriculum_call_read (&call, request, user_data, NULL, error)
      || (branch = adaptation_branch (request, &call, error)) == NULL
      || (comparison = pdn_curriculum_compare (call.repo, branch, error)) == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_string_member (object, "branch", branch);
  json_object_set_string_member (object, "main", comparison->main_head);
  json_object_set_string_member (object, "head", comparison->branch_head);
  json_object_set_string_member (object, "base", comparison->base);
  json_object_set_member (object, "files", pdn_api_curriculum_diff_files (comparison->diff));
  json_object_set_string_member (object, "patch", comparison->diff->patch);
  json_object_set_member (object, "non_negotiables", impacts_to_json (comparison));
  return pdn_api_json_node (object);
}

static const gchar *
merge_kind_name (PdnCurriculumMergeKind kind)
{
  switch (kind)
    {
    case PDN_CURRICULUM_MERGE_FAST_FORWARD:
      return "fast-forward";
    case PDN_CURRICULUM_MERGE_THREE_WAY:
      return "merge";
    default:
      return "up-to-date";
    }
}

static gboolean
read_merge (PdnRequest *request, gchar **message, GError **error)
{
  JsonNode *body = pdn_request_get_body (request);
  g_autoptr (PdnJsonFields) fields = NULL;

  if (body == NULL)
    return TRUE;
  fields = pdn_json_fields_new (body, NULL, error);
  return fields != NULL && pdn_json_fields_get_string (fields, "message", TRUE, message, error)
         && pdn_json_fields_finish (fields, error);
}

static void
set_conflicts (PdnRequest *request, GPtrArray *conflicts)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < conflicts->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (conflicts, i));
  json_node_take_array (node, array);
  pdn_request_set_problem_member (request, "conflicts", node);
}

/* Only the owner organization merges into its main line. */
static JsonNode *
merge_adaptation (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *branch = NULL, *message = NULL, *default_message = NULL, *commit = NULL;
  g_autoptr (PdnCurriculumComparison) comparison = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  PdnCurriculumMergeKind kind;
  PdnCurriculumAuthor author;
  JsonObject *object;

  if (!read_merge (request, &message, error)
      || !pdn_curriculum_call_edit (&call, request, user_data, PDN_CURRICULUM_MAIN, error)
      || (branch = adaptation_branch (request, &call, error)) == NULL
      || (comparison = pdn_curriculum_compare (call.repo, branch, error)) == NULL)
    return NULL;
  default_message = g_strdup_printf ("Merge %s", branch);
  if (!pdn_curriculum_call_author (&call, message != NULL ? message : default_message, &author,
                                   error))
    return NULL;
  commit = pdn_curriculum_repo_merge (call.repo, branch, PDN_CURRICULUM_MAIN, &author, &kind,
                                      &conflicts, error);
  if (commit == NULL)
    {
      if (conflicts != NULL)
        set_conflicts (request, conflicts);
      return NULL;
    }
  if (!pdn_curriculum_call_main_changed (&call, PDN_CURRICULUM_MAIN, error))
    return NULL;
  object = json_object_new ();
  json_object_set_string_member (object, "commit", commit);
  json_object_set_string_member (object, "kind", merge_kind_name (kind));
  json_object_set_string_member (object, "branch", branch);
  json_object_set_member (object, "non_negotiables", impacts_to_json (comparison));
  json_object_set_int_member (object, "non_negotiables_removed",
                              pdn_curriculum_comparison_count_removed (comparison));
  return pdn_api_json_node (object);
}

/* ---- OpenAPI ---- */

#define COMMIT PDN_API_CURRICULUM_COMMIT_ID

static const gchar release_schema[]
    = "{\"type\":\"object\",\"required\":[\"name\",\"commit\"],\"properties\":{"
      "\"name\":{\"type\":\"string\",\"examples\":[\"2017-18\"]},\"commit\":" COMMIT ","
      "\"tagger\":{\"type\":[\"string\",\"null\"]},\"date\":{\"type\":[\"string\",\"null\"],"
      "\"format\":\"date-time\"},\"notes\":{\"type\":[\"string\",\"null\"]}}}";

static const gchar impact_schema[]
    = "{\"type\":\"object\",\"required\":[\"name\",\"effect\",\"files_changed\","
      "\"files_deleted\",\"dropped_from_manifest\"],\"properties\":{"
      "\"name\":{\"type\":\"string\"},\"effect\":{\"type\":\"string\",\"enum\":[\"touches\","
      "\"removes\"]},\"files_changed\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
      "\"files_deleted\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
      "\"dropped_from_manifest\":{\"type\":\"boolean\"}}}";

static const gchar create_release_operation[]
    = "{\"operationId\":\"createCurriculumRelease\",\"summary\":\"Release a version\","
      "\"description\":\"An annotated tag with notes. The owner organization's coordinators "
      "and leads.\",\"tags\":[\"curricula\"],\"requestBody\":{\"required\":true,\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"},"
      "\"ref\":{\"type\":[\"string\",\"null\"],\"description\":\"main by default\"},"
      "\"notes\":{\"type\":[\"string\",\"null\"]}}}}}},"
      "\"responses\":{\"201\":{\"description\":\"The release\",\"content\":{\"application/json\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/CurriculumRelease\"}}}}}}";

static const gchar list_releases_operation[]
    = "{\"operationId\":\"listCurriculumReleases\",\"summary\":\"List releases, newest first\","
      "\"tags\":[\"curricula\"],\"security\":[{},{\"bearerAuth\":[]}],"
      "\"responses\":{\"200\":{\"description\":\"The releases\",\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"required\":[\"items\"],"
      "\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":"
      "\"#/components/schemas/CurriculumRelease\"}}}}}}}}}";

static const gchar create_adaptation_operation[]
    = "{\"operationId\":\"createCurriculumAdaptation\",\"summary\":\"Start an organization's "
      "adaptation\",\"description\":\"Creates the branch adaptations/ORG-SLUG. The "
      "organization's coordinators and leads.\",\"tags\":[\"curricula\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{"
      "\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"organization_id\"],"
      "\"properties\":{\"organization_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"from\":{\"type\":[\"string\",\"null\"],\"description\":\"The ref to start from; main "
      "by default\"}}}}}},"
      "\"responses\":{\"201\":{\"description\":\"The adaptation's branch\",\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{"
      "\"organization_id\":{\"type\":\"integer\"},\"organization\":{\"type\":\"string\"},"
      "\"branch\":{\"type\":\"string\"},\"commit\":" COMMIT "}}}}}}}";

static const gchar compare_operation[]
    = "{\"operationId\":\"compareCurriculumAdaptation\",\"summary\":\"Compare an adaptation "
      "with main\",\"description\":\"What the adaptation changed since it left main, and which "
      "of main's non-negotiables it touches or removes.\",\"tags\":[\"curricula\"],"
      "\"security\":[{},{\"bearerAuth\":[]}],"
      "\"responses\":{\"200\":{\"description\":\"The comparison\",\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"required\":[\"branch\",\"main\","
      "\"head\",\"base\",\"files\",\"patch\",\"non_negotiables\"],\"properties\":{"
      "\"branch\":{\"type\":\"string\"},\"main\":" COMMIT ",\"head\":" COMMIT ",\"base\":" COMMIT
      ",\"files\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/"
      "CurriculumFileDiff\"}},\"patch\":{\"type\":\"string\"},\"non_negotiables\":{\"type\":"
      "\"array\",\"items\":{\"$ref\":\"#/components/schemas/NonNegotiableImpact\"}}}}}}}}}";

static const gchar merge_operation[]
    = "{\"operationId\":\"mergeCurriculumAdaptation\",\"summary\":\"Merge an adaptation into "
      "main\",\"description\":\"Fast-forward or three-way merge. The owner organization's "
      "coordinators and leads. Conflicts are 409 with their paths in `conflicts`, and nothing "
      "is written.\",\"tags\":[\"curricula\"],"
      "\"requestBody\":{\"required\":false,\"content\":{\"application/json\":{\"schema\":{"
      "\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"message\":{"
      "\"type\":[\"string\",\"null\"]}}}}}},"
      "\"responses\":{\"200\":{\"description\":\"Merged\",\"content\":{\"application/json\":{"
      "\"schema\":{\"type\":\"object\",\"required\":[\"commit\",\"kind\",\"non_negotiables\","
      "\"non_negotiables_removed\"],\"properties\":{\"commit\":" COMMIT ","
      "\"kind\":{\"type\":\"string\",\"enum\":[\"fast-forward\",\"merge\",\"up-to-date\"]},"
      "\"branch\":{\"type\":\"string\"},\"non_negotiables\":{\"type\":\"array\",\"items\":{"
      "\"$ref\":\"#/components/schemas/NonNegotiableImpact\"}},\"non_negotiables_removed\":{"
      "\"type\":\"integer\"}}}}}},"
      "\"409\":{\"description\":\"Conflicts\",\"content\":{\"application/problem+json\":{"
      "\"schema\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Problem\"},{\"type\":\"object\","
      "\"properties\":{\"conflicts\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}]}}}}}}";

/**
 * pdn_api_curriculum_branches_register:
 *
 * Adds releases (POST, GET), adaptations (POST), compare and merge.
 */
void
pdn_api_curriculum_branches_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "CurriculumRelease", release_schema);
  pdn_router_add_schema (router, "NonNegotiableImpact", impact_schema);
  pdn_api_resource_add (router, "POST", "/curricula/{slug}/releases",
                        PDN_ROUTE_JSON_BODY | PDN_ROUTE_WORKER, create_release_operation,
                        create_release, store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}/releases", PDN_ROUTE_WORKER,
                        list_releases_operation, list_releases, store);
  pdn_api_resource_add (router, "POST", "/curricula/{slug}/adaptations",
                        PDN_ROUTE_JSON_BODY | PDN_ROUTE_WORKER, create_adaptation_operation,
                        create_adaptation, store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}/adaptations/{org_slug}/compare",
                        PDN_ROUTE_WORKER, compare_operation, compare_adaptation, store);
  pdn_api_resource_add (router, "POST", "/curricula/{slug}/adaptations/{org_slug}/merge",
                        PDN_ROUTE_WORKER, merge_operation, merge_adaptation, store);
}
