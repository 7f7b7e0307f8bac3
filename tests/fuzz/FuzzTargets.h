// SPDX-License-Identifier: MIT
#pragma once

// The fuzz targets' entry points, one function per parser of outside input. Header-only so that the
// libFuzzer binaries (tests/fuzz/fuzz_<name>.cpp, clang) and the regression test that replays
// tests/data/fuzz-regressions/<name>/* (tests/importers/tst_fuzz_regressions.cpp, the normal build)
// run exactly the same code on the same bytes.
//
// Contract of every entry point: it returns normally when the input was read or cleanly refused
// (ImportFailure, SpanLimitReached, ImportCancelled where injected). Anything else escaping, a
// sanitizer report, a hang or unbounded memory is a bug. InvariantViolation reports output that is
// well-formed for the sanitizers but wrong (FuzzHarness.h).

#include "FuzzHarness.h"
#include "importers/FormatSniffer.h"
#include "importers/ImportFailure.h"
#include "importers/ImportPipeline.h"
#include "importers/Importer.h"
#include "importers/common/IdCodec.h"
#include "importers/io/ByteSource.h"
#include "importers/io/FramedSource.h"
#include "importers/io/PeekableSource.h"
#include "importers/json/JsonScanner.h"
#include "model/AttributeCodec.h"
#include "model/ImportLimits.h"
#include "model/TracePack.h"
#include "model/Utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope::fuzz {

// One importer driven directly over the bytes, as the pipeline would after sniffing.
inline void runImporter(std::unique_ptr<Importer> importer, std::string_view bytes, bool jsonLines)
{
    const ImportLimits limits = tightLimits();
    const auto source = trickleSource(bytes);
    CheckingSink sink(limits);
    ImportContext context{*source, sink, limits, {}, jsonLines, {}, 0, 0, {}};
    try {
        importer->run(context);
    } catch (const ImportFailure&) {
    } catch (const SpanLimitReached&) {
    }
    context.reportSyntheticIds();
    require(context.spansRead == sink.spans(), "ImportContext::spansRead differs from the spans delivered");
    require(context.warnings <= sink.warnings(), "ImportContext::warnings counts more than were delivered");
    consume(sink.checksum() + touch(context.variant));
}

inline void otlpJson(std::string_view bytes)
{
    runImporter(makeOtlpJsonImporter(), bytes, false);
}

inline void otlpJsonLines(std::string_view bytes)
{
    runImporter(makeOtlpJsonImporter(), bytes, true);
}

inline void otlpProto(std::string_view bytes)
{
    runImporter(makeOtlpProtobufImporter(), bytes, false);
}

// Jaeger and Zipkin files may also come one document per line (the sniffer decides): every input
// is read both ways.
inline void jaegerJson(std::string_view bytes)
{
    runImporter(makeJaegerJsonImporter(), bytes, false);
    runImporter(makeJaegerJsonImporter(), bytes, true);
}

inline void zipkinJson(std::string_view bytes)
{
    runImporter(makeZipkinJsonImporter(), bytes, false);
    runImporter(makeZipkinJsonImporter(), bytes, true);
}

// The whole import as the application runs it: decompression, framing, sniffing, the importer.
// One input in eight is cancelled part way (the progress callback throws, as when the user cancels),
// so the unwinding paths run under LeakSanitizer too.
inline void pipeline(std::string_view bytes)
{
    const ImportLimits limits = tightLimits();
    CheckingSink sink(limits);
    const uint64_t hash = touch(bytes);
    const bool cancel = hash % 8 == 0;
    uint64_t reads = 0;
    const uint64_t cancelAt = 1 + (hash >> 3) % 64;
    const auto onRead = [&] {
        if (cancel && ++reads == cancelAt)
            throw ImportCancelled();
    };
    try {
        const StreamInfo info = importStream(trickleSource(bytes), sink, limits, onRead);
        require(info.format != TraceFormat::Unknown, "importStream succeeded with an unknown format");
        require(info.spans == sink.spans(), "StreamInfo::spans differs from the spans delivered");
        consume(touch(info.variant));
    } catch (const ImportFailure& failure) {
        consume(touch(failure.what()) + touch(failure.location().toString()));
    } catch (const ImportCancelled&) {
        require(cancel, "ImportCancelled without a cancellation");
    }
    consume(sink.checksum());
}

