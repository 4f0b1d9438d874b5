/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-version.h>

const gchar *
pdn_version_string (void)
{
  return PACKAGE_VERSION;
}
