// SPDX-License-Identifier: MIT
// OTLP JSON as the Collector writes it: hex ids, integer enums, 64-bit integers as decimal
// strings, typed AnyValues, zero values left out (docs/FORMATS.md, "Conversion").
#include "TraceWriter.h"
#include "WriterSupport.h"

#include <cmath>

namespace spanscope {

namespace {

using writers::Json;

Json anyValue(const ValueView& value);

Json keyValue(std::string_view key, const ValueView& value)
{
    Json entry = Json::object();
    entry["key"] = std::string(key);
    entry["value"] = anyValue(value);
    return entry;
}

Json anyValue(const ValueView& value)
{
    switch (value.type) {
    case ValueType::String:
        return Json{{"stringValue", std::string(value.text)}};
    case ValueType::Bool:
        return Json{{"boolValue", value.boolValue}};
    case ValueType::Int:
        return Json{{"intValue", std::to_string(value.intValue)}};
    case ValueType::Double:
        if (std::isfinite(value.doubleValue))
            return Json{{"doubleValue", value.doubleValue}};
        return Json{{"doubleValue", scalarText(value)}}; // proto3 JSON: "NaN", "Infinity"
    case ValueType::Bytes:
        return Json{{"bytesValue", base64Encode(value.text)}};
    case ValueType::Array:
    case ValueType::KeyValueList: {
        const bool withKeys = value.type == ValueType::KeyValueList;
        Json values = Json::array();
        auto reader = AttributeReader::elements(value);
        std::string_view key;
        ValueView element;
        while (reader.next(key, element))
            values.push_back(withKeys ? keyValue(key, element) : anyValue(element));
        return Json{{withKeys ? "kvlistValue" : "arrayValue", Json{{"values", std::move(values)}}}};
    }
    case ValueType::Empty:
        break;
    }
    return Json::object();
}

Json keyValues(std::string_view blob)
{
    Json list = Json::array();
    for (const auto& attribute : writers::attributes(blob))
        list.push_back(keyValue(attribute.key, attribute.value));
    return list;
}

void putAttributes(Json& object, std::string_view blob, uint32_t dropped)
{
    if (!blob.empty())
        object["attributes"] = keyValues(blob);
    if (dropped > 0)
        object["droppedAttributesCount"] = dropped;
}

Json linkJson(const SpanLink& link)
{
    Json json = Json::object();
    json["traceId"] = toHex128(link.traceId);
    json["spanId"] = toHex64(link.spanId);
    if (!link.traceState.empty())
        json["traceState"] = link.traceState;
    Json attributes = keyValues(link.attributes);
    // A Jaeger reference type survives as the semantic-convention attribute.
    const char* refType = writers::refTypeAttributeValue(link.type);
    if (refType && !writers::hasAttribute(link.attributes, "opentracing.ref_type"))
        attributes.push_back(Json{{"key", "opentracing.ref_type"}, {"value", {{"stringValue", refType}}}});
    if (!attributes.empty())
        json["attributes"] = std::move(attributes);
    if (link.droppedAttributes > 0)
        json["droppedAttributesCount"] = link.droppedAttributes;
    if (link.flags != 0)
        json["flags"] = link.flags;
    return json;
}

Json spanJson(const SpanDetails& span)
{
    Json json = Json::object();
    json["traceId"] = toHex128(span.traceId);
    json["spanId"] = toHex64(span.spanId);
    if (!span.traceState.empty())
        json["traceState"] = span.traceState;
    if (span.parentSpanId != 0)
        json["parentSpanId"] = toHex64(span.parentSpanId);
    if (span.w3cFlags != 0)
        json["flags"] = span.w3cFlags;
    json["name"] = span.name;
    json["kind"] = int(span.kind);
    // A missing time is left out; a time of 0 (the epoch) is written like any other.
    if (writers::hasStart(span))
        json["startTimeUnixNano"] = std::to_string(span.startNs);
    if (writers::hasEnd(span))
        json["endTimeUnixNano"] = std::to_string(span.endNs);
    putAttributes(json, span.attributes, span.droppedAttributes);
    if (!span.events.empty()) {
        Json events = Json::array();
        for (const SpanEvent& event : span.events) {
            Json e = Json::object();
            e["timeUnixNano"] = std::to_string(event.timeNs);
            e["name"] = event.name;
            putAttributes(e, event.attributes, event.droppedAttributes);
            events.push_back(std::move(e));
        }
        json["events"] = std::move(events);
    }
    if (span.droppedEvents > 0)
        json["droppedEventsCount"] = span.droppedEvents;
    if (!span.links.empty()) {
        Json links = Json::array();
        for (const SpanLink& link : span.links)
            links.push_back(linkJson(link));
        json["links"] = std::move(links);
    }
    if (span.droppedLinks > 0)
        json["droppedLinksCount"] = span.droppedLinks;
    Json status = Json::object(); // always written, "{}" when unset, as the Collector does
    if (!span.statusMessage.empty())
        status["message"] = span.statusMessage;
    if (span.status != StatusCode::Unset)
        status["code"] = int(span.status);
    json["status"] = std::move(status);
    return json;
}

Json scopeJson(const SpanDetails& span)
{
    Json scope = Json::object();
    if (!span.scopeName.empty())
        scope["name"] = span.scopeName;
    if (!span.scopeVersion.empty())
        scope["version"] = span.scopeVersion;
    if (!span.scopeAttributes.empty())
        scope["attributes"] = keyValues(span.scopeAttributes);
    return scope;
}

// {"resourceSpans":[ ... ]} with one ResourceSpans per line, written as each trace arrives.
class OtlpJsonWriter final : public TraceWriter
{
public:
    explicit OtlpJsonWriter(std::ostream& out) : m_out(out) { m_out << "{\"resourceSpans\":["; }

    void writeTrace(std::span<const SpanDetails> spans) override
    {
        for (const writers::ResourceGroup& group : writers::groupByResourceAndScope(spans)) {
            const SpanDetails& first = *group.scopes.front().spans.front();
            Json resourceSpans = Json::object();
            resourceSpans["resource"] =
                Json{{"attributes", keyValues(writers::resourceAttributesWithService(first))}};
            Json scopeSpans = Json::array();
            for (const writers::ScopeGroup& scope : group.scopes) {
                Json spanList = Json::array();
                for (const SpanDetails* span : scope.spans)
                    spanList.push_back(spanJson(*span));
                scopeSpans.push_back(
                    Json{{"scope", scopeJson(*scope.spans.front())}, {"spans", std::move(spanList)}});
            }
            resourceSpans["scopeSpans"] = std::move(scopeSpans);
            m_out << (m_first ? "\n" : ",\n");
            m_first = false;
            writers::writeJson(m_out, resourceSpans);
        }
    }

    void finish() override { m_out << "\n]}\n"; }

private:
    std::ostream& m_out;
    bool m_first = true;
};

} // namespace

std::unique_ptr<TraceWriter> makeOtlpJsonWriter(std::ostream& out)
{
    return std::make_unique<OtlpJsonWriter>(out);
}

} // namespace spanscope
