// SPDX-License-Identifier: MIT
// One row of the waterfall, in named parts: the tree column (indentation, expander, service chip,
// marks, names), then on the time axis the bar, the critical path on it, event ticks, the
// clock-skew mark and the label. Where each part goes comes from barLayout(), which the widget's
// cache also uses to tell a row it can shift from one it must paint again.
#include "WaterfallPainter.h"
#include "layout/TimeAxis.h"
#include "model/TextFormat.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {

constexpr int kMarkSize = 12; // the error, orphan and clock-skew marks in the tree column

bool isDimmed(const WaterfallScene& scene, uint32_t span)
{
    return scene.undimmed && !(*scene.undimmed)[span];
}

bool isSkewShifted(const TraceAnalysis& analysis, uint32_t span)
{
    const SpanTimes& times = analysis.times;
    return span < times.flags.size() && (times.flags[span] & TimeFlag::SkewShifted) &&
           span < times.shift.size() && times.shift[span] != 0;
}

// A small clock: the clock-skew mark of the tree column.
void drawClock(QPainter& painter, const QRectF& box, const QColor& colour)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(colour, 1.6));
    painter.setBrush(Qt::NoBrush);
    const QRectF face = box.adjusted(1, 1, -1, -1);
    painter.drawEllipse(face);
    const QPointF c = face.center();
    painter.drawLine(c, QPointF(c.x(), face.top() + 2.5));
    painter.drawLine(c, QPointF(face.right() - 2.5, c.y()));
    painter.restore();
}

} // namespace

BarLayout WaterfallPainter::barLayout(const QRect& area, const WaterfallScene& scene,
                                      const WaterfallMetrics& metrics, const QFontMetrics& fm, size_t row,
                                      Label* measured)
{
    BarLayout layout;
    const TraceAnalysis& analysis = *scene.analysis;
    const uint32_t span = scene.rows->spans[row];
    const QRect bars = metrics.barArea(area, scene);
    const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
    const int64_t start = analysis.times.start[span];
    const int64_t end = analysis.times.end[span];
    layout.top = metrics.rowTop(area, scene, row);
    // Clamped a little beyond the area, so that a clamped end is never on screen.
    const double x0 = std::max(mapping.toX(start), double(bars.left() - 2));
    const double x1 = std::min(mapping.toX(end), double(area.right() + 2));
    if (x1 < bars.left() - 2 || x0 > area.right())
        return layout; // outside the visible time window
    layout.visible = true;
    layout.bar = QRectF(x0, layout.top + metrics.barPadding, std::max(x1 - x0, 1.0),
                        metrics.rowHeight - 2 * metrics.barPadding);

    // The duration beside the bar, on the side with room; inside if the bar is wide enough. The
    // self time follows when children take part of the span.
    Label local;
    Label& label = measured ? *measured : local;
    if (label.width < 0) {
        label.text = TextFormat::duration(end - start);
        if (span < analysis.selfTime.size() && analysis.tree.childCount(span) > 0 &&
            analysis.selfTime[span] < end - start)
            label.text +=
                QStringLiteral("  ") + tr("self %1").arg(TextFormat::duration(analysis.selfTime[span]));
        label.width = fm.horizontalAdvance(label.text) + 6;
    }
    const int labelWidth = label.width;
    const QRectF& bar = layout.bar;
    if (bar.right() + labelWidth < area.right()) {
        layout.label = BarLayout::Label::Right;
        layout.labelBox = QRectF(bar.right() + 4, layout.top, labelWidth, metrics.rowHeight);
    } else if (bar.left() - labelWidth > bars.left()) {
        layout.label = BarLayout::Label::Left;
        layout.labelBox = QRectF(bar.left() - labelWidth, layout.top, labelWidth - 2, metrics.rowHeight);
    } else if (bar.width() > labelWidth + 4) {
        layout.label = BarLayout::Label::Inside;
        layout.labelBox = QRectF(bar.right() - labelWidth - 4, bar.top(), labelWidth + 2, bar.height());
    }
    if (layout.label != BarLayout::Label::None)
        layout.labelText = label.text;
    return layout;
}

