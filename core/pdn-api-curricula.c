/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-caller.h"
#include "pdn-api-curricula.h"
#include "pdn-api-json.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-curriculum-access.h"
#include "pdn-json-fields.h"
#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-api-curricula
 *
 * /curricula: creating curricula, reading their files and history, and
 * editing files with compare-and-swap. A PUT or DELETE of a file names the
 * commit it was based on in If-Match (428 without it); if the branch moved
 * since, it answers 412 with the branch's `head` and writes nothing.
 * Releases, adaptations and merges are in pdn-api-curriculum-branches.c,
 * git clone in pdn-api-curricula-git.c.
 *
 * Everything that touches a repository runs on the worker pool.
 */

#define MAX_INITIAL_FILES 200

/* ---- the call: curriculum, repository, caller ---- */

void
pdn_curriculum_call_clear (PdnCurriculumCall *call)
{
  g_clear_object (&call->curricula);
  g_clear_object (&call->curriculum);
  g_clear_object (&call->repo);
  g_clear_object (&call->caller);
  g_clear_pointer (&call->author_name, g_free);
  g_clear_pointer (&call->author_email, g_free);
}

static gboolean
load_curriculum (PdnCurriculumCall *call, PdnRequest *request, PdnStore *store, GError **error)
{
  call->store = store;
  call->curricula = pdn_curricula_for_store (store, error);
  if (call->curricula == NULL)
    return FALSE;
  call->curriculum = pdn_curriculum_find (store, pdn_request_get_param (request, "slug"), error);
  return call->curriculum != NULL;
}

/**
 * pdn_curriculum_call_read:
 * @caller: (nullable) (transfer none): the caller if the route already
 *   authenticated it (git over HTTP does, with Basic auth); %NULL to read
 *   a bearer token from the request
 *
 * Loads {slug} for reading: public curricula need no caller, private ones
 * a signed-in one (401 otherwise).
 */
