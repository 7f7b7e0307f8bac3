// SPDX-License-Identifier: MIT
// Jaeger JSON as the query API and the UI's "download JSON" give it ({"data":[trace...]}), with
// the tags the Collector's OTLP→Jaeger translation adds: span.kind, otel.status_code, error,
// otel.status_description, otel.scope.*, w3c.tracestate (docs/FORMATS.md, "Conversion").
#include "TraceWriter.h"
#include "WriterSupport.h"

#include <cmath>
#include <unordered_map>

namespace spanscope {

namespace {

using writers::Json;

constexpr int64_t kMaxSafeJsonInteger = (int64_t(1) << 53) - 1;

Json tag(std::string_view key, const char* type, Json value)
{
    Json json = Json::object();
    json["key"] = std::string(key);
    json["type"] = type;
    json["value"] = std::move(value);
    return json;
}

// Jaeger has five tag types; arrays and maps become JSON text, as the Collector writes them.
Json typedTag(std::string_view key, const ValueView& value)
{
    switch (value.type) {
    case ValueType::Bool:
        return tag(key, "bool", value.boolValue);
    case ValueType::Int:
        // Beyond 2^53 a JSON number loses digits in JavaScript: Jaeger writes a string.
        if (value.intValue > kMaxSafeJsonInteger || value.intValue < -kMaxSafeJsonInteger)
            return tag(key, "int64", std::to_string(value.intValue));
        return tag(key, "int64", value.intValue);
    case ValueType::Double:
        if (std::isfinite(value.doubleValue))
            return tag(key, "float64", value.doubleValue);
        return tag(key, "float64", scalarText(value));
    case ValueType::Bytes:
        return tag(key, "binary", base64Encode(value.text));
    case ValueType::String:
        return tag(key, "string", std::string(value.text));
    default:
        return tag(key, "string", valueToDisplayText(value));
    }
}

Json tagList(std::string_view blob, std::string_view skipKey = {})
{
    Json list = Json::array();
    for (const auto& attribute : writers::attributes(blob)) {
        if (!skipKey.empty() && attribute.key == skipKey)
            continue;
        list.push_back(typedTag(attribute.key, attribute.value));
    }
    return list;
}

const char* kindTag(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Internal:
        return "internal";
    case SpanKind::Server:
        return "server";
    case SpanKind::Client:
        return "client";
    case SpanKind::Producer:
        return "producer";
    case SpanKind::Consumer:
        return "consumer";
    case SpanKind::Unspecified:
        break;
    }
    return nullptr;
}

Json spanTags(const SpanDetails& span)
{
    Json tags = tagList(span.attributes);
    // Added after the span's own attributes, unless the span already has a tag of that name (a
    // span read from Jaeger keeps its "error" and "span.kind" tags as attributes).
    const auto add = [&](std::string_view key, const char* type, Json value) {
        if (!writers::hasAttribute(span.attributes, key))
            tags.push_back(tag(key, type, std::move(value)));
    };
    if (!span.scopeName.empty())
        add("otel.scope.name", "string", span.scopeName);
    if (!span.scopeVersion.empty())
        add("otel.scope.version", "string", span.scopeVersion);
    if (const char* kind = kindTag(span.kind))
        add("span.kind", "string", kind);
    if (span.status != StatusCode::Unset)
        add("otel.status_code", "string", statusCodeName(span.status));
    if (span.flags & SpanFlag::Error)
        add("error", "bool", true);
    if (!span.statusMessage.empty())
        add("otel.status_description", "string", span.statusMessage);
    if (!span.traceState.empty())
        add("w3c.tracestate", "string", span.traceState);
    return tags;
}

Json reference(const char* type, const TraceId& traceId, uint64_t spanId)
{
    return Json{
        {"refType", type}, {"traceID", writers::shortTraceIdHex(traceId)}, {"spanID", toHex64(spanId)}};
}

Json spanJson(const SpanDetails& span, const std::string& processId)
{
    Json json = Json::object();
    json["traceID"] = writers::shortTraceIdHex(span.traceId);
    json["spanID"] = toHex64(span.spanId);
    json["flags"] = span.w3cFlags & 0xFF;
    json["operationName"] = span.name;
    Json references = Json::array();
    // The parent first: Jaeger takes the first CHILD_OF within the trace as the parent.
    if (span.parentSpanId != 0)
        references.push_back(reference("CHILD_OF", span.traceId, span.parentSpanId));
    for (const SpanLink& link : span.links) {
        const LinkType type = writers::effectiveLinkType(link);
        references.push_back(
            reference(type == LinkType::ChildOf ? "CHILD_OF" : "FOLLOWS_FROM", link.traceId, link.spanId));
    }
    json["references"] = std::move(references);
    // A missing start or end is left out (the importer reads it back as missing); a start of 0
    // is the epoch and written as such.
    if (writers::hasStart(span)) {
        json["startTime"] = writers::toMicros(span.startNs);
        if (writers::hasEnd(span))
            json["duration"] = writers::durationMicros(span);
    }
    json["tags"] = spanTags(span);
    Json logs = Json::array();
    for (const SpanEvent& event : span.events) {
        Json fields = Json::array();
        // The event's name goes in the conventional "event" field, as OTLP→Jaeger does.
        fields.push_back(tag("event", "string", event.name));
        for (Json& field : tagList(event.attributes, "event"))
            fields.push_back(std::move(field));
        logs.push_back(Json{{"timestamp", writers::toMicros(event.timeNs)}, {"fields", std::move(fields)}});
    }
    json["logs"] = std::move(logs);
    json["processID"] = processId;
    json["warnings"] = nullptr;
    return json;
}

class JaegerJsonWriter final : public TraceWriter
{
public:
    explicit JaegerJsonWriter(std::ostream& out) : m_out(out) { m_out << "{\"data\":["; }

    void writeTrace(std::span<const SpanDetails> spans) override
    {
        if (spans.empty())
            return;
        // One process per distinct resource of the trace: p1, p2, ... in order of first use.
        std::unordered_map<std::string, std::string> processIds;
        Json processes = Json::object();
        Json spanList = Json::array();
        for (const SpanDetails& span : spans) {
            const auto [it, added] = processIds.try_emplace(writers::resourceKey(span),
                                                            "p" + std::to_string(processIds.size() + 1));
            if (added) {
                processes[it->second] = Json{{"serviceName", span.service},
                                             {"tags", tagList(span.resourceAttributes, "service.name")}};
            }
            spanList.push_back(spanJson(span, it->second));
        }
        Json trace = Json::object();
        trace["traceID"] = writers::shortTraceIdHex(spans.front().traceId);
        trace["spans"] = std::move(spanList);
        trace["processes"] = std::move(processes);
        trace["warnings"] = nullptr;
        m_out << (m_first ? "\n" : ",\n");
        m_first = false;
        writers::writeJson(m_out, trace);
    }

    void finish() override { m_out << "\n],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}\n"; }

private:
    std::ostream& m_out;
    bool m_first = true;
};

} // namespace

std::unique_ptr<TraceWriter> makeJaegerJsonWriter(std::ostream& out)
{
    return std::make_unique<JaegerJsonWriter>(out);
}

} // namespace spanscope
