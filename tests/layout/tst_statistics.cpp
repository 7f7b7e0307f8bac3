// SPDX-License-Identifier: MIT
// Trace statistics: Jaeger's columns on a trace computed by hand.
#include "TraceText.h"
#include "layout/SelfTime.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"
#include "layout/Statistics.h"

#include <QTest>
#include <cmath>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

// The trace, times in ns (trace duration 1000):
//
//   r  [0, 1000]    api  GET /checkout   children a, b cover [100, 300] + [400, 900] = 700 -> self 300
//   a  [100, 300]   api  auth            child a2 covers 160                              -> self  40
//   a2 [120, 280]   auth verify          leaf                                             -> self 160
//   b  [400, 900]   api  cart            child b2 covers 460                              -> self  40
//   b2 [420, 880]   cart load            children c, d cover [500, 800] = 300             -> self 160
//   c  [500, 600]   cart db  (db.system=postgres)                                         -> self 100
//   d  [550, 800]   cart db  (db.system=postgres)                                         -> self 250
//
// By service:
//   api:  r, a, b    count 3, total 1000+200+500 = 1700, avg 566.67, min 200, max 1000,
//                    self total 300+40+40 = 380, self avg 126.67, self min 40, self max 300, 38 %
//   auth: a2         count 1, total 160, avg 160, min 160, max 160, self 160/160/160/160, 16 %
//   cart: b2, c, d   count 3, total 460+100+250 = 810, avg 270, min 100, max 460,
//                    self total 160+100+250 = 510, self avg 170, self min 100, self max 250, 51 %
// (The percentages add up to 105 %: c and d run in parallel. Jaeger's number does the same.)
const char* kTrace = R"(
    r  -  api  GET/checkout server 0 1000
    a  r  api  auth   client 100 300
    a2 a  auth verify server 120 280
    b  r  api  cart   client 400 900
    b2 b  cart load   server 420 880
    c  b2 cart db     client 500 600
    d  b2 cart db     client 550 800 error
)";

struct Fixture
{
    TextTrace t = parseTrace(kTrace);
    SpanTree tree = buildSpanTree(t.data);
    SpanTimes times = effectiveTimes(t.data, tree);
    std::vector<int64_t> self = computeSelfTimes(tree, times);
    AttributeColumn dbSystem;

    Fixture()
    {
        dbSystem.value.assign(t.data.size(), AttributeColumn::kMissing);
        dbSystem.set(t["c"], "postgres");
        dbSystem.set(t["d"], "postgres");
        dbSystem.set(t["a"], ""); // an empty value counts as none, as in Jaeger
    }
};

void checkRow(const StatisticsRow& row, const char* name, uint32_t count, int64_t total, double avg,
              int64_t min, int64_t max, int64_t selfTotal, double selfAvg, int64_t selfMin, int64_t selfMax,
              double percent)
{
    QCOMPARE(row.name, std::string(name));
    QCOMPARE(row.count, count);
    QCOMPARE(row.total, total);
    QVERIFY2(std::abs(row.avg - avg) < 0.01, qPrintable(QString::number(row.avg)));
    QCOMPARE(row.min, min);
    QCOMPARE(row.max, max);
    QCOMPARE(row.selfTotal, selfTotal);
    QVERIFY2(std::abs(row.selfAvg - selfAvg) < 0.01, qPrintable(QString::number(row.selfAvg)));
    QCOMPARE(row.selfMin, selfMin);
    QCOMPARE(row.selfMax, selfMax);
    QVERIFY2(std::abs(row.selfPercent - percent) < 1e-9, qPrintable(QString::number(row.selfPercent)));
}

} // namespace

class StatisticsTest : public QObject
{
    Q_OBJECT

private slots:
    void selfTimesOfTheHandComputedTrace()
    {
        const Fixture f;
        for (const auto& [name, self] : std::vector<std::pair<const char*, int64_t>>{
                 {"r", 300}, {"a", 40}, {"a2", 160}, {"b", 40}, {"b2", 160}, {"c", 100}, {"d", 250}})
            QCOMPARE(f.self[f.t[name]], self);
    }

