// SPDX-License-Identifier: MIT
#include "ServiceGraph.h"

#include "RootCause.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace spanscope {

namespace {

// Builds nodes and edges by name; edge durations are collected first and summarised at the end.
class GraphBuilder
{
public:
    explicit GraphBuilder(ServiceGraph& graph) : m_graph(graph)
    {
        for (uint32_t i = 0; i < graph.nodes.size(); ++i)
            m_nodes.emplace(graph.nodes[i].name, i);
        for (uint32_t i = 0; i < graph.edges.size(); ++i)
            m_edges.emplace(edgeKey(graph.edges[i].from, graph.edges[i].to), i);
    }

    uint32_t node(std::string_view name)
    {
        const auto it = m_nodes.find(std::string(name));
        if (it != m_nodes.end())
            return it->second;
        const auto index = uint32_t(m_graph.nodes.size());
        m_graph.nodes.push_back(ServiceGraphNode{std::string(name)});
        m_nodes.emplace(std::string(name), index);
        return index;
    }

    ServiceGraphEdge& edge(uint32_t from, uint32_t to)
    {
        const auto [it, added] = m_edges.emplace(edgeKey(from, to), uint32_t(m_graph.edges.size()));
        if (added) {
            ServiceGraphEdge edge;
            edge.from = from;
            edge.to = to;
            m_graph.edges.push_back(std::move(edge));
        }
        return m_graph.edges[it->second];
    }

    void addCall(uint32_t from, uint32_t to, int64_t duration, bool error)
    {
        ServiceGraphEdge& e = edge(from, to);
        ++e.calls;
        e.errors += error ? 1 : 0;
        e.durations.push_back(duration);
    }

private:
    static uint64_t edgeKey(uint32_t from, uint32_t to) { return (uint64_t(from) << 32) | to; }

    ServiceGraph& m_graph;
    std::unordered_map<std::string, uint32_t> m_nodes;
    std::unordered_map<uint64_t, uint32_t> m_edges;
};

void summarise(ServiceGraphEdge& edge)
{
    std::sort(edge.durations.begin(), edge.durations.end());
    edge.p50 = nearestRankPercentile(edge.durations, 50);
    edge.p95 = nearestRankPercentile(edge.durations, 95);
    edge.max = edge.durations.empty() ? 0 : edge.durations.back();
}

} // namespace

int64_t ServiceGraph::nodeIndex(std::string_view name) const
{
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].name == name)
            return int64_t(i);
    }
    return -1;
}

const ServiceGraphEdge* ServiceGraph::edge(std::string_view from, std::string_view to) const
{
    const int64_t a = nodeIndex(from);
    const int64_t b = nodeIndex(to);
    for (const ServiceGraphEdge& e : edges) {
        if (int64_t(e.from) == a && int64_t(e.to) == b)
            return &e;
    }
    return nullptr;
}

int64_t nearestRankPercentile(const std::vector<int64_t>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto rank = size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

ServiceGraph buildServiceGraph(const TraceData& trace, const SpanTree& tree, const SpanTimes& times,
                               const AttributeColumn* peers)
{
    ServiceGraph graph;
    graph.traceCount = 1;
    GraphBuilder builder(graph);
    // Node of every span's service, resolved once per distinct string index.
    std::vector<uint32_t> nodeOfString(trace.strings.size(), UINT32_MAX);
    std::vector<uint32_t> nodeOf(trace.size());
    for (const uint32_t span : tree.preorder) {
        const uint32_t service = trace.service[span] < nodeOfString.size() ? trace.service[span] : 0;
        if (nodeOfString[service] == UINT32_MAX)
            nodeOfString[service] = builder.node(trace.strings.at(service));
        nodeOf[span] = nodeOfString[service];
        ServiceGraphNode& node = graph.nodes[nodeOf[span]];
        ++node.spanCount;
        node.errorCount += isErrorSpan(trace, span) ? 1 : 0;
    }
    for (const uint32_t span : tree.preorder) {
        const uint32_t parent = tree.parent[span];
        if (parent != SpanTree::kNone && nodeOf[parent] != nodeOf[span])
            builder.addCall(nodeOf[parent], nodeOf[span], times.duration(span), isErrorSpan(trace, span));

        const SpanKind kind = trace.kind[span];
        if (!peers || (kind != SpanKind::Client && kind != SpanKind::Producer) ||
            span >= peers->value.size() || !peers->has(span))
            continue;
        const std::string_view peer = peers->at(span);
        if (peer.empty() || peer == graph.nodes[nodeOf[span]].name)
            continue;
        // A child in another service already made the edge; the peer name would only repeat it.
        const bool calledInstrumented =
            std::any_of(tree.childrenBegin(span), tree.childrenEnd(span),
                        [&](uint32_t child) { return nodeOf[child] != nodeOf[span]; });
        if (!calledInstrumented)
            builder.addCall(nodeOf[span], builder.node(peer), times.duration(span), isErrorSpan(trace, span));
    }
    for (ServiceGraphEdge& edge : graph.edges)
        summarise(edge);
    return graph;
}

void mergeServiceGraph(ServiceGraph& into, const ServiceGraph& from)
{
    GraphBuilder builder(into);
    std::vector<uint32_t> nodeMap(from.nodes.size());
    for (size_t i = 0; i < from.nodes.size(); ++i) {
        nodeMap[i] = builder.node(from.nodes[i].name);
        into.nodes[nodeMap[i]].spanCount += from.nodes[i].spanCount;
        into.nodes[nodeMap[i]].errorCount += from.nodes[i].errorCount;
    }
    for (const ServiceGraphEdge& edge : from.edges) {
        ServiceGraphEdge& target = builder.edge(nodeMap[edge.from], nodeMap[edge.to]);
        target.calls += edge.calls;
        target.errors += edge.errors;
        const size_t middle = target.durations.size();
        target.durations.insert(target.durations.end(), edge.durations.begin(), edge.durations.end());
        std::inplace_merge(target.durations.begin(), target.durations.begin() + long(middle),
                           target.durations.end());
        target.p50 = nearestRankPercentile(target.durations, 50);
        target.p95 = nearestRankPercentile(target.durations, 95);
        target.max = target.durations.empty() ? 0 : target.durations.back();
    }
    into.traceCount += from.traceCount;
}

} // namespace spanscope
