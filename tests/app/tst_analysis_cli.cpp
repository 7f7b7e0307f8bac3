// SPDX-License-Identifier: MIT
// "spanscope critical-path" and "spanscope stats" as a user runs them: the real binary on the
// bundled sample, whose spans and times are in resources/samples/make-checkout-sample.py.
#include "CliRun.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace spanscope;

namespace {

constexpr qint64 kBaseNs = 1773480413589000000; // BASE_NS of the sample

using Run = test::CliRun;
using test::runSpanscope;

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

// The sample's span ids: span_id(index) in make-checkout-sample.py.
QString spanIdOf(int index)
{
    return QStringLiteral("%1").arg(0x5a17c0de00000000ull + quint64(index + 1) * 0x1d3f, 16, 16,
                                    QLatin1Char('0'));
}

QJsonObject rowNamed(const QJsonArray& rows, const QString& name)
{
    for (const QJsonValue& row : rows) {
        if (row.toObject().value(QStringLiteral("name")).toString() == name)
            return row.toObject();
    }
    return {};
}

} // namespace

class AnalysisCliTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cacheDir->isValid());
        m_cache = m_cacheDir->path();
    }

    void criticalPathOfTheSample()
    {
        const Run run =
            runSpanscope({QStringLiteral("critical-path"), sample(), QStringLiteral("--json")}, m_cache);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("trace_id")).toString(),
                 QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        QCOMPARE(root.value(QStringLiteral("duration_ns")).toInteger(), 412350000);
        QCOMPARE(root.value(QStringLiteral("critical_path_ns")).toInteger(), 412350000);
        QCOMPARE(root.value(QStringLiteral("incomplete")).toBool(), false);
        const QJsonArray sections = root.value(QStringLiteral("sections")).toArray();

        // Worked out by hand from the sample's table (times in µs from BASE_NS):
        //  - every child of a span starts after the previous one ended except the three inventory
        //    reservations (72.0, 72.0, 72.6 ms; ending 120.4, 135.1, 101.3 ms): only the one ending
        //    last (SKU-2210, spans 16-18) is on the path, the other two (13-15, 19-21) are not;
        //  - the walk covers the root [0, 412350] without gap or overlap, from start to end;
        //  - sections below, by (span index, start, end).
        struct Section
        {
            int span;
            qint64 startUs;
            qint64 endUs;
        };
        const Section expected[] = {
            {0, 0, 1850},         // gateway before it calls auth
            {1, 1850, 3920},      // auth client until the auth server starts
            {4, 7480, 16210},     // verify JWT signature, whole
            {10, 32880, 57660},   // postgres SELECT cart_items, whole
            {6, 70320, 72040},    // checkout server between the cart call and reservation SKU-2210
            {18, 76250, 130870},  // postgres UPDATE stock of SKU-2210, whole
            {6, 135110, 135900},  // checkout server between the reservation and compute totals
            {22, 135900, 137240}, // compute totals
            {30, 175980, 249360}, // the failing call's redis GET features: it ends before the retry
            {26, 252480, 253960}, // fraud-check between the two /score calls
            {34, 262870, 316040}, // model.predict of the retry
            {26, 320150, 328210}, // fraud-check after the retry returned
            {35, 331980, 389740}, // POST /v1/charges (to the card processor)
            {38, 403110, 404290}, // order.created publish (a PRODUCER without consumer)
            {39, 408510, 411730}, // render response
            {0, 411730, 412350},  // gateway after rendering
        };
        qint64 previousEnd = kBaseNs;
        QSet<QString> onPath;
        size_t next = 0;
        for (const QJsonValue& value : sections) {
            const QJsonObject section = value.toObject();
            const qint64 start = section.value(QStringLiteral("start_ns")).toInteger();
            const qint64 end = section.value(QStringLiteral("end_ns")).toInteger();
            QCOMPARE(start, previousEnd); // contiguous, in path order
            QVERIFY(end > start);
            QCOMPARE(section.value(QStringLiteral("duration_ns")).toInteger(), end - start);
            previousEnd = end;
            const QString span = section.value(QStringLiteral("span_id")).toString();
            onPath.insert(span);
            if (next < std::size(expected) && span == spanIdOf(expected[next].span) &&
                start == kBaseNs + expected[next].startUs * 1000) {
                QCOMPARE(end, kBaseNs + expected[next].endUs * 1000);
                ++next;
            }
            QVERIFY(!section.value(QStringLiteral("service")).toString().isEmpty());
            QCOMPARE(section.value(QStringLiteral("root_span_id")).toString(), spanIdOf(0));
        }
        QCOMPARE(previousEnd, kBaseNs + 412350000);
        QVERIFY2(
            next == std::size(expected),
            qPrintable(QStringLiteral("section %1 of the hand-checked list not found in order").arg(next)));
        for (const int off : {13, 14, 15, 19, 20, 21})
            QVERIFY2(!onPath.contains(spanIdOf(off)), qPrintable(spanIdOf(off)));
        QCOMPARE(onPath.size(), 34);
        QCOMPARE(sections.size(), 67);

        const QJsonObject first = sections.first().toObject();
        QCOMPARE(first.value(QStringLiteral("service")).toString(), QStringLiteral("api-gateway"));
        QCOMPARE(first.value(QStringLiteral("operation")).toString(), QStringLiteral("POST /api/checkout"));
    }

    void criticalPathAsText()
    {
        const Run run = runSpanscope({QStringLiteral("critical-path"), sample()}, m_cache);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("67 section(s)"));
        QVERIFY(run.out.contains("ml-scorer: model.predict"));
        const QByteArray line =
            spanIdOf(34).toLatin1() + QByteArray("  ") + QByteArray::number(kBaseNs + 262870000);
        QVERIFY(run.out.contains(line));
    }

    void statsByServiceOfTheSample()
    {
        const Run run = runSpanscope({QStringLiteral("stats"), sample(), QStringLiteral("--json")}, m_cache);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("group_by")).toString(), QStringLiteral("service"));
        QCOMPARE(root.value(QStringLiteral("trace_duration_ns")).toInteger(), 412350000);
        const QJsonArray rows = root.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 8);
        QCOMPARE(rows.first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("api-gateway"));
        // inventory-service, by hand: servers 44190, 58830, 24490 µs (self 4610, 4210, 4220 after
        // their UPDATE children 39580, 54620, 20270, which have no children).
        const QJsonObject inventory = rowNamed(rows, QStringLiteral("inventory-service"));
        QCOMPARE(inventory.value(QStringLiteral("count")).toInt(), 6);
        QCOMPARE(inventory.value(QStringLiteral("total_ns")).toInteger(), 241980000);
        QCOMPARE(inventory.value(QStringLiteral("avg_ns")).toDouble(), 241980000.0 / 6);
        QCOMPARE(inventory.value(QStringLiteral("min_ns")).toInteger(), 20270000);
        QCOMPARE(inventory.value(QStringLiteral("max_ns")).toInteger(), 58830000);
        QCOMPARE(inventory.value(QStringLiteral("self_total_ns")).toInteger(), 127510000);
        QCOMPARE(inventory.value(QStringLiteral("self_avg_ns")).toDouble(), 127510000.0 / 6);
        QCOMPARE(inventory.value(QStringLiteral("self_min_ns")).toInteger(), 4210000);
        QCOMPARE(inventory.value(QStringLiteral("self_max_ns")).toInteger(), 54620000);
        QVERIFY(std::abs(inventory.value(QStringLiteral("self_percent_of_trace")).toDouble() -
                         127510.0 * 100 / 412350) < 1e-9);
        QVERIFY(inventory.value(QStringLiteral("has_value")).toBool());
    }

    void statsByAttributeAndSubgroup()
    {
        const Run run = runSpanscope({QStringLiteral("stats"), sample(), QStringLiteral("--group-by"),
                                      QStringLiteral("db.system"), QStringLiteral("--subgroup-by"),
                                      QStringLiteral("service"), QStringLiteral("--json")},
                                     m_cache);
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rows =
            QJsonDocument::fromJson(run.out).object().value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 3); // redis, postgresql, without db.system
        // redis: spans 3, 9, 12, 30, 33: 2220 + 2070 + 1360 + 73380 + 4190 µs.
        const QJsonObject redis = rowNamed(rows, QStringLiteral("redis"));
        QCOMPARE(redis.value(QStringLiteral("count")).toInt(), 5);
        QCOMPARE(redis.value(QStringLiteral("total_ns")).toInteger(), 83220000);
        QCOMPARE(redis.value(QStringLiteral("subrows")).toArray().size(), 3); // auth, cart, ml-scorer
        QCOMPARE(rowNamed(rows, QStringLiteral("postgresql")).value(QStringLiteral("count")).toInt(), 7);
        const QJsonObject without = rows.last().toObject();
        QCOMPARE(without.value(QStringLiteral("name")).toString(), QStringLiteral("without db.system"));
        QCOMPARE(without.value(QStringLiteral("has_value")).toBool(), false);
        QCOMPARE(without.value(QStringLiteral("count")).toInt(), 28);

        // A resource attribute groups too: one row per host.
        const Run hosts = runSpanscope({QStringLiteral("stats"), sample(),
                                        QStringLiteral("--group-by=host.name"), QStringLiteral("--json")},
                                       m_cache);
        QCOMPARE(hosts.exitCode, 0);
        const QJsonArray hostRows =
            QJsonDocument::fromJson(hosts.out).object().value(QStringLiteral("rows")).toArray();
        QCOMPARE(hostRows.size(), 8);
        QCOMPARE(rowNamed(hostRows, QStringLiteral("gw-7c9f")).value(QStringLiteral("count")).toInt(), 4);
    }

    void statsAsText()
    {
        const Run run = runSpanscope(
            {QStringLiteral("stats"), sample(), QStringLiteral("--group-by"), QStringLiteral("operation")},
            m_cache);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("SELF TOTAL"));
        QVERIFY(run.out.contains("postgres UPDATE stock"));
    }

    void usageAndInputErrors()
    {
        QCOMPARE(runSpanscope({QStringLiteral("critical-path")}, m_cache).exitCode, 2);
        QCOMPARE(runSpanscope({QStringLiteral("stats")}, m_cache).exitCode, 2);
        QCOMPARE(
            runSpanscope({QStringLiteral("stats"), sample(), QStringLiteral("--bogus")}, m_cache).exitCode,
            2);
        QCOMPARE(
            runSpanscope({QStringLiteral("stats"), sample(), QStringLiteral("--group-by")}, m_cache).exitCode,
            2);

        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        test::writeFile(broken, "{\"resourceSpans\": [");
        const Run bad = runSpanscope({QStringLiteral("critical-path"), broken}, m_cache);
        QCOMPARE(bad.exitCode, 3);
        QVERIFY(bad.err.contains("broken.json"));
        QCOMPARE(runSpanscope({QStringLiteral("stats"), broken}, m_cache).exitCode, 3);

        const Run missing = runSpanscope(
            {QStringLiteral("critical-path"), sample(), QStringLiteral("--trace"), QStringLiteral("abcdef")},
            m_cache);
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains("abcdef"));
        const Run found =
            runSpanscope({QStringLiteral("critical-path"), sample(), QStringLiteral("--trace"),
                          QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"), QStringLiteral("--json")},
                         m_cache);
        QCOMPARE(found.exitCode, 0);
    }

    void helpListsTheCommands()
    {
        const Run help = runSpanscope({QStringLiteral("--help")}, m_cache);
        QVERIFY(help.out.contains("critical-path FILE [--trace ID] [--json]"));
        QVERIFY(help.out.contains("stats FILE [--trace ID] [--group-by service|operation|KEY]"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_cacheDir;
    QString m_cache;
};

QTEST_GUILESS_MAIN(AnalysisCliTest)
#include "tst_analysis_cli.moc"
