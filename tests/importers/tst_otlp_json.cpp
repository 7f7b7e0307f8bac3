// SPDX-License-Identifier: MIT
// The OTLP JSON importer, one document at a time: golden dumps of our own fixtures (one per variant
// docs/FORMAT-REFERENCE.md §3 lists) and the mapping of every field: ids, enums, 64-bit integers, typed
// attributes, events, links, resources and scopes, the wrappers of Tempo and Jaeger's api_v3, several traces
// in one file, snake_case keys and a top-level array of TracesData. JSON Lines, compression and real files
// are in tst_otlp_json_lines.cpp, hostile input in tst_otlp_json_hostile.cpp.
#include "OtlpJsonTestSupport.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QRegularExpression>
#include <QTest>
#include <cmath>
#include <limits>
#include <set>

using namespace spanscope;
using namespace spanscope::test;

class TestOtlpJson : public QObject
{
    Q_OBJECT

private slots:
    void goldens_data();
    void goldens();

    void hexAndBase64Ids();
    void linksWithoutIdsAreDropped();
    void kindAndStatusEnums();
    void int64AsStringsAndNumbers();
    void typedAttributes();
    void eventsLinksResourceAndScope();
    void legacyInstrumentationLibrarySpans();
    void tempoBatches();
    void tempoTraceWrapper();
    void jaegerApiV3Result();
    void severalTracesAndSplitTraces();
    void snakeCaseKeys();
    void arrayOfTracesData();
    void specificationFileExporterExample();
};

