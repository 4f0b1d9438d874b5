/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-caller.h"
#include "pdn-api-curricula.h"
#include "pdn-api-resource.h"
#include "pdn-curriculum-repo-private.h"
#include "pdn-token.h"

/**
 * SECTION:pdn-api-curricula-git
 *
 * `git clone https://HOST/api/v1/git/<slug>.git` over git's dumb HTTP
 * protocol: read-only, and simpler than smart HTTP. The client asks for
 * info/refs (generated here from the repository's refs, with peeled tags),
 * HEAD, objects/info/packs, then each loose object or pack file it needs,
 * which are served as they are on disk. Smart-protocol probes
 * (?service=git-upload-pack) get the same dumb answer, which tells git to
 * fall back.
 *
 * Public curricula need no credentials; private ones need a token, sent
 * by git as HTTP Basic auth with the token as password (any user name), or
 * as a bearer token. A 401 carries a Basic challenge so git asks for (or
 * sends) its credentials.
 */

#define BASIC_CHALLENGE "Basic realm=\"pdnet\""

static void
challenge (PdnRequest *request)
{
  pdn_request_set_response_header (request, "WWW-Authenticate", BASIC_CHALLENGE);
}

static gboolean
unauthorized (PdnRequest *request, GError **error, const gchar *message)
{
  challenge (request);
  pdn_error_set_field (error, PDN_ERROR_UNAUTHORIZED, NULL, "%s", message);
  return FALSE;
}

/* The token of "Authorization: Basic base64(user:token)". */
static gchar *
basic_token (const gchar *header)
{
  gsize length = 0;
  g_autofree guchar *decoded = g_base64_decode (header + 6, &length);
  g_autofree gchar *text = decoded != NULL ? g_strndup ((gchar *) decoded, length) : NULL;
  const gchar *colon = text != NULL ? strchr (text, ':') : NULL;

  return colon != NULL && colon[1] != '\0' ? g_strdup (colon + 1) : NULL;
}

/* The caller of a Basic or Bearer request; NULL without error when it has
 * no credentials. */
static gboolean
authenticate (PdnRequest *request, PdnStore *store, PdnAccount **caller, GError **error)
{
  const gchar *header = pdn_request_get_header (request, "Authorization");
  g_autofree gchar *token = NULL;
  g_autoptr (GError) local_error = NULL;

  *caller = NULL;
  if (header == NULL)
    return TRUE;
  if (g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    {
      *caller = pdn_api_caller (request, store, NULL, error);
      return *caller != NULL;
    }
  token = basic_token (header);
  if (token == NULL)
    return unauthorized (request, error, _("Send the token as the password"));
  *caller = pdn_token_authenticate (store, token, NULL, &local_error);
  if (*caller != NULL)
    {
      pdn_request_set_account_id (request, (*caller)->id);
      return TRUE;
    }
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return unauthorized (request, error, local_error->message);
}

/* ---- what a dumb client reads ---- */

static gboolean
is_hex (const gchar *text, gsize length)
{
  return strlen (text) == length && strspn (text, "0123456789abcdef") == length;
}

/* objects/ab/cdef... (a loose object) or objects/pack/pack-<id>.{pack,idx}:
 * the only files served as they are on disk. */
static gboolean
is_object_file (const gchar *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  const gchar *name;

  if (g_strv_length (parts) != 3 || strcmp (parts[0], "objects") != 0)
    return FALSE;
  if (is_hex (parts[1], 2) && is_hex (parts[2], 38))
    return TRUE;
  name = parts[2];
  if (strcmp (parts[1], "pack") != 0 || !g_str_has_prefix (name, "pack-"))
    return FALSE;
  if (g_str_has_suffix (name, ".pack") || g_str_has_suffix (name, ".idx"))
    {
      g_autofree gchar *id = g_strndup (name + 5, strcspn (name + 5, "."));
      return is_hex (id, 40);
    }
  return FALSE;
}

static int
add_ref (git_reference *ref, void *payload)
{
  GPtrArray *lines = payload;
  g_autoptr (git_object) peeled = NULL;
  const git_oid *target = git_reference_target (ref);
  const gchar *name = git_reference_name (ref);

  if (target != NULL && g_str_has_prefix (name, "refs/"))
    {
      g_autofree gchar *id = pdn_git_oid_to_string (target);
      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\n", id, name));
      /* Annotated tags also list the commit they point to. */
      if (g_str_has_prefix (name, "refs/tags/")
          && git_reference_peel (&peeled, ref, GIT_OBJECT_COMMIT) == 0
          && !git_oid_equal (git_object_id (peeled), target))
        {
          g_autofree gchar *commit = pdn_git_oid_to_string (git_object_id (peeled));
          g_ptr_array_add (lines, g_strdup_printf ("%s\t%s^{}\n", commit, name));
        }
    }
  git_reference_free (ref);
  return 0;
}

static gint
compare_lines (gconstpointer a, gconstpointer b)
{
  /* By ref name, as git update-server-info writes them. */
  const gchar *x = strchr (*(const gchar *const *) a, '\t');
  const gchar *y = strchr (*(const gchar *const *) b, '\t');

  return strcmp (x, y);
}

/* info/refs as `git update-server-info` would write it. */
static GBytes *
info_refs (PdnCurriculumRepo *self, GError **error)
{
  g_autoptr (git_repository) repo = pdn_curriculum_repo_open_git (self, error);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  if (repo == NULL
      || !pdn_git_check (git_reference_foreach (repo, add_ref, lines), error,
                         _("Cannot list the branches")))
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (text, g_ptr_array_index (lines, i));
  return g_string_free_to_bytes (text);
}

/* objects/info/packs: one "P pack-<id>.pack" line per pack. */
static GBytes *
info_packs (const gchar *repo_path)
{
  g_autofree gchar *dir_path = g_build_filename (repo_path, "objects", "pack", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GString *text = g_string_new (NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "pack-") && g_str_has_suffix (name, ".pack"))
      g_string_append_printf (text, "P %s\n", name);
  g_string_append_c (text, '\n');
  return g_string_free_to_bytes (text);
}

static GBytes *
read_repo_file (const gchar *repo_path, const gchar *path, GError **error)
{
  g_autofree gchar *full = g_build_filename (repo_path, path, NULL);
  gchar *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (full, &contents, &length, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "path",
                           _("This repository has no %s"), path);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static GBytes *
serve (PdnCurriculumRepo *repo, const gchar *path, const gchar **type, GError **error)
{
  const gchar *repo_path = pdn_curriculum_repo_get_path (repo);

  *type = "text/plain; charset=utf-8";
  if (strcmp (path, "info/refs") == 0)
    return info_refs (repo, error);
  if (strcmp (path, "objects/info/packs") == 0)
    return info_packs (repo_path);
  if (strcmp (path, "HEAD") == 0)
    return read_repo_file (repo_path, "HEAD", error);
  *type = "application/octet-stream";
  if (is_object_file (path))
    return read_repo_file (repo_path, path, error);
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "path", _("This repository has no %s"), path);
  return NULL;
}

/* {repository} is <slug>.git; {slug} is what the curriculum routes read. */
static gboolean
set_slug (PdnRequest *request, GError **error)
{
  const gchar *repository = pdn_request_get_param (request, "repository");
  g_autoptr (GHashTable) params = NULL;

  if (!g_str_has_suffix (repository, ".git") || strlen (repository) <= 4)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "repository",
                           _("Clone a curriculum at /api/v1/git/SLUG.git"));
      return FALSE;
    }
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (params, g_strdup ("slug"),
                       g_strndup (repository, strlen (repository) - 4));
  g_hash_table_insert (params, g_strdup ("path"), g_strdup (pdn_request_get_param (request,
                                                                                   "path")));
  pdn_request_take_params (request, g_steal_pointer (&params));
  return TRUE;
}

