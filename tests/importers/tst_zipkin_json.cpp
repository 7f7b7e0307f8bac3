// SPDX-License-Identifier: MIT
// The Zipkin JSON importer (v1 and v2): golden dumps of our own fixtures (one per shape and quirk),
// the real third-party files and the v1 conversion rules. Hostile input is in
// tst_zipkin_json_hostile.cpp.
#include "CaptureSink.h"
#include "Fixtures.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QTest>
#include <algorithm>
#include <set>

using namespace spanscope;
using namespace spanscope::test;
using namespace spanscope::test::zipkin;

namespace {

std::vector<const CaptureSink::Span*> spansWithId(const CaptureSink& sink, uint64_t id)
{
    std::vector<const CaptureSink::Span*> found;
    for (const auto& span : sink.spans) {
        if (span.spanId == id)
            found.push_back(&span);
    }
    return found;
}

size_t countKind(const CaptureSink& sink, SpanKind kind)
{
    return size_t(
        std::count_if(sink.spans.begin(), sink.spans.end(), [&](const auto& s) { return s.kind == kind; }));
}

size_t countFlag(const CaptureSink& sink, uint32_t flag)
{
    return size_t(std::count_if(sink.spans.begin(), sink.spans.end(),
                                [&](const auto& s) { return (s.flags & flag) != 0; }));
}

#define IMPORT_REAL(result, relative)                                                                        \
    SPANSCOPE_REQUIRE_REAL_DATA();                                                                           \
    const CapturedImport result = importPath(realDataPath(QStringLiteral(relative)));                        \
    QVERIFY2(!result.failed, result.error.c_str());                                                          \
    QCOMPARE(result.info.format, TraceFormat::ZipkinJson)

} // namespace

class TestZipkinJson : public QObject
{
    Q_OBJECT

private slots:
    void goldens_data();
    void goldens();

    void realV1ErrorBatch();
    void realV1SplitHalves();
    void realV1OneRecordBothSides();
    void realV2PaddedParent();
    void realV2Kafka();
    void realV2Skew();
    void realV2SmartThings();

    void v2Mapping();
    void v1OneRecordGivesTwoSpans();
    void v1HalvesStaySeparate();
    void v1Messaging();
    void v1Quirks();
    void recordsDecideTheirVersion();
    void endpointsShareResources();
    void wrongTypesKeepTheSpan();
    void openTelemetryStatusTags();
    void spansWithoutIdsGetSyntheticOnes();
    void zeroTimesAreAbsent();
};