gboolean
pdn_curriculum_call_read (PdnCurriculumCall *call, PdnRequest *request, PdnStore *store,
                          PdnAccount *caller, GError **error)
{
  if (caller != NULL)
    call->caller = g_object_ref (caller);
  else
    {
      g_autoptr (GError) local_error = NULL;
      call->caller = pdn_api_caller (request, store, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (!load_curriculum (call, request, store, error))
    return FALSE;
  if (!pdn_curriculum_access_may_read (call->curriculum, call->caller))
    {
      g_autoptr (PdnAccount) signed_in = pdn_api_require_caller (request, store, error);
      return FALSE;
    }
  call->repo = pdn_curricula_open (call->curricula, call->curriculum->slug, error);
  return call->repo != NULL;
}

/* Loads {slug} for a change to @branch, which the caller must be allowed. */
gboolean
pdn_curriculum_call_edit (PdnCurriculumCall *call, PdnRequest *request, PdnStore *store,
                          const gchar *branch, GError **error)
{
  call->caller = pdn_api_require_caller (request, store, error);
  if (call->caller == NULL || !load_curriculum (call, request, store, error)
      || !pdn_curriculum_access_check_edit (store, call->caller, call->curriculum, branch, error))
    return FALSE;
  call->repo = pdn_curricula_open (call->curricula, call->curriculum->slug, error);
  return call->repo != NULL;
}

/* git refuses angle brackets and newlines in names and addresses. */
static gchar *
clean_signature_part (const gchar *text)
{
  gchar *copy = g_strdup (text != NULL ? text : "");

  g_strdelimit (copy, "<>\n\r", ' ');
  return g_strstrip (copy);
}

/* The caller's person (name and email), else its account. */
static gboolean
find_author (PdnCurriculumCall *call, GError **error)
{
  g_autoptr (PdnPerson) person = NULL;
  const gchar *name = call->caller->name;
  const gchar *email = call->caller->email;

  if (call->caller->person_id > 0)
    {
      person = pdn_person_load (call->store, call->caller->person_id, error);
      if (person == NULL)
        return FALSE;
      name = person->name;
      email = person->email != NULL ? person->email : email;
    }
  call->author_name = clean_signature_part (name);
  call->author_email = clean_signature_part (email);
  if (call->author_name[0] == '\0')
    {
      g_free (call->author_name);
      call->author_name = g_strdup_printf ("account %lld", (long long) call->caller->id);
    }
  if (call->author_email[0] == '\0')
    {
      /* git needs an address; .invalid never routes (RFC 2606). */
      g_free (call->author_email);
      call->author_email
          = g_strdup_printf ("account-%lld@pdnet.invalid", (long long) call->caller->id);
    }
  return TRUE;
}

gboolean
pdn_curriculum_call_author (PdnCurriculumCall *call, const gchar *message,
                            PdnCurriculumAuthor *author, GError **error)
{
  if (call->author_name == NULL && !find_author (call, error))
    return FALSE;
  author->name = call->author_name;
  author->email = call->author_email;
  author->message = message;
  author->when = NULL;
  return TRUE;
}

/* After a change to @branch: main's head goes into the table for lists. */
gboolean
pdn_curriculum_call_main_changed (PdnCurriculumCall *call, const gchar *branch, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;

  if (strcmp (branch, PDN_CURRICULUM_MAIN) != 0)
    return TRUE;
  tx = pdn_transaction_begin (call->store, PDN_TRANSACTION_WRITE, error);
  return tx != NULL
         && pdn_curricula_record_head (call->curricula, call->store, call->curriculum, error)
         && pdn_transaction_commit (tx, error);
}

/* @ref as a commit id (main when %NULL); errors name @field. */
gchar *
pdn_curriculum_call_resolve (PdnCurriculumCall *call, const gchar *ref, const gchar *field,
                             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gchar *commit = NULL;

  if (ref == NULL || pdn_curriculum_check_ref_name (ref, field, error))
    commit = pdn_curriculum_repo_resolve (call->repo, ref, &local_error);
  else
    return NULL;
  if (local_error != NULL)
    {
      if (local_error->domain == PDN_ERROR && local_error->code == PDN_ERROR_NOT_FOUND)
        pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, field, "%s", local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return commit;
}

/* ---- JSON ---- */

static void
set_strings (JsonObject *object, const gchar *name, GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_object_set_array_member (object, name, array);
}

JsonNode *
pdn_api_curriculum_commit_to_json (PdnCurriculumCommit *commit)
{
  JsonObject *object = json_object_new ();
  JsonObject *author = json_object_new ();

  json_object_set_string_member (object, "commit", commit->id);
  json_object_set_string_member (author, "name", commit->author_name);
  json_object_set_string_member (author, "email", commit->author_email);
  json_object_set_object_member (object, "author", author);
  json_object_set_string_member (object, "date", commit->date);
  json_object_set_string_member (object, "message", commit->message);
  if (commit->files != NULL)
    set_strings (object, "files_changed", commit->files);
  return pdn_api_json_node (object);
}

static const gchar *
status_name (gchar status)
{
  switch (status)
    {
    case 'A':
      return "added";
    case 'D':
      return "deleted";
    case 'R':
      return "renamed";
    default:
      return "modified";
    }
}

JsonNode *
pdn_api_curriculum_diff_files (PdnCurriculumDiff *diff)
{
  JsonArray *files = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < diff->files->len; i++)
    {
      PdnCurriculumFileDiff *file = g_ptr_array_index (diff->files, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "path", file->path);
      pdn_api_json_set_text (item, "old_path", file->old_path);
      json_object_set_string_member (item, "status", status_name (file->status));
      json_object_set_int_member (item, "added", file->added);
      json_object_set_int_member (item, "removed", file->removed);
      json_object_set_boolean_member (item, "binary", file->binary);
      json_array_add_object_element (files, item);
    }
  json_node_take_array (node, files);
  return node;
}

static JsonObject *
curriculum_object (PdnCurriculum *curriculum)
{
  JsonObject *object = json_object_new ();
  JsonObject *head = json_object_new ();

  json_object_set_string_member (object, "slug", curriculum->slug);
  json_object_set_string_member (object, "title", curriculum->title);
  json_object_set_int_member (object, "owner_organization_id",
                              curriculum->owner_organization_id);
  json_object_set_string_member (object, "visibility", pdn_curriculum_visibility (curriculum));
  pdn_api_json_set_text (head, "commit", curriculum->head_commit);
  pdn_api_json_set_text (head, "author", curriculum->head_author);
  pdn_api_json_set_text (head, "date", curriculum->head_date);
  json_object_set_object_member (object, "head", head);
  json_object_set_string_member (object, "created_at", curriculum->created_at);
  json_object_set_string_member (object, "updated_at", curriculum->updated_at);
  return object;
}

/* ---- POST /curricula ---- */

typedef struct
{
  PdnCurriculum *curriculum;
  PdnCurriculumManifest *manifest;
  GHashTable *files;
  gchar *visibility;
  gchar *message;
} CreateInput;

static void
create_input_clear (CreateInput *input)
{
  g_clear_object (&input->curriculum);
  g_clear_pointer (&input->manifest, pdn_curriculum_manifest_free);
  g_clear_pointer (&input->files, g_hash_table_unref);
  g_free (input->visibility);
  g_free (input->message);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CreateInput, create_input_clear)

/* "files": {"modules/intro.md": "# Intro\n", ...}: text files only; others
 * come later with PUT. */
static gboolean
read_files (PdnJsonFields *fields, CreateInput *input, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObjectIter iter;
  const gchar *path;
  JsonNode *value;

  input->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
  if (!pdn_json_fields_get_object (fields, "files", &node, error) || node == NULL)
    return node == NULL && (error == NULL || *error == NULL);
  if (json_object_get_size (json_node_get_object (node)) > MAX_INITIAL_FILES)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "files",
                           _("A new curriculum starts with at most 200 files"));
      return FALSE;
    }
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &path, &value))
    {
      g_autofree gchar *field = g_strdup_printf ("files.%s", path);
      const gchar *text;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be a string"),
                               field);
          return FALSE;
        }
      if (!pdn_curriculum_check_path (path, field, error))
        return FALSE;
      if (strcmp (path, PDN_CURRICULUM_MANIFEST) == 0)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                               _("curriculum.json is written from the other fields"));
          return FALSE;
        }
      text = json_node_get_string (value);
      g_hash_table_insert (input->files, g_strdup (path), g_bytes_new (text, strlen (text)));
    }
  return TRUE;
}

