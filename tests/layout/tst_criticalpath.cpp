// SPDX-License-Identifier: MIT
// The critical path: Jaeger UI's own test fixtures (CriticalPath/testCases/test1..9.js, with the
// sections Jaeger expects, span by span and in Jaeger's order), one tree per rule of docs/ANALYSIS.md,
// and a million spans deep and wide.
#include "TraceText.h"
#include "layout/CriticalPath.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

struct Expected
{
    const char* span;
    int64_t start;
    int64_t end;
};

std::vector<CriticalPathSection> pathOf(const TraceData& data)
{
    const SpanTree tree = buildSpanTree(data);
    const SpanTimes times = effectiveTimes(data, tree);
    return computeCriticalPath(data, tree, times).sections;
}

QString describe(const TextTrace& trace, const std::vector<CriticalPathSection>& sections)
{
    QStringList parts;
    for (const CriticalPathSection& s : sections)
        parts << QStringLiteral("%1 %2-%3")
                     .arg(QString::fromStdString(trace.nameOf(s.span)))
                     .arg(s.start)
                     .arg(s.end);
    return parts.join(QStringLiteral(", "));
}

// Compares the walk (Jaeger's order) with the expected sections, span by span.
bool samePath(const TextTrace& trace, const std::vector<CriticalPathSection>& actual,
              std::initializer_list<Expected> expected, QString& message)
{
    std::vector<CriticalPathSection> wanted;
    for (const Expected& e : expected)
        wanted.push_back(CriticalPathSection{trace[e.span], e.start, e.end});
    if (actual == wanted)
        return true;
    message = QStringLiteral("got [%1], expected [%2]").arg(describe(trace, actual), describe(trace, wanted));
    return false;
}

#define COMPARE_PATH(trace, ...)                                                                             \
    do {                                                                                                     \
        QString message;                                                                                     \
        if (!samePath(trace, pathOf((trace).data), {__VA_ARGS__}, message))                                  \
            QFAIL(qPrintable(message));                                                                      \
    } while (false)

} // namespace

class CriticalPathTest : public QObject
{
    Q_OBJECT

private slots:
    // --- Jaeger UI's fixtures (startTime and duration there; START END here) ---

    void jaegerTest1TwoSequentialChildren()
    {
        const TextTrace t = parseTrace(R"(
            span-E span-C customers-service E internal 50 60
            span-C -      customers-service C internal 1 101
            span-D span-C customers-service D internal 20 40
        )");
        COMPARE_PATH(t, {"span-C", 60, 101}, {"span-E", 50, 60}, {"span-C", 40, 50}, {"span-D", 20, 40},
                     {"span-C", 1, 20});
    }

    void jaegerTest2OverlappingChildren()
    {
        const TextTrace t = parseTrace(R"(
            span-X -      service1 op1 internal 1 101
            span-A span-X service1 op2 internal 10 50
            span-C span-X service1 op3 internal 20 60
        )");
        COMPARE_PATH(t, {"span-X", 60, 101}, {"span-C", 20, 60}, {"span-X", 1, 20});
    }

    void jaegerTest3ChildAfterParentIsDropped()
    {
        // traceWithSingleChildLongerThanParentAndStartsAfterParent.json
        const TextTrace t = parseTrace(R"(
            006c3cf93508f205 -                service-one send         producer 100 140
            2dc4b796e2127e32 006c3cf93508f205 service-two async-task-1 client   200 500
        )");
        COMPARE_PATH(t, {"006c3cf93508f205", 100, 140});
    }

    void jaegerTest4DroppedChildDropsItsSubtree()
    {
        const TextTrace t = parseTrace(R"(
            span-A -      service-one op-A internal 1 31
            span-B span-A service-one op-B internal 40 80
            span-c span-B service-one op-C internal 50 60
        )");
        COMPARE_PATH(t, {"span-A", 1, 31});
    }

