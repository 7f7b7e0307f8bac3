// SPDX-License-Identifier: MIT
#include "GraphvizLayout.h"

#include "ServiceGraph.h"

#include <algorithm>
#include <cstdio>
#include <graphviz/gvc.h>
#include <mutex>

namespace spanscope {

namespace {

std::mutex& graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

// One Graphviz context for the process, made on first use (under the mutex) and kept: creating
// one loads the plugin configuration, and libgvc 2.42 leaks a few KB with every context it frees.
GVC_t* graphvizContext()
{
    static GVC_t* context = gvContext();
    return context;
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value);
    return text;
}

// Graphviz's C API takes char* for strings it does not modify.
char* text(const char* value)
{
    return const_cast<char*>(value);
}

} // namespace

GraphLayout layoutGraph(const GraphLayoutInput& input)
{
    GraphLayout layout;
    if (input.nodes.empty())
        return layout;
    for (const GraphLayoutInput::Edge& edge : input.edges) {
        if (edge.from >= input.nodes.size() || edge.to >= input.nodes.size()) {
            layout.error = "an edge names a node that does not exist";
            return layout;
        }
    }

    const std::lock_guard<std::mutex> lock(graphvizMutex());
    GVC_t* gvc = graphvizContext();
    if (!gvc) {
        layout.error = "cannot start Graphviz";
        return layout;
    }
    Agraph_t* graph = agopen(text("services"), Agdirected, nullptr);
    agattr(graph, AGRAPH, text("rankdir"), text(input.leftToRight ? "LR" : "TB"));
    agattr(graph, AGRAPH, text("nodesep"), text("0.3"));
    agattr(graph, AGRAPH, text("ranksep"), text("0.6"));
    // Empty labels and fixed sizes: the caller measured its text, and dot needs no fonts.
    agattr(graph, AGNODE, text("shape"), text("box"));
    agattr(graph, AGNODE, text("fixedsize"), text("true"));
    agattr(graph, AGNODE, text("label"), text(""));
    agattr(graph, AGNODE, text("width"), text("1"));
    agattr(graph, AGNODE, text("height"), text("0.5"));
    agattr(graph, AGEDGE, text("label"), text(""));

    std::vector<Agnode_t*> nodes;
    nodes.reserve(input.nodes.size());
    for (size_t i = 0; i < input.nodes.size(); ++i) {
        const std::string name = "n" + std::to_string(i);
        Agnode_t* node = agnode(graph, text(name.c_str()), 1);
        const std::string width = number(std::max(input.nodes[i].width, 1.0) / 72.0);
        const std::string height = number(std::max(input.nodes[i].height, 1.0) / 72.0);
        agset(node, text("width"), text(width.c_str()));
        agset(node, text("height"), text(height.c_str()));
        nodes.push_back(node);
    }
    std::vector<Agedge_t*> edges;
    edges.reserve(input.edges.size());
    for (const GraphLayoutInput::Edge& edge : input.edges)
        edges.push_back(agedge(graph, nodes[edge.from], nodes[edge.to], nullptr, 1));

    if (gvLayout(gvc, graph, "dot") != 0) {
        layout.error = "Graphviz could not lay out the graph";
        agclose(graph);
        return layout;
    }
    const boxf bounds = GD_bb(graph);
    layout.width = bounds.UR.x - bounds.LL.x;
    layout.height = bounds.UR.y - bounds.LL.y;
    const auto convert = [&](pointf p) {
        return GraphPoint{p.x - bounds.LL.x, bounds.UR.y - p.y};
    };
    for (Agnode_t* node : nodes) {
        const GraphPoint centre = convert(ND_coord(node));
        layout.nodes.push_back(
            GraphLayout::Node{centre.x, centre.y, ND_width(node) * 72.0, ND_height(node) * 72.0});
    }
    for (size_t i = 0; i < edges.size(); ++i) {
        GraphLayout::Edge out;
        out.from = input.edges[i].from;
        out.to = input.edges[i].to;
        const splines* spline = ED_spl(edges[i]);
        if (spline && spline->size > 0) {
            const bezier& curve = spline->list[0];
            for (int k = 0; k < curve.size; ++k)
                out.points.push_back(convert(curve.list[k]));
            if (curve.eflag) {
                out.hasArrow = true;
                out.arrowTip = convert(curve.ep);
            }
        }
        layout.edges.push_back(std::move(out));
    }
    gvFreeLayout(gvc, graph);
    agclose(graph);
    return layout;
}

GraphLayoutInput graphLayoutInput(const ServiceGraph& graph, double charWidth, double lineHeight)
{
    GraphLayoutInput input;
    for (const ServiceGraphNode& node : graph.nodes) {
        const double width = std::max(72.0, double(node.name.size()) * charWidth + 16.0);
        input.nodes.push_back(GraphLayoutInput::Node{width, lineHeight * 2});
    }
    for (const ServiceGraphEdge& edge : graph.edges)
        input.edges.push_back(GraphLayoutInput::Edge{edge.from, edge.to});
    return input;
}

} // namespace spanscope
