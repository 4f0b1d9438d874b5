/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-enums.h"
#include "pdn-validate.h"

static gboolean
has_control_characters (const gchar *value)
{
  for (const gchar *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        return TRUE;
    }
  return FALSE;
}

/**
 * pdn_validate_text:
 * @required: whether %NULL or blank text is refused
 *
 * Accepts valid UTF-8 without control characters (newlines and tabs allowed)
 * of at most @max_chars characters.
 */
gboolean
pdn_validate_text (const gchar *value, const gchar *field, gboolean required, glong max_chars,
                   GError **error)
{
  g_autofree gchar *stripped = NULL;

  if (value == NULL)
    {
      if (!required)
        return TRUE;
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is required"), field);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is not valid UTF-8"),
                           field);
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (value));
  if (required && stripped[0] == '\0')
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must not be empty"),
                           field);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s is longer than %ld characters"), field, max_chars);
      return FALSE;
    }
  if (has_control_characters (value))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s contains control characters"), field);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_domain_label_char (gchar c)
{
  return g_ascii_isalnum (c) || c == '-' || (guchar) c >= 0x80;
}

/* A domain of dot-separated labels, at least two, none empty. */
static gboolean
is_valid_domain (const gchar *domain)
{
  g_auto (GStrv) labels = NULL;

  if (domain == NULL || domain[0] == '\0' || strlen (domain) > 253)
    return FALSE;
  labels = g_strsplit (domain, ".", -1);
  if (g_strv_length (labels) < 2)
    return FALSE;
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (labels[i][0] == '\0' || labels[i][0] == '-')
        return FALSE;
      for (const gchar *p = labels[i]; *p != '\0'; p++)
        if (!is_domain_label_char (*p))
          return FALSE;
    }
  return TRUE;
}

/* Deliberately simple: one @, a non-empty local part without spaces, and a
 * dotted domain. Deliverability is the mail server's business. */
gboolean
pdn_validate_email (const gchar *value, const gchar *field, GError **error)
{
  const gchar *at;

  if (!pdn_validate_text (value, field, TRUE, 254, error))
    return FALSE;
  at = strchr (value, '@');
  if (at == NULL || at == value || strchr (at + 1, '@') != NULL || strpbrk (value, " \t\n<>,;\"")
      || !is_valid_domain (at + 1))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s is not a valid email address"), field);
      return FALSE;
    }
  return TRUE;
}

/**
 * pdn_email_key:
 *
 * The uniqueness key of an email: Unicode-normalized and case-folded, so
 * "Ana@School.org" and "ana@school.org" are one person.
 */
gchar *
pdn_email_key (const gchar *email)
{
  g_autofree gchar *normalized = g_utf8_normalize (email, -1, G_NORMALIZE_NFKC);

  if (normalized == NULL)
    return NULL;
  return g_utf8_casefold (normalized, -1);
}

const gchar *
pdn_email_domain (const gchar *email)
{
  const gchar *at = strrchr (email, '@');

  return at != NULL ? at + 1 : NULL;
}

gboolean
pdn_validate_email_domain (const gchar *value, const gchar *field, GError **error)
{
  if (!pdn_validate_text (value, field, TRUE, 253, error))
    return FALSE;
  if (!is_valid_domain (value))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s is not a valid domain name"), field);
      return FALSE;
    }
  return TRUE;
}

/* Slugs go into URLs and git branch names: a-z, 0-9 and single dashes. */
gboolean
pdn_validate_slug (const gchar *value, const gchar *field, GError **error)
{
  gsize len;
  gboolean ok = TRUE;

  if (!pdn_validate_text (value, field, TRUE, 64, error))
    return FALSE;
  len = strlen (value);
  if (value[0] == '-' || value[len - 1] == '-' || strstr (value, "--") != NULL)
    ok = FALSE;
  for (const gchar *p = value; ok && *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      ok = FALSE;
  if (!ok)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s may only contain lowercase letters, digits and single dashes"),
                           field);
      return FALSE;
    }
  return TRUE;
}

/* Machine ids such as plugin types, session kinds and outcome measures:
 * 1-64 characters, lowercase ASCII letters and digits first, then also
 * the characters in @extra (e.g. "-" or "-_"). */
gboolean
pdn_validate_identifier (const gchar *value, const gchar *field, const gchar *extra,
                         GError **error)
{
  gboolean ok;

  if (!pdn_validate_text (value, field, TRUE, 64, error))
    return FALSE;
  ok = g_ascii_islower (value[0]) || g_ascii_isdigit (value[0]);
  for (const gchar *p = value; ok && *p != '\0'; p++)
    ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || strchr (extra, *p) != NULL;
  if (!ok)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s may only contain lowercase letters, digits and “%s”, "
                             "starting with a letter or digit"),
                           field, extra);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdn_validate_enum (const gchar *value, const gchar *field, const gchar *const *names,
                   GError **error)
{
  g_autofree gchar *allowed = NULL;

  if (value != NULL && g_strv_contains (names, value))
    return TRUE;
  allowed = pdn_enum_names_joined (names);
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be one of: %s"), field,
                       allowed);
  return FALSE;
}

/* "2017-18": the second part is the year after the first. */
gboolean
pdn_validate_school_year (const gchar *value, const gchar *field, GError **error)
{
  guint first = 0;
  guint second = 0;

  if (value != NULL && strlen (value) == 7 && value[4] == '-' && g_ascii_isdigit (value[0])
      && g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]) && g_ascii_isdigit (value[3])
      && g_ascii_isdigit (value[5]) && g_ascii_isdigit (value[6]))
    {
      first = (guint) g_ascii_strtoull (value, NULL, 10);
      second = (guint) g_ascii_strtoull (value + 5, NULL, 10);
      if ((first + 1) % 100 == second)
        return TRUE;
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                       _("%s must be a school year such as 2017-18"), field);
  return FALSE;
}

/* Optional text that is empty or blank is stored as NULL, never "". */
void
pdn_clear_if_blank (gchar **value)
{
  g_autofree gchar *stripped = NULL;

  if (*value == NULL)
    return;
  stripped = g_strstrip (g_strdup (*value));
  if (stripped[0] == '\0')
    g_clear_pointer (value, g_free);
}
