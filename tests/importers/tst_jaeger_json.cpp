// SPDX-License-Identifier: MIT
// The Jaeger JSON importer: golden dumps of our own fixtures (one per shape and quirk), the real
// third-party files, specific mapping rules, and the time formats. Hostile input is in
// tst_jaeger_json_hostile.cpp.
#include "CaptureSink.h"
#include "Fixtures.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "importers/jaeger/JaegerTime.h"
#include "model/AttributeCodec.h"

#include <QTest>
#include <algorithm>

using namespace spanscope;
using namespace spanscope::test;
using namespace spanscope::test::jaeger;

namespace {

const CaptureSink::Span& spanAt(const CaptureSink& sink, size_t index)
{
    if (index >= sink.spans.size())
        qFatal("no span %zu (only %zu)", index, sink.spans.size());
    return sink.spans[index];
}

} // namespace

class TestJaegerJson : public QObject
{
    Q_OBJECT

private slots:
    void goldens_data();
    void goldens();

    void realUiFixture();
    void realTraceCompass();

    void queryApiMapping();
    void parentRuleAndLinks();
    void typedTags();
    void processesAfterSpans();
    void processIdsAreScopedToTheirTrace();
    void embeddedProcessesShareResources();
    void apiV2ProtobufJson();
    void nonHexIdsAreHashed();
    void wrongTypesKeepTheSpan();
    void queryErrorsBecomeWarnings();
    void sniffedAsJaeger_data();
    void sniffedAsJaeger();
    void timeParsing();
    void zeroStartIsTheEpoch();
    void openTelemetryTags();
    void spansWithoutIdsGetSyntheticOnes();
};

void TestJaegerJson::goldens_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name :
         {"query_api", "bare_trace", "span_array_embedded", "span_array_process_ids", "api_v2",
          "ui_fixture_ids", "quirks", "single_span", "query_error", "array_of_traces", "wrong_types"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestJaegerJson::goldens()
{
    QFETCH(QString, name);
    const CapturedImport result = importPath(fixture(name + QStringLiteral(".json")));
    QCOMPARE(result.info.format, TraceFormat::JaegerJson);
    QString message;
    QVERIFY2(matchesGolden(fixture(name + QStringLiteral(".golden")), goldenText(result), message),
             qPrintable(message));
}

void TestJaegerJson::realUiFixture()
{
    SPANSCOPE_REQUIRE_REAL_DATA();
    const QString path = realDataPath(QStringLiteral("jaeger-json/jaeger_ui_01.json"));
    const CapturedImport result = importPath(path);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::JaegerJson);
    QCOMPARE(result.info.variant, std::string("trace object"));
    // README: 1 trace, 5 span records; every record is one span.
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(5));
    for (const auto& span : sink.spans)
        QCOMPARE(span.traceId, (TraceId{0, 1}));

    // Two spans share spanID 2; both are kept (the span tree reports the duplicate).
    const auto& first = spanAt(sink, 0);
    QCOMPARE(first.spanId, uint64_t(2));
    QCOMPARE(first.name, std::string("test-general-conversion"));
    QCOMPARE(first.service, std::string("service-x"));
    QCOMPARE(first.startNs, int64_t(1485467191639875000));
    QCOMPARE(first.endNs, int64_t(1485467191639880000));
    QCOMPARE(first.events, size_t(2));
    QVERIFY(first.text.find("event{1485467191639875000 some-event }") != std::string::npos);
    QVERIFY(first.text.find("event{1485467191639875000 log x=y (string)}") != std::string::npos);

    const auto& second = spanAt(sink, 1);
    QCOMPARE(second.spanId, uint64_t(2));
    QCOMPARE(second.name, std::string("some-operation"));
    QVERIFY(second.flags & SpanFlag::Error);
    // A truthy error tag is the span's status, as the Collector's Jaeger translation has it, so a
    // conversion to OTLP says ERROR.
    QCOMPARE(second.status, StatusCode::Error);
    QCOMPARE(attribute(second, "peer.ipv4").type, ValueType::Int);
    QCOMPARE(attribute(second, "peer.ipv4").intValue, int64_t(23456));
    QCOMPARE(attribute(second, "error").type, ValueType::Bool);
    QCOMPARE(attribute(second, "temperature").type, ValueType::Double);
    QCOMPARE(attribute(second, "temperature").doubleValue, 72.5);
    // Above 2^53, written as a JSON string: must stay exact, never pass through a double.
    QCOMPARE(attribute(second, "javascript_limit").type, ValueType::Int);
    QCOMPARE(attribute(second, "javascript_limit").intValue, int64_t(9223372036854775222));
    QCOMPARE(attribute(second, "blob").type, ValueType::Bytes);
    QCOMPARE(attribute(second, "blob").text, std::string_view("\x00\x00\x30\x39", 4));

    const auto& third = spanAt(sink, 2);
    QCOMPARE(third.spanId, uint64_t(3));
    QCOMPARE(third.parentSpanId, uint64_t(2));
    QCOMPARE(third.service, std::string("service-y"));

    // CHILD_OF into trace ff, CHILD_OF 2, FOLLOWS_FROM 2: the parent is the CHILD_OF in the same
    // trace; the other two are links with their types.
    const auto& fourth = spanAt(sink, 3);
    QCOMPARE(fourth.spanId, uint64_t(4));
    QCOMPARE(fourth.parentSpanId, uint64_t(2));
    QCOMPARE(fourth.links, size_t(2));
    QVERIFY(fourth.text.find("link{000000000000000000000000000000ff 00000000000000ff type=1 }") !=
            std::string::npos);
    QVERIFY(fourth.text.find("link{00000000000000000000000000000001 0000000000000002 type=2 }") !=
            std::string::npos);

    const auto& fifth = spanAt(sink, 4);
    QCOMPARE(fifth.parentSpanId, uint64_t(4));
    QCOMPARE(fifth.endNs - fifth.startNs, int64_t(4000));

    QCOMPARE(sink.resources.size(), size_t(2));
    // Span warnings (2) and the trace warning become import warnings.
    QCOMPARE(sink.warnings.size(), size_t(3));
    QVERIFY(hasWarning(sink, QStringLiteral("span warning: some span warning")));
    QVERIFY(hasWarning(sink, QStringLiteral("trace warning: some trace warning")));
}

