// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/TraceData.h"

#include <cstdint>

namespace spanscope {

struct ClockSkewReport
{
    uint32_t shiftedSpans = 0;    // moved (TimeFlag::SkewShifted)
    uint32_t notAppliedSpans = 0; // would have moved by more than the maximum (TimeFlag::SkewNotApplied)
    int64_t largestShift = 0;     // the largest applied shift, by magnitude, with its sign
};

// Jaeger's clock-skew adjuster (docs/ANALYSIS.md, "Clock-skew adjustment"), applied to times in place:
// walking parents before children, a span on another host than its parent (or on an unknown host)
// gets its own shift so that it fits inside its already adjusted parent - moved to start no
// earlier than the parent when it is the longer one, else centred in it; a span on its parent's
// host inherits the parent's shift. Shifts larger than maxShiftNs (by magnitude) are not applied:
// the span is marked SkewNotApplied instead. Fills times.shift (0 for unmoved spans), marks every
// moved span SkewShifted and updates the trace bounds. O(n).
ClockSkewReport adjustClockSkew(const TraceData& trace, const SpanTree& tree, SpanTimes& times,
                                int64_t maxShiftNs);

} // namespace spanscope
