// SPDX-License-Identifier: MIT
#include "TraceAnalysis.h"

#include "SelfTime.h"

namespace spanscope {

std::shared_ptr<const TraceAnalysis> analyzeTrace(TraceData data, const AnalysisOptions& options)
{
    auto analysis = std::make_shared<TraceAnalysis>();
    analysis->data = std::move(data);
    analysis->options = options;
    analysis->tree = buildSpanTree(analysis->data);
    analysis->times = effectiveTimes(analysis->data, analysis->tree);
    if (options.adjustClockSkew)
        analysis->clockSkew =
            adjustClockSkew(analysis->data, analysis->tree, analysis->times, options.maxClockSkewShiftNs);
    analysis->selfTime = computeSelfTimes(analysis->tree, analysis->times);
    analysis->criticalPath = computeCriticalPath(analysis->data, analysis->tree, analysis->times);
    analysis->errors = analyzeErrors(analysis->data, analysis->tree);
    return analysis;
}

} // namespace spanscope