    void jaegerTest5NonBlockingChildIsDropped()
    {
        // Jaeger's fixture has B FOLLOWS_FROM A; Jaeger's OTLP-era rule (and ours) is a CONSUMER
        // under a PRODUCER, which is how such a pair arrives in OTLP.
        const TextTrace t = parseTrace(R"(
            span-A -      service-one op-A producer 1 31
            span-B span-A service-one op-B consumer 10 20
            span-C span-B service-one op-C internal 12 14
        )");
        COMPARE_PATH(t, {"span-A", 1, 31});
    }

    void jaegerTest6ChildStartingBeforeItsClippedParent()
    {
        const TextTrace t = parseTrace(R"(
            span-A -      service-one op-A internal 1 30
            span-B span-A service-one op-B internal 15 35
            span-C span-B service-one op-C internal 10 25
        )");
        COMPARE_PATH(t, {"span-B", 25, 30}, {"span-C", 15, 25}, {"span-A", 1, 15});
    }

    void jaegerTest7ChildrenOverrunningTheirParents()
    {
        const TextTrace t = parseTrace(R"(
            span-A -      service-one op-A internal 1 30
            span-B span-A service-one op-B internal 15 35
            span-C span-B service-one op-C internal 20 40
        )");
        COMPARE_PATH(t, {"span-C", 20, 30}, {"span-B", 15, 20}, {"span-A", 1, 15});
    }

    void jaegerTest8ChildLongerOnBothSides()
    {
        const TextTrace t = parseTrace(R"(
            span-A -      service-one op-A internal 10 30
            span-B span-A service-one op-B internal 5 35
        )");
        COMPARE_PATH(t, {"span-B", 10, 30});
    }

    void jaegerTest9ChildBeforeParentIsDropped()
    {
        const TextTrace t = parseTrace(R"(
            span-A -      service-one op-A internal 10 30
            span-B span-A service-one op-B internal 1 5
        )");
        COMPARE_PATH(t, {"span-A", 10, 30});
    }

    // --- One tree per rule ---

