/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-api-accept.h"

/*
 * Content negotiation (RFC 9110 section 12.5.1) for routes that answer in
 * more than one format, such as a report in JSON or CSV. Only the media
 * type and its q weight count; other parameters are ignored.
 */

/* The q of one media range's parameters ("q=0.5"), 1 without one. */
static gdouble
range_weight (gchar **params)
{
  for (guint i = 0; params[i] != NULL; i++)
    {
      g_autofree gchar *param = g_strstrip (g_strdup (params[i]));
      gchar *end = NULL;
      gdouble q;

      if (g_ascii_strncasecmp (param, "q=", 2) != 0)
        continue;
      q = g_ascii_strtod (param + 2, &end);
      if (end == param + 2 || *end != '\0' || q < 0 || q > 1)
        return 0; /* a malformed weight accepts nothing rather than everything */
      return q;
    }
  return 1;
}

/* How specifically @range matches @type: 3 for the type itself
 * ("text/csv"), 2 for any subtype of its type ("text" then a slash and a
 * star), 1 for any type at all, 0 when it does not match. */
static guint
range_match (const gchar *range, const gchar *type)
{
  const gchar *slash = strchr (type, '/');

  if (g_ascii_strcasecmp (range, type) == 0)
    return 3;
  if (slash != NULL && g_str_has_suffix (range, "/*")
      && strlen (range) == (gsize) (slash - type) + 2
      && g_ascii_strncasecmp (range, type, slash - type + 1) == 0)
    return 2;
  return g_str_equal (range, "*/*") ? 1 : 0;
}

/* The weight the most specific range of @accept gives @type; -1 if none
 * matches it. */
static gdouble
type_weight (gchar **ranges, const gchar *type)
{
  guint best = 0;
  gdouble weight = -1;

  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (ranges[i], ";", -1);
      g_autofree gchar *range = g_strstrip (g_strdup (parts[0] != NULL ? parts[0] : ""));
      guint match = range_match (range, type);

      if (match > best)
        {
          best = match;
          weight = range_weight (parts + 1);
        }
    }
  return weight;
}

/**
 * pdn_api_accept_choose:
 * @accept: (nullable): an Accept header
 * @offered: (array zero-terminated=1): media types such as
 *   "application/json", the default first
 *
 * Returns: the index in @offered of the type @accept weighs highest (the
 *   earliest on a tie). 0, the default, without an Accept header or when
 *   it accepts none of them: answering in the default rather than 406 is
 *   what RFC 9110 allows and what most clients cope with.
 */
guint
pdn_api_accept_choose (const gchar *accept, const gchar *const *offered)
{
  g_auto (GStrv) ranges = NULL;
  gdouble best_weight = 0;
  guint best = 0;

  if (accept == NULL)
    return 0;
  ranges = g_strsplit (accept, ",", -1);
  for (guint i = 0; offered[i] != NULL; i++)
    {
      gdouble weight = type_weight (ranges, offered[i]);

      if (weight > best_weight)
        {
          best_weight = weight;
          best = i;
        }
    }
  return best;
}

/* pdn_api_accept_choose() for the request's Accept header. */
guint
pdn_api_negotiate (PdnRequest *request, const gchar *const *offered)
{
  return pdn_api_accept_choose (pdn_request_get_header (request, "Accept"), offered);
}
