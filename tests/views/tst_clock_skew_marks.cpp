// SPDX-License-Identifier: MIT
// Spans the clock-skew adjustment moved are marked where the user looks (README: "every moved span
// marked"): on the bar (an arrow from where the file put it, a rule along its top) and in the tree
// column (a clock), in either look, and the tooltip says by how much. Unmoved spans carry no mark.
#include "tests/layout/TraceText.h"
#include "views/SpanToolTip.h"
#include "views/WaterfallPainter.h"
#include "views/WaterfallView.h"

#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QTest>
#include <QToolTip>

using namespace spanscope;

namespace {

// Pixels close to a colour (antialiased marks have few exact ones) in a rectangle.
int pixelsNear(const QImage& image, const QRect& rect, const QColor& colour)
{
    int count = 0;
    for (int y = std::max(rect.top(), 0); y <= std::min(rect.bottom(), image.height() - 1); ++y) {
        for (int x = std::max(rect.left(), 0); x <= std::min(rect.right(), image.width() - 1); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                                 std::abs(c.blue() - colour.blue()) <
                             40
                         ? 1
                         : 0;
        }
    }
    return count;
}

std::shared_ptr<const TraceAnalysis> skewedTrace(test::TextTrace& t)
{
    // "a" runs on a host whose clock is 50 µs behind: it starts before its parent. The adjustment
    // moves it 50 µs later; "b" fits and stays.
    t = test::parseTrace(R"(
        r - front r server 100000 200000 host=h1
        a r back a server 50000 300000 host=h2
        b r back b server 150000 190000 host=h3
    )");
    AnalysisOptions options;
    options.adjustClockSkew = true;
    return analyzeTrace(TraceData(t.data), options);
}

} // namespace

class ClockSkewMarksTest : public QObject
{
    Q_OBJECT

private slots:
    void movedSpansAreMarkedOnBarAndInTree()
    {
        test::TextTrace t;
        const auto analysis = skewedTrace(t);
        QCOMPARE(analysis->times.shift[t["a"]], int64_t(50000));
        QCOMPARE(analysis->times.shift[t["b"]], int64_t(0));
        CollapseState collapse(analysis->data.size());
        const WaterfallRows rows = visibleRows(analysis->tree, collapse);
        const WaterfallDecorations decorations = WaterfallDecorations::build(*analysis, {});
        const WaterfallMetrics metrics;
        for (const ViewTheme* theme : {&ViewTheme::light(), &ViewTheme::dark()}) {
            WaterfallScene scene;
            scene.analysis = analysis.get();
            scene.rows = &rows;
            scene.collapse = &collapse;
            scene.decorate(decorations);
            scene.theme = theme;
            scene.windowStart = analysis->times.traceStart;
            scene.windowEnd = analysis->times.traceEnd;
            const QRect area(0, 0, 1200, metrics.headerHeight + 3 * metrics.rowHeight);
            QImage image(area.size(), QImage::Format_RGB32);
            {
                QPainter painter(&image);
                WaterfallPainter::paint(painter, area, scene, metrics);
            }
            const auto rowRect = [&](uint32_t span, bool tree) {
                const int top = metrics.rowTop(area, scene, size_t(rows.rowOf(analysis->tree, span)));
                return tree ? QRect(0, top, scene.nameColumnWidth, metrics.rowHeight)
                            : QRect(scene.nameColumnWidth + 1, top, area.width(), metrics.rowHeight);
            };
            const QColor mark = theme->skewMark;
            QVERIFY2(pixelsNear(image, rowRect(t["a"], true), mark) >= 10, "no clock in the tree column");
            QVERIFY2(pixelsNear(image, rowRect(t["a"], false), mark) >= 40, "no mark on the bar");
            QCOMPARE(pixelsNear(image, rowRect(t["b"], true), mark), 0);
            QCOMPARE(pixelsNear(image, rowRect(t["b"], false), mark), 0);
            QCOMPARE(pixelsNear(image, rowRect(t["r"], false), mark), 0);
        }
    }

    void tooltipSaysByHowMuch()
    {
        test::TextTrace t;
        const auto analysis = skewedTrace(t);
        const QString moved = SpanToolTip::text(*analysis, t["a"]);
        QVERIFY2(moved.contains(QStringLiteral("Clock skew: moved 50.0 µs later")), qPrintable(moved));
        QVERIFY(!SpanToolTip::text(*analysis, t["b"]).contains(QStringLiteral("Clock skew")));
        // Hovering the row in the widget shows it.
        WaterfallView view;
        view.resize(1000, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(analysis);
        const int64_t row = view.rows().rowOf(analysis->tree, t["a"]);
        const QPoint pos(100, view.metrics().rowTop(view.viewport()->rect(), view.scene(), size_t(row)) + 8);
        QHelpEvent help(QEvent::ToolTip, pos, view.viewport()->mapToGlobal(pos));
        QApplication::sendEvent(view.viewport(), &help);
        QVERIFY(QToolTip::text().contains(QStringLiteral("moved 50.0 µs later")));
    }
};

QTEST_MAIN(ClockSkewMarksTest)
#include "tst_clock_skew_marks.moc"
