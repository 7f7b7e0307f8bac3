// SPDX-License-Identifier: MIT
#include "WaterfallRows.h"

#include <algorithm>

namespace spanscope {

void CollapseState::expandAll()
{
    std::fill(m_collapsed.begin(), m_collapsed.end(), 0);
}

void CollapseState::collapseAll(const SpanTree& tree)
{
    for (uint32_t span = 0; span < m_collapsed.size(); ++span)
        m_collapsed[span] = tree.childCount(span) > 0 ? 1 : 0;
}

void CollapseState::collapseToDepth(const SpanTree& tree, uint32_t maxDepth)
{
    for (uint32_t span = 0; span < m_collapsed.size(); ++span)
        m_collapsed[span] = tree.depth[span] >= maxDepth && tree.childCount(span) > 0 ? 1 : 0;
}

void CollapseState::expandSubtree(const SpanTree& tree, uint32_t span)
{
    const uint32_t first = tree.preorderIndex[span];
    for (uint32_t k = first; k < first + tree.subtreeSize[span]; ++k)
        m_collapsed[tree.preorder[k]] = 0;
}

void CollapseState::collapseSubtree(const SpanTree& tree, uint32_t span)
{
    const uint32_t first = tree.preorderIndex[span];
    for (uint32_t k = first; k < first + tree.subtreeSize[span]; ++k) {
        const uint32_t node = tree.preorder[k];
        m_collapsed[node] = tree.childCount(node) > 0 ? 1 : 0;
    }
}

void CollapseState::reveal(const SpanTree& tree, uint32_t span)
{
    for (uint32_t node = tree.parent[span]; node != SpanTree::kNone; node = tree.parent[node])
        m_collapsed[node] = 0;
}

int64_t WaterfallRows::rowOf(const SpanTree& tree, uint32_t span) const
{
    const uint32_t key = tree.preorderIndex[span];
    const auto it = std::lower_bound(spans.begin(), spans.end(), key,
                                     [&](uint32_t row, uint32_t k) { return tree.preorderIndex[row] < k; });
    if (it == spans.end() || *it != span)
        return -1;
    return it - spans.begin();
}

WaterfallRows visibleRows(const SpanTree& tree, const CollapseState& collapse)
{
    WaterfallRows rows;
    const auto n = uint32_t(tree.preorder.size());
    for (uint32_t k = 0; k < n;) {
        const uint32_t span = tree.preorder[k];
        rows.spans.push_back(span);
        k += collapse.isCollapsed(span) ? tree.subtreeSize[span] : 1;
    }
    return rows;
}

WaterfallRows visibleRows(const SpanTree& tree, const CollapseState& collapse,
                          const std::vector<uint8_t>& shown)
{
    const size_t n = tree.preorder.size();
    // Shown spans in each subtree (a backward pass: children come after their parent in preorder),
    // and each span's level: how many shown ancestors it has (a forward pass).
    std::vector<uint32_t> shownBelow(tree.parent.size(), 0);
    for (size_t k = n; k-- > 0;) {
        const uint32_t span = tree.preorder[k];
        const uint32_t parent = tree.parent[span];
        if (parent != SpanTree::kNone)
            shownBelow[parent] += shownBelow[span] + (shown[span] ? 1 : 0);
    }
    std::vector<uint32_t> level(tree.parent.size(), 0);
    WaterfallRows rows;
    for (uint32_t k = 0; k < n;) {
        const uint32_t span = tree.preorder[k];
        const uint32_t parent = tree.parent[span];
        if (parent != SpanTree::kNone)
            level[span] = level[parent] + (shown[parent] ? 1 : 0);
        if (!shown[span]) {
            ++k; // its descendants may be shown: walk into it
            continue;
        }
        rows.spans.push_back(span);
        rows.filteredDepth.push_back(level[span]);
        rows.filteredDescendants.push_back(shownBelow[span]);
        k += collapse.isCollapsed(span) ? tree.subtreeSize[span] : 1;
    }
    return rows;
}

} // namespace spanscope
