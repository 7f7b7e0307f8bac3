// SPDX-License-Identifier: MIT
// Must not compile: views get data from the model, never from importers.
#include "importers/ImportRunner.h"
