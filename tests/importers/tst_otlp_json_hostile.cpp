// SPDX-License-Identifier: MIT
// The OTLP JSON importer on hostile and broken input: every prefix of a file, exact syntax-error
// locations, deep nesting, huge strings and names, invalid UTF-8, bad escapes, fields of the wrong
// type, null for every field, and empty input. Each must end by itself, cleanly: spans kept, a
// warning, or an error at its place.
#include "OtlpJsonTestSupport.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QRegularExpression>
#include <QTest>
#include <algorithm>

using namespace spanscope;
using namespace spanscope::test;

class TestOtlpJsonHostile : public QObject
{
    Q_OBJECT

private slots:
    void truncatedAtEveryOffset_data();
    void truncatedAtEveryOffset();
    void syntaxErrorHasExactLocation();
    void deepNesting();
    void hugeStrings();
    void hugeNamesAreCut();
    void invalidUtf8();
    void badEscapes();
    void wrongTypes();
    void nullIsTheDefault_data();
    void nullIsTheDefault();
    void emptyAndTrivial();
};

void TestOtlpJsonHostile::truncatedAtEveryOffset_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name : {"attributes.json", "several_traces.json", "ids.json", "collector.jsonl"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestOtlpJsonHostile::truncatedAtEveryOffset()
{
    // Every prefix of a file must end cleanly: success, or an error with its line and column,
    // and never a span that the whole file does not have (the spans read are a prefix of the
    // whole file's spans). Only the sniffer's refusals, before anything is read, carry no place.
    QFETCH(QString, name);
    const QByteArray whole = readFile(fixture(name));
    QVERIFY(!whole.isEmpty());
    const Imported full = importData(whole);
    QVERIFY2(!full.failed, full.error.c_str());
    // Without services: a resource that follows its spans is cut off with the rest.
    const std::vector<std::string> fullSpans = spanTexts(full.sink, false);
    qsizetype lastContent = whole.size(); // one past the last byte that is not whitespace
    while (lastContent > 0 && QByteArrayView(" \t\r\n").contains(whole[lastContent - 1]))
        --lastContent;
    const bool jsonLines = name.endsWith(QStringLiteral(".jsonl"));
    int failures = 0;
    int successes = 0;
    for (qsizetype cut = 0; cut < whole.size(); ++cut) {
        const Imported result = importData(whole.left(cut));
        const std::vector<std::string> spans = spanTexts(result.sink, false);
        const QByteArray where =
            "cut at " + QByteArray::number(cut) + ": " + QByteArray::fromStdString(result.error);
        QVERIFY2(spans.size() <= fullSpans.size(), where.constData());
        QVERIFY2(std::equal(spans.begin(), spans.end(), fullSpans.begin()), where.constData());
        if (result.failed) {
            ++failures;
            if (!isLocated(result.error)) {
                QVERIFY2(result.sink.spans.empty() && result.sink.resources.empty(), where.constData());
                QVERIFY2(result.error == ": the file is empty" ||
                             result.error == ": the file starts like JSON but is malformed",
                         where.constData());
            }
        } else {
            ++successes;
            // A single document cannot be complete before its last character.
            if (!jsonLines)
                QVERIFY2(cut >= lastContent, where.constData());
        }
    }
    QVERIFY(failures > 0);
    if (jsonLines)
        QVERIFY(successes > 0); // a cut in a later line keeps the lines before it
}

void TestOtlpJsonHostile::syntaxErrorHasExactLocation()
{
    const QByteArray json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[\n" + spanJson("0000000000000001") +
        ",\n  {\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"0000000000000002\","
        "\"attributes\":[{\"key\":\"a\" \"value\":{}}]}\n]}]}]}";
    const Imported result = importData(json);
    QVERIFY(result.failed);
    // Line 3, at the string where ':' should be ("value" spans columns 102-108; the parser reports
    // the last character of the unexpected token, as for Jaeger).
    QVERIFY2(result.error.starts_with("3:108: invalid JSON"), result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1)); // the span before the error is kept
}

void TestOtlpJsonHostile::deepNesting()
{
    // Attribute values: nested up to the limit is kept; one level more skips that span only.
    const auto nestedValue = [](int arrays) -> QByteArray {
        QByteArray value;
        for (int i = 0; i < arrays; ++i)
            value += R"({"arrayValue":{"values":[)";
        value += R"({"intValue":"1"})";
        for (int i = 0; i < arrays; ++i)
            value += "]}}";
        return R"(,"attributes":[{"key":"deep","value":)" + value + "}]";
    };
    const ImportLimits limits;
    const int atLimit = int(limits.maxNestingDepth) - 1; // a span attribute's value is depth 1
    const Imported result = importData(oneSpanDocument(
        spanJson("0000000000000001") + "," + spanJson("0000000000000002", nestedValue(atLimit)) + "," +
        spanJson("0000000000000003", nestedValue(atLimit + 1))));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(spanWithId(result, 1) && spanWithId(result, 2) && !result.sink.find(3));
    QCOMPARE(attribute(*spanWithId(result, 2), "deep").type, ValueType::Array);
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("^\\d+:\\d+: a span skipped: attribute values nested too deep$")));

    // The file's own structure nested deep: an error at its place, no recursion as deep as the
    // input, no spans.
    const QByteArray brackets =
        R"({"resourceSpans":)" + QByteArray(200000, '[') + QByteArray(200000, ']') + "}";
    const Imported structure = importData(brackets);
    QVERIFY(structure.failed);
    QVERIFY2(isLocated(structure.error), structure.error.c_str());
    QCOMPARE(structure.sink.spans.size(), size_t(0));

    // Deep unknown fields are skipped, and the spans after them read.
    const QByteArray unknown = R"({"extension":)" + QByteArray(200000, '[') + QByteArray(200000, ']') + "," +
                               oneSpanDocument(spanJson("0000000000000001")).mid(1);
    const Imported skipped = importData(unknown);
    QVERIFY2(!skipped.failed, skipped.error.c_str());
    QCOMPARE(skipped.sink.spans.size(), size_t(1));

    // Wrappers nested without end: refused or failed with a place, never a crash.
    QByteArray wrappers;
    for (int i = 0; i < 100000; ++i)
        wrappers += i % 2 ? R"({"result":)" : R"({"trace":)";
    for (const QByteArray& bytes : {wrappers, QByteArray(wrappers + "{}" + QByteArray(100000, '}'))}) {
        const Imported nested = importData(bytes);
        QVERIFY(nested.failed);
        QCOMPARE(nested.sink.spans.size(), size_t(0));
        const Imported direct = runOtlp(bytes);
        QVERIFY(direct.failed || direct.sink.spans.empty());
    }
}

