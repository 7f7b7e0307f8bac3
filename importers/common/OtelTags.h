// SPDX-License-Identifier: MIT
#pragma once

#include "model/SpanRecord.h"
#include "model/SpanSink.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace spanscope {

// OpenTelemetry's tags for what Jaeger and Zipkin have no field of their own for, as the
// Collector's translators, the SDKs' Jaeger and Zipkin exporters and Spanscope's own writers
// write them (docs/FORMATS.md): otel.status_code, otel.status_description, otel.scope.name and
// otel.scope.version (the older otel.library.* too), w3c.tracestate. The importers read them back
// into the span's fields; the tags also stay attributes, like Jaeger's span.kind and error.
class OtelTags
{
public:
    void clear() { *this = OtelTags{}; }

    // Notes a tag's value if its key is one of OpenTelemetry's; other keys are ignored. Texts must
    // stay valid until apply().
    void read(std::string_view key, std::string_view text);

    // The status code the tags give (otel.status_code: OK or ERROR, any case), if any.
    std::optional<StatusCode> statusCode() const { return m_statusCode; }
    std::optional<std::string_view> statusDescription() const { return m_statusDescription; }
    std::optional<std::string_view> traceState() const { return m_traceState; }
    // otel.scope.* wins over the older otel.library.*.
    std::string_view scopeName() const { return m_scopeName ? *m_scopeName : m_libraryName.value_or(""); }
    std::string_view scopeVersion() const
    {
        return m_scopeVersion ? *m_scopeVersion : m_libraryVersion.value_or("");
    }
    bool hasScope() const { return !scopeName().empty() || !scopeVersion().empty(); }

private:
    std::optional<StatusCode> m_statusCode;
    std::optional<std::string_view> m_statusDescription;
    std::optional<std::string_view> m_traceState;
    std::optional<std::string_view> m_scopeName;
    std::optional<std::string_view> m_scopeVersion;
    std::optional<std::string_view> m_libraryName;
    std::optional<std::string_view> m_libraryVersion;
};

// One scope record per distinct (name, version) of a file, added to the sink on first use. Jaeger
// and Zipkin have no scopes; the tags above give them one.
class ScopeTable
{
public:
    explicit ScopeTable(SpanSink& sink) : m_sink(sink) {}

    ScopeRef refFor(std::string_view name, std::string_view version);

private:
    static constexpr size_t kMaxScopes = 10'000; // beyond it the map starts over (a duplicate at worst)

    SpanSink& m_sink;
    std::map<std::pair<std::string, std::string>, ScopeRef, std::less<>> m_scopes;
};

} // namespace spanscope
