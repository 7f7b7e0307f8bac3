// SPDX-License-Identifier: MIT
// The time window every time-based view shares: zoom about a point, pan by time or pixels, the
// clamps (minimum width, the margin beside the trace), zoom to a range, keep a range in view.
#include "layout/TimeWindow.h"

#include <QTest>

using namespace spanscope;

namespace {
// An epoch-scale trace start: times of a real trace, where a double has no nanoseconds to spare.
constexpr int64_t kT0 = 1'760'000'000'000'000'000;
constexpr int64_t kDuration = 1'000'000'000; // 1 s
} // namespace

class TimeWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void startsOnTheWholeRangeAndResets()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        QCOMPARE(window.start(), kT0);
        QCOMPARE(window.end(), kT0 + kDuration);
        QCOMPARE(window.margin(), kDuration / 20);
        QVERIFY(!window.reset()); // already the whole range
        QVERIFY(window.zoomAbout(kT0 + kDuration / 2, 4));
        QVERIFY(window.reset());
        QCOMPARE(window.start(), kT0);
        QCOMPARE(window.width(), kDuration);
        // An empty trace still has a window one nanosecond wide.
        const TimeWindow empty(kT0, kT0);
        QCOMPARE(empty.width(), int64_t(1));
    }

    void zoomKeepsTheAnchorInPlace()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        const int64_t anchor = kT0 + kDuration / 4;
        QVERIFY(window.zoomAbout(anchor, 2));
        QCOMPARE(window.width(), kDuration / 2);
        // The anchor was a quarter in from the left; it still is.
        QCOMPARE(anchor - window.start(), window.width() / 4);
        QVERIFY(window.zoomAbout(anchor, 0.5));
        QCOMPARE(window.width(), kDuration);
        QCOMPARE(window.start(), kT0);
        QVERIFY(!window.zoomAbout(anchor, 0)); // nonsense factors change nothing
        QVERIFY(!window.zoomAbout(anchor, std::numeric_limits<double>::infinity()));
    }

    void deepZoomIsExactAtEpochTimes()
    {
        // A 1000 ns window zoomed about a point 300 ns in keeps that point to the nanosecond (in
        // absolute doubles it would be off by up to 128 ns at this magnitude).
        TimeWindow window(kT0, kT0 + kDuration);
        QVERIFY(window.set(kT0 + 1000, kT0 + 2000));
        QVERIFY(window.zoomAbout(kT0 + 1300, 2.5));
        QCOMPARE(window.width(), int64_t(400));
        QCOMPARE(window.start(), kT0 + 1300 - 120);
    }

    void clampsWidthAndMargins()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        const int64_t margin = window.margin();
        // Never narrower than the minimum.
        QVERIFY(window.set(kT0 + 500, kT0 + 510));
        QCOMPARE(window.width(), TimeWindow::kMinimumWidthNs);
        QCOMPARE(window.start(), kT0 + 500);
        QVERIFY(!window.zoomAbout(kT0 + 550, 10)); // already at the deepest zoom
        // Never wider than the trace and both margins.
        QVERIFY(window.set(kT0 - kDuration, kT0 + 2 * kDuration));
        QCOMPARE(window.start(), kT0 - margin);
        QCOMPARE(window.end(), kT0 + kDuration + margin);
        // Never beyond a margin: it slides back, keeping its width.
        QVERIFY(window.set(kT0 + kDuration - 100, kT0 + kDuration + 400'000'000));
        QCOMPARE(window.end(), kT0 + kDuration + margin);
        QCOMPARE(window.width(), int64_t(400'000'100));
        QVERIFY(window.set(kT0 - 900'000'000, kT0 - 800'000'000));
        QCOMPARE(window.start(), kT0 - margin);
        QCOMPARE(window.width(), int64_t(100'000'000));
    }

    void pansByTimeAndByPixels()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        QVERIFY(window.zoomAbout(kT0, 10)); // [t0, t0 + 100 ms)
        QCOMPARE(window.start(), kT0);
        QVERIFY(window.panBy(20'000'000));
        QCOMPARE(window.start(), kT0 + 20'000'000);
        QCOMPARE(window.width(), kDuration / 10);
        // Content dragged 100 px left in a 1000 px view: 10 ms later.
        QVERIFY(window.panByPixels(-100, 1000));
        QCOMPARE(window.start(), kT0 + 30'000'000);
        QVERIFY(window.panByPixels(300, 1000));
        QCOMPARE(window.start(), kT0);
        // The margin stops a pan; the width stays.
        QVERIFY(window.panBy(-kDuration));
        QCOMPARE(window.start(), kT0 - window.margin());
        QCOMPARE(window.width(), kDuration / 10);
        QVERIFY(!window.panBy(-1));
    }

    void zoomsToARangeWithMargin()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        QVERIFY(window.zoomTo(kT0 + 200'000'000, kT0 + 300'000'000));
        QCOMPARE(window.start(), kT0 + 195'000'000);
        QCOMPARE(window.end(), kT0 + 305'000'000);
        QVERIFY(window.zoomTo(kT0 + 10, kT0 + 10, 0)); // an instant: the minimum width
        QCOMPARE(window.start(), kT0 + 10);
        QCOMPARE(window.width(), TimeWindow::kMinimumWidthNs);
    }

    void ensureVisiblePansOnlyWhenNeeded()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        QVERIFY(window.zoomTo(kT0, kT0 + 100'000'000, 0));                  // [t0, t0 + 100 ms)
        QVERIFY(!window.ensureVisible(kT0 + 10'000'000, kT0 + 20'000'000)); // in view
        // Outside, and narrower than the window: centred, same zoom.
        QVERIFY(window.ensureVisible(kT0 + 500'000'000, kT0 + 520'000'000));
        QCOMPARE(window.width(), int64_t(100'000'000));
        QCOMPARE(window.start() + window.width() / 2, kT0 + 510'000'000);
        // Wider than the window and partly out of it: its start a margin in from the left.
        QVERIFY(window.ensureVisible(kT0 + 540'000'000, kT0 + 900'000'000));
        QCOMPARE(window.start(), kT0 + 540'000'000 - 5'000'000);
        // A range covering the whole window is in view.
        QVERIFY(!window.ensureVisible(kT0, kT0 + kDuration));
    }

    void mappingFollowsTheWindow()
    {
        TimeWindow window(kT0, kT0 + kDuration);
        QVERIFY(window.zoomTo(kT0 + 100'000'000, kT0 + 200'000'000, 0));
        const TimeMapping mapping = window.mapping(50, 1000);
        QCOMPARE(mapping.toX(kT0 + 100'000'000), 50.0);
        QCOMPARE(mapping.toX(kT0 + 150'000'000), 550.0);
    }
};

QTEST_GUILESS_MAIN(TimeWindowTest)
#include "tst_timewindow.moc"