void TestJaegerJson::realTraceCompass()
{
    SPANSCOPE_REQUIRE_REAL_DATA();
    const QString path = realDataPath(QStringLiteral("jaeger-json/tracecompass_multiple_services.json"));
    const CapturedImport result = importPath(path);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant, std::string("query API response"));
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(5)); // README: 1 trace, 5 spans
    QVERIFY(sink.warnings.empty());
    QCOMPARE(sink.resources.size(), size_t(3));
    QCOMPARE(sink.resources[0],
             std::string(
                 "hello-world | hostname=mystery (string), ip=127.0.1.1 (string), jaeger.version=Java-0.26.0 "
                 "(string)"));

    const TraceId trace{0, 0x410a7dbc6d6cfeb6};
    const auto* root = sink.find(0x410a7dbc6d6cfeb6);
    QVERIFY(root);
    QCOMPARE(root->traceId, trace);
    QCOMPARE(root->parentSpanId, uint64_t(0)); // root span id == trace id, no references
    QCOMPARE(root->name, std::string("say-hello"));
    QCOMPARE(root->service, std::string("hello-world"));
    QCOMPARE(root->kind, SpanKind::Unspecified);
    QCOMPARE(root->startNs, int64_t(1527684461617000000));
    QCOMPARE(root->endNs, int64_t(1527684461617000000 + 516362000));
    QCOMPARE(attribute(*root, "sampler.param").type, ValueType::Bool);
    QVERIFY(
        root->text.find("event{1527684461624000000 baggage key=greeting (string), value=Salut (string)}") !=
        std::string::npos);

    const auto* format = sink.find(0x3db5b5f39d75b7ab);
    QVERIFY(format);
    QCOMPARE(format->parentSpanId, uint64_t(0x2e44971368c185a6));
    QCOMPARE(format->service, std::string("formatter"));
    QCOMPARE(format->kind, SpanKind::Server);
    const auto* publish = sink.find(0xcc899ae30996d9c9);
    QVERIFY(publish);
    QCOMPARE(publish->service, std::string("publisher"));
    const auto* client = sink.find(0x2e44971368c185a6);
    QVERIFY(client);
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->parentSpanId, uint64_t(0x410a7dbc6d6cfeb6));
    QCOMPARE(client->w3cFlags, uint32_t(1)); // "flags": 1, sampled
}

