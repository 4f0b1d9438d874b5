/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-import.h"
#include "pdn-api-page.h"
#include "pdn-api-people.h"
#include "pdn-api-resource.h"
#include "pdn-person.h"
#include "pdn-school.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-api-people
 *
 * /people: educators, personal data. Who sees whom is pdn-access's rule:
 * admins everyone; coordinators and leads of O the people
 * PDN_ACCESS_PERSON_VISIBLE_SQL lets them see; a teacher only itself. A
 * person the caller may not see answers 404, exactly as an id that does
 * not exist, so ids reveal nothing; one it sees but may not change
 * answers 403.
 *
 * Admins and coordinators create, change and remove people. A coordinator
 * places people only at its organization's schools and leaves their
 * affiliations elsewhere as they are; a teacher may change only its own
 * name (its email is how imports find it).
 */

static JsonNode *
person_to_json (PdnPerson *person)
{
  JsonObject *object = json_object_new ();
  JsonArray *affiliations = json_array_new ();

  json_object_set_int_member (object, "id", person->id);
  json_object_set_string_member (object, "name", person->name);
  json_object_set_string_member (object, "email", person->email);
  json_object_set_string_member (object, "role", pdn_person_role_to_string (person->role));
  for (guint i = 0; i < person->affiliations->len; i++)
    {
      const PdnAffiliation *affiliation = g_ptr_array_index (person->affiliations, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "school_id", affiliation->school_id);
      pdn_api_json_set_text (item, "from", affiliation->starts_on);
      pdn_api_json_set_text (item, "to", affiliation->ends_on);
      json_array_add_object_element (affiliations, item);
    }
  json_object_set_array_member (object, "affiliations", affiliations);
  pdn_api_json_set_text (object, "created_at", person->created_at);
  return pdn_api_json_node (object);
}

/* ---- reading bodies ---- */

static gboolean
read_affiliation (PdnJsonFields *fields, PdnPerson *person, GError **error)
{
  gint64 school_id = 0;
  g_autofree gchar *from = NULL;
  g_autofree gchar *to = NULL;

  if (!pdn_json_fields_get_id (fields, "school_id", FALSE, &school_id, error)
      || !pdn_json_fields_get_string (fields, "from", TRUE, &from, error)
      || !pdn_json_fields_get_string (fields, "to", TRUE, &to, error)
      || !pdn_json_fields_finish (fields, error)
      || !pdn_json_fields_require (fields, "school_id", error))
    return FALSE;
  pdn_person_add_affiliation (person, school_id, from, to);
  return TRUE;
}

/* `school_id` (one affiliation without dates) or `affiliations`; either
 * replaces the person's history. */
static gboolean
read_affiliations (PdnJsonFields *fields, PdnPerson *person, gboolean *shorthand,
                   GError **error)
{
  g_autoptr (GPtrArray) readers = NULL;
  gint64 school_id = 0;

  *shorthand = pdn_json_fields_has (fields, "school_id");
  if (*shorthand && pdn_json_fields_has (fields, "affiliations"))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "affiliations",
                           _("Give either school_id or affiliations, not both"));
      return FALSE;
    }
  if (*shorthand)
    {
      if (!pdn_json_fields_get_id (fields, "school_id", FALSE, &school_id, error))
        return FALSE;
      g_ptr_array_set_size (person->affiliations, 0);
      pdn_person_add_affiliation (person, school_id, NULL, NULL);
      return TRUE;
    }
  readers = pdn_json_fields_get_objects (fields, "affiliations", error);
  if (readers == NULL)
    return FALSE;
  if (!pdn_json_fields_has (fields, "affiliations"))
    return TRUE;
  g_ptr_array_set_size (person->affiliations, 0);
  for (guint i = 0; i < readers->len; i++)
    if (!read_affiliation (g_ptr_array_index (readers, i), person, error))
      return FALSE;
  return TRUE;
}

/* The members of a POST (@creating) or PATCH body, onto @person. */
static gboolean
read_person (JsonNode *body, PdnPerson *person, gboolean creating, gboolean *shorthand,
             GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);
  gint role = (gint) person->role;

  if (fields == NULL || !pdn_json_fields_get_string (fields, "name", FALSE, &person->name, error)
      || !pdn_json_fields_get_string (fields, "email", FALSE, &person->email, error)
      || !pdn_api_json_get_enum (fields, "role", pdn_person_role_names (), &role, error)
      || !read_affiliations (fields, person, shorthand, error)
      || !pdn_json_fields_finish (fields, error))
    return FALSE;
  if (creating
      && (!pdn_json_fields_require (fields, "name", error)
          || !pdn_json_fields_require (fields, "email", error)
          || !pdn_json_fields_require (fields, "role", error)))
    return FALSE;
  person->role = (PdnPersonRole) role;
  return TRUE;
}

