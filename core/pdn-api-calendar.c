/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-calendar.h"
#include "pdn-api-caller.h"
#include "pdn-api-json.h"
#include "pdn-api-page.h"
#include "pdn-calendar-events.h"
#include "pdn-calendar-feed.h"
#include "pdn-calendar.h"

/* iCalendar feeds (RFC 5545) of sessions: the public catalog's, anyone's
 * own (with a bearer token), and the same personal feed at a secret URL
 * for calendar apps, which subscribe to a URL and cannot send headers.
 * Events are named session-ID@HOST, HOST from the public URL, so a
 * session keeps its UID from one fetch to the next. */

#define CALENDAR_TYPE "text/calendar; charset=utf-8"
#define FEED_PATH "/calendar-feeds/"
#define FEED_FILE "/calendar.ics"

/* Each route's user data. */
typedef struct
{
  PdnStore *store;
  gchar *public_url; /* nullable: from the request's Host */
} CalendarRoutes;

static void
calendar_routes_free (gpointer data)
{
  CalendarRoutes *routes = data;

  g_clear_object (&routes->store);
  g_free (routes->public_url);
  g_free (routes);
}

/* A Host header that can go into a URL as is: a name or address and port. */
static gboolean
is_plain_host (const gchar *host)
{
  if (host == NULL || host[0] == '\0' || strlen (host) > 255)
    return FALSE;
  for (const gchar *c = host; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && strchr (".-:[]", *c) == NULL)
      return FALSE;
  return TRUE;
}

/* Where clients reach the API's root: [pdnetd] public-url, else http://
 * and the request's Host, since pdnetd itself speaks plain HTTP (behind a
 * TLS proxy, set public-url). */
static gchar *
public_base (CalendarRoutes *routes, PdnRequest *request, GError **error)
{
  const gchar *host;

  if (routes->public_url != NULL)
    return g_strdup (routes->public_url);
  host = pdn_request_get_header (request, "Host");
  if (!is_plain_host (host))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("The request needs a Host header naming the server"));
      return NULL;
    }
  return g_strconcat ("http://", host, NULL);
}

static gchar *
uid_domain (const gchar *base)
{
  g_autoptr (GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  const gchar *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return g_strdup (host != NULL && host[0] != '\0' ? host : "pdnet");
}

/* Answers with @events as a calendar named @name; always returns NULL
 * (the body is not JSON), with @error set on failure, including when
 * @events is NULL because loading them failed. */
static JsonNode *
respond_calendar (CalendarRoutes *routes, PdnRequest *request, const gchar *name,
                  GPtrArray *events, GError **error)
{
  g_autofree gchar *base = NULL;
  g_autofree gchar *domain = NULL;
  g_autoptr (PdnCalendar) calendar = NULL;

  if (events == NULL || (base = public_base (routes, request, error)) == NULL)
    return NULL;
  domain = uid_domain (base);
  calendar = pdn_calendar_new (name, domain);
  for (guint i = 0; i < events->len; i++)
    if (!pdn_calendar_add_event (calendar, g_ptr_array_index (events, i), error))
      return NULL;
  pdn_request_take_response (request, CALENDAR_TYPE, pdn_calendar_to_bytes (calendar));
  return NULL;
}

/* ---- the public catalog ---- */

static const gchar *const catalog_filters[] = { "program_id", NULL };

/* The program's name; NULL with a 404 naming program_id. */
static gchar *
program_name (PdnStore *store, gint64 program_id, GError **error)
{
  g_autoptr (PdnStatement) stmt
      = pdn_store_prepare_id (store, "SELECT name FROM programs WHERE id = ?", program_id, error);
  PdnStep step;

  if (stmt == NULL || (step = pdn_statement_step (stmt, error)) == PDN_STEP_ERROR)
    return NULL;
  if (step == PDN_STEP_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "program_id",
                           _("No program has id %lld"), (long long) program_id);
      return NULL;
    }
  return pdn_statement_dup_text (stmt, 0);
}

