// SPDX-License-Identifier: MIT
// The span tree and effective times, one small tree per rule of docs/ANALYSIS.md ("Span tree"), and a
// million spans deep and wide.
#include "TraceText.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"
#include "layout/WaterfallRows.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

std::vector<std::string> namesOf(const TextTrace& t, const uint32_t* first, const uint32_t* last)
{
    std::vector<std::string> names;
    for (; first != last; ++first)
        names.push_back(t.nameOf(*first));
    return names;
}

using Names = std::vector<std::string>;

} // namespace

class SpanTreeTest : public QObject
{
    Q_OBJECT

private slots:
    void childrenAreOrderedByStartTiesInFileOrder()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            c r s c client 30 40
            a r s a client 10 20
            b1 r s b client 20 25
            b2 r s b client 20 22
        )");
        const SpanTree tree = buildSpanTree(t.data);
        QCOMPARE(namesOf(t, tree.childrenBegin(t["r"]), tree.childrenEnd(t["r"])),
                 (Names{"a", "b1", "b2", "c"}));
        QCOMPARE(namesOf(t, tree.preorder.data(), tree.preorder.data() + tree.preorder.size()),
                 (Names{"r", "a", "b1", "b2", "c"}));
        QCOMPARE(tree.depth[t["c"]], 1u);
        QCOMPARE(tree.subtreeSize[t["r"]], 5u);
        QVERIFY(!tree.isIncomplete());
    }

    void orphansAreMarkedRootsAndTheTraceIsIncomplete()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            o1 gone s o1 server 10 20
            o2 gone s o2 server 30 40
            x o1 s x internal 12 18
        )");
        const SpanTree tree = buildSpanTree(t.data);
        QCOMPARE(tree.orphanCount, 2u);
        QVERIFY(tree.isIncomplete());
        QCOMPARE(namesOf(t, tree.roots.data(), tree.roots.data() + tree.roots.size()),
                 (Names{"r", "o1", "o2"}));
        QVERIFY(tree.flags[t["o1"]] & TreeFlag::Orphan);
        QVERIFY(!(tree.flags[t["x"]] & TreeFlag::Orphan));
        QCOMPARE(tree.parent[t["x"]], t["o1"]);
    }

    void cyclesAndSelfParentsAreBrokenWithAWarning()
    {
        const TextTrace t = parseTrace(R"(
            a c s a server 0 100
            b a s b server 10 90
            c b s c server 20 80
            self self s self server 5 6
        )");
        const SpanTree tree = buildSpanTree(t.data);
        QCOMPARE(tree.roots.size(), size_t(2)); // one span of the cycle, and the self-parent
        QCOMPARE(tree.warnings.size(), size_t(2));
        QVERIFY(tree.flags[t["self"]] & TreeFlag::CycleBroken);
        int broken = 0;
        for (const char* name : {"a", "b", "c"})
            broken += (tree.flags[t[name]] & TreeFlag::CycleBroken) ? 1 : 0;
        QCOMPARE(broken, 1);
        QCOMPARE(tree.preorder.size(), size_t(4)); // every span still shown
        for (const TreeWarning& warning : tree.warnings)
            QVERIFY(!describeTreeWarning(t.data, warning).empty());
    }

    void duplicatesAreKept()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            d r s first internal 10 20
            d r s second internal 30 40
        )");
        const SpanTree tree = buildSpanTree(t.data);
        QCOMPARE(tree.preorder.size(), size_t(3));
        QCOMPARE(tree.childCount(t["r"]), 2u);
        QCOMPARE(tree.warnings.size(), size_t(1));
        QCOMPARE(tree.warnings[0].kind, TreeWarning::Kind::DuplicateId);
        QCOMPARE(tree.warnings[0].count, 2u);
    }

    void zipkinSharedHalvesBecomeClientAndServer()
    {
        const TextTrace t = parseTrace(R"(
            r - front r server 0 100
            x r front call client 10 90
            x r back call server 12 88
            y x back db client 20 30
        )");
        const SpanTree tree = buildSpanTree(t.data);
        const uint32_t server = t.data.kind[2] == SpanKind::Server ? 2 : 1;
        QCOMPARE(tree.parent[server], t["x"]);
        QVERIFY(tree.flags[server] & TreeFlag::SharedServer);
        QCOMPARE(tree.parent[t["y"]], server); // children of a shared id run on the server
    }

    void missingTimes()
    {
        // No start: the parent's start (Jaeger's rule), marked. End before start or no end:
        // duration 0, marked.
        const TextTrace t = parseTrace(R"(
            r - s r server 100 200
            a r s a internal ? 150
            b r s b internal 160 140
            c r s c internal 170 ?
        )");
        const SpanTree tree = buildSpanTree(t.data);
        const SpanTimes times = effectiveTimes(t.data, tree);
        QCOMPARE(times.start[t["a"]], 100);
        QVERIFY(times.flags[t["a"]] & TimeFlag::InheritedStart);
        QCOMPARE(times.duration(t["b"]), 0);
        QVERIFY(times.flags[t["b"]] & TimeFlag::ZeroDuration);
        QCOMPARE(times.duration(t["c"]), 0);
        QVERIFY(times.flags[t["c"]] & TimeFlag::ZeroDuration);
        QCOMPARE(times.traceStart, 100);
        QCOMPARE(times.traceEnd, 200);
    }

    void aStartOfZeroIsATime()
    {
        // Missing is the importer's flag, never the value 0 (the epoch): a root at 0 keeps it, and
        // a span without a start inherits 0 from it.
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            a r s a internal ? 40
            b r s b internal 20 60
        )");
        const SpanTree tree = buildSpanTree(t.data);
        const SpanTimes times = effectiveTimes(t.data, tree);
        QCOMPARE(times.start[t["r"]], 0);
        QCOMPARE(times.flags[t["r"]], uint8_t(0));
        QCOMPARE(times.start[t["a"]], 0);
        QVERIFY(times.flags[t["a"]] & TimeFlag::InheritedStart);
        QCOMPARE(times.end[t["a"]], 40);
        QCOMPARE(times.traceStart, 0);
        QCOMPARE(times.traceEnd, 100);
    }

    void noSpanHasAStart()
    {
        // Without any start, a root starts at the earliest known end, not at the epoch.
        const TextTrace t = parseTrace(R"(
            r - s r server ? 1700000000000000500
            a r s a internal ? 1700000000000000300
        )");
        const SpanTree tree = buildSpanTree(t.data);
        const SpanTimes times = effectiveTimes(t.data, tree);
        QCOMPARE(times.traceStart, 1700000000000000300);
        QCOMPARE(times.traceEnd, 1700000000000000500);
        QCOMPARE(times.start[t["a"]], 1700000000000000300);
    }

    void collapseStates()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            a r s a internal 10 50
            a1 a s a1 internal 11 20
            a2 a s a2 internal 21 30
            b r s b internal 60 90
            b1 b s b1 internal 61 70
        )");
        const SpanTree tree = buildSpanTree(t.data);
        CollapseState collapse(t.data.size());
        QCOMPARE(visibleRows(tree, collapse).size(), size_t(6));
        collapse.toggle(t["a"]);
        WaterfallRows rows = visibleRows(tree, collapse);
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows.rowOf(tree, t["a1"]), -1);
        QCOMPARE(rows.rowOf(tree, t["b1"]), 3);
        collapse.collapseAll(tree);
        QCOMPARE(visibleRows(tree, collapse).size(), size_t(1));
        collapse.expandSubtree(tree, t["r"]);
        QCOMPARE(visibleRows(tree, collapse).size(), size_t(6));
        collapse.collapseToDepth(tree, 1);
        QCOMPARE(visibleRows(tree, collapse).size(), size_t(3));
        collapse.reveal(tree, t["b1"]);
        rows = visibleRows(tree, collapse);
        QCOMPARE(rows.rowOf(tree, t["b1"]), 3);
    }

    void millionSpanChainAndFanOut()
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
        SpanTree tree = buildSpanTree(data);
        QCOMPARE(tree.maxDepth, n - 1);
        QCOMPARE(tree.subtreeSize[0], n);
        QCOMPARE(tree.preorder.back(), n - 1);
        CollapseState collapse(n);
        QCOMPARE(visibleRows(tree, collapse).size(), size_t(n));
        collapse.collapseToDepth(tree, 10);
        QCOMPARE(visibleRows(tree, collapse).size(), size_t(11));

        for (uint32_t i = 1; i < n; ++i)
            data.parentSpanId[i] = 1;
        tree = buildSpanTree(data);
        QCOMPARE(tree.maxDepth, 1u);
        QCOMPARE(tree.childCount(0), n - 1);
        QCOMPARE(tree.preorder[n - 1], n - 1);
    }
};

QTEST_GUILESS_MAIN(SpanTreeTest)
#include "tst_spantree.moc"