void TestOtlpJsonHostile::hugeStrings()
{
    // docs/LIMITS.md: attribute values are cut at 64 KiB with a visible marker and a warning.
    const int size = 64 * 1024 * 1024;
    const QByteArray huge(size, 'x');
    const QByteArray json = oneSpanDocument(
        spanJson(
            "0000000000000001",
            R"(,"attributes":[{"key":"huge","value":{"stringValue":")" + huge +
                R"("}}],"events":[{"timeUnixNano":"1","attributes":[{"key":"e","value":{"stringValue":")" +
                huge + R"("}}]}])"),
        R"({"key":"service.name","value":{"stringValue":")" + huge + R"("}})");
    const Imported result = importData(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    const ValueView value = attribute(span, "huge");
    QCOMPARE(value.type, ValueType::String);
    QVERIFY(value.text.size() < 70 * 1024);
    QVERIFY(value.text.starts_with("xxxx"));
    QVERIFY(value.text.ends_with("\xE2\x80\xA6[truncated from 67108864 bytes]"));
    const ValueView eventValue = attribute(result.sink.extras[0].events.at(0).attributes, "e");
    QVERIFY(eventValue.text.ends_with("\xE2\x80\xA6[truncated from 67108864 bytes]"));
    // The service comes from the (cut) resource attribute.
    QVERIFY(span.service.size() < 70 * 1024);
    QVERIFY(span.service.ends_with("[truncated from 67108864 bytes]"));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("1 attribute value\\(s\\) of a span truncated to 65536 bytes")));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("1 attribute value\\(s\\) of a span event truncated to 65536 bytes")));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("1 attribute value\\(s\\) of a resource truncated to 65536 bytes")));

    // Beyond the element limit, the span is refused with a clear error, not read.
    ImportLimits small;
    small.maxElementBytes = 16 * 1024 * 1024;
    const Imported refused = importData(json, small);
    QVERIFY(refused.failed);
    QVERIFY2(refused.error.find("larger than the limit") != std::string::npos, refused.error.c_str());
}

