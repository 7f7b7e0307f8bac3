// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/TraceData.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// A stretch of one span's own time that lies on the critical path: [start, end) in ns.
struct CriticalPathSection
{
    uint32_t span = 0;
    int64_t start = 0;
    int64_t end = 0;

    bool operator==(const CriticalPathSection&) const = default;
};

// The critical path of every root of a trace (docs/ANALYSIS.md, "Critical path").
//
// sections lists the walk exactly as Jaeger UI produces it: root after root (in the tree's root
// order), and within one root from the end of the trace backwards. A view that wants the path
// start to end reads one root's range backwards (see chronological()).
struct CriticalPath
{
    std::vector<CriticalPathSection> sections;
    // sections of root r: [rootBegin[r], rootBegin[r + 1]); roots as in SpanTree::roots.
    std::vector<uint32_t> rootBegin;
    // Per span: the time it spends on the path (sum of its sections), 0 when it is not on it.
    std::vector<int64_t> timeOnPath;

    bool isOnPath(uint32_t span) const { return timeOnPath[span] > 0; }
    // The sections of every root from the earliest to the latest: roots in order, each root's
    // sections reversed. This is the order "spanscope critical-path" prints.
    std::vector<CriticalPathSection> chronological() const;
};

// Jaeger UI's algorithm, iterative and O(n log n):
//  1. CONSUMER children of PRODUCER spans are dropped with their subtrees (they do not block);
//  2. children are clipped to their (clipped) parent; children entirely outside are dropped;
//  3. from each root, the last-finishing child (ties: earliest start) is followed; returning to a
//     parent, only children that ended strictly before the returning child's start qualify.
// Unlike Jaeger, orphan roots get their path too (Jaeger drops their subtrees).
CriticalPath computeCriticalPath(const TraceData& trace, const SpanTree& tree, const SpanTimes& times);

} // namespace spanscope
