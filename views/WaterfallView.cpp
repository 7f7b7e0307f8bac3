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
        viewport()->setCursor(Qt::ClosedHandCursor);
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
        // Whole pixels, so the cached picture can be shifted instead of painted again.
        const QRect bars = m_metrics.barArea(area(), scene());
        const double nsPerPixel = double(m_windowEnd - m_windowStart) / std::max(bars.width(), 1);
        const auto shift = int64_t(std::llround(double(pos.x() - m_dragOrigin.x()) * nsPerPixel));
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
        viewport()->update(); // only the overlay changes: the cached rows are reused
    }
}

void WaterfallView::mouseReleaseEvent(QMouseEvent*)
{
    if (m_drag == Drag::Pan)
        viewport()->setCursor(Qt::ArrowCursor);
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
        zoomAround(std::pow(1.0015, delta.y()), event->position().x());
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
    if (event->matches(QKeySequence::Find)) {
        emit findRequested();
        return;
    }
    if (event->matches(QKeySequence::FindNext)) {
        nextMatch();
        return;
    }
    if (event->matches(QKeySequence::FindPrevious)) {
        previousMatch();
        return;
    }
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
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool control = event->modifiers() & Qt::ControlModifier;
    const bool hasSelection = m_selected != WaterfallScene::kNoSpan;

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
        if (shift) {
            setWindow(m_windowStart + width / 10, m_windowEnd + width / 10);
        } else if (control) {
            expandSelectedSubtree();
        } else if (hasSelection && tree.childCount(m_selected) > 0) {
            if (m_collapse.isCollapsed(m_selected)) {
                m_collapse.setCollapsed(m_selected, false);
                rebuildRows();
            } else {
                selectSpan(*tree.childrenBegin(m_selected));
            }
        }
        break;
    case Qt::Key_Left:
        if (shift) {
            setWindow(m_windowStart - width / 10, m_windowEnd - width / 10);
        } else if (control) {
            collapseSelectedSubtree();
        } else if (hasSelection) {
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
        if (hasSelection && tree.childCount(m_selected) > 0) {
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
        zoomToSelection();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace spanscope
