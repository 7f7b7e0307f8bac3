// SPDX-License-Identifier: MIT
// The service dependency graph (docs/ANALYSIS.md) and its Graphviz layout.
#include "TraceText.h"
#include "layout/GraphvizLayout.h"
#include "layout/ServiceGraph.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"

#include <QTest>
#include <cmath>
#include <thread>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

// front calls back five times (durations 10, 20, 30, 40, 100; the 40 one fails), back calls
// itself (no edge) and a database known only by peer.service; front's call to the cache has no
// child span either.
const char* kTrace = R"(
    r  -  front r    server 0 1000
    c1 r  front call client 10 30
    s1 c1 back  h    server 11 21
    c2 r  front call client 40 70
    s2 c2 back  h    server 41 61
    c3 r  front call client 80 120
    s3 c3 back  h    server 81 111
    c4 r  front call client 130 180
    s4 c4 back  h    server 131 171 status=error
    c5 r  front call client 200 320
    s5 c5 back  h    server 201 301
    i5 s5 back  work internal 210 290
    q5 i5 back  query client 220 280 error
    k  r  front get  client 400 410
)";

struct Built
{
    TextTrace t = parseTrace(kTrace);
    SpanTree tree = buildSpanTree(t.data);
    SpanTimes times = effectiveTimes(t.data, tree);
    AttributeColumn peers;

    Built()
    {
        peers.value.assign(t.data.size(), AttributeColumn::kMissing);
        peers.set(t["q5"], "postgres");
        peers.set(t["k"], "redis");
        peers.set(t["c1"], "back"); // has a child in back already: no second call
    }
    ServiceGraph graph() const { return buildServiceGraph(t.data, tree, times, &peers); }
};

} // namespace

class ServiceGraphTest : public QObject
{
    Q_OBJECT

private slots:
    void percentiles()
    {
        QCOMPARE(nearestRankPercentile({}, 50), 0);
        QCOMPARE(nearestRankPercentile({7}, 95), 7);
        QCOMPARE(nearestRankPercentile({10, 20, 30, 40, 100}, 50), 30);  // rank ceil(2.5) = 3
        QCOMPARE(nearestRankPercentile({10, 20, 30, 40, 100}, 95), 100); // rank ceil(4.75) = 5
        std::vector<int64_t> hundred;
        for (int i = 1; i <= 100; ++i)
            hundred.push_back(i);
        QCOMPARE(nearestRankPercentile(hundred, 95), 95);
        QCOMPARE(nearestRankPercentile(hundred, 100), 100);
    }

    void nodesAndEdges()
    {
        const Built b;
        const ServiceGraph graph = b.graph();
        QCOMPARE(graph.nodes.size(), size_t(4)); // front, back, postgres, redis
        QCOMPARE(graph.nodes[0].name, std::string("front"));
        QCOMPARE(graph.nodes[0].spanCount, 7u);
        QCOMPARE(graph.nodes[1].spanCount, 7u);
        QCOMPARE(graph.nodes[1].errorCount, 2u);
        QVERIFY(!graph.nodes[1].peerOnly());
        QVERIFY(graph.nodes[graph.nodeIndex("postgres")].peerOnly());

        QCOMPARE(graph.edges.size(), size_t(3));
        const ServiceGraphEdge* calls = graph.edge("front", "back");
        QVERIFY(calls);
        QCOMPARE(calls->calls, 5u);
        QCOMPARE(calls->errors, 1u);
        QCOMPARE(calls->p50, 30);
        QCOMPARE(calls->p95, 100);
        QCOMPARE(calls->max, 100);
        QVERIFY(!graph.edge("back", "back"));

        const ServiceGraphEdge* db = graph.edge("back", "postgres");
        QVERIFY(db);
        QCOMPARE(db->calls, 1u);
        QCOMPARE(db->errors, 1u);
        QCOMPARE(db->max, 60);
        const ServiceGraphEdge* cache = graph.edge("front", "redis");
        QVERIFY(cache);
        QCOMPARE(cache->p50, 10);

        // Without the peer column, only parent/child edges.
        QCOMPARE(buildServiceGraph(b.t.data, b.tree, b.times).edges.size(), size_t(1));
    }

