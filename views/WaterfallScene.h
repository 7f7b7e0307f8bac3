// SPDX-License-Identifier: MIT
#pragma once

#include "ServicePalette.h"
#include "ViewTheme.h"
#include "layout/TraceAnalysis.h"
#include "layout/WaterfallRows.h"

#include <cstdint>
#include <tuple>
#include <vector>

namespace spanscope {

// Per-span ranges in one flat array (CSR): the sections of the critical path, or event times.
struct SpanRanges
{
    std::vector<uint32_t> offset; // ranges of span i: [offset[i], offset[i + 1])
    std::vector<std::pair<int64_t, int64_t>> ranges;

    bool empty() const { return ranges.empty(); }
    size_t count(uint32_t span) const { return offset.empty() ? 0 : offset[span + 1] - offset[span]; }
    const std::pair<int64_t, int64_t>* begin(uint32_t span) const { return ranges.data() + offset[span]; }
    const std::pair<int64_t, int64_t>* end(uint32_t span) const { return ranges.data() + offset[span + 1]; }

    // Builds the index from (span, start, end) triples in any order.
    static SpanRanges build(size_t spanCount, std::vector<std::tuple<uint32_t, int64_t, int64_t>> items);
};

enum class BarColouring
{
    ByService,
    BySelfTime
};

// What the waterfall derives from a trace once, for every frame: service colours, critical-path
// sections and event ticks by span, the largest self time. Shared by the widget and the exporter.
struct WaterfallDecorations
{
    ServiceColors colors;
    SpanRanges critical;
    SpanRanges events;
    int64_t maxSelfTime = 1;

    static WaterfallDecorations build(const TraceAnalysis& analysis,
                                      std::vector<std::tuple<uint32_t, int64_t, int64_t>> events);
};

// Everything one waterfall picture depends on. The widget, the image/PDF exporter and the headless
// command line fill one and hand it to WaterfallPainter: one drawing, three outputs.
struct WaterfallScene
{
    static constexpr uint32_t kNoSpan = UINT32_MAX;

    const TraceAnalysis* analysis = nullptr;
    const WaterfallRows* rows = nullptr;
    const CollapseState* collapse = nullptr;
    const ServiceColors* colors = nullptr;
    const SpanRanges* criticalSections = nullptr; // drawn on the bars when set
    const SpanRanges* events = nullptr;           // event times, drawn as ticks on the bars
    const ViewTheme* theme = &ViewTheme::light();

    int64_t windowStart = 0; // visible time range, ns
    int64_t windowEnd = 1;
    double scrollY = 0; // pixels scrolled from the first row
    int nameColumnWidth = 360;

    uint32_t selectedSpan = kNoSpan;
    uint32_t hoveredSpan = kNoSpan;
    // Find: spans where this is 0 are dimmed (the view keeps ancestors of matches at 1).
    const std::vector<uint8_t>* undimmed = nullptr;
    BarColouring colouring = BarColouring::ByService;
    int64_t maxSelfTime = 1; // for BySelfTime: the largest self time of the trace

    // Points the scene at a trace's decorations (colours, critical path, events).
    void decorate(const WaterfallDecorations& decorations, bool showCriticalPath = true)
    {
        colors = &decorations.colors;
        criticalSections = showCriticalPath ? &decorations.critical : nullptr;
        events = &decorations.events;
        maxSelfTime = decorations.maxSelfTime;
    }
};

} // namespace spanscope
