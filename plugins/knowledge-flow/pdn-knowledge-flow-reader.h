/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-knowledge-flow-matrix.h"

G_BEGIN_DECLS

/* Reads the attended hours of @parameters' programs in their school year
 * into a matrix, through the context's queries only. */
KfMatrix *kf_read (PdnContext *context, JsonObject *parameters, gchar **school_year,
                   GCancellable *cancellable, GError **error);

G_END_DECLS