static gboolean
read_create (JsonNode *body, CreateInput *input, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);
  PdnCurriculum *curriculum = input->curriculum = pdn_curriculum_new ();

  input->manifest = pdn_curriculum_manifest_new ();
  if (fields == NULL || !pdn_json_fields_require (fields, "slug", error)
      || !pdn_json_fields_require (fields, "title", error)
      || !pdn_json_fields_require (fields, "owner_organization_id", error)
      || !pdn_json_fields_require (fields, "visibility", error)
      || !pdn_json_fields_get_string (fields, "slug", FALSE, &curriculum->slug, error)
      || !pdn_json_fields_get_id (fields, "owner_organization_id", FALSE,
                                  &curriculum->owner_organization_id, error)
      || !pdn_json_fields_get_string (fields, "visibility", FALSE, &input->visibility, error)
      || !pdn_json_fields_get_string (fields, "message", TRUE, &input->message, error)
      || !pdn_curriculum_manifest_read (input->manifest, fields, error)
      || !read_files (fields, input, error) || !pdn_json_fields_finish (fields, error))
    return FALSE;
  curriculum->title = g_strdup (input->manifest->title);
  if (!pdn_curriculum_visibility_from_string (input->visibility, &curriculum->is_public))
    {
      static const gchar *const names[] = { "public", "private", NULL };
      return pdn_validate_enum (input->visibility, "visibility", names, error);
    }
  return TRUE;
}

static gboolean
set_owner_slug (PdnStore *store, CreateInput *input, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnOrganization) owner
      = pdn_organization_load (store, input->curriculum->owner_organization_id, &local_error);

  if (owner == NULL)
    {
      if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "owner_organization_id",
                             _("There is no organization %lld"),
                             (long long) input->curriculum->owner_organization_id);
      return FALSE;
    }
  input->manifest->owner_organization = g_strdup (owner->slug);
  return TRUE;
}

static JsonNode *
create_curriculum (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_auto (PdnCurriculumCall) call = { 0 };
  g_auto (CreateInput) input = { 0 };
  g_autofree gchar *default_message = NULL;
  g_autofree gchar *location = NULL;
  PdnCurriculumAuthor author;

  call.store = store;
  call.caller = pdn_api_require_caller (request, store, error);
  if (call.caller == NULL || !read_create (pdn_request_get_body (request), &input, error)
      || !pdn_curriculum_validate (input.curriculum, error)
      || !pdn_curriculum_access_check_act_for (call.caller,
                                               input.curriculum->owner_organization_id,
                                               "owner_organization_id", error)
      || !set_owner_slug (store, &input, error)
      || (call.curricula = pdn_curricula_for_store (store, error)) == NULL)
    return NULL;
  default_message = g_strdup_printf ("Create %s", input.curriculum->title);
  if (!pdn_curriculum_call_author (&call, input.message != NULL ? input.message : default_message,
                                   &author, error)
      || !pdn_curricula_create (call.curricula, store, input.curriculum, input.manifest,
                                input.files, &author, error))
    return NULL;
  location = g_strdup_printf (PDN_API_PREFIX "/curricula/%s", input.curriculum->slug);
  pdn_request_set_status (request, 201);
  pdn_request_set_response_header (request, "Location", location);
  return pdn_api_json_node (curriculum_object (input.curriculum));
}

/* ---- GET /curricula, GET /curricula/{slug} ---- */

static JsonNode *
list_curricula (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnAccount) caller = pdn_api_caller (request, store, NULL, &local_error);
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (GPtrArray) rows = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!pdn_api_check_query (request, NULL, error) || !pdn_api_page_init (&page, request, error))
    return NULL;
  rows = pdn_curriculum_list (store, caller == NULL, page.after,
                              (guint) pdn_api_page_fetch_limit (&page), error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      PdnCurriculum *row = g_ptr_array_index (rows, i);
      if (!pdn_api_page_add (&page, row->id, pdn_api_json_node (curriculum_object (row))))
        break;
    }
  return pdn_api_page_finish (&page);
}

