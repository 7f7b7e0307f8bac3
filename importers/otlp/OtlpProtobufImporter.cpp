// SPDX-License-Identifier: MIT
// OTLP protobuf: TracesData / ExportTraceServiceRequest (the same bytes), bare or as a
// concatenation of messages (the Collector's unframed stream merges into one). The outer levels
// (TracesData, ResourceSpans, ScopeSpans) are walked on the stream without holding them, since one
// ResourceSpans may hold a million spans; each Span, Resource and Scope is taken whole and decoded
// by OtlpProtoElements (docs/FORMATS.md, "OTLP protobuf").
#include "OtlpProtoElements.h"
#include "ProtoStream.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "importers/io/ByteSource.h"

#include <algorithm>

namespace spanscope {

namespace {

using proto::Field;
using proto::ProtoStream;
using proto::WireType;

// ResourceSpans field 1000: v0.15 to v0.18 wrote a deprecated copy of the spans there. Read only
// when the message has no scope_spans (field 2) before it, so the spans are not read twice.
constexpr uint32_t kLegacyLibrarySpans = 1000;

class OtlpProtobufImporter final : public Importer
{
public:
    void run(ImportContext& context) override
    {
        ProtoStream stream(context.source, context.onRead);
        OtlpProtoElements elements(context.limits);
        m_context = &context;
        m_stream = &stream;
        m_elements = &elements;

        uint64_t resourceSpans = 0;
        Field field;
        while (stream.nextField(field, ProtoStream::kUnbounded, "TracesData")) {
            if (field.number == 1) {
                expect(field, WireType::Length, "TracesData", "resource_spans");
                ++resourceSpans;
                readResourceSpans(endOf(field));
            } else {
                skipField(field, "TracesData");
            }
        }
        if (resourceSpans == 0 && stream.offset() > 0)
            proto::failAt(0, "not OTLP protobuf: the content holds no resource_spans (field 1)");
        if (m_legacy)
            context.variant = "legacy instrumentation_library_spans";
    }

private:
    static uint64_t endOf(const Field& field)
    {
        // Saturates below kUnbounded (which means "no end"): a hostile length then runs into the
        // end of the file, reported as truncation.
        return field.dataOffset + std::min(field.value, ProtoStream::kUnbounded - 1 - field.dataOffset);
    }

    void expect(const Field& field, WireType type, const char* message, const char* name) const
    {
        if (field.type != type)
            proto::failAt(field.offset, std::string(message) + ": field " + name + " (" +
                                            std::to_string(field.number) + ") is " +
                                            proto::wireTypeName(field.type) + ", expected " +
                                            proto::wireTypeName(type) + " (not OTLP, or corrupt)");
    }

    void skipField(const Field& field, const char* message)
    {
        if (field.type == WireType::Length)
            m_stream->skip(field.value, message);
    }

    // A piece held whole (a span, a resource) must fit the element limit before it is read.
    std::string_view takeElement(const Field& field, const char* what)
    {
        if (field.value > m_context->limits.maxElementBytes)
            proto::failAt(field.offset, std::string(what) + " of " + std::to_string(field.value) +
                                            " bytes is larger than the limit of " +
                                            std::to_string(m_context->limits.maxElementBytes) + " bytes");
        return m_stream->take(size_t(field.value), what);
    }

    void reportNotes(uint64_t offset)
    {
        for (const std::string& note : m_elements->notes())
            m_context->warn(SourceLocation{offset, 0, 0}, note);
    }

    // Collects the occurrences of a message field (a resource, a scope). Protobuf merges a field
    // that occurs twice, which means parsing the concatenation. The first occurrence is decoded at
    // once (the usual, only one); later ones are decoded together when the enclosing message ends,
    // so that a file repeating the field costs linear time, and their total is held to the limit.
    struct MergedField
    {
        std::string bytes;
        uint64_t offset = 0;    // of the first occurrence's payload
        uint64_t tagOffset = 0; // of the last occurrence, for warnings
        bool seen = false;
        bool pending = false; // later occurrences not decoded yet
    };

