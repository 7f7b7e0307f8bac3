// SPDX-License-Identifier: MIT
// Format detection (docs/FORMAT-REFERENCE.md §8, docs/FORMATS.md "Recognising a file"): sniffFormat on the
// head of every format and variant, the JSON Lines flag, what is refused and why; compressed and
// length-framed input through the pipeline, which decompresses and unframes before sniffing; and
// that a file's name never matters.
#include "ByteMutator.h"
#include "Compression.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "importers/FormatSniffer.h"
#include "importers/io/FramedSource.h"

#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;
using namespace spanscope::test;

namespace {

QByteArray dataFile(const QString& relative)
{
    const QByteArray bytes = readFile(sourcePath(QStringLiteral("tests/data/") + relative));
    if (bytes.isEmpty())
        qFatal("missing fixture %s", qPrintable(relative));
    return bytes;
}

SniffResult sniff(const QByteArray& head, bool complete = true)
{
    return sniffFormat(std::string_view(head.constData(), size_t(head.size())), complete);
}

const QByteArray kOtlpLine =
    R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","name":"a"}]}]}]})";
const QByteArray kJaegerLine =
    R"({"data":[{"traceID":"00000000000000a1","spans":[{"traceID":"00000000000000a1","spanID":"0000000000000001","operationName":"a","processID":"p1"}],"processes":{"p1":{"serviceName":"s"}}}]})";
const QByteArray kZipkinLine =
    R"([{"traceId":"00000000000000a1","id":"0000000000000001","name":"a","localEndpoint":{"serviceName":"s"}}])";

} // namespace

class TestFormatSniffer : public QObject
{
    Q_OBJECT

private slots:
    void heads_data();
    void heads();
    void refusals_data();
    void refusals();
    void framedProtobuf();
    void compressedContentIsSniffedAfterDecompression_data();
    void compressedContentIsSniffedAfterDecompression();
    void fileNameNeverMatters();
};

