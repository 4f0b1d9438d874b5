/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pdn-git.h"

/* Idempotent and thread-safe; libgit2 keeps its state for the process. */
void
pdn_git_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      git_libgit2_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/* libgit2's failure codes as PDN_ERROR codes; anything unexpected is ours
 * to fix (500), not the caller's. */
static PdnErrorCode
code_for (int rc)
{
  switch (rc)
    {
    case GIT_ENOTFOUND:
      return PDN_ERROR_NOT_FOUND;
    case GIT_EEXISTS:
      return PDN_ERROR_CONFLICT;
    case GIT_EMODIFIED:
    case GIT_ELOCKED:
      return PDN_ERROR_PRECONDITION_FAILED;
    case GIT_EINVALIDSPEC:
    case GIT_EAMBIGUOUS:
      return PDN_ERROR_INVALID_INPUT;
    default:
      return PDN_ERROR_INTERNAL;
    }
}

/**
 * pdn_git_set_error:
 * @what: what was being done, for the message
 *
 * Sets @error from libgit2's last error for the failed call's @rc.
 */
void
pdn_git_set_error (GError **error, int rc, const gchar *what)
{
  const git_error *last = git_error_last ();

  /* TRANSLATORS: the first %s says what pdnet was doing, the second is libgit2's reason */
  pdn_error_set_field (error, code_for (rc), NULL, _("%s: %s"), what,
                       last != NULL && last->message != NULL ? last->message : "libgit2");
}

/* TRUE when @rc is success (>= 0), else FALSE with @error set. */
gboolean
pdn_git_check (int rc, GError **error, const gchar *what)
{
  if (rc >= 0)
    return TRUE;
  pdn_git_set_error (error, rc, what);
  return FALSE;
}

gchar *
pdn_git_oid_to_string (const git_oid *oid)
{
  gchar text[GIT_OID_HEXSZ + 1];

  git_oid_tostr (text, sizeof text, oid);
  return g_strdup (text);
}

/* Only a full lowercase commit id: short or uppercase ids are refused so
 * that an id always names exactly one object. */
gboolean
pdn_git_oid_parse (const gchar *text, git_oid *oid)
{
  if (text == NULL || strlen (text) != GIT_OID_HEXSZ)
    return FALSE;
  for (const gchar *p = text; *p != '\0'; p++)
    if (!(g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f')))
      return FALSE;
  return git_oid_fromstr (oid, text) == 0;
}
