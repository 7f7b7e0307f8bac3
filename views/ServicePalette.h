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
    // Gives one service another colour (a user's choice; tests paint every palette colour).
    void setColor(uint32_t serviceString, const QColor& colour);

private:
    std::vector<QColor> m_byString;
};

// The palette itself, for views that colour by something else.
QColor paletteColor(size_t index);
size_t paletteSize();
// Black or white, whichever reads better on background.
QColor textColorOn(const QColor& background);
// WCAG 2 relative luminance (0 black .. 1 white) and the contrast ratio of two colours (1 .. 21).
double relativeLuminance(const QColor& colour);
double contrastRatio(const QColor& a, const QColor& b);

} // namespace spanscope
