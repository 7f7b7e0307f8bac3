// SPDX-License-Identifier: MIT
// The trace pack decoder (TracePack::decode of a blob read from a workspace file).
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::tracePack)
