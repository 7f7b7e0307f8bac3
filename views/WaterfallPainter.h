// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallScene.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QRect>

class QPainter;

namespace spanscope {
class TimeMapping;
}

namespace spanscope {

// Geometry of the waterfall's parts, shared by painting and hit testing.
struct WaterfallMetrics
{
    int headerHeight = 30;
    int rowHeight = 22;
    int indent = 14;
    // Deep trees indent less: the whole tree's indentation takes at most this share of the column.
    double maxIndentShare = 0.45;
    int expanderWidth = 12;
    int barPadding = 5; // above and below a bar, inside its row

    int rowTop(const QRect& area, const WaterfallScene& scene, size_t row) const
    {
        return area.top() + headerHeight + int(double(row) * rowHeight - scene.scrollY);
    }
    // The row at y, or -1 outside the rows.
    int64_t rowAt(const QRect& area, const WaterfallScene& scene, int y) const;
    int indentOf(const WaterfallScene& scene, uint32_t depth) const;
    QRect barArea(const QRect& area, const WaterfallScene& scene) const;
    QRect expanderRect(const QRect& area, const WaterfallScene& scene, size_t row, uint32_t depth) const;
};

// Where the time-dependent parts of one row go, in the area's pixels. The painter draws from it,
// and the widget's pixmap cache compares it between two time windows: a row whose label moved
// with its bar can be shifted, one whose label did not (pinned to an edge, or moved to the other
// side of its bar) is painted again.
struct BarLayout
{
    enum class Label : uint8_t
    {
        None,   // no room anywhere
        Right,  // beside the bar's end
        Left,   // before the bar's start
        Inside, // in the bar, at its end (or the view's edge where the bar goes beyond it)
    };
    bool visible = false; // some of the bar is inside the time window
    int top = 0;          // the row's top
    QRectF bar;           // clamped to the bar area (2 pixels beyond it on each side)
    Label label = Label::None;
    QRectF labelBox;
    QString labelText;
};

// Draws the waterfall: time axis, tree column and bars, touching only the rows inside the area
// (or the dirty part of it): the cost of a frame does not grow with the trace.
class WaterfallPainter
{
    Q_DECLARE_TR_FUNCTIONS(WaterfallPainter)

public:
    // The whole picture: rows, header, selection.
    static void paint(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                      const WaterfallMetrics& metrics = {});

    // The parts, for the widget's cached drawing: rows (everything that does not depend on the
    // mouse) within `dirty`, the header, and the hover/selection overlay.
    static void paintRows(QPainter& painter, const QRect& area, const QRect& dirty,
                          const WaterfallScene& scene, const WaterfallMetrics& metrics);
    static void paintHeader(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                            const WaterfallMetrics& metrics);
    static void paintOverlay(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                             const WaterfallMetrics& metrics);

    // The text beside a bar and its width: they do not depend on the time window, so a caller
    // laying out one row in two windows measures it once.
    struct Label
    {
        QString text;
        int width = -1; // -1: not measured yet
    };
    // The geometry of a row's bar and label (fm: the font the label is drawn in). `label`, when
    // given, is measured on first use and reused after.
    static BarLayout barLayout(const QRect& area, const WaterfallScene& scene,
                               const WaterfallMetrics& metrics, const QFontMetrics& fm, size_t row,
                               Label* label = nullptr);
    // The colour of a span's bar in the scene's colouring.
    static QColor barColor(const WaterfallScene& scene, uint32_t span);
    // The critical-path stripe's colour on a bar of this colour: whichever of the theme's two inks
    // contrasts more with it.
    static QColor criticalPathInk(const ViewTheme& theme, const QColor& bar);

private:
    static void paintRow(QPainter& painter, const QRect& area, const QRect& dirty,
                         const WaterfallScene& scene, const WaterfallMetrics& metrics, size_t row);
    // The parts of a row, left to right and bottom to top.
    static void paintTreeColumn(QPainter& painter, const QRect& area, const WaterfallScene& scene,
                                const WaterfallMetrics& metrics, size_t row);
    static void paintBar(QPainter& painter, const WaterfallScene& scene, const BarLayout& layout,
                         const QColor& fill, uint32_t span);
    static void paintCriticalPath(QPainter& painter, const WaterfallScene& scene, const TimeMapping& mapping,
                                  const BarLayout& layout, const QColor& fill, uint32_t span, bool dimmed);
    static void paintEvents(QPainter& painter, const WaterfallScene& scene, const TimeMapping& mapping,
                            const QRect& bars, const BarLayout& layout, uint32_t span);
    static void paintSkewMark(QPainter& painter, const WaterfallScene& scene, const TimeMapping& mapping,
                              const BarLayout& layout, uint32_t span);
    static void paintLabel(QPainter& painter, const WaterfallScene& scene, const BarLayout& layout,
                           const QColor& fill, bool dimmed);
};

} // namespace spanscope
