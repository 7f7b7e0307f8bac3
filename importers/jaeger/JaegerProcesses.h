// SPDX-License-Identifier: MIT
#pragma once

#include "model/SpanRecord.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace spanscope {

class SpanSink;

// The processes of one Jaeger trace object: processID -> resource. In the query API's JSON the
// "processes" map usually comes AFTER the spans that name it, so a span's first mention declares
// the resource and the map entry defines it later (SpanSink's two-step form). Process ids are
// scoped to their trace: "p1" of one trace is not "p1" of the next.
class JaegerProcessIds
{
public:
    // Caps memory on hostile input; a real trace has a handful of processes.
    static constexpr size_t kMaxIds = 100'000;

    explicit JaegerProcessIds(SpanSink& sink) : m_sink(sink) {}

    // The resource for a span's processID, declared now if the trace has not defined it yet;
    // 0 once kMaxIds distinct ids were seen (overflowed() then says so).
    ResourceRef use(std::string_view processId);
    // A "processes" entry. Returns false when the id was defined before (the first one wins).
    bool define(std::string_view processId, const ResourceRecord& resource);
    // Defines every id that spans named but the trace never described as an empty resource,
    // and returns those ids (sorted) for the warning.
    std::vector<std::string> finish();
    bool overflowed() const { return m_overflowed; }

private:
    struct Entry
    {
        ResourceRef ref = 0;
        bool defined = false;
    };
    SpanSink& m_sink;
    std::unordered_map<std::string, Entry> m_byId;
    bool m_overflowed = false;
};

// Processes embedded in spans (the anonymizer's form, api_v2): files repeat the same process in
// every span, so identical ones share one resource. The map is bounded; when it is full it starts
// over, which can only cost a duplicate resource, never a wrong one.
class JaegerEmbeddedProcesses
{
public:
    static constexpr size_t kMaxEntries = 10'000;
    static constexpr size_t kMaxKeyBytes = 2048;

    explicit JaegerEmbeddedProcesses(SpanSink& sink) : m_sink(sink) {}
    ResourceRef resourceFor(const ResourceRecord& resource);

private:
    SpanSink& m_sink;
    std::unordered_map<std::string, ResourceRef> m_byContent;
    std::string m_key;
};

} // namespace spanscope
