/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program type whose settings_schema uses a keyword the core cannot
 * enforce: refused at load rather than loaded with a check left out. */
#include <pdnet/pdnet.h>

#define TEST_TYPE_BAD_SCHEMA (test_bad_schema_get_type ())
G_DECLARE_FINAL_TYPE (TestBadSchema, test_bad_schema, TEST, BAD_SCHEMA, PdnPlugin)

struct _TestBadSchema
{
  PdnPlugin parent_instance;
};

static void test_bad_schema_program_type_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestBadSchema, test_bad_schema, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      test_bad_schema_program_type_init))

static JsonNode *
describe (PdnProgramType *self)
{
  return json_from_string ("{\"id\":\"test-bad-schema\",\"name\":\"Bad schema\","
                           "\"settings_schema\":{\"type\":\"object\",\"properties\":{"
                           "\"contact\":{\"type\":\"string\",\"format\":\"email\"}}}}",
                           NULL);
}

static void
test_bad_schema_program_type_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
}

static void
test_bad_schema_class_init (TestBadSchemaClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "test-bad-schema";
  plugin_class->name = "Bad schema";
  plugin_class->version = "1";
}

static void
test_bad_schema_init (TestBadSchema *self)
{
}

PDN_PLUGIN_DEFINE (test_bad_schema_get_type)
