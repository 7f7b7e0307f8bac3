// SPDX-License-Identifier: MIT
#include "JaegerSpanReader.h"

#include "JaegerText.h"
#include "JaegerTime.h"
#include "importers/common/IdCodec.h"
#include "model/ImportLimits.h"

namespace spanscope {

using jaeger::isKey;
using jaeger::quoted;

JaegerSpanReader::JaegerSpanReader(const ImportLimits& limits)
    : m_limits(limits), m_attributes(&limits), m_processAttributes(&limits), m_eventAttributes(limits),
      m_clipper(limits.maxValueBytes)
{}

std::string_view JaegerSpanReader::own(std::string_view text)
{
    return m_owned.emplace_back(text);
}

std::string_view JaegerSpanReader::clip(std::string_view text)
{
    const uint64_t before = m_clipper.clipped();
    text = m_clipper.clip(text);
    if (m_clipper.clipped() != before)
        m_notes.push_back("a name, message or service name longer than " +
                          std::to_string(m_limits.maxValueBytes) + " bytes was truncated");
    return text;
}

void JaegerSpanReader::addRetryNotes()
{
    // Dropped fields first: they explain what follows.
    m_notes.insert(m_notes.begin(), m_retry.notes().begin(), m_retry.notes().end());
}

// Jaeger UI fixtures and hand-written files use ids like "trace-1": a stable hash keeps them apart
// and consistent between a span and the references to it. Only the span's own ids are reported
// (`report`); a reference to such a span is hashed the same way without repeating the warning.
std::optional<TraceId> JaegerSpanReader::readTraceId(ondemand::value value, const char* field, bool report)
{
    const std::string_view text = readString(value, field);
    if (text.empty())
        return std::nullopt;
    if (const auto id = parseTraceIdText(text))
        return *id;
    if (report) {
        m_hashed = true;
        m_notes.push_back(std::string("\"") + field + "\" " + quoted(text) +
                          " is not hex; a stable hash stands in for it");
    }
    return TraceId{0, hashId64(text)};
}

std::optional<uint64_t> JaegerSpanReader::readSpanId(ondemand::value value, const char* field, bool report)
{
    const std::string_view text = readString(value, field);
    if (text.empty())
        return std::nullopt;
    if (const auto id = parseSpanIdText(text))
        return *id;
    if (report) {
        m_hashed = true;
        m_notes.push_back(std::string("\"") + field + "\" " + quoted(text) +
                          " is not hex; a stable hash stands in for it");
    }
    return hashId64(text);
}

std::optional<int64_t> JaegerSpanReader::readTime(ondemand::value value, const char* field)
{
    switch (value.type().value()) {
    case ondemand::json_type::null:
        return std::nullopt;
    case ondemand::json_type::string: {
        const std::string_view text = value.get_string().value();
        if (const auto micros = parseDecimalInt64(text)) {
            if (const auto nanos = microsToNanos(*micros))
                return nanos;
        } else if (const auto nanos = parseRfc3339Nanos(text)) {
            m_apiV2 = true;
            return nanos;
        }
        throw ElementError(std::string("\"") + field + "\" " + quoted(text) +
                           " is neither µs nor an RFC 3339 time");
    }
    default:
        if (const auto nanos = microsToNanos(readInt64(value, field)))
            return nanos;
        throw ElementError(std::string("\"") + field + "\" is out of range");
    }
}

std::optional<int64_t> JaegerSpanReader::readDuration(ondemand::value value)
{
    switch (value.type().value()) {
    case ondemand::json_type::null:
        return std::nullopt;
    case ondemand::json_type::string: {
        const std::string_view text = value.get_string().value();
        if (const auto micros = parseDecimalInt64(text)) {
            if (const auto nanos = microsToNanos(*micros))
                return nanos;
        } else if (const auto nanos = parseDurationNanos(text)) {
            m_apiV2 = true;
            return nanos;
        }
        throw ElementError("\"duration\" " + quoted(text) + " is neither µs nor a duration like \"5ms\"");
    }
    default:
        if (const auto nanos = microsToNanos(readInt64(value, "duration")))
            return nanos;
        throw ElementError("\"duration\" is out of range");
    }
}

void JaegerSpanReader::resolveParentAndLinks(SpanRecord& span, uint64_t legacyParent)
{
    // Jaeger's rule (jaeger-idl Span.ParentSpanID, docs/ANALYSIS.md): the first CHILD_OF within the
    // span's own trace, else the first FOLLOWS_FROM within it. Every other reference is a link.
    for (Reference& reference : m_references) {
        if (!reference.traceGiven)
            reference.traceId = span.traceId; // api_v2 may leave it out: the span's own trace
    }
    size_t parentIndex = SIZE_MAX;
    for (const LinkType wanted : {LinkType::ChildOf, LinkType::FollowsFrom}) {
        for (size_t i = 0; i < m_references.size() && parentIndex == SIZE_MAX; ++i) {
            if (m_references[i].type == wanted && m_references[i].traceId == span.traceId)
                parentIndex = i;
        }
    }
    if (parentIndex != SIZE_MAX)
        span.parentSpanId = m_references[parentIndex].spanId;
    else
        span.parentSpanId = legacyParent; // the deprecated "parentSpanID" field of old data
    for (size_t i = 0; i < m_references.size(); ++i) {
        if (i == parentIndex)
            continue;
        if (m_links.size() >= m_limits.maxLinksPerSpan) {
            m_notes.push_back("references beyond " + std::to_string(m_limits.maxLinksPerSpan) + " dropped");
            span.droppedLinks = uint32_t(m_references.size() - i);
            break;
        }
        LinkRecord link;
        link.traceId = m_references[i].traceId;
        link.spanId = m_references[i].spanId;
        link.type = m_references[i].type;
        m_links.push_back(link);
    }
}

void JaegerSpanReader::parseSpan(std::string_view json, size_t capacity, SpanRecord& span,
                                 JaegerProcessRef& process)
{
    m_retry.run(json, [&] { parseSpanOnce(json, capacity, span, process); });
    addRetryNotes();
}

void JaegerSpanReader::parseSpanOnce(std::string_view json, size_t capacity, SpanRecord& span,
                                     JaegerProcessRef& process)
{
    span = SpanRecord{};
    process = JaegerProcessRef{};
    m_notes.clear();
    m_owned.clear();
    m_clipper.clear();
    m_events.clear();
    m_links.clear();
    m_references.clear();
    m_otel.clear();
    m_attributes.clear();
    m_attributes.resetLimitCounters();
    m_processAttributes.clear();
    m_processAttributes.resetLimitCounters();
    m_apiV2 = false;
    m_hashed = false;
    m_droppedLogs = 0;

    std::optional<int64_t> start;
    std::optional<int64_t> duration;
    uint64_t legacyParent = 0;
    bool haveTrace = false;
    bool haveSpan = false;

    ondemand::document document = m_parser.iterate(json, capacity);
    if (document.type().value() != ondemand::json_type::object)
        throw ElementError("not a JSON object");
    for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key().value();
        ondemand::value value = field.value();
        const auto wants = [&](uint32_t bit, const char* name) {
            return m_retry.enter(bit, name);
        };
        if (isKey(key, "traceID", "traceId")) {
            if (wants(TraceIdField, "traceID")) {
                m_apiV2 |= key == "traceId";
                const auto id = readTraceId(value, "traceID", true);
                haveTrace = id && id->isValid();
                if (id)
                    span.traceId = *id;
            }
        } else if (isKey(key, "spanID", "spanId")) {
            if (wants(SpanIdField, "spanID")) {
                const auto id = readSpanId(value, "spanID", true);
                haveSpan = id && *id != 0;
                if (id)
                    span.spanId = *id;
            }
        } else if (isKey(key, "parentSpanID", "parentSpanId")) {
            if (wants(ParentField, "parentSpanID")) {
                const std::string_view text = readString(value, "parentSpanID");
                if (const auto id = parseSpanIdText(text))
                    legacyParent = *id;
                else
                    legacyParent = hashId64(text); // as the referenced span's own id was hashed
            }
        } else if (key == "flags") {
            if (wants(FlagsField, "flags"))
                span.w3cFlags = uint32_t(readInt64(value, "flags"));
        } else if (isKey(key, "operationName", "operation_name")) {
            if (wants(NameField, "operationName"))
                span.name = clip(readString(value, "operationName"));
        } else if (key == "references") {
            if (wants(ReferencesField, "references"))
                readReferences(value);
        } else if (isKey(key, "startTime", "start_time")) {
            if (wants(StartField, "startTime"))
                start = readTime(value, "startTime");
        } else if (key == "duration") {
            if (wants(DurationField, "duration"))
                duration = readDuration(value);
        } else if (key == "tags") {
            if (wants(TagsField, "tags"))
                readTags(value, span);
        } else if (key == "logs") {
            if (wants(LogsField, "logs"))
                readLogs(value);
        } else if (isKey(key, "processID", "processId")) {
            if (wants(ProcessIdField, "processID"))
                process.processId = readString(value, "processID");
        } else if (key == "process") {
            if (wants(ProcessField, "process") && value.type().value() != ondemand::json_type::null) {
                readProcessObject(value, process.resource);
                process.embedded = true;
            }
        } else if (key == "warnings") {
            if (wants(WarningsField, "warnings"))
                readWarnings(value);
        }
        m_retry.leave();
    }

