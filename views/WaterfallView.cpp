// SPDX-License-Identifier: MIT
#include "WaterfallView.h"

#include "layout/TimeAxis.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace spanscope {

WaterfallView::WaterfallView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(m_metrics.rowHeight);
}

void WaterfallView::setAnalysis(std::shared_ptr<const TraceAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_selected = WaterfallScene::kNoSpan;
    m_hovered = WaterfallScene::kNoSpan;
    const size_t n = m_analysis ? m_analysis->data.size() : 0;
    m_collapse = CollapseState(n);
    m_decorations = m_analysis ? WaterfallDecorations::build(*m_analysis, {}) : WaterfallDecorations{};
    m_matches.clear();
    m_undimmed.clear();
    m_matchOrder.clear();
    m_hiddenServices.clear();
    m_shown.clear();
    m_hiddenSpans = 0;
    m_cache.clear();
    m_window =
        m_analysis ? TimeWindow(m_analysis->times.traceStart, m_analysis->times.traceEnd) : TimeWindow();
    rebuildRows();
    verticalScrollBar()->setValue(0);
    windowMoved(true);
    emit analysisChanged();
    emit serviceFilterChanged();
}

void WaterfallView::setEvents(std::vector<std::tuple<uint32_t, int64_t, int64_t>> events)
{
    if (m_analysis)
        m_decorations.events = SpanRanges::build(m_analysis->data.size(), std::move(events));
    invalidate();
}

void WaterfallView::setColouring(BarColouring colouring)
{
    m_colouring = colouring;
    invalidate();
}

void WaterfallView::setShowCriticalPath(bool show)
{
    m_showCriticalPath = show;
    invalidate();
}

WaterfallScene WaterfallView::scene() const
{
    WaterfallScene scene;
    scene.analysis = m_analysis.get();
    scene.rows = &m_rows;
    scene.collapse = &m_collapse;
    scene.decorate(m_decorations, m_showCriticalPath);
    scene.windowStart = m_window.start();
    scene.windowEnd = m_window.end();
    scene.scrollY = verticalScrollBar()->value();
    scene.nameColumnWidth = m_nameColumnWidth;
    scene.selectedSpan = m_selected;
    scene.hoveredSpan = m_hovered;
    scene.undimmed = m_undimmed.empty() ? nullptr : &m_undimmed;
    scene.colouring = m_colouring;
    scene.theme = &ViewTheme::matching(palette());
    return scene;
}

std::pair<int64_t, int64_t> WaterfallView::visibleRowRange() const
{
    const int64_t first = verticalScrollBar()->value() / m_metrics.rowHeight;
    const int64_t count = (viewport()->height() - m_metrics.headerHeight) / m_metrics.rowHeight + 2;
    return {first, std::min<int64_t>(first + count, int64_t(m_rows.size()))};
}

QRect WaterfallView::area() const
{
    return viewport()->rect();
}

QRect WaterfallView::barArea() const
{
    return m_metrics.barArea(area(), scene());
}

uint32_t WaterfallView::spanAt(const QPoint& viewportPos) const
{
    const int64_t row = rowAtY(viewportPos.y());
    return row >= 0 ? m_rows.spans[size_t(row)] : WaterfallScene::kNoSpan;
}

uint32_t WaterfallView::shownParent(uint32_t span) const
{
    const SpanTree& tree = m_analysis->tree;
    uint32_t parent = tree.parent[span];
    while (parent != SpanTree::kNone && !m_shown.empty() && !m_shown[parent])
        parent = tree.parent[parent];
    return parent;
}

void WaterfallView::invalidate()
{
    ++m_version;
    viewport()->update();
    emit viewChanged();
}

void WaterfallView::rebuildRows()
{
    if (!m_analysis)
        m_rows = WaterfallRows{};
    else if (m_shown.empty())
        m_rows = visibleRows(m_analysis->tree, m_collapse);
    else
        m_rows = visibleRows(m_analysis->tree, m_collapse, m_shown);
    updateScrollRange();
    invalidate();
}