// The format sniffer on the start of a file, complete or cut off, and the framing detector.
inline void sniffer(std::string_view bytes)
{
    for (const bool complete : {true, false}) {
        const SniffResult result = sniffFormat(bytes, complete);
        require(result.format != TraceFormat::Unknown || !result.problem.empty(),
                "the sniffer refused a file without saying why");
        require(!result.jsonLines ||
                    (result.format != TraceFormat::Unknown && result.format != TraceFormat::OtlpProtobuf),
                "JSON Lines reported for content that is not a JSON trace format");
        consume(touch(formatId(result.format)) + touch(result.problem));
    }
    consume(looksFramed(bytes));
}

// An attribute blob as read from a workspace file (which may be corrupt or foreign): every value's
// display text, lookups, and a round trip: what decodes re-encodes to the same values.
inline void attributes(std::string_view bytes)
{
    uint64_t checksum = 0;
    walkAttributes(AttributeReader(bytes), checksum);
    ValueView found;
    if (findAttribute(bytes, "service.name", found))
        checksum += touch(valueToDisplayText(found));

    // Re-encode the entries that decoded; the result must decode to the same entries.
    AttributeEncoder encoder;
    std::vector<std::pair<std::string_view, ValueView>> entries;
    AttributeReader reader(bytes);
    std::string_view key;
    ValueView value;
    while (reader.next(key, value)) {
        entries.emplace_back(key, value);
        switch (value.type) {
        case ValueType::Empty:
            encoder.addEmpty(key);
            break;
        case ValueType::String:
            encoder.addString(key, value.text);
            break;
        case ValueType::Bytes:
            encoder.addBytes(key, value.text);
            break;
        case ValueType::Bool:
            encoder.addBool(key, value.boolValue);
            break;
        case ValueType::Int:
            encoder.addInt(key, value.intValue);
            break;
        case ValueType::Double:
            encoder.addDouble(key, value.doubleValue);
            break;
        case ValueType::Array:
        case ValueType::KeyValueList:
            encoder.addEncoded(key, value.type, value.elementCount, value.nested);
            break;
        }
    }
    AttributeReader again(encoder.data());
    for (const auto& [expectedKey, expected] : entries) {
        require(again.next(key, value), "a re-encoded attribute blob ends early");
        require(key == expectedKey && value.type == expected.type, "a re-encoded attribute differs");
        const bool same = value.text == expected.text && value.boolValue == expected.boolValue &&
                          value.intValue == expected.intValue && value.nested == expected.nested &&
                          value.elementCount == expected.elementCount &&
                          std::memcmp(&value.doubleValue, &expected.doubleValue, sizeof(double)) == 0;
        require(same, "a re-encoded attribute value differs");
        require(valueToDisplayText(value) == valueToDisplayText(expected), "display text differs");
    }
    require(!again.next(key, value) && !again.failed(), "a re-encoded attribute blob has extra entries");
    consume(checksum);
}

