// SPDX-License-Identifier: MIT
#include "FormatSniffer.h"

#include "ImportFailure.h"
#include "io/ByteSource.h"
#include "model/ImportLimits.h"

#include "json/JsonScanner.h"
#include <set>

namespace spanscope {

namespace {

using Keys = std::set<std::string, std::less<>>;

bool has(const Keys& keys, std::string_view key)
{
    return keys.find(key) != keys.end();
}

// The keys of the object at the scanner's position; stops quietly where the head is cut off.
Keys objectKeys(JsonScanner& scanner, Keys* firstDataElementKeys = nullptr, Keys* firstSpanKeys = nullptr)
{
    Keys keys;
    try {
        scanner.enterObject();
        std::string_view key;
        while (scanner.nextKey(key)) {
            std::string name(key);
            keys.insert(name);
            const bool wantData = name == "data" && firstDataElementKeys;
            const bool wantSpans = name == "spans" && firstSpanKeys;
            if ((wantData || wantSpans) && scanner.peek() == JsonKind::Array) {
                scanner.enterArray();
                if (scanner.nextElement() && scanner.peek() == JsonKind::Object)
                    *(wantData ? firstDataElementKeys : firstSpanKeys) = objectKeys(scanner);
                else
                    return keys;
                return keys; // enough seen
            }
            if ((name == "trace" || name == "result") && scanner.peek() == JsonKind::Object) {
                const Keys inner = objectKeys(scanner);
                if (has(inner, "resourceSpans") || has(inner, "resource_spans"))
                    keys.insert("resourceSpans");
                continue;
            }
            scanner.skipValue();
        }
    } catch (const ImportFailure&) {
        // The head ends inside this object (or it is malformed); decide from what was seen.
    }
    return keys;
}

// The UI/API download: {"data": [trace...]}.
bool isJaegerDownload(const Keys& keys, const Keys& dataKeys)
{
    return has(keys, "data") && (dataKeys.empty() || has(dataKeys, "spans") || has(dataKeys, "traceID"));
}

// A bare trace, api_v2 protobuf-JSON (whose spans may omit an empty operationName), or a single
// api_v2 span (Zipkin spans have "id", never "spanId").
bool isJaegerTraceOrSpan(const Keys& keys, const Keys& spanKeys)
{
    return has(keys, "traceID") ||
           (has(keys, "spans") &&
            (has(spanKeys, "operationName") || has(spanKeys, "spanID") || has(spanKeys, "spanId") ||
             has(keys, "processes") || has(keys, "processMap"))) ||
           (has(keys, "traceId") && has(keys, "spanId"));
}

SniffResult fromObjectKeys(const Keys& keys, const Keys& dataKeys, const Keys& spanKeys)
{
    SniffResult result;
    if (has(keys, "resourceSpans") || has(keys, "resource_spans") || has(keys, "batches")) {
        result.format = TraceFormat::OtlpJson;
    } else if (has(keys, "resourceLogs") || has(keys, "resource_logs")) {
        result.problem = "an OTLP logs file, not traces";
    } else if (has(keys, "resourceMetrics") || has(keys, "resource_metrics")) {
        result.problem = "an OTLP metrics file, not traces";
    } else if (has(keys, "resourceProfiles")) {
        result.problem = "an OTLP profiles file, not traces";
    } else if (isJaegerDownload(keys, dataKeys) || isJaegerTraceOrSpan(keys, spanKeys)) {
        result.format = TraceFormat::JaegerJson;
    } else if (has(keys, "traceId") && has(keys, "id")) {
        result.format = TraceFormat::ZipkinJson;
    } else {
        result.problem =
            "a JSON object that is not a known trace format (no resourceSpans, data, spans or traceId)";
    }
    return result;
}

SniffResult fromArray(JsonScanner& scanner)
{
    SniffResult result;
    try {
        scanner.enterArray();
        if (!scanner.nextElement()) {
            result.format = TraceFormat::ZipkinJson; // "[]": an empty trace list, accepted
            return result;
        }
        const JsonKind kind = scanner.peek();
        if (kind == JsonKind::Array) {
            result.format = TraceFormat::ZipkinJson; // Zipkin's trace list: [[span...], ...]
            return result;
        }
        if (kind != JsonKind::Object) {
            result.problem = "a JSON array whose elements are not spans";
            return result;
        }
        const Keys keys = objectKeys(scanner);
        if (has(keys, "traceID") || has(keys, "spanID") || has(keys, "operationName") || has(keys, "spanId"))
            result.format = TraceFormat::JaegerJson;
        else if (has(keys, "traceId") && (has(keys, "id") || has(keys, "name")))
            result.format = TraceFormat::ZipkinJson;
        else if (has(keys, "resourceSpans"))
            result.format = TraceFormat::OtlpJson;
        else if (has(keys, "trace_id"))
            result.problem = "Zipkin Thrift dumped as JSON (numeric ids), which is not supported";
        else
            result.problem = "a JSON array whose elements are not spans of a known format";
    } catch (const ImportFailure&) {
        result.problem = "the file starts like JSON but is malformed";
    }
    return result;
}

// The first line holds one complete JSON value (JSON Lines), as opposed to a pretty-printed
// document that spans many lines.
bool firstLineIsCompleteValue(std::string_view head)
{
    const size_t newline = head.find('\n');
    if (newline == std::string_view::npos)
        return true; // one line: both readings agree
    ImportLimits limits;
    auto source = memorySource(std::string(head.substr(0, newline)));
    JsonScanner scanner(*source, limits);
    scanner.setLineMode(true);
    try {
        if (!scanner.nextDocument())
            return false;
        scanner.skipValue();
        scanner.endDocument();
        return true;
    } catch (const ImportFailure&) {
        return false;
    }
}

bool looksLikeProtobuf(std::string_view head)
{
    // TracesData: field 1 (resource_spans), length-delimited, whose ResourceSpans starts with
    // resource (0x0A), scope_spans (0x12) or schema_url (0x1A).
    if (head.size() < 3 || uint8_t(head[0]) != 0x0A)
        return false;
    size_t pos = 1;
    uint64_t length = 0;
    for (int shift = 0; pos < head.size() && shift < 35; shift += 7) {
        const auto byte = uint8_t(head[pos++]);
        length |= uint64_t(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            break;
    }
    if (pos >= head.size())
        return length == 0;
    const auto inner = uint8_t(head[pos]);
    return length > 0 && (inner == 0x0A || inner == 0x12 || inner == 0x1A);
}

} // namespace

const char* formatId(TraceFormat format)
{
    switch (format) {
    case TraceFormat::OtlpJson:
        return "otlp-json";
    case TraceFormat::OtlpProtobuf:
        return "otlp-proto";
    case TraceFormat::JaegerJson:
        return "jaeger-json";
    case TraceFormat::ZipkinJson:
        return "zipkin-json";
    case TraceFormat::Unknown:
        break;
    }
    return "unknown";
}

SniffResult sniffFormat(std::string_view head, bool complete)
{
    SniffResult result;
    if (head.empty()) {
        result.problem = "the file is empty";
        return result;
    }
    std::string_view text = head;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        result.problem =
            complete ? "the file holds only whitespace" : "no JSON content in the first megabyte";
        return result;
    }

