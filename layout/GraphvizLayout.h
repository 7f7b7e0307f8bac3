// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spanscope {

struct ServiceGraph;

struct GraphPoint
{
    double x = 0;
    double y = 0;
};

// What to lay out: boxes of a given size (the view measures its labels) and directed edges.
struct GraphLayoutInput
{
    struct Node
    {
        double width = 72; // points (1/72 inch), the unit of Graphviz and of QPainter at 72 dpi
        double height = 36;
    };
    struct Edge
    {
        uint32_t from = 0;
        uint32_t to = 0;
    };
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    bool leftToRight = true; // rank direction: callers left, callees right
};

// Where dot put everything, in points, with y growing downwards from the top-left corner of the
// drawing (Graphviz's y grows upwards; the conversion is done here so views need none).
struct GraphLayout
{
    struct Node
    {
        double x = 0; // centre
        double y = 0;
        double width = 0;
        double height = 0;
    };
    struct Edge
    {
        uint32_t from = 0;
        uint32_t to = 0;
        // A cubic Bezier spline: p0, then (control, control, point) triples; empty when dot drew none.
        std::vector<GraphPoint> points;
        bool hasArrow = false;
        GraphPoint arrowTip; // where the arrow head points, when hasArrow
    };
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    double width = 0;
    double height = 0;
    std::string error; // empty on success
};

// Lays the graph out with Graphviz's dot (libgvc). Graphviz keeps global state and is not
// thread-safe: calls are serialised by a mutex, so any thread may call this.
GraphLayout layoutGraph(const GraphLayoutInput& input);

// Node boxes sized for the service names (about charWidth points per character, one line of
// lineHeight points), with the graph's edges: a default input for a service graph.
GraphLayoutInput graphLayoutInput(const ServiceGraph& graph, double charWidth = 7.0,
                                  double lineHeight = 18.0);

} // namespace spanscope
