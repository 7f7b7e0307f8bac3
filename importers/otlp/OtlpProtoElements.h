// SPDX-License-Identifier: MIT
#pragma once

#include "ProtoWire.h"
#include "importers/common/AttributeEncoderPool.h"
#include "model/AttributeCodec.h"
#include "model/SpanRecord.h"

#include <deque>
#include <string>
#include <vector>

namespace spanscope {

struct ImportLimits;

// Decodes the pieces of OTLP protobuf that the importer takes whole from the stream (a Span, a
// Resource, an InstrumentationScope) straight into the internal records, mapping every field as
// OtlpJsonElements does. Wire-format errors (bad lengths, wrong wire types, nesting beyond the
// limit) throw ImportFailure at the byte offset; semantic problems (invalid ids) make parseSpan()
// return false with the reason in notes(). Records point into the input bytes and this object's
// buffers until the next parse call.
class OtlpProtoElements
{
public:
    explicit OtlpProtoElements(const ImportLimits& limits);

    bool parseSpan(std::string_view bytes, uint64_t offset, SpanRecord& span);
    void parseResource(std::string_view bytes, uint64_t offset, ResourceRecord& resource);
    void parseScope(std::string_view bytes, uint64_t offset, ScopeRecord& scope);

    // Non-fatal findings of the last parse (a bad parent id, truncated values), for warnings.
    const std::vector<std::string>& notes() const { return m_notes; }

private:
    template<class Encoder>
    void addAnyValue(Encoder& encoder, std::string_view key, const proto::Field& value, int depth);
    template<class Encoder>
    void addKeyValue(Encoder& encoder, const proto::Field& keyValue, int depth);
    void readAttributes(AttributeEncoder& encoder, const proto::Field& keyValue);
    void readEvent(const proto::Field& field);
    void readLink(const proto::Field& field);
    void readStatus(const proto::Field& field, SpanRecord& span);
    std::string_view text(std::string_view raw);
    void beginElement();

    const ImportLimits& m_limits;
    AttributeEncoder m_attributes;
    AttributeEncoder m_ownerAttributes; // resource or scope
    AttributeEncoderPool m_eventAttributes;
    AttributeEncoderPool m_linkAttributes;
    std::vector<EventRecord> m_events;
    std::vector<LinkRecord> m_links;
    std::vector<std::string> m_notes;
    std::deque<std::string> m_repaired; // strings whose invalid UTF-8 was replaced
    std::string m_serviceName;
    bool m_eventsCut = false;
    bool m_linksCut = false;
    bool m_strindexSeen = false;
};

} // namespace spanscope