/* The model names the shorthand's school "affiliations[0].school_id". */
static void
rename_shorthand_field (GError **error, gboolean shorthand)
{
  const gchar *field = error != NULL ? pdn_error_get_field (*error) : NULL;
  GError *renamed = NULL;

  if (!shorthand || g_strcmp0 (field, "affiliations[0].school_id") != 0)
    return;
  pdn_error_set_field (&renamed, (*error)->code, "school_id", "%s", (*error)->message);
  g_clear_error (error);
  g_propagate_error (error, renamed);
}

/* ---- access ---- */

/* The organization of school @id; 0 when there is no such school (the
 * model reports that). */
static gboolean
school_organization (PdnStore *store, gint64 id, gint64 *organization_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchool) school = pdn_school_load (store, id, &local_error);

  *organization_id = school != NULL ? school->organization_id : 0;
  if (school != NULL || g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
contains_affiliation (GPtrArray *affiliations, const PdnAffiliation *wanted)
{
  for (guint i = 0; i < affiliations->len; i++)
    {
      const PdnAffiliation *a = g_ptr_array_index (affiliations, i);
      if (a->school_id == wanted->school_id && g_strcmp0 (a->starts_on, wanted->starts_on) == 0
          && g_strcmp0 (a->ends_on, wanted->ends_on) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every affiliation of @changed at another organization's school must
 * also be in @kept. */
static gboolean
check_foreign_kept (PdnStore *store, PdnAccount *caller, GPtrArray *changed, GPtrArray *kept,
                    const gchar *list, GError **error)
{
  for (guint i = 0; i < changed->len; i++)
    {
      const PdnAffiliation *affiliation = g_ptr_array_index (changed, i);
      g_autofree gchar *field = NULL;
      gint64 owner = 0;

      if (!school_organization (store, affiliation->school_id, &owner, error))
        return FALSE;
      if (owner == 0 || owner == caller->organization_id
          || contains_affiliation (kept, affiliation))
        continue;
      field = list != NULL ? g_strdup_printf ("%s[%u].school_id", list, i) : NULL;
      pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, field,
                           _("Only an administrator or a coordinator of school %lld's "
                             "organization may add or remove affiliations there"),
                           (long long) affiliation->school_id);
      return FALSE;
    }
  return TRUE;
}

/* A coordinator adds and removes affiliations only at its own
 * organization's schools: those elsewhere stay exactly as they were. */
static gboolean
check_affiliation_change (PdnStore *store, PdnAccount *caller, GPtrArray *before,
                          GPtrArray *after, GError **error)
{
  if (caller->role != PDN_LOGIN_ROLE_COORDINATOR)
    return TRUE;
  return check_foreign_kept (store, caller, after, before, "affiliations", error)
         && check_foreign_kept (store, caller, before, after, NULL, error);
}

/* A coordinator's new person is at one of its schools, and only there. */
static gboolean
check_new_person (PdnStore *store, PdnAccount *caller, PdnPerson *person, GError **error)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();

  if (caller->role != PDN_LOGIN_ROLE_COORDINATOR)
    return TRUE;
  if (person->affiliations->len == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, "school_id",
                           _("A coordinator adds people at its organization's schools: give "
                             "school_id or affiliations"));
      return FALSE;
    }
  return check_foreign_kept (store, caller, person->affiliations, none, "affiliations", error);
}

/* Admins and coordinators; others are refused before their body is read. */
static PdnAccount *
require_people_editor (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);

  if (caller == NULL)
    return NULL;
  if (caller->role == PDN_LOGIN_ROLE_ADMIN || caller->role == PDN_LOGIN_ROLE_COORDINATOR)
    return g_steal_pointer (&caller);
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL,
                       _("Only administrators and coordinators may add or remove people"));
  return NULL;
}

/* The person at the path, if the caller may see them: a person hidden from
 * the caller is "not found", as a missing one is. */
static PdnPerson *
load_visible (PdnRequest *request, PdnStore *store, PdnAccount *caller, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnPerson) person = NULL;
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  person = pdn_person_load (store, id, error);
  if (person == NULL)
    return NULL;
  if (pdn_access_check_read_person (store, caller, id, &local_error))
    return g_steal_pointer (&person);
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, _("No person has id %lld"),
                         (long long) id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* ---- handlers ---- */

static JsonNode *
load_person_json (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnPerson) person = pdn_person_load (store, id, error);

  return person != NULL ? person_to_json (person) : NULL;
}

