// SPDX-License-Identifier: MIT
// The canonical span dump of `spanscope spans --json`: every field Spanscope keeps, in one form
// whatever the input format, in a deterministic order, so that dumps of the same spans compare
// equal line by line (docs/FORMATS.md, "Canonical span dump").
#include "TraceWriter.h"
#include "WriterSupport.h"

#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {

using writers::Json;

Json typedValue(const ValueView& value);

Json typedEntry(std::string_view key, const ValueView& value, bool withKey)
{
    Json entry = Json::object();
    if (withKey)
        entry["key"] = std::string(key);
    entry["type"] = valueTypeName(value.type);
    entry["value"] = typedValue(value);
    return entry;
}

Json typedValue(const ValueView& value)
{
    switch (value.type) {
    case ValueType::String:
        return std::string(value.text);
    case ValueType::Bool:
        return value.boolValue;
    case ValueType::Int:
        return value.intValue;
    case ValueType::Double:
        if (std::isfinite(value.doubleValue))
            return value.doubleValue;
        return scalarText(value); // "NaN", "Infinity", "-Infinity": not JSON numbers
    case ValueType::Bytes:
        return base64Encode(value.text);
    case ValueType::Array:
    case ValueType::KeyValueList: {
        const bool withKeys = value.type == ValueType::KeyValueList;
        Json list = Json::array();
        auto reader = AttributeReader::elements(value);
        std::string_view key;
        ValueView element;
        while (reader.next(key, element))
            list.push_back(typedEntry(key, element, withKeys));
        return list;
    }
    case ValueType::Empty:
        break;
    }
    return nullptr;
}

Json typedAttributes(std::string_view blob)
{
    Json list = Json::array();
    for (const auto& attribute : writers::attributes(blob))
        list.push_back(typedEntry(attribute.key, attribute.value, true));
    return list;
}

Json markNames(uint32_t flags)
{
    static constexpr std::pair<uint32_t, const char*> names[] = {
        {SpanFlag::Error, "error"},
        {SpanFlag::Shared, "shared"},
        {SpanFlag::MissingStart, "missing_start"},
        {SpanFlag::MissingEnd, "missing_end"},
        {SpanFlag::HashedId, "hashed_id"},
        {SpanFlag::EndBeforeStart, "end_before_start"},
        {SpanFlag::SyntheticId, "synthetic_id"},
    };
    Json list = Json::array();
    for (const auto& [bit, name] : names) {
        if (flags & bit)
            list.push_back(name);
        flags &= ~bit;
    }
    for (int bit = 0; bit < 32; ++bit) {
        if (flags & (1u << bit))
            list.push_back("bit " + std::to_string(bit));
    }
    return list;
}

const char* linkTypeName(LinkType type)
{
    switch (type) {
    case LinkType::ChildOf:
        return "child_of";
    case LinkType::FollowsFrom:
        return "follows_from";
    case LinkType::Link:
        break;
    }
    return "link";
}

Json canonicalSpan(const SpanDetails& span)
{
    Json json = Json::object();
    json["trace_id"] = toHex128(span.traceId);
    json["span_id"] = toHex64(span.spanId);
    json["parent_span_id"] = span.parentSpanId ? Json(toHex64(span.parentSpanId)) : Json(nullptr);
    json["service"] = span.service;
    json["name"] = span.name;
    json["kind"] = spanKindName(span.kind);
    // A missing time is null, never 0: 0 is the epoch, a valid time.
    json["start_ns"] = writers::hasStart(span) ? Json(span.startNs) : Json(nullptr);
    json["end_ns"] = writers::hasEnd(span) ? Json(span.endNs) : Json(nullptr);
    json["status"] = Json{{"code", statusCodeName(span.status)}, {"message", span.statusMessage}};
    json["marks"] = markNames(span.flags);
    json["w3c_flags"] = span.w3cFlags;
    json["trace_state"] = span.traceState;
    json["attributes"] = typedAttributes(span.attributes);
    json["dropped_attributes_count"] = span.droppedAttributes;
    Json events = Json::array();
    for (const SpanEvent& event : span.events) {
        events.push_back(Json{{"time_ns", event.timeNs},
                              {"name", event.name},
                              {"attributes", typedAttributes(event.attributes)},
                              {"dropped_attributes_count", event.droppedAttributes}});
    }
    json["events"] = std::move(events);
    json["dropped_events_count"] = span.droppedEvents;
    Json links = Json::array();
    for (const SpanLink& link : span.links) {
        links.push_back(Json{{"trace_id", toHex128(link.traceId)},
                             {"span_id", toHex64(link.spanId)},
                             {"type", linkTypeName(link.type)},
                             {"trace_state", link.traceState},
                             {"flags", link.flags},
                             {"attributes", typedAttributes(link.attributes)},
                             {"dropped_attributes_count", link.droppedAttributes}});
    }
    json["links"] = std::move(links);
    json["dropped_links_count"] = span.droppedLinks;
    json["resource"] = Json{{"attributes", typedAttributes(span.resourceAttributes)}};
    json["scope"] = Json{{"name", span.scopeName},
                         {"version", span.scopeVersion},
                         {"attributes", typedAttributes(span.scopeAttributes)}};
    return json;
}

// Every line of a nested JSON text moved right, to sit inside the top-level array. JSON strings
// never hold a raw newline, so every '\n' is a line break.
std::string indented(const std::string& text, const std::string& indent)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        end = end == std::string::npos ? text.size() : end + 1;
        out += indent;
        out.append(text, begin, end - begin);
        begin = end;
    }
    return out;
}

class CanonicalJsonWriter final : public TraceWriter
{
public:
    explicit CanonicalJsonWriter(std::ostream& out) : m_out(out) { m_out << "{\n  \"spans\": ["; }

    void writeTrace(std::span<const SpanDetails> spans) override
    {
        struct Entry
        {
            const SpanDetails* span;
            std::string text;
        };
        std::vector<Entry> entries;
        entries.reserve(spans.size());
        for (const SpanDetails& span : spans)
            entries.push_back(Entry{&span, writers::dumpJson(canonicalSpan(span), 2)});
        // Spans by (start, span id, service, name); the full text breaks the remaining ties
        // (duplicate ids), so the order never depends on the input's order.
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            const SpanDetails& x = *a.span;
            const SpanDetails& y = *b.span;
            if (x.startNs != y.startNs)
                return x.startNs < y.startNs;
            if (x.spanId != y.spanId)
                return x.spanId < y.spanId;
            if (x.service != y.service)
                return x.service < y.service;
            if (x.name != y.name)
                return x.name < y.name;
            return a.text < b.text;
        });
        for (const Entry& entry : entries) {
            m_out << (m_first ? "\n" : ",\n") << indented(entry.text, "    ");
            m_first = false;
        }
    }

    void finish() override { m_out << (m_first ? "]\n}\n" : "\n  ]\n}\n"); }

private:
    std::ostream& m_out;
    bool m_first = true;
};

} // namespace

std::unique_ptr<TraceWriter> makeCanonicalJsonWriter(std::ostream& out)
{
    return std::make_unique<CanonicalJsonWriter>(out);
}

} // namespace spanscope
