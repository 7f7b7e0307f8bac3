// SPDX-License-Identifier: MIT
// The OTLP JSON importer in JSON Lines mode (a broken line is skipped, the rest is read).
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::otlpJsonLines)