void TestOtlpJsonHostile::hugeNamesAreCut()
{
    // Span and event names and status messages are cut at the value limit with the attribute
    // values' marker, as Jaeger's and Zipkin's are: a hostile name costs no more than a hostile
    // attribute value.
    const QByteArray huge(1024 * 1024, 'n');
    QByteArray json = spanJson("0000000000000001", R"(,"status":{"code":2,"message":")" + huge +
                                                       R"("},"events":[{"name":")" + huge + R"("}])");
    json.replace(R"("name":"op")", QByteArray(R"("name":")" + huge + "\""));
    const Imported result = importData(oneSpanDocument(json));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    const auto& extra = result.sink.extras[0];
    for (const std::string_view text : {std::string_view(span.name), std::string_view(extra.statusMessage),
                                        std::string_view(extra.events.at(0).name)}) {
        QVERIFY(text.size() < 70 * 1024);
        QVERIFY(text.starts_with("nnnn"));
        QVERIFY(text.ends_with("\xE2\x80\xA6[truncated from 1048576 bytes]"));
    }
    QCOMPARE(span.status, StatusCode::Error);
    QCOMPARE(result.sink.warnings.size(), size_t(3));
    for (const std::string& warning : result.sink.warnings)
        QVERIFY2(warning.ends_with("a name or message longer than 65536 bytes was truncated"),
                 warning.c_str());
}

void TestOtlpJsonHostile::invalidUtf8()
{
    const QByteArray json =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{"
        "\"stringValue\":"
        "\"s\xFE\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\","
        "\"spanId\":\"0000000000000001\",\"name\":\"caf\xC3(\",\"attributes\":[{\"key\":\"k\xFF\",\"value\":"
        "{\"stringValue\":\"\xED\xA0\x80\"}}]},"
        "{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"0000000000000002\",\"name\":\"fine\"}"
        "]}]}]}";
    const Imported result = importData(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(2));
    const auto* bad = spanWithId(result, 1);
    QVERIFY(bad);
    QCOMPARE(bad->name, std::string("caf\xEF\xBF\xBD("));
    QCOMPARE(attribute(*bad, "k\xEF\xBF\xBD").text, std::string_view("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(bad->service, std::string("s\xEF\xBF\xBD"));
    QCOMPARE(spanWithId(result, 2)->name, std::string("fine"));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("^1:\\d+: a span has invalid UTF-8; replaced with U\\+FFFD$")));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("^1:\\d+: a resource has invalid UTF-8; replaced with U\\+FFFD$")));
    QCOMPARE(result.sink.warnings.size(), size_t(2));

    // Invalid UTF-8 in a key the importer skips costs nothing.
    const Imported skipped =
        importData("{\"x\xFF\xFE\":1," + oneSpanDocument(spanJson("0000000000000001")).mid(1));
    QVERIFY2(!skipped.failed, skipped.error.c_str());
    QCOMPARE(skipped.sink.spans.size(), size_t(1));
}