    void overlappingSiblingsOfTheChosenChildAreNeverOnThePath()
    {
        // b ends last; a overlaps b's start, so it does not qualify on the way back (it must have
        // ended strictly before b started); c ended before b started and does.
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            c r svc c client 5 20
            a r svc a client 25 60
            b r svc b client 40 90
        )");
        COMPARE_PATH(t, {"r", 90, 100}, {"b", 40, 90}, {"r", 20, 40}, {"c", 5, 20}, {"r", 0, 5});
    }

    void childEndingAfterItsParentIsCutAtTheParentsEnd()
    {
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            a r svc a client 50 150
            g a svc g internal 60 140
        )");
        // a is cut to [50, 100]; g (inside a originally) is cut to [60, 100].
        COMPARE_PATH(t, {"g", 60, 100}, {"a", 50, 60}, {"r", 0, 50});
    }

    void childStartingBeforeItsParentIsMovedToTheParentsStart()
    {
        const TextTrace t = parseTrace(R"(
            a r svc a client -20 40
            r - svc root server 0 100
        )");
        COMPARE_PATH(t, {"r", 40, 100}, {"a", 0, 40});
    }

    void consumerUnderProducerDoesNotBlock()
    {
        // The consumer runs longer than its producer; a plain child of the producer would be cut
        // at the producer's end and take its time.
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            p r svc publish producer 10 30
            k p worker consume consumer 20 200
            x k worker work internal 25 190
        )");
        COMPARE_PATH(t, {"r", 30, 100}, {"p", 10, 30}, {"r", 0, 10});

        // A consumer under a non-producer parent blocks as usual.
        const TextTrace u = parseTrace(R"(
            r - svc root server 0 100
            k r worker consume consumer 20 60
        )");
        COMPARE_PATH(u, {"r", 60, 100}, {"k", 20, 60}, {"r", 0, 20});
    }

    void tiesGoToTheEarliestStartingChild()
    {
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            late  r svc late client 30 80
            early r svc early client 10 80
        )");
        COMPARE_PATH(t, {"r", 80, 100}, {"early", 10, 80}, {"r", 0, 10});

        // Same start and end: the first in file order.
        const TextTrace u = parseTrace(R"(
            r - svc root server 0 100
            first  r svc a client 10 80
            second r svc b client 10 80
        )");
        COMPARE_PATH(u, {"r", 80, 100}, {"first", 10, 80}, {"r", 0, 10});
    }

    void childEndingExactlyAtTheBoundDoesNotQualify()
    {
        // a ends at 50, exactly where b starts: only children ending strictly before qualify.
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            a r svc a client 20 50
            b r svc b client 50 90
        )");
        COMPARE_PATH(t, {"r", 90, 100}, {"b", 50, 90}, {"r", 0, 50});
    }

    void zeroLengthSectionsAreLeftOut()
    {
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            a r svc a client 0 100
        )");
        COMPARE_PATH(t, {"a", 0, 100});
    }

    void orphanSubtreesGetTheirOwnPath()
    {
        // Jaeger drops the orphan's subtree; we walk it as its own root, after the true root.
        const TextTrace t = parseTrace(R"(
            r - svc root server 0 100
            a r svc a client 10 40
            o missing other orphan server 50 90
            p o other child client 60 70
        )");
        const SpanTree tree = buildSpanTree(t.data);
        QCOMPARE(tree.orphanCount, 1u);
        const CriticalPath path = computeCriticalPath(t.data, tree, effectiveTimes(t.data, tree));
        COMPARE_PATH(t, {"r", 40, 100}, {"a", 10, 40}, {"r", 0, 10}, {"o", 70, 90}, {"p", 60, 70},
                     {"o", 50, 60});
        QCOMPARE(path.rootBegin, (std::vector<uint32_t>{0, 3, 6}));
        const std::vector<CriticalPathSection> forward = path.chronological();
        QCOMPARE(forward.front(), (CriticalPathSection{t["r"], 0, 10}));
        QCOMPARE(forward[2], (CriticalPathSection{t["r"], 40, 100}));
        QCOMPARE(forward[3], (CriticalPathSection{t["o"], 50, 60}));
        QCOMPARE(path.timeOnPath[t["r"]], 70);
        QCOMPARE(path.timeOnPath[t["o"]], 30);
        QVERIFY(path.isOnPath(t["a"]));
    }

    void brokenCyclesBecomeRootsWithAPath()
    {
        // a and b name each other as parent: the cycle is broken at one of them, which becomes a
        // root; the other stays its child. Both are then on a path.
        const TextTrace t = parseTrace(R"(
            a b svc a server 0 100
            b a svc b client 10 50
        )");
        const SpanTree tree = buildSpanTree(t.data);
        QCOMPARE(tree.roots.size(), size_t(1));
        QCOMPARE(tree.warnings.size(), size_t(1));
        const CriticalPath path = computeCriticalPath(t.data, tree, effectiveTimes(t.data, tree));
        QVERIFY(path.isOnPath(t["a"]) || path.isOnPath(t["b"]));
        int64_t total = 0;
        for (const CriticalPathSection& s : path.sections)
            total += s.end - s.start;
        QCOMPARE(total, 100); // the path covers the root exactly once

        const TextTrace self = parseTrace("a a svc a server 0 100\n");
        COMPARE_PATH(self, {"a", 0, 100});
    }

    void pathCoversEachRootsDurationExactly()
    {
        // Sections of a root never overlap and tile [root start, root end] minus the gaps the
        // clipping removed: here every child is inside, so the tiling is complete.
        const TextTrace t = parseTrace(R"(
            r - s r server 0 1000
            a r s a client 100 400
            b r s b client 300 700
            c b s c internal 350 650
            d c s d internal 360 640
            e r s e client 710 990
        )");
        const std::vector<CriticalPathSection> sections = pathOf(t.data);
        int64_t total = 0;
        for (const CriticalPathSection& s : sections) {
            QVERIFY(s.start < s.end);
            total += s.end - s.start;
        }
        QCOMPARE(total, 1000);
        COMPARE_PATH(t, {"r", 990, 1000}, {"e", 710, 990}, {"r", 700, 710}, {"b", 650, 700}, {"c", 640, 650},
                     {"d", 360, 640}, {"c", 350, 360}, {"b", 300, 350}, {"r", 0, 300});
    }

    void emptyTrace()
    {
        const TraceData empty;
        const SpanTree tree = buildSpanTree(empty);
        const CriticalPath path = computeCriticalPath(empty, tree, effectiveTimes(empty, tree));
        QVERIFY(path.sections.empty());
        QVERIFY(path.chronological().empty());
    }

    // --- Scale: Jaeger's recursion fails at about ten thousand levels ---

    void millionSpanChain()
    {
        const uint32_t n = 1'000'000;
        TraceData data;
        data.resize(n);
        data.strings.add("svc");
        data.resources.push_back(TraceResource{});
        for (uint32_t i = 0; i < n; ++i) {
            // Nested: span i is [i, 2n - i], the child of span i - 1.
            data.startNs[i] = i;
            data.endNs[i] = 2 * int64_t(n) - i;
            data.spanId[i] = i + 1;
            data.parentSpanId[i] = i; // 0 for the root
            data.service[i] = 1;
            data.kind[i] = SpanKind::Internal;
        }
        const SpanTree tree = buildSpanTree(data);
        QCOMPARE(tree.maxDepth, n - 1);
        const CriticalPath path = computeCriticalPath(data, tree, effectiveTimes(data, tree));
        // Down the chain one section per span at its end, the deepest span whole, then back up
        // one section per span at its start.
        QCOMPARE(path.sections.size(), size_t(2 * n - 1));
        QCOMPARE(path.sections.front(), (CriticalPathSection{0, 2 * int64_t(n) - 1, 2 * int64_t(n)}));
        QCOMPARE(path.sections[n - 1], (CriticalPathSection{n - 1, n - 1, n + 1}));
        QCOMPARE(path.sections.back(), (CriticalPathSection{0, 0, 1}));
        for (uint32_t i = 0; i + 1 < n; ++i)
            QCOMPARE(path.timeOnPath[i], 2);
    }

    void millionSpanFanOut()
    {
        // One root with a million sequential children separated by gaps: the walk returns to the
        // root a million times (Jaeger rescans all children each time: quadratic).
        const uint32_t children = 1'000'000;
        TraceData data;
        data.resize(children + 1);
        data.strings.add("svc");
        data.resources.push_back(TraceResource{});
        data.startNs[0] = 0;
        data.endNs[0] = 2 * int64_t(children) + 2;
        data.spanId[0] = 1;
        for (uint32_t i = 1; i <= children; ++i) {
            data.startNs[i] = 2 * int64_t(i);
            data.endNs[i] = 2 * int64_t(i) + 1;
            data.spanId[i] = i + 1;
            data.parentSpanId[i] = 1;
        }
        const SpanTree tree = buildSpanTree(data);
        QCOMPARE(tree.childCount(0), children);
        const CriticalPath path = computeCriticalPath(data, tree, effectiveTimes(data, tree));
        QCOMPARE(path.sections.size(), size_t(2 * children + 1));
        QCOMPARE(path.sections[0],
                 (CriticalPathSection{0, 2 * int64_t(children) + 1, 2 * int64_t(children) + 2}));
        QCOMPARE(path.sections[1],
                 (CriticalPathSection{children, 2 * int64_t(children), 2 * int64_t(children) + 1}));
        QCOMPARE(path.sections.back(), (CriticalPathSection{0, 0, 2}));
        QCOMPARE(path.timeOnPath[0], int64_t(children) + 2);

        // Parallel children: only the longest one is on the path.
        for (uint32_t i = 1; i <= children; ++i) {
            data.startNs[i] = 1;
            data.endNs[i] = 1 + int64_t(i);
        }
        const SpanTree wide = buildSpanTree(data);
        const CriticalPath parallel = computeCriticalPath(data, wide, effectiveTimes(data, wide));
        QCOMPARE(parallel.sections.size(), size_t(3));
        QCOMPARE(parallel.sections[1], (CriticalPathSection{children, 1, 1 + int64_t(children)}));
    }
};

QTEST_GUILESS_MAIN(CriticalPathTest)
#include "tst_criticalpath.moc"