static JsonNode *
create_person (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_people_editor (request, store, error);
  g_autoptr (PdnPerson) person = pdn_person_new ();
  gboolean shorthand = FALSE;

  if (caller == NULL
      || !read_person (pdn_request_get_body (request), person, TRUE, &shorthand, error)
      || !check_new_person (store, caller, person, error))
    return NULL;
  if (!pdn_person_insert (person, store, error))
    {
      rename_shorthand_field (error, shorthand);
      return NULL;
    }
  return pdn_api_resource_created (request, "/people", person->id,
                                   load_person_json (store, person->id, error));
}

/* Who the caller may see, as a condition on `people` with its own
 * parameters (bound by bind_visibility()). */
static const gchar *
visibility_sql (PdnAccount *caller)
{
  switch (caller->role)
    {
    case PDN_LOGIN_ROLE_ADMIN:
      return "1 = 1";
    case PDN_LOGIN_ROLE_TEACHER:
      return "people.id = ?";
    case PDN_LOGIN_ROLE_COORDINATOR:
    case PDN_LOGIN_ROLE_LEAD:
      return PDN_ACCESS_PERSON_VISIBLE_SQL;
    default:
      return "1 = 0";
    }
}

static guint
bind_visibility (PdnStatement *stmt, guint index, PdnAccount *caller)
{
  switch (caller->role)
    {
    case PDN_LOGIN_ROLE_TEACHER:
      pdn_statement_bind_int64 (stmt, index, caller->person_id);
      return index + 1;
    case PDN_LOGIN_ROLE_COORDINATOR:
    case PDN_LOGIN_ROLE_LEAD:
      return pdn_access_bind_person_visible (stmt, index, caller->organization_id);
    default:
      return index;
    }
}

typedef struct
{
  gint64 school_id;
  gint role;
  gchar *email_key;
} PeopleFilter;

static gboolean
read_filter (PdnRequest *request, PeopleFilter *filter, GError **error)
{
  const gchar *email = pdn_request_get_query (request, "email");

  if (!pdn_api_query_id (request, "school_id", &filter->school_id, error)
      || !pdn_api_query_enum (request, "role", pdn_person_role_names (), &filter->role, error))
    return FALSE;
  if (email == NULL)
    return TRUE;
  if (!pdn_validate_email (email, "email", error))
    return FALSE;
  filter->email_key = pdn_email_key (email);
  return TRUE;
}

/* Filters and visibility are in the query, so pages hold only what the
 * caller may see. */
static GArray *
select_ids (PdnStore *store, PdnAccount *caller, PeopleFilter *filter, PdnApiPage *page,
            GError **error)
{
  g_autofree gchar *sql = g_strconcat (
      "SELECT id FROM people WHERE id > ? "
      "AND (? = 0 OR EXISTS (SELECT 1 FROM affiliations f "
      "  WHERE f.person_id = people.id AND f.school_id = ?)) "
      "AND (? IS NULL OR role = ?) AND (? IS NULL OR email_key = ?) AND ",
      visibility_sql (caller), " ORDER BY id LIMIT ?", NULL);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, error);
  const gchar *role = filter->role >= 0 ? pdn_person_role_to_string (filter->role) : NULL;
  guint index;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, page->after);
  pdn_statement_bind_int64 (stmt, 2, filter->school_id);
  pdn_statement_bind_int64 (stmt, 3, filter->school_id);
  pdn_statement_bind_text (stmt, 4, role);
  pdn_statement_bind_text (stmt, 5, role);
  pdn_statement_bind_text (stmt, 6, filter->email_key);
  pdn_statement_bind_text (stmt, 7, filter->email_key);
  index = bind_visibility (stmt, 8, caller);
  pdn_statement_bind_int64 (stmt, index, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

static JsonNode *
list_people (PdnRequest *request, gpointer user_data, GError **error)
{
  static const gchar *const filters[] = { "school_id", "role", "email", NULL };
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (GArray) ids = NULL;
  PeopleFilter filter = { 0, -1, NULL };
  gboolean ok;

  ok = caller != NULL && pdn_api_check_query (request, filters, error)
       && pdn_api_page_init (&page, request, error) && read_filter (request, &filter, error)
       && (ids = select_ids (store, caller, &filter, &page, error)) != NULL;
  g_free (filter.email_key);
  if (!ok)
    return NULL;
  return pdn_api_resource_page (&page, ids, store, load_person_json, error);
}

static JsonNode *
get_person (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnPerson) person = NULL;

  if (caller == NULL)
    return NULL;
  person = load_visible (request, store, caller, error);
  return person != NULL ? person_to_json (person) : NULL;
}

