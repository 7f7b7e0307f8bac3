// SPDX-License-Identifier: MIT
// Span, Resource and InstrumentationScope messages into the internal records (attribute values:
// OtlpProtoAttributes.cpp).
#include "OtlpProtoElements.h"

#include "importers/common/IdCodec.h"
#include "model/ImportLimits.h"

#include <limits>

namespace spanscope {

using proto::Field;
using proto::MessageReader;
using proto::WireType;

namespace {

// fixed64 nanoseconds; values beyond int64 (year 2262) cannot be times and read as absent.
int64_t nanos(uint64_t value)
{
    return value > uint64_t(std::numeric_limits<int64_t>::max()) ? 0 : int64_t(value);
}

bool isTime(uint64_t value)
{
    return value <= uint64_t(std::numeric_limits<int64_t>::max());
}

} // namespace

OtlpProtoElements::OtlpProtoElements(const ImportLimits& limits)
    : m_limits(limits), m_attributes(&limits), m_ownerAttributes(&limits), m_eventAttributes(limits),
      m_linkAttributes(limits)
{}

void OtlpProtoElements::beginElement()
{
    m_notes.clear();
    m_repaired.clear();
    m_eventsCut = false;
    m_linksCut = false;
    m_strindexSeen = false;
}

void OtlpProtoElements::readEvent(const Field& event)
{
    if (m_events.size() >= m_limits.maxEventsPerSpan) {
        if (!m_eventsCut)
            m_notes.push_back("events beyond " + std::to_string(m_limits.maxEventsPerSpan) + " dropped");
        m_eventsCut = true;
        return;
    }
    EventRecord record;
    AttributeEncoder& attributes = m_eventAttributes.fresh(m_events.size());
    MessageReader reader(event.bytes, event.dataOffset, "Span.Event");
    Field field;
    while (reader.next(field)) {
        switch (field.number) {
        case 1:
            reader.expect(field, WireType::Fixed64, "time_unix_nano");
            record.timeNs = nanos(field.value);
            break;
        case 2:
            reader.expect(field, WireType::Length, "name");
            record.name = text(field.bytes);
            break;
        case 3:
            reader.expect(field, WireType::Length, "attributes");
            readAttributes(attributes, field);
            break;
        case 4:
            reader.expect(field, WireType::Varint, "dropped_attributes_count");
            record.droppedAttributes = uint32_t(field.value);
            break;
        default:
            break;
        }
    }
    record.attributes = attributes.data();
    noteAttributeLimits(attributes, m_limits, "attribute", "span event", m_notes);
    m_events.push_back(record);
}

void OtlpProtoElements::readLink(const Field& link)
{
    if (m_links.size() >= m_limits.maxLinksPerSpan) {
        if (!m_linksCut)
            m_notes.push_back("links beyond " + std::to_string(m_limits.maxLinksPerSpan) + " dropped");
        m_linksCut = true;
        return;
    }
    LinkRecord record;
    AttributeEncoder& attributes = m_linkAttributes.fresh(m_links.size());
    MessageReader reader(link.bytes, link.dataOffset, "Span.Link");
    std::string_view traceId;
    std::string_view spanId;
    Field field;
    while (reader.next(field)) {
        switch (field.number) {
        case 1:
            reader.expect(field, WireType::Length, "trace_id");
            traceId = field.bytes;
            break;
        case 2:
            reader.expect(field, WireType::Length, "span_id");
            spanId = field.bytes;
            break;
        case 3:
            reader.expect(field, WireType::Length, "trace_state");
            record.traceState = text(field.bytes);
            break;
        case 4:
            reader.expect(field, WireType::Length, "attributes");
            readAttributes(attributes, field);
            break;
        case 5:
            reader.expect(field, WireType::Varint, "dropped_attributes_count");
            record.droppedAttributes = uint32_t(field.value);
            break;
        case 6:
            reader.expect(field, WireType::Fixed32, "flags");
            record.flags = uint32_t(field.value);
            break;
        default:
            break;
        }
    }
    const auto trace = traceIdFromBytes(traceId);
    const auto span = spanIdFromBytes(spanId);
    if (!trace || !trace->isValid() || !span || *span == 0) {
        m_notes.emplace_back("a link without a valid trace and span id was dropped");
        return;
    }
    record.traceId = *trace;
    record.spanId = *span;
    record.attributes = attributes.data();
    noteAttributeLimits(attributes, m_limits, "attribute", "span link", m_notes);
    m_links.push_back(record);
}

void OtlpProtoElements::readStatus(const Field& status, SpanRecord& span)
{
    MessageReader reader(status.bytes, status.dataOffset, "Status");
    Field field;
    while (reader.next(field)) {
        if (field.number == 2) {
            reader.expect(field, WireType::Length, "message");
            span.statusMessage = text(field.bytes);
        } else if (field.number == 3) {
            reader.expect(field, WireType::Varint, "code");
            span.status = field.value <= 2 ? StatusCode(field.value) : StatusCode::Unset;
        }
    }
}

bool OtlpProtoElements::parseSpan(std::string_view bytes, uint64_t offset, SpanRecord& span)
{
    beginElement();
    span = SpanRecord{};
    m_events.clear();
    m_links.clear();
    m_attributes.clear();
    m_attributes.resetLimitCounters();

    std::string_view traceId;
    std::string_view spanId;
    std::string_view parentId;
    // A time is missing only when its field is not on the wire: 0 is the epoch, a valid time. (A
    // proto3 encoder leaves a 0 out, so such a span reads as missing; docs/FORMATS.md.)
    bool haveStart = false;
    bool haveEnd = false;
    MessageReader reader(bytes, offset, "Span");
    Field field;
    while (reader.next(field)) {
        switch (field.number) {
        case 1:
            reader.expect(field, WireType::Length, "trace_id");
            traceId = field.bytes;
            break;
        case 2:
            reader.expect(field, WireType::Length, "span_id");
            spanId = field.bytes;
            break;
        case 3:
            reader.expect(field, WireType::Length, "trace_state");
            span.traceState = text(field.bytes);
            break;
        case 4:
            reader.expect(field, WireType::Length, "parent_span_id");
            parentId = field.bytes;
            break;
        case 5:
            reader.expect(field, WireType::Length, "name");
            span.name = text(field.bytes);
            break;
        case 6:
            reader.expect(field, WireType::Varint, "kind");
            span.kind = field.value <= 5 ? SpanKind(field.value) : SpanKind::Unspecified;
            break;
        case 7:
            reader.expect(field, WireType::Fixed64, "start_time_unix_nano");
            span.startNs = nanos(field.value);
            haveStart = isTime(field.value);
            break;
        case 8:
            reader.expect(field, WireType::Fixed64, "end_time_unix_nano");
            span.endNs = nanos(field.value);
            haveEnd = isTime(field.value);
            break;
        case 9:
            reader.expect(field, WireType::Length, "attributes");
            readAttributes(m_attributes, field);
            break;
        case 10:
            reader.expect(field, WireType::Varint, "dropped_attributes_count");
            span.droppedAttributes = uint32_t(field.value);
            break;
        case 11:
            reader.expect(field, WireType::Length, "events");
            readEvent(field);
            break;
        case 12:
            reader.expect(field, WireType::Varint, "dropped_events_count");
            span.droppedEvents = uint32_t(field.value);
            break;
        case 13:
            reader.expect(field, WireType::Length, "links");
            readLink(field);
            break;
        case 14:
            reader.expect(field, WireType::Varint, "dropped_links_count");
            span.droppedLinks = uint32_t(field.value);
            break;
        case 15:
            reader.expect(field, WireType::Length, "status");
            readStatus(field, span);
            break;
        case 16:
            reader.expect(field, WireType::Fixed32, "flags");
            span.w3cFlags = uint32_t(field.value);
            break;
        default:
            break; // unknown fields are ignored, as OTLP requires
        }
    }

    // Empty (proto3's default) and all zeros are "no id": the importer gives a synthetic one. Any
    // other length is not an id at all.
    const auto trace = traceId.empty() ? std::optional<TraceId>(TraceId{}) : traceIdFromBytes(traceId);
    if (!trace) {
        m_notes.push_back("span skipped: its trace_id has " + std::to_string(traceId.size()) +
                          " bytes, not 16");
        return false;
    }
    const auto id = spanId.empty() ? std::optional<uint64_t>(0) : spanIdFromBytes(spanId);
    if (!id) {
        m_notes.push_back("span skipped: its span_id has " + std::to_string(spanId.size()) + " bytes, not 8");
        return false;
    }
    span.traceId = *trace;
    span.spanId = *id;
    if (!parentId.empty()) {
        if (const auto parent = spanIdFromBytes(parentId))
            span.parentSpanId = *parent;
        else
            m_notes.push_back("invalid parent_span_id (" + std::to_string(parentId.size()) +
                              " bytes); the span is shown as a root");
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
    return true;
}

void OtlpProtoElements::parseResource(std::string_view bytes, uint64_t offset, ResourceRecord& resource)
{
    beginElement();
    resource = ResourceRecord{};
    m_ownerAttributes.clear();
    m_ownerAttributes.resetLimitCounters();
    MessageReader reader(bytes, offset, "Resource");
    Field field;
    while (reader.next(field)) {
        if (field.number == 1) {
            reader.expect(field, WireType::Length, "attributes");
            readAttributes(m_ownerAttributes, field);
        } else if (field.number == 2) {
            reader.expect(field, WireType::Varint, "dropped_attributes_count");
            resource.droppedAttributes = uint32_t(field.value);
        }
    }
    ValueView service;
    if (findAttribute(m_ownerAttributes.data(), "service.name", service) && service.type == ValueType::String)
        m_serviceName = std::string(service.text);
    else
        m_serviceName.clear();
    resource.serviceName = m_serviceName;
    resource.attributes = m_ownerAttributes.data();
    noteAttributeLimits(m_ownerAttributes, m_limits, "attribute", "resource", m_notes);
}

void OtlpProtoElements::parseScope(std::string_view bytes, uint64_t offset, ScopeRecord& scope)
{
    beginElement();
    scope = ScopeRecord{};
    m_ownerAttributes.clear();
    m_ownerAttributes.resetLimitCounters();
    MessageReader reader(bytes, offset, "InstrumentationScope");
    Field field;
    while (reader.next(field)) {
        switch (field.number) {
        case 1:
            reader.expect(field, WireType::Length, "name");
            scope.name = text(field.bytes);
            break;
        case 2:
            reader.expect(field, WireType::Length, "version");
            scope.version = text(field.bytes);
            break;
        case 3:
            reader.expect(field, WireType::Length, "attributes");
            readAttributes(m_ownerAttributes, field);
            break;
        case 4:
            reader.expect(field, WireType::Varint, "dropped_attributes_count");
            break; // not kept: the workspace has no place for a scope's dropped count
        default:
            break;
        }
    }
    scope.attributes = m_ownerAttributes.data();
    noteAttributeLimits(m_ownerAttributes, m_limits, "attribute", "instrumentation scope", m_notes);
}

} // namespace spanscope
