// SPDX-License-Identifier: MIT
#include "WaterfallMinimap.h"

#include "ViewTheme.h"
#include "WaterfallView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <algorithm>

namespace spanscope {

WaterfallMinimap::WaterfallMinimap(WaterfallView* view, QWidget* parent) : QWidget(parent), m_view(view)
{
    setMinimumHeight(40);
    setMaximumHeight(72);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("The whole trace. Drag the frame to move around."));
    connect(view, &WaterfallView::viewChanged, this, [this] {
        const TraceAnalysis* analysis = m_view->analysis();
        if (analysis != m_imageAnalysis || m_view->rows().size() != m_imageRows)
            m_dirty = true;
        update();
    });
}

QRect WaterfallMinimap::plotArea() const
{
    return rect().adjusted(2, 2, -2, -2);
}

void WaterfallMinimap::resizeEvent(QResizeEvent*)
{
    m_dirty = true;
}

void WaterfallMinimap::changeEvent(QEvent* event)
{
    // The picture is drawn in the theme's colours: a new look draws it again.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange ||
        event->type() == QEvent::StyleChange) {
        m_dirty = true;
        update();
    }
    QWidget::changeEvent(event);
}

void WaterfallMinimap::rebuild()
{
    m_dirty = false;
    const TraceAnalysis* analysis = m_view->analysis();
    m_imageAnalysis = analysis;
    const WaterfallRows& rows = m_view->rows();
    m_imageRows = rows.size();
    const QRect plot = plotArea();
    m_image = QImage(plot.size(), QImage::Format_ARGB32_Premultiplied);
    m_image.fill(ViewTheme::matching(palette()).minimapBackground);
    if (!analysis || rows.size() == 0 || plot.width() <= 0 || plot.height() <= 0)
        return;
    // One pass over the rows: each row maps to a pixel line; spans sharing a pixel are one mark.
    const SpanTimes& times = analysis->times;
    const double duration = double(std::max<int64_t>(times.traceDuration(), 1));
    const int width = plot.width();
    const int height = plot.height();
    const WaterfallScene scene = m_view->scene();
    const double linesPerRow = double(height) / double(rows.size());
    auto* pixels = reinterpret_cast<QRgb*>(m_image.bits());
    const qsizetype stride = m_image.bytesPerLine() / qsizetype(sizeof(QRgb));
    for (size_t row = 0; row < rows.size(); ++row) {
        const uint32_t span = rows.spans[row];
        const int y0 = std::min(height - 1, int(double(row) * linesPerRow));
        const int y1 = std::min(height, std::max(y0 + 1, int(double(row + 1) * linesPerRow)));
        const int x0 =
            std::clamp(int(double(times.start[span] - times.traceStart) / duration * width), 0, width - 1);
        const int x1 =
            std::clamp(int(double(times.end[span] - times.traceStart) / duration * width), x0 + 1, width);
        const QRgb colour = WaterfallPainter::barColor(scene, span).rgb();
        for (int y = y0; y < y1; ++y) {
            QRgb* line = pixels + qsizetype(y) * stride;
            std::fill(line + x0, line + x1, colour);
        }
    }
}

QRectF WaterfallMinimap::frame() const
{
    const TraceAnalysis* analysis = m_view->analysis();
    const QRect plot = plotArea();
    if (!analysis || m_view->rows().size() == 0)
        return QRectF(plot);
    const SpanTimes& times = analysis->times;
    const double duration = double(std::max<int64_t>(times.traceDuration(), 1));
    const double x0 =
        plot.left() + double(m_view->windowStart() - times.traceStart) / duration * plot.width();
    const double x1 = plot.left() + double(m_view->windowEnd() - times.traceStart) / duration * plot.width();
    const auto [first, last] = m_view->visibleRowRange();
    const auto rows = double(m_view->rows().size());
    const double y0 = plot.top() + double(first) / rows * plot.height();
    const double y1 = plot.top() + std::min(double(last) / rows, 1.0) * plot.height();
    return QRectF(QPointF(std::max(x0, double(plot.left())), y0),
                  QPointF(std::min(x1, double(plot.right())), std::max(y1, y0 + 3)));
}

void WaterfallMinimap::paintEvent(QPaintEvent*)
{
    if (m_dirty)
        rebuild();
    QPainter painter(this);
    const ViewTheme& theme = ViewTheme::matching(palette());
    painter.fillRect(rect(), theme.minimapFrame);
    painter.drawImage(plotArea().topLeft(), m_image);
    if (!m_view->analysis())
        return;
    // Outside the frame is veiled, the frame outlined.
    const QRectF f = frame();
    QPainterPath veil;
    veil.addRect(QRectF(plotArea()));
    QPainterPath window;
    window.addRect(f);
    QColor veilColour = theme.background;
    veilColour.setAlpha(140);
    painter.fillPath(veil.subtracted(window), veilColour);
    painter.setPen(QPen(theme.selection, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(f);
}

void WaterfallMinimap::moveFrameTo(const QPointF& center)
{
    const TraceAnalysis* analysis = m_view->analysis();
    if (!analysis)
        return;
    const QRect plot = plotArea();
    const SpanTimes& times = analysis->times;
    const double duration = double(std::max<int64_t>(times.traceDuration(), 1));
    const int64_t width = m_view->windowEnd() - m_view->windowStart();
    const auto middle = times.traceStart + int64_t((center.x() - plot.left()) / plot.width() * duration);
    m_view->setWindow(middle - width / 2, middle - width / 2 + width);
    const auto [first, last] = m_view->visibleRowRange();
    const double fraction = (center.y() - plot.top()) / plot.height();
    const auto middleRow = int64_t(fraction * double(m_view->rows().size()));
    m_view->scrollToRow(middleRow - (last - first) / 2);
}

void WaterfallMinimap::mousePressEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    const QRectF f = frame();
    if (!f.contains(pos))
        moveFrameTo(pos);
    m_dragging = true;
    m_dragOffset = pos - frame().center();
}

void WaterfallMinimap::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging)
        moveFrameTo(event->position() - m_dragOffset);
}

void WaterfallMinimap::mouseReleaseEvent(QMouseEvent*)
{
    m_dragging = false;
}

} // namespace spanscope
