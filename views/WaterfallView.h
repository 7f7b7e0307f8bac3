// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallPainter.h"
#include "WaterfallPixmapCache.h"
#include "layout/TimeWindow.h"

#include <QAbstractScrollArea>
#include <memory>

class QMenu;

namespace spanscope {

// The waterfall widget: scrolls rows vertically, zooms and pans time, selects, expands and
// collapses, finds and filters. It keeps view state only; the trace and its analysis are shared,
// read-only. The time window's arithmetic is layout/TimeWindow; the rows are drawn through a
// WaterfallPixmapCache that shifts on scroll and pan; hover and selection are drawn over it.
class WaterfallView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit WaterfallView(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const TraceAnalysis> analysis);
    const TraceAnalysis* analysis() const { return m_analysis.get(); }
    // Event times per span (loaded with the trace; optional).
    void setEvents(std::vector<std::tuple<uint32_t, int64_t, int64_t>> events);

    // Find: the spans that match (empty vector: no find). Non-matches are dimmed, their ancestors
    // are not; next/previous walk the matches in depth-first order.
    void setMatches(std::vector<uint8_t> matches);
    // Matches a jump can reach (hidden services' spans excluded), and those it cannot.
    size_t matchCount() const { return m_matchOrder.size(); }
    size_t hiddenMatchCount() const { return m_matchTotal - m_matchOrder.size(); }
    // The selected span's place among the matches, 1-based; 0 when it is not a match.
    size_t matchPosition() const;

    // Hiding services (docs/DECISIONS.md, "Hiding a service"): a hidden service's spans get no
    // row; their descendants of other services stay, under the nearest shown ancestor. `hidden`
    // is indexed by the service's string index (1 = hidden); empty shows everything.
    void setHiddenServices(std::vector<uint8_t> hidden);
    bool isServiceHidden(uint32_t serviceString) const;
    size_t hiddenSpanCount() const { return m_hiddenSpans; }
    size_t hiddenServiceCount() const;
    void setColouring(BarColouring colouring);
    void setShowCriticalPath(bool show);

    // Current state, for tests, the minimap and the window.
    const WaterfallRows& rows() const { return m_rows; }
    const CollapseState& collapseState() const { return m_collapse; }
    uint32_t selectedSpan() const { return m_selected; }
    const TimeWindow& timeWindow() const { return m_window; }
    int64_t windowStart() const { return m_window.start(); }
    int64_t windowEnd() const { return m_window.end(); }
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
    void analysisChanged();
    void spanSelected(uint32_t span);
    void windowChanged(int64_t start, int64_t end);
    void viewChanged(); // rows, scroll or window changed: the minimap follows
    void findRequested();
    // F3 / Shift+F3 with no matches (the find bar closed): the panel repeats the last search.
    void findStepRequested(int direction);
    void matchPositionChanged();
    void serviceFilterChanged();

protected:
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
    void rebuildRows();
    void rebuildMatchOrder();
    void invalidate();
    void updateScrollRange();
    void windowMoved(bool changed);
    void zoomAround(double factor, double x);
    void ensureRowVisible(int64_t row);
    void stepMatch(int direction);
    int64_t rowAtY(int y) const;
    QRect area() const;
    QRect barArea() const;
    uint32_t shownParent(uint32_t span) const;

    std::shared_ptr<const TraceAnalysis> m_analysis;
    CollapseState m_collapse;
    WaterfallDecorations m_decorations;
    WaterfallRows m_rows;
    WaterfallMetrics m_metrics;
    TimeWindow m_window;
    std::vector<uint8_t> m_matches;
    std::vector<uint8_t> m_undimmed;
    std::vector<uint32_t> m_matchOrder; // preorder indexes of the shown matches, ascending
    size_t m_matchTotal = 0;
    std::vector<uint8_t> m_hiddenServices;
    std::vector<uint8_t> m_shown; // per span, under a service filter (empty: every span)
    size_t m_hiddenSpans = 0;
    BarColouring m_colouring = BarColouring::ByService;
    bool m_showCriticalPath = true;
    int m_nameColumnWidth = 380;
    uint32_t m_selected = WaterfallScene::kNoSpan;
    uint32_t m_hovered = WaterfallScene::kNoSpan;

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
