// SPDX-License-Identifier: MIT
#include "JaegerProcesses.h"

#include "model/SpanSink.h"

#include <algorithm>

namespace spanscope {

ResourceRef JaegerProcessIds::use(std::string_view processId)
{
    const std::string key(processId);
    if (const auto it = m_byId.find(key); it != m_byId.end())
        return it->second.ref;
    if (m_byId.size() >= kMaxIds) {
        m_overflowed = true;
        return 0;
    }
    const ResourceRef ref = m_sink.declareResource();
    m_byId.emplace(key, Entry{ref, false});
    return ref;
}

bool JaegerProcessIds::define(std::string_view processId, const ResourceRecord& resource)
{
    const std::string key(processId);
    const auto it = m_byId.find(key);
    if (it == m_byId.end()) {
        const ResourceRef ref = m_sink.addResource(resource);
        if (m_byId.size() < kMaxIds)
            m_byId.emplace(key, Entry{ref, true});
        else
            m_overflowed = true;
        return true;
    }
    if (it->second.defined)
        return false;
    m_sink.defineResource(it->second.ref, resource);
    it->second.defined = true;
    return true;
}

std::vector<std::string> JaegerProcessIds::finish()
{
    std::vector<std::string> undefined;
    for (auto& [id, entry] : m_byId) {
        if (entry.defined)
            continue;
        m_sink.defineResource(entry.ref, ResourceRecord{});
        entry.defined = true;
        undefined.push_back(id);
    }
    std::sort(undefined.begin(), undefined.end()); // warnings in a stable order
    return undefined;
}

ResourceRef JaegerEmbeddedProcesses::resourceFor(const ResourceRecord& resource)
{
    // A large process is rare and would make the map large: it gets a resource of its own.
    if (resource.serviceName.size() + resource.attributes.size() > kMaxKeyBytes)
        return m_sink.addResource(resource);
    // Service and encoded tags identify a process; the length prefix keeps "ab"+"c" != "a"+"bc".
    m_key = std::to_string(resource.serviceName.size());
    m_key += ':';
    m_key.append(resource.serviceName);
    m_key.append(resource.attributes);
    if (const auto it = m_byContent.find(m_key); it != m_byContent.end())
        return it->second;
    if (m_byContent.size() >= kMaxEntries)
        m_byContent.clear();
    const ResourceRef ref = m_sink.addResource(resource);
    m_byContent.emplace(m_key, ref);
    return ref;
}

} // namespace spanscope
