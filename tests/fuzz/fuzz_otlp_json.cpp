// SPDX-License-Identifier: MIT
// The OTLP JSON importer in document mode (one TracesData object, or wrappers around it).
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::otlpJson)
