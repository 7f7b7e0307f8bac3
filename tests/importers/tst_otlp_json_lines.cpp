// SPDX-License-Identifier: MIT
// The OTLP JSON importer on files as they are written in the field: JSON Lines and its per-line
// recovery (also for Jaeger and Zipkin, which share the document loop), a byte order mark, gzip,
// zstd and length-framed input found by content, and the real third-party files.
#include "Compression.h"
#include "OtlpJsonTestSupport.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;
using namespace spanscope::test;

class TestOtlpJsonLines : public QObject
{
    Q_OBJECT

private slots:
    void jsonLinesReadsEveryLine();
    void jsonLinesSkipsABrokenLine();
    void jsonLinesAllLinesBroken();
    void jsonLinesBrokenFirstLine();
    void byteOrderMark();
    void jaegerJsonLinesRecover();
    void zipkinJsonLinesRecover();

    void compressed_data();
    void compressed();
    void compressionIsFoundByContentNotName();

    void realFiles_data();
    void realFiles();
    void realFileValues();
};

void TestOtlpJsonLines::jsonLinesReadsEveryLine()
{
    const Imported result = importFile(fixture(QStringLiteral("collector.jsonl")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.info.variant, std::string("JSON Lines"));
    QVERIFY(result.sink.warnings.empty());
    // Three lines (and a blank one): a trace spread over lines 1-3, another trace on line 2.
    QCOMPARE(result.sink.spans.size(), size_t(4));
    QCOMPARE(distinctTraces(result.sink), size_t(2));
    QCOMPARE(spanWithId(result, 2)->parentSpanId, uint64_t(1));
    QCOMPARE(spanWithId(result, 3)->parentSpanId, uint64_t(2));
    QCOMPARE(spanWithId(result, 3)->service, std::string("cart"));
    QCOMPARE(spanWithId(result, 1)->service, std::string("frontend"));
    QCOMPARE(spanWithId(result, 0x11)->traceId, traceId("0af7651916cd43dd8448eb211c80319c"));
    QCOMPARE(spanWithId(result, 0x11)->status, StatusCode::Error);
    // Lines repeat their resources; each line's resources are its own.
    QCOMPARE(result.sink.resources.size(), size_t(4));

    // CRLF line ends (a file that went through Windows) read the same.
    QByteArray crlf = readFile(fixture(QStringLiteral("collector.jsonl")));
    crlf.replace("\n", "\r\n");
    const Imported windows = importData(crlf);
    QVERIFY2(!windows.failed, windows.error.c_str());
    QCOMPARE(spanTexts(windows.sink), spanTexts(result.sink));
}

void TestOtlpJsonLines::jsonLinesSkipsABrokenLine()
{
    const Imported result = importFile(fixture(QStringLiteral("broken_line.jsonl")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant, std::string("JSON Lines"));
    // Lines 1 and 3 are read; line 2 (cut off) and line 4 (resourceSpans not an array) are not.
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(spanWithId(result, 2) && spanWithId(result, 3));
    QCOMPARE(spanWithId(result, 3)->service, std::string("cart"));
    QCOMPARE(result.sink.warnings.size(), size_t(2));
    QVERIFY2(QString::fromStdString(result.sink.warnings[0])
                 .contains(QRegularExpression(QStringLiteral("^2:\\d+: line skipped: "))),
             result.sink.warnings[0].c_str());
    QVERIFY2(QString::fromStdString(result.sink.warnings[1])
                 .contains(QRegularExpression(QStringLiteral("^4:\\d+: line skipped: "))),
             result.sink.warnings[1].c_str());
}

void TestOtlpJsonLines::jsonLinesAllLinesBroken()
{
    // Line 1 is valid JSON of the wrong shape (so the sniffer sees JSON Lines), the others are cut.
    const Imported result = importFile(fixture(QStringLiteral("all_broken.jsonl")));
    QVERIFY(result.failed);
    QVERIFY2(isLocated(result.error), result.error.c_str());
    QVERIFY2(result.error.starts_with("1:"), result.error.c_str());
    QVERIFY2(result.error.find("no line of this JSON Lines file could be read; the first: ") !=
                 std::string::npos,
             result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(0));
    QCOMPARE(result.sink.warnings.size(), size_t(3)); // each line said why

    // A single broken line: its own error, as for any JSON file.
    const Imported one = importData(R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4b)");
    QVERIFY(one.failed);
    QVERIFY2(isLocated(one.error), one.error.c_str());
    QVERIFY2(one.error.find("no line of this") == std::string::npos, one.error.c_str());
}

void TestOtlpJsonLines::jsonLinesBrokenFirstLine()
{
    // docs/FORMATS.md: "A first line that is a complete JSON value means JSON Lines." A cut first
    // line therefore makes the file one (malformed) JSON document: a located error on line 1.
    const QByteArray good = readFile(fixture(QStringLiteral("collector.jsonl")));
    const QByteArray file = good.left(good.indexOf('\n') / 2) + "\n" + good;
    const Imported result = importData(file);
    QVERIFY(result.failed);
    QVERIFY2(result.error.starts_with("1:"), result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(0));
}

void TestOtlpJsonLines::byteOrderMark()
{
    // A UTF-8 byte order mark (Windows editors) is not JSON; the sniffer and the importer both
    // look past it. In JSON Lines it used to cost the first line, silently but for a warning.
    for (const char* name : {"attributes.json", "collector.jsonl"}) {
        const QByteArray plain = readFile(fixture(QString::fromLatin1(name)));
        const Imported expected = importData(plain);
        const Imported result = importData("\xEF\xBB\xBF" + plain);
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.info.variant, expected.info.variant);
        QCOMPARE(spanTexts(result.sink), spanTexts(expected.sink));
        QCOMPARE(result.sink.warnings, expected.sink.warnings);
        QVERIFY(!result.sink.spans.empty());
    }
    // Errors still point at the right line and column.
    const Imported broken = importData("\xEF\xBB\xBF{\"resourceSpans\":{}}");
    QVERIFY(broken.failed);
    QCOMPARE(broken.error, std::string("1:18: expected '['"));
}

void TestOtlpJsonLines::jaegerJsonLinesRecover()
{
    const QByteArray line1 =
        R"({"data":[{"traceID":"00000000000000a1","spans":[{"traceID":"00000000000000a1","spanID":"0000000000000001","operationName":"one","startTime":1,"duration":2,"processID":"p1"}],"processes":{"p1":{"serviceName":"svc1"}}}]})";
    const QByteArray line3 =
        R"({"data":[{"traceID":"00000000000000a3","spans":[{"traceID":"00000000000000a3","spanID":"0000000000000003","operationName":"three","startTime":1,"duration":2,"processID":"p1"}],"processes":{"p1":{"serviceName":"svc3"}}}]})";
    const QByteArray broken = line1.left(90);
    const Imported result = importData(line1 + "\n" + broken + "\n" + line3 + "\n");
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::JaegerJson);
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QCOMPARE(spanWithId(result, 1)->service, std::string("svc1"));
    QCOMPARE(spanWithId(result, 3)->service, std::string("svc3"));
    QCOMPARE(spanWithId(result, 3)->traceId, (TraceId{0, 0xa3}));
    QCOMPARE(result.sink.warnings.size(), size_t(1));
    QVERIFY2(result.sink.warnings[0].starts_with("2:") &&
                 result.sink.warnings[0].find("line skipped: ") != std::string::npos,
             result.sink.warnings[0].c_str());

    const Imported allBroken = importData(line1.left(60) + "\n" + broken + "\n");
    QVERIFY(allBroken.failed);
    QVERIFY2(isLocated(allBroken.error), allBroken.error.c_str());
}