void TestOtlpJson::goldens_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name :
         {"ids.json", "enums.json", "int64.json", "attributes.json", "legacy_ils.json", "tempo_batches.json",
          "tempo_trace.json", "jaeger_v3_result.json", "several_traces.json", "wrong_types.json",
          "collector.jsonl", "broken_line.jsonl", "all_broken.jsonl"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestOtlpJson::goldens()
{
    QFETCH(QString, name);
    const Imported result = importFile(fixture(name));
    QVERIFY(result.info.format == TraceFormat::OtlpJson || result.failed);
    const QString golden = fixture(name.left(name.lastIndexOf(QLatin1Char('.'))) + QStringLiteral(".golden"));
    QString message;
    QVERIFY2(matchesGolden(golden, goldenText(result), message), qPrintable(message));
}

void TestOtlpJson::hexAndBase64Ids()
{
    // docs/FORMAT-REFERENCE.md §3, §8.6: hex is case-insensitive; base64 (24/12 characters, "=="/"=") is told
    // apart by its length and padding, or by characters outside the hex alphabet when unpadded.
    const Imported result = importFile(fixture(QStringLiteral("ids.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const TraceId trace = traceId("5b8efff798038103d269b633813fc60c");

    const auto* upper = spanWithId(result, 0xeee19b7ec3c1b174);
    QVERIFY(upper);
    QCOMPARE(upper->traceId, trace);
    QCOMPARE(upper->parentSpanId, uint64_t(0)); // "" = absent: a root
    QVERIFY(upper->text.starts_with("5b8efff798038103d269b633813fc60c eee19b7ec3c1b174 parent=-"));

    const auto* mixed = spanWithId(result, 0xeee19b7ec3c1b175);
    QVERIFY(mixed);
    QCOMPARE(mixed->traceId, trace);
    QCOMPARE(mixed->parentSpanId, uint64_t(0xeee19b7ec3c1b174));

    const auto* padded = spanWithId(result, 0xeee19b7ec3c1b176);
    QVERIFY(padded);
    QCOMPARE(padded->traceId, trace);
    QCOMPARE(padded->parentSpanId, uint64_t(0xeee19b7ec3c1b174));
    const auto& links = extraOf(result, padded).links;
    QCOMPARE(links.size(), size_t(2));
    QCOMPARE(links[0].traceId, traceId("0af7651916cd43dd8448eb211c80319c")); // base64 link ids
    QCOMPARE(links[0].spanId, uint64_t(0xb7ad6b7169203331));
    QCOMPARE(links[1].traceId, traceId("4bf92f3577b34da6a3ce929d0e0e4736")); // upper-case hex link ids
    QCOMPARE(links[1].spanId, uint64_t(0x00f067aa0ba902b7));

    const auto* unpadded = spanWithId(result, 0xeee19b7ec3c1b177);
    QVERIFY(unpadded);
    QCOMPARE(unpadded->traceId, trace);

    // Short hex ids are left-padded, like Jaeger's and Zipkin's parsers do.
    const auto* shortIds = spanWithId(result, 0xa1);
    QVERIFY(shortIds);
    QCOMPARE(shortIds->traceId, (TraceId{0, 0xabc}));
    QCOMPARE(shortIds->parentSpanId, uint64_t(0xf));
    QVERIFY(shortIds->text.starts_with(
        "00000000000000000000000000000abc 00000000000000a1 parent=000000000000000f"));

    // 24 and 12 hex digits have base64's lengths but no padding and only hex characters: hex.
    const auto* hexOfBase64Length = spanWithId(result, 0xa2);
    QVERIFY(hexOfBase64Length);
    QCOMPARE(hexOfBase64Length->traceId, (TraceId{0, 0xabc}));
    QCOMPARE(hexOfBase64Length->parentSpanId, uint64_t(0xa1));

    // Base64 of the same small ids gives the same numbers; an all-zero parent is a root.
    const auto* base64Short = spanWithId(result, 0xabc);
    QVERIFY(base64Short);
    QCOMPARE(base64Short->traceId, (TraceId{0, 0xabc}));
    QCOMPARE(base64Short->parentSpanId, uint64_t(0));

    // A parent that is no id at all: the span stays, as a root, with a warning.
    const auto* badParent = spanWithId(result, 0xeee19b7ec3c1b178);
    QVERIFY(badParent);
    QCOMPARE(badParent->parentSpanId, uint64_t(0));
    QVERIFY(hasWarning(
        result.sink, QStringLiteral("invalid \"parentSpanId\" \"not-an-id\"; the span is shown as a root")));
    // Its links have no valid ids (not hex, all zeros): dropped, each with a warning.
    QCOMPARE(badParent->links, size_t(0));
    int droppedLinks = 0;
    for (const std::string& warning : result.sink.warnings)
        droppedLinks +=
            warning.find("a link without a valid trace and span id was dropped") != std::string::npos;
    QCOMPARE(droppedLinks, 2);

    // Ids that are not ids (not hex, 17 digits) skip the span with a warning naming the reason;
    // empty and all-zero ids are "no id": those spans stay, under synthetic ids, marked, with one
    // summarised warning (docs/FORMATS.md, "Spans without ids").
    QCOMPARE(result.sink.spans.size(), size_t(12));
    QCOMPARE(result.info.spans, uint64_t(12));
    QVERIFY(!result.sink.find(1));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("^\\d+:\\d+: a span skipped: span without a valid \"traceId\"$")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("a span skipped: span without a valid \"spanId\"$")));
    int skipped = 0;
    for (const std::string& warning : result.sink.warnings)
        skipped += warning.find("a span skipped") != std::string::npos;
    QCOMPARE(skipped, 2);
    std::vector<const CaptureSink::Span*> synthetic;
    for (const CaptureSink::Span& span : result.sink.spans) {
        if (span.flags & SpanFlag::SyntheticId)
            synthetic.push_back(&span);
    }
    QCOMPARE(synthetic.size(), size_t(4));
    // The two without a trace id share one synthetic trace and keep their own span ids.
    const auto* emptyTrace = result.sink.find(2);
    const auto* zeroTrace = result.sink.find(3);
    QVERIFY(emptyTrace && zeroTrace);
    QVERIFY(emptyTrace->traceId.isValid());
    QCOMPARE(emptyTrace->traceId, zeroTrace->traceId);
    QVERIFY(emptyTrace->traceId != (TraceId{0x5b8efff798038103ull, 0xd269b633813fc60cull}));
    // The two without a span id keep their trace and get distinct span ids.
    int inRealTrace = 0;
    for (const CaptureSink::Span* span : synthetic) {
        if (span->traceId == TraceId{0x5b8efff798038103ull, 0xd269b633813fc60cull}) {
            ++inRealTrace;
            QVERIFY(span->spanId != 0);
        }
    }
    QCOMPARE(inRealTrace, 2);
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("^: 2 span\\(s\\) without a trace id were put in one synthetic "
                                      "trace; 2 span\\(s\\) without a span id were given synthetic "
                                      "span ids \\(marked synthetic_id\\)$")));
    // The same file gives the same ids every time.
    const Imported again = importFile(fixture(QStringLiteral("ids.json")));
    QCOMPARE(QString::fromStdString(again.sink.dump()), QString::fromStdString(result.sink.dump()));
}

