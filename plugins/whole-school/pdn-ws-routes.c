/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-coaching-call.h"
#include "pdn-ws-dates.h"
#include "pdn-ws-db.h"
#include "pdn-ws-enrollment.h"
#include "pdn-ws-fidelity.h"
#include "pdn-ws-fields.h"
#include "pdn-ws-program.h"
#include "pdn-ws-routes.h"

/*
 * The plugin's routes under /api/v1/programs/{id}/: enrollments, coaching
 * calls and fidelity. The core has checked that the program exists, is a
 * whole-school program, and that the caller is signed in.
 */

#define PAGE_DEFAULT 50
#define PAGE_MAX 200

/* ---- query parameters ---- */

static gboolean
check_query (GHashTable *query, const gchar *const *allowed, GError **error)
{
  GHashTableIter iter;
  const gchar *name;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (allowed, name))
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name, _("%s is not a known field"),
                             name);
        return FALSE;
      }
  return TRUE;
}

/* An optional positive id parameter (0 when absent). */
static gboolean
query_id (GHashTable *query, const gchar *name, gint64 *id, GError **error)
{
  const gchar *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 value = 0;

  *id = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name,
                           _("%s must be an id (a positive whole number)"), name);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static gboolean
query_limit (GHashTable *query, guint *limit, GError **error)
{
  const gchar *text = g_hash_table_lookup (query, "limit");
  guint64 value = PAGE_DEFAULT;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, PAGE_MAX, &value, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "limit",
                           _("%s must be from %lld to %lld"), "limit", 1LL, (long long) PAGE_MAX);
      return FALSE;
    }
  *limit = (guint) value;
  return TRUE;
}

/* ---- settings and access ---- */

static PdnWsSettings *
program_settings (JsonObject *program, GError **error)
{
  return pdn_ws_settings_from_program (program, error);
}

static gboolean
on_team (PdnContext *context, JsonObject *program, gint64 school_id, gint64 person_id,
         gboolean *found, GError **error)
{
  gint64 count = 0;

  *found = FALSE;
  if (person_id <= 0)
    return TRUE;
  if (!pdn_ws_db_int (context,
                      "SELECT COUNT(*) FROM whole_school_team_members m"
                      " JOIN whole_school_enrollments e ON e.id = m.enrollment_id"
                      " WHERE e.program_id = ? AND e.school_id = ? AND m.person_id = ?",
                      PDN_WS_IDS (pdn_ws_program_id (program), school_id, person_id), &count,
                      error))
    return FALSE;
  *found = count > 0;
  return TRUE;
}

/* ---- enrollments ---- */

static JsonNode *
post_enrollment (PdnContext *context, const PdnCaller *caller, JsonObject *program,
                 JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
                 GError **error)
{
  static const gchar *const allowed[] = { NULL };
  g_autoptr (PdnWsSettings) settings = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = NULL;
  gboolean exists = FALSE;

  if (!pdn_ws_access_check_edit (caller, error) || !check_query (query, allowed, error)
      || (settings = program_settings (program, error)) == NULL
      || (enrollment = pdn_ws_enrollment_from_json (body, settings, 0, error)) == NULL
      || !pdn_ws_enrollment_exists (context, pdn_ws_program_id (program), enrollment->school_id,
                                    &exists, error))
    return NULL;
  if (exists)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "school_id",
                           _("School %lld is already enrolled in this program; change its "
                             "enrollment with PUT"),
                           (long long) enrollment->school_id);
      return NULL;
    }
  if (!pdn_ws_enrollment_check (enrollment, context, program, settings, error)
      || !pdn_ws_enrollment_insert (enrollment, context, caller->account_id, error))
    return NULL;
  *status = 201;
  return pdn_ws_enrollment_to_json (enrollment);
}