    void mergeAcrossTraces()
    {
        const Built b;
        ServiceGraph all;
        mergeServiceGraph(all, b.graph());
        mergeServiceGraph(all, b.graph());
        const TextTrace other = parseTrace(R"(
            x - back h server 0 500
            y x mail send client 10 20
        )");
        const SpanTree tree = buildSpanTree(other.data);
        mergeServiceGraph(all, buildServiceGraph(other.data, tree, effectiveTimes(other.data, tree)));
        QCOMPARE(all.traceCount, 3u);
        QCOMPARE(all.nodes.size(), size_t(5));
        QCOMPARE(all.nodes[1].spanCount, 15u);
        const ServiceGraphEdge* calls = all.edge("front", "back");
        QCOMPARE(calls->calls, 10u);
        QCOMPARE(calls->errors, 2u);
        QCOMPARE(calls->durations, (std::vector<int64_t>{10, 10, 20, 20, 30, 30, 40, 40, 100, 100}));
        QCOMPARE(calls->p50, 30);
        QCOMPARE(calls->p95, 100);
        QVERIFY(all.edge("back", "mail"));
    }

    void graphvizLayoutGivesSeparateBoxes()
    {
        const Built b;
        ServiceGraph graph = b.graph();
        const TextTrace other = parseTrace(R"(
            x - back h server 0 500
            y x mail send client 10 20
            z x front cb client 30 40
        )");
        const SpanTree tree = buildSpanTree(other.data);
        mergeServiceGraph(graph, buildServiceGraph(other.data, tree, effectiveTimes(other.data, tree)));
        const GraphLayoutInput input = graphLayoutInput(graph);
        const GraphLayout layout = layoutGraph(input);
        QVERIFY2(layout.error.empty(), layout.error.c_str());
        QCOMPARE(layout.nodes.size(), graph.nodes.size());
        QCOMPARE(layout.edges.size(), graph.edges.size());
        QVERIFY(layout.width > 0 && layout.height > 0);
        for (size_t i = 0; i < layout.nodes.size(); ++i) {
            const GraphLayout::Node& a = layout.nodes[i];
            QVERIFY(std::isfinite(a.x) && std::isfinite(a.y));
            QVERIFY(std::abs(a.width - input.nodes[i].width) < 1);
            QVERIFY(a.x - a.width / 2 >= -0.5 && a.x + a.width / 2 <= layout.width + 0.5);
            QVERIFY(a.y - a.height / 2 >= -0.5 && a.y + a.height / 2 <= layout.height + 0.5);
            for (size_t j = i + 1; j < layout.nodes.size(); ++j) {
                const GraphLayout::Node& c = layout.nodes[j];
                const bool apart = std::abs(a.x - c.x) >= (a.width + c.width) / 2 ||
                                   std::abs(a.y - c.y) >= (a.height + c.height) / 2;
                QVERIFY2(apart, qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(i).arg(j)));
            }
        }
        for (const GraphLayout::Edge& edge : layout.edges) {
            QVERIFY(edge.points.size() >= 4);
            QCOMPARE((edge.points.size() - 1) % 3, size_t(0));
            for (const GraphPoint& p : edge.points)
                QVERIFY(std::isfinite(p.x) && std::isfinite(p.y));
        }
        // Left to right: a caller lies left of its callee (front -> back).
        QVERIFY(layout.nodes[0].x < layout.nodes[1].x);
    }

    void graphvizFromSeveralThreads()
    {
        const Built b;
        const GraphLayoutInput input = graphLayoutInput(b.graph());
        std::vector<GraphLayout> results(4);
        std::vector<std::thread> threads;
        for (size_t i = 0; i < results.size(); ++i)
            threads.emplace_back([&, i] { results[i] = layoutGraph(input); });
        for (std::thread& thread : threads)
            thread.join();
        for (const GraphLayout& layout : results) {
            QVERIFY(layout.error.empty());
            QCOMPARE(layout.nodes.size(), input.nodes.size());
            QCOMPARE(layout.nodes[2].x, results[0].nodes[2].x);
        }
        QVERIFY(layoutGraph(GraphLayoutInput{}).nodes.empty());
    }
};

QTEST_GUILESS_MAIN(ServiceGraphTest)
#include "tst_servicegraph.moc"
