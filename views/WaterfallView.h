// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallPainter.h"

#include <QAbstractScrollArea>
#include <QPixmap>
#include <memory>

namespace spanscope {

// The waterfall widget: scrolls rows vertically, zooms and pans time, selects, expands and
// collapses, finds and filters. It keeps view state only; the trace and its analysis are shared,
// read-only. Rows are drawn into a cached pixmap that is shifted when scrolling or panning, so only
// the newly exposed strip is painted; hover and selection are drawn over it.
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
    // are not; next/previous walk the matches in row order.
    void setMatches(std::vector<uint8_t> matches);
    size_t matchCount() const { return m_matchCount; }
    // Filter by service: spans of services whose string index is 0 in `visible` are hidden (their
    // ancestors stay, to keep the tree readable). Empty: no filter.
    void setServiceFilter(std::vector<uint8_t> visibleServices);
    void setColouring(BarColouring colouring);
    void setShowCriticalPath(bool show);

    // Current state, for tests, the minimap and the window.
    const WaterfallRows& rows() const { return m_rows; }
    const CollapseState& collapseState() const { return m_collapse; }
    uint32_t selectedSpan() const { return m_selected; }
    int64_t windowStart() const { return m_windowStart; }
    int64_t windowEnd() const { return m_windowEnd; }
    const WaterfallMetrics& metrics() const { return m_metrics; }
    WaterfallScene scene() const;
    // Rows fully or partly visible: [first, last).
    std::pair<int64_t, int64_t> visibleRowRange() const;
    // How many row paints the last frames needed (tests check that scrolling repaints a strip).
    int rowPaintsInLastFrame() const { return m_lastPaintedRows; }

public slots:
    void selectSpan(uint32_t span);
    void expandAll();
    void collapseAll();
    void collapseToDepth(int depth);
    void expandSelectedSubtree();
    void collapseSelectedSubtree();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void zoomToSpan(uint32_t span);
    void zoomToSelection();
    void setWindow(int64_t start, int64_t end);
    void scrollToRow(int64_t row);
    void nextMatch();
    void previousMatch();

signals:
    void spanSelected(uint32_t span);
    void windowChanged(int64_t start, int64_t end);
    void viewChanged(); // rows, scroll or window changed: the minimap follows
    void findRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void rebuildRows();
    void invalidate();
    void updateScrollRange();
    void zoomAround(double factor, double x);
    void ensureRowVisible(int64_t row);
    void stepMatch(int direction);
    int64_t rowAtY(int y) const;
    QRect area() const;
    void renderCache();

    std::shared_ptr<const TraceAnalysis> m_analysis;
    CollapseState m_collapse;
    WaterfallDecorations m_decorations;
    WaterfallRows m_rows;
    WaterfallMetrics m_metrics;
    std::vector<uint8_t> m_matches;
    std::vector<uint8_t> m_undimmed;
    std::vector<uint8_t> m_visibleServices;
    size_t m_matchCount = 0;
    BarColouring m_colouring = BarColouring::ByService;
    bool m_showCriticalPath = true;
    int64_t m_windowStart = 0;
    int64_t m_windowEnd = 1;
    int m_nameColumnWidth = 380;
    uint32_t m_selected = WaterfallScene::kNoSpan;
    uint32_t m_hovered = WaterfallScene::kNoSpan;

    // The rows as last painted: valid while m_cacheKey matches the view.
    struct CacheKey
    {
        int64_t windowStart = 0;
        int64_t windowEnd = 0;
        int scrollY = 0;
        int nameColumnWidth = 0;
        QSize size;
        qreal dpr = 0;
        uint64_t version = 0;
    };
    QPixmap m_cache;
    CacheKey m_cacheKey;
    uint64_t m_version = 1;
    int m_lastPaintedRows = 0;

    enum class Drag
    {
        None,
        Pan,
        Divider
    };
    Drag m_drag = Drag::None;
    QPoint m_dragOrigin;
    int64_t m_dragWindowStart = 0;
    int m_dragDividerStart = 0;
};

} // namespace spanscope