static JsonNode *
put_enrollment (PdnContext *context, const PdnCaller *caller, JsonObject *program,
                JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
                GError **error)
{
  static const gchar *const allowed[] = { "school_id", NULL };
  g_autoptr (PdnWsSettings) settings = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = NULL;
  g_autoptr (PdnWsEnrollment) existing = NULL;
  gint64 school_id = 0;

  if (!pdn_ws_access_check_edit (caller, error) || !check_query (query, allowed, error)
      || !query_id (query, "school_id", &school_id, error)
      || (settings = program_settings (program, error)) == NULL
      || (existing = pdn_ws_enrollment_load (context, pdn_ws_program_id (program), school_id,
                                             error))
             == NULL
      || (enrollment = pdn_ws_enrollment_from_json (body, settings, school_id, error)) == NULL
      || !pdn_ws_enrollment_check (enrollment, context, program, settings, error)
      || !pdn_ws_enrollment_replace (enrollment, context, error))
    return NULL;
  return pdn_ws_enrollment_to_json (enrollment);
}

typedef JsonNode *(*ToJsonFunc) (gpointer item);

static JsonNode *
enrollment_json (gpointer item)
{
  return pdn_ws_enrollment_to_json (item);
}

static JsonNode *
call_json (gpointer item)
{
  return pdn_ws_coaching_call_to_json (item);
}

/* {"items": [...], "next_cursor": "42" or null}, as the core's lists. */
static JsonNode *
list_json (GPtrArray *items, ToJsonFunc to_json, const gchar *next_cursor)
{
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_sized_new (items->len);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, to_json (g_ptr_array_index (items, i)));
  json_object_set_array_member (object, "items", array);
  if (next_cursor != NULL)
    json_object_set_string_member (object, "next_cursor", next_cursor);
  else
    json_object_set_null_member (object, "next_cursor");
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
list_enrollments (PdnContext *context, const PdnCaller *caller, JsonObject *program,
                  JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
                  GError **error)
{
  static const gchar *const allowed[] = { NULL };
  g_autoptr (GPtrArray) enrollments = NULL;

  if (!pdn_ws_access_check_read (caller, program, error) || !check_query (query, allowed, error))
    return NULL;
  enrollments = pdn_ws_enrollment_list (context, pdn_ws_program_id (program), error);
  if (enrollments == NULL)
    return NULL;
  return list_json (enrollments, enrollment_json, NULL);
}

/* Readers of the program, and the school's own team, see one enrollment. */
static JsonNode *
get_enrollment (PdnContext *context, const PdnCaller *caller, JsonObject *program,
                JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
                GError **error)
{
  static const gchar *const allowed[] = { "school_id", NULL };
  g_autoptr (PdnWsEnrollment) enrollment = NULL;
  gint64 school_id = 0;
  gboolean member = FALSE;

  if (!check_query (query, allowed, error) || !query_id (query, "school_id", &school_id, error))
    return NULL;
  if (!pdn_ws_access_may_read (caller, program)
      && (!on_team (context, program, school_id, caller->person_id, &member, error)
          || (!member && !pdn_ws_access_check_read (caller, program, error))))
    return NULL;
  enrollment = pdn_ws_enrollment_load (context, pdn_ws_program_id (program), school_id, error);
  return enrollment != NULL ? pdn_ws_enrollment_to_json (enrollment) : NULL;
}

/* ---- coaching calls ---- */

static JsonNode *
post_coaching_call (PdnContext *context, const PdnCaller *caller, JsonObject *program,
                    JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
                    GError **error)
{
  static const gchar *const allowed[] = { NULL };
  g_autoptr (PdnWsSettings) settings = NULL;
  g_autoptr (PdnWsCoachingCall) call = NULL;

  if (!pdn_ws_access_check_log_calls (caller, program, error)
      || !check_query (query, allowed, error)
      || (settings = program_settings (program, error)) == NULL
      || (call = pdn_ws_coaching_call_from_json (body, settings, caller->person_id, error)) == NULL
      || !pdn_ws_coaching_call_check (call, context, program, error)
      || !pdn_ws_coaching_call_insert (call, context, caller->account_id, error))
    return NULL;
  *status = 201;
  return pdn_ws_coaching_call_to_json (call);
}