void TestJaegerJson::queryApiMapping()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("query_api.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(5));
    QCOMPARE(sink.resources.size(), size_t(4)); // 3 processes in trace 1, 1 in trace 2
    QVERIFY(sink.warnings.empty());

    const auto* root = sink.find(0x5b8aa5a2d2c872e8);
    QVERIFY(root);
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->service, std::string("frontend"));
    QCOMPARE(root->startNs, int64_t(1700000000000000000));
    QCOMPARE(root->endNs, int64_t(1700000000731000000));
    QCOMPARE(attribute(*root, "span.kind").text, std::string_view("server")); // kept as a tag too
    QCOMPARE(attribute(*root, "http.status_code").intValue, int64_t(200));
    QVERIFY(root->text.find("event{1700000000000120000 HTTP request received level=info (string)}") !=
            std::string::npos);

    const auto* getDriver = sink.find(0x0d9c2e4f6a8b1c3e);
    QVERIFY(getDriver);
    QCOMPARE(getDriver->status, StatusCode::Error);
    QVERIFY(getDriver->flags & SpanFlag::Error);
    QVERIFY(getDriver->text.find("status=ERROR(redis timeout)") != std::string::npos);
    QCOMPARE(getDriver->service, std::string("redis"));

    const auto* checkout = sink.find(0x00f067aa0ba902b7);
    QVERIFY(checkout);
    QCOMPARE(checkout->traceId, (TraceId{0x4bf92f3577b34da6, 0xa3ce929d0e0e4736}));
    QCOMPARE(checkout->status, StatusCode::Ok);
    QCOMPARE(checkout->service, std::string("checkout"));
    QCOMPARE(result.info.variant, std::string("query API response"));
}

void TestJaegerJson::parentRuleAndLinks()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("quirks.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    // References: FOLLOWS_FROM into trace 43, FOLLOWS_FROM b2, CHILD_OF a1, SIBLING_OF a1 (unknown),
    // CHILD_OF with an empty span id (dropped). The CHILD_OF in the same trace wins over the
    // earlier FOLLOWS_FROM.
    const auto* c3 = sink.find(0xc3);
    QVERIFY(c3);
    QCOMPARE(c3->parentSpanId, uint64_t(0xa1));
    QCOMPARE(c3->links, size_t(3));
    QVERIFY(c3->text.find("link{00000000000000000000000000000043 00000000000000ff type=2 }") !=
            std::string::npos);
    QVERIFY(c3->text.find("link{00000000000000000000000000000042 00000000000000b2 type=2 }") !=
            std::string::npos);
    QVERIFY(c3->text.find("link{00000000000000000000000000000042 00000000000000a1 type=0 }") !=
            std::string::npos);
    QVERIFY(hasWarning(sink, QStringLiteral("reference type \"SIBLING_OF\" unknown")));
    QVERIFY(hasWarning(sink, QStringLiteral("a reference without a valid span id was dropped")));
    // Only FOLLOWS_FROM in the same trace: it is the parent.
    const auto* d4 = sink.find(0xd4);
    QVERIFY(d4);
    QCOMPARE(d4->parentSpanId, uint64_t(0xa1));
    QCOMPARE(d4->links, size_t(0));
    // The deprecated parentSpanID field.
    const auto* b2 = sink.find(0xb2);
    QVERIFY(b2);
    QCOMPARE(b2->parentSpanId, uint64_t(0xa1));
    // "parentSpanID": "0" is a root.
    const auto* a1 = sink.find(0xa1);
    QVERIFY(a1);
    QCOMPARE(a1->parentSpanId, uint64_t(0));
    // Short ids are left-padded: "42" and the 32-character trace id are the same trace.
    for (const auto& span : sink.spans)
        QCOMPARE(span.traceId, (TraceId{0, 0x42}));
}

