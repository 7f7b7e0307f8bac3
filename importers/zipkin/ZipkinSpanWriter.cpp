// SPDX-License-Identifier: MIT
#include "ZipkinSpanWriter.h"

#include "importers/common/AttributeEncoderPool.h"
#include "model/Ids.h"
#include "model/ImportLimits.h"
#include "model/SpanSink.h"

namespace spanscope {

namespace {

std::optional<int64_t> toNanos(int64_t micros)
{
    int64_t nanos = 0;
    if (__builtin_mul_overflow(micros, 1000, &nanos))
        return std::nullopt;
    return nanos;
}

bool hasTag(const ZipkinSpan& span, std::string_view key)
{
    for (const ZipkinTag& tag : span.tags) {
        if (tag.key == key)
            return true;
    }
    return false;
}

} // namespace

ZipkinSpanWriter::ZipkinSpanWriter(SpanSink& sink, const ImportLimits& limits)
    : m_sink(sink), m_limits(limits), m_attributes(&limits), m_resourceAttributes(&limits),
      m_clipper(limits.maxValueBytes), m_scopes(sink)
{}

ResourceRef ZipkinSpanWriter::resourceFor(const ZipkinEndpoint& endpoint)
{
    m_key.clear();
    for (const std::string_view part : {endpoint.serviceName, endpoint.ipv4, endpoint.ipv6}) {
        m_key += std::to_string(part.size());
        m_key += ':';
        // A long part (hostile input) is keyed by its hash, which keeps the map small.
        m_key += part.size() <= 256 ? std::string(part) : toHex64(hashId64(part));
    }
    m_key += std::to_string(endpoint.port);
    if (const auto it = m_resources.find(m_key); it != m_resources.end())
        return it->second;

    m_resourceAttributes.clear();
    m_resourceAttributes.resetLimitCounters();
    if (!endpoint.serviceName.empty())
        m_resourceAttributes.addString("service.name", endpoint.serviceName);
    if (!endpoint.ipv4.empty())
        m_resourceAttributes.addString("net.host.ip", endpoint.ipv4);
    if (!endpoint.ipv6.empty())
        m_resourceAttributes.addString("net.host.ipv6", endpoint.ipv6);
    if (endpoint.port != 0)
        m_resourceAttributes.addInt("net.host.port", endpoint.port);
    ResourceRecord resource;
    resource.serviceName = m_clipper.clip(endpoint.serviceName);
    resource.attributes = m_resourceAttributes.data();
    const ResourceRef ref = m_sink.addResource(resource);
    if (m_resources.size() >= kMaxEndpoints)
        m_resources.clear();
    m_resources.emplace(m_key, ref);
    return ref;
}

void ZipkinSpanWriter::write(const ZipkinRecord& record, const ZipkinSpan& span, SpanRecord& out,
                             std::vector<std::string>& notes)
{
    out = SpanRecord{};
    out.traceId = record.traceId;
    out.spanId = record.id;
    out.parentSpanId = record.parentId;
    m_clipper.clear();
    const uint64_t clippedBefore = m_clipper.clipped();
    out.name = m_clipper.clip(record.name);
    out.kind = span.kind;
    if (span.shared)
        out.flags |= SpanFlag::Shared;
    if (record.debug)
        out.w3cFlags = 0x3; // sampled and debug, Jaeger's flag bits (Zipkin's debug forces sampling)

    const std::optional<int64_t> start = span.timestampUs != 0 ? toNanos(span.timestampUs) : std::nullopt;
    const std::optional<int64_t> duration = span.durationUs != 0 ? toNanos(span.durationUs) : std::nullopt;
    if (span.timestampUs != 0 && !start)
        notes.emplace_back("\"timestamp\" out of range; the span has no start time");
    if (start) {
        out.startNs = *start;
        if (duration && !__builtin_add_overflow(*start, *duration, &out.endNs)) {
            if (*duration < 0)
                out.flags |= SpanFlag::EndBeforeStart;
        } else {
            out.endNs = out.startNs;
            out.flags |= SpanFlag::MissingEnd;
        }
    } else {
        out.flags |= SpanFlag::MissingStart | SpanFlag::MissingEnd;
    }

    m_attributes.clear();
    m_attributes.resetLimitCounters();
    m_otel.clear();
    std::optional<std::string_view> errorTag;
    for (const ZipkinTag& tag : span.tags) {
        m_attributes.addString(tag.key, tag.value);
        if (tag.key == "error")
            errorTag = tag.value;
        else
            m_otel.read(tag.key, tag.value);
    }
    // OpenTelemetry's Zipkin exporters write the status as otel.status_code (with an `error` tag
    // only when there is a message); Zipkin's own rule is that any `error` tag, even "", means an
    // error, its value the message. An `error` tag therefore makes it ERROR whatever
    // otel.status_code says, as in the Collector's Zipkin receiver.
    if (const auto code = m_otel.statusCode())
        out.status = *code;
    if (errorTag)
        out.status = StatusCode::Error;
    if (out.status == StatusCode::Error)
        out.flags |= SpanFlag::Error;
    if (const auto description = m_otel.statusDescription())
        out.statusMessage = m_clipper.clip(*description);
    if (errorTag && !errorTag->empty())
        out.statusMessage = m_clipper.clip(*errorTag);
    if (const auto traceState = m_otel.traceState())
        out.traceState = m_clipper.clip(*traceState);
    if (m_otel.hasScope())
        out.scope =
            m_scopes.refFor(m_clipper.clip(m_otel.scopeName()), m_clipper.clip(m_otel.scopeVersion()));
    // The peer, under the OpenTelemetry names the Collector's Zipkin receiver uses; a tag that
    // already has the name wins.
    const ZipkinEndpoint& remote = span.remoteEndpoint;
    if (!remote.serviceName.empty() && !hasTag(span, "peer.service"))
        m_attributes.addString("peer.service", remote.serviceName);
    if (!remote.ipv4.empty() && !hasTag(span, "net.peer.ip"))
        m_attributes.addString("net.peer.ip", remote.ipv4);
    if (!remote.ipv6.empty() && !hasTag(span, "net.peer.ipv6"))
        m_attributes.addString("net.peer.ipv6", remote.ipv6);
    if (remote.port != 0 && !hasTag(span, "net.peer.port"))
        m_attributes.addInt("net.peer.port", remote.port);
    noteAttributeLimits(m_attributes, m_limits, "tag", "span", notes);
    out.attributes = m_attributes.data();
    out.droppedAttributes = m_attributes.droppedAttributes();

    m_events.clear();
    for (const ZipkinAnnotation& annotation : span.annotations) {
        EventRecord event;
        event.name = m_clipper.clip(annotation.value);
        if (const auto time = toNanos(annotation.timestampUs))
            event.timeNs = *time;
        m_events.push_back(event);
    }
    out.events = m_events;
    out.droppedEvents = record.droppedAnnotations;
    out.resource = span.localEndpoint.present() ? resourceFor(span.localEndpoint) : 0;
    if (m_clipper.clipped() != clippedBefore)
        notes.push_back("a name, message or service name longer than " +
                        std::to_string(m_limits.maxValueBytes) + " bytes was truncated");
}

} // namespace spanscope
