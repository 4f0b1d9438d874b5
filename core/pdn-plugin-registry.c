/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-context-private.h"
#include "pdn-json-schema.h"
#include "pdn-plugin-migrations.h"
#include "pdn-plugin-private.h"
#include "pdn-plugin-registry.h"
#include "pdn-plugin-runner.h"

/**
 * PdnPluginRegistry:
 *
 * The plugins this process loaded, and which program types and analyses
 * they provide. A module is checked in the order gnome-software and fwupd
 * use: the API version symbol before anything else, then the type symbol,
 * then g_type_is_a(); it is made resident, so its types outlive any
 * unload. Its setup() and migrations then run; a failure at any step
 * skips the plugin, logged, and the daemon goes on.
 *
 * Multithreading: loading happens at start, on one thread; afterwards the
 * registry is only read, from any thread.
 */
struct _PdnPluginRegistry
{
  GObject parent_instance;
  GPtrArray *plugins;          /* PdnPlugin */
  GPtrArray *failures;         /* gchar* */
  GHashTable *program_types;   /* type id -> PdnPlugin (borrowed) */
  GHashTable *type_describes;  /* type id -> JsonObject */
  GHashTable *analyses;        /* analysis id -> PdnPlugin (borrowed) */
  GHashTable *analysis_describes;
  gboolean shut_down;
};

G_DEFINE_FINAL_TYPE (PdnPluginRegistry, pdn_plugin_registry, G_TYPE_OBJECT)

static void
pdn_plugin_registry_finalize (GObject *object)
{
  PdnPluginRegistry *self = PDN_PLUGIN_REGISTRY (object);

  g_hash_table_unref (self->program_types);
  g_hash_table_unref (self->type_describes);
  g_hash_table_unref (self->analyses);
  g_hash_table_unref (self->analysis_describes);
  g_ptr_array_unref (self->plugins);
  g_ptr_array_unref (self->failures);
  G_OBJECT_CLASS (pdn_plugin_registry_parent_class)->finalize (object);
}

static void
pdn_plugin_registry_class_init (PdnPluginRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_plugin_registry_finalize;
}

static void
pdn_plugin_registry_init (PdnPluginRegistry *self)
{
  self->plugins = g_ptr_array_new_with_free_func (g_object_unref);
  self->failures = g_ptr_array_new_with_free_func (g_free);
  self->program_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->type_describes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);
  self->analyses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->analysis_describes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) json_object_unref);
}

PdnPluginRegistry *
pdn_plugin_registry_new (void)
{
  return g_object_new (PDN_TYPE_PLUGIN_REGISTRY, NULL);
}

PdnPluginRegistry *
pdn_plugin_registry_get_default (void)
{
  static PdnPluginRegistry *registry;

  if (g_once_init_enter (&registry))
    g_once_init_leave (&registry, pdn_plugin_registry_new ());
  return registry;
}

