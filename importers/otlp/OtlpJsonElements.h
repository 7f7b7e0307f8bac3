// SPDX-License-Identifier: MIT
#pragma once

#include "importers/common/AttributeEncoderPool.h"
#include "importers/common/TextClipper.h"
#include "importers/json/SimdjsonValues.h"
#include "model/AttributeCodec.h"
#include "model/SpanRecord.h"

#include <deque>
#include <string>
#include <vector>

namespace spanscope {

struct ImportLimits;

// Reads the pieces of OTLP JSON (a Span, a Resource, an InstrumentationScope) that the importer
// captured from the stream, with simdjson. Accepts every variant docs/FORMAT-REFERENCE.md lists: hex or
// base64 ids, integer or named enums, int64 as strings or numbers, camelCase or snake_case keys. Records
// point into this object's buffers until the next parse call.
class OtlpJsonElements
{
public:
    explicit OtlpJsonElements(const ImportLimits& limits);

    // Each throws ElementError or simdjson_error when the element is unusable.
    void parseSpan(std::string_view json, size_t capacity, SpanRecord& span);
    void parseResource(std::string_view json, size_t capacity, ResourceRecord& resource);
    void parseScope(std::string_view json, size_t capacity, ScopeRecord& scope);

    // Non-fatal findings of the last parse (a bad parent id, truncated values), for warnings.
    const std::vector<std::string>& notes() const { return m_notes; }

private:
    template<class Encoder>
    void addAnyValue(Encoder& encoder, std::string_view key, ondemand::value value, int depth);
    void readAttributes(AttributeEncoder& encoder, ondemand::value array);
    void readEvents(ondemand::value array);
    void readLinks(ondemand::value array);
    void readStatus(ondemand::value status, SpanRecord& span);
    // A span or event name or a status message, cut at the value limit like Jaeger's and Zipkin's.
    std::string_view clip(std::string_view text);

    const ImportLimits& m_limits;
    ondemand::parser m_parser;
    AttributeEncoder m_attributes;
    AttributeEncoderPool m_eventAttributes;
    AttributeEncoderPool m_linkAttributes;
    std::vector<EventRecord> m_events;
    std::vector<LinkRecord> m_links;
    std::vector<std::string> m_notes;
    std::string m_serviceName;
    std::string m_scratch;
    TextClipper m_clipper; // clipped copies live until the next parseSpan
};

// "SPAN_KIND_SERVER", "SERVER", 2, ... ; nullopt if unknown.
std::optional<SpanKind> spanKindFromName(std::string_view name);
std::optional<StatusCode> statusCodeFromName(std::string_view name);

} // namespace spanscope
