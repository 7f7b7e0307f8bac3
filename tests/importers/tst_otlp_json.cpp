// SPDX-License-Identifier: MIT
// The OTLP JSON importer: golden dumps of our own fixtures (one per variant formats.md §3 lists),
// the mapping of every field, JSON Lines recovery (also for Jaeger and Zipkin, which share the
// document loop), compressed input, the real third-party files, and hostile input.
#include "CaptureSink.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "importers/ImportFailure.h"
#include "importers/ImportPipeline.h"
#include "importers/Importer.h"
#include "importers/io/ByteSource.h"
#include "model/AttributeCodec.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <set>
#include <zlib.h>
#include <zstd.h>

using namespace spanscope;
using namespace spanscope::test;

namespace {

QString fixture(const QString& name)
{
    return sourcePath(QStringLiteral("tests/data/otlp-json/") + name);
}

// CaptureSink keeps what every format has; OTLP also has scopes, trace states, W3C flags,
// dropped counts and link details, which the assertions below need.
class OtlpCapture : public CaptureSink
{
public:
    struct Event
    {
        int64_t timeNs;
        std::string name;
        std::string attributes;
        uint32_t dropped;
    };
    struct Link
    {
        TraceId traceId;
        uint64_t spanId;
        std::string traceState;
        uint32_t flags;
        std::string attributes;
        uint32_t dropped;
    };
    struct Extra
    {
        ScopeRef scope = 0;
        std::string traceState;
        std::string statusMessage;
        uint32_t droppedAttributes = 0;
        uint32_t droppedEvents = 0;
        uint32_t droppedLinks = 0;
        std::vector<Event> events;
        std::vector<Link> links;
    };

    ScopeRef addScope(const ScopeRecord& scope) override
    {
        const ScopeRef ref = declareScope();
        defineScope(ref, scope);
        return ref;
    }
    ScopeRef declareScope() override
    {
        scopes.emplace_back("(undefined)");
        return ScopeRef(scopes.size());
    }
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override
    {
        scopes[ref - 1] = std::string(scope.name) + " " + std::string(scope.version) + " | " +
                          describeAttributes(scope.attributes);
    }
    void addSpan(const SpanRecord& record) override
    {
        CaptureSink::addSpan(record);
        Extra extra;
        extra.scope = record.scope;
        extra.traceState = std::string(record.traceState);
        extra.statusMessage = std::string(record.statusMessage);
        extra.droppedAttributes = record.droppedAttributes;
        extra.droppedEvents = record.droppedEvents;
        extra.droppedLinks = record.droppedLinks;
        for (const EventRecord& event : record.events)
            extra.events.push_back({event.timeNs, std::string(event.name), std::string(event.attributes),
                                    event.droppedAttributes});
        for (const LinkRecord& link : record.links)
            extra.links.push_back({link.traceId, link.spanId, std::string(link.traceState), link.flags,
                                   std::string(link.attributes), link.droppedAttributes});
        extras.push_back(std::move(extra));
    }

    // One line per span for what dump() leaves out.
    std::string dumpExtras() const
    {
        std::string out;
        for (size_t i = 0; i < scopes.size(); ++i)
            out += "scope " + std::to_string(i + 1) + ": " + scopes[i] + "\n";
        for (size_t i = 0; i < extras.size(); ++i) {
            const Extra& extra = extras[i];
            out += "extra " + toHex64(spans[i].spanId) + ": scope=" + std::to_string(extra.scope) +
                   " w3c=" + std::to_string(spans[i].w3cFlags) + " state=" + extra.traceState +
                   " dropped=" + std::to_string(extra.droppedAttributes) + "/" +
                   std::to_string(extra.droppedEvents) + "/" + std::to_string(extra.droppedLinks);
            for (const Event& event : extra.events)
                out += " event{dropped=" + std::to_string(event.dropped) + "}";
            for (const Link& link : extra.links)
                out += " link{state=" + link.traceState + " flags=" + std::to_string(link.flags) +
                       " dropped=" + std::to_string(link.dropped) + "}";
            out += "\n";
        }
        return out;
    }

