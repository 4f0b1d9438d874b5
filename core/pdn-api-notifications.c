/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-api-caller.h"
#include "pdn-api-notifications.h"
#include "pdn-api-resource.h"
#include "pdn-notification-text.h"
#include "pdn-notification.h"

/* /me/notifications: the messages sent (or being sent) to the caller's
 * own person, newest first, worded in the request's language. */

static JsonNode *
load_notification (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnNotification) notification = pdn_notification_load (store, id, error);
  g_autoptr (PdnNotificationText) text = NULL;
  JsonObject *object;

  if (notification == NULL
      || (text = pdn_notification_text_render (store, notification, error)) == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_int_member (object, "id", notification->id);
  json_object_set_string_member (object, "kind", notification->kind);
  pdn_api_json_set_id (object, "session_id", notification->session_id);
  json_object_set_string_member (object, "subject", text->subject);
  json_object_set_string_member (object, "body", text->body);
  json_object_set_string_member (object, "created_at", notification->created_at);
  json_object_set_string_member (
      object, "status",
      pdn_notification_status_to_string (pdn_notification_get_status (notification)));
  pdn_api_json_set_text (object, "sent_at", notification->sent_at);
  return pdn_api_json_node (object);
}

/* Newest first: the cursor is the last (oldest) id of a page and the next
 * page holds the ones before it. */
static GArray *
select_page (PdnStore *store, gint64 person_id, PdnApiPage *page, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      page->after != 0 ? "SELECT id FROM notifications WHERE person_id = ? AND id < ? "
                         "ORDER BY id DESC LIMIT ?"
                       : "SELECT id FROM notifications WHERE person_id = ? "
                         "ORDER BY id DESC LIMIT ?",
      error);
  guint index = 1;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, index++, person_id);
  if (page->after != 0)
    pdn_statement_bind_int64 (stmt, index++, page->after);
  pdn_statement_bind_int64 (stmt, index, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

/* The words depend on Accept-Language; say which language they are in. */
static void
set_language_headers (PdnRequest *request)
{
  const gchar *language = pdn_request_get_language (request);

  if (language != NULL)
    pdn_request_set_response_header (request, "Content-Language", language);
  pdn_request_set_response_header (request, "Vary", "Accept-Language");
}

static JsonNode *
list_notifications (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, store, NULL, error);
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (GArray) ids = NULL;

  if (person_id == 0 || !pdn_api_check_query (request, NULL, error)
      || !pdn_api_page_init (&page, request, error))
    return NULL;
  ids = select_page (store, person_id, &page, error);
  if (ids == NULL)
    return NULL;
  set_language_headers (request);
  return pdn_api_resource_page (&page, ids, store, load_notification, error);
}

/* ---- OpenAPI ---- */

static const gchar notification_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"kind\",\"session_id\",\"subject\",\"body\","
      "\"created_at\",\"status\",\"sent_at\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\"},"
      "\"kind\":{\"type\":\"string\",\"description\":\"What happened; more kinds may come\","
      "\"examples\":[\"waitlist-promoted\",\"session-changed\",\"session-cancelled\","
      "\"session-reminder\"]},"
      "\"session_id\":{\"type\":[\"integer\",\"null\"]},"
      "\"subject\":{\"type\":\"string\",\"description\":\"In the request's language\"},"
      "\"body\":{\"type\":\"string\",\"description\":\"Plain text in the request's language; "
      "times in the session's time zone\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
      "\"status\":{\"type\":\"string\",\"enum\":[\"pending\",\"sent\",\"failed\"],"
      "\"description\":\"Delivery by email (or to the outbox directory): pending until "
      "delivered, failed once every attempt has failed\"},"
      "\"sent_at\":{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listMyNotifications\",\"summary\":\"List my notifications, newest "
      "first\",\"description\":\"The messages to the signed-in account's person: waitlist "
      "promotions, session changes and cancellations, reminders the day before. The cursor "
      "leads to older ones. 422 for an account without a person.\","
      "\"tags\":[\"notifications\"],\"parameters\":[" PDN_API_PAGE_PARAMETERS "],"
      "\"responses\":{\"200\":{\"description\":\"A page of notifications\",\"content\":"
      "{\"application/json\":{\"schema\":{\"$ref\":"
      "\"#/components/schemas/NotificationPage\"}}}}}}";

/**
 * pdn_api_notifications_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds GET /me/notifications.
 */
void
pdn_api_notifications_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Notification", notification_schema);
  pdn_router_add_schema (router, "NotificationPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/Notification"));
  pdn_api_resource_add (router, "GET", "/me/notifications", PDN_ROUTE_DEFAULT, list_operation,
                        list_notifications, store);
}
