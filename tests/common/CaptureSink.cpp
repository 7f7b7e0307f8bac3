// SPDX-License-Identifier: MIT
#include "CaptureSink.h"

#include "model/AttributeCodec.h"

namespace spanscope::test {

std::string describeAttributes(std::string_view blob)
{
    std::string out;
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    while (reader.next(key, value)) {
        if (!out.empty())
            out += ", ";
        out.append(key);
        out += '=';
        out += valueToDisplayText(value);
        out += " (";
        out += valueTypeName(value.type);
        out += ')';
    }
    if (reader.failed())
        out += " <corrupt>";
    return out;
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

std::string attributeText(const CaptureSink::Span& span, std::string_view key)
{
    ValueView value;
    if (!findAttribute(span.attributes, key, value))
        return "<absent>";
    return valueToDisplayText(value) + " (" + valueTypeName(value.type) + ")";
}

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

ResourceRef CaptureSink::addResource(const ResourceRecord& resource)
{
    const ResourceRef ref = declareResource();
    defineResource(ref, resource);
    return ref;
}

ResourceRef CaptureSink::declareResource()
{
    m_services.emplace_back();
    resources.emplace_back("(undefined)");
    return ResourceRef(m_services.size() - 1);
}

void CaptureSink::defineResource(ResourceRef ref, const ResourceRecord& resource)
{
    m_services[ref] = std::string(resource.serviceName);
    resources[ref - 1] = std::string(resource.serviceName) + " | " + describeAttributes(resource.attributes);
    // Spans that came before their resource get their service now, as the workspace does.
    for (Span& span : spans) {
        if (span.service.empty() && span.text.find(" res=" + std::to_string(ref) + " ") != std::string::npos)
            span.service = m_services[ref];
    }
}

ScopeRef CaptureSink::addScope(const ScopeRecord&)
{
    return 1;
}

ScopeRef CaptureSink::declareScope()
{
    return 1;
}

void CaptureSink::defineScope(ScopeRef, const ScopeRecord&) {}

void CaptureSink::addSpan(const SpanRecord& record)
{
    Span span;
    span.traceId = record.traceId;
    span.spanId = record.spanId;
    span.parentSpanId = record.parentSpanId;
    span.name = std::string(record.name);
    span.service = record.resource < m_services.size() ? m_services[record.resource] : std::string();
    span.kind = record.kind;
    span.startNs = record.startNs;
    span.endNs = record.endNs;
    span.flags = record.flags;
    span.w3cFlags = record.w3cFlags;
    span.status = record.status;
    span.attributes = std::string(record.attributes);
    span.events = record.events.size();
    span.links = record.links.size();
    span.text = toHex128(record.traceId) + " " + toHex64(record.spanId) +
                " parent=" + (record.parentSpanId ? toHex64(record.parentSpanId) : std::string("-")) +
                " res=" + std::to_string(record.resource) + " name=" + span.name +
                " kind=" + spanKindName(record.kind) + " start=" + std::to_string(record.startNs) +
                " end=" + std::to_string(record.endNs) + " status=" + statusCodeName(record.status) +
                (record.statusMessage.empty() ? "" : "(" + std::string(record.statusMessage) + ")") +
                " flags=" + std::to_string(record.flags) + " attrs={" +
                describeAttributes(record.attributes) + "}";
    for (const EventRecord& event : record.events)
        span.text += " event{" + std::to_string(event.timeNs) + " " + std::string(event.name) + " " +
                     describeAttributes(event.attributes) + "}";
    for (const LinkRecord& link : record.links)
        span.text += " link{" + toHex128(link.traceId) + " " + toHex64(link.spanId) +
                     " type=" + std::to_string(int(link.type)) + " " + describeAttributes(link.attributes) +
                     "}";
    spans.push_back(std::move(span));
}

void CaptureSink::addWarning(const ImportMessage& warning)
{
    warnings.push_back(warning.location.toString() + ": " + warning.text);
}

std::string CaptureSink::dump() const
{
    std::string out;
    for (size_t i = 0; i < resources.size(); ++i)
        out += "resource " + std::to_string(i + 1) + ": " + resources[i] + "\n";
    for (const Span& span : spans)
        out += "span " + span.text + "\n";
    for (const std::string& warning : warnings)
        out += "warning " + warning + "\n";
    return out;
}

const CaptureSink::Span* CaptureSink::find(uint64_t spanId) const
{
    for (const Span& span : spans) {
        if (span.spanId == spanId)
            return &span;
    }
    return nullptr;
}

} // namespace spanscope::test
