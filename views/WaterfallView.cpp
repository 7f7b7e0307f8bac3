// SPDX-License-Identifier: MIT
#include "WaterfallView.h"

#include "layout/TimeAxis.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {
constexpr int64_t kMinimumWindowNs = 100; // deepest zoom: 100 ns across the bar area
constexpr int kDividerGrip = 4;
} // namespace

WaterfallView::WaterfallView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(m_metrics.rowHeight);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
}

void WaterfallView::setAnalysis(std::shared_ptr<const TraceAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_selected = WaterfallScene::kNoSpan;
    m_hovered = WaterfallScene::kNoSpan;
    m_collapse = CollapseState(m_analysis ? m_analysis->data.size() : 0);
    m_colors = m_analysis ? ServiceColors(*m_analysis) : ServiceColors();
    rebuildRows();
    verticalScrollBar()->setValue(0);
    resetZoom();
}

WaterfallScene WaterfallView::scene() const
{
    WaterfallScene scene;
    scene.analysis = m_analysis.get();
    scene.rows = &m_rows;
    scene.collapse = &m_collapse;
    scene.colors = &m_colors;
    scene.windowStart = m_windowStart;
    scene.windowEnd = m_windowEnd;
    scene.scrollY = verticalScrollBar()->value();
    scene.nameColumnWidth = m_nameColumnWidth;
    scene.selectedSpan = m_selected;
    scene.hoveredSpan = m_hovered;
    return scene;
}

QRect WaterfallView::area() const
{
    return viewport()->rect();
}

void WaterfallView::rebuildRows()
{
    m_rows = m_analysis ? visibleRows(m_analysis->tree, m_collapse) : WaterfallRows{};
    updateScrollRange();
    viewport()->update();
}

void WaterfallView::updateScrollRange()
{
    const int content = int(std::min<int64_t>(int64_t(m_rows.size()) * m_metrics.rowHeight, INT32_MAX / 2));
    const int page = std::max(viewport()->height() - m_metrics.headerHeight, 0);
    verticalScrollBar()->setRange(0, std::max(content - page, 0));
    verticalScrollBar()->setPageStep(page);
}

void WaterfallView::setWindow(int64_t start, int64_t end)
{
    if (!m_analysis)
        return;
    const SpanTimes& times = m_analysis->times;
    const int64_t span = std::max<int64_t>(times.traceDuration(), 1);
    // Allow a margin of 5 % beyond the trace on both sides, and no deeper zoom than the minimum.
    const int64_t margin = span / 20;
    end = std::max(end, start + kMinimumWindowNs);
    const int64_t width = std::min(end - start, span + 2 * margin);
    start = std::clamp(start, times.traceStart - margin, times.traceEnd + margin - width);
    m_windowStart = start;
    m_windowEnd = start + width;
    viewport()->update();
    emit windowChanged(m_windowStart, m_windowEnd);
}

void WaterfallView::resetZoom()
{
    if (!m_analysis) {
        m_windowStart = 0;
        m_windowEnd = 1;
        viewport()->update();
        return;
    }
    const SpanTimes& times = m_analysis->times;
    const int64_t span = std::max<int64_t>(times.traceDuration(), 1);
    m_windowStart = times.traceStart;
    m_windowEnd = times.traceStart + span;
    viewport()->update();
    emit windowChanged(m_windowStart, m_windowEnd);
}

void WaterfallView::zoomAround(double factor, double x)
{
    const QRect bars = m_metrics.barArea(area(), scene());
    const TimeMapping mapping(m_windowStart, m_windowEnd, bars.left(), bars.width());
    const int64_t anchor = mapping.toTime(std::clamp(x, double(bars.left()), double(bars.right())));
    const double width = double(m_windowEnd - m_windowStart) / factor;
    const double ratio = (double(anchor) - double(m_windowStart)) / double(m_windowEnd - m_windowStart);
    const auto start = int64_t(double(anchor) - ratio * width);
    setWindow(start, start + int64_t(width));
}

void WaterfallView::zoomIn()
{
    const QRect bars = m_metrics.barArea(area(), scene());
    zoomAround(1.5, bars.center().x());
}

