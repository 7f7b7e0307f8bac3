// SPDX-License-Identifier: MIT
// The Jaeger JSON importer on hostile input: truncated, empty, deeply nested, huge, invalid UTF-8,
// NaN, garbage and mutated files, exact syntax-error locations, and the span and per-span limits.
#include "ByteMutator.h"
#include "CaptureSink.h"
#include "Fixtures.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "importers/Importer.h"
#include "model/AttributeCodec.h"

#include <QTest>

using namespace spanscope;
using namespace spanscope::test;
using namespace spanscope::test::jaeger;

namespace {

// Runs the Jaeger importer on bytes without the sniffer, for input the sniffer would refuse.
CapturedImport runJaeger(const QByteArray& bytes, const ImportLimits& limits = {})
{
    return runImporter(*makeJaegerJsonImporter(), bytes, limits);
}

} // namespace

class TestJaegerJsonHostile : public QObject
{
    Q_OBJECT

private slots:
    void hostileTruncated_data();
    void hostileTruncated();
    void hostileEmptyAndTrivial();
    void hostileDeepNesting();
    void hostileHugeString();
    void hostileInvalidUtf8();
    void hostileNanAndInfinity();
    void hostileGarbage();
    void hostileMutations();
    void syntaxErrorHasExactLocation();
    void spanLimit();
    void perSpanLimits();
};

void TestJaegerJsonHostile::hostileTruncated_data()
{
    QTest::addColumn<int>("cut");
    const QByteArray whole = readFile(fixture(QStringLiteral("query_api.json")));
    for (const int cut :
         {40, 200, 1000, int(whole.size() / 2), int(whole.size() - 30), int(whole.size() - 3)})
        QTest::newRow(qPrintable(QString::number(cut))) << cut;
}

void TestJaegerJsonHostile::hostileTruncated()
{
    QFETCH(int, cut);
    const QByteArray whole = readFile(fixture(QStringLiteral("query_api.json")));
    const CapturedImport result = importBytes(whole.left(cut));
    QVERIFY(result.failed);
    QVERIFY2(isLocated(result.error), result.error.c_str());
    QVERIFY2(result.error.find("unexpected end of input") != std::string::npos, result.error.c_str());
    // What came before the cut is kept.
    if (cut > int(whole.size() / 2))
        QVERIFY(result.sink.spans.size() >= 3);
}

void TestJaegerJsonHostile::hostileEmptyAndTrivial()
{
    QVERIFY(importBytes(QByteArray()).failed);
    QCOMPARE(importBytes(QByteArray()).error, std::string(": the file is empty"));

    const CapturedImport empty = runJaeger(QByteArray("  \n"));
    QVERIFY(empty.failed);
    QVERIFY2(empty.error.find("no JSON content") != std::string::npos, empty.error.c_str());

    const CapturedImport object = runJaeger(QByteArray("{}"));
    QVERIFY(object.failed);
    QCOMPARE(object.error,
             std::string("1:1: the JSON object holds no Jaeger \"data\", \"spans\" or span fields"));

    const CapturedImport array = runJaeger(QByteArray("[]"));
    QVERIFY2(!array.failed, array.error.c_str());
    QCOMPARE(array.sink.spans.size(), size_t(0));

    const CapturedImport noData = importBytes(QByteArray(R"({"data":[]})"));
    QVERIFY2(!noData.failed, noData.error.c_str());
    QCOMPARE(noData.sink.spans.size(), size_t(0));
    QVERIFY(noData.sink.warnings.empty());

    const CapturedImport scalar = runJaeger(QByteArray("42"));
    QVERIFY(scalar.failed);
    QCOMPARE(scalar.error, std::string("1:1: expected a Jaeger JSON object or array"));

    const CapturedImport nulls = importBytes(QByteArray(R"({"data":[{"spans":null,"processes":null}]})"));
    QVERIFY2(!nulls.failed, nulls.error.c_str());
    QVERIFY(nulls.sink.warnings.empty());
}

