// SPDX-License-Identifier: MIT
#include "WaterfallScene.h"

#include <algorithm>

namespace spanscope {

SpanRanges SpanRanges::build(size_t spanCount, std::vector<std::tuple<uint32_t, int64_t, int64_t>> items)
{
    std::sort(items.begin(), items.end());
    SpanRanges result;
    result.offset.assign(spanCount + 1, 0);
    for (const auto& [span, start, end] : items)
        ++result.offset[span + 1];
    for (size_t i = 0; i < spanCount; ++i)
        result.offset[i + 1] += result.offset[i];
    result.ranges.reserve(items.size());
    for (const auto& [span, start, end] : items)
        result.ranges.emplace_back(start, end);
    return result;
}

WaterfallDecorations WaterfallDecorations::build(const TraceAnalysis& analysis,
                                                 std::vector<std::tuple<uint32_t, int64_t, int64_t>> events)
{
    WaterfallDecorations decorations;
    const size_t n = analysis.data.size();
    decorations.colors = ServiceColors(analysis);
    std::vector<std::tuple<uint32_t, int64_t, int64_t>> sections;
    sections.reserve(analysis.criticalPath.sections.size());
    for (const CriticalPathSection& section : analysis.criticalPath.sections)
        sections.emplace_back(section.span, section.start, section.end);
    decorations.critical = SpanRanges::build(n, std::move(sections));
    decorations.events = SpanRanges::build(n, std::move(events));
    for (int64_t self : analysis.selfTime)
        decorations.maxSelfTime = std::max(decorations.maxSelfTime, self);
    return decorations;
}

} // namespace spanscope
