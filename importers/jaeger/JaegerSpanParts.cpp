// SPDX-License-Identifier: MIT
// The lists and objects inside a Jaeger span (tags, logs, references, warnings, processes) and the
// process and trace-message elements; the span itself is in JaegerSpanReader.cpp.
#include "JaegerSpanReader.h"
#include "JaegerText.h"
#include "importers/otlp/OtlpJsonElements.h"
#include "model/ImportLimits.h"

namespace spanscope {

using jaeger::equalsIgnoreCase;
using jaeger::isKey;
using jaeger::quoted;

namespace {

constexpr size_t kWarningBytes = 1000;

} // namespace

void JaegerSpanReader::readTags(ondemand::value array, SpanRecord& span)
{
    if (array.type().value() == ondemand::json_type::null)
        return;
    for (auto element : array.get_array()) {
        if (!m_tags.read(element.value(), m_tag, m_notes))
            continue;
        m_apiV2 |= m_tags.lastWasApiV2();
        JaegerTagReader::encode(m_attributes, m_tag);
        // Tags with a meaning of their own also stay attributes, so nothing is lost on export.
        const std::string_view key = m_tag.key;
        if (key == "span.kind" && m_tag.type == ValueType::String) {
            if (const auto kind = spanKindFromName(m_tag.text))
                span.kind = *kind;
            else
                m_notes.push_back("unknown \"span.kind\" " + quoted(m_tag.text));
        } else if (key == "error") {
            if (JaegerTagReader::isTruthy(m_tag))
                span.flags |= SpanFlag::Error;
        } else if (m_tag.type == ValueType::String && (key.starts_with("otel.") || key == "w3c.tracestate")) {
            // What the Collector, Jaeger v2 and the SDKs' Jaeger exporters write for OTLP fields.
            m_otel.read(key, own(clip(m_tag.text)));
        }
    }
    noteAttributeLimits(m_attributes, m_limits, "tag", "span", m_notes);
}

void JaegerSpanReader::applyOtelTags(SpanRecord& span)
{
    // A truthy error tag is "the ultimate truth" for a Jaeger span, as in the Collector's
    // translation: ERROR whatever otel.status_code says; otherwise otel.status_code decides.
    if (span.flags & SpanFlag::Error)
        span.status = StatusCode::Error;
    else if (const auto code = m_otel.statusCode())
        span.status = *code;
    if (const auto description = m_otel.statusDescription())
        span.statusMessage = *description;
    if (const auto traceState = m_otel.traceState(); traceState && span.traceState.empty())
        span.traceState = *traceState;
}

void JaegerSpanReader::readLogs(ondemand::value array)
{
    if (array.type().value() == ondemand::json_type::null)
        return;
    for (auto element : array.get_array()) {
        if (m_events.size() >= m_limits.maxEventsPerSpan) {
            ++m_droppedLogs; // counted, not read: the rest of the list is skipped unparsed
            continue;
        }
        EventRecord event;
        event.name = "log";
        bool named = false;
        bool timed = false;
        AttributeEncoder& attributes = m_eventAttributes.fresh(m_events.size());
        for (auto field : element.get_object()) {
            const std::string_view key = field.unescaped_key().value();
            if (key == "timestamp") {
                if (const auto time = readTime(field.value(), "logs.timestamp")) {
                    event.timeNs = *time;
                    timed = true;
                }
            } else if (key == "fields") {
                ondemand::value fields = field.value();
                if (fields.type().value() == ondemand::json_type::null)
                    continue;
                for (auto entry : fields.get_array()) {
                    if (!m_tags.read(entry.value(), m_tag, m_notes))
                        continue;
                    // OpenTracing's convention, and where OTLP->Jaeger puts the event name; it
                    // becomes the name instead of being repeated as an attribute.
                    if (!named && m_tag.key == "event" && m_tag.type == ValueType::String) {
                        event.name = own(clip(m_tag.text));
                        named = true;
                        continue;
                    }
                    JaegerTagReader::encode(attributes, m_tag);
                }
            }
        }
        if (!timed)
            m_notes.emplace_back("a log without \"timestamp\" is placed at time 0");
        event.attributes = attributes.data();
        event.droppedAttributes = attributes.droppedAttributes();
        noteAttributeLimits(attributes, m_limits, "tag", "log", m_notes);
        m_events.push_back(event);
    }
}

void JaegerSpanReader::readReferences(ondemand::value array)
{
    if (array.type().value() == ondemand::json_type::null)
        return;
    for (auto element : array.get_array()) {
        Reference reference;
        bool valid = true;
        for (auto field : element.get_object()) {
            const std::string_view key = field.unescaped_key().value();
            if (isKey(key, "refType", "ref_type")) {
                ondemand::value value = field.value();
                if (value.type().value() == ondemand::json_type::number) {
                    // api_v2 enum numbers: 0 CHILD_OF, 1 FOLLOWS_FROM.
                    reference.type =
                        readInt64(value, "refType") == 1 ? LinkType::FollowsFrom : LinkType::ChildOf;
                    continue;
                }
                const std::string_view type = readString(value, "refType");
                if (equalsIgnoreCase(type, "CHILD_OF")) {
                    reference.type = LinkType::ChildOf;
                } else if (equalsIgnoreCase(type, "FOLLOWS_FROM")) {
                    reference.type = LinkType::FollowsFrom;
                } else {
                    reference.type = LinkType::Link;
                    m_notes.push_back("reference type " + quoted(type) + " unknown; kept as a plain link");
                }
            } else if (isKey(key, "traceID", "traceId")) {
                const auto id = readTraceId(field.value(), "references.traceID", false);
                reference.traceGiven = id.has_value();
                if (id)
                    reference.traceId = *id;
            } else if (isKey(key, "spanID", "spanId")) {
                const auto id = readSpanId(field.value(), "references.spanID", false);
                valid = id && *id != 0;
                if (id)
                    reference.spanId = *id;
            }
        }
        if (!valid || reference.spanId == 0) {
            m_notes.emplace_back("a reference without a valid span id was dropped");
            continue;
        }
        m_references.push_back(reference);
    }
}

void JaegerSpanReader::readWarnings(ondemand::value array)
{
    if (array.type().value() == ondemand::json_type::null)
        return;
    for (auto element : array.get_array()) {
        ondemand::value value = element.value();
        const std::string_view text = value.type().value() == ondemand::json_type::string
                                          ? value.get_string().value()
                                          : simdjson::trim(value.raw_json_token());
        m_notes.push_back("span warning: " + std::string(text.substr(0, kWarningBytes)));
    }
}

void JaegerSpanReader::readProcessObject(ondemand::value value, ResourceRecord& resource)
{
    // Called inside a field (a span's "process") or for a whole element (a "processes" entry):
    // each part is a field of its own, so a bad tag list does not cost the service name.
    const FieldRetry::Position outer = m_retry.position();
    if (value.type().value() != ondemand::json_type::object)
        throw ElementError("a process is not a JSON object");
    for (auto field : value.get_object()) {
        const std::string_view key = field.unescaped_key().value();
        if (isKey(key, "serviceName", "service_name") && m_retry.enter(ServiceNameField, "serviceName")) {
            resource.serviceName = clip(readString(field.value(), "serviceName"));
        } else if (key == "tags" && m_retry.enter(ProcessTagsField, "process tags")) {
            ondemand::value tags = field.value();
            if (tags.type().value() != ondemand::json_type::null) {
                for (auto element : tags.get_array()) {
                    if (m_tags.read(element.value(), m_tag, m_notes))
                        JaegerTagReader::encode(m_processAttributes, m_tag);
                }
            }
        }
        m_retry.restore(outer);
    }
    resource.attributes = m_processAttributes.data();
    resource.droppedAttributes = m_processAttributes.droppedAttributes();
    noteAttributeLimits(m_processAttributes, m_limits, "tag", "process", m_notes);
}

void JaegerSpanReader::parseProcess(std::string_view json, size_t capacity, ResourceRecord& resource)
{
    m_retry.run(json, [&] { parseProcessOnce(json, capacity, resource); });
    addRetryNotes();
}

void JaegerSpanReader::parseProcessOnce(std::string_view json, size_t capacity, ResourceRecord& resource)
{
    resource = ResourceRecord{};
    m_notes.clear();
    m_clipper.clear();
    m_processAttributes.clear();
    m_processAttributes.resetLimitCounters();
    ondemand::document document = m_parser.iterate(json, capacity);
    if (document.type().value() != ondemand::json_type::object)
        throw ElementError("not a JSON object");
    readProcessObject(document.get_value(), resource);
}

void JaegerSpanReader::parseProcessMapEntry(std::string_view json, size_t capacity,
                                            std::string_view& processId, ResourceRecord& resource)
{
    m_retry.run(json, [&] {
        processId = {};
        resource = ResourceRecord{};
        m_notes.clear();
        m_clipper.clear();
        m_processAttributes.clear();
        m_processAttributes.resetLimitCounters();
        ondemand::document document = m_parser.iterate(json, capacity);
        if (document.type().value() != ondemand::json_type::object)
            throw ElementError("not a JSON object");
        for (auto field : document.get_object()) {
            const std::string_view key = field.unescaped_key().value();
            if (isKey(key, "processId", "processID") || key == "process_id") {
                processId = readString(field.value(), "processId");
            } else if (key == "process" && m_retry.enter(ProcessField, "process")) {
                readProcessObject(field.value(), resource);
                m_retry.leave();
            }
        }
        if (processId.empty())
            throw ElementError("processMap entry without \"processId\"");
    });
    addRetryNotes();
}

void JaegerSpanReader::parseTraceMessages(std::string_view json, size_t capacity)
{
    m_notes.clear();
    ondemand::document document = m_parser.iterate(json, capacity);
    for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key().value();
        const bool errors = key == "errors";
        if (key != "warnings" && !errors)
            continue;
        ondemand::value list = field.value();
        if (list.type().value() == ondemand::json_type::null)
            continue;
        for (auto element : list.get_array()) {
            ondemand::value value = element.value();
            std::string text;
            if (value.type().value() == ondemand::json_type::object) {
                // The query service's {"code":404,"msg":"trace not found","traceID":"..."}.
                std::string code;
                for (auto part : value.get_object()) {
                    const std::string_view name = part.unescaped_key().value();
                    if (name == "msg")
                        text = std::string(readString(part.value(), "msg"));
                    else if (name == "code")
                        code = std::string(simdjson::trim(part.value().raw_json_token()));
                }
                if (!code.empty())
                    text.insert(0, " ").insert(0, code);
            } else if (value.type().value() == ondemand::json_type::string) {
                text = std::string(value.get_string().value());
            } else {
                text = std::string(simdjson::trim(value.raw_json_token()));
            }
            m_notes.push_back((errors ? "query error: " : "trace warning: ") + text.substr(0, kWarningBytes));
        }
    }
}

} // namespace spanscope