void TestZipkinJson::goldens_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name : {"v2_spans", "v2_single_span", "trace_list", "empty", "v1_rpc_one_record",
                             "v1_split_halves", "v1_messaging", "v1_quirks", "mixed_v1_v2", "wrong_types"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestZipkinJson::goldens()
{
    QFETCH(QString, name);
    const CapturedImport result = importPath(fixture(name + QStringLiteral(".json")));
    QCOMPARE(result.info.format, TraceFormat::ZipkinJson);
    QString message;
    QVERIFY2(matchesGolden(fixture(name + QStringLiteral(".golden")), goldenText(result), message),
             qPrintable(message));
}

void TestZipkinJson::realV1ErrorBatch()
{
    IMPORT_REAL(result, "zipkin-v1/otelcol_zipkin_v1_error_batch.json");
    QCOMPARE(result.info.variant, std::string("zipkin-v1"));
    const CaptureSink& sink = result.sink;
    // README: 1 trace, 2 records; each record has one side only, so 2 spans.
    QCOMPARE(sink.spans.size(), size_t(2));
    const auto& server = sink.spans[0];
    QCOMPARE(server.spanId, uint64_t(0x0ed2e63cbe71f5a8));
    QCOMPARE(server.kind, SpanKind::Server);
    QCOMPARE(server.flags, uint32_t(SpanFlag::Shared)); // no record timestamp: the server half
    QCOMPARE(server.startNs, int64_t(1544805927448081000));
    QCOMPARE(server.endNs, int64_t(1544805927460102000));
    QCOMPARE(server.service, std::string("service1"));
    QVERIFY(server.text.find("event{1544805927450000000 custom time event }") != std::string::npos);

    const auto& client = sink.spans[1];
    QCOMPARE(client.spanId, uint64_t(0xf9ebb6e64880612a));
    QCOMPARE(client.parentSpanId, uint64_t(0)); // "BADID": a root, with a warning
    QCOMPARE(client.kind, SpanKind::Client);
    QCOMPARE(client.startNs, int64_t(1544805927453923000));
    QCOMPARE(client.endNs - client.startNs, int64_t(3740000));
    QCOMPARE(sink.warnings,
             std::vector<std::string>{"36:3: invalid \"parentId\" \"BADID\"; the span is shown as a root"});
}

void TestZipkinJson::realV1SplitHalves()
{
    IMPORT_REAL(result, "zipkin-v1/otelcol_zipkin_v1_single_batch.json");
    const CaptureSink& sink = result.sink;
    // README: 5 records, 3 unique ids. The client and server halves are separate records, each
    // one span: 5 spans. The span tree later pairs each CLIENT with its SERVER.
    QCOMPARE(sink.spans.size(), size_t(5));
    QVERIFY(sink.warnings.empty());
    std::set<uint64_t> ids;
    for (const auto& span : sink.spans)
        ids.insert(span.spanId);
    QCOMPARE(ids.size(), size_t(3));

    const auto root = spansWithId(sink, 0x0ed2e63cbe71f5a8);
    QCOMPARE(root.size(), size_t(2));
    QCOMPARE(root[0]->kind, SpanKind::Server);
    QCOMPARE(root[0]->service, std::string("service1"));
    QVERIFY(root[0]->flags & SpanFlag::Shared);
    QCOMPARE(root[1]->kind, SpanKind::Client);
    QCOMPARE(root[1]->service, std::string("front-proxy"));
    QCOMPARE(root[1]->flags, uint32_t(0));
    QCOMPARE(root[1]->startNs, int64_t(1544805927446743000));
    QCOMPARE(root[1]->endNs, int64_t(1544805927446743000 + 12956000));

    const auto stock = spansWithId(sink, 0xf9ebb6e64880612a);
    QCOMPARE(stock.size(), size_t(2));
    QCOMPARE(stock[0]->kind, SpanKind::Client);
    QCOMPARE(stock[0]->service, std::string("service1"));
    QCOMPARE(stock[1]->kind, SpanKind::Server);
    QCOMPARE(stock[1]->service, std::string("service2"));
    QVERIFY(stock[1]->flags & SpanFlag::Shared);
    // The server half has no span timestamp: sr and ss time it.
    QCOMPARE(stock[1]->startNs, int64_t(1544805927454487000));
    QCOMPARE(stock[1]->endNs, int64_t(1544805927457320000));
    QCOMPARE(attributeText(*stock[1], "http.url"), std::string("http://localhost:9000/trace/2 (string)"));
    QCOMPARE(attributeText(*stock[1], "http.status_code"), std::string("200 (string)"));
    QCOMPARE(attributeText(*stock[1], "success"), std::string("true (string)"));

    const auto other = spansWithId(sink, 0xfe351a053fbcac1f);
    QCOMPARE(other.size(), size_t(1));
    QCOMPARE(other[0]->kind, SpanKind::Unspecified);
    QCOMPARE(other[0]->service, std::string());
    QCOMPARE(sink.resources.size(), size_t(3));
}

void TestZipkinJson::realV1OneRecordBothSides()
{
    IMPORT_REAL(result, "zipkin-v1/zipkin_benchmarks_span-rpc.json");
    QCOMPARE(result.info.variant, std::string("zipkin-v1, single span"));
    const CaptureSink& sink = result.sink;
    // README: ONE record with both client and server annotations; like Zipkin's V1SpanConverter
    // it gives TWO spans with the same id.
    QCOMPARE(sink.spans.size(), size_t(2));
    const auto& client = sink.spans[0];
    const auto& server = sink.spans[1];
    QCOMPARE(client.spanId, uint64_t(0xd673d7abe80d2f3f));
    QCOMPARE(server.spanId, uint64_t(0xd673d7abe80d2f3f));
    QCOMPARE(client.parentSpanId, uint64_t(0x83c138a4ee0f3de9));
    QCOMPARE(server.parentSpanId, uint64_t(0x83c138a4ee0f3de9));

    QCOMPARE(client.kind, SpanKind::Client);
    QCOMPARE(client.service, std::string("zipkin-web"));
    QCOMPARE(client.flags, uint32_t(0));
    QCOMPARE(client.startNs, int64_t(1461750491274000000));
    QCOMPARE(client.endNs, int64_t(1461750491325000000));
    QCOMPARE(attributeText(client, "http.uri"), std::string("/api/v1/traces (string)"));
    QCOMPARE(attributeText(client, "http.path"), std::string("<absent>"));
    // ws/wr outside messaging are events.
    QVERIFY(client.text.find("event{1461750491274000000 ws } event{1461750491325000000 wr }") !=
            std::string::npos);
    // The last "sa" wins, as in Zipkin. This file logs one per side, and the one zipkin-web logged
    // names zipkin-web itself as the service of the server address: so says the file.
    QCOMPARE(attributeText(client, "peer.service"), std::string("zipkin-web (string)"));
    QCOMPARE(attributeText(client, "net.peer.ip"), std::string("172.18.0.4 (string)"));
    QCOMPARE(attributeText(client, "net.peer.port"), std::string("9411 (int)"));

    QCOMPARE(server.kind, SpanKind::Server);
    QCOMPARE(server.service, std::string("zipkin-query"));
    QCOMPARE(server.flags, uint32_t(SpanFlag::Shared));
    QCOMPARE(server.startNs, int64_t(1461750491298000000));
    QCOMPARE(server.endNs, int64_t(1461750491302000000));
    QCOMPARE(attributeText(server, "http.path"), std::string("/api/v1/traces (string)"));
    QCOMPARE(attributeText(server, "srv/finagle.version"), std::string("6.34.0 (string)"));
    QCOMPARE(attributeText(server, "net.peer.ip"), std::string("172.18.0.3 (string)"));
    QCOMPARE(attributeText(server, "net.peer.port"), std::string("42291 (int)"));
    QCOMPARE(sink.resources.size(), size_t(2));
    QCOMPARE(
        sink.resources[1],
        std::string("zipkin-query | service.name=zipkin-query (string), net.host.ip=172.18.0.4 (string), "
                    "net.host.port=9411 (int)"));
}

void TestZipkinJson::realV2PaddedParent()
{
    IMPORT_REAL(result, "zipkin-v2/jaeger_zipkin_v2_03.json");
    QCOMPARE(result.info.variant, std::string("zipkin-v2"));
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    QCOMPARE(span.parentSpanId, uint64_t(0x0c26551047c72d19)); // 15 hex characters, left-padded
    QCOMPARE(span.kind, SpanKind::Producer);
    QCOMPARE(span.service, std::string("schemas-service"));
    QCOMPARE(span.startNs, int64_t(1597704629675602000));
    QCOMPARE(span.endNs - span.startNs, int64_t(9550570000));
    QCOMPARE(attributeText(span, "peer.service"), std::string("kafka (string)"));
    QCOMPARE(attributeText(span, "kafka.topic"), std::string("schema-changed (string)"));
    QVERIFY(result.sink.warnings.empty());
}

void TestZipkinJson::realV2Kafka()
{
    IMPORT_REAL(result, "zipkin-v2/zipkin-lens_messaging-kafka.json");
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(28)); // README: 28 records, one span each
    QCOMPARE(countKind(sink, SpanKind::Producer), size_t(9));
    QCOMPARE(countKind(sink, SpanKind::Consumer), size_t(7));
    QCOMPARE(countKind(sink, SpanKind::Unspecified), size_t(12));
    QCOMPARE(countFlag(sink, SpanFlag::Error), size_t(3));
    for (const auto& span : sink.spans) {
        if (span.flags & SpanFlag::Error)
            QCOMPARE(span.status, StatusCode::Error);
    }
    QVERIFY(sink.warnings.empty());
    const auto* root = sink.find(0x0562809467078eab);
    QVERIFY(root);
    QCOMPARE(root->parentSpanId, uint64_t(0));
    QCOMPARE(root->kind, SpanKind::Consumer);
    QCOMPARE(root->endNs - root->startNs, int64_t(26000));
}

