// SPDX-License-Identifier: MIT
#include "WaterfallView.h"

#include "layout/TimeAxis.h"

#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {
constexpr int64_t kMinimumWindowNs = 100; // deepest zoom: 100 ns across the bar area
} // namespace

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
    m_matchCount = 0;
    m_visibleServices.clear();
    rebuildRows();
    verticalScrollBar()->setValue(0);
    resetZoom();
}

void WaterfallView::setEvents(std::vector<std::tuple<uint32_t, int64_t, int64_t>> events)
{
    if (m_analysis)
        m_decorations.events = SpanRanges::build(m_analysis->data.size(), std::move(events));
    invalidate();
}

void WaterfallView::setMatches(std::vector<uint8_t> matches)
{
    m_matches = std::move(matches);
    m_matchCount = size_t(std::count(m_matches.begin(), m_matches.end(), uint8_t(1)));
    m_undimmed.clear();
    if (m_analysis && m_matches.size() == m_analysis->data.size()) {
        // Ancestors of matches stay readable: the path to a match is part of the answer.
        const SpanTree& tree = m_analysis->tree;
        m_undimmed = m_matches;
        for (size_t k = tree.preorder.size(); k-- > 0;) {
            const uint32_t span = tree.preorder[k];
            if (m_undimmed[span] && tree.parent[span] != SpanTree::kNone)
                m_undimmed[tree.parent[span]] = 1;
        }
    } else {
        m_matches.clear();
        m_matchCount = 0;
    }
    invalidate();
}

