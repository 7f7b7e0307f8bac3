// SPDX-License-Identifier: MIT
// The clock-skew adjustment (docs/ANALYSIS.md): Jaeger's rule, off by default, marking every span it
// moves and every shift it refuses.
#include "TraceText.h"
#include "layout/ClockSkew.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"
#include "layout/TraceAnalysis.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

constexpr int64_t kNoLimit = INT64_MAX;

struct Adjusted
{
    SpanTree tree;
    SpanTimes times;
    ClockSkewReport report;
};

Adjusted adjust(const TraceData& data, int64_t maxShift = kNoLimit)
{
    Adjusted result;
    result.tree = buildSpanTree(data);
    result.times = effectiveTimes(data, result.tree);
    result.report = adjustClockSkew(data, result.tree, result.times, maxShift);
    return result;
}

} // namespace

class ClockSkewTest : public QObject
{
    Q_OBJECT

private slots:
    void longerChildIsOnlyMovedToStartWithItsParent()
    {
        const TextTrace t = parseTrace(R"(
            r - front r server 100 200 host=h1
            a r back a server 50 300 host=h2
            b r back b server 150 400 host=h3
        )");
        const Adjusted adjusted = adjust(t.data);
        QCOMPARE(adjusted.times.start[t["a"]], 100);
        QCOMPARE(adjusted.times.end[t["a"]], 350);
        QCOMPARE(adjusted.times.shift[t["a"]], 50);
        QVERIFY(adjusted.times.flags[t["a"]] & TimeFlag::SkewShifted);
        // Longer but starting inside the parent: left alone.
        QCOMPARE(adjusted.times.start[t["b"]], 150);
        QCOMPARE(adjusted.times.shift[t["b"]], 0);
        QVERIFY(!(adjusted.times.flags[t["b"]] & TimeFlag::SkewShifted));
        QCOMPARE(adjusted.report.shiftedSpans, 1u);
    }

    void shorterChildOutsideItsParentIsCentred()
    {
        // Parent 100 ns, child 20 ns: 40 ns of latency each way, so the child goes to [40, 60].
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100 host=h1
            a r back a server 150 170 host=h2
            fits r back fits server 10 90 host=h3
        )");
        const Adjusted adjusted = adjust(t.data);
        QCOMPARE(adjusted.times.start[t["a"]], 40);
        QCOMPARE(adjusted.times.end[t["a"]], 60);
        QCOMPARE(adjusted.times.shift[t["a"]], -110);
        QCOMPARE(adjusted.report.largestShift, -110);
        // Already inside: not moved, not marked.
        QCOMPARE(adjusted.times.shift[t["fits"]], 0);
        QCOMPARE(adjusted.times.flags[t["fits"]], uint8_t(0));
    }

    void childrenOnTheSameHostInheritTheShift()
    {
        // a moves by -110; c (same host as a) moves with it although it would fit either way; d,
        // on another host, is compared with the adjusted a and fits it, so it stays.
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100 host=h1
            a r back a server 150 170 host=h2
            c a back c internal 155 165 host=h2
            d a db d server 45 55 host=h3
        )");
        const Adjusted adjusted = adjust(t.data);
        QCOMPARE(adjusted.times.shift[t["c"]], -110);
        QCOMPARE(adjusted.times.start[t["c"]], 45);
        QVERIFY(adjusted.times.flags[t["c"]] & TimeFlag::SkewShifted);
        QCOMPARE(adjusted.times.shift[t["d"]], 0);
        QCOMPARE(adjusted.report.shiftedSpans, 2u);
        QCOMPARE(adjusted.times.traceStart, 0);
        QCOMPARE(adjusted.times.traceEnd, 100);
    }

    void sameHostTextOnTwoResourcesIsTheSameHost()
    {
        // Two services on one machine: different resources, one host key.
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100 host=h1
            a r sidecar a server 150 170 host=h1
        )");
        const Adjusted adjusted = adjust(t.data);
        QCOMPARE(adjusted.times.shift[t["a"]], 0);
        QCOMPARE(adjusted.times.start[t["a"]], 150);
    }

    void unknownHostsAreAlwaysAdjusted()
    {
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100
            a r front a server 150 170
        )");
        const Adjusted adjusted = adjust(t.data);
        QCOMPARE(adjusted.times.shift[t["a"]], -110);
    }

    void shiftsOverTheMaximumAreReportedNotApplied()
    {
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100 host=h1
            a r back a server 150 170 host=h2
            c a back c internal 155 165 host=h2
            small r other s server 90 110 host=h4
        )");
        const Adjusted adjusted = adjust(t.data, 100);
        QCOMPARE(adjusted.times.start[t["a"]], 150);
        QCOMPARE(adjusted.times.shift[t["a"]], 0);
        QVERIFY(adjusted.times.flags[t["a"]] & TimeFlag::SkewNotApplied);
        QVERIFY(!(adjusted.times.flags[t["a"]] & TimeFlag::SkewShifted));
        // Its same-host child would inherit the refused shift: refused as well.
        QVERIFY(adjusted.times.flags[t["c"]] & TimeFlag::SkewNotApplied);
        // A small shift is still applied: (100 - 20) / 2 - 90 = -50.
        QCOMPARE(adjusted.times.shift[t["small"]], -50);
        QCOMPARE(adjusted.report.notAppliedSpans, 2u);
        QCOMPARE(adjusted.report.shiftedSpans, 1u);
    }

    void rootsAndOrphansAreNeverMoved()
    {
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100 host=h1
            o gone back o server 500 520 host=h2
        )");
        const Adjusted adjusted = adjust(t.data);
        QCOMPARE(adjusted.times.start[t["o"]], 500);
        QCOMPARE(adjusted.report.shiftedSpans, 0u);
    }

    void offByDefaultInTheAnalysis()
    {
        const TextTrace t = parseTrace(R"(
            r - front r client 0 100 host=h1
            a r back a server 150 170 host=h2
        )");
        const auto plain = analyzeTrace(t.data, AnalysisOptions{});
        QVERIFY(!plain->options.adjustClockSkew);
        QCOMPARE(plain->times.start[t["a"]], 150);
        QVERIFY(plain->times.shift.empty());
        // a lies outside its parent: the critical path clips it away.
        QCOMPARE(plain->criticalPath.sections.size(), size_t(1));

        AnalysisOptions options;
        options.adjustClockSkew = true;
        const auto adjusted = analyzeTrace(t.data, options);
        QCOMPARE(adjusted->times.start[t["a"]], 40);
        QCOMPARE(adjusted->clockSkew.shiftedSpans, 1u);
        QCOMPARE(adjusted->times.traceEnd, 100);
        // The analyses run on the adjusted times: a is now on the critical path.
        QVERIFY(adjusted->criticalPath.isOnPath(t["a"]));
        QCOMPARE(adjusted->selfTime[t["r"]], 80);

        options.maxClockSkewShiftNs = 10;
        const auto limited = analyzeTrace(t.data, options);
        QCOMPARE(limited->times.start[t["a"]], 150);
        QCOMPARE(limited->clockSkew.notAppliedSpans, 1u);
    }
};

QTEST_GUILESS_MAIN(ClockSkewTest)
#include "tst_clockskew.moc"
