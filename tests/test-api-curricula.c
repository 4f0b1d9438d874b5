/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"

/*
 * /api/v1/curricula against the real pdnetd: creating curricula, reading
 * and editing their files with compare-and-swap, history and diffs,
 * releases, adaptations and merges, sessions pinned to a commit, and git
 * clone over HTTP with Debian's git.
 *
 * World: charter network B owns the curricula; district A adapts them.
 */

static PdnTestWorld *world;

/* ---- raw HTTP, for headers and bytes the JSON helpers do not send ---- */

typedef struct
{
  guint status;
  GBytes *body;
  SoupMessageHeaders *headers;
  JsonNode *node;
} RawReply;

static void
raw_reply_free (RawReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->node, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawReply, raw_reply_free)

static SoupSession *
session (void)
{
  static SoupSession *shared;

  if (shared == NULL)
    shared = soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 8, NULL);
  return shared;
}

/* @path below /api/v1, already percent-encoded. */
static SoupMessage *
raw_message (const gchar *method, const gchar *path, const gchar *token, const gchar *if_match,
             GBytes *body)
{
  g_autofree gchar *uri = g_strconcat (world->daemon->url, PDN_API_PREFIX, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree gchar *auth = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  return msg;
}

static RawReply *
raw_finish (SoupMessage *msg, GBytes *bytes)
{
  RawReply *reply = g_new0 (RawReply, 1);
  const gchar *type;

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->body = g_bytes_ref (bytes);
  type = soup_message_headers_get_content_type (reply->headers, NULL);
  if (type != NULL && g_str_has_suffix (type, "json") && g_bytes_get_size (bytes) > 0)
    {
      g_autofree gchar *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      reply->node = json_from_string (text, NULL);
    }
  return reply;
}

static RawReply *
raw_call (const gchar *method, const gchar *path, const gchar *token, const gchar *if_match,
          GBytes *body)
{
  g_autoptr (SoupMessage) msg = raw_message (method, path, token, if_match, body);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read (session (), msg, NULL, &error);

  g_assert_no_error (error);
  return raw_finish (msg, bytes);
}

static JsonObject *
raw_object (RawReply *reply, guint status)
{
  if (reply->status != status)
    g_test_message ("unexpected %u: %.*s", reply->status, (int) g_bytes_get_size (reply->body),
                    (const gchar *) g_bytes_get_data (reply->body, NULL));
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->node);
  return json_node_get_object (reply->node);
}

static void
raw_problem (RawReply *reply, guint status, const gchar *code, const gchar *field)
{
  pdn_test_assert_problem (raw_object (reply, status), status, code, field);
}

static GBytes *
text (const gchar *value)
{
  return g_bytes_new (value, strlen (value));
}

/* A request over a plain socket, as a client that keeps dot segments
 * sends it: 400 naming the path. */
static void
socket_problem (const gchar *method, const gchar *path, const gchar *token, const gchar *if_match)
{
  g_autoptr (GSocketConnection) connection = pdn_test_connect (world->daemon->port);
  g_autoptr (GString) request = g_string_new (NULL);
  g_autoptr (PdnTestResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *problem;

  g_string_append_printf (request, "%s %s%s HTTP/1.1\r\nHost: localhost\r\n", method,
                          PDN_API_PREFIX, path);
  if (token != NULL)
    g_string_append_printf (request, "Authorization: Bearer %s\r\n", token);
  if (if_match != NULL)
    g_string_append_printf (request, "If-Match: %s\r\n", if_match);
  g_string_append (request, "Content-Length: 1\r\nConnection: close\r\n\r\nx");
  g_assert_true (pdn_test_send_string (connection, request->str));
  response = pdn_test_read_response (connection);
  problem = pdn_test_response_json (response, &node);
  if (response->status != 400)
    g_test_message ("%s %s: %u", method, path, response->status);
  pdn_test_assert_problem (problem, 400, "invalid-input", "path");
}

/* ---- helpers ---- */

/* A curriculum owned by B with an intro module and one non-negotiable. */
static void
create_curriculum (const gchar *slug, const gchar *visibility)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"slug\":\"%s\",\"title\":\"Guided reading\",\"owner_organization_id\":%lld,"
      "\"visibility\":\"%s\",\"summary\":\"Small-group reading\",\"program_type\":"
      "\"workshop-series\",\"audience\":\"K-2 teachers\",\"non_negotiables\":[{\"name\":"
      "\"Daily read-aloud\",\"files\":[\"modules/read-aloud.md\"]}],\"files\":{"
      "\"modules/intro.md\":\"# Intro\\none\\ntwo\\n\",\"modules/read-aloud.md\":\"Read aloud "
      "every day.\\n\"}}",
      slug, (long long) world->org_b, visibility);
  g_autoptr (PdnTestReply) reply
      = pdn_test_api_call (world, "POST", world->coord_b, body, "/curricula");
  JsonObject *object = pdn_test_api_expect (reply, 201);
  g_autofree gchar *location = g_strdup_printf (PDN_API_PREFIX "/curricula/%s", slug);

  g_assert_cmpstr (json_object_get_string_member (object, "slug"), ==, slug);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, location);
}

static gchar *
head_of (const gchar *slug, const gchar *ref)
{
  g_autofree gchar *path = g_strdup_printf ("/curricula/%s/tree%s%s", slug, ref ? "?ref=" : "",
                                            ref ? ref : "");
  g_autoptr (RawReply) reply = raw_call ("GET", path, world->coord_b, NULL, NULL);

  return g_strdup (json_object_get_string_member (raw_object (reply, 200), "commit"));
}

/* PUT @content on @branch (NULL: main) based on @base; returns the reply. */
static RawReply *
put (const gchar *token, const gchar *slug, const gchar *file, const gchar *branch,
     const gchar *base, GBytes *content)
{
  g_autofree gchar *path = g_strdup_printf ("/curricula/%s/files/%s?message=Edit%s%s", slug,
                                            file, branch ? "&branch=" : "", branch ? branch : "");

  return raw_call ("PUT", path, token, base, content);
}

static gchar *
put_ok (const gchar *token, const gchar *slug, const gchar *file, const gchar *branch,
        const gchar *base, const gchar *content)
{
  g_autoptr (GBytes) bytes = text (content);
  g_autoptr (RawReply) reply = put (token, slug, file, branch, base, bytes);

  return g_strdup (json_object_get_string_member (raw_object (reply, 200), "commit"));
}

