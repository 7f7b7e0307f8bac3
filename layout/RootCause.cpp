// SPDX-License-Identifier: MIT
#include "RootCause.h"

#include <algorithm>

namespace spanscope {

ErrorAnalysis analyzeErrors(const TraceData& trace, const SpanTree& tree)
{
    const auto n = uint32_t(tree.size());
    ErrorAnalysis result;
    result.errorInSubtree.assign(n, 0);
    // errorBelow[i]: some strict descendant of i is in error. Preorder backwards visits every
    // child before its parent, so one pass propagates it up without recursion.
    std::vector<uint8_t> errorBelow(n, 0);
    for (auto k = uint32_t(tree.preorder.size()); k-- > 0;) {
        const uint32_t span = tree.preorder[k];
        const bool error = isErrorSpan(trace, span);
        result.errorInSubtree[span] = uint8_t(error || errorBelow[span]);
        if (error) {
            ++result.errorCount;
            if (!errorBelow[span])
                result.rootCauses.push_back(span);
        }
        const uint32_t parent = tree.parent[span];
        if (parent != SpanTree::kNone && result.errorInSubtree[span])
            errorBelow[parent] = 1;
    }
    std::sort(result.rootCauses.begin(), result.rootCauses.end(), [&](uint32_t a, uint32_t b) {
        if (tree.depth[a] != tree.depth[b])
            return tree.depth[a] > tree.depth[b];
        if (trace.startNs[a] != trace.startNs[b])
            return trace.startNs[a] < trace.startNs[b];
        return a < b;
    });
    return result;
}

} // namespace spanscope