/* What curriculum.json at @commit says, if it can be read. */
static void
add_manifest (JsonObject *object, PdnCurriculumRepo *repo, const gchar *commit)
{
  g_autoptr (GBytes) bytes
      = pdn_curriculum_repo_read_file (repo, commit, PDN_CURRICULUM_MANIFEST, NULL);
  g_autoptr (PdnCurriculumManifest) manifest
      = bytes != NULL ? pdn_curriculum_manifest_parse (bytes, NULL) : NULL;
  g_autoptr (JsonNode) node = manifest != NULL ? pdn_curriculum_manifest_to_json (manifest) : NULL;
  JsonObject *fields = node != NULL ? json_node_get_object (node) : NULL;

  if (fields == NULL)
    {
      json_object_set_null_member (object, "manifest");
      return;
    }
  json_object_set_object_member (object, "manifest", json_object_ref (fields));
}

static JsonNode *
get_curriculum (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autoptr (GPtrArray) adaptations = NULL;
  g_autoptr (PdnCurriculumCommit) head_info = NULL;
  g_autofree gchar *head = NULL;
  JsonObject *object, *head_object;

  if (!pdn_curriculum_call_read (&call, request, user_data, NULL, error)
      || (head = pdn_curriculum_repo_branch_head (call.repo, PDN_CURRICULUM_MAIN, error)) == NULL
      || (head_info = pdn_curriculum_repo_load_commit (call.repo, head, error)) == NULL
      || (adaptations = pdn_curriculum_repo_list_branches (call.repo, "adaptations/", error))
             == NULL)
    return NULL;
  object = curriculum_object (call.curriculum);
  /* The repository is the truth; the table may lag a change made outside. */
  head_object = json_object_get_object_member (object, "head");
  json_object_set_string_member (head_object, "commit", head);
  json_object_set_string_member (head_object, "author", head_info->author_name);
  json_object_set_string_member (head_object, "date", head_info->date);
  add_manifest (object, call.repo, head);
  set_strings (object, "adaptations", adaptations);
  return pdn_api_json_node (object);
}

/* ---- tree and files ---- */

static const gchar *const ref_query[] = { "ref", NULL };

static JsonNode *
get_tree (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *commit = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  JsonObject *object;
  JsonArray *files;

  if (!pdn_api_check_query (request, ref_query, error)
      || !pdn_curriculum_call_read (&call, request, user_data, NULL, error)
      || (commit = pdn_curriculum_call_resolve (&call, pdn_request_get_query (request, "ref"),
                                                "ref", error))
             == NULL
      || (entries = pdn_curriculum_repo_list_tree (call.repo, commit, error)) == NULL)
    return NULL;
  object = json_object_new ();
  files = json_array_new ();
  json_object_set_string_member (object, "commit", commit);
  for (guint i = 0; i < entries->len; i++)
    {
      PdnCurriculumEntry *entry = g_ptr_array_index (entries, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "path", entry->path);
      json_object_set_int_member (item, "size", (gint64) entry->size);
      json_object_set_string_member (item, "blob", entry->blob);
      json_array_add_object_element (files, item);
    }
  json_object_set_array_member (object, "files", files);
  return pdn_api_json_node (object);
}

static const gchar *
content_type_for (const gchar *path)
{
  if (g_str_has_suffix (path, ".md"))
    return "text/markdown; charset=utf-8";
  if (g_str_has_suffix (path, ".json"))
    return "application/json";
  return "application/octet-stream";
}

static gchar *
request_path (PdnRequest *request, GError **error)
{
  return pdn_curriculum_decode_path (pdn_request_get_param (request, "path"), "path", error);
}

/* The commit a file was read at goes out as its ETag, which a client sends
 * back in If-Match. */
static void
set_etag (PdnRequest *request, const gchar *commit)
{
  g_autofree gchar *etag = g_strdup_printf ("\"%s\"", commit);

  pdn_request_set_response_header (request, "ETag", etag);
}

static JsonNode *
get_file (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *path = NULL;
  g_autofree gchar *commit = NULL;
  GBytes *bytes;

  if (!pdn_api_check_query (request, ref_query, error)
      || (path = request_path (request, error)) == NULL
      || !pdn_curriculum_call_read (&call, request, user_data, NULL, error)
      || (commit = pdn_curriculum_call_resolve (&call, pdn_request_get_query (request, "ref"),
                                                "ref", error))
             == NULL
      || (bytes = pdn_curriculum_repo_read_file (call.repo, commit, path, error)) == NULL)
    return NULL;
  set_etag (request, commit);
  pdn_request_take_response (request, content_type_for (path), bytes);
  return NULL;
}

/* If-Match: "<commit id>" (quotes optional): the commit the edit is based
 * on. 428 without it. */
static gchar *
read_if_match (PdnRequest *request, GError **error)
{
  const gchar *header = pdn_request_get_header (request, "If-Match");
  g_autofree gchar *value = NULL;
  gsize length;

  if (header == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_PRECONDITION_REQUIRED, "If-Match",
                           _("Send If-Match with the commit id the change is based on"));
      return NULL;
    }
  value = g_strstrip (g_strdup (header));
  length = strlen (value);
  if (length >= 2 && value[0] == '"' && value[length - 1] == '"')
    {
      memmove (value, value + 1, length - 2);
      value[length - 2] = '\0';
    }
  if (strlen (value) != 40 || strspn (value, "0123456789abcdef") != 40)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "If-Match",
                           _("If-Match must be a full commit id"));
      return NULL;
    }
  return g_steal_pointer (&value);
}