static JsonNode *
list_coaching_calls (PdnContext *context, const PdnCaller *caller, JsonObject *program,
                     JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
                     GError **error)
{
  static const gchar *const allowed[] = { "school_id", "limit", "cursor", NULL };
  g_autoptr (GPtrArray) calls = NULL;
  g_autofree gchar *next = NULL;
  gint64 school_id = 0, after = 0;
  guint limit = PAGE_DEFAULT;

  if (!pdn_ws_access_check_read (caller, program, error) || !check_query (query, allowed, error)
      || !query_id (query, "school_id", &school_id, error)
      || !query_id (query, "cursor", &after, error) || !query_limit (query, &limit, error))
    return NULL;
  /* One more than the page says whether there is a next one. */
  calls = pdn_ws_coaching_call_list (context, pdn_ws_program_id (program), school_id, after,
                                     limit + 1, error);
  if (calls == NULL)
    return NULL;
  if (calls->len > limit)
    {
      g_ptr_array_set_size (calls, limit);
      next = g_strdup_printf ("%lld",
                              (long long) ((PdnWsCoachingCall *) g_ptr_array_index (calls,
                                                                                    limit - 1))
                                ->id);
    }
  return list_json (calls, call_json, next);
}

/* ---- fidelity ---- */

static JsonNode *
get_fidelity (PdnContext *context, const PdnCaller *caller, JsonObject *program, JsonNode *body,
              GHashTable *query, guint *status, gpointer user_data, GError **error)
{
  static const gchar *const allowed[] = { "as_of", NULL };
  g_autoptr (PdnWsSettings) settings = NULL;
  g_autofree gchar *as_of = NULL;
  const gchar *text;

  if (!pdn_ws_access_check_read (caller, program, error) || !check_query (query, allowed, error))
    return NULL;
  text = g_hash_table_lookup (query, "as_of");
  if (text != NULL && !pdn_ws_check_date (text, "as_of", error))
    return NULL;
  as_of = text != NULL ? g_strdup (text) : pdn_ws_date_today ();
  settings = program_settings (program, error);
  if (settings == NULL)
    return NULL;
  return pdn_ws_fidelity_compute (context, program, settings, as_of, error);
}

/* ---- OpenAPI ---- */

#define ID_SCHEMA "{\"type\":\"integer\",\"minimum\":1}"
#define DATE_SCHEMA "{\"type\":\"string\",\"format\":\"date\"}"

#define ENROLLMENT_INPUT_PROPERTIES                                                              \
  "\"starts_on\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"When coaching is "  \
  "owed from; today, or the school year's start\"},"                                             \
  "\"readiness\":{\"type\":\"object\",\"additionalProperties\":false,"                           \
  "\"required\":[\"devices_per_student\",\"bandwidth_mbps_per_student\"],\"properties\":{"       \
  "\"devices_per_student\":{\"type\":\"number\",\"minimum\":0,\"maximum\":100},"                 \
  "\"bandwidth_mbps_per_student\":{\"type\":\"number\",\"minimum\":0,\"maximum\":100000}}},"     \
  "\"commitments\":{\"type\":\"array\",\"uniqueItems\":true,\"items\":{\"type\":\"string\"},"    \
  "\"description\":\"The program's core elements the school commits to (all are required)\"},"   \
  "\"team\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":500,\"items\":{\"type\":\"object\"," \
  "\"additionalProperties\":false,\"required\":[\"person_id\"],\"properties\":{"                 \
  "\"person_id\":" ID_SCHEMA ","                                                                 \
  "\"role\":{\"type\":\"string\",\"enum\":[\"leader\",\"teacher\",\"coach\"],\"description\":"  \
  "\"By default from the person's role: school leaders lead, coaches coach\"},"                  \
  "\"grade_level\":{\"type\":\"string\",\"maxLength\":20}}}}"

#define ENROLLMENT_SCHEMA                                                                        \
  "{\"type\":\"object\",\"properties\":{\"program_id\":" ID_SCHEMA ",\"school_id\":" ID_SCHEMA  \
  ",\"school_name\":{\"type\":\"string\"},\"starts_on\":" DATE_SCHEMA ","                        \
  "\"readiness\":{\"type\":\"object\"},\"commitments\":{\"type\":\"array\",\"items\":"           \
  "{\"type\":\"string\"}},\"team\":{\"type\":\"array\",\"items\":{\"type\":\"object\","          \
  "\"properties\":{\"person_id\":" ID_SCHEMA ",\"name\":{\"type\":\"string\"},"                  \
  "\"role\":{\"type\":\"string\"},\"grade_level\":{\"type\":[\"string\",\"null\"]}}}},"          \
  "\"created_at\":{\"type\":\"string\"},\"updated_at\":{\"type\":\"string\"}}}"