static JsonNode *
get_catalog_calendar (PdnRequest *request, gpointer user_data, GError **error)
{
  CalendarRoutes *routes = user_data;
  g_autoptr (GPtrArray) events = NULL;
  g_autofree gchar *since = pdn_calendar_events_default_since ();
  g_autofree gchar *name = NULL;
  gint64 program_id = 0;

  if (!pdn_api_check_query (request, catalog_filters, error)
      || !pdn_api_query_id (request, "program_id", &program_id, error))
    return NULL;
  if (program_id != 0)
    {
      g_autofree gchar *program = program_name (routes->store, program_id, error);
      if (program == NULL)
        return NULL;
      /* TRANSLATORS: a calendar's name; %s is a program's name */
      name = g_strdup_printf (_("%s (pdnet)"), program);
    }
  else
    /* TRANSLATORS: the name of the calendar of every program's sessions */
    name = g_strdup (_("Professional development sessions (pdnet)"));
  events = pdn_calendar_events_for_catalog (routes->store, program_id, since, error);
  return respond_calendar (routes, request, name, events, error);
}

/* ---- a person's own ---- */

static JsonNode *
respond_person_calendar (CalendarRoutes *routes, PdnRequest *request, gint64 person_id,
                         GError **error)
{
  g_autofree gchar *since = pdn_calendar_events_default_since ();
  g_autoptr (GPtrArray) events
      = pdn_calendar_events_for_person (routes->store, person_id, since, error);

  /* TRANSLATORS: the name of a person's own calendar of sessions */
  return respond_calendar (routes, request, _("My professional development (pdnet)"), events,
                           error);
}

static JsonNode *
get_my_calendar (PdnRequest *request, gpointer user_data, GError **error)
{
  CalendarRoutes *routes = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, routes->store, NULL, error);

  if (person_id == 0 || !pdn_api_check_query (request, NULL, error))
    return NULL;
  return respond_person_calendar (routes, request, person_id, error);
}

/* No token: the secret in the path is the credential. Every wrong secret
 * is the same 404. */
static JsonNode *
get_feed_calendar (PdnRequest *request, gpointer user_data, GError **error)
{
  CalendarRoutes *routes = user_data;
  gint64 person_id = pdn_calendar_feed_find_person (
      routes->store, pdn_request_get_param (request, "secret"), error);

  if (person_id == 0 || !pdn_api_check_query (request, NULL, error))
    return NULL;
  return respond_person_calendar (routes, request, person_id, error);
}

/* ---- the secret feed's address ---- */

static JsonNode *
feed_to_json (CalendarRoutes *routes, PdnRequest *request, PdnCalendarFeed *feed,
              GError **error)
{
  g_autofree gchar *base = public_base (routes, request, error);
  JsonObject *object;
  g_autofree gchar *url = NULL;

  if (base == NULL)
    return NULL;
  url = g_strconcat (base, PDN_API_PREFIX FEED_PATH, feed->secret, FEED_FILE, NULL);
  object = json_object_new ();
  json_object_set_string_member (object, "url", url);
  json_object_set_string_member (object, "created_at", feed->created_at);
  return pdn_api_json_node (object);
}

static JsonNode *
get_feed (PdnRequest *request, gpointer user_data, GError **error)
{
  CalendarRoutes *routes = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, routes->store, NULL, error);
  g_autoptr (PdnCalendarFeed) feed = NULL;

  if (person_id == 0 || !pdn_api_check_query (request, NULL, error)
      || (feed = pdn_calendar_feed_ensure (routes->store, person_id, error)) == NULL)
    return NULL;
  return feed_to_json (routes, request, feed, error);
}

static JsonNode *
rotate_feed (PdnRequest *request, gpointer user_data, GError **error)
{
  CalendarRoutes *routes = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, routes->store, NULL, error);
  g_autoptr (PdnCalendarFeed) feed = NULL;

  if (person_id == 0 || !pdn_api_check_query (request, NULL, error)
      || (feed = pdn_calendar_feed_rotate (routes->store, person_id, error)) == NULL)
    return NULL;
  return feed_to_json (routes, request, feed, error);
}

/* ---- OpenAPI ---- */

#define CALENDAR_RESPONSE(description)                                                           \
  "\"200\":{\"description\":\"" description "\",\"content\":{\"text/calendar\":{\"schema\":"     \
  "{\"type\":\"string\",\"description\":\"An RFC 5545 iCalendar document: one VEVENT per "     \
  "session (UID session-ID@HOST, times with the TZID of the session's IANA time zone and a "    \
  "VTIMEZONE for each zone), cancelled sessions with STATUS:CANCELLED\"}}}}"

#define FEED_RESPONSE(description)                                                               \
  "\"200\":{\"description\":\"" description "\",\"content\":{\"application/json\":{\"schema\":" \
  "{\"$ref\":\"#/components/schemas/CalendarFeed\"}}}}"