void TestZipkinJson::realV2Skew()
{
    IMPORT_REAL(result, "zipkin-v2/zipkin-lens_skew.json");
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(4)); // README: 4 records, 3 unique ids
    const auto shared = spansWithId(sink, 0x74280ae0c10d8062);
    QCOMPARE(shared.size(), size_t(2));
    QCOMPARE(shared[0]->kind, SpanKind::Server);
    QCOMPARE(shared[0]->flags, uint32_t(SpanFlag::Shared));
    QCOMPARE(shared[0]->service, std::string("serviceb"));
    QCOMPARE(shared[1]->kind, SpanKind::Client);
    QCOMPARE(shared[1]->flags, uint32_t(0));
    QCOMPARE(shared[1]->service, std::string("servicea"));
    // The server half starts about 65 ms before its client half: kept as written.
    QVERIFY(shared[1]->startNs - shared[0]->startNs > 65'000'000);
    const auto* local = sink.find(0x43210ae0c10d1234);
    QVERIFY(local);
    QCOMPARE(local->kind, SpanKind::Unspecified);
    QCOMPARE(local->parentSpanId, uint64_t(0x74280ae0c10d8062));
    QCOMPARE(sink.resources.size(), size_t(2));
}

void TestZipkinJson::realV2SmartThings()
{
    IMPORT_REAL(result, "zipkin-v2/zipkin-lens_smartthings-oauth-authorization.json");
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(175)); // README: 175 records, 130 unique ids
    std::set<uint64_t> ids;
    std::set<std::string> services;
    for (const auto& span : sink.spans) {
        ids.insert(span.spanId);
        services.insert(span.service);
        QCOMPARE(span.traceId, sink.spans[0].traceId);
    }
    QCOMPARE(ids.size(), size_t(130));
    QCOMPARE(services.size(), size_t(8));
    QCOMPARE(countFlag(sink, SpanFlag::Shared), size_t(45));
    QCOMPARE(countFlag(sink, SpanFlag::Error), size_t(2));
    QCOMPARE(countFlag(sink, SpanFlag::MissingEnd), size_t(19)); // 19 records without duration
    QCOMPARE(countFlag(sink, SpanFlag::MissingStart), size_t(0));
    QCOMPARE(countKind(sink, SpanKind::Client), size_t(95));
    QCOMPARE(countKind(sink, SpanKind::Server), size_t(77));
    QVERIFY(sink.warnings.empty());
}