    void byService()
    {
        const Fixture f;
        const TraceStatistics stats =
            computeStatistics(f.t.data, f.tree, f.times, f.self, StatisticsKey::service());
        QCOMPARE(stats.traceDuration, 1000);
        QCOMPARE(stats.rows.size(), size_t(3));
        checkRow(stats.rows[0], "api", 3, 1700, 1700.0 / 3, 200, 1000, 380, 380.0 / 3, 40, 300, 38.0);
        checkRow(stats.rows[1], "auth", 1, 160, 160, 160, 160, 160, 160, 160, 160, 16.0);
        checkRow(stats.rows[2], "cart", 3, 810, 270, 100, 460, 510, 170, 100, 250, 51.0);
        QVERIFY(stats.rows[0].hasValue);
        QVERIFY(stats.rows[0].subRows.empty());
    }

    void byOperation()
    {
        const Fixture f;
        const TraceStatistics stats =
            computeStatistics(f.t.data, f.tree, f.times, f.self, StatisticsKey::operation());
        QCOMPARE(stats.rows.size(), size_t(6));
        checkRow(stats.rows[0], "GET/checkout", 1, 1000, 1000, 1000, 1000, 300, 300, 300, 300, 30.0);
        // db: c and d, 100 + 250.
        checkRow(stats.rows[5], "db", 2, 350, 175, 100, 250, 350, 175, 100, 250, 35.0);
    }

    void byAttributeWithAWithoutRow()
    {
        const Fixture f;
        const StatisticsKey key = StatisticsKey::byAttribute("db.system", f.dbSystem);
        const TraceStatistics stats = computeStatistics(f.t.data, f.tree, f.times, f.self, key);
        QCOMPARE(stats.rows.size(), size_t(2));
        checkRow(stats.rows[0], "postgres", 2, 350, 175, 100, 250, 350, 175, 100, 250, 35.0);
        // r, a, a2, b, b2: total 1000+200+160+500+460 = 2320, self 300+40+160+40+160 = 700.
        checkRow(stats.rows[1], "without db.system", 5, 2320, 464, 160, 1000, 700, 140, 40, 300, 70.0);
        QVERIFY(!stats.rows[1].hasValue);
    }

    void subGroups()
    {
        const Fixture f;
        const StatisticsKey operation = StatisticsKey::operation();
        const TraceStatistics stats =
            computeStatistics(f.t.data, f.tree, f.times, f.self, StatisticsKey::service(), &operation);
        QCOMPARE(stats.rows[0].subRows.size(), size_t(3)); // api: GET/checkout, auth, cart
        checkRow(stats.rows[0].subRows[1], "auth", 1, 200, 200, 200, 200, 40, 40, 40, 40, 4.0);
        QCOMPARE(stats.rows[2].subRows.size(), size_t(2)); // cart: load, db
        checkRow(stats.rows[2].subRows[1], "db", 2, 350, 175, 100, 250, 350, 175, 100, 250, 35.0);

        // By an attribute: spans without it come last within their group.
        const StatisticsKey db = StatisticsKey::byAttribute("db.system", f.dbSystem);
        const TraceStatistics byDb =
            computeStatistics(f.t.data, f.tree, f.times, f.self, StatisticsKey::service(), &db);
        QCOMPARE(byDb.rows[2].subRows.size(), size_t(2));
        checkRow(byDb.rows[2].subRows[0], "postgres", 2, 350, 175, 100, 250, 350, 175, 100, 250, 35.0);
        checkRow(byDb.rows[2].subRows[1], "without db.system", 1, 460, 460, 460, 460, 160, 160, 160, 160,
                 16.0);
        QCOMPARE(byDb.rows[0].subRows.size(), size_t(1));
        QCOMPARE(byDb.rows[0].subRows[0].count, 3u);
    }

    void zeroDurationTrace()
    {
        const TextTrace t = parseTrace("r - s r server 5 5\n");
        const SpanTree tree = buildSpanTree(t.data);
        const SpanTimes times = effectiveTimes(t.data, tree);
        const TraceStatistics stats =
            computeStatistics(t.data, tree, times, computeSelfTimes(tree, times), StatisticsKey::service());
        QCOMPARE(stats.rows[0].selfPercent, 0.0);
    }
};

QTEST_GUILESS_MAIN(StatisticsTest)
#include "tst_statistics.moc"
