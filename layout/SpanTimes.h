// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTree.h"
#include "model/TraceData.h"

#include <cstdint>
#include <vector>

namespace spanscope {

namespace TimeFlag {
enum : uint8_t
{
    InheritedStart = 1u << 0, // no start time in the file: the parent's start is used (Jaeger's rule)
    ZeroDuration = 1u << 1,   // no end, or an end before the start: shown with duration 0
    SkewShifted = 1u << 2,    // moved by the clock-skew adjustment
    SkewNotApplied = 1u << 3, // the adjustment wanted to move it by more than the maximum
};
}

// The times every analysis and view uses: the file's times with the missing-time rules of
// docs/ANALYSIS.md applied, and, when the option is on, the clock-skew adjustment.
struct SpanTimes
{
    std::vector<int64_t> start;
    std::vector<int64_t> end;
    std::vector<uint8_t> flags; // TimeFlag
    std::vector<int64_t> shift; // clock-skew shift in ns (empty when the adjustment is off)
    int64_t traceStart = 0;
    int64_t traceEnd = 0;

    int64_t duration(uint32_t span) const { return end[span] - start[span]; }
    int64_t traceDuration() const { return traceEnd - traceStart; }
};

SpanTimes effectiveTimes(const TraceData& trace, const SpanTree& tree);
// Recomputes traceStart/traceEnd after times changed.
void updateTraceBounds(SpanTimes& times);

} // namespace spanscope
