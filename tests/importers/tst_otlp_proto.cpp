// SPDX-License-Identifier: MIT
// The OTLP protobuf importer: fixtures encoded by protoc from tests/data/otlp-proto/*.txtpb
// (make-fixtures.sh) against golden dumps, the Collector's stream shapes, real files against their
// JSON twins, and field order and unknown fields. Hostile input is in tst_otlp_proto_hostile.cpp.
#include "CaptureSink.h"
#include "OtlpProtoTestSupport.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QTest>
#include <set>

using namespace spanscope;
using namespace spanscope::test::otlpproto;

namespace {

void verifyGolden(const std::string& actual, const QString& golden)
{
    QString message;
    QVERIFY2(test::matchesGolden(test::sourcePath(QStringLiteral("tests/data/otlp-proto/") + golden),
                                 QByteArray::fromStdString(actual), message),
             qPrintable(message));
}

const test::CaptureSink::Span* findSpan(const test::CaptureSink& sink, uint64_t id)
{
    return sink.find(id);
}

} // namespace

class OtlpProtoTest : public QObject
{
    Q_OBJECT

private slots:
    void bareTracesDataMatchesGolden()
    {
        const auto result = importFixture(QStringLiteral("traces.binpb"));
        QVERIFY2(!result->failed, result->error.c_str());
        verifyGolden(result->sink.fullDump(), QStringLiteral("traces.golden"));

        const DetailSink& sink = result->sink;
        // The span with an all-zero span id is kept under a synthetic one.
        QCOMPARE(sink.spans.size(), size_t(8));
        QCOMPARE(result->info.spans, uint64_t(8));
        const auto* root = findSpan(sink, 0x1111111111111111ull);
        QVERIFY(root);
        QCOMPARE(root->service, std::string("frontend"));
        QCOMPARE(root->kind, SpanKind::Server);
        QCOMPARE(root->status, StatusCode::Ok);
        QCOMPARE(root->parentSpanId, uint64_t(0));
        QCOMPARE(root->events, size_t(2));
        QVERIFY(test::describeAttributes(root->attributes)
                    .find("mixed=[1,\"two\",3.5,false,[7],{\"inner\":\"x\"},null] (array)") !=
                std::string::npos);
        QVERIFY(test::describeAttributes(root->attributes)
                    .find("nested={\"level1\":{\"level2\":[\"aGk=\"]},\"empty\":null} (kvlist)") !=
                std::string::npos);
        QCOMPARE(findSpan(sink, 0x2222222222222222ull)->links, size_t(1)); // the bad link is dropped
        QCOMPARE(findSpan(sink, 0x3333333333333333ull)->flags, uint32_t(SpanFlag::Error));
        QCOMPARE(findSpan(sink, 0x4444444444444444ull)->flags,
                 uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
        QCOMPARE(findSpan(sink, 0x6666666666666666ull)->flags, uint32_t(SpanFlag::EndBeforeStart));
        QCOMPARE(findSpan(sink, 0x7777777777777777ull)->parentSpanId, uint64_t(0));
        QCOMPARE(findSpan(sink, 0x7777777777777777ull)->service, std::string("backend"));
        const std::vector<std::string> warnings = {
            "byte 607: a link without a valid trace and span id was dropped",
            "byte 1266: invalid parent_span_id (3 bytes); the span is shown as a root",
            "byte 1331: span skipped: its trace_id has 5 bytes, not 16",
            ": 1 span(s) without a span id were given synthetic span ids (marked synthetic_id)",
        };
        QCOMPARE(sink.warnings, warnings);
        QCOMPARE(sink.details[0], std::string("1111111111111111 scope=1 trace_state=vendor=abc w3c=769 "
                                              "dropped=0/0/0 event_dropped=1 event_dropped=0"));
        QVERIFY(sink.details[1].find("dropped=3/2/1 link{trace_state=k=v flags=1 dropped=4}") !=
                std::string::npos);
    }

    void exportRequestIsTheSameMessage()
    {
        QCOMPARE(fixtureBytes(QStringLiteral("traces-request.binpb")),
                 fixtureBytes(QStringLiteral("traces.binpb")));
        const auto request = importFixture(QStringLiteral("traces-request.binpb"));
        const auto bare = importFixture(QStringLiteral("traces.binpb"));
        QVERIFY(!request->failed);
        QCOMPARE(request->sink.fullDump(), bare->sink.fullDump());
    }

    void gzipIsDecompressed()
    {
        const auto gzip = importFixture(QStringLiteral("traces.binpb.gz"));
        QVERIFY2(!gzip->failed, gzip->error.c_str());
        QCOMPARE(gzip->info.variant, std::string("gzip"));
        QCOMPARE(gzip->sink.fullDump(), importFixture(QStringLiteral("traces.binpb"))->sink.fullDump());
    }

    void collectorStreams_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("variant");
        QTest::newRow("concatenated") << QStringLiteral("stream-concatenated.binpb") << QString();
        QTest::newRow("length-framed")
            << QStringLiteral("stream-framed.binpb") << QStringLiteral("length-framed");
        QTest::newRow("framed, zstd per message")
            << QStringLiteral("stream-framed-zstd.binpb") << QStringLiteral("length-framed");
    }