/* ?branch= (main by default) and ?message=, which is required. */
static gboolean
read_edit_query (PdnRequest *request, const gchar **branch, const gchar **message,
                 GError **error)
{
  static const gchar *const allowed[] = { "branch", "message", NULL };

  *branch = pdn_request_get_query (request, "branch");
  *message = pdn_request_get_query (request, "message");
  if (*branch == NULL)
    *branch = PDN_CURRICULUM_MAIN;
  if (!pdn_api_check_query (request, allowed, error)
      || !pdn_curriculum_check_ref_name (*branch, "branch", error))
    return FALSE;
  if (*message == NULL || strspn (*message, " \t\r\n") == strlen (*message))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "message",
                           _("A change needs a commit message (?message=)"));
      return FALSE;
    }
  return pdn_validate_text (*message, "message", TRUE, 2000, error);
}

/* A new curriculum.json must still be one. */
static gboolean
check_content (const gchar *path, GBytes *content, GError **error)
{
  g_autoptr (PdnCurriculumManifest) manifest = NULL;

  if (content == NULL || strcmp (path, PDN_CURRICULUM_MANIFEST) != 0)
    return TRUE;
  manifest = pdn_curriculum_manifest_parse (content, error);
  return manifest != NULL;
}

static JsonNode *
edit_result (const gchar *commit, const gchar *branch, const gchar *path)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "commit", commit);
  json_object_set_string_member (object, "branch", branch);
  json_object_set_string_member (object, "path", path);
  return pdn_api_json_node (object);
}

/* PUT (@content set) or DELETE (@content NULL) of {path}. */
static JsonNode *
edit_file (PdnRequest *request, PdnStore *store, GBytes *content, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *path = NULL;
  g_autofree gchar *base = NULL;
  g_autofree gchar *commit = NULL;
  g_autofree gchar *head = NULL;
  const gchar *branch, *message;
  PdnCurriculumAuthor author;
  PdnCurriculumEdit edit;

  if ((path = request_path (request, error)) == NULL
      || !read_edit_query (request, &branch, &message, error)
      || !pdn_curriculum_call_edit (&call, request, store, branch, error)
      || (base = read_if_match (request, error)) == NULL || !check_content (path, content, error)
      || !pdn_curriculum_call_author (&call, message, &author, error))
    return NULL;
  edit = (PdnCurriculumEdit) { branch, base, path, content };
  commit = pdn_curriculum_repo_commit_edit (call.repo, &edit, &author, &head, error);
  if (commit == NULL)
    {
      if (head != NULL && error != NULL && *error != NULL
          && g_error_matches (*error, PDN_ERROR, PDN_ERROR_PRECONDITION_FAILED))
        pdn_request_set_problem_member (request, "head", json_node_init_string (json_node_alloc (),
                                                                                 head));
      return NULL;
    }
  if (!pdn_curriculum_call_main_changed (&call, branch, error))
    return NULL;
  set_etag (request, commit);
  return edit_result (commit, branch, path);
}

static JsonNode *
put_file (PdnRequest *request, gpointer user_data, GError **error)
{
  GBytes *body = pdn_request_get_raw_body (request);
  g_autoptr (GBytes) content = body != NULL ? g_bytes_ref (body) : g_bytes_new_static ("", 0);

  return edit_file (request, user_data, content, error);
}

static JsonNode *
delete_file (PdnRequest *request, gpointer user_data, GError **error)
{
  return edit_file (request, user_data, NULL, error);
}

/* ---- history and diff ---- */

static gboolean
read_limit (PdnRequest *request, guint *limit, GError **error)
{
  const gchar *text = pdn_request_get_query (request, "limit");
  guint64 value = PDN_API_PAGE_DEFAULT_LIMIT;

  if (text != NULL
      && (!g_ascii_string_to_unsigned (text, 10, 1, PDN_API_PAGE_MAX_LIMIT, &value, NULL)))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "limit",
                           _("limit must be a whole number from 1 to 200"));
      return FALSE;
    }
  *limit = (guint) value;
  return TRUE;
}

static gboolean
read_history_query (PdnRequest *request, const gchar **path, const gchar **cursor, guint *limit,
                    GError **error)
{
  static const gchar *const allowed[] = { "ref", "path", NULL };

  *path = pdn_request_get_query (request, "path");
  *cursor = pdn_request_get_query (request, "cursor");
  if (!pdn_api_check_query (request, allowed, error) || !read_limit (request, limit, error)
      || (*path != NULL && !pdn_curriculum_check_path_syntax (*path, "path", error)))
    return FALSE;
  if (*cursor != NULL && (strlen (*cursor) != 40 || strspn (*cursor, "0123456789abcdef") != 40))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "cursor",
                           _("cursor must be a commit id from a previous page"));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
