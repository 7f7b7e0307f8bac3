// SPDX-License-Identifier: MIT
// The Zipkin JSON importer on hostile input: truncated, empty, deeply nested, huge, invalid UTF-8,
// NaN, garbage and mutated files, exact syntax-error locations, the per-span limits and the bounded
// endpoint map.
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
using namespace spanscope::test::zipkin;

namespace {

// Runs the Zipkin importer on bytes without the sniffer, for input the sniffer would refuse.
CapturedImport runZipkin(const QByteArray& bytes, const ImportLimits& limits = {})
{
    return runImporter(*makeZipkinJsonImporter(), bytes, limits);
}

} // namespace

class TestZipkinJsonHostile : public QObject
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
    void perSpanLimits();
    void endpointMapIsBounded();
};

void TestZipkinJsonHostile::hostileTruncated_data()
{
    QTest::addColumn<int>("cut");
    const QByteArray whole = readFile(fixture(QStringLiteral("v1_rpc_one_record.json")));
    for (const int cut :
         {30, 300, 1000, int(whole.size() / 2), int(whole.size() - 20), int(whole.size() - 2)})
        QTest::newRow(qPrintable(QString::number(cut))) << cut;
}

void TestZipkinJsonHostile::hostileTruncated()
{
    QFETCH(int, cut);
    const QByteArray whole = readFile(fixture(QStringLiteral("v1_rpc_one_record.json")));
    const CapturedImport result = importBytes(whole.left(cut));
    QVERIFY(result.failed);
    if (cut < 100) {
        // Too little for the sniffer to see a span's keys: refused before reading, without a place.
        QCOMPARE(result.error, std::string(": a JSON array whose elements are not spans of a known format"));
        return;
    }
    QVERIFY2(isLocated(result.error), result.error.c_str());
    QVERIFY2(result.error.find("unexpected end of input") != std::string::npos, result.error.c_str());
    if (cut == int(whole.size() - 20))
        QCOMPARE(result.sink.spans.size(), size_t(2)); // the first record, both sides
    if (cut == int(whole.size() - 2))
        QCOMPARE(result.sink.spans.size(), size_t(4)); // both records; only "]" is missing
}

void TestZipkinJsonHostile::hostileEmptyAndTrivial()
{
    QCOMPARE(importBytes(QByteArray()).error, std::string(": the file is empty"));
    const CapturedImport blank = runZipkin(QByteArray("\n \n"));
    QVERIFY(blank.failed);
    QVERIFY2(blank.error.find("no JSON content") != std::string::npos, blank.error.c_str());

    const CapturedImport empty = importBytes(QByteArray("[]"));
    QVERIFY2(!empty.failed, empty.error.c_str());
    QCOMPARE(empty.info.format, TraceFormat::ZipkinJson);
    QCOMPARE(empty.sink.spans.size(), size_t(0));
    QCOMPARE(empty.info.variant, std::string());

    // "{}" is no known format for the sniffer; read as Zipkin it is a span without ids, name or
    // times: nothing to show, skipped with a warning.
    QVERIFY(importBytes(QByteArray("{}")).failed);
    const CapturedImport object = runZipkin(QByteArray("{}"));
    QVERIFY2(!object.failed, object.error.c_str());
    QCOMPARE(object.sink.warnings,
             std::vector<std::string>{"1:1: a span without ids, name or start time was skipped"});

    const CapturedImport scalar = runZipkin(QByteArray("true"));
    QVERIFY(scalar.failed);
    QCOMPARE(scalar.error, std::string("1:1: expected a Zipkin JSON array or span object"));

    const CapturedImport nested = importBytes(QByteArray("[[],[[]],[1,\"x\",null]]"));
    QVERIFY2(!nested.failed, nested.error.c_str());
    QCOMPARE(nested.sink.spans.size(), size_t(0));
    QCOMPARE(nested.sink.warnings.size(), size_t(4));
}