void TestJaegerJson::typedTags()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("quirks.json")));
    const CaptureSink& sink = result.sink;
    const auto* a1 = sink.find(0xa1);
    QVERIFY(a1);
    QCOMPARE(attribute(*a1, "big").type, ValueType::Int);
    QCOMPARE(attribute(*a1, "big").intValue, int64_t(9223372036854775222));
    QCOMPARE(attribute(*a1, "bool.as.string").type, ValueType::Bool);
    QCOMPARE(attribute(*a1, "bool.as.string").boolValue, true);
    QCOMPARE(attribute(*a1, "float.as.string").type, ValueType::Double);
    QVERIFY(std::isnan(attribute(*a1, "float.as.string").doubleValue));
    QCOMPARE(attribute(*a1, "int.as.float").type, ValueType::Int);
    QCOMPARE(attribute(*a1, "int.as.float").intValue, int64_t(1000));
    QCOMPARE(attribute(*a1, "number.as.string").type, ValueType::String);
    QCOMPARE(attribute(*a1, "number.as.string").text, std::string_view("404"));
    QCOMPARE(attribute(*a1, "blob").type, ValueType::Bytes);
    QCOMPARE(attribute(*a1, "not.base64").type, ValueType::String);
    QCOMPARE(attribute(*a1, "untyped").type, ValueType::Int);
    QCOMPARE(attribute(*a1, "odd.type").type, ValueType::Int);
    QCOMPARE(attribute(*a1, "map").type, ValueType::String);
    QCOMPARE(attribute(*a1, "map").text, std::string_view("{\"a\": 1}"));
    QCOMPARE(attribute(*a1, "nothing").type, ValueType::Empty);
    QCOMPARE(a1->kind, SpanKind::Producer); // "PRODUCER": case does not matter
    QVERIFY(a1->flags & SpanFlag::Error);   // error = "true" (a string) is truthy
    QCOMPARE(a1->flags, uint32_t(SpanFlag::Error));
    QCOMPARE(a1->w3cFlags, uint32_t(3)); // sampled and debug
    // The log without a timestamp sits at 0; "event" that is not a string stays a field.
    QVERIFY(a1->text.find("event{0 log message=no timestamp (string)}") != std::string::npos);
    QVERIFY(a1->text.find("event{1710000000000500000 log event=5 (int)}") != std::string::npos);

    const auto* b2 = sink.find(0xb2);
    QVERIFY(!(b2->flags & SpanFlag::Error)); // error = false
    QVERIFY(b2->flags & SpanFlag::MissingEnd);
    QCOMPARE(b2->endNs, b2->startNs);
    const auto* c3 = sink.find(0xc3);
    QVERIFY(!(c3->flags & SpanFlag::Error)); // error = 0
    QCOMPARE(c3->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    const auto* d4 = sink.find(0xd4);
    QVERIFY(d4->flags & SpanFlag::EndBeforeStart);
    QCOMPARE(d4->endNs - d4->startNs, int64_t(-5000));
    QCOMPARE(sink.resources[0], std::string("quirky | pid=12 (int)"));
}

void TestJaegerJson::processesAfterSpans()
{
    // Spans first, processes last (the query API's order): the service arrives after the spans.
    const CapturedImport result = importPath(fixture(QStringLiteral("query_api.json")));
    QCOMPARE(result.sink.find(0x3a2c0c6d11f04b7e)->service, std::string("mysql"));
    QVERIFY(result.sink.spans[0].text.find(" res=1 ") != std::string::npos);

    // Processes first, and a processID nobody defines.
    const CapturedImport bare = importPath(fixture(QStringLiteral("bare_trace.json")));
    QVERIFY2(!bare.failed, bare.error.c_str());
    QCOMPARE(bare.sink.spans.size(), size_t(3));
    QCOMPARE(bare.sink.find(1)->service, std::string("api-gateway"));
    QCOMPARE(bare.sink.find(2)->service, std::string("orders"));
    QCOMPARE(bare.sink.find(2)->parentSpanId, uint64_t(1));
    QCOMPARE(bare.sink.find(3)->service, std::string());
    QCOMPARE(bare.sink.resources.size(), size_t(3));
    QCOMPARE(bare.sink.resources[2], std::string(" | ")); // p9: empty, but defined
    QVERIFY(
        hasWarning(bare.sink, QStringLiteral("^1:1: process \"p9\" is named by spans but never defined")));
    QVERIFY(hasWarning(bare.sink, QStringLiteral("trace warning: invalid parent span IDs=3")));
    QVERIFY(hasWarning(bare.sink, QStringLiteral("span warning: clock skew adjustment disabled")));
    QCOMPARE(bare.sink.warnings.size(), size_t(3));
}

