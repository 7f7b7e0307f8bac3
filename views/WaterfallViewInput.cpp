// SPDX-License-Identifier: MIT
// How the mouse, the wheel and the keyboard move the waterfall: selection, the name column's
// divider, panning by drag, zoom around the pointer, keyboard navigation between rows.
#include "SpanToolTip.h"
#include "WaterfallView.h"
#include "model/TextFormat.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QToolTip>
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
    m_drag = Drag::None;
    m_pressedSpan = WaterfallScene::kNoSpan;
    if (event->button() != Qt::LeftButton)
        return;
    if (std::abs(pos.x() - m_nameColumnWidth) <= kDividerGrip) {
        m_drag = Drag::Divider;
        m_dragOrigin = pos;
        m_dragDividerStart = m_nameColumnWidth;
        return;
    }
    const int64_t row = rowAtY(pos.y());
    if (row >= 0) {
        const uint32_t span = m_rows.spans[size_t(row)];
        const QRect expander =
            m_metrics.expanderRect(area(), scene(), size_t(row), m_rows.depth(m_analysis->tree, size_t(row)));
        if (expander.adjusted(-3, 0, 3, 0).contains(pos) &&
            m_rows.descendants(m_analysis->tree, size_t(row)) > 0) {
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
        // Selected on release, and only if the mouse did not move: a drag is not a click.
        m_pressedSpan = span;
    }
    m_drag = Drag::Pending;
    m_dragOrigin = pos;
    m_dragWindow = timeWindow();
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
    if (m_drag == Drag::Pending && m_dragOrigin.x() > m_nameColumnWidth &&
        (pos - m_dragOrigin).manhattanLength() >= QApplication::startDragDistance()) {
        m_drag = Drag::Pan;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_drag == Drag::Pan) {
        // From the window at the press, by whole pixels: the cached picture shifts instead of
        // being painted again.
        TimeWindow window = m_dragWindow;
        window.panByPixels(pos.x() - m_dragOrigin.x(), barArea().width());
        setWindow(window.start(), window.end());
        return;
    }
    if (m_drag == Drag::Pending)
        return;
    viewport()->setCursor(std::abs(pos.x() - m_nameColumnWidth) <= kDividerGrip ? Qt::SplitHCursor
                                                                                : Qt::ArrowCursor);
    hover(spanAt(pos)); // only the overlay changes: the cached rows are reused
}

void WaterfallView::hover(uint32_t span)
{
    m_state->hoverSpan(span == WaterfallScene::kNoSpan ? TraceViewState::kNoSpan : span);
}

void WaterfallView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Pan)
        viewport()->setCursor(Qt::ArrowCursor);
    const bool click =
        m_drag == Drag::Pending &&
        (event->position().toPoint() - m_dragOrigin).manhattanLength() < QApplication::startDragDistance();
    if (click && m_pressedSpan != WaterfallScene::kNoSpan)
        selectSpan(m_pressedSpan);
    m_drag = Drag::None;
    m_pressedSpan = WaterfallScene::kNoSpan;
}

void WaterfallView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int64_t row = rowAtY(event->position().toPoint().y());
    if (row >= 0)
        zoomToSpan(m_rows.spans[size_t(row)]);
}

bool WaterfallView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_analysis) {
        // The span under the pointer, on its bar or anywhere on its row: plain text, always.
        auto* help = static_cast<QHelpEvent*>(event);
        const uint32_t span = spanAt(help->pos());
        if (span == WaterfallScene::kNoSpan) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const int64_t row = m_rows.rowOf(m_analysis->tree, span);
        const QRect rowRect(0, m_metrics.rowTop(area(), scene(), size_t(row)), viewport()->width(),
                            m_metrics.rowHeight);
        QToolTip::showText(help->globalPos(), TextFormat::toolTip(SpanToolTip::text(*m_analysis, span)),
                           viewport(), rowRect);
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void WaterfallView::contextMenuEvent(QContextMenuEvent* event)
{
    // From the keyboard (the menu key, Shift+F10): the selected span; from the mouse: the one
    // under the pointer (the event comes in the viewport's coordinates).
    const uint32_t span =
        event->reason() == QContextMenuEvent::Keyboard ? selectedSpan() : spanAt(event->pos());
    if (span == WaterfallScene::kNoSpan) {
        event->ignore();
        return;
    }
    selectSpan(span);
    QPoint at = event->globalPos();
    if (const int64_t row = m_rows.rowOf(m_analysis->tree, span);
        event->reason() == QContextMenuEvent::Keyboard && row >= 0) {
        // Below the selected row's name, where the eye is.
        at = viewport()->mapToGlobal(QPoint(
            m_nameColumnWidth / 3, m_metrics.rowTop(area(), scene(), size_t(row)) + m_metrics.rowHeight));
    }
    QMenu* menu = createContextMenu(span, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(at);
    event->accept();
}

void WaterfallView::leaveEvent(QEvent*)
{
    hover(WaterfallScene::kNoSpan);
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
        // A tenth of the view per notch, in whole pixels so that the cache shifts.
        const int amount = delta.x() != 0 ? delta.x() : delta.y();
        const int width = barArea().width();
        TimeWindow window = timeWindow();
        const bool changed = window.panByPixels(std::round(width * amount / 1200.0), width);
        moveWindow(window, changed);
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
    const uint32_t selected = selectedSpan();
    const int64_t row = selected == WaterfallScene::kNoSpan ? -1 : m_rows.rowOf(tree, selected);
    const auto rowCount = int64_t(m_rows.size());
    const int64_t pageRows =
        std::max<int64_t>(1, (viewport()->height() - m_metrics.headerHeight) / m_metrics.rowHeight);
    const auto selectRow = [&](int64_t target) {
        selectSpan(m_rows.spans[size_t(std::clamp<int64_t>(target, 0, rowCount - 1))]);
    };
    TimeWindow window = timeWindow();
    const int64_t width = window.width();
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool control = event->modifiers() & Qt::ControlModifier;

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
            const bool changed = window.panBy(width / 10);
            moveWindow(window, changed);
        } else if (control) {
            expandSelectedSubtree();
        } else if (row >= 0 && m_rows.descendants(m_analysis->tree, size_t(row)) > 0) {
            if (m_collapse.isCollapsed(selected)) {
                m_collapse.setCollapsed(selected, false);
                rebuildRows();
            } else {
                selectSpan(m_rows.spans[size_t(row) + 1]); // the first child among the rows
            }
        }
        break;
    case Qt::Key_Left:
        if (shift) {
            const bool changed = window.panBy(-width / 10);
            moveWindow(window, changed);
        } else if (control) {
            collapseSelectedSubtree();
        } else if (row >= 0) {
            if (m_rows.descendants(m_analysis->tree, size_t(row)) > 0 && !m_collapse.isCollapsed(selected)) {
                m_collapse.setCollapsed(selected, true);
                rebuildRows();
            } else if (const uint32_t parent = shownParent(selected); parent != SpanTree::kNone) {
                selectSpan(parent);
            }
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (row >= 0 && m_rows.descendants(m_analysis->tree, size_t(row)) > 0) {
            m_collapse.toggle(selected);
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
