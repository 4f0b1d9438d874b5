/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-analysis.h>
#include <pdnet/pdn-context.h>
#include <pdnet/pdn-error.h>
#include <pdnet/pdn-plugin.h>
#include <pdnet/pdn-program-settings.h>
#include <pdnet/pdn-program-type.h>
#include <pdnet/pdn-version.h>
