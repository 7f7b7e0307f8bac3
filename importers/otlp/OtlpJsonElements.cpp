// SPDX-License-Identifier: MIT
#include "OtlpJsonElements.h"

#include "importers/common/IdCodec.h"
#include "model/ImportLimits.h"

#include <cstring>

namespace spanscope {

namespace {

// Keys are compared in the raw JSON text, without unescaping them first: OTLP keys never contain
// escapes, and unescaping two dozen keys per span was a sixth of the parse.
class RawKey
{
public:
    explicit RawKey(ondemand::raw_json_string key) : m_text(key.raw()) {}
    char first() const { return m_text[0]; }
    bool is(std::string_view name) const
    {
        return std::memcmp(m_text, name.data(), name.size()) == 0 && m_text[name.size()] == '"';
    }
    bool is(std::string_view camel, std::string_view snake) const { return is(camel) || is(snake); }

private:
    const char* m_text;
};

template<class Field>
RawKey keyOf(Field& field)
{
    return RawKey(field.key().value());
}

std::string_view stripPrefix(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix ? text.substr(prefix.size()) : text;
}

// A span's fixed64 time. Only an absent field (or proto3 JSON's null, its default) is missing: 0 is
// the epoch, a valid time. Values beyond int64 (year 2262) cannot be times and read as missing.
bool readTime(ondemand::value value, const char* field, int64_t& time)
{
    if (value.type().value() == ondemand::json_type::null)
        return false;
    time = readInt64(value, field);
    if (time >= 0)
        return true;
    time = 0;
    return false;
}

} // namespace

std::optional<SpanKind> spanKindFromName(std::string_view name)
{
    name = stripPrefix(name, "SPAN_KIND_");
    static constexpr std::pair<std::string_view, SpanKind> names[] = {
        {"UNSPECIFIED", SpanKind::Unspecified}, {"INTERNAL", SpanKind::Internal},
        {"SERVER", SpanKind::Server},           {"CLIENT", SpanKind::Client},
        {"PRODUCER", SpanKind::Producer},       {"CONSUMER", SpanKind::Consumer},
    };
    for (const auto& [text, kind] : names) {
        if (name.size() == text.size() &&
            std::equal(name.begin(), name.end(), text.begin(),
                       [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; }))
            return kind;
    }
    return std::nullopt;
}

std::optional<StatusCode> statusCodeFromName(std::string_view name)
{
    name = stripPrefix(name, "STATUS_CODE_");
    if (name == "UNSET")
        return StatusCode::Unset;
    if (name == "OK")
        return StatusCode::Ok;
    if (name == "ERROR")
        return StatusCode::Error;
    return std::nullopt;
}

OtlpJsonElements::OtlpJsonElements(const ImportLimits& limits)
    : m_limits(limits), m_attributes(&limits), m_eventAttributes(limits), m_linkAttributes(limits),
      m_clipper(limits.maxValueBytes)
{}

std::string_view OtlpJsonElements::clip(std::string_view text)
{
    const uint64_t before = m_clipper.clipped();
    text = m_clipper.clip(text);
    if (m_clipper.clipped() != before)
        m_notes.push_back("a name or message longer than " + std::to_string(m_limits.maxValueBytes) +
                          " bytes was truncated");
    return text;
}

template<class Encoder>
void OtlpJsonElements::addAnyValue(Encoder& encoder, std::string_view key, ondemand::value value, int depth)
{
    if (depth > int(m_limits.maxNestingDepth))
        throw ElementError("attribute values nested too deep");
    if (value.type().value() == ondemand::json_type::null) {
        encoder.addEmpty(key);
        return;
    }
    ondemand::object object = value.get_object();
    for (auto field : object) {
        const RawKey type = keyOf(field);
        ondemand::value inner = field.value();
        if (type.is("stringValue", "string_value")) {
            encoder.addString(key, readString(inner, "stringValue"));
        } else if (type.is("intValue", "int_value")) {
            encoder.addInt(key, readInt64(inner, "intValue"));
        } else if (type.is("boolValue", "bool_value")) {
            encoder.addBool(key, readBoolLenient(inner, "boolValue"));
        } else if (type.is("doubleValue", "double_value")) {
            encoder.addDouble(key, readDouble(inner, "doubleValue"));
        } else if (type.is("bytesValue", "bytes_value")) {
            const std::string_view text = readString(inner, "bytesValue");
            if (auto bytes = decodeBase64(text))
                encoder.addBytes(key, *bytes);
            else
                throw ElementError("\"bytesValue\" is not base64");
        } else if (type.is("arrayValue", "array_value") || type.is("kvlistValue", "kvlist_value")) {
            const bool withKeys = type.first() == 'k';
            ValueListEncoder list(withKeys);
            ondemand::object container = inner.get_object();
            for (auto listField : container) {
                if (!keyOf(listField).is("values"))
                    continue;
                ondemand::value values = listField.value();
                if (values.type().value() == ondemand::json_type::null)
                    continue; // proto3 JSON: null is the default, no elements
                for (auto element : values.get_array()) {
                    if (withKeys) {
                        ondemand::object entry = element.get_object();
                        const std::string_view entryKey = readString(entry["key"].value(), "key");
                        auto entryValue = entry["value"];
                        if (entryValue.error() == simdjson::NO_SUCH_FIELD)
                            list.addEmpty(entryKey);
                        else
                            addAnyValue(list, entryKey, entryValue.value(), depth + 1);
                    } else {
                        addAnyValue(list, {}, element.value(), depth + 1);
                    }
                }
            }
            encoder.addEncoded(key, list.type(), list.count(), list.data());
        } else {
            continue; // unknown fields are ignored, as OTLP requires
        }
        return; // AnyValue is a oneof: the first value wins
    }
    encoder.addEmpty(key);
}

void OtlpJsonElements::readAttributes(AttributeEncoder& encoder, ondemand::value array)
{
    if (array.type().value() == ondemand::json_type::null)
        return;
    for (auto element : array.get_array()) {
        ondemand::object entry = element.get_object();
        // "key" may follow "value"; operator[] finds fields in any order.
        // Unescaped strings stay valid for the whole document: simdjson never reuses that buffer.
        const std::string_view key = readString(entry["key"].value(), "key");
        auto value = entry["value"];
        if (value.error() == simdjson::NO_SUCH_FIELD)
            encoder.addEmpty(key);
        else
            addAnyValue(encoder, key, value.value(), 1);
    }
}

void OtlpJsonElements::readEvents(ondemand::value array)
{
    if (array.type().value() == ondemand::json_type::null)
        return; // proto3 JSON: null is the default, an empty list
    for (auto element : array.get_array()) {
        if (m_events.size() >= m_limits.maxEventsPerSpan) {
            m_notes.push_back("events beyond " + std::to_string(m_limits.maxEventsPerSpan) + " dropped");
            break;
        }
        EventRecord event;
        AttributeEncoder& attributes = m_eventAttributes.fresh(m_events.size());
        for (auto field : element.get_object()) {
            const RawKey key = keyOf(field);
            if (key.is("timeUnixNano", "time_unix_nano"))
                event.timeNs = readInt64(field.value(), "timeUnixNano");
            else if (key.is("name"))
                event.name = clip(readString(field.value(), "name"));
            else if (key.is("attributes"))
                readAttributes(attributes, field.value());
            else if (key.is("droppedAttributesCount", "dropped_attributes_count"))
                event.droppedAttributes = uint32_t(std::max<int64_t>(0, readInt64(field.value(), "dropped")));
        }
        event.attributes = attributes.data();
        noteAttributeLimits(attributes, m_limits, "attribute", "span event", m_notes);
        m_events.push_back(event);
    }
}

void OtlpJsonElements::readLinks(ondemand::value array)
{
    if (array.type().value() == ondemand::json_type::null)
        return; // proto3 JSON: null is the default, an empty list
    for (auto element : array.get_array()) {
        if (m_links.size() >= m_limits.maxLinksPerSpan) {
            m_notes.push_back("links beyond " + std::to_string(m_limits.maxLinksPerSpan) + " dropped");
            break;
        }
        LinkRecord link;
        AttributeEncoder& attributes = m_linkAttributes.fresh(m_links.size());
        bool valid = true;
        for (auto field : element.get_object()) {
            const RawKey key = keyOf(field);
            if (key.is("traceId", "trace_id")) {
                const auto id = parseTraceIdText(readString(field.value(), "traceId"));
                valid = valid && id;
                if (id)
                    link.traceId = *id;
            } else if (key.is("spanId", "span_id")) {
                const auto id = parseSpanIdText(readString(field.value(), "spanId"));
                valid = valid && id;
                if (id)
                    link.spanId = *id;
            } else if (key.is("traceState", "trace_state")) {
                link.traceState = readString(field.value(), "traceState");
            } else if (key.is("attributes")) {
                readAttributes(attributes, field.value());
            } else if (key.is("droppedAttributesCount", "dropped_attributes_count")) {
                link.droppedAttributes = uint32_t(std::max<int64_t>(0, readInt64(field.value(), "dropped")));
            } else if (key.is("flags")) {
                link.flags = uint32_t(readInt64(field.value(), "flags"));
            }
        }
        // Checked after the fields: an absent id is as unusable as an empty or all-zero one.
        if (!valid || !link.traceId.isValid() || link.spanId == 0) {
            m_notes.emplace_back("a link without a valid trace and span id was dropped");
            continue;
        }
        link.attributes = attributes.data();
        noteAttributeLimits(attributes, m_limits, "attribute", "span link", m_notes);
        m_links.push_back(link);
    }
}

void OtlpJsonElements::readStatus(ondemand::value status, SpanRecord& span)
{
    if (status.type().value() == ondemand::json_type::null)
        return;
    for (auto field : status.get_object()) {
        const RawKey key = keyOf(field);
        if (key.is("code")) {
            ondemand::value code = field.value();
            if (code.type().value() == ondemand::json_type::string) {
                const std::string_view name = code.get_string().value();
                if (const auto parsed = statusCodeFromName(name))
                    span.status = *parsed;
                else if (const auto number = parseDecimalInt64(name); number && *number >= 0 && *number <= 2)
                    span.status = StatusCode(*number);
                else
                    m_notes.push_back("unknown status code \"" + std::string(name) + "\" read as UNSET");
            } else {
                const int64_t number = readInt64(code, "code");
                span.status = number >= 0 && number <= 2 ? StatusCode(number) : StatusCode::Unset;
            }
        } else if (key.is("message")) {
            span.statusMessage = clip(readString(field.value(), "message"));
        }
    }
}

void OtlpJsonElements::parseSpan(std::string_view json, size_t capacity, SpanRecord& span)
{
    span = SpanRecord{};
    m_notes.clear();
    m_events.clear();
    m_links.clear();
    m_attributes.clear();
    m_attributes.resetLimitCounters();
    m_clipper.clear();

    ondemand::document document = m_parser.iterate(json, capacity);
    ondemand::object object = document.get_object();
    bool haveStart = false;
    bool haveEnd = false;
    for (auto field : object) {
        const RawKey key = keyOf(field);
        ondemand::value value = field.value();
        switch (key.first()) {
        case 't':
            if (key.is("traceId", "trace_id")) {
                // "" and all zeros are "no id" (OTLP): the importer gives a synthetic one.
                const auto id = parseTraceIdText(readString(value, "traceId"));
                if (!id)
                    throw ElementError("span without a valid \"traceId\"");
                span.traceId = *id;
            } else if (key.is("traceState", "trace_state")) {
                span.traceState = readString(value, "traceState");
            }
            break;
        case 's':
            if (key.is("spanId", "span_id")) {
                const auto id = parseSpanIdText(readString(value, "spanId"));
                if (!id)
                    throw ElementError("span without a valid \"spanId\"");
                span.spanId = *id;
            } else if (key.is("startTimeUnixNano", "start_time_unix_nano")) {
                haveStart = readTime(value, "startTimeUnixNano", span.startNs);
            } else if (key.is("status")) {
                readStatus(value, span);
            }
            break;
        case 'p':
            if (key.is("parentSpanId", "parent_span_id")) {
                const std::string_view text = readString(value, "parentSpanId");
                const auto id = parseSpanIdText(text);
                if (id)
                    span.parentSpanId = *id;
                else
                    m_notes.push_back(R"(invalid "parentSpanId" ")" + std::string(text.substr(0, 40)) +
                                      "\"; the span is shown as a root");
            }
            break;
        case 'n':
            if (key.is("name"))
                span.name = clip(readString(value, "name"));
            break;
        case 'k':
            if (key.is("kind")) {
                if (value.type().value() == ondemand::json_type::string) {
                    const std::string_view name = value.get_string().value();
                    const auto kind = spanKindFromName(name);
                    const auto number = parseDecimalInt64(name);
                    if (kind)
                        span.kind = *kind;
                    else if (number && *number >= 0 && *number <= 5)
                        span.kind = SpanKind(*number);
                    else
                        m_notes.push_back("unknown span kind \"" + std::string(name.substr(0, 40)) + "\"");
                } else {
                    const int64_t number = readInt64(value, "kind");
                    span.kind = number >= 0 && number <= 5 ? SpanKind(number) : SpanKind::Unspecified;
                }
            }
            break;
        case 'e':
            if (key.is("endTimeUnixNano", "end_time_unix_nano")) {
                haveEnd = readTime(value, "endTimeUnixNano", span.endNs);
            } else if (key.is("events")) {
                readEvents(value);
            }
            break;
        case 'a':
            if (key.is("attributes"))
                readAttributes(m_attributes, value);
            break;
        case 'l':
            if (key.is("links"))
                readLinks(value);
            break;
        case 'd':
            if (key.is("droppedAttributesCount", "dropped_attributes_count"))
                span.droppedAttributes =
                    uint32_t(std::max<int64_t>(0, readInt64(value, "droppedAttributesCount")));
            else if (key.is("droppedEventsCount", "dropped_events_count"))
                span.droppedEvents = uint32_t(std::max<int64_t>(0, readInt64(value, "droppedEventsCount")));
            else if (key.is("droppedLinksCount", "dropped_links_count"))
                span.droppedLinks = uint32_t(std::max<int64_t>(0, readInt64(value, "droppedLinksCount")));
            break;
        case 'f':
            if (key.is("flags"))
                span.w3cFlags = uint32_t(readInt64(value, "flags"));
            break;
        default:
            break;
        }
    }
    if (!haveStart)
        span.flags |= SpanFlag::MissingStart;
    if (!haveEnd)
        span.flags |= SpanFlag::MissingEnd;
    if (haveStart && haveEnd && span.endNs < span.startNs)
        span.flags |= SpanFlag::EndBeforeStart;
    if (span.status == StatusCode::Error)
        span.flags |= SpanFlag::Error;
    span.attributes = m_attributes.data();
    span.events = m_events;
    span.links = m_links;
    noteAttributeLimits(m_attributes, m_limits, "attribute", "span", m_notes);
}

