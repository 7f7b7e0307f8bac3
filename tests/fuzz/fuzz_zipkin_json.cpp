// SPDX-License-Identifier: MIT
// The Zipkin JSON importer (v1 and v2 spans, trace lists), as a document and as JSON Lines.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::zipkinJson)
