// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <string_view>
#include <vector>

namespace spanscope {

struct TraceAnalysis;

// Colours for the services of one trace: services get distinct colours in the order they first
// appear (depth first from the root), so the root service is always the first colour and two
// services of one trace never share one until the palette runs out. Deterministic: the same trace
// always looks the same, in the window and in exported pictures.
class ServiceColors
{
public:
    ServiceColors() = default;
    explicit ServiceColors(const TraceAnalysis& analysis);

    // By the service's index in the trace's string table.
    QColor color(uint32_t serviceString) const;

private:
    std::vector<QColor> m_byString;
};

// The palette itself, for views that colour by something else.
QColor paletteColor(size_t index);
// Black or white, whichever reads better on background.
QColor textColorOn(const QColor& background);

} // namespace spanscope