static const gchar feed_schema[]
    = "{\"type\":\"object\",\"required\":[\"url\",\"created_at\"],"
      "\"additionalProperties\":false,\"properties\":{"
      "\"url\":{\"type\":\"string\",\"format\":\"uri\",\"description\":\"The personal feed; "
      "anyone with it can read the person's sessions, so keep it private\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"When "
      "this secret was made\"}}}";

static const gchar catalog_operation[]
    = "{\"operationId\":\"getCatalogCalendar\",\"summary\":\"The public catalog's sessions as "
      "an iCalendar feed\",\"description\":\"No sign-in needed. Sessions that ended in the last "
      "90 days and every later one, in start order; cancelled ones with STATUS:CANCELLED so "
      "subscribed calendars drop them.\",\"tags\":[\"catalog\"],\"security\":[],"
      "\"parameters\":[{\"name\":\"program_id\",\"in\":\"query\",\"description\":\"Only this "
      "program's sessions (404 if there is no such program)\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}}],"
      "\"responses\":{" CALENDAR_RESPONSE ("The sessions") "}}";

static const gchar my_calendar_operation[]
    = "{\"operationId\":\"getMyCalendar\",\"summary\":\"The caller's own sessions as an "
      "iCalendar feed\",\"description\":\"Sessions the caller's person is registered for "
      "(STATUS:CONFIRMED), waitlisted or awaiting approval for (STATUS:TENTATIVE, and said so "
      "in the title), and cancelled sessions they had registered for (STATUS:CANCELLED), from "
      "90 days back. 422 for an account with no person.\",\"tags\":[\"calendar\"],"
      "\"responses\":{" CALENDAR_RESPONSE ("The caller's sessions") "}}";

static const gchar get_feed_operation[]
    = "{\"operationId\":\"getMyCalendarFeed\",\"summary\":\"The caller's secret calendar feed "
      "URL\",\"description\":\"For calendar apps that subscribe to a URL and cannot send a "
      "token. Made on first use; the same URL until rotated.\",\"tags\":[\"calendar\"],"
      "\"responses\":{" FEED_RESPONSE ("The feed") "}}";

static const gchar rotate_feed_operation[]
    = "{\"operationId\":\"rotateMyCalendarFeed\",\"summary\":\"Replace the caller's secret "
      "calendar feed URL\",\"description\":\"The old URL stops working at once (404).\","
      "\"tags\":[\"calendar\"],\"responses\":{" FEED_RESPONSE ("The new feed") "}}";

static const gchar feed_calendar_operation[]
    = "{\"operationId\":\"getCalendarFeed\",\"summary\":\"A person's sessions at their secret "
      "feed URL\",\"description\":\"The same calendar as GET /me/calendar.ics; the secret in "
      "the path stands for the token. An unknown or rotated secret is 404.\","
      "\"tags\":[\"calendar\"],\"security\":[],"
      "\"responses\":{" CALENDAR_RESPONSE ("The person's sessions") "}}";

static void
add_route (PdnRouter *router, const gchar *method, const gchar *pattern, PdnRouteFlags flags,
           const gchar *operation, PdnRouteHandler handler, PdnStore *store)
{
  CalendarRoutes *routes = g_new0 (CalendarRoutes, 1);

  routes->store = store != NULL ? g_object_ref (store) : NULL;
  routes->public_url = g_strdup (pdn_router_get_public_url (router));
  pdn_router_add (router, method, pattern, flags, operation, handler, routes,
                  calendar_routes_free);
}

/**
 * pdn_api_calendar_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds GET /sessions.ics, GET /me/calendar.ics, GET and POST
 * /me/calendar-feed and GET /calendar-feeds/{secret}/calendar.ics. Feed
 * URLs start with the router's public URL when it has one.
 */
void
pdn_api_calendar_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "CalendarFeed", feed_schema);
  add_route (router, "GET", "/sessions.ics", PDN_ROUTE_DEFAULT, catalog_operation,
             get_catalog_calendar, store);
  add_route (router, "GET", "/me/calendar.ics", PDN_ROUTE_DEFAULT, my_calendar_operation,
             get_my_calendar, store);
  add_route (router, "GET", "/me/calendar-feed", PDN_ROUTE_DEFAULT, get_feed_operation,
             get_feed, store);
  add_route (router, "POST", "/me/calendar-feed", PDN_ROUTE_WRITE, rotate_feed_operation,
             rotate_feed, store);
  add_route (router, "GET", FEED_PATH "{secret}" FEED_FILE, PDN_ROUTE_DEFAULT,
             feed_calendar_operation, get_feed_calendar, store);
}
