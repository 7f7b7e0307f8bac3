// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/AttributeColumn.h"
#include "model/TraceData.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

struct ServiceGraphNode
{
    std::string name;
    uint32_t spanCount = 0;  // spans of this service
    uint32_t errorCount = 0; // of which in error
    // Known only as a peer (peer.service of a CLIENT or PRODUCER span): a database, a queue, an
    // external API; it has no spans of its own.
    bool peerOnly() const { return spanCount == 0; }
};

// Calls from one service to another, with the child (callee) spans' counts and latencies.
struct ServiceGraphEdge
{
    uint32_t from = 0; // node index
    uint32_t to = 0;
    uint32_t calls = 0;
    uint32_t errors = 0; // callee spans in error
    int64_t p50 = 0;     // nearest-rank percentiles of the callee spans' durations, ns
    int64_t p95 = 0;
    int64_t max = 0;
    std::vector<int64_t> durations; // every call's duration, sorted: what merging needs
};

// The service dependency graph of one trace or, merged, of many (docs/ANALYSIS.md).
struct ServiceGraph
{
    std::vector<ServiceGraphNode> nodes; // in order of first appearance
    std::vector<ServiceGraphEdge> edges; // in order of first appearance
    uint32_t traceCount = 0;

    // Node index by name, or -1.
    int64_t nodeIndex(std::string_view name) const;
    const ServiceGraphEdge* edge(std::string_view from, std::string_view to) const;
};

// An edge A -> B for every span of service B whose parent is of service A (A != B). A CLIENT or
// PRODUCER span with a peer name (peers: e.g. readAttributeColumn(peerServiceKeys())) and no child
// in another service adds an edge to that peer, with its own duration and error. O(n log n).
ServiceGraph buildServiceGraph(const TraceData& trace, const SpanTree& tree, const SpanTimes& times,
                               const AttributeColumn* peers = nullptr);

// Adds another graph (another trace's) into a workspace-wide one: nodes by name, edges by names,
// counts added and percentiles recomputed from the merged durations.
void mergeServiceGraph(ServiceGraph& into, const ServiceGraph& from);

// The nearest-rank percentile (p in (0, 100]) of sorted values: the smallest value with at least
// p% of the values at or below it. 0 for no values.
int64_t nearestRankPercentile(const std::vector<int64_t>& sorted, double p);

} // namespace spanscope
