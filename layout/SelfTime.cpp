// SPDX-License-Identifier: MIT
#include "SelfTime.h"

#include <algorithm>

namespace spanscope {

std::vector<int64_t> computeSelfTimes(const SpanTree& tree, const SpanTimes& times)
{
    const auto n = uint32_t(tree.size());
    std::vector<int64_t> self(n, 0);
    std::vector<uint32_t> sorted; // reused when a child list is not in effective start order
    for (uint32_t span = 0; span < n; ++span) {
        const int64_t spanStart = times.start[span];
        const int64_t spanEnd = times.end[span];
        const uint32_t* first = tree.childrenBegin(span);
        const uint32_t* last = tree.childrenEnd(span);
        // Children are in the file's start order; effective times (inherited starts, clock skew)
        // can differ, and the sweep below needs them sorted by effective start.
        const bool inOrder = std::is_sorted(
            first, last, [&](uint32_t a, uint32_t b) { return times.start[a] < times.start[b]; });
        if (!inOrder) {
            sorted.assign(first, last);
            std::stable_sort(sorted.begin(), sorted.end(),
                             [&](uint32_t a, uint32_t b) { return times.start[a] < times.start[b]; });
            first = sorted.data();
            last = sorted.data() + sorted.size();
        }
        // Sweep: reach is the end of the time covered so far, so overlapping children count once.
        int64_t covered = 0;
        int64_t reach = spanStart;
        for (const uint32_t* child = first; child != last; ++child) {
            const int64_t from = std::max(times.start[*child], reach);
            const int64_t to = std::min(times.end[*child], spanEnd);
            if (to > from) {
                covered += to - from;
                reach = to;
            }
        }
        self[span] = std::max<int64_t>(0, spanEnd - spanStart - covered);
    }
    return self;
}

} // namespace spanscope