/* A teacher changes its own name only. */
static gboolean
check_teacher_change (PdnAccount *caller, JsonNode *body, GError **error)
{
  g_autoptr (GList) names = NULL;

  if (caller->role != PDN_LOGIN_ROLE_TEACHER)
    return TRUE;
  names = json_object_get_members (json_node_get_object (body));
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "name"))
      {
        pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, l->data,
                             _("A teacher may change only its own name"));
        return FALSE;
      }
  return TRUE;
}

static JsonNode *
patch_person (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  JsonNode *body = pdn_request_get_body (request);
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnPerson) person = NULL;
  g_autoptr (GPtrArray) before = NULL;
  gboolean shorthand = FALSE;

  if (caller == NULL)
    return NULL;
  person = load_visible (request, store, caller, error);
  if (person == NULL || !pdn_access_check_edit_person (store, caller, person->id, error))
    return NULL;
  before = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_affiliation_free);
  for (guint i = 0; i < person->affiliations->len; i++)
    g_ptr_array_add (before, pdn_affiliation_copy (g_ptr_array_index (person->affiliations, i)));
  if (!read_person (body, person, FALSE, &shorthand, error)
      || !check_teacher_change (caller, body, error)
      || !check_affiliation_change (store, caller, before, person->affiliations, error))
    return NULL;
  if (!pdn_person_update (person, store, error))
    {
      rename_shorthand_field (error, shorthand);
      return NULL;
    }
  return load_person_json (store, person->id, error);
}

/* Refused with 409 while an account, registrations or attendance refer
 * to the person. */
static JsonNode *
delete_person (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_people_editor (request, store, error);
  g_autoptr (PdnPerson) person = NULL;

  if (caller == NULL)
    return NULL;
  person = load_visible (request, store, caller, error);
  if (person != NULL && pdn_access_check_replace_person (store, caller, person->id, error))
    pdn_person_delete (store, person->id, error);
  return NULL;
}

static JsonNode *
import_people (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_import_run (request, PDN_STORE (user_data), &pdn_api_import_people, error);
}

/* ---- OpenAPI ---- */

static const gchar affiliation_schema[]
    = "{\"type\":\"object\",\"required\":[\"school_id\"],\"additionalProperties\":false,"
      "\"description\":\"A dated membership in a school; both ends inclusive, null is open\","
      "\"properties\":{"
      "\"school_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"from\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
      "\"to\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}}}";

static const gchar person_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"email\",\"role\",\"affiliations\","
      "\"created_at\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\",\"readOnly\":true},"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"email\":{\"type\":\"string\",\"format\":\"email\","
      "\"description\":\"Unique after case folding\"},"
      "\"role\":{\"$ref\":\"#/components/schemas/PersonRole\"},"
      "\"affiliations\":{\"type\":\"array\",\"description\":\"Oldest first; they never "
      "overlap\",\"items\":{\"$ref\":\"#/components/schemas/Affiliation\"}},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\",\"readOnly\":true}}}";

static const gchar person_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,%s"
      "\"description\":\"school_id (one affiliation without dates) or affiliations, not both; "
      "either replaces the affiliation history\",\"properties\":{"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"email\":{\"type\":\"string\",\"format\":\"email\"},"
      "\"role\":{\"$ref\":\"#/components/schemas/PersonRole\"},"
      "\"school_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"affiliations\":{\"type\":\"array\","
      "\"items\":{\"$ref\":\"#/components/schemas/Affiliation\"}}}}";

#define PERSON_REF "#/components/schemas/Person"
#define JSON_CONTENT(ref) "{\"application/json\":{\"schema\":{\"$ref\":\"" ref "\"}}}"
#define HIDDEN_NOTE                                                                              \
  " A person the caller may not see answers 404, as a missing id does."