void TestJaegerJsonHostile::hostileDeepNesting()
{
    // Nesting inside a captured span is the span reader's business (a field dropped or a value
    // kept as truncated text); the walked outer structure stops recursing at a fixed depth. Either
    // way the import ends, without recursion as deep as the input.
    const int depth = 200000;
    const QByteArray deep = QByteArray(depth, '[') + QByteArray(depth, ']');

    QByteArray tagList = R"({"data":[{"spans":[{"traceID":"1","spanID":"1","tags":)";
    tagList += deep + R"(},{"traceID":"1","spanID":"2"}]}]})";
    const CapturedImport dropped = importBytes(tagList);
    QVERIFY2(!dropped.failed, dropped.error.c_str());
    QCOMPARE(dropped.sink.spans.size(), size_t(2));
    QVERIFY(
        hasWarning(dropped.sink, QStringLiteral("^1:20: \"tags\" ignored: a field has the wrong JSON type")));

    QByteArray tagValue = R"({"data":[{"spans":[{"traceID":"1","spanID":"1","tags":[{"key":"deep","value":)";
    tagValue += deep + R"(}]}]}]})";
    const CapturedImport kept = importBytes(tagValue);
    QVERIFY2(!kept.failed, kept.error.c_str());
    QCOMPARE(kept.sink.spans.size(), size_t(1));
    const ValueView value = attribute(kept.sink.spans[0], "deep");
    QCOMPARE(value.type, ValueType::String);
    QVERIFY(value.text.starts_with("[[[["));
    QVERIFY(value.text.ends_with("[truncated from 400000 bytes]"));

    QByteArray outer = R"({"data":)";
    outer += deep + "}";
    const CapturedImport walked = importBytes(outer);
    QVERIFY2(!walked.failed, walked.error.c_str());
    QCOMPARE(walked.sink.warnings,
             std::vector<std::string>{"1:10: an element of \"data\" that is not a trace was skipped"});

    QByteArray objects;
    for (int i = 0; i < depth; ++i)
        objects += R"({"data":[)";
    QByteArray closed = objects;
    for (int i = 0; i < depth; ++i)
        closed += "]}";
    // The sniffer refuses data inside data; the importer alone must still cope.
    const CapturedImport nested = runJaeger(closed);
    QVERIFY2(!nested.failed, nested.error.c_str());
    QCOMPARE(nested.sink.warnings,
             std::vector<std::string>{"1:37: a trace nested too deep in \"data\" was skipped"});

    const CapturedImport unclosed = runJaeger(objects);
    QVERIFY(unclosed.failed);
    QVERIFY2(isLocated(unclosed.error), unclosed.error.c_str());
    QVERIFY2(unclosed.error.find("unexpected end of input") != std::string::npos, unclosed.error.c_str());
}

void TestJaegerJsonHostile::hostileHugeString()
{
    const int size = 64 * 1024 * 1024;
    QByteArray json = R"({"data":[{"spans":[{"traceID":"1","spanID":"2","operationName":")";
    json += QByteArray(size, 'n');
    json += R"(","startTime":1,"duration":1,"tags":[{"key":"huge","type":"string","value":")";
    json += QByteArray(size, 'x');
    json += R"("}],"processID":"p1"}],"processes":{"p1":{"serviceName":"s"}}}]})";
    const CapturedImport result = importBytes(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    const ValueView huge = attribute(span, "huge");
    QCOMPARE(huge.type, ValueType::String);
    QVERIFY(huge.text.size() < 70 * 1024);
    QVERIFY(huge.text.find("[truncated from 67108864 bytes]") != std::string_view::npos);
    QVERIFY(span.name.size() < 70 * 1024);
    QVERIFY(span.name.find("[truncated from 67108864 bytes]") != std::string::npos);
    QVERIFY(hasWarning(result.sink, QStringLiteral("1 tag value\\(s\\) of a span truncated to 65536 bytes")));
    QVERIFY(
        hasWarning(result.sink, QStringLiteral("a name, message or service name longer than 65536 bytes")));

    // Beyond the element limit the span is refused with a clear error, not read.
    ImportLimits small;
    small.maxElementBytes = 16 * 1024 * 1024;
    const CapturedImport refused = importBytes(json, small);
    QVERIFY(refused.failed);
    QVERIFY2(refused.error.find("larger than the limit") != std::string::npos, refused.error.c_str());
}

