// SPDX-License-Identifier: MIT
#include "WaterfallPixmapCache.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {

// How far (in pixels) a shift may be from a whole number of pixels and still be taken as one.
constexpr double kWholePixel = 0.01;

std::pair<int64_t, int64_t> rowsIn(const QRect& area, const WaterfallScene& scene,
                                   const WaterfallMetrics& metrics)
{
    const double top = scene.scrollY;
    const double bottom = scene.scrollY + area.height() - metrics.headerHeight;
    const int64_t first = std::max<int64_t>(0, int64_t(std::floor(top / metrics.rowHeight)));
    const int64_t last = std::min<int64_t>(int64_t(scene.rows ? scene.rows->size() : 0),
                                           int64_t(std::floor(bottom / metrics.rowHeight)) + 1);
    return {first, last};
}

} // namespace

void WaterfallPixmapCache::clear()
{
    m_pixmap = QPixmap();
    m_key = Key{};
}

QRegion WaterfallPixmapCache::rowsNotShiftable(const QRect& area, const WaterfallScene& scene,
                                               const WaterfallMetrics& metrics, const QFontMetrics& fm,
                                               double dx) const
{
    QRegion region;
    if (!scene.analysis || !scene.rows)
        return region;
    WaterfallScene before = scene;
    before.windowStart = m_key.windowStart;
    before.windowEnd = m_key.windowEnd;
    const QRect bars = metrics.barArea(area, scene);
    const int left = bars.left() - 2;
    const auto [first, last] = rowsIn(area, scene, metrics);
    for (int64_t row = first; row < last; ++row) {
        WaterfallPainter::Label label; // measured once for both windows
        const BarLayout was = WaterfallPainter::barLayout(area, before, metrics, fm, size_t(row), &label);
        const BarLayout now = WaterfallPainter::barLayout(area, scene, metrics, fm, size_t(row), &label);
        bool moved = was.visible == now.visible && was.label == now.label;
        if (moved && now.label != BarLayout::Label::None)
            moved = std::abs(was.labelBox.left() + dx - now.labelBox.left()) < kWholePixel &&
                    std::abs(was.labelBox.width() - now.labelBox.width()) < kWholePixel;
        if (!moved)
            region += QRect(left, now.top, area.right() - left + 1, metrics.rowHeight);
    }
    return region;
}

const QPixmap& WaterfallPixmapCache::update(const QRect& area, const WaterfallScene& scene,
                                            const WaterfallMetrics& metrics, qreal dpr, uint64_t version)
{
    const Key key{
        scene.windowStart, scene.windowEnd, scene.scrollY, scene.nameColumnWidth, area.size(), dpr, version};
    const Key& old = m_key;
    const bool sameBase = !m_pixmap.isNull() && old.size == key.size && old.dpr == key.dpr &&
                          old.nameColumnWidth == key.nameColumnWidth && old.version == key.version;
    const bool sameWindow = old.windowStart == key.windowStart && old.windowEnd == key.windowEnd;
    m_lastPainted = QRegion();
    m_lastPaintedRows = 0;
    if (sameBase && sameWindow && old.scrollY == key.scrollY)
        return m_pixmap; // nothing changed under the overlay

    const int rowsTop = area.top() + metrics.headerHeight;
    const QRect bars = metrics.barArea(area, scene);
    const double dy = key.scrollY - old.scrollY;
    const bool wholeDy = std::abs(dy - std::round(dy)) < kWholePixel;
    const double nsPerPixel = double(key.windowEnd - key.windowStart) / std::max(bars.width(), 1);
    const double dxExact = double(old.windowStart - key.windowStart) / nsPerPixel;
    const int dx = int(std::lround(dxExact));
    const bool sameWidth = old.windowEnd - old.windowStart == key.windowEnd - key.windowStart;

    QRegion dirty;
    bool panned = false;
    if (sameBase && sameWindow && wholeDy && std::abs(dy) < area.height() / 2.0) {
        // Vertical scroll: move what is there, paint the strip that came into view.
        const int shift = int(std::lround(dy));
        m_pixmap.scroll(0, -qRound(shift * dpr), QRect(QPoint(0, qRound(rowsTop * dpr)), m_pixmap.size()));
        dirty = shift > 0 ? QRect(area.left(), area.bottom() - shift - 1, area.width(), shift + 2)
                          : QRect(area.left(), rowsTop, area.width(), -shift + 2);
    } else if (sameBase && old.scrollY == key.scrollY && sameWidth && std::abs(dxExact - dx) < kWholePixel &&
               std::abs(dx) < bars.width() / 2) {
        // Horizontal pan by whole pixels: move the bar area (from 2 pixels left of the bars, where
        // their clip starts) and paint the columns that came into view; below, also the rows whose
        // labels stayed where they were while their bars moved.
        const int left = bars.left() - 2;
        m_pixmap.scroll(qRound(dx * dpr), 0,
                        QRect(QPoint(qRound(left * dpr), qRound(rowsTop * dpr)),
                              QPoint(m_pixmap.width() - 1, m_pixmap.height() - 1)));
        dirty = dx > 0 ? QRect(left, rowsTop, dx + 1, area.bottom() - rowsTop + 1)
                       : QRect(area.right() + dx, rowsTop, -dx + 1, area.bottom() - rowsTop + 1);
        panned = true;
    } else {
        m_pixmap = QPixmap(area.size() * dpr);
        m_pixmap.setDevicePixelRatio(dpr);
        dirty = area;
    }

    QPainter painter(&m_pixmap);
    if (panned)
        dirty +=
            rowsNotShiftable(area, scene, metrics, QFontMetrics(painter.font(), painter.device()), dxExact);
    m_key = key;
    for (const QRect& rect : dirty) {
        WaterfallPainter::paintRows(painter, area, rect, scene, metrics);
        m_lastPaintedRows += rect.height() / metrics.rowHeight + 1;
    }
    m_lastPainted = dirty;
    return m_pixmap;
}

} // namespace spanscope