    // A missing, empty or all-zero id is "no id": the importer gives a synthetic one.
    if (!haveTrace)
        span.traceId = TraceId{};
    if (!haveSpan)
        span.spanId = 0;
    if (m_hashed)
        span.flags |= SpanFlag::HashedId;
    resolveParentAndLinks(span, legacyParent);

    // Only an absent (or null) startTime is missing: 0 is the epoch, which Jaeger UI's own
    // critical-path fixtures start at.
    if (start) {
        span.startNs = *start;
        if (duration && !__builtin_add_overflow(*start, *duration, &span.endNs)) {
            if (*duration < 0)
                span.flags |= SpanFlag::EndBeforeStart;
        } else {
            span.endNs = span.startNs;
            span.flags |= SpanFlag::MissingEnd;
        }
    } else {
        span.flags |= SpanFlag::MissingStart | SpanFlag::MissingEnd;
    }
    applyOtelTags(span);
    if (span.status == StatusCode::Error)
        span.flags |= SpanFlag::Error;
    span.attributes = m_attributes.data();
    span.droppedAttributes = m_attributes.droppedAttributes();
    span.events = m_events;
    span.droppedEvents = m_droppedLogs;
    if (m_droppedLogs)
        m_notes.push_back(std::to_string(m_droppedLogs) + " log(s) beyond " +
                          std::to_string(m_limits.maxEventsPerSpan) + " dropped");
    span.links = m_links;
}

} // namespace spanscope
