// SPDX-License-Identifier: MIT
#include "CriticalPath.h"

#include <algorithm>

namespace spanscope {

namespace {

constexpr uint32_t kNone = SpanTree::kNone;

// Steps 1 and 2: which spans take part, with their clipped times. Preorder visits every parent
// before its children, so a child is always clipped against its parent's clipped interval, and a
// dropped parent drops its whole subtree (as Jaeger's sanitizeOverFlowingChildren does).
struct ClippedSpans
{
    std::vector<uint8_t> included;
    std::vector<int64_t> start;
    std::vector<int64_t> end;
};

ClippedSpans clipSpans(const TraceData& trace, const SpanTree& tree, const SpanTimes& times)
{
    const size_t n = tree.size();
    ClippedSpans clipped;
    clipped.included.assign(n, 0);
    clipped.start = times.start;
    clipped.end = times.end;
    for (const uint32_t span : tree.preorder) {
        const uint32_t parent = tree.parent[span];
        if (parent == kNone) {
            clipped.included[span] = 1; // every root starts a walk, orphan roots included
            continue;
        }
        if (!clipped.included[parent])
            continue;
        if (trace.kind[parent] == SpanKind::Producer && trace.kind[span] == SpanKind::Consumer)
            continue; // non-blocking: the producer does not wait for its consumer
        const int64_t parentStart = clipped.start[parent];
        const int64_t parentEnd = clipped.end[parent];
        int64_t& start = clipped.start[span];
        int64_t& end = clipped.end[span];
        // The same case split as Jaeger, so that edge cases (zero-length spans, a child starting
        // exactly at its parent's end) are decided the same way.
        if (start >= parentStart) {
            if (start >= parentEnd)
                continue; // starts after the parent ended
            end = std::min(end, parentEnd);
        } else {
            if (end <= parentStart)
                continue; // ended before the parent started
            start = parentStart;
            end = std::min(end, parentEnd);
        }
        clipped.included[span] = 1;
    }
    return clipped;
}

// The included children of every span, each list sorted by the order the walk consumes them:
// latest clipped end first; on a tie the earliest clipped start, then the tree's child order
// (which is start order, ties in file order) - Jaeger keeps the first child with the largest end.
struct WalkOrder
{
    std::vector<uint32_t> offset; // children of i: list[offset[i] .. offset[i + 1])
    std::vector<uint32_t> list;
};

WalkOrder walkOrder(const SpanTree& tree, const ClippedSpans& clipped)
{
    const auto n = uint32_t(tree.size());
    WalkOrder order;
    order.offset.assign(n + 1, 0);
    for (uint32_t span = 0; span < n; ++span) {
        const uint32_t parent = tree.parent[span];
        if (parent != kNone && clipped.included[span])
            ++order.offset[parent + 1];
    }
    for (uint32_t span = 0; span < n; ++span)
        order.offset[span + 1] += order.offset[span];
    order.list.resize(order.offset[n]);
    for (uint32_t span = 0; span < n; ++span) {
        uint32_t fill = order.offset[span];
        for (const uint32_t* child = tree.childrenBegin(span); child != tree.childrenEnd(span); ++child) {
            if (clipped.included[*child])
                order.list[fill++] = *child;
        }
        // The child list is in tree order; a stable sort keeps it for full ties.
        std::stable_sort(order.list.begin() + order.offset[span], order.list.begin() + fill,
                         [&](uint32_t a, uint32_t b) {
                             if (clipped.end[a] != clipped.end[b])
                                 return clipped.end[a] > clipped.end[b];
                             return clipped.start[a] < clipped.start[b];
                         });
    }
    return order;
}

} // namespace

CriticalPath computeCriticalPath(const TraceData& trace, const SpanTree& tree, const SpanTimes& times)
{
    const auto n = uint32_t(tree.size());
    CriticalPath path;
    path.timeOnPath.assign(n, 0);
    path.rootBegin.reserve(tree.roots.size() + 1);
    if (n == 0) {
        path.rootBegin.push_back(0);
        return path;
    }
    const ClippedSpans clipped = clipSpans(trace, tree, times);
    const WalkOrder order = walkOrder(tree, clipped);
    // next[i]: the first child of i in walk order that has not been ruled out. Bounds met at a
    // span only decrease, so the cursor only moves forward: O(children) per span over the walk.
    std::vector<uint32_t> next(order.offset.begin(), order.offset.end() - 1);

    const auto addSection = [&](uint32_t span, int64_t start, int64_t end) {
        if (start == end)
            return; // Jaeger leaves empty sections out
        path.sections.push_back(CriticalPathSection{span, start, end});
        path.timeOnPath[span] += end - start;
    };

    for (const uint32_t root : tree.roots) {
        path.rootBegin.push_back(uint32_t(path.sections.size()));
        uint32_t current = root;
        bool bounded = false; // true when returning from a child: bound is that child's start
        int64_t bound = 0;
        while (true) {
            const int64_t sectionEnd = bounded ? bound : clipped.end[current];
            uint32_t& cursor = next[current];
            const uint32_t last = order.offset[current + 1];
            if (bounded) {
                while (cursor < last && clipped.end[order.list[cursor]] >= bound)
                    ++cursor;
            }
            if (cursor < last) {
                const uint32_t child = order.list[cursor];
                addSection(current, clipped.end[child], sectionEnd);
                current = child;
                bounded = false;
                continue;
            }
            addSection(current, clipped.start[current], sectionEnd);
            if (current == root)
                break;
            bound = clipped.start[current];
            bounded = true;
            current = tree.parent[current];
        }
    }
    path.rootBegin.push_back(uint32_t(path.sections.size()));
    return path;
}

std::vector<CriticalPathSection> CriticalPath::chronological() const
{
    std::vector<CriticalPathSection> result;
    result.reserve(sections.size());
    for (size_t root = 0; root + 1 < rootBegin.size(); ++root)
        result.insert(result.end(), sections.rbegin() + long(sections.size() - rootBegin[root + 1]),
                      sections.rbegin() + long(sections.size() - rootBegin[root]));
    return result;
}

} // namespace spanscope