void TestZipkinJsonHostile::hostileDeepNesting()
{
    // The walker goes two arrays deep and skips the rest without recursing; nesting inside a
    // captured span is kept as (truncated) JSON text. Either way the import ends.
    const int depth = 200000;
    const CapturedImport arrays = importBytes(QByteArray(depth, '[') + QByteArray(depth, ']'));
    QVERIFY2(!arrays.failed, arrays.error.c_str());
    QCOMPARE(arrays.sink.spans.size(), size_t(0));
    QCOMPARE(arrays.sink.warnings,
             std::vector<std::string>{"1:3: an element of a trace that is not a span was skipped"});

    QByteArray objects = R"([{"traceId":"1","id":"1","tags":{"a":)";
    for (int i = 0; i < depth; ++i)
        objects += R"({"a":)";
    QByteArray closed = objects + "1";
    for (int i = 0; i < depth; ++i)
        closed += "}";
    closed += "}}]";
    const CapturedImport kept = importBytes(closed);
    QVERIFY2(!kept.failed, kept.error.c_str());
    QCOMPARE(kept.sink.spans.size(), size_t(1));
    const std::string tag = attributeText(kept.sink.spans[0], "a");
    QVERIFY2(tag.rfind("{\"a\":{\"a\":", 0) == 0, tag.c_str());
    QVERIFY2(tag.find("[truncated from 1200001 bytes] (string)") != std::string::npos, tag.c_str());

    const CapturedImport unclosed = importBytes(objects);
    QVERIFY(unclosed.failed);
    QVERIFY2(isLocated(unclosed.error), unclosed.error.c_str());
    QVERIFY2(unclosed.error.find("unexpected end of input") != std::string::npos, unclosed.error.c_str());
}

void TestZipkinJsonHostile::hostileHugeString()
{
    const int size = 64 * 1024 * 1024;
    QByteArray json = R"([{"traceId":"1","id":"2","timestamp":1,"name":")";
    json += QByteArray(size, 'n');
    json += R"(","localEndpoint":{"serviceName":"s"},"tags":{"huge":")";
    json += QByteArray(size, 'x');
    json += R"("}}])";
    const CapturedImport result = importBytes(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    const auto& span = result.sink.spans[0];
    ValueView huge;
    QVERIFY(findAttribute(span.attributes, "huge", huge));
    QVERIFY(huge.text.size() < 70 * 1024);
    QVERIFY(huge.text.find("[truncated from 67108864 bytes]") != std::string_view::npos);
    QVERIFY(span.name.size() < 70 * 1024);
    QVERIFY(span.name.find("[truncated from 67108864 bytes]") != std::string::npos);
    QVERIFY(hasWarning(result.sink, QStringLiteral("1 tag value\\(s\\) of a span truncated to 65536 bytes")));
    QVERIFY(
        hasWarning(result.sink, QStringLiteral("a name, message or service name longer than 65536 bytes")));

    ImportLimits small;
    small.maxElementBytes = 16 * 1024 * 1024;
    const CapturedImport refused = importBytes(json, small);
    QVERIFY(refused.failed);
    QVERIFY2(refused.error.find("larger than the limit") != std::string::npos, refused.error.c_str());
}

