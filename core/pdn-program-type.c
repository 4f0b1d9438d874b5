/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-program-type.h>

/* The hooks of a program type; see include/pdnet/pdn-program-type.h. The
 * core calls them only through pdn-plugin-runner.c. */
G_DEFINE_INTERFACE (PdnProgramType, pdn_program_type, G_TYPE_OBJECT)

static void
pdn_program_type_default_init (PdnProgramTypeInterface *iface)
{
}
