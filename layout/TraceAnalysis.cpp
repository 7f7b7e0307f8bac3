// SPDX-License-Identifier: MIT
#include "TraceAnalysis.h"

namespace spanscope {

std::shared_ptr<const TraceAnalysis> analyzeTrace(TraceData data, const AnalysisOptions& options)
{
    auto analysis = std::make_shared<TraceAnalysis>();
    analysis->data = std::move(data);
    analysis->options = options;
    analysis->tree = buildSpanTree(analysis->data);
    analysis->times = effectiveTimes(analysis->data, analysis->tree);
    return analysis;
}

} // namespace spanscope