void TestZipkinJson::v2Mapping()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("v2_spans.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(7));
    const auto& root = sink.spans[0];
    QCOMPARE(root.traceId, (TraceId{0x4bf92f3577b34da6, 0xa3ce929d0e0e4736}));
    QCOMPARE(root.kind, SpanKind::Server);
    QCOMPARE(root.startNs, int64_t(1700000000000000000));
    QCOMPARE(root.endNs, int64_t(1700000000250000000));
    QCOMPARE(attributeText(root, "http.status_code"),
             std::string("200 (string)")); // a JSON number keeps its text
    QCOMPARE(attributeText(root, "cache.hit"), std::string("false (string)"));
    QCOMPARE(attributeText(root, "net.peer.ip"), std::string("203.0.113.7 (string)"));
    QCOMPARE(attributeText(root, "net.peer.port"), std::string("51234 (int)"));
    QCOMPARE(attributeText(root, "peer.service"), std::string("<absent>"));
    QCOMPARE(root.events, size_t(1));

    const auto& server = sink.spans[2];
    QCOMPARE(server.flags, uint32_t(SpanFlag::Shared | SpanFlag::Error));
    QCOMPARE(server.status, StatusCode::Error);
    QVERIFY(server.text.find("status=ERROR(cart not found)") != std::string::npos);
    const auto& local = sink.spans[3];
    QCOMPARE(local.flags, uint32_t(SpanFlag::Error)); // an empty error tag is still an error
    QCOMPARE(local.status, StatusCode::Error);
    QCOMPARE(local.kind, SpanKind::Unspecified);
    QCOMPARE(sink.spans[4].w3cFlags, uint32_t(3)); // debug
    QCOMPARE(sink.spans[4].w3cFlags & 1, uint32_t(1));
    QCOMPARE(sink.spans[5].kind, SpanKind::Consumer); // "consumer": case does not matter
    // A 16-character trace id and its 32-character form are the same trace when the high half is 0;
    // this one is not, so it is a trace of its own.
    QCOMPARE(sink.spans[5].traceId, (TraceId{0, 0xa3ce929d0e0e4736}));
    QCOMPARE(sink.spans[6].flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
}

void TestZipkinJson::v1OneRecordGivesTwoSpans()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("v1_rpc_one_record.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(4)); // 2 records, both sides in each
    const auto rpc = spansWithId(sink, 0x6b221d5bc9e6496c);
    QCOMPARE(rpc.size(), size_t(2));
    QCOMPARE(rpc[0]->kind, SpanKind::Client);
    QCOMPARE(rpc[0]->service, std::string("web"));
    QCOMPARE(rpc[0]->startNs, int64_t(1470150004071068000));
    QCOMPARE(rpc[0]->endNs - rpc[0]->startNs, int64_t(99411000));
    QCOMPARE(attributeText(*rpc[0], "peer.service"), std::string("accounts (string)"));
    QCOMPARE(rpc[1]->kind, SpanKind::Server);
    QCOMPARE(rpc[1]->service, std::string("accounts"));
    QCOMPARE(rpc[1]->flags, uint32_t(SpanFlag::Shared));
    QCOMPARE(rpc[1]->startNs, int64_t(1470150004071900000));
    QCOMPARE(rpc[1]->endNs, int64_t(1470150004169000000));
    QCOMPARE(attributeText(*rpc[1], "peer.service"), std::string("web (string)"));
    QCOMPARE(attributeText(*rpc[1], "net.peer.port"), std::string("41872 (int)"));
    QCOMPARE(rpc[1]->events, size_t(1)); // "db query"

    // Loopback: the same service on both sides still gives a client and a server.
    const auto loop = spansWithId(sink, 0x7c332e6cdaf75a7d);
    QCOMPARE(loop.size(), size_t(2));
    QCOMPARE(loop[0]->kind, SpanKind::Client);
    QCOMPARE(loop[1]->kind, SpanKind::Server);
    QCOMPARE(loop[0]->service, std::string("accounts"));
    QCOMPARE(loop[1]->service, std::string("accounts"));
    QCOMPARE(loop[1]->endNs - loop[1]->startNs, int64_t(16000000));
}

void TestZipkinJson::v1HalvesStaySeparate()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("v1_split_halves.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const auto halves = spansWithId(result.sink, 0xe457b5a2e4d86bd1);
    QCOMPARE(halves.size(), size_t(2));
    QCOMPARE(halves[0]->kind, SpanKind::Client);
    QCOMPARE(attributeText(*halves[0], "peer.service"), std::string("inventory (string)"));
    QCOMPARE(halves[1]->kind, SpanKind::Server);
    QCOMPARE(halves[1]->flags, uint32_t(SpanFlag::Shared));
    // "ca" with the value "1" (zipkin-ruby) is an address too.
    QCOMPARE(attributeText(*halves[1], "net.peer.port"), std::string("53412 (int)"));
    QCOMPARE(attributeText(*halves[1], "ca"), std::string("<absent>"));
}

void TestZipkinJson::v1Messaging()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("v1_messaging.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(4));
    const auto& producer = sink.spans[0];
    QCOMPARE(producer.kind, SpanKind::Producer);
    QCOMPARE(producer.endNs - producer.startNs, int64_t(400000)); // ms .. ws
    QCOMPARE(attributeText(producer, "peer.service"), std::string("rabbitmq (string)"));
    QCOMPARE(attributeText(producer, "queue"), std::string("order-created (string)"));
    const auto& consumer = sink.spans[1];
    QCOMPARE(consumer.kind, SpanKind::Consumer);
    QCOMPARE(consumer.startNs, int64_t(1520000000050000000)); // wr .. mr
    QCOMPARE(consumer.endNs, int64_t(1520000000050200000));
    // ms and mr in one record: a producer and a shared consumer.
    QCOMPARE(sink.spans[2].kind, SpanKind::Producer);
    QCOMPARE(sink.spans[2].service, std::string("billing"));
    QCOMPARE(sink.spans[2].flags, uint32_t(SpanFlag::MissingEnd));
    QCOMPARE(sink.spans[3].kind, SpanKind::Consumer);
    QCOMPARE(sink.spans[3].service, std::string("ledger"));
    QCOMPARE(sink.spans[3].flags, uint32_t(SpanFlag::Shared | SpanFlag::MissingEnd));
}

void TestZipkinJson::v1Quirks()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("v1_quirks.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(3));
    const auto& local = sink.spans[0];
    QCOMPARE(local.traceId, (TraceId{0x463ac35c9f6413ad, 0x48485a3953bb6124}));
    QCOMPARE(local.spanId, uint64_t(0x00b4e7c3a2f1d9e8));  // 15 characters, left-padded
    QCOMPARE(local.parentSpanId, uint64_t(0));             // BADID
    QCOMPARE(local.startNs, int64_t(1463737111294000000)); // 1.463737111294e+15 µs
    QCOMPARE(local.endNs - local.startNs, int64_t(2500000));
    QCOMPARE(local.kind, SpanKind::Unspecified);
    QCOMPARE(local.service, std::string("worker"));
    QCOMPARE(attributeText(local, "lc"), std::string("scheduler (string)"));
    QCOMPARE(attributeText(local, "retries"), std::string("3 (string)"));
    QCOMPARE(attributeText(local, "fatal"), std::string("false (string)"));
    QCOMPARE(attributeText(local, "peer.service"), std::string("<absent>")); // "sa": false is no address
    QCOMPARE(local.status, StatusCode::Error);
    QVERIFY(local.text.find("status=ERROR(out of memory)") != std::string::npos);
    QVERIFY(local.text.find("event{1463737111295000000 cache miss }") != std::string::npos);
    QVERIFY(hasWarning(sink, QStringLiteral("invalid \"parentId\" \"BADID\"; the span is shown as a root")));
    // Port -1 is Thrift's signed 16-bit form of 65535.
    QCOMPARE(sink.resources[0],
             std::string("worker | service.name=worker (string), net.host.ip=10.1.1.1 (string), "
                         "net.host.port=65535 (int)"));

    // Only "cs": an incomplete client span timed by it; "cs" without an endpoint is an event.
    const auto& incomplete = sink.spans[1];
    QCOMPARE(incomplete.kind, SpanKind::Client);
    QCOMPARE(incomplete.startNs, int64_t(1463737111296000000));
    QCOMPARE(incomplete.flags, uint32_t(SpanFlag::MissingEnd));
    QVERIFY(incomplete.text.find("event{1463737111296100000 cs }") != std::string::npos);

    // Only an "sa" address: a client span calling redis.
    const auto& address = sink.spans[2];
    QCOMPARE(address.kind, SpanKind::Client);
    QCOMPARE(attributeText(address, "peer.service"), std::string("redis (string)"));
    QCOMPARE(address.service, std::string()); // no endpoint of its own
    QVERIFY(address.text.find(" res=0 ") != std::string::npos);
}

void TestZipkinJson::recordsDecideTheirVersion()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("mixed_v1_v2.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant, std::string("zipkin-v1+v2"));
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(3));
    QCOMPARE(sink.spans[0].kind, SpanKind::Server);
    QCOMPARE(sink.spans[1].kind, SpanKind::Server); // v1: sr/ss
    QCOMPARE(sink.spans[1].service, std::string("renderer"));
    QCOMPARE(sink.spans[2].kind, SpanKind::Unspecified);

    const CapturedImport list = importPath(fixture(QStringLiteral("trace_list.json")));
    QCOMPARE(list.info.variant, std::string("zipkin-v2, trace list"));
    QCOMPARE(list.sink.spans.size(), size_t(3));

    const CapturedImport empty = importPath(fixture(QStringLiteral("empty.json")));
    QVERIFY2(!empty.failed, empty.error.c_str());
    QCOMPARE(empty.sink.spans.size(), size_t(0));
    QVERIFY(empty.sink.warnings.empty());
}

