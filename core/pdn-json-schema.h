/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The part of JSON Schema analyses describe their parameters with, and
 * program types their settings:
 *
 *   {"type": "object", "properties": {NAME: PROPERTY, ...},
 *    "required": [NAME, ...], "additionalProperties": false}
 *
 * where a PROPERTY has a "type" of "integer", "number", "string",
 * "boolean" or "array" (with "items": {"type", "enum", "minimum",
 * "maximum", "minLength", "maxLength", "pattern"} of one of the other
 * four), and optionally "enum", "minimum" and "maximum" (numbers),
 * "minLength", "maxLength" and "pattern" (strings), "minItems", "maxItems"
 * and "uniqueItems" (arrays), "default", "title" and "description".
 * Members not listed are always refused, as if "additionalProperties" were
 * false. A keyword outside this list makes the schema unusable rather than
 * silently unenforced.
 */

/* Whether @schema stays within that subset, and its defaults obey it. */
gboolean pdn_json_schema_check (JsonObject *schema, GError **error);

/**
 * pdn_json_schema_validate:
 * @schema: a schema that passed pdn_json_schema_check()
 * @parameters: the object to check; absent members with a default get it
 * @path: (nullable): the prefix of field names ("parameters" names a
 *   member "parameters.x"); %NULL names it "x"
 *
 * Refuses members the schema does not list (naming the first, in
 * alphabetical order), checks every member's type, enum and bounds, and
 * requires the required ones: PDN_ERROR_INVALID_INPUT naming the field.
 */
gboolean pdn_json_schema_validate (JsonObject *schema, JsonObject *parameters,
                                   const gchar *path, GError **error);

/**
 * pdn_json_schema_validate_settings:
 * @schema: a program type's settings_schema that passed pdn_json_schema_check()
 * @settings: a program's settings; absent members with a default get it
 *
 * Like pdn_json_schema_validate() with the path "settings" ("settings.x",
 * "settings.x[1]"), except that a null member is refused, not taken as
 * its default: settings are stored as given.
 */
gboolean pdn_json_schema_validate_settings (JsonObject *schema, JsonObject *settings,
                                            GError **error);

/* A deep copy of @node: json_node_copy() shares objects and arrays, and
 * parameters are changed in place while validated. */
JsonNode *pdn_json_schema_copy (JsonNode *node);

/* Returns: (transfer none) (nullable): the schema of property @name. */
JsonObject *pdn_json_schema_get_property (JsonObject *schema, const gchar *name);

/**
 * pdn_json_schema_parse_text:
 *
 * Reads @text (a command line's `name=text`) as the value of property
 * @name: a whole number, a number, true/false, text, or for arrays a
 * comma-separated list of its items' type. Bounds are left to
 * pdn_json_schema_validate().
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with
 *   PDN_ERROR_INVALID_INPUT naming @name (unknown, or not of its type).
 */
JsonNode *pdn_json_schema_parse_text (JsonObject *schema, const gchar *name, const gchar *text,
                                      GError **error);

G_END_DECLS
