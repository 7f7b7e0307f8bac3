// SPDX-License-Identifier: MIT
// Must not compile: importers stop at the model.
#include "layout/SpanTree.h"
