// SPDX-License-Identifier: MIT
// How the mouse, the wheel and the keyboard move the waterfall: selection, the name column's
// divider, panning by drag, zoom around the pointer, keyboard navigation between rows.
#include "WaterfallView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {
constexpr int kDividerGrip = 4; // pixels either side of the divider that grab it
} // namespace

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