    // Returns true when the merged bytes are to be decoded now (the first occurrence).
    bool collect(MergedField& merged, const Field& field, const char* what)
    {
        const std::string_view bytes = takeElement(field, what);
        if (merged.bytes.size() + bytes.size() > m_context->limits.maxElementBytes)
            proto::failAt(field.offset, std::string(what) + " repeated beyond the limit of " +
                                            std::to_string(m_context->limits.maxElementBytes) + " bytes");
        if (!merged.seen)
            merged.offset = field.dataOffset;
        merged.tagOffset = field.offset;
        merged.bytes.append(bytes);
        const bool first = !merged.seen;
        merged.seen = true;
        merged.pending = !first;
        return first;
    }

    void readResourceSpans(uint64_t end)
    {
        m_resource = 0;
        MergedField resource;
        bool sawScopeSpans = false;
        Field field;
        while (m_stream->nextField(field, end, "ResourceSpans")) {
            if (field.number == 1) {
                expect(field, WireType::Length, "ResourceSpans", "resource");
                if (collect(resource, field, "a resource"))
                    defineResource(resource);
            } else if (field.number == 2 || (field.number == kLegacyLibrarySpans && !sawScopeSpans)) {
                expect(field, WireType::Length, "ResourceSpans", "scope_spans");
                m_legacy = m_legacy || field.number == kLegacyLibrarySpans;
                sawScopeSpans = true;
                readScopeSpans(endOf(field));
            } else {
                skipField(field, "ResourceSpans");
            }
        }
        if (resource.pending)
            defineResource(resource);
        else if (m_resource != 0 && !resource.seen)
            m_context->sink.defineResource(m_resource, ResourceRecord{}); // spans without a resource
    }

    void defineResource(const MergedField& merged)
    {
        ResourceRecord resource;
        m_elements->parseResource(merged.bytes, merged.offset, resource);
        if (m_resource == 0)
            m_resource = m_context->sink.addResource(resource);
        else
            m_context->sink.defineResource(m_resource, resource);
        reportNotes(merged.tagOffset);
    }

    void defineScope(const MergedField& merged, ScopeRef& scope)
    {
        ScopeRecord record;
        m_elements->parseScope(merged.bytes, merged.offset, record);
        if (scope == 0)
            scope = m_context->sink.addScope(record);
        else
            m_context->sink.defineScope(scope, record);
        reportNotes(merged.tagOffset);
    }

    void readScopeSpans(uint64_t end)
    {
        ScopeRef scope = 0;
        MergedField scopeField;
        Field field;
        while (m_stream->nextField(field, end, "ScopeSpans")) {
            if (field.number == 1) {
                expect(field, WireType::Length, "ScopeSpans", "scope");
                if (collect(scopeField, field, "an instrumentation scope"))
                    defineScope(scopeField, scope);
            } else if (field.number == 2) {
                expect(field, WireType::Length, "ScopeSpans", "spans");
                if (scope == 0)
                    scope = m_context->sink.declareScope(); // the scope may follow its spans
                if (m_resource == 0)
                    m_resource = m_context->sink.declareResource(); // so may the resource
                readSpan(field, scope);
            } else {
                skipField(field, "ScopeSpans");
            }
        }
        if (scopeField.pending)
            defineScope(scopeField, scope);
    }

    void readSpan(const Field& field, ScopeRef scope)
    {
        const std::string_view bytes = takeElement(field, "a span");
        const bool usable = m_elements->parseSpan(bytes, field.dataOffset, m_span);
        reportNotes(field.offset);
        if (!usable)
            return;
        m_span.resource = m_resource;
        m_span.scope = scope;
        if (!m_context->fillMissingIds(m_span)) {
            m_context->warn(SourceLocation{field.offset, 0, 0},
                            "a span without ids, name or start time was skipped");
            return;
        }
        m_context->countSpan();
        m_context->sink.addSpan(m_span);
    }

    ImportContext* m_context = nullptr;
    ProtoStream* m_stream = nullptr;
    OtlpProtoElements* m_elements = nullptr;
    ResourceRef m_resource = 0;
    SpanRecord m_span;
    bool m_legacy = false;
};

} // namespace

std::unique_ptr<Importer> makeOtlpProtobufImporter()
{
    return std::make_unique<OtlpProtobufImporter>();
}

} // namespace spanscope