void WaterfallView::setServiceFilter(std::vector<uint8_t> visibleServices)
{
    m_visibleServices = std::move(visibleServices);
    rebuildRows();
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
    scene.windowStart = m_windowStart;
    scene.windowEnd = m_windowEnd;
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

void WaterfallView::invalidate()
{
    ++m_version;
    viewport()->update();
    emit viewChanged();
}

void WaterfallView::rebuildRows()
{
    if (!m_analysis) {
        m_rows = WaterfallRows{};
    } else if (m_visibleServices.empty()) {
        m_rows = visibleRows(m_analysis->tree, m_collapse);
    } else {
        const TraceData& data = m_analysis->data;
        std::vector<uint8_t> visible(data.size());
        for (size_t i = 0; i < data.size(); ++i)
            visible[i] = data.service[i] < m_visibleServices.size() ? m_visibleServices[data.service[i]] : 1;
        m_rows = visibleRows(m_analysis->tree, m_collapse, visible);
    }
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
    if (start == m_windowStart && start + width == m_windowEnd)
        return;
    m_windowStart = start;
    m_windowEnd = start + width;
    viewport()->update();
    emit windowChanged(m_windowStart, m_windowEnd);
    emit viewChanged();
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
    m_windowStart = times.traceStart;
    m_windowEnd = times.traceStart + std::max<int64_t>(times.traceDuration(), 1);
    viewport()->update();
    emit windowChanged(m_windowStart, m_windowEnd);
    emit viewChanged();
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
    zoomAround(1.5, m_metrics.barArea(area(), scene()).center().x());
}

void WaterfallView::zoomOut()
{
    zoomAround(1 / 1.5, m_metrics.barArea(area(), scene()).center().x());
}

void WaterfallView::zoomToSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    const int64_t start = m_analysis->times.start[span];
    const int64_t duration = std::max<int64_t>(m_analysis->times.duration(span), kMinimumWindowNs);
    setWindow(start - duration / 20, start + duration + duration / 20);
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

void WaterfallView::expandSelectedSubtree()
{
    if (!m_analysis || m_selected == WaterfallScene::kNoSpan)
        return;
    m_collapse.expandSubtree(m_analysis->tree, m_selected);
    rebuildRows();
}

void WaterfallView::collapseSelectedSubtree()
{
    if (!m_analysis || m_selected == WaterfallScene::kNoSpan)
        return;
    m_collapse.collapseSubtree(m_analysis->tree, m_selected);
    rebuildRows();
}

void WaterfallView::nextMatch()
{
    stepMatch(+1);
}

void WaterfallView::previousMatch()
{
    stepMatch(-1);
}

void WaterfallView::stepMatch(int direction)
{
    if (!m_analysis || m_matchCount == 0)
        return;
    // Walk depth-first order from the selection: matches inside collapsed subtrees count too
    // (selecting one expands its ancestors).
    const SpanTree& tree = m_analysis->tree;
    const auto n = int64_t(tree.preorder.size());
    int64_t k = m_selected == WaterfallScene::kNoSpan ? (direction > 0 ? -1 : n)
                                                      : int64_t(tree.preorderIndex[m_selected]);
    for (int64_t step = 0; step < n; ++step) {
        k = (k + direction + n) % n;
        const uint32_t span = tree.preorder[size_t(k)];
        if (m_matches[span]) {
            selectSpan(span);
            return;
        }
    }
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

void WaterfallView::renderCache()
{
    const qreal dpr = devicePixelRatioF();
    const QRect rect = area();
    const WaterfallScene current = scene();
    CacheKey key{m_windowStart, m_windowEnd, verticalScrollBar()->value(), m_nameColumnWidth, rect.size(),
                 dpr,           m_version};
    const CacheKey& old = m_cacheKey;
    const bool sameBase = !m_cache.isNull() && old.size == key.size && old.dpr == key.dpr &&
                          old.nameColumnWidth == key.nameColumnWidth && old.version == key.version;
    if (sameBase && old.windowStart == key.windowStart && old.windowEnd == key.windowEnd &&
        old.scrollY == key.scrollY)
        return; // nothing changed under the overlay

    const int rowsTop = rect.top() + m_metrics.headerHeight;
    QRect dirty = rect;
    const int dy = key.scrollY - old.scrollY;
    const QRect bars = m_metrics.barArea(rect, current);
    const double nsPerPixel = double(m_windowEnd - m_windowStart) / std::max(bars.width(), 1);
    const double dxExact = double(old.windowStart - key.windowStart) / nsPerPixel;
    const int dx = int(std::lround(dxExact));
    const bool sameWidth = old.windowEnd - old.windowStart == key.windowEnd - key.windowStart;

    if (sameBase && old.windowStart == key.windowStart && sameWidth && std::abs(dy) < rect.height() / 2) {
        // Vertical scroll: move what is there, paint the strip that came into view.
        m_cache.scroll(0, -qRound(dy * dpr), QRect(QPoint(0, qRound(rowsTop * dpr)), m_cache.size()));
        dirty = dy > 0 ? QRect(rect.left(), rect.bottom() - dy - 1, rect.width(), dy + 2)
                       : QRect(rect.left(), rowsTop, rect.width(), -dy + 2);
    } else if (sameBase && old.scrollY == key.scrollY && sameWidth && std::abs(dxExact - dx) < 0.01 &&
               std::abs(dx) < bars.width() / 2) {
        // Horizontal pan by whole pixels: move the bar area, paint the exposed columns.
        const int barsLeft = m_nameColumnWidth + 1;
        m_cache.scroll(qRound(dx * dpr), 0,
                       QRect(QPoint(qRound(barsLeft * dpr), qRound(rowsTop * dpr)),
                             QPoint(m_cache.width() - 1, m_cache.height() - 1)));
        dirty = dx > 0 ? QRect(barsLeft, rowsTop, dx + 16, rect.height())
                       : QRect(rect.right() + dx - 16, rowsTop, -dx + 17, rect.height());
    } else {
        m_cache = QPixmap(rect.size() * dpr);
        m_cache.setDevicePixelRatio(dpr);
    }
    // Labels are drawn beside bars: a strip must be repainted together with its neighbourhood.
    QPainter painter(&m_cache);
    WaterfallPainter::paintRows(painter, rect, dirty, current, m_metrics);
    m_lastPaintedRows = dirty.height() / m_metrics.rowHeight + 1;
    m_cacheKey = key;
}

void WaterfallView::paintEvent(QPaintEvent*)
{
    renderCache();
    QPainter painter(viewport());
    painter.drawPixmap(0, 0, m_cache);
    const WaterfallScene current = scene();
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
