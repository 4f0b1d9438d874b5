/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program type that breaks the rules the runner functions enforce:
 * validate_settings returns FALSE without an error when the settings ask
 * for it, check_registration always does, and compute_credit leaves out
 * "completed". */
#include <pdnet/pdnet.h>

#define TEST_TYPE_MISBEHAVING (test_misbehaving_get_type ())
G_DECLARE_FINAL_TYPE (TestMisbehaving, test_misbehaving, TEST, MISBEHAVING, PdnPlugin)

struct _TestMisbehaving
{
  PdnPlugin parent_instance;
};

static void test_misbehaving_program_type_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMisbehaving, test_misbehaving, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      test_misbehaving_program_type_init))

static JsonNode *
describe (PdnProgramType *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "test-misbehaving");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Misbehaving");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
validate_settings (PdnProgramType *self, PdnContext *context, JsonObject *settings,
                   GError **error)
{
  return !json_object_has_member (settings, "fail_silently");
}

static gboolean
check_registration (PdnProgramType *self, PdnContext *context, JsonObject *program,
                    JsonObject *session, gint64 person_id, GError **error)
{
  return FALSE;
}

static gboolean
compute_credit (PdnProgramType *self, PdnContext *context, JsonObject *program, gint64 person_id,
                JsonObject *credit, GError **error)
{
  json_object_set_string_member (credit, "completed", "maybe");
  return TRUE;
}

static void
test_misbehaving_program_type_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
  iface->validate_settings = validate_settings;
  iface->check_registration = check_registration;
  iface->compute_credit = compute_credit;
}

static void
test_misbehaving_class_init (TestMisbehavingClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "test-misbehaving";
  plugin_class->name = "Misbehaving";
  plugin_class->version = "1";
}

static void
test_misbehaving_init (TestMisbehaving *self)
{
}

PDN_PLUGIN_DEFINE (test_misbehaving_get_type)