void TestFormatSniffer::heads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<TraceFormat>("format");
    QTest::addColumn<bool>("jsonLines");

    const QByteArray otlpPretty = dataFile(QStringLiteral("otlp-json/attributes.json"));
    const QByteArray collector = dataFile(QStringLiteral("otlp-json/collector.jsonl"));
    QByteArray crlf = collector;
    crlf.replace("\n", "\r\n");

    // OTLP JSON and its wrappers.
    QTest::newRow("otlp pretty") << otlpPretty << true << TraceFormat::OtlpJson << false;
    QTest::newRow("otlp pretty, head cut inside a span")
        << otlpPretty.left(700) << false << TraceFormat::OtlpJson << false;
    // One line and no newline: reading it as JSON Lines or as one document gives the same.
    QTest::newRow("otlp one line") << kOtlpLine << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp one line, newline") << kOtlpLine + "\n" << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp JSON Lines") << collector << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp JSON Lines, CRLF") << crlf << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp JSON Lines, head cut in line 2")
        << collector.left(collector.indexOf('\n') + 40) << false << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp JSON Lines, bad second line") << kOtlpLine + "\n{\"resourceSpans\":[\n"
                                                      << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp snake_case") << QByteArray(R"({"resource_spans":[]})") << true
                                     << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp key not first")
        << QByteArray("{\n  \"schemaUrl\": \"x\",\n  \"resourceSpans\": []\n}") << true
        << TraceFormat::OtlpJson << false;
    QTest::newRow("otlp empty resourceSpans")
        << QByteArray(R"({"resourceSpans":[]})") << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp UTF-8 BOM") << "\xEF\xBB\xBF" + otlpPretty << true << TraceFormat::OtlpJson << false;
    QTest::newRow("otlp UTF-8 BOM, JSON Lines")
        << "\xEF\xBB\xBF" + collector << true << TraceFormat::OtlpJson << true;
    QTest::newRow("jaeger UTF-8 BOM")
        << "\xEF\xBB\xBF" + kJaegerLine << true << TraceFormat::JaegerJson << true;
    QTest::newRow("zipkin UTF-8 BOM")
        << "\xEF\xBB\xBF" + kZipkinLine << true << TraceFormat::ZipkinJson << true;
    QTest::newRow("otlp leading blank lines")
        << "\n\r\n  \t" + kOtlpLine + "\n" + kOtlpLine << true << TraceFormat::OtlpJson << true;
    QTest::newRow("otlp array of TracesData")
        << "[" + kOtlpLine + ",\n" + kOtlpLine + "]" << true << TraceFormat::OtlpJson << false;
    QTest::newRow("tempo batches") << dataFile(QStringLiteral("otlp-json/tempo_batches.json")) << true
                                   << TraceFormat::OtlpJson << false;
    QTest::newRow("tempo v2 trace wrapper")
        << dataFile(QStringLiteral("otlp-json/tempo_trace.json")) << true << TraceFormat::OtlpJson << false;
    QTest::newRow("tempo v2, metrics first")
        << QByteArray(R"({"metrics":{"inspectedBytes":"1"},"trace":{"resourceSpans":[]}})") << true
        << TraceFormat::OtlpJson << true;
    QTest::newRow("jaeger api_v3 result") << dataFile(QStringLiteral("otlp-json/jaeger_v3_result.json"))
                                          << true << TraceFormat::OtlpJson << false;
    QTest::newRow("legacy instrumentationLibrarySpans")
        << dataFile(QStringLiteral("otlp-json/legacy_ils.json")) << true << TraceFormat::OtlpJson << false;

    // OTLP protobuf: a bare TracesData / ExportTraceServiceRequest starts 0A.
    QTest::newRow("otlp protobuf") << dataFile(QStringLiteral("otlp-proto/traces.binpb")) << true
                                   << TraceFormat::OtlpProtobuf << false;
    QTest::newRow("otlp protobuf request") << dataFile(QStringLiteral("otlp-proto/traces-request.binpb"))
                                           << true << TraceFormat::OtlpProtobuf << false;
    QTest::newRow("otlp protobuf, head of 8 bytes")
        << dataFile(QStringLiteral("otlp-proto/traces.binpb")).left(8) << false << TraceFormat::OtlpProtobuf
        << false;
    QTest::newRow("otlp protobuf, legacy")
        << dataFile(QStringLiteral("otlp-proto/legacy.binpb")) << true << TraceFormat::OtlpProtobuf << false;

    // Jaeger.
    QTest::newRow("jaeger query API")
        << dataFile(QStringLiteral("jaeger/query_api.json")) << true << TraceFormat::JaegerJson << false;
    QTest::newRow("jaeger data, one line") << kJaegerLine << true << TraceFormat::JaegerJson << true;
    QTest::newRow("jaeger empty data")
        << QByteArray(R"({"data":[],"total":0})") << true << TraceFormat::JaegerJson << true;
    QTest::newRow("jaeger JSON Lines") << kJaegerLine + "\n" + kJaegerLine + "\n"
                                       << true << TraceFormat::JaegerJson << true;
    QTest::newRow("jaeger bare trace")
        << dataFile(QStringLiteral("jaeger/bare_trace.json")) << true << TraceFormat::JaegerJson << false;
    QTest::newRow("jaeger bare trace, one line")
        << QByteArray(R"({"traceID":"a1","spans":[],"processes":{}})") << true << TraceFormat::JaegerJson
        << true;
    QTest::newRow("jaeger span array") << dataFile(QStringLiteral("jaeger/span_array_embedded.json")) << true
                                       << TraceFormat::JaegerJson << false;
    QTest::newRow("jaeger span array, one line")
        << QByteArray(R"([{"traceID":"a1","spanID":"1","operationName":"x"}])") << true
        << TraceFormat::JaegerJson << true;
    QTest::newRow("jaeger array of traces") << dataFile(QStringLiteral("jaeger/array_of_traces.json")) << true
                                            << TraceFormat::JaegerJson << false;
    QTest::newRow("jaeger api_v2") << dataFile(QStringLiteral("jaeger/api_v2.json")) << true
                                   << TraceFormat::JaegerJson << false;
    QTest::newRow("jaeger single span")
        << QByteArray(R"({"traceID":"a1","spanID":"1"})") << true << TraceFormat::JaegerJson << true;

    // Zipkin.
    QTest::newRow("zipkin v2 array") << dataFile(QStringLiteral("zipkin/v2_spans.json")) << true
                                     << TraceFormat::ZipkinJson << false;
    QTest::newRow("zipkin v2, one line") << kZipkinLine << true << TraceFormat::ZipkinJson << true;
    QTest::newRow("zipkin JSON Lines") << kZipkinLine + "\n" + kZipkinLine + "\n"
                                       << true << TraceFormat::ZipkinJson << true;
    QTest::newRow("zipkin v1 array") << dataFile(QStringLiteral("zipkin/v1_split_halves.json")) << true
                                     << TraceFormat::ZipkinJson << false;
    QTest::newRow("zipkin v1, one line")
        << QByteArray(
               R"([{"traceId":"a1","id":"1","annotations":[{"timestamp":1,"value":"cs","endpoint":{}}],)"
               R"("binaryAnnotations":[]}])")
        << true << TraceFormat::ZipkinJson << true;
    QTest::newRow("zipkin single span object")
        << dataFile(QStringLiteral("zipkin/v2_single_span.json")) << true << TraceFormat::ZipkinJson << false;
    QTest::newRow("zipkin array of arrays")
        << dataFile(QStringLiteral("zipkin/trace_list.json")) << true << TraceFormat::ZipkinJson << false;
    QTest::newRow("zipkin array of arrays, one line")
        << "[" + kZipkinLine + "," + kZipkinLine + "]" << true << TraceFormat::ZipkinJson << true;
    QTest::newRow("empty array") << QByteArray("[]") << true << TraceFormat::ZipkinJson << true;
}