static guint
history_length (const gchar *query)
{
  g_autofree gchar *path = g_strdup_printf ("/curricula/%s", query);
  g_autoptr (RawReply) reply = raw_call ("GET", path, world->coord_a, NULL, NULL);

  return json_array_get_length (
      json_object_get_array_member (raw_object (reply, 200), "items"));
}

/* ---- create, list, get ---- */

static void
test_create_validation (void)
{
  const struct
  {
    const gchar *body;
    guint status;
    const gchar *code;
    const gchar *field;
  } cases[] = {
    { "{\"title\":\"T\",\"owner_organization_id\":OWNER,\"visibility\":\"public\"}", 400,
      "invalid-input", "slug" },
    { "{\"slug\":\"Bad Slug\",\"title\":\"T\",\"owner_organization_id\":OWNER,"
      "\"visibility\":\"public\"}",
      400, "invalid-input", "slug" },
    { "{\"slug\":\"v\",\"title\":\"T\",\"owner_organization_id\":OWNER,\"visibility\":\"open\"}",
      400, "invalid-input", "visibility" },
    { "{\"slug\":\"v\",\"title\":\"\",\"owner_organization_id\":OWNER,\"visibility\":\"public\"}",
      400, "invalid-input", "title" },
    { "{\"slug\":\"v\",\"title\":\"T\",\"owner_organization_id\":OWNER,\"visibility\":"
      "\"public\",\"non_negotiables\":[{\"name\":\"X\",\"files\":[\"../x\"]}]}",
      400, "invalid-input", "non_negotiables[0].files[0]" },
    { "{\"slug\":\"v\",\"title\":\"T\",\"owner_organization_id\":OWNER,\"visibility\":"
      "\"public\",\"files\":{\"notes.txt\":\"x\"}}",
      400, "invalid-input", "files.notes.txt" },
    { "{\"slug\":\"v\",\"title\":\"T\",\"owner_organization_id\":OWNER,\"visibility\":"
      "\"public\",\"colour\":\"red\"}",
      400, "invalid-input", "colour" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *owner = g_strdup_printf ("%lld", (long long) world->org_b);
      g_auto (GStrv) parts = g_strsplit (cases[i].body, "OWNER", -1);
      g_autofree gchar *body = g_strjoinv (owner, parts);
      g_autoptr (PdnTestReply) reply
          = pdn_test_api_call (world, "POST", world->coord_b, body, "/curricula");
      pdn_test_api_assert_problem (reply, cases[i].status, cases[i].code, cases[i].field);
    }
}

static void
test_create_access (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"slug\":\"access\",\"title\":\"T\",\"owner_organization_id\":%lld,"
      "\"visibility\":\"public\"}",
      (long long) world->org_b);
  g_autofree gchar *nowhere = g_strdup_printf (
      "{\"slug\":\"nowhere\",\"title\":\"T\",\"owner_organization_id\":99999,"
      "\"visibility\":\"public\"}");
  g_autoptr (PdnTestReply) anonymous = pdn_test_api_call (world, "POST", NULL, body, "/curricula");
  g_autoptr (PdnTestReply) teacher
      = pdn_test_api_call (world, "POST", world->teacher, body, "/curricula");
  g_autoptr (PdnTestReply) other
      = pdn_test_api_call (world, "POST", world->coord_a, body, "/curricula");
  g_autoptr (PdnTestReply) missing
      = pdn_test_api_call (world, "POST", world->admin, nowhere, "/curricula");
  g_autoptr (PdnTestReply) created = NULL;
  g_autoptr (PdnTestReply) again = NULL;

  pdn_test_api_assert_problem (anonymous, 401, "unauthorized", NULL);
  pdn_test_api_assert_problem (teacher, 403, "forbidden", "owner_organization_id");
  pdn_test_api_assert_problem (other, 403, "forbidden", "owner_organization_id");
  pdn_test_api_assert_problem (missing, 422, "unprocessable", "owner_organization_id");
  created = pdn_test_api_call (world, "POST", world->admin, body, "/curricula");
  pdn_test_api_expect (created, 201);
  again = pdn_test_api_call (world, "POST", world->coord_b, body, "/curricula");
  pdn_test_api_assert_problem (again, 409, "conflict", "slug");
}

static gboolean
page_has (JsonObject *page, const gchar *slug)
{
  JsonArray *items = json_object_get_array_member (page, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i),
                                                  "slug"),
                   slug)
        == 0)
      return TRUE;
  return FALSE;
}

static void
test_list_and_get (void)
{
  g_autoptr (PdnTestReply) anonymous = NULL;
  g_autoptr (PdnTestReply) teacher = NULL;
  g_autoptr (PdnTestReply) got = NULL;
  g_autoptr (PdnTestReply) got_public = NULL;
  g_autoptr (PdnTestReply) private_anonymous = NULL;
  g_autoptr (PdnTestReply) none = NULL;
  JsonObject *object, *head, *manifest, *item;

  create_curriculum ("listed-public", "public");
  create_curriculum ("listed-private", "private");
  anonymous = pdn_test_api_call (world, "GET", NULL, NULL, "/curricula?limit=200");
  g_assert_true (page_has (pdn_test_api_expect (anonymous, 200), "listed-public"));
  g_assert_false (page_has (pdn_test_reply_object (anonymous), "listed-private"));
  teacher = pdn_test_api_call (world, "GET", world->teacher, NULL, "/curricula?limit=200");
  g_assert_true (page_has (pdn_test_api_expect (teacher, 200), "listed-private"));
  item = json_array_get_object_element (
      json_object_get_array_member (pdn_test_reply_object (teacher), "items"), 0);
  head = json_object_get_object_member (item, "head");
  g_assert_cmpuint (strlen (json_object_get_string_member (head, "commit")), ==, 40);
  g_assert_nonnull (json_object_get_string_member (head, "author"));
  g_assert_nonnull (json_object_get_string_member (head, "date"));

  got = pdn_test_api_call (world, "GET", world->teacher, NULL, "/curricula/listed-private");
  object = pdn_test_api_expect (got, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "visibility"), ==, "private");
  head = json_object_get_object_member (object, "head");
  g_assert_cmpstr (json_object_get_string_member (head, "author"), ==, "Coordinator B");
  manifest = json_object_get_object_member (object, "manifest");
  g_assert_cmpstr (json_object_get_string_member (manifest, "owner_organization"), ==,
                   "charter-b");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest,
                                                                         "non_negotiables")),
                    ==, 1);
  private_anonymous = pdn_test_api_call (world, "GET", NULL, NULL, "/curricula/listed-private");
  pdn_test_api_assert_problem (private_anonymous, 401, "unauthorized", NULL);
  g_assert_nonnull (soup_message_headers_get_one (private_anonymous->headers, "WWW-Authenticate"));
  got_public = pdn_test_api_call (world, "GET", NULL, NULL, "/curricula/listed-public");
  pdn_test_api_expect (got_public, 200);
  none = pdn_test_api_call (world, "GET", world->admin, NULL, "/curricula/no-such");
  pdn_test_api_assert_problem (none, 404, "not-found", "slug");
}