void WaterfallView::updateScrollRange()
{
    const int content = int(std::min<int64_t>(int64_t(m_rows.size()) * m_metrics.rowHeight, INT32_MAX / 2));
    const int page = std::max(viewport()->height() - m_metrics.headerHeight, 0);
    verticalScrollBar()->setRange(0, std::max(content - page, 0));
    verticalScrollBar()->setPageStep(page);
}

void WaterfallView::scrollContentsBy(int, int)
{
    // The cache shifts itself in paintEvent; nothing to move here.
    viewport()->update();
    emit viewChanged();
}

void WaterfallView::windowMoved(bool changed)
{
    if (!changed)
        return;
    viewport()->update();
    emit windowChanged(m_window.start(), m_window.end());
    emit viewChanged();
}

void WaterfallView::setWindow(int64_t start, int64_t end)
{
    if (m_analysis)
        windowMoved(m_window.set(start, end));
}

void WaterfallView::resetZoom()
{
    windowMoved(m_window.reset());
}

void WaterfallView::zoomAround(double factor, double x)
{
    const QRect bars = barArea();
    const TimeMapping mapping = m_window.mapping(bars.left(), bars.width());
    windowMoved(
        m_window.zoomAbout(mapping.toTime(std::clamp(x, double(bars.left()), double(bars.right()))), factor));
}

void WaterfallView::zoomIn()
{
    zoomAround(1.5, barArea().center().x());
}

void WaterfallView::zoomOut()
{
    zoomAround(1 / 1.5, barArea().center().x());
}

void WaterfallView::zoomToSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    windowMoved(m_window.zoomTo(m_analysis->times.start[span], m_analysis->times.end[span]));
}

void WaterfallView::zoomToSelection()
{
    if (m_selected != WaterfallScene::kNoSpan)
        zoomToSpan(m_selected);
}

void WaterfallView::scrollToRow(int64_t row)
{
    verticalScrollBar()->setValue(int(std::max<int64_t>(row, 0) * m_metrics.rowHeight));
}

void WaterfallView::selectSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    // Even when it is already selected: the selection may sit in a collapsed subtree.
    if (m_rows.rowOf(m_analysis->tree, span) < 0) {
        m_collapse.reveal(m_analysis->tree, span);
        rebuildRows();
    }
    ensureRowVisible(m_rows.rowOf(m_analysis->tree, span));
    if (span == m_selected)
        return;
    m_selected = span;
    viewport()->update();
    emit spanSelected(span);
    emit matchPositionChanged();
}

void WaterfallView::revealSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    selectSpan(span);
    windowMoved(m_window.ensureVisible(m_analysis->times.start[span], m_analysis->times.end[span]));
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

void WaterfallView::expandSelectedSubtree()
{
    expandSubtree(m_selected);
}

void WaterfallView::collapseSelectedSubtree()
{
    collapseSubtree(m_selected);
}

void WaterfallView::expandSubtree(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    m_collapse.expandSubtree(m_analysis->tree, span);
    rebuildRows();
}

void WaterfallView::collapseSubtree(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    m_collapse.collapseSubtree(m_analysis->tree, span);
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
    const WaterfallScene current = scene();
    const QPixmap& rows = m_cache.update(area(), current, m_metrics, devicePixelRatioF(), m_version);
    QPainter painter(viewport());
    painter.drawPixmap(0, 0, rows);
    WaterfallPainter::paintHeader(painter, area(), current, m_metrics);
    WaterfallPainter::paintOverlay(painter, area(), current, m_metrics);
}

void WaterfallView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_nameColumnWidth = std::clamp(m_nameColumnWidth, 120, std::max(viewport()->width() - 200, 120));
    updateScrollRange();
    emit viewChanged();
}

} // namespace spanscope