void TestFormatSniffer::heads()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, complete);
    QFETCH(TraceFormat, format);
    QFETCH(bool, jsonLines);
    const SniffResult result = sniff(head, complete);
    QVERIFY2(result.format == format,
             qPrintable(QStringLiteral("%1 instead of %2 (%3)")
                            .arg(QLatin1String(formatId(result.format)), QLatin1String(formatId(format)),
                                 QString::fromStdString(result.problem))));
    QCOMPARE(result.jsonLines, jsonLines);
    QCOMPARE(result.problem, std::string());

    // The importer the sniffer chose reads the whole content.
    if (complete) {
        const CapturedImport imported = importBytes(head);
        QVERIFY2(!imported.failed, imported.error.c_str());
        QCOMPARE(imported.info.format, format);
        // A JSON Lines file whose first line is lost would still import: make sure it was not.
        for (const std::string& warning : imported.sink.warnings)
            QVERIFY2(!warning.starts_with("1:") || warning.find("line skipped") == std::string::npos,
                     warning.c_str());
    }
}

void TestFormatSniffer::refusals_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("problem");

    QTest::newRow("empty") << QByteArray() << true << QStringLiteral("the file is empty");
    QTest::newRow("whitespace only") << QByteArray(" \n\t\r\n  ") << true
                                     << QStringLiteral("only whitespace");
    QTest::newRow("a megabyte of whitespace")
        << QByteArray(1 << 20, ' ') << false << QStringLiteral("no JSON content in the first megabyte");
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << true << QStringLiteral("only whitespace");
    QTest::newRow("binary garbage") << garbageBytes(4096) << true << QStringLiteral("not a trace file");
    QTest::newRow("0A then no ResourceSpans")
        << QByteArray("\x0A\x05hello", 7) << true << QStringLiteral("not a trace file");
    QTest::newRow("gzip magic") << gzipped(kOtlpLine) << true << QStringLiteral("not a trace file");
    QTest::newRow("zstd magic") << zstdCompressed(kOtlpLine) << true << QStringLiteral("not a trace file");
    QTest::newRow("csv") << QByteArray(
                                "trace_id,span_id,name,start\n4bf92f3577b34da6,00f067aa0ba902b7,GET,1\n")
                         << true << QStringLiteral("not a trace file");
    QTest::newRow("html") << QByteArray("<!DOCTYPE html>\n<html><head><title>Jaeger "
                                        "UI</title></head><body>{\"data\":[]}</body></html>\n")
                          << true << QStringLiteral("not a trace file");
    QTest::newRow("json scalar") << QByteArray("42\n") << true << QStringLiteral("not a trace file");
    QTest::newRow("json string") << QByteArray("\"resourceSpans\"") << true
                                 << QStringLiteral("not a trace file");
    QTest::newRow("unknown object") << QByteArray(R"({"hello":"world","spans":5})") << true
                                    << QStringLiteral("not a known trace format");
    QTest::newRow("empty object") << QByteArray("{}") << true
                                  << QStringLiteral("starts like JSON but is malformed");
    QTest::newRow("malformed object")
        << QByteArray("{]") << true << QStringLiteral("starts like JSON but is malformed");
    QTest::newRow("array of numbers")
        << QByteArray("[1,2,3]") << true << QStringLiteral("elements are not spans");
    QTest::newRow("array of unknown objects")
        << QByteArray(R"([{"a":1}])") << true << QStringLiteral("not spans of a known format");
    QTest::newRow("malformed array") << QByteArray("[{,") << true << QStringLiteral("not spans");
    QTest::newRow("zipkin thrift as JSON")
        << QByteArray(R"([{"trace_id":1,"id":2,"name":"x"}])") << true << QStringLiteral("Thrift");
    QTest::newRow("otlp logs") << QByteArray(R"({"resourceLogs":[]})") << true << QStringLiteral("logs");
    QTest::newRow("otlp metrics") << QByteArray(R"({"resourceMetrics":[]})") << true
                                  << QStringLiteral("metrics");
    QTest::newRow("otlp profiles") << QByteArray(R"({"resourceProfiles":[]})") << true
                                   << QStringLiteral("profiles");
    QTest::newRow("trace wrapper without resourceSpans")
        << QByteArray(R"({"trace":{"spans":[]}})") << true << QStringLiteral("not a known trace format");
}

