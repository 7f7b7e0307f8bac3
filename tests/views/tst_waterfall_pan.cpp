// SPDX-License-Identifier: MIT
// Panning the waterfall with the mouse: after a drag (or Shift+wheel) the picture is the one a
// fresh paint of the same time window gives (labels redrawn where they belong, not shifted with
// the cache), the shift still saves painting, and a drag is not a click.
#include "WaterfallTestSupport.h"
#include "views/WaterfallView.h"

#include <QApplication>
#include <QSignalSpy>
#include <QWheelEvent>

using namespace spanscope;
using spanscope::test::spanNamed;

namespace {

void zoomIn(QWidget* viewport, QPoint at, int steps)
{
    for (int step = 0; step < steps; ++step) {
        QWheelEvent wheel(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &wheel);
    }
}

// Drags the bars from `from` by dx in steps, painting every intermediate frame as a screen would.
void drag(WaterfallView& view, QPoint from, int dx, int steps = 10)
{
    QWidget* viewport = view.viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    for (int s = 1; s <= steps; ++s) {
        QTest::mouseMove(viewport, from + QPoint(dx * s / steps, 0));
        viewport->repaint();
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, from + QPoint(dx, 0));
}

// The picture the view shows now, and the one a paint from scratch of the same state gives.
std::pair<QImage, QImage> shownAndFresh(WaterfallView& view)
{
    view.viewport()->repaint();
    const QImage shown = view.viewport()->grab().toImage();
    view.setShowCriticalPath(true); // same state, new version: the cache paints everything
    view.viewport()->repaint();
    return {shown, view.viewport()->grab().toImage()};
}

} // namespace

class WaterfallPanTest : public QObject
{
    Q_OBJECT

private slots:
    void dragPanRedrawsWhatTheShiftCannotReuse()
    {
        const auto sample = test::loadCheckoutSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(sample.analysis);
        const int rowY = view.metrics().headerHeight + view.metrics().rowHeight / 2;
        // Zoomed in three steps: the root's bar runs past the right edge, with its label pinned
        // inside it there; labels beside other bars change sides as they near an edge.
        zoomIn(view.viewport(), QPoint(800, rowY), 3);
        view.viewport()->repaint();
        const int64_t before = view.windowStart();
        drag(view, QPoint(900, rowY + 100), -300);
        QVERIFY(view.windowStart() > before);
        const auto [shown, fresh] = shownAndFresh(view);
        const int differing = test::differingPixels(shown, fresh);
        if (differing != 0)
            test::keepForInspection(shown, fresh, QStringLiteral("drag-pan"));
        QCOMPARE(differing, 0);
    }

    void panShiftsAndPaintsLittle()
    {
        // Fully zoomed out, a short drag within the margin: most rows move with the cache, only
        // the exposed columns and the rows with a pinned label are painted.
        const auto sample = test::loadCheckoutSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(sample.analysis);
        view.viewport()->repaint();
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(900, 300));
        QTest::mouseMove(view.viewport(), QPoint(880, 300));
        view.viewport()->repaint();
        QTest::mouseMove(view.viewport(), QPoint(870, 300));
        view.viewport()->repaint();
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(870, 300));
        qint64 painted = 0;
        for (const QRect& rect : view.repaintedInLastFrame())
            painted += qint64(rect.width()) * rect.height();
        QVERIFY(painted > 0);
        QVERIFY2(painted < qint64(view.viewport()->width()) * view.viewport()->height() / 4,
                 qPrintable(QString::number(painted)));
        const auto [shown, fresh] = shownAndFresh(view);
        QCOMPARE(test::differingPixels(shown, fresh), 0);
    }

    void shiftWheelPanIsCleanToo()
    {
        const auto sample = test::loadCheckoutSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(sample.analysis);
        QWidget* viewport = view.viewport();
        zoomIn(viewport, QPoint(700, 200), 3);
        viewport->repaint();
        for (int notch = 0; notch < 4; ++notch) {
            QWheelEvent wheel(QPointF(700, 200), viewport->mapToGlobal(QPointF(700, 200)), QPoint(),
                              QPoint(0, -120), Qt::NoButton, Qt::ShiftModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(viewport, &wheel);
            viewport->repaint();
        }
        const auto [shown, fresh] = shownAndFresh(view);
        QCOMPARE(test::differingPixels(shown, fresh), 0);
    }

    void aDragIsNotAClick()
    {
        const auto sample = test::loadCheckoutSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        view.setAnalysis(sample.analysis);
        const WaterfallMetrics& m = view.metrics();
        const uint32_t root = view.rows().spans[0];
        view.selectSpan(root);
        QSignalSpy selected(&view, &WaterfallView::spanSelected);
        // Press on the fifth row's bar area and drag: the window moves, the selection does not.
        const QPoint press(900, m.headerHeight + 4 * m.rowHeight + m.rowHeight / 2);
        const int64_t before = view.windowStart();
        zoomIn(view.viewport(), press, 2);
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, press);
        QCOMPARE(view.selectedSpan(), root); // nothing happens on the press
        QTest::mouseMove(view.viewport(), press + QPoint(-120, 0));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, press + QPoint(-120, 0));
        QVERIFY(view.windowStart() != before);
        QCOMPARE(view.selectedSpan(), root);
        QCOMPARE(selected.count(), 0);
        // Within the drag distance it is a click: selected on release.
        const int jitter = std::max(QApplication::startDragDistance() / 2 - 1, 0);
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, press);
        QTest::mouseMove(view.viewport(), press + QPoint(jitter, 0));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, press + QPoint(jitter, 0));
        QCOMPARE(view.selectedSpan(), view.rows().spans[4]);
        QCOMPARE(selected.count(), 1);
    }
};

QTEST_MAIN(WaterfallPanTest)
#include "tst_waterfall_pan.moc"
