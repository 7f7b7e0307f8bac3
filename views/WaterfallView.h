// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallPainter.h"
#include "WaterfallPixmapCache.h"
#include "common/TraceViewState.h"
#include "layout/TimeWindow.h"

#include <QAbstractScrollArea>
#include <memory>

class QMenu;

namespace spanscope {

// The waterfall widget: scrolls rows vertically, zooms and pans time, selects, expands and
// collapses. What every view of the trace shares (the trace, the selection, the hover, find's
// matches, the hidden services, the time window) lives in a TraceViewState: the waterfall reads
// it, writes it, and follows it, whoever changed it. What is its own: the collapsed rows, the
// vertical scroll, the name column's width, the colouring. The time window's arithmetic is
// layout/TimeWindow; the rows are drawn through a WaterfallPixmapCache that shifts on scroll and
// pan; hover and selection are drawn over it.
class WaterfallView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    // On a state of its own (a waterfall alone, as in an export or a test).
    explicit WaterfallView(QWidget* parent = nullptr);
    // On the trace area's shared state (not owned; it outlives the view).
    explicit WaterfallView(TraceViewState* state, QWidget* parent = nullptr);

    TraceViewState* state() const { return m_state; }
    // The state's trace: the same as state()->setAnalysis().
    void setAnalysis(std::shared_ptr<const TraceAnalysis> analysis);
    // The trace the rows were built for (the state's, once it has told the view).
    const TraceAnalysis* analysis() const { return m_analysis.get(); }
    // Event times per span (loaded with the trace; optional).
    void setEvents(std::vector<std::tuple<uint32_t, int64_t, int64_t>> events);

    // Find, through the state: the spans that match (empty vector: no find). Non-matches are
    // dimmed, their ancestors are not; next/previous walk the matches in depth-first order.
    void setMatches(std::vector<uint8_t> matches);
    // Matches a jump can reach (hidden services' spans excluded), and those it cannot.
    size_t matchCount() const { return m_state->reachableMatchCount(); }
    size_t hiddenMatchCount() const { return m_state->hiddenMatchCount(); }
    // The selected span's place among the matches, 1-based; 0 when it is not a match.
    size_t matchPosition() const { return m_state->matchPosition(m_state->selectedSpan()); }

    // Hiding services, through the state (docs/DECISIONS.md, "Hiding a service"): a hidden
    // service's spans get no row; their descendants of other services stay, under the nearest
    // shown ancestor. `hidden` is indexed by the service's string index (1 = hidden); empty shows
    // everything.
    void setHiddenServices(std::vector<uint8_t> hidden);
    bool isServiceHidden(uint32_t serviceString) const { return m_state->isServiceHidden(serviceString); }
    size_t hiddenSpanCount() const { return m_state->hiddenSpanCount(); }
    size_t hiddenServiceCount() const { return m_state->hiddenServiceCount(); }
    void setColouring(BarColouring colouring);
    void setShowCriticalPath(bool show);

    // Current state, for tests, the minimap and the window.
    const WaterfallRows& rows() const { return m_rows; }
    const CollapseState& collapseState() const { return m_collapse; }
    uint32_t selectedSpan() const { return m_state->selectedSpan(); }
    const TimeWindow& timeWindow() const { return m_state->window(); }
    int64_t windowStart() const { return timeWindow().start(); }
    int64_t windowEnd() const { return timeWindow().end(); }
    const WaterfallMetrics& metrics() const { return m_metrics; }
    WaterfallScene scene() const;
    // The span whose row is at a point of the viewport, or kNoSpan.
    uint32_t spanAt(const QPoint& viewportPos) const;
    // Rows fully or partly visible: [first, last).
    std::pair<int64_t, int64_t> visibleRowRange() const;
    // How many row paints the last frames needed (tests check that scrolling repaints a strip).
    int rowPaintsInLastFrame() const { return m_cache.rowsPaintedLastTime(); }
    // What the last frame painted of the rows (a pan paints the exposed strip and the rows whose
    // labels stayed put).
    const QRegion& repaintedInLastFrame() const { return m_cache.lastPainted(); }
    // The menu a right click on a span opens (the caller owns it).
    QMenu* createContextMenu(uint32_t span, QWidget* parent);

public slots:
    // Selects the span in the state, and brings it into view here (its ancestors expanded, its
    // row scrolled to) even when it was selected already.
    void selectSpan(uint32_t span);
    // Selects the span and brings it into view: ancestors expanded, row scrolled to, and the time
    // window panned so that its bar shows (the zoom stays).
    void revealSpan(uint32_t span);
    void expandAll();
    void collapseAll();
    void collapseToDepth(int depth);
    void expandSelectedSubtree();
    void collapseSelectedSubtree();
    void expandSubtree(uint32_t span);
    void collapseSubtree(uint32_t span);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void zoomToSpan(uint32_t span);
    void zoomToSelection();
    void setWindow(int64_t start, int64_t end);
    void scrollToRow(int64_t row);
    void nextMatch();
    void previousMatch();
    void hideService(uint32_t serviceString);
    void showOnlyService(uint32_t serviceString);
    void showAllServices();

signals:
    // After the view rebuilt its rows for the state's new trace.
    void analysisChanged();
    // The state's selection changed (from this view or another) and the view followed it.
    void spanSelected(uint32_t span);
    void windowChanged(int64_t start, int64_t end);
    void viewChanged(); // rows, scroll or window changed: the minimap follows
    void findRequested();
    // F3 / Shift+F3 with no matches (the find bar closed): the panel repeats the last search.
    void findStepRequested(int direction);
    void matchPositionChanged();
    void serviceFilterChanged();

protected:
    void changeEvent(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void bindState();
    void followAnalysis();
    void followSelection(uint32_t span);
    void followServiceFilter();
    void followWindow();
    void bringIntoView(uint32_t span);
    void rebuildRows();
    void invalidate();
    void updateScrollRange();
    // Hands a changed copy of the shared window to the state.
    void moveWindow(TimeWindow window, bool changed);
    void zoomAround(double factor, double x);
    void ensureRowVisible(int64_t row);
    void stepMatch(int direction);
    void hover(uint32_t span);
    int64_t rowAtY(int y) const;
    QRect area() const;
    QRect barArea() const;
    uint32_t shownParent(uint32_t span) const;

    TraceViewState* m_state;
    // The state's trace as the rows below were built for it (the state tells views one by one).
    std::shared_ptr<const TraceAnalysis> m_analysis;
    CollapseState m_collapse;
    WaterfallDecorations m_decorations;
    WaterfallRows m_rows;
    WaterfallMetrics m_metrics;
    BarColouring m_colouring = BarColouring::ByService;
    bool m_showCriticalPath = true;
    int m_nameColumnWidth = 380;

    WaterfallPixmapCache m_cache;
    uint64_t m_version = 1;

    enum class Drag
    {
        None,
        Pending, // pressed on the bars: a click until the mouse moves beyond the drag distance
        Pan,
        Divider
    };
    Drag m_drag = Drag::None;
    QPoint m_dragOrigin;
    uint32_t m_pressedSpan = WaterfallScene::kNoSpan;
    TimeWindow m_dragWindow;
    int m_dragDividerStart = 0;
};

} // namespace spanscope