void TestOtlpJson::linksWithoutIdsAreDropped()
{
    // An absent id is an empty id (docs/FORMAT-REFERENCE.md §3), which is invalid for a link as for a span;
    // the protobuf importer drops such links with a warning.
    const Imported result = importData(oneSpanDocument(
        spanJson("0000000000000001",
                 R"(,"links":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"},)"
                 R"({"spanId":"00f067aa0ba902b7"},)"
                 R"({"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7"}])")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& links = result.sink.extras.at(0).links;
    QVERIFY(!links.empty());
    QCOMPARE(links.size(), size_t(1)); // only the complete link is kept
    QCOMPARE(links[0].traceId, traceId("4bf92f3577b34da6a3ce929d0e0e4736"));
    QCOMPARE(links[0].spanId, uint64_t(0x00f067aa0ba902b7));
    QCOMPARE(result.sink.warnings.size(), size_t(2));
    for (const std::string& warning : result.sink.warnings)
        QVERIFY2(warning.ends_with("a link without a valid trace and span id was dropped"), warning.c_str());
}

void TestOtlpJson::kindAndStatusEnums()
{
    const Imported result = importFile(fixture(QStringLiteral("enums.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(11));
    struct Expected
    {
        uint64_t id;
        SpanKind kind;
        StatusCode status;
    };
    const Expected expected[] = {
        {1, SpanKind::Server, StatusCode::Error},       {2, SpanKind::Server, StatusCode::Error},
        {3, SpanKind::Client, StatusCode::Ok},          {4, SpanKind::Producer, StatusCode::Ok},
        {5, SpanKind::Consumer, StatusCode::Ok},        {6, SpanKind::Internal, StatusCode::Unset},
        {7, SpanKind::Unspecified, StatusCode::Unset},  {8, SpanKind::Producer, StatusCode::Unset},
        {9, SpanKind::Unspecified, StatusCode::Unset},  {10, SpanKind::Unspecified, StatusCode::Unset},
        {11, SpanKind::Unspecified, StatusCode::Unset},
    };
    for (const Expected& e : expected) {
        const auto* span = spanWithId(result, e.id);
        QVERIFY(span);
        QCOMPARE(span->kind, e.kind);
        QCOMPARE(span->status, e.status);
        // Only ERROR marks a span as in error.
        QCOMPARE(bool(span->flags & SpanFlag::Error), e.status == StatusCode::Error);
    }
    QCOMPARE(extraOf(result, spanWithId(result, 1)).statusMessage, std::string("boom"));
    QCOMPARE(extraOf(result, spanWithId(result, 2)).statusMessage, std::string("named"));
    // Names nobody defines are read as the default, with a warning; out-of-range integers too,
    // silently (proto3 keeps unknown enum values; there is nothing to show for them).
    QVERIFY(hasWarning(result.sink, QStringLiteral("unknown span kind \"SPAN_KIND_SIDEWAYS\"")));
    QVERIFY(
        hasWarning(result.sink, QStringLiteral("unknown status code \"STATUS_CODE_MAYBE\" read as UNSET")));
    QCOMPARE(result.sink.warnings.size(), size_t(2));
}

void TestOtlpJson::int64AsStringsAndNumbers()
{
    const Imported result = importFile(fixture(QStringLiteral("int64.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QVERIFY(result.sink.warnings.empty());

    // Times beyond 2^53 are exact whether written as strings or as JSON numbers.
    for (const uint64_t id : {0xa1, 0xa2}) {
        const auto* span = spanWithId(result, id);
        QVERIFY(span);
        QCOMPARE(span->startNs, int64_t(1700000000123456789));
        QCOMPARE(span->endNs, int64_t(1700000000987654321));
        QCOMPARE(span->flags, uint32_t(0));
        const auto& extra = extraOf(result, span);
        QCOMPARE(extra.droppedAttributes, uint32_t(3));
        QCOMPARE(extra.droppedEvents, uint32_t(2));
        QCOMPARE(extra.droppedLinks, uint32_t(1));
        QCOMPARE(extra.events.size(), size_t(1));
    }
    const auto* strings = spanWithId(result, 0xa1);
    QCOMPARE(extraOf(result, strings).events[0].timeNs, int64_t(1700000000200000001));
    QCOMPARE(attribute(*strings, "int.string").type, ValueType::Int);
    QCOMPARE(attribute(*strings, "int.string").intValue, std::numeric_limits<int64_t>::max());
    QCOMPARE(attribute(*strings, "int.string.negative").intValue, std::numeric_limits<int64_t>::min());
    QCOMPARE(strings->w3cFlags, uint32_t(257)); // sampled, "is_remote known"

    const auto* numbers = spanWithId(result, 0xa2);
    QCOMPARE(extraOf(result, numbers).events[0].timeNs, int64_t(1700000000200000003));
    QCOMPARE(attribute(*numbers, "int.number").type, ValueType::Int);
    QCOMPARE(attribute(*numbers, "int.number").intValue, int64_t(9007199254740993)); // 2^53 + 1
    QCOMPARE(attribute(*numbers, "int.number.negative").intValue, int64_t(-42));
    QCOMPARE(numbers->w3cFlags, uint32_t(769)); // sampled, remote

    // Absent or null times are "missing"; "0" is the epoch, a time like any other; a negative
    // dropped count reads as 0.
    const auto* noTimes = spanWithId(result, 0xa3);
    QVERIFY(noTimes);
    QCOMPARE(noTimes->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    QCOMPARE(extraOf(result, noTimes).droppedAttributes, uint32_t(0));
    const auto* zero = spanWithId(result, 0xa4);
    QVERIFY(zero);
    QCOMPARE(zero->flags, uint32_t(SpanFlag::MissingEnd));
    QCOMPARE(zero->startNs, int64_t(0));
    const auto* backwards = spanWithId(result, 0xa5);
    QVERIFY(backwards);
    QCOMPARE(backwards->flags, uint32_t(SpanFlag::EndBeforeStart));
    QCOMPARE(backwards->endNs - backwards->startNs, int64_t(-100000000));

    QCOMPARE(result.sink.resources, std::vector<std::string>{"int64 | service.name=int64 (string)"});
}

void TestOtlpJson::typedAttributes()
{
    const Imported result = importFile(fixture(QStringLiteral("attributes.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    QVERIFY(result.sink.warnings.empty());
    const auto& span = result.sink.spans[0];

    QCOMPARE(attribute(span, "string").type, ValueType::String);
    QCOMPARE(attribute(span, "string").text, std::string_view("caf\xC3\xA9 \"quoted\"")); // escapes undone
    QCOMPARE(attribute(span, "bool.true").type, ValueType::Bool);
    QCOMPARE(attribute(span, "bool.true").boolValue, true);
    QCOMPARE(attribute(span, "bool.false").type, ValueType::Bool);
    QCOMPARE(attribute(span, "bool.false").boolValue, false);
    QCOMPARE(attribute(span, "int").type, ValueType::Int);
    QCOMPARE(attribute(span, "int").intValue, int64_t(200));
    QCOMPARE(attribute(span, "int.number").type, ValueType::Int);
    QCOMPARE(attribute(span, "int.number").intValue, int64_t(404));
    QCOMPARE(attribute(span, "double").type, ValueType::Double);
    QCOMPARE(attribute(span, "double").doubleValue, 0.25);
    QCOMPARE(attribute(span, "double.integral").type, ValueType::Double); // 3, not an int
    QCOMPARE(attribute(span, "double.integral").doubleValue, 3.0);
    QCOMPARE(attribute(span, "double.nan").type, ValueType::Double);
    QVERIFY(std::isnan(attribute(span, "double.nan").doubleValue));
    QCOMPARE(attribute(span, "double.infinity").doubleValue, -HUGE_VAL);
    QCOMPARE(attribute(span, "bytes").type, ValueType::Bytes);
    QCOMPARE(attribute(span, "bytes").text, std::string_view("\x00\x01\xFEhello", 8));

    const ValueView mixed = attribute(span, "array.mixed");
    QCOMPARE(mixed.type, ValueType::Array);
    const auto items = elements(mixed);
    QCOMPARE(items.size(), size_t(5));
    QCOMPARE(items[0].second.type, ValueType::String);
    QCOMPARE(items[0].second.text, std::string_view("a"));
    QCOMPARE(items[1].second.type, ValueType::Int);
    QCOMPARE(items[1].second.intValue, int64_t(1));
    QCOMPARE(items[2].second.type, ValueType::Double);
    QCOMPARE(items[2].second.doubleValue, 1.5);
    QCOMPARE(items[3].second.type, ValueType::Bool);
    QCOMPARE(items[4].second.type, ValueType::Empty); // {} = an empty value
    QCOMPARE(attribute(span, "array.empty").type, ValueType::Array);
    QCOMPARE(attribute(span, "array.empty").elementCount, uint32_t(0));

    const ValueView kvlist = attribute(span, "kvlist");
    QCOMPARE(kvlist.type, ValueType::KeyValueList);
    const auto entries = elements(kvlist);
    QCOMPARE(entries.size(), size_t(3));
    QCOMPARE(entries[0].first, std::string_view("inner"));
    QCOMPARE(entries[0].second.text, std::string_view("x"));
    QCOMPARE(entries[1].first, std::string_view("nested"));
    QCOMPARE(entries[1].second.type, ValueType::KeyValueList);
    const auto nested = elements(entries[1].second);
    QCOMPARE(nested.size(), size_t(1));
    QCOMPARE(nested[0].first, std::string_view("deeper"));
    QCOMPARE(nested[0].second.type, ValueType::Array);
    QCOMPARE(elements(nested[0].second).at(0).second.intValue, int64_t(7));
    QCOMPARE(entries[2].first, std::string_view("no.value"));
    QCOMPARE(entries[2].second.type, ValueType::Empty);

    QCOMPARE(attribute(span, "empty").type, ValueType::Empty);
    QCOMPARE(attribute(span, "empty").text, std::string_view()); // present, not "<absent>"
    QCOMPARE(attribute(span, "no.value").type, ValueType::Empty);
    QCOMPARE(attribute(span, "no.value").text, std::string_view());
    QCOMPARE(attribute(span, "order").text, std::string_view("value before key"));
    QCOMPARE(attribute(span, "unknown.type").type, ValueType::Empty); // unknown fields are ignored
    QCOMPARE(attribute(span, "oneof.first.wins").type, ValueType::String);
    QCOMPARE(attribute(span, "oneof.first.wins").text, std::string_view("first"));

    // File order is kept.
    QVERIFY(describeAttributes(span.attributes)
                .starts_with("string=caf\xC3\xA9 \"quoted\" (string), bool.true=true (bool)"));
}

void TestOtlpJson::eventsLinksResourceAndScope()
{
    const Imported result = importFile(fixture(QStringLiteral("attributes.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    const auto& span = result.sink.spans.at(0);
    QCOMPARE(span.traceId, traceId("0102030405060708090a0b0c0d0e0f10"));
    QCOMPARE(span.spanId, uint64_t(0x0102030405060708));
    QCOMPARE(span.name, std::string("POST /api/checkout"));
    QCOMPARE(span.kind, SpanKind::Server);
    QCOMPARE(span.startNs, int64_t(1773480413589000000));
    QCOMPARE(span.endNs, int64_t(1773480414001350000));
    QCOMPARE(span.status, StatusCode::Error);
    QCOMPARE(span.flags, uint32_t(SpanFlag::Error));
    QCOMPARE(span.w3cFlags, uint32_t(1));
    QCOMPARE(span.service, std::string("checkout"));
    const auto& extra = result.sink.extras.at(0);
    QCOMPARE(extra.traceState, std::string("vendor=opaque"));
    QCOMPARE(extra.statusMessage, std::string("payment declined"));

    QCOMPARE(extra.events.size(), size_t(2));
    QCOMPARE(extra.events[0].timeNs, int64_t(1773480413600000000));
    QCOMPARE(extra.events[0].name, std::string("exception"));
    QCOMPARE(describeAttributes(extra.events[0].attributes),
             std::string("exception.type=IOError (string), exception.escaped=false (bool)"));
    QCOMPARE(extra.events[0].dropped, uint32_t(1));
    QCOMPARE(extra.events[1].timeNs, int64_t(1773480413700000000));
    QCOMPARE(extra.events[1].name, std::string()); // events without a name exist (jaeger fixture)
    QCOMPARE(extra.events[1].attributes, std::string());

    QCOMPARE(extra.links.size(), size_t(1));
    QCOMPARE(extra.links[0].traceId, traceId("4bf92f3577b34da6a3ce929d0e0e4736"));
    QCOMPARE(extra.links[0].spanId, uint64_t(0x00f067aa0ba902b7));
    QCOMPARE(extra.links[0].traceState, std::string("k=v"));
    QCOMPARE(extra.links[0].flags, uint32_t(257));
    QCOMPARE(extra.links[0].dropped, uint32_t(2));
    QCOMPARE(describeAttributes(extra.links[0].attributes), std::string("link.kind=follows (string)"));
    QVERIFY(span.text.find("link{4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 type=0 ") !=
            std::string::npos);

    // The resource keeps every attribute, typed; its service.name is the span's service.
    QCOMPARE(result.sink.resources,
             std::vector<std::string>{
                 "checkout | service.name=checkout (string), host.ip=[\"10.0.0.1\",\"fe80::1\"] (array), "
                 "process.pid=4242 (int)"});
    QCOMPARE(result.sink.scopes,
             std::vector<std::string>{"io.opentelemetry.go 1.36.0 | scope.flag=true (bool)"});
    QCOMPARE(extra.scope, ScopeRef(1));
}

void TestOtlpJson::legacyInstrumentationLibrarySpans()
{
    const Imported result = importFile(fixture(QStringLiteral("legacy_ils.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(result.sink.warnings.empty());
    // instrumentationLibrary is read like scope.
    QCOMPARE(result.sink.scopes, std::vector<std::string>{"io.opentelemetry.legacy 0.14.0 | "});
    const auto* root = spanWithId(result, 1);
    const auto* child = spanWithId(result, 2);
    QVERIFY(root && child);
    QCOMPARE(root->traceId, (TraceId{0, 0x42}));
    QCOMPARE(root->service, std::string("legacy"));
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->startNs, int64_t(1600000000000000000));
    QCOMPARE(child->parentSpanId, uint64_t(1));
    QCOMPARE(child->kind, SpanKind::Client);
    QCOMPARE(child->status, StatusCode::Error);
    QCOMPARE(extraOf(result, child).scope, ScopeRef(1));
}

void TestOtlpJson::tempoBatches()
{
    const Imported result = importFile(fixture(QStringLiteral("tempo_batches.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(result.sink.warnings.empty());
    // Tempo: "batches" for "resourceSpans", base64 ids, enum names.
    const auto* root = spanWithId(result, 0xeee19b7ec3c1b174);
    const auto* child = spanWithId(result, 0xeee19b7ec3c1b176);
    QVERIFY(root && child);
    QCOMPARE(root->traceId, traceId("5b8efff798038103d269b633813fc60c"));
    QCOMPARE(root->service, std::string("tempo-app"));
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->status, StatusCode::Ok);
    QCOMPARE(root->endNs - root->startNs, int64_t(1000000000));
    QCOMPARE(child->parentSpanId, uint64_t(0xeee19b7ec3c1b174));
    QCOMPARE(child->kind, SpanKind::Client);
    QCOMPARE(child->status, StatusCode::Error);
    QCOMPARE(extraOf(result, child).statusMessage, std::string("deadlock"));
}

void TestOtlpJson::tempoTraceWrapper()
{
    const Imported result = importFile(fixture(QStringLiteral("tempo_trace.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    QCOMPARE(span.traceId, traceId("4bf92f3577b34da6a3ce929d0e0e4736"));
    QCOMPARE(span.spanId, uint64_t(0x00f067aa0ba902b7));
    QCOMPARE(span.service, std::string("tempo-v2"));
    QCOMPARE(span.kind, SpanKind::Internal);
    QCOMPARE(span.endNs - span.startNs, int64_t(50000000));

    // The "metrics" object may come first: the wrapper is found by its key, not its position.
    const Imported metricsFirst = importData(R"({"metrics":{"inspectedBytes":"1"},"trace":)" +
                                             oneSpanDocument(spanJson("0000000000000001")) + "}");
    QVERIFY2(!metricsFirst.failed, metricsFirst.error.c_str());
    QCOMPARE(metricsFirst.info.format, TraceFormat::OtlpJson);
    QCOMPARE(metricsFirst.sink.spans.size(), size_t(1));
}

void TestOtlpJson::jaegerApiV3Result()
{
    const Imported result = importFile(fixture(QStringLiteral("jaeger_v3_result.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    QCOMPARE(span.traceId, traceId("0af7651916cd43dd8448eb211c80319c"));
    QCOMPARE(span.spanId, uint64_t(0xb7ad6b7169203331));
    QCOMPARE(span.service, std::string("jaeger-v3"));
    QCOMPARE(span.kind, SpanKind::Client);
    QCOMPARE(span.startNs, int64_t(1485467191639875000));
    QCOMPARE(span.endNs - span.startNs, int64_t(22938000));
    QCOMPARE(attribute(span, "http.method").text, std::string_view("GET"));
    QCOMPARE(result.sink.scopes, std::vector<std::string>{"jaeger  | "});
}

void TestOtlpJson::severalTracesAndSplitTraces()
{
    const Imported result = importFile(fixture(QStringLiteral("several_traces.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QVERIFY(result.sink.warnings.empty());
    QCOMPARE(result.sink.spans.size(), size_t(7));
    QCOMPARE(distinctTraces(result.sink), size_t(2));
    const TraceId a{0, 0xa};
    const TraceId b{0, 0xb};
    // Trace a is spread over four ResourceSpans (four services, one without any) and interleaved
    // with trace b; every span keeps its own trace and service.
    const std::pair<uint64_t, std::pair<TraceId, const char*>> expected[] = {
        {0xa1, {a, "gateway"}}, {0xb1, {b, "gateway"}}, {0xa2, {a, "orders"}}, {0xb2, {b, "orders"}},
        {0xa3, {a, "orders"}},  {0xa4, {a, ""}},        {0xa5, {a, "snake"}},
    };
    for (const auto& [id, want] : expected) {
        const auto* span = spanWithId(result, id);
        QVERIFY(span);
        QCOMPARE(span->traceId, want.first);
        QCOMPARE(span->service, std::string(want.second));
    }
    QCOMPARE(spanWithId(result, 0xa3)->parentSpanId, uint64_t(0xa2));
    QCOMPARE(spanWithId(result, 0xb2)->parentSpanId, uint64_t(0xb1));
    // The first ResourceSpans names its resource after its spans: declared first, defined later.
    QCOMPARE(result.sink.resources.size(), size_t(4));
    QCOMPARE(result.sink.resources[0], std::string("gateway | service.name=gateway (string)"));
    QCOMPARE(result.sink.resources[2], std::string(" | "));
    // Two ScopeSpans of one ResourceSpans: two scopes.
    QCOMPARE(extraOf(result, spanWithId(result, 0xa2)).scope + 1,
             extraOf(result, spanWithId(result, 0xb2)).scope);
    QCOMPARE(extraOf(result, spanWithId(result, 0xb2)).scope,
             extraOf(result, spanWithId(result, 0xa3)).scope);
}

void TestOtlpJson::snakeCaseKeys()
{
    // The Collector's reader accepts snake_case keys, so files with them exist (docs/FORMAT-REFERENCE.md §3).
    const Imported result = importFile(fixture(QStringLiteral("several_traces.json")));
    const auto* snake = spanWithId(result, 0xa5);
    QVERIFY(snake);
    QCOMPARE(snake->parentSpanId, uint64_t(0xa1));
    QCOMPARE(snake->kind, SpanKind::Client);
    QCOMPARE(snake->startNs, int64_t(7000000));
    QCOMPARE(snake->endNs, int64_t(7500000));
    QCOMPARE(attribute(*snake, "k").type, ValueType::Int);
    QCOMPARE(attribute(*snake, "k").intValue, int64_t(5));
    const auto& extra = extraOf(result, snake);
    QCOMPARE(extra.events.size(), size_t(1));
    QCOMPARE(extra.events[0].timeNs, int64_t(7100000));
    QCOMPARE(extra.droppedAttributes, uint32_t(2));
    QCOMPARE(extra.traceState, std::string("s=1"));
    QCOMPARE(result.sink.scopes.at(extra.scope - 1), std::string("snake  | "));

    const Imported topLevel =
        importData(oneSpanDocument(spanJson("0000000000000001")).replace("resourceSpans", "resource_spans"));
    QVERIFY2(!topLevel.failed, topLevel.error.c_str());
    QCOMPARE(topLevel.info.format, TraceFormat::OtlpJson);
    QCOMPARE(topLevel.sink.spans.size(), size_t(1));
}

void TestOtlpJson::arrayOfTracesData()
{
    // The sniffer takes [{"resourceSpans":...}, ...] for OTLP JSON; the importer reads every element.
    const QByteArray first = oneSpanDocument(spanJson("0000000000000001"));
    const QByteArray second = readFile(fixture(QStringLiteral("tempo_batches.json")));
    const Imported result = importData("[" + first + ",\n" + second + ", 7]");
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.sink.spans.size(), size_t(3));
    QVERIFY(spanWithId(result, 1));
    QCOMPARE(spanWithId(result, 0xeee19b7ec3c1b176)->service, std::string("tempo-app"));
    QCOMPARE(result.sink.warnings.size(), size_t(1));
    QVERIFY2(
        QString::fromStdString(result.sink.warnings[0])
            .contains(QRegularExpression(QStringLiteral("^\\d+:\\d+: an array element that is not an OTLP "
                                                        "JSON object was skipped$"))),
        result.sink.warnings[0].c_str());

    const Imported empty = runOtlp("[]");
    QVERIFY2(!empty.failed, empty.error.c_str());
    QCOMPARE(empty.sink.spans.size(), size_t(0));
}

QTEST_GUILESS_MAIN(TestOtlpJson)
void TestOtlpJson::specificationFileExporterExample()
{
    // tests/data/otlp-json/file_exporter_example.jsonl has the shape of the OpenTelemetry
    // specification's file-exporter example: every traceId, spanId and parentSpanId is "". Its
    // spans are kept, in one synthetic trace, each marked, with one warning for the ids.
    const Imported result = importFile(fixture(QStringLiteral("file_exporter_example.jsonl")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(6));
    std::set<uint64_t> ids;
    for (const CaptureSink::Span& span : result.sink.spans) {
        QCOMPARE(span.traceId, result.sink.spans[0].traceId);
        QVERIFY(span.traceId.isValid());
        QCOMPARE(span.parentSpanId, uint64_t(0)); // "" = a root
        QCOMPARE(span.flags & SpanFlag::SyntheticId, uint32_t(SpanFlag::SyntheticId));
        QVERIFY(!(span.flags & (SpanFlag::MissingStart | SpanFlag::MissingEnd)));
        ids.insert(span.spanId);
    }
    QCOMPARE(ids.size(), size_t(6));
    QCOMPARE(result.sink.spans[0].name, std::string("checkout"));
    QCOMPARE(result.sink.spans[0].events, size_t(2));
    QCOMPARE(result.sink.spans[0].status, StatusCode::Error);
    int idWarnings = 0;
    int linkWarnings = 0;
    for (const std::string& warning : result.sink.warnings) {
        idWarnings += warning ==
                      ": 6 span(s) without a trace id were put in one synthetic trace; 6 span(s) without a "
                      "span id were given synthetic span ids (marked synthetic_id)";
        linkWarnings +=
            warning.find("a link without a valid trace and span id was dropped") != std::string::npos;
    }
    QCOMPARE(idWarnings, 1);
    QCOMPARE(linkWarnings, 6); // two links with empty ids on each "charge card" span
    QCOMPARE(result.sink.warnings.size(), size_t(7));
}

#include "tst_otlp_json.moc"