void TestOtlpJsonHostile::badEscapes()
{
    // An escape that is not JSON ("\\u00zz") is a syntax error: the file ends there, located, and
    // the spans before it are kept.
    const Imported invalid = importData(oneSpanDocument(
        spanJson("0000000000000001") + ",\n" + spanJson("0000000000000002", R"(,"name":"bad\u00zz")")));
    QVERIFY(invalid.failed);
    QVERIFY2(invalid.error.starts_with("2:"), invalid.error.c_str());
    QVERIFY2(invalid.error.find("invalid JSON") != std::string::npos, invalid.error.c_str());
    QCOMPARE(invalid.sink.spans.size(), size_t(1));

    // An unpaired UTF-16 surrogate ("\\ud83d": what JavaScript's JSON.stringify writes for a string
    // cut inside a surrogate pair, as SDK length limits do) is damaged text like invalid UTF-8:
    // replaced with U+FFFD, with a warning, and the span kept, wherever the string is.
    const QByteArray fields =
        R"(,"name":"cut \ud83d","kind":"SPAN_KIND_\udc00","status":{"code":2,"message":"\udbff!"},)"
        R"("attributes":[{"key":"k\ud800","value":{"stringValue":"x\ud83d"}},)"
        R"({"key":"pair","value":{"stringValue":"\ud83d\ude00"}},)"
        R"({"key":"escaped","value":{"stringValue":"\\ud800"}},)"
        R"({"key":"swapped","value":{"stringValue":"\ude00\ud83d"}}],)"
        R"("events":[{"name":"\uD83D"}])";
    const Imported lone = importData(oneSpanDocument(spanJson("0000000000000001", fields)));
    QVERIFY2(!lone.failed, lone.error.c_str());
    QCOMPARE(lone.sink.spans.size(), size_t(1));
    const auto& span = lone.sink.spans[0];
    const std::string replacement = "\xEF\xBF\xBD";
    QCOMPARE(span.name, "cut " + replacement);
    QCOMPARE(lone.sink.extras[0].statusMessage, replacement + "!");
    QCOMPARE(lone.sink.extras[0].events.at(0).name, replacement);
    QCOMPARE(attribute(span, "k" + replacement).text, std::string_view("x" + replacement));
    QCOMPARE(attribute(span, "pair").text, std::string_view("\xF0\x9F\x98\x80")); // U+1F600, untouched
    QCOMPARE(attribute(span, "escaped").text, std::string_view("\\ud800"));       // not an escape
    QCOMPARE(attribute(span, "swapped").text, std::string_view(replacement + replacement));
    QCOMPARE(span.kind, SpanKind::Unspecified);
    QVERIFY(hasWarning(
        lone.sink,
        QStringLiteral("^1:\\d+: a span has an unpaired UTF-16 surrogate escape; replaced with U\\+FFFD$")));
    QVERIFY(hasWarning(lone.sink, QStringLiteral("unknown span kind")));

    // The same repair for the resource, and for Jaeger and Zipkin, which share parseElement.
    const Imported resource = importData(oneSpanDocument(
        spanJson("0000000000000001"), R"({"key":"service.name","value":{"stringValue":"svc\ud800"}})"));
    QVERIFY2(!resource.failed, resource.error.c_str());
    QCOMPARE(resource.sink.spans.at(0).service, "svc" + replacement);
    const Imported jaeger =
        importData(R"({"data":[{"spans":[{"traceID":"a1","spanID":"1","operationName":"op\ud800",)"
                   R"("tags":[{"key":"t","type":"string","value":"v\udfff"}]}]}]})");
    QVERIFY2(!jaeger.failed, jaeger.error.c_str());
    QCOMPARE(jaeger.sink.spans.size(), size_t(1));
    QCOMPARE(jaeger.sink.spans[0].name, "op" + replacement);
    QCOMPARE(attribute(jaeger.sink.spans[0], "t").text, std::string_view("v" + replacement));
    const Imported zipkin =
        importData(R"([{"traceId":"a1","id":"1","name":"op","annotations":)"
                   R"([{"timestamp":1,"value":"\ud83d"}],"localEndpoint":{"serviceName":"s"}}])");
    QVERIFY2(!zipkin.failed, zipkin.error.c_str());
    QCOMPARE(zipkin.sink.spans.size(), size_t(1));
    QVERIFY2(zipkin.sink.spans[0].text.find("event{1000 " + replacement + " }") != std::string::npos,
             zipkin.sink.spans[0].text.c_str());
}

