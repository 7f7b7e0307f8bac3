// SPDX-License-Identifier: MIT
// Must not compile: the model knows nothing of the layout.
#include "layout/SpanTree.h"
