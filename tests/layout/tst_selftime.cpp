// SPDX-License-Identifier: MIT
// Self time (docs/ANALYSIS.md): duration minus the union of the children clipped to the span.
#include "TraceText.h"
#include "layout/SelfTime.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

std::vector<int64_t> selfTimesOf(const TraceData& data)
{
    const SpanTree tree = buildSpanTree(data);
    return computeSelfTimes(tree, effectiveTimes(data, tree));
}

} // namespace

class SelfTimeTest : public QObject
{
    Q_OBJECT

private slots:
    void leafIsItsDuration()
    {
        const TextTrace t = parseTrace("r - s r server 10 70\n");
        QCOMPARE(selfTimesOf(t.data)[t["r"]], 60);
    }

    void overlappingChildrenCountOnce()
    {
        // Children cover [10, 50] and [60, 80]: 60 of 100 ns. A child inside another adds nothing.
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            a r s a client 10 40
            b r s b client 30 50
            c r s c client 32 45
            d r s d client 60 80
        )");
        const std::vector<int64_t> self = selfTimesOf(t.data);
        QCOMPARE(self[t["r"]], 40);
        QCOMPARE(self[t["a"]], 30);
    }

    void childrenAreClippedToTheSpan()
    {
        // One child starts before the span, one ends after it, one lies entirely outside.
        const TextTrace t = parseTrace(R"(
            r - s r server 100 200
            early r s a client 50 120
            late r s b client 180 260
            outside r s c client 300 400
        )");
        QCOMPARE(selfTimesOf(t.data)[t["r"]], 60);
    }

    void childCoveringTheWholeSpanLeavesZero()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 100 200
            a r s a client 50 300
        )");
        QCOMPARE(selfTimesOf(t.data)[t["r"]], 0);
    }

    void consumerChildrenStillCount()
    {
        // Self time is about the span's own time, whether or not the child blocks it.
        const TextTrace t = parseTrace(R"(
            p - s p producer 0 100
            k p s k consumer 40 300
        )");
        QCOMPARE(selfTimesOf(t.data)[t["p"]], 40);
    }

    void childrenReorderedByTheClockSkewAdjustment()
    {
        // After the adjustment, a (file start 10) moves to 60 and b (file start 20) stays: the
        // children are no longer in start order, and the sweep must still count each once.
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100 host=h1
            a r s a client 10 20 host=h2
            b r s b client 20 50 host=h1
        )");
        const SpanTree tree = buildSpanTree(t.data);
        SpanTimes times = effectiveTimes(t.data, tree);
        // Move a by hand the way the adjustment would (its own host, so its own shift).
        times.start[t["a"]] = 60;
        times.end[t["a"]] = 70;
        QCOMPARE(computeSelfTimes(tree, times)[t["r"]], 100 - 30 - 10);
    }

    void millionSpans()
    {
        const uint32_t n = 1'000'000;
        TraceData data;
        data.resize(n);
        data.resources.push_back(TraceResource{});
        for (uint32_t i = 0; i < n; ++i) {
            data.startNs[i] = i;
            data.endNs[i] = 2 * int64_t(n) - i;
            data.spanId[i] = i + 1;
            data.parentSpanId[i] = i;
        }
        std::vector<int64_t> self = selfTimesOf(data);
        QCOMPARE(self[0], 2);
        QCOMPARE(self[n - 1], 2);
        QCOMPARE(self[n / 2], 2);

        // Fan-out: a million children of 1 ns, each 2 ns apart, under a root of 2n + 2 ns.
        data.startNs[0] = 0;
        data.endNs[0] = 2 * int64_t(n) + 2;
        for (uint32_t i = 1; i < n; ++i) {
            data.startNs[i] = 2 * int64_t(i);
            data.endNs[i] = 2 * int64_t(i) + 1;
            data.parentSpanId[i] = 1;
        }
        self = selfTimesOf(data);
        QCOMPARE(self[0], 2 * int64_t(n) + 2 - (n - 1));
        QCOMPARE(self[n - 1], 1);
    }
};

QTEST_GUILESS_MAIN(SelfTimeTest)
#include "tst_selftime.moc"
