/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-test-daemon.h"

G_BEGIN_DECLS

/* A running pdnetd seeded with two organizations and an account of every
 * role, for the resource tests:
 *
 *  - Riverton Public Schools (district): Lincoln Elementary and Adams
 *    Middle; Dana Diaz teaches at Lincoln;
 *  - Harbor Charter Network (cmo): Harbor Prep; Carmen Cruz teaches there.
 *
 * Tokens: an admin, a coordinator and a lead of Riverton, a coordinator
 * of Harbor, and the two teachers. */
typedef struct
{
  PdnTestDaemon *daemon;
  gint64 district_id;
  gint64 charter_id;
  gint64 lincoln_id;
  gint64 adams_id;
  gint64 harbor_id;
  gint64 district_teacher_id; /* people */
  gint64 charter_teacher_id;
  gchar *admin;
  gchar *district_coordinator;
  gchar *district_lead;
  gchar *charter_coordinator;
  gchar *district_teacher;
  gchar *charter_teacher;
} PdnTestNetwork;

PdnTestNetwork *pdn_test_network_start (void);
void pdn_test_network_free (PdnTestNetwork *network);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTestNetwork, pdn_test_network_free)

/* A JSON call; @body may be NULL. */
PdnTestReply *pdn_test_network_call (PdnTestNetwork *network, const gchar *method,
                                     const gchar *path, const gchar *token, const gchar *body);
/* Asserts an application/problem+json reply (see pdn_test_assert_problem()). */
void pdn_test_assert_reply_problem (PdnTestReply *reply, guint status, const gchar *code,
                                    const gchar *field);
/* Asserts a 200/201 JSON reply and returns its object. */
JsonObject *pdn_test_assert_reply_ok (PdnTestReply *reply, guint status);
/* The ids of a list reply's items, in order. */
GArray *pdn_test_reply_item_ids (PdnTestReply *reply);
gboolean pdn_test_ids_contain (GArray *ids, gint64 id);
/* 401 without a token and with a bad one. */
void pdn_test_assert_needs_token (PdnTestNetwork *network, const gchar *method,
                                  const gchar *path, const gchar *body);
void pdn_test_assert_healthy (PdnTestNetwork *network);

G_END_DECLS
