/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "pdn-catalog.h"
#include "pdn-i18n.h"

/*
 * Per-request languages.
 *
 * glibc chooses a message catalog from the process locale (or a thread's
 * uselocale() locale), and only for locales that are installed; LANGUAGE is
 * process-wide. pdnetd must answer each request in the language of its
 * Accept-Language header, on a server that may only have C.UTF-8. So:
 *
 *  - config.h defines g_dgettext, g_dngettext and g_dpgettext as the
 *    pdn_ functions below, so every _(), C_() and Q_() in pdnet goes here;
 *  - a thread that serves a request sets its language with
 *    pdn_i18n_set_thread_language(); its messages then come from our own
 *    reader of the installed .mo file (PdnCatalog), whatever the locale;
 *  - threads without a language (the CLI, the daemon's own messages) get
 *    the process locale through dgettext() as usual.
 */

static GPrivate thread_language;

G_LOCK_DEFINE_STATIC (catalogs);
static GHashTable *catalogs; /* interned language -> PdnCatalog */

/**
 * pdn_i18n_init:
 *
 * Sets the locale from the environment and binds pdnet's message catalog.
 * PDNET_LOCALEDIR points at the build tree's catalogs for tests and
 * `meson devenv`; installed programs use LOCALEDIR.
 */
void
pdn_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pdn_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Whether @localedir holds pdnet's catalog for some language. */
static gboolean
has_catalogs (const gchar *localedir)
{
  g_autoptr (GDir) dir = g_dir_open (localedir, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *path
          = g_build_filename (localedir, name, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* $PDNET_LOCALEDIR, else the installed catalogs, else (for programs run
 * from their build tree before `meson install`) the build tree's. */
const gchar *
pdn_i18n_get_localedir (void)
{
  static const gchar *chosen;
  const gchar *localedir = g_getenv ("PDNET_LOCALEDIR");

  if (localedir != NULL)
    return localedir;
  if (g_once_init_enter (&chosen))
    g_once_init_leave (&chosen, has_catalogs (LOCALEDIR) || !has_catalogs (PDN_BUILD_LOCALEDIR)
                                    ? LOCALEDIR
                                    : PDN_BUILD_LOCALEDIR);
  return chosen;
}

/* Every language with an installed catalog, loaded once. */
static GHashTable *
load_catalogs (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  const gchar *localedir = pdn_i18n_get_localedir ();
  g_autoptr (GDir) dir = g_dir_open (localedir, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *path
          = g_build_filename (localedir, name, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      g_autoptr (GError) error = NULL;
      PdnCatalog *catalog;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      catalog = pdn_catalog_new_from_file (path, &error);
      if (catalog == NULL)
        {
          g_warning ("%s: %s", path, error->message);
          continue;
        }
      g_hash_table_insert (table, (gpointer)g_intern_string (name), catalog);
    }
  return table;
}

static PdnCatalog *
catalog_for (const gchar *language)
{
  PdnCatalog *catalog;

  G_LOCK (catalogs);
  if (catalogs == NULL)
    catalogs = load_catalogs ();
  catalog = g_hash_table_lookup (catalogs, language);
  G_UNLOCK (catalogs);
  return catalog;
}

/* A language tag's gettext name ("es-mx" -> "es_MX"), or NULL for a tag we
 * do not serve. Only letters and digits pass, so it is safe in a path. */
static gchar *
gettext_name (const gchar *tag)
{
  g_auto (GStrv) parts = g_strsplit (tag, "-", 3);
  gsize primary = strlen (parts[0]);

  if (primary < 2 || primary > 3)
    return NULL;
  for (gsize i = 0; i < primary; i++)
    if (!g_ascii_isalpha (parts[0][i]))
      return NULL;
  if (parts[1] != NULL && strlen (parts[1]) == 2 && g_ascii_isalpha (parts[1][0])
      && g_ascii_isalpha (parts[1][1]))
    {
      g_autofree gchar *lang = g_ascii_strdown (parts[0], -1);
      g_autofree gchar *region = g_ascii_strup (parts[1], -1);
      return g_strconcat (lang, "_", region, NULL);
    }
  return g_ascii_strdown (parts[0], -1);
}

/* The language to answer @tag in: an installed catalog for the tag or its
 * primary language, the source language, or NULL. */
static const gchar *
match_tag (const gchar *tag)
{
  g_autofree gchar *name = gettext_name (tag);
  gchar *underscore;

  if (name == NULL)
    return NULL;
  for (;;)
    {
      if (strcmp (name, PDN_I18N_SOURCE_LANGUAGE) == 0)
        return g_intern_static_string (PDN_I18N_SOURCE_LANGUAGE);
      if (catalog_for (name) != NULL)
        return g_intern_string (name);
      underscore = strchr (name, '_');
      if (underscore == NULL)
        return NULL;
      *underscore = '\0';
    }
}

typedef struct
{
  gchar *tag;
  gdouble quality;
  guint position;
} PdnLanguageRange;

static gint
compare_ranges (gconstpointer a, gconstpointer b)
{
  const PdnLanguageRange *ra = a, *rb = b;

  if (ra->quality != rb->quality)
    return ra->quality > rb->quality ? -1 : 1;
  return ra->position < rb->position ? -1 : 1;
}

/* Parses one "tag;q=0.5" element; FALSE for malformed or refused ones. */
static gboolean
parse_range (const gchar *element, guint position, PdnLanguageRange *range)
{
  g_auto (GStrv) parts = g_strsplit (element, ";", 2);
  gchar *tag = g_strstrip (parts[0]);

  range->quality = 1.0;
  range->position = position;
  if (tag[0] == '\0' || strlen (tag) > 35)
    return FALSE;
  if (parts[1] != NULL)
    {
      gchar *q = g_strstrip (parts[1]);
      gchar *end = NULL;

      if (q[0] != 'q' || q[1] != '=')
        return FALSE;
      range->quality = g_ascii_strtod (q + 2, &end);
      if (end == q + 2 || *end != '\0' || range->quality <= 0.0 || range->quality > 1.0)
        return FALSE;
    }
  range->tag = g_strdup (tag);
  return TRUE;
}

static void
range_clear (gpointer data)
{
  g_free (((PdnLanguageRange *)data)->tag);
}

/**
 * pdn_i18n_negotiate:
 * @accept_language: (nullable): an Accept-Language header
 *
 * Picks the language to answer in: the most preferred language (by q
 * value, then order) that has an installed catalog or is the source
 * language. At most 16 ranges are considered.
 *
 * Returns: (nullable): an interned language name such as "es" or "en",
 *   or %NULL to use the daemon's own locale (no header, or "*").
 */
const gchar *
pdn_i18n_negotiate (const gchar *accept_language)
{
  g_auto (GStrv) elements = NULL;
  g_autoptr (GArray) ranges = NULL;

  if (accept_language == NULL)
    return NULL;
  elements = g_strsplit (accept_language, ",", 17);
  ranges = g_array_new (FALSE, FALSE, sizeof (PdnLanguageRange));
  g_array_set_clear_func (ranges, range_clear);
  for (guint i = 0; elements[i] != NULL && i < 16; i++)
    {
      PdnLanguageRange range = { 0 };
      if (parse_range (elements[i], i, &range))
        g_array_append_val (ranges, range);
    }
  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      const gchar *tag = g_array_index (ranges, PdnLanguageRange, i).tag;
      const gchar *language;

      if (strcmp (tag, "*") == 0)
        return NULL;
      language = match_tag (tag);
      if (language != NULL)
        return language;
    }
  return g_intern_static_string (PDN_I18N_SOURCE_LANGUAGE);
}

/**
 * pdn_i18n_set_thread_language:
 * @language: (nullable): an interned name from pdn_i18n_negotiate(), or
 *   %NULL for the process locale
 *
 * Makes pdnet's messages on the calling thread come in @language.
 *
 * Returns: (nullable): the previous language, to restore afterwards.
 */
const gchar *
pdn_i18n_set_thread_language (const gchar *language)
{
  const gchar *previous = g_private_get (&thread_language);

  g_private_set (&thread_language, (gpointer)g_intern_string (language));
  return previous;
}

const gchar *
pdn_i18n_get_thread_language (void)
{
  return g_private_get (&thread_language);
}

/* The catalog for this thread's language; *@use_locale says to go through
 * the C library instead. */
static PdnCatalog *
thread_catalog (const gchar *domain, gboolean *use_locale)
{
  const gchar *language = g_private_get (&thread_language);

  *use_locale = language == NULL || g_strcmp0 (domain, GETTEXT_PACKAGE) != 0;
  if (*use_locale || strcmp (language, PDN_I18N_SOURCE_LANGUAGE) == 0)
    return NULL;
  return catalog_for (language);
}

const gchar *
pdn_dgettext (const gchar *domain, const gchar *msgid)
{
  gboolean use_locale;
  PdnCatalog *catalog = thread_catalog (domain, &use_locale);
  const gchar *translation;

  if (use_locale)
    return msgid[0] == '\0' ? msgid : dgettext (domain, msgid);
  translation = catalog != NULL ? pdn_catalog_lookup (catalog, msgid) : NULL;
  return translation != NULL ? translation : msgid;
}

const gchar *
pdn_dngettext (const gchar *domain, const gchar *msgid, const gchar *msgid_plural, gulong n)
{
  gboolean use_locale;
  PdnCatalog *catalog = thread_catalog (domain, &use_locale);
  const gchar *translation;

  if (use_locale)
    return dngettext (domain, msgid, msgid_plural, n);
  translation = catalog != NULL ? pdn_catalog_lookup_plural (catalog, msgid, n) : NULL;
  if (translation != NULL)
    return translation;
  return n == 1 ? msgid : msgid_plural;
}

/* As g_dpgettext(): "context\004message" (or "context|message" when
 * @msgidoffset is 0), falling back to the message without its context. */
const gchar *
pdn_dpgettext (const gchar *domain, const gchar *msgctxtid, gsize msgidoffset)
{
  const gchar *translation = pdn_dgettext (domain, msgctxtid);
  const gchar *bar;

  if (translation != msgctxtid)
    return translation;
  if (msgidoffset > 0)
    return msgctxtid + msgidoffset;
  bar = strchr (msgctxtid, '|');
  if (bar != NULL)
    {
      g_autofree gchar *with_eot = g_strdup (msgctxtid);
      with_eot[bar - msgctxtid] = '\004';
      translation = pdn_dgettext (domain, with_eot);
      return translation == with_eot ? bar + 1 : translation;
    }
  return translation;
}
