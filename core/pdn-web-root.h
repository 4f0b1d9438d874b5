/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PDN_TYPE_WEB_ROOT (pdn_web_root_get_type ())
G_DECLARE_FINAL_TYPE (PdnWebRoot, pdn_web_root, PDN, WEB_ROOT, GObject)

/* The Content-Security-Policy of every page: scripts and styles from our
 * origin only, never inline; no framing. */
#define PDN_WEB_CSP                                                                              \
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "                \
  "frame-ancestors 'none'"

/* The page at "/"; "not-found" answers paths with nothing. */
#define PDN_WEB_HOME_PAGE "catalog"
#define PDN_WEB_NOT_FOUND_PAGE "/not-found"

PdnWebRoot *pdn_web_root_new (const gchar *directory, GError **error);
const gchar *pdn_web_root_get_directory (PdnWebRoot *self);
GBytes *pdn_web_root_read (PdnWebRoot *self, const gchar *path, const gchar **content_type);

G_END_DECLS