void TestOtlpJsonHostile::wrongTypes()
{
    // JsonElement.h: a field of the wrong JSON type skips its element (span, resource or scope)
    // with a warning; the other spans are kept. Structure of the wrong type ends the file at its
    // place.
    const Imported result = importFile(fixture(QStringLiteral("wrong_types.json")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    // Spans 1 and 2 are kept (null fields are defaults); 3-10 have a field of the wrong type.
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(spanWithId(result, 1) && spanWithId(result, 2));
    QCOMPARE(spanWithId(result, 2)->name, std::string());
    for (const char* reason :
         {"\"name\" is not a string", "\"startTimeUnixNano\" is not an integer", "\"kind\" is not an integer",
          "a field has the wrong JSON type", "\"boolValue\" is not a boolean", "\"bytesValue\" is not base64",
          "\"key\" is not a string", "\"traceId\" is not a string"})
        QVERIFY2(hasWarning(result.sink, QStringLiteral("^\\d+:\\d+: a span skipped: ") +
                                             QRegularExpression::escape(QString::fromLatin1(reason))),
                 reason);
    // The resource is unusable (an array): skipped, the spans keep an empty resource; the
    // scope (a number) likewise.
    QVERIFY(hasWarning(result.sink, QStringLiteral("a resource skipped: ")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("an instrumentation scope skipped: ")));
    QCOMPARE(result.sink.resources, std::vector<std::string>{" | "});
    QCOMPARE(spanWithId(result, 1)->service, std::string());

    // "spans" (walked, not captured) of the wrong type: a located error.
    const Imported structure = importData(R"({"resourceSpans":[{"scopeSpans":[{"spans":{"a":1}}]}]})");
    QVERIFY(structure.failed);
    QVERIFY2(structure.error.starts_with("1:43: "), structure.error.c_str());
    const Imported notObject = importData(R"({"resourceSpans":[{"scopeSpans":[{"spans":[5, "x", null, )" +
                                          spanJson("0000000000000001") + "]}]}]}");
    QVERIFY2(!notObject.failed, notObject.error.c_str());
    QCOMPARE(notObject.sink.spans.size(), size_t(1));
    QCOMPARE(notObject.sink.warnings.size(), size_t(3));
}

void TestOtlpJsonHostile::nullIsTheDefault_data()
{
    // Proto3's JSON mapping: null is accepted for every field and means its default (an empty
    // list, an empty value, 0, "").
    QTest::addColumn<QByteArray>("fields");
    QTest::newRow("attributes") << QByteArray(R"("attributes":null)");
    QTest::newRow("events") << QByteArray(R"("events":null)");
    QTest::newRow("links") << QByteArray(R"("links":null)");
    QTest::newRow("status") << QByteArray(R"("status":null)");
    QTest::newRow("status fields") << QByteArray(R"("status":{"code":null,"message":null})");
    QTest::newRow("scalars") << QByteArray(
        R"("kind":null,"parentSpanId":null,"traceState":null,"flags":null,)"
        R"("droppedAttributesCount":null,"endTimeUnixNano":null)");
    QTest::newRow("attribute value") << QByteArray(R"("attributes":[{"key":"a","value":null}])");
    QTest::newRow("typed values") << QByteArray(
        R"("attributes":[{"key":"s","value":{"stringValue":null}},{"key":"i","value":{"intValue":null}}])");
    QTest::newRow("array values") << QByteArray(
        R"("attributes":[{"key":"a","value":{"arrayValue":{"values":null}}}])");
    QTest::newRow("kvlist values") << QByteArray(
        R"("attributes":[{"key":"a","value":{"kvlistValue":{"values":null}}}])");
    QTest::newRow("event fields") << QByteArray(
        R"("events":[{"timeUnixNano":null,"name":null,"attributes":null}])");
    QTest::newRow("link fields") << QByteArray(
        R"("links":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","attributes":null}])");
}

void TestOtlpJsonHostile::nullIsTheDefault()
{
    QFETCH(QByteArray, fields);
    const Imported result = importData(
        R"({"resourceSpans":[{"resource":{"attributes":null},"scopeSpans":[{"scope":{"name":null,"attributes":null},)"
        R"("spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0000000000000001",)" +
        fields + "}]}]}]}");
    QVERIFY2(!result.failed, result.error.c_str());
    const std::string warnings = result.sink.warnings.empty() ? std::string() : result.sink.warnings[0];
    QVERIFY2(result.sink.spans.size() == 1, warnings.c_str());
    QVERIFY2(result.sink.warnings.empty(), warnings.c_str());
}

void TestOtlpJsonHostile::emptyAndTrivial()
{
    const Imported empty = importData(QByteArray());
    QVERIFY(empty.failed);
    QCOMPARE(empty.error, std::string(": the file is empty"));

    for (const QByteArray& nothing :
         {QByteArray(R"({"resourceSpans":[]})"), QByteArray(R"({"resourceSpans":null})"),
          QByteArray(R"({"resourceSpans":[{}]})"),
          QByteArray(R"({"resourceSpans":[{"scopeSpans":[{"spans":[]}]}]})"),
          QByteArray(R"({"resourceSpans":[{"scopeSpans":[{"spans":null}]}]})"),
          QByteArray(R"({"batches":[]})"), QByteArray(R"({"result":{"resourceSpans":[]}})")}) {
        const Imported result = importData(nothing);
        QVERIFY2(!result.failed,
                 QByteArray(nothing + ": " + QByteArray::fromStdString(result.error)).constData());
        QCOMPARE(result.info.format, TraceFormat::OtlpJson);
        QCOMPARE(result.sink.spans.size(), size_t(0));
        QVERIFY(result.sink.warnings.empty());
    }

    // The importer alone, given what the sniffer would refuse.
    const Imported scalar = runOtlp("42");
    QVERIFY(scalar.failed);
    QCOMPARE(scalar.error, std::string("1:1: expected an OTLP JSON object"));
    const Imported blank = runOtlp("  \n ");
    QVERIFY(blank.failed);
    QVERIFY2(blank.error.find("no JSON content") != std::string::npos, blank.error.c_str());
    const Imported other = runOtlp(R"({"data":[]})");
    QVERIFY2(!other.failed, other.error.c_str());
    QCOMPARE(other.sink.spans.size(), size_t(0));
}

QTEST_GUILESS_MAIN(TestOtlpJsonHostile)
#include "tst_otlp_json_hostile.moc"
