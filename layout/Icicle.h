// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/TraceData.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// One node of the aggregated icicle: every span reached by the same root-to-span path of
// (service, operation) pairs.
struct IcicleNode
{
    static constexpr uint32_t kNone = UINT32_MAX;

    uint32_t parent = kNone;
    uint32_t depth = 0;
    uint32_t service = 0; // string indexes into TraceData::strings (of the node's first span)
    uint32_t name = 0;
    uint32_t count = 0; // spans aggregated here
    int64_t total = 0;  // sum of their durations, ns
    int64_t self = 0;   // sum of their self times, ns
    // Horizontal placement in ns units (0 .. Icicle::width): a node's children share its width in
    // proportion to their totals, squeezed to fit when parallel children add up to more.
    double offset = 0;
    double width = 0;
};

struct Icicle
{
    std::vector<IcicleNode> nodes;     // parents before children; children in order of first appearance
    std::vector<uint32_t> childOffset; // children of node i: children[childOffset[i] .. childOffset[i + 1])
    std::vector<uint32_t> children;
    std::vector<uint32_t> roots;
    std::vector<uint32_t> nodeOfSpan;
    double width = 0; // the roots' totals, side by side
    uint32_t maxDepth = 0;
};

// Aggregates the tree by (service, operation) path, with totals and self times (selfTimes from
// computeSelfTimes()). O(n) hash look-ups.
Icicle buildIcicle(const TraceData& trace, const SpanTree& tree, const SpanTimes& times,
                   const std::vector<int64_t>& selfTimes);

} // namespace spanscope
