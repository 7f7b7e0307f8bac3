// SPDX-License-Identifier: MIT
#pragma once

#include "model/Ids.h"
#include "model/SpanRecord.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace spanscope {

// Zipkin's Endpoint. Texts point into the record's parse buffers.
struct ZipkinEndpoint
{
    std::string_view serviceName;
    std::string_view ipv4;
    std::string_view ipv6;
    uint32_t port = 0; // 0 = absent, as in Zipkin

    // Zipkin reads an endpoint with nothing in it as no endpoint.
    bool present() const { return !serviceName.empty() || !ipv4.empty() || !ipv6.empty() || port != 0; }
};

struct ZipkinAnnotation
{
    int64_t timestampUs = 0;
    std::string_view value;
    ZipkinEndpoint endpoint; // v1 only
};

struct ZipkinTag
{
    std::string_view key;
    std::string_view value;
};

// A v1 binaryAnnotation. Zipkin keeps string values as tags and `true` on ca/sa/ma as addresses.
struct ZipkinBinaryAnnotation
{
    enum class Kind : uint8_t
    {
        String,
        True,
        Other, // false, a number, an object: kept as a tag with its JSON text
    };
    std::string_view key;
    std::string_view text;
    Kind kind = Kind::String;
    ZipkinEndpoint endpoint;
};

// One JSON object of a Zipkin file, v1 or v2 (docs/FORMAT-REFERENCE.md §6, §7). Times are µs; 0 means absent,
// as Zipkin itself has it.
struct ZipkinRecord
{
    TraceId traceId;
    uint64_t id = 0;
    uint64_t parentId = 0;
    std::string_view name;
    SpanKind kind = SpanKind::Unspecified;
    int64_t timestampUs = 0;
    int64_t durationUs = 0;
    bool debug = false;
    bool shared = false;
    ZipkinEndpoint localEndpoint;
    ZipkinEndpoint remoteEndpoint;
    std::vector<ZipkinAnnotation> annotations;
    std::vector<ZipkinTag> tags;
    std::vector<ZipkinBinaryAnnotation> binaryAnnotations;

    bool hasV2Fields = false; // localEndpoint, remoteEndpoint, kind, tags or shared
    bool hasV1Fields = false; // binaryAnnotations, or an annotation with an endpoint
    bool hasAnnotationEndpoint = false;
    uint32_t droppedAnnotations = 0; // beyond ImportLimits::maxEventsPerSpan

    // docs/FORMAT-REFERENCE.md §8.5: v2 keys make a v2 record; otherwise v1 keys make a v1 record; a record
    // with neither reads the same both ways and goes the v2 way.
    bool isV1() const { return hasV1Fields && !hasV2Fields; }
};

// One span of Zipkin's v2 model: what a v2 record is, and what a v1 record converts into (one or
// two of them). Ids come from the record it was made from.
struct ZipkinSpan
{
    SpanKind kind = SpanKind::Unspecified;
    int64_t timestampUs = 0;
    int64_t durationUs = 0;
    bool shared = false;
    ZipkinEndpoint localEndpoint;
    ZipkinEndpoint remoteEndpoint;
    std::vector<ZipkinAnnotation> annotations;
    std::vector<ZipkinTag> tags;

    void clear()
    {
        kind = SpanKind::Unspecified;
        timestampUs = durationUs = 0;
        shared = false;
        localEndpoint = remoteEndpoint = ZipkinEndpoint{};
        annotations.clear();
        tags.clear();
    }
};

} // namespace spanscope
