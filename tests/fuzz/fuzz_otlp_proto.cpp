// SPDX-License-Identifier: MIT
// The OTLP protobuf importer (TracesData / ExportTraceServiceRequest, concatenated messages).
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::otlpProto)
