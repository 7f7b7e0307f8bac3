// SPDX-License-Identifier: MIT
// The OTLP protobuf importer on hostile input, which must end by itself with a clear error at a
// byte offset: every truncation, impossible lengths, deep nesting, varint overflow, wrong wire types,
// garbage, huge values, a gzip bomb, invalid UTF-8; and the costs: repeated resources in linear
// time, claimed lengths and large files in bounded memory, the span limit.
#include "CaptureSink.h"
#include "OtlpProtoTestSupport.h"
#include "TestSupport.h"
#include "importers/Importer.h"
#include "importers/io/ByteSource.h"
#include "model/AttributeCodec.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <malloc.h>
#include <random>
#include <set>
#include <zlib.h>

using namespace spanscope;
using namespace spanscope::test::otlpproto;

// std::string comparisons that print both sides when they differ.
#define QCOMPARE_TEXT(actual, expected)                                                                      \
    QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

class OtlpProtoHostileTest : public QObject
{
    Q_OBJECT

private slots:
    void truncatedAtEveryLength_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("traces") << QStringLiteral("traces.binpb");
        QTest::newRow("stream") << QStringLiteral("stream-concatenated.binpb");
    }

    void truncatedAtEveryLength()
    {
        QFETCH(QString, file);
        const QByteArray whole = fixtureBytes(file);
        QVERIFY(!whole.isEmpty());
        const size_t full = runImporter(whole.toStdString())->sink.spans.size();
        // The clean cuts are exactly the ends of top-level messages (ResourceSpans).
        std::set<qsizetype> boundaries = {0};
        for (qsizetype pos = 0; pos < whole.size();) {
            uint64_t length = 0;
            qsizetype p = pos + 1;
            for (int shift = 0;; shift += 7, ++p) {
                length |= uint64_t(uint8_t(whole[p]) & 0x7F) << shift;
                if (!(uint8_t(whole[p]) & 0x80))
                    break;
            }
            pos = p + 1 + qsizetype(length);
            boundaries.insert(pos);
        }
        for (qsizetype length = 0; length < whole.size(); ++length) {
            const std::string prefix = whole.left(length).toStdString();
            const auto direct = runImporter(prefix);
            if (boundaries.count(length)) {
                QVERIFY2(!direct->failed, direct->error.c_str());
                QVERIFY(direct->sink.spans.size() <= full);
            } else {
                QVERIFY2(direct->failed,
                         qPrintable(QStringLiteral("prefix of %1 bytes was accepted").arg(length)));
                QVERIFY2(direct->error.rfind("byte ", 0) == 0, direct->error.c_str());
            }
            const auto piped = importData(prefix); // through the sniffer: an error or a clean result
            QVERIFY(piped->failed || piped->sink.spans.size() <= full);
        }
    }

    void impossibleLengths()
    {
        // A ResourceSpans that claims 2^63 - 1 bytes: read until the file ends, then truncation.
        Pb huge;
        huge.tag(1, 2)
            .putVarint(0x7FFFFFFFFFFFFFFFull)
            .message(1, Pb().message(1, stringAttribute("a", "b")));
        auto result = runImporter(huge.data);
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error, "byte " + std::to_string(huge.data.size()) +
                                         ": the file ends inside ResourceSpans (truncated)");

        // The largest length a varint can hold.
        Pb largest;
        largest.tag(1, 2).putVarint(UINT64_MAX).message(1, Pb().message(1, stringAttribute("a", "b")));
        result = runImporter(largest.data);
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error, "byte " + std::to_string(largest.data.size()) +
                                         ": the file ends inside ResourceSpans (truncated)");

        // A ScopeSpans longer than the ResourceSpans around it.
        Pb nested;
        nested.tag(1, 2).putVarint(10).tag(2, 2).putVarint(200).raw(std::string(8, '\0'));
        result = runImporter(nested.data);
        QVERIFY(result->failed);
        QCOMPARE_TEXT(
            result->error,
            std::string("byte 2: ResourceSpans: field 2 claims 200 bytes but only 7 are left in the "
                        "enclosing message (corrupt)"));

        // An attribute longer than its span (inside a message held whole).
        Pb span = simpleSpan('\x01', '\x02', "s");
        span.tag(9, 2).putVarint(1000).raw("xx");
        result = runImporter(tracesData(span));
        QVERIFY(result->failed);
        QVERIFY2(result->error.find("Span: field 9 claims 1000 bytes but only 2 are left in the message") !=
                     std::string::npos,
                 result->error.c_str());

        // A span larger than the element limit is refused before it is read.
        ImportLimits limits;
        limits.maxElementBytes = 64;
        const Pb big = simpleSpan('\x01', '\x02', std::string(100, 'n'));
        result = runImporter(tracesData(big), limits);
        QVERIFY(result->failed);
        QVERIFY2(result->error.find("a span of " + std::to_string(big.data.size()) +
                                    " bytes is larger than the limit of 64 bytes") != std::string::npos,
                 result->error.c_str());
    }

    void deepNestingStopsAtTheLimit_data()
    {
        QTest::addColumn<int>("levels");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("127 arrays: value depth 128") << 127 << true;
        QTest::newRow("128 arrays: value depth 129") << 128 << false;
        QTest::newRow("200000 arrays") << 200000 << false;
    }

    void deepNestingStopsAtTheLimit()
    {
        QFETCH(int, levels);
        QFETCH(bool, accepted);
        // AnyValue{array_value{values: AnyValue{...}}} nested `levels` times around int_value 7,
        // written outside-in from precomputed sizes (prepending would be quadratic).
        const auto varintSize = [](uint64_t v) {
            size_t n = 1;
            for (; v >= 0x80; v >>= 7)
                ++n;
            return n;
        };
        std::vector<uint64_t> anySize(size_t(levels) + 1), arraySize(size_t(levels) + 1);
        anySize[0] = 2; // int_value: 7
        for (int k = 1; k <= levels; ++k) {
            arraySize[k] = 1 + varintSize(anySize[k - 1]) + anySize[k - 1];
            anySize[k] = 1 + varintSize(arraySize[k]) + arraySize[k];
        }
        Pb value;
        for (int k = levels; k >= 1; --k)
            value.tag(5, 2).putVarint(arraySize[k]).tag(1, 2).putVarint(anySize[k - 1]);
        value.varint(3, 7);
        Pb span = simpleSpan('\x01', '\x02', "deep");
        span.message(9, Pb().bytes(1, "deep").bytes(2, value.data));
        const auto result = runImporter(tracesData(span));
        if (accepted) {
            QVERIFY2(!result->failed, result->error.c_str());
            QCOMPARE(result->sink.spans.size(), size_t(1));
        } else {
            QVERIFY(result->failed);
            QVERIFY2(
                result->error.find(": attribute values nested deeper than 128 levels (the nesting limit)") !=
                    std::string::npos,
                result->error.c_str());
            QVERIFY2(result->error.rfind("byte ", 0) == 0, result->error.c_str());
        }
    }

    void varintOverflow()
    {
        auto result = runImporter(std::string("\x0A") + std::string(10, '\xFF') + "\x01");
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error,
                      std::string("byte 1: TracesData: a field length is a varint longer than 64 bits"));
        result = runImporter(std::string(11, '\x80'));
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error,
                      std::string("byte 0: TracesData: a field tag is a varint longer than 64 bits"));
        // Inside a span: dropped_attributes_count with an eleven-byte varint.
        Pb span = simpleSpan('\x01', '\x02', "s");
        span.tag(10, 0).raw(std::string(10, '\xFF')).raw("\x01");
        result = runImporter(tracesData(span));
        QVERIFY(result->failed);
        QVERIFY2(result->error.find("Span: field 10 is a varint longer than 64 bits") != std::string::npos,
                 result->error.c_str());
    }

    void wrongWireTypes()
    {
        auto result = runImporter(std::string("\x08\x01", 2));
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error,
                      std::string("byte 0: TracesData: field resource_spans (1) is varint, expected "
                                  "length-delimited (not OTLP, or corrupt)"));
        Pb span = Pb().bytes(1, std::string(16, '\x01')).bytes(2, std::string(8, '\x02')).varint(7, 5);
        result = runImporter(tracesData(span));
        QVERIFY(result->failed);
        QVERIFY2(result->error.find("Span: field start_time_unix_nano (7) is varint, expected fixed64") !=
                     std::string::npos,
                 result->error.c_str());
        result = runImporter(std::string("\x0B\x0C", 2)); // a group
        QVERIFY(result->failed);
        QVERIFY2(result->error.find("group wire type") != std::string::npos, result->error.c_str());
        result = runImporter(std::string("\x0F", 1)); // wire type 7
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error,
                      std::string("byte 0: TracesData: invalid wire type (not protobuf, or corrupt)"));
    }

    void notProtobufAtAll()
    {
        const auto piped = importData("This is a plain text file, not a trace.\n");
        QVERIFY(piped->failed);
        QVERIFY2(piped->error.find("not a trace file") != std::string::npos, piped->error.c_str());
        const auto direct = runImporter("This is a plain text file, not a trace.\n");
        QVERIFY(direct->failed);
        QVERIFY2(direct->error.rfind("byte ", 0) == 0, direct->error.c_str());
        // Valid protobuf, but no resource_spans: not an OTLP trace file.
        const auto other = runImporter(Pb().varint(5, 1).bytes(6, "x").data);
        QVERIFY(other->failed);
        QCOMPARE_TEXT(
            other->error,
            std::string("byte 0: not OTLP protobuf: the content holds no resource_spans (field 1)"));
    }

    void randomGarbageEndsCleanly()
    {
        std::mt19937 random(20240611);
        int failures = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string bytes(random() % 400, '\0');
            for (char& c : bytes)
                c = char(random());
            if (i % 2 == 0 && !bytes.empty())
                bytes[0] = '\x0A'; // looks like resource_spans: the garbage goes deeper
            const auto result = runImporter(bytes);
            if (result->failed) {
                ++failures;
                QVERIFY2(result->error.rfind("byte ", 0) == 0, result->error.c_str());
            }
            importData(bytes); // the whole pipeline must not crash either
        }
        QVERIFY(failures > 2900);
    }

    void hugeStringValueIsTruncated()
    {
        const std::string value(64u << 20, 'x');
        Pb span = simpleSpan('\x01', '\x02', "big");
        span.message(9, stringAttribute("payload", value));
        const auto result = importData(tracesData(span));
        QVERIFY2(!result->failed, result->error.c_str());
        QCOMPARE(result->sink.spans.size(), size_t(1));
        ValueView payload;
        QVERIFY(findAttribute(result->sink.spans[0].attributes, "payload", payload));
        QCOMPARE(payload.text,
                 std::string_view(std::string(65536, 'x') + "\xE2\x80\xA6[truncated from 67108864 bytes]"));
        QCOMPARE(result->sink.warnings.size(), size_t(1));
        QVERIFY2(result->sink.warnings[0].find("1 attribute value(s) of a span truncated to 65536 bytes") !=
                     std::string::npos,
                 result->sink.warnings[0].c_str());
    }

    void gzipBombStopsAtTheRatioLimit()
    {
        // A ResourceSpans whose schema_url claims 4 GiB of zeros: valid protobuf the importer skips
        // through, so only the decompression limits can stop it.
        constexpr uint64_t zeros = 4ull << 30;
        Pb inner;
        inner.tag(3, 2).putVarint(zeros);
        Pb header;
        header.tag(1, 2).putVarint(inner.data.size() + zeros).raw(inner.data);
        const auto gzipMember = [](const std::string& plain) {
            z_stream stream{};
            deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
            std::string out(deflateBound(&stream, uLong(plain.size())), '\0');
            stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
            stream.avail_in = uInt(plain.size());
            stream.next_out = reinterpret_cast<Bytef*>(out.data());
            stream.avail_out = uInt(out.size());
            deflate(&stream, Z_FINISH);
            out.resize(stream.total_out);
            deflateEnd(&stream);
            return out;
        };
        const std::string zeroMember = gzipMember(std::string(16u << 20, '\0'));
        std::string bomb = gzipMember(header.data);
        for (uint64_t i = 0; i < zeros / (16u << 20); ++i)
            bomb += zeroMember;
        QVERIFY(bomb.size() < 8u << 20);

        QElapsedTimer timer;
        timer.start();
        const auto result = importData(bomb);
        QVERIFY(result->failed);
        QVERIFY2(result->error.find("gzip: content inflates more than 1000 times its compressed size") !=
                     std::string::npos,
                 result->error.c_str());
        QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
    }

    void invalidUtf8IsReplaced()
    {
        Pb span = simpleSpan('\x01', '\x02', "bad\xFFname");
        span.message(9, stringAttribute("k\xC3", "v\xE2\x82"));
        const auto result = importData(tracesData(span));
        QVERIFY2(!result->failed, result->error.c_str());
        QCOMPARE(result->sink.spans[0].name, std::string("bad\xEF\xBF\xBDname"));
        QCOMPARE(test::describeAttributes(result->sink.spans[0].attributes),
                 std::string("k\xEF\xBF\xBD=v\xEF\xBF\xBD\xEF\xBF\xBD (string)"));
        QCOMPARE(result->sink.warnings.size(), size_t(1));
        QVERIFY(result->sink.warnings[0].find("invalid UTF-8 replaced with U+FFFD") != std::string::npos);
    }

    void repeatedResourcesCostLinearTime()
    {
        // 50 000 occurrences of `resource` in one ResourceSpans: merged (one attribute each), decoded
        // once at the end, not once per occurrence.
        Pb resourceSpans;
        resourceSpans.message(1, Pb().message(1, stringAttribute("service.name", "svc")));
        for (int i = 0; i < 50000; ++i)
            resourceSpans.message(1, Pb().message(1, stringAttribute("k", "v")));
        resourceSpans.message(2, Pb().message(2, simpleSpan('\x01', '\x02', "s")));
        QElapsedTimer timer;
        timer.start();
        const auto result = runImporter(Pb().message(1, resourceSpans).data);
        QVERIFY2(!result->failed, result->error.c_str());
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(result->sink.spans[0].service, std::string("svc"));
        QCOMPARE(result->sink.warnings.size(), size_t(1));
        QVERIFY2(result->sink.warnings[0].find("48977 attribute(s) of a resource dropped (limit 1024)") !=
                     std::string::npos,
                 result->sink.warnings[0].c_str());

        ImportLimits limits;
        limits.maxElementBytes = 1000;
        const auto limited = runImporter(Pb().message(1, resourceSpans).data, limits);
        QVERIFY(limited->failed);
        QVERIFY2(limited->error.find("a resource repeated beyond the limit of 1000 bytes") !=
                     std::string::npos,
                 limited->error.c_str());
    }

    void claimedLengthsCostNoMemory()
    {
        // A span that claims 200 MB in a file of a few bytes: truncation, without a 200 MB buffer.
        constexpr uint64_t claimed = 200u << 20;
        Pb spanHeader;
        spanHeader.tag(2, 2).putVarint(claimed);
        Pb scopeHeader;
        scopeHeader.tag(2, 2).putVarint(spanHeader.data.size() + claimed);
        Pb file;
        file.tag(1, 2).putVarint(scopeHeader.data.size() + spanHeader.data.size() + claimed);
        file.raw(scopeHeader.data).raw(spanHeader.data).raw("\x0A\x10partial trace id");
        const bool peakReset = resetPeakMemory();
        const uint64_t before = peakMemoryKiB();
        const auto result = runImporter(file.data);
        const uint64_t growthKiB = peakMemoryKiB() - before;
        QVERIFY(result->failed);
        QCOMPARE_TEXT(result->error, "byte " + std::to_string(file.data.size()) +
                                         ": the file ends inside a span (truncated)");
#if !defined(__SANITIZE_ADDRESS__)
        if (peakReset)
            QVERIFY2(growthKiB < 16 * 1024, qPrintable(QString::number(growthKiB)));
#else
        Q_UNUSED(peakReset);
        Q_UNUSED(growthKiB);
#endif
    }

    void spanLimitKeepsTheFirstSpans()
    {
        ImportLimits limits;
        limits.maxSpansPerFile = 3;
        const auto result = importFixture(QStringLiteral("traces.binpb"), limits);
        QVERIFY(!result->failed);
        QCOMPARE(result->sink.spans.size(), size_t(3));
        QVERIFY(result->sink.warnings.back().find("more than 3 spans") != std::string::npos);
    }

    void largeFileStreamsInBoundedMemory()
    {
        // 300 000 spans in ONE ResourceSpans/ScopeSpans (~60 MB): the importer must walk it
        // without holding it. Written to disk piece by piece, so the test holds it neither.
        constexpr int kSpans = 300000;
        std::vector<std::string> spans;
        uint64_t spansBytes = 0;
        for (int i = 0; i < 64; ++i) {
            Pb span = simpleSpan('\x07', char(i + 1), "GET /api/items/{id}");
            span.message(9, stringAttribute("http.route", "/api/items/{id}"))
                .message(9, Pb().bytes(1, "http.status_code").message(2, Pb().varint(3, 200)))
                .message(9, stringAttribute("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)"))
                .varint(6, 2);
            spans.push_back(Pb().message(2, span).data);
        }
        for (int i = 0; i < kSpans; ++i)
            spansBytes += spans[size_t(i) % spans.size()].size();
        const Pb scope = Pb().message(1, Pb().bytes(1, "bench"));
        const Pb resource = Pb().message(1, Pb().message(1, stringAttribute("service.name", "bench")));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("large.binpb")).toStdString();
        {
            std::ofstream out(path, std::ios::binary);
            Pb head;
            const uint64_t scopeSpansSize = scope.data.size() + spansBytes;
            Pb scopeHeader;
            scopeHeader.tag(2, 2).putVarint(scopeSpansSize);
            head.tag(1, 2).putVarint(resource.data.size() + scopeHeader.data.size() + scopeSpansSize);
            out << head.data << resource.data << scopeHeader.data << scope.data;
            for (int i = 0; i < kSpans; ++i)
                out << spans[size_t(i) % spans.size()];
        }
        const uint64_t fileSize = QFileInfo(QString::fromStdString(path)).size();

        class CountingSink final : public SpanSink
        {
        public:
            ResourceRef addResource(const ResourceRecord&) override { return 1; }
            ResourceRef declareResource() override { return 1; }
            void defineResource(ResourceRef, const ResourceRecord&) override {}
            ScopeRef addScope(const ScopeRecord&) override { return 1; }
            ScopeRef declareScope() override { return 1; }
            void defineScope(ScopeRef, const ScopeRecord&) override {}
            void addSpan(const SpanRecord& span) override { attributes += span.attributes.size() ? 1 : 0; }
            void addWarning(const ImportMessage&) override { ++warnings; }
            uint64_t attributes = 0;
            uint64_t warnings = 0;
        } sink;

        const bool peakReset = resetPeakMemory();
        const uint64_t before = peakMemoryKiB();
        uint64_t reads = 0;
        QElapsedTimer timer;
        timer.start();
        const StreamInfo info = importStream(openFileSource(path), sink, ImportLimits{}, [&] { ++reads; });
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const uint64_t growthKiB = peakMemoryKiB() - before;
        QCOMPARE(info.spans, uint64_t(kSpans));
        QCOMPARE(sink.attributes, uint64_t(kSpans));
        QCOMPARE(sink.warnings, uint64_t(0));
        QVERIFY(reads > fileSize / (1 << 20)); // progress after every read of the stream
        qInfo("%d spans, %.1f MB in %.3f s: %.0f spans/s, %.1f MB/s; peak memory grew by %llu KiB", kSpans,
              double(fileSize) / 1e6, seconds, kSpans / seconds, double(fileSize) / 1e6 / seconds,
              (unsigned long long)growthKiB);
#if defined(__SANITIZE_ADDRESS__)
        Q_UNUSED(peakReset);
#else
        if (peakReset)
            QVERIFY2(growthKiB < 16 * 1024, qPrintable(QString::number(growthKiB)));
#endif
    }

private:
    // Linux: writing 5 to clear_refs resets the peak resident size (VmHWM) to the current one.
    static bool resetPeakMemory()
    {
        malloc_trim(0); // free memory kept by malloc would hide what the import allocates
        QFile file(QStringLiteral("/proc/self/clear_refs"));
        return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
    }
    static uint64_t peakMemoryKiB()
    {
        QFile file(QStringLiteral("/proc/self/status"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toULongLong();
        }
        return 0;
    }
};

QTEST_GUILESS_MAIN(OtlpProtoHostileTest)
#include "tst_otlp_proto_hostile.moc"
