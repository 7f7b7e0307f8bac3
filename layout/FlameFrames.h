// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace spanscope {

// The spans of every depth in start order: built once per trace (O(n log n)), then every zoom
// level's frames come from it in O(n).
struct FlameLayout
{
    std::vector<uint32_t> depthOffset; // spans of depth d: spans[depthOffset[d] .. depthOffset[d + 1])
    std::vector<uint32_t> spans;

    uint32_t depthCount() const { return depthOffset.empty() ? 0 : uint32_t(depthOffset.size() - 1); }
};

FlameLayout buildFlameLayout(const SpanTree& tree, const SpanTimes& times);

// One rectangle of the flame chart: x = [start, end) in ns, y = its depth.
struct FlameFrame
{
    int64_t start = 0;
    int64_t end = 0;
    uint32_t span = 0;  // the frame's span; for a merged frame, its first span
    uint32_t count = 1; // spans merged into it (1: one span, drawn with its name)
};

// The frames for one zoom level.
struct FlameFrames
{
    double nsPerPixel = 1;
    std::vector<uint32_t> depthOffset; // frames of depth d: frames[depthOffset[d] .. depthOffset[d + 1])
    std::vector<FlameFrame> frames;    // in start order within a depth
    std::vector<int64_t> reach;        // per frame: the largest end of its depth up to it (for hit tests)

    uint32_t depthCount() const { return depthOffset.empty() ? 0 : uint32_t(depthOffset.size() - 1); }
    // The frame at (depth, time), or nullptr; toleranceNs widens frames (half a pixel makes
    // zero-length spans clickable). Where frames overlap, the one starting last (drawn on top)
    // wins. O(log frames) plus the overlapping frames.
    const FlameFrame* hitTest(uint32_t depth, int64_t time, int64_t toleranceNs = 0) const;
};

// Frames of the spans that intersect [windowStart, windowEnd]. Frames narrower than one pixel
// (nsPerPixel) that follow each other with less than a pixel between them are merged into one
// frame of count > 1, until that frame is a pixel wide: a dense region of a million tiny spans
// becomes at most one frame per pixel column and depth. Frames of a pixel or more are never merged.
FlameFrames flameFrames(const FlameLayout& layout, const SpanTimes& times, double nsPerPixel,
                        int64_t windowStart = std::numeric_limits<int64_t>::min(),
                        int64_t windowEnd = std::numeric_limits<int64_t>::max());

} // namespace spanscope
