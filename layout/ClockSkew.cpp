// SPDX-License-Identifier: MIT
#include "ClockSkew.h"

#include <string_view>
#include <unordered_map>

namespace spanscope {

namespace {

constexpr uint32_t kUnknownHost = 0;

// A host id per resource, equal for equal host keys. The loader stores each resource's host key
// as its own string, so equal hosts must be recognised by text.
std::vector<uint32_t> hostIds(const TraceData& trace)
{
    std::vector<uint32_t> ids(trace.resources.size(), kUnknownHost);
    std::unordered_map<std::string_view, uint32_t> byText;
    for (size_t r = 0; r < trace.resources.size(); ++r) {
        const std::string_view text = trace.strings.at(trace.resources[r].host);
        if (text.empty())
            continue;
        ids[r] = byText.emplace(text, uint32_t(byText.size() + 1)).first->second;
    }
    return ids;
}

// Jaeger's calculateSkew: the shift that makes the child fit its parent.
int64_t skewOf(int64_t childStart, int64_t childEnd, int64_t parentStart, int64_t parentEnd)
{
    const int64_t childDuration = childEnd - childStart;
    const int64_t parentDuration = parentEnd - parentStart;
    if (childDuration > parentDuration) {
        // Async work or a parent that timed out: all we can say is that it did not start earlier.
        return childStart < parentStart ? parentStart - childStart : 0;
    }
    if (childStart >= parentStart && childEnd <= parentEnd)
        return 0;
    // Network latency assumed equal both ways: centre the child in the parent.
    const int64_t latency = (parentDuration - childDuration) / 2;
    return parentStart + latency - childStart;
}

} // namespace

ClockSkewReport adjustClockSkew(const TraceData& trace, const SpanTree& tree, SpanTimes& times,
                                int64_t maxShiftNs)
{
    const size_t n = tree.size();
    ClockSkewReport report;
    times.shift.assign(n, 0);
    const std::vector<uint32_t> resourceHost = hostIds(trace);
    const auto hostOf = [&](uint32_t span) {
        const uint32_t resource = trace.resource[span];
        return resource < resourceHost.size() ? resourceHost[resource] : kUnknownHost;
    };
    // The skew in force below each span (Jaeger's clockSkew{delta, hostKey}): computed or inherited,
    // applied or not. Its host is always the span's own host.
    std::vector<int64_t> delta(n, 0);
    for (const uint32_t span : tree.preorder) {
        const uint32_t parent = tree.parent[span];
        if (parent == SpanTree::kNone)
            continue; // roots are the reference: never moved
        const uint32_t host = hostOf(span);
        if (host == kUnknownHost || host != hostOf(parent))
            delta[span] = skewOf(times.start[span], times.end[span], times.start[parent], times.end[parent]);
        else
            delta[span] = delta[parent];
        const int64_t shift = delta[span];
        if (shift == 0)
            continue;
        const int64_t magnitude = shift < 0 ? -shift : shift;
        if (magnitude > maxShiftNs) {
            times.flags[span] |= TimeFlag::SkewNotApplied;
            ++report.notAppliedSpans;
            continue;
        }
        times.start[span] += shift;
        times.end[span] += shift;
        times.shift[span] = shift;
        times.flags[span] |= TimeFlag::SkewShifted;
        ++report.shiftedSpans;
        const int64_t largest = report.largestShift < 0 ? -report.largestShift : report.largestShift;
        if (magnitude > largest)
            report.largestShift = shift;
    }
    updateTraceBounds(times);
    return report;
}

} // namespace spanscope
