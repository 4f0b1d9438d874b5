/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-error.h>
#include <pdnet/pdn-version.h>
