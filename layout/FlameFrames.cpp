// SPDX-License-Identifier: MIT
#include "FlameFrames.h"

#include <algorithm>

namespace spanscope {

FlameLayout buildFlameLayout(const SpanTree& tree, const SpanTimes& times)
{
    const auto n = uint32_t(tree.size());
    FlameLayout layout;
    const uint32_t depths = n == 0 ? 0 : tree.maxDepth + 1;
    layout.depthOffset.assign(depths + 1, 0);
    for (uint32_t span = 0; span < n; ++span)
        ++layout.depthOffset[tree.depth[span] + 1];
    for (uint32_t d = 0; d < depths; ++d)
        layout.depthOffset[d + 1] += layout.depthOffset[d];
    layout.spans.resize(n);
    std::vector<uint32_t> fill(layout.depthOffset.begin(), layout.depthOffset.end() - 1);
    // Span indexes are in file start order, so each depth is nearly sorted already.
    for (uint32_t span = 0; span < n; ++span)
        layout.spans[fill[tree.depth[span]]++] = span;
    for (uint32_t d = 0; d < depths; ++d) {
        const auto first = layout.spans.begin() + layout.depthOffset[d];
        const auto last = layout.spans.begin() + layout.depthOffset[d + 1];
        const auto byStart = [&](uint32_t a, uint32_t b) {
            return times.start[a] < times.start[b];
        };
        if (!std::is_sorted(first, last, byStart))
            std::stable_sort(first, last, byStart);
    }
    return layout;
}

FlameFrames flameFrames(const FlameLayout& layout, const SpanTimes& times, double nsPerPixel,
                        int64_t windowStart, int64_t windowEnd)
{
    FlameFrames result;
    result.nsPerPixel = nsPerPixel > 0 ? nsPerPixel : 1;
    const double pixel = result.nsPerPixel;
    const uint32_t depths = layout.depthCount();
    result.depthOffset.assign(depths + 1, 0);
    for (uint32_t d = 0; d < depths; ++d) {
        bool open = false; // the last frame may still take sub-pixel neighbours
        for (uint32_t k = layout.depthOffset[d]; k < layout.depthOffset[d + 1]; ++k) {
            const uint32_t span = layout.spans[k];
            const int64_t start = times.start[span];
            const int64_t end = times.end[span];
            if (start > windowEnd)
                break; // in start order: nothing later is visible
            if (end < windowStart)
                continue;
            const bool small = double(end - start) < pixel;
            if (open && small) {
                FlameFrame& last = result.frames.back();
                if (double(start - last.end) < pixel) {
                    last.end = std::max(last.end, end);
                    ++last.count;
                    open = double(last.end - last.start) < pixel;
                    continue;
                }
            }
            result.frames.push_back(FlameFrame{start, end, span, 1});
            open = small;
        }
        result.depthOffset[d + 1] = uint32_t(result.frames.size());
    }
    result.reach.resize(result.frames.size());
    for (uint32_t d = 0; d < depths; ++d) {
        int64_t reach = std::numeric_limits<int64_t>::min();
        for (uint32_t k = result.depthOffset[d]; k < result.depthOffset[d + 1]; ++k) {
            reach = std::max(reach, result.frames[k].end);
            result.reach[k] = reach;
        }
    }
    return result;
}

const FlameFrame* FlameFrames::hitTest(uint32_t depth, int64_t time, int64_t toleranceNs) const
{
    if (depth >= depthCount())
        return nullptr;
    const auto first = frames.begin() + depthOffset[depth];
    const auto last = frames.begin() + depthOffset[depth + 1];
    // The last frame starting at or before time (+ tolerance), then back while earlier frames
    // can still reach time: reach is a running maximum, so the walk stops at the first that cannot.
    auto it = std::upper_bound(first, last, time + toleranceNs,
                               [](int64_t t, const FlameFrame& frame) { return t < frame.start; });
    while (it != first) {
        --it;
        if (reach[size_t(it - frames.begin())] < time - toleranceNs)
            break;
        if (it->end >= time - toleranceNs)
            return &*it;
    }
    return nullptr;
}

} // namespace spanscope