    std::vector<std::string> scopes;
    std::vector<Extra> extras;
};

struct Imported
{
    OtlpCapture sink;
    StreamInfo info;
    bool failed = false;
    std::string error; // "LOCATION: message"
};

Imported runPipeline(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
{
    Imported result;
    try {
        result.info = importStream(std::move(source), result.sink, limits);
    } catch (const ImportFailure& failure) {
        result.failed = true;
        result.error = failure.location().toString() + ": " + failure.what();
    }
    return result;
}

// Through the whole pipeline (decompression, unframing, sniffing), as the application reads.
Imported importData(const QByteArray& bytes, const ImportLimits& limits = {})
{
    return runPipeline(memorySource(bytes.toStdString()), limits);
}

Imported importFile(const QString& path, const ImportLimits& limits = {})
{
    try {
        return runPipeline(openFileSource(path.toStdString()), limits);
    } catch (const ImportFailure& failure) {
        Imported result;
        result.failed = true;
        result.error = failure.what();
        return result;
    }
}

// The OTLP JSON importer alone, for input the sniffer would refuse or decide otherwise.
Imported runOtlp(const QByteArray& bytes, bool jsonLines = false)
{
    Imported result;
    const ImportLimits limits;
    auto source = memorySource(bytes.toStdString());
    ImportContext context{*source, result.sink, limits, {}, jsonLines, {}, 0, 0};
    try {
        makeOtlpJsonImporter()->run(context);
    } catch (const ImportFailure& failure) {
        result.failed = true;
        result.error = failure.location().toString() + ": " + failure.what();
    }
    result.info.spans = context.spansRead;
    result.info.variant = context.variant;
    return result;
}

QByteArray goldenText(const Imported& result)
{
    std::string text = result.sink.dump() + result.sink.dumpExtras();
    text += "variant: " + result.info.variant + "\n";
    text += "spans: " + std::to_string(result.info.spans) + "\n";
    if (result.failed)
        text += "error: " + result.error + "\n";
    return QByteArray::fromStdString(text);
}

ValueView attribute(std::string_view blob, std::string_view key)
{
    ValueView value;
    if (!findAttribute(blob, key, value)) {
        value.type = ValueType::Empty;
        value.text = "<absent>";
    }
    return value;
}

ValueView attribute(const CaptureSink::Span& span, std::string_view key)
{
    return attribute(span.attributes, key);
}

// The elements of an array or kvlist value, as (key, value) pairs.
std::vector<std::pair<std::string_view, ValueView>> elements(const ValueView& container)
{
    std::vector<std::pair<std::string_view, ValueView>> out;
    AttributeReader reader = AttributeReader::elements(container);
    std::string_view key;
    ValueView value;
    while (reader.next(key, value))
        out.emplace_back(key, value);
    return out;
}

bool hasWarning(const CaptureSink& sink, const QString& pattern)
{
    const QRegularExpression regex(pattern);
    for (const std::string& warning : sink.warnings) {
        if (regex.match(QString::fromStdString(warning)).hasMatch())
            return true;
    }
    return false;
}

// The span with this id, failing the test (not crashing) when it is missing.
const CaptureSink::Span* spanWithId(const Imported& result, uint64_t id)
{
    const CaptureSink::Span* span = result.sink.find(id);
    if (!span)
        qWarning("no span %016llx", static_cast<unsigned long long>(id));
    return span;
}

const OtlpCapture::Extra& extraOf(const Imported& result, const CaptureSink::Span* span)
{
    static const OtlpCapture::Extra none;
    if (!span)
        return none; // the caller's comparisons fail instead of crashing
    return result.sink.extras.at(size_t(span - result.sink.spans.data()));
}

TraceId traceId(std::string_view hex)
{
    return parseHex128(hex).value_or(TraceId{});
}

size_t distinctTraces(const CaptureSink& sink)
{
    std::set<TraceId> traces;
    for (const auto& span : sink.spans)
        traces.insert(span.traceId);
    return traces.size();
}

// Every span as text, with its service (which a resource may give after the span was read).
std::vector<std::string> spanTexts(const CaptureSink& sink, bool withService = true)
{
    std::vector<std::string> texts;
    for (const auto& span : sink.spans)
        texts.push_back(withService ? span.text + " service=" + span.service : span.text);
    return texts;
}

QByteArray gzipped(const QByteArray& data)
{
    z_stream stream{};
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
        qFatal("deflate failed");
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray zstdCompressed(const QByteArray& data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), '\0');
    const size_t size =
        ZSTD_compress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), 3);
    if (ZSTD_isError(size))
        qFatal("ZSTD_compress failed");
    out.resize(qsizetype(size));
    return out;
}