get_history (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *commit = NULL;
  g_autofree gchar *next = NULL;
  g_autoptr (GPtrArray) commits = NULL;
  const gchar *path, *cursor;
  JsonObject *object;
  JsonArray *items;
  guint limit = 0;

  if (!read_history_query (request, &path, &cursor, &limit, error)
      || !pdn_curriculum_call_read (&call, request, user_data, NULL, error)
      || (commit = pdn_curriculum_call_resolve (&call, pdn_request_get_query (request, "ref"),
                                                "ref", error))
             == NULL
      || (commits = pdn_curriculum_repo_history (call.repo, commit, path, limit, cursor, &next,
                                                 error))
             == NULL)
    return NULL;
  object = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < commits->len; i++)
    json_array_add_element (items, pdn_api_curriculum_commit_to_json (
                                       g_ptr_array_index (commits, i)));
  json_object_set_array_member (object, "items", items);
  pdn_api_json_set_text (object, "next_cursor", next);
  return pdn_api_json_node (object);
}

static JsonNode *
get_diff (PdnRequest *request, gpointer user_data, GError **error)
{
  static const gchar *const allowed[] = { "from", "to", NULL };
  g_auto (PdnCurriculumCall) call = { 0 };
  g_autofree gchar *from = NULL;
  g_autofree gchar *to = NULL;
  g_autoptr (PdnCurriculumDiff) diff = NULL;
  JsonObject *object;

  if (!pdn_api_check_query (request, allowed, error)
      || !pdn_curriculum_call_read (&call, request, user_data, NULL, error))
    return NULL;
  if (pdn_request_get_query (request, "from") == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "from",
                           _("from is required: the version to compare from"));
      return NULL;
    }
  from = pdn_curriculum_call_resolve (&call, pdn_request_get_query (request, "from"), "from",
                                      error);
  if (from == NULL
      || (to = pdn_curriculum_call_resolve (&call, pdn_request_get_query (request, "to"), "to",
                                            error))
             == NULL)
    return NULL;
  diff = pdn_curriculum_repo_diff (call.repo, from, to, error);
  if (diff == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_string_member (object, "from", from);
  json_object_set_string_member (object, "to", to);
  json_object_set_member (object, "files", pdn_api_curriculum_diff_files (diff));
  json_object_set_string_member (object, "patch", diff->patch);
  return pdn_api_json_node (object);
}

/* ---- OpenAPI ---- */

#define COMMIT PDN_API_CURRICULUM_COMMIT_ID
#define OPTIONAL_AUTH "\"security\":[{},{\"bearerAuth\":[]}]"

static const gchar curriculum_schema[]
    = "{\"type\":\"object\",\"required\":[\"slug\",\"title\",\"owner_organization_id\","
      "\"visibility\",\"head\",\"created_at\",\"updated_at\"],\"properties\":{"
      "\"slug\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"},"
      "\"owner_organization_id\":{\"type\":\"integer\"},"
      "\"visibility\":{\"type\":\"string\",\"enum\":[\"public\",\"private\"]},"
      "\"head\":{\"type\":\"object\",\"description\":\"main's head commit, its author and date\","
      "\"properties\":{\"commit\":{\"type\":[\"string\",\"null\"]},"
      "\"author\":{\"type\":[\"string\",\"null\"]},\"date\":{\"type\":[\"string\",\"null\"]}}},"
      "\"manifest\":{\"type\":[\"object\",\"null\"],\"description\":\"curriculum.json on main "
      "(GET of one curriculum only)\"},"
      "\"adaptations\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":"
      "\"Organization slugs with an adaptation branch (GET of one curriculum only)\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
      "\"updated_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}";

static const gchar commit_schema[]
    = "{\"type\":\"object\",\"required\":[\"commit\",\"author\",\"date\",\"message\"],"
      "\"properties\":{\"commit\":" COMMIT ",\"author\":{\"type\":\"object\",\"properties\":{"
      "\"name\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}}},"
      "\"date\":{\"type\":\"string\",\"format\":\"date-time\"},\"message\":{\"type\":\"string\"},"
      "\"files_changed\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

static const gchar file_diff_schema[]
    = "{\"type\":\"object\",\"required\":[\"path\",\"status\",\"added\",\"removed\",\"binary\"],"
      "\"properties\":{\"path\":{\"type\":\"string\"},\"old_path\":{\"type\":[\"string\","
      "\"null\"]},\"status\":{\"type\":\"string\",\"enum\":[\"added\",\"deleted\",\"modified\","
      "\"renamed\"]},\"added\":{\"type\":\"integer\",\"description\":\"Lines added\"},"
      "\"removed\":{\"type\":\"integer\",\"description\":\"Lines removed\"},"
      "\"binary\":{\"type\":\"boolean\"}}}";