void OtlpJsonElements::parseResource(std::string_view json, size_t capacity, ResourceRecord& resource)
{
    resource = ResourceRecord{};
    m_notes.clear();
    m_attributes.clear();
    m_attributes.resetLimitCounters();
    ondemand::document document = m_parser.iterate(json, capacity);
    for (auto field : document.get_object()) {
        const RawKey key = keyOf(field);
        if (key.is("attributes"))
            readAttributes(m_attributes, field.value());
        else if (key.is("droppedAttributesCount", "dropped_attributes_count"))
            resource.droppedAttributes = uint32_t(std::max<int64_t>(0, readInt64(field.value(), "dropped")));
    }
    ValueView service;
    if (findAttribute(m_attributes.data(), "service.name", service) && service.type == ValueType::String)
        m_serviceName = std::string(service.text);
    else
        m_serviceName.clear();
    resource.serviceName = m_serviceName;
    resource.attributes = m_attributes.data();
    noteAttributeLimits(m_attributes, m_limits, "attribute", "resource", m_notes);
}

void OtlpJsonElements::parseScope(std::string_view json, size_t capacity, ScopeRecord& scope)
{
    scope = ScopeRecord{};
    m_notes.clear();
    m_attributes.clear();
    m_attributes.resetLimitCounters();
    ondemand::document document = m_parser.iterate(json, capacity);
    for (auto field : document.get_object()) {
        const RawKey key = keyOf(field);
        if (key.is("name"))
            scope.name = readString(field.value(), "name");
        else if (key.is("version"))
            scope.version = readString(field.value(), "version");
        else if (key.is("attributes"))
            readAttributes(m_attributes, field.value());
    }
    scope.attributes = m_attributes.data();
}

} // namespace spanscope