    void collectorStreams()
    {
        QFETCH(QString, file);
        QFETCH(QString, variant);
        const auto result = importFixture(file);
        QVERIFY2(!result->failed, result->error.c_str());
        QCOMPARE(QString::fromStdString(result->info.variant), variant);
        verifyGolden(result->sink.fullDump(), QStringLiteral("stream.golden"));
        // One trace spread over three ResourceSpans in two messages, and a second trace.
        std::set<TraceId> traces;
        size_t ofFirstTrace = 0;
        for (const auto& span : result->sink.spans) {
            traces.insert(span.traceId);
            ofFirstTrace += span.traceId.high == 0xc0c1c2c3c4c5c6c7ull ? 1 : 0;
        }
        QCOMPARE(traces.size(), size_t(2));
        QCOMPARE(ofFirstTrace, size_t(3));
        QCOMPARE(findSpan(result->sink, 0x0b00000000000002ull)->service, std::string("core"));
        QCOMPARE(findSpan(result->sink, 0x0a00000000000003ull)->service, std::string("edge"));
    }

    void legacyInstrumentationLibrarySpans()
    {
        const auto legacy = importFixture(QStringLiteral("legacy.binpb"));
        QVERIFY2(!legacy->failed, legacy->error.c_str());
        verifyGolden(legacy->sink.fullDump(), QStringLiteral("legacy.golden"));
        QCOMPARE(legacy->sink.scopes, std::vector<std::string>{"io.opentelemetry.old 0.9.0 | "});

        // v0.15-0.18: field 1000 is read when scope_spans is absent, and not read twice.
        const auto transition = importFixture(QStringLiteral("legacy-1000.binpb"));
        QVERIFY2(!transition->failed, transition->error.c_str());
        QCOMPARE(transition->sink.spans.size(), size_t(2));
        QCOMPARE(transition->sink.spans[0].name, std::string("only in field 1000"));
        QCOMPARE(transition->sink.spans[0].service, std::string("transition-a"));
        QCOMPARE(transition->sink.spans[1].name, std::string("in both fields"));
        QCOMPARE(transition->info.variant, std::string("legacy instrumentation_library_spans"));
    }

    void realFilesMatchTheirJsonTwins_data()
    {
        QTest::addColumn<QString>("proto");
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("traces");
        QTest::addColumn<int>("spans");
        QTest::newRow("eoepca") << QStringLiteral("otlp-proto/eoepca_ex2.binpb")
                                << QStringLiteral("otlp-json/eoepca_ex2.json") << 1 << 9;
        QTest::newRow("otlp2parquet") << QStringLiteral("otlp-proto/otlp2parquet_traces.pb")
                                      << QStringLiteral("otlp-json/otlp2parquet_traces.jsonl") << 19 << 19;
    }

    void realFilesMatchTheirJsonTwins()
    {
        QFETCH(QString, proto);
        QFETCH(QString, json);
        QFETCH(int, traces);
        QFETCH(int, spans);
        SPANSCOPE_REQUIRE_REAL_DATA();
        const QString protoPath = test::realDataPath(proto);
        const auto result = test::importPath(protoPath);
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.info.format, TraceFormat::OtlpProtobuf);
        QCOMPARE(int(result.sink.spans.size()), spans);
        std::set<TraceId> ids;
        for (const auto& span : result.sink.spans)
            ids.insert(span.traceId);
        QCOMPARE(int(ids.size()), traces);
        QVERIFY(result.sink.warnings.empty());

