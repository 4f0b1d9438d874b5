/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-teacher-led-json.h"
#include "pdn-teacher-led-leaders.h"
#include "pdn-teacher-led-routes.h"

/* Coordinators record who leads courses: a teacher-leader is selected,
 * then trained on a date, and only then may facilitate course sessions.
 * The records say when people were selected and trained, which is staff
 * business, so only the program's coordinators see them. */

static gboolean
check_coordinator (const PdnCaller *caller, GError **error)
{
  if (caller->may_edit_program)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL,
                       _("Only the program's coordinators may see or record its "
                         "teacher-leaders"));
  return FALSE;
}

static gint64
program_id_of (JsonObject *program)
{
  return pdn_teacher_led_json_id (program, "id");
}

/* The {person_id} of the path. */
static gint64
path_person (GHashTable *query, GError **error)
{
  const gchar *text = query != NULL ? g_hash_table_lookup (query, "person_id") : NULL;
  guint64 value = 0;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return (gint64) value;
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "person_id",
                       _("“%s” is not a person id"), text != NULL ? text : "");
  return 0;
}

/* ---- the body ---- */

static gboolean
body_object (JsonNode *body, JsonObject **object, GError **error)
{
  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      *object = json_node_get_object (body);
      return TRUE;
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                       _("The body must be a JSON object"));
  return FALSE;
}

/* Members other than @allowed are refused, so a typo is not ignored. */
static gboolean
check_members (JsonObject *object, const gchar *const *allowed, GError **error)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, l->data,
                             _("“%s” is not a member of a teacher-leader record"),
                             (const gchar *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* A date member: @value is left alone when absent; null clears it only
 * when @nullable. */
static gboolean
read_date (JsonObject *object, const gchar *name, gboolean nullable, gchar **value,
           GError **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    {
      g_clear_pointer (value, g_free);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_free (*value);
      *value = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name,
                       nullable ? _("“%s” must be a date written YYYY-MM-DD, or null")
                                : _("“%s” must be a date written YYYY-MM-DD"),
                       name);
  return FALSE;
}

static gboolean
read_new_person (JsonObject *object, gint64 *person_id, GError **error)
{
  JsonNode *node = json_object_get_member (object, "person_id");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) > 0)
    {
      *person_id = json_node_get_int (node);
      return TRUE;
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "person_id",
                       _("Say who was selected with “person_id”, a person's id"));
  return FALSE;
}

static gboolean
require_member (JsonObject *object, const gchar *name, GError **error)
{
  if (json_object_has_member (object, name))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name, _("“%s” is required"), name);
  return FALSE;
}

/* ---- handlers ---- */

static JsonNode *
list_leaders (PdnContext *context, const PdnCaller *caller, JsonObject *program, JsonNode *body,
              GHashTable *query, guint *status, gpointer user_data, GError **error)
{
  if (!check_coordinator (caller, error))
    return NULL;
  return pdn_teacher_leader_list (context, program_id_of (program), error);
}

static JsonNode *
add_leader (PdnContext *context, const PdnCaller *caller, JsonObject *program, JsonNode *body,
            GHashTable *query, guint *status, gpointer user_data, GError **error)
{
  static const gchar *const allowed[] = { "person_id", "selected_on", "trained_on", NULL };
  g_auto (PdnTeacherLeader) leader = { 0 };
  JsonObject *object = NULL;

  if (!check_coordinator (caller, error) || !body_object (body, &object, error)
      || !check_members (object, allowed, error) || !read_new_person (object, &leader.person_id, error)
      || !require_member (object, "selected_on", error)
      || !read_date (object, "selected_on", FALSE, &leader.selected_on, error)
      || !read_date (object, "trained_on", TRUE, &leader.trained_on, error))
    return NULL;
  leader.program_id = program_id_of (program);
  leader.recorded_by_account_id = caller->account_id;
  if (!pdn_teacher_leader_insert (context, &leader, error))
    return NULL;
  *status = 201;
  return pdn_teacher_leader_to_json (context, leader.program_id, leader.person_id, error);
}

static JsonNode *
get_leader (PdnContext *context, const PdnCaller *caller, JsonObject *program, JsonNode *body,
            GHashTable *query, guint *status, gpointer user_data, GError **error)
{
  gint64 person_id;

  if (!check_coordinator (caller, error) || (person_id = path_person (query, error)) == 0)
    return NULL;
  return pdn_teacher_leader_to_json (context, program_id_of (program), person_id, error);
}

/* Records the training (or corrects a date). Sessions already saved are
 * not checked again. */
