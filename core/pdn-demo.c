/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-password.h"
#include "pdn-attendance.h"
#include "pdn-curricula.h"
#include "pdn-demo.h"
#include "pdn-json-fields.h"
#include "pdn-organization.h"
#include "pdn-outcome.h"
#include "pdn-people-importer.h"
#include "pdn-person.h"
#include "pdn-plugin-hooks.h"
#include "pdn-program.h"
#include "pdn-registration.h"
#include "pdn-school-importer.h"
#include "pdn-school-year.h"
#include "pdn-series.h"
#include "pdn-session.h"
#include "pdn-survey-response.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-demo
 *
 * Loads the demo network of data/demo/ (described in its README.md) into
 * an empty store, in one write transaction: schools and people through the
 * CSV importers (fed from memory once the date tokens are replaced),
 * everything else from programs.json through the models, the shared
 * curricula (repositories with a dated history, and the sessions' pins)
 * through the same functions as the API's routes, and what program types
 * keep in their own tables through their plugins' routes
 * ("plugin_requests"). A failed load removes the repositories it made.
 * The files date everything relative to the load day with tokens such as
 * `LAST+100:sat`, so the last school year is always complete and the
 * current term always ahead; they are resolved here.
 */

/* Upcoming sessions are at most this many days after the term starts; a
 * current year with fewer days left is skipped for the next one. */
#define TERM_DAYS 75

typedef enum
{
  ANCHOR_PRIOR,
  ANCHOR_LAST,
  ANCHOR_CURRENT,
  ANCHOR_TERM,
  ANCHOR_TODAY,
  ANCHOR_SESSION,
  N_ANCHORS,
} Anchor;

#define N_YEARS (ANCHOR_CURRENT + 1)

static const gchar *const anchor_names[N_ANCHORS] = {
  "PRIOR", "LAST", "CURRENT", "TERM", "TODAY", "SESSION",
};

static const gchar *const weekday_names[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

typedef struct
{
  PdnStore *store;
  PdnPluginRegistry *plugins;
  gchar *dir;
  JsonParser *parser;
  JsonObject *root;
  GTimeZone *zone;
  gchar *zone_id;
  GDate today;
  GDate term;
  PdnSchoolYear *years[N_YEARS];
  GDate year_starts[N_YEARS];
  GHashTable *organizations;      /* name -> gint64* */
  GHashTable *schools;            /* external id, and name -> gint64* */
  GHashTable *people;             /* email key -> gint64* */
  PdnCurricula *curricula;        /* nullable until the first curriculum */
  GHashTable *curriculum_commits; /* slug -> GPtrArray of commit ids, in order */
  gchar *password;                /* the last account password hashed, and its hash: */
  gchar *password_hash;           /* the demo's accounts share one (Argon2 is slow) */
} Demo;

static void
demo_clear (Demo *demo)
{
  g_free (demo->dir);
  g_clear_object (&demo->parser);
  g_clear_pointer (&demo->zone, g_time_zone_unref);
  g_free (demo->zone_id);
  for (guint i = 0; i < N_YEARS; i++)
    g_clear_object (&demo->years[i]);
  g_clear_pointer (&demo->organizations, g_hash_table_unref);
  g_clear_pointer (&demo->schools, g_hash_table_unref);
  g_clear_pointer (&demo->people, g_hash_table_unref);
  g_clear_object (&demo->curricula);
  g_clear_pointer (&demo->curriculum_commits, g_hash_table_unref);
  g_free (demo->password);
  g_free (demo->password_hash);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

/* Model errors name the model's field; say where in programs.json it was. */
static gboolean
fail_at (GError **error, const gchar *where)
{
  if (error != NULL && *error != NULL)
    pdn_error_prefix_field (*error, where);
  return FALSE;
}

static void
map_id (GHashTable *map, const gchar *key, gint64 id)
{
  if (key != NULL)
    g_hash_table_insert (map, g_strdup (key), g_memdup2 (&id, sizeof id));
}

static gint64
lookup_id (GHashTable *map, const gchar *key)
{
  const gint64 *id = key != NULL ? g_hash_table_lookup (map, key) : NULL;

  return id != NULL ? *id : 0;
}

/* --- reading programs.json ------------------------------------------- */

static gchar *
member_path (const gchar *where, const gchar *member)
{
  return where[0] != '\0' ? g_strconcat (where, ".", member, NULL) : g_strdup (member);
}

/* @problem is a translated phrase such as "must be a string". */
static gboolean
bad_member (const gchar *where, const gchar *member, const gchar *problem, GError **error)
{
  g_autofree gchar *field = member_path (where, member);

  /* TRANSLATORS: a place in the demo data, such as programs[0].name, then
   * what is wrong with it */
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s %s"), field, problem);
  return FALSE;
}

/* Each get_* returns FALSE with an error for a missing required member or
 * one of the wrong type; an absent optional member leaves *value alone. */
static gboolean
get_node (JsonObject *object, const gchar *member, gboolean required, const gchar *where,
          JsonNode **node, GError **error)
{
  *node = json_object_get_member (object, member);
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;
  if (*node == NULL && required)
    return bad_member (where, member, _("is missing from the demo data"), error);
  return TRUE;
}

static gboolean
get_string (JsonObject *object, const gchar *member, gboolean required, const gchar *where,
            const gchar **value, GError **error)
{
  JsonNode *node = NULL;

  if (!get_node (object, member, required, where, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_member (where, member, _("must be a string"), error);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject *object, const gchar *member, gboolean required, const gchar *where,
         gint64 *value, GError **error)
{
  JsonNode *node = NULL;

  if (!get_node (object, member, required, where, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return bad_member (where, member, _("must be a whole number"), error);
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_double (JsonObject *object, const gchar *member, const gchar *where, gdouble *value,
            GError **error)
{
  JsonNode *node = NULL;
  GType type;

  if (!get_node (object, member, TRUE, where, &node, error))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return bad_member (where, member, _("must be a number"), error);
  *value = json_node_get_double (node);
  return TRUE;
}

/* An absent optional list reads as empty (*value NULL). */
static gboolean
get_array (JsonObject *object, const gchar *member, gboolean required, const gchar *where,
           JsonArray **value, GError **error)
{
  JsonNode *node = NULL;

  *value = NULL;
  if (!get_node (object, member, required, where, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_member (where, member, _("must be a list"), error);
  *value = json_node_get_array (node);
  return TRUE;
}

static guint
array_length (JsonArray *array)
{
  return array != NULL ? json_array_get_length (array) : 0;
}

/* The @index-th element of @array, which must be an object. */
static JsonObject *
get_element (JsonArray *array, guint index, const gchar *where, GError **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, where, _("%s must be an object"),
                           where);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_programs_file (Demo *demo, GError **error)
{
  g_autofree gchar *path = g_build_filename (demo->dir, "programs.json", NULL);
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  demo->parser = json_parser_new ();
  if (!json_parser_load_from_file (demo->parser, path, &local_error))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("Cannot read the demo network from %s: %s"), path,
                           local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (demo->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("%s must hold a JSON object"), path);
      return FALSE;
    }
  demo->root = json_node_get_object (root);
  return TRUE;
}

/* --- relative dates ---------------------------------------------------- */

static gchar *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
parse_date (const gchar *text, GDate *date)
{
  if (!pdn_time_validate_date (text, "date", NULL))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_ascii_strtoull (text + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (text, NULL, 10));
  return TRUE;
}

static void
add_days (GDate *date, gint64 days)
{
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
}

/* An optional "+N" or "-N" (up to 4 digits); no sign is 0. */
static gboolean
read_offset (const gchar **p, gint64 *days)
{
  gint sign;
  guint digits = 0;

  *days = 0;
  if (**p != '+' && **p != '-')
    return TRUE;
  sign = **p == '-' ? -1 : 1;
  for ((*p)++; g_ascii_isdigit (**p) && digits < 4; (*p)++, digits++)
    *days = *days * 10 + (**p - '0');
  *days *= sign;
  return digits > 0 && !g_ascii_isdigit (**p);
}

static gint
find_name (const gchar *const *names, guint n_names, const gchar *text, gsize len)
{
  for (guint i = 0; i < n_names; i++)
    if (strlen (names[i]) == len && strncmp (names[i], text, len) == 0)
      return (gint) i;
  return -1;
}

static gboolean
anchor_date (Demo *demo, Anchor anchor, const GDate *session, GDate *date)
{
  if (anchor < N_YEARS)
    *date = demo->year_starts[anchor];
  else if (anchor == ANCHOR_TERM)
    *date = demo->term;
  else if (anchor == ANCHOR_TODAY)
    *date = demo->today;
  else if (session != NULL)
    *date = *session;
  else
    return FALSE;
  return TRUE;
}

/* Moves @date forward to the weekday named by the 3 letters at *p. */
static gboolean
snap_to_weekday (const gchar **p, GDate *date)
{
  gint weekday = find_name (weekday_names, G_N_ELEMENTS (weekday_names), *p, 3);

  if (weekday < 0 || strnlen (*p, 3) < 3)
    return FALSE;
  *p += 3;
  while ((gint) g_date_get_weekday (date) != weekday + G_DATE_MONDAY)
    g_date_add_days (date, 1);
  return TRUE;
}

/* "LAST+100:sat+2" and the like; see data/demo/README.md. */
static gboolean
resolve_date (Demo *demo, const gchar *text, const GDate *session, GDate *date)
{
  const gchar *p = text;
  gsize len = 0;
  gint anchor;
  gint64 days = 0;

  while (g_ascii_isupper (p[len]))
    len++;
  anchor = find_name (anchor_names, N_ANCHORS, p, len);
  if (anchor < 0 || !anchor_date (demo, (Anchor) anchor, session, date))
    return FALSE;
  p += len;
  if (!read_offset (&p, &days))
    return FALSE;
  add_days (date, days);
  if (*p == ':')
    {
      p++;
      if (!snap_to_weekday (&p, date) || !read_offset (&p, &days))
        return FALSE;
      add_days (date, days);
    }
  return *p == '\0';
}

static gboolean
parse_clock (const gchar *text, gint *hour, gint *minute)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':' || !g_ascii_isdigit (text[0])
      || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *hour = (text[0] - '0') * 10 + (text[1] - '0');
  *minute = (text[3] - '0') * 10 + (text[4] - '0');
  return *hour < 24 && *minute < 60;
}

static GDateTime *
local_time (Demo *demo, const GDate *date, gint hour, gint minute)
{
  return g_date_time_new (demo->zone, (gint) g_date_get_year (date),
                          (gint) g_date_get_month (date), (gint) g_date_get_day (date), hour,
                          minute, 0);
}

static gboolean
bad_token (const gchar *field, const gchar *text, GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                       _("“%s” is not a relative date such as LAST+100:sat"), text);
  return FALSE;
}

/* A relative date member, resolved against @session for SESSION. */
static gboolean
get_date (Demo *demo, JsonObject *object, const gchar *member, const gchar *where,
          const GDate *session, GDate *date, GError **error)
{
  const gchar *text = NULL;
  g_autofree gchar *field = member_path (where, member);

  if (!get_string (object, member, TRUE, where, &text, error))
    return FALSE;
  return resolve_date (demo, text, session, date) || bad_token (field, text, error);
}

/* "SESSION-2 17:00" -> that time in the network's time zone */
static GDateTime *
resolve_local_time (Demo *demo, const gchar *text, const GDate *session, const gchar *field,
                    GError **error)
{
  const gchar *space = text != NULL ? strrchr (text, ' ') : NULL;
  g_autofree gchar *date_text = NULL;
  GDate date;
  gint hour, minute;

  if (space == NULL)
    {
      bad_token (field, text != NULL ? text : "", error);
      return NULL;
    }
  date_text = g_strndup (text, (gsize) (space - text));
  if (!resolve_date (demo, date_text, session, &date) || !parse_clock (space + 1, &hour, &minute))
    {
      bad_token (field, text, error);
      return NULL;
    }
  return local_time (demo, &date, hour, minute);
}

/* "SESSION-2 17:00" -> "2025-10-02T22:00:00Z" */
static gchar *
resolve_timestamp (Demo *demo, const gchar *text, const GDate *session, const gchar *field,
                   GError **error)
{
  g_autoptr (GDateTime) when = resolve_local_time (demo, text, session, field, error);

  return when != NULL ? pdn_time_format_utc (when) : NULL;
}

static gboolean
get_timestamp (Demo *demo, JsonObject *object, const gchar *member, gboolean required,
               const gchar *where, const GDate *session, gchar **value, GError **error)
{
  const gchar *text = NULL;
  g_autofree gchar *field = member_path (where, member);

  if (!get_string (object, member, required, where, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *value = resolve_timestamp (demo, text, session, field, error);
  return *value != NULL;
}

/* "LAST" -> "2024-25" */
static const gchar *
year_label (Demo *demo, const gchar *token)
{
  gint anchor = token != NULL ? find_name (anchor_names, N_YEARS, token, strlen (token)) : -1;

  return anchor >= 0 ? demo->years[anchor]->label : NULL;
}

static gboolean
get_year (Demo *demo, JsonObject *object, const gchar *where, const gchar **label,
          GError **error)
{
  const gchar *token = NULL;

  if (!get_string (object, "year", TRUE, where, &token, error))
    return FALSE;
  *label = year_label (demo, token);
  if (*label == NULL)
    return bad_member (where, "year", _("must be PRIOR, LAST or CURRENT"), error);
  return TRUE;
}

/* --- school years ---------------------------------------------------------- */

/* "2025-26" shifted by @years: "2024-25" for -1. */
static gchar *
shift_label (const gchar *label, gint years)
{
  gint first = (gint) g_ascii_strtoll (label, NULL, 10) + years;

  return g_strdup_printf ("%04d-%02d", first, (first + 1) % 100);
}

static PdnSchoolYear *
ensure_year (PdnStore *store, const gchar *label, GError **error)
{
  if (!pdn_school_year_ensure (store, label, error))
    return NULL;
  return pdn_school_year_load (store, label, error);
}

/* The current year contains today unless it ends within TERM_DAYS; the
 * term starts today, or when the current year starts if that is later. */
static gboolean
choose_years (Demo *demo, GError **error)
{
  g_autofree gchar *today = format_date (&demo->today);
  g_autofree gchar *label = pdn_school_year_label_for_date (today);
  g_autoptr (PdnSchoolYear) current = ensure_year (demo->store, label, error);
  GDate ends;

  if (current == NULL)
    return FALSE;
  parse_date (current->ends_on, &ends);
  if (g_date_days_between (&demo->today, &ends) < TERM_DAYS)
    {
      g_autofree gchar *next = shift_label (label, 1);

      g_clear_object (&current);
      current = ensure_year (demo->store, next, error);
      if (current == NULL)
        return FALSE;
    }
  for (gint i = 0; i < N_YEARS; i++)
    {
      g_autofree gchar *shifted = shift_label (current->label, i - ANCHOR_CURRENT);

      demo->years[i] = ensure_year (demo->store, shifted, error);
      if (demo->years[i] == NULL)
        return FALSE;
      parse_date (demo->years[i]->starts_on, &demo->year_starts[i]);
    }
  demo->term = demo->today;
  if (g_date_compare (&demo->year_starts[ANCHOR_CURRENT], &demo->term) > 0)
    demo->term = demo->year_starts[ANCHOR_CURRENT];
  return TRUE;
}

/* --- schools and people through the importers ------------------------------ */

typedef gboolean (*ImportFunc) (PdnStore *store, GInputStream *stream,
                                PdnImportProgressFunc progress, gpointer user_data,
                                PdnImportReport **report, GError **error);

typedef struct
{
  Demo *demo;
  GError *error;
} Rewrite;

/* {LAST} is a school-year label, {LAST+162} a date. */
static gboolean
rewrite_token (const GMatchInfo *match, GString *result, gpointer user_data)
{
  Rewrite *rewrite = user_data;
  g_autofree gchar *token = g_match_info_fetch (match, 1);
  const gchar *label = year_label (rewrite->demo, token);
  g_autofree gchar *text = NULL;
  GDate date;

  if (label != NULL)
    {
      g_string_append (result, label);
      return FALSE;
    }
  if (!resolve_date (rewrite->demo, token, NULL, &date))
    return !bad_token (NULL, token, &rewrite->error);
  text = format_date (&date);
  g_string_append (result, text);
  return FALSE;
}

static gchar *
rewrite_csv (Demo *demo, const gchar *text, GError **error)
{
  g_autoptr (GRegex) regex = g_regex_new ("\\{([A-Z][A-Za-z0-9:+-]*)\\}", G_REGEX_DEFAULT, 0,
                                          NULL);
  Rewrite rewrite = { demo, NULL };
  g_autofree gchar *result = NULL;

  result = g_regex_replace_eval (regex, text, -1, 0, 0, rewrite_token, &rewrite, NULL);
  if (rewrite.error != NULL)
    {
      g_propagate_error (error, rewrite.error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
import_csv (Demo *demo, const gchar *name, ImportFunc import, GError **error)
{
  g_autofree gchar *path = g_build_filename (demo->dir, name, NULL);
  g_autofree gchar *text = NULL;
  gchar *rewritten = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("Cannot read the demo network from %s: %s"), path,
                           local_error->message);
      return FALSE;
    }
  rewritten = rewrite_csv (demo, text, error);
  if (rewritten == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  stream = g_memory_input_stream_new_from_data (rewritten, -1, g_free);
  if (!import (demo->store, stream, NULL, NULL, &report, error))
    {
      g_autofree gchar *rows = report != NULL ? pdn_import_report_format_errors (report) : NULL;

      /* A broken demo file is a packaging bug: say exactly what is wrong. */
      g_prefix_error (error, "%s: ", name);
      if (rows != NULL && rows[0] != '\0' && error != NULL && *error != NULL)
        {
          gchar *message = g_strdup_printf ("%s\n%s", (*error)->message, g_strchomp (rows));
          g_free ((*error)->message);
          (*error)->message = message;
        }
      return FALSE;
    }
  return TRUE;
}

/* --- organizations, people, accounts --------------------------------------- */

static gboolean
add_domains (PdnOrganization *organization, JsonArray *domains, const gchar *where,
             GError **error)
{
  for (guint i = 0; i < array_length (domains); i++)
    {
      const gchar *domain = json_array_get_string_element (domains, i);

      if (domain == NULL)
        return bad_member (where, "email_domains", _("must be a list of domains"), error);
      if (!g_ptr_array_find_with_equal_func (organization->email_domains, domain, g_str_equal,
                                             NULL))
        g_ptr_array_add (organization->email_domains, g_strdup (domain));
    }
  return TRUE;
}

/* Completes an organization the school import created, or creates one
 * that has no schools (the outside PD providers). */
static gboolean
load_organization (Demo *demo, JsonObject *object, const gchar *where, GError **error)
{
  const gchar *name = NULL, *kind = NULL;
  JsonArray *domains = NULL;
  g_autoptr (PdnOrganization) organization = NULL;

  if (!get_string (object, "name", TRUE, where, &name, error)
      || !get_string (object, "kind", TRUE, where, &kind, error)
      || !get_array (object, "email_domains", FALSE, where, &domains, error))
    return FALSE;
  organization = pdn_organization_find_by_name (demo->store, name, NULL);
  if (organization == NULL)
    {
      organization = pdn_organization_new ();
      organization->name = g_strdup (name);
      organization->slug = pdn_organization_slug_from_name (name);
    }
  if (!pdn_organization_kind_from_string (kind, &organization->kind))
    return bad_member (where, "kind", _("is not an organization kind"), error);
  if (!add_domains (organization, domains, where, error))
    return FALSE;
  if (!(organization->id == 0 ? pdn_organization_insert (organization, demo->store, error)
                              : pdn_organization_update (organization, demo->store, error)))
    return fail_at (error, where);
  map_id (demo->organizations, name, organization->id);
  return TRUE;
}

static gboolean
load_person (Demo *demo, JsonObject *object, const gchar *where, GError **error)
{
  const gchar *email = NULL, *name = NULL, *role = NULL;
  g_autoptr (PdnPerson) person = pdn_person_new ();

  if (!get_string (object, "email", TRUE, where, &email, error)
      || !get_string (object, "name", TRUE, where, &name, error)
      || !get_string (object, "role", TRUE, where, &role, error))
    return FALSE;
  person->email = g_strdup (email);
  person->name = g_strdup (name);
  if (!pdn_person_role_from_string (role, &person->role))
    return bad_member (where, "role", _("is not a role"), error);
  return pdn_person_insert (person, demo->store, error) || fail_at (error, where);
}

/* Lists of objects under a top-level member, each loaded by @load. */
typedef gboolean (*LoadFunc) (Demo *demo, JsonObject *object, const gchar *where,
                              GError **error);

static gboolean
load_each (Demo *demo, JsonObject *parent, const gchar *member, const gchar *where,
           LoadFunc load, GError **error)
{
  JsonArray *array = NULL;

  if (!get_array (parent, member, FALSE, where, &array, error))
    return FALSE;
  for (guint i = 0; i < array_length (array); i++)
    {
      g_autofree gchar *element = g_strdup_printf ("%s[%u]", member, i);
      g_autofree gchar *path = where[0] != '\0' ? g_strconcat (where, ".", element, NULL)
                                                : g_strdup (element);
      JsonObject *object = get_element (array, i, path, error);

      if (object == NULL || !load (demo, object, path, error))
        return FALSE;
    }
  return TRUE;
}

/* Maps every school by external id and by name, and every person by email
 * as written and by email key, as programs.json refers to them (the email
 * as written spares normalizing thousands of references). */
static gboolean
map_schools_and_people (Demo *demo, GError **error)
{
  g_autoptr (PdnStatement) schools = NULL;
  g_autoptr (PdnStatement) people = NULL;
  PdnStep step;

  schools = pdn_store_prepare (demo->store, "SELECT id, external_id, name FROM schools", error);
  if (schools == NULL)
    return FALSE;
  while ((step = pdn_statement_step (schools, error)) == PDN_STEP_ROW)
    {
      map_id (demo->schools, pdn_statement_column_text (schools, 1),
              pdn_statement_column_int64 (schools, 0));
      map_id (demo->schools, pdn_statement_column_text (schools, 2),
              pdn_statement_column_int64 (schools, 0));
    }
  if (step == PDN_STEP_ERROR)
    return FALSE;
  people = pdn_store_prepare (demo->store, "SELECT id, email, email_key FROM people", error);
  if (people == NULL)
    return FALSE;
  while ((step = pdn_statement_step (people, error)) == PDN_STEP_ROW)
    {
      map_id (demo->people, pdn_statement_column_text (people, 1),
              pdn_statement_column_int64 (people, 0));
      map_id (demo->people, pdn_statement_column_text (people, 2),
              pdn_statement_column_int64 (people, 0));
    }
  return step == PDN_STEP_DONE;
}

/* Resolves an optional reference member through @map into *id. */
/* A school by external id or name, a person by email. */
static gint64
find_id (GHashTable *map, const gchar *key)
{
  gint64 id = lookup_id (map, key);
  g_autofree gchar *email_key = NULL;

  if (id != 0 || key == NULL || strchr (key, '@') == NULL)
    return id;
  email_key = pdn_email_key (key);
  return lookup_id (map, email_key);
}

static gboolean
get_reference (GHashTable *map, JsonObject *object, const gchar *member, gboolean required,
               const gchar *where, gint64 *id, GError **error)
{
  const gchar *key = NULL;

  if (!get_string (object, member, required, where, &key, error))
    return FALSE;
  if (key == NULL)
    return TRUE;
  *id = find_id (map, key);
  if (*id == 0)
    return bad_member (where, member, _("names nothing in the demo network"), error);
  return TRUE;
}

/* A hash of @password, made once for all the accounts that share it. */
static gboolean
hash_password (Demo *demo, const gchar *password, gchar **hash, GError **error)
{
  if (g_strcmp0 (demo->password, password) != 0)
    {
      gchar *fresh = pdn_password_hash (password, error);

      if (fresh == NULL)
        return FALSE;
      g_free (demo->password_hash);
      demo->password_hash = fresh;
      g_free (demo->password);
      demo->password = g_strdup (password);
    }
  *hash = g_strdup (demo->password_hash);
  return TRUE;
}

static gboolean
load_account (Demo *demo, JsonObject *object, const gchar *where, GError **error)
{
  const gchar *name = NULL, *email = NULL, *role = NULL, *password = NULL;
  g_autoptr (PdnAccount) account = pdn_account_new ();

  if (!get_string (object, "name", TRUE, where, &name, error)
      || !get_string (object, "email", FALSE, where, &email, error)
      || !get_string (object, "role", TRUE, where, &role, error)
      || !get_string (object, "password", FALSE, where, &password, error)
      || !get_reference (demo->organizations, object, "organization", FALSE, where,
                         &account->organization_id, error)
      || !get_reference (demo->people, object, "person", FALSE, where, &account->person_id,
                         error))
    return FALSE;
  account->name = g_strdup (name);
  account->email = g_strdup (email);
  if (!pdn_login_role_from_string (role, &account->role))
    return bad_member (where, "role", _("is not a login role"), error);
  /* The demo's accounts can sign in to the web pages at once. */
  if (password != NULL && !hash_password (demo, password, &account->password_hash, error))
    return fail_at (error, where);
  return pdn_account_insert (account, demo->store, error) || fail_at (error, where);
}

/* --- curricula --------------------------------------------------------------- */

/* "LAST" -> "2024-25"; anything else is a release or branch name as is. */
static const gchar *
ref_name (Demo *demo, const gchar *ref)
{
  const gchar *label = year_label (demo, ref);

  return label != NULL ? label : ref;
}

/* Who made a commit or release of the demo's history, and when. */
typedef struct
{
  gchar *name;
  gchar *email;
  GDateTime *when;
  PdnCurriculumAuthor author;
} DemoAuthor;

static void
demo_author_clear (DemoAuthor *self)
{
  g_free (self->name);
  g_free (self->email);
  g_clear_pointer (&self->when, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoAuthor, demo_author_clear)

/* @member names a person by email; "date" is a timestamp such as
 * "LAST+40 10:15"; @text_member the message or the release notes. */
static gboolean
read_author (Demo *demo, JsonObject *object, const gchar *member, const gchar *text_member,
             const gchar *where, DemoAuthor *author, GError **error)
{
  g_autofree gchar *date_field = member_path (where, "date");
  g_autoptr (PdnPerson) person = NULL;
  const gchar *date = NULL, *text = NULL;
  gint64 person_id = 0;

  if (!get_reference (demo->people, object, member, TRUE, where, &person_id, error)
      || !get_string (object, "date", TRUE, where, &date, error)
      || !get_string (object, text_member, TRUE, where, &text, error))
    return FALSE;
  person = pdn_person_load (demo->store, person_id, error);
  if (person == NULL)
    return fail_at (error, where);
  author->when = resolve_local_time (demo, date, NULL, date_field, error);
  if (author->when == NULL)
    return FALSE;
  author->name = g_strdup (person->name);
  author->email = g_strdup (person->email != NULL ? person->email : "");
  author->author = (PdnCurriculumAuthor) { author->name, author->email, text, author->when };
  return TRUE;
}

/* curriculum.json from the members the API's POST /curricula takes. */
static PdnCurriculumManifest *
read_manifest (Demo *demo, JsonObject *object, gint64 owner_id, const gchar *where,
               GError **error)
{
  g_autoptr (PdnCurriculumManifest) manifest = pdn_curriculum_manifest_new ();
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (node, where, error);
  g_autoptr (PdnOrganization) owner = NULL;

  if (fields == NULL || !pdn_json_fields_require (fields, "title", error)
      || !pdn_curriculum_manifest_read (manifest, fields, error)
      || (owner = pdn_organization_load (demo->store, owner_id, error)) == NULL)
    return NULL;
  manifest->owner_organization = g_strdup (owner->slug);
  return g_steal_pointer (&manifest);
}

/* The first commit's "files": path -> Markdown (curriculum.json is
 * written from the curriculum's own members). */
static GHashTable *
read_files (JsonObject *commit, const gchar *where, GError **error)
{
  g_autoptr (GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_bytes_unref);
  JsonNode *node = NULL;
  JsonObjectIter iter;
  const gchar *path;
  JsonNode *value;

  if (!get_node (commit, "files", TRUE, where, &node, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_member (where, "files", _("must be an object"), error), NULL;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &path, &value))
    {
      g_autofree gchar *field = g_strdup_printf ("%s.files.%s", where, path);
      const gchar *text;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING
          || strcmp (path, PDN_CURRICULUM_MANIFEST) == 0)
        return bad_member (where, "files", _("must map file paths to Markdown"), error), NULL;
      if (!pdn_curriculum_check_path (path, field, error))
        return NULL;
      text = json_node_get_string (value);
      g_hash_table_insert (files, g_strdup (path), g_bytes_new (text, strlen (text)));
    }
  return g_steal_pointer (&files);
}

/* Every later commit changes one file on main, as a PUT or DELETE of the
 * API does: "path", and "content" (null deletes it). */
static gboolean
load_edit (Demo *demo, PdnCurriculumRepo *repo, GPtrArray *commits, JsonObject *object,
           const gchar *where, GError **error)
{
  g_auto (DemoAuthor) author = { 0 };
  g_autoptr (GBytes) content = NULL;
  g_autofree gchar *head = NULL;
  const gchar *path = NULL, *text = NULL;
  PdnCurriculumEdit edit;
  gchar *commit;

  if (!read_author (demo, object, "author", "message", where, &author, error)
      || !get_string (object, "path", TRUE, where, &path, error)
      || !get_string (object, "content", FALSE, where, &text, error))
    return FALSE;
  if (text == NULL && !json_object_has_member (object, "content"))
    return bad_member (where, "content", _("is missing from the demo data"), error);
  content = text != NULL ? g_bytes_new (text, strlen (text)) : NULL;
  edit = (PdnCurriculumEdit) { PDN_CURRICULUM_MAIN, g_ptr_array_index (commits, commits->len - 1),
                               path, content };
  commit = pdn_curriculum_repo_commit_edit (repo, &edit, &author.author, &head, error);
  if (commit == NULL)
    return fail_at (error, where);
  g_ptr_array_add (commits, commit);
  return TRUE;
}

/* "releases": [{"name" (or a school year: LAST), "commit" (an index into
 * "commits"), "tagger", "date", "notes"}] */
static gboolean
load_release (Demo *demo, PdnCurriculumRepo *repo, GPtrArray *commits, JsonObject *object,
              const gchar *where, GError **error)
{
  g_auto (DemoAuthor) tagger = { 0 };
  const gchar *name = NULL;
  gint64 index = -1;

  if (!get_string (object, "name", TRUE, where, &name, error)
      || !get_int (object, "commit", TRUE, where, &index, error)
      || !read_author (demo, object, "tagger", "notes", where, &tagger, error))
    return FALSE;
  if (index < 0 || index >= (gint64) commits->len)
    return bad_member (where, "commit", _("must be the index of one of the commits"), error);
  return pdn_curriculum_repo_create_tag (repo, ref_name (demo, name),
                                         g_ptr_array_index (commits, index), &tagger.author, error)
         || fail_at (error, where);
}

/* The first commit makes the curriculum (row and repository) as POST
 * /curricula does. */
static PdnCurriculum *
create_curriculum (Demo *demo, JsonObject *object, JsonObject *first, const gchar *where,
                   const gchar *first_where, GError **error)
{
  g_autoptr (PdnCurriculum) curriculum = pdn_curriculum_new ();
  g_autoptr (PdnCurriculumManifest) manifest = NULL;
  g_autoptr (GHashTable) files = NULL;
  g_auto (DemoAuthor) author = { 0 };
  const gchar *slug = NULL, *visibility = NULL;

  if (!get_string (object, "slug", TRUE, where, &slug, error)
      || !get_string (object, "visibility", TRUE, where, &visibility, error)
      || !get_reference (demo->organizations, object, "owner", TRUE, where,
                         &curriculum->owner_organization_id, error)
      || (manifest = read_manifest (demo, object, curriculum->owner_organization_id, where,
                                    error)) == NULL
      || (files = read_files (first, first_where, error)) == NULL
      || !read_author (demo, first, "author", "message", first_where, &author, error))
    return NULL;
  if (!pdn_curriculum_visibility_from_string (visibility, &curriculum->is_public))
    return bad_member (where, "visibility", _("must be public or private"), error), NULL;
  curriculum->slug = g_strdup (slug);
  curriculum->title = g_strdup (manifest->title);
  if (!pdn_curricula_create (demo->curricula, demo->store, curriculum, manifest, files,
                             &author.author, error))
    return fail_at (error, where), NULL;
  return g_steal_pointer (&curriculum);
}

static gboolean
load_history (Demo *demo, PdnCurriculumRepo *repo, GPtrArray *commits, JsonObject *object,
              const gchar *member, const gchar *where, GError **error)
{
  JsonArray *array = NULL;
  gboolean releases = strcmp (member, "releases") == 0;

  if (!get_array (object, member, FALSE, where, &array, error))
    return FALSE;
  for (guint i = releases ? 0 : 1; i < array_length (array); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("%s.%s[%u]", where, member, i);
      JsonObject *element = get_element (array, i, path, error);

      if (element == NULL
          || !(releases ? load_release (demo, repo, commits, element, path, error)
                        : load_edit (demo, repo, commits, element, path, error)))
        return FALSE;
    }
  return TRUE;
}

/* A curriculum with its history: "commits" in order (the first makes it),
 * then "releases"; the commit ids are kept for the sessions' pins. */
static gboolean
load_curriculum (Demo *demo, JsonObject *object, const gchar *where, GError **error)
{
  g_autofree gchar *first_where = g_strdup_printf ("%s.commits[0]", where);
  g_autoptr (PdnCurriculum) curriculum = NULL;
  g_autoptr (PdnCurriculumRepo) repo = NULL;
  JsonArray *commits = NULL;
  JsonObject *first;
  GPtrArray *ids;

  if (!get_array (object, "commits", TRUE, where, &commits, error))
    return FALSE;
  if (array_length (commits) == 0)
    return bad_member (where, "commits", _("must hold at least the first version"), error);
  first = get_element (commits, 0, first_where, error);
  if (first == NULL
      || (curriculum = create_curriculum (demo, object, first, where, first_where, error)) == NULL)
    return FALSE;
  ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (ids, g_strdup (curriculum->head_commit));
  /* From here on a failed load removes the repository again. */
  g_hash_table_insert (demo->curriculum_commits, g_strdup (curriculum->slug), ids);
  repo = pdn_curricula_open (demo->curricula, curriculum->slug, error);
  return repo != NULL && load_history (demo, repo, ids, object, "commits", where, error)
         && load_history (demo, repo, ids, object, "releases", where, error)
         && pdn_curricula_record_head (demo->curricula, demo->store, curriculum, error);
}

static gboolean
load_curricula (Demo *demo, GError **error)
{
  JsonArray *curricula = NULL;

  if (!get_array (demo->root, "curricula", FALSE, "", &curricula, error))
    return FALSE;
  if (array_length (curricula) == 0)
    return TRUE;
  demo->curricula = pdn_curricula_for_store (demo->store, error);
  return demo->curricula != NULL
         && load_each (demo, demo->root, "curricula", "", load_curriculum, error);
}

/* A failed load leaves no repository behind (the rows are rolled back). */
static void
forget_curricula (Demo *demo)
{
  GHashTableIter iter;
  gpointer slug;

  if (demo->curricula == NULL)
    return;
  g_hash_table_iter_init (&iter, demo->curriculum_commits);
  while (g_hash_table_iter_next (&iter, &slug, NULL))
    pdn_curricula_forget (demo->curricula, slug);
}

/* A session's "curriculum": {"slug", and "ref" (a release, such as LAST, or
 * a branch; main by default) or "commit" (an index into the curriculum's
 * commits)}: pinned as the API's "curriculum" member pins it. */
static gboolean
pin_curriculum (Demo *demo, PdnSession *session, JsonObject *object, const gchar *where,
                GError **error)
{
  g_autofree gchar *path = member_path (where, "curriculum");
  const gchar *slug = NULL, *ref = NULL;
  JsonNode *node = NULL;
  JsonObject *pin;
  GPtrArray *commits;
  gint64 index = -1;

  if (!get_node (object, "curriculum", FALSE, where, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_member (where, "curriculum", _("must be an object"), error);
  pin = json_node_get_object (node);
  if (!get_string (pin, "slug", TRUE, path, &slug, error)
      || !get_string (pin, "ref", FALSE, path, &ref, error)
      || !get_int (pin, "commit", FALSE, path, &index, error))
    return FALSE;
  commits = g_hash_table_lookup (demo->curriculum_commits, slug);
  if (commits == NULL)
    return bad_member (path, "slug", _("names nothing in the demo network"), error);
  if (json_object_has_member (pin, "commit")
      && (ref != NULL || index < 0 || index >= (gint64) commits->len))
    return bad_member (path, "commit", _("must be the index of one of the commits"), error);
  session->curriculum_slug = g_strdup (slug);
  if (index >= 0)
    session->curriculum_commit = g_strdup (g_ptr_array_index (commits, index));
  else
    session->curriculum_commit = pdn_curricula_resolve_pin (demo->curricula, demo->store, slug,
                                                            ref_name (demo, ref), error);
  return session->curriculum_commit != NULL || fail_at (error, where);
}

/* --- programs ------------------------------------------------------------- */

typedef struct
{
  Demo *demo;
  PdnProgram *program;
  JsonObject *rules; /* nullable "registration": opens, closes, cancellation_cutoff */
  gint64 series_id;
} ProgramLoad;

static const gchar *const term_names[] = { "summer", "fall", "winter", "spring" };
static const gchar *const term_labels[] = { "Summer", "Fall", "Winter", "Spring" };

/* "fall" in 2024-25 -> "Fall 2024"; winter and spring fall in 2025. */
static gchar *
term_label (const gchar *term, const gchar *school_year)
{
  gint index = find_name (term_names, G_N_ELEMENTS (term_names), term, strlen (term));
  gint64 year = g_ascii_strtoll (school_year, NULL, 10);

  if (index < 0)
    return g_strdup (term);
  return g_strdup_printf ("%s %lld", term_labels[index], (long long) (year + (index >= 2)));
}

/* The season of a date: "Winter 2027" for 2027-01-12. */
static gchar *
term_label_for_date (const GDate *date)
{
  static const guint seasons[12] = { 2, 2, 3, 3, 3, 3, 0, 0, 1, 1, 1, 1 };

  return g_strdup_printf ("%s %u", term_labels[seasons[g_date_get_month (date) - 1]],
                          g_date_get_year (date));
}

/* A current-year series says "auto": its term then depends on the load day,
 * so it is named for the season of its first session. */
static gboolean
series_term (ProgramLoad *load, JsonObject *object, const gchar *term, const gchar *where,
             gchar **label, GError **error)
{
  JsonArray *sessions = NULL;
  g_autofree gchar *first = g_strdup_printf ("%s.sessions[0]", where);
  JsonObject *session;
  GDate date;

  if (g_strcmp0 (term, "auto") != 0)
    {
      *label = term != NULL ? term_label (term, load->program->school_year) : NULL;
      return TRUE;
    }
  if (!get_array (object, "sessions", TRUE, where, &sessions, error))
    return FALSE;
  if (array_length (sessions) == 0)
    return bad_member (where, "term", _("can only be auto for a series with sessions"), error);
  session = get_element (sessions, 0, first, error);
  if (session == NULL || !get_date (load->demo, session, "date", first, NULL, &date, error))
    return FALSE;
  *label = term_label_for_date (&date);
  return TRUE;
}

static gboolean
load_registration (ProgramLoad *load, PdnSession *session, const GDate *date,
                   JsonObject *object, const gchar *where, GError **error)
{
  g_autoptr (PdnRegistration) registration = pdn_registration_new ();
  const gchar *status = NULL;

  registration->session_id = session->id;
  if (!get_reference (load->demo->people, object, "email", TRUE, where,
                      &registration->person_id, error)
      || !get_string (object, "status", TRUE, where, &status, error)
      || !get_timestamp (load->demo, object, "created", TRUE, where, date,
                         &registration->created_at, error)
      || !get_timestamp (load->demo, object, "cancelled", FALSE, where, date,
                         &registration->cancelled_at, error))
    return FALSE;
  if (!pdn_registration_status_from_string (status, &registration->status))
    return bad_member (where, "status", _("is not a registration status"), error);
  return pdn_registration_insert (registration, load->demo->store, error)
         || fail_at (error, where);
}

/* Check-ins are recorded as the session starts, rosters when it ends. */
static gboolean
load_attendance (ProgramLoad *load, PdnSession *session, JsonObject *object, const gchar *where,
                 GError **error)
{
  g_autoptr (PdnAttendance) attendance = pdn_attendance_new ();
  const gchar *status = NULL, *source = NULL;

  attendance->session_id = session->id;
  if (!get_reference (load->demo->people, object, "email", TRUE, where, &attendance->person_id,
                      error)
      || !get_string (object, "status", TRUE, where, &status, error)
      || !get_string (object, "source", TRUE, where, &source, error)
      || !get_int (object, "minutes", FALSE, where, &attendance->minutes, error))
    return FALSE;
  if (!pdn_attendance_status_from_string (status, &attendance->status))
    return bad_member (where, "status", _("is not an attendance status"), error);
  if (!pdn_attendance_source_from_string (source, &attendance->source))
    return bad_member (where, "source", _("is not an attendance source"), error);
  attendance->recorded_at = g_strdup (attendance->source == PDN_ATTENDANCE_SOURCE_CHECK_IN
                                        ? session->starts_at
                                        : session->ends_at);
  return pdn_attendance_record (attendance, load->demo->store, error) || fail_at (error, where);
}

static gboolean
load_survey (ProgramLoad *load, PdnSession *session, JsonObject *object, const gchar *where,
             GError **error)
{
  g_autoptr (PdnSurveyResponse) response = pdn_survey_response_new ();
  const gchar *comment = NULL;

  response->session_id = session->id;
  if (!get_reference (load->demo->people, object, "email", FALSE, where, &response->person_id,
                      error)
      || !get_int (object, "usefulness", TRUE, where, &response->usefulness, error)
      || !get_int (object, "recommend", TRUE, where, &response->recommend, error)
      || !get_string (object, "comment", FALSE, where, &comment, error))
    return FALSE;
  response->comment = g_strdup (comment);
  response->created_at = g_strdup (session->ends_at);
  return pdn_survey_response_insert (response, load->demo->store, error)
         || fail_at (error, where);
}

typedef gboolean (*SessionRowFunc) (ProgramLoad *load, PdnSession *session, const GDate *date,
                                    JsonObject *object, const gchar *where, GError **error);

static gboolean
registration_row (ProgramLoad *load, PdnSession *session, const GDate *date, JsonObject *object,
                  const gchar *where, GError **error)
{
  return load_registration (load, session, date, object, where, error);
}

static gboolean
attendance_row (ProgramLoad *load, PdnSession *session, const GDate *date, JsonObject *object,
                const gchar *where, GError **error)
{
  return load_attendance (load, session, object, where, error);
}

static gboolean
survey_row (ProgramLoad *load, PdnSession *session, const GDate *date, JsonObject *object,
            const gchar *where, GError **error)
{
  return load_survey (load, session, object, where, error);
}

static gboolean
load_session_rows (ProgramLoad *load, PdnSession *session, const GDate *date,
                   JsonObject *object, const gchar *member, const gchar *where,
                   SessionRowFunc row, GError **error)
{
  JsonArray *rows = NULL;

  if (!get_array (object, member, FALSE, where, &rows, error))
    return FALSE;
  for (guint i = 0; i < array_length (rows); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("%s.%s[%u]", where, member, i);
      JsonObject *element = get_element (rows, i, path, error);

      if (element == NULL || !row (load, session, date, element, path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_times (ProgramLoad *load, PdnSession *session, JsonObject *object, const GDate *date,
           const gchar *where, GError **error)
{
  const gchar *start = NULL, *end = NULL;
  gint hour, minute;
  g_autoptr (GDateTime) starts = NULL;
  g_autoptr (GDateTime) ends = NULL;

  if (!get_string (object, "start", TRUE, where, &start, error)
      || !get_string (object, "end", TRUE, where, &end, error))
    return FALSE;
  if (!parse_clock (start, &hour, &minute))
    return bad_member (where, "start", _("must be a time such as 09:00"), error);
  starts = local_time (load->demo, date, hour, minute);
  if (!parse_clock (end, &hour, &minute))
    return bad_member (where, "end", _("must be a time such as 09:00"), error);
  ends = local_time (load->demo, date, hour, minute);
  session->starts_at = pdn_time_format_utc (starts);
  session->ends_at = pdn_time_format_utc (ends);
  session->time_zone = g_strdup (load->demo->zone_id);
  if (load->rules == NULL)
    return TRUE;
  return get_timestamp (load->demo, load->rules, "opens", FALSE, "registration", date,
                        &session->registration_opens_at, error)
         && get_timestamp (load->demo, load->rules, "closes", FALSE, "registration", date,
                           &session->registration_closes_at, error)
         && get_timestamp (load->demo, load->rules, "cancellation_cutoff", FALSE,
                           "registration", date, &session->cancellation_cutoff, error);
}

static gboolean
add_facilitators (ProgramLoad *load, PdnSession *session, JsonObject *object,
                  const gchar *where, GError **error)
{
  JsonArray *emails = NULL;

  if (!get_array (object, "facilitators", FALSE, where, &emails, error))
    return FALSE;
  for (guint i = 0; i < array_length (emails); i++)
    {
      gint64 id = find_id (load->demo->people, json_array_get_string_element (emails, i));

      if (id == 0)
        return bad_member (where, "facilitators", _("names someone not in the demo network"),
                           error);
      pdn_session_add_facilitator (session, id);
    }
  return TRUE;
}

static gboolean
load_session (ProgramLoad *load, JsonObject *object, const gchar *where, GError **error)
{
  g_autoptr (PdnSession) session = pdn_session_new ();
  const gchar *kind = NULL, *title = NULL, *topic = NULL, *location = NULL, *state = NULL;
  GDate date;

  session->program_id = load->program->id;
  session->series_id = load->series_id;
  if (!get_string (object, "kind", TRUE, where, &kind, error)
      || !get_string (object, "title", TRUE, where, &title, error)
      || !get_string (object, "topic", FALSE, where, &topic, error)
      || !get_string (object, "location", FALSE, where, &location, error)
      || !get_string (object, "state", FALSE, where, &state, error)
      || !get_int (object, "capacity", FALSE, where, &session->capacity, error)
      || !get_reference (load->demo->schools, object, "host", FALSE, where,
                         &session->host_school_id, error)
      || !get_date (load->demo, object, "date", where, NULL, &date, error)
      || !set_times (load, session, object, &date, where, error)
      || !add_facilitators (load, session, object, where, error))
    return FALSE;
  session->kind = g_strdup (kind);
  session->title = g_strdup (title);
  session->topic = g_strdup (topic);
  session->location = g_strdup (location);
  if (state != NULL && !pdn_session_state_from_string (state, &session->state))
    return bad_member (where, "state", _("is not a session state"), error);
  if (!pin_curriculum (load->demo, session, object, where, error))
    return FALSE;
  if (!pdn_session_insert (session, load->demo->store, error))
    return fail_at (error, where);
  return load_session_rows (load, session, &date, object, "registrations", where,
                            registration_row, error)
         && load_session_rows (load, session, &date, object, "attendance", where,
                               attendance_row, error)
         && load_session_rows (load, session, &date, object, "surveys", where, survey_row,
                               error);
}

static gboolean
load_sessions (ProgramLoad *load, JsonObject *parent, const gchar *where, GError **error)
{
  JsonArray *sessions = NULL;

  if (!get_array (parent, "sessions", FALSE, where, &sessions, error))
    return FALSE;
  for (guint i = 0; i < array_length (sessions); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("%s.sessions[%u]", where, i);
      JsonObject *object = get_element (sessions, i, path, error);

      if (object == NULL || !load_session (load, object, path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_series (ProgramLoad *load, JsonObject *object, guint position, const gchar *where,
             GError **error)
{
  g_autoptr (PdnSeries) series = pdn_series_new ();
  const gchar *title = NULL, *topic = NULL, *term = NULL, *kind = NULL;

  if (!get_string (object, "title", TRUE, where, &title, error)
      || !get_string (object, "topic", FALSE, where, &topic, error)
      || !get_string (object, "term", FALSE, where, &term, error)
      || !get_string (object, "kind", TRUE, where, &kind, error)
      || !series_term (load, object, term, where, &series->term, error))
    return FALSE;
  series->program_id = load->program->id;
  series->title = g_strdup (title);
  series->topic = g_strdup (topic);
  series->kind = g_strdup (kind);
  series->position = position;
  if (!pdn_series_insert (series, load->demo->store, error))
    return fail_at (error, where);
  load->series_id = series->id;
  return load_sessions (load, object, where, error);
}

static gboolean
set_program_fields (Demo *demo, PdnProgram *program, JsonObject *object, const gchar *where,
                    GError **error)
{
  const gchar *name = NULL, *type = NULL, *year = NULL;
  JsonArray *partners = NULL;
  JsonNode *settings = NULL;

  if (!get_string (object, "name", TRUE, where, &name, error)
      || !get_string (object, "type", TRUE, where, &type, error)
      || !get_year (demo, object, where, &year, error)
      || !get_reference (demo->organizations, object, "lead", TRUE, where,
                         &program->lead_organization_id, error)
      || !get_array (object, "partners", FALSE, where, &partners, error)
      || !get_node (object, "settings", FALSE, where, &settings, error))
    return FALSE;
  program->name = g_strdup (name);
  program->type = g_strdup (type);
  program->school_year = g_strdup (year);
  for (guint i = 0; i < array_length (partners); i++)
    {
      gint64 id = lookup_id (demo->organizations, json_array_get_string_element (partners, i));

      if (id == 0)
        return bad_member (where, "partners", _("names an unknown organization"), error);
      pdn_program_add_partner (program, id);
    }
  if (settings != NULL)
    {
      g_free (program->settings);
      program->settings = json_to_string (settings, FALSE);
    }
  return TRUE;
}

/* --- plugin requests ------------------------------------------------------ */

static JsonNode *resolve_tokens (Demo *demo, JsonNode *node, const gchar *where,
                                 GError **error);

/* {"$person": email}, {"$school": external id or name}, {"$organization":
 * name} become ids, {"$date": "LAST+92"} a date: a request body names what
 * programs.json names, and the plugin gets what its API takes. */
static JsonNode *
resolve_token (Demo *demo, const gchar *token, JsonNode *value, const gchar *where,
               GError **error)
{
  const gchar *text = JSON_NODE_HOLDS_VALUE (value)
                          && json_node_get_value_type (value) == G_TYPE_STRING
                        ? json_node_get_string (value)
                        : NULL;
  JsonNode *resolved;
  gint64 id = 0;
  GDate date;

  if (g_str_equal (token, "$date"))
    {
      g_autofree gchar *day = NULL;

      if (text == NULL || !resolve_date (demo, text, NULL, &date))
        return bad_token (where, text != NULL ? text : "", error), NULL;
      day = format_date (&date);
      resolved = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (resolved, day);
      return resolved;
    }
  if (g_str_equal (token, "$person"))
    id = find_id (demo->people, text);
  else if (g_str_equal (token, "$school"))
    id = find_id (demo->schools, text);
  else if (g_str_equal (token, "$organization"))
    id = lookup_id (demo->organizations, text);
  if (id == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, where, _("%s %s"), where,
                           _("names nothing in the demo network"));
      return NULL;
    }
  resolved = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (resolved, id);
  return resolved;
}

static JsonNode *
resolve_object (Demo *demo, JsonObject *object, const gchar *where, GError **error)
{
  g_autoptr (JsonObject) copy = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (object);
  JsonNode *node;

  if (g_list_length (members) == 1 && ((const gchar *) members->data)[0] == '$')
    return resolve_token (demo, members->data, json_object_get_member (object, members->data),
                          where, error);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree gchar *path = member_path (where, l->data);
      JsonNode *value = resolve_tokens (demo, json_object_get_member (object, l->data), path,
                                        error);

      if (value == NULL)
        return NULL;
      json_object_set_member (copy, l->data, value);
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, copy);
  return node;
}

static JsonNode *
resolve_tokens (Demo *demo, JsonNode *node, const gchar *where, GError **error)
{
  JsonArray *array, *copy;
  JsonNode *result;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return resolve_object (demo, json_node_get_object (node), where, error);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return json_node_copy (node);
  array = json_node_get_array (node);
  copy = json_array_new ();
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, copy);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("%s[%u]", where, i);
      JsonNode *element = resolve_tokens (demo, json_array_get_element (array, i), path, error);

      if (element == NULL)
        {
          json_node_unref (result);
          return NULL;
        }
      json_array_add_element (copy, element);
    }
  return result;
}

/* One call of a plugin's route for the program, as an admin would make
 * it; the route's own checks apply, so a broken request fails the load. */
static gboolean
load_plugin_request (Demo *demo, PdnProgram *program, JsonObject *object, const gchar *where,
                     GError **error)
{
  const gchar *method = NULL, *subpath = NULL;
  JsonNode *body = NULL;
  g_autoptr (JsonNode) resolved = NULL;
  g_autoptr (JsonNode) answer = NULL;

  if (!get_string (object, "method", TRUE, where, &method, error)
      || !get_string (object, "subpath", TRUE, where, &subpath, error)
      || !get_node (object, "body", FALSE, where, &body, error))
    return FALSE;
  if (body != NULL)
    {
      g_autofree gchar *path = member_path (where, "body");

      resolved = resolve_tokens (demo, body, path, error);
      if (resolved == NULL)
        return FALSE;
    }
  answer = pdn_plugin_registry_invoke_route (demo->plugins, demo->store, program->id, method,
                                             subpath, resolved, error);
  if (answer != NULL)
    return TRUE;
  /* A route names fields of its body; anything else is the request's. */
  if (error != NULL && pdn_error_get_field (*error) != NULL)
    {
      g_autofree gchar *body_path = member_path (where, "body");
      return fail_at (error, body_path);
    }
  return fail_at (error, where);
}

static gboolean
load_plugin_requests (Demo *demo, PdnProgram *program, JsonObject *object, const gchar *where,
                      GError **error)
{
  JsonArray *requests = NULL;

  if (!get_array (object, "plugin_requests", FALSE, where, &requests, error))
    return FALSE;
  for (guint i = 0; i < array_length (requests); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("%s.plugin_requests[%u]", where, i);
      JsonObject *request = get_element (requests, i, path, error);

      if (request == NULL || !load_plugin_request (demo, program, request, path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_program (Demo *demo, JsonObject *object, const gchar *where, PdnDemoSummary *summary,
              GError **error)
{
  g_autoptr (PdnProgram) program = pdn_program_new ();
  ProgramLoad load = { demo, program, NULL, 0 };
  JsonArray *series = NULL;
  JsonNode *rules = NULL;

  if (!set_program_fields (demo, program, object, where, error)
      || !get_node (object, "registration", FALSE, where, &rules, error)
      || !get_array (object, "series", FALSE, where, &series, error))
    return FALSE;
  if (rules != NULL && !JSON_NODE_HOLDS_OBJECT (rules))
    return bad_member (where, "registration", _("must be an object"), error);
  load.rules = rules != NULL ? json_node_get_object (rules) : NULL;
  if (!pdn_program_insert (program, demo->store, error))
    return fail_at (error, where);
  for (guint i = 0; i < array_length (series); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("%s.series[%u]", where, i);
      JsonObject *element = get_element (series, i, path, error);

      if (element == NULL || !load_series (&load, element, i, path, error))
        return FALSE;
    }
  load.series_id = 0;
  if (!load_sessions (&load, object, where, error)
      || !load_plugin_requests (demo, program, object, where, error))
    return FALSE;
  g_ptr_array_add (summary->programs, g_steal_pointer (&program));
  return TRUE;
}

static gboolean
load_programs (Demo *demo, PdnDemoSummary *summary, GError **error)
{
  JsonArray *programs = NULL;

  if (!get_array (demo->root, "programs", TRUE, "", &programs, error))
    return FALSE;
  for (guint i = 0; i < array_length (programs); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("programs[%u]", i);
      JsonObject *object = get_element (programs, i, path, error);

      if (object == NULL || !load_program (demo, object, path, summary, error))
        return FALSE;
    }
  return TRUE;
}

/* --- outcomes ------------------------------------------------------------- */

static gboolean
load_outcome (Demo *demo, JsonObject *object, const gchar *where, GError **error)
{
  g_autoptr (PdnOutcome) outcome = pdn_outcome_new ();
  const gchar *year = NULL, *measure = NULL;

  if (!get_reference (demo->schools, object, "school", TRUE, where, &outcome->school_id, error)
      || !get_year (demo, object, where, &year, error)
      || !get_string (object, "measure", TRUE, where, &measure, error)
      || !get_double (object, "value", where, &outcome->value, error)
      || !get_int (object, "students_n", TRUE, where, &outcome->students_n, error))
    return FALSE;
  outcome->school_year = g_strdup (year);
  outcome->measure = g_strdup (measure);
  return pdn_outcome_save (outcome, demo->store, error) || fail_at (error, where);
}

/* --- the whole load ---------------------------------------------------------- */

static gboolean
check_empty (PdnStore *store, GError **error)
{
  static const gchar *const counts[] = {
    "SELECT COUNT(*) FROM organizations", "SELECT COUNT(*) FROM schools",
    "SELECT COUNT(*) FROM people",        "SELECT COUNT(*) FROM accounts",
    "SELECT COUNT(*) FROM programs",      "SELECT COUNT(*) FROM curricula",
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 count = 0;

      if (!pdn_store_count (store, counts[i], 0, &count, error))
        return FALSE;
      if (count > 0)
        {
          pdn_error_set_field (error, PDN_ERROR_CONFLICT, NULL,
                               _("The data directory already holds data; load the demo "
                                 "network into an empty one"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
count_rows (PdnStore *store, PdnDemoSummary *summary, GError **error)
{
  const struct
  {
    const gchar *sql;
    gint64 *count;
  } counts[] = {
    { "SELECT COUNT(*) FROM organizations", &summary->n_organizations },
    { "SELECT COUNT(*) FROM schools", &summary->n_schools },
    { "SELECT COUNT(*) FROM people", &summary->n_people },
    { "SELECT COUNT(*) FROM accounts", &summary->n_accounts },
    { "SELECT COUNT(*) FROM programs", &summary->n_programs },
    { "SELECT COUNT(*) FROM series", &summary->n_series },
    { "SELECT COUNT(*) FROM sessions", &summary->n_sessions },
    { "SELECT COUNT(*) FROM registrations", &summary->n_registrations },
    { "SELECT COUNT(*) FROM attendance", &summary->n_attendance },
    { "SELECT COUNT(*) FROM survey_responses", &summary->n_survey_responses },
    { "SELECT COUNT(*) FROM outcomes", &summary->n_outcomes },
    { "SELECT COUNT(*) FROM curricula", &summary->n_curricula },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!pdn_store_count (store, counts[i].sql, 0, counts[i].count, error))
      return FALSE;
  return TRUE;
}

static gboolean
load_everything (Demo *demo, PdnDemoSummary *summary, GError **error)
{
  if (!check_empty (demo->store, error) || !choose_years (demo, error)
      || !import_csv (demo, "schools.csv", pdn_school_importer_import_stream, error)
      || !import_csv (demo, "schools-current.csv", pdn_school_importer_import_stream, error)
      || !import_csv (demo, "people.csv", pdn_people_importer_import_stream, error))
    return FALSE;
  if (!load_each (demo, demo->root, "organizations", "", load_organization, error)
      || !load_each (demo, demo->root, "people", "", load_person, error)
      || !map_schools_and_people (demo, error)
      || !load_each (demo, demo->root, "accounts", "", load_account, error)
      || !load_curricula (demo, error) || !load_programs (demo, summary, error)
      || !load_each (demo, demo->root, "outcomes", "", load_outcome, error))
    return FALSE;
  summary->prior_year = g_strdup (demo->years[ANCHOR_PRIOR]->label);
  summary->last_year = g_strdup (demo->years[ANCHOR_LAST]->label);
  summary->current_year = g_strdup (demo->years[ANCHOR_CURRENT]->label);
  return count_rows (demo->store, summary, error);
}

static gboolean
set_zone (Demo *demo, GDateTime *today, GError **error)
{
  const gchar *zone_id = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) local = NULL;
  gint year, month, day;

  if (!get_string (demo->root, "time_zone", TRUE, "", &zone_id, error))
    return FALSE;
  demo->zone = pdn_time_zone_new (zone_id, "time_zone", error);
  if (demo->zone == NULL)
    return FALSE;
  demo->zone_id = g_strdup (zone_id);
  if (today == NULL)
    today = now = g_date_time_new_now_utc ();
  /* The load day is the day in the network's own time zone. */
  local = g_date_time_to_timezone (today, demo->zone);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (&demo->today, 1);
  g_date_set_dmy (&demo->today, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * pdn_demo_default_dir:
 *
 * Returns: $PDNET_DEMO_DIR, or the installed demo directory, or (for a
 * program run from its build tree before `meson install`) the source tree's.
 */
gchar *
pdn_demo_default_dir (void)
{
  const gchar *dir = g_getenv (PDN_DEMO_DIR_ENV);
  g_autofree gchar *installed = g_build_filename (PDN_PKGDATADIR, "demo", NULL);

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);
  if (!g_file_test (installed, G_FILE_TEST_IS_DIR)
      && g_file_test (PDN_SOURCE_DEMO_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (PDN_SOURCE_DEMO_DIR);
  return g_steal_pointer (&installed);
}

/**
 * pdn_demo_load:
 * @plugins: (nullable): the plugins that take the programs' "plugin_requests",
 *   loaded on @store; %NULL for the process's (pdn_plugin_registry_get_default())
 * @demo_dir: (nullable): the demo files; %NULL for pdn_demo_default_dir()
 * @today: (nullable): the load day (in any time zone); %NULL for now
 * @summary: (out) (optional): what was loaded
 *
 * Loads the demo network into @store, all or nothing, with its curricula
 * in the store's curricula folder (pdn_curricula_for_store()). Refuses with
 * %PDN_ERROR_CONFLICT when the store already holds organizations, schools,
 * people, accounts, programs or curricula, so running it twice changes
 * nothing.
 *
 * Locking: one write transaction for the whole load.
 */
gboolean
pdn_demo_load (PdnStore *store, PdnPluginRegistry *plugins, const gchar *demo_dir,
               GDateTime *today, PdnDemoSummary **summary, GError **error)
{
  g_auto (Demo) demo = { 0 };
  g_autoptr (PdnDemoSummary) loaded = pdn_demo_summary_new ();
  g_autoptr (PdnTransaction) tx = NULL;

  demo.store = store;
  demo.plugins = plugins != NULL ? plugins : pdn_plugin_registry_get_default ();
  demo.dir = demo_dir != NULL ? g_strdup (demo_dir) : pdn_demo_default_dir ();
  demo.organizations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  demo.schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  demo.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  demo.curriculum_commits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  if (!read_programs_file (&demo, error) || !set_zone (&demo, today, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !load_everything (&demo, loaded, error)
      || !pdn_transaction_commit (tx, error))
    {
      forget_curricula (&demo);
      return FALSE;
    }
  if (summary != NULL)
    *summary = g_steal_pointer (&loaded);
  return TRUE;
}
