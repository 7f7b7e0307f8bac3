// SPDX-License-Identifier: MIT
// Id text (hex, base64), the base64 codec and the UTF-8 helpers.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::ids)
