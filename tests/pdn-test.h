/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed (with its contents) by
 * pdn_test_dir_free(). */
typedef struct
{
  gchar *path;
} PdnTestDir;

PdnTestDir *pdn_test_dir_new (void);
gchar *pdn_test_dir_file (PdnTestDir *dir, const gchar *name);
void pdn_test_dir_free (PdnTestDir *dir);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTestDir, pdn_test_dir_free)

/* A migrated store in its own temporary directory. */
PdnStore *pdn_test_store_new (PdnTestDir **dir);

/* Writes @contents to a file in @dir and returns its path. */
gchar *pdn_test_write_file (PdnTestDir *dir, const gchar *name, const gchar *contents);

/* Runs a command line, returning its exit status and output. */
gint pdn_test_spawn (const gchar *const *argv, gchar **out, gchar **err);

/* The same, with @input (under 32 KiB) on its standard input, a pipe. */
gint pdn_test_spawn_with_input (const gchar *const *argv, const gchar *input, gchar **out,
                                gchar **err);

/* Raw HTTP over a blocking socket, for what well-behaved clients never
 * send. Every read or write times out after 20 s. */
GSocketConnection *pdn_test_connect (guint16 port);
gboolean pdn_test_send (GSocketConnection *connection, const void *data, gsize length);
gboolean pdn_test_send_string (GSocketConnection *connection, const gchar *text);

typedef struct
{
  guint status;
  gchar *head; /* status line and headers */
  gchar *body;
  gsize body_length;
} PdnTestResponse;

PdnTestResponse *pdn_test_read_response (GSocketConnection *connection);
const gchar *pdn_test_response_header (PdnTestResponse *response, const gchar *name,
                                       gchar **value);
JsonObject *pdn_test_response_json (PdnTestResponse *response, JsonNode **node);
void pdn_test_response_free (PdnTestResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTestResponse, pdn_test_response_free)

/* Reads until the peer closes or resets the connection; returns the
 * seconds that took. */
gdouble pdn_test_wait_closed (GSocketConnection *connection);


G_END_DECLS
