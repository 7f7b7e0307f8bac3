// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallPainter.h"

#include <QPixmap>
#include <QRegion>

namespace spanscope {

// The waterfall's rows as last painted (everything but the header and the hover/selection
// overlay), kept between frames. A vertical scroll or a horizontal pan by whole pixels shifts the
// picture and paints only what it cannot reuse: the strip that came into view, and every row whose
// label did not move with its bar (a label pinned to the view's edge, or one that changed sides).
// Anything else (zoom, resize, new rows, a new look) paints everything.
class WaterfallPixmapCache
{
public:
    // Brings the picture up to date with the scene in area (device pixel ratio dpr). `version`
    // changes whenever something other than the window or the scroll position changed what the
    // rows show (rows, colours, matches, theme).
    const QPixmap& update(const QRect& area, const WaterfallScene& scene, const WaterfallMetrics& metrics,
                          qreal dpr, uint64_t version);
    void clear();

    // What the last update painted (tests and the benchmark check that a shift paints little).
    const QRegion& lastPainted() const { return m_lastPainted; }
    int rowsPaintedLastTime() const { return m_lastPaintedRows; }

private:
    struct Key
    {
        int64_t windowStart = 0;
        int64_t windowEnd = 0;
        double scrollY = 0;
        int nameColumnWidth = 0;
        QSize size;
        qreal dpr = 0;
        uint64_t version = 0;
    };
    // The bar area's rows that a horizontal shift by dx pixels leaves wrong.
    QRegion rowsNotShiftable(const QRect& area, const WaterfallScene& scene, const WaterfallMetrics& metrics,
                             const QFontMetrics& fm, double dx) const;

    QPixmap m_pixmap;
    Key m_key;
    QRegion m_lastPainted;
    int m_lastPaintedRows = 0;
};

} // namespace spanscope
