// SPDX-License-Identifier: MIT
#pragma once

#include "ZipkinRecord.h"
#include "importers/common/OtelTags.h"
#include "importers/common/TextClipper.h"
#include "model/AttributeCodec.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace spanscope {

class SpanSink;
struct ImportLimits;

// Turns a span of Zipkin's v2 model into our SpanRecord (docs/FORMATS.md, "Zipkin JSON"):
// µs -> ns, tags -> string attributes, the remote endpoint -> peer.service / net.peer.* attributes,
// annotations -> events, an `error` tag -> error status with the tag's value as message,
// OpenTelemetry's otel.status_code, otel.status_description, otel.scope.* and w3c.tracestate tags
// -> status, message, scope and trace state, shared -> SpanFlag::Shared. Each distinct local endpoint becomes
// one resource (service.name, net.host.ip, net.host.ipv6, net.host.port).
class ZipkinSpanWriter
{
public:
    // Endpoints seen in a file are few; the bound only matters for hostile input. When the map is
    // full it starts over, which can cost a duplicate resource, never a wrong one.
    static constexpr size_t kMaxEndpoints = 10'000;

    ZipkinSpanWriter(SpanSink& sink, const ImportLimits& limits);

    // Names and messages cut at the value limit so far (TextClipper).
    uint64_t clippedTexts() const { return m_clipper.clipped(); }

    // `out` points into this object and `span` until the next call.
    void write(const ZipkinRecord& record, const ZipkinSpan& span, SpanRecord& out,
               std::vector<std::string>& notes);

private:
    ResourceRef resourceFor(const ZipkinEndpoint& endpoint);

    SpanSink& m_sink;
    const ImportLimits& m_limits;
    AttributeEncoder m_attributes;
    AttributeEncoder m_resourceAttributes;
    std::vector<EventRecord> m_events;
    std::unordered_map<std::string, ResourceRef> m_resources;
    std::string m_key;
    TextClipper m_clipper;
    OtelTags m_otel;
    ScopeTable m_scopes;
};

} // namespace spanscope