// The Collector file exporter's frame: a 4-byte big-endian length, then the message.
QByteArray framed(const QByteArray& message)
{
    const auto size = uint32_t(message.size());
    QByteArray out;
    out += char(size >> 24);
    out += char(size >> 16);
    out += char(size >> 8);
    out += char(size);
    return out + message;
}

// "LINE:COLUMN: message" as ImportFailure reports it for JSON.
const QRegularExpression kLocated(QStringLiteral("^\\d+:\\d+: \\S"));

bool isLocated(const std::string& error)
{
    return kLocated.match(QString::fromStdString(error)).hasMatch();
}

QByteArray oneSpanDocument(const QByteArray& spanFields, const QByteArray& resource = {})
{
    return R"({"resourceSpans":[{"resource":{"attributes":[)" + resource + R"(]},"scopeSpans":[{"spans":[)" +
           spanFields + "]}]}]}";
}

QByteArray spanJson(const QByteArray& spanId, const QByteArray& more = {})
{
    return R"({"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":")" + spanId +
           R"(","name":"op","startTimeUnixNano":"1000","endTimeUnixNano":"2000")" + more + "}";
}

} // namespace

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

    void jsonLinesReadsEveryLine();
    void jsonLinesSkipsABrokenLine();
    void jsonLinesAllLinesBroken();
    void jsonLinesBrokenFirstLine();
    void byteOrderMark();
    void jaegerJsonLinesRecover();
    void zipkinJsonLinesRecover();

    void compressed_data();
    void compressed();
    void compressionIsFoundByContentNotName();

    void realFiles_data();
    void realFiles();
    void realFileValues();

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
    // formats.md §3, §8.6: hex is case-insensitive; base64 (24/12 characters, "=="/"=") is told
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

    // Unusable ids skip the span, with a warning naming the reason, and nothing else is lost.
    QCOMPARE(result.sink.spans.size(), size_t(8));
    QCOMPARE(result.info.spans, uint64_t(8));
    QVERIFY(!result.sink.find(1) && !result.sink.find(2) && !result.sink.find(3));
    QVERIFY(hasWarning(result.sink,
                       QStringLiteral("^\\d+:\\d+: a span skipped: span without a valid \"traceId\"$")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("a span skipped: span without a valid \"spanId\"$")));
    QVERIFY(hasWarning(result.sink, QStringLiteral("a span skipped: span without a \"spanId\"$")));
    int skipped = 0;
    for (const std::string& warning : result.sink.warnings)
        skipped += warning.find("a span skipped") != std::string::npos;
    QCOMPARE(skipped, 6);
}