static const gchar create_operation[]
    = "{\"operationId\":\"createCurriculum\",\"summary\":\"Create a curriculum\","
      "\"description\":\"Makes its git repository with a first commit holding curriculum.json "
      "(and any files given). Admins, or the owner organization's coordinators and leads.\","
      "\"tags\":[\"curricula\"],\"requestBody\":{\"required\":true,\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"slug\",\"title\",\"owner_organization_id\",\"visibility\"],"
      "\"properties\":{\"slug\":{\"type\":\"string\",\"pattern\":\"^[a-z0-9]+(-[a-z0-9]+)*$\"},"
      "\"title\":{\"type\":\"string\",\"maxLength\":200},"
      "\"owner_organization_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"visibility\":{\"type\":\"string\",\"enum\":[\"public\",\"private\"]},"
      "\"summary\":{\"type\":[\"string\",\"null\"]},"
      "\"program_type\":{\"type\":[\"string\",\"null\"]},"
      "\"audience\":{\"type\":[\"string\",\"null\"]},"
      "\"non_negotiables\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
      "\"required\":[\"name\",\"files\"],\"properties\":{\"name\":{\"type\":\"string\"},"
      "\"files\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}},"
      "\"files\":{\"type\":\"object\",\"description\":\"Text files of the first commit by path "
      "(modules/NAME.md, resources/...)\",\"additionalProperties\":{\"type\":\"string\"}},"
      "\"message\":{\"type\":[\"string\",\"null\"],\"description\":\"The first commit's "
      "message\"}}}}}},"
      "\"responses\":{\"201\":{\"description\":\"The new curriculum\",\"content\":{"
      "\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Curriculum\"}}}}}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listCurricula\",\"summary\":\"List curricula with main's head, last "
      "author and date\",\"description\":\"Without a token, only public ones.\","
      "\"tags\":[\"curricula\"]," OPTIONAL_AUTH ","
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS "],"
      "\"responses\":{\"200\":{\"description\":\"A page of curricula\",\"content\":{"
      "\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/CurriculumPage\"}}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getCurriculum\",\"summary\":\"Get a curriculum's metadata and "
      "head\",\"tags\":[\"curricula\"]," OPTIONAL_AUTH ","
      "\"responses\":{\"200\":{\"description\":\"The curriculum\",\"content\":{"
      "\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Curriculum\"}}}}}}";

static const gchar tree_operation[]
    = "{\"operationId\":\"getCurriculumTree\",\"summary\":\"List a curriculum's files at a "
      "ref\",\"tags\":[\"curricula\"]," OPTIONAL_AUTH ",\"parameters\":["
      PDN_API_CURRICULUM_REF_PARAMETER "],"
      "\"responses\":{\"200\":{\"description\":\"The files\",\"content\":{\"application/json\":"
      "{\"schema\":{\"type\":\"object\",\"required\":[\"commit\",\"files\"],\"properties\":{"
      "\"commit\":" COMMIT ",\"files\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
      "\"properties\":{\"path\":{\"type\":\"string\"},\"size\":{\"type\":\"integer\"},"
      "\"blob\":{\"type\":\"string\"}}}}}}}}}}}";

static const gchar get_file_operation[]
    = "{\"operationId\":\"getCurriculumFile\",\"summary\":\"Get a file at a ref\","
      "\"description\":\"The bytes as stored. ETag is the commit read, for If-Match. {path} may "
      "span several segments (modules/intro.md).\",\"tags\":[\"curricula\"]," OPTIONAL_AUTH ","
      "\"parameters\":[" PDN_API_CURRICULUM_REF_PARAMETER "],"
      "\"responses\":{\"200\":{\"description\":\"The file\",\"content\":{"
      "\"application/octet-stream\":{\"schema\":{\"type\":\"string\",\"format\":\"binary\"}},"
      "\"text/markdown\":{\"schema\":{\"type\":\"string\"}}}}}}";

#define EDIT_PARAMETERS                                                                          \
  "\"parameters\":[{\"name\":\"If-Match\",\"in\":\"header\",\"required\":true,"                  \
  "\"description\":\"The commit id the change is based on\",\"schema\":{\"type\":\"string\"}},"  \
  "{\"name\":\"message\",\"in\":\"query\",\"required\":true,\"description\":\"The commit "       \
  "message\",\"schema\":{\"type\":\"string\"}},"                                                 \
  "{\"name\":\"branch\",\"in\":\"query\",\"description\":\"main by default, or "                 \
  "adaptations/ORG\",\"schema\":{\"type\":\"string\"}}]"

#define EDIT_RESPONSES                                                                           \
  "\"responses\":{\"200\":{\"description\":\"The new commit\",\"content\":{\"application/json\":" \
  "{\"schema\":{\"type\":\"object\",\"required\":[\"commit\",\"branch\",\"path\"],"              \
  "\"properties\":{\"commit\":" COMMIT ",\"branch\":{\"type\":\"string\"},"                      \
  "\"path\":{\"type\":\"string\"}}}}}},"                                                         \
  "\"412\":{\"description\":\"The branch moved: nothing was written; `head` is where it is "     \
  "now\",\"content\":{\"application/problem+json\":{\"schema\":{\"allOf\":[{\"$ref\":"           \
  "\"#/components/schemas/Problem\"},{\"type\":\"object\",\"properties\":{\"head\":" COMMIT      \
  "}}]}}}},\"428\":{\"$ref\":\"#/components/responses/Problem\"}}"

