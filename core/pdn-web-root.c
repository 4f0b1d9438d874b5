/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>
#include <stdlib.h>
#include <string.h>

#include "pdn-web-root.h"

/*
 * The web pages' files (data/web), served by pdnetd at every path outside
 * /api/: "/NAME" is the page whose script is js/pages/NAME.js, anything
 * with a dot a file (css/site.css). Files are read at each request, so pages can be edited without a
 * restart; they are small and few. Only plain names are served: no "..",
 * no hidden files, nothing a symbolic link leads out of the directory to.
 */

#define MAX_FILE_SIZE (4 * 1024 * 1024)

struct _PdnWebRoot
{
  GObject parent_instance;
  gchar *directory; /* canonical, without a trailing slash */
};

G_DEFINE_FINAL_TYPE (PdnWebRoot, pdn_web_root, G_TYPE_OBJECT)

static void
pdn_web_root_finalize (GObject *object)
{
  g_free (PDN_WEB_ROOT (object)->directory);
  G_OBJECT_CLASS (pdn_web_root_parent_class)->finalize (object);
}

static void
pdn_web_root_class_init (PdnWebRootClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_web_root_finalize;
}

static void
pdn_web_root_init (PdnWebRoot *self)
{
}

/**
 * pdn_web_root_new:
 * @directory: the folder with page.html
 *
 * Returns: (transfer full) (nullable): the root, or %NULL when @directory
 *   has no page.html.
 */
PdnWebRoot *
pdn_web_root_new (const gchar *directory, GError **error)
{
  g_autofree gchar *canonical = g_canonicalize_filename (directory, NULL);
  g_autofree gchar *index = g_build_filename (canonical, "page.html", NULL);
  PdnWebRoot *self;

  if (!g_file_test (index, G_FILE_TEST_IS_REGULAR))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "web-dir",
                           _("%s has no page.html"), directory);
      return NULL;
    }
  self = g_object_new (PDN_TYPE_WEB_ROOT, NULL);
  self->directory = g_steal_pointer (&canonical);
  return self;
}

const gchar *
pdn_web_root_get_directory (PdnWebRoot *self)
{
  return self->directory;
}

static const struct
{
  const gchar *suffix;
  const gchar *type;
} content_types[] = {
  { ".js", "text/javascript; charset=utf-8" },
  { ".mjs", "text/javascript; charset=utf-8" },
  { ".css", "text/css; charset=utf-8" },
  { ".json", "application/json" },
  { ".svg", "image/svg+xml" },
  { ".png", "image/png" },
  { ".ico", "image/x-icon" },
  { ".webmanifest", "application/manifest+json" },
  { ".txt", "text/plain; charset=utf-8" },
};

static const gchar *
content_type_of (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (content_types); i++)
    if (g_str_has_suffix (name, content_types[i].suffix))
      return content_types[i].type;
  return NULL;
}

/* A file's path of plain names only: no "..", nothing hidden. */
static gboolean
is_plain_path (const gchar *path)
{
  g_auto (GStrv) segments = NULL;

  if (path == NULL || path[0] != '/' || strlen (path) > 512 || strchr (path, '\\') != NULL)
    return FALSE;
  segments = g_strsplit (path + 1, "/", 16);
  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == '\0' || segments[i][0] == '.')
      return FALSE;
  return TRUE;
}

/* "/sessions" is the page "sessions"; "/" the catalog. NULL for a file. */
static gchar *
page_name (const gchar *path)
{
  if (strcmp (path, "/") == 0)
    return g_strdup (PDN_WEB_HOME_PAGE);
  if (strchr (path + 1, '/') != NULL || strchr (path, '.') != NULL)
    return NULL;
  for (const gchar *c = path + 1; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return NULL;
  return g_strdup (path + 1);
}

/* The file's contents when it is a regular file inside the root. */
static GBytes *
read_inside (PdnWebRoot *self, const gchar *relative)
{
  g_autofree gchar *path = g_build_filename (self->directory, relative, NULL);
  g_autofree gchar *real = realpath (path, NULL);
  g_autofree gchar *prefix = g_strconcat (self->directory, "/", NULL);
  gchar *contents = NULL;
  gsize length = 0;

  if (real == NULL || !g_str_has_prefix (real, prefix)
      || !g_file_test (real, G_FILE_TEST_IS_REGULAR))
    return NULL;
  if (!g_file_get_contents (real, &contents, &length, NULL))
    return NULL;
  if (length > MAX_FILE_SIZE)
    {
      g_free (contents);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* Every page is page.html running its own script, js/pages/NAME.js:
 * one skeleton instead of a copy per page. */
static GBytes *
read_page (PdnWebRoot *self, const gchar *name)
{
  g_autofree gchar *script = g_strconcat ("js/pages/", name, ".js", NULL);
  g_autoptr (GBytes) script_file = read_inside (self, script);
  g_autoptr (GBytes) skeleton = script_file != NULL ? read_inside (self, "page.html") : NULL;
  g_autoptr (GString) page = NULL;

  if (skeleton == NULL)
    return NULL;
  page = g_string_new_len (g_bytes_get_data (skeleton, NULL), g_bytes_get_size (skeleton));
  g_string_replace (page, "{{page}}", name, 0);
  return g_string_free_to_bytes (g_steal_pointer (&page));
}

/**
 * pdn_web_root_read:
 * @path: the request's path, decoded
 * @content_type: (out): the file's media type
 *
 * Returns: (transfer full) (nullable): the page or file, or %NULL when
 *   there is none at @path.
 */
GBytes *
pdn_web_root_read (PdnWebRoot *self, const gchar *path, const gchar **content_type)
{
  g_autofree gchar *name = NULL;
  const gchar *type;
  GBytes *body;

  if (!is_plain_path (path) && strcmp (path, "/") != 0)
    return NULL;
  name = page_name (path);
  if (name != NULL)
    {
      body = read_page (self, name);
      type = "text/html; charset=utf-8";
    }
  else
    {
      type = content_type_of (path);
      body = type != NULL ? read_inside (self, path + 1) : NULL;
    }
  if (body != NULL)
    *content_type = type;
  return body;
}
