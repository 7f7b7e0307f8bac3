// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTree.h"
#include "model/TraceData.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// A span is in error when its status is ERROR or its importer marked it (SpanFlag::Error: Jaeger's
// truthy `error` tag, Zipkin's `error` tag); docs/ANALYSIS.md, "Errors".
inline bool isErrorSpan(const TraceData& trace, uint32_t span)
{
    return trace.status[span] == StatusCode::Error || (trace.flags[span] & SpanFlag::Error) != 0;
}

struct ErrorAnalysis
{
    uint32_t errorCount = 0;
    // Error spans none of whose descendants is in error: where the failure started. Deepest first
    // (the first one is "the" root cause the views show first); ties by start time, then index.
    std::vector<uint32_t> rootCauses;
    // Per span: 1 when it or a descendant is in error (the waterfall marks the way down to a cause).
    std::vector<uint8_t> errorInSubtree;
};

// O(n) plus sorting the candidates.
ErrorAnalysis analyzeErrors(const TraceData& trace, const SpanTree& tree);

} // namespace spanscope
