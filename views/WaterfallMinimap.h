// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QWidget>

namespace spanscope {

class WaterfallView;

// The whole trace in a strip above the waterfall: every visible row compressed into the strip's
// height, with the part the waterfall shows framed. Dragging the frame pans time and scrolls rows;
// clicking moves it there. The picture is computed once per layout change in one pass over the
// rows (spans narrower than a pixel merge), so painting it costs the same for any trace.
class WaterfallMinimap : public QWidget
{
    Q_OBJECT

public:
    explicit WaterfallMinimap(WaterfallView* view, QWidget* parent = nullptr);

    QSize sizeHint() const override { return {400, 56}; }
    // The frame, in widget coordinates (tests).
    QRectF frame() const;

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void rebuild();
    QRect plotArea() const;
    void moveFrameTo(const QPointF& center);

    WaterfallView* m_view;
    QImage m_image;
    const void* m_imageAnalysis = nullptr;
    size_t m_imageRows = 0;
    bool m_dirty = true;
    bool m_dragging = false;
    QPointF m_dragOffset;
};

} // namespace spanscope
