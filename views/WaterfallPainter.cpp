// SPDX-License-Identifier: MIT
#include "WaterfallPainter.h"

#include "layout/TimeAxis.h"
#include "model/TextFormat.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {

// Light yellow to dark red, for self time.
QColor heat(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const QColor stops[] = {QColor(0xfff3c4), QColor(0xfdb863), QColor(0xe66101), QColor(0x99000d)};
    const double scaled = t * 3;
    const int i = std::min(int(scaled), 2);
    const double f = scaled - i;
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

} // namespace

int64_t WaterfallMetrics::rowAt(const QRect& area, const WaterfallScene& scene, int y) const
{
    const double offset = double(y - area.top() - headerHeight) + scene.scrollY;
    if (y < area.top() + headerHeight || offset < 0)
        return -1;
    const auto row = int64_t(offset / rowHeight);
    return scene.rows && row < int64_t(scene.rows->size()) ? row : -1;
}

QRect WaterfallMetrics::barArea(const QRect& area, const WaterfallScene& scene) const
{
    const int left = area.left() + scene.nameColumnWidth + 1;
    return QRect(left + 8, area.top(), std::max(area.right() - left - 16, 10), area.height());
}

int WaterfallMetrics::indentOf(const WaterfallScene& scene, uint32_t depth) const
{
    // A step of `indent` pixels while the deepest span still leaves room for names; smaller steps
    // (down to 3 pixels) for deeper trees, so a depth of 40 does not push every name off the column.
    const uint32_t deepest = scene.analysis ? std::max<uint32_t>(scene.analysis->tree.maxDepth, 1) : 1;
    const double step = std::clamp(scene.nameColumnWidth * maxIndentShare / deepest, 3.0, double(indent));
    return int(std::lround(step * depth));
}

QRect WaterfallMetrics::expanderRect(const QRect& area, const WaterfallScene& scene, size_t row,
                                     uint32_t depth) const
{
    const int x =
        area.left() + 6 + std::min(indentOf(scene, depth), int(scene.nameColumnWidth * maxIndentShare) + 8);
    return QRect(x, rowTop(area, scene, row), expanderWidth, rowHeight);
}

QColor WaterfallPainter::barColor(const WaterfallScene& scene, uint32_t span)
{
    const TraceAnalysis& analysis = *scene.analysis;
    if (scene.colouring == BarColouring::BySelfTime && span < analysis.selfTime.size())
        return heat(double(analysis.selfTime[span]) / double(std::max<int64_t>(scene.maxSelfTime, 1)));
    return scene.colors ? scene.colors->color(analysis.data.service[span]) : paletteColor(0);
}

QColor WaterfallPainter::criticalPathInk(const ViewTheme& theme, const QColor& bar)
{
    return contrastRatio(theme.criticalPath, bar) >= contrastRatio(theme.criticalPathOnDark, bar)
               ? theme.criticalPath
               : theme.criticalPathOnDark;
}

void WaterfallPainter::paint(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                             const WaterfallMetrics& metrics)
{
    paintRows(painter, area, area, scene, metrics);
    paintHeader(painter, area, scene, metrics);
    paintOverlay(painter, area, scene, metrics);
}

void WaterfallPainter::paintRows(QPainter& painter, const QRect& area, const QRect& dirty,
                                 const WaterfallScene& scene, const WaterfallMetrics& metrics)
{
    const ViewTheme& theme = *scene.theme;
    painter.save();
    const QRect clip = dirty.intersected(area);
    painter.setClipRect(clip);
    painter.fillRect(clip, theme.background);
    if (!scene.analysis || !scene.rows) {
        painter.setPen(theme.mutedText);
        painter.drawText(area, Qt::AlignCenter, tr("No trace selected"));
        painter.restore();
        return;
    }

    // The rows inside the dirty rectangle, found by arithmetic: O(visible rows), whatever the trace.
    const auto rowCount = int64_t(scene.rows->size());
    const double top = double(clip.top() - area.top() - metrics.headerHeight) + scene.scrollY;
    const double bottom = double(clip.bottom() - area.top() - metrics.headerHeight) + scene.scrollY;
    const int64_t first = std::max<int64_t>(0, int64_t(std::floor(top / metrics.rowHeight)));
    const int64_t last = std::min(rowCount, int64_t(std::floor(bottom / metrics.rowHeight)) + 1);

    const QRect bars = metrics.barArea(area, scene);
    const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
    const TimeTicks ticks = computeTicks(mapping, scene.analysis->times.traceStart, 90);
    for (int64_t row = first; row < last; ++row) {
        if (row % 2)
            painter.fillRect(
                QRect(area.left(), metrics.rowTop(area, scene, size_t(row)), area.width(), metrics.rowHeight),
                theme.alternateRow);
    }
    painter.setPen(theme.grid);
    for (const TimeTick& tick : ticks.ticks)
        painter.drawLine(QPointF(tick.x, area.top() + metrics.headerHeight), QPointF(tick.x, area.bottom()));

    for (int64_t row = first; row < last; ++row)
        paintRow(painter, area, clip, scene, metrics, size_t(row));

    painter.setPen(theme.divider);
    const int dividerX = area.left() + scene.nameColumnWidth;
    painter.drawLine(dividerX, area.top(), dividerX, area.bottom());
    painter.restore();
}