void TestFormatSniffer::refusals()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, complete);
    QFETCH(QString, problem);
    const SniffResult result = sniff(head, complete);
    QCOMPARE(result.format, TraceFormat::Unknown);
    QVERIFY2(QString::fromStdString(result.problem).contains(problem), result.problem.c_str());
    QVERIFY(!result.jsonLines);
}

void TestFormatSniffer::framedProtobuf()
{
    // The Collector's `format: proto`: 4-byte big-endian lengths before each message. The head
    // starts 00, which is no format: the pipeline sees the frames and unframes before sniffing.
    for (const char* name : {"otlp-proto/stream-framed.binpb", "otlp-proto/stream-framed-zstd.binpb"}) {
        const QByteArray framed = dataFile(QString::fromLatin1(name));
        QCOMPARE(framed.at(0), '\0');
        QVERIFY(looksFramed(std::string_view(framed.constData(), size_t(framed.size()))));
        QCOMPARE(sniff(framed).format, TraceFormat::Unknown);
        const CapturedImport imported = importBytes(framed);
        QVERIFY2(!imported.failed, imported.error.c_str());
        QCOMPARE(imported.info.format, TraceFormat::OtlpProtobuf);
        QCOMPARE(imported.info.variant, std::string("length-framed"));
        QVERIFY(!imported.sink.spans.empty());
    }
    // The payload of the first frame is a bare TracesData.
    const QByteArray framed = dataFile(QStringLiteral("otlp-proto/stream-framed.binpb"));
    const auto length = (uint32_t(uint8_t(framed[0])) << 24) | (uint32_t(uint8_t(framed[1])) << 16) |
                        (uint32_t(uint8_t(framed[2])) << 8) | uint32_t(uint8_t(framed[3]));
    QCOMPARE(sniff(framed.mid(4, qsizetype(length))).format, TraceFormat::OtlpProtobuf);
    // Neither JSON nor a bare message looks framed.
    for (const QByteArray& other :
         {dataFile(QStringLiteral("otlp-proto/traces.binpb")), kOtlpLine, kZipkinLine})
        QVERIFY(!looksFramed(std::string_view(other.constData(), size_t(other.size()))));
}