/* ---- files ---- */

static void
test_tree_and_files (void)
{
  g_autoptr (RawReply) tree = NULL;
  g_autoptr (RawReply) file = NULL;
  g_autoptr (RawReply) missing = NULL;
  g_autoptr (RawReply) bad_ref = NULL;
  g_autofree gchar *head = NULL;
  g_autofree gchar *etag = NULL;
  JsonArray *files;

  create_curriculum ("files", "public");
  head = head_of ("files", NULL);
  tree = raw_call ("GET", "/curricula/files/tree?ref=main", NULL, NULL, NULL);
  files = json_object_get_array_member (raw_object (tree, 200), "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 1),
                                                  "path"),
                   ==, "modules/intro.md");
  file = raw_call ("GET", "/curricula/files/files/modules/intro.md", NULL, NULL, NULL);
  g_assert_cmpuint (file->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (file->body, NULL), g_bytes_get_size (file->body),
                   "# Intro\none\ntwo\n", 16);
  etag = g_strdup_printf ("\"%s\"", head);
  g_assert_cmpstr (soup_message_headers_get_one (file->headers, "ETag"), ==, etag);
  missing = raw_call ("GET", "/curricula/files/files/modules/none.md", NULL, NULL, NULL);
  raw_problem (missing, 404, "not-found", "path");
  bad_ref = raw_call ("GET", "/curricula/files/tree?ref=nope", NULL, NULL, NULL);
  raw_problem (bad_ref, 404, "not-found", "ref");
}

static void
test_edit_rules (void)
{
  g_autofree gchar *head = NULL;
  g_autofree gchar *stale = NULL;
  g_autofree gchar *after = NULL;
  g_autofree gchar *deleted = NULL;
  g_autoptr (GBytes) body = text ("# Changed\n");
  g_autoptr (RawReply) no_if_match = NULL;
  g_autoptr (RawReply) no_message = NULL;
  g_autoptr (RawReply) teacher = NULL;
  g_autoptr (RawReply) other_org = NULL;
  g_autoptr (RawReply) anonymous = NULL;
  g_autoptr (RawReply) conflict = NULL;
  g_autoptr (RawReply) bad_manifest = NULL;
  g_autoptr (RawReply) gone = NULL;
  g_autoptr (RawReply) delete_reply = NULL;
  g_autoptr (RawReply) history = NULL;
  g_autoptr (PdnTestReply) listed = NULL;
  JsonObject *problem, *commit, *author;

  create_curriculum ("edits", "private");
  stale = head_of ("edits", NULL);
  no_if_match = put (world->coord_b, "edits", "modules/intro.md", NULL, NULL, body);
  raw_problem (no_if_match, 428, "precondition-required", "If-Match");
  no_message = raw_call ("PUT", "/curricula/edits/files/modules/intro.md", world->coord_b, stale,
                         body);
  raw_problem (no_message, 400, "invalid-input", "message");
  teacher = put (world->teacher, "edits", "modules/intro.md", NULL, stale, body);
  raw_problem (teacher, 403, "forbidden", NULL);
  other_org = put (world->coord_a, "edits", "modules/intro.md", NULL, stale, body);
  raw_problem (other_org, 403, "forbidden", NULL);
  anonymous = put (NULL, "edits", "modules/intro.md", NULL, stale, body);
  raw_problem (anonymous, 401, "unauthorized", NULL);

  head = put_ok (world->coord_b, "edits", "modules/intro.md", NULL,
                 stale, "# Changed\n");
  /* Based on the old head: 412 with the new one, and nothing written. */
  conflict = put (world->coord_b, "edits", "modules/intro.md", NULL, stale, body);
  problem = raw_object (conflict, 412);
  pdn_test_assert_problem (problem, 412, "precondition-failed", "If-Match");
  g_assert_cmpstr (json_object_get_string_member (problem, "head"), ==, head);
  after = head_of ("edits", NULL);
  g_assert_cmpstr (after, ==, head);

  bad_manifest = put (world->coord_b, "edits", "curriculum.json", NULL, head, body);
  g_assert_cmpuint (bad_manifest->status, ==, 400);

  {
    g_autofree gchar *path = g_strdup_printf ("/curricula/edits/files/modules/intro.md?message=Drop");
    delete_reply = raw_call ("DELETE", path, world->coord_b, head, NULL);
    deleted = g_strdup (json_object_get_string_member (raw_object (delete_reply, 200), "commit"));
    gone = raw_call ("DELETE", path, world->coord_b, deleted, NULL);
    raw_problem (gone, 404, "not-found", "path");
  }

  /* The author is the caller's account (no person), and lists follow main. */
  history = raw_call ("GET", "/curricula/edits/history?limit=1", world->coord_b, NULL, NULL);
  commit = json_array_get_object_element (
      json_object_get_array_member (raw_object (history, 200), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (commit, "commit"), ==, deleted);
  g_assert_cmpstr (json_object_get_string_member (commit, "message"), ==, "Drop");
  author = json_object_get_object_member (commit, "author");
  g_assert_cmpstr (json_object_get_string_member (author, "name"), ==, "Coordinator B");
  listed = pdn_test_api_call (world, "GET", world->admin, NULL, "/curricula/edits");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (pdn_test_api_expect (listed, 200), "head"),
                       "commit"),
                   ==, deleted);
}

/* Acceptance 1: two PUTs based on the same commit, at once. */
typedef struct
{
  SoupMessage *msg;
  RawReply *reply;
  guint *pending;
} Pending;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Pending *pending = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                                &error);

  g_assert_no_error (error);
  pending->reply = raw_finish (pending->msg, bytes);
  (*pending->pending)--;
}