void TestOtlpJsonLines::zipkinJsonLinesRecover()
{
    const QByteArray line1 =
        R"([{"traceId":"00000000000000a1","id":"0000000000000001","name":"one","timestamp":1,"duration":2,"localEndpoint":{"serviceName":"z1"}}])";
    const QByteArray line3 =
        R"([{"traceId":"00000000000000a3","id":"0000000000000003","name":"three","timestamp":1,"duration":2,"localEndpoint":{"serviceName":"z3"}}])";
    const Imported result = importData(line1 + "\n" + line1.left(70) + "\n" + line3 + "\n");
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::ZipkinJson);
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QCOMPARE(spanWithId(result, 1)->service, std::string("z1"));
    QCOMPARE(spanWithId(result, 3)->service, std::string("z3"));
    QCOMPARE(spanWithId(result, 3)->endNs - spanWithId(result, 3)->startNs, int64_t(2000));
    QCOMPARE(result.sink.warnings.size(), size_t(1));
    QVERIFY2(result.sink.warnings[0].starts_with("2:") &&
                 result.sink.warnings[0].find("line skipped: ") != std::string::npos,
             result.sink.warnings[0].c_str());

    const Imported allBroken = importData(line1.left(50) + "\n" + line1.left(70) + "\n");
    QVERIFY(allBroken.failed);
    QVERIFY2(isLocated(allBroken.error), allBroken.error.c_str());
}