void WaterfallPainter::paintRow(QPainter& painter, const QRect& area, const QRect& dirty,
                                const WaterfallScene& scene, const WaterfallMetrics& metrics, size_t row)
{
    if (dirty.left() < area.left() + scene.nameColumnWidth)
        paintTreeColumn(painter, area, scene, metrics, row);

    const QRect bars = metrics.barArea(area, scene);
    if (dirty.right() < bars.left() - 2)
        return;
    const BarLayout layout =
        barLayout(area, scene, metrics, QFontMetrics(painter.font(), painter.device()), row);
    if (!layout.visible)
        return;
    const uint32_t span = scene.rows->spans[row];
    const bool dimmed = isDimmed(scene, span);
    const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
    painter.save();
    painter.setClipRect(QRect(bars.left() - 2, layout.top, area.right() - bars.left() + 3, metrics.rowHeight)
                            .intersected(dirty));
    QColor fill = barColor(scene, span);
    if (dimmed)
        fill.setAlpha(60);
    paintBar(painter, scene, layout, fill, span);
    paintCriticalPath(painter, scene, mapping, layout, fill, span, dimmed);
    paintEvents(painter, scene, mapping, bars, layout, span);
    paintSkewMark(painter, scene, mapping, layout, span);
    paintLabel(painter, scene, layout, fill, dimmed);
    painter.restore();
}

