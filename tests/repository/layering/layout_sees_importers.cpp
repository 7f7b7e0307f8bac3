// SPDX-License-Identifier: MIT
// Must not compile: layout/ never reads files.
#include "importers/ImportRunner.h"
