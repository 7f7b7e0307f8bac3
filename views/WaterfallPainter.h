// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallScene.h"

#include <QCoreApplication>
#include <QFont>
#include <QRect>

class QPainter;

namespace spanscope {

// Geometry of the waterfall's parts, shared by painting and hit testing.
struct WaterfallMetrics
{
    int headerHeight = 30;
    int rowHeight = 22;
    int indent = 14;
    // Deep trees indent less: the whole tree's indentation takes at most this share of the column.
    double maxIndentShare = 0.45;
    int expanderWidth = 12;

    int rowTop(const QRect& area, const WaterfallScene& scene, size_t row) const
    {
        return area.top() + headerHeight + int(double(row) * rowHeight - scene.scrollY);
    }
    // The row at y, or -1 outside the rows.
    int64_t rowAt(const QRect& area, const WaterfallScene& scene, int y) const;
    int indentOf(const WaterfallScene& scene, uint32_t depth) const;
    QRect barArea(const QRect& area, const WaterfallScene& scene) const;
    QRect expanderRect(const QRect& area, const WaterfallScene& scene, size_t row, uint32_t depth) const;
};

// Draws the waterfall: time axis, tree column and bars, touching only the rows inside the area
// (or the dirty part of it): the cost of a frame does not grow with the trace.
class WaterfallPainter
{
    Q_DECLARE_TR_FUNCTIONS(WaterfallPainter)

public:
    // The whole picture: rows, header, selection.
    static void paint(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                      const WaterfallMetrics& metrics = {});

    // The parts, for the widget's cached drawing: rows (everything that does not depend on the
    // mouse) within `dirty`, the header, and the hover/selection overlay.
    static void paintRows(QPainter& painter, const QRect& area, const QRect& dirty,
                          const WaterfallScene& scene, const WaterfallMetrics& metrics);
    static void paintHeader(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                            const WaterfallMetrics& metrics);
    static void paintOverlay(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                             const WaterfallMetrics& metrics);

    // The colour of a span's bar in the scene's colouring.
    static QColor barColor(const WaterfallScene& scene, uint32_t span);

private:
    static void paintRow(QPainter& painter, const QRect& area, const QRect& dirty,
                         const WaterfallScene& scene, const WaterfallMetrics& metrics, size_t row);
};

} // namespace spanscope
