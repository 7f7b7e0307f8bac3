// SPDX-License-Identifier: MIT
// The format writers on hand-made spans: the exact JSON each one produces, that OTLP output reads
// back field for field, streaming across traces, and that untrusted text stays inert.
#include "CaptureSink.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "importers/writers/TraceWriter.h"
#include "model/AttributeCodec.h"
#include "model/Utf8.h"

#include <QTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace spanscope;
using Json = nlohmann::json;

// nlohmann values compared as their JSON text (QCOMPARE cannot take them directly).
#define QCOMPARE_JSON(actual, expected)                                                                      \
    QCOMPARE(QString::fromStdString(Json(actual).dump()), QString::fromStdString(Json(expected).dump()))

namespace {

constexpr TraceId kTrace{0x0102030405060708ull, 0x090a0b0c0d0e0f10ull};
constexpr TraceId kShortTrace{0, 0x00000000000000abull}; // a 64-bit (Jaeger, old Zipkin) trace id

std::string typedAttributes()
{
    AttributeEncoder encoder;
    encoder.addString("http.route", "/cart/{id}");
    encoder.addInt("count", -42);
    encoder.addInt("big", 9007199254740993); // 2^53 + 1
    encoder.addBool("cached", true);
    encoder.addDouble("ratio", 0.5);
    encoder.addDouble("nan", std::nan(""));
    encoder.addBytes("raw", std::string("\x00\xff", 2));
    encoder.addEmpty("nothing");
    ValueListEncoder inner(true);
    inner.addString("k", "v");
    ValueListEncoder array(false);
    array.addInt({}, 1);
    array.addEncoded({}, inner.type(), inner.count(), inner.data());
    encoder.addEncoded("list", array.type(), array.count(), array.data());
    return std::string(encoder.data());
}

std::string blob(std::initializer_list<std::pair<const char*, const char*>> strings)
{
    AttributeEncoder encoder;
    for (const auto& [key, value] : strings)
        encoder.addString(key, value);
    return std::string(encoder.data());
}

// A server span with everything set, a client child, and a span of another service.
std::vector<SpanDetails> sampleTrace()
{
    SpanDetails root;
    root.traceId = kTrace;
    root.spanId = 0x1111111111111111ull;
    root.service = "checkout";
    root.name = "POST /checkout";
    root.kind = SpanKind::Server;
    root.startNs = 1'700'000'000'000'001'500;
    root.endNs = 1'700'000'000'250'000'999;
    root.status = StatusCode::Error;
    root.statusMessage = "payment declined";
    root.flags = SpanFlag::Error;
    root.w3cFlags = 0x301;
    root.traceState = "vendor=1";
    root.attributes = typedAttributes();
    root.droppedAttributes = 2;
    root.resourceAttributes = blob({{"service.name", "checkout"}, {"host.name", "box"}});
    root.resourceAttributes += [] {
        AttributeEncoder encoder;
        ValueListEncoder ips(false);
        ips.addString({}, "10.1.2.3");
        encoder.addEncoded("host.ip", ips.type(), ips.count(), ips.data());
        return std::string(encoder.data());
    }();
    root.scopeName = "io.opentelemetry.checkout";
    root.scopeVersion = "1.0";
    root.scopeAttributes = blob({{"scope.kind", "http"}});
    root.events.push_back(
        SpanEvent{1'700'000'000'100'000'000, "exception", blob({{"exception.type", "Declined"}}), 1});
    SpanLink link;
    link.traceId = TraceId{0, 0x77};
    link.spanId = 0x7777777777777777ull;
    link.attributes = blob({{"link.reason", "batch"}});
    root.links.push_back(link);
    SpanLink childOf = link;
    childOf.type = LinkType::ChildOf;
    childOf.spanId = 0x7878787878787878ull;
    childOf.attributes.clear();
    root.links.push_back(childOf);

    SpanDetails client;
    client.traceId = kTrace;
    client.spanId = 0x2222222222222222ull;
    client.parentSpanId = root.spanId;
    client.service = "checkout";
    client.name = "GET /cart";
    client.kind = SpanKind::Client;
    client.startNs = 1'700'000'000'010'000'000;
    client.endNs = 1'700'000'000'020'000'000;
    client.resourceAttributes = root.resourceAttributes;
    client.scopeName = root.scopeName;
    client.scopeVersion = root.scopeVersion;
    client.scopeAttributes = root.scopeAttributes;

    SpanDetails cart = client;
    cart.spanId = 0x3333333333333333ull;
    cart.parentSpanId = client.spanId;
    cart.service = "cart";
    cart.kind = SpanKind::Internal;
    cart.name = "load cart";
    cart.resourceAttributes.clear(); // as Jaeger and Zipkin imports leave it: the service only
    cart.scopeName.clear();
    cart.scopeVersion.clear();
    cart.scopeAttributes.clear();
    return {root, client, cart};
}

std::string write(OutputFormat format, const std::vector<std::vector<SpanDetails>>& traces)
{
    std::ostringstream out;
    auto writer = makeTraceWriter(format, out);
    for (const auto& trace : traces)
        writer->writeTrace(trace);
    writer->finish();
    return out.str();
}

Json findByKey(const Json& list, const std::string& key)
{
    for (const Json& entry : list) {
        if (entry.value("key", std::string()) == key)
            return entry;
    }
    return Json();
}

} // namespace

