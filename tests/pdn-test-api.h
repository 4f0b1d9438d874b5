/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdarg.h>
#include <string.h>

#include "pdn-account.h"
#include "pdn-router.h"
#include "pdn-test-daemon.h"
#include "pdn-test-fixtures.h"

G_BEGIN_DECLS

/* A small network for the resource API tests (programs, series, sessions,
 * catalog), served by one real pdnetd per test program:
 * - organizations A (a district), B (a charter network), C (a partner);
 * - a school at A and one at B; a teacher at A's school and a facilitator;
 * - an admin, coordinators of A, B and C, a lead of A and the teacher,
 *   each with a token. Header-only (static inline) so each test program
 *   takes just what it uses. */
typedef struct
{
  PdnTestDaemon *daemon;
  PdnStore *store;
  gint64 org_a, org_b, org_c;
  gint64 school_a, school_b;
  gint64 teacher_person, facilitator_person;
  gchar *admin, *coord_a, *coord_b, *coord_c, *lead_a, *teacher;
} PdnTestWorld;

#define PDN_TEST_BAD_TOKEN "pdn_notarealtokenatall0000000000000000000000"
#define PDN_TEST_FACILITATOR_NAME "Rosa Delgado"
#define PDN_TEST_FACILITATOR_EMAIL "rosa.delgado@district-a.example"

/* @config: the daemon's settings file (NULL: none). */
static inline PdnTestWorld *
pdn_test_world_new_with_config (const gchar *config)
{
  PdnTestWorld *world = g_new0 (PdnTestWorld, 1);
  PdnStore *store;

  world->daemon = pdn_test_daemon_new ();
  store = world->store = pdn_test_daemon_open_store (world->daemon);
  world->org_a = pdn_test_add_organization (store, "district-a");
  world->org_b = pdn_test_add_organization (store, "charter-b");
  world->org_c = pdn_test_add_organization (store, "partner-c");
  world->school_a = pdn_test_add_school (store, world->org_a, "Lincoln Elementary");
  world->school_b = pdn_test_add_school (store, world->org_b, "Harbor Charter");
  world->teacher_person = pdn_test_add_named_person (store, "Ana Teacher", "ana@district-a.example");
  world->facilitator_person
      = pdn_test_add_named_person (store, PDN_TEST_FACILITATOR_NAME, PDN_TEST_FACILITATOR_EMAIL);
  world->admin = pdn_test_account_token (store, "Admin", PDN_LOGIN_ROLE_ADMIN, 0, 0);
  world->coord_a = pdn_test_account_token (store, "Coordinator A", PDN_LOGIN_ROLE_COORDINATOR,
                                           world->org_a, 0);
  world->coord_b = pdn_test_account_token (store, "Coordinator B", PDN_LOGIN_ROLE_COORDINATOR,
                                           world->org_b, 0);
  world->coord_c = pdn_test_account_token (store, "Coordinator C", PDN_LOGIN_ROLE_COORDINATOR,
                                           world->org_c, 0);
  world->lead_a = pdn_test_account_token (store, "Lead A", PDN_LOGIN_ROLE_LEAD, world->org_a, 0);
  world->teacher
      = pdn_test_account_token (store, "Ana", PDN_LOGIN_ROLE_TEACHER, 0, world->teacher_person);
  pdn_test_daemon_run (world->daemon, config, NULL);
  return world;
}

static inline PdnTestWorld *
pdn_test_world_new (void)
{
  return pdn_test_world_new_with_config (NULL);
}

static inline void
pdn_test_world_free (PdnTestWorld *world)
{
  pdn_test_daemon_free (world->daemon);
  g_object_unref (world->store);
  g_free (world->admin);
  g_free (world->coord_a);
  g_free (world->coord_b);
  g_free (world->coord_c);
  g_free (world->lead_a);
  g_free (world->teacher);
  g_free (world);
}

/* A JSON call to /api/v1 + the formatted path; @token and @body may be NULL. */
static inline PdnTestReply *
pdn_test_api_call (PdnTestWorld *world, const gchar *method, const gchar *token,
                   const gchar *body, const gchar *path_format, ...) G_GNUC_PRINTF (5, 6);

static inline PdnTestReply *
pdn_test_api_call (PdnTestWorld *world, const gchar *method, const gchar *token,
                   const gchar *body, const gchar *path_format, ...)
{
  g_autofree gchar *path = NULL;
  g_autofree gchar *full = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  full = g_strconcat (PDN_API_PREFIX, path, NULL);
  return pdn_test_call_json (world->daemon, method, full, token, body);
}

/* Asserts @status and returns the body's object (NULL for 204). */
static inline JsonObject *
pdn_test_api_expect (PdnTestReply *reply, guint status)
{
  if (reply->status != status && reply->node != NULL)
    {
      g_autofree gchar *text = json_to_string (reply->node, FALSE);
      g_test_message ("unexpected reply: %s", text);
    }
  g_assert_cmpuint (reply->status, ==, status);
  if (status == 204)
    {
      g_assert_null (reply->node);
      return NULL;
    }
  if (status >= 400)
    g_assert_cmpstr (reply->type, ==, "application/problem+json");
  return pdn_test_reply_object (reply);
}

/* The problem a call answers with. */
#define pdn_test_api_assert_problem(reply, status, code, field)                                  \
  pdn_test_assert_problem (pdn_test_api_expect ((reply), (status)), (status), (code), (field))

/* 401 without a token (with a Bearer challenge) and with an unknown one. */
static inline void
pdn_test_api_assert_needs_token (PdnTestWorld *world, const gchar *method, const gchar *path,
                                 const gchar *body)
{
  g_autoptr (PdnTestReply) anonymous = pdn_test_api_call (world, method, NULL, body, "%s", path);
  g_autoptr (PdnTestReply) bad = pdn_test_api_call (world, method, PDN_TEST_BAD_TOKEN, body, "%s",
                                                    path);

  pdn_test_api_assert_problem (anonymous, 401, "unauthorized", NULL);
  g_assert_true (g_str_has_prefix (
      soup_message_headers_get_one (anonymous->headers, "WWW-Authenticate"), "Bearer"));
  pdn_test_api_assert_problem (bad, 401, "unauthorized", NULL);
}

/* Creates something with @token and returns its id, checking 201 and the
 * Location header. */
static inline gint64
pdn_test_api_create (PdnTestWorld *world, const gchar *collection, const gchar *token,
                     const gchar *body)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", token, body, "%s",
                                                      collection);
  JsonObject *object = pdn_test_api_expect (reply, 201);
  gint64 id = json_object_get_int_member (object, "id");
  g_autofree gchar *location
      = g_strdup_printf ("%s%s/%lld", PDN_API_PREFIX, collection, (long long) id);

  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, location);
  return id;
}

static inline void
pdn_test_api_assert_serving (PdnTestWorld *world)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL, "/health");

  g_assert_cmpuint (reply->status, ==, 200);
}

G_END_DECLS
