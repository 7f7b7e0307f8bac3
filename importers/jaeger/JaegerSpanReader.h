// SPDX-License-Identifier: MIT
#pragma once

#include "JaegerTags.h"
#include "importers/common/AttributeEncoderPool.h"
#include "importers/common/FieldRetry.h"
#include "importers/common/OtelTags.h"
#include "importers/common/TextClipper.h"
#include "importers/json/SimdjsonValues.h"
#include "model/AttributeCodec.h"
#include "model/SpanRecord.h"

#include <deque>
#include <string>
#include <vector>

namespace spanscope {

struct ImportLimits;

// How a Jaeger span names its service: an id into its trace's "processes" map (query API, UI),
// or a "process" object of its own (the anonymizer's "embedded process" form, api_v2).
struct JaegerProcessRef
{
    std::string_view processId;
    bool embedded = false;
    ResourceRecord resource; // the embedded process
};

// Reads the pieces of Jaeger JSON the importer captured from the stream (a span, a process, an
// api_v2 processMap entry) with simdjson on-demand, in both spellings: the query API/UI's
// (traceID, hex ids, µs numbers, typed tags) and api_v2 protobuf-JSON's (traceId, base64 ids,
// RFC 3339 times, "22938000ns" durations, vType tags). docs/FORMATS.md, "Jaeger JSON", has the
// mapping. Records point into this object's buffers until the next parse call.
//
// A field of the wrong JSON type (tags that are not an array, a string where a number belongs)
// is dropped with a note and the span kept; only a missing or unusable trace or span id skips
// the span. Syntax errors and invalid UTF-8 are left to parseElement().
class JaegerSpanReader
{
public:
    explicit JaegerSpanReader(const ImportLimits& limits);

    void parseSpan(std::string_view json, size_t capacity, SpanRecord& span, JaegerProcessRef& process);
    void parseProcess(std::string_view json, size_t capacity, ResourceRecord& resource);
    void parseProcessMapEntry(std::string_view json, size_t capacity, std::string_view& processId,
                              ResourceRecord& resource);
    // The "warnings" and "errors" of a trace object or query response, as notes; other fields
    // are ignored.
    void parseTraceMessages(std::string_view json, size_t capacity);

    // Non-fatal findings of the last parse, for warnings; span-level "warnings" are among them.
    const std::vector<std::string>& notes() const { return m_notes; }
    // What the last span looked like, for the import's variant.
    bool lastUsedApiV2() const { return m_apiV2; }
    bool lastHadHashedId() const { return m_hashed; }
    // OpenTelemetry's tags of the last span (its scope, which the importer turns into a record).
    const OtelTags& lastOtelTags() const { return m_otel; }

private:
    // The fields a type error can drop one by one (FieldRetry).
    enum Field : uint32_t
    {
        TraceIdField = 1u << 0,
        SpanIdField = 1u << 1,
        ParentField = 1u << 2,
        FlagsField = 1u << 3,
        NameField = 1u << 4,
        ReferencesField = 1u << 5,
        StartField = 1u << 6,
        DurationField = 1u << 7,
        TagsField = 1u << 8,
        LogsField = 1u << 9,
        ProcessIdField = 1u << 10,
        ProcessField = 1u << 11,
        WarningsField = 1u << 12,
        ServiceNameField = 1u << 13,
        ProcessTagsField = 1u << 14,
    };
    // Without these a span means nothing: a type error in them skips it.
    static constexpr uint32_t kEssential = TraceIdField | SpanIdField;

    struct Reference
    {
        TraceId traceId;
        bool traceGiven = false;
        uint64_t spanId = 0;
        LinkType type = LinkType::ChildOf;
    };

    void addRetryNotes();
    void parseSpanOnce(std::string_view json, size_t capacity, SpanRecord& span, JaegerProcessRef& process);
    void parseProcessOnce(std::string_view json, size_t capacity, ResourceRecord& resource);

    void readTags(ondemand::value array, SpanRecord& span);
    void applyOtelTags(SpanRecord& span);
    void readLogs(ondemand::value array);
    void readReferences(ondemand::value array);
    void readWarnings(ondemand::value array);
    void readProcessObject(ondemand::value object, ResourceRecord& resource);
    void resolveParentAndLinks(SpanRecord& span, uint64_t legacyParent);
    std::optional<int64_t> readTime(ondemand::value value, const char* field);
    std::optional<int64_t> readDuration(ondemand::value value);
    std::optional<TraceId> readTraceId(ondemand::value value, const char* field, bool report);
    std::optional<uint64_t> readSpanId(ondemand::value value, const char* field, bool report);
    std::string_view own(std::string_view text);
    std::string_view clip(std::string_view text);

    const ImportLimits& m_limits;
    ondemand::parser m_parser;
    JaegerTagReader m_tags;
    JaegerTag m_tag;
    AttributeEncoder m_attributes;
    AttributeEncoder m_processAttributes;
    AttributeEncoderPool m_eventAttributes;
    std::vector<EventRecord> m_events;
    std::vector<LinkRecord> m_links;
    std::vector<Reference> m_references;
    std::deque<std::string> m_owned; // copies of texts that must outlive the parse
    TextClipper m_clipper;           // names and messages cut at the value limit
    std::vector<std::string> m_notes;
    OtelTags m_otel;
    FieldRetry m_retry{kEssential};
    bool m_apiV2 = false;
    bool m_hashed = false;
    uint32_t m_droppedLogs = 0;
};

} // namespace spanscope