static JsonNode *
change_leader (PdnContext *context, const PdnCaller *caller, JsonObject *program,
               JsonNode *body, GHashTable *query, guint *status, gpointer user_data,
               GError **error)
{
  static const gchar *const allowed[] = { "selected_on", "trained_on", NULL };
  g_auto (PdnTeacherLeader) leader = { 0 };
  JsonObject *object = NULL;
  gint64 person_id;

  if (!check_coordinator (caller, error) || (person_id = path_person (query, error)) == 0
      || !body_object (body, &object, error) || !check_members (object, allowed, error)
      || !pdn_teacher_leader_load (context, program_id_of (program), person_id, &leader, error)
      || !read_date (object, "selected_on", FALSE, &leader.selected_on, error)
      || !read_date (object, "trained_on", TRUE, &leader.trained_on, error)
      || !pdn_teacher_leader_update (context, &leader, error))
    return NULL;
  return pdn_teacher_leader_to_json (context, leader.program_id, person_id, error);
}

/* ---- OpenAPI ---- */

#define DATE_SCHEMA "{\"type\":\"string\",\"format\":\"date\"}"
#define LEADER_SCHEMA                                                                            \
  "{\"type\":\"object\",\"required\":[\"program_id\",\"person_id\",\"name\",\"selected_on\","    \
  "\"trained_on\",\"created_at\",\"updated_at\"],\"properties\":{"                               \
  "\"program_id\":{\"type\":\"integer\"},\"person_id\":{\"type\":\"integer\"},"                 \
  "\"name\":{\"type\":\"string\"},\"selected_on\":" DATE_SCHEMA ","                              \
  "\"trained_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\",\"description\":\"The "   \
  "day of the training; null until trained. Only trained leaders facilitate course sessions "    \
  "on or after that day.\"},"                                                                    \
  "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"                               \
  "\"updated_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}"
#define LEADER_CONTENT "\"content\":{\"application/json\":{\"schema\":" LEADER_SCHEMA "}}"
#define TRAINED_ON_INPUT                                                                         \
  "\"trained_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}"

static const gchar list_operation[]
    = "{\"operationId\":\"listTeacherLeaders\",\"summary\":\"A teacher-led program's "
      "teacher-leaders, by name\",\"description\":\"For the program's coordinators.\","
      "\"tags\":[\"teacher-led\"],\"responses\":{\"200\":{\"description\":\"Every "
      "teacher-leader\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
      "\"required\":[\"items\"],\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
      LEADER_SCHEMA "}}}}}}}}";

static const gchar add_operation[]
    = "{\"operationId\":\"addTeacherLeader\",\"summary\":\"Record a selected "
      "teacher-leader\",\"description\":\"A person of any sector the program selected to lead "
      "courses, with the day of the selection and, once trained, of the training. For the "
      "program's coordinators; a person is recorded once per program (409).\","
      "\"tags\":[\"teacher-led\"],\"requestBody\":{\"required\":true,\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"person_id\",\"selected_on\"],\"properties\":{\"person_id\":{\"type\":"
      "\"integer\",\"minimum\":1},\"selected_on\":" DATE_SCHEMA "," TRAINED_ON_INPUT "}}}}},"
      "\"responses\":{\"201\":{\"description\":\"Recorded\"," LEADER_CONTENT "}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getTeacherLeader\",\"summary\":\"One teacher-leader of a "
      "teacher-led program\",\"tags\":[\"teacher-led\"],\"responses\":{\"200\":{"
      "\"description\":\"The record\"," LEADER_CONTENT "}}}";

static const gchar change_operation[]
    = "{\"operationId\":\"changeTeacherLeader\",\"summary\":\"Record a teacher-leader's "
      "training, or correct a date\",\"description\":\"Sessions already saved are not checked "
      "again.\",\"tags\":[\"teacher-led\"],\"requestBody\":{\"required\":true,\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{\"selected_on\":" DATE_SCHEMA "," TRAINED_ON_INPUT "}}}}},"
      "\"responses\":{\"200\":{\"description\":\"The changed record\"," LEADER_CONTENT "}}}";

void
pdn_teacher_led_routes_add (PdnContext *context)
{
  const PdnRouteFlag write = PDN_ROUTE_FLAG_BODY | PDN_ROUTE_FLAG_WRITE;

  pdn_context_add_route (context, "GET", "teacher-leaders", PDN_ROUTE_FLAG_NONE, list_operation,
                         list_leaders, NULL, NULL);
  pdn_context_add_route (context, "POST", "teacher-leaders", write, add_operation, add_leader,
                         NULL, NULL);
  pdn_context_add_route (context, "GET", "teacher-leaders/{person_id}", PDN_ROUTE_FLAG_NONE,
                         get_operation, get_leader, NULL, NULL);
  pdn_context_add_route (context, "PATCH", "teacher-leaders/{person_id}", write,
                         change_operation, change_leader, NULL, NULL);
}