        const auto twin = test::importPath(test::realDataPath(json));
        QVERIFY2(!twin.failed, twin.error.c_str());
        QCOMPARE(result.sink.dump(), twin.sink.dump());
    }

    void resourceAndScopeAfterTheirSpans()
    {
        // Field order is free in protobuf: the resource after the scope_spans, the scope after the
        // spans, and a second resource occurrence that protobuf merges into the first.
        const Pb scopeSpans =
            Pb().message(2, simpleSpan('\x01', '\x02', "early")).message(1, Pb().bytes(1, "late-scope"));
        const Pb resourceSpans =
            Pb().message(2, scopeSpans)
                .message(1, Pb().message(1, stringAttribute("service.name", "late-service")))
                .message(1, Pb().message(1, stringAttribute("host.name", "h1")));
        const auto result = importData(Pb().message(1, resourceSpans).data);
        QVERIFY2(!result->failed, result->error.c_str());
        QCOMPARE(result->sink.spans.size(), size_t(1));
        QCOMPARE(result->sink.spans[0].service, std::string("late-service"));
        QCOMPARE(result->sink.resources,
                 std::vector<std::string>{
                     "late-service | service.name=late-service (string), host.name=h1 (string)"});
        QCOMPARE(result->sink.scopes, std::vector<std::string>{"late-scope  | "});
    }

    void unknownFieldsAreSkipped()
    {
        const auto unknowns = [](Pb pb) {
            return pb.varint(90, 1).fixed(91, 2, 8).fixed(92, 3, 4).bytes(93, "skip me");
        };
        Pb span = unknowns(simpleSpan('\x01', '\x02', "s"));
        span.message(15, unknowns(Pb().varint(3, 2)).varint(1, 5)); // and the old deprecated_code
        const Pb scopeSpans = unknowns(Pb().message(1, unknowns(Pb().bytes(1, "scope"))).message(2, span));
        const Pb resourceSpans =
            unknowns(Pb().message(1, unknowns(Pb().message(1, stringAttribute("service.name", "svc"))))
                         .message(2, scopeSpans)
                         .bytes(3, "https://schema")
                         .message(1000, Pb().bytes(1, "reserved")));
        const auto result = importData(unknowns(Pb().message(1, resourceSpans)).data);
        QVERIFY2(!result->failed, result->error.c_str());
        QCOMPARE(result->sink.spans.size(), size_t(1));
        QCOMPARE(result->sink.spans[0].status, StatusCode::Error);
        QCOMPARE(result->sink.spans[0].service, std::string("svc"));
        QVERIFY(result->sink.warnings.empty());
    }

    void aTimeOfZeroOnTheWireIsTheEpoch()
    {
        // A field on the wire is a time, 0 included; only a field that is not there is missing.
        const Pb epoch = Pb().bytes(1, std::string(16, '\x01'))
                             .bytes(2, std::string(8, '\x02'))
                             .bytes(5, "epoch")
                             .fixed(7, 0, 8)
                             .fixed(8, 100'000, 8);
        const Pb missing =
            Pb().bytes(1, std::string(16, '\x01')).bytes(2, std::string(8, '\x03')).bytes(5, "missing");
        const auto result = importData(tracesData(epoch) + tracesData(missing));
        QVERIFY2(!result->failed, result->error.c_str());
        const auto* atEpoch = findSpan(result->sink, 0x0202020202020202ull);
        QVERIFY(atEpoch);
        QCOMPARE(atEpoch->flags, 0u);
        QCOMPARE(atEpoch->startNs, int64_t(0));
        QCOMPARE(atEpoch->endNs, int64_t(100'000));
        QCOMPARE(findSpan(result->sink, 0x0303030303030303ull)->flags,
                 uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    }

    void spansWithoutIdsGetSyntheticOnes()
    {
        // Empty (proto3's default) and all-zero ids are "no id" (docs/FORMATS.md, "Spans without
        // ids"); another length is no id at all and skips the span.
        const Pb noIds = Pb().bytes(5, "no ids").fixed(7, 1'700'000'000'000'000'000ull, 8);
        const Pb zeros =
            Pb().bytes(1, std::string(16, '\0')).bytes(2, std::string(8, '\0')).bytes(5, "zeros");
        const Pb shortId = Pb().bytes(1, std::string(5, '\x01')).bytes(5, "short");
        const auto result = importData(tracesData(noIds) + tracesData(zeros) + tracesData(shortId));
        QVERIFY2(!result->failed, result->error.c_str());
        QCOMPARE(result->sink.spans.size(), size_t(2));
        QCOMPARE(result->sink.spans[0].traceId, result->sink.spans[1].traceId);
        QVERIFY(result->sink.spans[0].spanId != result->sink.spans[1].spanId);
        for (const auto& span : result->sink.spans)
            QCOMPARE(span.flags & SpanFlag::SyntheticId, uint32_t(SpanFlag::SyntheticId));
        QCOMPARE(result->sink.warnings.size(), size_t(2));
        QVERIFY(result->sink.warnings[0].find("span skipped: its trace_id has 5 bytes, not 16") !=
                std::string::npos);
        QCOMPARE(result->sink.warnings[1],
                 std::string(": 2 span(s) without a trace id were put in one synthetic "
                             "trace; 2 span(s) without a span id were given synthetic "
                             "span ids (marked synthetic_id)"));
    }
};

QTEST_GUILESS_MAIN(OtlpProtoTest)
#include "tst_otlp_proto.moc"
