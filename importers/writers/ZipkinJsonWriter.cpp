// SPDX-License-Identifier: MIT
// Zipkin v2 JSON (the /api/v2/spans body): one array of spans, string tags, annotations for
// events, the service and the resource's IP address and port as localEndpoint (docs/FORMATS.md,
// "Conversion"). Written span by span.
#include "TraceWriter.h"
#include "WriterSupport.h"

#include <algorithm>
#include <arpa/inet.h>

namespace spanscope {

namespace {

using writers::Json;

const char* kindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Server:
        return "SERVER";
    case SpanKind::Client:
        return "CLIENT";
    case SpanKind::Producer:
        return "PRODUCER";
    case SpanKind::Consumer:
        return "CONSUMER";
    default:
        return nullptr; // Zipkin: no kind = a local span
    }
}

// The host's address among the resource attributes: OTel's host.ip (a string or an array of
// them), the older net.host.ip, or Jaeger clients' process tag "ip".
void putAddress(Json& endpoint, std::string_view resourceAttributes)
{
    for (const char* key : {"host.ip", "net.host.ip", "ip"}) {
        ValueView value;
        if (!findAttribute(resourceAttributes, key, value))
            continue;
        if (value.type == ValueType::Array) {
            auto reader = AttributeReader::elements(value);
            std::string_view ignored;
            if (!reader.next(ignored, value))
                continue;
        }
        if (value.type != ValueType::String)
            continue;
        const std::string address(value.text);
        unsigned char parsed[16];
        if (inet_pton(AF_INET, address.c_str(), parsed) == 1) {
            endpoint["ipv4"] = address;
            return;
        }
        if (inet_pton(AF_INET6, address.c_str(), parsed) == 1) {
            endpoint["ipv6"] = address;
            return;
        }
    }
}

Json spanJson(const SpanDetails& span)
{
    Json json = Json::object();
    json["traceId"] = writers::shortTraceIdHex(span.traceId);
    json["id"] = toHex64(span.spanId);
    if (span.parentSpanId != 0)
        json["parentId"] = toHex64(span.parentSpanId);
    if (const char* kind = kindName(span.kind))
        json["kind"] = kind;
    json["name"] = span.name;
    // zipkin2.Span: a timestamp or duration of 0 is absent, and a duration under a microsecond is
    // rounded up to 1. So a start at or before the epoch cannot be written (it would read back as
    // missing), a negative duration is left out, and a shorter one is 1 µs (docs/DECISIONS.md).
    const int64_t timestamp = writers::toMicros(span.startNs);
    if (writers::hasStart(span) && timestamp > 0) {
        json["timestamp"] = timestamp;
        if (writers::hasEnd(span) && span.endNs >= span.startNs)
            json["duration"] = std::max<int64_t>(1, writers::durationMicros(span));
    }
    Json endpoint = Json::object();
    if (!span.service.empty())
        endpoint["serviceName"] = span.service;
    putAddress(endpoint, span.resourceAttributes);
    // The port the Zipkin importer reads into net.host.port.
    if (ValueView port; findAttribute(span.resourceAttributes, "net.host.port", port) &&
                        port.type == ValueType::Int && port.intValue > 0 && port.intValue <= 65535)
        endpoint["port"] = port.intValue;
    if (!endpoint.empty())
        json["localEndpoint"] = std::move(endpoint);
    Json annotations = Json::array();
    for (const SpanEvent& event : span.events) {
        // Zipkin refuses a span with an annotation at timestamp 0 ("Incomplete annotation"); an
        // event at or before the epoch (a Jaeger log without a timestamp) cannot be written.
        const int64_t timestamp = writers::toMicros(event.timeNs);
        if (timestamp > 0)
            annotations.push_back(Json{{"timestamp", timestamp}, {"value", event.name}});
    }
    if (!annotations.empty())
        json["annotations"] = std::move(annotations);
    // Tags are strings: scalars in their text form, arrays and maps as JSON, bytes as base64.
    Json tags = Json::object();
    for (const auto& attribute : writers::attributes(span.attributes)) {
        const std::string key(attribute.key);
        // Zipkin reads any `error` tag as an error, with its value as the message: it is written
        // below for spans in error only. An `error` attribute (Jaeger's boolean marker, or a
        // falsy "0" that Jaeger does not count) would say otherwise.
        if (key == "error")
            continue;
        if (!tags.contains(key))
            tags[key] = valueToDisplayText(attribute.value);
    }
    const auto add = [&](const char* key, const std::string& value) {
        if (!tags.contains(key))
            tags[key] = value;
    };
    if (!span.scopeName.empty())
        add("otel.scope.name", span.scopeName);
    if (!span.scopeVersion.empty())
        add("otel.scope.version", span.scopeVersion);
    if (span.status != StatusCode::Unset)
        add("otel.status_code", statusCodeName(span.status));
    // Zipkin's error marker is the tag's presence; its value is the message.
    if (span.flags & SpanFlag::Error)
        add("error", span.statusMessage);
    else if (!span.statusMessage.empty())
        add("otel.status_description", span.statusMessage);
    if (!span.traceState.empty())
        add("w3c.tracestate", span.traceState);
    if (!tags.empty())
        json["tags"] = std::move(tags);
    if (span.flags & SpanFlag::Shared)
        json["shared"] = true;
    return json;
}

class ZipkinJsonWriter final : public TraceWriter
{
public:
    explicit ZipkinJsonWriter(std::ostream& out) : m_out(out) { m_out << '['; }

    void writeTrace(std::span<const SpanDetails> spans) override
    {
        for (const SpanDetails& span : spans) {
            m_out << (m_first ? "\n" : ",\n");
            m_first = false;
            writers::writeJson(m_out, spanJson(span));
        }
    }

    void finish() override { m_out << "\n]\n"; }

private:
    std::ostream& m_out;
    bool m_first = true;
};

} // namespace

std::unique_ptr<TraceWriter> makeZipkinJsonWriter(std::ostream& out)
{
    return std::make_unique<ZipkinJsonWriter>(out);
}

} // namespace spanscope
