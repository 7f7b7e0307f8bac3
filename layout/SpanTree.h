// SPDX-License-Identifier: MIT
#pragma once

#include "model/TraceData.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spanscope {

// What the tree builder found out about a span (docs/ANALYSIS.md, "Span tree").
namespace TreeFlag {
enum : uint8_t
{
    Orphan = 1u << 0,       // its parent is not in the trace: shown as an extra root
    DuplicateId = 1u << 1,  // shares its id with another span that is not its Zipkin other half
    CycleBroken = 1u << 2,  // its parent chain looped (or it named itself): made a root
    SharedServer = 1u << 3, // Zipkin: the server half, placed under its client half
};
}

struct TreeWarning
{
    enum class Kind
    {
        DuplicateId,
        Cycle,
        SelfParent
    };
    Kind kind;
    uint32_t span; // index into TraceData
    uint32_t count = 0;
};

// The span tree of one trace as flat arrays over span indexes (the order of TraceData: by start).
// Children are listed by start time, ties in file order; roots too.
struct SpanTree
{
    static constexpr uint32_t kNone = UINT32_MAX;

    std::vector<uint32_t> parent;      // kNone for roots
    std::vector<uint32_t> depth;       // 0 for roots
    std::vector<uint32_t> childOffset; // children of i: children[childOffset[i] .. childOffset[i+1])
    std::vector<uint32_t> children;
    std::vector<uint32_t> roots;
    std::vector<uint32_t> preorder;      // depth-first order, the order of waterfall rows
    std::vector<uint32_t> preorderIndex; // position of a span in preorder
    std::vector<uint32_t> subtreeSize;   // the span and all its descendants
    std::vector<uint8_t> flags;          // TreeFlag
    std::vector<TreeWarning> warnings;
    uint32_t orphanCount = 0;
    uint32_t maxDepth = 0;

    size_t size() const { return parent.size(); }
    uint32_t childCount(uint32_t span) const { return childOffset[span + 1] - childOffset[span]; }
    const uint32_t* childrenBegin(uint32_t span) const { return children.data() + childOffset[span]; }
    const uint32_t* childrenEnd(uint32_t span) const { return children.data() + childOffset[span + 1]; }
    bool isIncomplete() const { return orphanCount > 0; }
};

// Builds the tree in O(n): parents by span id (Zipkin's shared client/server halves become a
// CLIENT span with its SERVER child; other duplicate ids are kept and reported), orphans become
// marked roots, cycles and self-parents are broken. Never recursive.
SpanTree buildSpanTree(const TraceData& trace);

// "3 spans share id 00000000000000ab; ..." for the details panel and the CLI.
std::string describeTreeWarning(const TraceData& trace, const TreeWarning& warning);

} // namespace spanscope
