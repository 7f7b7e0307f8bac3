// SPDX-License-Identifier: MIT
#include "TraceBuilder.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace spanscope {

TraceData TraceBuilder::build(int64_t traceRow, const TraceId& traceId, const std::vector<SpanEntry>& entries)
{
    TraceData trace;
    trace.traceRow = traceRow;
    trace.traceId = traceId;
    trace.resize(entries.size());
    m_summary = TraceSummaryValues{};

    std::unordered_map<int64_t, uint32_t> strings{{0, 0}};
    const auto local = [&](int64_t id) -> uint32_t {
        const auto [it, inserted] = strings.try_emplace(id, 0);
        if (inserted) {
            it->second = trace.strings.add(m_strings(id));
        }
        return it->second;
    };
    std::unordered_map<int64_t, uint32_t> resources{{0, 0}};
    trace.resources.assign(1, TraceResource{});
    const auto localResource = [&](int64_t row) -> uint32_t {
        const auto [it, inserted] = resources.try_emplace(row, 0);
        if (inserted) {
            const ResourceInfo info = m_resources(row);
            TraceResource resource{row, local(info.serviceId), 0};
            if (!info.host.empty())
                resource.host = trace.strings.add(info.host);
            it->second = uint32_t(trace.resources.size());
            trace.resources.push_back(resource);
        }
        return it->second;
    };

    // Span ids for the orphan count, sorted and searched: a hash set allocated a node per span,
    // which was a third of the packing step's instructions at 100k spans (callgrind).
    std::vector<uint64_t> ids;
    ids.reserve(entries.size());
    std::unordered_set<int64_t> services;
    bool haveRoot = false;
    int64_t earliestStart = INT64_MAX;
    int64_t earliestEnd = INT64_MAX;
    int64_t latest = INT64_MIN;
    for (size_t i = 0; i < entries.size(); ++i) {
        const SpanEntry& e = entries[i];
        trace.rowId[i] = e.rowId;
        trace.startNs[i] = e.startNs;
        trace.endNs[i] = e.endNs;
        trace.spanId[i] = e.spanId;
        trace.parentSpanId[i] = e.parentSpanId;
        trace.service[i] = local(e.serviceId);
        trace.name[i] = local(e.nameId);
        trace.resource[i] = localResource(e.resourceRow);
        trace.kind[i] = SpanKind(e.kind);
        trace.status[i] = StatusCode(e.status);
        trace.flags[i] = e.flags;

        if (i == 0) {
            m_summary.rootServiceId = e.serviceId;
            m_summary.rootNameId = e.nameId;
        }
        // A missing time is absent, not 0 (which is the epoch): only times the file gives count.
        if (!(e.flags & SpanFlag::MissingStart)) {
            earliestStart = std::min(earliestStart, e.startNs);
            latest = std::max(latest, e.startNs);
        }
        if (!(e.flags & SpanFlag::MissingEnd)) {
            earliestEnd = std::min(earliestEnd, e.endNs);
            latest = std::max(latest, e.endNs);
        }
        m_summary.errorCount += (e.flags & SpanFlag::Error) ? 1 : 0;
        services.insert(e.serviceId);
        ids.push_back(e.spanId);
        if (e.parentSpanId == 0 && !haveRoot) {
            // The earliest true root names the trace; without one, the earliest span does.
            haveRoot = true;
            m_summary.rootServiceId = e.serviceId;
            m_summary.rootNameId = e.nameId;
        }
    }
    // The bounds SpanTimes gives the trace (docs/ANALYSIS.md, "Span tree"): spans without a start
    // start no earlier than the earliest known one, spans without an end end at their start.
    m_summary.startNs = earliestStart != INT64_MAX ? earliestStart
                        : earliestEnd != INT64_MAX ? earliestEnd
                                                   : 0;
    m_summary.endNs = latest != INT64_MIN ? std::max(latest, m_summary.startNs) : m_summary.startNs;
    std::sort(ids.begin(), ids.end());
    for (const SpanEntry& e : entries)
        m_summary.orphanCount +=
            e.parentSpanId != 0 && !std::binary_search(ids.begin(), ids.end(), e.parentSpanId) ? 1 : 0;
    m_summary.spanCount = int64_t(entries.size());
    m_summary.serviceCount = int64_t(services.size());
    return trace;
}

} // namespace spanscope
