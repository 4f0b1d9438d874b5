/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A well-behaved program type with a table of its own: loads, migrates,
 * routes, and credits anyone who attended one session. */
#include <pdnet/pdnet.h>

#define TEST_TYPE_PLAIN (test_plain_get_type ())
G_DECLARE_FINAL_TYPE (TestPlain, test_plain, TEST, PLAIN, PdnPlugin)

struct _TestPlain
{
  PdnPlugin parent_instance;
};

static void test_plain_program_type_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPlain, test_plain, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      test_plain_program_type_init))

static JsonNode *
describe (PdnProgramType *self)
{
  g_autoptr (JsonNode) node = json_from_string (
      "{\"id\":\"test-plain\",\"name\":\"Plain\",\"settings_schema\":{\"type\":\"object\"},"
      "\"series_kinds\":[\"plain\"],\"session_kinds\":[\"workshop\"],"
      "\"measurements\":[\"attendance\"]}",
      NULL);

  return g_steal_pointer (&node);
}

static gboolean
compute_credit (PdnProgramType *self, PdnContext *context, JsonObject *program, gint64 person_id,
                JsonObject *credit, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT COUNT(*) FROM attendance a JOIN sessions s ON s.id = a.session_id "
      "WHERE s.program_id = ? AND a.person_id = ? AND a.status <> 'absent'",
      error);

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, json_object_get_int_member (program, "id"));
  pdn_query_bind_int64 (query, 2, person_id);
  if (pdn_query_step (query, error) != PDN_QUERY_ROW)
    return FALSE;
  json_object_set_boolean_member (credit, "completed", pdn_query_column_int64 (query, 0) > 0);
  json_object_set_double_member (credit, "hours", 2);
  return TRUE;
}

/* GET /programs/{id}/notes: the program's notes, from the plugin's table. */
static JsonNode *
list_notes (PdnContext *context, const PdnCaller *caller, JsonObject *program, JsonNode *body,
            GHashTable *query_params, guint *status, gpointer user_data, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context, "SELECT COUNT(*) FROM test_plain_notes WHERE program_id = ?", error);
  JsonObject *object;
  JsonNode *node;

  if (query == NULL)
    return NULL;
  pdn_query_bind_int64 (query, 1, json_object_get_int_member (program, "id"));
  if (pdn_query_step (query, error) != PDN_QUERY_ROW)
    return NULL;
  object = json_object_new ();
  json_object_set_int_member (object, "notes", pdn_query_column_int64 (query, 0));
  json_object_set_boolean_member (object, "may_edit", caller->may_edit_program);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static gboolean
setup (PdnPlugin *plugin, PdnContext *context, GError **error)
{
  pdn_context_add_migration (context, 1,
                             "CREATE TABLE test_plain_notes (id INTEGER PRIMARY KEY, "
                             "program_id INTEGER NOT NULL, text TEXT NOT NULL)");
  pdn_context_add_route (context, "GET", "notes", PDN_ROUTE_FLAG_NONE,
                         "{\"operationId\":\"listTestPlainNotes\",\"summary\":\"Notes\","
                         "\"tags\":[\"test-plain\"],\"responses\":{\"200\":{\"description\":"
                         "\"The count\"}}}",
                         list_notes, NULL, NULL);
  return TRUE;
}

static void
test_plain_program_type_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
  iface->compute_credit = compute_credit;
}

static void
test_plain_class_init (TestPlainClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "test-plain";
  plugin_class->name = "Plain";
  plugin_class->version = "1.0";
  plugin_class->description = "A program type for the loader's tests";
  plugin_class->setup = setup;
}

static void
test_plain_init (TestPlain *self)
{
}

PDN_PLUGIN_DEFINE (test_plain_get_type)