    if (text[first] == '{' || text[first] == '[') {
        ImportLimits limits;
        auto source = memorySource(std::string(text));
        JsonScanner scanner(*source, limits);
        scanner.nextDocument();
        if (text[first] == '{') {
            Keys dataKeys;
            Keys spanKeys;
            const Keys keys = objectKeys(scanner, &dataKeys, &spanKeys);
            if (!keys.empty()) {
                result = fromObjectKeys(keys, dataKeys, spanKeys);
                // Any JSON format may come one document per line (a Jaeger trace per line, say).
                if (result.format != TraceFormat::Unknown)
                    result.jsonLines = firstLineIsCompleteValue(text.substr(first));
                return result;
            }
        } else {
            result = fromArray(scanner);
            if (result.format != TraceFormat::Unknown)
                result.jsonLines = firstLineIsCompleteValue(text.substr(first));
            if (result.format != TraceFormat::Unknown || !looksLikeProtobuf(head))
                return result;
        }
    }
    if (looksLikeProtobuf(head)) {
        result = SniffResult{};
        result.format = TraceFormat::OtlpProtobuf;
        return result;
    }
    result.problem = text[first] == '{' ? "the file starts like JSON but is malformed"
                                        : "not a trace file (neither JSON nor OTLP protobuf)";
    return result;
}

} // namespace spanscope