void TestOtlpJson::linksWithoutIdsAreDropped()
{
    // An absent id is an empty id (formats.md §3), which is invalid for a link as for a span; the
    // protobuf importer drops such links with a warning.
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

    // Absent, 0 or null times are "missing"; a negative dropped count reads as 0.
    const auto* noTimes = spanWithId(result, 0xa3);
    QVERIFY(noTimes);
    QCOMPARE(noTimes->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
    QCOMPARE(extraOf(result, noTimes).droppedAttributes, uint32_t(0));
    const auto* zero = spanWithId(result, 0xa4);
    QVERIFY(zero);
    QCOMPARE(zero->flags, uint32_t(SpanFlag::MissingStart | SpanFlag::MissingEnd));
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
    // The Collector's reader accepts snake_case keys, so files with them exist (formats.md §3).
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

void TestOtlpJson::jsonLinesReadsEveryLine()
{
    const Imported result = importFile(fixture(QStringLiteral("collector.jsonl")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(result.info.variant, std::string("JSON Lines"));
    QVERIFY(result.sink.warnings.empty());
    // Three lines (and a blank one): a trace spread over lines 1-3, another trace on line 2.
    QCOMPARE(result.sink.spans.size(), size_t(4));
    QCOMPARE(distinctTraces(result.sink), size_t(2));
    QCOMPARE(spanWithId(result, 2)->parentSpanId, uint64_t(1));
    QCOMPARE(spanWithId(result, 3)->parentSpanId, uint64_t(2));
    QCOMPARE(spanWithId(result, 3)->service, std::string("cart"));
    QCOMPARE(spanWithId(result, 1)->service, std::string("frontend"));
    QCOMPARE(spanWithId(result, 0x11)->traceId, traceId("0af7651916cd43dd8448eb211c80319c"));
    QCOMPARE(spanWithId(result, 0x11)->status, StatusCode::Error);
    // Lines repeat their resources; each line's resources are its own.
    QCOMPARE(result.sink.resources.size(), size_t(4));

    // CRLF line ends (a file that went through Windows) read the same.
    QByteArray crlf = readFile(fixture(QStringLiteral("collector.jsonl")));
    crlf.replace("\n", "\r\n");
    const Imported windows = importData(crlf);
    QVERIFY2(!windows.failed, windows.error.c_str());
    QCOMPARE(spanTexts(windows.sink), spanTexts(result.sink));
}

void TestOtlpJson::jsonLinesSkipsABrokenLine()
{
    const Imported result = importFile(fixture(QStringLiteral("broken_line.jsonl")));
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.variant, std::string("JSON Lines"));
    // Lines 1 and 3 are read; line 2 (cut off) and line 4 (resourceSpans not an array) are not.
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QVERIFY(spanWithId(result, 2) && spanWithId(result, 3));
    QCOMPARE(spanWithId(result, 3)->service, std::string("cart"));
    QCOMPARE(result.sink.warnings.size(), size_t(2));
    QVERIFY2(QString::fromStdString(result.sink.warnings[0])
                 .contains(QRegularExpression(QStringLiteral("^2:\\d+: line skipped: "))),
             result.sink.warnings[0].c_str());
    QVERIFY2(QString::fromStdString(result.sink.warnings[1])
                 .contains(QRegularExpression(QStringLiteral("^4:\\d+: line skipped: "))),
             result.sink.warnings[1].c_str());
}

void TestOtlpJson::jsonLinesAllLinesBroken()
{
    // Line 1 is valid JSON of the wrong shape (so the sniffer sees JSON Lines), the others are cut.
    const Imported result = importFile(fixture(QStringLiteral("all_broken.jsonl")));
    QVERIFY(result.failed);
    QVERIFY2(isLocated(result.error), result.error.c_str());
    QVERIFY2(result.error.starts_with("1:"), result.error.c_str());
    QVERIFY2(result.error.find("no line of this JSON Lines file could be read; the first: ") !=
                 std::string::npos,
             result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(0));
    QCOMPARE(result.sink.warnings.size(), size_t(3)); // each line said why

    // A single broken line: its own error, as for any JSON file.
    const Imported one = importData(R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4b)");
    QVERIFY(one.failed);
    QVERIFY2(isLocated(one.error), one.error.c_str());
    QVERIFY2(one.error.find("no line of this") == std::string::npos, one.error.c_str());
}

void TestOtlpJson::jsonLinesBrokenFirstLine()
{
    // docs/FORMATS.md: "A first line that is a complete JSON value means JSON Lines." A cut first
    // line therefore makes the file one (malformed) JSON document: a located error on line 1.
    const QByteArray good = readFile(fixture(QStringLiteral("collector.jsonl")));
    const QByteArray file = good.left(good.indexOf('\n') / 2) + "\n" + good;
    const Imported result = importData(file);
    QVERIFY(result.failed);
    QVERIFY2(result.error.starts_with("1:"), result.error.c_str());
    QCOMPARE(result.sink.spans.size(), size_t(0));
}

void TestOtlpJson::byteOrderMark()
{
    // A UTF-8 byte order mark (Windows editors) is not JSON; the sniffer and the importer both
    // look past it. In JSON Lines it used to cost the first line, silently but for a warning.
    for (const char* name : {"attributes.json", "collector.jsonl"}) {
        const QByteArray plain = readFile(fixture(QString::fromLatin1(name)));
        const Imported expected = importData(plain);
        const Imported result = importData("\xEF\xBB\xBF" + plain);
        QVERIFY2(!result.failed, result.error.c_str());
        QCOMPARE(result.info.variant, expected.info.variant);
        QCOMPARE(spanTexts(result.sink), spanTexts(expected.sink));
        QCOMPARE(result.sink.warnings, expected.sink.warnings);
        QVERIFY(!result.sink.spans.empty());
    }
    // Errors still point at the right line and column.
    const Imported broken = importData("\xEF\xBB\xBF{\"resourceSpans\":{}}");
    QVERIFY(broken.failed);
    QCOMPARE(broken.error, std::string("1:18: expected '['"));
}

void TestOtlpJson::jaegerJsonLinesRecover()
{
    const QByteArray line1 =
        R"({"data":[{"traceID":"00000000000000a1","spans":[{"traceID":"00000000000000a1","spanID":"0000000000000001","operationName":"one","startTime":1,"duration":2,"processID":"p1"}],"processes":{"p1":{"serviceName":"svc1"}}}]})";
    const QByteArray line3 =
        R"({"data":[{"traceID":"00000000000000a3","spans":[{"traceID":"00000000000000a3","spanID":"0000000000000003","operationName":"three","startTime":1,"duration":2,"processID":"p1"}],"processes":{"p1":{"serviceName":"svc3"}}}]})";
    const QByteArray broken = line1.left(90);
    const Imported result = importData(line1 + "\n" + broken + "\n" + line3 + "\n");
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::JaegerJson);
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QCOMPARE(spanWithId(result, 1)->service, std::string("svc1"));
    QCOMPARE(spanWithId(result, 3)->service, std::string("svc3"));
    QCOMPARE(spanWithId(result, 3)->traceId, (TraceId{0, 0xa3}));
    QCOMPARE(result.sink.warnings.size(), size_t(1));
    QVERIFY2(result.sink.warnings[0].starts_with("2:") &&
                 result.sink.warnings[0].find("line skipped: ") != std::string::npos,
             result.sink.warnings[0].c_str());

    const Imported allBroken = importData(line1.left(60) + "\n" + broken + "\n");
    QVERIFY(allBroken.failed);
    QVERIFY2(isLocated(allBroken.error), allBroken.error.c_str());
}

void TestOtlpJson::zipkinJsonLinesRecover()
{
    const QByteArray line1 =
        R"([{"traceId":"00000000000000a1","id":"0000000000000001","name":"one","timestamp":1,"duration":2,"localEndpoint":{"serviceName":"z1"}}])";
    const QByteArray line3 =
        R"([{"traceId":"00000000000000a3","id":"0000000000000003","name":"three","timestamp":1,"duration":2,"localEndpoint":{"serviceName":"z3"}}])";
    const Imported result = importData(line1 + "\n" + line1.left(70) + "\n" + line3 + "\n");
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::ZipkinJson);
    QCOMPARE(result.sink.spans.size(), size_t(2));
    QCOMPARE(spanWithId(result, 1)->service, std::string("z1"));
    QCOMPARE(spanWithId(result, 3)->service, std::string("z3"));
    QCOMPARE(spanWithId(result, 3)->endNs - spanWithId(result, 3)->startNs, int64_t(2000));
    QCOMPARE(result.sink.warnings.size(), size_t(1));
    QVERIFY2(result.sink.warnings[0].starts_with("2:") &&
                 result.sink.warnings[0].find("line skipped: ") != std::string::npos,
             result.sink.warnings[0].c_str());

    const Imported allBroken = importData(line1.left(50) + "\n" + line1.left(70) + "\n");
    QVERIFY(allBroken.failed);
    QVERIFY2(isLocated(allBroken.error), allBroken.error.c_str());
}

void TestOtlpJson::compressed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("plain"); // the fixture the bytes hold
    QTest::addColumn<QString>("variant");

    const QByteArray json = readFile(fixture(QStringLiteral("attributes.json")));
    const QByteArray lines = readFile(fixture(QStringLiteral("collector.jsonl")));
    QList<QByteArray> messages = lines.split('\n');
    messages.removeAll(QByteArray());
    QVERIFY(messages.size() == 3);

    QTest::newRow("gzip") << gzipped(json) << QStringLiteral("attributes.json") << QStringLiteral("gzip");
    QTest::newRow("zstd") << zstdCompressed(json) << QStringLiteral("attributes.json")
                          << QStringLiteral("zstd");
    QTest::newRow("gzip JSON Lines") << gzipped(lines) << QStringLiteral("collector.jsonl")
                                     << QStringLiteral("JSON Lines, gzip");
    // Concatenated gzip members (what `cat a.gz b.gz` gives) are one stream.
    QTest::newRow("gzip members") << gzipped(messages[0] + "\n") +
                                         gzipped(messages[1] + "\n" + messages[2] + "\n")
                                  << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, gzip");
    // The Collector's native compression: one zstd stream of JSON Lines.
    QTest::newRow("zstd JSON Lines") << zstdCompressed(lines) << QStringLiteral("collector.jsonl")
                                     << QStringLiteral("JSON Lines, zstd");
    QTest::newRow("zstd frames") << zstdCompressed(messages[0] + "\n") +
                                        zstdCompressed(messages[1] + "\n" + messages[2] + "\n")
                                 << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, zstd");
    // The Collector's legacy `compression: zstd`: each message zstd-compressed on its own, behind
    // a 4-byte big-endian length; the JSON messages become lines.
    QTest::newRow("length-framed zstd messages")
        << framed(zstdCompressed(messages[0])) + framed(zstdCompressed(messages[1])) +
               framed(zstdCompressed(messages[2]))
        << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, length-framed");
    QTest::newRow("length-framed JSON messages")
        << framed(messages[0]) + framed(messages[1]) + framed(messages[2])
        << QStringLiteral("collector.jsonl") << QStringLiteral("JSON Lines, length-framed");
}