void WaterfallView::zoomOut()
{
    const QRect bars = m_metrics.barArea(area(), scene());
    zoomAround(1 / 1.5, bars.center().x());
}

void WaterfallView::zoomToSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    const int64_t start = m_analysis->times.start[span];
    const int64_t duration = std::max<int64_t>(m_analysis->times.duration(span), kMinimumWindowNs);
    setWindow(start - duration / 20, start + duration + duration / 20);
}

void WaterfallView::selectSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size() || span == m_selected)
        return;
    if (m_rows.rowOf(m_analysis->tree, span) < 0) {
        m_collapse.reveal(m_analysis->tree, span);
        rebuildRows();
    }
    m_selected = span;
    ensureRowVisible(m_rows.rowOf(m_analysis->tree, span));
    viewport()->update();
    emit spanSelected(span);
}

void WaterfallView::expandAll()
{
    m_collapse.expandAll();
    rebuildRows();
}

void WaterfallView::collapseAll()
{
    if (!m_analysis)
        return;
    m_collapse.collapseAll(m_analysis->tree);
    rebuildRows();
}

void WaterfallView::collapseToDepth(int depth)
{
    if (!m_analysis)
        return;
    m_collapse.collapseToDepth(m_analysis->tree, uint32_t(std::max(depth, 0)));
    rebuildRows();
}

void WaterfallView::ensureRowVisible(int64_t row)
{
    if (row < 0)
        return;
    const int top = int(row * m_metrics.rowHeight);
    const int page = viewport()->height() - m_metrics.headerHeight;
    QScrollBar* bar = verticalScrollBar();
    if (top < bar->value())
        bar->setValue(top);
    else if (top + m_metrics.rowHeight > bar->value() + page)
        bar->setValue(top + m_metrics.rowHeight - page);
}

int64_t WaterfallView::rowAtY(int y) const
{
    return m_metrics.rowAt(area(), scene(), y);
}

void WaterfallView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    WaterfallPainter::paint(painter, area(), scene(), m_metrics);
}

void WaterfallView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_nameColumnWidth = std::clamp(m_nameColumnWidth, 120, std::max(viewport()->width() - 200, 120));
    updateScrollRange();
}

void WaterfallView::mousePressEvent(QMouseEvent* event)
{
    setFocus();
    const QPoint pos = event->position().toPoint();
    if (std::abs(pos.x() - m_nameColumnWidth) <= kDividerGrip) {
        m_drag = Drag::Divider;
        m_dragOrigin = pos;
        m_dragDividerStart = m_nameColumnWidth;
        return;
    }
    const int64_t row = rowAtY(pos.y());
    if (row >= 0 && event->button() == Qt::LeftButton) {
        const uint32_t span = m_rows.spans[size_t(row)];
        const QRect expander =
            m_metrics.expanderRect(area(), scene(), size_t(row), m_analysis->tree.depth[span]);
        if (expander.adjusted(-3, 0, 3, 0).contains(pos) && m_analysis->tree.childCount(span) > 0) {
            if (event->modifiers() & Qt::ShiftModifier) {
                if (m_collapse.isCollapsed(span))
                    m_collapse.expandSubtree(m_analysis->tree, span);
                else
                    m_collapse.collapseSubtree(m_analysis->tree, span);
            } else {
                m_collapse.toggle(span);
            }
            rebuildRows();
            return;
        }
        selectSpan(span);
    }
    if (pos.x() > m_nameColumnWidth && event->button() == Qt::LeftButton) {
        m_drag = Drag::Pan;
        m_dragOrigin = pos;
        m_dragWindowStart = m_windowStart;
    }
}

void WaterfallView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Divider) {
        m_nameColumnWidth = std::clamp(m_dragDividerStart + pos.x() - m_dragOrigin.x(), 120,
                                       std::max(viewport()->width() - 200, 120));
        viewport()->update();
        return;
    }
    if (m_drag == Drag::Pan) {
        const QRect bars = m_metrics.barArea(area(), scene());
        const TimeMapping mapping(m_windowStart, m_windowEnd, bars.left(), bars.width());
        const auto shift = int64_t(double(pos.x() - m_dragOrigin.x()) * mapping.nsPerPixel());
        const int64_t width = m_windowEnd - m_windowStart;
        setWindow(m_dragWindowStart - shift, m_dragWindowStart - shift + width);
        return;
    }
    viewport()->setCursor(std::abs(pos.x() - m_nameColumnWidth) <= kDividerGrip ? Qt::SplitHCursor
                                                                                : Qt::ArrowCursor);
    const int64_t row = rowAtY(pos.y());
    const uint32_t hovered = row >= 0 ? m_rows.spans[size_t(row)] : WaterfallScene::kNoSpan;
    if (hovered != m_hovered) {
        m_hovered = hovered;
        viewport()->update();
    }
}