static const gchar create_operation[]
    = "{\"operationId\":\"createPerson\",\"summary\":\"Add a person (admins, or coordinators "
      "at their organization's schools)\",\"tags\":[\"people\"],"
      "\"description\":\"409 (field email) when another person has the email.\","
      "\"requestBody\":{\"required\":true,\"content\":"
      JSON_CONTENT ("#/components/schemas/PersonCreate") "},"
      "\"responses\":{\"201\":{\"description\":\"The new person\",\"content\":"
      JSON_CONTENT (PERSON_REF) "}}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listPeople\",\"summary\":\"List the people the caller may see\","
      "\"description\":\"Admins see everyone; coordinators and leads of an organization the "
      "people ever at its schools or in its programs' sessions; a teacher only itself.\","
      "\"tags\":[\"people\"],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"school_id\",\"in\":\"query\",\"description\":\"People ever affiliated with "
      "this school\",\"schema\":{\"type\":\"integer\",\"minimum\":1}},"
      "{\"name\":\"role\",\"in\":\"query\","
      "\"schema\":{\"$ref\":\"#/components/schemas/PersonRole\"}},"
      "{\"name\":\"email\",\"in\":\"query\",\"description\":\"Matched after case folding\","
      "\"schema\":{\"type\":\"string\"}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of people in id order\","
      "\"content\":{\"application/json\":{\"schema\":" PDN_API_PAGE_SCHEMA (PERSON_REF) "}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getPerson\",\"summary\":\"One person\",\"tags\":[\"people\"],"
      "\"description\":\"" HIDDEN_NOTE "\","
      "\"responses\":{\"200\":{\"description\":\"The person\",\"content\":"
      JSON_CONTENT (PERSON_REF) "}}}";

static const gchar patch_operation[]
    = "{\"operationId\":\"updatePerson\",\"summary\":\"Change a person; members left out keep "
      "their values\",\"tags\":[\"people\"],"
      "\"description\":\"Admins; coordinators of the organization the person is at now, who "
      "leave affiliations at other organizations' schools as they are; a teacher its own name "
      "only." HIDDEN_NOTE "\","
      "\"requestBody\":{\"required\":true,\"content\":"
      JSON_CONTENT ("#/components/schemas/PersonUpdate") "},"
      "\"responses\":{\"200\":{\"description\":\"The person as saved\",\"content\":"
      JSON_CONTENT (PERSON_REF) "}}}";

static const gchar delete_operation[]
    = "{\"operationId\":\"deletePerson\",\"summary\":\"Remove a person and their affiliations; "
      "409 while an account, registrations or attendance refer to them\",\"tags\":[\"people\"],"
      "\"description\":\"Admins; a coordinator of the organization the person is at now, "
      "when none of their affiliations is at another organization's schools." HIDDEN_NOTE "\","
      "\"responses\":{\"204\":{\"description\":\"Removed\"}}}";

static const gchar import_operation[]
    = "{\"operationId\":\"importPeople\",\"summary\":\"Import people from CSV, all or "
      "nothing\",\"description\":\"The CSV of `pdnet import people`: columns email, name, role, "
      "school, from, to (one row per affiliation; school by external id or name). Admins "
      "import anyone; a coordinator only people at its organization's schools whom it may "
      "change and who are at no other organization's schools: other rows are row errors.\","
      "\"tags\":[\"people\"]," PDN_API_IMPORT_OPERATION_MEMBERS "}";

static void
add_schemas (PdnRouter *router)
{
  g_autofree gchar *role = pdn_api_json_enum_schema (pdn_person_role_names ());
  g_autofree gchar *create
      = g_strdup_printf (person_input_schema, "\"required\":[\"name\",\"email\",\"role\"],");
  g_autofree gchar *update = g_strdup_printf (person_input_schema, "");

  pdn_router_add_schema (router, "PersonRole", role);
  pdn_router_add_schema (router, "Affiliation", affiliation_schema);
  pdn_router_add_schema (router, "Person", person_schema);
  pdn_router_add_schema (router, "PersonCreate", create);
  pdn_router_add_schema (router, "PersonUpdate", update);
  pdn_api_import_add_schemas (router);
}

/**
 * pdn_api_people_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST/GET /people, GET/PATCH/DELETE /people/{id} and POST
 * /people/import.
 */
void
pdn_api_people_register (PdnRouter *router, PdnStore *store)
{
  add_schemas (router);
  pdn_api_resource_add (router, "POST", "/people", PDN_ROUTE_JSON_BODY, create_operation,
                        create_person, store);
  pdn_api_resource_add (router, "GET", "/people", PDN_ROUTE_DEFAULT, list_operation, list_people,
                        store);
  pdn_api_resource_add (router, "POST", "/people/import", PDN_ROUTE_RAW_BODY | PDN_ROUTE_WORKER,
                        import_operation, import_people, store);
  pdn_api_resource_add (router, "GET", "/people/{id}", PDN_ROUTE_DEFAULT, get_operation, get_person,
                        store);
  pdn_api_resource_add (router, "PATCH", "/people/{id}", PDN_ROUTE_JSON_BODY, patch_operation,
                        patch_person, store);
  pdn_api_resource_add (router, "DELETE", "/people/{id}", PDN_ROUTE_DEFAULT, delete_operation,
                        delete_person, store);
}