void TestJaegerJson::processIdsAreScopedToTheirTrace()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("array_of_traces.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant, std::string("array of traces"));
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QCOMPARE(result.sink.find(0x1111111111111111)->service, std::string("first-service"));
    QCOMPARE(result.sink.find(0x2222222222222222)->service, std::string("second-service"));
}

void TestJaegerJson::embeddedProcessesShareResources()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("span_array_embedded.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant, std::string("span array, embedded processes"));
    QCOMPARE(result.sink.spans.size(), size_t(3));
    QCOMPARE(result.sink.resources.size(), size_t(2)); // service-b's two identical processes share one
    QCOMPARE(result.sink.spans[0].service, std::string("service-a"));
    QCOMPARE(result.sink.spans[1].service, std::string("service-b"));
    QCOMPARE(result.sink.spans[2].service, std::string("service-b"));
    QVERIFY(result.sink.spans[1].text.find(" res=2 ") != std::string::npos);
    QVERIFY(result.sink.spans[2].text.find(" res=2 ") != std::string::npos);

    // A bare span array with processIDs and no processes anywhere.
    const CapturedImport ids = importPath(fixture(QStringLiteral("span_array_process_ids.json")));
    QCOMPARE(ids.sink.spans.size(), size_t(3));
    QCOMPARE(ids.sink.resources.size(), size_t(1));
    QCOMPARE(ids.sink.spans[0].text.find(" res=1 ") != std::string::npos, true);
    QCOMPARE(ids.sink.spans[1].text.find(" res=1 ") != std::string::npos, true);
    QCOMPARE(ids.sink.spans[2].text.find(" res=0 ") != std::string::npos, true);
    QVERIFY(hasWarning(ids.sink, QStringLiteral("process \"p1\" is named by spans but never defined")));
    QVERIFY(hasWarning(ids.sink, QStringLiteral("span without \"processID\" or \"process\"")));
}

void TestJaegerJson::apiV2ProtobufJson()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("api_v2.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant,
             std::string("trace object, processMap, embedded processes, api_v2 protobuf-JSON"));
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(2));
    const TraceId trace{0x0af7651916cd43dd, 0x8448eb211c80319c};
    const auto* root = sink.find(0xb7ad6b7169203331);
    QVERIFY(root);
    QCOMPARE(root->traceId, trace);
    // 2017-01-26T16:46:31.639875-05:00 = 21:46:31.639875 UTC.
    QCOMPARE(root->startNs, int64_t(1485467191639875000));
    QCOMPARE(root->endNs - root->startNs, int64_t(22938000));
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->service, std::string("jaeger-query"));
    QCOMPARE(attribute(*root, "http.status_code").type, ValueType::Int);
    QCOMPARE(attribute(*root, "http.status_code").intValue, int64_t(200));
    QCOMPARE(attribute(*root, "sampled").boolValue, true);
    QCOMPARE(attribute(*root, "cache.hit").type, ValueType::Bool); // proto3 default false omitted
    QCOMPARE(attribute(*root, "cache.hit").boolValue, false);
    QCOMPARE(attribute(*root, "load").doubleValue, 0.75);
    QCOMPARE(attribute(*root, "payload").type, ValueType::Bytes);
    QVERIFY(root->text.find("event{1485467191640000000 lookup attempt=2 (int)}") != std::string::npos);

    const auto* child = sink.find(0x00f067aa0ba902b7);
    QVERIFY(child);
    QCOMPARE(child->parentSpanId, uint64_t(0xb7ad6b7169203331)); // refType omitted = CHILD_OF
    QCOMPARE(child->links, size_t(1));
    QCOMPARE(child->startNs, int64_t(1485467191650000000));
    QCOMPARE(child->endNs - child->startNs, int64_t(10500000)); // "0.0105s"
    QCOMPARE(child->service, std::string("jaeger-query"));      // via processMap
    QCOMPARE(child->w3cFlags, uint32_t(1));
    QCOMPARE(root->w3cFlags, uint32_t(0));
}