class WritersTest : public QObject
{
    Q_OBJECT

private slots:
    void formatNames()
    {
        QVERIFY(outputFormatFromName("otlp-proto") == OutputFormat::OtlpProto);
        QVERIFY(outputFormatFromName("zipkin-json") == OutputFormat::ZipkinJson);
        QVERIFY(!outputFormatFromName("zipkin"));
        QCOMPARE_JSON(std::string(outputFormatName(OutputFormat::JaegerJson)), std::string("jaeger-json"));
    }

    void otlpJsonIsTheCollectorsForm()
    {
        const Json doc = Json::parse(write(OutputFormat::OtlpJson, {sampleTrace()}));
        const Json& groups = doc["resourceSpans"];
        QCOMPARE(groups.size(), size_t(2)); // checkout's resource, then cart's
        const Json& resource = groups[0]["resource"]["attributes"];
        QCOMPARE_JSON(resource[0],
                      Json::parse("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}}"));
        // A resource without service.name gets it from the span's service.
        QCOMPARE_JSON(groups[1]["resource"]["attributes"],
                      Json::parse("[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"cart\"}}]"));
        const Json& scopeSpans = groups[0]["scopeSpans"][0];
        QCOMPARE_JSON(
            scopeSpans["scope"],
            Json::parse("{\"name\":\"io.opentelemetry.checkout\",\"version\":\"1.0\",\"attributes\":[{"
                        "\"key\":\"scope.kind\",\"value\":{\"stringValue\":\"http\"}}]}"));
        QCOMPARE_JSON(scopeSpans["spans"].size(), size_t(2));
        const Json& span = scopeSpans["spans"][0];
        QCOMPARE_JSON(span["traceId"], Json("0102030405060708090a0b0c0d0e0f10"));
        QCOMPARE_JSON(span["spanId"], Json("1111111111111111"));
        QVERIFY(!span.contains("parentSpanId"));
        QCOMPARE_JSON(span["kind"], Json(2));
        QCOMPARE_JSON(span["flags"], Json(0x301));
        QCOMPARE_JSON(span["traceState"], Json("vendor=1"));
        QCOMPARE_JSON(span["startTimeUnixNano"], Json("1700000000000001500"));
        QCOMPARE_JSON(span["endTimeUnixNano"], Json("1700000000250000999"));
        QCOMPARE_JSON(span["droppedAttributesCount"], Json(2));
        QCOMPARE_JSON(span["status"], Json::parse("{\"message\":\"payment declined\",\"code\":2}"));
        const Json& attributes = span["attributes"];
        QCOMPARE_JSON(findByKey(attributes, "count")["value"], Json::parse("{\"intValue\":\"-42\"}"));
        QCOMPARE_JSON(findByKey(attributes, "big")["value"],
                      Json::parse("{\"intValue\":\"9007199254740993\"}"));
        QCOMPARE_JSON(findByKey(attributes, "ratio")["value"], Json::parse("{\"doubleValue\":0.5}"));
        QCOMPARE_JSON(findByKey(attributes, "nan")["value"], Json::parse("{\"doubleValue\":\"NaN\"}"));
        QCOMPARE_JSON(findByKey(attributes, "raw")["value"], Json::parse("{\"bytesValue\":\"AP8=\"}"));
        QCOMPARE_JSON(findByKey(attributes, "nothing")["value"], Json::object());
        QCOMPARE_JSON(findByKey(attributes, "list")["value"],
                      Json::parse("{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"},{\"kvlistValue\":{"
                                  "\"values\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]}}]}}"));
        QCOMPARE_JSON(span["events"],
                      Json::parse("[{\"timeUnixNano\":\"1700000000100000000\",\"name\":\"exception\","
                                  "\"attributes\":[{\"key\":\"exception.type\",\"value\":{\"stringValue\":"
                                  "\"Declined\"}}],\"droppedAttributesCount\":1}]"));
        QCOMPARE_JSON(
            span["links"][0],
            Json::parse("{\"traceId\":\"00000000000000000000000000000077\",\"spanId\":\"7777777777777777\","
                        "\"attributes\":[{\"key\":\"link.reason\",\"value\":{\"stringValue\":\"batch\"}}]}"));
        // A Jaeger CHILD_OF reference survives as opentracing.ref_type.
        QCOMPARE_JSON(
            span["links"][1]["attributes"],
            Json::parse("[{\"key\":\"opentracing.ref_type\",\"value\":{\"stringValue\":\"child_of\"}}]"));
        QCOMPARE_JSON(scopeSpans["spans"][1]["parentSpanId"], Json("1111111111111111"));
        QCOMPARE_JSON(scopeSpans["spans"][1]["status"], Json::object());
    }

