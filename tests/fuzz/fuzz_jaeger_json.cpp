// SPDX-License-Identifier: MIT
// The Jaeger JSON importer (query API, api_v2/api_v3 JSON, bare traces and spans), as a document
// and as JSON Lines.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::jaegerJson)
