/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-route.h"

/**
 * PdnRoute:
 *
 * One API endpoint: a method, a path pattern whose `{name}` segments are
 * parameters, the handler, and the OpenAPI Operation Object describing it.
 *
 * Multithreading: immutable after creation.
 */
struct _PdnRoute
{
  GObject parent_instance;
  gchar *method;
  gchar *path;
  gchar **segments;    /* of path, without the leading empty one */
  gchar **param_names; /* in order */
  PdnRouteFlags flags;
  JsonNode *operation;
  PdnRouteHandler handler;
  gpointer user_data;
  GDestroyNotify destroy;
};

G_DEFINE_FINAL_TYPE (PdnRoute, pdn_route, G_TYPE_OBJECT)

static void
pdn_route_finalize (GObject *object)
{
  PdnRoute *self = PDN_ROUTE (object);

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self->method);
  g_free (self->path);
  g_strfreev (self->segments);
  g_strfreev (self->param_names);
  json_node_unref (self->operation);
  G_OBJECT_CLASS (pdn_route_parent_class)->finalize (object);
}

static void
pdn_route_class_init (PdnRouteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_route_finalize;
}

static void
pdn_route_init (PdnRoute *self)
{
}

/* "{name}" with name in [a-z_][a-z0-9_]*: the parameter name, or NULL. */
static gchar *
param_name (const gchar *segment)
{
  gsize length = strlen (segment);

  if (length < 3 || segment[0] != '{' || segment[length - 1] != '}')
    return NULL;
  for (gsize i = 1; i < length - 1; i++)
    {
      gchar c = segment[i];
      if (!(g_ascii_islower (c) || c == '_' || (i > 1 && g_ascii_isdigit (c))))
        return NULL;
    }
  return g_strndup (segment + 1, length - 2);
}

static gboolean
is_literal (const gchar *segment)
{
  if (segment[0] == '\0')
    return FALSE;
  for (const gchar *p = segment; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

/**
 * pdn_route_new:
 * @path: the full path pattern, such as /api/v1/programs/{id}
 * @operation: (transfer none): an OpenAPI Operation Object
 *
 * Returns: (transfer full) (nullable): the route, or %NULL (with a
 *   critical warning) for a malformed pattern: that is a programming error.
 */
PdnRoute *
pdn_route_new (const gchar *method, const gchar *path, PdnRouteFlags flags, JsonNode *operation,
               PdnRouteHandler handler, gpointer user_data, GDestroyNotify destroy)
{
  g_autoptr (PdnRoute) self = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (method != NULL && path != NULL && path[0] == '/', NULL);
  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (operation), NULL);
  g_return_val_if_fail (handler != NULL, NULL);

  self = g_object_new (PDN_TYPE_ROUTE, NULL);
  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->segments = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; self->segments[i] != NULL; i++)
    {
      gchar *name = param_name (self->segments[i]);
      if (name != NULL)
        g_ptr_array_add (names, name);
      else if (!is_literal (self->segments[i]))
        {
          g_critical ("Malformed route pattern %s", path);
          return NULL;
        }
    }
  g_ptr_array_add (names, NULL);
  self->param_names = (gchar **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  self->flags = flags;
  self->operation = json_node_copy (operation);
  self->handler = handler;
  self->user_data = user_data;
  self->destroy = destroy;
  return g_steal_pointer (&self);
}

const gchar *
pdn_route_get_method (PdnRoute *self)
{
  return self->method;
}

const gchar *
pdn_route_get_path (PdnRoute *self)
{
  return self->path;
}

PdnRouteFlags
pdn_route_get_flags (PdnRoute *self)
{
  return self->flags;
}

/* The OpenAPI Operation Object given at creation. */
JsonNode *
pdn_route_get_operation (PdnRoute *self)
{
  return self->operation;
}

const gchar *const *
pdn_route_get_param_names (PdnRoute *self)
{
  return (const gchar *const *) self->param_names;
}

/* Whether the pattern's segment @i is the parameter taking the rest. */
static gboolean
is_tail (PdnRoute *self, guint i)
{
  return (self->flags & PDN_ROUTE_TAIL_PARAM) && self->segments[i + 1] == NULL
         && self->segments[i][0] == '{';
}

/* The raw segments from @i on, joined again with slashes. */
static gchar *
join_tail (const gchar *const *raw_segments, guint i)
{
  return g_strjoinv ("/", (gchar **) raw_segments + i);
}

/**
 * pdn_route_match:
 * @segments: the decoded segments of a request path, without the leading
 *   empty one; "" for a segment that did not decode (it matches nothing
 *   but a %PDN_ROUTE_TAIL_PARAM tail)
 * @raw_segments: the same segments still percent-encoded
 * @params: (out) (optional): the path parameters by name
 *
 * Returns: whether @segments fit the route's pattern (ignoring the method).
 */
gboolean
pdn_route_match (PdnRoute *self, const gchar *const *segments, const gchar *const *raw_segments,
                 GHashTable **params)
{
  g_autoptr (GHashTable) found = NULL;
  gboolean tail = FALSE;
  guint i;

  for (i = 0; self->segments[i] != NULL; i++)
    {
      if (segments[i] == NULL)
        return FALSE;
      if (is_tail (self, i))
        {
          tail = TRUE;
          break;
        }
      if (segments[i][0] == '\0')
        return FALSE;
      if (self->segments[i][0] == '{')
        continue;
      if (strcmp (segments[i], self->segments[i]) != 0)
        return FALSE;
    }
  if (!tail && segments[i] != NULL)
    return FALSE;
  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (i = 0; self->segments[i] != NULL; i++)
    if (self->segments[i][0] == '{')
      {
        gsize length = strlen (self->segments[i]);
        g_hash_table_replace (found, g_strndup (self->segments[i] + 1, length - 2),
                              is_tail (self, i) ? join_tail (raw_segments, i)
                                                : g_strdup (segments[i]));
      }
  if (params != NULL)
    *params = g_steal_pointer (&found);
  return TRUE;
}

/**
 * pdn_route_invoke:
 *
 * Runs the handler. A handler that returns %NULL must set @error unless it
 * means 204 No Content; one that sets @error must return %NULL.
 */
JsonNode *
pdn_route_invoke (PdnRoute *self, PdnRequest *request, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *result = self->handler (request, self->user_data, &local_error);

  if (local_error != NULL)
    {
      if (result != NULL)
        {
          g_critical ("%s %s returned a result and an error", self->method, self->path);
          g_clear_pointer (&result, json_node_unref);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return result;
}
