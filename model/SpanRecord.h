// SPDX-License-Identifier: MIT
#pragma once

#include "Ids.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace spanscope {

// OTLP's SpanKind; every other format maps onto it (docs/FORMATS.md).
enum class SpanKind : uint8_t
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5
};
enum class StatusCode : uint8_t
{
    Unset = 0,
    Ok = 1,
    Error = 2
};

const char* spanKindName(SpanKind kind);     // "SERVER", ...
const char* statusCodeName(StatusCode code); // "UNSET", "OK", "ERROR"

// Facts an importer knows about a span beyond its fields. Stored in spans.flags.
namespace SpanFlag {
enum : uint32_t
{
    Error = 1u << 0,        // in error by the format's rule (docs/ANALYSIS.md, "Errors")
    Shared = 1u << 1,       // Zipkin: the server half of an RPC whose client half has the same id
    MissingStart = 1u << 2, // the file has no start time for this span
    MissingEnd = 1u << 3,   // the file has no end time or duration
    HashedId = 1u << 4,     // span id was not hex; a stable hash stands in for it
    EndBeforeStart = 1u << 5,
    SyntheticId = 1u << 6, // the file left the trace or span id empty: Spanscope made one up
};
}

// Handles an importer gets from its sink; 0 means "none". Valid for one import only.
using ResourceRef = uint32_t;
using ScopeRef = uint32_t;

// How a link relates to its span. Jaeger's extra references keep their type so conversion back to
// Jaeger JSON is faithful; OTLP links are plain.
enum class LinkType : uint8_t
{
    Link = 0,
    ChildOf = 1,
    FollowsFrom = 2
};

struct EventRecord
{
    int64_t timeNs = 0;
    std::string_view name;
    std::string_view attributes; // AttributeEncoder blob
    uint32_t droppedAttributes = 0;
};

struct LinkRecord
{
    TraceId traceId;
    uint64_t spanId = 0;
    std::string_view traceState;
    std::string_view attributes;
    uint32_t flags = 0;
    uint32_t droppedAttributes = 0;
    LinkType type = LinkType::Link;
};

// The one internal span record every format becomes before any shared stage (docs/ARCHITECTURE.md,
// "Conventions"). Views point into the importer's buffers and are valid only during SpanSink::addSpan().
struct SpanRecord
{
    TraceId traceId;
    uint64_t spanId = 0;
    uint64_t parentSpanId = 0; // 0 = root
    std::string_view name;
    std::string_view traceState;
    std::string_view statusMessage;
    std::string_view attributes; // AttributeEncoder blob
    int64_t startNs = 0;
    int64_t endNs = 0;
    ResourceRef resource = 0;
    ScopeRef scope = 0;
    SpanKind kind = SpanKind::Unspecified;
    StatusCode status = StatusCode::Unset;
    uint32_t flags = 0;    // SpanFlag
    uint32_t w3cFlags = 0; // OTLP Span.flags, Jaeger flags
    uint32_t droppedAttributes = 0;
    uint32_t droppedEvents = 0;
    uint32_t droppedLinks = 0;
    std::span<const EventRecord> events;
    std::span<const LinkRecord> links;
};

// A process, service instance or endpoint. serviceName is what the span lists and colours show.
struct ResourceRecord
{
    std::string_view serviceName;
    std::string_view attributes;
    uint32_t droppedAttributes = 0;
};

struct ScopeRecord
{
    std::string_view name;
    std::string_view version;
    std::string_view attributes;
};

} // namespace spanscope