// A trace pack blob as read from a workspace file. A pack that decodes must be usable as is (every
// array the same length, every index in range) and must be exactly what encode() writes for it.
inline void tracePack(std::string_view bytes)
{
    TraceData trace;
    const bool ok = TracePack::decode(bytes, trace);
    // The incremental reader (SQLite blob I/O) must agree with the in-memory one.
    TraceData viaReader;
    const bool okViaReader = TracePack::decode(
        [bytes](void* out, size_t size, size_t offset) {
            if (offset > bytes.size() || size > bytes.size() - offset)
                return false;
            std::memcpy(out, bytes.data() + offset, size);
            return true;
        },
        bytes.size(), viaReader);
    require(ok == okViaReader, "the two decode() overloads disagree");
    if (!ok)
        return;
    const size_t n = trace.size();
    require(trace.endNs.size() == n && trace.spanId.size() == n && trace.parentSpanId.size() == n &&
                trace.rowId.size() == n && trace.service.size() == n && trace.name.size() == n &&
                trace.resource.size() == n && trace.kind.size() == n && trace.status.size() == n &&
                trace.flags.size() == n,
            "a decoded pack's arrays differ in length");
    uint64_t checksum = 0;
    for (size_t i = 0; i < n; ++i) {
        require(trace.service[i] < trace.strings.size() && trace.name[i] < trace.strings.size(),
                "a decoded pack's string index is out of range");
        require(trace.resource[i] < trace.resources.size(),
                "a decoded pack's resource index is out of range");
        checksum += touch(trace.strings.at(trace.service[i])) + touch(trace.strings.at(trace.name[i]));
        checksum += touch(spanKindName(trace.kind[i])) + touch(statusCodeName(trace.status[i]));
    }
    for (const TraceResource& resource : trace.resources) {
        require(resource.service < trace.strings.size() && resource.host < trace.strings.size(),
                "a decoded pack's resource refers to a string out of range");
        checksum += touch(trace.strings.at(resource.service)) + touch(trace.strings.at(resource.host));
    }
    require(TracePack::encode(trace) == bytes, "a decoded pack does not encode back to the same bytes");
    consume(checksum + trace.byteSize());
}

namespace detail {

// Walks any JSON value with the scanner's whole API. Which call reads a value (descend, capture,
// skip) follows from a hash of where the walker is, so every combination is reached.
inline void walkJson(JsonScanner& scanner, uint64_t& state, int depth)
{
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const unsigned choice = unsigned(state >> 60);
    const JsonKind kind = scanner.peek();
    if (choice < 2 || depth > 40) {
        const std::string_view captured = scanner.captureValue();
        // captureValue() promises kPadding readable bytes after the value (simdjson reads them).
        consume(touch(std::string_view(captured.data(), captured.size() + JsonScanner::kPadding)));
        consume(touch(JsonScanner::locationWithin(captured, captured.size() / 2, scanner.captureLocation())
                          .toString()));
        return;
    }
    if (choice < 4) {
        scanner.skipValue();
        return;
    }
    switch (kind) {
    case JsonKind::Object: {
        scanner.enterObject();
        std::string_view key;
        while (scanner.nextKey(key)) {
            consume(touch(key));
            walkJson(scanner, state, depth + 1);
        }
        break;
    }
    case JsonKind::Array:
        scanner.enterArray();
        while (scanner.nextElement())
            walkJson(scanner, state, depth + 1);
        break;
    case JsonKind::String:
        consume(touch(scanner.readString()));
        break;
    default:
        consume(touch(scanner.readScalar()));
        break;
    }
}

inline void scanJson(std::string_view bytes, bool lineMode, size_t chunkSize)
{
    const ImportLimits limits = tightLimits();
    const auto source = trickleSource(bytes);
    JsonScanner scanner(*source, limits, chunkSize);
    scanner.setLineMode(lineMode);
    uint64_t state = bytes.size();
    uint64_t documents = 0;
    try {
        while (scanner.nextDocument()) {
            require(++documents <= bytes.size(), "more JSON documents than bytes");
            try {
                detail::walkJson(scanner, state, 0);
                scanner.endDocument();
            } catch (const ImportFailure& failure) {
                if (!lineMode)
                    throw;
                consume(touch(failure.what()));
                scanner.skipRestOfLine();
            }
        }
    } catch (const ImportFailure& failure) {
        consume(touch(failure.what()) + touch(failure.location().toString()));
    }
    consume(touch(scanner.location().toString()) + uint64_t(scanner.depth()));
}

} // namespace detail

// The streaming JSON tokenizer every JSON importer walks files with, in document and line mode, with
// the smallest buffer (so refills, compaction and growth happen constantly) and the default one.
inline void jsonScanner(std::string_view bytes)
{
    for (const bool lineMode : {false, true}) {
        detail::scanJson(bytes, lineMode, 64);
        detail::scanJson(bytes, lineMode, 4096);
    }
}

