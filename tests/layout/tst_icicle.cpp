// SPDX-License-Identifier: MIT
// The aggregated icicle: spans merged by their (service, operation) path, with totals and self times.
#include "TraceText.h"
#include "layout/Icicle.h"
#include "layout/SelfTime.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

Icicle icicleOf(const TraceData& data)
{
    const SpanTree tree = buildSpanTree(data);
    const SpanTimes times = effectiveTimes(data, tree);
    return buildIcicle(data, tree, times, computeSelfTimes(tree, times));
}

} // namespace

class IcicleTest : public QObject
{
    Q_OBJECT

private slots:
    void totalsAndSelfTimesByPath()
    {
        // api/db is called twice from the root: one node, count 2. back/db is the same operation
        // name in another service and path: a node of its own.
        const TextTrace t = parseTrace(R"(
            r  - api  GET    server 0 1000
            a1 r api  db     client 100 200
            a2 r api  db     client 300 500
            b  r api  call   client 600 900
            s  b back handle server 610 890
            x  s back db     client 620 700
        )");
        const Icicle icicle = icicleOf(t.data);
        QCOMPARE(icicle.nodes.size(), size_t(5));
        QCOMPARE(icicle.roots.size(), size_t(1));
        QCOMPARE(icicle.maxDepth, 3u);
        QCOMPARE(icicle.nodeOfSpan[t["a1"]], icicle.nodeOfSpan[t["a2"]]);

        const IcicleNode& root = icicle.nodes[icicle.nodeOfSpan[t["r"]]];
        QCOMPARE(root.count, 1u);
        QCOMPARE(root.total, 1000);
        QCOMPARE(root.self, 1000 - 100 - 200 - 300);
        const IcicleNode& db = icicle.nodes[icicle.nodeOfSpan[t["a1"]]];
        QCOMPARE(db.count, 2u);
        QCOMPARE(db.total, 300);
        QCOMPARE(db.self, 300);
        QCOMPARE(t.data.strings.at(db.service), std::string_view("api"));
        QCOMPARE(t.data.strings.at(db.name), std::string_view("db"));
        const IcicleNode& handle = icicle.nodes[icicle.nodeOfSpan[t["s"]]];
        QCOMPARE(handle.total, 280);
        QCOMPARE(handle.self, 200);
        QCOMPARE(handle.depth, 2u);
        const IcicleNode& backDb = icicle.nodes[icicle.nodeOfSpan[t["x"]]];
        QCOMPARE(backDb.self, 80);
        QCOMPARE(backDb.parent, icicle.nodeOfSpan[t["s"]]);

        // Placement: children side by side from their parent's left edge, in ns units.
        QCOMPARE(icicle.width, 1000.0);
        QCOMPARE(db.offset, 0.0);
        QCOMPARE(db.width, 300.0);
        const IcicleNode& call = icicle.nodes[icicle.nodeOfSpan[t["b"]]];
        QCOMPARE(call.offset, 300.0);
        QCOMPARE(handle.offset, 300.0);
        QCOMPARE(handle.width, 280.0);
        // Children of a node: in order of first appearance.
        QCOMPARE(icicle.childOffset[icicle.nodeOfSpan[t["r"]] + 1] -
                     icicle.childOffset[icicle.nodeOfSpan[t["r"]]],
                 2u);
    }

    void parallelChildrenAreSqueezedIntoTheirParent()
    {
        const TextTrace t = parseTrace(R"(
            r  - s r server 0 100
            c1 r s a client 0 100
            c2 r s b client 0 100
            o  gone s other server 200 240
        )");
        const Icicle icicle = icicleOf(t.data);
        const IcicleNode& a = icicle.nodes[icicle.nodeOfSpan[t["c1"]]];
        const IcicleNode& b = icicle.nodes[icicle.nodeOfSpan[t["c2"]]];
        QCOMPARE(a.width, 50.0);
        QCOMPARE(b.offset, 50.0);
        QCOMPARE(b.total, 100); // the total itself is not scaled
        // The orphan root is a second root, placed after the first.
        QCOMPARE(icicle.roots.size(), size_t(2));
        QCOMPARE(icicle.nodes[icicle.roots[1]].offset, 100.0);
        QCOMPARE(icicle.width, 140.0);
    }

    void manyDistinctChildren()
    {
        // 50 distinct operations under one parent, each called twice (past the linear-scan limit).
        std::string text = "r - s r server 0 10000\n";
        for (int round = 0; round < 2; ++round) {
            for (int op = 0; op < 50; ++op) {
                const int start = round * 5000 + op * 100;
                text += "c" + std::to_string(round) + "_" + std::to_string(op) + " r s op" +
                        std::to_string(op) + " client " + std::to_string(start) + " " +
                        std::to_string(start + 10) + "\n";
            }
        }
        const TextTrace t = parseTrace(text);
        const Icicle icicle = icicleOf(t.data);
        QCOMPARE(icicle.nodes.size(), size_t(51));
        for (int op = 0; op < 50; ++op) {
            const uint32_t node = icicle.nodeOfSpan[t["c0_" + std::to_string(op)]];
            QCOMPARE(icicle.nodeOfSpan[t["c1_" + std::to_string(op)]], node);
            QCOMPARE(icicle.nodes[node].count, 2u);
            QCOMPARE(icicle.nodes[node].total, 20);
        }
        QCOMPARE(icicle.nodes[icicle.roots[0]].self, 10000 - 1000);
    }

    void rootsWithTheSamePathAreOneNode()
    {
        const TextTrace t = parseTrace(R"(
            r  - s r server 0 100
            o  gone s r server 200 240
        )");
        const Icicle icicle = icicleOf(t.data);
        QCOMPARE(icicle.roots.size(), size_t(1));
        QCOMPARE(icicle.nodes[icicle.roots[0]].count, 2u);
        QCOMPARE(icicle.nodes[icicle.roots[0]].total, 140);
        QCOMPARE(icicle.nodes[icicle.roots[0]].self, 140);
    }
};

QTEST_GUILESS_MAIN(IcicleTest)
#include "tst_icicle.moc"