static void
test_concurrent_puts (void)
{
  g_autofree gchar *base = NULL;
  g_autoptr (GBytes) one = text ("# One\n");
  g_autoptr (GBytes) two = text ("# Two\n");
  Pending calls[2] = { 0 };
  guint pending = 2;
  guint ok = 0, refused = 0;

  create_curriculum ("race", "public");
  base = head_of ("race", NULL);
  for (guint i = 0; i < 2; i++)
    {
      calls[i].msg = raw_message ("PUT", "/curricula/race/files/modules/race.md?message=Race",
                                  world->coord_b, base, i == 0 ? one : two);
      calls[i].pending = &pending;
      soup_session_send_and_read_async (session (), calls[i].msg, G_PRIORITY_DEFAULT, NULL,
                                        on_sent, &calls[i]);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      ok += calls[i].reply->status == 200;
      refused += calls[i].reply->status == 412;
      raw_reply_free (calls[i].reply);
      g_object_unref (calls[i].msg);
    }
  g_assert_cmpuint (ok, ==, 1);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpuint (history_length ("race/history?path=modules/race.md"), ==, 1);
  g_assert_cmpuint (history_length ("race/history"), ==, 2);
}

/* Acceptance 5: a MiB of bytes round-trips; bad paths are 400. */
static void
test_bytes_and_paths (void)
{
  const gsize size = 1024 * 1024;
  guint8 *data = g_malloc (size);
  g_autoptr (GBytes) big = NULL;
  g_autoptr (GBytes) small = text ("x");
  g_autoptr (RawReply) stored = NULL;
  g_autoptr (RawReply) back = NULL;
  g_autofree gchar *base = NULL;
  /* HTTP resolves whole dot segments (/a/../b is /b) before routing, in
   * libsoup's client and server alike; a ".." part still reaches a file
   * path through escaped slashes, sent here over a plain socket. */
  const gchar *bad[] = { "%2Fetc%2Fpasswd", "resources/a%00b", "resources//x" };
  const gchar *dots[] = { "modules%2F..%2Fcurriculum.json", "resources%2F%2E%2E%2F%2E%2E%2Fx",
                          "resources/a%2F..%2F..%2F..%2Fx" };

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 31) ^ (i >> 9));
  big = g_bytes_new_take (data, size);
  create_curriculum ("bytes", "public");
  base = head_of ("bytes", NULL);
  stored = put (world->coord_b, "bytes", "resources/big.bin", NULL, base, big);
  raw_object (stored, 200);
  back = raw_call ("GET", "/curricula/bytes/files/resources/big.bin", NULL, NULL, NULL);
  g_assert_cmpuint (back->status, ==, 200);
  g_assert_true (g_bytes_equal (back->body, big));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("/curricula/bytes/files/%s", bad[i]);
      g_autoptr (RawReply) got = raw_call ("GET", path, NULL, NULL, NULL);
      g_autoptr (RawReply) put_reply = put (world->coord_b, "bytes", bad[i], NULL, base, small);

      raw_problem (got, 400, "invalid-input", "path");
      raw_problem (put_reply, 400, "invalid-input", "path");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (dots); i++)
    {
      g_autofree gchar *get_path = g_strdup_printf ("/curricula/bytes/files/%s", dots[i]);
      g_autofree gchar *put_path = g_strdup_printf ("%s?message=x", get_path);

      socket_problem ("GET", get_path, NULL, NULL);
      socket_problem ("PUT", put_path, world->coord_b, base);
    }
}

/* ---- history and diff ---- */

static void
test_history_and_diff (void)
{
  g_autofree gchar *first = NULL, *second = NULL, *third = NULL, *path = NULL;
  g_autoptr (RawReply) page = NULL;
  g_autoptr (RawReply) rest = NULL;
  g_autoptr (RawReply) diff = NULL;
  g_autoptr (RawReply) bad_cursor = NULL;
  g_autoptr (RawReply) no_from = NULL;
  JsonObject *object, *file;
  JsonArray *items;
  const gchar *cursor;

  create_curriculum ("history", "public");
  first = head_of ("history", NULL);
  second = put_ok (world->coord_b, "history", "modules/intro.md", NULL, first,
                   "# Intro\none\n2\nthree\n");
  third = put_ok (world->coord_b, "history", "modules/other.md", NULL, second, "other\n");
  g_assert_cmpuint (history_length ("history/history?path=modules/intro.md"), ==, 2);
  g_assert_cmpuint (history_length ("history/history?path=modules/other.md"), ==, 1);
  g_assert_cmpuint (history_length ("history/history?path=modules"), ==, 3);

  page = raw_call ("GET", "/curricula/history/history?limit=2", NULL, NULL, NULL);
  object = raw_object (page, 200);
  items = json_object_get_array_member (object, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "commit"),
                   ==, third);
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (json_array_get_object_element (items, 0),
                                                     "files_changed"),
                       0),
                   ==, "modules/other.md");
  cursor = json_object_get_string_member (object, "next_cursor");
  g_assert_cmpstr (cursor, ==, second);
  path = g_strdup_printf ("/curricula/history/history?limit=2&cursor=%s", cursor);
  rest = raw_call ("GET", path, NULL, NULL, NULL);
  object = raw_object (rest, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 1);
  g_assert_true (json_object_get_null_member (object, "next_cursor"));
  bad_cursor = raw_call ("GET", "/curricula/history/history?cursor=zz", NULL, NULL, NULL);
  raw_problem (bad_cursor, 400, "invalid-input", "cursor");

  g_free (path);
  path = g_strdup_printf ("/curricula/history/diff?from=%s&to=%s", first, second);
  diff = raw_call ("GET", path, NULL, NULL, NULL);
  object = raw_object (diff, 200);
  file = json_array_get_object_element (json_object_get_array_member (object, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "path"), ==, "modules/intro.md");
  g_assert_cmpstr (json_object_get_string_member (file, "status"), ==, "modified");
  g_assert_cmpint (json_object_get_int_member (file, "added"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (file, "removed"), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "patch"), "-two\n+2\n+three\n"));
  no_from = raw_call ("GET", "/curricula/history/diff", NULL, NULL, NULL);
  raw_problem (no_from, 400, "invalid-input", "from");
}

/* ---- sessions ---- */

static gint64
create_program (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Reading\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\"}",
      (long long) world->org_a);

  return pdn_test_api_create (world, "/programs", world->coord_a, body);
}

static JsonObject *
session_curriculum (PdnTestReply *reply, guint status)
{
  return json_object_get_object_member (pdn_test_api_expect (reply, status), "curriculum");
}

static gint64
pin_session (gint64 program, const gchar *slug, const gchar *ref, gchar **commit)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Guided reading 1\","
      "\"starts_at\":\"2026-10-01T15:00:00Z\",\"ends_at\":\"2026-10-01T17:00:00Z\","
      "\"time_zone\":\"America/Chicago\",\"curriculum\":{\"slug\":\"%s\",\"ref\":\"%s\"}}",
      (long long) program, slug, ref);
  g_autoptr (PdnTestReply) reply
      = pdn_test_api_call (world, "POST", world->coord_a, body, "/sessions");
  JsonObject *object = pdn_test_api_expect (reply, 201);

  *commit = g_strdup (json_object_get_string_member (
      json_object_get_object_member (object, "curriculum"), "commit"));
  return json_object_get_int_member (object, "id");
}

