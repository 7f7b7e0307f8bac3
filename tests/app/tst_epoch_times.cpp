// SPDX-License-Identifier: MIT
// A time of 0 is the epoch, not "missing", end to end: Jaeger UI's own critical-path fixture shape
// (testCases/test1.js, root span C with children D and E) with the root at startTime 0, read by
// the importer and analysed by `spanscope critical-path` and `spanscope info`, as the file and
// after conversion to every format that can hold a time of 0.
#include "CliRun.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace spanscope;
using Json = nlohmann::json;

namespace {

QString fixture()
{
    return test::sourcePath(QStringLiteral("tests/data/jaeger/critical_path_epoch.json"));
}

struct Section
{
    const char* operation;
    int64_t startNs;
    int64_t endNs;
};

// Jaeger's expected sections for test1 (C 60-101, E 50-60, C 40-50, D 20-40, C 1-20), shifted
// to a root at 0 and a 100 µs duration, from start to end as the command prints them.
constexpr Section kExpected[] = {
    {"operation C", 0, 20'000},      {"operation D", 20'000, 40'000},  {"operation C", 40'000, 50'000},
    {"operation E", 50'000, 60'000}, {"operation C", 60'000, 100'000},
};

} // namespace

class EpochTimesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void criticalPathOfATraceStartingAtTheEpoch_data()
    {
        QTest::addColumn<QString>("format"); // "" = the Jaeger fixture itself
        QTest::newRow("jaeger-json file") << QString();
        for (const char* format : {"otlp-json", "otlp-proto", "jaeger-json"})
            QTest::newRow(qPrintable(QStringLiteral("converted to ") + QLatin1String(format)))
                << QString::fromLatin1(format);
    }

    void criticalPathOfATraceStartingAtTheEpoch()
    {
        QFETCH(QString, format);
        QString file = fixture();
        if (!format.isEmpty()) {
            file = m_dir.filePath(QStringLiteral("epoch-") + format);
            const test::CliRun convert =
                test::runSpanscope({QStringLiteral("convert"), fixture(), QStringLiteral("--to"), format,
                                    QStringLiteral("--out"), file},
                                   cache());
            QVERIFY2(convert.exitCode == 0, convert.err.constData());
        }

        const test::CliRun path =
            test::runSpanscope({QStringLiteral("critical-path"), file, QStringLiteral("--json")}, cache());
        QVERIFY2(path.exitCode == 0, path.err.constData());
        const Json result = Json::parse(path.out.toStdString());
        QCOMPARE(result["trace_start_ns"].get<int64_t>(), int64_t(0));
        QCOMPARE(result["duration_ns"].get<int64_t>(), int64_t(100'000));
        QCOMPARE(result["critical_path_ns"].get<int64_t>(), int64_t(100'000));
        const Json& sections = result["sections"];
        QCOMPARE(sections.size(), std::size(kExpected));
        for (size_t i = 0; i < sections.size(); ++i) {
            QCOMPARE(QString::fromStdString(sections[i]["operation"]),
                     QString::fromLatin1(kExpected[i].operation));
            QCOMPARE(sections[i]["start_ns"].get<int64_t>(), kExpected[i].startNs);
            QCOMPARE(sections[i]["end_ns"].get<int64_t>(), kExpected[i].endNs);
        }

        // The trace list says the same: 100 µs, from 1970-01-01T00:00:00.
        const test::CliRun info =
            test::runSpanscope({QStringLiteral("info"), file, QStringLiteral("--json")}, cache());
        QVERIFY2(info.exitCode == 0, info.err.constData());
        const Json trace = Json::parse(info.out.toStdString())["files"][0]["traces"][0];
        QCOMPARE(trace["start_ns"].get<int64_t>(), int64_t(0));
        QCOMPARE(trace["duration_ns"].get<int64_t>(), int64_t(100'000));

        // And the root's start is a time, not a missing one.
        const test::CliRun spans =
            test::runSpanscope({QStringLiteral("spans"), file, QStringLiteral("--json")}, cache());
        QVERIFY2(spans.exitCode == 0, spans.err.constData());
        const Json root = Json::parse(spans.out.toStdString())["spans"][0];
        QCOMPARE(QString::fromStdString(root["name"]), QStringLiteral("operation C"));
        QCOMPARE(root["start_ns"].get<int64_t>(), int64_t(0));
        QVERIFY2(root["marks"].dump().find("missing") == std::string::npos, root["marks"].dump().c_str());
    }

    void zipkinCannotHoldTheEpoch()
    {
        // Zipkin's own rule (zipkin2.Span): a timestamp of 0 is absent. Converted to Zipkin, the root
        // has no start, which docs/FORMATS.md lists as the loss "epoch".
        const QString file = m_dir.filePath(QStringLiteral("epoch-zipkin"));
        const test::CliRun convert =
            test::runSpanscope({QStringLiteral("convert"), fixture(), QStringLiteral("--to"),
                                QStringLiteral("zipkin-json"), QStringLiteral("--out"), file},
                               cache());
        QVERIFY2(convert.exitCode == 0, convert.err.constData());
        const Json spans = Json::parse(test::readFile(file).toStdString());
        QCOMPARE(spans.size(), size_t(3));
        for (const Json& span : spans) {
            if (span["name"] == "operation C")
                QVERIFY2(!span.contains("timestamp") && !span.contains("duration"), span.dump().c_str());
            else
                QVERIFY(span["timestamp"].get<int64_t>() > 0);
        }
    }

private:
    QString cache() const { return m_dir.filePath(QStringLiteral("cache")); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(EpochTimesTest)
#include "tst_epoch_times.moc"
