// SPDX-License-Identifier: MIT
#pragma once

#include "ServicePalette.h"
#include "layout/TraceAnalysis.h"
#include "layout/WaterfallRows.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// Everything one waterfall picture depends on. The widget, the image/PDF exporter and the headless
// command line fill one and hand it to WaterfallPainter: one drawing, three outputs.
struct WaterfallScene
{
    static constexpr uint32_t kNoSpan = UINT32_MAX;

    const TraceAnalysis* analysis = nullptr;
    const WaterfallRows* rows = nullptr;
    const CollapseState* collapse = nullptr;
    const ServiceColors* colors = nullptr;

    int64_t windowStart = 0; // visible time range, ns
    int64_t windowEnd = 1;
    double scrollY = 0; // pixels scrolled from the first row
    int nameColumnWidth = 360;

    uint32_t selectedSpan = kNoSpan;
    uint32_t hoveredSpan = kNoSpan;
    // Optional per-span masks: find matches (non-matches are dimmed when active).
    const std::vector<uint8_t>* matches = nullptr;
    bool colourBySelfTime = false;
};

} // namespace spanscope
