/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-connection-limiter.h"

/**
 * PdnConnectionLimiter:
 *
 * Caps concurrent connections. An admitted connection holds its place
 * until the GSocketConnection is finalized, that is until every user of it
 * (libsoup, a worker job, a lingering close) has let go, so the count is
 * the number of sockets really open. Emits notify::count on changes.
 *
 * Multithreading: use from the server thread only.
 */
struct _PdnConnectionLimiter
{
  GObject parent_instance;
  guint max;
  guint count;
  GHashTable *connections; /* weakly referenced GSocketConnection set */
};

G_DEFINE_FINAL_TYPE (PdnConnectionLimiter, pdn_connection_limiter, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connection_finalized (gpointer data, GObject *where_the_object_was);

static void
pdn_connection_limiter_dispose (GObject *object)
{
  PdnConnectionLimiter *self = PDN_CONNECTION_LIMITER (object);
  GHashTableIter iter;
  gpointer connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, &connection, NULL))
    g_object_weak_unref (connection, connection_finalized, self);
  g_hash_table_remove_all (self->connections);
  G_OBJECT_CLASS (pdn_connection_limiter_parent_class)->dispose (object);
}

static void
pdn_connection_limiter_finalize (GObject *object)
{
  PdnConnectionLimiter *self = PDN_CONNECTION_LIMITER (object);

  g_hash_table_unref (self->connections);
  G_OBJECT_CLASS (pdn_connection_limiter_parent_class)->finalize (object);
}

static void
pdn_connection_limiter_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  PdnConnectionLimiter *self = PDN_CONNECTION_LIMITER (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pdn_connection_limiter_class_init (PdnConnectionLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pdn_connection_limiter_dispose;
  object_class->finalize = pdn_connection_limiter_finalize;
  object_class->get_property = pdn_connection_limiter_get_property;
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pdn_connection_limiter_init (PdnConnectionLimiter *self)
{
  self->connections = g_hash_table_new (NULL, NULL);
}

PdnConnectionLimiter *
pdn_connection_limiter_new (guint max_connections)
{
  PdnConnectionLimiter *self = g_object_new (PDN_TYPE_CONNECTION_LIMITER, NULL);

  self->max = max_connections;
  return self;
}

static void
connection_finalized (gpointer data, GObject *where_the_object_was)
{
  PdnConnectionLimiter *self = data;

  g_hash_table_remove (self->connections, where_the_object_was);
  self->count--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/**
 * pdn_connection_limiter_admit:
 *
 * Returns: %TRUE if @connection fits under the cap and now counts, %FALSE
 *   if the caller must turn it away.
 */
gboolean
pdn_connection_limiter_admit (PdnConnectionLimiter *self, GSocketConnection *connection)
{
  if (self->count >= self->max)
    return FALSE;
  g_object_weak_ref (G_OBJECT (connection), connection_finalized, self);
  g_hash_table_add (self->connections, connection);
  self->count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  return TRUE;
}

guint
pdn_connection_limiter_get_count (PdnConnectionLimiter *self)
{
  return self->count;
}

guint
pdn_connection_limiter_get_max (PdnConnectionLimiter *self)
{
  return self->max;
}
