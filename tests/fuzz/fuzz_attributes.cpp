// SPDX-License-Identifier: MIT
// The attribute blob reader (workspace files may be corrupt) and valueToDisplayText.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::attributes)
