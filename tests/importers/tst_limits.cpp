// SPDX-License-Identifier: MIT
// The import limits of docs/LIMITS.md: each is enforced with a warning (or, where the file cannot
// be read further, a clear error), never a crash, a hang or unbounded memory.
#include "ImportHelpers.h"
#include "TestSupport.h"

#include <QTest>
#include <zlib.h>

using namespace spanscope;

namespace {

QByteArray span(const QByteArray& id, const QByteArray& attributes = {})
{
    return "{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"" + id +
           "\",\"name\":\"op\",\"startTimeUnixNano\":\"1000\",\"endTimeUnixNano\":\"2000\",\"attributes\":[" +
           attributes + "]}";
}

QByteArray document(const QList<QByteArray>& spans)
{
    QByteArray out = "{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{\"spans\":[";
    for (int i = 0; i < spans.size(); ++i)
        out += (i ? "," : "") + spans[i];
    return out + "]}]}]}";
}

QByteArray stringAttribute(const QByteArray& key, const QByteArray& value)
{
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
}

bool anyWarningContains(const test::CapturedImport& result, const char* text)
{
    for (const std::string& warning : result.sink.warnings) {
        if (warning.find(text) != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

class LimitsTest : public QObject
{
    Q_OBJECT

private slots:
    void nestingBeyondTheLimitSkipsTheSpanOnly()
    {
        // An attribute nested 200 000 arrays deep, between two good spans.
        QByteArray deep = "{\"key\":\"deep\",\"value\":";
        for (int i = 0; i < 200000; ++i)
            deep += "{\"arrayValue\":{\"values\":[";
        deep += "{\"intValue\":1}";
        for (int i = 0; i < 200000; ++i)
            deep += "]}}";
        deep += "}";
        const auto result = test::importBytes(
            document({span("0000000000000001"), span("0000000000000002", deep), span("0000000000000003")}));
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.sink.spans.size(), size_t(2));
        QVERIFY(result.sink.find(1) && result.sink.find(3));
        QVERIFY(anyWarningContains(result, "span skipped"));
    }

    void nestingOfTheFileStructureIsAnError()
    {
        QByteArray deep = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"unknown\":";
        const auto result =
            test::importBytes(deep + QByteArray(200000, '[') + QByteArray(200000, ']') + "}]}]}]}");
        // Unknown fields are skipped however deep they go: the file imports (with no spans).
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.sink.spans.size(), size_t(0));
    }

    void longValuesAreCutVisibly()
    {
        ImportLimits limits;
        const QByteArray huge(64 * 1024 * 1024, 'x');
        const auto result =
            test::importBytes(document({span("0000000000000001", stringAttribute("big", huge))}), limits);
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.sink.spans.size(), size_t(1));
        const std::string& attributes = result.sink.spans[0].attributes;
        QVERIFY(attributes.size() < limits.maxValueBytes + 200);
        QVERIFY(attributes.find("[truncated from 67108864 bytes]") != std::string::npos);
        QVERIFY(anyWarningContains(result, "truncated to 65536 bytes"));
    }

    void attributesBeyondTheLimitAreDroppedAndCounted()
    {
        QByteArray many;
        for (int i = 0; i < 1500; ++i)
            many += (i ? "," : "") + stringAttribute("k" + QByteArray::number(i), "v");
        const auto result = test::importBytes(document({span("0000000000000001", many)}));
        QCOMPARE(result.sink.spans.size(), size_t(1));
        QVERIFY(anyWarningContains(result, "476 attribute(s) of a span dropped (limit 1024)"));
    }

    void spansBeyondTheFileLimitAreNotImported()
    {
        ImportLimits limits;
        limits.maxSpansPerFile = 3;
        QList<QByteArray> spans;
        for (int i = 1; i <= 10; ++i)
            spans << span(QByteArray::number(i).rightJustified(16, '0'));
        const auto result = test::importBytes(document(spans), limits);
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.sink.spans.size(), size_t(3));
        QVERIFY(anyWarningContains(result, "more than 3 spans"));
    }

    void anElementBeyondTheSizeLimitIsAnError()
    {
        ImportLimits limits;
        limits.maxElementBytes = 1 << 20;
        const auto result = test::importBytes(
            document({span("0000000000000001", stringAttribute("big", QByteArray(2 << 20, 'y')))}), limits);
        QVERIFY(result.failed);
        QVERIFY2(QByteArray::fromStdString(result.error).contains("larger than the limit of 1048576 bytes"),
                 result.error.c_str());
    }

    void aDecompressionBombStopsEarly_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("expected");
        // Only whitespace: refused at once, from the first megabyte.
        QTest::newRow("spaces") << QByteArray() << QByteArray("no JSON content in the first megabyte");
        // Valid JSON that goes on with gigabytes of whitespace: the ratio limit stops it.
        QTest::newRow("json then spaces")
            << QByteArray("{\"resourceSpans\":[") << QByteArray("decompression bomb");
    }

    void aDecompressionBombStopsEarly()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, expected);
        // 256 MiB inflate from a quarter of a MiB (deflate tops out near 1030:1).
        QByteArray compressed;
        z_stream stream{};
        QCOMPARE(deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
        const QByteArray chunk(1 << 20, ' ');
        char out[65536];
        for (int i = 0; i < 256; ++i) {
            const QByteArray input = i == 0 ? prefix + chunk : chunk;
            stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.constData()));
            stream.avail_in = uInt(input.size());
            do {
                stream.next_out = reinterpret_cast<Bytef*>(out);
                stream.avail_out = sizeof out;
                deflate(&stream, i == 255 ? Z_FINISH : Z_NO_FLUSH);
                compressed.append(out, int(sizeof out - stream.avail_out));
            } while (stream.avail_out == 0);
        }
        deflateEnd(&stream);
        QVERIFY(compressed.size() < 8 * 1024 * 1024);
        const auto result = test::importBytes(compressed);
        QVERIFY(result.failed);
        QVERIFY2(QByteArray::fromStdString(result.error).contains(expected), result.error.c_str());
    }
};

QTEST_GUILESS_MAIN(LimitsTest)
#include "tst_limits.moc"
