// SPDX-License-Identifier: MIT
#include "OtelTags.h"

#include <algorithm>
#include <cctype>

namespace spanscope {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

void OtelTags::read(std::string_view key, std::string_view text)
{
    if (!key.starts_with("otel.") && key != "w3c.tracestate")
        return;
    if (key == "otel.status_code") {
        // "UNSET" (or anything else) leaves the status to the format's own rule.
        if (equalsIgnoreCase(text, "ERROR"))
            m_statusCode = StatusCode::Error;
        else if (equalsIgnoreCase(text, "OK"))
            m_statusCode = StatusCode::Ok;
    } else if (key == "otel.status_description") {
        m_statusDescription = text;
    } else if (key == "otel.scope.name") {
        m_scopeName = text;
    } else if (key == "otel.scope.version") {
        m_scopeVersion = text;
    } else if (key == "otel.library.name") {
        m_libraryName = text;
    } else if (key == "otel.library.version") {
        m_libraryVersion = text;
    } else if (key == "w3c.tracestate") {
        m_traceState = text;
    }
}

ScopeRef ScopeTable::refFor(std::string_view name, std::string_view version)
{
    const auto key = std::make_pair(std::string(name), std::string(version));
    if (const auto it = m_scopes.find(key); it != m_scopes.end())
        return it->second;
    ScopeRecord scope;
    scope.name = name;
    scope.version = version;
    const ScopeRef ref = m_sink.addScope(scope);
    if (m_scopes.size() >= kMaxScopes)
        m_scopes.clear();
    m_scopes.emplace(key, ref);
    return ref;
}

} // namespace spanscope