void WaterfallPainter::paintHeader(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                                   const WaterfallMetrics& metrics)
{
    const ViewTheme& theme = *scene.theme;
    painter.save();
    const QRect header(area.left(), area.top(), area.width(), metrics.headerHeight);
    painter.setClipRect(header);
    painter.fillRect(header, theme.header);
    painter.setPen(theme.divider);
    painter.drawLine(header.bottomLeft(), header.bottomRight());
    painter.drawLine(area.left() + scene.nameColumnWidth, header.top(), area.left() + scene.nameColumnWidth,
                     header.bottom());

    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(theme.text);
    painter.drawText(QRect(header.left() + 8, header.top(), scene.nameColumnWidth - 16, header.height()),
                     Qt::AlignVCenter | Qt::AlignLeft, tr("Service and operation"));
    bold.setBold(false);
    painter.setFont(bold);
    if (!scene.analysis) {
        painter.restore();
        return;
    }

    const QRect bars = metrics.barArea(area, scene);
    const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
    const int64_t origin = scene.analysis->times.traceStart;
    const TimeTicks ticks = computeTicks(mapping, origin, 90);
    painter.setPen(theme.mutedText);
    int64_t largest = 0;
    for (const TimeTick& tick : ticks.ticks)
        largest = std::max(largest, std::abs(tick.time - origin));
    double previousLabelEnd = -1e9;
    for (const TimeTick& tick : ticks.ticks) {
        painter.drawLine(QPointF(tick.x, header.bottom() - 5), QPointF(tick.x, header.bottom()));
        const QString label = TextFormat::offset(tick.time - origin, ticks.step, largest);
        const int labelWidth = painter.fontMetrics().horizontalAdvance(label) + 4;
        // Labels sit right of their tick, or left of it where the area ends; a label that would
        // touch the one before it is left out (its tick stays).
        QRectF box(tick.x + 3, header.top(), labelWidth, header.height() - 2);
        Qt::Alignment alignment = Qt::AlignVCenter | Qt::AlignLeft;
        if (box.right() > area.right()) {
            box.moveRight(tick.x - 3);
            alignment = Qt::AlignVCenter | Qt::AlignRight;
        }
        if (box.left() <= bars.left() || box.left() < previousLabelEnd + 6)
            continue;
        painter.drawText(box, alignment, label);
        previousLabelEnd = box.right();
    }
    painter.restore();
}

void WaterfallPainter::paintOverlay(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                                    const WaterfallMetrics& metrics)
{
    const ViewTheme& theme = *scene.theme;
    if (!scene.analysis || !scene.rows)
        return;
    painter.save();
    painter.setClipRect(QRect(area.left(), area.top() + metrics.headerHeight, area.width(),
                              area.height() - metrics.headerHeight));
    const auto highlight = [&](uint32_t span, int alpha, bool outline) {
        if (span == WaterfallScene::kNoSpan)
            return;
        const int64_t row = scene.rows->rowOf(scene.analysis->tree, span);
        if (row < 0)
            return;
        const QRect rowRect(area.left(), metrics.rowTop(area, scene, size_t(row)), area.width(),
                            metrics.rowHeight);
        QColor fill = theme.selection;
        fill.setAlpha(alpha);
        painter.fillRect(rowRect, fill);
        if (outline) {
            painter.setPen(QPen(theme.selection, 1));
            painter.drawRect(rowRect.adjusted(0, 0, -1, -1));
        }
    };
    if (scene.hoveredSpan != scene.selectedSpan)
        highlight(scene.hoveredSpan, 22, false);
    highlight(scene.selectedSpan, 46, true);
    painter.restore();
}

} // namespace spanscope