void TestOtlpJson::compressed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, plain);
    QFETCH(QString, variant);
    const Imported expected = importFile(fixture(plain));
    QVERIFY2(!expected.failed, expected.error.c_str());
    const Imported result = importData(bytes);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(QString::fromStdString(result.info.variant), variant);
    QCOMPARE(spanTexts(result.sink), spanTexts(expected.sink));
    QCOMPARE(result.sink.resources, expected.sink.resources);
    QCOMPARE(result.sink.warnings, expected.sink.warnings);
    QVERIFY(!result.sink.spans.empty());
}

void TestOtlpJson::compressionIsFoundByContentNotName()
{
    // Magic bytes decide, never the name: a gzip file called .json, zstd called .txt, and plain
    // JSON called .gz / .zst all import.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QByteArray json = readFile(fixture(QStringLiteral("attributes.json")));
    const Imported expected = importData(json);
    const std::pair<const char*, QByteArray> files[] = {
        {"trace.json", gzipped(json)}, {"trace.txt", zstdCompressed(json)}, {"trace.json.gz", json},
        {"trace.zst", json},           {"trace.pb", gzipped(json)},
    };
    for (const auto& [name, bytes] : files) {
        const QString path = directory.filePath(QString::fromLatin1(name));
        writeFile(path, bytes);
        const Imported result = importFile(path);
        QVERIFY2(!result.failed, (std::string(name) + ": " + result.error).c_str());
        QCOMPARE(result.info.format, TraceFormat::OtlpJson);
        QCOMPARE(spanTexts(result.sink), spanTexts(expected.sink));
    }
}

