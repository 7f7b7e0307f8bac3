// SPDX-License-Identifier: MIT
#pragma once

// What the fuzz targets (FuzzTargets.h) check with: tight limits, a source of small reads, and a
// sink that checks every record an importer delivers. InvariantViolation reports output that is
// well-formed for the sanitizers but wrong (a corrupt attribute blob, a limit not honoured).

#include "importers/io/ByteSource.h"
#include "model/AttributeCodec.h"
#include "model/ImportLimits.h"
#include "model/SpanSink.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace spanscope::fuzz {

class InvariantViolation : public std::logic_error
{
public:
    using std::logic_error::logic_error;
};

inline void require(bool condition, const std::string& what)
{
    if (!condition)
        throw InvariantViolation(what);
}

// Limits small enough that inputs of a few kilobytes reach every limit's code path (truncated
// values, dropped attributes/events/links, the span limit, an element too large, nesting too deep,
// a decompression bomb), where the defaults would need megabytes.
inline ImportLimits tightLimits()
{
    ImportLimits limits;
    limits.maxNestingDepth = 24;
    limits.maxValueBytes = 200;
    limits.maxAttributesPerOwner = 12;
    limits.maxEventsPerSpan = 6;
    limits.maxLinksPerSpan = 6;
    limits.maxSpansPerFile = 300;
    limits.maxElementBytes = 16 * 1024;
    limits.maxDecompressedBytes = 4 << 20;
    limits.maxCompressionRatio = 200;
    limits.ratioCheckAfterBytes = 256 << 10;
    return limits;
}

// A memory source that hands out the bytes in small reads of varying size, so that every buffer
// boundary of the readers (the JSON scanner's refill and compaction, the protobuf stream, the
// decompressors, the peek buffer) falls at different places as the fuzzer changes the input. The
// sizes follow from the input's length only: the same input always reads the same way.
class TrickleSource final : public ByteSource
{
public:
    explicit TrickleSource(std::string bytes)
        : m_state(bytes.size() | 1), m_bytes(memorySource(std::move(bytes)))
    {}

    size_t read(char* buffer, size_t size) override
    {
        if (size == 0)
            return 0;
        m_state = m_state * 6364136223846793005ull + 1442695040888963407ull;
        const uint64_t random = m_state >> 33;
        // Mostly tiny reads (1..16 bytes), sometimes up to 4 KiB.
        const size_t want = random % 4 == 0 ? 1 + (random >> 2) % 4096 : 1 + (random >> 2) % 16;
        return m_bytes->read(buffer, std::min(size, want));
    }
    uint64_t fileBytesRead() const override { return m_bytes->fileBytesRead(); }
    uint64_t fileSize() const override { return m_bytes->fileSize(); }

private:
    uint64_t m_state;
    std::unique_ptr<ByteSource> m_bytes;
};

inline std::unique_ptr<ByteSource> trickleSource(std::string_view bytes)
{
    return std::make_unique<TrickleSource>(std::string(bytes));
}

// Reads every byte of a view, so that ASan checks it is still valid memory, and folds it into a
// value the optimiser cannot drop.
inline uint64_t touch(std::string_view text)
{
    uint64_t sum = text.size();
    for (const char c : text)
        sum = sum * 31 + uint8_t(c);
    return sum;
}

// Walks an attribute blob the way the views do: every entry, every nested element, the display
// text of every value. Returns false if the blob is malformed.
inline bool walkAttributes(AttributeReader reader, uint64_t& checksum, int depth = 0)
{
    std::string_view key;
    ValueView value;
    while (reader.next(key, value)) {
        checksum += touch(key) + touch(valueToDisplayText(value)) + touch(scalarText(value));
        checksum += touch(valueTypeName(value.type));
        if ((value.type == ValueType::Array || value.type == ValueType::KeyValueList) && depth < 300) {
            if (!walkAttributes(AttributeReader::elements(value), checksum, depth + 1))
                return false;
        }
    }
    return !reader.failed();
}