void TestZipkinJsonHostile::hostileInvalidUtf8()
{
    const QByteArray json =
        "[{\"traceId\":\"1\",\"id\":\"2\",\"name\":\"\xF0\x9F\",\"localEndpoint\":{\"serviceName\":"
        "\"svc\xC0\xAF\"},\"tags\":{\"k\":\"v\xFF\"}}]";
    const CapturedImport result = importBytes(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    QCOMPARE(result.sink.spans[0].name, std::string("\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(result.sink.spans[0].service, std::string("svc\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(attributeText(result.sink.spans[0], "k"), std::string("v\xEF\xBF\xBD (string)"));
    QCOMPARE(result.sink.warnings,
             std::vector<std::string>{"1:2: a span has invalid UTF-8; replaced with U+FFFD"});
}

void TestZipkinJsonHostile::hostileNanAndInfinity()
{
    const CapturedImport bare = importBytes(QByteArray(R"([{"traceId":"1","id":"2","timestamp":NaN}])"));
    QVERIFY(bare.failed);
    QVERIFY2(bare.error.rfind("1:38: invalid JSON", 0) == 0, bare.error.c_str());

    const CapturedImport strings = importBytes(
        QByteArray(R"([{"traceId":"1","id":"2","timestamp":"NaN","duration":"Infinity"},)"
                   R"({"traceId":"1","id":"3","timestamp":9223372036854775807,"duration":9.2e18},)"
                   R"({"traceId":"1","id":"4","timestamp":-1,"duration":"-Infinity"}])"));
    QVERIFY2(!strings.failed, strings.error.c_str());
    QCOMPARE(strings.sink.spans.size(), size_t(3));
    for (const auto& span : strings.sink.spans)
        QCOMPARE(span.flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    QVERIFY(
        hasWarning(strings.sink, QStringLiteral("\"timestamp\" ignored: \"timestamp\" is not an integer")));
    QVERIFY(
        hasWarning(strings.sink, QStringLiteral("\"timestamp\" out of range; the span has no start time")));
    QVERIFY(hasWarning(strings.sink, QStringLiteral("negative \"timestamp\" ignored")));
}

void TestZipkinJsonHostile::hostileGarbage()
{
    const QByteArray garbage = garbageBytes(4096);
    QVERIFY(importBytes(garbage).failed);
    QVERIFY(runZipkin(garbage).failed);

    QByteArray tail = R"([{"traceId":"1","id":"2"},)";
    tail += garbage;
    const CapturedImport after = importBytes(tail);
    QVERIFY(after.failed);
    QVERIFY2(isLocated(after.error), after.error.c_str());
    QCOMPARE(after.sink.spans.size(), size_t(1));

    // Text after the top-level value on the same line: the span before it is kept and the error
    // points at the stray text.
    const CapturedImport trailing = importBytes(QByteArray(R"([{"traceId":"1","id":"2"}] x)"));
    QVERIFY(trailing.failed);
    QCOMPARE(trailing.error,
             std::string("1:28: unexpected text after the end of the JSON value on this line"));
    QCOMPARE(trailing.sink.spans.size(), size_t(1));
}

void TestZipkinJsonHostile::hostileMutations()
{
    // Deterministic mutations of the fixtures (bytes changed, cut, repeated, structural characters
    // inserted), read with and without the sniffer.
    QStringList paths;
    for (const char* name :
         {"v2_spans", "v1_rpc_one_record", "v1_quirks", "v1_messaging", "trace_list", "wrong_types"})
        paths << fixture(QString::fromLatin1(name) + QStringLiteral(".json"));
    const MutationTally tally =
        readMutations(paths, 20240607, 100,
                      {[](const QByteArray& bytes) -> ImportOutcome { return importBytes(bytes); },
                       [](const QByteArray& bytes) -> ImportOutcome {
                           return runZipkin(bytes);
                       }});
    QCOMPARE(tally.unreadableFiles, 0);
    QCOMPARE(tally.runs, 6 * 100 * 2);
    QCOMPARE(tally.silentFailures, 0);
    QVERIFY(tally.failures > 0); // the mutations do reach the error paths
}

void TestZipkinJsonHostile::syntaxErrorHasExactLocation()
{
    const QByteArray json = "[\n"
                            "  {\"traceId\":\"1\",\"id\":\"2\"},\n"
                            "  {\"traceId\":\"1\",\"id\":\"3\",\"tags\":{\"a\":\"b\",}}\n"
                            "]";
    const CapturedImport result = importBytes(json);
    QVERIFY(result.failed);
    QVERIFY2(result.error.rfind("3:43: invalid JSON", 0) == 0, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
}

void TestZipkinJsonHostile::perSpanLimits()
{
    ImportLimits limits;
    limits.maxEventsPerSpan = 1;
    limits.maxAttributesPerOwner = 2;
    limits.maxSpansPerFile = 1;
    const QByteArray json =
        R"([{"traceId":"1","id":"2","tags":{"a":"1","b":"2","c":"3"},"annotations":[)"
        R"({"timestamp":1,"value":"x"},{"timestamp":2,"value":"y"},{"timestamp":3,"value":"z"}]},)"
        R"({"traceId":"1","id":"3"}])";
    const CapturedImport result = importBytes(json, limits);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(1));
    QCOMPARE(result.sink.spans[0].events, size_t(1));
    QCOMPARE(describeAttributes(result.sink.spans[0].attributes), std::string("a=1 (string), b=2 (string)"));
    QVERIFY(hasWarning(result.sink, QStringLiteral("1 tag\\(s\\) of a span dropped \\(limit 2\\)")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("2 annotation\\(s\\) beyond 1 dropped")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("more than 1 spans")));
    QCOMPARE(result.sink.warnings.size(), size_t(3));
}

void TestZipkinJsonHostile::endpointMapIsBounded()
{
    // 10 001 distinct endpoints, then the first again: the map started over at 10 000, so the first
    // endpoint gets a second resource instead of the map growing without bound.
    QByteArray json = "[";
    for (int i = 0; i <= 10000; ++i)
        json += QStringLiteral(R"({"traceId":"1","id":"%1","localEndpoint":{"serviceName":"s%2"}},)")
                    .arg(i + 1, 0, 16)
                    .arg(i)
                    .toLatin1();
    json += R"({"traceId":"1","id":"ffff","localEndpoint":{"serviceName":"s0"}}])";
    const CapturedImport result = importBytes(json);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(10002));
    QCOMPARE(result.sink.resources.size(), size_t(10002));
    QCOMPARE(result.sink.spans.back().service, std::string("s0"));
}

QTEST_GUILESS_MAIN(TestZipkinJsonHostile)
#include "tst_zipkin_json_hostile.moc"
