// SPDX-License-Identifier: MIT
#include "WaterfallView.h"

#include "layout/TimeAxis.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace spanscope {

WaterfallView::WaterfallView(QWidget* parent) : WaterfallView(nullptr, parent) {}

WaterfallView::WaterfallView(TraceViewState* state, QWidget* parent)
    : QAbstractScrollArea(parent), m_state(state ? state : new TraceViewState(this))
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(m_metrics.rowHeight);
    bindState();
    if (m_state->analysis())
        followAnalysis();
}

void WaterfallView::bindState()
{
    // Whoever changed the state (this view, another view, the find bar, a menu), the waterfall
    // follows it here and nowhere else.
    connect(m_state, &TraceViewState::analysisChanged, this, &WaterfallView::followAnalysis);
    connect(m_state, &TraceViewState::selectionChanged, this, &WaterfallView::followSelection);
    connect(m_state, &TraceViewState::revealRequested, this, &WaterfallView::bringIntoView);
    connect(m_state, &TraceViewState::hoverChanged, viewport(), qOverload<>(&QWidget::update));
    connect(m_state, &TraceViewState::matchesChanged, this, [this] {
        invalidate(); // the dimming is part of the cached rows
        emit matchPositionChanged();
    });
    connect(m_state, &TraceViewState::hiddenServicesChanged, this, &WaterfallView::followServiceFilter);
    connect(m_state, &TraceViewState::windowChanged, this, &WaterfallView::followWindow);
}

void WaterfallView::setAnalysis(std::shared_ptr<const TraceAnalysis> analysis)
{
    m_state->setAnalysis(std::move(analysis));
}

void WaterfallView::followAnalysis()
{
    m_analysis = m_state->sharedAnalysis();
    const size_t n = m_analysis ? m_analysis->data.size() : 0;
    m_collapse = CollapseState(n);
    m_decorations = m_analysis ? WaterfallDecorations::build(*m_analysis, {}) : WaterfallDecorations{};
    m_cache.clear();
    rebuildRows();
    verticalScrollBar()->setValue(0);
    followWindow();
    emit analysisChanged();
    emit serviceFilterChanged();
}

void WaterfallView::followSelection(uint32_t span)
{
    bringIntoView(span);
    viewport()->update();
    emit spanSelected(span);
    emit matchPositionChanged();
}

void WaterfallView::followServiceFilter()
{
    rebuildRows();
    emit serviceFilterChanged();
}

void WaterfallView::followWindow()
{
    viewport()->update();
    emit windowChanged(windowStart(), windowEnd());
    emit viewChanged();
}

void WaterfallView::setMatches(std::vector<uint8_t> matches)
{
    m_state->setMatches(std::move(matches));
}

void WaterfallView::setHiddenServices(std::vector<uint8_t> hidden)
{
    m_state->setHiddenServices(std::move(hidden));
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
    scene.windowStart = windowStart();
    scene.windowEnd = windowEnd();
    scene.scrollY = verticalScrollBar()->value();
    scene.nameColumnWidth = m_nameColumnWidth;
    scene.selectedSpan = m_state->selectedSpan();
    scene.hoveredSpan = m_state->hoveredSpan();
    scene.undimmed = m_state->undimmed().empty() ? nullptr : &m_state->undimmed();
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
    const std::vector<uint8_t>& shown = m_state->shownSpans();
    uint32_t parent = tree.parent[span];
    while (parent != SpanTree::kNone && !shown.empty() && !shown[parent])
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
    else if (m_state->shownSpans().empty())
        m_rows = visibleRows(m_analysis->tree, m_collapse);
    else
        m_rows = visibleRows(m_analysis->tree, m_collapse, m_state->shownSpans());
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

void WaterfallView::moveWindow(TimeWindow window, bool changed)
{
    if (changed && m_analysis)
        m_state->setWindow(window); // the view repaints when the state says it moved
}

void WaterfallView::setWindow(int64_t start, int64_t end)
{
    TimeWindow window = timeWindow();
    const bool changed = window.set(start, end);
    moveWindow(window, changed);
}

void WaterfallView::resetZoom()
{
    TimeWindow window = timeWindow();
    const bool changed = window.reset();
    moveWindow(window, changed);
}

void WaterfallView::zoomAround(double factor, double x)
{
    const QRect bars = barArea();
    TimeWindow window = timeWindow();
    const TimeMapping mapping = window.mapping(bars.left(), bars.width());
    const bool changed =
        window.zoomAbout(mapping.toTime(std::clamp(x, double(bars.left()), double(bars.right()))), factor);
    moveWindow(window, changed);
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
    TimeWindow window = timeWindow();
    const bool changed = window.zoomTo(m_analysis->times.start[span], m_analysis->times.end[span]);
    moveWindow(window, changed);
}

void WaterfallView::zoomToSelection()
{
    if (selectedSpan() != WaterfallScene::kNoSpan)
        zoomToSpan(selectedSpan());
}

void WaterfallView::scrollToRow(int64_t row)
{
    verticalScrollBar()->setValue(int(std::max<int64_t>(row, 0) * m_metrics.rowHeight));
}

void WaterfallView::selectSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    // Already selected: the selection may sit in a collapsed subtree or out of sight.
    if (span == selectedSpan())
        bringIntoView(span);
    else
        m_state->selectSpan(span); // followSelection brings it into view
}

void WaterfallView::bringIntoView(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    if (m_rows.rowOf(m_analysis->tree, span) < 0) {
        m_collapse.reveal(m_analysis->tree, span);
        rebuildRows();
    }
    ensureRowVisible(m_rows.rowOf(m_analysis->tree, span));
}

void WaterfallView::revealSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    m_state->revealSpan(span);
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
    expandSubtree(selectedSpan());
}

void WaterfallView::collapseSelectedSubtree()
{
    collapseSubtree(selectedSpan());
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

void WaterfallView::changeEvent(QEvent* event)
{
    // A new look (View → Appearance, the desktop's theme): the cached rows are in the old
    // colours, and a scroll would shift them in beside rows painted in the new ones.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange ||
        event->type() == QEvent::StyleChange)
        invalidate();
    QAbstractScrollArea::changeEvent(event);
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
