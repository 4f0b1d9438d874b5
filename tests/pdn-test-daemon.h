/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pdn-enums.h"
#include "pdn-store.h"
#include "pdn-test.h"

G_BEGIN_DECLS

/* The real pdnetd on a free port with a temporary data directory. Seed the
 * data directory through pdn_test_daemon_open_store() before or while it
 * runs (the CLI and the daemon share it the same way). */
typedef struct
{
  PdnTestDir *dir;
  gchar *data_dir;
  GSubprocess *process;
  GDataInputStream *stdout_lines;
  gchar *stderr_path;
  gchar *url;
  guint16 port;
} PdnTestDaemon;

PdnTestDaemon *pdn_test_daemon_new (void);
PdnStore *pdn_test_daemon_open_store (PdnTestDaemon *daemon);
void pdn_test_daemon_run (PdnTestDaemon *daemon, const gchar *config, const gchar *language);
PdnTestDaemon *pdn_test_daemon_start (const gchar *config, const gchar *language);
gint pdn_test_daemon_wait (PdnTestDaemon *daemon, gchar **out);
gint pdn_test_daemon_stop (PdnTestDaemon *daemon, gchar **out);
void pdn_test_daemon_kill (PdnTestDaemon *daemon);
void pdn_test_daemon_restart (PdnTestDaemon *daemon, const gchar *config);
gchar *pdn_test_daemon_log (PdnTestDaemon *daemon);
void pdn_test_daemon_wait_for_log (PdnTestDaemon *daemon, const gchar *text);
guint64 pdn_test_daemon_rss (PdnTestDaemon *daemon);
void pdn_test_daemon_free (PdnTestDaemon *daemon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTestDaemon, pdn_test_daemon_free)

/* A new bearer token for @account_id (created directly in the store). */
gchar *pdn_test_token_for (PdnStore *store, gint64 account_id);
/* A token for a new account with @role (@organization_id, @person_id: 0 for none). */
gchar *pdn_test_account_token (PdnStore *store, const gchar *name, PdnLoginRole role,
                               gint64 organization_id, gint64 person_id);

/* One HTTP exchange through libsoup's client. */
typedef struct
{
  guint status;
  gchar *type;
  gchar *language;
  SoupMessageHeaders *headers;
  JsonNode *node; /* NULL when the body is empty or not JSON */
  GBytes *body;   /* as received, whatever its type */
} PdnTestReply;

void pdn_test_reply_free (PdnTestReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTestReply, pdn_test_reply_free)

/* @token, @content_type, @body and @language may be NULL. */
PdnTestReply *pdn_test_call (PdnTestDaemon *daemon, const gchar *method, const gchar *path,
                             const gchar *token, const gchar *content_type, const gchar *body,
                             const gchar *language);
PdnTestReply *pdn_test_call_headers (PdnTestDaemon *daemon, const gchar *method,
                                     const gchar *path, const gchar *const *headers,
                                     const gchar *body);
/* JSON in (may be NULL), JSON out, with a bearer token (may be NULL). */
PdnTestReply *pdn_test_call_json (PdnTestDaemon *daemon, const gchar *method, const gchar *path,
                                  const gchar *token, const gchar *body);
JsonObject *pdn_test_reply_object (PdnTestReply *reply);
/* The ids of a list page's items, in order. */
GArray *pdn_test_page_ids (JsonObject *page);
void pdn_test_assert_problem (JsonObject *problem, guint status, const gchar *code,
                              const gchar *field);

G_END_DECLS