void TestJaegerJsonHostile::hostileInvalidUtf8()
{
    const QByteArray json =
        "{\"data\":[{\"spans\":[{\"traceID\":\"1\",\"spanID\":\"2\",\"operationName\":\"caf\xC3("
        "\",\"tags\":[{\"key\":\"k\xFF\",\"type\":\"string\",\"value\":\"\xED\xA0\x80\"}],"
        "\"processID\":\"p1\"}],\"processes\":{\"p1\":{\"serviceName\":\"s\xFE\"}}}]}";
    const CapturedImport result = importBytes(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    QCOMPARE(result.sink.spans[0].name, std::string("caf\xEF\xBF\xBD("));
    QCOMPARE(attribute(result.sink.spans[0], "k\xEF\xBF\xBD").text,
             std::string_view("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(result.sink.spans[0].service, std::string("s\xEF\xBF\xBD"));
    QVERIFY(
        hasWarning(result.sink, QStringLiteral("^1:20: a span has invalid UTF-8; replaced with U\\+FFFD")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("a process has invalid UTF-8")));
}

void TestJaegerJsonHostile::hostileNanAndInfinity()
{
    // NaN is not JSON: a syntax error at its exact place.
    const CapturedImport bare =
        importBytes(QByteArray(R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":NaN}]}]})"));
    QVERIFY(bare.failed);
    QVERIFY2(bare.error.rfind("1:60: invalid JSON", 0) == 0, bare.error.c_str());

    // As strings, or beyond int64 in µs*1000, they are wrong values: the time is dropped with a
    // warning, the span kept.
    const CapturedImport strings = importBytes(QByteArray(
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":"NaN","duration":"Infinity"},)"
        R"({"traceID":"1","spanID":"3","startTime":"-Infinity","duration":"NaNs"},)"
        R"({"traceID":"1","spanID":"4","startTime":9223372036854775807,"duration":9223372036854775807}]}]})"));
    QVERIFY2(!strings.failed, strings.error.c_str());
    QCOMPARE(strings.sink.spans.size(), size_t(3));
    for (const auto& span : strings.sink.spans)
        QCOMPARE(span.flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    QVERIFY(
        hasWarning(strings.sink, QStringLiteral("\"startTime\" ignored: \"startTime\" \"NaN\" is neither")));
    QVERIFY(hasWarning(strings.sink,
                       QStringLiteral("\"duration\" ignored: \"duration\" \"Infinity\" is neither")));
    QVERIFY(hasWarning(strings.sink, QStringLiteral("\"startTime\" ignored: \"startTime\" is out of range")));
    QCOMPARE(strings.sink.warnings.size(), size_t(9)); // 2 per span, and each has no process

    // A number beyond double range is refused like a syntax error (the shared JSON rule), at its
    // place; the spans before it are kept.
    const CapturedImport overflow = importBytes(QByteArray(
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","startTime":1},{"traceID":"1","spanID":"3","startTime":1e400}]}]})"));
    QVERIFY(overflow.failed);
    QVERIFY2(overflow.error.rfind("1:107: invalid JSON", 0) == 0, overflow.error.c_str());
    QCOMPARE(overflow.sink.spans.size(), size_t(1));
}

void TestJaegerJsonHostile::hostileGarbage()
{
    const QByteArray garbage = garbageBytes(4096);
    const CapturedImport sniffed = importBytes(garbage);
    QVERIFY(sniffed.failed);
    QVERIFY(!sniffed.error.empty());

    const CapturedImport direct = runJaeger(garbage);
    QVERIFY(direct.failed);

    QByteArray tail = R"([{"traceID":"1","spanID":"2"},)";
    tail += garbage;
    const CapturedImport after = importBytes(tail);
    QVERIFY(after.failed);
    QVERIFY2(isLocated(after.error), after.error.c_str());
    QCOMPARE(after.sink.spans.size(), size_t(1));
}

void TestJaegerJsonHostile::hostileMutations()
{
    // Deterministic mutations of the fixtures (bytes changed, cut, repeated, structural characters
    // inserted), read with and without the sniffer.
    QStringList paths;
    for (const char* name :
         {"query_api", "api_v2", "quirks", "single_span", "span_array_embedded", "array_of_traces"})
        paths << fixture(QString::fromLatin1(name) + QStringLiteral(".json"));
    const MutationTally tally =
        readMutations(paths, 20240607, 100,
                      {[](const QByteArray& bytes) -> ImportOutcome { return importBytes(bytes); },
                       [](const QByteArray& bytes) -> ImportOutcome {
                           return runJaeger(bytes);
                       }});
    QCOMPARE(tally.unreadableFiles, 0);
    QCOMPARE(tally.runs, 6 * 100 * 2);
    QCOMPARE(tally.silentFailures, 0);
    QVERIFY(tally.failures > 0); // the mutations do reach the error paths
}

void TestJaegerJsonHostile::syntaxErrorHasExactLocation()
{
    const QByteArray json = "{\"data\":[{\"spans\":[\n"
                            "  {\"traceID\":\"1\",\"spanID\":\"2\"},\n"
                            "  {\"traceID\":\"1\",\"spanID\":\"3\",\"tags\":[{\"key\":\"a\" \"value\":1}]}\n"
                            "]}]}";
    const CapturedImport result = importBytes(json);
    QVERIFY(result.failed);
    QVERIFY2(result.error.rfind("3:56: invalid JSON", 0) == 0, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));

    // The same inside a single top-level span, which is rebuilt from its fields.
    const QByteArray single = "{\"traceID\":\"1\",\n\"spanID\":\"2\",\n\"tags\":[{\"key\":\"a\",,}]}";
    const CapturedImport loose = importBytes(single);
    QVERIFY(loose.failed);
    QVERIFY2(loose.error.rfind("3:20: invalid JSON", 0) == 0, loose.error.c_str());
}

void TestJaegerJsonHostile::spanLimit()
{
    ImportLimits limits;
    limits.maxSpansPerFile = 2;
    const CapturedImport result = importPath(fixture(QStringLiteral("query_api.json")), limits);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(hasWarning(result.sink, QStringLiteral("more than 2 spans")));
}

void TestJaegerJsonHostile::perSpanLimits()
{
    ImportLimits limits;
    limits.maxEventsPerSpan = 1;
    limits.maxAttributesPerOwner = 2;
    const QByteArray json =
        R"({"data":[{"spans":[{"traceID":"1","spanID":"2","processID":"p1","tags":[)"
        R"({"key":"a","type":"string","value":"1"},{"key":"b","type":"string","value":"2"},)"
        R"({"key":"c","type":"string","value":"3"}],"logs":[{"timestamp":1,"fields":[]},)"
        R"({"timestamp":2,"fields":[]},{"timestamp":3,"fields":[]}]}],"processes":{"p1":)"
        R"({"serviceName":"s","tags":[{"key":"x","value":1},{"key":"y","value":2},)"
        R"({"key":"z","value":3}]}}}]})";
    const CapturedImport result = importBytes(json, limits);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    QCOMPARE(result.sink.spans[0].events, size_t(1));
    QCOMPARE(describeAttributes(result.sink.spans[0].attributes), std::string("a=1 (string), b=2 (string)"));
    QCOMPARE(result.sink.resources[0], std::string("s | x=1 (int), y=2 (int)"));
    QVERIFY(hasWarning(result.sink, QStringLiteral("1 tag\\(s\\) of a span dropped \\(limit 2\\)")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("2 log\\(s\\) beyond 1 dropped")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("1 tag\\(s\\) of a process dropped \\(limit 2\\)")));
    QCOMPARE(result.sink.warnings.size(), size_t(3));
}

QTEST_GUILESS_MAIN(TestJaegerJsonHostile)
#include "tst_jaeger_json_hostile.moc"
