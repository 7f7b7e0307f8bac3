// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/TraceData.h"

#include <memory>

namespace spanscope {

struct AnalysisOptions
{
    bool adjustClockSkew = false;
};

// Everything the views need about one trace, computed once off the UI thread and then shared
// read-only: the data, its tree and its effective times.
struct TraceAnalysis
{
    TraceData data;
    SpanTree tree;
    SpanTimes times;
    AnalysisOptions options;
};

std::shared_ptr<const TraceAnalysis> analyzeTrace(TraceData data, const AnalysisOptions& options);

} // namespace spanscope