    void otlpOutputReadsBack_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("otlp-json") << int(OutputFormat::OtlpJson);
        QTest::newRow("otlp-proto") << int(OutputFormat::OtlpProto);
    }

    void otlpOutputReadsBack()
    {
        QFETCH(int, format);
        const std::vector<SpanDetails> trace = sampleTrace();
        const std::string bytes = write(OutputFormat(format), {trace});
        const auto imported = test::importBytes(QByteArray::fromStdString(bytes));
        QVERIFY2(!imported.failed, imported.error.c_str());
        QCOMPARE_JSON(imported.info.format, format == int(OutputFormat::OtlpJson)
                                                ? TraceFormat::OtlpJson
                                                : TraceFormat::OtlpProtobuf);
        QCOMPARE(imported.sink.spans.size(), trace.size());
        QVERIFY(imported.sink.warnings.empty());
        for (const SpanDetails& original : trace) {
            const auto* span = imported.sink.find(original.spanId);
            QVERIFY(span);
            QCOMPARE(span->traceId, original.traceId);
            QCOMPARE(span->parentSpanId, original.parentSpanId);
            QCOMPARE(span->service, original.service);
            QCOMPARE(span->name, original.name);
            QCOMPARE(span->kind, original.kind);
            QCOMPARE(span->startNs, original.startNs);
            QCOMPARE(span->endNs, original.endNs);
            QCOMPARE(span->status, original.status);
            QCOMPARE(span->flags, original.flags);
            QCOMPARE(test::describeAttributes(span->attributes),
                     test::describeAttributes(original.attributes));
            QCOMPARE(span->events, original.events.size());
            QCOMPARE(span->links, original.links.size());
        }
        QCOMPARE(imported.sink.resources[1], std::string("cart | service.name=cart (string)"));
    }

    void jaegerJsonCarriesTagsAndReferences()
    {
        std::vector<SpanDetails> shortTrace = {sampleTrace()[2]};
        shortTrace[0].traceId = kShortTrace;
        shortTrace[0].parentSpanId = 0;
        const Json doc = Json::parse(write(OutputFormat::JaegerJson, {sampleTrace(), shortTrace}));
        QCOMPARE_JSON(doc["data"].size(), size_t(2));
        QCOMPARE_JSON(doc["total"], Json(0));
        QCOMPARE_JSON(doc["errors"], Json(nullptr));
        const Json& trace = doc["data"][0];
        QCOMPARE_JSON(trace["traceID"], Json("0102030405060708090a0b0c0d0e0f10"));
        QCOMPARE_JSON(doc["data"][1]["traceID"], Json("00000000000000ab")); // 64-bit id: 16 digits
        QCOMPARE_JSON(trace["processes"]["p1"],
                      Json::parse("{\"serviceName\":\"checkout\",\"tags\":[{\"key\":\"host.name\",\"type\":"
                                  "\"string\",\"value\":\"box\"},{\"key\":\"host.ip\",\"type\":\"string\","
                                  "\"value\":\"[\\\"10.1.2.3\\\"]\"}]}"));
        QCOMPARE_JSON(trace["processes"]["p2"], Json::parse("{\"serviceName\":\"cart\",\"tags\":[]}"));
        const Json& root = trace["spans"][0];
        QCOMPARE_JSON(root["spanID"], Json("1111111111111111"));
        QCOMPARE_JSON(root["operationName"], Json("POST /checkout"));
        QCOMPARE_JSON(root["flags"], Json(1));
        QCOMPARE_JSON(root["startTime"], Json(1700000000000001));
        QCOMPARE_JSON(root["duration"], Json(249999)); // both ends rounded down to microseconds
        QCOMPARE_JSON(root["processID"], Json("p1"));
        QCOMPARE_JSON(root["references"],
                      Json::parse("[{\"refType\":\"FOLLOWS_FROM\",\"traceID\":\"0000000000000077\","
                                  "\"spanID\":\"7777777777777777\"},{\"refType\":\"CHILD_OF\",\"traceID\":"
                                  "\"0000000000000077\",\"spanID\":\"7878787878787878\"}]"));
        QCOMPARE_JSON(root["references"][0]["refType"], Json("FOLLOWS_FROM"));
        QCOMPARE_JSON(root["references"][0]["traceID"], Json("0000000000000077"));
        QCOMPARE_JSON(root["references"][1]["refType"], Json("CHILD_OF"));
        const Json& tags = root["tags"];
        QCOMPARE_JSON(findByKey(tags, "count"),
                      Json::parse("{\"key\":\"count\",\"type\":\"int64\",\"value\":-42}"));
        QCOMPARE_JSON(findByKey(tags, "big"),
                      Json::parse("{\"key\":\"big\",\"type\":\"int64\",\"value\":\"9007199254740993\"}"));
        QCOMPARE_JSON(findByKey(tags, "raw"),
                      Json::parse("{\"key\":\"raw\",\"type\":\"binary\",\"value\":\"AP8=\"}"));
        QCOMPARE_JSON(
            findByKey(tags, "list"),
            Json::parse("{\"key\":\"list\",\"type\":\"string\",\"value\":\"[1,{\\\"k\\\":\\\"v\\\"}]\"}"));
        QCOMPARE_JSON(findByKey(tags, "span.kind")["value"], Json("server"));
        QCOMPARE_JSON(findByKey(tags, "otel.status_code")["value"], Json("ERROR"));
        QCOMPARE_JSON(findByKey(tags, "error"),
                      Json::parse("{\"key\":\"error\",\"type\":\"bool\",\"value\":true}"));
        QCOMPARE_JSON(findByKey(tags, "otel.status_description")["value"], Json("payment declined"));
        QCOMPARE_JSON(findByKey(tags, "otel.scope.name")["value"], Json("io.opentelemetry.checkout"));
        QCOMPARE_JSON(findByKey(tags, "w3c.tracestate")["value"], Json("vendor=1"));
        QCOMPARE_JSON(root["logs"],
                      Json::parse("[{\"timestamp\":1700000000100000,\"fields\":[{\"key\":\"event\",\"type\":"
                                  "\"string\",\"value\":\"exception\"},{\"key\":\"exception.type\",\"type\":"
                                  "\"string\",\"value\":\"Declined\"}]}]"));
        const Json& client = trace["spans"][1];
        QCOMPARE_JSON(client["references"],
                      Json::parse("[{\"refType\":\"CHILD_OF\",\"traceID\":"
                                  "\"0102030405060708090a0b0c0d0e0f10\",\"spanID\":\"1111111111111111\"}]"));
        QVERIFY(findByKey(client["tags"], "error").is_null());
        QCOMPARE_JSON(trace["spans"][2]["processID"], Json("p2"));
        QCOMPARE_JSON(findByKey(trace["spans"][2]["tags"], "span.kind")["value"], Json("internal"));
    }

    void zipkinJsonIsFlatWithStringTags()
    {
        std::vector<SpanDetails> trace = sampleTrace();
        trace[2].startNs = 0; // no start: no timestamp, no duration
        const Json doc = Json::parse(write(OutputFormat::ZipkinJson, {trace}));
        QVERIFY(doc.is_array());
        QCOMPARE(doc.size(), size_t(3));
        const Json& root = doc[0];
        QCOMPARE_JSON(root["traceId"], Json("0102030405060708090a0b0c0d0e0f10"));
        QCOMPARE_JSON(root["id"], Json("1111111111111111"));
        QVERIFY(!root.contains("parentId"));
        QCOMPARE_JSON(root["kind"], Json("SERVER"));
        QCOMPARE_JSON(root["timestamp"], Json(1700000000000001));
        QCOMPARE_JSON(root["duration"], Json(249999));
        QCOMPARE_JSON(root["localEndpoint"],
                      Json::parse("{\"serviceName\":\"checkout\",\"ipv4\":\"10.1.2.3\"}"));
        QCOMPARE_JSON(root["annotations"],
                      Json::parse("[{\"timestamp\":1700000000100000,\"value\":\"exception\"}]"));
        const Json& tags = root["tags"];
        QCOMPARE_JSON(tags["count"], Json("-42"));
        QCOMPARE_JSON(tags["cached"], Json("true"));
        QCOMPARE_JSON(tags["ratio"], Json("0.5"));
        QCOMPARE_JSON(tags["list"], Json("[1,{\"k\":\"v\"}]"));
        QCOMPARE_JSON(tags["error"], Json("payment declined"));
        QCOMPARE_JSON(tags["otel.status_code"], Json("ERROR"));
        QCOMPARE_JSON(tags["otel.scope.name"], Json("io.opentelemetry.checkout"));
        QVERIFY(!root.contains("links"));
        QCOMPARE_JSON(doc[1]["parentId"], Json("1111111111111111"));
        QCOMPARE_JSON(doc[1]["kind"], Json("CLIENT"));
        QVERIFY(!doc[1]["tags"].contains("error"));
        QVERIFY(!doc[2].contains("kind")); // INTERNAL: a local span
        QVERIFY(!doc[2].contains("timestamp"));
        QVERIFY(!doc[2].contains("duration"));
        QCOMPARE_JSON(doc[2]["localEndpoint"], Json::parse("{\"serviceName\":\"cart\"}"));
    }

    void timesOfZeroAreWrittenAndMissingOnesLeftOut_data()
    {
        QTest::addColumn<int>("format");
        for (const OutputFormat format :
             {OutputFormat::OtlpJson, OutputFormat::OtlpProto, OutputFormat::JaegerJson})
            QTest::newRow(outputFormatName(format)) << int(format);
    }

    void timesOfZeroAreWrittenAndMissingOnesLeftOut()
    {
        // A span at the epoch reads back at the epoch; a span without times reads back without.
        QFETCH(int, format);
        std::vector<SpanDetails> trace = sampleTrace();
        trace.resize(2);
        trace[0].startNs = 0;
        trace[0].endNs = 250'000'000;
        trace[1].startNs = trace[1].endNs = 0;
        trace[1].flags = SpanFlag::MissingStart | SpanFlag::MissingEnd;
        const auto imported =
            test::importBytes(QByteArray::fromStdString(write(OutputFormat(format), {trace})));
        QVERIFY2(!imported.failed, imported.error.c_str());
        const auto* epoch = imported.sink.find(trace[0].spanId);
        QVERIFY(epoch);
        QCOMPARE(epoch->startNs, int64_t(0));
        QCOMPARE(epoch->endNs, int64_t(250'000'000));
        QCOMPARE(epoch->flags & (SpanFlag::MissingStart | SpanFlag::MissingEnd), 0u);
        const auto* untimed = imported.sink.find(trace[1].spanId);
        QVERIFY(untimed);
        QCOMPARE(untimed->flags & (SpanFlag::MissingStart | SpanFlag::MissingEnd),
                 uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    }

    void zipkinTimesFollowZipkinsRules()
    {
        // zipkin2.Span: 0 is absent and a duration under 1 µs is 1 µs; no negative durations.
        std::vector<SpanDetails> trace = sampleTrace();
        trace[0].startNs = 1'700'000'000'000'000'100; // 100 ns long: 1 µs
        trace[0].endNs = 1'700'000'000'000'000'200;
        trace[1].startNs = 500; // before the first microsecond after the epoch: cannot be written
        trace[1].endNs = 900'000;
        trace[2].endNs = trace[2].startNs - 5'000; // ends before it starts: no duration
        trace[2].flags |= SpanFlag::EndBeforeStart;
        const Json doc = Json::parse(write(OutputFormat::ZipkinJson, {trace}));
        QCOMPARE(doc[0]["timestamp"].get<int64_t>(), int64_t(1'700'000'000'000'000));
        QCOMPARE(doc[0]["duration"].get<int64_t>(), int64_t(1));
        QVERIFY2(!doc[1].contains("timestamp") && !doc[1].contains("duration"), doc[1].dump().c_str());
        QVERIFY(doc[2].contains("timestamp"));
        QVERIFY2(!doc[2].contains("duration"), doc[2].dump().c_str());
    }

    void zipkinEndpointPortAndErrorMessage()
    {
        std::vector<SpanDetails> trace = sampleTrace();
        AttributeEncoder port;
        port.addInt("net.host.port", 8443);
        trace[0].resourceAttributes += std::string(port.data());
        // A span read from Jaeger keeps its boolean error tag; Zipkin's error tag holds the message.
        AttributeEncoder error;
        error.addBool("error", true);
        trace[0].attributes = std::string(error.data()) + trace[0].attributes;
        // Not in error, with an `error` attribute Jaeger does not count ("0"): Zipkin would read any
        // error tag as an error, so none is written; nor an annotation at the epoch, which Zipkin refuses.
        AttributeEncoder falsy;
        falsy.addString("error", "0");
        trace[1].attributes = std::string(falsy.data());
        trace[1].events.push_back(SpanEvent{0, "log", {}, 0});
        trace[1].events.push_back(SpanEvent{1'700'000'000'015'000'000, "retry", {}, 0});
        const Json doc = Json::parse(write(OutputFormat::ZipkinJson, {trace}));
        QVERIFY2(!doc[1].contains("tags") || !doc[1]["tags"].contains("error"), doc[1].dump().c_str());
        QCOMPARE(doc[1]["annotations"].size(), size_t(1));
        QCOMPARE(doc[1]["annotations"][0]["value"].get<std::string>(), std::string("retry"));
        QCOMPARE(doc[0]["localEndpoint"]["port"].get<int>(), 8443);
        QCOMPARE(doc[0]["localEndpoint"]["ipv4"].get<std::string>(), std::string("10.1.2.3"));
        QCOMPARE(doc[0]["tags"]["error"].get<std::string>(), std::string("payment declined"));
        QCOMPARE(doc[0]["tags"]["otel.status_code"].get<std::string>(), std::string("ERROR"));
        QVERIFY(!doc[1]["localEndpoint"].contains("port")); // no net.host.port, no port
    }

    void canonicalDumpIsOrderedAndTyped()
    {
        std::vector<SpanDetails> trace = sampleTrace();
        std::swap(trace[0], trace[2]);       // any input order gives the same dump
        trace[1].startNs = trace[0].startNs; // a tie on start: span id decides
        const std::string text = write(OutputFormat::Canonical, {trace});
        const Json doc = Json::parse(text);
        const Json& spans = doc["spans"];
        QCOMPARE(spans.size(), size_t(3));
        QCOMPARE_JSON(spans[0]["span_id"], Json("1111111111111111"));
        QCOMPARE_JSON(spans[1]["span_id"], Json("2222222222222222"));
        QCOMPARE_JSON(spans[2]["span_id"], Json("3333333333333333"));
        QCOMPARE_JSON(spans[1]["start_ns"], spans[2]["start_ns"]);
        const Json& root = spans[0];
        QCOMPARE_JSON(root["parent_span_id"], Json(nullptr));
        QCOMPARE_JSON(root["kind"], Json("SERVER"));
        QCOMPARE_JSON(root["status"], Json::parse("{\"code\":\"ERROR\",\"message\":\"payment declined\"}"));
        QCOMPARE_JSON(root["marks"], Json::parse("[\"error\"]"));
        QCOMPARE_JSON(root["w3c_flags"], Json(0x301));
        QCOMPARE_JSON(findByKey(root["attributes"], "big"),
                      Json::parse("{\"key\":\"big\",\"type\":\"int\",\"value\":9007199254740993}"));
        QCOMPARE_JSON(findByKey(root["attributes"], "nan"),
                      Json::parse("{\"key\":\"nan\",\"type\":\"double\",\"value\":\"NaN\"}"));
        QCOMPARE_JSON(findByKey(root["attributes"], "nothing"),
                      Json::parse("{\"key\":\"nothing\",\"type\":\"empty\",\"value\":null}"));
        QCOMPARE_JSON(
            findByKey(root["attributes"], "list"),
            Json::parse(
                "{\"key\":\"list\",\"type\":\"array\",\"value\":[{\"type\":\"int\",\"value\":1},{\"type\":"
                "\"kvlist\",\"value\":[{\"key\":\"k\",\"type\":\"string\",\"value\":\"v\"}]}]}"));
        QCOMPARE_JSON(root["links"][1],
                      Json::parse("{\"trace_id\":\"00000000000000000000000000000077\",\"span_id\":"
                                  "\"7878787878787878\",\"type\":\"child_of\",\"trace_state\":\"\",\"flags\":"
                                  "0,\"attributes\":[],\"dropped_attributes_count\":0}"));
        QCOMPARE_JSON(root["scope"]["name"], Json("io.opentelemetry.checkout"));
        QCOMPARE_JSON(root["resource"]["attributes"][1],
                      Json::parse("{\"key\":\"host.name\",\"type\":\"string\",\"value\":\"box\"}"));
        QVERIFY(text.rfind("{\n  \"spans\": [\n    {\n      \"trace_id\": ", 0) == 0);
        QCOMPARE(write(OutputFormat::Canonical, {}), std::string("{\n  \"spans\": []\n}\n"));
    }

    void invalidUtf8NeverReachesTheOutput_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("otlp-json") << int(OutputFormat::OtlpJson);
        QTest::newRow("jaeger-json") << int(OutputFormat::JaegerJson);
        QTest::newRow("zipkin-json") << int(OutputFormat::ZipkinJson);
        QTest::newRow("canonical") << int(OutputFormat::Canonical);
        QTest::newRow("otlp-proto") << int(OutputFormat::OtlpProto);
    }

    void invalidUtf8NeverReachesTheOutput()
    {
        QFETCH(int, format);
        std::vector<SpanDetails> trace = sampleTrace();
        trace[0].name = "bad \xFF name \"quoted\" \x1b[31m";
        trace[0].service = "svc\xC3";
        trace[0].attributes = blob({{"key\xE2\x82", "value\xF0\x9F"}});
        const std::string out = write(OutputFormat(format), {trace});
        if (format == int(OutputFormat::OtlpProto)) {
            const auto imported = test::importBytes(QByteArray::fromStdString(out));
            QVERIFY2(!imported.failed, imported.error.c_str());
            QCOMPARE(imported.sink.find(0x1111111111111111ull)->name,
                     std::string("bad \xEF\xBF\xBD name \"quoted\" \x1b[31m"));
            return;
        }
        QVERIFY(isValidUtf8(out));
        QVERIFY(out.find("bad \xEF\xBF\xBD name \\\"quoted\\\" \\u001b[31m") != std::string::npos);
        QVERIFY(Json::accept(out));
    }

    void tracesStreamIntoOneDocument_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("otlp-json") << int(OutputFormat::OtlpJson);
        QTest::newRow("jaeger-json") << int(OutputFormat::JaegerJson);
        QTest::newRow("zipkin-json") << int(OutputFormat::ZipkinJson);
        QTest::newRow("canonical") << int(OutputFormat::Canonical);
        QTest::newRow("otlp-proto") << int(OutputFormat::OtlpProto);
    }

    void tracesStreamIntoOneDocument()
    {
        QFETCH(int, format);
        std::vector<SpanDetails> second = sampleTrace();
        for (SpanDetails& span : second)
            span.traceId = TraceId{0, 0xabc};
        const std::string out = write(OutputFormat(format), {sampleTrace(), second, {}});
        if (format != int(OutputFormat::OtlpProto))
            QVERIFY(Json::accept(out));
        if (format == int(OutputFormat::Canonical))
            return; // not a trace format: nothing reads it back
        const auto imported = test::importBytes(QByteArray::fromStdString(out));
        QVERIFY2(!imported.failed, imported.error.c_str());
        QCOMPARE(imported.sink.spans.size(), size_t(6));
        std::set<TraceId> ids;
        for (const auto& span : imported.sink.spans)
            ids.insert(span.traceId);
        QCOMPARE(ids.size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(WritersTest)
#include "tst_writers.moc"
