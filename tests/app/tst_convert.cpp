// SPDX-License-Identifier: MIT
// `spanscope spans --json` and `spanscope convert`, run as a user runs them: the canonical dump
// against its golden file, every format converted and read back to the same canonical dump (minus
// exactly the losses docs/FORMATS.md "Conversion" lists, ConversionLosses), and round trips.
#include "CliRun.h"
#include "ConversionLosses.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

using namespace spanscope;
using Json = nlohmann::ordered_json;

namespace {

using Run = test::CliRun;
using test::runSpanscope;

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

QString protoFixture()
{
    return test::sourcePath(QStringLiteral("tests/data/otlp-proto/traces.binpb"));
}

QString extension(const QString& format)
{
    return format == QLatin1String("otlp-proto") ? QStringLiteral(".binpb") : QStringLiteral(".json");
}

} // namespace

class ConvertTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void spansJsonOfTheSampleMatchesTheGolden()
    {
        const Run run = spans(sample());
        QCOMPARE(run.exitCode, 0);
        QString message;
        QVERIFY2(
            test::matchesGolden(test::sourcePath(QStringLiteral("tests/data/canonical/checkout.spans.json")),
                                run.out, message),
            qPrintable(message));
        const Json doc = Json::parse(run.out.toStdString());
        QCOMPARE(doc["spans"].size(), size_t(40));
        QCOMPARE(QString::fromStdString(doc["spans"][0]["name"]), QStringLiteral("POST /api/checkout"));
        QCOMPARE(QString::fromStdString(doc["spans"][0]["parent_span_id"].dump()), QStringLiteral("null"));
    }

    void spansOfOneTrace()
    {
        const Run one =
            runSpanscope({QStringLiteral("spans"), protoFixture(), QStringLiteral("--json"),
                          QStringLiteral("--trace"), QStringLiteral("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF")},
                         cache());
        QCOMPARE(one.exitCode, 0);
        const Json doc = Json::parse(one.out.toStdString());
        // Three spans, and the one whose span_id is all zeros, under a synthetic id, marked.
        QCOMPARE(doc["spans"].size(), size_t(4));
        int synthetic = 0;
        for (const Json& span : doc["spans"]) {
            QCOMPARE(QString::fromStdString(span["trace_id"]),
                     QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
            synthetic += span["marks"].dump().find("synthetic_id") != std::string::npos;
        }
        QCOMPARE(synthetic, 1);
        const Run missing = runSpanscope({QStringLiteral("spans"), protoFixture(), QStringLiteral("--json"),
                                          QStringLiteral("--trace"), QStringLiteral("ff")},
                                         cache());
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("trace ff is not in the file"), missing.err.constData());
        const Run text = runSpanscope({QStringLiteral("spans"), protoFixture()}, cache());
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("trace 0102030405060708090a0b0c0d0e0f10: 4 span(s)"));
        QVERIFY(text.out.contains(
            "3333333333333333  parent 2222222222222222     150.000 ms  SERVER   ERROR backend: POST /cart"));
        QCOMPARE(runSpanscope({QStringLiteral("spans")}, cache()).exitCode, 2);
    }

    void crossFormatEquivalence_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("format");
        for (const char* format : {"otlp-json", "otlp-proto", "jaeger-json", "zipkin-json"}) {
            QTest::addRow("sample to %s", format) << sample() << QString::fromLatin1(format);
            QTest::addRow("every field to %s", format) << protoFixture() << QString::fromLatin1(format);
        }
    }

    void crossFormatEquivalence()
    {
        QFETCH(QString, input);
        QFETCH(QString, format);
        const QString out = m_dir->filePath(QStringLiteral("converted") + extension(format));
        const Run convert = runSpanscope(
            {QStringLiteral("convert"), input, QStringLiteral("--to"), format, QStringLiteral("--out"), out},
            cache());
        QCOMPARE(convert.exitCode, 0);
        QVERIFY(convert.out.contains(QByteArray("span(s) written as ").append(format.toUtf8())));
        QVERIFY(!QDir(m_dir->path()).entryList({QStringLiteral("*.tmp")}).size());

        const Run info = runSpanscope({QStringLiteral("info"), out, QStringLiteral("--json")}, cache());
        QCOMPARE(info.exitCode, 0);
        const Json file = Json::parse(info.out.toStdString())["files"][0];
        QCOMPARE(QString::fromStdString(file["format"]), format);
        QCOMPARE(file["warning_count"].get<int>(), 0);

        const Run original = spans(input);
        const Run converted = spans(out);
        QCOMPARE(converted.exitCode, 0);
        compareDumps(test::withoutLosses(original.out.toStdString(), format.toStdString()),
                     test::withoutLosses(converted.out.toStdString(), format.toStdString()));
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("chain");
        QTest::addColumn<int>("compareWith"); // index in the chain (0 = the input itself)
        const QStringList otlp = {QStringLiteral("otlp-proto"), QStringLiteral("otlp-json")};
        QTest::newRow("sample: otlp-json > otlp-proto > otlp-json") << sample() << otlp << 0;
        QTest::newRow("fixture: otlp-proto > otlp-json > otlp-proto")
            << protoFixture() << QStringList{QStringLiteral("otlp-json"), QStringLiteral("otlp-proto")} << 0;
        QTest::newRow("jaeger-json > jaeger-json")
            << sample() << QStringList{QStringLiteral("jaeger-json"), QStringLiteral("jaeger-json")} << 1;
        QTest::newRow("jaeger-json > otlp-proto > jaeger-json")
            << protoFixture()
            << QStringList{QStringLiteral("jaeger-json"), QStringLiteral("otlp-proto"),
                           QStringLiteral("jaeger-json")}
            << 1;
        QTest::newRow("zipkin-json > zipkin-json")
            << protoFixture() << QStringList{QStringLiteral("zipkin-json"), QStringLiteral("zipkin-json")}
            << 1;
        QTest::newRow("real jaeger_ui_01 > otlp-json > jaeger-json")
            << test::realDataPath(QStringLiteral("jaeger-json/jaeger_ui_01.json"))
            << QStringList{QStringLiteral("otlp-json"), QStringLiteral("jaeger-json")} << 0;
    }

    void roundTrips()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, chain);
        QFETCH(int, compareWith);
        if (input.startsWith(test::realDataPath(QString())))
            SPANSCOPE_REQUIRE_REAL_DATA();
        QStringList files = {input};
        for (int i = 0; i < chain.size(); ++i) {
            const QString out = m_dir->filePath(QStringLiteral("step%1").arg(i + 1) + extension(chain[i]));
            const Run run = runSpanscope({QStringLiteral("convert"), files.last(), QStringLiteral("--to"),
                                          chain[i], QStringLiteral("--out"), out},
                                         cache());
            QVERIFY2(run.exitCode == 0, run.err.constData());
            files << out;
        }
        const Run expected = spans(files[compareWith]);
        const Run actual = spans(files.last());
        QCOMPARE(actual.exitCode, 0);
        // Exactly the documented losses of the formats the trace went through since then.
        std::vector<std::string> targets;
        for (int i = compareWith; i < chain.size(); ++i)
            targets.push_back(chain[i].toStdString());
        compareDumps(test::withoutLosses(expected.out.toStdString(), targets),
                     test::withoutLosses(actual.out.toStdString(), targets));
    }

    void realProtoFilesMatchTheirJsonTwins_data()
    {
        QTest::addColumn<QString>("proto");
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("spanCount");
        QTest::newRow("eoepca") << QStringLiteral("otlp-proto/eoepca_ex2.binpb")
                                << QStringLiteral("otlp-json/eoepca_ex2.json") << 9;
        QTest::newRow("otlp2parquet") << QStringLiteral("otlp-proto/otlp2parquet_traces.pb")
                                      << QStringLiteral("otlp-json/otlp2parquet_traces.jsonl") << 19;
    }

    void realProtoFilesMatchTheirJsonTwins()
    {
        QFETCH(QString, proto);
        QFETCH(QString, json);
        QFETCH(int, spanCount);
        SPANSCOPE_REQUIRE_REAL_DATA();
        const Run fromProto = spans(test::realDataPath(proto));
        const Run fromJson = spans(test::realDataPath(json));
        QCOMPARE(fromProto.exitCode, 0);
        QCOMPARE(int(Json::parse(fromProto.out.toStdString())["spans"].size()), spanCount);
        compareDumps(fromJson.out.toStdString(), fromProto.out.toStdString());
    }

    void convertOneTraceToStdout()
    {
        const Run run =
            runSpanscope({QStringLiteral("convert"), protoFixture(), QStringLiteral("--to"),
                          QStringLiteral("zipkin-json"), QStringLiteral("--out"), QStringLiteral("-"),
                          QStringLiteral("--trace"), QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")},
                         cache());
        QCOMPARE(run.exitCode, 0);
        const Json spansOut = Json::parse(run.out.toStdString());
        QCOMPARE(spansOut.size(), size_t(4)); // with the span of a synthetic id
        // In start order; the span without times (the synthetic id's) first, with no timestamp.
        QCOMPARE(QString::fromStdString(spansOut[0]["name"]), QStringLiteral("zero span id"));
        QVERIFY(!spansOut[0].contains("timestamp") && !spansOut[0].contains("duration"));
        QCOMPARE(QString::fromStdString(spansOut[1]["name"]), QStringLiteral("publish order"));
        QCOMPARE(QString::fromStdString(spansOut[1]["kind"]), QStringLiteral("PRODUCER"));
    }

    void convertExitStatuses()
    {
        const QString out = m_dir->filePath(QStringLiteral("out.json"));
        const auto convert = [&](QStringList arguments) {
            return runSpanscope(QStringList{QStringLiteral("convert")} + arguments, cache());
        };
        QCOMPARE(convert({sample(), QStringLiteral("--out"), out}).exitCode, 2); // no --to
        QCOMPARE(convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json")}).exitCode, 2);
        const Run unknown =
            convert({sample(), QStringLiteral("--to"), QStringLiteral("csv"), QStringLiteral("--out"), out});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown format \"csv\""));
        QCOMPARE(convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json"),
                          QStringLiteral("--out"), sample()})
                     .exitCode,
                 2);

        const QString broken = m_dir->filePath(QStringLiteral("broken.binpb"));
        test::writeFile(broken, test::readFile(protoFixture()).left(100));
        const Run bad = convert(
            {broken, QStringLiteral("--to"), QStringLiteral("otlp-json"), QStringLiteral("--out"), out});
        QCOMPARE(bad.exitCode, 3);
        QVERIFY2(bad.err.contains("broken.binpb: byte 100: the file ends inside"), bad.err.constData());
        QVERIFY(!QFile::exists(out));
        const Run missingTrace =
            convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json"), QStringLiteral("--out"),
                     out, QStringLiteral("--trace"), QStringLiteral("12")});
        QCOMPARE(missingTrace.exitCode, 3);
        QVERIFY(!QFile::exists(out));
        const Run unwritable =
            convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json"), QStringLiteral("--out"),
                     m_dir->filePath(QStringLiteral("no/such/dir/out.json"))});
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY(unwritable.err.contains("cannot write"));
    }

    void helpListsTheCommands()
    {
        const Run help = runSpanscope({QStringLiteral("--help")}, cache());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("spans FILE [--trace ID] [--json]"));
        QVERIFY(
            help.out.contains("convert FILE --to otlp-json|otlp-proto|jaeger-json|zipkin-json --out OUT"));
    }

private:
    QString cache() const { return m_dir->filePath(QStringLiteral("cache")); }

    Run spans(const QString& file) const
    {
        return runSpanscope({QStringLiteral("spans"), file, QStringLiteral("--json")}, cache());
    }

    void compareDumps(const std::string& expected, const std::string& actual) const
    {
        if (expected == actual)
            return;
        const QString expectedPath = m_dir->filePath(QStringLiteral("expected.json"));
        const QString actualPath = m_dir->filePath(QStringLiteral("actual.json"));
        test::writeFile(expectedPath, QByteArray::fromStdString(expected));
        test::writeFile(actualPath, QByteArray::fromStdString(actual));
        QProcess diff;
        diff.start(QStringLiteral("diff"), {QStringLiteral("-u"), expectedPath, actualPath});
        diff.waitForFinished(10000);
        QFAIL(qPrintable(QStringLiteral("canonical dumps differ:\n") +
                         QString::fromUtf8(diff.readAllStandardOutput().left(8000))));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(ConvertTest)
#include "tst_convert.moc"
