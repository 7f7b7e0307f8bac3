// SPDX-License-Identifier: MIT
#include "SpanTimes.h"

#include <algorithm>

namespace spanscope {

SpanTimes effectiveTimes(const TraceData& trace, const SpanTree& tree)
{
    const size_t n = trace.size();
    SpanTimes times;
    times.start = trace.startNs;
    times.end = trace.endNs;
    times.flags.assign(n, 0);
    // A root without a start time starts with the earliest span that has one (or, when no span
    // has one, the earliest end). Missing times are told by their flags, never by a value of 0,
    // which is the epoch and a valid time.
    int64_t earliestKnown = INT64_MAX;
    int64_t earliestEnd = INT64_MAX;
    for (size_t i = 0; i < n; ++i) {
        if (!(trace.flags[i] & SpanFlag::MissingStart))
            earliestKnown = std::min(earliestKnown, trace.startNs[i]);
        if (!(trace.flags[i] & SpanFlag::MissingEnd))
            earliestEnd = std::min(earliestEnd, trace.endNs[i]);
    }
    if (earliestKnown == INT64_MAX)
        earliestKnown = earliestEnd != INT64_MAX ? earliestEnd : 0;
    // Preorder visits parents first, so an inherited start can itself have been inherited.
    for (const uint32_t span : tree.preorder) {
        const uint32_t flags = trace.flags[span];
        if (flags & SpanFlag::MissingStart) {
            const uint32_t parent = tree.parent[span];
            times.start[span] = parent != SpanTree::kNone ? times.start[parent] : earliestKnown;
            times.flags[span] |= TimeFlag::InheritedStart;
            if (flags & SpanFlag::MissingEnd)
                times.end[span] = times.start[span];
        }
        if ((flags & SpanFlag::MissingEnd) || times.end[span] < times.start[span]) {
            times.end[span] = times.start[span];
            times.flags[span] |= TimeFlag::ZeroDuration;
        }
    }
    updateTraceBounds(times);
    return times;
}

void updateTraceBounds(SpanTimes& times)
{
    if (times.start.empty()) {
        times.traceStart = times.traceEnd = 0;
        return;
    }
    times.traceStart = *std::min_element(times.start.begin(), times.start.end());
    times.traceEnd = *std::max_element(times.end.begin(), times.end.end());
}

} // namespace spanscope