void TestOtlpJsonLines::compressed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("plain"); // the fixture the bytes hold
    QTest::addColumn<QString>("variant");

    const QByteArray json = readFile(fixture(QStringLiteral("attributes.json")));
    const QByteArray lines = readFile(fixture(QStringLiteral("collector.jsonl")));
    QList<QByteArray> messages = lines.split('\n');
    messages.removeAll(QByteArray());
    QVERIFY(messages.size() == 3);

    QTest::newRow("gzip") << gzipped(json) << QStringLiteral("attributes.json") << QStringLiteral("gzip");
    QTest::newRow("zstd") << zstdCompressed(json) << QStringLiteral("attributes.json")
                          << QStringLiteral("zstd");
    QTest::newRow("gzip JSON Lines") << gzipped(lines) << QStringLiteral("collector.jsonl")
                                     << QStringLiteral("JSON Lines, gzip");
    // Concatenated gzip members (what `cat a.gz b.gz` gives) are one stream.
    QTest::newRow("gzip members") << gzipped(messages[0] + "\n") +
                                         gzipped(messages[1] + "\n" + messages[2] + "\n")
                                  << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, gzip");
    // The Collector's native compression: one zstd stream of JSON Lines.
    QTest::newRow("zstd JSON Lines") << zstdCompressed(lines) << QStringLiteral("collector.jsonl")
                                     << QStringLiteral("JSON Lines, zstd");
    QTest::newRow("zstd frames") << zstdCompressed(messages[0] + "\n") +
                                        zstdCompressed(messages[1] + "\n" + messages[2] + "\n")
                                 << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, zstd");
    // The Collector's legacy `compression: zstd`: each message zstd-compressed on its own, behind
    // a 4-byte big-endian length; the JSON messages become lines.
    QTest::newRow("length-framed zstd messages")
        << framed(zstdCompressed(messages[0])) + framed(zstdCompressed(messages[1])) +
               framed(zstdCompressed(messages[2]))
        << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, length-framed");
    QTest::newRow("length-framed JSON messages")
        << framed(messages[0]) + framed(messages[1]) + framed(messages[2])
        << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, length-framed");
}

void TestOtlpJsonLines::compressed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, plain);
    QFETCH(QString, variant);
    const Imported expected = importFile(fixture(plain));
    QVERIFY2(!expected.failed, expected.error.c_str());
    const Imported result = importData(bytes);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(QString::fromStdString(result.info.variant), variant);
    QCOMPARE(spanTexts(result.sink), spanTexts(expected.sink));
    QCOMPARE(result.sink.resources, expected.sink.resources);
    QCOMPARE(result.sink.warnings, expected.sink.warnings);
    QVERIFY(!result.sink.spans.empty());
}

void TestOtlpJsonLines::compressionIsFoundByContentNotName()
{
    // Magic bytes decide, never the name: a gzip file called .json, zstd called .txt, and plain
    // JSON called .gz / .zst all import.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QByteArray json = readFile(fixture(QStringLiteral("attributes.json")));
    const Imported expected = importData(json);
    const std::pair<const char*, QByteArray> files[] = {
        {"trace.json", gzipped(json)}, {"trace.txt", zstdCompressed(json)}, {"trace.json.gz", json},
        {"trace.zst", json},           {"trace.pb", gzipped(json)},
    };
    for (const auto& [name, bytes] : files) {
        const QString path = directory.filePath(QString::fromLatin1(name));
        writeFile(path, bytes);
        const Imported result = importFile(path);
        QVERIFY2(!result.failed, (std::string(name) + ": " + result.error).c_str());
        QCOMPARE(result.info.format, TraceFormat::OtlpJson);
        QCOMPARE(spanTexts(result.sink), spanTexts(expected.sink));
    }
}

void TestOtlpJsonLines::realFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("roots");
    QTest::addColumn<int>("errors"); // status code 2
    QTest::addColumn<QString>("variant");
    // Counted independently (python3: json.loads per document, ids decoded and compared), and as
    // the folder's README says.
    QTest::newRow("eoepca") << QStringLiteral("otlp-json/eoepca_ex2.json") << 9 << 1 << 1 << 2 << QString();
    QTest::newRow("genai") << QStringLiteral("otlp-json/jaeger-ui_genai_agent-trace.json") << 8 << 1 << 1 << 0
                           << QString();
    QTest::newRow("jaeger memory") << QStringLiteral("otlp-json/jaeger_memory_otel_traces_01.json") << 4 << 2
                                   << 0 << 4 << QString();
    QTest::newRow("proto example") << QStringLiteral("otlp-json/otel-proto_examples_trace.json") << 1 << 1
                                   << 0 << 0 << QString();
    QTest::newRow("otlp2parquet") << QStringLiteral("otlp-json/otlp2parquet_traces.jsonl") << 19 << 19 << 6
                                  << 0 << QStringLiteral("JSON Lines");
    QTest::newRow("tempo batches") << QStringLiteral("other/tempo_tempopb_trace_batches.json") << 1 << 1 << 0
                                   << 0 << QString();
}