static void
test_session_pin_refused (void)
{
  gint64 program = create_program ();
  const gchar *cases[][3] = {
    { "{\"slug\":\"no-such\"}", "422", "curriculum.slug" },
    { "{\"slug\":\"files\",\"ref\":\"no-such-ref\"}", "422", "curriculum.ref" },
    { "{\"ref\":\"main\"}", "400", "curriculum.slug" },
    { "{\"slug\":\"files\",\"colour\":1}", "400", "curriculum.colour" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *body = g_strdup_printf (
          "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"T\","
          "\"starts_at\":\"2026-10-01T15:00:00Z\",\"ends_at\":\"2026-10-01T17:00:00Z\","
          "\"time_zone\":\"America/Chicago\",\"curriculum\":%s}",
          (long long) program, cases[i][0]);
      g_autoptr (PdnTestReply) reply
          = pdn_test_api_call (world, "POST", world->coord_a, body, "/sessions");
      guint status = (guint) g_ascii_strtoull (cases[i][1], NULL, 10);
      pdn_test_api_assert_problem (reply, status, status == 422 ? "unprocessable" : "invalid-input",
                                   cases[i][2]);
    }
}

/* A session pinned to main keeps its commit after main moves. */
static void
test_session_pin_main (void)
{
  gint64 program = create_program ();
  g_autofree gchar *pinned = NULL;
  g_autofree gchar *head = NULL;
  g_autofree gchar *moved = NULL;
  gint64 id;
  JsonObject *curriculum;

  create_curriculum ("pinned", "private");
  head = head_of ("pinned", NULL);
  id = pin_session (program, "pinned", "main", &pinned);
  g_assert_cmpstr (pinned, ==, head);
  {
    g_autoptr (PdnTestReply) reply
        = pdn_test_api_call (world, "GET", world->coord_a, NULL, "/sessions/%lld", (long long) id);
    curriculum = session_curriculum (reply, 200);
    g_assert_false (json_object_get_boolean_member (curriculum, "main_moved"));
  }
  moved = put_ok (world->coord_b, "pinned", "modules/intro.md", NULL, head, "# Moved\n");
  {
    g_autoptr (PdnTestReply) reply
        = pdn_test_api_call (world, "GET", world->teacher, NULL, "/sessions/%lld", (long long) id);
    curriculum = session_curriculum (reply, 200);
    g_assert_cmpstr (json_object_get_string_member (curriculum, "commit"), ==, head);
    g_assert_true (json_object_get_boolean_member (curriculum, "main_moved"));
    g_assert_cmpstr (json_object_get_string_member (curriculum, "main_head"), ==, moved);
  }
  {
    /* PATCH without curriculum keeps the pin; null removes it. */
    g_autoptr (PdnTestReply) kept = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                        "{\"title\":\"Renamed\"}",
                                                        "/sessions/%lld", (long long) id);
    g_autoptr (PdnTestReply) dropped = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                           "{\"curriculum\":null}",
                                                           "/sessions/%lld", (long long) id);
    g_assert_cmpstr (json_object_get_string_member (session_curriculum (kept, 200), "commit"), ==,
                     head);
    g_assert_true (json_object_get_null_member (pdn_test_api_expect (dropped, 200), "curriculum"));
  }
}


/* ---- releases ---- */

static void
test_releases (void)
{
  g_autofree gchar *first = NULL;
  g_autoptr (PdnTestReply) created = NULL;
  g_autoptr (PdnTestReply) again = NULL;
  g_autoptr (PdnTestReply) by_other = NULL;
  g_autoptr (PdnTestReply) bad_name = NULL;
  g_autoptr (PdnTestReply) listed = NULL;
  g_autoptr (RawReply) at_release = NULL;
  JsonObject *release;
  JsonArray *items;

  create_curriculum ("released", "public");
  first = head_of ("released", NULL);
  created = pdn_test_api_call (world, "POST", world->coord_b,
                               "{\"name\":\"2017-18\",\"notes\":\"First year\"}",
                               "/curricula/released/releases");
  release = pdn_test_api_expect (created, 201);
  g_assert_cmpstr (json_object_get_string_member (release, "commit"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (release, "notes"), ==, "First year");
  g_assert_cmpstr (json_object_get_string_member (release, "tagger"), ==, "Coordinator B");
  again = pdn_test_api_call (world, "POST", world->coord_b, "{\"name\":\"2017-18\"}",
                             "/curricula/released/releases");
  pdn_test_api_assert_problem (again, 409, "conflict", "name");
  by_other = pdn_test_api_call (world, "POST", world->coord_a, "{\"name\":\"2018-19\"}",
                                "/curricula/released/releases");
  pdn_test_api_assert_problem (by_other, 403, "forbidden", NULL);
  bad_name = pdn_test_api_call (world, "POST", world->coord_b, "{\"name\":\"a..b\"}",
                                "/curricula/released/releases");
  pdn_test_api_assert_problem (bad_name, 400, "invalid-input", "name");
  g_free (put_ok (world->coord_b, "released", "modules/intro.md", NULL, first, "# Later\n"));
  listed = pdn_test_api_call (world, "GET", NULL, NULL, "/curricula/released/releases");
  items = json_object_get_array_member (pdn_test_api_expect (listed, 200), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  at_release = raw_call ("GET", "/curricula/released/files/modules/intro.md?ref=2017-18", NULL,
                         NULL, NULL);
  g_assert_cmpmem (g_bytes_get_data (at_release->body, NULL), g_bytes_get_size (at_release->body),
                   "# Intro\none\ntwo\n", 16);
}

/* GET /sessions?curriculum=&curriculum_commit= lists the sessions that
 * taught @commit of @slug: just @expected (0: none); a short or uppercase
 * commit id is refused naming the filter. */
static void
assert_sessions_taught (const gchar *slug, const gchar *commit, gint64 expected)
{
  g_autoptr (PdnTestReply) by_slug = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/sessions?curriculum=%s", slug);
  g_autoptr (PdnTestReply) by_commit = pdn_test_api_call (
      world, "GET", world->teacher, NULL, "/sessions?curriculum=%s&curriculum_commit=%s", slug,
      commit);
  g_autoptr (PdnTestReply) short_id = pdn_test_api_call (
      world, "GET", world->teacher, NULL, "/sessions?curriculum_commit=%.7s", commit);
  g_autoptr (PdnTestReply) bad_slug = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                         "/sessions?curriculum=Not_A_Slug");
  JsonArray *all = json_object_get_array_member (pdn_test_api_expect (by_slug, 200), "items");
  JsonArray *taught = json_object_get_array_member (pdn_test_api_expect (by_commit, 200), "items");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *pin = json_object_get_object_member (json_array_get_object_element (all, i),
                                                       "curriculum");
      g_assert_cmpstr (json_object_get_string_member (pin, "slug"), ==, slug);
    }
  g_assert_cmpuint (json_array_get_length (taught), ==, expected == 0 ? 0 : 1);
  if (expected != 0)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (taught, 0), "id"),
                     ==, expected);
  pdn_test_api_assert_problem (short_id, 400, "invalid-input", "curriculum_commit");
  pdn_test_api_assert_problem (bad_slug, 400, "invalid-input", "curriculum");
}

