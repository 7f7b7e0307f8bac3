// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// Self time of every span (docs/ANALYSIS.md, "Self time"): its duration minus the union of its
// children's intervals clipped to the span, never below 0. The same number Jaeger's trace
// statistics compute (computeSelfTime), in O(n) when children are in start order (they are,
// unless the clock-skew adjustment reordered them; then O(n log n)).
std::vector<int64_t> computeSelfTimes(const SpanTree& tree, const SpanTimes& times);

} // namespace spanscope
