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

constexpr int kBarPadding = 5;

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

void WaterfallPainter::paintRow(QPainter& painter, const QRect& area, const QRect& dirty,
                                const WaterfallScene& scene, const WaterfallMetrics& metrics, size_t row)
{
    const ViewTheme& theme = *scene.theme;
    const TraceAnalysis& analysis = *scene.analysis;
    const TraceData& data = analysis.data;
    const SpanTree& tree = analysis.tree;
    const uint32_t span = scene.rows->spans[row];
    const int top = metrics.rowTop(area, scene, row);
    const bool dimmed = scene.undimmed && !(*scene.undimmed)[span];
    const bool error = data.flags[span] & SpanFlag::Error;
    const QRect bars = metrics.barArea(area, scene);

    if (dirty.left() < area.left() + scene.nameColumnWidth) {
        // Tree column: indentation, expander, service colour, marks, name.
        const uint32_t depth = tree.depth[span];
        const QRect expander = metrics.expanderRect(area, scene, row, depth);
        const bool hasChildren = tree.childCount(span) > 0;
        const bool collapsed = hasChildren && scene.collapse && scene.collapse->isCollapsed(span);
        if (!analysis.errors.errorInSubtree.empty() && analysis.errors.errorInSubtree[span]) {
            // The way down to an error: a red rule at the left edge.
            painter.fillRect(QRect(area.left(), top + 2, 3, metrics.rowHeight - 4), theme.error);
        }
        painter.setRenderHint(QPainter::Antialiasing, true);
        if (hasChildren) {
            QPainterPath triangle;
            const QPointF c = QRectF(expander).center();
            if (collapsed) {
                triangle.moveTo(c.x() - 3, c.y() - 5);
                triangle.lineTo(c.x() + 3, c.y());
                triangle.lineTo(c.x() - 3, c.y() + 5);
            } else {
                triangle.moveTo(c.x() - 5, c.y() - 3);
                triangle.lineTo(c.x() + 5, c.y() - 3);
                triangle.lineTo(c.x(), c.y() + 3);
            }
            triangle.closeSubpath();
            painter.fillPath(triangle, theme.mutedText);
        }
        const QColor colour = scene.colors ? scene.colors->color(data.service[span]) : paletteColor(0);
        const QRect chip(expander.right() + 4, top + 5, 4, metrics.rowHeight - 10);
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.fillRect(chip, colour);

        int textLeft = chip.right() + 6;
        const int nameRight = area.left() + scene.nameColumnWidth - 6;
        if (error || (tree.flags[span] & TreeFlag::Orphan)) {
            // Error: a red disc with "!"; orphan: a hollow disc (its parent is missing).
            const QRectF mark(textLeft, top + (metrics.rowHeight - 12) / 2.0, 12, 12);
            painter.setRenderHint(QPainter::Antialiasing, true);
            if (error) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(theme.error);
                painter.drawEllipse(mark);
                painter.setPen(Qt::white);
                QFont small = painter.font();
                small.setBold(true);
                painter.save();
                painter.setFont(small);
                painter.drawText(mark, Qt::AlignCenter, QStringLiteral("!"));
                painter.restore();
            } else {
                painter.setPen(QPen(theme.mutedText, 1.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawEllipse(mark.adjusted(1, 1, -1, -1));
            }
            painter.setRenderHint(QPainter::Antialiasing, false);
            textLeft += 16;
        }

        QString suffix;
        if (collapsed)
            suffix = QStringLiteral("  ") + tr("+%1").arg(tree.subtreeSize[span] - 1);
        const QFontMetrics fm(painter.font(), painter.device());
        const int suffixWidth = suffix.isEmpty() ? 0 : fm.horizontalAdvance(suffix);
        const QString service = TextFormat::serviceOrUnknown(data.strings.at(data.service[span]));
        const QString name = TextFormat::untrusted(data.strings.at(data.name[span]), 300);
        QFont bold = painter.font();
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold, painter.device());
        const int available = std::max(nameRight - textLeft - suffixWidth, 10);
        // The service keeps its full name unless that would leave the operation less than 40 %.
        // (+2: elidedText() elides text whose width equals the rounded advance.)
        const int serviceWidth = std::min(boldMetrics.horizontalAdvance(service) + 2, available * 6 / 10);
        painter.setPen(dimmed ? theme.mutedText : theme.text);
        painter.save();
        painter.setFont(bold);
        painter.drawText(QRect(textLeft, top, serviceWidth, metrics.rowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         boldMetrics.elidedText(service, Qt::ElideRight, serviceWidth));
        painter.restore();
        const int nameLeft = textLeft + serviceWidth + 6;
        const int nameWidth = std::max(available - serviceWidth - 6, 0);
        const QString elided = fm.elidedText(name, Qt::ElideRight, nameWidth);
        painter.drawText(QRect(nameLeft, top, nameWidth, metrics.rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         elided);
        if (!suffix.isEmpty()) {
            painter.setPen(theme.mutedText);
            painter.drawText(
                QRect(nameLeft + fm.horizontalAdvance(elided), top, suffixWidth, metrics.rowHeight),
                Qt::AlignVCenter | Qt::AlignLeft, suffix);
        }
    }

    // Bar on the time axis.
    const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
    const int64_t start = analysis.times.start[span];
    const int64_t end = analysis.times.end[span];
    const double x0 = std::max(mapping.toX(start), double(bars.left() - 2));
    const double x1 = std::min(mapping.toX(end), double(area.right() + 2));
    if (x1 < bars.left() - 2 || x0 > area.right() || dirty.right() < bars.left() - 2)
        return; // outside the visible time window
    painter.save();
    painter.setClipRect(
        QRect(bars.left() - 2, top, area.right() - bars.left() + 3, metrics.rowHeight).intersected(dirty));
    const QRectF bar(x0, top + kBarPadding, std::max(x1 - x0, 1.0), metrics.rowHeight - 2 * kBarPadding);
    QColor fill = barColor(scene, span);
    if (dimmed)
        fill.setAlpha(60);
    painter.fillRect(bar, fill);
    if (error) {
        painter.setPen(QPen(theme.error, 2));
        painter.drawLine(QPointF(bar.left(), bar.bottom()), QPointF(bar.right(), bar.bottom()));
    }
    // The critical path: a dark stripe through the sections of this span that are on it.
    if (scene.criticalSections && !scene.criticalSections->empty()) {
        for (auto it = scene.criticalSections->begin(span); it != scene.criticalSections->end(span); ++it) {
            const double s0 = std::max(mapping.toX(it->first), double(bars.left() - 2));
            const double s1 = std::min(mapping.toX(it->second), double(area.right() + 2));
            if (s1 >= s0)
                painter.fillRect(QRectF(s0, bar.center().y() - 2, std::max(s1 - s0, 1.0), 4),
                                 dimmed ? QColor(0xb0b0b0) : theme.text);
        }
    }
    // Events (logs, annotations) as ticks; several in one pixel are drawn once.
    if (scene.events && !scene.events->empty()) {
        painter.setPen(QPen(theme.eventTick, 1));
        double lastX = -1e9;
        for (auto it = scene.events->begin(span); it != scene.events->end(span); ++it) {
            const double x = std::round(mapping.toX(it->first));
            if (x - lastX < 1 || x < bars.left() - 2 || x > area.right())
                continue;
            lastX = x;
            painter.drawLine(QPointF(x, bar.top() - 2), QPointF(x, bar.bottom() + 2));
        }
    }

    // The duration beside the bar, on the side with room; inside if the bar is wide enough. The
    // self time follows when children take part of the span.
    QString label = TextFormat::duration(end - start);
    if (span < analysis.selfTime.size() && tree.childCount(span) > 0 && analysis.selfTime[span] < end - start)
        label += QStringLiteral("  ") + tr("self %1").arg(TextFormat::duration(analysis.selfTime[span]));
    const QFontMetrics fm(painter.font(), painter.device());
    const int labelWidth = fm.horizontalAdvance(label) + 6;
    painter.setPen(dimmed ? theme.mutedText : theme.text);
    if (bar.right() + labelWidth < area.right())
        painter.drawText(QRectF(bar.right() + 4, top, labelWidth, metrics.rowHeight), Qt::AlignVCenter,
                         label);
    else if (bar.left() - labelWidth > bars.left())
        painter.drawText(QRectF(bar.left() - labelWidth, top, labelWidth - 2, metrics.rowHeight),
                         Qt::AlignVCenter | Qt::AlignRight, label);
    else if (bar.width() > labelWidth + 4) {
        // Inside the bar: on a patch of the bar's own colour, so the critical-path stripe does not run
        // through the text.
        painter.fillRect(QRectF(bar.right() - labelWidth - 4, bar.top(), labelWidth + 2, bar.height()), fill);
        painter.setPen(textColorOn(fill));
        painter.drawText(bar.adjusted(4, -kBarPadding, -4, kBarPadding), Qt::AlignVCenter | Qt::AlignRight,
                         label);
    }
    painter.restore();
}

} // namespace spanscope