/* Acceptance 3: pinned to a release, a session keeps its commit. */
static void
test_session_pin_release (void)
{
  gint64 program = create_program ();
  g_autofree gchar *release_commit = NULL;
  g_autofree gchar *pinned = NULL;
  g_autofree gchar *moved = NULL;
  g_autoptr (PdnTestReply) tagged = NULL;
  g_autoptr (PdnTestReply) got = NULL;
  JsonObject *curriculum;
  gint64 id;

  create_curriculum ("pinned-release", "public");
  release_commit = head_of ("pinned-release", NULL);
  tagged = pdn_test_api_call (world, "POST", world->coord_b, "{\"name\":\"2017-18\"}",
                              "/curricula/pinned-release/releases");
  pdn_test_api_expect (tagged, 201);
  id = pin_session (program, "pinned-release", "2017-18", &pinned);
  g_assert_cmpstr (pinned, ==, release_commit);
  moved = put_ok (world->coord_b, "pinned-release", "modules/intro.md", NULL, release_commit,
                  "# 2018 edition\n");
  got = pdn_test_api_call (world, "GET", world->coord_a, NULL, "/sessions/%lld", (long long) id);
  curriculum = session_curriculum (got, 200);
  g_assert_cmpstr (json_object_get_string_member (curriculum, "slug"), ==, "pinned-release");
  g_assert_cmpstr (json_object_get_string_member (curriculum, "commit"), ==, release_commit);
  g_assert_true (json_object_get_boolean_member (curriculum, "main_moved"));
  g_assert_cmpstr (json_object_get_string_member (curriculum, "main_head"), ==, moved);
  assert_sessions_taught ("pinned-release", release_commit, id);
  assert_sessions_taught ("pinned-release", moved, 0);
}

/* ---- adaptations ---- */

static gchar *
adapt (const gchar *slug, const gchar *token, gint64 organization)
{
  g_autofree gchar *body = g_strdup_printf ("{\"organization_id\":%lld}", (long long) organization);
  g_autoptr (PdnTestReply) reply
      = pdn_test_api_call (world, "POST", token, body, "/curricula/%s/adaptations", slug);
  JsonObject *object = pdn_test_api_expect (reply, 201);

  return g_strdup (json_object_get_string_member (object, "commit"));
}

static void
test_adaptation_rules (void)
{
  g_autofree gchar *base = NULL;
  g_autofree gchar *body = g_strdup_printf ("{\"organization_id\":%lld}", (long long) world->org_a);
  g_autoptr (PdnTestReply) teacher = NULL;
  g_autoptr (PdnTestReply) for_other = NULL;
  g_autoptr (PdnTestReply) twice = NULL;
  g_autoptr (PdnTestReply) unknown = NULL;
  g_autoptr (RawReply) owner_on_branch = NULL;
  g_autoptr (RawReply) other_on_branch = NULL;
  g_autoptr (PdnTestReply) merge_by_adapter = NULL;
  g_autoptr (PdnTestReply) get = NULL;
  g_autoptr (GBytes) content = text ("x\n");

  create_curriculum ("adapt-rules", "private");
  teacher = pdn_test_api_call (world, "POST", world->teacher, body,
                               "/curricula/adapt-rules/adaptations");
  pdn_test_api_assert_problem (teacher, 403, "forbidden", "organization_id");
  for_other = pdn_test_api_call (world, "POST", world->coord_c, body,
                                 "/curricula/adapt-rules/adaptations");
  pdn_test_api_assert_problem (for_other, 403, "forbidden", "organization_id");
  base = adapt ("adapt-rules", world->lead_a, world->org_a);
  twice = pdn_test_api_call (world, "POST", world->coord_a, body,
                             "/curricula/adapt-rules/adaptations");
  pdn_test_api_assert_problem (twice, 409, "conflict", "branch");
  unknown = pdn_test_api_call (world, "POST", world->admin, "{\"organization_id\":99999}",
                               "/curricula/adapt-rules/adaptations");
  pdn_test_api_assert_problem (unknown, 422, "unprocessable", "organization_id");

  /* Only A edits A's adaptation, the owner included. */
  owner_on_branch = put (world->coord_b, "adapt-rules", "modules/x.md",
                         "adaptations/district-a", base, content);
  raw_problem (owner_on_branch, 403, "forbidden", NULL);
  other_on_branch = put (world->coord_c, "adapt-rules", "modules/x.md",
                         "adaptations/district-a", base, content);
  raw_problem (other_on_branch, 403, "forbidden", NULL);
  g_free (put_ok (world->lead_a, "adapt-rules", "modules/x.md", "adaptations/district-a", base,
                  "x\n"));
  /* Only the owner merges into main. */
  merge_by_adapter = pdn_test_api_call (world, "POST", world->coord_a, NULL,
                                        "/curricula/adapt-rules/adaptations/district-a/merge");
  pdn_test_api_assert_problem (merge_by_adapter, 403, "forbidden", NULL);
  get = pdn_test_api_call (world, "GET", world->teacher, NULL, "/curricula/adapt-rules");
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (pdn_test_api_expect (get, 200),
                                                     "adaptations"),
                       0),
                   ==, "district-a");
}

static JsonObject *
impact_named (JsonArray *impacts, const gchar *name)
{
  for (guint i = 0; i < json_array_get_length (impacts); i++)
    {
      JsonObject *impact = json_array_get_object_element (impacts, i);
      if (g_strcmp0 (json_object_get_string_member (impact, "name"), name) == 0)
        return impact;
    }
  return NULL;
}

