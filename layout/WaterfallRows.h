// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTree.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// Which spans are collapsed (their descendants hidden). Operations cost O(n) at most; building the
// visible rows costs O(visible rows).
class CollapseState
{
public:
    explicit CollapseState(size_t spanCount = 0) : m_collapsed(spanCount, 0) {}

    bool isCollapsed(uint32_t span) const { return m_collapsed[span] != 0; }
    void setCollapsed(uint32_t span, bool collapsed) { m_collapsed[span] = collapsed ? 1 : 0; }
    void toggle(uint32_t span) { m_collapsed[span] ^= 1; }

    void expandAll();
    void collapseAll(const SpanTree& tree);
    // Spans at depth >= maxDepth with children are collapsed, the rest expanded.
    void collapseToDepth(const SpanTree& tree, uint32_t maxDepth);
    void expandSubtree(const SpanTree& tree, uint32_t span);
    void collapseSubtree(const SpanTree& tree, uint32_t span);
    // Expands every ancestor of span so that it is visible.
    void reveal(const SpanTree& tree, uint32_t span);

private:
    std::vector<uint8_t> m_collapsed;
};

// The rows the waterfall shows, top to bottom: spans in depth-first order, without the descendants
// of collapsed spans. An optional mask hides spans (filter by service): a hidden span has no row,
// and its descendants that are shown move up under the nearest shown ancestor (docs/DECISIONS.md,
// "Hiding a service"), so every row carries its depth among shown spans.
struct WaterfallRows
{
    std::vector<uint32_t> spans;
    // Under a filter only, per row (without one they are the tree's, read through depth() and
    // descendants(), so that expanding a million spans touches no more than before).
    std::vector<uint32_t> filteredDepth;
    std::vector<uint32_t> filteredDescendants;

    size_t size() const { return spans.size(); }
    // The row's indentation level (hidden ancestors do not count).
    uint32_t depth(const SpanTree& tree, size_t row) const
    {
        return filteredDepth.empty() ? tree.depth[spans[row]] : filteredDepth[row];
    }
    // Shown spans below the row when it is expanded (0: a leaf).
    uint32_t descendants(const SpanTree& tree, size_t row) const
    {
        return filteredDescendants.empty() ? tree.subtreeSize[spans[row]] - 1 : filteredDescendants[row];
    }
    // The row showing span, or -1 if it is hidden. O(log rows).
    int64_t rowOf(const SpanTree& tree, uint32_t span) const;
};

WaterfallRows visibleRows(const SpanTree& tree, const CollapseState& collapse);
// With a filter: spans where shown[span] is 0 get no row; their shown descendants do. O(n).
WaterfallRows visibleRows(const SpanTree& tree, const CollapseState& collapse,
                          const std::vector<uint8_t>& shown);

} // namespace spanscope
