// SPDX-License-Identifier: MIT
// Must not compile: importers never draw.
#include "views/ViewTheme.h"