// Checks an attribute blob an importer produced: it must decode completely (the encoder never
// writes a corrupt blob), and the limits must hold: at most maxAttributesPerOwner entries, no
// top-level value longer than maxValueBytes plus the truncation marker.
inline void checkImportedAttributes(std::string_view blob, const ImportLimits& limits, const char* owner,
                                    uint64_t& checksum)
{
    require(walkAttributes(AttributeReader(blob), checksum),
            std::string("corrupt attribute blob of a ") + owner);
    constexpr size_t kMarkerBytes = 64; // "…[truncated from N bytes]", "…[array of N bytes truncated]"
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    uint32_t count = 0;
    while (reader.next(key, value)) {
        ++count;
        require(value.text.size() <= limits.maxValueBytes + kMarkerBytes,
                std::string("an attribute value of a ") + owner + " longer than maxValueBytes");
        require(value.nested.size() <= limits.maxValueBytes,
                std::string("an array or kvlist attribute of a ") + owner + " longer than maxValueBytes");
    }
    require(count <= limits.maxAttributesPerOwner,
            std::string("more attributes on a ") + owner + " than maxAttributesPerOwner");
}

// A sink that keeps nothing and checks what an importer hands it: handles it issued, enums in range,
// attribute blobs that decode, the per-span limits, and every string view readable (ASan).
class CheckingSink final : public SpanSink
{
public:
    explicit CheckingSink(const ImportLimits& limits) : m_limits(limits) {}

    ResourceRef addResource(const ResourceRecord& resource) override
    {
        const ResourceRef ref = declareResource();
        defineResource(ref, resource);
        return ref;
    }
    ResourceRef declareResource() override { return ++m_resources; }
    void defineResource(ResourceRef ref, const ResourceRecord& resource) override
    {
        require(ref >= 1 && ref <= m_resources, "defineResource with a handle the sink did not issue");
        m_checksum += touch(resource.serviceName) + resource.droppedAttributes;
        checkImportedAttributes(resource.attributes, m_limits, "resource", m_checksum);
    }
    ScopeRef addScope(const ScopeRecord& scope) override
    {
        const ScopeRef ref = declareScope();
        defineScope(ref, scope);
        return ref;
    }
    ScopeRef declareScope() override { return ++m_scopes; }
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override
    {
        require(ref >= 1 && ref <= m_scopes, "defineScope with a handle the sink did not issue");
        m_checksum += touch(scope.name) + touch(scope.version);
        checkImportedAttributes(scope.attributes, m_limits, "scope", m_checksum);
    }
    void addSpan(const SpanRecord& span) override
    {
        ++m_spans;
        require(m_spans <= m_limits.maxSpansPerFile, "more spans than maxSpansPerFile");
        require(span.resource <= m_resources, "a span refers to a resource handle the sink did not issue");
        require(span.scope <= m_scopes, "a span refers to a scope handle the sink did not issue");
        require(uint8_t(span.kind) <= uint8_t(SpanKind::Consumer), "span kind out of range");
        require(uint8_t(span.status) <= uint8_t(StatusCode::Error), "status code out of range");
        require(span.events.size() <= m_limits.maxEventsPerSpan, "more events than maxEventsPerSpan");
        require(span.links.size() <= m_limits.maxLinksPerSpan, "more links than maxLinksPerSpan");
        m_checksum += touch(span.name) + touch(span.traceState) + touch(span.statusMessage);
        m_checksum += span.traceId.high ^ span.traceId.low ^ span.spanId ^ span.parentSpanId;
        m_checksum += uint64_t(span.startNs) ^ uint64_t(span.endNs) ^ span.flags ^ span.w3cFlags;
        checkImportedAttributes(span.attributes, m_limits, "span", m_checksum);
        for (const EventRecord& event : span.events) {
            m_checksum += touch(event.name) + uint64_t(event.timeNs);
            checkImportedAttributes(event.attributes, m_limits, "span event", m_checksum);
        }
        for (const LinkRecord& link : span.links) {
            require(uint8_t(link.type) <= uint8_t(LinkType::FollowsFrom), "link type out of range");
            m_checksum += touch(link.traceState) + (link.traceId.low ^ link.spanId);
            checkImportedAttributes(link.attributes, m_limits, "span link", m_checksum);
        }
    }
    void addWarning(const ImportMessage& warning) override
    {
        ++m_warnings;
        require(!warning.text.empty(), "an empty warning");
        m_checksum += touch(warning.text);
    }

    uint64_t spans() const { return m_spans; }
    uint64_t warnings() const { return m_warnings; }
    uint64_t checksum() const { return m_checksum; }

private:
    const ImportLimits& m_limits;
    uint32_t m_resources = 0;
    uint32_t m_scopes = 0;
    uint64_t m_spans = 0;
    uint64_t m_warnings = 0;
    uint64_t m_checksum = 0;
};

// Keeps the checksum alive so the walks above are not optimised away.
inline void consume(uint64_t value)
{
    static volatile uint64_t sink;
    sink = sink + value;
}

// ---- Entry points ---------------------------------------------------------------------------------

} // namespace spanscope::fuzz
