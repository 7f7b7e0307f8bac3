// SPDX-License-Identifier: MIT
#pragma once

#include "model/AttributeCodec.h"
#include "model/SpanDetails.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace spanscope::writers {

// Keys keep the order they are written in, so output reads like the formats' own examples.
using Json = nlohmann::ordered_json;

// JSON text of a value. Invalid UTF-8 from a trace file is replaced by U+FFFD, never passed on.
std::string dumpJson(const Json& value, int indent = -1);
void writeJson(std::ostream& out, const Json& value, int indent = -1);

// Trace ids as Jaeger and Zipkin write them: 16 hex digits when the high half is zero, else 32.
std::string shortTraceIdHex(const TraceId& id);

// Nanoseconds to the microseconds of Jaeger and Zipkin, rounded down, so that a start and an end
// converted separately keep their order.
int64_t toMicros(int64_t ns);
// Whether the file gave the span a start / an end. Absence is a flag, never a time of 0 (the
// epoch, a valid time).
bool hasStart(const SpanDetails& span);
bool hasEnd(const SpanDetails& span);
// A span's duration in whole microseconds as Jaeger and Zipkin see it: both ends rounded down;
// 0 when the end precedes the start (these formats have no negative durations). Only for spans
// with both times.
int64_t durationMicros(const SpanDetails& span);

// Every attribute of a blob, in file order.
struct Attribute
{
    std::string_view key;
    ValueView value;
};
std::vector<Attribute> attributes(std::string_view blob);
bool hasAttribute(std::string_view blob, std::string_view key);

// A span's resource attributes with service.name in front when the blob lacks it: resources read
// from Jaeger and Zipkin keep the service beside their attributes, OTLP puts it among them.
std::string resourceAttributesWithService(const SpanDetails& span);

// A trace's spans grouped by resource, then by instrumentation scope, each group in order of first
// appearance and its spans in the order given: the shape of OTLP's ResourceSpans/ScopeSpans.
// Resources and scopes are compared by content, so spans of one service that arrived in separate
// Collector messages share a group.
struct ScopeGroup
{
    std::vector<const SpanDetails*> spans;
};
struct ResourceGroup
{
    std::vector<ScopeGroup> scopes;
};
std::vector<ResourceGroup> groupByResourceAndScope(std::span<const SpanDetails> spans);

// Identity of a span's resource (service and attributes) and scope, for grouping.
std::string resourceKey(const SpanDetails& span);
std::string scopeKey(const SpanDetails& span);

// The relation a link expresses. Links read from Jaeger keep CHILD_OF / FOLLOWS_FROM as their
// type; written to OTLP they carry it as the semantic-convention attribute opentracing.ref_type,
// which is read back here, so Jaeger → OTLP → Jaeger keeps the reference types.
LinkType effectiveLinkType(const SpanLink& link);
const char* refTypeAttributeValue(LinkType type); // "child_of", "follows_from", or nullptr

} // namespace spanscope::writers