#define JSON_RESPONSE(status, description, schema)                                               \
  "\"" status "\":{\"description\":\"" description "\",\"content\":{\"application/json\":"       \
  "{\"schema\":" schema "}}}"

#define LIST_SCHEMA(item)                                                                        \
  "{\"type\":\"object\",\"required\":[\"items\",\"next_cursor\"],\"properties\":{"              \
  "\"items\":{\"type\":\"array\",\"items\":" item "},"                                           \
  "\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}"

#define UNMET_NOTE                                                                               \
  "Every unmet requirement is listed in one 422 problem: its field names each field at fault, " \
  "comma-separated, and its detail has one line per requirement."

static const gchar post_enrollment_operation[]
    = "{\"operationId\":\"wholeSchoolEnroll\",\"summary\":\"Enroll a school in a whole-school "
      "program\",\"description\":\"The program's coordinators. The school needs the program's "
      "readiness (devices and bandwidth per student), a commitment to each core element, and a "
      "team of its school leaders and teachers, each working at the school. " UNMET_NOTE "\","
      "\"tags\":[\"whole-school\"],\"requestBody\":{\"required\":true,\"content\":"
      "{\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"school_id\",\"readiness\",\"commitments\",\"team\"],\"properties\":{"
      "\"school_id\":" ID_SCHEMA "," ENROLLMENT_INPUT_PROPERTIES "}}}}},"
      "\"responses\":{" JSON_RESPONSE ("201", "The enrollment", ENROLLMENT_SCHEMA) "}}";

static const gchar put_enrollment_operation[]
    = "{\"operationId\":\"wholeSchoolReplaceEnrollment\",\"summary\":\"Change a school's "
      "enrollment\",\"description\":\"The program's coordinators; replaces the readiness, "
      "commitments and team, checked as on enrollment. " UNMET_NOTE "\","
      "\"tags\":[\"whole-school\"],\"requestBody\":{\"required\":true,\"content\":"
      "{\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"readiness\",\"commitments\",\"team\"],\"properties\":{"
      ENROLLMENT_INPUT_PROPERTIES "}}}}},"
      "\"responses\":{" JSON_RESPONSE ("200", "The enrollment", ENROLLMENT_SCHEMA) "}}";

static const gchar list_enrollments_operation[]
    = "{\"operationId\":\"wholeSchoolListEnrollments\",\"summary\":\"The schools enrolled in a "
      "whole-school program, by name\",\"description\":\"Coordinators and leads of the "
      "program's organizations. All of them in one page.\",\"tags\":[\"whole-school\"],"
      "\"responses\":{" JSON_RESPONSE ("200", "The enrollments",
                                       LIST_SCHEMA (ENROLLMENT_SCHEMA)) "}}";

static const gchar get_enrollment_operation[]
    = "{\"operationId\":\"wholeSchoolGetEnrollment\",\"summary\":\"One school's enrollment\","
      "\"description\":\"Coordinators and leads of the program's organizations, and the "
      "school's team.\",\"tags\":[\"whole-school\"],"
      "\"responses\":{" JSON_RESPONSE ("200", "The enrollment", ENROLLMENT_SCHEMA) "}}";

#define CALL_SCHEMA                                                                              \
  "{\"type\":\"object\",\"properties\":{\"id\":" ID_SCHEMA ",\"program_id\":" ID_SCHEMA ","     \
  "\"school_id\":" ID_SCHEMA ",\"school_name\":{\"type\":\"string\"},"                           \
  "\"session_id\":{\"type\":[\"integer\",\"null\"]},\"date\":" DATE_SCHEMA ","                   \
  "\"mentor_person_id\":" ID_SCHEMA ",\"mentor_name\":{\"type\":\"string\"},"                    \
  "\"duration_minutes\":{\"type\":\"integer\"},\"notes\":{\"type\":[\"string\",\"null\"]},"      \
  "\"commitments_kept\":{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"string\"}},"        \
  "\"created_at\":{\"type\":\"string\"}}}"

