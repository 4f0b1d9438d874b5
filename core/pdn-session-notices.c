/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pdn-notification-sender.h"
#include "pdn-notification.h"
#include "pdn-school.h"
#include "pdn-session-notices.h"
#include "pdn-transaction.h"

/*
 * What the people signed up for a session hear when it changes: a
 * session-cancelled message when it is cancelled, a session-changed one
 * when its time, time zone, place or host school changes (or it is back
 * from cancelled). Capacity, title, facilitators and the rest do not
 * change anyone's plans, so they stay quiet. The messages are queued in
 * the transaction of the change itself.
 */

static void
set_text (JsonObject *object, const gchar *name, const gchar *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_id (JsonObject *object, const gchar *name, gint64 id)
{
  if (id != 0)
    json_object_set_int_member (object, name, id);
  else
    json_object_set_null_member (object, name);
}

/* Records {"old": ..., "new": ...} under @name when the values differ. */
static JsonObject *
add_change (JsonObject *changes, const gchar *name, const gchar *old_value,
            const gchar *new_value)
{
  JsonObject *change;

  if (g_strcmp0 (old_value, new_value) == 0)
    return NULL;
  change = json_object_new ();
  set_text (change, "old", old_value);
  set_text (change, "new", new_value);
  json_object_set_object_member (changes, name, change);
  return change;
}

static gboolean
school_name (PdnStore *store, gint64 school_id, gchar **name, GError **error)
{
  g_autoptr (PdnSchool) school = NULL;

  *name = NULL;
  if (school_id == 0)
    return TRUE;
  school = pdn_school_load (store, school_id, error);
  if (school == NULL)
    return FALSE;
  *name = g_strdup (school->name);
  return TRUE;
}

/* The host school's ids, and its names for the message to show. */
static gboolean
add_host_school_change (PdnStore *store, JsonObject *changes, gint64 old_id, gint64 new_id,
                        GError **error)
{
  g_autofree gchar *old_name = NULL;
  g_autofree gchar *new_name = NULL;
  JsonObject *change;

  if (old_id == new_id)
    return TRUE;
  if (!school_name (store, old_id, &old_name, error)
      || !school_name (store, new_id, &new_name, error))
    return FALSE;
  change = json_object_new ();
  set_id (change, "old", old_id);
  set_id (change, "new", new_id);
  set_text (change, "old_name", old_name);
  set_text (change, "new_name", new_name);
  json_object_set_object_member (changes, "host_school_id", change);
  return TRUE;
}

/**
 * pdn_session_notices_describe:
 *
 * What changed between @before and @after that participants care about,
 * as session-changed's detail: {"changes": {"starts_at": {"old": ...,
 * "new": ...}, "ends_at", "time_zone", "location", "host_school_id" (with
 * "old_name" and "new_name"), "state" (back from cancelled)}}.
 *
 * Returns: (transfer full) (nullable): the detail, or %NULL with @error
 *   unset when nothing of the sort changed
 */
gchar *
pdn_session_notices_describe (PdnStore *store, PdnSession *before, PdnSession *after,
                              GError **error)
{
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) detail = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  add_change (changes, "starts_at", before->starts_at, after->starts_at);
  add_change (changes, "ends_at", before->ends_at, after->ends_at);
  add_change (changes, "time_zone", before->time_zone, after->time_zone);
  add_change (changes, "location", before->location, after->location);
  if (!add_host_school_change (store, changes, before->host_school_id, after->host_school_id,
                               error))
    return NULL;
  if (before->state == PDN_SESSION_STATE_CANCELLED && after->state != before->state)
    add_change (changes, "state", pdn_session_state_to_string (before->state),
                pdn_session_state_to_string (after->state));
  if (json_object_get_size (changes) == 0)
    return NULL;
  json_object_set_object_member (detail, "changes", json_object_ref (changes));
  json_node_set_object (node, detail);
  return json_to_string (node, FALSE);
}

/* One message to each person with an active place (registered or
 * waitlisted) in the session. */
static gboolean
queue_for_participants (PdnStore *store, gint64 session_id, const gchar *kind,
                        const gchar *detail, GError **error)
{
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!pdn_store_load_ids (store,
                           "SELECT person_id FROM registrations WHERE session_id = ? "
                           "AND status IN ('registered', 'waitlisted') ORDER BY id",
                           session_id, people, error))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    if (!pdn_notification_queue (store, g_array_index (people, gint64, i), kind, session_id,
                                 detail, error))
      return FALSE;
  return TRUE;
}

/* A reminder not yet sent would speak of the old time, or of a cancelled
 * session; the scheduler queues a new one when the new time comes near. */
static gboolean
drop_pending_reminders (PdnStore *store, gint64 session_id, GError **error)
{
  return pdn_store_run_id (store,
                           "DELETE FROM notifications WHERE session_id = ? "
                           "AND kind = '" PDN_NOTIFICATION_SESSION_REMINDER "' "
                           "AND sent_at IS NULL AND failed_at IS NULL",
                           session_id, error);
}

static gboolean
queue_notices (PdnStore *store, PdnSession *before, PdnSession *after, GError **error)
{
  g_autofree gchar *detail = NULL;
  g_autoptr (GError) local_error = NULL;

  if (after->state == PDN_SESSION_STATE_CANCELLED)
    return before->state == PDN_SESSION_STATE_CANCELLED
           || (drop_pending_reminders (store, after->id, error)
               && queue_for_participants (store, after->id, PDN_NOTIFICATION_SESSION_CANCELLED,
                                          NULL, error));
  detail = pdn_session_notices_describe (store, before, after, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (detail == NULL)
    return TRUE;
  if (g_strcmp0 (before->starts_at, after->starts_at) != 0
      && !drop_pending_reminders (store, after->id, error))
    return FALSE;
  return queue_for_participants (store, after->id, PDN_NOTIFICATION_SESSION_CHANGED, detail,
                                 error);
}

/**
 * pdn_session_update_and_notify:
 *
 * pdn_session_update(), and in the same transaction a message to everyone
 * signed up when the session is cancelled or changes in a way they care
 * about (see pdn_session_notices_describe()); wakes the sender once it is
 * committed.
 */
gboolean
pdn_session_update_and_notify (PdnSession *session, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnSession) before = NULL;

  if (!pdn_session_validate (session, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || (before = pdn_session_load (store, session->id, error)) == NULL
      || !pdn_session_update (session, store, error)
      || !queue_notices (store, before, session, error) || !pdn_transaction_commit (tx, error))
    return FALSE;
  pdn_notification_sender_wake_default ();
  return TRUE;
}