void TestFormatSniffer::compressedContentIsSniffedAfterDecompression_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<TraceFormat>("format");
    QTest::addColumn<QString>("variant");
    const QByteArray protobuf = dataFile(QStringLiteral("otlp-proto/traces.binpb"));
    const QByteArray jaeger = dataFile(QStringLiteral("jaeger/query_api.json"));
    const QByteArray zipkin = dataFile(QStringLiteral("zipkin/v2_spans.json"));
    const QByteArray lines = dataFile(QStringLiteral("otlp-json/collector.jsonl"));
    QTest::newRow("gzip otlp json") << gzipped(kOtlpLine) << TraceFormat::OtlpJson << QStringLiteral("gzip");
    QTest::newRow("zstd otlp json") << zstdCompressed(kOtlpLine) << TraceFormat::OtlpJson
                                    << QStringLiteral("zstd");
    QTest::newRow("gzip otlp JSON Lines")
        << gzipped(lines) << TraceFormat::OtlpJson << QStringLiteral("JSON Lines, gzip");
    QTest::newRow("zstd otlp JSON Lines")
        << zstdCompressed(lines) << TraceFormat::OtlpJson << QStringLiteral("JSON Lines, zstd");
    QTest::newRow("gzip otlp protobuf (committed fixture)")
        << dataFile(QStringLiteral("otlp-proto/traces.binpb.gz")) << TraceFormat::OtlpProtobuf
        << QStringLiteral("gzip");
    QTest::newRow("zstd otlp protobuf")
        << zstdCompressed(protobuf) << TraceFormat::OtlpProtobuf << QStringLiteral("zstd");
    QTest::newRow("gzip jaeger") << gzipped(jaeger) << TraceFormat::JaegerJson
                                 << QStringLiteral("query API response, gzip");
    QTest::newRow("zstd jaeger") << zstdCompressed(jaeger) << TraceFormat::JaegerJson
                                 << QStringLiteral("query API response, zstd");
    QTest::newRow("gzip zipkin") << gzipped(zipkin) << TraceFormat::ZipkinJson
                                 << QStringLiteral("zipkin-v2, gzip");
    QTest::newRow("zstd zipkin") << zstdCompressed(zipkin) << TraceFormat::ZipkinJson
                                 << QStringLiteral("zipkin-v2, zstd");
}

void TestFormatSniffer::compressedContentIsSniffedAfterDecompression()
{
    QFETCH(QByteArray, bytes);
    QFETCH(TraceFormat, format);
    QFETCH(QString, variant);
    const CapturedImport imported = importBytes(bytes);
    QVERIFY2(!imported.failed, imported.error.c_str());
    QCOMPARE(imported.info.format, format);
    QCOMPARE(QString::fromStdString(imported.info.variant), variant);
    QVERIFY(!imported.sink.spans.empty());
}

void TestFormatSniffer::fileNameNeverMatters()
{
    // The same bytes under names that suggest other formats import the same way.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::pair<const char*, QByteArray> contents[] = {
        {"otlp json", dataFile(QStringLiteral("otlp-json/attributes.json"))},
        {"otlp JSON Lines", dataFile(QStringLiteral("otlp-json/collector.jsonl"))},
        {"otlp protobuf", dataFile(QStringLiteral("otlp-proto/traces.binpb"))},
        {"framed protobuf", dataFile(QStringLiteral("otlp-proto/stream-framed.binpb"))},
        {"jaeger", dataFile(QStringLiteral("jaeger/query_api.json"))},
        {"zipkin", dataFile(QStringLiteral("zipkin/v1_split_halves.json"))},
        {"gzip otlp json", gzipped(dataFile(QStringLiteral("otlp-json/attributes.json")))},
        {"zstd jaeger", zstdCompressed(dataFile(QStringLiteral("jaeger/query_api.json")))},
    };
    const char* names[] = {"trace.json",    "trace.pb",  "trace.txt", "trace.jsonl",
                           "trace.json.gz", "trace.zst", "trace"};
    int file = 0;
    for (const auto& [what, bytes] : contents) {
        const CapturedImport expected = importBytes(bytes);
        QVERIFY2(!expected.failed, what);
        QVERIFY(expected.info.format != TraceFormat::Unknown);
        for (const char* name : names) {
            const QString path =
                directory.filePath(QString::number(file++) + QLatin1Char('/') + QLatin1String(name));
            writeFile(path, bytes);
            const CapturedImport imported = importPath(path);
            const QByteArray context = QByteArray(what) + " as " + name + ": " + imported.error.c_str();
            QVERIFY2(!imported.failed, context.constData());
            QVERIFY2(imported.info.format == expected.info.format, context.constData());
            QVERIFY2(imported.info.variant == expected.info.variant, context.constData());
            QVERIFY2(imported.sink.dump() == expected.sink.dump(), context.constData());
        }
    }
}

QTEST_GUILESS_MAIN(TestFormatSniffer)
#include "tst_format_sniffer.moc"