/* Acceptance 2: deleting a non-negotiable's file is flagged and reported. */
static void
test_adaptation_removes_non_negotiable (void)
{
  g_autofree gchar *base = NULL, *edited = NULL, *main_moved = NULL;
  g_autoptr (PdnTestReply) compare = NULL;
  g_autoptr (PdnTestReply) merged = NULL;
  g_autoptr (PdnTestReply) none = NULL;
  g_autoptr (RawReply) deleted = NULL;
  g_autoptr (RawReply) gone = NULL;
  JsonObject *object, *impact;
  JsonArray *impacts;

  create_curriculum ("diluted", "public");
  base = adapt ("diluted", world->coord_a, world->org_a);
  /* main moves meanwhile: it does not count against the adaptation. */
  main_moved = put_ok (world->coord_b, "diluted", "modules/intro.md", NULL, base, "# Owner's\n");
  deleted = raw_call ("DELETE",
                      "/curricula/diluted/files/modules/read-aloud.md?message=Too%20long"
                      "&branch=adaptations/district-a",
                      world->coord_a, base, NULL);
  edited = g_strdup (json_object_get_string_member (raw_object (deleted, 200), "commit"));

  compare = pdn_test_api_call (world, "GET", NULL, NULL,
                               "/curricula/diluted/adaptations/district-a/compare");
  object = pdn_test_api_expect (compare, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "base"), ==, base);
  g_assert_cmpstr (json_object_get_string_member (object, "head"), ==, edited);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "files")), ==, 1);
  impacts = json_object_get_array_member (object, "non_negotiables");
  g_assert_cmpuint (json_array_get_length (impacts), ==, 1);
  impact = impact_named (impacts, "Daily read-aloud");
  g_assert_nonnull (impact);
  g_assert_cmpstr (json_object_get_string_member (impact, "effect"), ==, "removes");
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (impact, "files_deleted"), 0),
                   ==, "modules/read-aloud.md");

  merged = pdn_test_api_call (world, "POST", world->coord_b, "{\"message\":\"Take A's cut\"}",
                              "/curricula/diluted/adaptations/district-a/merge");
  object = pdn_test_api_expect (merged, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "merge");
  g_assert_cmpint (json_object_get_int_member (object, "non_negotiables_removed"), ==, 1);
  g_assert_nonnull (impact_named (json_object_get_array_member (object, "non_negotiables"),
                                  "Daily read-aloud"));
  gone = raw_call ("GET", "/curricula/diluted/files/modules/read-aloud.md", NULL, NULL, NULL);
  raw_problem (gone, 404, "not-found", "path");
  none = pdn_test_api_call (world, "GET", NULL, NULL,
                            "/curricula/diluted/adaptations/nobody/compare");
  pdn_test_api_assert_problem (none, 404, "not-found", "org_slug");
}

/* An improvement flows back: fast-forward; a clash: 409, main unchanged. */
static void
test_adaptation_merges (void)
{
  g_autofree gchar *base = NULL, *improved = NULL, *main_head = NULL, *clash = NULL;
  g_autofree gchar *after = NULL;
  g_autoptr (PdnTestReply) ff = NULL;
  g_autoptr (PdnTestReply) conflict = NULL;
  g_autoptr (PdnTestReply) compare = NULL;
  JsonObject *object, *impact;
  JsonArray *conflicts;

  create_curriculum ("improved", "public");
  base = adapt ("improved", world->coord_a, world->org_a);
  improved = put_ok (world->coord_a, "improved", "modules/read-aloud.md",
                     "adaptations/district-a", base, "Read aloud every day, with a timer.\n");
  compare = pdn_test_api_call (world, "GET", world->coord_b, NULL,
                               "/curricula/improved/adaptations/district-a/compare");
  impact = impact_named (json_object_get_array_member (pdn_test_api_expect (compare, 200),
                                                       "non_negotiables"),
                         "Daily read-aloud");
  g_assert_cmpstr (json_object_get_string_member (impact, "effect"), ==, "touches");
  ff = pdn_test_api_call (world, "POST", world->coord_b, NULL,
                          "/curricula/improved/adaptations/district-a/merge");
  object = pdn_test_api_expect (ff, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "fast-forward");
  g_assert_cmpstr (json_object_get_string_member (object, "commit"), ==, improved);
  g_assert_cmpint (json_object_get_int_member (object, "non_negotiables_removed"), ==, 0);

  main_head = put_ok (world->coord_b, "improved", "modules/intro.md", NULL, improved, "# B\n");
  clash = put_ok (world->coord_a, "improved", "modules/intro.md", "adaptations/district-a",
                  improved, "# A\n");
  conflict = pdn_test_api_call (world, "POST", world->coord_b, NULL,
                                "/curricula/improved/adaptations/district-a/merge");
  object = pdn_test_api_expect (conflict, 409);
  pdn_test_assert_problem (object, 409, "conflict", "branch");
  conflicts = json_object_get_array_member (object, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (conflicts, 0), ==, "modules/intro.md");
  after = head_of ("improved", NULL);
  g_assert_cmpstr (after, ==, main_head);
}


/* ---- git clone ---- */

/* Runs Debian's git with no prompts and no user configuration. */
static gint
run_git (PdnTestDir *dir, const gchar *const *args, gchar **out)
{
  g_autofree gchar *home = g_strdup_printf ("HOME=%s", dir->path);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree gchar *err = NULL;
  gint status;

  g_ptr_array_add (argv, "/usr/bin/env");
  g_ptr_array_add (argv, "GIT_TERMINAL_PROMPT=0");
  g_ptr_array_add (argv, "GIT_CONFIG_NOSYSTEM=1");
  g_ptr_array_add (argv, home);
  g_ptr_array_add (argv, "/usr/bin/git");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  status = pdn_test_spawn ((const gchar *const *) argv->pdata, out, &err);
  if (status != 0)
    g_test_message ("git: %s", err);
  return status;
}

static gchar *
clone_url (const gchar *slug, const gchar *token)
{
  g_autofree gchar *host = g_strdup (world->daemon->url + strlen ("http://"));

  if (token == NULL)
    return g_strdup_printf ("http://%s/api/v1/git/%s.git", host, slug);
  return g_strdup_printf ("http://pdnet:%s@%s/api/v1/git/%s.git", token, host, slug);
}

/* Acceptance 4: git clone works for a public curriculum; a private one
 * needs the token. */