static const gchar put_file_operation[]
    = "{\"operationId\":\"putCurriculumFile\",\"summary\":\"Create or replace a file\","
      "\"description\":\"Commits the request body as the file, if the branch is still at "
      "If-Match.\",\"tags\":[\"curricula\"]," EDIT_PARAMETERS ","
      "\"requestBody\":{\"required\":true,\"content\":{\"*/*\":{\"schema\":{\"type\":\"string\","
      "\"format\":\"binary\"}}}}," EDIT_RESPONSES "}";

static const gchar delete_file_operation[]
    = "{\"operationId\":\"deleteCurriculumFile\",\"summary\":\"Delete a file\","
      "\"description\":\"Commits the deletion, if the branch is still at If-Match.\","
      "\"tags\":[\"curricula\"]," EDIT_PARAMETERS "," EDIT_RESPONSES "}";

static const gchar history_operation[]
    = "{\"operationId\":\"getCurriculumHistory\",\"summary\":\"A curriculum's commits, newest "
      "first\",\"tags\":[\"curricula\"]," OPTIONAL_AUTH ",\"parameters\":["
      PDN_API_CURRICULUM_REF_PARAMETER ",{\"name\":\"path\",\"in\":\"query\",\"description\":"
      "\"Only commits that change this file or folder\",\"schema\":{\"type\":\"string\"}},"
      "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,"
      "\"maximum\":200,\"default\":50}},{\"name\":\"cursor\",\"in\":\"query\",\"description\":"
      "\"next_cursor of the previous page\",\"schema\":{\"type\":\"string\"}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of commits\",\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"required\":[\"items\","
      "\"next_cursor\"],\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":"
      "\"#/components/schemas/CurriculumCommit\"}},\"next_cursor\":{\"type\":[\"string\","
      "\"null\"]}}}}}}}}";

static const gchar diff_operation[]
    = "{\"operationId\":\"getCurriculumDiff\",\"summary\":\"What changed between two refs\","
      "\"tags\":[\"curricula\"]," OPTIONAL_AUTH ",\"parameters\":["
      "{\"name\":\"from\",\"in\":\"query\",\"required\":true,\"schema\":{\"type\":\"string\"}},"
      "{\"name\":\"to\",\"in\":\"query\",\"description\":\"main by default\",\"schema\":"
      "{\"type\":\"string\"}}],"
      "\"responses\":{\"200\":{\"description\":\"A unified diff and per-file counts\","
      "\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\",\"required\":[\"from\","
      "\"to\",\"files\",\"patch\"],\"properties\":{\"from\":" COMMIT ",\"to\":" COMMIT ","
      "\"files\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/"
      "CurriculumFileDiff\"}},\"patch\":{\"type\":\"string\"}}}}}}}}";

/**
 * pdn_api_curricula_register:
 *
 * Adds POST and GET /curricula, GET /curricula/{slug}, its tree, files
 * (GET, PUT, DELETE), history and diff.
 */
void
pdn_api_curricula_register (PdnRouter *router, PdnStore *store)
{
  const PdnRouteFlags git = PDN_ROUTE_WORKER;
  const PdnRouteFlags file = PDN_ROUTE_WORKER | PDN_ROUTE_TAIL_PARAM;

  pdn_router_add_schema (router, "Curriculum", curriculum_schema);
  pdn_router_add_schema (router, "CurriculumPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/Curriculum"));
  pdn_router_add_schema (router, "CurriculumCommit", commit_schema);
  pdn_router_add_schema (router, "CurriculumFileDiff", file_diff_schema);
  pdn_api_resource_add (router, "POST", "/curricula", PDN_ROUTE_JSON_BODY | git,
                        create_operation, create_curriculum, store);
  pdn_api_resource_add (router, "GET", "/curricula", PDN_ROUTE_DEFAULT, list_operation,
                        list_curricula, store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}", git, get_operation, get_curriculum,
                        store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}/tree", git, tree_operation, get_tree,
                        store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}/files/{path}", file,
                        get_file_operation, get_file, store);
  pdn_api_resource_add (router, "PUT", "/curricula/{slug}/files/{path}",
                        file | PDN_ROUTE_RAW_BODY, put_file_operation, put_file, store);
  pdn_api_resource_add (router, "DELETE", "/curricula/{slug}/files/{path}", file,
                        delete_file_operation, delete_file, store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}/history", git, history_operation,
                        get_history, store);
  pdn_api_resource_add (router, "GET", "/curricula/{slug}/diff", git, diff_operation, get_diff,
                        store);
}