void TestZipkinJson::endpointsShareResources()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("v2_spans.json")));
    // frontend (twice, same address), cart (ipv6, twice), cart (no address), audit (twice).
    QCOMPARE(result.sink.resources.size(), size_t(4));
    QCOMPARE(result.sink.resources[1],
             std::string("cart | service.name=cart (string), net.host.ipv6=2001:db8::c001 (string), "
                         "net.host.port=9000 (int)"));
}

void TestZipkinJson::wrongTypesKeepTheSpan()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("wrong_types.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(3));
    const auto* first = sink.find(1);
    QVERIFY(first);
    QCOMPARE(first->name, std::string());
    QCOMPARE(first->kind, SpanKind::Unspecified);
    QCOMPARE(first->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    for (const char* field : {"name", "kind", "timestamp", "duration", "shared", "localEndpoint",
                              "remoteEndpoint", "annotations", "tags"})
        QVERIFY2(hasWarning(sink, QStringLiteral("\"%1\" ignored").arg(QLatin1String(field))), field);
    QVERIFY(hasWarning(sink, QStringLiteral("a span skipped: \"id\" is not a string")));
    QVERIFY(
        hasWarning(sink, QStringLiteral("a span skipped: span with the invalid \"traceId\" \"not-hex\"")));
    // An all-zero id and a missing trace id are "no id"; with no name and no times either, such
    // records have nothing to show and are skipped, each with a warning.
    int nothingToShow = 0;
    for (const std::string& warning : sink.warnings)
        nothingToShow +=
            warning.find("a span without ids, name or start time was skipped") != std::string::npos;
    QCOMPARE(nothingToShow, 2);
    QVERIFY(hasWarning(
        sink, QStringLiteral("a span skipped: span with the invalid \"id\" \"00000000000000000004\"")));
    QVERIFY(hasWarning(sink, QStringLiteral("an array element that is not a span was skipped")));
    QVERIFY(hasWarning(sink, QStringLiteral("endpoint port 70000 is out of range; ignored")));
    const auto* seventh = sink.find(7);
    QVERIFY(seventh);
    QCOMPARE(seventh->flags, uint32_t(SpanFlag::MissingEnd)); // a negative duration is ignored
    QVERIFY(hasWarning(sink, QStringLiteral("negative \"duration\" ignored")));
    QCOMPARE(attributeText(*seventh, "nested"), std::string("{\"a\": [1, 2]} (string)"));
    QCOMPARE(attributeText(*seventh, "none"), std::string(" (string)"));
}

QTEST_GUILESS_MAIN(TestZipkinJson)
void TestZipkinJson::openTelemetryStatusTags()
{
    // How OpenTelemetry's Zipkin exporters write the status: otel.status_code, with an `error` tag
    // only when there is a message; Zipkin's own rule (any `error` tag is an error) still holds.
    const CapturedImport result = importBytes(QByteArray(R"([
      {"traceId": "00000000000000aa", "id": "0000000000000001", "name": "ok", "timestamp": 1, "duration": 1,
       "tags": {"otel.status_code": "OK", "otel.status_description": "all good"}},
      {"traceId": "00000000000000aa", "id": "0000000000000002", "name": "error without message", "timestamp": 2,
       "duration": 1, "tags": {"otel.status_code": "ERROR"}},
      {"traceId": "00000000000000aa", "id": "0000000000000003", "name": "error with message", "timestamp": 3,
       "duration": 1, "tags": {"otel.status_code": "ERROR", "error": "card declined"}},
      {"traceId": "00000000000000aa", "id": "0000000000000004", "name": "error tag wins", "timestamp": 4,
       "duration": 1, "tags": {"otel.status_code": "OK", "error": ""}},
      {"traceId": "00000000000000aa", "id": "0000000000000005", "name": "unset", "timestamp": 5, "duration": 1,
       "tags": {"otel.status_code": "UNSET", "otel.scope.name": "checkout", "w3c.tracestate": "k=v"}}
    ])"));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(5));
    const auto* ok = sink.find(1);
    QCOMPARE(ok->status, StatusCode::Ok);
    QCOMPARE(ok->flags & SpanFlag::Error, 0u);
    QVERIFY2(ok->text.find("status=OK(all good)") != std::string::npos, ok->text.c_str());
    QCOMPARE(sink.find(2)->status, StatusCode::Error);
    QCOMPARE(sink.find(2)->flags & SpanFlag::Error, uint32_t(SpanFlag::Error));
    QVERIFY(sink.find(3)->text.find("status=ERROR(card declined)") != std::string::npos);
    QCOMPARE(sink.find(4)->status, StatusCode::Error);
    QCOMPARE(sink.find(4)->flags & SpanFlag::Error, uint32_t(SpanFlag::Error));
    QCOMPARE(sink.find(5)->status, StatusCode::Unset);
    // The tags stay attributes, as every Zipkin tag does.
    QCOMPARE(attributeText(*ok, "otel.status_code"), std::string("OK (string)"));
    QVERIFY(sink.warnings.empty());
}

void TestZipkinJson::spansWithoutIdsGetSyntheticOnes()
{
    // docs/FORMATS.md, "Spans without ids": "" or missing ids are kept under synthetic ones; the
    // two halves of a v1 record share theirs.
    const QByteArray file(R"([
      {"traceId": "", "id": "", "name": "no ids", "timestamp": 1700000000000000, "duration": 10},
      {"name": "missing ids", "timestamp": 1700000000000005, "duration": 2},
      {"traceId": "00000000000000aa", "name": "no span id", "timestamp": 1700000000000001, "duration": 1},
      {"name": "rpc", "annotations": [
        {"timestamp": 1700000000000002, "value": "cs", "endpoint": {"serviceName": "web"}},
        {"timestamp": 1700000000000003, "value": "sr", "endpoint": {"serviceName": "api"}},
        {"timestamp": 1700000000000004, "value": "ss", "endpoint": {"serviceName": "api"}},
        {"timestamp": 1700000000000005, "value": "cr", "endpoint": {"serviceName": "web"}}]}
    ])");
    const CapturedImport result = importBytes(file);
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(5));
    QCOMPARE(countFlag(sink, SpanFlag::SyntheticId), size_t(5));
    const TraceId synthetic = sink.spans[0].traceId;
    QVERIFY(synthetic.isValid());
    QCOMPARE(sink.spans[1].traceId, synthetic); // one synthetic trace per file
    QCOMPARE(sink.spans[2].traceId, (TraceId{0, 0xaa}));
    std::set<uint64_t> ids;
    for (const auto& span : sink.spans) {
        QVERIFY(span.spanId != 0);
        ids.insert(span.spanId);
    }
    QCOMPARE(ids.size(), size_t(4)); // the client and server halves of "rpc" share one
    QCOMPARE(sink.spans[3].spanId, sink.spans[4].spanId);
    QCOMPARE(sink.spans[4].flags & SpanFlag::Shared, uint32_t(SpanFlag::Shared));
    QCOMPARE(sink.warnings, std::vector<std::string>{
                                ": 4 span(s) without a trace id were put in one synthetic trace; 5 span(s) "
                                "without a span id were given synthetic span ids (marked synthetic_id)"});
    // The same bytes, the same ids.
    QCOMPARE(importBytes(file).sink.dump(), sink.dump());
}

void TestZipkinJson::zeroTimesAreAbsent()
{
    // Zipkin's own rule (zipkin2.Span): a timestamp or duration of 0 is absent, unlike in the
    // other formats (docs/DECISIONS.md).
    const CapturedImport result = importBytes(QByteArray(R"([
      {"traceId": "00000000000000aa", "id": "0000000000000001", "name": "zero", "timestamp": 0, "duration": 0},
      {"traceId": "00000000000000aa", "id": "0000000000000002", "name": "zero duration", "timestamp": 5,
       "duration": 0}
    ])"));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.find(1)->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    QCOMPARE(result.sink.find(2)->flags, uint32_t(SpanFlag::MissingEnd));
    QCOMPARE(result.sink.find(2)->startNs, int64_t(5000));
}

#include "tst_zipkin_json.moc"