void TestOtlpJson::realFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("spans");
    QTest::addColumn<int>("traces");
    QTest::addColumn<int>("roots");
    QTest::addColumn<int>("errors"); // status code 2
    QTest::addColumn<QString>("variant");
    // Counted independently (python3: json.loads per document, ids decoded and compared), and as
    // the folder's README says.
    QTest::newRow("eoepca") << QStringLiteral("otlp-json/eoepca_ex2.json") << 9 << 1 << 1 << 2 << QString();
    QTest::newRow("genai") << QStringLiteral("otlp-json/jaeger-ui_genai_agent-trace.json") << 8 << 1 << 1 << 0
                           << QString();
    QTest::newRow("jaeger memory") << QStringLiteral("otlp-json/jaeger_memory_otel_traces_01.json") << 4 << 2
                                   << 0 << 4 << QString();
    QTest::newRow("proto example") << QStringLiteral("otlp-json/otel-proto_examples_trace.json") << 1 << 1
                                   << 0 << 0 << QString();
    QTest::newRow("otlp2parquet") << QStringLiteral("otlp-json/otlp2parquet_traces.jsonl") << 19 << 19 << 6
                                  << 0 << QStringLiteral("JSON Lines");
    QTest::newRow("tempo batches") << QStringLiteral("other/tempo_tempopb_trace_batches.json") << 1 << 1 << 0
                                   << 0 << QString();
}