// Decompression (gzip, zstd, concatenated members) and the Collector's length framing, read to
// the end. The output must respect the decompression limits.
inline void decompress(std::string_view bytes)
{
    const ImportLimits limits = tightLimits();
    try {
        auto decompressed = decompressingSource(trickleSource(bytes), limits);
        const bool compressed = !decompressed->compression().empty();
        auto peekable = std::make_unique<PeekableSource>(std::move(decompressed));
        std::unique_ptr<ByteSource> stream;
        if (looksFramed(peekable->peek(1 << 16)))
            stream = framedSource(std::move(peekable), limits);
        else
            stream = std::move(peekable);
        // Output bound: the outer stream (at most maxDecompressedBytes, or the input) plus the zstd
        // frames of a framed stream (together at most maxDecompressedBytes) plus a newline per frame.
        const uint64_t bound =
            2 * (compressed ? limits.maxDecompressedBytes : bytes.size()) + limits.maxDecompressedBytes;
        uint64_t total = 0;
        std::vector<char> buffer(8192);
        for (size_t round = 0;; ++round) {
            const size_t want = 1 + (round * 7919 + bytes.size()) % buffer.size();
            const size_t n = stream->read(buffer.data(), want);
            require(n <= want, "a source returned more bytes than asked for");
            if (n == 0)
                break;
            total += n;
            require(total <= bound, "decompressed more than the limits allow");
            consume(touch(std::string_view(buffer.data(), n)));
        }
        consume(total + stream->fileBytesRead() + stream->fileSize());
    } catch (const ImportFailure& failure) {
        consume(touch(failure.what()));
    }
}

// Trace and span ids as JSON formats write them (hex, base64), and the base64 codec.
inline void ids(std::string_view bytes)
{
    const auto traceId = parseTraceIdText(bytes);
    const auto spanId = parseSpanIdText(bytes);
    if (traceId) {
        require(parseHex128(toHex128(*traceId)) == traceId, "trace id hex round trip");
        require(traceIdFromBytes(traceIdToBytes(*traceId)) == traceId, "trace id bytes round trip");
    }
    if (spanId) {
        require(parseHex64(toHex64(*spanId)) == spanId, "span id hex round trip");
        require(spanIdFromBytes(spanIdToBytes(*spanId)) == spanId, "span id bytes round trip");
    }
    if (const auto decoded = decodeBase64(bytes)) {
        require(decoded->size() <= bytes.size(), "base64 decodes to more bytes than its text");
        require(decodeBase64(base64Encode(*decoded)) == decoded, "base64 round trip");
    }
    require(decodeBase64(base64Encode(bytes)) == std::string(bytes), "base64 round trip of raw bytes");
    const std::string clean = sanitizedUtf8(bytes);
    require(isValidUtf8(clean), "sanitizedUtf8 left invalid UTF-8");
    require(isValidUtf8(utf8Prefix(clean, bytes.size() / 2)), "utf8Prefix split a sequence");
    consume(hashId64(bytes));
}

using EntryPoint = void (*)(std::string_view);

// Target name (the folder under tests/fuzz/corpus/ and tests/data/fuzz-regressions/) to entry point.
inline const std::map<std::string, EntryPoint, std::less<>>& entryPoints()
{
    static const std::map<std::string, EntryPoint, std::less<>> table = {
        {"pipeline", &pipeline},        {"otlp_json", &otlpJson},     {"otlp_jsonl", &otlpJsonLines},
        {"otlp_proto", &otlpProto},     {"jaeger_json", &jaegerJson}, {"zipkin_json", &zipkinJson},
        {"sniffer", &sniffer},          {"attributes", &attributes},  {"trace_pack", &tracePack},
        {"json_scanner", &jsonScanner}, {"decompress", &decompress},  {"ids", &ids},
    };
    return table;
}

} // namespace spanscope::fuzz

// Defines LLVMFuzzerTestOneInput for one entry point (in each fuzz_<name>.cpp).
#define SPANSCOPE_FUZZ_TARGET(entry)                                                                         \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)                                  \
    {                                                                                                        \
        entry(std::string_view(reinterpret_cast<const char*>(data), size));                                  \
        return 0;                                                                                            \
    }
