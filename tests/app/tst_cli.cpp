// SPDX-License-Identifier: MIT
// The command line as a user runs it: the real binary, its output and its exit status.
#include "CliRun.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;

namespace {

using Run = test::CliRun;
using test::runSpanscope;

} // namespace

class CliTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cacheDir->isValid());
        m_cache = m_cacheDir->path();
    }

    void versionAndHelp()
    {
        const Run version = runSpanscope({QStringLiteral("--version")}, m_cache);
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QByteArray("spanscope " SPANSCOPE_VERSION));
        const Run help = runSpanscope({QStringLiteral("--help")}, m_cache);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("info FILE... [--json]"));
        QVERIFY(help.out.contains("Exit status"));
    }

    void infoJsonGivesTheSampleCounts()
    {
        const Run run = runSpanscope(
            {QStringLiteral("info"), test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json")),
             QStringLiteral("--json")},
            m_cache);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        const QJsonArray files = root.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        const QJsonObject file = files.at(0).toObject();
        QCOMPARE(file.value(QStringLiteral("format")).toString(), QStringLiteral("otlp-json"));
        QCOMPARE(file.value(QStringLiteral("span_count")).toInt(), 40);
        QCOMPARE(file.value(QStringLiteral("warning_count")).toInt(), 0);
        const QJsonArray traces = file.value(QStringLiteral("traces")).toArray();
        QCOMPARE(traces.size(), 1);
        const QJsonObject trace = traces.at(0).toObject();
        QCOMPARE(trace.value(QStringLiteral("trace_id")).toString(),
                 QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        QCOMPARE(trace.value(QStringLiteral("span_count")).toInt(), 40);
        QCOMPARE(trace.value(QStringLiteral("service_count")).toInt(), 8);
        QCOMPARE(trace.value(QStringLiteral("error_count")).toInt(), 1);
        QCOMPARE(trace.value(QStringLiteral("root_service")).toString(), QStringLiteral("api-gateway"));
        QCOMPARE(trace.value(QStringLiteral("root_operation")).toString(),
                 QStringLiteral("POST /api/checkout"));
        QCOMPARE(trace.value(QStringLiteral("duration_ns")).toInteger(), 412350000);
        QCOMPARE(trace.value(QStringLiteral("start")).toString(),
                 QStringLiteral("2026-03-14T09:26:53.589000Z"));
        QCOMPARE(trace.value(QStringLiteral("incomplete")).toBool(), false);
    }

    void secondRunReusesTheCache()
    {
        const QString sample = test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
        const Run first = runSpanscope({QStringLiteral("info"), sample, QStringLiteral("--json")}, m_cache);
        const Run second = runSpanscope({QStringLiteral("info"), sample, QStringLiteral("--json")}, m_cache);
        const auto cached = [](const Run& run) {
            return QJsonDocument::fromJson(run.out)
                .object()[QStringLiteral("files")]
                .toArray()[0]
                .toObject()[QStringLiteral("cached")]
                .toBool();
        };
        QCOMPARE(cached(first), false);
        QCOMPARE(cached(second), true);
        const Run bypass = runSpanscope(
            {QStringLiteral("info"), sample, QStringLiteral("--json"), QStringLiteral("--no-cache")},
            m_cache);
        QCOMPARE(cached(bypass), false);
    }

    void textOutputNamesTheTrace()
    {
        const Run run =
            runSpanscope({QStringLiteral("info"),
                          test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"))},
                         m_cache);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("4bf92f3577b34da6a3ce929d0e0e4736"));
        QVERIFY(run.out.contains("api-gateway: POST /api/checkout"));
        QVERIFY(run.out.contains("1 trace(s), 40 span(s)"));
    }

    void badFileExitsWithThreeAndNamesIt()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("broken.json"));
        test::writeFile(bad,
                        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"01\"\n,,]}");
        const Run run = runSpanscope({QStringLiteral("info"), bad}, m_cache);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QByteArray(bad.toUtf8() + ":2:2:")), run.err.constData());
        QVERIFY(run.out.isEmpty());

        const QString notTraces = dir.filePath(QStringLiteral("logs.json"));
        test::writeFile(notTraces, "{\"resourceLogs\": []}");
        const Run logs = runSpanscope({QStringLiteral("info"), notTraces}, m_cache);
        QCOMPARE(logs.exitCode, 3);
        QVERIFY2(logs.err.contains("logs.json: an OTLP logs file, not traces"), logs.err.constData());

        const Run missing =
            runSpanscope({QStringLiteral("info"), dir.filePath(QStringLiteral("nope.json"))}, m_cache);
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains("nope.json"));
    }

    void badUsageExitsWithTwo()
    {
        QCOMPARE(runSpanscope({QStringLiteral("info")}, m_cache).exitCode, 2);
        QCOMPARE(runSpanscope({QStringLiteral("info"), QStringLiteral("--frobnicate"), QStringLiteral("x")},
                              m_cache)
                     .exitCode,
                 2);
        QCOMPARE(runSpanscope({QStringLiteral("--frobnicate")}, m_cache).exitCode, 2);
    }

    void windowWithoutDisplaySaysSo()
    {
        const Run run =
            runSpanscope({test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"))}, m_cache);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("no display found"), run.err.constData());
    }

private:
    std::unique_ptr<QTemporaryDir> m_cacheDir; // a fresh cache for every test function
    QString m_cache;
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
