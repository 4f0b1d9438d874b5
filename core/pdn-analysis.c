/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-analysis.h>

/* An outcome analysis; see include/pdnet/pdn-analysis.h. The core calls
 * it only through pdn-plugin-runner.c. */
G_DEFINE_INTERFACE (PdnAnalysis, pdn_analysis, G_TYPE_OBJECT)

static void
pdn_analysis_default_init (PdnAnalysisInterface *iface)
{
}