void WaterfallView::mouseReleaseEvent(QMouseEvent*)
{
    m_drag = Drag::None;
}

void WaterfallView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int64_t row = rowAtY(event->position().toPoint().y());
    if (row >= 0)
        zoomToSpan(m_rows.spans[size_t(row)]);
}

void WaterfallView::leaveEvent(QEvent*)
{
    if (m_hovered != WaterfallScene::kNoSpan) {
        m_hovered = WaterfallScene::kNoSpan;
        viewport()->update();
    }
}

void WaterfallView::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        const double factor = std::pow(1.0015, delta.y());
        zoomAround(factor, event->position().x());
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier || delta.x() != 0) {
        const int amount = delta.x() != 0 ? delta.x() : delta.y();
        const int64_t width = m_windowEnd - m_windowStart;
        const auto shift = int64_t(double(width) * amount / 1200.0);
        setWindow(m_windowStart - shift, m_windowEnd - shift);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void WaterfallView::keyPressEvent(QKeyEvent* event)
{
    if (!m_analysis || m_rows.size() == 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const SpanTree& tree = m_analysis->tree;
    const int64_t row = m_selected == WaterfallScene::kNoSpan ? -1 : m_rows.rowOf(tree, m_selected);
    const auto rowCount = int64_t(m_rows.size());
    const int64_t pageRows =
        std::max<int64_t>(1, (viewport()->height() - m_metrics.headerHeight) / m_metrics.rowHeight);
    const auto selectRow = [&](int64_t target) {
        selectSpan(m_rows.spans[size_t(std::clamp<int64_t>(target, 0, rowCount - 1))]);
    };
    const int64_t width = m_windowEnd - m_windowStart;

    switch (event->key()) {
    case Qt::Key_Down:
        selectRow(row + 1);
        break;
    case Qt::Key_Up:
        selectRow(row < 0 ? 0 : row - 1);
        break;
    case Qt::Key_PageDown:
        selectRow(row + pageRows);
        break;
    case Qt::Key_PageUp:
        selectRow(row - pageRows);
        break;
    case Qt::Key_Home:
        selectRow(0);
        break;
    case Qt::Key_End:
        selectRow(rowCount - 1);
        break;
    case Qt::Key_Right:
        if (event->modifiers() & Qt::ShiftModifier) {
            setWindow(m_windowStart + width / 10, m_windowEnd + width / 10);
        } else if (m_selected != WaterfallScene::kNoSpan && tree.childCount(m_selected) > 0) {
            if (m_collapse.isCollapsed(m_selected)) {
                m_collapse.setCollapsed(m_selected, false);
                rebuildRows();
            } else {
                selectSpan(*tree.childrenBegin(m_selected));
            }
        }
        break;
    case Qt::Key_Left:
        if (event->modifiers() & Qt::ShiftModifier) {
            setWindow(m_windowStart - width / 10, m_windowEnd - width / 10);
        } else if (m_selected != WaterfallScene::kNoSpan) {
            if (tree.childCount(m_selected) > 0 && !m_collapse.isCollapsed(m_selected)) {
                m_collapse.setCollapsed(m_selected, true);
                rebuildRows();
            } else if (tree.parent[m_selected] != SpanTree::kNone) {
                selectSpan(tree.parent[m_selected]);
            }
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_selected != WaterfallScene::kNoSpan && tree.childCount(m_selected) > 0) {
            m_collapse.toggle(m_selected);
            rebuildRows();
        }
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_Z:
        if (m_selected != WaterfallScene::kNoSpan)
            zoomToSpan(m_selected);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace spanscope