static const gchar post_call_operation[]
    = "{\"operationId\":\"wholeSchoolLogCoachingCall\",\"summary\":\"Log a coaching call with "
      "an enrolled school\",\"description\":\"The program's coordinators and the leads of its "
      "lead organization (the mentors). A call is a coaching-call session of the program with "
      "the school, or a date, within the school year; a session is logged once (409). " UNMET_NOTE "\",\"tags\":[\"whole-school\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"school_id\",\"duration_minutes\"],\"properties\":{"
      "\"school_id\":" ID_SCHEMA ",\"session_id\":" ID_SCHEMA ","
      "\"date\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"Required without "
      "session_id; by default the session's day\"},"
      "\"mentor_person_id\":{\"type\":\"integer\",\"minimum\":1,\"description\":\"By default "
      "the caller's own person\"},"
      "\"duration_minutes\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":600},"
      "\"notes\":{\"type\":\"string\",\"maxLength\":10000},"
      "\"commitments_kept\":{\"type\":\"array\",\"uniqueItems\":true,\"items\":"
      "{\"type\":\"string\"},\"description\":\"The core elements the mentor saw kept; leave it "
      "out when the call did not review them\"}}}}}},"
      "\"responses\":{" JSON_RESPONSE ("201", "The logged call", CALL_SCHEMA) "}}";

static const gchar list_calls_operation[]
    = "{\"operationId\":\"wholeSchoolListCoachingCalls\",\"summary\":\"The program's logged "
      "coaching calls, in the order logged\",\"description\":\"Coordinators and leads of the "
      "program's organizations.\",\"tags\":[\"whole-school\"],\"parameters\":["
      "{\"name\":\"school_id\",\"in\":\"query\",\"schema\":" ID_SCHEMA "},"
      "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,"
      "\"maximum\":200,\"default\":50}},"
      "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
      "\"responses\":{" JSON_RESPONSE ("200", "A page of calls", LIST_SCHEMA (CALL_SCHEMA)) "}}";

static const gchar fidelity_operation[]
    = "{\"operationId\":\"wholeSchoolFidelity\",\"summary\":\"Fidelity of implementation, per "
      "enrolled school\",\"description\":\"Coordinators and leads of the program's "
      "organizations. Per school: coaching calls held against the cadence (calls per month "
      "over the coaching months wholly between the enrollment's start and as_of), the core "
      "elements mentors saw kept, the team's attendance at summer training and regional "
      "convenings, and concerns: coaching-below-cadence, commitments-dropped, "
      "sessions-missed.\",\"tags\":[\"whole-school\"],\"parameters\":["
      "{\"name\":\"as_of\",\"in\":\"query\",\"description\":\"The day to report for; today by "
      "default\",\"schema\":" DATE_SCHEMA "}],"
      "\"responses\":{" JSON_RESPONSE ("200", "Fidelity per school", "{\"type\":\"object\"}") "}}";

/**
 * pdn_ws_routes_register:
 *
 * Adds the plugin's routes to @context; call from setup().
 */
void
pdn_ws_routes_register (PdnContext *context)
{
  pdn_context_add_route (context, "POST", "enrollments",
                         PDN_ROUTE_FLAG_BODY | PDN_ROUTE_FLAG_WRITE, post_enrollment_operation,
                         post_enrollment, NULL, NULL);
  pdn_context_add_route (context, "GET", "enrollments", PDN_ROUTE_FLAG_NONE,
                         list_enrollments_operation, list_enrollments, NULL, NULL);
  pdn_context_add_route (context, "GET", "enrollments/{school_id}", PDN_ROUTE_FLAG_NONE,
                         get_enrollment_operation, get_enrollment, NULL, NULL);
  pdn_context_add_route (context, "PUT", "enrollments/{school_id}",
                         PDN_ROUTE_FLAG_BODY | PDN_ROUTE_FLAG_WRITE, put_enrollment_operation,
                         put_enrollment, NULL, NULL);
  pdn_context_add_route (context, "POST", "coaching-calls",
                         PDN_ROUTE_FLAG_BODY | PDN_ROUTE_FLAG_WRITE, post_call_operation,
                         post_coaching_call, NULL, NULL);
  pdn_context_add_route (context, "GET", "coaching-calls", PDN_ROUTE_FLAG_NONE,
                         list_calls_operation, list_coaching_calls, NULL, NULL);
  pdn_context_add_route (context, "GET", "fidelity", PDN_ROUTE_FLAG_SLOW, fidelity_operation,
                         get_fidelity, NULL, NULL);
}
