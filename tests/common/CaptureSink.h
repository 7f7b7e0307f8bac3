// SPDX-License-Identifier: MIT
#pragma once

#include "model/AttributeValue.h"
#include "model/SpanSink.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spanscope::test {

// A SpanSink that keeps everything an importer produces as canonical text, one line per record,
// for golden files and assertions: importers are tested without a workspace.
class CaptureSink : public SpanSink
{
public:
    ResourceRef addResource(const ResourceRecord& resource) override;
    ResourceRef declareResource() override;
    void defineResource(ResourceRef ref, const ResourceRecord& resource) override;
    ScopeRef addScope(const ScopeRecord& scope) override;
    ScopeRef declareScope() override;
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override;
    void addSpan(const SpanRecord& span) override;
    void addWarning(const ImportMessage& warning) override;

    struct Span
    {
        std::string text; // canonical one-line form
        TraceId traceId;
        uint64_t spanId = 0;
        uint64_t parentSpanId = 0;
        std::string name;
        std::string service;
        SpanKind kind = SpanKind::Unspecified;
        int64_t startNs = 0;
        int64_t endNs = 0;
        uint32_t flags = 0;
        uint32_t w3cFlags = 0;
        StatusCode status = StatusCode::Unset;
        std::string attributes; // blob
        size_t events = 0;
        size_t links = 0;
    };

    std::vector<Span> spans;
    std::vector<std::string> resources; // "service | attributes"
    std::vector<std::string> warnings;  // "LOCATION: text"

    // Everything as text: resources, spans (in the order received), warnings.
    std::string dump() const;
    const Span* find(uint64_t spanId) const;

private:
    std::vector<std::string> m_services{""};
};

// "k=v (type), ..." for an attribute blob.
std::string describeAttributes(std::string_view blob);

// The value of key in an attribute blob; absent, an Empty value with the text "<absent>", which
// tells it apart from a present empty value in a failed comparison.
ValueView attribute(std::string_view blob, std::string_view key);
ValueView attribute(const CaptureSink::Span& span, std::string_view key);
// The value of key in a span's attributes as "text (type)", or "<absent>": one string that a failed
// comparison prints whole.
std::string attributeText(const CaptureSink::Span& span, std::string_view key);

// The elements of an array or kvlist value, as (key, value) pairs.
std::vector<std::pair<std::string_view, ValueView>> elements(const ValueView& container);

} // namespace spanscope::test