void TestJaegerJson::nonHexIdsAreHashed()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("ui_fixture_ids.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(2));
    const uint64_t span1 = hashId64("span-1");
    const uint64_t span2 = hashId64("span-2");
    QCOMPARE(sink.spans[0].spanId, span1);
    QCOMPARE(sink.spans[1].spanId, span2);
    QCOMPARE(sink.spans[1].parentSpanId, span1); // the reference hashes the same way
    QCOMPARE(sink.spans[0].traceId, (TraceId{0, hashId64("trace-123")}));
    QVERIFY(sink.spans[0].flags & SpanFlag::HashedId);
    QVERIFY(sink.spans[1].flags & SpanFlag::HashedId);
    QVERIFY(
        hasWarning(sink, QStringLiteral("\"spanID\" \"span-1\" is not hex; a stable hash stands in for it")));
    QCOMPARE(result.info.variant, std::string("query API response, non-hex ids"));
}

void TestJaegerJson::wrongTypesKeepTheSpan()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("wrong_types.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    // Span 1 keeps its ids and loses every field of the wrong type; two spans have ids of the
    // wrong type and one is not an object: skipped; the span without a trace id is kept under a
    // synthetic one; span 5 loses its process and tags.
    QCOMPARE(sink.spans.size(), size_t(3));
    const auto* first = sink.find(1);
    QVERIFY(first);
    QCOMPARE(first->name, std::string());
    QCOMPARE(first->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    for (const char* field :
         {"operationName", "references", "startTime", "duration", "tags", "logs", "flags"})
        QVERIFY2(hasWarning(sink, QStringLiteral("\"%1\" ignored").arg(QLatin1String(field))), field);
    QVERIFY(hasWarning(sink, QStringLiteral("a span skipped: \"spanID\" is not a string")));
    QVERIFY(hasWarning(sink, QStringLiteral("a span skipped: \"traceID\" is not a string")));
    const auto noTraceId =
        std::find_if(sink.spans.begin(), sink.spans.end(),
                     [](const CaptureSink::Span& span) { return span.name == "no trace id"; });
    QVERIFY(noTraceId != sink.spans.end());
    QVERIFY(noTraceId->traceId.isValid());
    QVERIFY(noTraceId->flags & SpanFlag::SyntheticId);
    QVERIFY(
        hasWarning(sink, QStringLiteral("1 span\\(s\\) without a trace id were put in one synthetic trace")));
    QVERIFY(hasWarning(sink, QStringLiteral("a span skipped: not a JSON object")));
    QVERIFY(hasWarning(sink, QStringLiteral("an element of \"data\" that is not a trace was skipped")));
    const auto* fifth = sink.find(5);
    QVERIFY(fifth);
    QCOMPARE(fifth->text.find(" res=0 ") != std::string::npos, true);
    QVERIFY(hasWarning(sink, QStringLiteral("\"process\" ignored")));
    // The process with a list as serviceName and a string as tags is still defined, empty.
    QCOMPARE(sink.resources.size(), size_t(2));
    QCOMPARE(first->service, std::string());
}

void TestJaegerJson::queryErrorsBecomeWarnings()
{
    const CapturedImport result = importPath(fixture(QStringLiteral("query_error.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(0));
    QCOMPARE(result.sink.warnings, std::vector<std::string>{"1:1: query error: 404 trace not found"});
}

void TestJaegerJson::sniffedAsJaeger_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("api_v2 span without operationName")
        << QByteArray(R"({"spans":[{"traceId":"CvdlGRbNQ92ESOshHIAxnA==","spanId":"t61rcWkgMzE="}]})");
    QTest::newRow("single api_v2 span")
        << QByteArray(R"({"traceId":"CvdlGRbNQ92ESOshHIAxnA==","spanId":"t61rcWkgMzE="})");
    QTest::newRow("array of api_v2 spans")
        << QByteArray(R"([{"traceId":"CvdlGRbNQ92ESOshHIAxnA==","spanId":"t61rcWkgMzE="}])");
    QTest::newRow("single span") << QByteArray(R"({"spanID":"1","traceID":"2"})");
}

void TestJaegerJson::sniffedAsJaeger()
{
    QFETCH(QByteArray, json);
    const CapturedImport result = importBytes(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::JaegerJson);
    QCOMPARE(result.sink.spans.size(), size_t(1));
}

void TestJaegerJson::timeParsing()
{
    using Nanos = std::optional<int64_t>;
    QCOMPARE(parseRfc3339Nanos("1970-01-01T00:00:00Z"), Nanos(0));
    QCOMPARE(parseRfc3339Nanos("2017-01-26T16:46:31.639875-05:00"), Nanos(1485467191639875000));
    QCOMPARE(parseRfc3339Nanos("2017-01-26t21:46:31.639875123456z"), Nanos(1485467191639875123));
    QCOMPARE(parseRfc3339Nanos("2000-02-29 12:00:00+01:30"), Nanos(951820200000000000));
    QCOMPARE(parseRfc3339Nanos("1969-12-31T23:59:59.5Z"), Nanos(-500000000));
    QCOMPARE(parseRfc3339Nanos("2001-02-29T00:00:00Z"), Nanos());  // not a leap year
    QCOMPARE(parseRfc3339Nanos("2017-01-26T16:46:31"), Nanos());   // no zone
    QCOMPARE(parseRfc3339Nanos("2017-01-26T16:46:31.Z"), Nanos()); // empty fraction
    QCOMPARE(parseRfc3339Nanos("9999-12-31T23:59:59Z"), Nanos());  // beyond int64 ns
    QCOMPARE(parseRfc3339Nanos("2017-01-26T16:46:31Z trailing"), Nanos());

    QCOMPARE(parseDurationNanos("22938000ns"), Nanos(22938000));
    QCOMPARE(parseDurationNanos("0.0105s"), Nanos(10500000));
    QCOMPARE(parseDurationNanos("1h2m3.5s"), Nanos(3723500000000));
    QCOMPARE(parseDurationNanos("1.5ms"), Nanos(1500000));
    QCOMPARE(parseDurationNanos("3us"), Nanos(3000));
    QCOMPARE(parseDurationNanos("3\xC2\xB5s"), Nanos(3000));
    QCOMPARE(parseDurationNanos("-2s"), Nanos(-2000000000));
    QCOMPARE(parseDurationNanos("0"), Nanos(0));
    QCOMPARE(parseDurationNanos("0.000000000999s"), Nanos(0)); // below 1 ns
    QCOMPARE(parseDurationNanos("5"), Nanos());                // no unit
    QCOMPARE(parseDurationNanos("s"), Nanos());
    QCOMPARE(parseDurationNanos("5d"), Nanos());
    QCOMPARE(parseDurationNanos("99999999999999999999ns"), Nanos());
    QCOMPARE(parseDurationNanos("3000000h"), Nanos());

    QCOMPARE(microsToNanos(1485467191639875), Nanos(1485467191639875000));
    QCOMPARE(microsToNanos(INT64_MAX / 1000 + 1), Nanos());
}

QTEST_GUILESS_MAIN(TestJaegerJson)
void TestJaegerJson::zeroStartIsTheEpoch()
{
    // Jaeger UI's critical-path fixtures start their root at 0: a time, not a missing one. Only
    // an absent or null startTime is missing.
    const CapturedImport result =
        importBytes(QByteArray(R"({"data": [{"traceID": "00000000000000aa", "spans": [
      {"traceID": "00000000000000aa", "spanID": "0000000000000001", "operationName": "root", "startTime": 0,
       "duration": 100, "processID": "p1"},
      {"traceID": "00000000000000aa", "spanID": "0000000000000002", "operationName": "zero duration",
       "startTime": 20, "duration": 0, "processID": "p1"},
      {"traceID": "00000000000000aa", "spanID": "0000000000000003", "operationName": "null start",
       "startTime": null, "duration": 5, "processID": "p1"},
      {"traceID": "00000000000000aa", "spanID": "0000000000000004", "operationName": "no start", "processID": "p1"}],
     "processes": {"p1": {"serviceName": "svc"}}}]})"));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.find(1)->flags, 0u);
    QCOMPARE(sink.find(1)->startNs, int64_t(0));
    QCOMPARE(sink.find(1)->endNs, int64_t(100000));
    QCOMPARE(sink.find(2)->flags, 0u);
    QCOMPARE(sink.find(2)->endNs, int64_t(20000));
    QCOMPARE(sink.find(3)->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    QCOMPARE(sink.find(4)->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
}

void TestJaegerJson::openTelemetryTags()
{
    // The tags the Collector and our writer put on Jaeger spans for OTLP's fields are read back;
    // a truthy error tag is ERROR whatever otel.status_code says (the Collector's rule).
    const CapturedImport result =
        importBytes(QByteArray(R"({"data": [{"traceID": "00000000000000aa", "spans": [
      {"traceID": "00000000000000aa", "spanID": "0000000000000001", "operationName": "ok", "startTime": 1,
       "duration": 1, "processID": "p1", "tags": [
         {"key": "otel.status_code", "type": "string", "value": "OK"},
         {"key": "otel.status_description", "type": "string", "value": "fine"},
         {"key": "otel.scope.name", "type": "string", "value": "checkout"},
         {"key": "w3c.tracestate", "type": "string", "value": "k=v"}]},
      {"traceID": "00000000000000aa", "spanID": "0000000000000002", "operationName": "error wins", "startTime": 1,
       "duration": 1, "processID": "p1", "tags": [
         {"key": "otel.status_code", "type": "string", "value": "OK"},
         {"key": "error", "type": "bool", "value": true}]},
      {"traceID": "00000000000000aa", "spanID": "0000000000000003", "operationName": "false error", "startTime": 1,
       "duration": 1, "processID": "p1", "tags": [{"key": "error", "type": "bool", "value": false}]}],
     "processes": {"p1": {"serviceName": "svc"}}}]})"));
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.find(1)->status, StatusCode::Ok);
    QVERIFY2(sink.find(1)->text.find("status=OK(fine)") != std::string::npos, sink.find(1)->text.c_str());
    QCOMPARE(attributeText(*sink.find(1), "w3c.tracestate"), std::string("k=v (string)")); // stays a tag
    QCOMPARE(sink.find(2)->status, StatusCode::Error);
    QCOMPARE(sink.find(2)->flags, uint32_t(SpanFlag::Error));
    QCOMPARE(sink.find(3)->status, StatusCode::Unset);
    QCOMPARE(sink.find(3)->flags, 0u);
}