void TestOtlpJson::realFiles()
{
    QFETCH(QString, path);
    QFETCH(int, spans);
    QFETCH(int, traces);
    QFETCH(int, roots);
    QFETCH(int, errors);
    QFETCH(QString, variant);
    const QString file = realDataPath(path);
    if (file.isEmpty())
        QSKIP("../shared/testdata/real is absent");
    const Imported result = importFile(file);
    QVERIFY2(!result.failed, result.error.c_str());
    QCOMPARE(result.info.format, TraceFormat::OtlpJson);
    QCOMPARE(QString::fromStdString(result.info.variant), variant);
    QCOMPARE(result.sink.spans.size(), size_t(spans));
    QCOMPARE(result.info.spans, uint64_t(spans));
    QCOMPARE(distinctTraces(result.sink), size_t(traces));
    int rootCount = 0;
    for (const auto& span : result.sink.spans)
        rootCount += span.parentSpanId == 0;
    QCOMPARE(rootCount, roots);
    int errorCount = 0;
    for (const auto& span : result.sink.spans)
        errorCount += span.status == StatusCode::Error && (span.flags & SpanFlag::Error);
    QCOMPARE(errorCount, errors);
    QVERIFY(result.sink.warnings.empty());
}

void TestOtlpJson::realFileValues()
{
    if (realDataPath(QStringLiteral("otlp-json")).isEmpty())
        QSKIP("../shared/testdata/real is absent");

    // Tempo's "batches", upper-case hex ids.
    const Imported tempo = importFile(realDataPath(QStringLiteral("other/tempo_tempopb_trace_batches.json")));
    QVERIFY2(!tempo.failed, tempo.error.c_str());
    const auto* server = spanWithId(tempo, 0xeee19b7ec3c1b174);
    QVERIFY(server);
    QCOMPARE(server->traceId, traceId("5b8efff798038103d269b633813fc60c"));
    QCOMPARE(server->parentSpanId, uint64_t(0xeee19b7ec3c1b173));
    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->service, std::string("my.service"));
    QCOMPARE(server->startNs, int64_t(1544712660000000000));
    QCOMPARE(server->endNs, int64_t(1544712661000000000));
    QCOMPARE(attribute(*server, "my.span.attr").text, std::string_view("some value"));
    QCOMPARE(tempo.sink.scopes,
             std::vector<std::string>{"my.library 1.0.0 | my.scope.attribute=some scope attribute (string)"});

    // Python json_format: base64 ids, enum names, one line per trace.
    const Imported lines = importFile(realDataPath(QStringLiteral("otlp-json/otlp2parquet_traces.jsonl")));
    QVERIFY2(!lines.failed, lines.error.c_str());
    const auto& first = lines.sink.spans.at(0);
    QCOMPARE(first.traceId, traceId("69842a979911036cf3e822086ecaa007")); // "aYQql5kRA2zz6CIIbsqgBw=="
    QCOMPARE(first.spanId, uint64_t(0x5a69fc178ba8f837));                 // "Wmn8F4uo+Dc="
    QCOMPARE(first.kind, SpanKind::Internal);                             // "SPAN_KIND_INTERNAL"
    QCOMPARE(first.service, std::string("product-catalog"));
    QCOMPARE(first.startNs, int64_t(1760738064624180000));
    QCOMPARE(first.endNs, int64_t(1760738064991180000));

    // Two interleaved traces, kinds 2-5, status 2, links and typed attributes.
    const Imported memory =
        importFile(realDataPath(QStringLiteral("otlp-json/jaeger_memory_otel_traces_01.json")));
    QVERIFY2(!memory.failed, memory.error.c_str());
    const auto* two = spanWithId(memory, 2);
    QVERIFY(two);
    QCOMPARE(two->traceId, (TraceId{1, 0}));
    QCOMPARE(two->parentSpanId, uint64_t(3));
    QCOMPARE(two->kind, SpanKind::Server);
    QCOMPARE(two->status, StatusCode::Error);
    QCOMPARE(two->links, size_t(2));
    QCOMPARE(two->events, size_t(2));
    QCOMPARE(two->service, std::string("service-x"));
    QCOMPARE(attribute(*two, "peer.ipv4").type, ValueType::Int);
    QCOMPARE(attribute(*two, "peer.ipv4").intValue, int64_t(23456));
    QCOMPARE(attribute(*two, "blob").type, ValueType::Bytes);
    QCOMPARE(attribute(*two, "blob").text, std::string_view("\x00\x00\x30\x39", 4));
    QCOMPARE(attribute(*two, "temperature").doubleValue, 72.5);
    QCOMPARE(spanWithId(memory, 5)->kind, SpanKind::Consumer);
    QCOMPARE(spanWithId(memory, 5)->traceId, (TraceId{2, 0}));
}

void TestOtlpJson::truncatedAtEveryOffset_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name : {"attributes.json", "several_traces.json", "ids.json", "collector.jsonl"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestOtlpJson::truncatedAtEveryOffset()
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

void TestOtlpJson::syntaxErrorHasExactLocation()
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

void TestOtlpJson::deepNesting()
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

void TestOtlpJson::hugeStrings()
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

void TestOtlpJson::hugeNamesAreCut()
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

void TestOtlpJson::invalidUtf8()
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

void TestOtlpJson::badEscapes()
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

void TestOtlpJson::wrongTypes()
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

void TestOtlpJson::nullIsTheDefault_data()
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

void TestOtlpJson::nullIsTheDefault()
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

void TestOtlpJson::emptyAndTrivial()
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

QTEST_GUILESS_MAIN(TestOtlpJson)
#include "tst_otlp_json.moc"
