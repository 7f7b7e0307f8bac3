// SPDX-License-Identifier: MIT
#pragma once

#include "TraceData.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spanscope {

// One span as the workspace knows it, before it becomes part of a trace's arrays. Names are ids in
// the workspace's strings table, the resource is a row of the resources table.
struct SpanEntry
{
    int64_t rowId = 0;
    int64_t startNs = 0;
    int64_t endNs = 0;
    uint64_t spanId = 0;
    uint64_t parentSpanId = 0;
    int64_t serviceId = 0;
    int64_t nameId = 0;
    int64_t resourceRow = 0;
    uint32_t flags = 0;
    uint8_t kind = 0;
    uint8_t status = 0;
};

// What the trace list shows about a trace (table traces).
struct TraceSummaryValues
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    int64_t spanCount = 0;
    int64_t serviceCount = 0;
    int64_t errorCount = 0;
    int64_t orphanCount = 0;
    int64_t rootServiceId = 0;
    int64_t rootNameId = 0;
};

// Turns a trace's span entries into its TraceData arrays and summary. Shared by the import (which
// builds every trace's pack at commit) and the loader (which rebuilds a missing pack).
class TraceBuilder
{
public:
    struct ResourceInfo
    {
        int64_t serviceId = 0;
        std::string host;
    };
    using StringLookup = std::function<std::string(int64_t id)>;
    using ResourceLookup = std::function<ResourceInfo(int64_t rowId)>;

    TraceBuilder(StringLookup strings, ResourceLookup resources)
        : m_strings(std::move(strings)), m_resources(std::move(resources))
    {}

    // entries: one trace's spans, sorted by (start, rowId).
    TraceData build(int64_t traceRow, const TraceId& traceId, const std::vector<SpanEntry>& entries);
    // Valid after build(): the summary, with root names as workspace string ids.
    const TraceSummaryValues& summary() const { return m_summary; }

private:
    StringLookup m_strings;
    ResourceLookup m_resources;
    TraceSummaryValues m_summary;
};

} // namespace spanscope