void TestOtlpJsonLines::realFiles()
{
    QFETCH(QString, path);
    QFETCH(int, spans);
    QFETCH(int, traces);
    QFETCH(int, roots);
    QFETCH(int, errors);
    QFETCH(QString, variant);
    SPANSCOPE_REQUIRE_REAL_DATA();
    const QString file = realDataPath(path);
    const Imported result = importFile(file);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(QString::fromStdString(result.info.variant), variant);
    QCOMPARE(result.sink.spans.size(), size_t(spans));
    QCOMPARE(result.info.spans, uint64_t(spans));
    QCOMPARE(distinctTraces(result.sink), size_t(traces));
    int rootCount = 0;
    for (const auto& span : result.sink.spans)
        rootCount += span.parentSpanId == 0;
    QCOMPARE(rootCount, roots);
    int errorCount = 0;
    for (const auto& span : result.sink.spans)
        errorCount += span.status == StatusCode::Error && (span.flags & SpanFlag::Error);
    QCOMPARE(errorCount, errors);
    QVERIFY(result.sink.warnings.empty());
}

void TestOtlpJsonLines::realFileValues()
{
    SPANSCOPE_REQUIRE_REAL_DATA();

    // Tempo's "batches", upper-case hex ids.
    const Imported tempo = importFile(realDataPath(QStringLiteral("other/tempo_tempopb_trace_batches.json")));
    QVERIFY2(!tempo.failed, tempo.error.c_str());
    const auto* server = spanWithId(tempo, 0xeee19b7ec3c1b174);
    QVERIFY(server);
    QCOMPARE(server->traceId, traceId("5b8efff798038103d269b633813fc60c"));
    QCOMPARE(server->parentSpanId, uint64_t(0xeee19b7ec3c1b173));
    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->service, std::string("my.service"));
    QCOMPARE(server->startNs, int64_t(1544712660000000000));
    QCOMPARE(server->endNs, int64_t(1544712661000000000));
    QCOMPARE(attribute(*server, "my.span.attr").text, std::string_view("some value"));
    QCOMPARE(tempo.sink.scopes,
             std::vector<std::string>{"my.library 1.0.0 | my.scope.attribute=some scope attribute (string)"});

    // Python json_format: base64 ids, enum names, one line per trace.
    const Imported lines = importFile(realDataPath(QStringLiteral("otlp-json/otlp2parquet_traces.jsonl")));
    QVERIFY2(!lines.failed, lines.error.c_str());
    const auto& first = lines.sink.spans.at(0);
    QCOMPARE(first.traceId, traceId("69842a979911036cf3e822086ecaa007")); // "aYQql5kRA2zz6CIIbsqgBw=="
    QCOMPARE(first.spanId, uint64_t(0x5a69fc178ba8f837));                 // "Wmn8F4uo+Dc="
    QCOMPARE(first.kind, SpanKind::Internal);                             // "SPAN_KIND_INTERNAL"
    QCOMPARE(first.service, std::string("product-catalog"));
    QCOMPARE(first.startNs, int64_t(1760738064624180000));
    QCOMPARE(first.endNs, int64_t(1760738064991180000));

    // Two interleaved traces, kinds 2-5, status 2, links and typed attributes.
    const Imported memory =
        importFile(realDataPath(QStringLiteral("otlp-json/jaeger_memory_otel_traces_01.json")));
    QVERIFY2(!memory.failed, memory.error.c_str());
    const auto* two = spanWithId(memory, 2);
    QVERIFY(two);
    QCOMPARE(two->traceId, (TraceId{1, 0}));
    QCOMPARE(two->parentSpanId, uint64_t(3));
    QCOMPARE(two->kind, SpanKind::Server);
    QCOMPARE(two->status, StatusCode::Error);
    QCOMPARE(two->links, size_t(2));
    QCOMPARE(two->events, size_t(2));
    QCOMPARE(two->service, std::string("service-x"));
    QCOMPARE(attribute(*two, "peer.ipv4").type, ValueType::Int);
    QCOMPARE(attribute(*two, "peer.ipv4").intValue, int64_t(23456));
    QCOMPARE(attribute(*two, "blob").type, ValueType::Bytes);
    QCOMPARE(attribute(*two, "blob").text, std::string_view("\x00\x00\x30\x39", 4));
    QCOMPARE(attribute(*two, "temperature").doubleValue, 72.5);
    QCOMPARE(spanWithId(memory, 5)->kind, SpanKind::Consumer);
    QCOMPARE(spanWithId(memory, 5)->traceId, (TraceId{2, 0}));
}

QTEST_GUILESS_MAIN(TestOtlpJsonLines)
#include "tst_otlp_json_lines.moc"
