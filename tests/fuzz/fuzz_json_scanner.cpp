// SPDX-License-Identifier: MIT
// The streaming JSON scanner, in document and line mode, with tiny and normal buffers.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::jsonScanner)
