/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-resource.h"
#include "pdn-api-transcripts.h"
#include "pdn-plugin-hooks.h"
#include "pdn-transaction.h"

/* A transcript: what a person earned in each program they took part in,
 * each figure computed by the program's type. The core adds them up. */

#define PROGRAMS_OF_PERSON_SQL                                                                   \
  "SELECT DISTINCT s.program_id FROM sessions s WHERE s.id IN ("                                 \
  "  SELECT session_id FROM registrations WHERE person_id = ? AND status <> 'cancelled'"         \
  "  UNION SELECT session_id FROM attendance WHERE person_id = ?) ORDER BY s.program_id"

static gdouble
number_member (JsonObject *object, const gchar *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (gdouble) json_node_get_int (node);
  return json_node_get_value_type (node) == G_TYPE_DOUBLE ? json_node_get_double (node) : 0;
}

typedef struct
{
  gdouble hours;
  gdouble graduate_credits;
  gint64 completed;
} Totals;

static JsonNode *
program_entry (PdnProgram *program, gint64 person_id, Totals *totals, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonObject) credit = pdn_plugin_hooks_credit (program, person_id, &local_error);
  JsonObject *object = json_object_new ();
  gboolean completed;

  if (local_error != NULL)
    {
      json_object_unref (object);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  json_object_set_int_member (object, "program_id", program->id);
  json_object_set_string_member (object, "name", program->name);
  json_object_set_string_member (object, "type", program->type);
  json_object_set_string_member (object, "school_year", program->school_year);
  json_object_set_boolean_member (object, "available", credit != NULL);
  if (credit == NULL)
    {
      json_object_set_null_member (object, "completed");
      json_object_set_string_member (object, "detail",
                                     _("This program's type is not loaded on this server, so "
                                       "its credit cannot be computed"));
      return pdn_api_json_node (object);
    }
  completed = json_object_get_boolean_member (credit, "completed");
  json_object_set_boolean_member (object, "completed", completed);
  json_object_set_double_member (object, "hours", completed ? number_member (credit, "hours") : 0);
  json_object_set_double_member (object, "graduate_credits",
                                 completed ? number_member (credit, "graduate_credits") : 0);
  pdn_api_json_set_text (object, "detail",
                         json_object_get_string_member_with_default (credit, "detail", NULL));
  totals->completed += completed;
  totals->hours += completed ? number_member (credit, "hours") : 0;
  totals->graduate_credits += completed ? number_member (credit, "graduate_credits") : 0;
  return pdn_api_json_node (object);
}

static JsonArray *
program_entries (PdnStore *store, gint64 person_id, Totals *totals, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, PROGRAMS_OF_PERSON_SQL, error);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (JsonArray) entries = json_array_new ();

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  if ((ids = pdn_api_collect_ids (stmt, error)) == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (PdnProgram) program = pdn_program_load (store, g_array_index (ids, gint64, i),
                                                         error);
      JsonNode *entry = program != NULL ? program_entry (program, person_id, totals, error)
                                        : NULL;
      if (entry == NULL)
        return NULL;
      json_array_add_element (entries, entry);
    }
  return g_steal_pointer (&entries);
}

/* One snapshot: every program's figure from the same data. */
static JsonNode *
transcript (PdnStore *store, gint64 person_id, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_READ, error);
  g_autoptr (JsonArray) entries = NULL;
  Totals totals = { 0 };
  JsonObject *object, *sums;

  if (tx == NULL || (entries = program_entries (store, person_id, &totals, error)) == NULL
      || !pdn_transaction_commit (tx, error))
    return NULL;
  object = json_object_new ();
  sums = json_object_new ();
  json_object_set_int_member (sums, "programs_completed", totals.completed);
  json_object_set_double_member (sums, "hours", totals.hours);
  json_object_set_double_member (sums, "graduate_credits", totals.graduate_credits);
  json_object_set_int_member (object, "person_id", person_id);
  json_object_set_array_member (object, "programs", g_steal_pointer (&entries));
  json_object_set_object_member (object, "totals", sums);
  return pdn_api_json_node (object);
}

static JsonNode *
person_transcript (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  gint64 person_id = 0;

  if (caller == NULL || !pdn_request_get_param_id (request, "id", &person_id, error)
      || !pdn_store_require_row (store, "SELECT COUNT(*) FROM people WHERE id = ?", person_id,
                                 PDN_ERROR_NOT_FOUND, NULL, error, _("No person has id %lld"),
                                 (long long) person_id)
      || !pdn_access_check_read_person (store, caller, person_id, error))
    return NULL;
  return transcript (store, person_id, error);
}

static JsonNode *
my_transcript (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, store, NULL, error);

  return person_id > 0 ? transcript (store, person_id, error) : NULL;
}

static const gchar transcript_schema[]
    = "{\"type\":\"object\",\"required\":[\"person_id\",\"programs\",\"totals\"],"
      "\"properties\":{\"person_id\":{\"type\":\"integer\"},"
      "\"programs\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":["
      "\"program_id\",\"name\",\"type\",\"school_year\",\"available\",\"completed\"],"
      "\"properties\":{\"program_id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
      "\"type\":{\"type\":\"string\"},\"school_year\":{\"type\":\"string\"},"
      "\"available\":{\"type\":\"boolean\",\"description\":\"False when the program's type "
      "is not loaded\"},\"completed\":{\"type\":[\"boolean\",\"null\"]},"
      "\"hours\":{\"type\":\"number\"},\"graduate_credits\":{\"type\":\"number\"},"
      "\"detail\":{\"type\":[\"string\",\"null\"]}}}},"
      "\"totals\":{\"type\":\"object\",\"properties\":{\"programs_completed\":{\"type\":"
      "\"integer\"},\"hours\":{\"type\":\"number\"},\"graduate_credits\":{\"type\":"
      "\"number\"}}}}}";

#define TRANSCRIPT_RESPONSE                                                                      \
  "\"responses\":{\"200\":{\"description\":\"The transcript\",\"content\":{"                     \
  "\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Transcript\"}}}}}"

static const gchar person_operation[]
    = "{\"operationId\":\"getPersonTranscript\",\"summary\":\"A person's credits across "
      "programs\",\"description\":\"Each program's credit is computed by its program type. For "
      "whoever may see the person.\",\"tags\":[\"transcripts\"]," TRANSCRIPT_RESPONSE "}";

static const gchar mine_operation[]
    = "{\"operationId\":\"getMyTranscript\",\"summary\":\"The caller's own credits across "
      "programs\",\"tags\":[\"transcripts\"]," TRANSCRIPT_RESPONSE "}";

void
pdn_api_transcripts_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Transcript", transcript_schema);
  pdn_api_resource_add (router, "GET", "/people/{id}/transcript", PDN_ROUTE_DEFAULT,
                        person_operation, person_transcript, store);
  pdn_api_resource_add (router, "GET", "/me/transcript", PDN_ROUTE_DEFAULT, mine_operation,
                        my_transcript, store);
}