void TestJaegerJson::spansWithoutIdsGetSyntheticOnes()
{
    const QByteArray file(R"({"data": [{"traceID": "", "spans": [
      {"traceID": "", "spanID": "", "operationName": "a", "startTime": 1, "duration": 1, "processID": "p1"},
      {"traceID": "0000000000000000", "spanID": "0000000000000000", "operationName": "b", "startTime": 2,
       "duration": 1, "processID": "p1"},
      {"spanID": "0000000000000007", "operationName": "c", "startTime": 3, "duration": 1, "processID": "p1"},
      {"traceID": "", "spanID": "", "processID": "p1"}],
     "processes": {"p1": {"serviceName": "svc"}}}]})");
    const CapturedImport result = importBytes(file);
    QVERIFY2(!result.failed, result.error.c_str());
    const CaptureSink& sink = result.sink;
    QCOMPARE(sink.spans.size(), size_t(3)); // the one with nothing to show is skipped
    for (const auto& span : sink.spans) {
        QCOMPARE(span.traceId, sink.spans[0].traceId); // one synthetic trace per file
        QVERIFY(span.traceId.isValid() && span.spanId != 0);
        QVERIFY(span.flags & SpanFlag::SyntheticId);
    }
    QCOMPARE(sink.spans[2].spanId, uint64_t(7)); // a real span id is kept
    QVERIFY(hasWarning(
        sink, QStringLiteral("^: 3 span\\(s\\) without a trace id were put in one synthetic trace; 2 "
                             "span\\(s\\) without a span id were given synthetic span ids")));
    QVERIFY(hasWarning(sink, QStringLiteral("a span without ids, name or start time was skipped$")));
    QCOMPARE(importBytes(file).sink.dump(), sink.dump());
}

#include "tst_jaeger_json.moc"