static JsonNode *
get_git_file (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  static const gchar *const allowed[] = { "service", NULL };
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autoptr (PdnAccount) caller = NULL;
  g_autofree gchar *path = NULL;
  const gchar *type = NULL;
  GBytes *bytes;

  if (!pdn_api_check_query (request, allowed, error) || !set_slug (request, error)
      || !authenticate (request, store, &caller, error))
    return NULL;
  path = g_uri_unescape_string (pdn_request_get_param (request, "path"), "/");
  if (path == NULL || !pdn_curriculum_check_path_syntax (path, "path", error))
    {
      if (path == NULL)
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "path",
                             _("A file path must be percent-encoded UTF-8"));
      return NULL;
    }
  if (!pdn_curriculum_call_read (&call, request, store, caller, error))
    {
      if (error != NULL && g_error_matches (*error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED))
        challenge (request);
      return NULL;
    }
  bytes = serve (call.repo, path, &type, error);
  if (bytes == NULL)
    return NULL;
  pdn_request_take_response (request, type, bytes);
  return NULL;
}

static const gchar git_operation[]
    = "{\"operationId\":\"getCurriculumGitFile\",\"summary\":\"git clone over HTTP (dumb "
      "protocol)\",\"description\":\"`git clone URL/api/v1/git/SLUG.git` reads info/refs, "
      "HEAD, objects/info/packs and object files here. Public curricula need no credentials; "
      "private ones a token as the Basic auth password (or a bearer token).\","
      "\"tags\":[\"curricula\"],\"security\":[{},{\"bearerAuth\":[]}],"
      "\"parameters\":[{\"name\":\"service\",\"in\":\"query\",\"description\":\"Sent by git's "
      "smart-protocol probe; answered the dumb way\",\"schema\":{\"type\":\"string\"}}],"
      "\"responses\":{\"200\":{\"description\":\"The file\",\"content\":{"
      "\"application/octet-stream\":{\"schema\":{\"type\":\"string\",\"format\":\"binary\"}},"
      "\"text/plain\":{\"schema\":{\"type\":\"string\"}}}}}}";

/**
 * pdn_api_curricula_git_register:
 *
 * Adds GET /git/{repository}/{path}, for git clone.
 */
void
pdn_api_curricula_git_register (PdnRouter *router, PdnStore *store)
{
  pdn_api_resource_add (router, "GET", "/git/{repository}/{path}",
                        PDN_ROUTE_WORKER | PDN_ROUTE_TAIL_PARAM, git_operation, get_git_file,
                        store);
}