void WaterfallPainter::paintTreeColumn(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                                       const WaterfallMetrics& metrics, size_t row)
{
    const ViewTheme& theme = *scene.theme;
    const TraceAnalysis& analysis = *scene.analysis;
    const TraceData& data = analysis.data;
    const SpanTree& tree = analysis.tree;
    const uint32_t span = scene.rows->spans[row];
    const int top = metrics.rowTop(area, scene, row);
    const bool dimmed = isDimmed(scene, span);
    const bool error = data.flags[span] & SpanFlag::Error;
    const uint32_t depth = scene.rows->depth(tree, row);
    const QRect expander = metrics.expanderRect(area, scene, row, depth);
    const bool hasChildren = scene.rows->descendants(tree, row) > 0;
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
    const QRectF markBox(0, top + (metrics.rowHeight - kMarkSize) / 2.0, kMarkSize, kMarkSize);
    if (error || (tree.flags[span] & TreeFlag::Orphan)) {
        // Error: a red disc with "!"; orphan: a hollow disc (its parent is missing).
        const QRectF mark = markBox.translated(textLeft, 0);
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
        textLeft += kMarkSize + 4;
    }
    if (isSkewShifted(analysis, span)) {
        // Moved by the clock-skew adjustment: a clock (the tooltip says by how much).
        drawClock(painter, markBox.translated(textLeft, 0), theme.skewMark);
        textLeft += kMarkSize + 4;
    }

    QString suffix;
    if (collapsed)
        suffix = QStringLiteral("  ") + tr("+%1").arg(scene.rows->descendants(tree, row));
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
    painter.drawText(QRect(textLeft, top, serviceWidth, metrics.rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                     boldMetrics.elidedText(service, Qt::ElideRight, serviceWidth));
    painter.restore();
    const int nameLeft = textLeft + serviceWidth + 6;
    const int nameWidth = std::max(available - serviceWidth - 6, 0);
    const QString elided = fm.elidedText(name, Qt::ElideRight, nameWidth);
    painter.drawText(QRect(nameLeft, top, nameWidth, metrics.rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                     elided);
    if (!suffix.isEmpty()) {
        painter.setPen(theme.mutedText);
        painter.drawText(QRect(nameLeft + fm.horizontalAdvance(elided), top, suffixWidth, metrics.rowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, suffix);
    }
}

void WaterfallPainter::paintBar(QPainter& painter, const WaterfallScene& scene, const BarLayout& layout,
                                const QColor& fill, uint32_t span)
{
    painter.fillRect(layout.bar, fill);
    if (scene.analysis->data.flags[span] & SpanFlag::Error) {
        painter.setPen(QPen(scene.theme->error, 2));
        painter.drawLine(QPointF(layout.bar.left(), layout.bar.bottom()),
                         QPointF(layout.bar.right(), layout.bar.bottom()));
    }
}

void WaterfallPainter::paintCriticalPath(QPainter& painter, const WaterfallScene& scene,
                                         const TimeMapping& mapping, const BarLayout& layout,
                                         const QColor& fill, uint32_t span, bool dimmed)
{
    // The sections of this span on the critical path: a stripe through the bar's middle in the ink
    // that contrasts most with the bar, whatever its colour.
    if (!scene.criticalSections || scene.criticalSections->empty())
        return;
    const ViewTheme& theme = *scene.theme;
    QColor ink = criticalPathInk(theme, QColor(fill.rgb()));
    QColor halo = ink == theme.criticalPath ? theme.criticalPathOnDark : theme.criticalPath;
    if (dimmed) {
        ink.setAlpha(90);
        halo.setAlpha(90);
    }
    const int height = theme.criticalPathWidth;
    const int edge = theme.criticalPathHalo;
    const int top = int(layout.bar.top()) + (int(layout.bar.height()) - height) / 2;
    const double left = mapping.x0() - 2;
    const double right = layout.bar.right();
    for (auto it = scene.criticalSections->begin(span); it != scene.criticalSections->end(span); ++it) {
        const double s0 = std::max(mapping.toX(it->first), left);
        const double s1 = std::min(mapping.toX(it->second), right);
        if (s1 < s0)
            continue;
        const double width = std::max(s1 - s0, 1.0);
        if (edge > 0)
            painter.fillRect(QRectF(s0, top - edge, width, height + 2 * edge), halo);
        painter.fillRect(QRectF(s0, top, width, height), ink);
    }
}

void WaterfallPainter::paintEvents(QPainter& painter, const WaterfallScene& scene, const TimeMapping& mapping,
                                   const QRect& bars, const BarLayout& layout, uint32_t span)
{
    // Events (logs, annotations) as ticks; several in one pixel are drawn once.
    if (!scene.events || scene.events->empty())
        return;
    painter.setPen(QPen(scene.theme->eventTick, 1));
    double lastX = -1e9;
    const double right = bars.right() + 16;
    for (auto it = scene.events->begin(span); it != scene.events->end(span); ++it) {
        const double x = std::round(mapping.toX(it->first));
        if (x - lastX < 1 || x < bars.left() - 2 || x > right)
            continue;
        lastX = x;
        painter.drawLine(QPointF(x, layout.bar.top() - 2), QPointF(x, layout.bar.bottom() + 2));
    }
}

void WaterfallPainter::paintSkewMark(QPainter& painter, const WaterfallScene& scene,
                                     const TimeMapping& mapping, const BarLayout& layout, uint32_t span)
{
    // Moved by the clock-skew adjustment: an arrow above the bar from where the file put its start
    // to where the adjustment moved it (at least 8 pixels long, so a small move is still seen), and
    // a rule along the bar's top. Drawn at the unclamped start: it moves with the bar.
    const TraceAnalysis& analysis = *scene.analysis;
    if (!isSkewShifted(analysis, span))
        return;
    const int64_t shift = analysis.times.shift[span];
    const double to = mapping.toX(analysis.times.start[span]);
    double from = mapping.toX(analysis.times.start[span] - shift);
    const double direction = shift > 0 ? 1 : -1;
    if (std::abs(to - from) < 8)
        from = to - 8 * direction;
    const double y = layout.top + 2.5;
    const QColor colour = scene.theme->skewMark;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(colour, 1.5));
    painter.drawLine(QPointF(from, y), QPointF(to, y));
    QPainterPath head;
    head.moveTo(to, y);
    head.lineTo(to - 4 * direction, y - 2.5);
    head.lineTo(to - 4 * direction, y + 2.5);
    head.closeSubpath();
    painter.fillPath(head, colour);
    painter.restore();
    painter.fillRect(QRectF(layout.bar.left(), layout.bar.top(), layout.bar.width(), 2), colour);
}

void WaterfallPainter::paintLabel(QPainter& painter, const WaterfallScene& scene, const BarLayout& layout,
                                  const QColor& fill, bool dimmed)
{
    const ViewTheme& theme = *scene.theme;
    switch (layout.label) {
    case BarLayout::Label::None:
        return;
    case BarLayout::Label::Right:
        painter.setPen(dimmed ? theme.mutedText : theme.text);
        painter.drawText(layout.labelBox, Qt::AlignVCenter, layout.labelText);
        return;
    case BarLayout::Label::Left:
        painter.setPen(dimmed ? theme.mutedText : theme.text);
        painter.drawText(layout.labelBox, Qt::AlignVCenter | Qt::AlignRight, layout.labelText);
        return;
    case BarLayout::Label::Inside:
        // On a patch of the bar's own colour, so the critical-path stripe does not run through it.
        painter.fillRect(layout.labelBox, fill);
        painter.setPen(textColorOn(fill));
        painter.drawText(QRectF(layout.labelBox.left(), layout.top, layout.labelBox.width() - 2,
                                layout.bar.height() + 2 * (layout.bar.top() - layout.top)),
                         Qt::AlignVCenter | Qt::AlignRight, layout.labelText);
        return;
    }
}

} // namespace spanscope
