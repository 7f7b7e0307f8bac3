// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallPainter.h"

#include <QAbstractScrollArea>
#include <memory>

namespace spanscope {

// The waterfall widget: scrolls rows vertically, zooms and pans time, selects, expands and
// collapses. It keeps view state only; the trace and its analysis are shared, read-only.
class WaterfallView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit WaterfallView(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const TraceAnalysis> analysis);
    const TraceAnalysis* analysis() const { return m_analysis.get(); }

    // Current state, for tests and the window.
    const WaterfallRows& rows() const { return m_rows; }
    const CollapseState& collapseState() const { return m_collapse; }
    uint32_t selectedSpan() const { return m_selected; }
    int64_t windowStart() const { return m_windowStart; }
    int64_t windowEnd() const { return m_windowEnd; }
    const WaterfallMetrics& metrics() const { return m_metrics; }
    WaterfallScene scene() const;

public slots:
    void selectSpan(uint32_t span);
    void expandAll();
    void collapseAll();
    void collapseToDepth(int depth);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void zoomToSpan(uint32_t span);

signals:
    void spanSelected(uint32_t span);
    void windowChanged(int64_t start, int64_t end);

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

private:
    void rebuildRows();
    void updateScrollRange();
    void setWindow(int64_t start, int64_t end);
    void zoomAround(double factor, double x);
    void ensureRowVisible(int64_t row);
    int64_t rowAtY(int y) const;
    QRect area() const;

    std::shared_ptr<const TraceAnalysis> m_analysis;
    CollapseState m_collapse;
    ServiceColors m_colors;
    WaterfallRows m_rows;
    WaterfallMetrics m_metrics;
    int64_t m_windowStart = 0;
    int64_t m_windowEnd = 1;
    int m_nameColumnWidth = 380;
    uint32_t m_selected = WaterfallScene::kNoSpan;
    uint32_t m_hovered = WaterfallScene::kNoSpan;

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