static void
test_git_clone (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *head = NULL, *second = NULL, *public_url = NULL, *private_url = NULL;
  g_autofree gchar *with_token = NULL, *bad_token = NULL;
  g_autofree gchar *dest = g_build_filename (dir->path, "public", NULL);
  g_autofree gchar *denied = g_build_filename (dir->path, "denied", NULL);
  g_autofree gchar *refused = g_build_filename (dir->path, "refused", NULL);
  g_autofree gchar *allowed = g_build_filename (dir->path, "allowed", NULL);
  g_autofree gchar *intro_path = g_build_filename (dest, "modules", "intro.md", NULL);
  g_autofree gchar *intro = NULL, *log = NULL, *tags = NULL, *fsck = NULL, *private_log = NULL;
  g_autoptr (PdnTestReply) tagged = NULL;
  g_autoptr (RawReply) anonymous = NULL;

  create_curriculum ("cloned", "public");
  head = head_of ("cloned", NULL);
  second = put_ok (world->coord_b, "cloned", "modules/intro.md", NULL, head, "# Cloned\n");
  tagged = pdn_test_api_call (world, "POST", world->coord_b,
                              "{\"name\":\"2017-18\",\"notes\":\"Year one\"}",
                              "/curricula/cloned/releases");
  pdn_test_api_expect (tagged, 201);
  public_url = clone_url ("cloned", NULL);
  {
    const gchar *args[] = { "clone", "-q", public_url, dest, NULL };
    g_assert_cmpint (run_git (dir, args, NULL), ==, 0);
  }
  g_assert_true (g_file_get_contents (intro_path, &intro, NULL, NULL));
  g_assert_cmpstr (intro, ==, "# Cloned\n");
  {
    const gchar *args[] = { "-C", dest, "log", "--format=%H", NULL };
    const gchar *tag_args[] = { "-C", dest, "tag", "-l", NULL };
    const gchar *fsck_args[] = { "-C", dest, "fsck", "--strict", NULL };
    g_autofree gchar *expected = g_strdup_printf ("%s\n%s\n", second, head);
    g_assert_cmpint (run_git (dir, args, &log), ==, 0);
    g_assert_cmpstr (log, ==, expected);
    g_assert_cmpint (run_git (dir, tag_args, &tags), ==, 0);
    g_assert_cmpstr (tags, ==, "2017-18\n");
    g_assert_cmpint (run_git (dir, fsck_args, &fsck), ==, 0);
  }

  create_curriculum ("cloned-private", "private");
  private_url = clone_url ("cloned-private", NULL);
  with_token = clone_url ("cloned-private", world->teacher);
  bad_token = clone_url ("cloned-private", PDN_TEST_BAD_TOKEN);
  {
    const gchar *no_credentials[] = { "clone", "-q", private_url, denied, NULL };
    const gchar *wrong[] = { "clone", "-q", bad_token, refused, NULL };
    const gchar *right[] = { "clone", "-q", with_token, allowed, NULL };
    const gchar *log_args[] = { "-C", allowed, "log", "--format=%an", NULL };
    g_assert_cmpint (run_git (dir, no_credentials, NULL), !=, 0);
    g_assert_cmpint (run_git (dir, wrong, NULL), !=, 0);
    g_assert_cmpint (run_git (dir, right, NULL), ==, 0);
    g_assert_cmpint (run_git (dir, log_args, &private_log), ==, 0);
    g_assert_cmpstr (private_log, ==, "Coordinator B\n");
  }
  anonymous = raw_call ("GET", "/git/cloned-private.git/info/refs", NULL, NULL, NULL);
  raw_problem (anonymous, 401, "unauthorized", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (anonymous->headers, "WWW-Authenticate"), ==,
                   "Basic realm=\"pdnet\"");
}

static void
test_git_paths (void)
{
  const gchar *missing[] = { "/git/cloned.git/config", "/git/cloned.git/objects/zz/1234",
                             "/git/cloned.git/refs/heads/main", "/git/nothing.git/HEAD",
                             "/git/cloned/HEAD" };
  g_autoptr (RawReply) head = raw_call ("GET", "/git/cloned.git/HEAD", NULL, NULL, NULL);
  g_autoptr (RawReply) refs = raw_call ("GET", "/git/cloned.git/info/refs?service=git-upload-pack",
                                        NULL, NULL, NULL);
  g_autofree gchar *refs_text = NULL;

  g_assert_cmpuint (head->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (head->body, NULL), g_bytes_get_size (head->body),
                   "ref: refs/heads/main\n", 21);
  g_assert_cmpuint (refs->status, ==, 200);
  refs_text = g_strndup (g_bytes_get_data (refs->body, NULL), g_bytes_get_size (refs->body));
  g_assert_nonnull (strstr (refs_text, "\trefs/heads/main\n"));
  g_assert_nonnull (strstr (refs_text, "\trefs/tags/2017-18^{}\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr (RawReply) reply = raw_call ("GET", missing[i], NULL, NULL, NULL);
      g_assert_cmpuint (reply->status, ==, 404);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  g_test_add_func ("/pdnet/api/curricula/create-validation", test_create_validation);
  g_test_add_func ("/pdnet/api/curricula/create-access", test_create_access);
  g_test_add_func ("/pdnet/api/curricula/list-and-get", test_list_and_get);
  g_test_add_func ("/pdnet/api/curricula/tree-and-files", test_tree_and_files);
  g_test_add_func ("/pdnet/api/curricula/edit-rules", test_edit_rules);
  g_test_add_func ("/pdnet/api/curricula/concurrent-puts", test_concurrent_puts);
  g_test_add_func ("/pdnet/api/curricula/bytes-and-paths", test_bytes_and_paths);
  g_test_add_func ("/pdnet/api/curricula/history-and-diff", test_history_and_diff);
  g_test_add_func ("/pdnet/api/curricula/session-pin-refused", test_session_pin_refused);
  g_test_add_func ("/pdnet/api/curricula/session-pin-main", test_session_pin_main);
  g_test_add_func ("/pdnet/api/curricula/releases", test_releases);
  g_test_add_func ("/pdnet/api/curricula/session-pin-release", test_session_pin_release);
  g_test_add_func ("/pdnet/api/curricula/adaptation-rules", test_adaptation_rules);
  g_test_add_func ("/pdnet/api/curricula/adaptation-removes-non-negotiable",
                   test_adaptation_removes_non_negotiable);
  g_test_add_func ("/pdnet/api/curricula/adaptation-merges", test_adaptation_merges);
  g_test_add_func ("/pdnet/api/curricula/git-clone", test_git_clone);
  g_test_add_func ("/pdnet/api/curricula/git-paths", test_git_paths);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
