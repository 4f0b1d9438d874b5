/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Reading a program's settings by its type's settings_schema, so a type
 * states each setting's default once, in the schema. The core checks
 * settings against that schema before a program is saved; these read
 * what was saved.
 */

/**
 * pdn_program_settings_parse_schema:
 * @schema: where the parsed schema is kept (a `static JsonObject *`)
 * @text: the schema's JSON text, a constant
 *
 * Parses @text into *@schema the first time, from any thread; the schema
 * lives as long as the process.
 *
 * Returns: (transfer none): *@schema.
 */
JsonObject *pdn_program_settings_parse_schema (JsonObject **schema, const gchar *text);

/**
 * pdn_program_settings_get_number:
 * @schema: a settings_schema
 * @settings: (nullable): a program's settings
 * @name: a property of @schema
 *
 * Returns: the number @settings hold as @name, else the "default" @schema
 *   gives it, else 0.
 */
gdouble pdn_program_settings_get_number (JsonObject *schema, JsonObject *settings,
                                         const gchar *name);

G_END_DECLS