gchar **
pdn_plugin_registry_find_dirs (const gchar *const *extra)
{
  g_autoptr (GStrvBuilder) dirs = g_strv_builder_new ();
  const gchar *env = g_getenv ("PDNET_PLUGIN_DIR");
  gboolean any = FALSE;

  for (guint i = 0; extra != NULL && extra[i] != NULL; i++, any = TRUE)
    g_strv_builder_add (dirs, extra[i]);
  if (env != NULL && *env != '\0')
    {
      g_auto (GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          {
            g_strv_builder_add (dirs, parts[i]);
            any = TRUE;
          }
    }
  if (!any)
    g_strv_builder_add (dirs, PDN_PLUGIN_DIR);
  return g_strv_builder_end (dirs);
}

/* ---- loading one module ---- */

static gboolean
refuse (GError **error, const gchar *path, const gchar *why)
{
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s: %s", path, why);
  return FALSE;
}

/* The API version symbol first: an old module's other symbols may not
 * mean what this core thinks. */
static GType
query_module (GModule *module, const gchar *path, GError **error)
{
  guint (*query_api_version) (void) = NULL;
  GType (*query_type) (void) = NULL;
  GType type;

  if (!g_module_symbol (module, "pdn_plugin_query_api_version", (gpointer *) &query_api_version)
      || query_api_version == NULL)
    return refuse (error, path, "no pdn_plugin_query_api_version symbol"), G_TYPE_INVALID;
  if (query_api_version () != PDN_PLUGIN_API_VERSION)
    {
      g_autofree gchar *why = g_strdup_printf ("plugin API version %u, but this pdnet has %u",
                                               query_api_version (), PDN_PLUGIN_API_VERSION);
      return refuse (error, path, why), G_TYPE_INVALID;
    }
  if (!g_module_symbol (module, "pdn_plugin_query_type", (gpointer *) &query_type)
      || query_type == NULL)
    return refuse (error, path, "no pdn_plugin_query_type symbol"), G_TYPE_INVALID;
  g_module_make_resident (module);
  type = query_type ();
  if (!g_type_is_a (type, PDN_TYPE_PLUGIN) || G_TYPE_IS_ABSTRACT (type))
    return refuse (error, path, "pdn_plugin_query_type() is not a PdnPlugin"), G_TYPE_INVALID;
  return type;
}

static gboolean
id_is_valid (const gchar *id)
{
  if (id == NULL || !g_ascii_islower (id[0]) || strlen (id) > 40)
    return FALSE;
  for (const gchar *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_disabled (GKeyFile *config, const gchar *id)
{
  g_auto (GStrv) disabled = NULL;

  if (config == NULL)
    return FALSE;
  disabled = g_key_file_get_string_list (config, "plugins", "disabled", NULL, NULL);
  return disabled != NULL && g_strv_contains ((const gchar *const *) disabled, id);
}

static GHashTable *
plugin_settings (GKeyFile *config, const gchar *id)
{
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gchar *group = g_strdup_printf ("plugin:%s", id);
  g_auto (GStrv) keys = NULL;

  if (config != NULL)
    keys = g_key_file_get_keys (config, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_hash_table_insert (settings, g_strdup (keys[i]),
                         g_key_file_get_string (config, group, keys[i], NULL));
  return settings;
}

/* An analysis's parameters must be a schema the core can enforce (see
 * pdn-json-schema.h); none means it takes none. */
static gboolean
check_analysis_parameters (PdnPlugin *plugin, JsonObject *analysis, GError **error)
{
  JsonNode *parameters = json_object_get_member (analysis, "parameters");
  g_autoptr (GError) local_error = NULL;

  if (parameters == NULL)
    {
      JsonObject *empty = json_object_new ();

      json_object_set_string_member (empty, "type", "object");
      json_object_set_object_member (empty, "properties", json_object_new ());
      json_object_set_boolean_member (empty, "additionalProperties", FALSE);
      json_object_set_object_member (analysis, "parameters", empty);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (parameters)
      && pdn_json_schema_check (json_node_get_object (parameters), &local_error))
    return TRUE;
  return refuse (error, pdn_plugin_get_id (plugin),
                 local_error != NULL ? local_error->message : "\"parameters\" is not an object");
}

/* A program type's settings_schema, when it gives one, must be a schema
 * the core can enforce: the core checks settings against it. */
static gboolean
check_settings_schema (PdnPlugin *plugin, JsonObject *type, GError **error)
{
  JsonNode *schema = json_object_get_member (type, "settings_schema");
  g_autoptr (GError) local_error = NULL;

  if (schema == NULL
      || (JSON_NODE_HOLDS_OBJECT (schema)
          && pdn_json_schema_check (json_node_get_object (schema), &local_error)))
    return TRUE;
  return refuse (error, pdn_plugin_get_id (plugin),
                 local_error != NULL ? local_error->message
                                     : "\"settings_schema\" is not an object");
}

/* What a plugin provides, by the ids its descriptions give. */
static gboolean
index_plugin (PdnPluginRegistry *self, PdnPlugin *plugin, GError **error)
{
  g_autoptr (JsonObject) type = NULL;
  g_autoptr (JsonObject) analysis = NULL;

  if (PDN_IS_PROGRAM_TYPE (plugin))
    {
      const gchar *id;

      if ((type = pdn_plugin_runner_describe_program_type (plugin, error)) == NULL
          || !check_settings_schema (plugin, type, error))
        return FALSE;
      id = json_object_get_string_member (type, "id");
      if (g_hash_table_contains (self->program_types, id))
        return refuse (error, pdn_plugin_get_id (plugin), "its program type is loaded already");
      g_hash_table_insert (self->program_types, g_strdup (id), plugin);
      g_hash_table_insert (self->type_describes, g_strdup (id), g_steal_pointer (&type));
    }
  if (PDN_IS_ANALYSIS (plugin))
    {
      const gchar *id;

      if ((analysis = pdn_plugin_runner_describe_analysis (plugin, error)) == NULL
          || !check_analysis_parameters (plugin, analysis, error))
        return FALSE;
      id = json_object_get_string_member (analysis, "id");
      if (g_hash_table_contains (self->analyses, id))
        return refuse (error, pdn_plugin_get_id (plugin), "its analysis is loaded already");
      g_hash_table_insert (self->analyses, g_strdup (id), plugin);
      g_hash_table_insert (self->analysis_describes, g_strdup (id), g_steal_pointer (&analysis));
    }
  return TRUE;
}

static PdnPlugin *
find_plugin (PdnPluginRegistry *self, const gchar *id)
{
  for (guint i = 0; i < self->plugins->len; i++)
    if (g_str_equal (pdn_plugin_get_id (g_ptr_array_index (self->plugins, i)), id))
      return g_ptr_array_index (self->plugins, i);
  return NULL;
}

static gboolean
start_plugin (PdnPluginRegistry *self, PdnPlugin *plugin, PdnStore *store, GKeyFile *config,
              GError **error)
{
  const gchar *id = pdn_plugin_get_id (plugin);
  g_autoptr (GHashTable) settings = plugin_settings (config, id);
  g_autoptr (PdnContext) context = pdn_context_new (id, store, settings);

  pdn_plugin_set_context (plugin, context);
  return pdn_plugin_runner_setup (plugin, context, error)
         && pdn_plugin_migrations_apply (store, context, error)
         && index_plugin (self, plugin, error);
}

PdnPlugin *
pdn_plugin_registry_load_module (PdnPluginRegistry *self, const gchar *path, PdnStore *store,
                                 GKeyFile *config, GError **error)
{
  GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  g_autoptr (PdnPlugin) plugin = NULL;
  const gchar *id;
  GType type;

  if (module == NULL)
    return refuse (error, path, g_module_error ()), NULL;
  type = query_module (module, path, error);
  if (type == G_TYPE_INVALID)
    {
      g_module_close (module);
      return NULL;
    }
  plugin = g_object_new (type, NULL);
  id = pdn_plugin_get_id (plugin);
  if (!id_is_valid (id))
    return refuse (error, path, "its id is not lowercase letters, digits and -"), NULL;
  if (is_disabled (config, id))
    return refuse (error, path, "disabled in the configuration ([plugins] disabled)"), NULL;
  if (find_plugin (self, id) != NULL)
    return refuse (error, path, "a plugin with this id is loaded already"), NULL;
  if (!start_plugin (self, plugin, store, config, error))
    return NULL;
  g_ptr_array_add (self->plugins, g_object_ref (plugin));
  g_debug ("loaded plugin %s %s from %s", id, pdn_plugin_get_version (plugin), path);
  return plugin;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

static void
load_dir (PdnPluginRegistry *self, const gchar *dir, PdnStore *store, GKeyFile *config)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const gchar *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, "." G_MODULE_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  /* The same order on every start. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree gchar *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr (GError) error = NULL;

      if (pdn_plugin_registry_load_module (self, path, store, config, &error) != NULL)
        continue;
      g_message ("plugin not loaded: %s", error->message);
      g_ptr_array_add (self->failures, g_strdup (error->message));
    }
}

void
pdn_plugin_registry_load_dirs (PdnPluginRegistry *self, const gchar *const *dirs,
                               PdnStore *store, GKeyFile *config)
{
  for (guint i = 0; dirs != NULL && dirs[i] != NULL; i++)
    load_dir (self, dirs[i], store, config);
}

GPtrArray *
pdn_plugin_registry_get_plugins (PdnPluginRegistry *self)
{
  return self->plugins;
}

GPtrArray *
pdn_plugin_registry_get_failures (PdnPluginRegistry *self)
{
  return self->failures;
}

PdnPlugin *
pdn_plugin_registry_find_program_type (PdnPluginRegistry *self, const gchar *type_id)
{
  return type_id != NULL ? g_hash_table_lookup (self->program_types, type_id) : NULL;
}

JsonObject *
pdn_plugin_registry_describe_program_type (PdnPluginRegistry *self, const gchar *type_id)
{
  return type_id != NULL ? g_hash_table_lookup (self->type_describes, type_id) : NULL;
}

GPtrArray *
pdn_plugin_registry_list_program_types (PdnPluginRegistry *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->program_types);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_names);
  return ids;
}

PdnPlugin *
pdn_plugin_registry_find_analysis (PdnPluginRegistry *self, const gchar *id)
{
  return id != NULL ? g_hash_table_lookup (self->analyses, id) : NULL;
}

JsonObject *
pdn_plugin_registry_describe_analysis (PdnPluginRegistry *self, const gchar *id)
{
  return id != NULL ? g_hash_table_lookup (self->analysis_describes, id) : NULL;
}

GPtrArray *
pdn_plugin_registry_list_analyses (PdnPluginRegistry *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->analyses);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_names);
  return ids;
}

void
pdn_plugin_registry_shutdown (PdnPluginRegistry *self)
{
  if (self->shut_down)
    return;
  self->shut_down = TRUE;
  for (guint i = 0; i < self->plugins->len; i++)
    pdn_plugin_runner_shutdown (g_ptr_array_index (self->plugins, i));
}
