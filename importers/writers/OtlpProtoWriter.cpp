// SPDX-License-Identifier: MIT
// OTLP protobuf: a TracesData, built with the classes protoc generates from importers/otlp/proto.
// TracesData is only a repeated field, so the file is written one ResourceSpans at a time, each as
// field 1 (tag, length, message): memory holds one trace's group, and the result parses as one
// TracesData (or ExportTraceServiceRequest).
#include "TraceWriter.h"
#include "WriterSupport.h"
#include "importers/common/IdCodec.h"
#include "model/Utf8.h"
#include "opentelemetry/proto/trace/v1/trace.pb.h"

namespace spanscope {

namespace {

namespace common = opentelemetry::proto::common::v1;
namespace trace = opentelemetry::proto::trace::v1;

// Proto3 strings must be valid UTF-8 (protobuf complains when serializing otherwise).
std::string text(std::string_view raw)
{
    return isValidUtf8(raw) ? std::string(raw) : sanitizedUtf8(raw);
}

void setAnyValue(common::AnyValue& out, const ValueView& value)
{
    switch (value.type) {
    case ValueType::String:
        out.set_string_value(text(value.text));
        return;
    case ValueType::Bool:
        out.set_bool_value(value.boolValue);
        return;
    case ValueType::Int:
        out.set_int_value(value.intValue);
        return;
    case ValueType::Double:
        out.set_double_value(value.doubleValue);
        return;
    case ValueType::Bytes:
        out.set_bytes_value(std::string(value.text));
        return;
    case ValueType::Array: {
        common::ArrayValue* array = out.mutable_array_value();
        auto reader = AttributeReader::elements(value);
        std::string_view key;
        ValueView element;
        while (reader.next(key, element))
            setAnyValue(*array->add_values(), element);
        return;
    }
    case ValueType::KeyValueList: {
        common::KeyValueList* list = out.mutable_kvlist_value();
        auto reader = AttributeReader::elements(value);
        std::string_view key;
        ValueView element;
        while (reader.next(key, element)) {
            common::KeyValue* entry = list->add_values();
            entry->set_key(text(key));
            setAnyValue(*entry->mutable_value(), element);
        }
        return;
    }
    case ValueType::Empty:
        break;
    }
}

template<class Repeated>
void addAttributes(Repeated& out, std::string_view blob)
{
    for (const auto& attribute : writers::attributes(blob)) {
        common::KeyValue* entry = out.Add();
        entry->set_key(text(attribute.key));
        // An empty value is written as a present, empty AnyValue, as OTLP JSON's "value": {}.
        setAnyValue(*entry->mutable_value(), attribute.value);
    }
}

void fillSpan(trace::Span& out, const SpanDetails& span)
{
    out.set_trace_id(traceIdToBytes(span.traceId));
    out.set_span_id(spanIdToBytes(span.spanId));
    if (!span.traceState.empty())
        out.set_trace_state(text(span.traceState));
    if (span.parentSpanId != 0)
        out.set_parent_span_id(spanIdToBytes(span.parentSpanId));
    out.set_flags(span.w3cFlags);
    out.set_name(text(span.name));
    out.set_kind(trace::Span::SpanKind(span.kind));
    // Explicit presence (`optional` in trace.proto): a time of 0 is written, a missing one is not.
    if (writers::hasStart(span))
        out.set_start_time_unix_nano(uint64_t(span.startNs));
    if (writers::hasEnd(span))
        out.set_end_time_unix_nano(uint64_t(span.endNs));
    addAttributes(*out.mutable_attributes(), span.attributes);
    out.set_dropped_attributes_count(span.droppedAttributes);
    for (const SpanEvent& event : span.events) {
        trace::Span::Event* e = out.add_events();
        e->set_time_unix_nano(uint64_t(event.timeNs));
        e->set_name(text(event.name));
        addAttributes(*e->mutable_attributes(), event.attributes);
        e->set_dropped_attributes_count(event.droppedAttributes);
    }
    out.set_dropped_events_count(span.droppedEvents);
    for (const SpanLink& link : span.links) {
        trace::Span::Link* l = out.add_links();
        l->set_trace_id(traceIdToBytes(link.traceId));
        l->set_span_id(spanIdToBytes(link.spanId));
        if (!link.traceState.empty())
            l->set_trace_state(text(link.traceState));
        addAttributes(*l->mutable_attributes(), link.attributes);
        const char* refType = writers::refTypeAttributeValue(link.type);
        if (refType && !writers::hasAttribute(link.attributes, "opentracing.ref_type")) {
            common::KeyValue* entry = l->add_attributes();
            entry->set_key("opentracing.ref_type");
            entry->mutable_value()->set_string_value(refType);
        }
        l->set_dropped_attributes_count(link.droppedAttributes);
        l->set_flags(link.flags);
    }
    out.set_dropped_links_count(span.droppedLinks);
    if (span.status != StatusCode::Unset || !span.statusMessage.empty()) {
        out.mutable_status()->set_code(trace::Status::StatusCode(span.status));
        out.mutable_status()->set_message(text(span.statusMessage));
    }
}

void putVarint(std::ostream& out, uint64_t value)
{
    while (value >= 0x80) {
        out.put(char(uint8_t(value) | 0x80));
        value >>= 7;
    }
    out.put(char(value));
}

class OtlpProtoWriter final : public TraceWriter
{
public:
    explicit OtlpProtoWriter(std::ostream& out) : m_out(out) {}

    void writeTrace(std::span<const SpanDetails> spans) override
    {
        for (const writers::ResourceGroup& group : writers::groupByResourceAndScope(spans)) {
            trace::ResourceSpans resourceSpans;
            const SpanDetails& first = *group.scopes.front().spans.front();
            addAttributes(*resourceSpans.mutable_resource()->mutable_attributes(),
                          writers::resourceAttributesWithService(first));
            for (const writers::ScopeGroup& scope : group.scopes) {
                trace::ScopeSpans* scopeSpans = resourceSpans.add_scope_spans();
                const SpanDetails& head = *scope.spans.front();
                if (!head.scopeName.empty() || !head.scopeVersion.empty() || !head.scopeAttributes.empty()) {
                    common::InstrumentationScope* s = scopeSpans->mutable_scope();
                    s->set_name(text(head.scopeName));
                    s->set_version(text(head.scopeVersion));
                    addAttributes(*s->mutable_attributes(), head.scopeAttributes);
                }
                for (const SpanDetails* span : scope.spans)
                    fillSpan(*scopeSpans->add_spans(), *span);
            }
            const std::string bytes = resourceSpans.SerializeAsString();
            m_out.put(char(0x0A)); // TracesData.resource_spans: field 1, length-delimited
            putVarint(m_out, bytes.size());
            m_out.write(bytes.data(), std::streamsize(bytes.size()));
        }
    }

    void finish() override {}

private:
    std::ostream& m_out;
};

} // namespace

std::unique_ptr<TraceWriter> makeOtlpProtoWriter(std::ostream& out)
{
    return std::make_unique<OtlpProtoWriter>(out);
}

} // namespace spanscope
